"""Every bundled record, not a sample: units, dimensions, citations, flags."""

from __future__ import annotations

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.core.units import parse_unit

REGISTRY = gb.default_registry()
FACTS = REGISTRY.facts()
ENTITIES = (
    REGISTRY.places()
    + REGISTRY.organisations()
    + REGISTRY.data_centres()
    + REGISTRY.platforms()
    + REGISTRY.events()
    + REGISTRY.policies()
)


@pytest.mark.parametrize("fact", FACTS, ids=[fact.id for fact in FACTS])
def test_every_fact_is_cited_and_computable(fact: gb.Fact) -> None:
    assert fact.citations
    metric = REGISTRY.metric(fact.metric)
    REGISTRY.entity(fact.subject)
    if not fact.has_value:
        with pytest.raises(gb.NoValueError, match=fact.id):
            fact.quantity  # noqa: B018
        assert gb.Quality.GARBLED in fact.quality
        assert fact.as_written
    else:
        quantity = fact.quantity
        assert quantity.dimensionality == parse_unit(metric.unit).dimensionality
    if fact.quality:
        assert fact.note
    if gb.Quality.INTERPRETATION in fact.quality:
        assert fact.rank is gb.Rank.DEPRECATED
    for citation in fact.citations:
        if citation.kind is gb.CitationKind.QUOTE:
            assert citation.quote is not None
            assert citation.quote.strip() == citation.quote
        else:  # a web page the project does not archive: a pointer and our own words
            assert citation.source.url
            assert citation.says is not None
            assert citation.says.strip() == citation.says
    first = fact.citations[0]
    if fact.as_written is not None:
        printed = first.quote if first.kind is gb.CitationKind.QUOTE else first.as_written
        assert printed is not None
        assert fact.as_written in printed


@pytest.mark.parametrize("entity", ENTITIES, ids=[entity.id for entity in ENTITIES])
def test_every_entity_is_cited(entity: gb.Entity) -> None:
    assert entity.citations
    assert entity.name


def test_every_metric_has_facts_or_is_documented() -> None:
    used = {fact.metric for fact in FACTS}
    for metric in REGISTRY.metrics():
        assert metric.id in used, f"metric {metric.id} has no facts"
        if metric.kind is gb.MetricKind.GROWTH_RATE:
            assert metric.basis is not None, f"growth metric {metric.id} needs a basis"


def test_places_have_chinese_names_and_valid_parents() -> None:
    for place in REGISTRY.places():
        assert place.name_zh, place.id
        if place.parent is not None:
            assert isinstance(REGISTRY.entity(place.parent), gb.Place)


def test_every_source_is_cited() -> None:
    cited = {c.source.id for fact in FACTS for c in fact.citations}
    assert cited == {source.id for source in REGISTRY.sources()}


def test_the_china_daily_slice_is_complete() -> None:
    china_daily = REGISTRY.facts(source="chinadaily-2019-10-02")
    metrics = {fact.metric for fact in china_daily}
    assert {
        "digital_economy_growth",
        "digital_economy_share_of_gdp",
        "digital_economy_growth_rank",
        "digital_economy_growth_rank_streak",
    } <= metrics
    streak = REGISTRY.preferred("digital_economy_growth_rank_streak", 2018)
    assert streak.quantity == gb.Q_(4, "year")
    assert str(streak.period) == "2015/2018"


# Corrections of data release 2026.12.01 -------------------------------------------


def test_the_implausible_fund_and_its_milestone_say_why() -> None:
    fund = gb.fact(
        "guiyang_big_data_science_and_technology_innovation_city.investment_fund_size.2023.cns"
    )
    assert fund.quality == frozenset({gb.Quality.IMPLAUSIBLE})
    assert fund.value == 150  # kept as printed
    assert fund.note is not None
    assert "15 billion" in fund.note
    (milestone,) = [
        m for m in gb.timeline() if "investment_fund_policy" in m.id and "150 billion" in m.title
    ]
    assert milestone.note is not None
    assert "implausible" in milestone.note


def test_china_telecoms_citations_all_name_it() -> None:
    telecom = gb.entity("china_telecom")
    assert all(c.quote is not None and "China Telecom" in c.quote for c in telecom.citations)


def test_a_place_description_names_its_own_kind() -> None:
    for place in gb.places():
        for kind in gb.PlaceKind:
            if f"kind '{kind.value}'" in (place.description or ""):
                assert kind is place.kind, place.id


def test_no_name_or_alias_names_two_entities() -> None:
    entities = [
        *gb.places(),
        *gb.organisations(),
        *gb.data_centres(),
        *gb.platforms(),
        *gb.events(),
        *gb.policies(),
    ]
    owners: dict[str, set[str]] = {}
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            owners.setdefault(name.casefold(), set()).add(entity.id)
    shared = {name: ids for name, ids in owners.items() if len(ids) > 1}
    # Names alone may repeat (a company and its data centre); an alias never does.
    for entity in entities:
        for alias in entity.aliases:
            assert alias.casefold() not in shared, (alias, shared[alias.casefold()])
    platform = gb.entity("guizhou_on_the_digital_cloud")
    assert isinstance(platform, gb.Platform)
    assert platform.operator == "guizhou_cloud"


@pytest.mark.parametrize(
    ("fact_id", "words"),
    [
        ("huawei_cloud_guian_data_centre.data_centre_arrival_batch.2023-10.cns", "the first batch"),
        ("guizhou.big_data_regulations_release_order.2022-01.eguizhou", "the first province"),
        (
            "guizhou.electricity_service_full_coverage_order_in_western_china.2021-08.cns",
            "took the lead in western China",
        ),
        ("guizhou.government_affairs_online_share.2022-01.eguizhou", "all"),
    ],
)
def test_the_figures_a_reader_found_missing_are_facts(fact_id: str, words: str) -> None:
    fact = gb.fact(fact_id)
    assert fact.as_written == words
    quote = fact.citations[0].quote
    assert quote is not None
    assert words in quote
