"""Quote and reference citations: both load, each is checked, and every output names its kind.

A reference citation is for a web page the project does not archive: no quote, but a
locator, the figure as printed and a statement in our own words, and a source with a URL.
The example page, its title and its sentences are made up for these tests.
"""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.checks.auditing import AuditKind
from guizhou_bigdata.cli import main
from guizhou_bigdata.store.default import default_registry
from guizhou_bigdata.store.encoding import decode, encode

from .helpers import write

URL = "https://example.org/bulletins/2022/figures.html"

PAGE = f"""
[[source]]
id = "example-page"
title = "示例市2022年统计公报"
publisher = "示例市统计局"
published = "2023-03"
language = "zh"
url = "{URL}"

[[source]]
id = "example-archived"
title = "An archived example article"
published = "2021-06-02"
"""

TOWN = """
[[place]]
id = "exampletown"
name = "Exampletown"
kind = "prefecture_city"
citations = [
  { source = "example-page", locator = "title", as_written = "示例市", says = "On Exampletown." },
]
"""

FIRMS: dict[str, str] = {
    "id": '"exampletown.big_data_enterprises.2022.page"',
    "metric": '"big_data_enterprises"',
    "subject": '"exampletown"',
    "period": '"2022"',
    "value": '"4000"',
    "unit": '"enterprise"',
    "as_written": '"超过4000家"',
    "bound": '"more_than"',
    "modality": '"actual"',
    "source": '"example-page"',
    "locator": '"section 3, paragraph 2"',
    "says": '"Exampletown counted more than 4,000 big data firms in 2022."',
}

QUOTED: dict[str, str] = {
    "id": '"exampletown.big_data_enterprises.2021.archived"',
    "metric": '"big_data_enterprises"',
    "subject": '"exampletown"',
    "period": '"2021"',
    "value": '"3500"',
    "unit": '"enterprise"',
    "bound": '"exact"',
    "modality": '"actual"',
    "source": '"example-archived"',
    "quote": '"Exampletown had 3500 big data firms in 2021."',
    "locator": '"paragraph 4"',
}

ARCHIVED = "chinadaily-2019-10-02"
"""A bundled source with an archived text, which no reference cites."""
FIRMS_ID = "exampletown.big_data_enterprises.2022.page"
QUOTED_ID = "exampletown.big_data_enterprises.2021.archived"


def fact(base: dict[str, str], **overrides: str) -> str:
    """A [[fact]] table from ``base``, keys replaced, added, or dropped (given as '')."""
    fields = {**base, **overrides}
    body = "\n".join(f"{key} = {value}" for key, value in fields.items() if value)
    return f"\n[[fact]]\n{body}\n"


def load(tmp_path: Path, text: str) -> gb.Registry:
    return gb.load_registry(write(tmp_path, "mine.toml", text))


def problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(gb.RegistryError) as caught:
        load(tmp_path, text)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> gb.Registry:
    folder = tmp_path_factory.mktemp("references")
    return load(folder, PAGE + TOWN + fact(FIRMS) + fact(QUOTED))


# Loading ------------------------------------------------------------------------------


def test_both_forms_load_with_every_field(registry: gb.Registry) -> None:
    reference = registry.fact(FIRMS_ID).citations[0]
    assert reference.kind is gb.CitationKind.REFERENCE
    assert reference.quote is None
    assert reference.locator == "section 3, paragraph 2"
    assert reference.as_written == "超过4000家"
    assert reference.says == "Exampletown counted more than 4,000 big data firms in 2022."
    assert reference.source.url == URL
    assert reference.passage == "section 3, paragraph 2"
    quote = registry.fact(QUOTED_ID).citations[0]
    assert quote.kind is gb.CitationKind.QUOTE
    assert quote.quote == "Exampletown had 3500 big data firms in 2021."
    assert quote.locator == "paragraph 4"
    assert quote.as_written is None
    assert quote.says is None
    assert quote.passage == quote.quote
    town = registry.entity("exampletown").citations[0]
    assert town.kind is gb.CitationKind.REFERENCE
    assert town.as_written == "示例市"


