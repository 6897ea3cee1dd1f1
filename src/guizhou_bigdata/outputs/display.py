"""Rich display in notebooks: facts, fact tuples, registries and metrics as HTML.

Jupyter calls an object's ``_repr_html_``; the methods of the model classes
hand over to the functions here. Every piece of text from the data (quotes,
notes, names) is escaped: a quote containing ``<`` or ``&`` shows as written.
An unreviewed draft fact says so where it is shown: a bold "reviewed" row and
the class ``guizhou-bigdata-unreviewed`` on a fact, a "reviewed" column in a table.

On a terminal, text from the data is shown with :func:`terminal_text`: a control
character or a bidirectional override would make the terminal show something the
data does not say (a carriage return that overwrites a figure, U+202E that turns
"2019" into "9102"), so each is shown as a visible escape such as ``\\r``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, SupportsIndex, overload

from ..core.entities import DataCentre, Event, Organisation, Place, Platform, Policy
from ..core.model import UNREVIEWED, Fact

if TYPE_CHECKING:
    from ..metrics import MetricView
    from ..store.registry import Registry

__all__ = [
    "HIDDEN",
    "MAX_ROWS",
    "FactTuple",
    "character_name",
    "fact_html",
    "facts_html",
    "metric_html",
    "registry_html",
    "terminal_text",
]

MAX_ROWS = 200
"""Rows a table shows before it says how many more there are."""

_STYLE = "text-align:left;vertical-align:top"

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""The bidirectional controls (Unicode's Bidi_Control): marks, embeddings, overrides
and isolates, which reorder what a terminal shows ("2019" shown as "9102")."""
HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
"""Characters that make a terminal show what the text does not say: C0 controls but
tab and line feed (carriage return, escape, backspace...), DEL, C1 controls (next
line, the control sequence introducer...), bidirectional controls, and the line and
paragraph separators. Data files may not hold them; the command line escapes them."""
_HIDDEN_OR_LAYOUT = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
""":data:`HIDDEN` with tab and line feed: what a one-line field of a table escapes."""

_C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION",
    "ENQUIRY", "ACKNOWLEDGE", "ALERT", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED",
    "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
    "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)  # fmt: skip
_C1_NAMES = (
    "PADDING CHARACTER", "HIGH OCTET PRESET", "BREAK PERMITTED HERE", "NO BREAK HERE", "INDEX",
    "NEXT LINE", "START OF SELECTED AREA", "END OF SELECTED AREA", "CHARACTER TABULATION SET",
    "CHARACTER TABULATION WITH JUSTIFICATION", "LINE TABULATION SET", "PARTIAL LINE FORWARD",
    "PARTIAL LINE BACKWARD", "REVERSE LINE FEED", "SINGLE SHIFT TWO", "SINGLE SHIFT THREE",
    "DEVICE CONTROL STRING", "PRIVATE USE ONE", "PRIVATE USE TWO", "SET TRANSMIT STATE",
    "CANCEL CHARACTER", "MESSAGE WAITING", "START OF GUARDED AREA", "END OF GUARDED AREA",
    "START OF STRING", "SINGLE GRAPHIC CHARACTER INTRODUCER", "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER", "STRING TERMINATOR", "OPERATING SYSTEM COMMAND",
    "PRIVACY MESSAGE", "APPLICATION PROGRAM COMMAND",
)  # fmt: skip
"""Unicode's names (aliases) of the controls, which ``unicodedata.name`` does not give."""

_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def character_name(char: str) -> str:
    """``U+000D CARRIAGE RETURN``: the code point and the name a message shows."""
    code = ord(char)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    elif 0x80 <= code <= 0x9F:
        name = _C1_NAMES[code - 0x80]
    else:
        name = unicodedata.name(char, "")
    return f"U+{code:04X} {name}".rstrip()


def _python_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unicode_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_text(text: str, *, one_line: bool = False, unicode_escapes: bool = False) -> str:
    """``text`` with every :data:`HIDDEN` character shown as an escape (``\\r``, ``\\x9b``,
    ``\\u202e``), so a terminal shows what it holds.

    Tab and line feed are kept: they are the layout of text and tables. A field of a
    one-line record (a table row) is ``one_line``: its own tabs and line feeds are
    escaped too, so data cannot add a row or a column. ``unicode_escapes`` writes
    every escape as ``\\uXXXX``, which JSON and TOML strings read back as the same
    character.
    """
    hidden = _HIDDEN_OR_LAYOUT if one_line else HIDDEN
    if hidden.search(text) is None:
        return text
    return hidden.sub(_unicode_escape if unicode_escapes else _python_escape, text)


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
