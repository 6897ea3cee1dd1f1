"""Derived facts keep the guarantees of stated ones: units, doubt, certainty, precision, bounds.

Most tests load a user file on top of the bundled data, written in other units of
the same dimension (``Gyuan``, ``dimensionless`` shares), as a new user would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import guizhou_bigdata as gb
from guizhou_bigdata.store.derive import derive_facts

from .helpers import article_files, articles_registry, write

SOURCE = """
[[source]]
id = "mine"
title = "My notes"
published = "2017-05-01"
"""


def row(**fields: str) -> str:
    """A [[fact]] table from TOML values; the source is ``mine``."""
    fields.setdefault("source", '"mine"')
    fields.setdefault("modality", '"actual"')
    fields.setdefault("bound", '"exact"')
    return "\n[[fact]]\n" + "\n".join(f"{key} = {value}" for key, value in fields.items()) + "\n"


def gdp_2016(value: str, unit: str, scale: str | None = None, **more: str) -> str:
    extra = {"scale": f'"{scale}"'} if scale else {}
    words = f"{value} {scale} yuan" if scale else f"{value} billion yuan"
    return row(
        id='"guiyang.gdp.2016.mine"',
        metric='"gdp"',
        subject='"guiyang"',
        period='"2016"',
        value=f'"{value}"',
        unit=f'"{unit}"',
        quote=f'"Guiyang\'s GDP was {words} in 2016."',
        **extra,
        **more,
    )


def load(tmp_path: Path, text: str, *, bundled: bool = True) -> gb.Registry:
    """The user file on top of the five articles' data (the expected derivations are
    theirs; the public-source series would add levels of the same years)."""
    mine = write(tmp_path, "mine.toml", SOURCE + text)
    if bundled:
        return gb.load_registry(*article_files(), mine, bundled=False)
    return gb.load_registry(mine, bundled=False)


def growth_2016(registry: gb.Registry) -> gb.Fact:
    (found,) = registry.facts(metric="gdp_nominal_growth", subject="guiyang", year=2016)
    return found


def includes(outer: gb.Interval, inner: gb.Interval) -> bool:
    """True when every value of ``inner`` lies in ``outer``."""
    if outer.lower is not None and (
        inner.lower is None
        or inner.lower < outer.lower
        or (inner.lower == outer.lower and inner.lower_closed and not outer.lower_closed)
    ):
        return False
    return not (
        outer.upper is not None
        and (
            inner.upper is None
            or inner.upper > outer.upper
            or (inner.upper == outer.upper and inner.upper_closed and not outer.upper_closed)
        )
    )


def assert_stated_figure_holds(fact: gb.Fact) -> None:
    """The invariant of a derived figure: what it says is true of every value it allows.

    ``exact``: its interval is its value alone. ``about``: its value is one its
    inputs allow (it lies in ``Fact.interval``). One-sided (``more_than`` ...):
    the bound word's own reading contains ``Fact.interval``, so the words hold
    for every value the inputs allow.
    """
    interval, stated = fact.interval, fact.quantity
    shown = f"{fact.id}: {fact.figure} against {interval}"
    if fact.bound is gb.Bound.EXACT:
        assert fact.derived_interval is None, shown
        assert interval.is_point, shown
        assert interval.contains(stated), shown
    elif fact.bound is gb.Bound.ABOUT:
        assert interval.lower is not None, shown
        assert interval.upper is not None, shown
        assert interval.contains(stated), shown
    else:
        assert fact.magnitude is not None
        reading = gb.Interval.of_figure(fact.bound, fact.magnitude, fact.unit)
        assert includes(reading, interval), shown


# Units ---------------------------------------------------------------------


def test_nominal_growth_from_a_level_in_gyuan_is_not_minus_100_percent(tmp_path: Path) -> None:
    """316 Gyuan against the bundled 289.116 billion yuan of 2015: +9.30 %, not -100.00 %."""
    growth = growth_2016(load(tmp_path, gdp_2016("316", "Gyuan")))
    assert growth.value == Decimal("9.3")
    assert growth.unit == "percent"
    assert growth.bound is gb.Bound.ABOUT
    assert growth.derived_from == ("guiyang.gdp.2015.beltandroad", "guiyang.gdp.2016.mine")
    exact = (Decimal(316) / Decimal("289.116") - 1) * 100  # 9.2986...
    assert abs(growth.value - exact) < Decimal("0.05")


def test_the_same_level_in_any_unit_gives_the_same_growth(tmp_path: Path) -> None:
    in_gyuan = growth_2016(load(tmp_path / "..", gdp_2016("316", "Gyuan")))
    in_yuan = growth_2016(load(tmp_path, gdp_2016("316", "yuan", scale="billion")))
    assert (in_gyuan.value, in_gyuan.bound) == (in_yuan.value, in_yuan.bound)


def share_facts(
    share: str,
    unit: str,
    *,
    level: str = "100",
    bound: str = "exact",
    modality: str = "actual",
) -> str:
    quote = f'"Its digital economy made {level} billion yuan, {share} of GDP."'
    return row(
        id='"guiyang.digital_economy_output.2016.mine"',
        metric='"digital_economy_output"',
        subject='"guiyang"',
        period='"2016"',
        value=f'"{level}"',
        scale='"billion"',
        unit='"yuan"',
        bound=f'"{bound}"',
        quote=quote,
    ) + row(
        id='"guiyang.digital_economy_share_of_gdp.2016.mine"',
        metric='"digital_economy_share_of_gdp"',
        subject='"guiyang"',
        period='"2016"',
        value=f'"{share}"',
        unit=f'"{unit}"',
        modality=f'"{modality}"',
        quote=quote,
    )


def implied_gdp(registry: gb.Registry) -> gb.Fact:
    (found,) = registry.facts(metric="gdp", subject="guiyang", year=2016, derived=True)
    return found


def test_a_dimensionless_share_implies_the_right_gdp(tmp_path: Path) -> None:
    """0.25 dimensionless is 25 percent: 100 billion yuan is a quarter of 400 billion."""
    gdp = implied_gdp(load(tmp_path, share_facts("0.25", "dimensionless")))
    assert gdp.quantity is not None
    assert gdp.quantity.to("yuan").magnitude == pytest.approx(400e9)
    assert gdp.figure == "400 billion yuan"
    assert gdp.unit == "yuan"  # the metric's unit, whatever the inputs were written in


def test_a_share_in_percent_and_in_dimensionless_agree(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = implied_gdp(load(tmp_path / "a", share_facts("0.25", "dimensionless")))
    b = implied_gdp(load(tmp_path / "b", share_facts("25", "percent")))
    assert (a.value, a.scale, a.bound) == (b.value, b.scale, b.bound)


def test_bundled_and_user_loaded_facts_get_the_same_derivations(tmp_path: Path) -> None:
    """Guiyang's bundled GDP levels, copied into a user file (as Guizhou's), derive the same."""
    articles = articles_registry()
    text = SOURCE + "".join(
        row(
            id=f'"{fact.id}.copy"',
            metric='"gdp"',
            subject='"guizhou"',
            period=f'"{fact.period}"',
            value=f'"{fact.value}"',
            scale='"billion"',
            unit='"yuan"',
            modality=f'"{fact.modality.value}"',
            quote=f'"{fact.citations[0].quote}"'.replace("’", "'"),
        )
        for fact in articles.facts(metric="gdp", subject="guiyang", derived=False)
    )
    bundled_growth = {
        str(f.period): (f.value, f.bound) for f in articles.facts(metric="gdp_nominal_growth")
    }
    user = gb.load_registry(*article_files(), write(tmp_path, "levels.toml", text), bundled=False)
    copied = {
        str(f.period): (f.value, f.bound)
        for f in user.facts(metric="gdp_nominal_growth", subject="guizhou")
    }
    assert copied == bundled_growth
    assert len(copied) == 2


# Doubt -----------------------------------------------------------------------


def test_a_derived_fact_carries_its_inputs_flags_and_names_them() -> None:
    gdp = gb.fact("guian_new_area.gdp.2020.derived")
    assert gdp.quality == frozenset({gb.Quality.AMBIGUOUS})
    assert gdp.note is not None
    for source in gdp.derived_from:
        assert source in gdp.note
    assert "ambiguous from" in gdp.note


def test_an_implausible_input_makes_an_implausible_derived_fact(tmp_path: Path) -> None:
    flagged = gdp_2016(
        "316", "Gyuan", quality='["implausible"]', note='"Too high for one year, say."'
    )
    growth = growth_2016(load(tmp_path, flagged))
    assert gb.Quality.IMPLAUSIBLE in growth.quality
    assert growth.note is not None
    assert "implausible from guiyang.gdp.2016.mine" in growth.note
    assert gb.Quality.AMBIGUOUS not in growth.quality


# Certainty -------------------------------------------------------------------


def test_the_derived_modality_is_the_least_certain_input(tmp_path: Path) -> None:
    estimated = gdp_2016("316", "Gyuan", modality='"estimate"')
    assert growth_2016(load(tmp_path, estimated)).modality is gb.Modality.ESTIMATE
    (tmp_path / "t").mkdir()
    # One input actual, the other a target: the implied GDP is a target.
    registry = load(tmp_path / "t", share_facts("25", "percent", modality="target"))
    assert implied_gdp(registry).modality is gb.Modality.TARGET


def test_a_rate_from_one_quotes_two_renderings_is_actual() -> None:
    """The production value is a target; the rate is the article's own conversion."""
    rate = gb.fact("guizhou_cloud.implied_exchange_rate.2022.derived")
    assert {gb.fact(i).modality for i in rate.derived_from} == {gb.Modality.TARGET}
    assert rate.modality is gb.Modality.ACTUAL


