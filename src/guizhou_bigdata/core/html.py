"""The pieces every notebook display is built of: escaped header/cell rows.

Every object of the package that a notebook shows (a fact, a tuple of facts, a
registry, a metric) draws its table with :func:`rows_html`, so they look alike.
Cells are escaped by the caller: a quote holding ``<`` or ``&`` shows as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from attrs import AttrsInstance

__all__ = ["CELL_STYLE", "citation_rows", "escape", "record_html", "rows_html"]

CELL_STYLE = "text-align:left;vertical-align:top"


def escape(text: str, quote: bool = True) -> str:
    """:func:`html.escape`, the same characters replaced the same way.

    Importing :mod:`html` loads its entity tables (1 to 2 ms), which no first fact
    needs, for five replacements.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text


def rows_html(rows: Iterable[tuple[str, str]]) -> str:
    """Header/cell pairs as table rows; cells are HTML already escaped by the caller."""
    return "".join(
        f'<tr><th style="{CELL_STYLE}">{escape(head)}</th><td style="{CELL_STYLE}">{cell}</td></tr>'
        for head, cell in rows
    )


class _Cited(Protocol):
    """What a card shows of a citation (:class:`~.model.Citation`, which imports this)."""

    @property
    def quote(self) -> str | None: ...
    @property
    def locator(self) -> str | None: ...
    @property
    def as_written(self) -> str | None: ...
    @property
    def says(self) -> str | None: ...
    @property
    def source(self) -> _Named: ...


class _Named(Protocol):
    @property
    def url(self) -> str | None: ...
    def cite(self) -> str: ...


def citation_rows(citation: _Cited) -> list[tuple[str, str]]:
    """A citation's rows on a card: its quote, or a reference's locator, figure as printed,
    what it says and URL; then its source."""
    rows: list[tuple[str, str]] = []
    if citation.quote is not None:
        rows.append(("quote", f"\u201c{escape(citation.quote)}\u201d"))
        if citation.locator is not None:
            rows.append(("locator", escape(citation.locator)))
    else:
        rows.append(("reference", escape(citation.locator or "")))
        rows.append(("as printed", f"\u201c{escape(citation.as_written or '')}\u201d"))
        rows.append(("says", escape(citation.says or "")))
        url = citation.source.url
        if url is not None and url.startswith(("http://", "https://")):  # never javascript:
            rows.append(("url", f'<a href="{escape(url)}">{escape(url)}</a>'))
    rows.append(("source", escape(citation.source.cite())))
    return rows


def _cell(value: object) -> str:
    """A field's value as an escaped cell: enums by value, lists joined, dates as written."""
    import enum

    if isinstance(value, enum.Enum):
        return escape(str(value.value))
    if isinstance(value, tuple | list | frozenset):
        return escape(", ".join(_plain(item) for item in value))
    return escape(str(value))


def _plain(item: object) -> str:
    import enum

    return str(item.value) if isinstance(item, enum.Enum) else str(item)


def record_html(record: AttrsInstance, title: str, css: str) -> str:
    """A card of an attrs record: every field that holds something, then each quote and source.

    Used by the records that have no card of their own (entities, milestones,
    sources), so every public object shows itself in a notebook the same way.
    """
    import attrs

    rows: list[tuple[str, str]] = []
    quotes: list[tuple[str, str]] = []
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        if value is None or value == () or field.name == "title":
            continue
        if field.name == "citations":
            for citation in value:
                quotes.extend(citation_rows(citation))
            continue
        cell = f"<code>{escape(value)}</code>" if field.name == "id" else _cell(value)
        rows.append((field.name.replace("_", " "), cell))
    return (
        f'<div class="guizhou-bigdata-{css}"><p><strong>{escape(title)}</strong></p>'
        f"<table>{rows_html([*rows, *quotes])}</table></div>"
    )
