"""Facts as rows and tables: a pandas DataFrame, and CSV, JSON, JSON Lines, Parquet
files or a Frictionless Data Package.

Every format carries the same flat columns (:data:`COLUMNS`, defined once in
:data:`~guizhou_bigdata.outputs.columns.FACTS`), one row per fact, and loses nothing:
the exact decimal, the scale word, every citation and its verbatim quote (or, for a
reference citation, its locator, figure as printed and statement) survive a round
trip. pandas and pyarrow are optional and imported only by the functions that need
them; CSV, JSON and the Data Package need neither.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Unpack, cast

from ..core.model import Fact
from .columns import FACTS, ColumnType
from .formats import EXPORT_FORMATS, FileFormat

if TYPE_CHECKING:
    import pandas as pd

    from ..store.registry import FactFilters, Registry

__all__ = ["COLUMNS", "FORMATS", "export", "fact_rows", "to_frame"]

COLUMNS: tuple[str, ...] = FACTS.names
"""The columns of :func:`fact_rows`, :func:`to_frame` and :func:`export`, in order."""

ExportFormat = Literal["csv", "json", "jsonl", "parquet", "datapackage"]
"""The names :func:`export` takes for ``format``: a misspelt one fails type checking."""
FORMATS: tuple[ExportFormat, ...] = tuple(
    cast(ExportFormat, known.name) for known in EXPORT_FORMATS
)
"""The formats :func:`export` writes (the names of ``formats.EXPORT_FORMATS``); a file's
name (``.csv`` …) names its format."""
_PANDAS_HINT = 'to_frame needs pandas: pip install "guizhou-bigdata[pandas]"'
_PANDAS_DTYPES = {
    ColumnType.STRING: "string",
    ColumnType.NUMBER: "float64",
    ColumnType.INTEGER: "Int64",
    ColumnType.BOOLEAN: "boolean",
    ColumnType.DATE: "datetime64[us]",
}


def fact_rows(facts: Iterable[Fact]) -> list[dict[str, object]]:
    """One plain dict per fact, keyed by :data:`COLUMNS` in that order.

    Values are ``str``, ``float`` (``value``), ``datetime.date`` (the date
    columns) or ``None`` (nothing: no value, no flags, no note): ready for
    ``csv``, ``json`` or a DataFrame.
    """
    return FACTS.rows(facts)


def _select(registry: Registry | None, filters: FactFilters) -> tuple[Fact, ...]:
    return _registry(registry).facts(**filters)


def _registry(registry: Registry | None) -> Registry:
    if registry is None:
        from ..store.default import default_registry

        return default_registry()
    return registry


def to_frame(*, registry: Registry | None = None, **filters: Unpack[FactFilters]) -> pd.DataFrame:
    """The facts matching the filters (see :meth:`Registry.facts`) as a DataFrame.

    Columns are :data:`COLUMNS`; the date columns (``period_start``,
    ``period_end``, ``source_published``) are ``datetime64[us]`` (a DuckDB
    ``TIMESTAMP``), ``value`` is ``float64`` (NaN when unreadable), every other
    column is pandas' ``string`` dtype (``<NA>`` for nothing). Needs the
    ``pandas`` extra.
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError(_PANDAS_HINT) from exc
    chosen = _registry(registry)
    facts = chosen.facts(**filters)
    # Each column straight into its typed array: building a frame of objects and
    # converting it (astype) took most of the time. Values are read fact by fact
    # (a fact's four interval columns share one computation), once per registry
    # (it never changes), then transposed.
    rows = [chosen.fact_row(fact, _cells) for fact in facts]
    values = zip(*rows, strict=True) if rows else ([] for _ in FACTS.columns)
    data = {
        column.name: _typed(pd, column.type, list(cells))
        for column, cells in zip(FACTS.columns, values, strict=True)
    }
    return pd.DataFrame(data, columns=list(COLUMNS), copy=False)


_GETTERS = tuple(column.value for column in FACTS.columns)


def _cells(fact: Fact) -> tuple[object, ...]:
    """A fact's row of :data:`COLUMNS`, in order."""
    return tuple(value(fact) for value in _GETTERS)