# Precision -------------------------------------------------------------------


def test_a_derived_value_has_no_more_significant_figures_than_its_inputs() -> None:
    """164.9 billion yuan / 38 percent: "38" has two significant figures, so 430 billion."""
    gdp = gb.fact("guian_new_area.gdp.2020.derived")
    assert (gdp.value, gdp.scale, gdp.bound) == (Decimal("430"), gb.Scale.BILLION, gb.Bound.ABOUT)
    assert gdp.figure == "about 430 billion yuan"
    assert gdp.interval.contains(gb.Q_(164.9e9 / 0.38, "yuan"))  # the unrounded quotient
    for fact in gb.facts(derived=True):
        inputs = [gb.fact(i).value for i in fact.derived_from]
        figures = min(len(str(v).replace(".", "").lstrip("0")) for v in inputs if v is not None)
        assert fact.value is not None
        assert len(fact.value.normalize().as_tuple().digits) <= figures, fact.id


def test_an_exact_quotient_of_exact_inputs_stays_exact(tmp_path: Path) -> None:
    gdp = implied_gdp(load(tmp_path, share_facts("25", "percent")))
    assert gdp.bound is gb.Bound.EXACT
    assert gdp.quantity is not None
    assert gdp.quantity.magnitude == 400e9


# Bounds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bound", "derived_bound", "value"),
    [
        # "25 percent" stands for 24.5 to 25.5: more than 100 billion at 25.5 percent
        # is more than 392 billion, so "more than 390", not 400; at most 100 billion
        # at 24.5 percent is at most 408 billion, so "less than 410".
        ("more_than", gb.Bound.MORE_THAN, Decimal("390")),
        ("at_least", gb.Bound.MORE_THAN, Decimal("390")),
        ("at_most", gb.Bound.LESS_THAN, Decimal("410")),
        ("less_than", gb.Bound.LESS_THAN, Decimal("410")),
        ("about", gb.Bound.ABOUT, Decimal("400")),
        ("nearly", gb.Bound.ABOUT, Decimal("400")),
    ],
)
def test_a_bounded_input_gives_a_bounded_result(
    tmp_path: Path, bound: str, derived_bound: gb.Bound, value: Decimal
) -> None:
    """Interval arithmetic: more than 100 billion at 25 percent is more than 400 billion."""
    registry = load(tmp_path, share_facts("25", "percent", bound=bound))
    gdp = implied_gdp(registry)
    assert (gdp.value, gdp.scale, gdp.bound) == (value, gb.Scale.BILLION, derived_bound)
    level = registry.fact("guiyang.digital_economy_output.2016.mine").interval
    # What the level allows, divided by the share, lies in the result: its closed
    # ends, and values just inside its open ones.
    ends = (
        (level.lower, level.lower_closed, 1 + 1e-9),
        (level.upper, level.upper_closed, 1 - 1e-9),
    )
    for end, closed, inside in ends:
        if end is not None:
            quotient = (end / gb.Q_(25, "percent")).to("yuan")
            assert gdp.interval.contains(quotient if closed else quotient * inside)
    assert gdp.interval.lower is not None  # the level is never negative: [0, ...) at worst
    assert gdp.interval.upper is not None or level.upper is None
    assert_stated_figure_holds(gdp)


