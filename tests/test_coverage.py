"""Every numeral and number word in every article is cited by a record or excluded with a reason.

The numbers are found by the draft reader's own scanner, so that the reader and
this test cannot disagree about what counts as a number.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.reading import scan_numerals

EXCLUSIONS = Path(__file__).parent / "coverage_exclusions"
REGISTRY = gb.default_registry()


def spans(text: str, snippet: str) -> list[tuple[int, int]]:
    found = []
    start = text.find(snippet)
    while start != -1:
        found.append((start, start + len(snippet)))
        start = text.find(snippet, start + 1)
    return found


def exclusions(source_id: str) -> list[dict[str, str]]:
    path = EXCLUSIONS / f"{source_id}.toml"
    rows: list[dict[str, str]] = tomllib.loads(path.read_text(encoding="utf-8")).get(
        "exclusion", []
    )
    return rows


def quotes_of(source_id: str) -> set[str]:
    citations = [c for fact in REGISTRY.facts() for c in fact.citations]
    citations += [c for milestone in REGISTRY.timeline() for c in milestone.citations]
    return {c.quote for c in citations if c.source.id == source_id and c.quote is not None}


ARCHIVED = [source for source in REGISTRY.sources() if source.archive is not None]
"""The articles whose text is archived; the public web pages cited by reference are not."""


def test_the_five_articles_are_archived() -> None:
    assert len(ARCHIVED) == 5
    assert all(source.url is None for source in ARCHIVED)


@pytest.mark.parametrize("source", ARCHIVED, ids=lambda s: s.id)
def test_every_number_in_the_article_is_accounted_for(sources_dir: Path, source: gb.Source) -> None:
    assert source.archive is not None
    text = (sources_dir / source.archive).read_text(encoding="utf-8")
    covered: list[tuple[int, int]] = []
    for quote in quotes_of(source.id):
        covered.extend(spans(text, quote))
    for row in exclusions(source.id):
        assert row["source"] == source.id
        assert row["reason"].strip(), row
        assert row["numeral"] in row["context"], row
        where = spans(text, row["context"])
        assert where, f"exclusion context not in the article: {row['context']!r}"
        covered.extend(where)
    missing = [
        f"{numeral.text!r} at {text[max(0, numeral.start - 40) : numeral.end + 40]!r}"
        for numeral in scan_numerals(text)
        if not any(start <= numeral.start and numeral.end <= end for start, end in covered)
    ]
    assert not missing, "numbers neither cited nor excluded:\n" + "\n".join(missing)


def test_exclusion_files_name_known_sources() -> None:
    known = {source.id for source in REGISTRY.sources()}
    for path in EXCLUSIONS.glob("*.toml"):
        assert path.stem in known, path


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("1,050 projects and 8.5% growth", ["1,050", "8.5"]),
        ("nearly 8,36 businesses, <>,<> platforms", ["8,36", "<>,<>"]),
        ("4G and G4 on page12 in 2019-05-14", ["4", "4", "12", "2019", "05", "14"]),
        ("eight rules, twenty-five firms, a hundred sites", ["eight", "twenty-five", "a hundred"]),
        ("ranked first for the seventh year; one of them", ["first", "seventh", "one"]),
        (
            "a quarter of thousands of users, 289.116 billion",
            ["a quarter", "thousands", "289.116", "billion"],
        ),
        (
            "one thousand two hundred servers, two million five hundred thousand people",
            ["one thousand two hundred", "two million five hundred thousand"],
        ),
        (
            "two million people, one million two years ago",
            ["two", "million", "one", "million", "two"],
        ),
    ],
)
def test_the_scanner_finds_every_kind_of_number(text: str, numbers: list[str]) -> None:
    assert [numeral.text for numeral in scan_numerals(text)] == numbers
