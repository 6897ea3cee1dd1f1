"""Periods: the span of time a figure applies to, with the precision it was given at."""

from __future__ import annotations

import datetime as dt
import enum
import re

import attrs

from .errors import shown


class Precision(enum.Enum):
    """How finely a period's endpoints were stated."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"


# ASCII digits only: ``\d`` would also read "２０１８" and then print it back as "2018".
_ENDPOINT = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")
_PARSED: dict[str, Period] = {}
_MAX_PARSED = 10_000
_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD or START/END of two of those with the same precision"


def _last_day(year: int, month: int) -> int:
    """The number of days in a month (``calendar`` costs 3 ms to import, dateutil 5 ms)."""
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def _parse_endpoint(text: str, original: str) -> tuple[dt.date, dt.date, Precision]:
    match = _ENDPOINT.fullmatch(text)
    if match is None:
        raise ValueError(f"cannot read period {shown(original)}: expected {_FORMS}")
    year = int(match["year"])
    if year < 1:
        raise ValueError(f"cannot read period {shown(original)}: years run from 0001 to 9999")
    try:
        if match["day"] is not None:
            day = dt.date(year, int(match["month"]), int(match["day"]))
            return day, day, Precision.DAY
        if match["month"] is not None:
            first = dt.date(year, int(match["month"]), 1)
            last = _last_day(year, first.month)
            return first, first.replace(day=last), Precision.MONTH
        return dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR
    except ValueError as exc:
        raise ValueError(
            f"cannot read period {shown(original)}: {exc} (expected a real calendar date, "
            f"written {_FORMS})"
        ) from None


def _format(day: dt.date, precision: Precision) -> str:
    if precision is Precision.YEAR:
        return f"{day.year:04d}"
    if precision is Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


@attrs.frozen(repr=False)
class Period:
    """A year, month, day or range of them; ``start`` and ``end`` are inclusive dates.

    >>> Period.parse("2016/2020")
    Period.parse('2016/2020')
    >>> Period.parse("2015-05").end
    datetime.date(2015, 5, 31)
    """

    start: dt.date
    end: dt.date
    precision: Precision

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")
        if self.precision is Precision.DAY:
            return
        if self.precision is Precision.MONTH:
            last_day = _last_day(self.end.year, self.end.month)
            aligned = self.start.day == 1 and self.end.day == last_day
        else:
            aligned = (self.start.month, self.start.day, self.end.month, self.end.day) == (
                1,
                1,
                12,
                31,
            )
        if not aligned:
            raise ValueError(
                f"period {self.start}..{self.end} does not start and end on whole "
                f"{self.precision.value}s"
            )

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``START/END``.

        Periods are immutable and data files repeat a few hundred of them, so
        each text is read once and the Period shared.
        """
        if cls is Period and isinstance(text, str):
            known = _PARSED.get(text)
            if known is not None:
                return known
        period = cls._read(text)
        if cls is Period and len(_PARSED) < _MAX_PARSED:
            _PARSED[text] = period
        return period

    @classmethod
    def _read(cls, text: str) -> Period:
        if not isinstance(text, str):
            raise TypeError(f"a period is written as a string ({_FORMS}), got {shown(text)}")
        parts = text.split("/")
        if len(parts) == 1:
            start, end, precision = _parse_endpoint(parts[0], text)
            return cls(start, end, precision)
        if len(parts) != 2:
            raise ValueError(f"cannot read period {shown(text)}: expected {_FORMS}")
        first, _, precision = _parse_endpoint(parts[0], text)
        _, last, end_precision = _parse_endpoint(parts[1], text)
        if precision is not end_precision:
            raise ValueError(
                f"cannot read period {shown(text)}: both ends of a range need the same precision"
            )
        if last < first:
            raise ValueError(
                f"cannot read period {shown(text)}: it ends before it starts (write START/END)"
            )
        return cls(first, last, precision)

    @property
    def is_range(self) -> bool:
        """True when the period spans more than one unit of its precision."""
        return _format(self.start, self.precision) != _format(self.end, self.precision)

    @property
    def year(self) -> int:
        """The year the period ends in: its year, or a range's last year (2016/2020: 2020).

        The year ``gb.facts(year=...)`` and ``gb.metrics.<id>(year)`` select on,
        and the key of a yearly series, so ``series[fact.period.year]`` is never
        ``None``. Test :attr:`calendar_year` (None for a month, a day or a range)
        for a whole year's figure.
        """
        return self.end.year

    @property
    def calendar_year(self) -> int | None:
        """The year when the period is one whole year given as a year ("2014"), else None.

        A month or a day of 2014, or a range, is not 2014's annual figure: yearly
        levels and rates are matched on this, not on :attr:`year`.
        """
        return self.start.year if self.precision is Precision.YEAR and not self.is_range else None

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def __str__(self) -> str:
        first = _format(self.start, self.precision)
        last = _format(self.end, self.precision)
        return first if first == last else f"{first}/{last}"

    def __repr__(self) -> str:
        return f"Period.parse({str(self)!r})"
