"""BibTeX that pybtex and bibtexparser 2 read whole, whatever text the cited records carry.

Each field must come back from both parsers with the text it was written from:
the LaTeX escapes of ``bibtex_escape`` undone (the table below is the documented
list) and each line break read as a space, as BibTeX reads it. pybtex also
folds every run of white space into one space and trims the ends.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import guizhou_bigdata as gb
from guizhou_bigdata.core.periods import Precision
from guizhou_bigdata.core.vocabulary import UNREVIEWED
from guizhou_bigdata.outputs.citing import bibtex_escape, bibtex_key

bibtexparser = pytest.importorskip("bibtexparser", minversion="2.0.0b8")
pybtex_database = pytest.importorskip("pybtex.database")
pybtex_errors = pytest.importorskip("pybtex.errors")

ESCAPES = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    r"\%": "%",
    r"\&": "&",
    r"\$": "$",
    r"\#": "#",
    r"\_": "_",
}
ESCAPE = re.compile("|".join(re.escape(escape) for escape in ESCAPES))
LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""A line break, as str.splitlines knows them: written as a space."""
URL_UNSAFE = re.compile(r"[{}\\\s]")
"""What a url field must not hold raw: braces, backslashes, white space."""


def decode(latex: str) -> str:
    """The text a field's LaTeX prints: every escape undone; no other LaTeX allowed."""
    pieces: list[str] = []
    start = 0
    for match in [*ESCAPE.finditer(latex), None]:
        end = len(latex) if match is None else match.start()
        plain = latex[start:end]
        assert not re.search(r"[\\{}%&$#_~^]", plain), f"unescaped special in {latex!r}"
        pieces.append(plain)
        if match is not None:
            pieces.append(ESCAPES[match.group()])
            start = match.end()
    return "".join(pieces)


def as_written(text: str) -> str:
    """The text as a BibTeX field holds it: each line break a space."""
    return LINE_BREAK.sub(" ", text)


def squashed(text: str) -> str:
    """The text as pybtex reads it: white space runs folded, ends trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def unbraced(value: str) -> str:
    """A braced group's content (the title's braces that keep its case)."""
    assert value.startswith("{"), value
    assert value.endswith("}"), value
    return value[1:-1]


def names(value: str) -> list[str]:
    """The braced names of an author field, ``{A} and {B}``, each checked to be one group."""
    found: list[str] = []
    depth = 0
    start = 0
    between: list[str] = []
    for index, char in enumerate(value):
        if char == "{":
            if depth == 0:
                between.append(value[start:index])
                start = index
            depth += 1
        elif char == "}":
            depth -= 1
            assert depth >= 0, value
            if depth == 0:
                found.append(value[start + 1 : index])
                start = index + 1
    assert depth == 0, value
    assert value[start:] == "", value
    assert between == ["", *[" and "] * (len(found) - 1)], value
    return found


# What cite() is documented to write ---------------------------------------------------


Expected = tuple[str, gb.Source, str | None, bool]
"""An entry: its id (the key is made from it), article, note, and whether it is a draft's."""

Citable = gb.Fact | gb.Milestone | gb.Place | gb.Source


def what(obj: Citable) -> str:
    if isinstance(obj, gb.Fact):
        return f"{obj.figure} ({obj.metric}, {obj.subject}, {obj.period})"
    if isinstance(obj, gb.Milestone):
        return f"{obj.date}: {obj.title}"
    if isinstance(obj, gb.Place):
        return obj.name + (f" ({obj.name_zh})" if obj.name_zh else "")
    return ""


