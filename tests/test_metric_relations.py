"""Metric relations are catalogue fields; Chinese labels; source languages; the
corrections of data release 2026.12.07.1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.checks.auditing import AuditKind, AuditReport
from guizhou_bigdata.outputs.columns import SOURCES

from .helpers import METRIC, PLACE, SOURCE, articles_registry, fact, write

_HAN = re.compile(r"[\u4e00-\u9fff]")


def own(tmp_path: Path, text: str) -> gb.Registry:
    return gb.load_registry(write(tmp_path, "mine.toml", SOURCE + PLACE + text), bundled=False)


def problems(tmp_path: Path, text: str) -> str:
    with pytest.raises(gb.RegistryError) as caught:
        own(tmp_path, text)
    return str(caught.value)


def involving(report: AuditReport, kind: AuditKind, fact_id: str) -> list[str]:
    return [f.message for f in report.of(kind) if fact_id in f.facts]


# Chinese labels and source languages ------------------------------------------------


def test_every_bundled_metric_has_a_chinese_label() -> None:
    for metric in gb.default_registry().metrics():
        assert metric.label_zh, metric.id
        assert _HAN.search(metric.label_zh), metric.id
    assert gb.default_registry().metric("digital_economy_growth").label_zh == "数字经济增速"


def test_a_users_metric_may_leave_out_the_chinese_label(tmp_path: Path) -> None:
    assert own(tmp_path, METRIC + fact()).metric("widgets").label_zh is None


def test_bundled_sources_say_their_language_and_the_export_has_it() -> None:
    sources = gb.default_registry().sources()
    assert {s.language for s in sources if s.archive is not None} == {"en"}  # the five articles
    assert all(s.language for s in sources)  # and every public page cited by reference
    assert "language" in [column.name for column in SOURCES.columns]


def test_a_language_that_is_no_iso_639_1_code_is_refused(tmp_path: Path) -> None:
    text = '\n[[source]]\nid = "mine"\ntitle = "Mine"\npublished = "2020"\nlanguage = "English"\n'
    message = problems(tmp_path, text)
    assert "language 'English' is not an ISO 639-1 code" in message


def test_the_drafter_writes_the_language_most_sentences_are_in() -> None:
    chinese = "贵州省数字经济增速达到百分之二十。全省大数据企业超过五千家。It grew."
    english = "Guizhou grew 20 percent in 2018. It had 5,000 firms. 贵州很好。"
    assert gb.draft(chinese, source="zh-article", published="2020").source.language == "zh"
    assert gb.draft(english, source="en-article", published="2020").source.language == "en"


# Relations: checked on load ---------------------------------------------------------


def test_an_unknown_metric_in_a_relation_is_a_problem_with_a_hint(tmp_path: Path) -> None:
    text = METRIC + METRIC.replace('id = "widgets"', 'id = "gadgets"') + 'part_of = "widget"\n'
    message = problems(tmp_path, text)
    assert "part_of: unknown metric 'widget'; did you mean 'widgets'" in message


def test_ratio_of_names_two_metrics(tmp_path: Path) -> None:
    text = METRIC + METRIC.replace('id = "widgets"', 'id = "share"') + 'ratio_of = ["widgets"]\n'
    assert "ratio_of names 1 metrics: give two" in problems(tmp_path, text)


def test_a_plausibility_bound_must_fit_the_metric(tmp_path: Path) -> None:
    growth = (
        '\n[[metric]]\nid = "growth"\nlabel = "Growth"\nkind = "growth_rate"\n'
        'unit = "percent"\nbasis = "real"\n'
    )
    assert "not in a unit of the dimension of 'percent'" in problems(
        tmp_path, growth + 'max_plausible = "200 yuan"\n'
    )
    assert "is not a decimal number, a space and a unit" in problems(
        tmp_path, growth + 'max_plausible = "lots"\n'
    )


# Relations: used by the audit and the derivations ------------------------------------

GROWTH = (
    '\n[[metric]]\nid = "growth"\nlabel = "Growth"\nkind = "growth_rate"\nunit = "percent"\n'
    'basis = "nominal"\n'
)


def growth_fact(value: str) -> str:
    return fact(
        id='"testville.growth.2019"',
        metric='"growth"',
        unit='"percent"',
        bound='"exact"',
        value=f'"{value}"',
        quote=f'"It grew {value} percent."',
    )


def test_growth_above_100_percent_is_implausible_unless_the_metric_allows_it(
    tmp_path: Path,
) -> None:
    plain = gb.audit(own(tmp_path, GROWTH + growth_fact("140")))
    assert involving(plain, AuditKind.IMPLAUSIBLE, "testville.growth.2019")
    allowed = gb.audit(
        own(tmp_path, GROWTH + 'max_plausible = "200 percent"\n' + growth_fact("140"))
    )
    assert involving(allowed, AuditKind.IMPLAUSIBLE, "testville.growth.2019") == []
    beyond = gb.audit(
        own(tmp_path, GROWTH + 'max_plausible = "200 percent"\n' + growth_fact("250"))
    )
    (message,) = involving(beyond, AuditKind.IMPLAUSIBLE, "testville.growth.2019")
    assert "above 200 percent" in message


def test_the_telecom_growth_of_2018_is_within_its_metrics_bound() -> None:
    """Telecom business volume at fixed prices grew about 138 % nationally in 2018."""
    fact_id = "guiyang.telecom_business_volume_growth.2018.beltandroad"
    assert involving(gb.audit(), AuditKind.IMPLAUSIBLE, fact_id) == []
    assert gb.default_registry().metric("telecom_business_volume_growth").max_plausible


def test_a_growth_of_relation_derives_nominal_growth_of_any_level(tmp_path: Path) -> None:
    level = METRIC.replace('id = "widgets"', 'id = "output"').replace("count", "flow")
    level = level.replace('unit = "enterprise"', 'unit = "yuan"')
    text = level + GROWTH + 'growth_of = "output"\n'
    for year, value in (("2018", "100"), ("2019", "150")):
        text += fact(
            id=f'"testville.output.{year}"',
            metric='"output"',
            period=f'"{year}"',
            unit='"yuan"',
            bound='"exact"',
            value=f'"{value}"',
            quote=f'"Output was {value} yuan in {year}."',
        )
    derived = [f for f in own(tmp_path, text).facts() if f.is_derived]
    assert [(f.metric, f.figure) for f in derived] == [("growth", "50 percent")]


def test_a_compound_rate_is_set_against_a_years_growth_inside_its_span(tmp_path: Path) -> None:
    yearly = GROWTH.replace('"growth"', '"yearly"')
    compound = GROWTH.replace('"growth"', '"compound"') + 'compound_of = "yearly"\n'
    text = yearly + compound
    text += fact(
        id='"testville.compound"',
        metric='"compound"',
        period='"2015/2019"',
        unit='"percent"',
        bound='"exact"',
        value='"5"',
        quote='"It grew 5 percent."',
    )
    text += fact(
        id='"testville.yearly"',
        metric='"yearly"',
        period='"2016"',
        unit='"percent"',
        bound='"exact"',
        value='"30"',
        quote='"It grew 30 percent."',
    )
    text += fact(
        id='"testville.near"',
        metric='"yearly"',
        period='"2017"',
        unit='"percent"',
        bound='"exact"',
        value='"6"',
        quote='"It grew 6 percent."',
    )
    text += fact(
        id='"testville.outside"',
        metric='"yearly"',
        period='"2020"',
        unit='"percent"',
        bound='"exact"',
        value='"40"',
        quote='"It grew 40 percent."',
    )
    report = gb.audit(own(tmp_path, text))  # fmt: skip
    (message,) = involving(report, AuditKind.INCONSISTENT, "testville.compound")
    assert "testville.yearly" in next(
        f.facts for f in report.of(AuditKind.INCONSISTENT) if "testville.compound" in f.facts
    )
    # 1.05**5 / 1.30 = 0.9818...; its fourth root is 0.9954: -0.5 percent a year
    assert "the other 4 years would have averaged -0.5 percent" in message


def test_the_digital_economy_cagr_is_flagged_and_audited() -> None:
    cagr = "guizhou.digital_economy_cagr.2018-2022.cns"
    assert gb.fact(cagr).quality & {gb.Quality.AMBIGUOUS, gb.Quality.IMPLAUSIBLE}
    # against the articles' own yearly growth (the public-source series adds more years)
    (message,) = involving(gb.audit(articles_registry()), AuditKind.INCONSISTENT, cagr)
    assert "24.6 percent in 2018" in message
    assert "4.8 percent a year" in message


def streak(id: str, period: str, value: str, quote: str) -> str:
    return fact(id=f'"{id}"', metric='"streak"', period=f'"{period}"', unit='"year"',
                bound='"exact"', value=f'"{value}"', quote=f'"{quote}"')  # fmt: skip


def test_streaks_ending_in_one_year_with_different_lengths_conflict(tmp_path: Path) -> None:
    text = (
        '\n[[metric]]\nid = "streak"\nlabel = "Streak"\nkind = "streak"\nunit = "year"\n'
        + streak("testville.five", "2014/2018", "5", "First for 5 years.")
        + streak("testville.six", "2013/2018", "6", "First for 6 years, to 2018.")
        + streak("testville.later", "2014/2019", "6", "First for 6 years, to 2019.")
    )
    report = gb.audit(own(tmp_path, text))
    pairs = {frozenset(f.facts) for f in report.of(AuditKind.CONFLICT)}
    assert frozenset({"testville.five", "testville.six"}) in pairs
    assert not any("testville.later" in pair for pair in pairs)


def test_guiyangs_five_and_six_year_streaks_are_a_conflict() -> None:
    pairs = {frozenset(f.facts) for f in gb.audit().of(AuditKind.CONFLICT)}
    assert (
        frozenset(
            {
                "guiyang.gdp_growth_rank_among_provincial_capitals_streak.2013-2018.beltandroad",
                "guiyang.gdp_growth_rank_among_provincial_capitals_streak.2014-2018.beltandroad",
            }
        )
        in pairs
    )


# The corrections of the fact-check -----------------------------------------------------


def test_figures_read_from_clear_words_are_found_by_gb_metrics() -> None:
    first = gb.metrics.electricity_service_full_coverage_order_in_western_china(2021)
    assert (
        first.id == "guizhou.electricity_service_full_coverage_order_in_western_china.2021-08.cns"
    )
    online = gb.metrics.government_affairs_online_share(2022)
    assert online.id == "guizhou.government_affairs_online_share.2022-01.eguizhou"
    for found in (first, online):
        assert gb.Quality.AMBIGUOUS in found.quality
        assert gb.Quality.INTERPRETATION not in found.quality


def test_guiyangs_two_enterprise_counts_are_different_metrics() -> None:
    all_firms = gb.fact("guiyang.big_data_enterprises.2018.beltandroad")
    subset = gb.fact("guiyang.big_data_enterprises_of_unnamed_class.2018.beltandroad")
    assert all_firms.metric != subset.metric
    together = [f for f in gb.audit().findings if {all_firms.id, subset.id} <= set(f.facts)]
    assert together == []


def test_notes_give_the_current_figures() -> None:
    output = gb.fact("guian_new_area.digital_economy_output.2020.techcentre").note
    assert output is not None
    assert "about 430 billion" in output
    assert "434" not in output
    firms = gb.fact("guian_new_area.big_data_enterprises.2022.techcentre").note
    assert firms is not None
    assert "Guiyang (2018)" in firms
    assert "Guiyang (2019)" not in firms


@pytest.mark.parametrize(
    ("fact_id", "figure"),
    [
        ("guiyang.government_data_opening_rank.2018.beltandroad", "at the top nationwide"),
        ("guizhou.major_project_investment_threshold.2018.beltandroad", "100 million"),
        ("guiyang.enterprise_revenue_threshold.2018.beltandroad", "five million"),
    ],
)
def test_thresholds_and_ranks_in_words_are_facts(fact_id: str, figure: str) -> None:
    assert gb.fact(fact_id).as_written == figure


def test_a_word_reading_needs_a_kind_that_allows_it(tmp_path: Path) -> None:
    """'all' is the whole of a share, but no count: a count needs its number."""
    text = METRIC + fact(as_written='"all"', quote='"Testville had all the enterprises."')
    assert "is not a reading of 'all'" in problems(tmp_path, text)
