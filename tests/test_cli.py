"""The command line: the main job, queries, and one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from guizhou_bigdata.cli import main


def test_no_arguments_prints_headline_figures_with_citations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Digital economy growth rate (guizhou, 2018): 24.6 percent" in out
    assert "The digital economy had a growth rate of 24.6 percent" in out
    assert "China Daily, 2019-10-02" in out


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