def test_more_citations_take_either_form(tmp_path: Path) -> None:
    more = (
        '[{ source = "example-archived", quote = "It had more than 4000 big data firms." },'
        ' { source = "example-page", locator = "table 2, row 1", as_written = "4000余家",'
        ' says = "The table counts about 4,000 firms." }]'
    )
    registry = load(tmp_path, PAGE + TOWN + fact(FIRMS, more_citations=more))
    kinds = [c.kind for c in registry.fact(FIRMS_ID).citations]
    assert kinds == [gb.CitationKind.REFERENCE, gb.CitationKind.QUOTE, gb.CitationKind.REFERENCE]
    assert registry.fact(FIRMS_ID).citations[2].as_written == "4000余家"


WHERE = f"mine.toml: fact[0] (id '{FIRMS_ID}')"


@pytest.mark.parametrize(
    ("overrides", "field", "expected"),
    [
        ({"quote": '"It had more than 4000 firms."'}, "says", "cannot also have 'says'"),
        ({"locator": ""}, "locator", "no locator: a reference citation"),
        ({"locator": '""'}, "locator", "the locator is empty"),
        ({"says": ""}, "says", "no says: a reference citation"),
        ({"says": '""'}, "says", "'says' is empty"),
        ({"says": '"' + "x" * 301 + '"'}, "says", "'says' of 301 characters is too long"),
        ({"as_written": ""}, "as_written", "no as_written: a reference citation"),
        ({"locator": "", "says": ""}, "quote", "required field missing: 'quote'"),
        ({"value": '"5000"'}, "value", "value 5000 is not a reading of '超过4000家'"),
        ({"scale": '"万"'}, "scale", "the scale word '万' is not in as_written '超过4000家'"),
        ({"says": '"one\\ntwo"'}, "says", "'says' is one line"),
        ({"locator": '"table 1,\\nrow 2"'}, "locator", "'locator' is one line"),
    ],
)
def test_each_missing_or_conflicting_field_is_named(
    tmp_path: Path, overrides: dict[str, str], field: str, expected: str
) -> None:
    found = problems(tmp_path, PAGE + TOWN + fact(FIRMS, **overrides))
    # Characters are refused as the file is read, before the record has its id.
    where = f"mine.toml: fact[0] {field}" if "\\" in "".join(overrides.values()) else WHERE
    assert any(where in p and expected in p for p in found), found


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        ('{ source = "example-page", locator = "table 1" }', "needs 'as_written', 'says'"),
        (
            '{ source = "example-archived", quote = "It had 4000 firms.", says = "x" }',
            "a citation with a 'quote' cannot also have 'says'",
        ),
        (
            '{ source = "example-page", locator = "table 1", as_written = "3000家", says = "x" }',
            "value 4000 is not a reading of '3000家'",
        ),
    ],
)
def test_a_bad_further_citation_is_named(tmp_path: Path, citation: str, expected: str) -> None:
    found = problems(tmp_path, PAGE + TOWN + fact(FIRMS, more_citations=f"[{citation}]"))
    assert any(f"{WHERE} more_citations[0]" in p and expected in p for p in found), found


@pytest.mark.parametrize(
    ("value", "scale", "as_written"),
    [("4.5", "万", "4.5萬家"), ("205.39", "亿", "205.39億元"), ("1.2", "万亿", "1.2萬億元")],
)
def test_traditional_characters_write_the_same_scale_words(
    tmp_path: Path, value: str, scale: str, as_written: str
) -> None:
    """萬, 億 and 萬億 are how traditional characters write 万, 亿 and 万亿."""
    text = fact(FIRMS, value=f'"{value}"', scale=f'"{scale}"', as_written=f'"{as_written}"')
    loaded = load(tmp_path, PAGE + TOWN + text)
    assert loaded.fact(FIRMS_ID).scale is gb.Scale(scale)


@pytest.mark.parametrize("as_written", ["4.5萬家", "4.5万家", "约4.5 萬家"])
def test_a_scale_word_left_out_of_a_reference_is_named_in_simplified_form(
    tmp_path: Path, as_written: str
) -> None:
    """A reference's as_written is the figure itself: its scale word must be recorded."""
    text = fact(FIRMS, value='"4.5"', as_written=f'"{as_written}"')
    found = problems(tmp_path, PAGE + TOWN + text)
    assert any(f"{WHERE} scale" in p and "give scale = '万'" in p for p in found), found


