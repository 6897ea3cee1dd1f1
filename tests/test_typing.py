"""The public API's types, checked the way a user's code is: ``mypy --strict`` on a script."""

from __future__ import annotations

import re
from typing import get_args

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.core.vocabulary import BoundName, ModalityName, QualityName, RankName

GOOD = """
from typing import assert_type

import pint

import guizhou_bigdata as gb
from guizhou_bigdata.core.display import FactTuple

total: pint.Quantity[float] = gb.metrics.gdp(2014).quantity + gb.metrics.gdp(2015).quantity
in_yi = total.to("亿 yuan")
share = gb.fact("guiyang.gdp.2013.beltandroad").quantity / total
estimates = gb.facts(modality="estimate", rank=gb.Rank.NORMAL, quality="implausible")
bibtex: str = gb.cite(estimates[0], "bibtex")
print(in_yi, share, gb.bibliography("csl-json"), [f.quantity for f in estimates if f.has_value])
assert_type(estimates[0], gb.Fact)
assert_type(estimates[1:], FactTuple)  # a slice is still a table in a notebook
"""

SERIES = """
import datetime
from typing import assert_type

from matplotlib.axes import Axes

import guizhou_bigdata as gb

hits = gb.search("贵阳 GDP")
ids: list[str] = [hit.id for hit in hits]
series = gb.metrics.gdp.series("guiyang", as_of=datetime.date(2020, 1, 1))
assert_type(series, gb.Series)
as_facts: tuple[gb.Fact, ...] = series  # a series is a tuple of its facts
by_year: dict[int, gb.Fact] = {fact.period.year: fact for fact in series}
years: tuple[int, ...] = series.years
first: gb.Fact = series[0]
figures = [fact.figure for fact in series]
ax: Axes = series.plot()
ax = gb.metrics.gdp.plot(subject="guiyang", ax=ax)
ax = gb.plot(["gdp"], ["guiyang", "guian_new_area"], as_of="2023-01-01")
frame = gb.table(metrics=["gdp", "gdp_real_growth"], subjects="guiyang", years=range(2013, 2019))
grid = gb.coverage().to_pandas()
known = gb.facts(metric=["gdp", "gdp_real_growth"], year=range(2015, 2020), as_of="2020-01-01")
print(ids, as_facts, by_year, years, first, figures, frame.shape, grid.shape, len(known))
"""

BAD = """
import guizhou_bigdata as gb

fact = gb.metrics.gdp(2014)
gb.cite(fact, "bibtek")
gb.facts(modality="estimat")
number: float = fact.value
gb.export("facts.xlsx", "excel")
"""


@pytest.fixture(scope="module")
def mypy_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """mypy --strict on the two scripts in one run, its error lines by script name."""
    api = pytest.importorskip("mypy.api", reason="the test extra (mypy) is not installed")
    folder = tmp_path_factory.mktemp("typing")
    (folder / "good.py").write_text(GOOD, encoding="utf-8")
    (folder / "bad.py").write_text(BAD, encoding="utf-8")
    (folder / "series.py").write_text(SERIES, encoding="utf-8")
    config = folder / "mypy.ini"
    config.write_text("[mypy]\n", encoding="utf-8")
    stdout, stderr, _ = api.run(
        [
            *("--strict", "--config-file", str(config)),
            *("--cache-dir", str(folder / "cache"), "--no-error-summary"),
            *(str(folder / "good.py"), str(folder / "bad.py"), str(folder / "series.py")),
        ]
    )
    assert not stderr, stderr
    found: dict[str, list[str]] = {"good.py": [], "bad.py": [], "series.py": []}
    for line in stdout.splitlines():
        match = re.match(r".*[/\\](good|bad|series)\.py:\d+: error: (.*)", line)
        assert match is not None or ": note: " in line, stdout
        if match is not None:
            found[f"{match.group(1)}.py"].append(match.group(2))
    return found


def test_adding_two_quantities_needs_no_assert(mypy_output: dict[str, list[str]]) -> None:
    assert mypy_output["good.py"] == []


def test_a_user_script_searching_building_a_series_and_plotting_it_type_checks(
    mypy_output: dict[str, list[str]],
) -> None:
    assert mypy_output["series.py"] == []


def test_a_misspelt_format_or_filter_value_fails_type_checking(
    mypy_output: dict[str, list[str]],
) -> None:
    errors = mypy_output["bad.py"]
    assert len(errors) == 4, errors
    bibtek, estimat, value, excel = errors
    assert 'Argument 2 to "cite" has incompatible type "Literal[\'bibtek\']"' in bibtek
    assert "Literal['text', 'bibtex', 'csl-json']" in bibtek
    assert "\"Literal['estimat']\"" in estimat
    assert '"Decimal | None"' in value  # Fact.value stays optional
    assert 'Argument 2 to "export" has incompatible type "Literal[\'excel\']"' in excel


def test_literal_filter_values_are_the_enum_values() -> None:
    assert get_args(BoundName) == tuple(member.value for member in gb.Bound)
    assert get_args(ModalityName) == tuple(member.value for member in gb.Modality)
    assert get_args(RankName) == tuple(member.value for member in gb.Rank)
    assert get_args(QualityName) == tuple(member.value for member in gb.Quality)
