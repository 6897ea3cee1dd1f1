"""The bundled series from public web pages meet the issue's goals ("Series, not snapshots").

The figures come from pages the project does not archive, each cited by reference
(locator, the figure as printed, our own words): these tests count what a user of the
bundled registry can draw as a series, year by year.
"""

from __future__ import annotations

from collections import defaultdict

import guizhou_bigdata as gb

REGISTRY = gb.default_registry()
STOCK_KINDS = frozenset(gb.MetricKind) - {gb.MetricKind.FLOW, gb.MetricKind.GROWTH_RATE}


def year_of(fact: gb.Fact) -> int | None:
    """The year a fact is a point of: a flow or growth rate must cover a whole calendar
    year (January-October is not the year); a stock (a count, a level, a share, a rank)
    may be stated at any date within one year. A span of years is no point."""
    period = fact.period
    if REGISTRY.metric(fact.metric).kind in STOCK_KINDS:
        return period.start.year if period.start.year == period.end.year else None
    return period.calendar_year


def stated_years() -> dict[tuple[str, str], set[int]]:
    """Metric and subject -> the years with an actual or estimated figure of a source."""
    years: dict[tuple[str, str], set[int]] = defaultdict(set)
    for fact in REGISTRY.facts(derived=False):
        if fact.modality not in (gb.Modality.ACTUAL, gb.Modality.ESTIMATE):
            continue
        if fact.rank is gb.Rank.DEPRECATED:  # set aside by the data itself
            continue
        year = year_of(fact)
        if year is not None:
            years[fact.metric, fact.subject].add(year)
    return years


def reference_facts() -> list[gb.Fact]:
    return [
        fact
        for fact in REGISTRY.facts(derived=False)
        if any(c.kind is gb.CitationKind.REFERENCE for c in fact.citations)
    ]


def long_series() -> dict[tuple[str, str], set[int]]:
    return {pair: years for pair, years in stated_years().items() if len(years) >= 5}


def test_at_least_25_series_have_five_years_or_more() -> None:
    """The issue's goal: 25 metric and subject pairs with figures for five or more years.

    Some of those years rest only on figures flagged ``ambiguous``, ``inferred`` or
    ``interpretation`` (a count restated from an earlier year, a year read from the
    Thai calendar): the flag travels with the figure, and the series keeps it.
    """
    assert len(long_series()) >= 25, sorted(long_series())


def test_the_headline_series_are_among_them() -> None:
    years = stated_years()
    for pair in [
        ("digital_economy_share_of_gdp", "guizhou"),
        ("gdp", "guizhou"),
        ("gdp_real_growth", "guizhou"),
        ("digital_economy_share_of_gdp", "china"),
        ("event_exhibitors", "big_data_expo"),
    ]:
        assert len(years[pair]) >= 5, (pair, sorted(years[pair]))


def test_at_least_400_facts_from_40_sources_are_cited_by_reference() -> None:
    facts = reference_facts()
    sources = {c.source.id for fact in facts for c in fact.citations}
    assert len(facts) >= 400
    assert len(sources) >= 40
    for source_id in sources:
        assert REGISTRY.source(source_id).url is not None


def test_guizhous_digital_economy_growth_and_share_for_the_years_sources_state() -> None:
    """The years 2015-2023 for which a public source gives the figure (others: none found)."""
    years = stated_years()
    growth = years["digital_economy_growth", "guizhou"] & set(range(2015, 2024))
    share = years["digital_economy_share_of_gdp", "guizhou"] & set(range(2015, 2024))
    assert growth >= GROWTH_YEARS
    assert share >= SHARE_YEARS
    for year in sorted(growth):
        assert gb.metrics.digital_economy_growth(year, subject="guizhou").has_value
    for year in sorted(share):
        assert gb.metrics.digital_economy_share_of_gdp(year, subject="guizhou").has_value


GROWTH_YEARS = {2018, 2021}
SHARE_YEARS = {2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023}


def test_a_statistical_bulletin_is_preferred_where_sources_disagree() -> None:
    """Guizhou's 2022 GDP: the statistics bureau's bulletin against a rounded press figure."""
    preferred = REGISTRY.preferred("gdp", 2022, subject="guizhou")
    assert preferred.citations[0].source.id.startswith("stjj-bulletin-2022")
    assert preferred.rank is gb.Rank.PREFERRED
    assert preferred.note is not None
    assert "primary statistical source" in preferred.note


def test_no_target_is_preferred_over_an_outcome_of_its_period() -> None:
    """A series shows what happened: a rank may order outcomes, never put a plan first."""
    plans = (gb.Modality.TARGET, gb.Modality.FORECAST)
    outcomes = {
        (fact.metric, fact.subject, str(fact.period))
        for fact in REGISTRY.facts(derived=False)
        if fact.modality not in plans
    }
    wrong = [
        fact.id
        for fact in REGISTRY.facts(derived=False)
        if fact.rank is gb.Rank.PREFERRED
        and fact.modality in plans
        and (fact.metric, fact.subject, str(fact.period)) in outcomes
    ]
    assert wrong == []


def test_gb_coverage_counts_the_same_yearly_outcomes() -> None:
    """``gb.coverage()`` shows the goal: with ``derived=False`` its whole years are the
    stated outcomes counted here; the default adds years a derived figure fills."""
    stated = stated_years()
    found = {
        (row.metric, row.subject): set(row.whole_years) for row in gb.coverage(derived=False).rows
    }
    assert {pair: years for pair, years in found.items() if years} == dict(stated)
    assert {(r.metric, r.subject) for r in gb.coverage(derived=False).long_series(5)} == set(
        long_series()
    )
    with_derived = {(row.metric, row.subject): set(row.whole_years) for row in gb.coverage().rows}
    assert all(years <= with_derived[pair] for pair, years in stated.items())