@pytest.mark.parametrize(
    ("value", "scale", "as_written"),
    [
        ("21600", "", "2万1600家"),  # digits between scale characters (Japanese too)
        ("463.36", "亿", "463億3600万家"),
        ("125000", "", "12万5,000社超"),
        ("7461", "", "7천461개"),
        ("5000", "", "über 5.000 Firmen"),  # a thousands dot
        ("3", "thousand", "3千社を超え"),
        ("1.3", "万", "1만3천 개"),  # Korean: 만 万, 천 千
        ("18", "万", "18만여 개"),
        ("10000", "", "近万家"),  # a scale word standing for one of itself
        ("1", "万亿", "突破萬億家"),
        ("18.1", "thousand", "18,1 Tausend Firmen"),  # a decimal comma
        ("13", "thousand", "13 mil empresas"),
        ("2", "million", "2 millones de empresas"),
        ("1.5", "billion", "1,5 milliards d'entreprises"),
        ("84", "million", "84 mln firms"),
    ],
)
def test_a_figure_printed_in_another_language_is_read_as_printed(
    tmp_path: Path, value: str, scale: str, as_written: str
) -> None:
    """A page is cited by the figure as it prints it, in its own language and numerals."""
    text = fact(
        FIRMS, value=f'"{value}"', scale=f'"{scale}"' if scale else "", as_written=f'"{as_written}"'
    )
    loaded = load(tmp_path, PAGE + TOWN + text)
    assert loaded.fact(FIRMS_ID).value == Decimal(value)


@pytest.mark.parametrize(
    ("value", "scale", "as_written", "expected"),
    [
        ("2.362", "", "2,362家", "value 2.362 is not a reading of '2,362家'"),
        ("2", "thousand", "2 millones", "the scale word 'thousand' is not in"),
        ("5", "million", "5 mnemonics", "the scale word 'million' is not in"),
        ("4.5", "", "4.5만 개", "give scale = '万'"),
        ("3", "", "3千社", "give scale = 'thousand'"),
    ],
)
def test_a_reading_the_printed_figure_does_not_allow_is_refused(
    tmp_path: Path, value: str, scale: str, as_written: str, expected: str
) -> None:
    text = fact(
        FIRMS, value=f'"{value}"', scale=f'"{scale}"' if scale else "", as_written=f'"{as_written}"'
    )
    found = problems(tmp_path, PAGE + TOWN + text)
    assert any(WHERE in p and expected in p for p in found), found


def test_a_reference_to_a_source_without_url_is_refused(tmp_path: Path) -> None:
    text = PAGE + TOWN + fact(FIRMS, source='"example-archived"')
    (problem,) = problems(tmp_path, text)
    assert f"{WHERE} source" in problem
    assert "source 'example-archived' has no url" in problem
    assert 'url = "https://..."' in problem
    entity = TOWN.replace('source = "example-page"', 'source = "example-archived"')
    (problem,) = problems(tmp_path, PAGE + entity)
    assert "place[0] (id 'exampletown') citations[0]" in problem
    assert "source 'example-archived' has no url" in problem


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("ftp://example.org/a", "does not start with http:// or https://"),
        ("https://example.org/a b", "U+0020 SPACE"),
        ("https:///path", "names no host"),
        ("https://example.org/" + "a" * 2000, "at most 2,000"),
    ],
)
def test_a_bad_url_is_refused(tmp_path: Path, url: str, expected: str) -> None:
    found = problems(tmp_path, PAGE.replace(URL, url) + TOWN + fact(FIRMS))
    assert any("source[0] (id 'example-page') url" in p and expected in p for p in found), found


def test_citation_objects_check_their_form() -> None:
    page = gb.Source("p", "A page", gb.Period.parse("2023"), url=URL)
    archived = gb.Source("a", "An article", gb.Period.parse("2023"))
    assert gb.Citation(source=archived, quote="It said so.").kind is gb.CitationKind.QUOTE
    with pytest.raises(ValueError, match="needs a non-empty 'locator', 'as_written', 'says'"):
        gb.Citation(source=page)
    with pytest.raises(ValueError, match="cannot also have 'says'"):
        gb.Citation(source=page, quote="It said so.", says="It said so.")
    with pytest.raises(ValueError, match="source 'a' has no url"):
        gb.Citation(source=archived, locator="table 1", as_written="5", says="Five.")
    with pytest.raises(ValueError, match="the quote is empty"):
        gb.Citation(source=archived, quote="")


