"""Every numeral and number word in every article is cited by a record or excluded with a reason."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

import guizhou_bigdata as gb

EXCLUSIONS = Path(__file__).parent / "coverage_exclusions"
NUMBER = re.compile(
    r"\d+(?:[.,]\d+)*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
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
    return {c.quote for c in citations if c.source.id == source_id}


@pytest.mark.parametrize("source", REGISTRY.sources(), ids=lambda s: s.id)
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
        f"{match.group()!r} at {text[max(0, match.start() - 40) : match.end() + 40]!r}"
        for match in NUMBER.finditer(text)
        if not any(start <= match.start() and match.end() <= end for start, end in covered)
    ]
    assert not missing, "numbers neither cited nor excluded:\n" + "\n".join(missing)


def test_exclusion_files_name_known_sources() -> None:
    known = {source.id for source in REGISTRY.sources()}
    for path in EXCLUSIONS.glob("*.toml"):
        assert path.stem in known, path
