"""The pieces every notebook display is built of: escaped header/cell rows.

Every object of the package that a notebook shows (a fact, a tuple of facts, a
registry, a metric) draws its table with :func:`rows_html`, so they look alike.
Cells are escaped by the caller: a quote holding ``<`` or ``&`` shows as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

__all__ = ["CELL_STYLE", "escape", "rows_html"]

CELL_STYLE = "text-align:left;vertical-align:top"


def rows_html(rows: Iterable[tuple[str, str]]) -> str:
    """Header/cell pairs as table rows; cells are HTML already escaped by the caller."""
    return "".join(
        f'<tr><th style="{CELL_STYLE}">{escape(head)}</th><td style="{CELL_STYLE}">{cell}</td></tr>'
        for head, cell in rows
    )
