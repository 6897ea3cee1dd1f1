"""A metric's series for one subject: one preferred fact per period, in period order.

A :class:`Series` is what ``gb.metrics.gdp.series()`` returns. It iterates over
its facts like the tuple it replaces (``[f.figure for f in series]``), and
keeps every caveat when it becomes a table (:meth:`Series.to_pandas`) or a
chart (:meth:`Series.plot`): the bound, the modality, the flags, whether the
value was derived, and the source of each point.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core.display import FactTuple, facts_html
from ..core.html import escape, rows_html
from ..core.model import Fact, Metric

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["SERIES_COLUMNS", "Series", "point_columns"]

SERIES_COLUMNS = (
    "value",
    "unit",
    "bound",
    "modality",
    "derived",
    "flags",
    "reviewed",
    "source",
    "fact",
)
"""The columns of :meth:`Series.to_pandas`, one row per period (the index)."""

_PANDAS_HINT = 'Series.to_pandas needs pandas: pip install "guizhou-bigdata[pandas]"'


def point_columns(fact: Fact) -> dict[str, object]:
    """A fact's value and caveats, keyed by ``SERIES_COLUMNS``.

    ``value`` is the magnitude (scale word applied) in ``unit``, a float, or
    None when the source gives no readable number; ``flags`` and ``source``
    are comma-separated ids (None for no flags); ``fact`` is the fact's id.
    """
    magnitude = fact.magnitude
    return {
        "value": None if magnitude is None else float(magnitude),
        "unit": fact.unit,
        "bound": fact.bound.value,
        "modality": fact.modality.value,
        "derived": fact.is_derived,
        "flags": ", ".join(sorted(flag.value for flag in fact.quality)) or None,
        "reviewed": fact.reviewed,
        "source": ", ".join(dict.fromkeys(c.source.id for c in fact.citations)),
        "fact": fact.id,
    }


def _needs_pandas() -> None:
    try:
        import pandas  # noqa: F401
    except ImportError as exc:
        raise ImportError(_PANDAS_HINT) from exc


class Series(FactTuple):
    """One preferred fact per period of a metric for one subject, in period order.

    It is a tuple of those facts (a :class:`~guizhou_bigdata.FactTuple`), so code
    that takes ``tuple[Fact, ...]`` takes a series; ``metric``, ``subject`` and
    ``as_of`` (the day it was taken as known on, None for everything the data
    holds) say what it is. It cannot be changed after it is made.
    """

    _about: tuple[Metric, str, dt.date | None]

    def __new__(
        cls, metric: Metric, subject: str, points: Iterable[Fact], as_of: dt.date | None = None
    ) -> Series:
        self = super().__new__(cls, points)
        object.__setattr__(self, "_about", (metric, subject, as_of))
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Series cannot be changed (tried to set {name!r})")

    def __reduce__(self) -> tuple[object, ...]:
        return (Series, (self.metric, self.subject, tuple(self), self.as_of))

    @property
    def metric(self) -> Metric:
        """The metric of every point."""
        return self._about[0]

    @property
    def subject(self) -> str:
        """The subject (an entity id) of every point."""
        return self._about[1]

    @property
    def as_of(self) -> dt.date | None:
        """The day the series was taken as known on; None for all the data holds."""
        return self._about[2]

    @property
    def points(self) -> tuple[Fact, ...]:
        """The facts, as a plain tuple."""
        return tuple(self)

    @property
    def years(self) -> tuple[int, ...]:
        """The years the points' periods end in, each once, in order."""
        return tuple(sorted({fact.period.end.year for fact in self.points}))

    def to_pandas(self) -> pd.DataFrame:
        """The points as a DataFrame indexed by period (``"2018"``, ``"2019-06"`` ...).

        Columns are ``SERIES_COLUMNS``: ``value`` (float64, NaN when
        unreadable) in ``unit``, and the caveats beside it. Needs pandas.
        """
        _needs_pandas()
        import pandas as pd

        rows = [point_columns(fact) for fact in self.points]
        index = pd.Index([str(fact.period) for fact in self.points], name="period", dtype="string")
        frame = pd.DataFrame(rows, index=index, columns=list(SERIES_COLUMNS))
        return frame.astype(
            {
                "value": "float64",
                "derived": "boolean",
                "reviewed": "boolean",
                **dict.fromkeys(("unit", "bound", "modality", "flags", "source", "fact"), "string"),
            }
        )

    def plot(self, ax: Axes | None = None) -> Axes:
        """Draw the series with matplotlib (see :func:`~.plotting.plot_series`); needs ``plot``."""
        from .plotting import plot_series

        return plot_series(self, ax=ax)

    def __repr__(self) -> str:
        known = "" if self.as_of is None else f", as known on {self.as_of.isoformat()}"
        span = f", {self.points[0].period} to {self.points[-1].period}" if self.points else ""
        noun = "point" if len(self.points) == 1 else "points"
        return (
            f"<Series {self.metric.id!r} of {self.subject!r}: "
            f"{len(self.points)} {noun}{span}{known}>"
        )

    def _repr_html_(self) -> str:
        """The metric, subject and unit, then one row per point, for notebooks."""
        rows = [
            ("metric", f"{escape(self.metric.label)} (<code>{escape(self.metric.id)}</code>)"),
            ("subject", escape(self.subject)),
            ("unit", escape(self.metric.unit)),
        ]
        if self.as_of is not None:
            rows.append(("as known on", self.as_of.isoformat()))
        return (
            f'<div class="guizhou-bigdata-series"><table>{rows_html(rows)}</table>'
            f"{facts_html(self.points)}</div>"
        )