def expected(objects: Sequence[Citable]) -> list[Expected]:
    """The entries of a bibliography: one per object and article, as the docs describe."""
    found: list[Expected] = []
    for obj in dict.fromkeys(objects):
        if isinstance(obj, gb.Source):
            found.append((obj.id, obj, None, False))
            continue
        grouped: dict[str, tuple[gb.Source, list[str]]] = {}
        for citation in obj.citations:  # a quote, or a reference: where, as printed, says
            shown = (
                f"\u201c{citation.quote}\u201d"
                if citation.quote is not None
                else f"reference ({citation.locator}), as printed \u201c{citation.as_written}"
                f"\u201d: {citation.says}"
            )
            grouped.setdefault(citation.source.id, (citation.source, []))[1].append(shown)
        draft = isinstance(obj, gb.Fact) and not obj.reviewed
        for index, (source, quotes) in enumerate(grouped.values()):
            quoted = " ".join(quotes)
            note = f"{what(obj)}: {quoted}" if what(obj) else quoted
            if draft:
                note = f"{UNREVIEWED} {note}"
            found.append((obj.id if index == 0 else f"{obj.id}:{source.id}", source, note, draft))
    return found


def fields_of(source: gb.Source, note: str | None, draft: bool) -> dict[str, str | None]:
    """Each field the entry must have, with its text (None: checked apart, the dates)."""
    fields: dict[str, str | None] = {"title": source.title, "year": None, "date": None}
    if source.publisher:
        fields |= {"entrysubtype": "newspaper", "journal": source.publisher}
    if source.authors or source.publisher:
        fields["author"] = None
    published = source.published
    if published.precision is not Precision.YEAR and not published.is_range:
        fields["month"] = None
        if published.precision is Precision.DAY:
            fields["day"] = None
    if source.archive is not None and source.archive.startswith(("http://", "https://")):
        fields["url"] = None
    if note is not None:
        fields["note"] = note
    if draft:
        fields["annotation"] = UNREVIEWED
    if not source.authors:
        fields["key"] = source.id
    return fields


MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)


def check_dates(source: gb.Source, fields: dict[str, str], months: Sequence[str]) -> None:
    """The date fields; ``months`` is how the parser reads the month macros."""
    published = source.published
    assert fields["year"] == str(published.start.year)
    assert fields["date"] == str(published)
    if "month" in fields:
        assert fields["month"] == months[published.start.month - 1]
    if "day" in fields:
        assert fields["day"] == str(published.start.day)


def check_url(source: gb.Source, url: str) -> None:
    assert source.archive is not None
    assert not URL_UNSAFE.search(url), url
    assert urllib.parse.unquote(url) == urllib.parse.unquote(source.archive)


def check_bibtexparser(bibtex: str, objects: Sequence[Citable]) -> None:
    """Every entry and field read back by bibtexparser 2, each text as written."""
    library = bibtexparser.parse_string(bibtex)
    assert library.failed_blocks == [], [block.error for block in library.failed_blocks]
    wanted = expected(objects)
    assert [entry.key for entry in library.entries] == [bibtex_key(id) for id, *_ in wanted]
    for entry, (_, source, note, draft) in zip(library.entries, wanted, strict=True):
        assert entry.entry_type == ("article" if source.publisher else "misc")
        fields: dict[str, str] = {name: f.value for name, f in entry.fields_dict.items()}
        texts = fields_of(source, note, draft)
        assert set(fields) == set(texts), entry.key
        for name, text in texts.items():
            if text is not None:
                value = unbraced(fields[name]) if name == "title" else fields[name]
                assert decode(value) == as_written(text), name
        if "author" in fields:
            authors = source.authors or (source.publisher or "",)
            assert [decode(name) for name in names(fields["author"])] == [
                as_written(author) for author in authors
            ]
        if "url" in fields:
            check_url(source, fields["url"])
        check_dates(source, fields, MONTHS)  # the macro as written: "mar"


