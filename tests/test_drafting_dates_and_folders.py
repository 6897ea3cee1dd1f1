"""Publication dates at their own precision, and a folder of articles in one command."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main
from guizhou_bigdata.reading.drafting import byline_date, draft_folder, published_period

from .test_drafting import ARTICLE, TEXT


@pytest.mark.parametrize(
    ("written", "period"),
    [
        ("2022", "2022"),
        ("2022-02", "2022-02"),
        ("2022-02-28", "2022-02-28"),
        ("March 5, 2024", "2024-03-05"),
        ("5 Mar 2024", "2024-03-05"),
        ("March 2024", "2024-03"),
        ("Updated: 2024-03-05 10:21", "2024-03-05"),
        ("Published on 13/05/2024", "2024-05-13"),
    ],
)
def test_a_publication_date_keeps_its_precision(written: str, period: str) -> None:
    assert published_period(written)[0] == gb.Period.parse(period)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("03/05/2024", "could be read day-first or month-first"),
        ("March 5", "has no year"),
        ("in the spring", "is not a date"),
        ("2022-13", "2022-13"),
    ],
)
def test_a_date_that_cannot_be_told_is_refused_with_what_is_valid(
    written: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        published_period(written)


def test_a_source_dated_by_month_or_year_is_recorded_at_that_precision() -> None:
    made = gb.draft(
        "Last year, the city built 40 base stations.", source="y-2022", published="2022"
    )
    assert made.source.published == gb.Period.parse("2022")
    (fact,) = made.facts
    assert fact.record.period == gb.Period.parse("2021")
    month = gb.draft("Sales rose 5 percent.", source="m-2022", published="2022-02")
    assert month.source.published == gb.Period.parse("2022-02")


def test_last_month_in_a_source_dated_only_by_year_is_flagged_not_guessed(tmp_path: Path) -> None:
    text = "Last month, the platform handled 3.2 million requests."
    (by_year,) = gb.draft(text, source="y-2022", published="2022").facts
    assert gb.Quality.AMBIGUOUS in by_year.record.quality
    assert "'Last month' names a month, and the article is dated only 2022" in (
        by_year.record.note or ""
    )
    (by_month,) = gb.draft(text, source="m-2022", published="2022-02").facts
    assert by_month.record.period == gb.Period.parse("2022-01")
    assert gb.Quality.AMBIGUOUS not in by_month.record.quality
    path = tmp_path / "draft.toml"
    path.write_text(gb.draft(text, source="y-2022", published="2022").to_toml(), "utf-8")
    assert gb.load_registry(path, drafts=True).facts(source="y-2022")


def test_the_command_takes_a_month_and_reads_a_byline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "kiosks.txt"
    article.write_text(
        "Kiosks open\nUpdated: March 7, 2023\n\nThe city built 40 kiosks.\n", "utf-8"
    )
    out = tmp_path / "a.toml"
    assert main(["draft", str(article), "--published", "2022-02", "-o", str(out)]) == 0
    source = gb.load_registry(out, drafts=True).source("kiosks")
    assert source.published == gb.Period.parse("2022-02")
    out.unlink()
    assert main(["draft", str(article), "-o", str(out)]) == 0  # no --published: the byline
    source = gb.load_registry(out, drafts=True).source("kiosks")
    assert source.published == gb.Period.parse("2023-03-07")
    assert source.published_note == "read from the byline 'Updated: March 7, 2023'"
    undated = tmp_path / "undated.txt"
    undated.write_text("The city built 40 kiosks.\n", "utf-8")
    capsys.readouterr()
    assert main(["draft", str(undated)]) == 2
    assert "has no date in its name or byline: give --published" in capsys.readouterr().err


def test_a_byline_is_read_from_the_first_lines_only() -> None:
    assert byline_date(TEXT) == (
        gb.Period.parse("2024-03-05"),
        "read from the byline 'Updated: 2024-03-05'",
    )
    assert byline_date("In 2021, the city grew.\nNothing else.") is None


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / ARTICLE.name).write_text(TEXT, encoding="utf-8")
    (folder / "lanxi.txt").write_text(
        "Lanxi grows\nPublished: 2023-06-01\n\nLanxi added 12 data centres last year.\n", "utf-8"
    )
    (folder / "broken.txt").write_bytes(b"\xff\xfe not UTF-8")
    (folder / "undated.txt").write_text("The town built 3 bridges.\n", "utf-8")
    (folder / "notes.md").write_text("not an article", "utf-8")
    return folder


def test_a_folder_drafts_in_one_command_and_a_failing_article_spares_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    out = tmp_path / "drafts"
    assert main(["draft", str(folder), "-o", str(out), "--jobs", "2"]) == 1
    captured = capsys.readouterr()
    assert sorted(path.name for path in out.iterdir()) == ["fenghe-2024-03-05.toml", "lanxi.toml"]
    assert "Wrote 2 of 4 drafts" in captured.out
    assert "broken.txt: not UTF-8 text (byte 0)" in captured.err
    assert "undated.txt: no date" in captured.err
    assert "drafting [" in captured.err
    assert "4/4" in captured.err
    registry = gb.load_registry(*out.iterdir(), drafts=True)
    assert registry.source("lanxi").published == gb.Period.parse("2023-06-01")
    assert registry.facts(source="fenghe-2024-03-05")
    # Again: existing drafts are kept unless --force; with --force all that can draft do.
    assert main(["draft", str(folder), "-o", str(out)]) == 1
    assert "exists: pass --force" in capsys.readouterr().err
    assert main(["draft", str(folder), "-o", str(out), "--force", "--published", "2023"]) == 1
    assert gb.load_registry(out / "lanxi.toml", drafts=True).source("lanxi").published == (
        gb.Period.parse("2023")
    )


def test_a_folder_of_articles_that_all_draft_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "good"
    folder.mkdir()
    (folder / "one-2024-01-02.txt").write_text("Sales rose 5 percent last year.\n", "utf-8")
    (folder / "two-2024-01-03.txt").write_text("The city built 40 kiosks.\n", "utf-8")
    assert main(["draft", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 0


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--source", "x-1"], "--source names one article"),
        (["--title", "T"], "--title names one article"),
        ([], "a folder of articles needs -o OUTDIR"),
    ],
)
def test_folder_options_that_name_one_article_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    folder = _folder(tmp_path)
    assert main(["draft", str(folder), *extra]) == 2
    assert message in capsys.readouterr().err


def test_draft_folder_in_python_reports_each_article(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    results = draft_folder(
        _folder(tmp_path),
        jobs=1,
        on_done=lambda r, done, total: seen.append((r.path.name, done, total)),
    )
    assert [r.path.name for r in results] == sorted(
        ["broken.txt", "fenghe-2024-03-05.txt", "lanxi.txt", "undated.txt"]
    )
    by_name = {r.path.name: r for r in results}
    assert by_name["broken.txt"].draft is None
    assert by_name["broken.txt"].problem
    lanxi = by_name["lanxi.txt"].draft
    assert lanxi is not None
    assert lanxi.source.id == "lanxi"
    assert lanxi.source.archive == "lanxi.txt"
    assert sorted(done for _, done, _ in seen) == [1, 2, 3, 4]
    assert {total for _, _, total in seen} == {4}
    assert draft_folder(tmp_path / "articles", published=dt.date(2023, 1, 1), jobs=1)[1].draft
