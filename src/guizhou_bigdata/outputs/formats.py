"""Rows of a :class:`~.columns.Table` as CSV, JSON, JSON Lines or Parquet content.

These functions produce text or bytes and write nothing: writing a file is the
caller's business. Each format follows the table's column types: dates as ISO
text (Parquet ``date32``), numbers as numbers, exact decimals as text, and every
missing value as the format's one null (an empty CSV cell). pyarrow is imported
only for Parquet.

CSV is the one format a spreadsheet opens, and a spreadsheet runs a cell that
starts like a formula (``=HYPERLINK(...)``, ``+SUM(...)``, ``@SUM(...)``). Every
CSV cell of a text column (:attr:`~.columns.Column.text`) that starts with one of
:data:`FORMULA_STARTS`, or with ``'`` itself, is therefore written with a
leading ``'`` (:func:`spreadsheet_text`); removing one leading ``'`` from each
text cell gives back the exact text. JSON, JSON Lines and Parquet are exact.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from .columns import Column, ColumnType, Table

__all__ = [
    "EXPORT_FORMATS",
    "FORMULA_STARTS",
    "GUARD",
    "FileFormat",
    "csv_text",
    "export_format",
    "json_lines_text",
    "json_text",
    "parquet_bytes",
    "spreadsheet_text",
    "table_schema",
]

_PARQUET_HINT = 'writing Parquet needs pyarrow: pip install "guizhou-bigdata[parquet]"'

Rows = Sequence[Mapping[str, object]]

FORMULA_STARTS: tuple[str, ...] = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
    "\uff1d",
    "\uff0b",
    "\uff0d",
    "\uff20",
)
"""First characters that make a spreadsheet read a CSV cell as a formula: ``=``,
``+``, ``-``, ``@``, tab and carriage return (OWASP's list), and the full-width
＝ ＋ － ＠ that spreadsheets in East Asian locales may take for them."""

GUARD = "'"
"""What is written before a text cell that starts with one of :data:`FORMULA_STARTS`
(or with ``'``, so that removing one leading ``'`` is always exact)."""

_GUARDED_STARTS = (*FORMULA_STARTS, GUARD)


def _cell(value: object) -> str:
    """A CSV cell: ISO dates, ``true``/``false``, the shortest exact float repr, '' for null."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def spreadsheet_text(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs: ``'`` first when it starts like a formula.

    Text that starts with ``'`` gets one more, so the rule a reader applies is
    simply "remove one leading ``'``".
    """
    return GUARD + text if text.startswith(_GUARDED_STARTS) else text


_QUOTED = re.compile(r'[,"\r\n]')


def _csv_field(cell: str) -> str:
    """A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).

    Python's ``csv`` writer with LF line endings leaves a lone carriage return
    unquoted, and every reader then breaks the row there.
    """
    if _QUOTED.search(cell) is None:
        return cell
    return '"' + cell.replace('"', '""') + '"'


def csv_text(table: Table[Any], rows: Rows) -> str:
    """UTF-8 CSV text with a header row and LF line endings; an empty cell is null.

    Cells of text columns are guarded against spreadsheet formulas
    (:func:`spreadsheet_text`); numbers and decimal text are written as they are.
    """
    names = table.names
    guarded = tuple(column.text for column in table.columns)
    lines = [",".join(map(_csv_field, names))]
    for row in rows:
        cells = (_cell(row[name]) for name in names)
        lines.append(
            ",".join(
                _csv_field(spreadsheet_text(cell) if text else cell)
                for cell, text in zip(cells, guarded, strict=True)
            )
        )
    return "\n".join(lines) + "\n"


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _objects(table: Table[Any], rows: Rows) -> list[dict[str, object]]:
    names = table.names
    return [{name: _json_value(row[name]) for name in names} for row in rows]


def json_text(table: Table[Any], rows: Rows) -> str:
    """A JSON array of objects with keys in column order; dates as ISO text."""
    return json.dumps(_objects(table, rows), ensure_ascii=False, indent=2) + "\n"


def json_lines_text(table: Table[Any], rows: Rows) -> str:
    """JSON Lines: one object per line, keys in column order; dates as ISO text."""
    return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in _objects(table, rows))


def _field(column: Column[Any]) -> dict[str, object]:
    field: dict[str, object] = {
        "name": column.name,
        "type": column.type.value,
        "description": column.description,
    }
    if column.type is ColumnType.DATE:
        field["format"] = "default"  # ISO 8601 YYYY-MM-DD
    constraints: dict[str, object] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.pattern is not None:
        constraints["pattern"] = column.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def table_schema(table: Table[Any], *, foreign_keys: bool = True) -> dict[str, object]:
    """The table's Frictionless Table Schema: typed fields, constraints and keys."""
    schema: dict[str, object] = {
        "fields": [_field(column) for column in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if foreign_keys and table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": key.column,
                # A reference to the table itself is written with an empty name.
                "reference": {
                    "resource": "" if key.reference == table.name else key.reference,
                    "fields": key.reference_column,
                },
            }
            for key in table.foreign_keys
        ]
    return schema


