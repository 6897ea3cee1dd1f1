"""A terminal shows what the data says: no control character reaches it from the data.

A carriage return in a quote let ``show`` print "9,000,000" over the "5,000" the quote
states, and a bidirectional override can show "2019" as "9102". The loader refuses
such characters in text (by code point and name, with where they are), and every
output of the command line escapes them, whichever way the text got into a registry:
here, a registry built in Python.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main
from guizhou_bigdata.core.characters import HIDDEN, character_name

from .helpers import METRIC, PLACE, SOURCE, fact, write

SPOOF = "\r\x1b[2K\x9b31m\u202e\u2066\x85\x7f\u2028\x08"
"""Carriage return, an erase-line escape sequence, CSI, an override, an isolate, next
line, DEL, line separator and backspace."""
QUOTE = (
    "Testville had more than 5,000 enterprises in 2019.\r"
    "\u201cTestville had 9,000,000 enterprises in 2019."
)
NOTE = f"Read with care.\nThe second line\tholds a tab{SPOOF}"
FACT_ID = "testville.widgets.2019"
TITLE = f"A test article{SPOOF}"


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch) -> gb.Registry:
    """A registry whose every text holds :data:`SPOOF`, as the command line's registry."""
    source = gb.Source(
        id="test-source",
        title=TITLE,
        published=gb.Period.parse("2020-05-01"),
        publisher=f"The Press{SPOOF}",
        authors=(f"Li{SPOOF}",),
    )
    cited = (gb.Citation(source=source, quote=f"Testville grew.{SPOOF}"),)
    registry = gb.Registry(
        sources=(source,),
        metrics=(
            gb.Metric(
                id="widgets",
                label=f"Widgets{SPOOF}",
                kind=gb.MetricKind.COUNT,
                unit="enterprise",
                default_subject="testville",
                headline=True,
            ),
        ),
        entities=(
            gb.Place(
                id="testville",
                name=f"Testville{SPOOF}",
                kind=gb.PlaceKind.PREFECTURE_CITY,
                citations=cited,
            ),
            gb.DataCentre(
                id="testville-dc",
                name=f"Big\nData\tCentre{SPOOF}",
                citations=cited,
                location="testville",
            ),
        ),
        milestones=(
            gb.Milestone(
                id="testville-expo",
                date=gb.Period.parse("2019-05-01"),
                title=f"The expo\nopens{SPOOF}",
                citations=cited,
            ),
        ),
        facts=(
            gb.Fact(
                id=FACT_ID,
                metric="widgets",
                subject="testville",
                period=gb.Period.parse("2019"),
                value=Decimal(5000),
                unit="enterprise",
                bound=gb.Bound.MORE_THAN,
                modality=gb.Modality.ACTUAL,
                citations=(gb.Citation(source=source, quote=QUOTE),),
                quality=frozenset({gb.Quality.AMBIGUOUS}),
                note=NOTE,
                period_note=f"calendar year{SPOOF}",
                method=f"as read{SPOOF}",
            ),
            gb.Fact(  # only a registry built in Python can have such an id
                id=f"testville.widgets.2018{SPOOF}",
                metric="widgets",
                subject="testville",
                period=gb.Period.parse("2018"),
                value=Decimal(4000),
                unit="enterprise",
                bound=gb.Bound.EXACT,
                modality=gb.Modality.ACTUAL,
                citations=(gb.Citation(source=source, quote="Testville had 4,000 in 2018."),),
            ),
        ),
    )
    monkeypatch.setattr("guizhou_bigdata.cli.default_registry", lambda: registry)
    return registry


