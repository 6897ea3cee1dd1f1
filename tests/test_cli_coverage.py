"""``guizhou-bigdata coverage``: which metric and subject has which years, at the command line."""

from __future__ import annotations

import csv
import io
import json

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main


@pytest.mark.usefixtures("the_five_articles_as_default")  # the articles' own figures
def test_the_table_lists_each_pair_with_its_years_as_spans(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["coverage", "--metric", "gdp", "--subject", "guiyang"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    years = gb.coverage("gdp", "guiyang").rows[0].years
    assert line.split("\t")[:3] == ["gdp", "guiyang", str(len(years))]
    assert line.split("\t")[3] == "2013-2015, 2018"


def test_min_years_keeps_the_series_and_csv_and_json_have_the_same_rows(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["coverage", "--min-years", "3", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    expected = [row for row in gb.coverage().rows if len(row.years) >= 3]
    assert [(r["metric"], r["subject"]) for r in rows] == [(r.metric, r.subject) for r in expected]
    assert all(int(r["years"]) >= 3 for r in rows)
    assert main(["coverage", "--min-years", "3", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(rows)


def test_nothing_matched_says_so_on_stderr_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["coverage", "--min-years", "400"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no metric and subject has 400 or more years" in captured.err


def test_an_unknown_metric_is_named_with_suggestions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coverage", "--metric", "GDP"]) != 0
    assert "gdp" in capsys.readouterr().err
