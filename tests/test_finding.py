"""Find, see and compare: search in English and Chinese, names and codes, Chinese figures,
the discovery commands and the "not found" messages, used as a user would."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main
from guizhou_bigdata.core.entities import Place, PlaceKind
from guizhou_bigdata.core.model import Citation, Fact, Metric, Source
from guizhou_bigdata.core.periods import Period
from guizhou_bigdata.core.vocabulary import Bound, MetricKind, Modality
from guizhou_bigdata.core.wording import figure_text_zh
from guizhou_bigdata.outputs.columns import ENTITIES
from guizhou_bigdata.store.search import SearchIndex, fold

# --------------------------------------------------------------------- search


def test_search_in_english_finds_the_metric_first() -> None:
    hits = gb.search("digital economy growth")
    assert isinstance(hits[0], gb.MetricHit)
    assert hits[0].metric.id == "digital_economy_growth"
    assert all(hit.score <= first.score for first, hit in itertools.pairwise(hits))


def test_search_in_chinese_finds_metrics_by_their_chinese_label() -> None:
    hits = gb.search("数字经济")
    ids = [hit.id for hit in hits.metrics]
    assert "digital_economy_growth" in ids
    assert {hit.field for hit in hits.metrics} == {"label_zh"}


def test_a_chinese_place_name_with_or_without_its_suffix_finds_the_place() -> None:
    for query in ("贵阳", "贵阳市", "Guiyang City", "guiyang city", "ＧＵＩＹＡＮＧ"):
        first = gb.search(query)[0]
        assert isinstance(first, gb.EntityHit), query
        assert first.entity.id == "guiyang", query


def test_the_apostrophe_style_makes_no_difference() -> None:
    straight = gb.search("Gui'an New Area")
    curly = gb.search("Gui\u2019an New Area")
    assert straight[0].id == curly[0].id == "guian_new_area"
    assert [hit.id for hit in straight] == [hit.id for hit in curly]


def test_search_finds_facts_by_their_quotes() -> None:
    hits = gb.search("year-on-year")
    assert hits.facts
    phrase = ["year-on-year" in fold(hit.text) for hit in hits.facts]
    assert phrase[0]
    assert phrase == sorted(phrase, reverse=True)  # the phrase itself ranks above its words
    assert all(re.search(r"\byear", fold(hit.text)) for hit in hits.facts)  # a word or its start
    # a quote citation's quote; a reference citation's figure as printed and our statement
    assert {hit.field for hit in hits.facts} <= {"quote", "note", "as_written", "says"}


def test_a_region_code_finds_its_place() -> None:
    hits = gb.search("520100")
    assert [hit.id for hit in hits] == ["guiyang"]
    assert hits[0].field == "code"


def test_a_query_that_matches_nothing_is_an_empty_result() -> None:
    hits = gb.search("zyzzyva quokka")
    assert hits == ()
    assert repr(hits) == "<SearchResults: no hits>"


def test_search_results_show_as_a_table_in_a_notebook_and_in_plain_text() -> None:
    hits = gb.search("贵阳", limit=3)
    assert len(hits) == 3
    html = hits._repr_html_()
    assert html.count("<tr>") == 4  # the header and three hits
    assert "<code>guiyang</code>" in html
    assert "贵阳市" in html
    text = repr(hits)
    assert text.startswith("<SearchResults: 3 hits")
    assert "entity 'guiyang': Guiyang (贵阳市) [name_zh]" in text
    head = hits[:2]
    assert isinstance(head, gb.SearchResults)  # a slice is still a table
    assert "<table>" in head._repr_html_()


def test_html_of_search_results_escapes_the_data() -> None:
    metric = Metric(id="m", label="<b>bold</b> & co", kind=MetricKind.COUNT, unit="enterprise")
    html = SearchIndex([metric], [], []).search("bold")._repr_html_()
    assert "<b>bold</b>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in html


def test_the_index_is_built_on_the_first_search_not_on_import() -> None:
    code = (
        "import guizhou_bigdata as gb, sys\n"
        "registry = gb.default_registry()\n"
        "print(registry._search is None, 'guizhou_bigdata.store.search' in sys.modules)\n"
        "gb.search('gdp')\n"
        "print(registry._search is not None)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["True", "False", "True"]
    registry = gb.default_registry()
    registry.search("gdp")
    assert registry.search_index() is registry.search_index()  # once per registry


def _facts(count: int) -> list[Fact]:
    """``count`` facts with distinct quotes, five of which mention a dragon."""
    source = Source(id="s", title="T", published=Period.parse("2020"))
    facts = []
    for number in range(count):
        word = "dragon" if number < 5 else f"word{number}"
        facts.append(
            Fact(
                id=f"f{number}",
                metric="m",
                subject="x",
                period=Period.parse("2020"),
                value=Decimal(number),
                unit="enterprise",
                bound=Bound.EXACT,
                modality=Modality.ACTUAL,
                citations=(Citation(source, f"There were {number} {word} enterprises."),),
            )
        )
    return facts


def test_a_search_does_not_scan_every_quote() -> None:
    small = SearchIndex([], [], _facts(200))
    large = SearchIndex([], [], _facts(2000))
    assert len(small.search("dragon")) == len(large.search("dragon")) == 5
    assert len(large.search("dragon enterprises")) == 5
    # The texts compared are the matching ones, not every text: the same for 10x the facts.
    assert large.checked <= 2 * small.checked + 10
    assert large.checked < 100


def test_search_refuses_what_is_not_a_query() -> None:
    with pytest.raises(TypeError, match="a search query is a string"):
        gb.search(520100)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at most 200 characters"):
        gb.search("x" * 1000)


# ------------------------------------------------------ names and "not found"


def test_an_entity_is_found_by_its_chinese_name_alias_or_code() -> None:
    assert gb.entity("贵阳").id == "guiyang"
    assert gb.entity("贵阳市").id == "guiyang"
    assert gb.entity("Guiyang City").id == "guiyang"
    assert gb.entity("Gui\u2019an New Area").id == "guian_new_area"
    assert gb.entity("Gui'an New Area").id == "guian_new_area"
    assert gb.entity("520000").id == "guizhou"


def test_facts_by_a_chinese_subject_name() -> None:
    by_name = gb.facts(subject="贵阳市", metric="gdp")
    assert by_name == gb.facts(subject="guiyang", metric="gdp")
    assert len(by_name) > 0
    assert gb.metrics.gdp(2018, subject="贵阳").subject == "guiyang"


def test_an_unknown_entity_suggests_the_closest_with_names() -> None:
    with pytest.raises(gb.FactNotFoundError) as caught:
        gb.entity("guiyangg")
    message = str(caught.value)
    assert message.startswith("no entity 'guiyangg'; did you mean 'guiyang' (Guiyang, 贵阳市)")
    with pytest.raises(gb.FactNotFoundError, match="did you mean 'guiyang'"):
        gb.facts(subject="Guyang")


def test_an_unknown_metric_suggests_by_case_and_chinese_label() -> None:
    with pytest.raises(gb.FactNotFoundError) as caught:
        gb.facts(metric="GDP")
    assert str(caught.value) == (
        "no metric 'GDP'; did you mean 'gdp' (Gross domestic product, 地区生产总值)?"
    )
    with pytest.raises(gb.FactNotFoundError, match="did you mean 'gdp'"):
        gb.facts(metric="地区生产总值")
    with pytest.raises(AttributeError, match=r"did you mean 'gdp' \(Gross domestic product"):
        gb.metrics.GDP  # noqa: B018


def test_an_unknown_fact_suggests_the_closest_id() -> None:
    with pytest.raises(
        gb.FactNotFoundError, match=r"did you mean 'guiyang\.gdp\.2018\.beltandroad'"
    ):
        gb.fact("guiyang.gdp.2018.beltandroa")


# ----------------------------------------------------------- places and codes


def test_places_carry_their_division_codes() -> None:
    codes = {place.id: place.code for place in gb.places() if place.code}
    assert codes["guizhou"] == "520000"
    assert codes["guiyang"] == "520100"
    assert codes["qiandongnan"] == "522600"
    assert codes["taijiang_county"] == "522630"
    assert all(re.fullmatch("[1-8][0-9]{5}", code) for code in codes.values())
    for place in gb.places():  # a division has a code; a new area, zone or park says why not
        if place.kind in (PlaceKind.PROVINCE, PlaceKind.PREFECTURE_CITY, PlaceKind.COUNTY):
            assert place.code, place.id
    guian = gb.place("guian_new_area")
    assert guian.code is None
    assert guian.code_note is not None
    assert "new area" in guian.code_note


def test_a_place_is_found_by_its_code() -> None:
    assert gb.place("520100").id == "guiyang"
    assert gb.place("贵州省").code == "520000"
    with pytest.raises(gb.FactNotFoundError, match="not a place"):
        gb.place("huawei")


def test_a_code_that_is_not_six_digits_is_refused() -> None:
    citation = Citation(Source(id="s", title="T", published=Period.parse("2020")), "q")
    with pytest.raises(ValueError, match="not a GB/T 2260 division code"):
        Place(id="x", name="X", citations=(citation,), kind=PlaceKind.COUNTY, code="5201")


def test_a_data_file_with_a_bad_code_names_the_place_and_what_is_valid(tmp_path: Path) -> None:
    quote = "Guiyang, capital of Guizhou, has applied big data into the real economy"
    (tmp_path / "mine.toml").write_text(
        '[[place]]\nid = "testville"\nname = "Testville"\nkind = "county"\n'
        'parent = "guizhou"\ncode = "52013"\n'
        f'citations = [{{ source = "chinadaily-2019-10-02", quote = "{quote}" }}]\n',
        encoding="utf-8",
    )
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry(tmp_path / "mine.toml")
    assert "place[0] (id 'testville')" in str(caught.value)
    assert "code '52013' is not a GB/T 2260 division code" in str(caught.value)


def test_the_entities_table_has_the_code_column() -> None:
    rows = {row["id"]: row for row in ENTITIES.rows(gb.default_registry().entities())}
    assert rows["guiyang"]["code"] == "520100"
    assert rows["huawei"]["code"] is None


# ------------------------------------------------------ Chinese quantities


def test_chinese_amounts_of_yuan_parse() -> None:
    assert gb.Q_("389.1 亿元") == gb.Q_(38_910_000_000, "yuan")
    assert gb.Q_("389.1亿元").to("yuan").magnitude == pytest.approx(3.891e10)
    assert gb.Q_("5 万元").to("yuan").magnitude == pytest.approx(5e4)
    assert gb.Q_("1.2 万亿元").to("yuan").magnitude == pytest.approx(1.2e12)
    assert gb.Q_("3 万亿").to("dimensionless").magnitude == pytest.approx(3e12)
    gdp = gb.fact("guiyang.gdp.2018.beltandroad").quantity  # 389.1 billion yuan
    assert gb.Q_("3891 亿元").to("yuan").magnitude == pytest.approx(gdp.to("yuan").magnitude)


def test_a_quantity_prints_in_chinese_scales_as_written() -> None:
    assert str(gb.Q_("747.39 billion yuan").to("亿元")) == "7473.9 亿元"
    assert f"{gb.Q_(3891, '亿元').to('万亿元'):.4f}" == "0.3891 万亿元"


def test_data_files_still_refuse_chinese_unit_words() -> None:
    from guizhou_bigdata.core.units import check_unit_syntax

    with pytest.raises(gb.UnitError):
        check_unit_syntax("亿元")


def test_figures_in_chinese() -> None:
    assert gb.fact("guiyang.gdp.2018.beltandroad").figure_zh == "3891亿元（预计）"
    assert gb.metrics.digital_economy_growth(2018).figure_zh == "24.6%"
    assert figure_text_zh(Decimal("4.4"), unit="percentage_point") == "4.4个百分点"
    assert figure_text_zh(Decimal(5000), unit="enterprise", bound="more_than") == "超过5000家"
    assert figure_text_zh(Decimal("2.1"), unit="yuan", bound="nearly", scale="billion",
                          scale_factor=Decimal(10) ** 9) == "近21亿元"  # fmt: skip
    assert figure_text_zh(Decimal(12000), unit="user", bound="less_than") == "不足1.2万个用户"
    assert figure_text_zh(Decimal("38.0"), unit="yuan", scale="亿",
                          scale_factor=Decimal(10) ** 8) == "38.0亿元"  # fmt: skip
    assert figure_text_zh(Decimal(3), unit="rank") == "第3"
    assert figure_text_zh(Decimal(10), unit="rank", bound="at_most") == "前10"
    assert figure_text_zh(Decimal(8), unit="computing_hub", modality="target") == (
        "8 computing hubs（目标）"
    )


# ---------------------------------------------------------------- small edges


def test_a_fact_cites_itself_in_a_format() -> None:
    fact = gb.metrics.gdp(2018)
    assert fact.cite("bibtex") == gb.cite(fact, "bibtex")
    assert fact.cite("csl-json") == gb.cite(fact, "csl-json")
    assert fact.cite() == fact.cite("text") == gb.cite(fact)
    with pytest.raises(ValueError, match="unknown citation format 'xml'"):
        fact.cite("xml")  # type: ignore[arg-type]


def test_the_year_of_a_period_is_the_year_it_ends_in() -> None:
    assert Period.parse("2016/2020").year == 2020
    assert Period.parse("2018-06").year == 2018
    for fact in gb.facts():
        assert isinstance(fact.period.year, int)
        assert fact in gb.facts(metric=fact.metric, subject=fact.subject, year=fact.period.year)


def test_a_derived_growth_prints_to_three_significant_figures() -> None:
    growth = gb.fact("guiyang.gdp_nominal_growth.2015.derived")
    assert growth.value == Decimal("15.7728")  # the value keeps its digits
    assert growth.figure == "about 15.8 percent"
    assert growth.figure_zh == "约15.8%"
    assert gb.fact("guiyang.gdp.2018.beltandroad").figure == "389.1 billion yuan (estimate)"


# ------------------------------------------------------------------------ CLI


def test_cli_search_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "贵阳", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "entity\tguiyang\tname_zh\t贵阳市"
    assert len(lines) == 2
    assert main(["search", "digital economy growth", "--format", "json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["kind"] == "metric"
    assert hits[0]["id"] == "digital_economy_growth"
    assert main(["search", "520100", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "kind,id,field,text,score",
        "entity,guiyang,code,520100,1.0",
    ]


def test_cli_search_with_no_hits_says_so_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "zyzzyva"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "guizhou-bigdata: no metric, entity or fact matches 'zyzzyva'\n"


def test_cli_metrics(
    capsys: pytest.CaptureFixture[str], the_five_articles_as_default: None
) -> None:
    assert main(["metrics"]) == 0
    lines = {line.split("\t")[0]: line.split("\t") for line in capsys.readouterr().out.splitlines()}
    assert lines["gdp"] == [
        "gdp",
        "Gross domestic product",
        "地区生产总值",
        "yuan",
        lines["gdp"][4],
    ]
    assert lines["gdp"][4].startswith("2013-2015, 2018")
    assert main(["metrics", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "id,label,label_zh,unit,years"
    assert main(["metrics", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["id"] for row in rows} == {metric.id for metric in gb.metrics.catalogue()}


def test_cli_entities_by_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entities", "--kind", "place"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(gb.places())
    assert "guiyang\tplace (prefecture_city)\tGuiyang\t贵阳市\t520100" in lines
    assert main(["entities", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(gb.default_registry().entities())
    assert main(["entities", "--kind", "planet"]) == 2


def test_cli_facts_that_match_nothing_name_the_years(
    capsys: pytest.CaptureFixture[str], the_five_articles_as_default: None
) -> None:
    assert main(["facts", "--metric", "gdp", "--year", "2016"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("guizhou-bigdata: no facts match --metric gdp --year 2016; ")
    assert "years with such facts: 2013, 2014, 2015, 2018" in captured.err


def test_cli_unknown_metric_suggests_the_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "--metric", "GDP"]) == 2
    err = capsys.readouterr().err
    assert "no metric 'GDP'; did you mean 'gdp' (Gross domestic product, 地区生产总值)?" in err


def test_cli_facts_by_chinese_subject(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "--subject", "贵阳市", "--metric", "gdp", "--year", "2018"]) == 0
    assert capsys.readouterr().out.startswith("guiyang.gdp.2018.beltandroad\t")


def test_cli_export_refuses_to_overwrite_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "facts.csv"
    target.write_text("mine", encoding="utf-8")
    assert main(["export", "-o", str(target)]) == 1
    assert "exists: pass --force to overwrite it" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "mine"
    assert main(["export", "-o", str(target), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("id,")


# ----------------------------------------------------------------------- types

SCRIPT = """
from typing import assert_type

