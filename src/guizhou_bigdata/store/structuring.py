"""Rows of a data file into record objects with cattrs, each problem at its row and field,
and the review marks of a draft."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import cattrs

from ..core.entities import ENTITY_KINDS
from ..core.errors import shown
from ..core.model import Source
from .files import DataFile
from .problems import Collector
from .records import (
    KINDS,
    MAX_ID_LENGTH,
    format_error,
    resolving,
    shared_converter,
    valid_id,
)

__all__ = [
    "MAX_LISTED_UNREVIEWED",
    "PROPOSED_UNIT_KEY",
    "REVIEW_KEY",
    "refuse_unreviewed",
    "rows",
    "structure_rows",
]


REVIEW_KEY = "reviewed"
"""The mark of a machine-made record: ``reviewed = false`` until a person has checked it."""


PROPOSED_UNIT_KEY = "proposed_unit"
"""A draft fact's unit noun that units.txt does not define: a question for its reviewer."""


MAX_LISTED_UNREVIEWED = 10
"""Unreviewed records named per file in the refusal; the rest are counted."""


def rows(files: Iterable[DataFile], kind: str) -> Iterator[tuple[DataFile, str, dict[str, Any]]]:
    for file in files:
        rows = file.document.get(kind)
        if not isinstance(rows, list):
            continue
        for index, row in enumerate(rows):
            if isinstance(row, dict):
                name = row.get("id")
                if not isinstance(name, str):
                    named = ""
                else:  # a valid id in full; shown() cuts a longer (invalid) one short
                    named = (
                        f" (id {name!r})" if len(name) <= MAX_ID_LENGTH else f" (id {shown(name)})"
                    )
                yield file, f"{kind}[{index}]{named}", row


def structure_rows(
    files: Sequence[DataFile],
    kind: str,
    sources: Mapping[str, Source],
    out: Collector,
) -> list[tuple[str, str, Any]]:
    """Structure every row of ``kind``; return (file, location, object) for the good ones.

    Citations are resolved against ``sources``.
    """
    cls = KINDS[kind]
    structure = shared_converter().get_structure_hook(cls)  # not cattrs' dispatch per row
    done: list[tuple[str, str, Any]] = []
    seen: dict[str, tuple[str, str]] = {}
    with resolving(sources, out.hint):
        for file, location, row in rows(files, kind):
            unmarked = _take_marks(row, kind, file.label, location, out)
            if unmarked is None:
                continue
            try:
                obj = structure(unmarked, cls)
            except cattrs.BaseValidationError as exc:
                for message in format_error(exc, "$"):
                    text, _, path = message.rpartition(" @ ")
                    field = path.removeprefix("$").lstrip(".")
                    out.add(file.label, location + (f" {field}" if field else ""), text)
                out.unbuilt_row(kind, file.label, location, row)
                continue
            except (ValueError, TypeError) as exc:
                out.add(file.label, location, str(exc))
                out.unbuilt_row(kind, file.label, location, row)
                continue
            if not valid_id(obj.id):
                out.add(
                    file.label,
                    location,
                    f"id {shown(obj.id)} is not valid: use lower-case letters, digits, '_', '-' "
                    f"and '.', starting with a letter, at most {MAX_ID_LENGTH} characters",
                )
            namespace = "entity" if kind in _ENTITY_KEYS else kind
            key = f"{namespace}:{obj.id}"
            if key in seen:
                out.add(
                    file.label,
                    location,
                    f"duplicate {namespace} id {shown(obj.id)}, first in {' '.join(seen[key])}",
                )
                continue
            seen[key] = (file.label, location)
            done.append((file.label, location, obj))
    return done


def _take_marks(
    row: dict[str, Any], kind: str, file: str, location: str, out: Collector
) -> dict[str, Any] | None:
    """The row without its review marks, which are noted in ``out``; None if a mark is bad.

    ``reviewed`` may stand on a record of any kind and ``proposed_unit`` on an
    unreviewed fact: they say what a person still has to check, not what the
    record states.
    """
    if REVIEW_KEY not in row and PROPOSED_UNIT_KEY not in row:
        return row
    row = dict(row)
    mark = row.pop(REVIEW_KEY, True)
    proposed = row.pop(PROPOSED_UNIT_KEY, None) if kind == "fact" else None
    if not isinstance(mark, bool):
        out.add(file, f"{location} {REVIEW_KEY}", f"expected true or false, got {shown(mark)}")
        return None
    if not mark:
        out.unreviewed.setdefault(file, []).append(location)
        if kind == "fact" and isinstance(row.get("id"), str):
            out.unreviewed_facts.add(row["id"])
    if proposed is not None and not isinstance(proposed, str):
        out.add(
            file, f"{location} {PROPOSED_UNIT_KEY}", f"expected a string, got {shown(proposed)}"
        )
        return None
    if proposed is not None and mark:
        out.add(
            file,
            f"{location} {PROPOSED_UNIT_KEY}",
            f"a reviewed fact cannot leave its unit open: give the unit {shown(proposed)} "
            "stands for from units.txt (or keep the unit written), then delete proposed_unit",
        )
        return None
    return row


def refuse_unreviewed(out: Collector) -> None:
    """One problem per file that holds records nobody has checked yet."""
    for file, locations in out.unreviewed.items():
        count = len(locations)
        listed = ", ".join(locations[:MAX_LISTED_UNREVIEWED])
        more = count - MAX_LISTED_UNREVIEWED
        records = "record" if count == 1 else "records"
        out.add(
            file,
            "",
            f"{count} unreviewed {records} (reviewed = false): {listed}"
            + (f" and {more} more" if more > 0 else "")
            + "; a draft is not checked data: review each record and delete its "
            "'reviewed = false' (guizhou-bigdata check FILE lists what to settle), "
            "or load it as a draft with drafts=True",
        )


_ENTITY_KEYS = frozenset(kind.key for kind in ENTITY_KINDS)
"""The tables of entities, which share one id namespace."""
