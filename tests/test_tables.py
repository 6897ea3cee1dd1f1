"""Facts as rows, DataFrames and CSV, JSON and Parquet files that lose nothing."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import subprocess
import sys
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.outputs.tables import COLUMNS, FORMATS, export, fact_rows, to_frame

from .helpers import articles_registry

GDP_2013 = "guiyang.gdp.2013.beltandroad"
GARBLED = "guizhou.electricity_service_cases_handled_online.2023-10.cns"
DERIVED = "guiyang.gdp_nominal_growth.2014.derived"
OPTIONAL_TEXT = ("as_written", "note", "period_note", "method", "scale", "stated_value")


def rebuild(row: Mapping[str, object], registry: gb.Registry) -> gb.Fact:
    """A Fact from one exported row, read as a user reading the file would read it.

    Dates may come back as ``datetime.date`` (Parquet) or ISO text (CSV, JSON);
    nothing is None (JSON, Parquet) or an empty cell (CSV), never an empty string
    in the typed formats.
    """

    def text(name: str) -> str | None:
        value = row[name]
        assert value is None or isinstance(value, str), (name, value)
        return value or None

    citations = tuple(  # a quote's {source, quote}, or a reference's locator and words
        gb.Citation(registry.source(item.pop("source")), **item)
        for item in json.loads(str(row["citations"]))
    )
    stated = text("stated_value")
    scale = text("scale")
    quality = text("quality")
    derived_from = text("derived_from")
    lower, upper = text("interval_lower"), text("interval_upper")
    closed = (row["interval_lower_closed"], row["interval_upper_closed"])
    fact = gb.Fact(
        id=str(row["id"]),
        metric=str(row["metric"]),
        subject=str(row["subject"]),
        period=gb.Period.parse(str(row["period"])),
        value=None if stated is None else Decimal(stated),
        unit=str(row["unit"]),
        bound=gb.Bound(row["bound"]),
        modality=gb.Modality(row["modality"]),
        citations=citations,
        scale=None if scale is None else gb.Scale(scale),
        as_written=text("as_written"),
        quality=frozenset(gb.Quality(flag) for flag in quality.split(","))
        if quality
        else frozenset(),
        rank=gb.Rank(row["rank"]),
        note=text("note"),
        period_note=text("period_note"),
        derived_from=tuple(derived_from.split(",")) if derived_from else (),
        method=text("method"),
        # A boolean in JSON and Parquet; true or false in CSV.
        reviewed={"true": True, "false": False}[str(row["reviewed"]).lower()],
    )
    if fact.derived_from and fact.bound is not gb.Bound.EXACT:
        # A derived fact's interval is what its inputs allow: only the columns hold it.
        fact = attrs.evolve(
            fact,
            derived_interval=(
                None if lower is None else Decimal(lower),
                None if upper is None else Decimal(upper),
                closed[0] in (True, "true"),
                closed[1] in (True, "true"),
            ),
        )
    # The convenience columns agree with the fact they were made from.
    start, end = row["period_start"], row["period_end"]
    assert str(start) == fact.period.start.isoformat()
    assert str(end) == fact.period.end.isoformat()
    assert row["period_precision"] == fact.period.precision.value
    exact = text("value_exact")
    assert (None if exact is None else Decimal(exact)) == fact.magnitude
    value = row["value"]
    if fact.magnitude is None:
        assert value is None or value == "" or (isinstance(value, float) and math.isnan(value))
    else:
        assert float(str(value)) == float(fact.magnitude)
    first = fact.citations[0]
    assert row["source"] == first.source.id
    assert text("quote") == first.quote  # null for a reference citation
    assert row["source_title"] == first.source.title
    assert text("source_publisher") == first.source.publisher
    published = first.source.published
    assert str(row["source_published"]) == published.start.isoformat()
    assert row["source_published_precision"] == published.precision.value
    return fact


def unguarded(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """CSV rows as docs/exports.md tells a reader to take them: one leading ' removed."""
    return [
        {
            name: value[1:] if isinstance(value, str) and value.startswith("'") else value
            for name, value in row.items()
        }
        for row in rows
    ]


def assert_loss_free(rows: list[dict[str, object]], registry: gb.Registry) -> None:
    originals = registry.facts()
    assert [row["id"] for row in rows] == [fact.id for fact in originals]
    for row, original in zip(rows, originals, strict=True):
        assert rebuild(row, registry) == original


