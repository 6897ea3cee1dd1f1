"""Derived facts keep the guarantees of stated ones: units, doubt, certainty, precision, bounds.

Most tests load a user file on top of the bundled data, written in other units of
the same dimension (``Gyuan``, ``dimensionless`` shares), as a new user would.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import guizhou_bigdata as gb

from .helpers import write

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
    return gb.load_registry(write(tmp_path, "mine.toml", SOURCE + text), bundled=bundled)


def growth_2016(registry: gb.Registry) -> gb.Fact:
    (found,) = registry.facts(metric="gdp_nominal_growth", subject="guiyang", year=2016)
    return found


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
        for fact in gb.facts(metric="gdp", subject="guiyang", derived=False)
    )
    bundled_growth = {
        str(f.period): (f.value, f.bound) for f in gb.facts(metric="gdp_nominal_growth")
    }
    user = gb.load_registry(write(tmp_path, "levels.toml", text))
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
        ("more_than", gb.Bound.MORE_THAN, Decimal("400")),
        ("at_least", gb.Bound.AT_LEAST, Decimal("400")),
        ("at_most", gb.Bound.AT_MOST, Decimal("400")),
        ("less_than", gb.Bound.LESS_THAN, Decimal("400")),
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
    assert gdp.interval.lower is not None or level.lower is None
    assert gdp.interval.upper is not None or level.upper is None


def test_a_one_sided_bound_rounds_outwards(tmp_path: Path) -> None:
    """More than 100 billion / 0.3 (one figure) is more than 333 billion: "more than 300"."""
    gdp = implied_gdp(load(tmp_path, share_facts("0.3", "dimensionless", bound="more_than")))
    assert gdp.bound is gb.Bound.MORE_THAN
    assert gdp.value is not None
    assert gdp.value * gb.Scale.BILLION.factor <= Decimal("100e9") / Decimal("0.3")
