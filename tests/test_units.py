"""The unit registry: separate money dimensions, countable things, and the unit grammar."""

from __future__ import annotations

import pint
import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.core.units import check_unit_syntax, get_registry, parse_unit


def test_yuan_and_usd_do_not_add() -> None:
    with pytest.raises(pint.DimensionalityError):
        gb.Q_(1, "yuan") + gb.Q_(1, "USD")


def test_rmb_and_cny_are_yuan() -> None:
    assert gb.Q_(5, "RMB") == gb.Q_(5, "CNY") == gb.Q_(5, "yuan")


def test_countable_things_have_their_own_dimensions() -> None:
    with pytest.raises(pint.DimensionalityError):
        gb.Q_(3, "server") + gb.Q_(2, "enterprise")
    assert gb.Q_(3, "server") + gb.Q_(2, "server") == gb.Q_(5, "server")


def test_percent_and_percentage_points_differ() -> None:
    assert gb.Q_(24.6, "percent").to("dimensionless").magnitude == pytest.approx(0.246)
    with pytest.raises(pint.DimensionalityError):
        gb.Q_(1, "percent") + gb.Q_(1, "percentage_point")


def test_physical_and_data_units() -> None:
    assert gb.Q_(150, "PB").to("B").magnitude == pytest.approx(1.5e17)
    assert gb.Q_(60, "km**2").to("m**2").magnitude == pytest.approx(6e7)


@pytest.mark.parametrize(
    "text",
    [
        "yuan**10**10**10",
        "yuan**10",
        "__import__('os')",
        "yuan + USD",
        "2 * yuan",
        "yuan (1)",
        "",
        "a" * 65,
    ],
)
def test_grammar_refuses_at_once(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The grammar refuses before Pint parses anything (Pint would evaluate a power tower)."""
    handed_to_pint: list[str] = []
    monkeypatch.setattr(get_registry(), "parse_units", handed_to_pint.append)
    with pytest.raises(gb.UnitError, match="not allowed"):
        parse_unit(text)
    assert handed_to_pint == []


@pytest.mark.parametrize("text", ["yuan", "km**2", "yuan / USD", "yuan/USD", "PB", "percent"])
def test_grammar_accepts_simple_units(text: str) -> None:
    assert check_unit_syntax(text) == text
    parse_unit(text)


def test_undefined_unit_is_named() -> None:
    with pytest.raises(gb.UnitError, match="'widget'"):
        parse_unit("widget")


def test_sharing_the_registry_as_pint_application_registry() -> None:
    previous = pint.get_application_registry().get()  # type: ignore[no-untyped-call]
    try:
        pint.set_application_registry(gb.ureg)  # type: ignore[no-untyped-call]
        quantity = pint.Quantity(2, "enterprise")
        assert quantity + gb.Q_(3, "enterprise") == gb.Q_(5, "enterprise")
    finally:
        pint.set_application_registry(previous)  # type: ignore[no-untyped-call]
