"""Hypothesis round-trips of the file format through the project's converter."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

import guizhou_bigdata as gb
from guizhou_bigdata.outputs.columns import FACTS, Column, ColumnType, Table
from guizhou_bigdata.outputs.formats import FORMULA_STARTS, csv_text
from guizhou_bigdata.store.records import CitationRecord, FactRecord, make_converter

ids = st.from_regex(r"[a-z][a-z0-9_.\-]{0,20}", fullmatch=True)
text = st.text(min_size=1, max_size=40)


@st.composite
def periods(draw: st.DrawFn) -> gb.Period:
    precision = draw(st.sampled_from(gb.Precision))
    year = draw(st.integers(1900, 2100))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    first = {
        gb.Precision.YEAR: f"{year:04d}",
        gb.Precision.MONTH: f"{year:04d}-{month:02d}",
        gb.Precision.DAY: dt.date(year, month, day).isoformat(),
    }[precision]
    if draw(st.booleans()):
        later = str(year + draw(st.integers(1, 20))) + first[4:]
        return gb.Period.parse(f"{first}/{later}")
    return gb.Period.parse(first)


values = st.one_of(
    st.none(),
    st.decimals(
        allow_nan=False, allow_infinity=False, places=3, min_value=-(10**12), max_value=10**12
    ),
)

fact_records = st.builds(
    FactRecord,
    id=ids,
    metric=ids,
    subject=ids,
    period=periods(),
    value=values,
    unit=st.sampled_from(["yuan", "percent", "km**2", "yuan / USD"]),
    bound=st.sampled_from(gb.Bound),
    modality=st.sampled_from(gb.Modality),
    quote=text,
    source=ids,
    scale=st.none() | st.sampled_from(gb.Scale),
    as_written=st.none() | text,
    more_citations=st.lists(st.builds(CitationRecord, ids, text), max_size=2).map(tuple),
    quality=st.lists(st.sampled_from(gb.Quality), unique=True, max_size=3).map(tuple),
    rank=st.sampled_from(gb.Rank),
    note=st.none() | text,
    period_note=st.none() | text,
    derived_from=st.lists(ids, max_size=2).map(tuple),
    method=st.none() | text,
)


@given(fact_records)
def test_fact_records_round_trip(record: FactRecord) -> None:
    converter = make_converter({})
    raw = converter.unstructure(record)
    raw = {key: value for key, value in raw.items() if value is not None or key == "value"}
    if raw["value"] is None:
        raw["value"] = ""
    assert converter.structure(raw, FactRecord) == record


@given(periods())
def test_periods_round_trip_through_text(period: gb.Period) -> None:
    assert gb.Period.parse(str(period)) == period


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=0, max_value=10**9))
def test_any_plain_value_written_in_a_quote_is_recognised(value: Decimal) -> None:
    from guizhou_bigdata.core.figures import quote_states, renderings

    for shown in renderings(value):
        assert quote_states(f"It reached {shown} yuan.", value)


_GUARDED: Table[tuple[str, str, float]] = Table(
    name="guarded",
    title="Guarded",
    description="Text, decimal text and a number, as CSV writes them.",
    columns=(
        Column("text", ColumnType.STRING, "Any text.", lambda row: row[0]),
        Column(
            "exact",
            ColumnType.STRING,
            "Decimal text.",
            lambda row: row[1],
            pattern=next(c.pattern for c in FACTS.columns if c.decimal),
        ),
        Column("number", ColumnType.NUMBER, "A number.", lambda row: row[2]),
    ),
    primary_key=("text",),
)


@given(
    st.lists(
        st.tuples(
            st.text(st.characters(exclude_categories=["Cs"])),
            st.decimals(allow_nan=False, allow_infinity=False, places=3).map(lambda d: f"{d:f}"),
            st.floats(allow_nan=False, allow_infinity=False),
        ),
        max_size=5,
    )
)
def test_csv_text_reads_back_exactly_once_the_guard_is_removed(
    records: list[tuple[str, str, float]],
) -> None:
    """Any text: commas, quotes, line breaks, a lone carriage return, a formula or a '."""
    written = csv_text(_GUARDED, _GUARDED.rows(records))
    header, *rows = csv.reader(io.StringIO(written, newline=""))
    assert header == ["text", "exact", "number"]
    assert len(rows) == len(records)
    for (text, exact, number), (cell, exact_cell, number_cell) in zip(records, rows, strict=True):
        assert not cell.startswith(FORMULA_STARTS)
        assert cell.removeprefix("'") == text
        assert exact_cell == exact  # numbers written as text are never guarded
        assert float(number_cell) == number
