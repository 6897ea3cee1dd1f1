"""The unit registry: separate money dimensions, countable things, and the unit grammar."""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pint
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import guizhou_bigdata as gb
from guizhou_bigdata.core.units import (
    check_unit_syntax,
    definitions,
    get_registry,
    new_registry,
    parse_unit,
)


def test_yuan_and_usd_do_not_add() -> None:
    with pytest.raises(pint.DimensionalityError):
        gb.Q_(1, "yuan") + gb.Q_(1, "USD")


@pytest.mark.parametrize("other", ["HKD", "TWD", "EUR", "JPY", "GBP", "KRW"])
def test_every_currency_is_a_dimension_of_its_own(other: str) -> None:
    for currency in ("yuan", "USD"):
        with pytest.raises(pint.DimensionalityError):
            gb.Q_(1, currency) + gb.Q_(1, other)
    assert gb.Q_(1.2, other) + gb.Q_(0.3, other) == gb.Q_(1.5, other)


def test_degrees_celsius_compare_and_convert_but_never_sum() -> None:
    assert gb.Q_(25, "degC").to("kelvin").magnitude == pytest.approx(298.15)
    assert gb.Q_(25, "degC") > gb.Q_(20, "degC")
    with pytest.raises(pint.OffsetUnitCalculusError):
        gb.Q_(25, "degC") + gb.Q_(25, "degC")
    assert str(parse_unit("degC / day")) == "delta_degree_Celsius / day"


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


def _definition_fields(registry: pint.UnitRegistry[float]) -> dict[str, dict[str, object]]:
    """What a registry knows of each prefix, unit and dimension, as comparable fields."""
    tables: dict[str, Mapping[str, Any]] = {
        "prefixes": registry._prefixes,
        "units": registry._units,
        "dimensions": registry._dimensions,
    }
    return {
        table: {
            key: (
                definition.name,
                getattr(definition, "symbol", None),
                tuple(getattr(definition, "aliases", ())),
                repr(getattr(definition, "converter", None)),
                repr(getattr(definition, "reference", None)),
                getattr(definition, "is_base", None),
            )
            for key, definition in by_name.items()
        }
        for table, by_name in tables.items()
    }


def test_the_registry_holds_what_pints_file_reader_reads() -> None:
    """Read line by line (fast), units.txt defines exactly what Pint's file reader makes."""
    text = (Path(gb.__file__).parent / "data" / "units.txt").read_text(encoding="utf-8")
    reference: pint.UnitRegistry[float] = pint.UnitRegistry(
        None, autoconvert_offset_to_baseunit=False, cache_folder=None
    )
    reference.load_definitions(text.splitlines())
    ours = new_registry()  # get_registry()'s has more: Pint adds prefixed units it parsed
    assert _definition_fields(ours) == _definition_fields(reference)
    assert ours._units_casei == reference._units_casei
    assert ours.get_group("root").members == reference.get_group("root").members
    for name in ("yuan", "km", "万", "percent", "percentage_point", "enterprise"):
        assert ours.Quantity(3, name).to_base_units().magnitude == pytest.approx(
            reference.Quantity(3, name).to_base_units().magnitude
        )


def test_definitions_read_comments_prefixes_and_aliases_as_pint_does() -> None:
    found = definitions(
        "# a comment\n\nwidget- = 1e3 = w- # an inline comment\nbolt = [bolt] = bt\n"
        "@alias bolt = fastener\n"
    )
    assert [type(d).__name__ for d in found] == [
        "PrefixDefinition",
        "UnitDefinition",
        "AliasDefinition",
    ]
    assert (found[0].name, found[0].symbol) == ("widget", "w")
    assert (found[1].name, found[1].symbol, found[1].is_base) == ("bolt", "bt", True)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("@group things\n    bolt\n@end", r"units\.txt line 1 \('@group things'\): blocks are not"),
        ("bolt = [bolt]\nnut", r"units\.txt line 2 \('nut'\) is not a Pint definition"),
        ("deca- = ten", r"line 1 .* is not a Pint definition: .*only numbers"),
    ],
)
def test_a_definition_line_outside_the_syntax_is_refused_with_its_line(
    line: str, message: str
) -> None:
    with pytest.raises(gb.UnitError, match=message):
        definitions(line)