class Pipe(io.TextIOWrapper):
    """Standard output redirected to a file or a pipe."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8")

    def text(self) -> str:
        self.flush()
        buffer = self.buffer
        assert isinstance(buffer, io.BytesIO)
        return buffer.getvalue().decode("utf-8")


class Terminal(Pipe):
    """Standard output that is a terminal."""

    def isatty(self) -> bool:
        return True


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str], out: Pipe
) -> tuple[int, str, str]:
    """Exit status, standard output and standard error of ``main(argv)``."""
    monkeypatch.setattr(sys, "stdout", out)
    status = main(argv)
    return status, out.text(), capsys.readouterr().err


def assert_shown_safely(text: str) -> None:
    hidden = sorted({character_name(c) for c in HIDDEN.findall(text)})
    assert not hidden, f"raw control characters reached the terminal: {hidden}"


HUMAN = [
    [],
    ["summary"],
    ["facts"],
    ["show", FACT_ID],
    ["cite", FACT_ID],
    ["cite", "testville", "testville-dc", "testville-expo", "test-source"],
    ["timeline"],
    ["data-centres"],
    ["check"],
    ["bibliography", "--format", "text"],
]
DATA = [
    ["facts", "--format", "csv"],
    ["facts", "--format", "json"],
    ["facts", "--format", "jsonl"],
    ["cite", FACT_ID, "--format", "bibtex"],
    ["cite", FACT_ID, "--format", "csl-json"],
    ["bibliography"],
    ["bibliography", "--format", "csl-json"],
    ["export", "-o", "-", "--format", "csv"],
    ["export", "-o", "-", "--format", "json"],
    ["export", "-o", "-", "--format", "jsonl"],
]
JSON = {"json", "jsonl", "csl-json"}


@pytest.mark.parametrize("stream", [Pipe, Terminal])
@pytest.mark.parametrize("argv", HUMAN, ids=lambda argv: " ".join(argv) or "(none)")
def test_text_for_people_escapes_controls_wherever_it_goes(
    hostile: gb.Registry,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stream: type[Pipe],
) -> None:
    status, out, err = run(monkeypatch, capsys, argv, stream())
    assert (status, err) == (0, "")
    assert_shown_safely(out)
    assert "\\r" in out or "\\x9b" in out  # shown, as escapes, not dropped


def test_show_prints_the_carriage_return_instead_of_obeying_it(
    hostile: gb.Registry, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(monkeypatch, capsys, ["show", FACT_ID], Terminal())
    assert status == 0
    assert "5,000 enterprises in 2019.\\r\u201cTestville had 9,000,000" in out
    # A multi-line note stays readable, each further line under the first, clear of the
    # labels: no line of the data can pass for a field of its own.
    lines = out.splitlines()
    assert "        note: Read with care." in lines
    assert "              The second line\tholds a tab\\r\\x1b[2K\\x9b31m\\u202e" in out
    assert all(line[12:14] == ": " or line.startswith(" " * 14) for line in lines)


@pytest.mark.parametrize(
    ("argv", "count"),
    [(["facts"], 2), (["timeline"], 1), (["data-centres"], 1)],
)
def test_a_table_has_one_line_per_record_and_its_own_columns(
    hostile: gb.Registry,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    count: int,
) -> None:
    """Line feeds and tabs in a name or title are escaped: they cannot add rows or columns."""
    _, out, _ = run(monkeypatch, capsys, argv, Pipe())
    rows = out.splitlines()
    assert len(rows) == count
    columns = {"facts": 3, "timeline": 2, "data-centres": 4}[argv[0]]
    assert [row.count("\t") for row in rows] == [columns - 1] * count
    assert_shown_safely(out)


def read_back(argv: list[str], out: str) -> str:
    """The quote (the title in CSL-JSON) as a reader of the output's format gets it."""
    fmt = argv[-1]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.split("\n") if line]  # not splitlines()
    else:
        rows = json.loads(out)
    (found,) = [row for row in rows if row["id"] in (FACT_ID, "test-source")]
    text = found["title" if fmt == "csl-json" else "quote"]
    assert isinstance(text, str)
    return text


