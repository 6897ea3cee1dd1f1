"""The command line: the main job, queries, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main
from guizhou_bigdata.outputs.tables import export


@pytest.mark.usefixtures("the_five_articles_as_default")  # the articles' own figures
def test_no_arguments_prints_headline_figures_with_citations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Digital economy growth rate (guizhou, 2018): 24.6 percent" in out
    assert "The digital economy had a growth rate of 24.6 percent" in out
    assert "China Daily, 2019-10-02" in out


def test_the_headline_is_the_latest_outcome_a_source_states(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Not a later target, and a computed value only with what it was computed from."""
    assert main([]) == 0
    out = capsys.readouterr().out
    registry = gb.default_registry()
    for metric in registry.metrics():
        series = registry.series(metric.id) if metric.headline else ()
        if not series:
            continue
        (line,) = [row for row in out.splitlines() if row.startswith(f"{metric.label} (")]
        outcomes = [
            fact
            for fact in series
            if not fact.is_derived and fact.modality in (gb.Modality.ACTUAL, gb.Modality.ESTIMATE)
        ]
        shown = outcomes[-1] if outcomes else series[-1]
        assert line.endswith(f"({shown.subject}, {shown.period}): {shown.figure}"), line
    targets = registry.series("digital_economy_share_of_gdp")
    assert targets[-1].modality is gb.Modality.TARGET  # a later target exists, and is not shown
    assert "(target)" not in out


def test_a_derived_headline_names_its_inputs() -> None:
    from guizhou_bigdata.cli import _summary

    registry = gb.default_registry()
    gdp = registry.metric("gdp")
    derived = [
        f for f in registry.facts(metric="gdp") if f.is_derived and f.subject == gdp.default_subject
    ]
    assert derived
    only = gb.Registry(
        sources=registry.sources(),
        metrics=(gdp,),
        entities=registry.entities(),
        milestones=(),
        facts=(derived[0],),
    )
    text = _summary(only)
    assert f"derived from {', '.join(derived[0].derived_from)}: {derived[0].method}" in text


def test_python_dash_m_runs_the_same_main_job() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guizhou_bigdata"], capture_output=True, text=True, check=True
    )
    assert "Headline figures" in result.stdout


def test_facts_show_and_cite(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "--metric", "digital_economy_growth", "--year", "2018"]) == 0
    assert "guizhou.digital_economy_growth.2018.chinadaily" in capsys.readouterr().out
    assert main(["show", "guizhou.digital_economy_growth.2018.chinadaily"]) == 0
    assert "modality: actual" in capsys.readouterr().out
    assert main(["cite", "guizhou.digital_economy_growth.2018.chinadaily"]) == 0
    assert "Li Xin" in capsys.readouterr().out


def test_data_centres_and_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["data-centres"]) == 0
    assert "HUAWEI CLOUD Data Center" in capsys.readouterr().out
    assert main(["timeline"]) == 0
    assert capsys.readouterr().out.strip()


def test_unknown_fact_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "no.such.fact"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("guizhou-bigdata: no fact 'no.such.fact'")


def test_check_with_sources(sources_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--sources", str(sources_dir)]) == 0
    assert "all verified" in capsys.readouterr().out


def test_check_with_a_missing_folder_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--sources", str(tmp_path)]) == 1
    assert "missing" in capsys.readouterr().out


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    """The error a failing command printed: one line on stderr, nothing on stdout."""
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith("guizhou-bigdata")
    assert "Traceback" not in captured.err
    return captured.err


COMMANDS = [
    "summary",
    "facts",
    "show",
    "cite",
    "data-centres",
    "timeline",
    "export",
    "bibliography",
    "check",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: guizhou-bigdata {command}")
    description = out.split("\n\n")[1]
    assert len(description) > 20


def test_main_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(command in out for command in COMMANDS)


@pytest.mark.usefixtures("the_five_articles_as_default")  # the articles' own figures
def test_facts_as_csv_is_what_export_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["facts", "--metric", "gdp", "--subject", "guiyang", "--format", "csv"]) == 0
    printed = capsys.readouterr().out
    written = export(tmp_path / "gdp.csv", metric="gdp", subject="guiyang")
    assert printed == written.read_text(encoding="utf-8")
    assert len(printed.splitlines()) == 5


def test_facts_as_json_with_more_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "--modality", "estimate", "--no-derived", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    expected = gb.facts(modality="estimate", derived=False)
    assert [row["id"] for row in rows] == [fact.id for fact in expected]
    assert rows
    assert {row["modality"] for row in rows} == {"estimate"}


def test_facts_as_json_lines_is_what_export_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["facts", "--metric", "gdp", "--format", "jsonl"]) == 0
    printed = capsys.readouterr().out
    written = export(tmp_path / "gdp.jsonl", metric="gdp")
    assert printed == written.read_text(encoding="utf-8")
    assert [json.loads(line)["id"] for line in printed.splitlines()] == [
        fact.id for fact in gb.facts(metric="gdp")
    ]


def test_facts_of_an_unknown_source_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "--source", "chinadaily-2019"]) == 2
    err = one_line_error(capsys)
    assert "no source 'chinadaily-2019'; did you mean 'chinadaily-2019-10-02'" in err


def test_a_bad_format_choice_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "--format", "xml"]) == 2
    err = one_line_error(capsys)
    assert "invalid choice: 'xml'" in err
    assert "table" in err


def test_a_missing_argument_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export"]) == 2
    assert "-o/--output" in one_line_error(capsys)


