"""Bounds as intervals, and figures in words."""

from __future__ import annotations

from decimal import Decimal

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.core.intervals import decimal_bounds, rounding_unit, significant_figures
from guizhou_bigdata.core.vocabulary import BoundName
from guizhou_bigdata.core.wording import figure_text, number_text


def q(value: float, unit: str = "enterprise") -> gb.Interval:
    return gb.Interval.point(gb.Q_(value, unit))


@pytest.mark.parametrize(
    ("bound", "expected"),
    [
        ("exact", (Decimal(5000), Decimal(5000), True, True)),
        ("more_than", (Decimal(5000), None, False, False)),
        ("at_least", (Decimal(5000), None, True, False)),
        ("at_most", (None, Decimal(5000), False, True)),
        ("less_than", (None, Decimal(5000), False, False)),
        ("about", (Decimal(4500), Decimal(5500), True, True)),
        ("nearly", (Decimal(4500), Decimal(5000), True, False)),
    ],
)
def test_each_bound_word_is_an_interval(
    bound: BoundName, expected: tuple[Decimal | None, Decimal | None, bool, bool]
) -> None:
    assert decimal_bounds(bound, Decimal(5000)) == expected


def test_about_is_within_half_a_unit_of_the_last_significant_digit() -> None:
    assert decimal_bounds("about", Decimal(38)) == (Decimal("37.5"), Decimal("38.5"), True, True)
    assert decimal_bounds("about", Decimal("38.0"))[:2] == (Decimal("37.95"), Decimal("38.05"))
    # "about 1800 million": the scale word multiplies the tolerance too.
    lower, upper, _, _ = decimal_bounds("about", Decimal(1800) * 10**6, Decimal(1800))
    assert (lower, upper) == (Decimal(1750) * 10**6, Decimal(1850) * 10**6)
    assert rounding_unit(Decimal(1800)) == 100
    assert rounding_unit(Decimal("164.9")) == Decimal("0.1")
    assert (significant_figures(Decimal(38)), significant_figures(Decimal("0.25"))) == (2, 2)


def test_fact_interval_on_bundled_facts() -> None:
    more = gb.fact("guiyang.big_data_enterprises.2018.beltandroad").interval
    assert more is not None
    assert (more.lower, more.upper) == (gb.Q_(5000, "enterprise"), None)
    assert (more.lower_closed, more.upper_closed) == (False, False)
    assert more.contains(gb.Q_(6000, "enterprise"))
    assert not more.contains(gb.Q_(5000, "enterprise"))
    assert more.contains(gb.Q_(5.001, "kiloenterprise"))  # any unit of the dimension
    exact = gb.fact("guiyang.gdp.2013.beltandroad").interval
    assert exact.is_point
    assert exact.contains(gb.Q_(208.542, "Gyuan"))
    top_three = gb.fact("guizhou.e_governance_rank.2019.chinadaily").interval
    assert (top_three.lower, top_three.upper) == (None, gb.Q_(3, "rank"))
    with pytest.raises(gb.NoValueError, match="nearly 8,36"):
        _ = gb.fact("guizhou.electricity_service_cases_handled_online.2023-10.cns").interval


def test_overlaps_is_whether_both_can_hold() -> None:
    more = gb.Interval(gb.Q_(5000, "enterprise"), None, lower_closed=False)
    assert more.overlaps(q(6000))
    assert not more.overlaps(q(5000))  # "more than 5,000" excludes 5,000 itself
    assert gb.Interval(gb.Q_(5000, "enterprise"), None).overlaps(q(5000))
    assert not q(5000).overlaps(q(6000))
    assert q(5, "kiloenterprise").overlaps(q(5000))
    below = gb.Interval(None, gb.Q_(3, "rank"))
    assert below.overlaps(gb.Interval(gb.Q_(1, "rank"), gb.Q_(2, "rank")))
    assert not below.overlaps(gb.Interval(gb.Q_(4, "rank"), None))


def test_intervals_refuse_what_cannot_be_an_interval() -> None:
    with pytest.raises(ValueError, match="above its upper end"):
        gb.Interval(gb.Q_(2, "rank"), gb.Q_(1, "rank"))
    with pytest.raises(ValueError, match="must be closed"):
        gb.Interval(gb.Q_(1, "rank"), gb.Q_(1, "rank"), lower_closed=False)
    with pytest.raises(ValueError, match="cannot compare"):
        q(5).contains(gb.Q_(5, "server"))
    with pytest.raises(TypeError, match="Pint Quantity"):
        gb.Interval(5, None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="non-negative divisor"):
        _ = q(5) / gb.Interval(None, gb.Q_(1, "enterprise"))


def test_interval_division_and_units() -> None:
    amount = gb.Interval(gb.Q_(100, "yuan"), None, lower_closed=False)
    share = gb.Interval(gb.Q_(20, "percent"), gb.Q_(25, "percent"))
    total = (amount / share).to("yuan")
    assert total.lower is not None
    assert total.lower.magnitude == pytest.approx(400)
    assert (total.upper, total.lower_closed) == (None, False)
    at_most = (gb.Interval(None, gb.Q_(100, "yuan")) / share).to("yuan")
    assert at_most.lower is None
    assert at_most.upper is not None
    assert at_most.upper.magnitude == pytest.approx(500)
    assert str(q(5000)) == "[5000 enterprise, 5000 enterprise]"


