"""Rich display in notebooks: facts, fact tuples, registries and metrics as HTML.

Jupyter calls an object's ``_repr_html_``; the methods of the model classes
hand over to the functions here. Every piece of text from the data (quotes,
notes, names) is escaped: a quote containing ``<`` or ``&`` shows as written.
An unreviewed draft fact says so where it is shown: a bold "reviewed" row and
the class ``guizhou-bigdata-unreviewed`` on a fact, a "reviewed" column in a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, SupportsIndex, overload

from .entities import DataCentre, Event, Organisation, Place, Platform, Policy
from .model import UNREVIEWED, Fact

if TYPE_CHECKING:
    from .metrics import MetricView
    from .registry import Registry

__all__ = ["MAX_ROWS", "FactTuple", "fact_html", "facts_html", "metric_html", "registry_html"]

MAX_ROWS = 200
"""Rows a table shows before it says how many more there are."""

_STYLE = "text-align:left;vertical-align:top"


def _rows(rows: Iterable[tuple[str, str]]) -> str:
    """Header/cell pairs as table rows; cells are HTML already escaped by the caller."""
    return "".join(
        f'<tr><th style="{_STYLE}">{escape(head)}</th><td style="{_STYLE}">{cell}</td></tr>'
        for head, cell in rows
    )


def _flags(fact: Fact) -> str:
    return ", ".join(sorted(flag.value for flag in fact.quality))


def fact_html(fact: Fact) -> str:
    """One fact: the figure, what it is, its bound, modality, period, flags and quotes."""
    rows: list[tuple[str, str]] = []
    if not fact.reviewed:
        rows.append(("reviewed", f"<strong>{escape(UNREVIEWED)}</strong>"))
    rows += [
        ("metric", escape(fact.metric)),
        ("subject", escape(fact.subject)),
        ("period", escape(str(fact.period))),
        ("bound", escape(fact.bound.value)),
        ("modality", escape(fact.modality.value)),
        ("rank", escape(fact.rank.value)),
    ]
    if fact.as_written is not None:
        rows.append(("as printed", escape(fact.as_written)))
    if fact.quality:
        note = f": {escape(fact.note)}" if fact.note else ""
        rows.append(("flags", f"<strong>{escape(_flags(fact))}</strong>{note}"))
    elif fact.note:
        rows.append(("note", escape(fact.note)))
    if fact.derived_from:
        rows.append(("derived from", escape(", ".join(fact.derived_from))))
        if fact.method:
            rows.append(("method", escape(fact.method)))
    for citation in fact.citations:
        rows.append(("quote", f"\u201c{escape(citation.quote)}\u201d"))
        rows.append(("source", escape(citation.source.cite())))
    rows.append(("id", f"<code>{escape(fact.id)}</code>"))
    classes = "guizhou-bigdata-fact" + ("" if fact.reviewed else " guizhou-bigdata-unreviewed")
    return (
        f'<div class="{classes}"><p><strong>{escape(fact.figure)}</strong></p>'
        f"<table>{_rows(rows)}</table></div>"
    )


def facts_html(facts: Sequence[Fact]) -> str:
    """Facts as a table, one row each (at most :data:`MAX_ROWS`)."""
    heads = (
        *("figure", "metric", "subject", "period", "modality", "flags"),
        *("reviewed", "source", "id"),
    )
    header = "".join(f'<th style="{_STYLE}">{head}</th>' for head in heads)
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
                _flags(fact),
            )
        ]
        cells.append("yes" if fact.reviewed else "<strong>no: unreviewed draft</strong>")
        cells += [escape(fact.citations[0].source.id), escape(fact.id)]
        body.append("<tr>" + "".join(f'<td style="{_STYLE}">{c}</td>' for c in cells) + "</tr>")
    more = len(facts) - MAX_ROWS
    noun = "fact" if len(facts) == 1 else "facts"
    shown = f"{len(facts)} {noun}" + (f", the first {MAX_ROWS} shown" if more > 0 else "")
    return (
        f'<div class="guizhou-bigdata-facts"><p>{shown}</p>'
        f"<table><thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


_ENTITY_ROWS = (
    ("places", Place),
    ("organisations", Organisation),
    ("data centres", DataCentre),
    ("platforms", Platform),
    ("events", Event),
    ("policies", Policy),
)
"""The count rows of a registry's entities: label and kind."""


def registry_html(registry: Registry) -> str:
    """What a registry holds: counts, and its sources."""
    entities = registry.entities()
    counts = [
        ("facts", str(len(registry.facts()))),
        ("metrics", str(len(registry.metrics()))),
        *((label, str(sum(isinstance(e, kind) for e in entities))) for label, kind in _ENTITY_ROWS),
        ("milestones", str(len(registry.timeline()))),
    ]
    sources = "".join(f"<li>{escape(source.cite())}</li>" for source in registry.sources())
    return (
        f'<div class="guizhou-bigdata-registry"><p><strong>Registry</strong></p>'
        f"<table>{_rows(counts)}</table>"
        f"<p>{len(registry.sources())} sources:</p><ul>{sources}</ul></div>"
    )


def metric_html(view: MetricView) -> str:
    """A metric: label, kind, unit, basis, subjects, years, and its preferred series."""
    metric = view.metric
    facts = view.registry.facts(metric=metric.id)
    subjects = sorted({fact.subject for fact in facts})
    years = sorted({fact.period.end.year for fact in facts})
    rows = [
        ("id", f"<code>{escape(metric.id)}</code>"),
        ("kind", escape(metric.kind.value)),
        ("unit", escape(metric.unit)),
    ]
    if metric.basis is not None:
        rows.append(("growth basis", escape(metric.basis.value)))
    if metric.description:
        rows.append(("description", escape(metric.description)))
    rows.append(("subjects", escape(", ".join(subjects)) or "none"))
    if metric.default_subject is not None:
        rows.append(("default subject", escape(metric.default_subject)))
    rows.append(("years", escape(", ".join(map(str, years))) or "none"))
    rows.append(("statements", str(len(facts))))
    series = ""
    if metric.default_subject is not None or len(subjects) == 1:
        preferred = view.series()
        series = f"<p>Preferred series ({escape(view.registry.default_subject(metric.id))}):</p>"
        series += facts_html(preferred)
    return (
        f'<div class="guizhou-bigdata-metric"><p><strong>{escape(metric.label)}</strong></p>'
        f"<table>{_rows(rows)}</table>{series}</div>"
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