# Rows ------------------------------------------------------------------------


def test_columns_cover_what_users_query_and_what_rebuilds_a_fact() -> None:
    required = {"id", "subject", "metric", "period_start", "period_end", "value", "unit"}
    required |= {"bound", "modality", "quality", "rank", "source", "quote", "citations"}
    required |= {"value_exact", "as_written", "period", "note", "derived_from", "method"}
    required |= {"source_title", "source_publisher", "source_published"}
    assert required <= set(COLUMNS)
    assert len(set(COLUMNS)) == len(COLUMNS)
    assert FORMATS == ("csv", "json", "jsonl", "parquet", "datapackage")


def test_every_row_has_the_columns_in_order(registry: gb.Registry) -> None:
    rows = fact_rows(registry.facts())
    assert len(rows) == len(registry.facts())
    assert all(tuple(row) == COLUMNS for row in rows)


def test_a_row_holds_the_exact_value_its_scale_and_float(registry: gb.Registry) -> None:
    (row,) = fact_rows([registry.fact(GDP_2013)])
    assert row["value"] == 208542000000.0
    assert row["value_exact"] == "208542000000.000"
    assert row["stated_value"] == "208.542"
    assert row["scale"] == "billion"
    assert row["unit"] == "yuan"
    assert row["period"] == "2013"
    assert row["period_start"] == dt.date(2013, 1, 1)
    assert row["period_end"] == dt.date(2013, 12, 31)
    assert row["period_precision"] == "year"
    assert row["source_published"] == dt.date(2019, 5, 14)
    assert row["source_published_precision"] == "day"
    assert row["quality"] is None
    assert row["derived_from"] is None
    assert row["quote"] == (
        "In 2013, Guiyang\u2019s GDP reached 208.542 billion yuan with an increase of 16.0%."
    )


def test_an_unreadable_figure_has_no_value_but_keeps_what_was_printed(
    registry: gb.Registry,
) -> None:
    (row,) = fact_rows([registry.fact(GARBLED)])
    assert row["value"] is None
    assert row["value_exact"] is None
    assert row["stated_value"] is None
    assert row["as_written"] == "nearly 8,36"
    assert row["bound"] == "nearly"
    assert row["quality"] == "garbled"


def test_a_derived_row_lists_its_inputs_in_order_and_every_citation(
    registry: gb.Registry,
) -> None:
    fact = registry.fact(DERIVED)
    (row,) = fact_rows([fact])
    assert row["derived_from"] == "guiyang.gdp.2013.beltandroad,guiyang.gdp.2014.beltandroad"
    assert row["method"] == fact.method
    cited = json.loads(str(row["citations"]))
    assert cited == [{"source": c.source.id, "quote": c.quote} for c in fact.citations]
    assert len(cited) == 2


def test_quality_flags_are_sorted_and_comma_separated() -> None:
    base = gb.fact(GARBLED)
    flagged = attrs.evolve(base, quality=frozenset({gb.Quality.INFERRED, gb.Quality.AMBIGUOUS}))
    (row,) = fact_rows([flagged])
    assert row["quality"] == "ambiguous,inferred"


# Files: loss-free round trips ------------------------------------------------


def test_csv_round_trip_loses_nothing(tmp_path: Path, registry: gb.Registry) -> None:
    path = export(tmp_path / "facts.csv", registry=registry)
    assert path == tmp_path / "facts.csv"
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows: list[dict[str, object]] = [dict(row) for row in reader]
    assert_loss_free(unguarded(rows), registry)


def test_json_round_trip_loses_nothing(tmp_path: Path, registry: gb.Registry) -> None:
    path = export(tmp_path / "facts.json", registry=registry)
    raw = path.read_bytes()
    assert "Guiyang\u2019s".encode() in raw  # UTF-8, not \\u escapes
    rows = json.loads(raw.decode("utf-8"))
    assert isinstance(rows, list)
    assert all(tuple(row) == COLUMNS for row in rows)
    assert_loss_free(rows, registry)


def test_parquet_round_trip_loses_nothing(tmp_path: Path, registry: gb.Registry) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = export(tmp_path / "facts.parquet", registry=registry)
    table = pq.read_table(path)
    assert tuple(table.column_names) == COLUMNS
    types = {field.name: str(field.type) for field in table.schema}
    assert types["period_start"] == "date32[day]"
    assert types["value"] == "double"
    assert types["value_exact"] == "string"
    rows = table.to_pylist()
    assert isinstance(rows[0]["period_start"], dt.date)
    assert_loss_free(rows, registry)