def test_a_one_sided_bound_rounds_outwards(tmp_path: Path) -> None:
    """More than 100 billion at 0.3 (0.25 to 0.35) is more than 286 billion: "more than 200"."""
    gdp = implied_gdp(load(tmp_path, share_facts("0.3", "dimensionless", bound="more_than")))
    assert gdp.bound is gb.Bound.MORE_THAN
    assert gdp.value is not None
    assert gdp.value * gb.Scale.BILLION.factor <= Decimal("100e9") / Decimal("0.35")
    assert gdp.value == 200
    assert_stated_figure_holds(gdp)


def amounts_in_two_currencies(yuan_bound: str, usd_bound: str = "exact") -> str:
    """2.1 billion yuan and 330 million USD in one quote, each with its own bound word."""
    quote = '"The company expects output of 2.1 billion yuan ($330 million) in 2023."'
    common = {"subject": '"guizhou_cloud"', "period": '"2023"', "quote": quote}
    return row(
        id='"guizhou_cloud.production_value.2023.mine"',
        metric='"production_value"',
        value='"2.1"',
        scale='"billion"',
        unit='"yuan"',
        bound=f'"{yuan_bound}"',
        **common,
    ) + row(
        id='"guizhou_cloud.production_value_usd.2023.mine"',
        metric='"production_value_usd"',
        value='"330"',
        scale='"million"',
        unit='"USD"',
        bound=f'"{usd_bound}"',
        **common,
    )