# The compiled cache --------------------------------------------------------------------


def test_the_compiled_round_trip_keeps_every_field(registry: gb.Registry) -> None:
    decoded = decode(encode(registry))
    assert decoded.source("example-page").url == URL
    for fact_id in (FIRMS_ID, QUOTED_ID):
        assert decoded.fact(fact_id).citations == registry.fact(fact_id).citations
    assert decoded.entity("exampletown").citations == registry.entity("exampletown").citations


# Showing and citing --------------------------------------------------------------------


def test_cite_names_the_kind(registry: gb.Registry) -> None:
    text = registry.fact(FIRMS_ID).cite()
    assert (
        "as printed \u201c超过4000家\u201d (section 3, paragraph 2): Exampletown counted "
        "more than 4,000 big data firms in 2022. \u2014" in text
    )
    assert text.endswith(f"2023-03, {URL}")
    quoted = registry.fact(QUOTED_ID).cite()
    assert "\u201cExampletown had 3500 big data firms in 2021.\u201d \u2014" in quoted


def test_the_notebook_card_shows_a_reference_row(registry: gb.Registry) -> None:
    html = registry.fact(FIRMS_ID)._repr_html_()
    assert ">reference</th>" in html
    assert "section 3, paragraph 2" in html
    assert ">says</th>" in html
    assert "more than 4,000 big data firms" in html
    assert f'<a href="{URL}">' in html
    assert ">quote</th>" in registry.fact(QUOTED_ID)._repr_html_()
    assert ">reference</th>" in registry.entity("exampletown")._repr_html_()


def test_the_command_line_show_names_the_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "mine.toml", PAGE + TOWN + fact(FIRMS) + fact(QUOTED))
    assert main(["show", "--data", str(path), FIRMS_ID]) == 0
    out = capsys.readouterr().out
    assert "   reference: as printed \u201c超过4000家\u201d (section 3, paragraph 2)" in out
    assert main(["show", "--data", str(path), QUOTED_ID]) == 0
    assert "       quote: \u201cExampletown had 3500" in capsys.readouterr().out


def test_bibtex_carries_the_url_and_a_reference_note(registry: gb.Registry) -> None:
    bibtexparser = pytest.importorskip("bibtexparser", minversion="2.0.0b8")
    pybtex_database = pytest.importorskip("pybtex.database")
    text = gb.cite([registry.fact(FIRMS_ID), registry.fact(QUOTED_ID)], "bibtex")
    (entry, quoted) = bibtexparser.parse_string(text).entries
    assert entry.fields_dict["url"].value == URL
    note = entry.fields_dict["note"].value
    assert "reference (section 3, paragraph 2), as printed \u201c超过4000家\u201d" in note
    assert "url" not in quoted.fields_dict
    assert "\u201cExampletown had 3500 big data firms in 2021.\u201d" in (
        quoted.fields_dict["note"].value
    )
    data = pybtex_database.parse_string(text, "bibtex")
    assert data.entries[FIRMS_ID].fields["url"] == URL


def test_csl_json_carries_the_url_and_renders(registry: gb.Registry) -> None:
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    (item,) = json.loads(gb.cite(registry.fact(FIRMS_ID), "csl-json"))
    assert item["URL"] == URL
    assert item["note"].startswith("more than 4,000 enterprises")
    assert "reference (section 3, paragraph 2), as printed" in item["note"]
    bibliography = citeproc.CitationStylesBibliography(
        citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False),
        CiteProcJSON([item]),
        citeproc.formatter.plain,
    )
    bibliography.register(citeproc.Citation([citeproc.CitationItem(item["id"])]))
    (rendered,) = [str(entry) for entry in bibliography.bibliography()]
    assert URL in rendered
    assert "2023" in rendered


