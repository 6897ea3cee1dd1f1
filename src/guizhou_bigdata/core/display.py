"""Rich display in notebooks: facts and fact tuples as HTML, and the table pieces others use.

Jupyter calls an object's ``_repr_html_``: a fact draws its own card (with
the pieces of ``core/html.py``), and a tuple of facts is drawn here as a table. Every piece
of text from the data is escaped; an unreviewed draft says so in a "reviewed" column.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import SupportsIndex, overload

from .html import CELL_STYLE
from .model import Fact

__all__ = ["MAX_ROWS", "FactTuple", "fact_html", "facts_html"]

MAX_ROWS = 200
"""Rows a table shows before it says how many more there are."""


def fact_html(fact: Fact) -> str:
    """One fact as a notebook card (what ``Fact._repr_html_`` shows)."""
    return fact._repr_html_()


def facts_html(facts: Sequence[Fact]) -> str:
    """Facts as a table, one row each (at most :data:`MAX_ROWS`)."""
    heads = (
        *("figure", "metric", "subject", "period", "modality", "flags"),
        *("reviewed", "source", "id"),
    )
    header = "".join(f'<th style="{CELL_STYLE}">{head}</th>' for head in heads)
    body = []
    for fact in facts[:MAX_ROWS]:
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
        body.append("<tr>" + "".join(f'<td style="{CELL_STYLE}">{c}</td>' for c in cells) + "</tr>")
    more = len(facts) - MAX_ROWS
    noun = "fact" if len(facts) == 1 else "facts"
    shown = f"{len(facts)} {noun}" + (f", the first {MAX_ROWS} shown" if more > 0 else "")
    return (
        f'<div class="guizhou-bigdata-facts"><p>{shown}</p>'
        f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


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