@pytest.mark.parametrize("enabled", [True, False])
def test_building_the_registry_pauses_the_cyclic_collector_and_restores_it(
    monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    import gc

    from guizhou_bigdata.core import units

    seen: list[bool] = []

    def build() -> pint.UnitRegistry[float]:
        seen.append(gc.isenabled())
        return new_registry()

    monkeypatch.setattr(units, "_registry", None)  # the package's own comes back after
    monkeypatch.setattr(units, "new_registry", build)
    (gc.enable if enabled else gc.disable)()
    try:
        assert units.get_registry().Quantity(1, "yuan").units == "yuan"
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert seen == [False]


# Reading expressions without Pint's tokenizer ---------------------------------------


def _same_helper(ours: Any, pints: Any) -> bool:
    """Equal scale and exponents, and of the same Python types (int stays int)."""
    return (
        type(ours) is type(pints)
        and (ours.scale == pints.scale or (math.isnan(ours.scale) and math.isnan(pints.scale)))
        and type(ours.scale) is type(pints.scale)
        and dict(ours.items()) == dict(pints.items())
        and [type(v) for v in ours.values()] == [type(v) for v in pints.values()]
    )


def _pints(text: str) -> Any:
    from pint.util import ParserHelper

    ParserHelper.from_string.cache_clear()
    try:
        return ParserHelper.from_string(text, float)
    except Exception as exc:  # noqa: BLE001 - compared with what scaled raises
        return type(exc)


def _ours(text: str) -> Any:
    from guizhou_bigdata.core.units import scaled

    try:
        return scaled(text)
    except Exception as exc:  # noqa: BLE001 - compared with what Pint raises
        return type(exc)


def _agree(text: str) -> bool:
    ours, pints = _ours(text), _pints(text)
    if isinstance(pints, type) or isinstance(ours, type):
        return bool(ours == pints)
    return _same_helper(ours, pints)


@pytest.mark.parametrize(
    "text",
    [
        "1e3", " 1e3 ", "60 * second", "year / 12", "[length]", "1e4 * yuan", "0.01",
        "365.25 * day", "bit / second", "km**2", "yuan / USD", "a * b / c * d",
        "a / b ** 2 * c", "a**2/b**3", "10 / 4", "6 / 3", "1.", "1.e5", "3E+2", "1e-3 * m",
        "[a] / [b]", "x1 * y2 ** 3", "a ** 0",
        # Pint's to read: ours would differ, so they go to Pint
        "nan", "NaN * m", "a b", "2km", "1_000", "a ** 2.5", "(a * b)", "a per b",
        "a squared", "", "   ", "-1", "万元", "a / / b", "a *", "* a", "a ** 02", "00.5",
        "a\t* b", "[x] / 0 ** per", "2 ** 3",
    ],
)  # fmt: skip
def test_expressions_read_as_pint_reads_them(text: str) -> None:
    assert _agree(text)


_OPERANDS = st.sampled_from(
    ["a", "km", "[x]", "per", "squared", "sq", "2", "12", "0.5", "1e3", "1."]
)
_EXPRESSIONS = st.builds(
    lambda first, rest, space: space + first + "".join(op + term for op, term in rest) + space,
    _OPERANDS,
    st.lists(
        st.tuples(
            st.sampled_from([" * ", " / ", "*", "/", "  *  ", " ", " ** "]),
            st.one_of(_OPERANDS.filter(lambda t: not t[0].isdigit()), st.sampled_from(["2", "3"])),
        ),
        max_size=4,
    ),
    st.sampled_from(["", " "]),
)


@given(_EXPRESSIONS)
@settings(deadline=None)
def test_any_simple_expression_reads_as_pint_reads_it(text: str) -> None:
    assert _agree(text)


def test_every_definition_and_data_unit_is_read_without_the_tokenizer() -> None:
    """The unit registry and the data's units: Pint's values, and no tokenizer compiled."""
    import tokenize

    from guizhou_bigdata.core import units

    text = (Path(gb.__file__).parent / "data" / "units.txt").read_text(encoding="utf-8")
    values = [
        line.partition("#")[0].split("=")[1]
        for line in text.splitlines()
        if "=" in line.partition("#")[0]
    ]
    assert values
    assert all(_agree(value) for value in values)
    registry = new_registry()
    for unit in sorted({fact.unit for fact in gb.facts()} | {"km**2", "yuan / USD"}):
        assert units._parse_units(registry, unit) == registry.parse_units(unit), unit
    compiled: Any = vars(tokenize)["_compile"]  # the tokenizer's cached regular expression
    compiled.cache_clear()
    units._parse_units(new_registry(), "yuan / USD")
    assert compiled.cache_info().currsize == 0
