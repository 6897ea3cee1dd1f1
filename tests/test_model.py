"""The model's invariants: cited, frozen, exact, picklable."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
from decimal import Decimal

import attrs
import pytest

import guizhou_bigdata as gb

SOURCE = gb.Source(id="s", title="T", published=gb.Period.parse("2019-10-02"))


def make_fact(**changes: object) -> gb.Fact:
    fields: dict[str, object] = {
        "id": "x",
        "metric": "gdp",
        "subject": "guiyang",
        "period": gb.Period.parse("2013"),
        "value": Decimal("208.542"),
        "unit": "yuan",
        "bound": gb.Bound.EXACT,
        "modality": gb.Modality.ACTUAL,
        "citations": (gb.Citation(SOURCE, "GDP reached 208.542 billion yuan"),),
        "scale": gb.Scale.BILLION,
    }
    fields.update(changes)
    return gb.Fact(**fields)  # type: ignore[arg-type]


def test_a_fact_cannot_be_built_without_a_citation() -> None:
    with pytest.raises(ValueError, match="needs at least one citation"):
        make_fact(citations=())


def test_a_citation_needs_a_quote() -> None:
    with pytest.raises(ValueError, match="quote"):
        gb.Citation(SOURCE, "")


def test_scale_word_applies_exactly() -> None:
    fact = make_fact()
    assert fact.magnitude == Decimal("208542000000")
    assert fact.quantity == gb.Q_(2.08542e11, "yuan")


def test_unreadable_value_has_no_quantity() -> None:
    fact = make_fact(value=None, as_written="<>,<>", quality=frozenset({gb.Quality.GARBLED}))
    assert not fact.has_value
    assert fact.value is None
    assert fact.magnitude is None
    assert "no readable value" in fact.figure
    with pytest.raises(gb.NoValueError) as raised:
        fact.quantity  # noqa: B018
    error = raised.value
    assert isinstance(error, ValueError)
    assert str(error) == (
        f"fact {fact.id!r} has no readable value (the source prints '<>,<>', flagged garbled), "
        "so it has no quantity or interval; check fact.has_value, or read fact.as_written"
    )
    assert (error.fact_id, error.as_written, error.flags) == (fact.id, "<>,<>", ("garbled",))
    assert make_fact().has_value


def test_no_value_error_pickles_with_its_details() -> None:
    error = gb.NoValueError("x.y.2020", None)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.fact_id, copy.as_written, copy.flags, str(copy)) == (
        "x.y.2020",
        None,
        (),
        str(error),
    )
    assert "prints nothing, not flagged" in str(copy)


def test_facts_are_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        make_fact().value = Decimal(1)  # type: ignore[misc]


def test_cite_names_figure_quote_and_source() -> None:
    text = make_fact(bound=gb.Bound.MORE_THAN).cite()
    assert "more than 208.542 billion yuan" in text
    assert "GDP reached 208.542 billion yuan" in text
    assert '"T"' in text


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("2018", dt.date(2018, 1, 1), dt.date(2018, 12, 31), gb.Precision.YEAR),
        ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29), gb.Precision.MONTH),
        ("2015-04-14", dt.date(2015, 4, 14), dt.date(2015, 4, 14), gb.Precision.DAY),
        ("2016/2020", dt.date(2016, 1, 1), dt.date(2020, 12, 31), gb.Precision.YEAR),
    ],
)
def test_periods_parse(text: str, start: dt.date, end: dt.date, precision: gb.Precision) -> None:
    period = gb.Period.parse(text)
    assert (period.start, period.end, period.precision) == (start, end, precision)
    assert str(period) == text
    assert eval(repr(period), {"Period": gb.Period}) == period


@pytest.mark.parametrize(
    "text",
    ["18", "2018-1", "2018-02-30", "2019/2018", "2018/2019-05", "last year", "2018/2019/2020"],
)
def test_bad_periods_say_what_is_valid(text: str) -> None:
    with pytest.raises(ValueError, match="cannot read period"):
        gb.Period.parse(text)


def test_period_must_align_with_its_precision() -> None:
    with pytest.raises(ValueError, match="whole years"):
        gb.Period(dt.date(2018, 3, 1), dt.date(2018, 12, 31), gb.Precision.YEAR)


def test_facts_pickle_within_a_process(registry: gb.Registry) -> None:
    for fact in registry.facts():
        assert pickle.loads(pickle.dumps(fact)) == fact


def test_facts_unpickle_in_a_fresh_process(registry: gb.Registry) -> None:
    fact = gb.metrics.digital_economy_growth(2018)
    script = (
        "import pickle, sys\n"
        "fact = pickle.loads(sys.stdin.buffer.read())\n"
        "print(fact.quantity, fact.citations[0].source.publisher)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        input=pickle.dumps(fact),
        capture_output=True,
        check=True,
    )
    assert result.stdout.decode().strip() == "24.6 percent China Daily"


def test_period_parse_shares_equal_periods_and_still_refuses_bad_ones() -> None:
    from guizhou_bigdata.core.periods import Period

    assert Period.parse("2018") is Period.parse("2018")
    assert Period.parse("2015-02").end.day == 28
    assert Period.parse("2016-02").end.day == 29
    with pytest.raises(ValueError, match="cannot read period"):
        Period.parse("2018-13")
    with pytest.raises(ValueError, match="whole months"):
        Period(
            Period.parse("2016-02").start,
            Period.parse("2016-02").start,
            Period.parse("2016-02").precision,
        )


@pytest.mark.parametrize(
    ("text", "year"),
    [("2014", 2014), ("2014-06", None), ("2014-06-30", None), ("2014/2015", None)],
)
def test_calendar_year_is_a_whole_year_given_as_a_year(text: str, year: int | None) -> None:
    assert gb.Period.parse(text).calendar_year == year
    assert gb.Period.parse(text).year == (2015 if "/" in text else 2014)  # the end year