def _typed(pd: Any, type: ColumnType, values: list[object]) -> Any:
    """One column's values as the array of its pandas dtype (None: NaN, NaT or <NA>)."""
    import numpy as np

    if type is ColumnType.NUMBER:
        return np.array([np.nan if v is None else v for v in values], dtype="float64")
    if type is ColumnType.DATE:
        return np.array([np.datetime64("NaT") if v is None else v for v in values], "M8[us]")
    dtype = pd.api.types.pandas_dtype(_PANDAS_DTYPES[type])
    if type is ColumnType.STRING and getattr(dtype, "storage", None) == "pyarrow":
        import pyarrow as pa

        array = pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()))
        if array.dtype == dtype:
            return array
    return pd.array(values, dtype=dtype)


def _about(registry: Registry | None) -> dict[str, str]:
    """What names the data a file holds: the version and digest, for the bundled data.

    A registry loaded from other files has no data version, so its files carry
    only the name of the library that wrote them.
    """
    from .._version import __version__
    from ..store.default import is_default

    about = {"generator": f"guizhou-bigdata {__version__}"}
    if registry is None or is_default(registry):
        from .._version import __data_version__
        from ..store.compiled import bundled_digest

        about["data_version"] = __data_version__
        about["data_digest"] = bundled_digest()
    return about


def _format_of(path: Path, format: str | None) -> FileFormat:
    valid = ", ".join(FORMATS)
    if format is not None:
        for known in EXPORT_FORMATS:
            if format.lower() == known.name:
                return known
        raise ValueError(f"unknown export format {format!r}; valid formats: {valid}")
    name = path.name.lower()
    for known in EXPORT_FORMATS:  # a whole name first: datapackage.json is no JSON file
        if name in known.names:
            return known
    for known in EXPORT_FORMATS:
        if path.suffix.lower() in known.names:
            return known
    endings = [name for known in EXPORT_FORMATS for name in known.names if name[0] == "."]
    wholes = [
        f"{name} for a {known.title}"
        for known in EXPORT_FORMATS
        for name in known.names
        if name[0] != "."
    ]
    raise ValueError(
        f"cannot tell the export format of {str(path)!r} from its suffix "
        f"{path.suffix or '(none)'!r}; name one of {valid}, or use a "
        f"{', '.join(endings)} file name, or {', '.join(wholes)}"
    )


def _content(chosen: FileFormat, registry: Registry | None, facts: tuple[Fact, ...]) -> bytes:
    """The file's content in a one-file format."""
    rows = fact_rows(facts)
    if chosen.text is not None:
        return chosen.text(FACTS, rows).encode("utf-8")
    if chosen.binary is not None:
        return chosen.binary(FACTS, rows, _about(registry))
    raise AssertionError(f"{chosen.name} is no one-file format")


def export(
    path: str | os.PathLike[str],
    format: ExportFormat | None = None,
    *,
    registry: Registry | None = None,
    **filters: Unpack[FactFilters],
) -> Path:
    """Write the facts matching the filters to a file or a Data Package; return its path.

    ``format`` is one of :data:`FORMATS`; when omitted the file's name decides:
    ``.csv``, ``.json``, ``.jsonl`` or ``.ndjson`` (JSON Lines), ``.parquet``,
    and ``datapackage.json`` for a Frictionless Data Package (the descriptor,
    with ``facts.csv``, ``citations.csv``, ``sources.csv``, ``metrics.csv``,
    ``entities.csv`` and ``milestones.csv`` in a folder beside it named
    ``datapackage-<16 hex digits>``). CSV, JSON and the Data Package need no
    extra; Parquet needs the ``parquet`` extra (pyarrow), not pandas. In CSV, a
    text cell that a spreadsheet would run as a formula starts with ``'`` (see
    ``guizhou_bigdata.outputs.formats.spreadsheet_text``). A file is replaced whole or not at
    all, and so is a Data Package (see ``guizhou_bigdata.outputs.datapackage.write_package``).
    Writing respects the path (see :func:`~.writing.write_file`): a link is
    written through, an existing file keeps its permissions, a folder, device
    or FIFO is refused; ``"-"`` writes standard output. A Data Package's folder
    is created if it does not exist.
    """
    target = Path(path)
    chosen = _format_of(target, format)
    facts = _select(registry, filters)
    if chosen.package:
        from .datapackage import DESCRIPTOR_NAME, package_files, write_package

        if str(target) == "-":
            raise ValueError(
                "a Data Package is a folder of files and cannot go to standard output; "
                f"name its descriptor, e.g. folder/{DESCRIPTOR_NAME}"
            )
        files = package_files(
            _registry(registry), facts, _about(registry), descriptor_name=target.name
        )
        write_package(target, files)
        return target
    from ..core.writing import write_file

    return write_file(target, _content(chosen, registry, facts))
