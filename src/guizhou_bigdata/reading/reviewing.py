"""What a reviewer still has to settle in a draft, record by record.

A draft file (see :mod:`.drafting`) marks every machine-made record
``reviewed = false``. Reviewing is checking each record against the article,
correcting it, and deleting the mark; :func:`review` lists, for every record
still marked, the guesses and questions the draft left open, the facts whose
guesses are weakest first (rated as the drafter rates them: how well the quote
supports the metric and names the subject).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

import attrs

from ..core.errors import RegistryError
from ..store.files import expand, read_data_file
from ..store.problems import Collector
from ..store.records import KINDS
from ..store.structuring import PROPOSED_UNIT_KEY, REVIEW_KEY, rows
from .model import Confidence

if TYPE_CHECKING:
    from .guesses import Guesser

__all__ = ["Review", "ReviewItem", "review"]


@attrs.frozen
class ReviewItem:
    """One unreviewed record: where it is, what it says, and what to settle.

    ``id`` is the record's id (None for a record without one), to find it in
    the file or the loaded registry. ``confidence`` is, for a fact, its weakest
    guess: low also when it points at a metric or entity the draft proposes.
    """

    file: str
    location: str
    summary: str
    settle: tuple[str, ...]
    id: str | None = None
    confidence: Confidence | None = None

    def __str__(self) -> str:
        lines = [f"{self.file}: {self.location}: {self.summary}"]
        lines.extend(f"    - {point}" for point in self.settle)
        return "\n".join(lines)


@attrs.frozen
class Review:
    """The outcome of :func:`review`: every record still marked ``reviewed = false``."""

    items: tuple[ReviewItem, ...]

    @property
    def done(self) -> bool:
        """True when no record is left unreviewed: the files load without ``drafts=True``."""
        return not self.items

    def __str__(self) -> str:
        if self.done:
            return "Every record is reviewed: the files load as checked data."
        count = len(self.items)
        noun = "record" if count == 1 else "records"
        head = (
            f"{count} unreviewed {noun} to settle; check each against the article, "
            "correct it, then delete its 'reviewed = false':"
        )
        return "\n".join([head, *(str(item) for item in self.items)])


def review(*paths: str | os.PathLike[str]) -> Review:
    """Load ``paths`` as drafts (every other check applies) and list what is unreviewed.

    Raises :class:`~.errors.RegistryError` when the files have any problem
    other than unreviewed records.
    """
    from ..store.loading import load_registry
    from .guesses import guesser

    registry = load_registry(*paths, drafts=True)
    rows = list(_unreviewed_rows(paths))
    proposed = frozenset(
        row["id"] for _, _, kind, row in rows if kind not in ("source", "fact", "milestone")
    )
    rate = guesser(registry) if any(kind == "fact" for _, _, kind, _ in rows) else None
    items = [_item(file, location, kind, row, proposed, rate) for file, location, kind, row in rows]
    facts = [item for item in items if item.confidence is not None]
    weakest_first = iter(sorted(facts, key=_weakness))
    ordered = [next(weakest_first) if item.confidence is not None else item for item in items]
    return Review(items=tuple(ordered))


def _weakness(item: ReviewItem) -> int:
    return 0 if item.confidence is None else item.confidence.order


def _unreviewed_rows(
    paths: tuple[str | os.PathLike[str], ...],
) -> Iterator[tuple[str, str, str, Mapping[str, Any]]]:
    out = Collector()
    files = [
        read for path in paths for item in expand(path, out) if (read := read_data_file(item, out))
    ]
    if out.problems:  # the load above read the same files: it would have raised
        raise RegistryError(out.problems)
    for kind in KINDS:
        for file, location, row in rows(files, kind):
            if row.get(REVIEW_KEY) is False:
                yield file.label, location, kind, row


def _item(
    file: str,
    location: str,
    kind: str,
    row: Mapping[str, Any],
    proposed: frozenset[str],
    rate: Guesser | None,
) -> ReviewItem:
    item = _described(file, location, kind, row, proposed, rate)
    name = row.get("id")
    return attrs.evolve(item, id=name) if isinstance(name, str) else item


def _described(
    file: str,
    location: str,
    kind: str,
    row: Mapping[str, Any],
    proposed: frozenset[str],
    rate: Guesser | None,
) -> ReviewItem:
    if kind == "fact":
        sure = _confidences(row, proposed, rate)
        weakest = min(
            (Confidence.LOW if c is None else c for c in sure.values()), key=lambda c: c.order
        )
        settle = tuple(_fact_points(row, proposed, sure))
        return ReviewItem(file, location, _fact_summary(row), settle, confidence=weakest)
    if kind == "source":
        points = ["check the title, publisher and date against the article"]
        if "archive" not in row:
            points.append("name the archived text in 'archive' so quotes can be verified")
        return ReviewItem(file, location, f"source {row.get('title')!r}", tuple(points))
    if kind == "metric":
        summary = f"proposed metric {row.get('label')!r} in {row.get('unit')!r}"
        point = (
            "say what is measured (id, label, kind, description), or point its facts "
            "at a metric of the catalogue and delete this record"
        )
        return ReviewItem(file, location, summary, (point,))
    summary = f"proposed {kind} {row.get('name')!r}"
    point = (
        "give its real name, kind and citations, or point its facts at an existing "
        "entity and delete this record"
    )
    return ReviewItem(file, location, summary, (point,))


def _fact_summary(row: Mapping[str, Any]) -> str:
    unit = row.get("unit")
    if row.get("value"):
        figure = " ".join(str(part) for part in (row["value"], row.get("scale"), unit) if part)
        if row.get("as_written"):
            figure += f" (as written {row['as_written']!r})"
    else:
        figure = f"{row.get('as_written')!r}, no readable value, in {unit}"
    return f"{figure}, {row.get('bound')}, {row.get('modality')}, {row.get('period')}"


def _confidences(
    row: Mapping[str, Any], proposed: frozenset[str], rate: Guesser | None
) -> dict[str, Confidence | None]:
    """How well the quote supports the fact's metric and subject (None: a proposal)."""
    from .guesses import figure_span

    quote, unit, metric, subject = (row.get(k) for k in ("quote", "unit", "metric", "subject"))
    if (
        rate is None
        or not isinstance(quote, str)
        or not isinstance(unit, str)
        or not isinstance(metric, str)
        or not isinstance(subject, str)
    ):
        return {"metric": Confidence.LOW, "subject": Confidence.LOW}
    try:
        value = Decimal(row["value"]) if row.get("value") else None
    except (InvalidOperation, TypeError):
        value = None
    written = row.get("as_written")
    figure = figure_span(quote, written if isinstance(written, str) else None, value)
    return {
        "metric": None
        if metric in proposed
        else rate.metric_confidence(quote, figure, unit, metric, exclude=proposed),
        "subject": None if subject in proposed else rate.subject_confidence(quote, figure, subject),
    }


def _fact_points(
    row: Mapping[str, Any], proposed: frozenset[str], sure: Mapping[str, Confidence | None]
) -> Iterator[str]:
    yield f"check value, bound and modality against the quote {row.get('quote')!r}"
    for key in ("metric", "subject"):
        ref = row.get(key)
        confidence = sure.get(key)
        if ref in proposed or confidence is None:
            yield f"{key} {ref!r} is proposed by the draft: settle it"
        else:
            yield f"{key} {ref!r} is a guess ({confidence.value} confidence): confirm or correct it"
    if row.get("period_note"):
        yield f"period {row.get('period')!r}: {row['period_note']}"
    if row.get(PROPOSED_UNIT_KEY):
        yield (
            f"unit: the article counts {row[PROPOSED_UNIT_KEY]!r}, which units.txt does not "
            f"define; it is written {row.get('unit')!r}: choose the unit and delete "
            f"{PROPOSED_UNIT_KEY}"
        )
    if row.get("quality"):
        flags = ", ".join(str(flag) for flag in row["quality"])
        yield f"flagged {flags}: {row.get('note')}"
