"""Citations as text, BibTeX and CSL-JSON, for every record a user can cite."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.outputs.citing import (
    CITATION_FORMATS,
    bibliography,
    bibtex_escape,
    bibtex_key,
    cite,
)

GROWTH = "guizhou.digital_economy_growth.2018.chinadaily"
DERIVED = "guiyang.gdp_nominal_growth.2014.derived"

# The shape of CSL-JSON input data, after the CSL schema (csl-data.json) for
# the variables this library writes: an array of items, each with an id and a
# type; names as objects; dates as one or two date-parts of one to three numbers.
CSL_SCHEMA: dict[str, Any] = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "type"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": ["string", "number"]},
            "type": {"enum": ["article-newspaper", "article"]},
            "title": {"type": "string"},
            "container-title": {"type": "string"},
            "URL": {"type": "string"},
            "note": {"type": "string"},
            "author": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "literal": {"type": "string"},
                        "family": {"type": "string"},
                        "given": {"type": "string"},
                    },
                },
            },
            "issued": {
                "type": "object",
                "additionalProperties": False,
                "required": ["date-parts"],
                "properties": {
                    "date-parts": {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": 2,
                        "items": {
                            "type": "array",
                            "minItems": 1,
                            "maxItems": 3,
                            "items": {"type": "integer"},
                        },
                    }
                },
            },
        },
    },
}


def source(**changes: Any) -> gb.Source:
    fields: dict[str, Any] = {
        "id": "test-source",
        "title": "A test article",
        "published": gb.Period.parse("2020-05-01"),
        "publisher": "Test Daily",
    }
    fields.update(changes)
    return gb.Source(**fields)


def entries(bibtex: str) -> list[str]:
    """The entries of a BibTeX text, checking that each one's braces balance.

    Every brace counts, escaped or not: BibTeX counts ``\\{`` too.
    """
    found = re.split(r"\n(?=@)", bibtex.strip())
    for entry in found:
        depth = 0
        for char in entry:
            depth += {"{": 1, "}": -1}.get(char, 0)
            assert depth >= 0, entry
        assert depth == 0, entry
    return found


def field(entry: str, name: str) -> str:
    """One field's value as written (braced values without their outer braces)."""
    match = re.search(rf"^  {name} = (?:\{{(.*)\}}|(\w+)),?$", entry, re.MULTILINE)
    assert match is not None, f"no {name} in {entry}"
    return match.group(1) if match.group(1) is not None else match.group(2)


def all_citable(registry: gb.Registry) -> list[Any]:
    return [
        *registry.facts(),
        *registry.places(),
        *registry.organisations(),
        *registry.data_centres(),
        *registry.platforms(),
        *registry.events(),
        *registry.policies(),
        *registry.timeline(),
        *registry.sources(),
    ]


# Text ------------------------------------------------------------------------


def test_text_of_a_fact_and_a_source_is_their_own_cite(registry: gb.Registry) -> None:
    fact = registry.fact(GROWTH)
    assert cite(fact) == fact.cite()
    assert cite(fact.citations[0].source, "text") == fact.citations[0].source.cite()


def test_text_of_an_entity_names_it_and_quotes_its_sources(registry: gb.Registry) -> None:
    text = cite(registry.entity("guiyang"))
    assert text.splitlines()[0] == "Guiyang (贵阳市) [guiyang]"
    assert "\u201cGuiyang, capital of Guizhou, has applied big data" in text
    assert 'Li Xin, "Tech focus helps Guizhou lead with high-quality growth"' in text


def test_text_of_a_milestone_gives_its_date_and_quote(registry: gb.Registry) -> None:
    milestone = registry.timeline()[0]
    lines = cite(milestone).splitlines()
    assert lines[0] == f"{milestone.date}: {milestone.title} [{milestone.id}]"
    assert lines[1:] == [citation.cite() for citation in milestone.citations]


# BibTeX ----------------------------------------------------------------------


def test_bibtex_of_a_fact_is_an_article_with_the_figure_and_quote(registry: gb.Registry) -> None:
    fact = registry.fact(GROWTH)
    (entry,) = entries(cite(fact, "bibtex"))
    assert entry.startswith(f"@article{{{GROWTH},\n")
    assert field(entry, "entrysubtype") == "newspaper"
    assert field(entry, "day") == "2"
    assert "key =" not in entry  # a named author labels and sorts it
    assert field(entry, "title") == "{Tech focus helps Guizhou lead with high-quality growth}"
    assert field(entry, "author") == "{Li Xin}"
    assert field(entry, "journal") == "China Daily"
    assert field(entry, "year") == "2019"
    assert field(entry, "month") == "oct"
    assert field(entry, "date") == "2019-10-02"
    note = field(entry, "note")
    assert note.startswith("24.6 percent (digital\\_economy\\_growth, guizhou, 2018): \u201c")
    assert fact.citations[0].passage in note  # a quote citation: its passage is the quote


def test_bibtex_keeps_chinese_names_whole(registry: gb.Registry) -> None:
    (entry,) = entries(cite(registry.source("cns-2023-10-10"), "bibtex"))
    assert field(entry, "author") == "{Liu Ziyun} and {Yuan Chao}"
    assert "note" not in entry


def test_bibtex_without_publisher_is_misc_and_year_only(registry: gb.Registry) -> None:
    (entry,) = entries(cite(registry.source("techcentre-2022"), "bibtex"))
    assert entry.startswith("@misc{techcentre-2022,")
    assert "journal" not in entry
    assert "month" not in entry
    assert field(entry, "date") == "2022"


def test_bibtex_groups_quotes_of_one_source_into_one_entry(registry: gb.Registry) -> None:
    fact = registry.fact(DERIVED)
    assert len(fact.citations) == 2
    (entry,) = entries(cite(fact, "bibtex"))
    note = field(entry, "note")
    for citation in fact.citations:
        assert bibtex_escape(citation.passage) in note  # quotes: the passage is the quote


def test_bibtex_gives_one_entry_per_cited_source() -> None:
    first, second = source(id="first"), source(id="second", publisher=None)
    fact = gb.Fact(
        id="x.widgets.2020",
        metric="widgets",
        subject="x",
        period=gb.Period.parse("2020"),
        value=None,
        unit="enterprise",
        bound=gb.Bound.EXACT,
        modality=gb.Modality.ACTUAL,
        as_written="some",
        citations=(gb.Citation(first, "Quote one."), gb.Citation(second, "Quote two.")),
    )
    found = entries(cite(fact, "bibtex"))
    assert [entry.splitlines()[0] for entry in found] == [
        "@article{x.widgets.2020,",
        "@misc{x.widgets.2020:second,",
    ]
    assert "Quote one." in field(found[0], "note")
    assert "Quote two." in field(found[1], "note")
    items = json.loads(cite(fact, "csl-json"))
    assert [item["id"] for item in items] == ["x.widgets.2020", "x.widgets.2020:second"]
    assert [item["type"] for item in items] == ["article-newspaper", "article"]


def test_bibtex_escapes_every_special_character() -> None:
    text = "50% & $5 #1 a_b ~x^y C:\\z {w}\n@misc(x"
    assert bibtex_escape(text) == (
        r"50\% \& \$5 \#1 a\_b \textasciitilde{}x\textasciicircum{}y "
        r"C:\textbackslash{}z \textbraceleft{}w\textbraceright{} @misc(x"
    )


def test_bibtex_entries_stay_balanced_with_specials_in_every_field() -> None:
    nasty = source(
        id="odd id{1}",
        title="Growth of 5% & more {unbalanced",
        publisher="Pub_lisher } #1",
        authors=("A\\B", "C~D"),
        archive="https://example.org/a?b=1&c={2}",
    )
    (entry,) = entries(cite(nasty, "bibtex"))
    assert field(entry, "title") == r"{Growth of 5\% \& more \textbraceleft{}unbalanced}"
    assert field(entry, "journal") == r"Pub\_lisher \textbraceright{} \#1"
    assert field(entry, "author") == r"{A\textbackslash{}B} and {C\textasciitilde{}D}"
    assert field(entry, "url") == "https://example.org/a?b=1&c=%7B2%7D"


def test_bibtex_keys_are_safe_and_distinct() -> None:
    assert bibtex_key("chinadaily-2019-10-02") == "chinadaily-2019-10-02"
    odd, plain = bibtex_key("a b"), bibtex_key("a_b")
    assert re.fullmatch(r"[A-Za-z0-9_.:-]+", odd)
    assert odd != plain
    # BibTeX and pybtex ignore the case of keys: an id with capitals is never its own key.
    upper, lower, empty = bibtex_key("Guiyang"), bibtex_key("guiyang"), bibtex_key("")
    assert lower == "guiyang"
    assert upper.lower() != lower
    assert re.fullmatch(r"Guiyang-[0-9a-f]{8}", upper)
    assert re.fullmatch(r"-[0-9a-f]{8}", empty)
    (entry,) = entries(cite(source(id="odd id{1}"), "bibtex"))
    assert entry.startswith(f"@article{{{bibtex_key('odd id{1}')},")


def test_bibtex_url_only_for_web_archives(registry: gb.Registry) -> None:
    (entry,) = entries(cite(registry.source("chinadaily-2019-10-02"), "bibtex"))
    assert "url" not in entry  # the archive is a file name in the text archive
    (web,) = entries(cite(source(archive="http://example.org/x"), "bibtex"))
    assert field(web, "url") == "http://example.org/x"


def test_bibtex_month_for_month_precision() -> None:
    (entry,) = entries(cite(source(published=gb.Period.parse("2021-03")), "bibtex"))
    assert field(entry, "month") == "mar"
    assert field(entry, "date") == "2021-03"


# CSL-JSON --------------------------------------------------------------------


def test_csl_json_of_a_fact(registry: gb.Registry) -> None:
    fact = registry.fact(GROWTH)
    (item,) = json.loads(cite(fact, "csl-json"))
    assert item == {
        "id": GROWTH,
        "type": "article-newspaper",
        "title": "Tech focus helps Guizhou lead with high-quality growth",
        "container-title": "China Daily",
        "author": [{"literal": "Li Xin"}],
        "issued": {"date-parts": [[2019, 10, 2]]},
        "note": f"24.6 percent (digital_economy_growth, guizhou, 2018): "
        f"\u201c{fact.citations[0].quote}\u201d",
    }


@pytest.mark.parametrize(
    ("published", "parts"),
    [
        ("2022", [[2022]]),
        ("2021-03", [[2021, 3]]),
        ("2019-10-02", [[2019, 10, 2]]),
        ("2016/2020", [[2016], [2020]]),
        ("2021-01/2021-03", [[2021, 1], [2021, 3]]),
    ],
)
def test_csl_dates_carry_only_the_known_precision(published: str, parts: list[list[int]]) -> None:
    (item,) = json.loads(cite(source(published=gb.Period.parse(published)), "csl-json"))
    assert item["issued"] == {"date-parts": parts}


def test_csl_json_web_archive_is_the_url() -> None:
    (item,) = json.loads(cite(source(archive="https://example.org/x"), "csl-json"))
    assert item["URL"] == "https://example.org/x"


def test_every_record_cites_in_every_format(registry: gb.Registry) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    for record in all_citable(registry):
        assert cite(record, "text")
        found = entries(cite(record, "bibtex"))
        items = json.loads(cite(record, "csl-json"))
        jsonschema.validate(items, CSL_SCHEMA)
        if isinstance(record, gb.Source):
            ids = [record.id]
        else:
            sources = list(dict.fromkeys(c.source.id for c in record.citations))
            ids = [record.id, *(f"{record.id}:{source}" for source in sources[1:])]
        assert [item["id"] for item in items] == ids
        keys = [bibtex_key(id) for id in ids]
        assert [entry.split("{", 1)[1].split(",", 1)[0] for entry in found] == keys


# Errors ----------------------------------------------------------------------


def test_an_unknown_format_names_the_valid_ones(registry: gb.Registry) -> None:
    with pytest.raises(ValueError, match="unknown citation format 'ris'; valid formats: text, "):
        cite(registry.fact(GROWTH), "ris")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="bibtex, csl-json"):
        bibliography("xml")  # type: ignore[arg-type]
    assert CITATION_FORMATS == ("text", "bibtex", "csl-json")


