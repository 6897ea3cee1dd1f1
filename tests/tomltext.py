"""A minimal TOML writer for tests: tomllib reads TOML but cannot write it.

It writes what the fuzz tests generate: a top level of arrays of tables, whose
rows hold strings, integers, floats (``nan`` and ``inf`` too), booleans, dates,
arrays and inline tables. :class:`Raw` splices TOML text in verbatim, for
values that cannot be built as Python objects (an integer literal of 5,000
digits, arrays nested thousands deep).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence

import attrs

__all__ = ["Raw", "Value", "dumps", "key", "value"]


@attrs.frozen
class Raw:
    """TOML text written as it is."""

    text: str


Value = (
    str
    | int
    | float
    | bool
    | dt.date
    | dt.datetime
    | Raw
    | Sequence["Value"]
    | Mapping[str, "Value"]
)

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def _string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def key(name: str) -> str:
    """A key, bare when TOML allows it, else quoted."""
    return name if _BARE_KEY.fullmatch(name) else _string(name)


def value(item: Value) -> str:
    """One value as inline TOML."""
    if isinstance(item, Raw):
        return item.text
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, str):
        return _string(item)
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        if math.isnan(item):
            return "nan"
        if math.isinf(item):
            return "inf" if item > 0 else "-inf"
        return repr(item)
    if isinstance(item, dt.datetime):
        return item.isoformat()
    if isinstance(item, dt.date):
        return item.isoformat()
    if isinstance(item, Mapping):
        return "{ " + ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items()) + " }"
    return "[" + ", ".join(value(element) for element in item) + "]"


def _is_table_array(item: Value) -> bool:
    return (
        isinstance(item, Sequence)
        and not isinstance(item, str)
        and bool(item)
        and all(isinstance(row, Mapping) for row in item)
    )


def dumps(document: Mapping[str, Value]) -> str:
    """A document: non-empty arrays of tables as ``[[kind]]`` sections, other values inline.

    Inline ``key = value`` lines come first, as TOML requires them before any
    table header.
    """
    lines = [f"{key(k)} = {value(v)}\n" for k, v in document.items() if not _is_table_array(v)]
    for kind, rows in document.items():
        if _is_table_array(rows):
            assert isinstance(rows, Sequence)
            for row in rows:
                assert isinstance(row, Mapping)
                body = "".join(f"{key(k)} = {value(v)}\n" for k, v in row.items())
                lines.append(f"\n[[{key(kind)}]]\n{body}")
    return "".join(lines)
