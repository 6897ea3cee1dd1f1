"""Series, the wide table, coverage, charts and "as known then": find, see and compare."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

import guizhou_bigdata as gb

from .helpers import METRIC, PLACE, SOURCE, fact, write

pd = pytest.importorskip("pandas", reason="the pandas extra is not installed")


# These tests' expected series are the five archived articles' own figures: the default
# registry is theirs alone, without the public-source series (tests/test_series_coverage.py).
pytestmark = pytest.mark.usefixtures("the_five_articles_as_default")


GDP_IDS = [
    "guiyang.gdp.2013.beltandroad",
    "guiyang.gdp.2014.beltandroad",
    "guiyang.gdp.2015.beltandroad",
    "guiyang.gdp.2018.beltandroad",
]

# Two sources for the same year: the older says 5,000, the newer (2021) 6,000.
REVISED = (
    SOURCE
    + '\n[[source]]\nid = "newer-source"\ntitle = "A later article"\npublished = "2021"\n'
    + PLACE
    + METRIC
    + fact(id='"testville.widgets.2019.old"', bound='"exact"')
    + fact(
        id='"testville.widgets.2019.new"',
        value='"6000"',
        bound='"exact"',
        source='"newer-source"',
        quote='"Testville had 6,000 enterprises in 2019."',
    )
)


@pytest.fixture(scope="module")
def revised(tmp_path_factory: pytest.TempPathFactory) -> gb.Registry:
    folder = tmp_path_factory.mktemp("revised")
    return gb.load_registry(write(folder, "revised.toml", REVISED), bundled=False)


# Series ---------------------------------------------------------------------------


def test_a_series_is_typed_and_still_iterates_over_its_facts() -> None:
    series = gb.metrics.gdp.series()
    assert isinstance(series, gb.Series)
    assert series.metric is gb.default_registry().metric("gdp")
    assert series.subject == "guiyang"
    assert [f.id for f in series] == GDP_IDS
    assert len(series) == 4
    assert series[0].id == GDP_IDS[0]
    assert isinstance(series[1:], gb.FactTuple)
    assert series.years == (2013, 2014, 2015, 2018)
    assert repr(series) == "<Series 'gdp' of 'guiyang': 4 points, 2013 to 2018>"


def test_series_to_pandas_keeps_every_caveat() -> None:
    frame = gb.metrics.gdp.series().to_pandas()
    assert list(frame.index) == ["2013", "2014", "2015", "2018"]
    assert frame.index.name == "period"
    assert list(frame.columns) == [
        *("value", "unit", "bound", "modality", "derived", "flags", "reviewed"),
        *("source", "fact"),
    ]
    assert frame.loc["2013", "value"] == 208.542e9
    assert frame.loc["2018", "modality"] == "estimate"
    assert frame.loc["2018", "source"] == "beltandroad-2019-05-14"
    assert list(frame["fact"]) == GDP_IDS
    assert str(frame["value"].dtype) == "float64"
    nominal = gb.metrics.gdp_nominal_growth.series("guiyang").to_pandas()
    assert nominal["derived"].all()
    assert set(nominal["bound"]) == {"about"}


def test_series_html_names_the_metric_and_lists_the_points() -> None:
    html = gb.metrics.gdp.series()._repr_html_()
    assert html.startswith('<div class="guizhou-bigdata-series">')
    assert "Gross domestic product" in html
    assert all(fact_id in html for fact_id in GDP_IDS)


# Filters: lists, ranges, as_of -------------------------------------------------------


def test_facts_take_lists_of_metrics_and_subjects() -> None:
    both = gb.facts(metric=["gdp", "gdp_real_growth"])
    assert {f.metric for f in both} == {"gdp", "gdp_real_growth"}
    assert len(both) == len(gb.facts(metric="gdp")) + len(gb.facts(metric="gdp_real_growth"))
    places = gb.facts(metric="gdp", subject=("guiyang", "guian_new_area"))
    assert {f.subject for f in places} == {"guiyang", "guian_new_area"}
    with pytest.raises(gb.FactNotFoundError, match="gpd"):
        gb.facts(metric=["gdp", "gpd"])
    with pytest.raises(ValueError, match="name at least one metric"):
        gb.facts(metric=[])


def test_facts_take_a_range_of_years() -> None:
    span = gb.facts(metric="gdp", subject="guiyang", year=range(2014, 2016))
    assert [f.period.end.year for f in span] == [2014, 2015]
    with pytest.raises(ValueError, match=r"range\(2015, 2020\)"):
        gb.facts(year=range(2019, 2015))
    with pytest.raises(TypeError, match="integer such as 2018 or a range"):
        gb.facts(year=(2015, 2019))  # type: ignore[arg-type]


def test_as_of_keeps_what_was_published_by_then() -> None:
    everything = gb.facts()
    before = gb.facts(as_of="2019-06-01")  # only the May 2019 article was out
    assert before
    assert {c.source.id for f in before for c in f.citations} == {"beltandroad-2019-05-14"}
    assert len(before) < len(everything)
    assert gb.facts(as_of=dt.date(2030, 1, 1)) == everything
    assert gb.facts(as_of="2013-01-01") == ()


def test_a_source_dated_to_a_year_is_known_from_that_years_last_day() -> None:
    tech = [f for f in gb.facts(source="techcentre-2022") if len(f.citations) == 1]
    assert tech
    mid_year = gb.facts(as_of="2022-06-30")
    assert not set(tech) & set(mid_year)  # published "2022": not yet certainly out
    assert set(tech) <= set(gb.facts(as_of="2022-12-31"))


def test_a_derived_fact_is_known_once_its_inputs_are() -> None:
    registry = gb.default_registry()
    derived = registry.facts(derived=True)
    assert derived
    for one in derived:
        days = [registry.fact(i).citations[0].source.published.end for i in one.derived_from]
        assert registry.known(one, max(days))
        assert not registry.known(one, min(days) - dt.timedelta(days=1))


def test_as_of_ranks_among_the_facts_known_then(revised: gb.Registry) -> None:
    (now,) = revised.series("widgets")
    assert now.id == "testville.widgets.2019.new"  # the newest source wins today
    (then,) = revised.series("widgets", as_of="2020-12-31")
    assert then.id == "testville.widgets.2019.old"  # the 2021 article was not out yet
    assert revised.series("widgets", as_of="2020-01-01") == ()


def test_metric_series_as_of() -> None:
    series = gb.metrics.digital_economy_growth.series(as_of="2019-06-01")
    assert series.as_of == dt.date(2019, 6, 1)
    assert len(series) == 0
    assert "as known on 2019-06-01" in repr(series)


def test_as_of_must_be_a_day() -> None:
    with pytest.raises(ValueError, match="ISO date such as '2020-01-01'"):
        gb.facts(as_of="2020")
    with pytest.raises(TypeError, match=r"as_of is a datetime\.date"):
        gb.facts(as_of=2020)  # type: ignore[arg-type]


# The wide table and coverage ---------------------------------------------------------


def test_table_puts_series_side_by_side_with_their_caveats() -> None:
    frame = gb.table(["gdp", "gdp_real_growth"], "guiyang", range(2013, 2020))
    assert list(frame.index) == list(range(2013, 2020))
    assert frame.columns.names == ["metric", "subject", "field"]
    values = frame.xs("value", axis=1, level="field")
    assert values.loc[2014, ("gdp", "guiyang")] == 249.727e9
    assert values.loc[2013, ("gdp_real_growth", "guiyang")] == 16.0
    assert pd.isna(values.loc[2016, ("gdp", "guiyang")])  # a gap stays a gap
    assert frame.loc[2018, ("gdp", "guiyang", "modality")] == "estimate"
    assert frame.loc[2018, ("gdp", "guiyang", "fact")] == "guiyang.gdp.2018.beltandroad"
    assert frame.loc[2013, ("gdp", "guiyang", "source")] == "beltandroad-2019-05-14"


def test_table_years_default_to_those_with_figures() -> None:
    frame = gb.table("gdp", "guiyang")
    assert list(frame.index) == [2013, 2014, 2015, 2018]
    with pytest.raises(TypeError, match="list or range of years"):
        gb.table("gdp", years=2018)  # type: ignore[arg-type]


def test_coverage_shows_which_metric_has_which_years() -> None:
    found = gb.coverage(["gdp", "gdp_real_growth"])
    pairs = {(row.metric, row.subject): row.years for row in found.rows}
    assert pairs[("gdp", "guiyang")] == (2013, 2014, 2015, 2018)
    assert found.years[0] == 2013
    assert 2016 in found.years
    grid = found.to_pandas()
    assert bool(grid.loc[("gdp", "guiyang"), 2014]) is True
    assert bool(grid.loc[("gdp", "guiyang"), 2016]) is False
    assert repr(found).startswith("<Coverage: 3 metric and subject pairs, 2013 to ")
    html = found._repr_html_()
    assert html.startswith('<div class="guizhou-bigdata-coverage">')
    assert "●" in html
    assert "gdp (guiyang)" in str(found)
    assert gb.coverage("gdp", as_of="2019-01-01").rows == ()


# Charts ------------------------------------------------------------------------------


@pytest.fixture
def agg() -> None:
    matplotlib = pytest.importorskip("matplotlib", reason="the plot extra is not installed")
    matplotlib.use("Agg")


def _marks(ax: object, prefix: str) -> dict[str, object]:
    from matplotlib.axes import Axes

    assert isinstance(ax, Axes)
    found: dict[str, object] = {}
    for artist in [*ax.lines, *ax.texts, *ax.patches]:
        gid = artist.get_gid()
        if gid and gid.startswith(prefix):
            found[gid.removeprefix(prefix)] = artist
    return found


def test_a_series_plot_marks_estimates_gaps_and_sources(agg: None) -> None:
    from matplotlib.lines import Line2D

    ax = gb.metrics.gdp.plot()
    points = _marks(ax, "point:")
    assert sorted(points) == sorted(GDP_IDS)
    estimate = points["guiyang.gdp.2018.beltandroad"]
    actual = points["guiyang.gdp.2013.beltandroad"]
    assert isinstance(estimate, Line2D)
    assert isinstance(actual, Line2D)
    assert estimate.get_markerfacecolor() == "white"  # hollow
    assert actual.get_markerfacecolor() != "white"
    (line,) = _marks(ax, "line").values()  # 2013 to 2015 joined; 2018 after a gap, alone
    assert isinstance(line, Line2D)
    assert np.asarray(line.get_xydata()).shape == (3, 2)
    (caption,) = [text for text in ax.texts if text.get_gid() == "caption"]
    assert "Belt and Road Portal" in caption.get_text()
    assert ax.get_ylabel() == "billion yuan"
    ax.figure.canvas.draw()  # it renders


def test_a_one_sided_bound_gets_an_arrow_and_a_derived_value_a_square(agg: None) -> None:
    from matplotlib.lines import Line2D

    ax = gb.metrics.big_data_enterprises.plot()
    assert _marks(ax, "bound:")  # "more than 5,000": an arrow up
    nominal = gb.metrics.gdp_nominal_growth.series("guiyang").plot()
    squares = _marks(nominal, "point:").values()
    assert squares
    assert all(isinstance(p, Line2D) and p.get_marker() == "s" for p in squares)


def test_gb_plot_draws_several_subjects_and_refuses_mixed_units(agg: None) -> None:
    ax = gb.plot("gdp", ["guiyang", "guian_new_area"])
    assert "guian_new_area.gdp.2020.derived" in _marks(ax, "point:")
    legend = ax.get_legend()
    assert legend is not None
    assert "gdp, guian_new_area" in [t.get_text() for t in legend.get_texts()]
    with pytest.raises(ValueError, match="different units"):
        gb.plot(["gdp", "gdp_real_growth"], "guiyang")


# Displays ----------------------------------------------------------------------------


def test_the_audit_report_has_a_short_repr_and_a_table() -> None:
    report = gb.audit()
    text = repr(report)
    assert text.startswith(f"<AuditReport: {len(report.findings)} findings (")
    assert "\n" not in text
    html = report._repr_html_()
    assert html.startswith('<div class="guizhou-bigdata-audit">')
    assert report.findings[0].message.split("<")[0][:30] in html.replace("&#x27;", "'")


def test_entities_milestones_and_sources_display() -> None:
    centre = gb.data_centres()[0]
    assert repr(centre) == f"<DataCentre {centre.id!r}: {centre.name}>"
    assert centre._repr_html_().startswith('<div class="guizhou-bigdata-entity">')
    assert "quote" in centre._repr_html_()
    assert isinstance(gb.places(), gb.EntityTuple)
    assert gb.places()._repr_html_().startswith('<div class="guizhou-bigdata-entities">')
    assert isinstance(gb.places()[:2], gb.EntityTuple)
    timeline = gb.timeline()
    assert isinstance(timeline, gb.MilestoneTuple)
    assert f"{len(timeline)} milestones" in timeline._repr_html_()
    assert repr(timeline[0]).startswith("<Milestone ")
    sources = gb.sources()
    assert isinstance(sources, gb.SourceTuple)
    assert repr(sources[0]) == "<Source 'beltandroad-2019-05-14': Belt and Road Portal, 2019-05-14>"
    assert "China Daily" in sources._repr_html_()


def test_a_long_table_wraps_its_cells_and_shows_a_head() -> None:
    html = gb.facts()._repr_html_()
    assert f"{len(gb.facts())} facts, the first 10 shown" in html
    assert html.count("<tr>") == 11  # the header and ten rows, not all of them
    assert "overflow-wrap:anywhere" in html


def test_user_data_in_a_series(tmp_path: Path) -> None:
    registry = gb.load_registry(write(tmp_path, "f.toml", SOURCE + PLACE + METRIC + fact()))
    frame = gb.table("widgets", registry=registry)
    assert frame.loc[2019, ("widgets", "testville", "bound")] == "more_than"


# Which years make a series: outcomes for the whole year, not targets or parts of it.

SALES = """
[[metric]]
id = "sales"
label = "Sales"
kind = "flow"
unit = "yuan"
default_subject = "testville"
"""

YEARLY = (
    SOURCE
    + PLACE
    + METRIC
    + SALES
    + fact(id='"testville.widgets.2019"')
    + fact(
        id='"testville.widgets.2020-06"',
        period='"2020-06"',
        value='"5200"',
        quote='"By June 2020 Testville had 5200 enterprises."',
    )
    + fact(
        id='"testville.widgets.2021"',
        period='"2021"',
        value='"6000"',
        modality='"target"',
        quote='"Testville aims for 6000 enterprises in 2021."',
    )
    + fact(
        id='"testville.sales.2019"',
        metric='"sales"',
        unit='"yuan"',
        bound='"exact"',
        value='"900"',
        quote='"Sales were 900 yuan in 2019."',
    )
    + fact(
        id='"testville.sales.2020-01-2020-10"',
        metric='"sales"',
        unit='"yuan"',
        bound='"exact"',
        period='"2020-01/2020-10"',
        value='"800"',
        quote='"Sales from January to October 2020 were 800 yuan."',
    )
    + fact(
        id='"testville.sales.2016-2018"',
        metric='"sales"',
        unit='"yuan"',
        bound='"exact"',
        period='"2016/2018"',
        value='"2500"',
        quote='"Sales over 2016-2018 came to 2500 yuan."',
    )
)


@pytest.fixture(scope="module")
def yearly(tmp_path_factory: pytest.TempPathFactory) -> gb.Registry:
    folder = tmp_path_factory.mktemp("yearly")
    return gb.load_registry(write(folder, "yearly.toml", YEARLY), bundled=False)


def test_coverage_tells_yearly_outcomes_from_targets_and_parts_of_a_year(
    yearly: gb.Registry,
) -> None:
    rows = {row.metric: row for row in gb.coverage(registry=yearly).rows}
    # a count at a month stands for its year; a target does not
    assert rows["widgets"].years == (2019, 2020, 2021)
    assert rows["widgets"].whole_years == (2019, 2020)
    # a flow counts only for a whole calendar year: not January-October, not 2016-2018
    assert rows["sales"].years == (2018, 2019, 2020)
    assert rows["sales"].whole_years == (2019,)
    found = gb.coverage(registry=yearly)
    assert [row.metric for row in found.long_series(2)] == ["widgets"]
    with pytest.raises(ValueError, match="min_years must be at least 1, not 0"):
        found.long_series(0)
    grid = str(found).splitlines()
    assert grid[0].split() == ["2018", "2019", "2020", "2021"]
    assert grid[1].split() == ["sales", "(testville)", "+", "#", "+", "."]
    assert grid[2].split() == ["widgets", "(testville)", ".", "#", "#", "+"]
    assert "+ only a target, a part of the year or a span of years" in grid[-1]
    assert "○" in found._repr_html_()


def test_the_cli_counts_whole_years_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from guizhou_bigdata.cli import main

    data = write(tmp_path, "yearly.toml", YEARLY)
    ours = ["coverage", "--data", str(data), "--metric", "sales", "--metric", "widgets"]
    assert main([*ours, "--min-years", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:6] for line in lines] == [
        ["sales", "testville", "3", "2018-2020", "1", "2019"],
        ["widgets", "testville", "3", "2019-2021", "2", "2019-2020"],
    ]
    assert main([*ours, "--min-years", "2", "--whole-years"]) == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()] == ["widgets"]