def test_citing_something_else_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="cannot cite int objects; cite a Fact"):
        cite(42, "text")  # type: ignore[arg-type]


# Bibliography ----------------------------------------------------------------


def test_bibliography_has_every_source_once(registry: gb.Registry) -> None:
    ids = [s.id for s in registry.sources()]
    found = entries(bibliography())
    assert [entry.split("{", 1)[1].split(",", 1)[0] for entry in found] == ids
    assert all("note" not in entry for entry in found)
    items = json.loads(bibliography("csl-json", registry=registry))
    assert [item["id"] for item in items] == ids
    assert bibliography("text").splitlines() == [s.cite() for s in registry.sources()]


# Many objects at once ----------------------------------------------------------


def test_citing_an_iterable_gives_one_bibliography(registry: gb.Registry) -> None:
    facts = registry.facts(metric="gdp", subject="guiyang")
    found = entries(cite([*facts, facts[0]], "bibtex"))  # a repeat is cited once
    assert [entry.split("{", 1)[1].split(",", 1)[0] for entry in found] == [f.id for f in facts]
    items = json.loads(cite(iter(facts), "csl-json"))
    assert [item["id"] for item in items] == [f.id for f in facts]
    assert cite(facts) == "\n\n".join(f.cite() for f in facts)


def test_two_objects_with_one_id_cannot_share_a_bibliography() -> None:
    with pytest.raises(ValueError, match="two cited objects share the id 'test-source'"):
        cite([source(), source(title="Another article")], "bibtex")


def test_two_ids_with_one_bibtex_key_are_named() -> None:
    taken = bibtex_key("a b")  # an id that is another id's key
    with pytest.raises(ValueError, match=f"the ids 'a b' and '{taken}' give the same BibTeX key"):
        cite([source(id="a b"), source(id=taken)], "bibtex")
    assert len(json.loads(cite([source(id="a b"), source(id=taken)], "csl-json"))) == 2


def test_citing_an_iterable_of_something_else_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="cannot cite str objects"):
        cite("guiyang", "bibtex")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="cannot cite int objects"):
        cite([1, 2], "bibtex")  # type: ignore[list-item]
    with pytest.raises(ValueError, match="nothing to cite: the iterable is empty"):
        cite((), "csl-json")