@pytest.mark.parametrize("name", ["facts.csv", "facts.json", "facts.jsonl", "facts.parquet"])
def test_exports_are_deterministic(tmp_path: Path, name: str) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = export(tmp_path / "a" / name).read_bytes()
    second = export(tmp_path / "b" / name).read_bytes()
    assert first == second


def test_json_lines_round_trip_loses_nothing(tmp_path: Path, registry: gb.Registry) -> None:
    for name in ("facts.jsonl", "facts.ndjson"):
        path = export(tmp_path / name, registry=registry)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines) == len(registry.facts())
        rows = [json.loads(line) for line in lines]
        assert all(tuple(row) == COLUMNS for row in rows)
        assert_loss_free(rows, registry)


@pytest.mark.parametrize("name", ["facts.json", "facts.jsonl", "facts.parquet"])
def test_typed_formats_hold_no_empty_strings_only_nulls(tmp_path: Path, name: str) -> None:
    path = export(tmp_path / name)
    if name.endswith(".parquet"):
        pq = pytest.importorskip("pyarrow.parquet")
        rows = pq.read_table(path).to_pylist()
    elif name.endswith(".jsonl"):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    else:
        rows = json.loads(path.read_text(encoding="utf-8"))
    assert not [(row["id"], key) for row in rows for key, value in row.items() if value == ""]
    by_id = {row["id"]: row for row in rows}
    assert by_id[GDP_2013]["quality"] is None
    assert by_id[GDP_2013]["derived_from"] is None
    assert by_id[GARBLED]["value"] is None
    assert by_id[GARBLED]["value_exact"] is None


def test_export_applies_the_filters(tmp_path: Path) -> None:
    registry = articles_registry()  # the five articles' four GDP levels of Guiyang
    path = export(tmp_path / "gdp.json", metric="gdp", subject="guiyang", registry=registry)
    rows = json.loads(path.read_text(encoding="utf-8"))
    expected = registry.facts(metric="gdp", subject="guiyang")
    assert [row["id"] for row in rows] == [fact.id for fact in expected]
    assert len(rows) == 4


def test_export_of_an_unknown_metric_names_the_close_ones(tmp_path: Path) -> None:
    with pytest.raises(gb.FactNotFoundError, match="no metric 'gpd'"):
        export(tmp_path / "x.csv", metric="gpd")
    assert list(tmp_path.iterdir()) == []


# Formats ---------------------------------------------------------------------


def test_format_argument_wins_over_the_suffix(tmp_path: Path) -> None:
    path = export(tmp_path / "facts.txt", "json")
    assert isinstance(json.loads(path.read_text(encoding="utf-8")), list)


def test_suffix_is_read_case_insensitively(tmp_path: Path) -> None:
    path = export(tmp_path / "FACTS.CSV")
    assert path.read_text(encoding="utf-8").startswith("id,subject,metric,")


def test_an_unknown_suffix_names_the_valid_formats(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"'\.xlsx'.*csv, json, jsonl, parquet, datapackage"):
        export(tmp_path / "facts.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_format_names_the_valid_formats(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format 'xml'; valid formats: csv, json"):
        export(tmp_path / "facts.csv", "xml")  # type: ignore[arg-type]


# Writing ---------------------------------------------------------------------


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "facts.csv"
    target.write_text("previous content", encoding="utf-8")

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space left"):
        export(target)
    assert target.read_text(encoding="utf-8") == "previous content"
    assert list(tmp_path.iterdir()) == [target]


def test_a_missing_folder_is_reported_with_the_requested_path(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "facts.csv"
    with pytest.raises(FileNotFoundError) as caught:
        export(target)
    assert caught.value.filename == str(target)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    path = export(tmp_path / "facts.json")
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask


# Optional dependencies -------------------------------------------------------


def test_to_frame_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r'pip install "guizhou-bigdata\[pandas\]"'):
        to_frame()


def test_parquet_without_pyarrow_names_the_extra_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ImportError, match=r'pip install "guizhou-bigdata\[parquet\]"'):
        export(tmp_path / "facts.parquet")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("format", ["csv", "json"])
