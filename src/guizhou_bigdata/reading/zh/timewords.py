"""Chinese words of time in a sentence, as periods resolved against the publication date.

"2022年2月18日", "2023年1-9月", "前三季度", "上半年", "去年", "截至2023年底",
"“十四五”期间", "近三年", "目前": each becomes a :class:`~..timewords.TimeCue`,
as the English ones do, so the sentence rules give each figure the cue nearest
it. A period that starts something ("2014年以来", "去年8月起") is of kind
"since": a streak after it starts there. A period a figure is compared with
("比上年增长", "较2020年提升", "与去年同期相比", "是2015年的2.5倍") is a base,
not the figure's period.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

import attrs

from ...core.periods import Period, Precision
from ..lazy import once
from ..lexicon import lexicon
from ..timewords import TimeCue, month_period, now_period, year_period
from .lexicon import ZhLexicon, zh_lexicon
from .numerals import chinese_value

__all__ = ["zh_time_cues"]

_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_YEAR = r"(?P<{name}>[12１２][0-9０-９]{{3}}|[〇零○一二三四五六七八九]{{4}})"
_MONTH = r"(?P<{name}>1[0-2]|0?[1-9]|１[０-２]|０?[１-９]|十[一二]?|[一二三四五六七八九])"
_DAY = (
    r"(?P<{name}>3[01]|[12][0-9]|0?[1-9]|３[０１]|[１２][０-９]|０?[１-９]"
    r"|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
)
_TO = r"\s*(?:至|到|-|—|–|~|～|－)\s*"
_SP = r"[ \t]?"
"""A space some texts put between a number and 年, 月, 日 ("在 2022 年 9 月")."""
_COUNT = r"(?P<n>[0-9０-９]{1,2}|[一二两三四五六七八九十]{1,3})"


_NOT_ROC_BEFORE = "有近逾达超去过了满续约共计用"
"""Before "100年" these make it a span ("已有100年", "过去100年", "连续100年"), no year
of the Republic of China."""


def _y(name: str = "year") -> str:
    return _YEAR.format(name=name)


def _m(name: str = "month") -> str:
    return _MONTH.format(name=name)


def _d(name: str = "day") -> str:
    return _DAY.format(name=name)


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@attrs.frozen
class _Patterns:
    day_range: re.Pattern[str]
    full_date: re.Pattern[str]
    month_range_year: re.Pattern[str]
    month_year: re.Pattern[str]
    relative_month: re.Pattern[str]
    part_year: re.Pattern[str]
    year_range: re.Pattern[str]
    year_list: re.Pattern[str]
    plan: re.Pattern[str]
    by_year: re.Pattern[str]
    since: re.Pattern[str]
    year: re.Pattern[str]
    md_range: re.Pattern[str]
    month_day: re.Pattern[str]
    day_alone: re.Pattern[str]
    report_after: re.Pattern[str]
    report_before: re.Pattern[str]
    ahead_before: re.Pattern[str]
    month_range: re.Pattern[str]
    part: re.Pattern[str]
    month_alone: re.Pattern[str]
    past_years: re.Pattern[str]
    years_ago: re.Pattern[str]
    relative: re.Pattern[str]
    now: re.Pattern[str]
    base_before: re.Pattern[str]
    base_after: re.Pattern[str]
    this_and_next: re.Pattern[str]
    minguo: re.Pattern[str]
    times_after: re.Pattern[str]


def _compile(lex: ZhLexicon) -> _Patterns:
    parts = _alt([*lex.halves, *lex.quarters, *lex.first_quarters, *lex.year_end, "全年"])
    first_months = rf"[前首]{_COUNT}个?月"  # "前10个月"; "前10月", "首七个月" in HK and Taiwan
    part = rf"(?P<part>{parts}|{first_months})"
    relative = _alt(lex.relative_years)
    plans = _alt(lex.plans)
    plan_parts = _alt([*lex.plan_ranges, *lex.plan_ends, *lex.plan_firsts])
    return _Patterns(
        day_range=re.compile(
            rf"{_y()}{_SP}年{_SP}{_m()}{_SP}月{_d()}{_SP}[日号]?{_TO}{_d('day2')}{_SP}[日号]"
        ),
        full_date=re.compile(rf"{_y()}{_SP}年{_SP}{_m()}{_SP}月{_d()}{_SP}[日号]"),
        month_range_year=re.compile(
            rf"{_y()}{_SP}年{_SP}{_m()}(?:{_SP}月份?)?{_TO}{_m('month2')}{_SP}月份?"
        ),
        month_year=re.compile(
            rf"(?:自|从)?{_y()}{_SP}年{_SP}{_m()}{_SP}月份?(?:底|末|初|上旬|中旬|下旬)?(?P<since>以来|起|至今)?"
        ),
        relative_month=re.compile(
            rf"(?:自|从)?(?P<relative>{relative})的?{_m()}{_SP}月份?(?:底|末|初|上旬|中旬|下旬)?"
            rf"(?P<since>以来|起|至今)?"
        ),
        part_year=re.compile(rf"{_y()}{_SP}年{_SP}度?{part}"),
        year_range=re.compile(rf"(?:从|自)?{_y()}(?:{_SP}年)?{_TO}{_y('year2')}{_SP}年"),
        year_list=re.compile(
            rf"{_y()}{_SP}年{_SP}(?:(?:、|和|及|与){_y('more')}{_SP}年)*(?:、|和|及|与){_y('year2')}{_SP}年"
        ),
        plan=re.compile(
            rf"(?P<by>到|至|截至)?[“\"「‘]?(?P<plan>{plans})[”\"」’]?(?:规划)?(?P<plan_part>{plan_parts})"
        ),
        by_year=re.compile(
            rf"(?P<by>截至|截止到?|到|至){_y()}{_SP}年{_SP}(?:底|末|年底|年末)?(?!前|[0-9０-９])"
        ),
        since=re.compile(rf"(?:自|从)?{_y()}{_SP}年{_SP}(?:以来|至今|起)"),
        year=re.compile(rf"{_y()}{_SP}年{_SP}(?:度|底|末|初)?"),
        md_range=re.compile(
            rf"(?<![0-9０-９]){_m()}{_SP}月{_d()}{_SP}[日号]?{_TO}{_d('day2')}{_SP}[日号]"
        ),
        month_day=re.compile(rf"(?<![0-9０-９年]){_m()}{_SP}月{_d()}{_SP}[日号]"),
        day_alone=re.compile(rf"(?<![0-9０-９月.．]){_d()}{_SP}日"),
        report_after=re.compile(rf"[，,\s]?(?:{_alt(lex.report_after)})"),
        report_before=re.compile(rf"(?:{_alt(lex.report_before)})\s*$"),
        ahead_before=re.compile(rf"(?:{_alt(lex.ahead_before)})\s*$"),
        month_range=re.compile(
            rf"(?<![0-9０-９.]){_m()}(?:{_SP}月份?)?{_TO}{_m('month2')}{_SP}月份?"
        ),
        # "上年末" is one word (the relative year's end): its 年末 is no part of its own.
        part=re.compile(rf"(?P<relative>{relative})?(?<![上去今本明]){part}"),
        month_alone=re.compile(rf"(?<![0-9０-９.个]){_m()}{_SP}月份?(?:底|末|初|上旬|中旬|下旬)?"),
        years_ago=re.compile(
            rf"(?<![0-9０-９一二两三四五六七八九十]){_COUNT}{_SP}年前(?![0-9０-９一二两三四五六七八九十个])"
        ),
        past_years=re.compile(
            rf"(?P<pre>近|最近|过去|前)?(?<![0-9０-９]){_COUNT}{_SP}年(?P<post>以来|来|间|累计)?"
        ),
        relative=re.compile(
            rf"(?<![0-9０-９一二两三四五六七八九十百几多数半])(?:{relative})(?:底|末|初|年底|年末)?"
        ),
        now=re.compile(_alt(lex.now_words)),
        base_before=re.compile(rf"(?:{_alt(lex.base_before)})(?:上年|去年)?$"),
        base_after=re.compile(rf"(?:{_alt(lex.base_after)})"),
        times_after=re.compile(r"的?[0-9０-９.．一二两三四五六七八九十]+倍"),
        this_and_next=re.compile(_alt(lex.this_and_next)),
        minguo=re.compile(
            rf"(?P<prefix>{re.escape(lex.minguo_prefix)})?(?<![0-9０-９.．])(?P<year>[0-9]{{2,3}})"
            rf"{_SP}年{_SP}(?:度|底|末)?{part}?(?!历史|来|间|之久|以来|后|内|前(?![0-9０-９一二两三四五六七八九十]))"
        ),
    )


@once
def _compiled() -> _Patterns:
    return _compile(zh_lexicon())


def _number(written: str) -> int | None:
    plain = written.translate(_FULL_WIDTH)
    if plain.isdigit():
        return int(plain)
    value = chinese_value(plain)
    return None if value is None else int(value)


def _year(written: str) -> int | None:
    year = _number(written)
    first, last = lexicon().year_range
    return year if year is not None and first <= year <= last else None


def _noted(how: str | None, period: Period) -> str | None:
    return None if how is None else f"{how}: {period}"


def _months(year: int, first: int, last: int) -> Period:
    return Period(month_period(year, first).start, month_period(year, last).end, Precision.MONTH)


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def zh_time_cues(
    text: str,
    start: int,
    end: int,
    published: Period,
    context_year: int | None,
    traditional: bool = False,
) -> tuple[TimeCue, ...]:
    """The periods a Chinese sentence ``text[start:end]`` states, in text order.

    ``context_year`` is the year an earlier sentence of the paragraph stated,
    for dates written without a year ("5月24日", "前三季度"). ``traditional``
    says the text is written in traditional characters: there (Taiwan's press)
    "112年" is a year of the Republic of China, 2023, as it is after 民国 anywhere.
    """
    lex = zh_lexicon()
    pat = _compiled()
    taken = bytearray(end - start)
    cues: list[TimeCue] = []
    sentence = text[start:end]
    has_year = "年" in sentence
    has_month = "月" in sentence
    has_part = has_year or has_month or "季" in sentence
    has_plan = "五" in sentence

    def free(a: int, b: int) -> bool:
        return taken.find(1, a - start, b - start) == -1

    def add(match: re.Match[str], period: Period, kind: str, note: str | None = None) -> None:
        a, b = match.span()
        taken[a - start : b - start] = b"\x01" * (b - a)
        cues.append(TimeCue(a, b, period, kind, note))

    def each(pattern: re.Pattern[str], wanted: bool = True) -> list[re.Match[str]]:
        if not wanted:
            return []
        return [m for m in pattern.finditer(text, start, end) if free(*m.span())]

    stated = (
        next(
            (y for m in pat.year.finditer(text, start, end) if (y := _year(m["year"])) is not None),
            None,
        )
        if has_year
        else None
    )

    def year_for(month: int, at: int = -1) -> tuple[int, str]:
        """The year of a month written without one (at ``at``), and how it was chosen."""
        if stated is not None:
            return stated, f"the year {stated} the sentence states"
        if context_year is not None:
            return context_year, f"the year {context_year} stated earlier in the paragraph"
        year = published.start.year
        dated = published.precision is not Precision.YEAR
        if at >= 0 and pat.ahead_before.search(text, max(start, at - 3), at):
            if dated and month < published.start.month:
                year += 1  # "将于3月" in an article of October: next March
            return year, f"the next such month from publication ({published}), being ahead"
        if dated and month > published.start.month:
            year -= 1
        return year, f"the latest such month at publication ({published})"

    def relative_year(word: str) -> tuple[int, str]:
        year = published.start.year + lex.relative_years[word]
        return year, f"{word!r} in an article published {published}"

    def add_month(match: re.Match[str], y: int, m: int, how: str | None) -> None:
        """A month, or with 以来 the months from it to publication."""
        if not match["since"]:
            add(match, month_period(y, m), "date", _noted(how, month_period(y, m)))
            return
        now = now_period(published)
        if month_period(y, m).start > now.start:
            return
        period = Period(month_period(y, m).start, now.end, Precision.MONTH)
        note = f"{match.group()!r} in an article published {published}"
        add(match, period, "since", _noted(note, period))

    def month(written: str) -> int | None:
        value = _number(written)
        return value if value is not None and 1 <= value <= 12 else None

    for match in each(pat.minguo, has_year and (traditional or lex.minguo_prefix in sentence)):
        roc_written = int(match["year"])
        roc_year = roc_written + lex.minguo_offset
        roc_first, roc_last = lex.minguo_years
        if not (match["prefix"] or traditional) or not roc_first <= roc_written <= roc_last:
            continue
        roc_before = text[match.start() - 1] if match.start() > start else ""
        if roc_year > published.end.year + 5 or (roc_before and roc_before in _NOT_ROC_BEFORE):
            continue  # "已有112年" is a span; a year far ahead is no date
        roc_period: Period | None = year_period(roc_year)
        if match["part"]:
            roc_period = _part(lex, match["part"], roc_year)
        if roc_period is None:
            continue
        if stated is None:
            stated = roc_year
        roc_how = f"{match.group()!r}, a year of the Republic of China"
        add(match, roc_period, "range" if match["part"] else "year", _noted(roc_how, roc_period))
    for match in each(pat.this_and_next, "明" in sentence):
        this_year = published.start.year
        pair = (year_period(this_year), year_period(this_year + 1))
        a, b = match.span()
        taken[a - start : b - start] = b"\x01" * (b - a)
        pair_note = (
            f"{match.group()!r} in an article published {published}: {this_year} and "
            f"{this_year + 1}"
        )
        pair_span = Period(pair[0].start, pair[1].end, Precision.YEAR)
        cues.append(TimeCue(a, b, pair_span, "list", pair_note, periods=pair))
    for match in each(pat.day_range, has_year and has_month):
        y, m = _year(match["year"]), month(match["month"])
        first, last = _number(match["day"]), _number(match["day2"])
        if y and m and first and last and first < last <= calendar.monthrange(y, m)[1]:
            add(match, Period(dt.date(y, m, first), dt.date(y, m, last), Precision.DAY), "date")
    for match in each(pat.full_date, has_year and has_month):
        y, m, d = _year(match["year"]), month(match["month"]), _number(match["day"])
        day = _day(y, m, d) if y and m and d else None
        if day is not None:
            add(match, Period(day, day, Precision.DAY), "date")
    for match in each(pat.month_range_year, has_year and has_month):
        y, first, last = _year(match["year"]), month(match["month"]), month(match["month2"])
        if y and first and last and first < last:
            add(match, _months(y, first, last), "range")
    for match in each(pat.month_year, has_year and has_month):
        y, m = _year(match["year"]), month(match["month"])
        if y and m:
            add_month(match, y, m, None)
    for match in each(pat.relative_month, has_month):
        m = month(match["month"])
        if m:
            y, how = relative_year(match["relative"])
            add_month(match, y, m, how)
    for match in each(pat.part_year, has_year):
        y = _year(match["year"])
        period = _part(lex, match["part"], y) if y else None
        if period is not None:
            add(match, period, "range")
    for match in each(pat.year_range, has_year):
        first_year, last_year = _year(match["year"]), _year(match["year2"])
        if first_year and last_year and first_year < last_year:
            period = Period(
                year_period(first_year).start, year_period(last_year).end, Precision.YEAR
            )
            add(match, period, "range")
    for match in each(pat.year_list, has_year):
        listed = [_year(y) for y in re.findall(_YEAR.format(name="y"), match.group())]
        years = [y for y in listed if y is not None]
        if len(years) == len(listed) and years == sorted(set(years)):
            periods = tuple(year_period(y) for y in years)
            span = Period(periods[0].start, periods[-1].end, Precision.YEAR)
            a, b = match.span()
            taken[a - start : b - start] = b"\x01" * (b - a)
            cues.append(TimeCue(a, b, span, "list", periods=periods))
    for match in each(pat.plan, has_plan):
        first_year, last_year = lex.plans[match["plan"]]
        piece = match["plan_part"]
        name = match.group().strip()
        if piece in lex.plan_ends:
            period = year_period(last_year)
            kind = "by" if match["by"] else "year"
            add(match, period, kind, _noted(f"{name!r}, the last year of the plan", period))
        elif piece in lex.plan_firsts:
            period = year_period(first_year)
            add(match, period, "year", _noted(f"{name!r}, the first year of the plan", period))
        elif piece == "以来":
            last = max(first_year, published.start.year)
            period = Period(year_period(first_year).start, year_period(last).end, Precision.YEAR)
            how = f"{name!r} in an article published {published}"
            add(match, period, "since", _noted(how, period))
        else:
            period = Period(
                year_period(first_year).start, year_period(last_year).end, Precision.YEAR
            )
            add(match, period, "range", _noted(f"{name!r}, the years of the plan", period))
    for match in each(pat.by_year, has_year):
        y = _year(match["year"])
        if y:
            period = year_period(y)
            what = "the target year" if period.start > published.end else "the year it held by"
            add(match, period, "by", _noted(f"{match.group()!r}, {what}", period))
    for match in each(pat.since, has_year):
        y = _year(match["year"])
        if y:
            last = max(y, published.start.year)
            period = Period(year_period(y).start, year_period(last).end, Precision.YEAR)
            how = f"{match.group()!r} in an article published {published}"
            add(match, period, "since", _noted(how, period))
    for match in each(pat.year, has_year):
        y = _year(match["year"])
        if y:
            add(match, year_period(y), "year")
    for match in each(pat.md_range, has_month):
        m = month(match["month"])
        first, last = _number(match["day"]), _number(match["day2"])
        if m and first and last:
            y, how = year_for(m, match.start())
            if first < last <= calendar.monthrange(y, m)[1]:
                period = Period(dt.date(y, m, first), dt.date(y, m, last), Precision.DAY)
                note = _noted(f"{match.group()!r} without a year, taken in {how}", period)
                add(match, period, "date", note)
    for match in each(pat.month_day, has_month):
        m, d = month(match["month"]), _number(match["day"])
        if m and d:
            y, how = year_for(m, match.start())
            day = _day(y, m, d)
            if day is not None:
                period = Period(day, day, Precision.DAY)
                note = _noted(f"{match.group()!r} without a year, taken in {how}", period)
                add(match, period, "date", note)
    for match in each(pat.day_alone, "日" in sentence):
        d = _number(match["day"])
        if d:
            y, m = published.start.year, published.start.month
            if published.precision is not Precision.DAY or d > published.start.day:
                y, m = (y, m - 1) if m > 1 else (y - 1, 12)
            day = _day(y, m, d)
            if day is not None:
                period = Period(day, day, Precision.DAY)
                how = f"{match.group()!r} without a month, taken in the latest such month"
                add(match, period, "date", _noted(how, period))
    for match in each(pat.month_range, has_month):
        first, last = month(match["month"]), month(match["month2"])
        if first and last and first < last:
            y, how = year_for(last, match.start())
            period = _months(y, first, last)
            note = _noted(f"{match.group()!r} without a year, taken in {how}", period)
            add(match, period, "range", note)
    for match in each(pat.part, has_part):
        written = match["part"]
        if match["relative"]:
            y, how = relative_year(match["relative"])
        else:
            last_month = _last_month(lex, written)
            if last_month is None:
                continue
            # A half or a quarter under way at publication is the current one
            # ("下半年" in November): its first month decides, not its last.
            y, how = year_for(_first_month(lex, written) or last_month)
            how = f"{written!r} without a year, taken in {how}"
        period = _part(lex, written, y)
        if period is not None:
            add(match, period, "range", _noted(how, period))
    for match in each(pat.month_alone, has_month):
        m = month(match["month"])
        if m:
            y, how = year_for(m, match.start())
            period = month_period(y, m)
            note = _noted(f"{match.group()!r} without a year, taken in {how}", period)
            add(match, period, "date", note)
    for match in each(pat.years_ago, has_year):
        count = _number(match["n"])
        if not count or count > 50:
            continue
        period = year_period(published.start.year - count)
        how = f"{match.group()!r} in an article published {published}"
        add(match, period, "year", _noted(how, period))  # "十年前的全国第26位": 2011's
    for match in each(pat.past_years, has_year):
        count = _number(match["n"])
        if not (match["pre"] or match["post"]) or not count or count > 50:
            continue
        last_year = published.start.year - 1
        period = Period(
            year_period(last_year - count + 1).start, year_period(last_year).end, Precision.YEAR
        )
        how = (
            f"{match.group()!r} in an article published {published}, the {count} years to "
            f"{last_year}"
        )
        add(match, period, "past", _noted(how, period))
    for match in each(pat.relative, has_year):
        word = next(
            w
            for w in sorted(lex.relative_years, key=len, reverse=True)
            if match.group().startswith(w)
        )
        y, how = relative_year(word)
        add(match, year_period(y), "relative", _noted(how, year_period(y)))
    for match in each(pat.now):
        period = now_period(published)
        how = f"{match.group()!r} in an article published {published}"
        add(match, period, "now", _noted(how, period))
    found = (
        _as_report(text, start, end, published, _as_base(text, start, end, c, pat), pat)
        for c in cues
    )
    return tuple(sorted(found, key=lambda c: c.start))


def _as_report(
    text: str, start: int, end: int, published: Period, cue: TimeCue, pat: _Patterns
) -> TimeCue:
    """The date of the report ("7月10日，记者从…获悉", "贵阳11月2日电"): a figure it
    dates is as of publication, so it is taken as "now", the month of publication."""
    if cue.kind != "date" or cue.period.precision is not Precision.DAY:
        return cue
    after = pat.report_after.match(text, cue.end, min(end, cue.end + 8))
    before = pat.report_before.search(text, max(start, cue.start - 4), cue.start)
    if (
        after is None
        and before is None
        and not (
            _opens_the_news(text, start, cue, published)
            and pat.report_after.search(text, cue.end, end) is not None
        )
    ):
        return cue
    period = now_period(published)
    note = f"{text[cue.start : cue.end]!r}, the date of the report: {period}"
    return TimeCue(cue.start, cue.end, period, "now", note)


_NEWS_DAYS = 10
"""How many days before publication a day opening a sentence may be the news's own day."""
_DATELINE_ENDS = ("电", "讯", ")", "）", "】")
"""What ends a dateline before a sentence ("人民网贵阳1月25日电（记者 …）")."""


def _opens_the_news(text: str, start: int, cue: TimeCue, published: Period) -> bool:
    """A day opening its sentence, before a comma, in the days just before publication
    ("1月19日，省人民代表大会开幕，省长作报告指出…"): with a word of reporting later in the
    sentence, the day of the meeting or briefing the article reports, not a period of
    the figures said there (a total, a target)."""
    opening = text[start : cue.start].strip()
    if (opening and not opening.endswith(_DATELINE_ENDS)) or not text.startswith(
        ("，", ","), cue.end
    ):
        return False
    day = cue.period.start
    return published.start - dt.timedelta(days=_NEWS_DAYS) <= day <= published.end


def _first_month(lex: ZhLexicon, written: str) -> int | None:
    """The first month of a single half or quarter ("下半年": 7), else None."""
    if written in lex.halves:
        return lex.halves[written] * 6 - 5
    if written in lex.quarters:
        return lex.quarters[written] * 3 - 2
    return None


def _last_month(lex: ZhLexicon, written: str) -> int | None:
    if written in lex.halves:
        return lex.halves[written] * 6
    if written in lex.quarters:
        return lex.quarters[written] * 3
    if written in lex.first_quarters:
        return lex.first_quarters[written] * 3
    if written == "全年" or written in lex.year_end:
        return 12
    count = _number(written[1:].removesuffix("月").removesuffix("个"))  # "前10个月", "前10月"
    return count if count is not None and 1 <= count <= 12 else None


def _part(lex: ZhLexicon, written: str, year: int) -> Period | None:
    """A part of ``year``: a half, a quarter, the first quarters or months, the whole year."""
    if written in lex.halves:
        half = lex.halves[written]
        return _months(year, half * 6 - 5, half * 6)
    if written in lex.quarters:
        quarter = lex.quarters[written]
        return _months(year, quarter * 3 - 2, quarter * 3)
    if written in lex.first_quarters:
        return _months(year, 1, lex.first_quarters[written] * 3)
    if written == "全年" or written in lex.year_end:
        return year_period(year)
    last = _last_month(lex, written)
    return None if last is None else _months(year, 1, last)


def _as_base(text: str, start: int, end: int, cue: TimeCue, pat: _Patterns) -> TimeCue:
    """A period a figure is compared with ("比上年", "较2020年", "与去年同期相比") is a base."""
    if cue.kind in ("now", "list"):
        return cue
    before = pat.base_before.search(text, max(start, cue.start - 4), cue.start)
    after = pat.base_after.match(text, cue.end, min(end, cue.end + 4))
    times = pat.times_after.match(text, cue.end, min(end, cue.end + 12))  # "是2015年的2.5倍"
    if before is not None or after is not None or times is not None:
        return attrs.evolve(cue, kind="base")
    return cue
