"""Every file format read by the tools users read it with: pandas, polars, pyarrow, DuckDB.

Each reader is called as docs/exports.md shows it: with no options, except that
type-guessing readers of CSV (and pandas' JSON reader) are told which columns are
text, because "208542000000.000" and "2018" look like numbers to them, pyarrow's
CSV reader that an empty cell is null, and polars' JSON readers to look at every
row before settling a column's type.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.outputs.columns import FACTS, NUMERIC_TEXT, ColumnType
from guizhou_bigdata.outputs.tables import COLUMNS, export

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
duckdb = pytest.importorskip("duckdb")

import pyarrow.csv as pa_csv  # noqa: E402
import pyarrow.json as pa_json  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

GDP_2013 = "guiyang.gdp.2013.beltandroad"
GARBLED = "guizhou.electricity_service_cases_handled_online.2023-10.cns"
TEXT = NUMERIC_TEXT
"""The text columns whose values can look like numbers (docs/exports.md names them)."""
FACTS_BY_NAME = {column.name: column for column in FACTS.columns}
DATES = tuple(column.name for column in FACTS.columns if column.type is ColumnType.DATE)

Rows = list[dict[str, Any]]


def pandas_rows(frame: Any) -> Rows:
    rows: Rows = frame.to_dict("records")
    return rows


def duckdb_rows(query: str) -> tuple[Rows, dict[str, str]]:
    relation = duckdb.sql(query)
    names = relation.columns
    types = dict(zip(names, (str(kind) for kind in relation.types), strict=True))
    return [dict(zip(names, row, strict=True)) for row in relation.fetchall()], types


def read_pandas(path: Path) -> tuple[Rows, dict[str, str]]:
    text = dict.fromkeys(TEXT, "string")
    suffix = path.suffix
    if suffix == ".csv":
        frame = pd.read_csv(path, dtype=text)
    elif suffix == ".json":
        frame = pd.read_json(path, dtype=text)
    elif suffix == ".jsonl":
        frame = pd.read_json(path, lines=True, dtype=text)
    else:
        frame = pd.read_parquet(path)
    return pandas_rows(frame), {name: str(frame[name].dtype) for name in frame.columns}


def read_polars(path: Path) -> tuple[Rows, dict[str, str]]:
    suffix = path.suffix
    if suffix == ".csv":
        overrides = dict.fromkeys(TEXT, pl.String)
        frame = pl.read_csv(path, try_parse_dates=True, schema_overrides=overrides)
    elif suffix == ".json":
        # polars' JSON readers lose the order of more than 32 columns (polars issue
        # 23023): selecting the columns by name restores it, as the docs say.
        frame = pl.read_json(path, infer_schema_length=None).select(COLUMNS)
    elif suffix == ".jsonl":
        frame = pl.read_ndjson(path, infer_schema_length=None).select(COLUMNS)
    else:
        frame = pl.read_parquet(path)
    return frame.to_dicts(), {name: str(kind) for name, kind in frame.schema.items()}


def read_pyarrow(path: Path) -> tuple[Rows, dict[str, str]]:
    suffix = path.suffix
    if suffix == ".csv":
        # pyarrow reads an empty text cell as '' unless told that strings can be null.
        options = pa_csv.ConvertOptions(
            column_types=dict.fromkeys(TEXT, pa.string()), strings_can_be_null=True
        )
        table = pa_csv.read_csv(path, convert_options=options)
    elif suffix == ".jsonl":
        table = pa_json.read_json(path)
    else:
        table = pq.read_table(path)
    return table.to_pylist(), {field.name: str(field.type) for field in table.schema}


def read_duckdb(path: Path) -> tuple[Rows, dict[str, str]]:
    suffix = path.suffix
    if suffix == ".csv":
        types = ", ".join(f"'{name}': 'VARCHAR'" for name in TEXT)
        return duckdb_rows(f"select * from read_csv('{path}', types = {{{types}}})")
    return duckdb_rows(f"select * from '{path}'")


READERS: dict[str, tuple[Callable[[Path], tuple[Rows, dict[str, str]]], tuple[str, ...]]] = {
    "pandas": (read_pandas, ("csv", "json", "jsonl", "parquet")),
    "polars": (read_polars, ("csv", "json", "jsonl", "parquet")),
    # pyarrow reads JSON Lines, not a JSON array: that is what the .jsonl export is for.
    "pyarrow": (read_pyarrow, ("csv", "jsonl", "parquet")),
    "duckdb": (read_duckdb, ("csv", "json", "jsonl", "parquet")),
}
CASES = [(reader, format) for reader, (_, formats) in READERS.items() for format in formats]

# The readers that type a date column as a date by themselves (the others give ISO text).
NATIVE_DATES = {
    ("polars", "csv"): "Date",
    ("polars", "parquet"): "Date",
    ("pyarrow", "csv"): "date32[day]",
    ("pyarrow", "jsonl"): "timestamp[s]",
    ("pyarrow", "parquet"): "date32[day]",
    ("duckdb", "csv"): "DATE",
    ("duckdb", "json"): "DATE",
    ("duckdb", "jsonl"): "DATE",
    ("duckdb", "parquet"): "DATE",
    ("pandas", "parquet"): "object",  # datetime.date objects
}


def missing(value: object) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        assert value.time() == dt.time(0), value
        return value.date()
    if isinstance(value, dt.date):
        return value
    assert isinstance(value, str), value
    assert len(value) == 10, value  # a whole ISO date, never "2022" or "2023-10"
    return dt.date.fromisoformat(value)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    return {name: export(folder / f"facts.{name}") for name in ("csv", "json", "jsonl", "parquet")}


@pytest.mark.parametrize(("reader", "format"), CASES)
def test_each_reader_reads_each_format_as_the_facts_are(
    reader: str, format: str, files: dict[str, Path], registry: gb.Registry
) -> None:
    rows, types = READERS[reader][0](files[format])
    facts = registry.facts()
    assert list(types) == list(COLUMNS)
    assert [row["id"] for row in rows] == [fact.id for fact in facts]
    for row, fact in zip(rows, facts, strict=True):
        magnitude = fact.magnitude
        # Exact decimals come back as the same text, never as floats.
        if magnitude is None:
            assert missing(row["value_exact"]), (fact.id, row["value_exact"])
            assert missing(row["value"])
        else:
            assert row["value_exact"] == format_decimal(magnitude), fact.id
            assert Decimal(row["value_exact"]) == magnitude
            assert row["value"] == float(magnitude)
        if fact.value is None:
            assert missing(row["stated_value"])
        else:
            assert row["stated_value"] == str(fact.value)
        assert row["period"] == str(fact.period)
        assert as_date(row["period_start"]) == fact.period.start
        assert as_date(row["period_end"]) == fact.period.end
        published = fact.citations[0].source.published
        assert as_date(row["source_published"]) == published.start
        assert row["source_published_precision"] == published.precision.value
        # Nothing is null: no flags, no inputs, no note are the same missing value.
        assert missing(row["quality"]) == (not fact.quality)
        assert missing(row["derived_from"]) == (not fact.derived_from)
        assert missing(row["note"]) == (fact.note is None)
        # The interval's ends are exact decimal text too, or missing where unbounded.
        for name in ("interval_lower", "interval_upper"):
            written = FACTS_BY_NAME[name].value(fact)
            assert missing(row[name]) if written is None else row[name] == written, (fact.id, name)
    expected_date_type = NATIVE_DATES.get((reader, format))
    if expected_date_type is not None:
        assert {types[name] for name in DATES} == {expected_date_type}


def format_decimal(value: Decimal) -> str:
    return format(value, "f")


@pytest.mark.parametrize(("reader", "format"), CASES)
def test_an_unflagged_and_a_garbled_fact_read_the_same_everywhere(
    reader: str, format: str, files: dict[str, Path]
) -> None:
    rows, _ = READERS[reader][0](files[format])
    by_id = {row["id"]: row for row in rows}
    gdp, garbled = by_id[GDP_2013], by_id[GARBLED]
    assert gdp["value_exact"] == "208542000000.000"
    assert gdp["stated_value"] == "208.542"
    assert gdp["scale"] == "billion"
    assert missing(gdp["quality"])
    assert garbled["quality"] == "garbled"
    assert garbled["as_written"] == "nearly 8,36"
    assert missing(garbled["value"])
    assert missing(garbled["value_exact"])


def test_polars_parses_the_csv_dates_with_try_parse_dates_alone(files: dict[str, Path]) -> None:
    # Every date cell is a whole ISO date, so the one flag is enough, with no schema.
    frame = pl.read_csv(files["csv"], try_parse_dates=True)
    assert {str(frame.schema[name]) for name in DATES} == {"Date"}


def test_parquet_carries_the_data_version_digest_and_column_meanings(
    files: dict[str, Path],
) -> None:
    schema = pq.read_schema(files["parquet"])
    metadata = {key.decode(): value.decode() for key, value in (schema.metadata or {}).items()}
    assert metadata["data_version"] == gb.__data_version__
    assert metadata["data_digest"] == gb.data_digest()
    assert metadata["generator"] == f"guizhou-bigdata {gb.__version__}"
    described = json.loads(metadata["table_schema"])
    fields = {field["name"]: field for field in described["fields"]}
    assert list(fields) == list(COLUMNS)
    assert fields["bound"]["constraints"]["enum"] == [bound.value for bound in gb.Bound]
    for column in FACTS.columns:
        field = schema.field(column.name)
        assert (field.metadata or {})[b"description"].decode() == column.description
        assert field.nullable == (not column.required)
    types = {field.name: str(field.type) for field in schema}
    assert types["value"] == "double"
    assert types["value_exact"] == "string"
    assert {types[name] for name in DATES} == {"date32[day]"}


def test_parquet_of_other_data_claims_no_data_version(
    tmp_path: Path, registry: gb.Registry
) -> None:
    other = gb.Registry(
        sources=registry.sources(),
        metrics=registry.metrics(),
        entities=tuple(registry.entity(fact.subject) for fact in registry.facts()),
        milestones=(),
        facts=registry.facts(metric="gdp"),
    )
    path = export(tmp_path / "facts.parquet", registry=other)
    metadata = pq.read_schema(path).metadata or {}
    assert b"data_version" not in metadata
    assert b"data_digest" not in metadata
    assert b"table_schema" in metadata


def test_duckdb_reads_the_parquet_metadata(files: dict[str, Path]) -> None:
    rows = duckdb.sql(
        f"select decode(key), decode(value) from parquet_kv_metadata('{files['parquet']}')"
    ).fetchall()
    metadata = dict(rows)
    assert metadata["data_version"] == gb.__data_version__
    assert metadata["data_digest"] == gb.data_digest()


def test_a_date_of_stated_precision_is_a_date_and_its_precision(
    files: dict[str, Path], registry: gb.Registry
) -> None:
    # techcentre-2022 is dated only to the year: a whole date plus "year".
    rows, _ = read_duckdb(files["csv"])
    years = {
        (row["source"], row["source_published"], row["source_published_precision"])
        for row in rows
        if row["source_published_precision"] == "year"
    }
    dated = {s.id for s in registry.sources() if s.published.precision is gb.Precision.YEAR}
    assert {source for source, _, _ in years} == dated
    assert all(day == dt.date(int(day.year), 1, 1) for _, day, _ in years)
