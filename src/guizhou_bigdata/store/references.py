"""Cross-record checks: every id a record names exists, and is of the kind it must be."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping

from ..core.entities import ENTITY_KINDS, Entity, entity_kind
from ..core.errors import UnitError, shown
from ..core.model import Metric, Source, archive_problem, url_problem
from ..core.units import parse_amount, parse_unit
from .problems import Collector
from .quotes import check_quotes, quote_problem

__all__ = [
    "check_archives",
    "check_entities",
    "check_metric_relations",
    "check_metrics",
    "check_unbuilt",
    "need",
]


_REFERENCES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "fact": (("metric", "metric"), ("subject", "subject"), ("source", "source"),
             ("derived_from", "fact")),
    "metric": (("default_subject", "entity"), ("part_of", "metric"), ("compared_with", "metric"),
               ("growth_of", "metric"), ("ratio_of", "metric"), ("compound_of", "metric")),
    **{kind.key: kind.references for kind in ENTITY_KINDS},
    "milestone": (("subjects", "entity"),),
}  # fmt: skip
"""The fields of each kind that name another record, and what they name."""


def _ids_by_kind(entities: Mapping[str, Entity]) -> dict[str, set[str]]:
    """The ids of each kind of entity, by the kind's key: what a reference may name."""
    ids: dict[str, set[str]] = {kind.key: set() for kind in ENTITY_KINDS}
    for key, obj in entities.items():
        ids[entity_kind(type(obj)).key].add(key)
    return ids


_LANGUAGE = re.compile(r"[a-z]{2}")
"""An ISO 639-1 language code: two lower-case letters ('en', 'zh')."""


def check_archives(rows: Iterable[tuple[str, str, Source]], out: Collector) -> None:
    """An archive names a file inside the sources folder: no absolute path, no '..'; a
    url is an http(s) address; a language is an ISO 639-1 code."""
    for file, location, source in rows:
        why = None if source.archive is None else archive_problem(source.archive)
        if why is not None:
            out.add(file, f"{location} archive", f"archive {shown(source.archive)} {why}")
        why = None if source.url is None else url_problem(source.url)
        if why is not None:
            out.add(file, f"{location} url", f"url {shown(source.url)} {why}")
        if source.language is not None and _LANGUAGE.fullmatch(source.language) is None:
            out.add(
                file,
                f"{location} language",
                f"language {shown(source.language)} is not an ISO 639-1 code: write two "
                "lower-case letters, such as 'en' or 'zh'",
            )


def check_unbuilt(
    out: Collector,
    sources: Mapping[str, Source],
    metrics: Mapping[str, Metric],
    entities: Mapping[str, Entity],
    fact_ids: Collection[str],
) -> None:
    """Check what can be checked of rows that did not structure: references, units, quotes."""
    known: Mapping[str, Collection[str]] = {
        "metric": metrics,
        "subject": entities,
        "entity": entities,
        "source": sources,
        "fact": fact_ids,
        **_ids_by_kind(entities),
    }
    for kind, file, location, row in out.unbuilt:
        for field, what in _REFERENCES.get(kind, ()):
            value = row.get(field)
            refs = value if isinstance(value, list) else [value]
            for ref in refs:
                if isinstance(ref, str):
                    need(ref, known[what], what, file, f"{location} {field}", out)
        if kind != "fact":
            continue
        unit = row.get("unit")
        if isinstance(unit, str):
            try:
                parse_unit(unit)
            except UnitError as exc:
                out.add(file, f"{location} unit", str(exc))
        quotes = [("quote", row.get("quote"))]
        extra = row.get("more_citations")
        for index, citation in enumerate(extra if isinstance(extra, list) else []):
            if isinstance(citation, dict):
                source = citation.get("source")
                if isinstance(source, str):
                    need(source, sources, "source", file, f"{location} more_citations", out)
                quotes.append((f"more_citations[{index}]", citation.get("quote")))
        for field, quote in quotes:
            problem = quote_problem(quote) if isinstance(quote, str) else None
            if problem is not None:
                out.add(file, f"{location} {field}", problem)


def need(
    ref: str | None, known: Collection[str], what: str, file: str, where: str, out: Collector
) -> bool:
    if ref is None or ref in known:
        return True
    if ref in out.phantoms:
        return False  # it names a record whose own problems are reported
    out.add(file, where, f"unknown {what} {shown(ref)}{out.hint(ref, known)}")
    return False


def check_entities(
    entities: Mapping[str, tuple[str, str, Entity]], by_id: Mapping[str, Entity], out: Collector
) -> None:
    known: dict[str, Collection[str]] = {"entity": by_id, **_ids_by_kind(by_id)}
    for file, location, obj in entities.values():
        for field, what in entity_kind(type(obj)).references:
            need(getattr(obj, field), known[what], what, file, f"{location} {field}", out)
        check_quotes(obj.citations, file, f"{location} citations", out)
    _check_names(entities, out)


def _check_names(entities: Mapping[str, tuple[str, str, Entity]], out: Collector) -> None:
    """A name or alias names one entity: "Cloud Guizhou" cannot be a company and a platform."""
    owners: dict[str, set[str]] = defaultdict(set)
    for _, _, obj in entities.values():
        for name in (obj.name, *obj.aliases):
            owners[name.casefold()].add(obj.id)
    for file, location, obj in entities.values():
        for index, alias in enumerate(obj.aliases):
            others = sorted(owners[alias.casefold()] - {obj.id})
            if others:
                out.add(
                    file,
                    f"{location} aliases[{index}]",
                    f"alias {shown(alias)} also names {', '.join(map(shown, others))}; "
                    "a name or alias may name one entity only",
                )


def check_metrics(
    rows: Iterable[tuple[str, str, Metric]], by_id: Mapping[str, Entity], out: Collector
) -> dict[str, bool]:
    units_ok: dict[str, bool] = {}
    for file, where, metric in rows:
        if not metric.id.isidentifier():
            out.add(
                file, where, "a metric id must be a Python identifier (it names gb.metrics.<id>)"
            )
        need(metric.default_subject, by_id, "entity", file, f"{where} default_subject", out)
        try:
            parse_unit(metric.unit)
            units_ok[metric.id] = True
        except UnitError as exc:
            out.add(file, f"{where} unit", str(exc))
            units_ok[metric.id] = False
    return units_ok


def check_metric_relations(
    rows: Iterable[tuple[str, str, Metric]],
    metrics: Mapping[str, Metric],
    units_ok: Mapping[str, bool],
    out: Collector,
) -> None:
    """A relation names a metric of the catalogue; a plausibility bound fits the metric."""
    for file, where, metric in rows:
        for field in ("part_of", "compared_with", "growth_of", "compound_of"):
            need(getattr(metric, field), metrics, "metric", file, f"{where} {field}", out)
        for index, ref in enumerate(metric.ratio_of):
            need(ref, metrics, "metric", file, f"{where} ratio_of[{index}]", out)
        if metric.ratio_of and len(metric.ratio_of) != 2:
            out.add(
                file,
                f"{where} ratio_of",
                f"ratio_of names {len(metric.ratio_of)} metrics: give two, the part and the "
                "whole (ratio_of = ['digital_economy_output', 'gdp'])",
            )
        if metric.max_plausible is not None and units_ok.get(metric.id):
            try:
                parse_amount(metric.max_plausible, metric.unit)
            except UnitError as exc:
                out.add(file, f"{where} max_plausible", str(exc))