def test_figures_in_words() -> None:
    assert number_text(Decimal("1E-7")) == "0.0000001"
    assert number_text(Decimal("10250")) == "10,250"
    assert number_text(Decimal("-1234567.5")) == "-1,234,567.5"
    assert figure_text(Decimal(5000), unit="enterprise", bound="more_than") == (
        "more than 5,000 enterprises"
    )
    assert figure_text(Decimal(1), unit="data_centre") == "1 data centre"
    assert figure_text(Decimal(24), unit="country_or_region") == "24 countries or regions"
    assert figure_text(Decimal(2), unit="city") == "2 cities"
    assert figure_text(Decimal(175000), unit="person") == "175,000 people"
    assert figure_text(Decimal("6.4"), unit="yuan / USD", bound="about") == "about 6.4 yuan / USD"
    assert figure_text(Decimal(3), unit="rank", bound="at_most") == "at most rank 3"
    assert figure_text(Decimal(150), unit="PB", bound="more_than") == "more than 150 PB"
    assert (
        figure_text(Decimal("389.1"), unit="yuan", scale="billion", modality="estimate")
        == "389.1 billion yuan (estimate)"
    )
    with pytest.raises(ValueError, match="unknown bound"):
        figure_text(Decimal(1), unit="yuan", bound="roughly")


@pytest.mark.usefixtures("the_five_articles_as_default")  # the articles' own figures
def test_the_2018_gdp_says_estimate_in_figure_and_cite() -> None:
    gdp = gb.metrics.gdp(2018)
    assert gdp.modality is gb.Modality.ESTIMATE
    assert gdp.figure == "389.1 billion yuan (estimate)"
    assert gdp.cite().splitlines()[0].startswith("389.1 billion yuan (estimate) (gdp, guiyang")
    assert "(estimate)" in gb.cite(gdp)
    assert gb.fact("guiyang.big_data_enterprises.2018.beltandroad").figure == (
        "more than 5,000 enterprises"
    )


def test_no_bundled_figure_is_in_scientific_notation_or_a_bare_singular() -> None:
    for fact in gb.facts():
        assert "E+" not in fact.figure, fact.id
        assert "E-" not in fact.figure, fact.id
        if fact.unit == "enterprise" and fact.value not in (None, Decimal(1)):
            assert "enterprises" in fact.figure, fact.id
        if fact.modality is not gb.Modality.ACTUAL:
            assert fact.modality.value + ")" in fact.figure, fact.id


def test_a_divisor_reaching_zero_leaves_the_quotient_unbounded() -> None:
    five = gb.Interval.point(gb.Q_(5, "yuan"))
    quotient = five / gb.Interval(gb.Q_(0, "USD"), gb.Q_(2, "USD"))
    assert quotient.lower is not None
    assert (quotient.lower.magnitude, quotient.lower_closed) == (2.5, True)
    assert quotient.upper is None
    opened = five / gb.Interval(gb.Q_(0, "USD"), gb.Q_(2, "USD"), lower_closed=False)
    assert (opened.lower, opened.upper) == (quotient.lower, None)
    # Zero over a divisor with values above zero is zero.
    zero = gb.Interval.point(gb.Q_(0, "yuan")) / gb.Interval(gb.Q_(0, "USD"), None)
    assert zero.is_point
    assert zero.lower is not None
    assert zero.lower.magnitude == 0


@pytest.mark.parametrize("dividend", [5, 0])
def test_dividing_by_an_interval_of_zero_alone_is_refused(dividend: int) -> None:
    with pytest.raises(ZeroDivisionError, match=r"\[0 USD, 0 USD\] holds no value but zero"):
        _ = gb.Interval.point(gb.Q_(dividend, "yuan")) / gb.Interval.point(gb.Q_(0, "USD"))


@pytest.mark.parametrize("bound", [gb.Bound.ABOUT, "about"])
def test_of_figure_takes_the_bound_enum_or_its_name(bound: gb.Bound | BoundName) -> None:
    interval = gb.Interval.of_figure(bound, Decimal(5), "percent")
    assert (interval.lower, interval.upper) == (gb.Q_(4.5, "percent"), gb.Q_(5.5, "percent"))
    assert decimal_bounds(bound, Decimal(5)) == decimal_bounds("about", Decimal(5))


def test_every_bound_member_has_an_interval() -> None:
    for bound in gb.Bound:
        assert gb.Interval.of_figure(bound, Decimal(5), "percent") == gb.Interval.of_figure(
            bound.value, Decimal(5), "percent"
        )
    with pytest.raises(ValueError, match="unknown bound 'roughly'; valid bounds: exact, "):
        gb.Interval.of_figure("roughly", Decimal(5), "percent")  # type: ignore[arg-type]
