"""`guizhou-bigdata draft` and `check FILE`: a new article from text to reviewed facts."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

import guizhou_bigdata as gb
import guizhou_bigdata.reading as reading_package
import guizhou_bigdata.reading.reader as reader_module
from guizhou_bigdata.cli import main
from guizhou_bigdata.reading.model import Reading
from guizhou_bigdata.reading.reader import SetAside
from guizhou_bigdata.store.registry import Registry

from .test_drafting import ARTICLE, SOURCE, TEXT, article_readings, reviewed_text

DRAFT = ["draft", str(ARTICLE), "--source", SOURCE, "--published", "2024-03-05"]


@pytest.fixture
def hand_reader(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, gb.Period]]:
    """The reader replaced by the hand-made readings of the test article; records its calls."""
    calls: list[tuple[str, gb.Period]] = []

    def read(
        text: str, published: gb.Period, registry: Registry | None = None
    ) -> tuple[tuple[Reading, ...], tuple[SetAside, ...]]:
        calls.append((text, published))
        return article_readings(), ()

    monkeypatch.setattr(reader_module, "read", read)
    return calls


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1, captured.err
    return captured.err


def test_gb_draft_reads_the_text_against_its_date(
    hand_reader: list[tuple[str, gb.Period]],
) -> None:
    made = gb.draft(TEXT, source=SOURCE, published="2024-03-05", title="Fenghe")
    assert hand_reader == [(TEXT, gb.Period.parse("2024-03-05"))]
    assert len(made.facts) == 6
    assert made.proposed_units == ("kiosk",)


def test_draft_to_standard_output_names_the_archived_file(
    hand_reader: object, capsys: pytest.CaptureFixture[str]
) -> None:
    for extra in ([], ["-o", "-"]):
        assert main([*DRAFT, *extra, "--title", "Fenghe bets on cloud services"]) == 0
        document = tomllib.loads(capsys.readouterr().out)
        (source,) = document["source"]
        assert (source["archive"], source["title"]) == (
            ARTICLE.name,
            "Fenghe bets on cloud services",
        )
        assert len(document["fact"]) == 6


def test_draft_writes_a_file_but_never_over_one_without_force(
    hand_reader: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft.toml"
    assert main([*DRAFT, "-o", str(out)]) == 0
    assert f"guizhou-bigdata check {out}" in capsys.readouterr().out
    first = out.read_text(encoding="utf-8")
    out.write_text("# my review so far\n", encoding="utf-8")
    assert main([*DRAFT, "-o", str(out)]) == 1
    assert "exists: pass --force" in one_line_error(capsys)
    assert out.read_text(encoding="utf-8") == "# my review so far\n"
    assert main([*DRAFT, "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8") == first


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda args: [*args[:3], "Bad Id", *args[4:]], "source id 'Bad Id' is not valid"),
        (lambda args: [*args[:5], "the fifth of March"], "is not a date: write it YYYY-MM-DD"),
        (lambda args: [*args[:5], "03/05/2024"], "could be read day-first or month-first"),
        (lambda args: [args[0], "/no/such/article.txt", *args[2:]], "cannot read"),
    ],
)
def test_draft_errors_are_one_line(
    hand_reader: object,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[list[str]], list[str]],
    message: str,
) -> None:
    assert main(change(DRAFT)) in (1, 2)
    assert message in one_line_error(capsys)


def test_draft_refuses_text_that_is_not_utf8(
    hand_reader: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "latin1.txt"
    article.write_bytes("Caf\xe9 revenue rose 5 percent.".encode("latin-1"))
    assert main([DRAFT[0], str(article), *DRAFT[2:]]) == 1
    assert "is not UTF-8 text (byte 3)" in one_line_error(capsys)


def test_check_file_lists_what_to_settle_until_the_review_is_done(
    hand_reader: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft.toml"
    assert main([*DRAFT, "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["check", str(out)]) == 1
    listed = capsys.readouterr().out
    assert listed.startswith("10 unreviewed records to settle")
    assert "proposed metric 'Figures in kiosk" in listed
    assert "unit: the article counts 'kiosk'" in listed
    out.write_text(reviewed_text(out.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["check", str(out)]) == 0
    assert "Every record is reviewed" in capsys.readouterr().out

    # With --sources, the file's own articles are verified: quotes and hash.
    assert main(["check", str(out), "--sources", str(ARTICLE.parent)]) == 0
    verified = capsys.readouterr().out
    assert "Every record is reviewed" in verified
    assert "Checked 6 quotes against 1 archived texts" in verified
    assert main(["check", str(out), "--sources", str(tmp_path)]) == 1
    assert "missing" in capsys.readouterr().out


def test_commands_read_your_own_files_with_data(
    hand_reader: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft.toml"
    assert main([*DRAFT, "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["facts", "--data", str(out), "--source", SOURCE]) == 1
    assert "10 unreviewed records (reviewed = false)" in capsys.readouterr().err
    assert main(["facts", "--data", str(out), "--drafts", "--source", SOURCE]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines
    assert all(line.endswith("unreviewed]") for line in lines)
    out.write_text(reviewed_text(out.read_text(encoding="utf-8")), encoding="utf-8")
    assert (
        main(["export", "--data", str(out), "--source", SOURCE, "-o", str(tmp_path / "f.csv")]) == 0
    )
    assert SOURCE in (tmp_path / "f.csv").read_text(encoding="utf-8")
    assert "Wrote 6 facts" in capsys.readouterr().out
    assert main(["facts", "--drafts", "--source", SOURCE]) == 2
    assert "--drafts needs the --data files" in one_line_error(capsys)


def test_facts_and_show_mark_draft_facts_unreviewed(tmp_path: Path) -> None:
    from guizhou_bigdata.cli import _fact_line, _show
    from guizhou_bigdata.reading.drafting import draft_from_readings

    made = draft_from_readings(article_readings(), text=TEXT, source=SOURCE, published="2024-03-05")
    path = tmp_path / "draft.toml"
    path.write_text(made.to_toml(), encoding="utf-8")
    fact = gb.load_registry(path, drafts=True).facts(source=SOURCE)[0]
    assert _fact_line(fact).endswith("[unreviewed]")
    assert "reviewed: no: a machine-read draft" in _show(fact)


# ------------------------------------------------- with the real reader, once it is there


@pytest.fixture
def read_figures() -> object:
    found = getattr(reading_package, "read_figures", None)
    if found is None:
        pytest.skip("guizhou_bigdata.reading.read_figures is not there yet")
    return found


def test_end_to_end_the_test_article_drafts_checks_and_loads_only_as_a_draft(
    read_figures: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "draft.toml"
    assert main([*DRAFT, "-o", str(out)]) == 0
    capsys.readouterr()
    with pytest.raises(gb.RegistryError, match="unreviewed records"):
        gb.load_registry(out)
    registry = gb.load_registry(out, drafts=True)
    drafted = registry.facts(source=SOURCE)
    assert {"15.2", "1200", "30", "3.5"} <= {str(fact.value) for fact in drafted}
    assert all(fact.citations[0].passage in TEXT for fact in drafted)  # drafts cite quotes
    assert main(["check", str(out)]) == 1


def test_end_to_end_each_archived_article_drafts_to_a_file_that_loads_only_as_a_draft(
    read_figures: object, sources_dir: Path, tmp_path: Path
) -> None:
    archived = [source for source in gb.sources() if source.url is None]  # the five articles
    assert len(archived) == 5
    for source in archived:
        assert source.archive is not None
        text = (sources_dir / source.archive).read_bytes().decode("utf-8")
        made = gb.draft(text, source=f"draft-{source.id}", published=source.published.start)
        path = tmp_path / f"{source.id}.toml"
        path.write_text(made.to_toml(), encoding="utf-8")
        assert made.source.sha256 == source.sha256
        with pytest.raises(gb.RegistryError, match="unreviewed records"):
            gb.load_registry(path)
        loaded = gb.load_registry(path, drafts=True)
        # derived=False: the loader derives facts from drafted ones too (an exchange rate).
        assert len(loaded.facts(source=made.source.id, derived=False)) == len(made.facts)


def test_check_file_verifies_quotes_that_cite_bundled_articles_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record of yours quoting a bundled article is verified, not skipped as "all verified"."""
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[place]]\nid = "my_place"\nname = "My place"\nkind = "county"\n'
        'citations = [{ source = "chinadaily-2019-10-02", quote = "A sentence never printed." }]\n',
        encoding="utf-8",
    )
    assert main(["check", str(mine), "--sources", str(tmp_path)]) == 1
    assert "missing" in capsys.readouterr().out
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    assert main(["check", str(empty), "--sources", str(tmp_path)]) == 1
    assert "no sources or citations of its own" in one_line_error(capsys)


def test_check_file_loads_data_files_as_drafts_once(
    hand_reader: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.toml"
    assert main([*DRAFT, "-o", str(draft)]) == 0
    other = tmp_path / "other.toml"
    other.write_text("", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(other), "--data", str(draft)]) == 1
    assert "10 unreviewed records to settle" in capsys.readouterr().out
    assert main(["check", "--data", str(other)]) == 0
    assert f"with {other}" in capsys.readouterr().out