def implied_rates(registry: gb.Registry) -> tuple[gb.Fact, ...]:
    return registry.facts(metric="implied_exchange_rate", subject="guizhou_cloud", year=2023)


def test_a_derived_value_lies_in_its_own_interval(tmp_path: Path) -> None:
    """Nearly 2.1 billion yuan / 330 million USD allows [6.2027, 6.3733): not "about 6.4"."""
    (rate,) = implied_rates(load(tmp_path, amounts_in_two_currencies("nearly")))
    assert rate.interval.upper is not None
    assert rate.interval.upper.magnitude == pytest.approx(2.1e9 / 329.5e6)
    assert rate.interval.contains(rate.quantity), (rate.figure, str(rate.interval))
    assert rate.figure == "about 6.3 yuan / USD"


def test_a_rate_from_two_lower_bounds_says_nothing_and_is_not_derived(tmp_path: Path) -> None:
    """More than 2.1 billion yuan over more than 330 million USD is any rate above 0."""
    assert implied_rates(load(tmp_path, amounts_in_two_currencies("more_than", "more_than"))) == ()


def test_an_amount_is_never_negative_so_less_than_bounds_a_rate_above(tmp_path: Path) -> None:
    """Less than 2.1 billion yuan over 330 million USD: a rate in [0, 6.37), "less than 6.4"."""
    (rate,) = implied_rates(load(tmp_path, amounts_in_two_currencies("less_than")))
    interval = rate.interval
    assert interval.lower is not None, str(interval)  # not -inf: an amount is not negative
    assert (interval.lower.magnitude, interval.lower_closed) == (0, True)
    assert interval.upper is not None
    assert interval.upper.magnitude == pytest.approx(2.1e9 / 329.5e6)
    assert rate.bound is gb.Bound.LESS_THAN
    assert rate.figure == "less than 6.4 yuan / USD"


def gdp_level(period: str, value: str) -> str:
    return row(
        id=f'"guizhou.gdp.{period}.mine"',
        metric='"gdp"',
        subject='"guizhou"',
        period=f'"{period}"',
        value=f'"{value}"',
        scale='"billion"',
        unit='"yuan"',
        quote=f'"The GDP reached {value} billion yuan by {period}."',
    )


