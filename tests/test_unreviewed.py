"""A draft never passes for checked data: preference, citations and displays mark it."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.core.display import fact_html, facts_html
from guizhou_bigdata.core.vocabulary import UNREVIEWED
from guizhou_bigdata.metrics import MetricView

from .helpers import article_files, write

REVIEWED = "guiyang.gdp.2018.beltandroad"
"""The reviewed 2018 figure: "is expected to reach 389.1 billion yuan", an estimate."""
DRAFT = "guiyang.gdp.2018.draft-news"

DRAFT_FILE = f"""
[[source]]
id = "draft-news"
title = "A machine-read article"
published = "2020-01-15"
reviewed = false

[[fact]]
id = "{DRAFT}"
metric = "gdp"
subject = "guiyang"
period = "2018"
value = "400"
scale = "billion"
unit = "yuan"
bound = "exact"
modality = "actual"
quote = "Guiyang's GDP reached 400 billion yuan in 2018."
source = "draft-news"
reviewed = false

[[fact]]
id = "guiyang.gdp.2030.draft-news"
metric = "gdp"
subject = "guiyang"
period = "2030"
value = "1"
scale = "trillion"
unit = "yuan"
bound = "exact"
modality = "target"
quote = "Guiyang's GDP should reach 1 trillion yuan in 2030."
source = "draft-news"
reviewed = false
"""

MARK = "Unreviewed draft"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> gb.Registry:
    path = write(tmp_path_factory.mktemp("drafts"), "draft.toml", DRAFT_FILE)
    # on the five articles' data: the draft competes with their 2018 GDP (the public-source
    # series adds an actual 2018 figure that would win on its own)
    return gb.load_registry(*article_files(), path, drafts=True, bundled=False)


# Preference -----------------------------------------------------------------------


def test_a_reviewed_fact_beats_a_draft_that_would_otherwise_win(drafts: gb.Registry) -> None:
    draft = drafts.fact(DRAFT)
    assert not draft.reviewed  # actual, newer source, unflagged: every other key favours it
    assert drafts.preferred("gdp", 2018, "guiyang").id == REVIEWED
    assert MetricView("gdp", drafts)(2018, "guiyang").id == REVIEWED
    series = {fact.period.end.year: fact.id for fact in drafts.series("gdp", "guiyang")}
    assert series[2018] == REVIEWED


def test_a_draft_is_chosen_only_when_no_reviewed_fact_exists(drafts: gb.Registry) -> None:
    chosen = drafts.preferred("gdp", 2030, "guiyang")
    assert chosen.id == "guiyang.gdp.2030.draft-news"
    assert not chosen.reviewed
    assert MARK in chosen.cite()
    assert drafts.series("gdp", "guiyang")[-1] == chosen


# Citations, in the tools that read them -----------------------------------------------


def test_bibtex_of_a_draft_says_it_is_unreviewed(drafts: gb.Registry) -> None:
    bibtexparser = pytest.importorskip("bibtexparser", minversion="2.0.0b8")
    library = bibtexparser.parse_string(
        gb.cite([drafts.fact(DRAFT), drafts.fact(REVIEWED)], "bibtex")
    )
    assert library.failed_blocks == []
    by_key = {entry.key: entry for entry in library.entries}
    assert by_key[DRAFT]["note"].startswith(MARK)
    assert MARK in by_key[DRAFT]["annotation"]
    assert MARK not in by_key[REVIEWED]["note"]
    assert "annotation" not in by_key[REVIEWED]


@pytest.mark.parametrize("style", ["plain", "unsrt"])
def test_pybtex_prints_the_draft_mark(style: str, drafts: gb.Registry) -> None:
    pytest.importorskip("pybtex")
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    data = parse_string(gb.cite([drafts.fact(DRAFT), drafts.fact(REVIEWED)], "bibtex"), "bibtex")
    formatted = find_plugin("pybtex.style.formatting", style)().format_bibliography(data)
    backend = find_plugin("pybtex.backends", "text")()
    text = {entry.key: entry.text.render(backend) for entry in formatted}
    assert MARK in text[DRAFT]
    assert "400 billion yuan" in text[DRAFT]
    assert MARK not in text[REVIEWED]


def test_csl_json_of_a_draft_says_it_is_unreviewed(drafts: gb.Registry) -> None:
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    items = json.loads(gb.cite([drafts.fact(DRAFT), drafts.fact(REVIEWED)], "csl-json"))
    notes = {item["id"]: item["note"] for item in items}
    assert notes[DRAFT].startswith(MARK)
    assert MARK not in notes[REVIEWED]
    annotes = {item["id"]: item.get("annote") for item in items}
    assert annotes == {DRAFT: UNREVIEWED, REVIEWED: None}
    source = CiteProcJSON(items)  # what citeproc-py reads the note as
    assert str(source[DRAFT.lower()]["note"]).startswith(MARK)
    assert MARK not in str(source[REVIEWED.lower()]["note"])
    assert citeproc  # imported for its JSON reader


def test_text_citation_still_marks_a_draft(drafts: gb.Registry) -> None:
    assert MARK in gb.cite(drafts.fact(DRAFT))
    assert MARK not in gb.cite(drafts.fact(REVIEWED))


# HTML ------------------------------------------------------------------------------


def _rows(element: ET.Element) -> dict[str, str]:
    return {
        "".join(row.find("th").itertext()): "".join(row.find("td").itertext())  # type: ignore[union-attr]
        for row in element.iter("tr")
        if row.find("th") is not None and row.find("td") is not None
    }


def test_fact_html_flags_a_draft(drafts: gb.Registry) -> None:
    draft = ET.fromstring(fact_html(drafts.fact(DRAFT)))
    assert MARK in _rows(draft)["reviewed"]
    assert "guizhou-bigdata-unreviewed" in (draft.get("class") or "").split()
    reviewed = ET.fromstring(fact_html(drafts.fact(REVIEWED)))
    assert "reviewed" not in _rows(reviewed)
    assert MARK not in "".join(reviewed.itertext())


def test_facts_html_has_a_reviewed_column(drafts: gb.Registry) -> None:
    table = ET.fromstring(facts_html(drafts.facts(metric="gdp", subject="guiyang", year=2018)))
    heads = ["".join(th.itertext()) for th in table.iter("th")]
    assert "reviewed" in heads
    column = heads.index("reviewed")
    cells = {
        "".join(row[-1].itertext()): "".join(row[column].itertext())
        for row in table.iter("tr")
        if row.find("td") is not None
    }
    assert cells[DRAFT] == "no: unreviewed draft"
    assert cells[REVIEWED] == "yes"


def test_a_bundled_table_says_every_fact_is_reviewed(registry: gb.Registry) -> None:
    table = ET.fromstring(facts_html(registry.facts(metric="gdp")))
    assert MARK.lower() not in "".join(table.itertext()).lower()


def test_the_draft_file_is_valid_apart_from_its_marks(tmp_path: Path) -> None:
    with pytest.raises(gb.RegistryError, match="unreviewed"):
        gb.load_registry(write(tmp_path, "draft.toml", DRAFT_FILE))
