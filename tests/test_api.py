"""The public API as a user's script calls it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

import pint
import pytest

import guizhou_bigdata as gb


def test_headline_digital_economy_growth_2018() -> None:
    fact = gb.metrics.digital_economy_growth(2018)
    assert fact.quantity == gb.Q_(24.6, "percent")
    assert fact.subject == "guizhou"
    assert fact.bound is gb.Bound.EXACT
    assert fact.modality is gb.Modality.ACTUAL
    citation = fact.citations[0]
    assert citation.source.publisher == "China Daily"
    assert citation.source.published.start == dt.date(2019, 10, 2)
    assert citation.kind is gb.CitationKind.QUOTE
    assert "24.6 percent" in citation.passage
    assert "China Daily" in fact.cite()
    assert citation.passage in fact.cite()


def test_quantity_is_a_pint_quantity_of_the_package_registry() -> None:
    quantity = gb.metrics.digital_economy_growth(2018).quantity
    assert isinstance(quantity, pint.Quantity)
    assert quantity.to("dimensionless").magnitude == pytest.approx(0.246)
    assert quantity._REGISTRY is gb.ureg


def test_unknown_year_names_the_years_available() -> None:
    with pytest.raises(gb.FactNotFoundError, match=r"years available: .*2018"):
        gb.metrics.digital_economy_growth(1990)


def test_fact_not_found_is_a_lookup_error() -> None:
    assert issubclass(gb.FactNotFoundError, LookupError)


def test_unknown_subject_suggests_a_close_id() -> None:
    with pytest.raises(gb.FactNotFoundError, match="did you mean 'guizhou'"):
        gb.metrics.digital_economy_growth(2018, subject="guizho")


def test_misspelt_metric_suggests_the_closest_names() -> None:
    with pytest.raises(AttributeError, match="did you mean 'digital_economy_growth'"):
        gb.metrics.digital_economy_grwth  # noqa: B018


def test_metric_views_list_and_describe_the_catalogue() -> None:
    assert "digital_economy_growth" in gb.metrics.names()
    assert "digital_economy_growth" in dir(gb.metrics)
    view = gb.metrics.digital_economy_growth
    assert view.metric.kind is gb.MetricKind.GROWTH_RATE
    assert 2018 in view.years()
    assert view.series()[-1].period.end.year == max(view.years())


def test_facts_filters_combine() -> None:
    found = gb.facts(subject="guizhou", year=2018, source="chinadaily-2019-10-02")
    assert found
    for fact in found:
        assert fact.subject == "guizhou"
        assert fact.period.end.year == 2018
        assert any(c.source.id == "chinadaily-2019-10-02" for c in fact.citations)


def test_facts_filter_by_enum_or_its_value() -> None:
    assert gb.facts(modality="target") == gb.facts(modality=gb.Modality.TARGET)


def test_facts_with_unknown_metric_raise() -> None:
    with pytest.raises(gb.FactNotFoundError, match="no metric 'gpd'"):
        gb.facts(metric="gpd")


def test_fact_by_id_and_its_error() -> None:
    any_fact = gb.facts()[0]
    assert gb.fact(any_fact.id) is any_fact
    with pytest.raises(gb.FactNotFoundError, match="did you mean"):
        gb.fact(any_fact.id + "x")


def test_data_centres_are_typed_and_cited() -> None:
    centres = gb.data_centres()
    assert centres
    names = {centre.name for centre in centres}
    assert "HUAWEI CLOUD Data Center" in names
    for centre in centres:
        assert isinstance(centre, gb.DataCentre)
        assert centre.citations
        assert all(isinstance(c, gb.Citation) for c in centre.citations)


def test_entity_filters_match_attributes() -> None:
    in_guian = gb.data_centres(location="guian_new_area")
    assert in_guian
    assert all(centre.location == "guian_new_area" for centre in in_guian)
    provinces = gb.places(kind="province")
    assert all(place.kind is gb.PlaceKind.PROVINCE for place in provinces)
    (guizhou,) = (place for place in provinces if place.id == "guizhou")
    assert guizhou.name_zh == "贵州省"


def test_entity_filter_with_unknown_keyword_names_the_valid_ones() -> None:
    with pytest.raises(TypeError, match=r"valid keywords: .*location"):
        gb.data_centres(city="guiyang")


def test_sources_carry_bibliographic_records() -> None:
    sources = gb.sources()
    assert len([s for s in sources if s.archive is not None]) == 5  # the archived articles
    assert [s.published.start.year for s in sources] == sorted(
        s.published.start.year for s in sources
    )
    for source in sources:
        assert source.title
        if source.archive is not None:
            assert source.sha256 is not None
            assert len(source.sha256) == 64
        else:  # a public web page cited by reference: its address instead of its text
            assert source.sha256 is None
            assert source.url is not None
            assert source.url.startswith(("http://", "https://"))


def test_registry_is_immutable_to_callers() -> None:
    registry = gb.default_registry()
    with pytest.raises(AttributeError):
        registry.extra = 1  # type: ignore[attr-defined]
    fact = registry.facts()[0]
    with pytest.raises(AttributeError):
        fact.value = None  # type: ignore[misc]


def test_facts_with_unknown_source_raise_instead_of_finding_nothing() -> None:
    with pytest.raises(gb.FactNotFoundError, match="no source 'chinadaily-2019'"):
        gb.facts(source="chinadaily-2019")


def test_indexed_lookup_agrees_with_a_full_scan(registry: gb.Registry) -> None:
    for fact in registry.facts():
        year = fact.period.end.year
        scanned = tuple(
            other
            for other in registry.facts()
            if (other.metric, other.subject, other.period.end.year)
            == (fact.metric, fact.subject, year)
        )
        assert registry.facts(metric=fact.metric, subject=fact.subject, year=year) == scanned
    assert registry.facts(metric="gdp", subject="guiyang", year=1900) == ()
    with pytest.raises(gb.FactNotFoundError, match="no metric"):
        registry.facts(metric="gdpp", subject="guiyang", year=2018)


def test_entity_by_id_and_its_error() -> None:
    guiyang = gb.entity("guiyang")
    assert isinstance(guiyang, gb.Place)
    assert guiyang.name_zh == "贵阳市"
    with pytest.raises(gb.FactNotFoundError, match="did you mean 'guiyang'"):
        gb.entity("guiyan")


# Strict filters: a value that cannot match anything raises with a hint ---------------


@pytest.mark.parametrize(
    ("call", "error", "hint"),
    [
        (lambda: gb.facts(modality=cast(Any, "actaul")), ValueError, "did you mean 'actual'?"),
        (lambda: gb.facts(rank=cast(Any, "prefered")), ValueError, "did you mean 'preferred'"),
        (lambda: gb.facts(quality=cast(Any, "garbeld")), ValueError, "did you mean 'garbled'?"),
        (
            lambda: gb.facts(modality=cast(Any, 3)),
            TypeError,
            "modality is a Modality or one of its values",
        ),
        (lambda: gb.facts(year=cast(Any, "2018")), TypeError, "year is an integer such as 2018"),
        (lambda: gb.facts(year=True), TypeError, "year is an integer"),
        (lambda: gb.facts(derived=cast(Any, "yes")), TypeError, "derived is True or False"),
        (lambda: gb.data_centres(status="operatng"), ValueError, "did you mean 'operating'?"),
        (lambda: gb.places(kind="provnice"), ValueError, "did you mean 'province'"),
        (lambda: gb.places(parent="guizho"), ValueError, "did you mean 'guizhou'"),
        (lambda: gb.data_centres(location="guian"), ValueError, "no entity has that id"),
        (lambda: gb.organisations(kind=1), TypeError, "OrganisationKind or one of its values"),
        (lambda: gb.events(edition="3"), TypeError, "edition takes a value of type int, got str"),
        (lambda: gb.policies(isuer="x"), TypeError, "did you mean 'issuer'"),
        (lambda: gb.timeline(dat="2014"), TypeError, "did you mean 'date'?"),
        (
            lambda: gb.timeline(date="2014"),
            TypeError,
            "Milestone filter date takes a value of type Period",
        ),
        (lambda: gb.timeline(id=None), ValueError, "no Milestone record lacks its id"),
    ],
)
def test_a_filter_that_cannot_match_raises_with_a_hint(
    call: object, error: type[Exception], hint: str
) -> None:
    assert callable(call)
    with pytest.raises(error, match=re.escape(hint)):
        call()


def test_valid_filters_still_select() -> None:
    assert gb.facts(modality="actual") == gb.facts(modality=gb.Modality.ACTUAL)
    assert gb.facts(modality="actual")
    assert gb.facts(quality="garbled") == gb.facts(quality=gb.Quality.GARBLED)
    assert gb.data_centres(status="operating") == gb.data_centres(
        status=gb.DataCentreStatus.OPERATING
    )
    assert all(place.parent is None for place in gb.places(parent=None))
    assert gb.places(parent="guizhou")
    period = gb.timeline()[0].date
    assert gb.timeline(date=period) == tuple(m for m in gb.timeline() if m.date == period)
    assert gb.facts(year=2018, derived=False)


# Every entity at once --------------------------------------------------------------


def test_entities_are_every_kind_in_load_order(registry: gb.Registry) -> None:
    by_kind = (
        *registry.places(),
        *registry.organisations(),
        *registry.data_centres(),
        *registry.platforms(),
        *registry.events(),
        *registry.policies(),
    )
    everything = registry.entities()
    assert isinstance(everything, tuple)  # an EntityTuple: a tuple that a notebook shows as a table
    assert everything == by_kind  # loaded kind by kind, each in file order
    assert len({entity.id for entity in everything}) == len(everything)
    (guiyang,) = registry.entities(name="Guiyang")
    assert guiyang is registry.entity("guiyang")
    assert registry.entities(id="guiyang") == (guiyang,)


def test_entities_filters_are_strict(registry: gb.Registry) -> None:
    with pytest.raises(TypeError, match=r"cannot filter Entity records by kind.*valid keywords"):
        registry.entities(kind="province")
    with pytest.raises(TypeError, match="takes a value of type str"):
        registry.entities(name=1)
    with pytest.raises(ValueError, match="matches nothing"):
        registry.entities(name=None)
