"""Words of time in a sentence, as periods resolved against the publication date.

"In 2018", "from 2016 to 2020", "On June 3, 2016", "last year", "the past five
years", "so far": each becomes a :class:`TimeCue` with the period it names and
a note saying how a relative one was resolved. The reader then gives each
figure the cue nearest to it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator

import attrs

from ..core.periods import Period, Precision
from .lazy import once
from .lexicon import Lexicon, alternation, lexicon

__all__ = ["TimeCue", "now_period", "time_cues"]


@attrs.frozen
class TimeCue:
    """A period stated in the text: where, which, and how it was resolved.

    ``kind`` is "date", "year", "range", "list", "relative", "past", "now" or
    "by"; a "list" ("in 2014 and 2015") carries its periods in ``periods``.
    ``doubt`` says why the period may be wrong when the publication date is too
    coarse to resolve the words ("last month" in an article dated only 2022).
    """

    start: int
    end: int
    period: Period
    kind: str
    note: str | None = None
    periods: tuple[Period, ...] = ()
    doubt: str | None = None


@attrs.frozen
class _Patterns:
    day_range: re.Pattern[str]
    full_date: re.Pattern[str]
    day_month_year: re.Pattern[str]
    month_range: re.Pattern[str]
    month_dash: re.Pattern[str]
    month_year: re.Pattern[str]
    month_relative: re.Pattern[str]
    month_day: re.Pattern[str]
    day_month: re.Pattern[str]
    month_alone: re.Pattern[str]
    year_range: re.Pattern[str]
    short_year_range: re.Pattern[str]
    day_range_no_year: re.Pattern[str]
    year_list: re.Pattern[str]
    past_years: re.Pattern[str]
    next_years: re.Pattern[str]
    quarter_code: re.Pattern[str]
    relative: re.Pattern[str]
    relative_month: re.Pattern[str]
    now: re.Pattern[str]
    year: re.Pattern[str]
    any_month: re.Pattern[str]
    part_of_year: re.Pattern[str]
    first_months: re.Pattern[str]
    base: re.Pattern[str]
    anaphora: re.Pattern[str]
    year_anaphora: re.Pattern[str]
    any_digit: re.Pattern[str]


_PART_OF_MONTH = r"(?:end|beginning|start|middle|close)"
"""Parts of a month a date may name ("by the end of March"): the month is the period."""


def _compile(lex: Lexicon) -> _Patterns:
    names = []
    for name in lex.months:
        if len(name) > 3 or name == "may":
            names.append(name.capitalize())
        else:
            names.append(name.capitalize() + r"\.?")
    month = "(?P<month>" + "|".join(sorted(names, key=len, reverse=True)) + r")(?![A-Za-z])"
    month2 = month.replace("?P<month>", "?P<month2>")
    year = r"(?P<year>(?:19|20)\d\d)(?![\d,.]\d)"
    year2 = year.replace("?P<year>", "?P<year2>")
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    day2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    number = alternation([*lex.cardinals, "few", "several"])
    relative = alternation([*lex.relative_years, *lex.anaphoric_years])
    return _Patterns(
        day_range=re.compile(
            rf"(?:[Ff]rom\s+)?{month}\s+{day}\s*(?:to|-|–|and)\s*{day2},?\s+{year}"
        ),
        full_date=re.compile(rf"{month}\s+{day},?\s+{year}"),
        day_month_year=re.compile(rf"(?<!\d){day}\s+{month},?\s+{year}"),
        month_range=re.compile(
            rf"(?:[Ff]rom|[Bb]etween)\s+{month}\s+(?:to|and|until|through)\s+{month2}"
            rf"(?:,?\s+{year}|\s+(?:of\s+)?(?P<relative>(?i:{relative}))\b)?"
        ),
        month_dash=re.compile(rf"{month}\s*[-–]\s*{month2}(?:,?\s+{year})?"),
        month_year=re.compile(rf"{month}\s+(?:of\s+)?{year}"),
        month_relative=re.compile(
            rf"{month}\s+(?:of\s+)?(?P<relative>(?i:{alternation(lex.relative_years)}))\b"
        ),
        month_day=re.compile(rf"{month}\s+{day}(?![\d:])"),
        day_month=re.compile(rf"(?<![\d.,])(?P<day>[0-3]?\d)\s+{month}"),
        month_alone=re.compile(
            rf"(?:\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Tt]hrough|[Dd]uring|[Ff]rom|[Tt]o"
            rf"|[Oo]n|[Ss]o far in"
            rf"|[Aa]s\s+of|[Aa]t(?=\s+the\s+{_PART_OF_MONTH}))"
            rf"\s+(?:the\s+{_PART_OF_MONTH}\s+of\s+)?(?:early\s+|late\s+|mid-)?){month}"
        ),
        year_range=re.compile(
            rf"(?:(?:[Ff]rom|(?P<between>[Bb]etween))\s+)?(?:(?:early|late|mid-)\s*)?{year}\s*"
            rf"(?:to|through|until|-|–|—|~|(?(between)and|(?!)))\s*"
            rf"(?:(?:early|late|mid-)\s*)?{year2}"
        ),
        short_year_range=re.compile(
            r"(?<![\d,.])(?P<year>(?:19|20)\d\d)\s*[-–]\s*(?P<end>\d\d)(?![\d,.])"
        ),
        day_range_no_year=re.compile(
            rf"(?:[Ff]rom\s+)?{month}\s+{day}\s*(?:to|-|–)\s*{day2}(?!\d|,?\s+(?:19|20)\d\d)"
        ),
        year_list=re.compile(rf"(?<![\d-]){year}(?:\s*,\s*(?:19|20)\d\d)*\s+and\s+{year2}"),
        past_years=re.compile(
            rf"\b(?:[Ii]n\s+|[Oo]ver\s+|[Dd]uring\s+|[Ff]or\s+)?the\s+(?:past|last|previous)\s+"
            rf"(?P<n>\d+|{number})\s+years\b",
            re.IGNORECASE,
        ),
        quarter_code=re.compile(
            rf"\b(?:[Ii]n\s+|[Dd]uring\s+)?(?:the\s+)?Q(?P<q>[1-4])"
            rf"(?:\s+(?:of\s+)?(?:(?P<relative>{relative})|{year}))?\b"
        ),
        next_years=re.compile(
            rf"\b(?:[Ii]n\s+|[Oo]ver\s+|[Dd]uring\s+|[Ww]ithin\s+|[Ff]or\s+)?the\s+"
            rf"(?:next|coming|following)\s+(?P<n>\d+|{number})\s+years\b",
            re.IGNORECASE,
        ),
        relative=re.compile(rf"\b(?:{relative})\b", re.IGNORECASE),
        relative_month=re.compile(rf"\b(?:{alternation(lex.relative_months)})\b", re.IGNORECASE),
        now=re.compile(rf"\b(?:{alternation(lex.now_words)})\b", re.IGNORECASE),
        any_month=re.compile(month),
        first_months=re.compile(
            rf"\b(?:the\s+)?first\s+(?P<n>\d{{1,2}}|{number})\s+(?P<part>months|quarters)"
            rf"(?:\s+(?:of\s+)?(?:(?P<relative>{relative})|{year}))?",
            re.IGNORECASE,
        ),
        base=re.compile(
            r"\b(?:over|from|than|compared\s+with|compared\s+to|versus)\s+the\s+same\s+period"
            r"\s+(?:of\s+|in\s+)?$"
            r"|\b(?:from|than|compared\s+with|compared\s+to|versus)\s+(?:in\s+|the\s+)?$"
            r"|\bthan\s+(?:that|those)\s+(?:of\s+|in\s+|for\s+|during\s+)?$"
            r"|\b(?:from|than|compared\s+with|compared\s+to|versus)\s+(?:the\s+|its\s+)?"
            r"(?:level|figure|rate|pace)s?\s+(?:of\s+|in\s+|for\s+|during\s+)(?:the\s+)?$"
            # "3.2% higher than the end of the prior year", "from the end of 2018"
            r"|\b(?:from|than|compared\s+with|compared\s+to|versus)\s+(?:at\s+)?the\s+"
            r"(?:end|close|beginning|start)\s+of\s+$"
            # "flat with the prior year", "on par with 2018"
            r"|\b(?:flat|level|unchanged|on\s+par|in\s+line)\s+with\s+$"
            r"|\bthe\s+$",
            re.IGNORECASE,
        ),
        part_of_year=re.compile(
            rf"\b(?:the\s+)?(?P<which>{alternation({*lex.halves, *lex.quarters})})\s+"
            rf"(?P<part>half|quarter)(?:\s+(?:of\s+)?(?:(?P<relative>{relative})|{year}))?",
            re.IGNORECASE,
        ),
        anaphora=re.compile(
            r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in lex.period_anaphora) + r")\b",
            re.IGNORECASE,
        ),
        year_anaphora=re.compile(
            r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in lex.year_anaphora) + r")\b",
            re.IGNORECASE,
        ),
        any_digit=re.compile(r"\d"),
        year=re.compile(
            rf"(?:(?P<by>\b[Bb]y\s+(?:the\s+end\s+of\s+)?)|(?P<since>\b[Ss]ince\s+))?"
            rf"(?<![\d,.\-/:])\b{year}\b(?![\-/:]\d)"
        ),
    )


@once
def _compiled() -> _Patterns:
    return _compile(lexicon())


@functools.lru_cache(maxsize=64)
def now_period(published: Period) -> Period:
    """The period "now" means in an article: its month, or its date if only coarser.

    Kept for the last few publication dates: every sentence of an article asks."""
    if published.precision is Precision.DAY:
        first = published.start.replace(day=1)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return Period(first, last, Precision.MONTH)
    return published


def year_period(year: int) -> Period:
    """The calendar year as a Period."""
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR)


def month_period(year: int, month: int) -> Period:
    """A calendar month as a Period."""
    last = calendar.monthrange(year, month)[1]
    return Period(dt.date(year, month, 1), dt.date(year, month, last), Precision.MONTH)


def _month(lex: Lexicon, name: str) -> int:
    return lex.months[name.rstrip(".").lower()]


@attrs.define
class _Scan:
    """One sentence being searched for time words: what the rules read and what they found.

    The rules of :data:`_TIME_RULES` run in order; a cue takes its span, and a later rule
    skips a match over a span already taken (:meth:`free`).
    """

    text: str
    start: int
    end: int
    published: Period
    context_year: int | None
    previous: TimeCue | None
    lex: Lexicon
    pat: _Patterns
    months: bool
    """Whether the sentence names a month at all: the month rules run only then."""
    digits: bool
    """Whether it holds a digit: the rules of written dates and years run only then."""
    stated: re.Match[str] | None
    """The first year the sentence states, for a month written without one."""
    cues: list[TimeCue] = attrs.Factory(list)
    taken: list[tuple[int, int]] = attrs.Factory(list)
    doubts: dict[int, str] = attrs.Factory(dict)
    """Why a cue may be wrong, by the start of the cue it concerns."""

    def free(self, a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in self.taken)

    def add(self, cue: TimeCue) -> None:
        doubt = self.doubts.pop(cue.start, None)
        if doubt is not None and cue.doubt is None:
            cue = attrs.evolve(cue, doubt=doubt)
        self.cues.append(cue)
        self.taken.append((cue.start, cue.end))

    def find(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        return pattern.finditer(self.text, self.start, self.end)

    def year_for_month(self, month: int, at: int) -> tuple[int, str]:
        """The year of a month written without one, and how it was chosen: the year the
        sentence is dated in, never one it compares with ("in June, up 40 million from
        2019" is June of the year of publication)."""
        if self.stated is not None and (year := self.governing_year(at)) is not None:
            return year, f"the year {year} the sentence states"
        if self.context_year is not None:
            return self.context_year, (
                f"the year {self.context_year} stated earlier in the paragraph"
            )
        published = self.published
        year = published.start.year
        if published.precision is Precision.YEAR:
            self.doubts[at] = (
                f"the article is dated only {published}: the month may be of the year before"
            )
            return year, f"the year of publication ({published}), the article's only date"
        if month > published.start.month:
            year -= 1
        return year, f"the latest such month at publication ({published})"

    def governing_year(self, at: int) -> int | None:
        """The year the sentence (its clause at ``at`` first) is dated in.

        The first year it states, preferring one after "in", "by", "as of"; a year
        the sentence compares with ("the 2020 figure", "than in 2019") is none.
        """
        if not self.digits:
            return None
        text, start, end = self.text, self.start, self.end
        years = [
            (
                m.start("year"),
                int(m["year"]),
                bool(m["by"] or m["since"] or _dating(text, m, start)),
            )
            for m in self.find(self.pat.year)
            if not _is_base(text, start, m.start("year"), m.end("year"), "year", self.pat)
        ]
        first = text.rfind(";", start, at) + 1 or start
        last = text.find(";", at, end)
        last = end if last < 0 else last
        clause = [item for item in years if first <= item[0] < last]
        for group in (clause, years):
            if group:
                return next((y for _, y, dated in group if dated), group[0][1])
        return None

    def relative_year(self, written: str, at: int) -> tuple[int, str]:
        """The year relative words name, and against what they were resolved."""
        lex, published = self.lex, self.published
        words = re.sub(r"\s+", " ", written.lower())
        if words in lex.relative_years:
            return published.start.year + lex.relative_years[words], (
                f" in an article published {published}"
            )
        offset = lex.anaphoric_years[words]
        side = "the year before" if offset < 0 else "the year after" if offset else "the year"
        year = self.governing_year(at)
        if year is not None:
            return year + offset, f", {side} {year}, which the sentence states"
        if self.context_year is not None:
            return self.context_year + offset, (
                f", {side} {self.context_year}, stated earlier in the paragraph"
            )
        return published.start.year + offset, (
            f", with no year stated: {side} that of publication ({published})"
        )

    def year_of(self, match: re.Match[str], month: int) -> tuple[int, str | None]:
        """The year of a span that may state it, name it relatively, or leave it out;
        and the note saying how it was resolved (None when stated)."""
        if match["year"]:
            return int(match["year"]), None
        if match["relative"]:
            year, how = self.relative_year(match["relative"], match.start("relative"))
            return year, f"{match.group().strip()!r}{how}"
        year, how = self.year_for_month(month, match.start())
        return year, f"{match.group().strip()!r} without a year, taken in {how}"


def _day_range(scan: _Scan) -> None:
    """ "June 3-5, 2016": days of a month of a stated year."""
    if not (scan.months and scan.digits):
        return
    for match in scan.find(scan.pat.day_range):
        y, m = int(match["year"]), _month(scan.lex, match["month"])
        first, last = int(match["day"]), int(match["day2"])
        if first < last <= calendar.monthrange(y, m)[1]:
            period = Period(dt.date(y, m, first), dt.date(y, m, last), Precision.DAY)
            scan.add(TimeCue(match.start(), match.end(), period, "date"))


def _day_range_no_year(scan: _Scan) -> None:
    """ "June 3-5": days of a month, the year taken from the sentence or the article."""
    if not (scan.months and scan.digits):
        return
    for match in scan.find(scan.pat.day_range_no_year):
        if not scan.free(match.start(), match.end()):
            continue
        m = _month(scan.lex, match["month"])
        y, how = scan.year_for_month(m, match.start())
        first, last = int(match["day"]), int(match["day2"])
        if first < last <= calendar.monthrange(y, m)[1]:
            period = Period(dt.date(y, m, first), dt.date(y, m, last), Precision.DAY)
            note = _noted(f"{match.group().strip()!r} without a year, taken in {how}", period)
            scan.add(TimeCue(match.start(), match.end(), period, "date", note))


def _full_date(scan: _Scan) -> None:
    """ "June 3, 2016", "3 June 2016": one day."""
    if not (scan.months and scan.digits):
        return
    for pattern in (scan.pat.full_date, scan.pat.day_month_year):
        for match in scan.find(pattern):
            if not scan.free(match.start(), match.end()):
                continue
            day = _date(int(match["year"]), _month(scan.lex, match["month"]), int(match["day"]))
            if day is not None:
                period = Period(day, day, Precision.DAY)
                scan.add(TimeCue(match.start(), match.end(), period, "date"))


def _month_range(scan: _Scan) -> None:
    """ "from January to March 2020", "January-March": months of one year."""
    if not scan.months:
        return
    ranges = (scan.pat.month_range, scan.pat.month_dash)
    for match in (m for pattern in ranges for m in scan.find(pattern)):
        if not scan.free(match.start(), match.end()):
            continue
        first_month = _month(scan.lex, match["month"])
        last_month = _month(scan.lex, match["month2"])
        if match["year"]:
            year, note = int(match["year"]), None
        elif match.re is scan.pat.month_range and match["relative"]:
            year, how = scan.relative_year(match["relative"], match.start("relative"))
            note = f"{match.group().strip()!r}{how}"
        else:
            year, how = scan.year_for_month(last_month, match.start())
            note = f"{match.group().strip()!r} without a year, taken in {how}"
        if first_month <= last_month:
            period = Period(
                month_period(year, first_month).start,
                month_period(year, last_month).end,
                Precision.MONTH,
            )
            scan.add(TimeCue(match.start(), match.end(), period, "range", _noted(note, period)))


def _month_year(scan: _Scan) -> None:
    """ "June 2016": a month of a stated year."""
    if not (scan.months and scan.digits):
        return
    for match in scan.find(scan.pat.month_year):
        if scan.free(match.start(), match.end()):
            period = month_period(int(match["year"]), _month(scan.lex, match["month"]))
            scan.add(TimeCue(match.start(), match.end(), period, "date"))


def _month_relative(scan: _Scan) -> None:
    """ "June this year", "March of last year": a month of a year named relative to publication."""
    if not scan.months:
        return
    for match in scan.find(scan.pat.month_relative):
        if not scan.free(match.start(), match.end()):
            continue
        year, how = scan.relative_year(match["relative"], match.start("relative"))
        period = month_period(year, _month(scan.lex, match["month"]))
        note = _noted(f"{match.group().strip()!r}{how}", period)
        scan.add(TimeCue(match.start(), match.end(), period, "date", note))


def _month_day(scan: _Scan) -> None:
    """ "On October 21", "21 October": a day, the year taken from the sentence or article."""
    if not (scan.months and scan.digits):
        return
    for pattern in (scan.pat.month_day, scan.pat.day_month):
        for match in scan.find(pattern):
            if not scan.free(match.start(), match.end()):
                continue
            month = _month(scan.lex, match["month"])
            year, how = scan.year_for_month(month, match.start())
            day = _date(year, month, int(match["day"]))
            if day is not None:
                period = Period(day, day, Precision.DAY)
                note = _noted(f"{match.group().strip()!r} without a year, taken in {how}", period)
                scan.add(TimeCue(match.start(), match.end(), period, "date", note))


def _year_range(scan: _Scan) -> None:
    """ "from 2016 to 2020", "2016-2020", "2016-20": a span of years."""
    if not scan.digits:
        return
    for match in scan.find(scan.pat.year_range):
        first, last = int(match["year"]), int(match["year2"])
        if scan.free(match.start(), match.end()) and first < last:
            period = Period(year_period(first).start, year_period(last).end, Precision.YEAR)
            scan.add(TimeCue(match.start(), match.end(), period, "range"))
    for match in scan.find(scan.pat.short_year_range):
        first = int(match["year"])
        last = first // 100 * 100 + int(match["end"])
        if scan.free(match.start(), match.end()) and first < last:
            period = Period(year_period(first).start, year_period(last).end, Precision.YEAR)
            scan.add(TimeCue(match.start(), match.end(), period, "range"))


def _year_list(scan: _Scan) -> None:
    """ "in 2014 and 2015": several years, each its own period."""
    if not scan.digits:
        return
    for match in scan.find(scan.pat.year_list):
        if not scan.free(match.start(), match.end()):
            continue
        years = [int(y) for y in re.findall(r"(?:19|20)\d\d", match.group())]
        if years == sorted(set(years)):  # "In 2021 and 2012": no span; each is a year
            periods = tuple(year_period(y) for y in years)
            span = Period(periods[0].start, periods[-1].end, Precision.YEAR)
            scan.add(TimeCue(match.start(), match.end(), span, "list", periods=periods))


def _past_years(scan: _Scan) -> None:
    """ "the past five years": the years before the year of publication."""
    published = scan.published
    for match in scan.find(scan.pat.past_years):
        if not scan.free(match.start(), match.end()):
            continue
        count = _count(scan.lex, match["n"])
        last_year = published.start.year - 1
        if count is None or not 1 <= count < last_year:
            continue  # "the past 3000 years" reaches before the calendar: no period
        period = Period(
            year_period(last_year - count + 1).start, year_period(last_year).end, Precision.YEAR
        )
        note = _noted(
            f"{match.group().strip()!r} in an article published {published}, the {count} "
            f"years to {last_year}",
            period,
        )
        scan.add(TimeCue(match.start(), match.end(), period, "past", note))


def _next_years(scan: _Scan) -> None:
    """ "over the next five years": the years after the year of publication (a plan
    announced in 2020 "for the next five years" runs 2021-2025)."""
    published = scan.published
    for match in scan.find(scan.pat.next_years):
        if not scan.free(match.start(), match.end()):
            continue
        count = _count(scan.lex, match["n"])
        first = published.start.year + 1
        if count is None or not 1 <= count <= 100:
            continue
        period = Period(
            year_period(first).start, year_period(first + count - 1).end, Precision.YEAR
        )
        note = _noted(
            f"{match.group().strip()!r} in an article published {published}, the {count} "
            f"years from {first}",
            period,
        )
        scan.add(TimeCue(match.start(), match.end(), period, "range", note))


def _quarter_code(scan: _Scan) -> None:
    """ "in Q1", "Q3 2023", "Q1 last year": a quarter written as a code."""
    for match in scan.find(scan.pat.quarter_code):
        if not scan.free(match.start(), match.end()):
            continue
        first_month = (int(match["q"]) - 1) * 3 + 1
        year, note = scan.year_of(match, first_month)
        period = Period(
            month_period(year, first_month).start,
            month_period(year, first_month + 2).end,
            Precision.MONTH,
        )
        scan.add(TimeCue(match.start(), match.end(), period, "range", _noted(note, period)))


def _first_months(scan: _Scan) -> None:
    """ "the first five months of 2020", "the first three quarters this year": January to
    the last month they count."""
    for match in scan.find(scan.pat.first_months):
        if not scan.free(match.start(), match.end()):
            continue
        count = _count(scan.lex, match["n"])
        if count is not None and match["part"].lower() == "quarters":
            count *= 3
        if count is None or not 1 <= count <= 12:
            continue
        year, note = scan.year_of(match, count)
        period = Period(month_period(year, 1).start, month_period(year, count).end, Precision.MONTH)
        scan.add(TimeCue(match.start(), match.end(), period, "range", _noted(note, period)))


def _part_of_year(scan: _Scan) -> None:
    """ "the first half of 2023", "the third quarter of last year"."""
    for match in scan.find(scan.pat.part_of_year):
        if not scan.free(match.start(), match.end()):
            continue
        which = match["which"].lower()
        length = 6 if match["part"].lower() == "half" else 3
        number = (scan.lex.halves if length == 6 else scan.lex.quarters).get(which)
        if number is None:
            continue
        first_month = (number - 1) * length + 1
        year, note = scan.year_of(match, first_month)
        period = Period(
            month_period(year, first_month).start,
            month_period(year, first_month + length - 1).end,
            Precision.MONTH,
        )
        scan.add(TimeCue(match.start(), match.end(), period, "range", _noted(note, period)))


def _relative_year(scan: _Scan) -> None:
    """ "last year", "the following year": a year relative to publication or the sentence."""
    for match in scan.find(scan.pat.relative):
        if not scan.free(match.start(), match.end()):
            continue
        year, how = scan.relative_year(match.group(), match.start())
        note = _noted(f"{match.group()!r}{how}", year_period(year))
        scan.add(TimeCue(match.start(), match.end(), year_period(year), "relative", note))


def _relative_month(scan: _Scan) -> None:
    """ "last month": a month relative to publication, in doubt if that has no month."""
    published = scan.published
    for match in scan.find(scan.pat.relative_month):
        if not scan.free(match.start(), match.end()):
            continue
        offset = scan.lex.relative_months[re.sub(r"\s+", " ", match.group().lower())]
        written = f"{match.group()!r} in an article published {published}"
        if published.precision is Precision.YEAR:
            note = _noted(
                f"{written}: the month cannot be told, the year of publication", published
            )
            doubt = f"{match.group()!r} names a month, and the article is dated only {published}"
            scan.add(TimeCue(match.start(), match.end(), published, "relative", note, doubt=doubt))
            continue
        index = published.start.year * 12 + published.start.month - 1 + offset
        period = month_period(index // 12, index % 12 + 1)
        scan.add(TimeCue(match.start(), match.end(), period, "relative", _noted(written, period)))


def _month_alone(scan: _Scan) -> None:
    """ "in March": a month, the year taken from the sentence or the article."""
    if not scan.months:
        return
    for match in scan.find(scan.pat.month_alone):
        if not scan.free(match.start("month"), match.end("month")):
            continue
        month = _month(scan.lex, match["month"])
        year, how = scan.year_for_month(month, match.start("month"))
        period = month_period(year, month)
        note = _noted(f"{match['month']!r} without a year, taken in {how}", period)
        scan.add(TimeCue(match.start("month"), match.end("month"), period, "date", note))


_SINCE_CLAUSE = re.compile(r"\b[Ss]ince\s+(?!\d)[^,;.:\n]{0,80}\bin\s+$")
"""A clause of since before a year: "Since it opened in 2015, ..." counts from 2015, as
"since 2015" does."""


def _year(scan: _Scan) -> None:
    """ "in 2018", "by 2025" (a target or the year held by), "since 2015" (to publication),
    "since it opened in 2015" (the same)."""
    if not scan.digits:
        return
    published = scan.published
    for match in scan.find(scan.pat.year):
        if not scan.free(match.start("year"), match.end("year")):
            continue
        year = int(match["year"])
        since_clause = _SINCE_CLAUSE.search(
            scan.text, max(scan.start, match.start() - 90), match.start()
        )
        if match["since"] or since_clause is not None:
            last = max(year, published.start.year)
            period = Period(year_period(year).start, year_period(last).end, Precision.YEAR)
            note = _noted(f"'since {year}' in an article published {published}", period)
            scan.add(TimeCue(match.start(), match.end(), period, "range", note))
        else:
            period = year_period(year)
            if match["by"]:
                what = "the target year" if period.start > published.end else "the year it held by"
                note = _noted(f"{match.group().strip()!r}, {what}", period)
                scan.add(TimeCue(match.start(), match.end(), period, "by", note))
            else:
                scan.add(TimeCue(match.start(), match.end(), period, "year"))


def _anaphora(scan: _Scan) -> None:
    """ "during that period": the period stated before the sentence (not a single day: a
    day is an event's or a dateline's, no period figures are summed over)."""
    previous = scan.previous
    if previous is None or previous.period.precision is Precision.DAY:
        return
    for match in scan.find(scan.pat.anaphora):
        if scan.free(match.start(), match.end()):
            note = _noted(f"{match.group()!r}, the period stated before it", previous.period)
            scan.add(TimeCue(match.start(), match.end(), previous.period, "range", note))


def _year_anaphora(scan: _Scan) -> None:
    """ "in the year", "that year": the year of the period stated before the sentence."""
    previous = scan.previous
    if previous is None:
        return
    for match in scan.find(scan.pat.year_anaphora):
        if scan.free(match.start(), match.end()):
            period = year_period(previous.period.end.year)
            note = _noted(f"{match.group()!r}, the year of the period stated before it", period)
            scan.add(TimeCue(match.start(), match.end(), period, "year", note))


def _now(scan: _Scan) -> None:
    """ "so far", "currently": the month of publication, in doubt if it has no month."""
    published = scan.published
    for match in scan.find(scan.pat.now):
        if scan.free(match.start(), match.end()):
            period = now_period(published)
            note = _noted(f"{match.group()!r} in an article published {published}", period)
            finer: str | None = None
            if published.precision is Precision.YEAR and (
                re.sub(r"\s+", " ", match.group().lower()) in scan.lex.now_finer
            ):
                finer = (
                    f"{match.group()!r} names a month or a day, and the article is dated only "
                    f"{published}"
                )
            scan.add(TimeCue(match.start(), match.end(), period, "now", note, doubt=finer))


_TIME_RULES: tuple[tuple[str, Callable[[_Scan], None]], ...] = (
    ("day_range", _day_range),
    ("day_range_no_year", _day_range_no_year),
    ("full_date", _full_date),
    ("month_range", _month_range),
    ("month_year", _month_year),
    ("month_relative", _month_relative),
    ("month_day", _month_day),
    ("year_range", _year_range),
    ("year_list", _year_list),
    ("past_years", _past_years),
    ("next_years", _next_years),
    ("quarter_code", _quarter_code),
    ("first_months", _first_months),
    ("part_of_year", _part_of_year),
    ("relative_year", _relative_year),
    ("relative_month", _relative_month),
    ("month_alone", _month_alone),
    ("year", _year),
    ("anaphora", _anaphora),
    ("year_anaphora", _year_anaphora),
    ("now", _now),
)
"""The rules of time words, by name, in the order they run: the more precise first, so
that "June 3, 2016" is one date before "June 2016" or "2016" can take part of it."""


def time_cues(
    text: str,
    start: int,
    end: int,
    published: Period,
    context_year: int | None,
    previous: TimeCue | None = None,
) -> tuple[TimeCue, ...]:
    """The periods stated between ``start`` and ``end`` of ``text``.

    ``context_year`` is the year an earlier sentence of the paragraph stated,
    for dates written without one ("On October 21"); ``previous`` the last
    period stated before the sentence, for "during that period".
    """
    pat = _compiled()
    digits = pat.any_digit.search(text, start, end) is not None
    scan = _Scan(
        text,
        start,
        end,
        published,
        context_year,
        previous,
        lexicon(),
        pat,
        months=pat.any_month.search(text, start, end) is not None,
        digits=digits,
        stated=pat.year.search(text, start, end) if digits else None,
    )
    for _, rule in _TIME_RULES:
        rule(scan)
    cues = (_as_dateline(text, published, _as_base(text, start, cue, pat)) for cue in scan.cues)
    return tuple(sorted(cues, key=lambda c: c.start))


def as_month(cue: TimeCue) -> TimeCue:
    """A day's cue as its month: an event's figures are of its month, not of one day."""
    if cue.period.precision is not Precision.DAY:
        return cue
    period = month_period(cue.period.start.year, cue.period.start.month)
    stated = cue.note or str(cue.period)
    return attrs.evolve(cue, period=period, note=f"{stated}; the event's month: {period}")


_DATELINE_AFTER = re.compile(r"\s*\((?:[A-Z][\w.]*)(?:\s[A-Z][\w.]*){0,3}\)\s*(?:--|—|–|-)")
"""After the day of a dateline: "GUIYANG, Aug. 28 (Xinhua) --"."""


def _as_dateline(text: str, published: Period, cue: TimeCue) -> TimeCue:
    """The day of a dateline ("GUIYANG, Aug. 28 (Xinhua) --") is the day the news was
    filed, no period of its figures: they are as of publication, its month."""
    if cue.kind != "date" or cue.period.precision is not Precision.DAY:
        return cue
    if _DATELINE_AFTER.match(text, cue.end) is None:
        return cue
    period = now_period(published)
    note = f"{text[cue.start : cue.end]!r}, the day of the dateline: {period}"
    return TimeCue(cue.start, cue.end, period, "now", note)


def _noted(how: str | None, period: Period) -> str | None:
    """A period note: what was read and how, then the period it resolved to, as it prints.

    None for a period stated in full ("the first half of 2023"): nothing was resolved.
    """
    return None if how is None else f"{how}: {period}"


def _as_base(text: str, start: int, cue: TimeCue, pat: _Patterns) -> TimeCue:
    """A period a figure is compared with ("up 5 percent over the same period last year",
    "1.3 times the 2015 level", "up 10 percent on the previous year") is a base, not the
    figure's period."""
    if cue.kind in ("now", "list"):
        return cue
    if _is_base(text, start, cue.start, cue.end, cue.kind, pat):
        return attrs.evolve(cue, kind="base")
    return cue


_DATING = re.compile(
    r"\b(?:in|as\s+of|during|for|throughout|at\s+the\s+end\s+of|by\s+the\s+end\s+of)\s+$",
    re.IGNORECASE,
)
"""Words that date a sentence by the year after them ("In 2023 output was ...")."""

_LEVEL = re.compile(
    r"\s+(?:level|figure)s?\b(?!\s+(?:is|was|are|were|stood|stands|reached|reaches)\b)",
    re.IGNORECASE,
)
"""After "the YEAR": a base ("double the 2020 figure"), unless it is the subject."""

_CHANGE_ON = re.compile(
    r"(?:\d|%|\b(?:percent|per\s+cent|points?|times|fold|rise|increase|growth|drop|fall"
    r"|decline|up|down|higher|lower|more|less|fewer))\s+(?:on|over)\s+$",
    re.IGNORECASE,
)
"""A change measured "on" or "over" a relative year: "up 10 percent on the previous year"."""


def _dating(text: str, match: re.Match[str], start: int) -> bool:
    return (
        _DATING.search(text, max(start, match.start("year") - 24), match.start("year")) is not None
    )


def _is_base(
    text: str, start: int, cue_start: int, cue_end: int, kind: str, pat: _Patterns
) -> bool:
    """True when the period at ``cue_start`` is one a figure is compared with."""
    window = max(start, cue_start - 40)
    if kind == "relative" and _CHANGE_ON.search(text, window, cue_start):
        return True
    before = pat.base.search(text, window, cue_start)
    if before is None:
        return False
    return before.group().strip().lower() != "the" or bool(
        _LEVEL.match(text[cue_end : cue_end + 40])
    )


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _count(lex: Lexicon, written: str) -> int | None:
    if written.isdigit():
        return int(written)
    return lex.cardinals.get(written.lower())