def check_pybtex(bibtex: str, objects: Sequence[Citable]) -> None:
    """Every entry and field read back by pybtex (strict: a warning fails), each text as written."""
    data = pybtex_database.parse_string(bibtex, "bibtex")
    wanted = expected(objects)
    assert list(data.entries) == [bibtex_key(id) for id, *_ in wanted]
    for (key, entry), (_, source, note, draft) in zip(data.entries.items(), wanted, strict=True):
        assert entry.type == ("article" if source.publisher else "misc")
        fields = dict(entry.fields)
        texts = fields_of(source, note, draft)
        has_author = "author" in texts
        texts.pop("author", None)  # pybtex reads it as persons
        assert set(fields) == set(texts), key
        for name, text in texts.items():
            if text is not None:
                value = unbraced(fields[name]) if name == "title" else fields[name]
                assert squashed(decode(value)) == squashed(text), name
        if has_author:
            authors = source.authors or (source.publisher or "",)
            persons = entry.persons["author"]
            assert [(p.first_names, p.middle_names, p.prelast_names) for p in persons] == [
                ([], [], [])
            ] * len(authors)
            assert [squashed(decode(unbraced(" ".join(p.last_names)))) for p in persons] == [
                squashed(author) for author in authors
            ]
        else:
            assert not entry.persons
        if "url" in fields:
            check_url(source, fields["url"])
        check_dates(source, fields, MONTH_NAMES)  # the macro expanded: "March"


@pytest.fixture(autouse=True)
def strict_pybtex() -> Iterator[None]:
    before = pybtex_errors.strict
    pybtex_errors.set_strict_mode(True)  # a dropped field or repeated key raises
    yield
    pybtex_errors.set_strict_mode(before)


# Builders ----------------------------------------------------------------------------


def source(id: str = "test-source", title: str = "A test article", **changes: Any) -> gb.Source:
    fields: dict[str, Any] = {"publisher": "Test Daily", "published": gb.Period.parse("2020-05-01")}
    fields.update(changes)
    return gb.Source(id=id, title=title, **fields)


def fact(id: str, *citations: gb.Citation, reviewed: bool = True, as_written: str = "") -> gb.Fact:
    return gb.Fact(
        id=id,
        metric="widgets",
        subject="testville",
        period=gb.Period.parse("2020"),
        value=None,
        unit="enterprise",
        bound=gb.Bound.EXACT,
        modality=gb.Modality.ACTUAL,
        as_written=as_written or "some",
        citations=citations,
        reviewed=reviewed,
    )


def check(objects: Sequence[Citable]) -> str:
    bibtex = gb.cite(objects, "bibtex")
    check_pybtex(bibtex, objects)
    check_bibtexparser(bibtex, objects)
    return bibtex


# Regressions -------------------------------------------------------------------------


def test_a_lone_opening_brace_in_a_title_leaves_every_entry_whole() -> None:
    odd = source("odd", "Guizhou {big data valley")
    plain = source("plain", "A plain title", publisher=None, authors=("Li Xin",))
    objects: list[Citable] = [
        plain,
        odd,
        fact("x.widgets.2020", gb.Citation(odd, "It had 5 {widgets.")),
    ]
    bibtex = check(objects)  # pybtex raised TokenRequired: the whole bibliography failed
    assert r"Guizhou \textbraceleft{}big data valley" in bibtex


def test_a_lone_closing_brace_keeps_journal_dates_and_note() -> None:
    odd = source("odd", "Growth} of 5% in 2019", authors=("Pub}lisher",))
    objects: list[Citable] = [
        fact("x.widgets.2020", gb.Citation(odd, "Output rose by 5%} in 2019.")),
        odd,
        source("plain"),
    ]
    bibtex = check(objects)  # pybtex silently lost journal, year, date and the note
    data = pybtex_database.parse_string(bibtex, "bibtex")
    entry = data.entries["x.widgets.2020"]
    assert entry.fields["journal"] == "Test Daily"
    assert entry.fields["date"] == "2020-05-01"
    assert entry.fields["note"].endswith("Output rose by 5\\%\\textbraceright{} in 2019.\u201d")


def test_braces_and_backslashes_stay_balanced_in_every_field() -> None:
    odd = source(
        "odd",
        "}{ \\{ \\} \\",
        publisher="{Daily",
        authors=("A}", "\\"),
        archive="https://example.org/a b?c={1}\\",
    )
    check([fact("x.y.2020", gb.Citation(odd, "\\}"), as_written="{"), odd])