import guizhou_bigdata as gb

hits = gb.search("贵阳")
assert_type(hits, gb.SearchResults)
for hit in hits:
    if isinstance(hit, gb.EntityHit):
        name: str | None = hit.entity.name_zh
    elif isinstance(hit, gb.MetricHit):
        label: str = hit.metric.label
    else:
        assert_type(hit, gb.FactHit)
        quote: str = hit.text
place: gb.Place = gb.place("520100")
code: str | None = place.code
fact = gb.metrics.gdp(2018)
series = {f.period.year: f for f in gb.metrics.gdp.series()}
same: gb.Fact = series[fact.period.year]
bibtex: str = fact.cite("bibtex")
chinese: str = fact.figure_zh
print(hits[0].score, code, same, bibtex, chinese)
"""


def test_a_user_script_that_searches_type_checks(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api", reason="the test extra (mypy) is not installed")
    (tmp_path / "search.py").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    stdout, stderr, status = api.run(
        [
            *("--strict", "--config-file", str(tmp_path / "mypy.ini")),
            *("--cache-dir", str(tmp_path / "cache"), str(tmp_path / "search.py")),
        ]
    )
    assert status == 0, stdout + stderr


@pytest.mark.parametrize("command", ["search", "metrics", "entities"])
def test_the_new_commands_have_help_and_are_listed(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: guizhou-bigdata {command}")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert f"    {command} " in capsys.readouterr().out
