"""Views across metrics: a year-by-column table, which metric has which years, a chart.

:func:`table` puts several series side by side, one row per year, without
losing what each figure is: every value column has its caveats beside it in a
column MultiIndex ``(metric, subject, field)`` with the fields of
``SERIES_COLUMNS`` (``value``, ``unit``, ``bound``, ``modality``,
``derived``, ``flags``, ``reviewed``, ``source``, ``fact``).
``frame.xs("value", axis=1, level="field")`` gives the plain numbers.

:func:`coverage` says which metric and subject has a usable figure for which
year: what a table or a chart can show before drawing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

import attrs

from ..core.errors import shown
from ..core.html import CELL_STYLE, escape
from ..core.model import Fact
from ..core.vocabulary import Modality, Rank
from ..store.registry import as_of_day
from .series import SERIES_COLUMNS, Series, point_columns

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

    from ..store.registry import Registry

__all__ = ["Coverage", "CoverageRow", "coverage", "plot", "series_of", "table"]

_PANDAS_HINT = 'gb.table needs pandas: pip install "guizhou-bigdata[pandas]"'


def _registry(registry: Registry | None) -> Registry:
    if registry is None:
        from ..store.default import default_registry

        return default_registry()
    return registry


def _ids(label: str, wanted: str | Collection[str] | None) -> tuple[str, ...] | None:
    if wanted is None:
        return None
    if isinstance(wanted, str):
        return (wanted,)
    if not isinstance(wanted, Collection) or not all(isinstance(w, str) for w in wanted):
        raise TypeError(f"{label} is an id or a list of ids, got {shown(wanted)}")
    return tuple(dict.fromkeys(wanted))


def _year_set(years: Iterable[int] | None) -> frozenset[int] | None:
    if years is None:
        return None
    if isinstance(years, int):
        raise TypeError(
            f"years is a list or range of years such as range(2015, 2020), got the int {years}"
        )
    chosen = frozenset(years)
    bad = [year for year in chosen if isinstance(year, bool) or not isinstance(year, int)]
    if bad:
        raise TypeError(f"years holds integers such as 2018, got {shown(bad[0])}")
    return chosen


def _pairs(
    registry: Registry,
    metrics: str | Collection[str] | None,
    subjects: str | Collection[str] | None,
) -> list[tuple[str, str]]:
    """The (metric, subject) pairs that have facts, metrics and subjects as asked."""
    wanted_metrics = _ids("metrics", metrics)
    wanted_subjects = _ids("subjects", subjects)
    for metric in wanted_metrics or ():
        registry.metric(metric)
    for subject in wanted_subjects or ():
        registry.entity(subject)
    facts = registry.facts(metric=wanted_metrics, subject=wanted_subjects)
    present = {(fact.metric, fact.subject) for fact in facts if fact.rank is not Rank.DEPRECATED}
    order_m = {m: i for i, m in enumerate(wanted_metrics or sorted({m for m, _ in present}))}
    order_s = {s: i for i, s in enumerate(wanted_subjects or sorted({s for _, s in present}))}
    return sorted(present, key=lambda pair: (order_m[pair[0]], order_s[pair[1]]))


def series_of(
    registry: Registry, metric: str, subject: str, as_of: dt.date | str | None = None
) -> Series:
    """The :class:`Series` of one metric and subject in ``registry``."""
    day = None if as_of is None else as_of_day(as_of)
    points = registry.series(metric, subject, as_of=day)
    return Series(registry.metric(metric), subject, points, as_of=day)


def _yearly(points: Iterable[Fact]) -> dict[int, Fact]:
    """The points that are one whole calendar year's figure, by year."""
    return {fact.period.calendar_year: fact for fact in points if fact.period.calendar_year}