def test_a_line_starting_with_an_entry_type_in_a_quote_starts_no_entry() -> None:
    odd = source("odd", "Title\n@misc(x, title = {y})", publisher="Paper\r\n@article (z")
    bibtex = check([fact("x.widgets.2020", gb.Citation(odd, "One.\n@misc(x,\n@book{y,")), odd])
    assert all(line.startswith(("@", "  ", "}")) for line in bibtex.splitlines() if line)


@pytest.mark.parametrize("ids", [[""], ["A", "a"], ["a b", "a_b", "a\u00e9", "a,b", "a}b"]])
def test_every_id_gives_a_key_both_parsers_read_and_keep_apart(ids: list[str]) -> None:
    check([source(id) for id in ids])


def test_plain_text_is_written_as_it_is() -> None:
    text = "Guiyang\u2019s output rose 16.0 percent, to 208.5 billion yuan (\u8d35\u9633)."
    assert bibtex_escape(text) == text


# Any text ----------------------------------------------------------------------------

_REFUSED_CONTROLS = [chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20))]
"""C0 control characters the loader refuses in any text (tab, LF and CR are allowed)."""
_FRAGMENTS = [
    *"{}\\\"'@%#&$_~^,=()[] \t\n\r",
    "\r\n",
    "\\{",
    "\\}",
    "{}",
    " and ",
    "\n@misc{x,",
    "\n@article(",
    "\n  @book {",
    "\u2028",
    "\x85",
    "\u3000",
]
_CHARS = st.characters(codec="utf-8", exclude_characters=_REFUSED_CONTROLS)
TEXT = st.lists(st.sampled_from(_FRAGMENTS) | st.text(_CHARS, max_size=4), max_size=8).map("".join)
QUOTES = TEXT.filter(bool)
DATES = st.sampled_from(["2020", "2021-03", "2019-10-02", "2016/2020", "2021-01/2021-03"])
ARCHIVES = st.none() | st.just("articles/a.txt") | TEXT.map(lambda text: "https://" + text)


@st.composite
def bibliographies(draw: st.DrawFn) -> list[Citable]:
    """Sources, facts, milestones and places with any text, cited together."""
    count = draw(st.integers(1, 6))
    ids = draw(st.lists(TEXT, min_size=count + 3, max_size=count + 3, unique=True))
    pool = [
        gb.Source(
            id=ids.pop(),
            title=draw(TEXT),
            published=gb.Period.parse(draw(DATES)),
            publisher=draw(st.none() | TEXT),
            authors=tuple(draw(st.lists(TEXT, max_size=3))),
            archive=draw(ARCHIVES),
        )
        for _ in range(3)
    ]

    def citations() -> tuple[gb.Citation, ...]:
        cited = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
        return tuple(gb.Citation(s, draw(QUOTES)) for s in cited)

    objects: list[Citable] = []
    for id in ids:
        kind = draw(st.sampled_from(["source", "fact", "milestone", "place"]))
        if kind == "source":
            objects.append(draw(st.sampled_from(pool)))
        elif kind == "fact":
            written = draw(TEXT)
            objects.append(fact(id, *citations(), reviewed=draw(st.booleans()), as_written=written))
        elif kind == "milestone":
            date = gb.Period.parse(draw(DATES))
            objects.append(gb.Milestone(id=id, date=date, title=draw(TEXT), citations=citations()))
        else:
            objects.append(
                gb.Place(
                    id=id,
                    name=draw(TEXT),
                    name_zh=draw(st.none() | TEXT),
                    kind=gb.PlaceKind.ZONE,
                    citations=citations(),
                )
            )
    return objects


@settings(deadline=None, max_examples=200)
@given(bibliographies())
def test_any_text_comes_back_from_both_parsers(objects: list[Citable]) -> None:
    entry_ids = [id for id, *_ in expected(objects)]
    assume(len(set(entry_ids)) == len(entry_ids))  # "a" citing "b" twice is also "a:b"
    check(objects)
