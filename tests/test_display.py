"""Notebook display: short reprs, a str that reads as the figure, and escaped HTML tables."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.core.display import HEAD_ROWS, MAX_ROWS, FactTuple, facts_html

from .helpers import METRIC, PLACE, SOURCE, fact, write

NASTY_QUOTE = 'It had more than 5,000 <b>enterprises</b> & "R&D" </td></table> in 2019.'


def parsed(html: str) -> ET.Element:
    """The HTML as an XML tree: it fails on unbalanced or unescaped markup."""
    return ET.fromstring(html)


def text_of(html: str) -> str:
    return " ".join(" ".join(parsed(html).itertext()).split())


@pytest.fixture(scope="module")
def nasty(tmp_path_factory: pytest.TempPathFactory) -> gb.Registry:
    folder = tmp_path_factory.mktemp("nasty")
    text = SOURCE + PLACE + METRIC
    text += fact(quote=f"'{NASTY_QUOTE}'", quality='["ambiguous"]', note='"A <note> & more"')
    return gb.load_registry(write(folder, "nasty.toml", text), bundled=False)


def test_repr_is_short_and_names_the_figure(registry: gb.Registry) -> None:
    growth = registry.fact("guizhou.digital_economy_growth.2018.chinadaily")
    assert repr(growth) == (
        "<Fact 'guizhou.digital_economy_growth.2018.chinadaily': 24.6 percent "
        "(digital_economy_growth, guizhou, 2018)>"
    )
    assert max(len(repr(f)) for f in registry.facts()) < 300
    long = gb.Fact(
        id="x" * 1000,
        metric="gdp",
        subject="guiyang",
        period=gb.Period.parse("2013"),
        value=Decimal(1),
        unit="yuan",
        bound=gb.Bound.EXACT,
        modality=gb.Modality.ACTUAL,
        citations=growth.citations,
    )
    assert len(repr(long)) < 300
    assert repr(long).endswith("...>")


def test_str_reads_as_the_figure(registry: gb.Registry) -> None:
    for f in registry.facts():
        assert str(f) == f.figure
    assert str(gb.metrics.gdp(2013)) == "208.542 billion yuan"


def test_fact_html_shows_what_the_fact_is(registry: gb.Registry) -> None:
    f = registry.fact("guizhou.electricity_users.2023-10.cns")
    text = text_of(f._repr_html_())
    for shown in (
        f.figure,
        "about",
        "actual",
        str(f.period),
        "implausible",
        f.citations[0].passage,  # a quote citation
        f.citations[0].source.cite(),
        f.id,
    ):
        assert shown in text, shown


def test_html_escapes_the_data(nasty: gb.Registry) -> None:
    (f,) = nasty.facts()
    assert f.citations[0].quote == NASTY_QUOTE
    for html in (f._repr_html_(), nasty.facts()._repr_html_()):
        assert "<b>" not in html
        parsed(html)  # well-formed: the quote's markup did not close a cell or the table
    assert NASTY_QUOTE in text_of(f._repr_html_())
    assert "A <note> & more" in text_of(f._repr_html_())


def test_facts_is_a_tuple_with_a_table(registry: gb.Registry) -> None:
    found = gb.facts(metric="gdp", subject="guiyang")
    assert isinstance(found, tuple)
    assert isinstance(found, FactTuple)
    assert found == tuple(found)
    assert found == registry.facts(metric="gdp", subject="guiyang")
    table = parsed(found._repr_html_())
    rows = table.findall(".//tbody/tr")
    assert len(rows) == len(found)
    assert [row.findall("td")[-1].text for row in rows] == [f.id for f in found]
    assert isinstance(gb.facts(metric="gdp", subject="guiyang", year=2013), FactTuple)
    assert isinstance(gb.metrics.gdp.series(), FactTuple)
    series = gb.metrics.gdp.series()  # a Series: its facts in order, a slice a table
    assert isinstance(series, gb.Series)
    assert isinstance(series[:], FactTuple)


def test_a_slice_of_facts_is_still_a_table(registry: gb.Registry) -> None:
    found = registry.facts()
    first = found[:3]
    assert type(first) is FactTuple
    assert first == tuple(found)[:3]
    assert type(found[::-1]) is FactTuple
    assert found[::-1] == tuple(reversed(found))
    assert type(found[5:2]) is FactTuple
    assert found[5:2] == ()
    assert len(parsed(first._repr_html_()).findall(".//tbody/tr")) == 3
    one = found[0]  # an index still gives the fact itself
    assert isinstance(one, gb.Fact)
    assert found[-1] is tuple(found)[-1]
    with pytest.raises(IndexError):
        found[len(found)]


def test_a_long_table_says_how_many_it_does_not_show(registry: gb.Registry) -> None:
    many = tuple(registry.facts()) * (MAX_ROWS // len(registry.facts()) + 1)
    html = facts_html(many)
    assert len(parsed(html).findall(".//tbody/tr")) == HEAD_ROWS  # a head, as pandas shows
    assert f"{len(many)} facts, the first {HEAD_ROWS} shown" in html
    exactly = tuple(registry.facts())[:1] * MAX_ROWS  # up to MAX_ROWS, every row
    assert len(parsed(facts_html(exactly)).findall(".//tbody/tr")) == MAX_ROWS


def test_registry_html(registry: gb.Registry) -> None:
    text = text_of(registry._repr_html_())
    assert f"facts {len(registry.facts())}" in text
    assert f"{len(registry.sources())} sources" in text
    for source in registry.sources():
        assert source.title in text


@pytest.mark.usefixtures("the_five_articles_as_default")  # the articles' own figures
def test_metric_view_display() -> None:
    view = gb.metrics.gdp
    assert repr(view) == "<MetricView 'gdp': Gross domestic product, in yuan>"
    text = text_of(view._repr_html_())
    assert view.metric.label in text
    assert "unit yuan" in text
    assert "years 2013, 2014, 2015, 2018" in text
    assert "guiyang" in text
    for f in view.series():
        assert f.figure in text


def test_a_user_registry_displays(tmp_path: Path) -> None:
    registry = gb.load_registry(write(tmp_path, "f.toml", SOURCE + PLACE + METRIC + fact()))
    assert "testville.widgets.2019" in registry.facts(subject="testville")._repr_html_()
    parsed(registry._repr_html_())