def table(
    metrics: str | Collection[str] | None = None,
    subjects: str | Collection[str] | None = None,
    years: Iterable[int] | None = None,
    *,
    as_of: dt.date | str | None = None,
    registry: Registry | None = None,
) -> pd.DataFrame:
    """A wide DataFrame: one row per year, a group of columns per metric and subject.

    Columns are a MultiIndex ``(metric, subject, field)``; each group holds the
    preferred figure of each year (``value``, in ``unit``) and its caveats
    (see the module docs). Only figures for one whole calendar year ("2018")
    are placed: a month's or a range's figure is in the series, not here. A
    year without a figure is a row of nothing (NaN, ``<NA>``). ``metrics`` and
    ``subjects`` default to all that have facts; ``years`` (a list or range) to
    every year any chosen series has. Needs pandas.
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise ImportError(_PANDAS_HINT) from exc
    chosen = _registry(registry)
    wanted_years = _year_set(years)
    groups: list[tuple[str, str, dict[int, Fact]]] = []
    for metric, subject in _pairs(chosen, metrics, subjects):
        yearly = _yearly(series_of(chosen, metric, subject, as_of))
        if wanted_years is not None:
            yearly = {year: fact for year, fact in yearly.items() if year in wanted_years}
        if yearly or wanted_years is not None:
            groups.append((metric, subject, yearly))
    found = {year for _, _, yearly in groups for year in yearly}
    rows = sorted(wanted_years if wanted_years is not None else found)
    data: dict[tuple[str, str, str], list[object]] = {}
    empty = dict.fromkeys(SERIES_COLUMNS)
    for metric, subject, yearly in groups:
        cells = [point_columns(yearly[year]) if year in yearly else empty for year in rows]
        for field in SERIES_COLUMNS:
            data[metric, subject, field] = [cell[field] for cell in cells]
    columns = pd.MultiIndex.from_tuples(list(data), names=["metric", "subject", "field"])
    frame = pd.DataFrame(
        dict(zip(columns, data.values(), strict=True)),
        index=pd.Index(rows, name="year", dtype="int64"),
        columns=columns,
    )
    types = {
        column: "float64"
        if column[2] == "value"
        else "boolean"
        if column[2] in ("derived", "reviewed")
        else "string"
        for column in columns
    }
    return frame.astype(types) if types else frame


@attrs.frozen
class CoverageRow:
    """One metric and subject, and the years it has a usable (not deprecated) figure for.

    ``years`` holds every year some figure of the pair ends in: a target, a
    January-to-October total, a five-year span. ``whole_years`` holds the years
    a series of yearly outcomes can use: an actual or estimated figure for the
    whole calendar year (a flow or growth rate) or at a date within it (a
    count, level, share or rank). Count ``whole_years`` to ask how long a
    series is.
    """

    metric: str
    subject: str
    years: tuple[int, ...]
    whole_years: tuple[int, ...] = ()


@attrs.frozen(repr=False)
class Coverage:
    """Which metric and subject has which years: see :func:`coverage`."""

    rows: tuple[CoverageRow, ...]
    as_of: dt.date | None = None

    @property
    def years(self) -> tuple[int, ...]:
        """Every year from the first to the last any row covers, gaps included (the grid)."""
        covered = {year for row in self.rows for year in row.years}
        return tuple(range(min(covered), max(covered) + 1)) if covered else ()

    def to_pandas(self) -> pd.DataFrame:
        """A boolean grid: index ``(metric, subject)``, one column per year. Needs pandas."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError(_PANDAS_HINT.replace("gb.table", "Coverage.to_pandas")) from exc
        years = self.years
        index = pd.MultiIndex.from_tuples(
            [(row.metric, row.subject) for row in self.rows], names=["metric", "subject"]
        )
        grid = [[year in row.years for year in years] for row in self.rows]
        return pd.DataFrame(grid, index=index, columns=pd.Index(years, name="year"), dtype=bool)

    def long_series(self, min_years: int = 5) -> tuple[CoverageRow, ...]:
        """The rows with yearly outcomes (``whole_years``) in ``min_years`` or more years."""
        if min_years < 1:
            raise ValueError(f"min_years must be at least 1, not {min_years}")
        return tuple(row for row in self.rows if len(row.whole_years) >= min_years)

    def __len__(self) -> int:
        return len(self.rows)

    def __repr__(self) -> str:
        years = self.years
        span = f", {years[0]} to {years[-1]}" if years else ""
        known = "" if self.as_of is None else f", as known on {self.as_of.isoformat()}"
        return f"<Coverage: {len(self.rows)} metric and subject pairs{span}{known}>"

    def __str__(self) -> str:
        """A text grid: ``#`` a yearly outcome, ``+`` only another figure, ``.`` none."""
        years = self.years
        if not years:
            return "no metric and subject has a figure" + (
                "" if self.as_of is None else f" known on {self.as_of.isoformat()}"
            )
        names = [f"{row.metric} ({row.subject})" for row in self.rows]
        width = max((len(name) for name in names), default=0)
        head = " " * width + "  " + " ".join(str(year) for year in years)
        lines = [head]
        for name, row in zip(names, self.rows, strict=True):
            marks = " ".join(_mark(row, year, "#", "+", ".").center(4) for year in years)
            lines.append(f"{name.ljust(width)}  {marks}".rstrip())
        lines.append(_LEGEND.format(whole="#", other="+"))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """A metric by year grid for notebooks: ● a yearly outcome, ○ only another figure."""
        years = self.years
        head = "".join(f'<th style="{CELL_STYLE}">{year}</th>' for year in years)
        body = []
        for row in self.rows:
            cells = "".join(
                f'<td style="{CELL_STYLE}" title="{year}">{_mark(row, year, "●", "○", "")}</td>'
                for year in years
            )
            body.append(
                f'<tr><th style="{CELL_STYLE}">{escape(row.metric)}</th>'
                f'<td style="{CELL_STYLE}">{escape(row.subject)}</td>{cells}</tr>'
            )
        known = "" if self.as_of is None else f", as known on {self.as_of.isoformat()}"
        return (
            f'<div class="guizhou-bigdata-coverage"><p>{len(self.rows)} metric and subject '
            f"pairs{known}. {escape(_LEGEND.format(whole='●', other='○'))}</p><table><thead><tr>"
            f'<th style="{CELL_STYLE}">metric</th><th style="{CELL_STYLE}">subject</th>{head}'
            f"</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )


def coverage(
    metrics: str | Collection[str] | None = None,
    subjects: str | Collection[str] | None = None,
    *,
    as_of: dt.date | str | None = None,
    derived: bool = True,
    registry: Registry | None = None,
) -> Coverage:
    """Which metric and subject has a usable figure in which year (any period ending then).

    Each row also says which years hold an outcome for the year itself (see
    :class:`CoverageRow`). ``derived=False`` counts only what sources state,
    not the figures the library computes from them.
    """
    chosen = _registry(registry)
    day = None if as_of is None else as_of_day(as_of)
    rows = []
    for metric, subject in _pairs(chosen, metrics, subjects):
        if derived:
            points = chosen.series(metric, subject, as_of=day)
        else:
            stated = chosen.facts(metric=metric, subject=subject, derived=False, as_of=day)
            points = tuple(fact for fact in stated if fact.rank is not Rank.DEPRECATED)
        if points:
            years = tuple(sorted({fact.period.end.year for fact in points}))
            over_a_period = chosen.metric(metric).kind.over_a_period
            whole = tuple(
                sorted({year for fact in points if (year := _outcome_year(fact, over_a_period))})
            )
            rows.append(CoverageRow(metric, subject, years, whole))
    return Coverage(tuple(rows), as_of=day)


def _outcome_year(fact: Fact, over_a_period: bool) -> int | None:
    """The year a fact is a yearly outcome of, if it is one (see :class:`CoverageRow`)."""
    if fact.modality not in (Modality.ACTUAL, Modality.ESTIMATE):
        return None
    period = fact.period
    if over_a_period:
        return period.calendar_year
    return period.start.year if period.start.year == period.end.year else None


_LEGEND = (
    "{whole} an actual or estimated figure for the year; "
    "{other} only a target, a part of the year or a span of years"
)


def _mark(row: CoverageRow, year: int, whole: str, other: str, none: str) -> str:
    return whole if year in row.whole_years else other if year in row.years else none


def plot(
    metric: str | Collection[str],
    subject: str | Collection[str] | None = None,
    *,
    as_of: dt.date | str | None = None,
    ax: Axes | None = None,
    registry: Registry | None = None,
) -> Axes:
    """Draw the series of one or more metrics and subjects (one unit) on one axes.

    ``gb.plot("gdp")`` draws the default subject's GDP;
    ``gb.plot("gdp", ["guiyang", "guizhou"])`` both on one axes; ``as_of`` what
    was known on that day. Returns the matplotlib Axes; needs the plot extra.
    """
    from .plotting import plot_many

    if registry is None:
        from ..store.default import default_registry

        registry = default_registry()
    metrics = [metric] if isinstance(metric, str) else list(metric)
    subjects = [subject] if subject is None or isinstance(subject, str) else list(subject)
    if not metrics or not subjects:
        raise ValueError("nothing to plot: name at least one metric and subject")
    chosen = [
        series_of(registry, name, registry.default_subject(name) if who is None else who, as_of)
        for name in metrics
        for who in subjects
    ]
    return plot_many(chosen, ax)