def parquet_bytes(table: Table[Any], rows: Rows, metadata: Mapping[str, str]) -> bytes:
    """Parquet with typed columns, each described, and ``metadata`` as file key-values.

    Text is ``string``, numbers ``double``, integers ``int64``, booleans ``bool``,
    dates ``date32``. The file's key-value metadata also holds the table's
    Table Schema as JSON (key ``table_schema``), so every column's meaning travels
    with the file; each Arrow field carries its description too.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ImportError(_PARQUET_HINT) from exc
    types = {
        ColumnType.STRING: pa.string(),
        ColumnType.NUMBER: pa.float64(),
        ColumnType.INTEGER: pa.int64(),
        ColumnType.BOOLEAN: pa.bool_(),
        ColumnType.DATE: pa.date32(),
    }
    fields = [
        pa.field(
            column.name,
            types[column.type],
            nullable=not column.required,
            metadata={"description": column.description},
        )
        for column in table.columns
    ]
    described: dict[bytes | str, bytes | str] = dict(metadata.items())
    described["table_schema"] = json.dumps(
        table_schema(table, foreign_keys=False), ensure_ascii=False, sort_keys=True
    )
    schema = pa.schema(fields, metadata=described)
    arrays = {name: [row[name] for row in rows] for name in table.names}
    sink = pa.BufferOutputStream()
    pq.write_table(pa.table(arrays, schema=schema), sink)
    return bytes(sink.getvalue().to_pybytes())


@attrs.frozen
class FileFormat:
    """One format facts are exported in, declared once: ``export``, its suffixes and the
    command line's ``--format`` choices read :data:`EXPORT_FORMATS`."""

    name: str
    """What ``export(format=...)`` and ``--format`` call it."""
    title: str
    """What people call it: ``JSON Lines``."""
    names: tuple[str, ...]
    """The file names that mean it: endings (``.csv``) or a whole name (``datapackage.json``)."""
    text: Callable[[Table[Any], Rows], str] | None = None
    """Writes a table's rows as text; None for a binary format or a package."""
    binary: Callable[[Table[Any], Rows, Mapping[str, str]], bytes] | None = None
    """Writes a table's rows as bytes, with what names the data (version, digest)."""
    unicode_escapes: bool = False
    """Whether its text reads ``\\uXXXX`` back as the character (JSON does, CSV not)."""

    @property
    def package(self) -> bool:
        """A folder of tables with a descriptor (:mod:`.datapackage`), not one file."""
        return self.text is None and self.binary is None


EXPORT_FORMATS: tuple[FileFormat, ...] = (
    FileFormat("csv", "CSV", (".csv",), text=csv_text),
    FileFormat("json", "JSON", (".json",), text=json_text, unicode_escapes=True),
    FileFormat(
        "jsonl", "JSON Lines", (".jsonl", ".ndjson"), text=json_lines_text, unicode_escapes=True
    ),
    FileFormat("parquet", "Parquet", (".parquet",), binary=parquet_bytes),
    FileFormat("datapackage", "Data Package", ("datapackage.json",)),
)
"""Every export format, in the order help and errors list them: a new format is a row
here (and its writer), and its name in ``tables.ExportFormat``."""


def export_format(name: str) -> FileFormat:
    """The row of :data:`EXPORT_FORMATS` called ``name``."""
    for known in EXPORT_FORMATS:
        if known.name == name:
            return known
    valid = ", ".join(known.name for known in EXPORT_FORMATS)
    raise ValueError(f"unknown export format {name!r}; valid formats: {valid}")