def test_csv_and_json_need_neither_pandas_nor_pyarrow(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, format: str, registry: gb.Registry
) -> None:
    for name in ("pandas", "pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)
    path = export(tmp_path / f"facts.{format}", registry=registry)
    with path.open(encoding="utf-8", newline="") as file:
        rows = json.load(file) if format == "json" else unguarded(list(csv.DictReader(file)))
    assert_loss_free(rows, registry)


def test_parquet_does_not_need_pandas(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow")
    monkeypatch.setitem(sys.modules, "pandas", None)
    assert export(tmp_path / "facts.parquet").stat().st_size > 0


# DataFrame -------------------------------------------------------------------


def test_frame_has_the_columns_and_dtypes(registry: gb.Registry) -> None:
    pytest.importorskip("pandas")
    frame = to_frame(registry=registry)
    assert tuple(frame.columns) == COLUMNS
    assert len(frame) == len(registry.facts())
    assert str(frame["period_start"].dtype) == "datetime64[us]"
    assert str(frame["period_end"].dtype) == "datetime64[us]"
    assert str(frame["source_published"].dtype) == "datetime64[us]"
    assert str(frame["source_published_precision"].dtype) == "string"
    assert str(frame["value"].dtype) == "float64"
    assert all(str(frame[name].dtype) == "string" for name in ("id", "quote", "value_exact"))


def test_frame_values_and_missing_values(registry: gb.Registry) -> None:
    pd = pytest.importorskip("pandas")
    frame = to_frame(registry=registry).set_index("id")
    assert frame.loc[GDP_2013, "value"] == 208542000000.0
    assert frame.loc[GDP_2013, "value_exact"] == "208542000000.000"
    assert frame.loc[GDP_2013, "period_start"] == pd.Timestamp("2013-01-01")
    assert pd.isna(frame.loc[GARBLED, "value"])
    assert frame.loc[GARBLED, "value_exact"] is pd.NA


def test_frame_filters_like_the_registry(registry: gb.Registry) -> None:
    pytest.importorskip("pandas")
    frame = to_frame(registry=registry, metric="gdp", subject="guiyang", year=2014)
    assert frame["id"].tolist() == ["guiyang.gdp.2014.beltandroad"]
    derived = to_frame(registry=registry, derived=True)
    assert len(derived) == len(registry.facts(derived=True))
    assert derived["derived_from"].str.len().gt(0).all()


def test_an_empty_frame_keeps_its_columns_and_dtypes(registry: gb.Registry) -> None:
    pytest.importorskip("pandas")
    frame = to_frame(registry=registry, metric="gdp", year=1900)
    assert frame.empty
    assert tuple(frame.columns) == COLUMNS
    assert str(frame["value"].dtype) == "float64"


# DuckDB ----------------------------------------------------------------------


def test_duckdb_queries_the_parquet_file(tmp_path: Path) -> None:
    registry = articles_registry()  # quote citations: the quote column is theirs
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pyarrow")
    path = export(tmp_path / "facts.parquet", registry=registry)
    result = duckdb.sql(
        "select period_start, value_exact, quote, typeof(period_start) "
        f"from '{path}' where metric = 'gdp' and subject = 'guiyang' order by period_start"
    ).fetchall()
    expected = registry.facts(metric="gdp", subject="guiyang")
    assert [row[0] for row in result] == [fact.period.start for fact in expected]
    assert [Decimal(row[1]) for row in result] == [fact.magnitude for fact in expected]
    assert [row[2] for row in result] == [fact.citations[0].quote for fact in expected]
    assert {row[3] for row in result} == {"DATE"}


def test_duckdb_queries_the_csv_file(tmp_path: Path, registry: gb.Registry) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = export(tmp_path / "facts.csv", registry=registry)
    result = duckdb.sql(
        f"select id, value_exact, quote, typeof(period_start) from read_csv('{path}', "
        "types = {'value_exact': 'VARCHAR'}) "
        "where list_contains(string_split(quality, ','), 'garbled') or id = "
        f"'{GDP_2013}' order by id"
    ).fetchall()
    by_id = {row[0]: row for row in result}
    assert by_id[GDP_2013][1] == "208542000000.000"
    assert by_id[GDP_2013][2] == registry.fact(GDP_2013).citations[0].quote
    assert by_id[GDP_2013][3] == "DATE"
    assert by_id[GARBLED][1] is None
    garbled = {fact.id for fact in registry.facts(quality="garbled")}
    assert set(by_id) == garbled | {GDP_2013}


def test_duckdb_queries_the_frame() -> None:
    registry = articles_registry()  # the five articles' GDP years of Guiyang
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("pandas")
    frame = to_frame(registry=registry, metric="gdp", subject="guiyang")
    connection = duckdb.connect()
    connection.register("facts", frame)
    years = connection.sql("select year(period_end) from facts order by 1").fetchall()
    assert [row[0] for row in years] == [2013, 2014, 2015, 2018]


def test_importing_the_modules_loads_no_optional_dependency() -> None:
    code = (
        "import sys, guizhou_bigdata.outputs.tables, guizhou_bigdata.outputs.citing\n"
        "print(sorted(m for m in ('pandas', 'pyarrow', 'duckdb') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# Intervals -------------------------------------------------------------------


def test_the_interval_columns_in_duckdb_csv_and_pandas(
    tmp_path: Path, registry: gb.Registry
) -> None:
    """ "more than 5,000" is (5000, ∞): lower 5000 open, upper null, in every format."""
    duckdb = pytest.importorskip("duckdb")
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    more = "guiyang.big_data_enterprises.2018.beltandroad"
    parquet = export(tmp_path / "facts.parquet", registry=registry)
    csv_path = export(tmp_path / "facts.csv", registry=registry)
    for path in (parquet, csv_path):
        (row,) = duckdb.sql(
            "select interval_lower, interval_upper, interval_lower_closed, "
            "interval_upper_closed, typeof(interval_lower_closed) "
            f"from '{path}' where id = '{more}'"
        ).fetchall()
        # Parquet keeps the exact text; DuckDB reads the CSV column as a number.
        assert Decimal(str(row[0])) == 5000
        assert row[1:] == (None, False, False, "BOOLEAN")
    # Values inside the interval, queried in SQL: every exact figure is a closed point.
    points = duckdb.sql(
        f"select count(*) from '{parquet}' where bound = 'exact' and "
        "(interval_lower <> value_exact or interval_upper <> value_exact "
        "or not interval_lower_closed or not interval_upper_closed)"
    ).fetchall()
    assert points == [(0,)]
    frame = to_frame(registry=registry)
    assert str(frame["interval_lower_closed"].dtype) == "boolean"
    chosen = frame.set_index("id").loc["guiyang.gdp.2013.beltandroad"]
    assert chosen["interval_lower"] == chosen["interval_upper"] == chosen["value_exact"]
    assert Decimal(str(chosen["interval_lower"])) == Decimal("208.542e9")
    garbled = frame.set_index("id").loc[GARBLED]
    assert pd.isna(garbled["interval_lower"])
    assert pd.isna(garbled["interval_lower_closed"])


def test_a_derived_interval_is_what_its_inputs_allow(registry: gb.Registry) -> None:
    """Gui'an New Area's implied GDP: 164.9 billion / 38 percent, each to its last digit."""
    (row,) = fact_rows([registry.fact("guian_new_area.gdp.2020.derived")])
    lower, upper = Decimal(str(row["interval_lower"])), Decimal(str(row["interval_upper"]))
    assert lower == pytest.approx(Decimal("164.85e9") / Decimal("0.385"))
    assert upper == pytest.approx(Decimal("164.95e9") / Decimal("0.375"))
    assert lower < Decimal("164.9e9") / Decimal("0.38") < upper


def test_a_registry_builds_each_fact_row_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A registry never changes: a second frame of it reads the rows already built."""
    from guizhou_bigdata.outputs import tables

    from .helpers import METRIC, PLACE, SOURCE, fact, write

    registry = gb.load_registry(write(tmp_path, "f.toml", SOURCE + PLACE + METRIC + fact()))
    calls: list[str] = []
    real = tables._cells

    def counted(fact: gb.Fact) -> tuple[object, ...]:
        calls.append(fact.id)
        return real(fact)

    monkeypatch.setattr(tables, "_cells", counted)
    first = gb.to_frame(registry=registry)
    assert len(calls) == len(registry.facts())
    second = gb.to_frame(registry=registry, subject="testville")
    assert len(calls) == len(registry.facts())
    assert second.reset_index(drop=True).equals(
        first[first["subject"] == "testville"].reset_index(drop=True)
    )
