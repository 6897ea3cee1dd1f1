"""TOML files -> checked model objects: every problem collected, nothing half-loaded.

The orchestrator of a load: the files are read by :mod:`.files`, their rows structured by
:mod:`.structuring`, the records checked against each other by :mod:`.references` and
their quotes by :mod:`.quotes`, all into one :class:`~.problems.Collector`."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.entities import ENTITY_KINDS, Entity
from ..core.errors import RegistryError, UnitError, shown
from ..core.gcpause import collector_paused
from ..core.model import Citation, Fact, Metric, Source
from ..core.units import parse_unit
from .files import (
    MAX_KEY_PARTS,
    MAX_NESTING,
    MAX_TEXT_LENGTH,
    bundled_files,
    expand,
    read_data_file,
)
from .problems import MAX_HINTS, Collector
from .quotes import MAX_QUOTE_LENGTH, check_figure, quote_problem, reference_problems
from .records import FactRecord
from .references import (
    check_archives,
    check_entities,
    check_metric_relations,
    check_metrics,
    check_unbuilt,
    need,
)
from .structuring import PROPOSED_UNIT_KEY, REVIEW_KEY, refuse_unreviewed, structure_rows

if TYPE_CHECKING:
    from .registry import Registry

__all__ = [
    "MAX_HINTS",
    "MAX_KEY_PARTS",
    "MAX_NESTING",
    "MAX_QUOTE_LENGTH",
    "MAX_TEXT_LENGTH",
    "PROPOSED_UNIT_KEY",
    "REVIEW_KEY",
    "bundled_files",
    "load_registry",
]


def load_registry(
    *paths: str | os.PathLike[str], bundled: bool = True, drafts: bool = False
) -> Registry:
    """Load and check data files; return a :class:`~.registry.Registry` or raise.

    ``paths`` are TOML files or folders of them, read after the bundled data
    when ``bundled`` is true. Every problem in every file is collected into one
    :class:`~.errors.RegistryError`. A record marked ``reviewed = false`` is
    refused unless ``drafts`` is true; then it loads with every other check, and
    its facts have ``reviewed`` False.
    """
    with collector_paused():
        return _load(paths, bundled, drafts)


def _load(paths: Sequence[str | os.PathLike[str]], bundled: bool, drafts: bool) -> Registry:
    from .registry import Registry

    out = Collector()
    items: list[Traversable | Path] = list(bundled_files()) if bundled else []
    for path in paths:
        items.extend(expand(path, out))
    files = [read for item in items if (read := read_data_file(item, out)) is not None]

    source_rows = structure_rows(files, "source", {}, out)
    sources = {obj.id: obj for _, _, obj in source_rows}
    check_archives(source_rows, out)
    metric_rows = structure_rows(files, "metric", sources, out)
    metrics = {obj.id: obj for _, _, obj in metric_rows}
    entities: dict[str, tuple[str, str, Entity]] = {}
    for kind in ENTITY_KINDS:
        for file, location, obj in structure_rows(files, kind.key, sources, out):
            if obj.id in entities:
                first = entities[obj.id]
                out.add(
                    file,
                    location,
                    f"duplicate entity id {shown(obj.id)}, first in {first[0]} {first[1]}",
                )
                continue
            entities[obj.id] = (file, location, obj)
    milestones = structure_rows(files, "milestone", sources, out)
    records = structure_rows(files, "fact", sources, out)

    by_id = {key: value[2] for key, value in entities.items()}
    check_entities(entities, by_id, out)
    for file, location, milestone in milestones:
        for subject in milestone.subjects:
            need(subject, by_id, "entity", file, f"{location} subjects", out)
    units_ok = check_metrics(metric_rows, by_id, out)
    check_metric_relations(metric_rows, metrics, units_ok, out)
    fact_ids = {record.id for _, _, record in records}
    check_unbuilt(out, sources, metrics, by_id, fact_ids)
    facts = [
        fact
        for file, location, record in records
        if (
            fact := _build_fact(
                record, file, location, sources, metrics, by_id, fact_ids, units_ok, out
            )
        )
        is not None
    ]
    if not drafts:
        refuse_unreviewed(out)
    if out.problems:
        raise RegistryError(out.problems)
    from .derive import derive_facts

    where = {record.id: (file, location) for file, location, record in records}
    for derived in derive_facts(facts, metrics):
        if derived.id in where:  # name the user's record, not the library's computation
            file, location = where[derived.id]
            out.add(
                file,
                f"{location} id",
                f"id {shown(derived.id)} is the id of a fact the library derives "
                f"({derived.method}); give this fact another id",
            )
        facts.append(derived)
    if out.problems:
        raise RegistryError(out.problems)
    return Registry(
        sources=tuple(sources.values()),
        metrics=tuple(metrics.values()),
        entities=tuple(by_id.values()),
        milestones=tuple(obj for _, _, obj in milestones),
        facts=tuple(facts),
    )


def _check_citation(
    source: Source | None,
    quote: str | None,
    locator: str | None,
    as_written: str | None,
    says: str | None,
    file: str,
    where: str,
    out: Collector,
    *,
    fact: bool,
) -> bool:
    """Check one citation of a fact in either form; False when its words cannot be checked.

    ``where`` is the record (for the fact's own citation, whose fields stand on the
    fact) or its ``more_citations[i]``; each problem names the field. ``source`` is
    None when it is unknown (reported already).
    """
    ok = True
    if quote is not None:
        if fact and says is not None:  # a citation table's own conflicts refuse its row
            out.add(
                file,
                f"{where} says",
                "a fact with a 'quote' is a quote citation and cannot also have 'says': "
                "keep the quote and delete 'says', or delete the quote to make a reference "
                "citation (with 'locator', 'as_written' and 'says')",
            )
        problem = quote_problem(quote)
        if problem is not None:
            out.add(file, where if not fact else f"{where} quote", problem)
            ok = False
        if locator == "":
            out.add(
                file,
                f"{where} locator",
                "the locator is empty: say where the quote stands, or leave it out",
            )
        return ok
    if fact and locator is None and says is None:  # neither form begun: the quote is missing
        out.add(
            file,
            f"{where} quote",
            "required field missing: 'quote', the source's sentence that states the figure; "
            "or, for a web page the project does not archive, a reference citation with "
            "'locator', 'as_written' and 'says' (and a url on its source)",
        )
        return False
    for field, problem in reference_problems(locator, as_written, says):
        out.add(file, f"{where} {field}", problem)
        ok = ok and field != "as_written"
    if source is not None and source.url is None:
        out.add(
            file,
            f"{where} source",
            f"source {shown(source.id)} has no url: a reference citation (one without "
            "'quote') points into a web page, so its [[source]] needs "
            "url = \"https://...\"; or cite a 'quote' of an archived text",
        )
    return ok


@functools.lru_cache(maxsize=4096)
def _same_dimension(unit: str, expected: str) -> bool:
    """Whether two (valid) unit strings measure the same thing; asked once per pair."""
    return bool(parse_unit(unit).dimensionality == parse_unit(expected).dimensionality)


def _build_fact(
    record: FactRecord,
    file: str,
    location: str,
    sources: Mapping[str, Source],
    metrics: Mapping[str, Metric],
    entities: Mapping[str, Entity],
    fact_ids: set[str],
    units_ok: Mapping[str, bool],
    out: Collector,
) -> Fact | None:
    before = len(out.problems)

    def here(field: str) -> str:
        return f"{location} {field}"

    need(record.subject, entities, "subject", file, here("subject"), out)
    metric_ok = need(record.metric, metrics, "metric", file, here("metric"), out)
    source_ok = need(record.source, sources, "source", file, here("source"), out)
    for extra in record.more_citations:  # a source whose own row failed adds no problem here
        source_ok = need(extra.source, sources, "source", file, here("more_citations"), out) and (
            source_ok
        )
    for ref in record.derived_from:
        need(ref, fact_ids, "fact", file, here("derived_from"), out)
    if record.derived_from and not record.method:
        out.add(file, here("method"), "a derived fact must say how it was computed")
    try:
        parse_unit(record.unit)
    except UnitError as exc:
        out.add(file, here("unit"), str(exc))
    else:
        if metric_ok and units_ok.get(record.metric):
            metric = metrics[record.metric]
            if not _same_dimension(record.unit, metric.unit):
                out.add(
                    file,
                    here("unit"),
                    f"unit {record.unit!r} does not fit metric {shown(metric.id)}, whose unit is "
                    f"{metric.unit!r}",
                )
    # Quotes first: Citation refuses an empty one, and an over-long one is not searched.
    quote_ok = _check_citation(
        sources.get(record.source),
        record.quote,
        record.locator,
        record.as_written,
        record.says,
        file,
        location,
        out,
        fact=True,
    )
    for index, extra in enumerate(record.more_citations):
        _check_citation(
            sources.get(extra.source),
            extra.quote,
            extra.locator,
            extra.as_written,
            extra.says,
            file,
            here(f"more_citations[{index}]"),
            out,
            fact=False,
        )
    if quote_ok:
        # A unit of its own ("Gyuan") may carry the scale; the metric's unit cannot.
        in_metric_unit = metric_ok and record.unit == metrics[record.metric].unit
        kind = metrics[record.metric].kind.value if metric_ok else None
        check_figure(record, file, location, out, in_metric_unit=in_metric_unit, kind=kind)
    if record.quality and not record.note:
        out.add(file, here("note"), "a flagged fact must give the reason in its note")
    if len(out.problems) > before or not source_ok:
        return None
    citations = (
        Citation(
            source=sources[record.source],
            quote=record.quote,
            locator=record.locator,
            as_written=record.as_written if record.quote is None else None,
            says=record.says,
        ),
        *(
            Citation(
                source=sources[c.source],
                quote=c.quote,
                locator=c.locator,
                as_written=c.as_written,
                says=c.says,
            )
            for c in record.more_citations
        ),
    )
    return Fact(
        id=record.id,
        metric=record.metric,
        subject=record.subject,
        period=record.period,
        value=record.value,
        unit=record.unit,
        bound=record.bound,
        modality=record.modality,
        citations=citations,
        scale=record.scale,
        as_written=record.as_written,
        quality=frozenset(record.quality),
        rank=record.rank,
        note=record.note,
        period_note=record.period_note,
        derived_from=record.derived_from,
        method=record.method,
        reviewed=record.id not in out.unreviewed_facts,
    )
