"""Every bundled record, not a sample: units, dimensions, citations, flags."""

from __future__ import annotations

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.units import parse_unit

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
    quantity = fact.quantity
    if fact.value is None:
        assert quantity is None
        assert gb.Quality.GARBLED in fact.quality
        assert fact.as_written
    else:
        assert quantity is not None
        assert quantity.dimensionality == parse_unit(metric.unit).dimensionality
    if fact.quality:
        assert fact.note
    if gb.Quality.INTERPRETATION in fact.quality:
        assert fact.rank is gb.Rank.DEPRECATED
    for citation in fact.citations:
        assert citation.quote.strip() == citation.quote
    if fact.as_written is not None:
        assert fact.as_written in fact.citations[0].quote


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