def test_cite_formats(capsys: pytest.CaptureFixture[str]) -> None:
    fact_id = "guizhou.digital_economy_growth.2018.chinadaily"
    assert main(["cite", fact_id, "--format", "bibtex"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"@article{{{fact_id},")
    assert "24.6 percent" in out
    assert main(["cite", fact_id, "--format", "csl-json"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["issued"] == {"date-parts": [[2019, 10, 2]]}
    other = "guiyang.gdp.2013.beltandroad"
    assert main(["cite", fact_id, other, fact_id, "--format", "csl-json"]) == 0
    assert [item["id"] for item in json.loads(capsys.readouterr().out)] == [fact_id, other]


def test_cite_entities_milestones_and_sources(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "guiyang"]) == 0
    assert capsys.readouterr().out.startswith("Guiyang (贵阳市) [guiyang]\n")
    milestone = gb.timeline()[0]
    assert main(["cite", milestone.id]) == 0
    assert milestone.title in capsys.readouterr().out
    assert main(["cite", "cns-2023-10-10", "--format", "bibtex"]) == 0
    assert "{Liu Ziyun} and {Yuan Chao}" in capsys.readouterr().out


def test_cite_an_unknown_id_suggests_close_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "guiyan"]) == 2
    err = one_line_error(capsys)
    assert "no fact, entity, milestone or source 'guiyan'; did you mean 'guiyang'" in err


@pytest.mark.parametrize("suffix", ["csv", "json", "jsonl", "ndjson", "parquet"])
def test_export_infers_the_format_from_the_suffix(
    suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"facts.{suffix}"
    assert main(["export", "-o", str(target), "--year", "2018"]) == 0
    count = len(gb.facts(year=2018))
    assert capsys.readouterr().out == f"Wrote {count} facts to {target}\n"
    if suffix == "json":
        assert len(json.loads(target.read_text(encoding="utf-8"))) == count
    elif suffix in ("jsonl", "ndjson"):
        lines = target.read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["id"] for line in lines] == [f.id for f in gb.facts(year=2018)]
    elif suffix == "csv":
        assert len(target.read_text(encoding="utf-8").splitlines()) == count + 1
    else:
        pq = pytest.importorskip("pyarrow.parquet")
        assert pq.read_table(target).num_rows == count


def test_export_format_option_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "facts.out"
    assert main(["export", "--format", "json", "-o", str(target), "--metric", "gdp"]) == 0
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert {row["metric"] for row in rows} == {"gdp"}


def test_export_with_an_unknown_suffix_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "-o", str(tmp_path / "facts.xlsx")]) == 2
    assert "csv, json, jsonl, parquet, datapackage" in one_line_error(capsys)
    assert list(tmp_path.iterdir()) == []


def test_export_to_a_missing_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "facts.csv"
    assert main(["export", "-o", str(target)]) == 1
    err = one_line_error(capsys)
    assert f"cannot write {str(target)!r}: No such file or directory" in err


def test_export_to_parquet_without_pyarrow_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert main(["export", "-o", str(tmp_path / "facts.parquet")]) == 1
    assert 'pip install "guizhou-bigdata[parquet]"' in one_line_error(capsys)
    assert list(tmp_path.iterdir()) == []


def test_bibliography(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bibliography"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n@") + out.startswith("@") == len(gb.sources())
    assert main(["bibliography", "--format", "csl-json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [item["id"] for item in items] == [source.id for source in gb.sources()]


def test_errors_from_python_dash_m_have_no_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guizhou_bigdata", "cite", "no.such.id"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("guizhou-bigdata: no fact, entity, milestone or source")


def test_check_names_the_data_version_and_digest(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert f"Bundled data {gb.__data_version__}, {gb.data_digest()}" in out


def test_output_into_a_closed_pipe_ends_quietly() -> None:
    reader = "import sys; sys.stdin.readline()"  # reads one line, then exits
    command = (
        f"{sys.executable} -m guizhou_bigdata facts --format csv | {sys.executable} -c '{reader}'"
    )
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr


@pytest.mark.usefixtures("the_five_articles_as_default")  # the articles' own figures
def test_headline_show_and_tables_say_what_a_figure_is(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Gross domestic product (guiyang, 2018): 389.1 billion yuan (estimate)" in out
    assert "more than 5,000 enterprises" in out
    assert main(["show", "guian_new_area.gdp.2020.derived"]) == 0
    shown = capsys.readouterr().out
    assert "figure: about 430 billion yuan" in shown
    assert "interval: [" in shown
    assert "quality: ambiguous" in shown
    assert main(["facts", "--metric", "gdp", "--subject", "guiyang", "--year", "2018"]) == 0
    assert "389.1 billion yuan (estimate)" in capsys.readouterr().out


def test_an_ascii_terminal_gets_escapes_not_a_traceback() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    for command in ([], ["cite", "guiyang"], ["show", "no.such.fact"]):
        done = subprocess.run(
            [sys.executable, "-m", "guizhou_bigdata", *command],
            capture_output=True,
            env=env,
            check=False,
        )
        assert b"Traceback" not in done.stderr, done.stderr
        assert done.returncode in (0, 2)
        done.stdout.decode("ascii")  # every byte is ASCII
    summary = subprocess.run(
        [sys.executable, "-m", "guizhou_bigdata"], capture_output=True, env=env, check=True
    ).stdout.decode("ascii")
    # quotes and names are escaped, not dropped: curly quotes, dashes, Chinese titles
    assert "\\u201c" in summary
    assert "\\u2014" in summary


def test_check_sources_of_a_missing_folder_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--sources", str(tmp_path / "nowhere")]) == 1
    err = one_line_error(capsys)
    assert "no such folder of archived source texts" in err
    assert str(tmp_path / "nowhere") in err
