"""Scale words people write with, a data-file unit grammar that refuses them, and pint-pandas."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pint
import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.core.units import SCALE_WORDS, check_unit_syntax, parse_unit

from .helpers import METRIC, PLACE, SOURCE, fact, write

FACTORS = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "万": 1e4,
    "亿": 1e8,
    "万亿": 1e12,
}


def test_the_library_reads_back_its_own_figures() -> None:
    for fact_ in gb.facts(derived=False):
        if fact_.has_value and fact_.scale is not None:
            written = f"{fact_.value} {fact_.scale.value} {fact_.unit}"
            read = gb.Q_(written).to(fact_.unit)
            assert read.units == fact_.quantity.units, written
            assert read.magnitude == pytest.approx(fact_.quantity.magnitude), written
    assert gb.Q_("208.542 billion yuan") == gb.metrics.gdp(2013).quantity


@pytest.mark.parametrize("word", SCALE_WORDS)
def test_each_scale_word_is_a_pure_number(word: str) -> None:
    assert set(FACTORS) == set(SCALE_WORDS)
    quantity = gb.Q_(f"2 {word} yuan")
    assert quantity.to("yuan").magnitude == pytest.approx(2 * FACTORS[word])
    assert gb.Q_(1, word).dimensionless
    assert gb.Q_(1, word).to("").magnitude == pytest.approx(FACTORS[word])


def test_the_model_scale_words_mean_what_the_registry_says() -> None:
    for scale in gb.Scale:
        assert scale.value in SCALE_WORDS
        assert gb.Q_(1, scale.value).to("").magnitude == float(scale.factor)


def test_chinese_scale_words_convert() -> None:
    gdp = gb.metrics.gdp(2013).quantity
    assert gdp.to("亿 yuan").magnitude == pytest.approx(2085.42)
    assert gb.Q_(3, "万 * enterprise").to("enterprise").magnitude == pytest.approx(30000)
    assert gb.Q_("3万 enterprise") == gb.Q_(30000, "enterprise")
    assert gb.Q_("1 亿 yuan") == gb.Q_("100 million yuan")
    assert gb.Q_("1 trillion yuan").to("亿 yuan").magnitude == pytest.approx(10000)


def test_scale_words_do_not_hide_dimensions() -> None:
    with pytest.raises(pint.DimensionalityError):
        gb.Q_("2 billion yuan") + gb.Q_("1 万 enterprise")


@pytest.mark.parametrize(
    "unit",
    ["billion * yuan", "yuan * billion", "thousand * enterprise", "yuan / million", "Trillion"],
)
def test_the_data_file_grammar_refuses_scale_words(unit: str) -> None:
    with pytest.raises(gb.UnitError, match=r"is a scale word, not a unit; give it as the fact"):
        check_unit_syntax(unit)
    with pytest.raises(gb.UnitError, match="scale word"):
        parse_unit(unit)


@pytest.mark.parametrize("unit", ["万 * enterprise", "亿 yuan"])
def test_the_data_file_grammar_refuses_chinese_scale_words(unit: str) -> None:
    with pytest.raises(gb.UnitError, match="is not allowed: expected unit names"):
        check_unit_syntax(unit)


def test_a_data_file_cannot_write_billion_yuan(tmp_path: Path) -> None:
    text = SOURCE + PLACE + METRIC.replace('"enterprise"', '"yuan"')
    text += fact(value='"5"', unit='"billion * yuan"', quote='"It had more than 5 billion yuan."')
    path = write(tmp_path, "facts.toml", text)
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry(path, bundled=False)
    (problem,) = caught.value.problems
    assert problem.location == "fact[0] (id 'testville.widgets.2019') unit"
    assert "'billion' is a scale word, not a unit; give it as the fact's scale" in problem.message
    accepted = text.replace('unit = "billion * yuan"', 'unit = "yuan"\nscale = "billion"')
    loaded = gb.load_registry(write(tmp_path, "facts.toml", accepted), bundled=False)
    assert loaded.fact("testville.widgets.2019").quantity == gb.Q_("5 billion yuan")
    assert loaded.fact("testville.widgets.2019").magnitude == Decimal(5) * 10**9


def test_a_metric_cannot_be_in_scale_words(tmp_path: Path) -> None:
    text = SOURCE + PLACE + METRIC.replace('"enterprise"', '"million * enterprise"') + fact()
    with pytest.raises(gb.RegistryError, match="'million' is a scale word"):
        gb.load_registry(write(tmp_path, "facts.toml", text), bundled=False)


@pytest.mark.usefixtures("the_five_articles_as_default")  # the articles' own figures
def test_to_frame_columns_as_pint_arrays() -> None:
    """The recipe of docs/exports.md: one unit per column, as pint-pandas arrays."""
    pint_pandas = pytest.importorskip("pint_pandas")
    pint_pandas.PintType.ureg = gb.ureg
    frame = gb.to_frame(metric="gdp", subject="guiyang", derived=False)
    (unit,) = frame["unit"].unique()
    gdp = frame["value"].astype(pint_pandas.PintType(unit))  # or astype(f"pint[{unit}]")
    assert isinstance(gdp.array, pint_pandas.PintArray)
    in_yi = gdp.pint.to("亿 yuan")
    assert list(in_yi.pint.magnitude) == pytest.approx([2085.42, 2497.27, 2891.16, 3891.0])
    total = gdp.pint.quantity.sum()  # the column as one Quantity array
    assert total.units == gb.ureg.yuan
    assert total.magnitude == pytest.approx(gb.Q_("1136.485 billion yuan").to("yuan").magnitude)
    columns = {
        unit: group["value"].astype(pint_pandas.PintType(unit))
        for unit, group in gb.to_frame(derived=False).groupby("unit")
    }
    assert columns["percent"].pint.units == gb.ureg.percent
    with pytest.raises(pint.DimensionalityError):
        columns["yuan"].pint.to("enterprise")