def test_nominal_growth_pairs_annual_levels_only(tmp_path: Path) -> None:
    """A half-year GDP is not the year's level: no -42 % growth, and 2014's own growth stays."""
    levels = gdp_level("2013", "208.542") + gdp_level("2014-06", "120.1")
    registry = load(tmp_path, levels + gdp_level("2014", "249.727"))
    (growth,) = registry.facts(metric="gdp_nominal_growth", subject="guizhou")
    assert str(growth.period) == "2014"
    assert growth.derived_from == ("guizhou.gdp.2013.mine", "guizhou.gdp.2014.mine")
    assert growth.value == Decimal("19.749")


# Property: every derived figure holds for what its inputs allow ------------------

METRICS = {metric.id: metric for metric in gb.default_registry().metrics()}
# (the two inputs, and what the derivation computes from two magnitudes in their units)
DERIVATIONS: dict[str, tuple[str, str, str, Callable[[float, float], float]]] = {
    "implied_exchange_rate": (
        "guizhou_cloud.production_value.2022.techcentre",
        "guizhou_cloud.production_value_usd.2022.techcentre",
        "yuan / USD",
        lambda yuan, usd: yuan / usd,
    ),
    "gdp": (
        "guian_new_area.digital_economy_output.2020.techcentre",
        "guian_new_area.digital_economy_share_of_gdp.2020.techcentre",
        "yuan",
        lambda level, share: level / (share / 100),
    ),
    "gdp_nominal_growth": (
        "guiyang.gdp.2013.beltandroad",
        "guiyang.gdp.2014.beltandroad",
        "percent",
        lambda previous, current: (current / previous - 1) * 100,
    ),
}
figures = st.builds(
    lambda digits, exponent: Decimal(digits).scaleb(exponent),
    st.integers(0, 9999),
    st.integers(-3, 2),
)
inputs = st.tuples(
    figures, st.sampled_from(gb.Bound), st.sampled_from([None, gb.Scale.MILLION]), st.floats(0, 1)
)


def inside(fact: gb.Fact, share: float) -> float:
    """A value the fact allows, amounts being never negative: ``share`` of the way in."""
    assert fact.magnitude is not None
    interval = fact.interval
    low = 0.0 if interval.lower is None else max(0.0, float(interval.lower.magnitude))
    if interval.upper is None:
        return low * (1 + share) + share
    high = float(interval.upper.magnitude)
    return low + (0.01 + 0.98 * share) * (high - low)


@given(st.sampled_from(sorted(DERIVATIONS)), inputs, inputs)
@settings(max_examples=400, deadline=None)
def test_a_derived_figure_holds_for_every_value_its_inputs_allow(
    metric: str,
    first: tuple[Decimal, gb.Bound, gb.Scale | None, float],
    second: tuple[Decimal, gb.Bound, gb.Scale | None, float],
) -> None:
    """Random values and bound words: the stated figure agrees with its own interval.

    Each derived fact's interval holds the result of values its inputs allow, its
    figure holds for its interval (:func:`assert_stated_figure_holds`), and it says
    something: no lower end of 0 (or -100 percent for growth), no figure without
    an end.
    """
    first_id, second_id, unit, compute = DERIVATIONS[metric]
    facts: Sequence[gb.Fact] = [
        attrs.evolve(gb.fact(fact_id), value=value, bound=bound, scale=scale)
        for fact_id, (value, bound, scale, _) in ((first_id, first), (second_id, second))
    ]
    derived = [fact for fact in derive_facts(facts, METRICS) if fact.metric == metric]
    for fact in derived:
        assert_stated_figure_holds(fact)
        interval = fact.interval
        floor = -100.0 if metric == "gdp_nominal_growth" else 0.0
        assert fact.magnitude is not None
        if fact.bound in (gb.Bound.MORE_THAN, gb.Bound.AT_LEAST):
            assert fact.magnitude > floor, fact.figure
        assert interval.lower is not None, fact.figure
        if fact.bound is not gb.Bound.EXACT:
            assert fact.derived_interval is not None
            a, b = (
                inside(f, share) for f, (_, _, _, share) in zip(facts, (first, second), strict=True)
            )
            if metric == "gdp_nominal_growth" and a == 0:
                continue
            result = gb.Q_(compute(a, b), unit).to(fact.unit)
            # A value the inputs allow gives a result within the interval.
            assert interval.contains(result), (fact.figure, str(interval), a, b)
