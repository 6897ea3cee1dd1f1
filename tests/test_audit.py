"""Derived facts and the audit: computed values keep provenance; the audit names problems."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.auditing import AuditKind
from guizhou_bigdata.cli import main


def test_nominal_growth_is_derived_from_consecutive_gdp_levels() -> None:
    derived = gb.fact("guiyang.gdp_nominal_growth.2014.derived")
    assert derived.is_derived
    assert derived.derived_from == ("guiyang.gdp.2013.beltandroad", "guiyang.gdp.2014.beltandroad")
    # (249.727 / 208.542 - 1) x 100 = 19.7490...: six-digit levels support 19.749
    assert derived.value == Decimal("19.749")
    assert derived.bound is gb.Bound.ABOUT  # rounded
    assert derived.method
    quotes = {c.quote for c in derived.citations}
    for source_id in derived.derived_from:
        assert gb.fact(source_id).citations[0].quote in quotes


def test_implied_exchange_rate_from_one_sentence_in_two_currencies() -> None:
    (rate,) = gb.facts(metric="implied_exchange_rate")
    assert rate.quantity is not None
    assert rate.quantity.units == gb.ureg.Unit("yuan / USD")
    # 2.1 billion yuan / 330 million USD = 6.3636...: "2.1" has two significant figures
    assert rate.value == Decimal("6.4")
    assert rate.figure == "about 6.4 yuan / USD"


def test_implied_total_from_a_level_and_its_share() -> None:
    gdp = gb.fact("guian_new_area.gdp.2020.derived")
    # 164.9 billion / 38 % = 433.9... billion; "38 percent" has two significant figures
    assert (gdp.value, gdp.scale) == (Decimal("430"), gb.Scale.BILLION)
    assert gdp.figure == "about 430 billion yuan"


def test_derived_facts_are_never_preferred_over_stated_ones() -> None:
    assert not gb.metrics.gdp(2014).is_derived
    assert all(f.is_derived for f in gb.facts(derived=True))
    assert not any(f.is_derived for f in gb.facts(derived=False))


def test_audit_reports_real_against_nominal_for_guiyang() -> None:
    found = gb.audit().of(AuditKind.INCONSISTENT)
    years = {f.facts[0] for f in found}
    assert {
        "guiyang.gdp_real_growth.2014.beltandroad",
        "guiyang.gdp_real_growth.2015.beltandroad",
    } <= years
    assert all("real growth" in f.message for f in found)


def test_audit_names_the_overlapping_ranking_streaks() -> None:
    overlaps = gb.audit().of("overlap")
    pairs = {frozenset(f.facts) for f in overlaps}
    assert (
        frozenset(
            {
                "guizhou.digital_economy_growth_rank_streak.2015-2018.chinadaily",
                "guizhou.digital_economy_growth_rank_streak.2015-2022.cns",
            }
        )
        in pairs
    )


def test_audit_lists_every_flagged_figure_with_its_reason() -> None:
    flagged = {f.facts[0] for f in gb.audit().of(AuditKind.FLAGGED)}
    for fact in gb.facts(quality="garbled") + gb.facts(quality="implausible"):
        assert fact.id in flagged


def test_audit_finds_implausible_user_counts() -> None:
    implausible = {f.facts[0] for f in gb.audit().of(AuditKind.IMPLAUSIBLE)}
    assert "guizhou.electricity_users.2023-10.cns" in implausible


def test_audit_reports_conflicting_sources(tmp_path: Path) -> None:
    folder = tmp_path
    (folder / "mine.toml").write_text(
        '[[source]]\nid = "other"\ntitle = "Other"\npublished = "2020"\n'
        '[[fact]]\nid = "guizhou.dig.other"\nmetric = "digital_economy_growth"\n'
        'subject = "guizhou"\nperiod = "2018"\nvalue = "20.1"\nunit = "percent"\n'
        'bound = "exact"\nmodality = "actual"\nquote = "It grew 20.1 percent."\nsource = "other"\n',
        encoding="utf-8",
    )
    registry = gb.load_registry(folder / "mine.toml")
    (conflict,) = gb.audit(registry).of(AuditKind.CONFLICT)
    assert "guizhou.dig.other" in conflict.facts
    assert "24.6 percent" in conflict.message


def test_check_prints_the_audit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "no problems" in out
    assert "inconsistent" in out