def bibtex(registry: gb.Registry, argv: list[str]) -> str:
    """What the library writes for a BibTeX command: the command prints the same."""
    from guizhou_bigdata.outputs.citing import bibliography, cite

    if argv[0] == "cite":
        return cite([registry.fact(FACT_ID)], "bibtex")
    return bibliography("bibtex", registry=registry)


@pytest.mark.parametrize("argv", DATA, ids=" ".join)
def test_data_to_a_file_or_pipe_is_exact(
    hostile: gb.Registry,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    """``facts --format csv > facts.csv`` keeps every character of the data."""
    status, out, _ = run(monkeypatch, capsys, argv, Pipe())
    assert status == 0
    if "bibtex" in argv or argv == ["bibliography"]:
        assert out == bibtex(hostile, argv).rstrip("\n") + "\n"
        assert "\x9b" in out
    else:
        assert read_back(argv, out) == (TITLE if "csl-json" in argv else QUOTE)


@pytest.mark.parametrize("argv", DATA, ids=" ".join)
def test_data_to_a_terminal_is_escaped_and_json_still_reads_back(
    hostile: gb.Registry,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
) -> None:
    """On a terminal CSV and BibTeX show escapes; JSON's \\uXXXX escapes read back exact."""
    status, out, _ = run(monkeypatch, capsys, argv, Terminal())
    assert status == 0
    assert_shown_safely(out)
    if "bibtex" in argv or argv == ["bibliography"]:
        assert "\\x9b" in out
    elif "csv" in argv:
        assert read_back(argv, out) == QUOTE.replace("\r", "\\r")
    else:
        assert read_back(argv, out) == (TITLE if "csl-json" in argv else QUOTE)


def test_parquet_is_not_sent_to_a_terminal(
    hostile: gb.Registry, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = Terminal()
    status, out, err = run(
        monkeypatch, capsys, ["export", "-o", "-", "--format", "parquet"], terminal
    )
    assert (status, out) == (2, "")
    assert "Parquet is binary" in err
    assert "-o FILE" in err


# Error messages quote what the user gave ----------------------------------------------


def test_a_carriage_return_in_a_users_quote_is_refused_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    quote = json.dumps(QUOTE)  # a TOML basic string: the carriage return written \r
    path = write(tmp_path, "mine.toml", SOURCE + PLACE + METRIC + fact(quote=quote))
    status, out, err = run(monkeypatch, capsys, ["show", FACT_ID, "--data", str(path)], Terminal())
    assert (status, out) == (1, "")
    assert f"{path}: fact[0] quote: text holds control characters (U+000D CARRIAGE RETURN)" in err
    assert "a quote is one sentence" in err
    assert_shown_safely(err)


def test_a_path_holding_controls_is_quoted_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine\x1b[2J\r.toml"
    status, _, err = run(monkeypatch, capsys, ["facts", "--data", str(path)], Terminal())
    assert status == 1
    assert "mine\\x1b[2J\\r.toml: no such file or folder" in err
    assert_shown_safely(err)


# The loader refuses them -----------------------------------------------------------------


REFUSED = [
    ("\\r", "U+000D CARRIAGE RETURN"),
    ("\\u007f", "U+007F DELETE"),
    ("\\u0085", "U+0085 NEXT LINE"),
    ("\\u009b", "U+009B CONTROL SEQUENCE INTRODUCER"),
    ("\\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\\u202a", "U+202A LEFT-TO-RIGHT EMBEDDING"),
    ("\\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE"),
    ("\\u2069", "U+2069 POP DIRECTIONAL ISOLATE"),
    ("\\u200f", "U+200F RIGHT-TO-LEFT MARK"),
    ("\\u061c", "U+061C ARABIC LETTER MARK"),
    ("\\u2028", "U+2028 LINE SEPARATOR"),
    ("\u0085", "U+0085 NEXT LINE"),  # written as itself: valid TOML
    ("\u009b", "U+009B CONTROL SEQUENCE INTRODUCER"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u200e", "U+200E LEFT-TO-RIGHT MARK"),
]


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry(write(tmp_path, "mine.toml", text), bundled=False)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(("written", "named"), REFUSED)
def test_controls_and_bidirectional_controls_in_text_are_refused(
    tmp_path: Path, written: str, named: str
) -> None:
    found = problems(tmp_path, SOURCE + PLACE + METRIC + fact(note=f'"bad{written}note"'))
    assert found == [
        f"{tmp_path / 'mine.toml'}: fact[0] note: text holds control characters ({named}), "
        "which are refused: text may hold tabs and line feeds, but no other control "
        "character (C0, DEL, C1) and no bidirectional control (U+061C, U+200E, U+200F, "
        "U+202A-U+202E, U+2066-U+2069) or line or paragraph separator (U+2028, U+2029): on a "
        "terminal they overwrite or reorder what is shown"
    ]


def test_every_such_character_of_a_text_is_named_once(tmp_path: Path) -> None:
    note = json.dumps(f"a{SPOOF}b\r")
    (found,) = problems(tmp_path, SOURCE + PLACE + METRIC + fact(note=note))
    named = re.search(r"\(([^()]*)\), which are refused", found)
    assert named is not None
    assert named.group(1) == (
        "U+0008 BACKSPACE, U+000D CARRIAGE RETURN, U+001B ESCAPE, U+007F DELETE, "
        "U+0085 NEXT LINE and 4 more"
    )


@pytest.mark.parametrize(
    ("record", "field", "what"),
    [
        (fact(quote='"""Testville had more than\n5,000 enterprises in 2019."""'), "fact[0] quote",
         "a quote is one sentence"),
        (SOURCE.replace('"A test article"', '"A test\\narticle"'), "source[0] title",
         "'title' is one line"),
        (PLACE.replace('"Testville grew."', '"Testville\\ngrew."'),
         "place[0] citations[0] quote", "a quote is one sentence"),
    ],
)  # fmt: skip
def test_a_line_feed_in_one_line_text_is_refused(
    tmp_path: Path, record: str, field: str, what: str
) -> None:
    parts = {"source": SOURCE, "place": PLACE, "metric": METRIC, "fact": fact()}
    kind = field.split("[")[0]
    parts[kind] = record
    found = problems(tmp_path, "".join(parts.values()))
    assert len(found) == 1
    assert found[0].startswith(
        f"{tmp_path / 'mine.toml'}: {field}: text holds control characters (U+000A LINE FEED), "
        f"which are refused: {what}, written on one line (join its lines with a space); "
        "text may hold tabs, but"
    )


def test_notes_keep_their_line_feeds_and_tabs_and_comments_are_not_text(
    tmp_path: Path,
) -> None:
    text = (
        "# A comment may hold anything TOML allows: \u202e\u0085\n"
        + SOURCE
        + PLACE
        + METRIC
        + fact(
            note='"""First line,\nsecond\tline."""',
            quality='["ambiguous"]',
            quote='"Testville had more than 5,000\tenterprises in 2019."',
        )
    )
    registry = gb.load_registry(write(tmp_path, "mine.toml", text), bundled=False)
    loaded = registry.fact(FACT_ID)
    assert loaded.note == "First line,\nsecond\tline."
    assert loaded.citations[0].quote == "Testville had more than 5,000\tenterprises in 2019."


def test_the_names_are_unicodes_and_every_bidirectional_control_is_hidden() -> None:
    for code in range(0x3000):
        char = chr(code)
        if HIDDEN.match(char):
            point, name = character_name(char).split(" ", 1)
            assert point == f"U+{code:04X}"
            assert unicodedata.lookup(name) == char
    controls = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.bidirectional(char) in controls or unicodedata.category(char) == "Cc":
            assert HIDDEN.match(char) or char in "\t\n", f"U+{code:04X}"
