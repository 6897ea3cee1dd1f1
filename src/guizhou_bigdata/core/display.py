"""Rich display in notebooks: facts and fact tuples as HTML, and the table pieces others use.

Jupyter calls an object's ``_repr_html_``: a fact draws its own card (with
the pieces of ``core/html.py``), and a tuple of facts is drawn here as a table. Every piece
of text from the data is escaped; an unreviewed draft says so in a "reviewed" column.

Tuples of entities, milestones and sources (:class:`EntityTuple`,
:class:`MilestoneTuple`, :class:`SourceTuple`) are tables too. A long table
shows its first :data:`HEAD_ROWS` rows and says how many there are, as pandas
does; cells wrap (:data:`WRAP_STYLE`) so no column is cut off at the page edge.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Self, SupportsIndex, TypeVar, overload

from .html import CELL_STYLE, escape
from .model import Fact, Source

if TYPE_CHECKING:  # a first fact does not import the entities (5 ms)
    from .entities import Entity, Milestone

__all__ = [
    "HEAD_ROWS",
    "MAX_ROWS",
    "WRAP_STYLE",
    "EntityTuple",
    "FactTuple",
    "MilestoneTuple",
    "SourceTuple",
    "TableTuple",
    "entities_html",
    "fact_html",
    "facts_html",
    "milestones_html",
    "records_table",
    "sources_html",
]

MAX_ROWS = 60
"""A table of more rows than this shows only its first :data:`HEAD_ROWS` (as pandas does)."""
HEAD_ROWS = 10
"""The rows a long table shows, followed by how many there are in all."""
WRAP_STYLE = f"{CELL_STYLE};white-space:normal;overflow-wrap:anywhere;word-break:break-word"
"""A cell that wraps long words and ids instead of widening (and cutting) the table."""

R = TypeVar("R")
T = TypeVar("T")
E = TypeVar("E", bound="Entity")


def records_table(
    css: str,
    noun: tuple[str, str],
    records: Sequence[R],
    heads: Sequence[str],
    cells: Callable[[R], Sequence[str]],
) -> str:
    """A table of records: a count, a header and one row each (cells already escaped).

    Shows every row up to :data:`MAX_ROWS`; beyond that the first
    :data:`HEAD_ROWS` and the count.
    """
    shown_rows = records if len(records) <= MAX_ROWS else records[:HEAD_ROWS]
    header = "".join(f'<th style="{WRAP_STYLE}">{escape(head)}</th>' for head in heads)
    body = "".join(
        "<tr>" + "".join(f'<td style="{WRAP_STYLE}">{cell}</td>' for cell in cells(r)) + "</tr>"
        for r in shown_rows
    )
    word = noun[0] if len(records) == 1 else noun[1]
    count = f"{len(records)} {word}"
    if len(shown_rows) < len(records):
        count += f", the first {len(shown_rows)} shown"
    return (
        f'<div class="guizhou-bigdata-{css}"><p>{count}</p>'
        f'<table style="table-layout:auto;max-width:100%"><thead><tr>{header}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def fact_html(fact: Fact) -> str:
    """One fact as a notebook card (what ``Fact._repr_html_`` shows)."""
    return fact._repr_html_()


def facts_html(facts: Sequence[Fact]) -> str:
    """Facts as a table, one row each (a long one: its head and its count)."""
    heads = (
        *("figure", "metric", "subject", "period", "modality", "flags"),
        *("reviewed", "source", "id"),
    )

    def row(fact: Fact) -> list[str]:
        cells = [
            escape(text)
            for text in (
                fact.figure,
                fact.metric,
                fact.subject,
                str(fact.period),
                fact.modality.value,
                ", ".join(sorted(flag.value for flag in fact.quality)),
            )
        ]
        cells.append("yes" if fact.reviewed else "<strong>no: unreviewed draft</strong>")
        cells += [escape(fact.citations[0].source.id), escape(fact.id)]
        return cells

    return records_table("facts", ("fact", "facts"), facts, heads, row)


def _sources_of(citations: Sequence[object]) -> str:
    ids = dict.fromkeys(getattr(getattr(c, "source", None), "id", "") for c in citations)
    return escape(", ".join(ids))


def entities_html(entities: Sequence[Entity]) -> str:
    """Entities as a table: id, name, Chinese name, kind, where, and their sources."""

    def row(entity: Entity) -> list[str]:
        kind = getattr(entity, "kind", None)
        kind_text = type(entity).__name__ + ("" if kind is None else f" ({kind.value})")
        where = getattr(entity, "location", None) or getattr(entity, "parent", None) or ""
        return [
            f"<code>{escape(entity.id)}</code>",
            escape(entity.name),
            escape(entity.name_zh or ""),
            escape(kind_text),
            escape(str(where)),
            _sources_of(entity.citations),
        ]

    heads = ("id", "name", "name (zh)", "kind", "in", "sources")
    return records_table("entities", ("entity", "entities"), entities, heads, row)


def milestones_html(milestones: Sequence[Milestone]) -> str:
    """Milestones as a table in their order: date, title, subjects, sources, id."""

    def row(milestone: Milestone) -> list[str]:
        return [
            escape(str(milestone.date)),
            escape(milestone.title),
            escape(", ".join(milestone.subjects)),
            _sources_of(milestone.citations),
            f"<code>{escape(milestone.id)}</code>",
        ]

    heads = ("date", "title", "subjects", "sources", "id")
    return records_table("timeline", ("milestone", "milestones"), milestones, heads, row)


def sources_html(sources: Sequence[Source]) -> str:
    """Sources as a table: id, date, publisher, title, authors."""

    def row(source: Source) -> list[str]:
        return [
            f"<code>{escape(source.id)}</code>",
            escape(str(source.published)),
            escape(source.publisher or "not stated"),
            escape(source.title),
            escape(", ".join(source.authors)),
        ]

    heads = ("id", "published", "publisher", "title", "authors")
    return records_table("sources", ("source", "sources"), sources, heads, row)


class FactTuple(tuple[Fact, ...]):
    """A tuple of facts that a notebook shows as a table; otherwise a plain tuple.

    A slice of it is a :class:`FactTuple` too (``gb.facts()[:10]`` is a table).
    """

    __slots__ = ()

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> Fact: ...

    @overload
    def __getitem__(self, index: slice, /) -> FactTuple: ...

    def __getitem__(self, index: SupportsIndex | slice, /) -> Fact | FactTuple:
        if isinstance(index, slice):
            return FactTuple(super().__getitem__(index))
        return super().__getitem__(index)

    def _repr_html_(self) -> str:
        return facts_html(self)


class TableTuple(tuple[T, ...]):
    """A tuple that a notebook shows as a table; a slice of it is one too, of its class."""

    __slots__ = ()

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> T: ...

    @overload
    def __getitem__(self, index: slice, /) -> Self: ...

    def __getitem__(self, index: SupportsIndex | slice, /) -> T | Self:
        if isinstance(index, slice):
            return type(self)(super().__getitem__(index))
        return super().__getitem__(index)


class EntityTuple(TableTuple[E]):
    """A tuple of entities that a notebook shows as a table; otherwise a plain tuple."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return entities_html(self)


class MilestoneTuple(TableTuple["Milestone"]):
    """A tuple of milestones (``gb.timeline()``) that a notebook shows as a table."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return milestones_html(self)


class SourceTuple(TableTuple[Source]):
    """A tuple of sources (``gb.sources()``) that a notebook shows as a table."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        return sources_html(self)
