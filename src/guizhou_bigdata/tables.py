"""Facts as rows and tables: a pandas DataFrame, and CSV, JSON or Parquet files.

Every format carries the same flat columns (:data:`COLUMNS`), one row per fact,
and loses nothing: the exact decimal, the scale word, every citation and its
verbatim quote survive a round trip. pandas and pyarrow are optional and
imported only by the functions that need them; CSV and JSON need neither.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Unpack

from .model import Fact

if TYPE_CHECKING:
    import pandas as pd

    from .registry import FactFilters, Registry

__all__ = ["COLUMNS", "FORMATS", "export", "fact_rows", "to_frame"]

COLUMNS: tuple[str, ...] = (
    "id",
    "subject",
    "metric",
    "period",
    "period_start",
    "period_end",
    "value",
    "unit",
    "value_exact",
    "stated_value",
    "scale",
    "as_written",
    "bound",
    "modality",
    "rank",
    "quality",
    "reviewed",
    "note",
    "period_note",
    "derived_from",
    "method",
    "source",
    "quote",
    "source_title",
    "source_publisher",
    "source_published",
    "citations",
)
"""The columns of :func:`fact_rows`, :func:`to_frame` and :func:`export`, in order."""

ExportFormat = Literal["csv", "json", "parquet"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "json", "parquet")
"""The file formats :func:`export` writes; a file's suffix (``.csv`` …) names its format."""

_DATE_COLUMNS = frozenset({"period_start", "period_end"})
_FLOAT_COLUMNS = frozenset({"value"})
_PANDAS_HINT = 'to_frame needs pandas: pip install "guizhou-bigdata[pandas]"'
_PARQUET_HINT = 'writing Parquet needs pyarrow: pip install "guizhou-bigdata[parquet]"'


def _row(fact: Fact) -> dict[str, object]:
    first = fact.citations[0]
    magnitude = fact.magnitude
    citations = [{"source": c.source.id, "quote": c.quote} for c in fact.citations]
    row: dict[str, object] = {
        "id": fact.id,
        "subject": fact.subject,
        "metric": fact.metric,
        "period": str(fact.period),
        "period_start": fact.period.start,
        "period_end": fact.period.end,
        "value": None if magnitude is None else float(magnitude),
        "unit": fact.unit,
        "value_exact": None if magnitude is None else format(magnitude, "f"),
        "stated_value": None if fact.value is None else str(fact.value),
        "scale": None if fact.scale is None else fact.scale.value,
        "as_written": fact.as_written,
        "bound": fact.bound.value,
        "modality": fact.modality.value,
        "rank": fact.rank.value,
        "quality": ",".join(sorted(flag.value for flag in fact.quality)),
        "reviewed": "true" if fact.reviewed else "false",
        "note": fact.note,
        "period_note": fact.period_note,
        "derived_from": ",".join(fact.derived_from),
        "method": fact.method,
        "source": first.source.id,
        "quote": first.quote,
        "source_title": first.source.title,
        "source_publisher": first.source.publisher,
        "source_published": str(first.source.published),
        "citations": json.dumps(citations, ensure_ascii=False),
    }
    return row


def fact_rows(facts: Iterable[Fact]) -> list[dict[str, object]]:
    """One plain dict per fact, keyed by :data:`COLUMNS` in that order.

    Values are ``str``, ``float`` (``value``), ``datetime.date`` (the period's
    ends) or ``None`` (missing): ready for ``csv``, ``json`` or a DataFrame.
    """
    return [_row(fact) for fact in facts]


def _select(registry: Registry | None, filters: FactFilters) -> tuple[Fact, ...]:
    if registry is None:
        from ._default import default_registry

        registry = default_registry()
    return registry.facts(**filters)


def to_frame(*, registry: Registry | None = None, **filters: Unpack[FactFilters]) -> pd.DataFrame:
    """The facts matching the filters (see :meth:`Registry.facts`) as a DataFrame.

    Columns are :data:`COLUMNS`; ``period_start`` and ``period_end`` are
    ``datetime64[us]`` (a DuckDB ``TIMESTAMP``, a Parquet ``timestamp[us]``),
    ``value`` is ``float64`` (NaN when unreadable), every other column is
    pandas' ``string`` dtype. Needs the ``pandas`` extra.
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError(_PANDAS_HINT) from exc
    facts = _select(registry, filters)
    frame = pd.DataFrame(fact_rows(facts), columns=list(COLUMNS))
    dtypes = {
        name: "datetime64[us]"
        if name in _DATE_COLUMNS
        else "float64"
        if name in _FLOAT_COLUMNS
        else "string"
        for name in COLUMNS
    }
    return frame.astype(dtypes)


def _text(value: object) -> str:
    """A cell as text: ISO dates, the shortest exact float repr, '' for missing."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _csv_text(rows: Sequence[dict[str, object]]) -> str:
    """UTF-8 CSV text with a header row; an empty cell is a missing value."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_text(row[name]) for name in COLUMNS])
    return buffer.getvalue()


def _json_value(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _json_text(rows: Sequence[dict[str, object]]) -> str:
    """A JSON list of objects with keys in :data:`COLUMNS` order; dates as ISO text."""
    objects = [{name: _json_value(row[name]) for name in COLUMNS} for row in rows]
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"


def _parquet_bytes(rows: Sequence[dict[str, object]]) -> bytes:
    """Parquet bytes: text as ``string``, ``value`` as ``double``, period ends as ``date32``."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise ImportError(_PARQUET_HINT) from exc
    fields = [
        pa.field(
            name,
            pa.date32()
            if name in _DATE_COLUMNS
            else pa.float64()
            if name in _FLOAT_COLUMNS
            else pa.string(),
        )
        for name in COLUMNS
    ]
    schema = pa.schema(fields)
    table = pa.table({name: [row[name] for row in rows] for name in COLUMNS}, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return bytes(sink.getvalue().to_pybytes())


def _format_of(path: Path, format: str | None) -> ExportFormat:
    valid = ", ".join(FORMATS)
    if format is not None:
        for known in FORMATS:
            if format.lower() == known:
                return known
        raise ValueError(f"unknown export format {format!r}; valid formats: {valid}")
    suffix = path.suffix.lower().lstrip(".")
    for known in FORMATS:
        if suffix == known:
            return known
    raise ValueError(
        f"cannot tell the export format of {str(path)!r} from its suffix "
        f"{path.suffix or '(none)'!r}; name one of {valid}, or use a .csv, .json "
        "or .parquet file name"
    )


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it over ``path``.

    A failed write leaves no half file: ``path`` is either untouched or complete.
    The temporary file is created with mode 0o666 less the umask, like ``open``.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        # Name the file the caller asked for, not the temporary one.
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def export(
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    registry: Registry | None = None,
    **filters: Unpack[FactFilters],
) -> Path:
    """Write the facts matching the filters to a CSV, JSON or Parquet file; return its path.

    ``format`` is ``"csv"``, ``"json"`` or ``"parquet"``; when omitted the file's
    suffix decides. CSV and JSON are UTF-8 and need no extra; Parquet needs the
    ``parquet`` extra (pyarrow), not pandas. The file is replaced whole or not at all.
    """
    target = Path(path)
    chosen = _format_of(target, format)
    facts = _select(registry, filters)
    rows = fact_rows(facts)
    if chosen == "csv":
        data = _csv_text(rows).encode("utf-8")
    elif chosen == "json":
        data = _json_text(rows).encode("utf-8")
    else:
        data = _parquet_bytes(rows)
    _write_atomically(target, data)
    return target