def test_the_data_package_validates_with_reference_columns(
    registry: gb.Registry, tmp_path: Path
) -> None:
    frictionless = pytest.importorskip("frictionless")
    path = gb.export(tmp_path / "datapackage.json", registry=registry)
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    fields = {f["name"]: f for f in resources["citations"]["schema"]["fields"]}
    assert fields["kind"]["constraints"] == {"required": True, "enum": ["quote", "reference"]}
    assert "required" not in fields["quote"].get("constraints", {})
    for name in ("locator", "as_written", "says"):
        assert fields[name]["description"]
    rows = read_csv(path.parent / resources["citations"]["path"])
    (row,) = [r for r in rows if r["fact"] == FIRMS_ID]
    assert row["kind"] == "reference"
    assert row["quote"] == ""
    assert (row["locator"], row["as_written"]) == ("section 3, paragraph 2", "超过4000家")
    assert row["says"].startswith("Exampletown counted")
    sources = read_csv(path.parent / resources["sources"]["path"])
    assert {s["id"]: s["url"] for s in sources}["example-page"] == URL
    assert {"title": registry.source("example-page").cite(), "path": URL} in (descriptor["sources"])


def read_csv(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


# Audit, search, provenance -------------------------------------------------------------


def firms(id: str, value: str, locator: str) -> str:
    return fact(
        FIRMS,
        id=f'"{id}"',
        value=f'"{value}"',
        bound='"exact"',
        as_written=f'"{value}家"',
        locator=f'"{locator}"',
        says=f'"The table lists {value} firms in one of its rows."',
    )


def test_the_audit_reads_one_locator_of_one_source_as_one_passage(tmp_path: Path) -> None:
    one_row = firms("a.north", "100", "table 4, row 2") + firms("a.south", "900", "table 4, row 2")
    report = gb.audit(load(tmp_path, PAGE + TOWN + one_row))
    assert not [f for f in report.of(AuditKind.CONFLICT) if "a.north" in f.facts]
    (tmp_path / "two").mkdir()
    two_rows = firms("a.north", "100", "table 4, row 2") + firms("a.south", "900", "table 5")
    report = gb.audit(load(tmp_path / "two", PAGE + TOWN + two_rows))
    (conflict,) = [f for f in report.of(AuditKind.CONFLICT) if "a.north" in f.facts]
    assert "one source contradicts itself" in conflict.message


def test_search_finds_a_reference_by_what_it_says(registry: gb.Registry) -> None:
    hits = registry.search("Exampletown counted")
    assert [(hit.id, hit.field) for hit in hits][:1] == [(FIRMS_ID, "says")]


def test_provenance_counts_references_apart(registry: gb.Registry, sources_dir: Path) -> None:
    """A page cited by reference has no archived text: counted, not an unverified failure."""
    report = gb.verify_sources(sources_dir, registry, only=["example-page", ARCHIVED])
    assert report.ok, str(report)
    assert report.sources_checked == 1  # the archived article; the page is not read
    assert report.quotes_checked >= 1
    assert report.references == 2  # the fact's and the place's
    assert "2 reference citations of unarchived web pages" in str(report)


# The bundled data ----------------------------------------------------------------------


def test_every_bundled_reference_citation_is_complete() -> None:
    """Covers the registry as it grows: every reference has its page and its three fields."""
    bundled = default_registry()
    records: list[Any] = [*bundled.facts(), *bundled.entities(), *bundled.timeline()]
    for record in records:
        for citation in record.citations:
            if citation.kind is not gb.CitationKind.REFERENCE:
                assert citation.quote
                continue
            where = f"{record.id} cites {citation.source.id}"
            assert citation.quote is None, where
            assert citation.source.url is not None, where
            assert citation.source.url.startswith(("http://", "https://")), where
            assert citation.source.published is not None, where
            assert citation.locator, where
            assert citation.as_written, where
            assert citation.says, where


def test_the_flat_facts_table_names_each_first_citations_kind(
    tmp_path: Path, registry: gb.Registry
) -> None:
    """In the one-file exports a reader sees the kind and the address, not only a null quote."""
    pandas = pytest.importorskip("pandas")
    path = gb.export(tmp_path / "facts.csv", registry=registry)
    frame = pandas.read_csv(path, dtype=str, keep_default_na=False).set_index("id")
    reference, quoted = frame.loc[FIRMS_ID], frame.loc[QUOTED_ID]
    assert (reference["citation_kind"], reference["source_url"], reference["quote"]) == (
        "reference",
        URL,
        "",
    )
    assert quoted["citation_kind"] == "quote"
    assert quoted["source_url"] == ""
    assert set(frame["citation_kind"]) == {"quote", "reference"}
