"""``read_figures``: an article's text in, the figures a careful reader would note out.

The work per character is the same however long the text and however it is
laid out: every rule looks only within its sentence, an over-long sentence (a
table on one line) is read in pieces (:data:`~.document.MAX_SENTENCE`), and
what all figures of a sentence share (its clauses, its names, where its quotes
may be cut) is worked out once per sentence.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import TYPE_CHECKING

from ..core.periods import Period, Precision
from .document import sentences
from .engine import MAX_QUOTE, UNREADABLE, SentenceReader, SetAside
from .guesses import guesser
from .lazy import once
from .lexicon import lexicon
from .model import Reading
from .rules import patterns
from .scanner import Numeral, NumeralCursor, NumeralKind
from .timewords import TimeCue, as_month
from .zh.language import is_chinese

if TYPE_CHECKING:
    from ..store.registry import Registry

__all__ = ["MAX_QUOTE", "SetAside", "numbers_set_aside", "read_figures"]


def _published(published: dt.date | Period) -> Period:
    if isinstance(published, Period):
        when = published
    elif isinstance(published, dt.datetime):
        when = Period(published.date(), published.date(), Precision.DAY)
    elif isinstance(published, dt.date):
        when = Period(published, published, Precision.DAY)
    else:
        raise TypeError(
            f"published must be a datetime.date (or a Period when only the month or year is "
            f"known), got {published!r}"
        )
    if not 2 <= when.start.year <= 9998:  # "last year" and "next year" stay in the calendar
        raise ValueError(f"published {when} is out of range: give a year from 2 to 9998")
    return when


def read_figures(
    text: str, *, published: dt.date | Period, registry: Registry | None = None
) -> tuple[Reading, ...]:
    """Every figure ``text`` states, read as a careful reader would, in text order.

    ``published`` is the date relative words ("last year", "so far") resolve
    against; a :class:`~guizhou_bigdata.Period` may be given when only the month
    or the year of publication is known. ``registry`` supplies the metric
    catalogue and the entities for the metric and subject guesses (the bundled
    registry when None). No text makes it raise: a number it cannot settle is
    listed by :func:`numbers_set_aside` with why.
    """
    return read(text, published, registry)[0]


def numbers_set_aside(
    text: str, *, published: dt.date | Period, registry: Registry | None = None
) -> tuple[SetAside, ...]:
    """The numbers of ``text`` that :func:`read_figures` does not draft, each with its reason.

    A reviewer reads these to check that no figure was missed: dates, years,
    numbers inside names, time frames, vague magnitudes, ordinals that rank
    nothing, and numbers the reader could not settle (rule ``unreadable``: a
    numeral longer than a quote, a figure whose words hold a control character).
    """
    return read(text, published, registry)[1]


def read(
    text: str, published: dt.date | Period, registry: Registry | None = None
) -> tuple[tuple[Reading, ...], tuple[SetAside, ...]]:
    """The readings and the numbers set aside, from one reading of ``text``."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    when = _published(published)
    if registry is None:
        from ..store.default import default_registry

        registry = default_registry()
    guess = guesser(registry)
    lex = lexicon()
    pat = patterns()
    # The English scanner's numerals, found on the first sentence that needs them:
    # Chinese sentences are scanned by the Chinese scanner, so a text all in Chinese
    # is never scanned twice.
    numerals: NumeralCursor | None = None
    readings: list[Reading] = []
    set_aside: list[SetAside] = []
    carried: TimeCue | None = None
    last_stated: TimeCue | None = None
    inherited = False
    event_day: TimeCue | None = None  # the last day stated, which an event may have taken
    paragraph = -1
    for sentence in sentences(text):
        if sentence.paragraph != paragraph:
            paragraph, carried = sentence.paragraph, _carried_on(last_stated, when)
            inherited = carried is not None
        inside: list[Numeral] = []
        kind = SentenceReader
        if is_chinese(text, sentence.start, sentence.end):
            kind = _chinese_reader()  # the Chinese rules (zh/): same drafts, other words
        else:
            if numerals is None:
                numerals = NumeralCursor(text)  # each sentence's made as it is read
            inside = numerals.between(sentence.start, sentence.end)
        reader = kind(text, sentence, when, lex, pat, guess.sentence)
        given = carried
        if (
            carried is not None
            and kind is SentenceReader
            and carried.period.end < when.start
            and _in_the_present(text, sentence.start, sentence.end, perfect=inherited)
        ):
            given = None  # "The centre can trade 30 kinds of data": now, not last year's
        if (
            given is None
            and event_day is not None
            and kind is SentenceReader
            and _tense()[3].search(text, sentence.start, sentence.end)
        ):
            given = as_month(event_day)  # "The expo saw 120,000 visitors": the expo's month
        try:
            found, aside, cues = reader.read(inside, given, last_stated, inherited=inherited)
        except (ValueError, ArithmeticError, LookupError) as exc:  # a rule's bug loses no article
            reason = f"the reader failed on its sentence ({type(exc).__name__}: {exc})"
            if kind is not SentenceReader:
                inside = _chinese_numerals(text, sentence.start, sentence.end)
            found, aside, cues = [], [SetAside(n, UNREADABLE, reason) for n in inside], ()
        readings.extend(found)
        set_aside.extend(aside)
        explicit = [
            c
            for c in cues
            if c.kind not in ("now", "base") and not _in_a_title(text, sentence.start, c.start)
        ]
        if explicit:
            carried = last_stated = explicit[-1]
            inherited = False
            for cue in explicit:
                if cue.period.precision is Precision.DAY and cue.period.end <= when.end:
                    event_day = cue
    readings, repeated = _headline_repeats(text, readings)
    return tuple(readings), tuple(set_aside + repeated)


HEADLINE_REPEAT = "headline_repeat"
"""The rule named by a headline's figure that the article's body states again."""
_HEADLINE = re.compile(r"\s*(?P<line>[^\n]{1,200})(?:\n|$)")
_SENTENCE_END = re.compile(r"[.!?。！？][\"”’」』)）]*\s*$")


def _headline_repeats(text: str, readings: list[Reading]) -> tuple[list[Reading], list[SetAside]]:
    """The readings less a headline's figures that the body states again, and those.

    A headline (the first line, with no full stop at its end) repeats what the
    article reports: "贵州累计建成5G基站8.43万个" above "…建成5G基站8.43万个"; a careful
    reader notes the figure once, from the body, where its period and modality are
    stated. A headline figure the body does not state again stays a figure.
    """
    if not readings:
        return readings, []
    spans = _headline_spans(text)
    if not spans:
        return readings, []

    def in_headline(reading: Reading) -> bool:
        index = bisect.bisect_right(spans, (reading.start, len(text))) - 1
        return index >= 0 and reading.start < spans[index][1]

    body = {_same_figure(r) for r in readings if not in_headline(r)}
    kept: list[Reading] = []
    repeated: list[SetAside] = []
    for reading in readings:
        if in_headline(reading) and reading.value is not None and _same_figure(reading) in body:
            kind = (
                NumeralKind.DIGITS
                if any(c.isdigit() for c in reading.as_written)
                else NumeralKind.WORDS
            )
            numeral = Numeral(reading.start, reading.end, reading.as_written, kind, reading.value)
            why = "a headline's figure the article states again below: read there"
            repeated.append(SetAside(numeral, HEADLINE_REPEAT, why))
        else:
            kept.append(reading)
    return kept, repeated


def _headline_spans(text: str) -> list[tuple[int, int]]:
    """Where the headline stands: the first line, and any line a web page repeats word for
    word (its title over each picture), when it has no full stop and is short."""
    spans: list[tuple[int, int]] = []
    line = _HEADLINE.match(text)
    if line is not None and not _SENTENCE_END.search(line["line"]):
        spans.append((line.start("line"), line.end("line")))
    seen: dict[str, list[tuple[int, int]]] = {}
    for match in _LINE.finditer(text):
        written = match.group().strip()
        if written and len(written) <= 200 and not _SENTENCE_END.search(written):
            seen.setdefault(written, []).append(match.span())
    for places in seen.values():
        if len(places) > 1:
            spans.extend(places)
    return sorted(set(spans))


_LINE = re.compile(r"[^\n]+")


def _same_figure(reading: Reading) -> tuple[object, ...]:
    """What makes two readings one figure stated twice: value, scale word and unit."""
    return (reading.value, reading.scale, reading.unit, reading.proposed_unit)


def _chinese_numerals(text: str, start: int, end: int) -> list[Numeral]:
    from .zh.numerals import scan_chinese_numerals

    return list(scan_chinese_numerals(text, start, end))


def _chinese_reader() -> type[SentenceReader]:
    """The reader of Chinese sentences, imported on first use (its rules cost to import)."""
    if not _CHINESE:
        from .zh.reader import ChineseSentenceReader

        _CHINESE.append(ChineseSentenceReader)
    return _CHINESE[0]


_CHINESE: list[type[SentenceReader]] = []


@once
def _tense() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns of ``time.toml [tense]`` and ``[events]``: the present, the perfect, the
    past (with verbs in -ed not after an auxiliary), and an event named again."""
    lex = lexicon()

    def words(items: tuple[str, ...]) -> str:
        return "|".join(re.escape(word) for word in items)

    present = re.compile(rf"\b(?:{words(lex.present_words)})\b", re.IGNORECASE)
    perfect = re.compile(rf"\b(?:{words(lex.perfect_words)})\b", re.IGNORECASE)
    past = re.compile(
        rf"\b(?:{words(lex.past_words)})\b|\b(?<!has )(?<!have )(?<!been )(?<!be )(?<!is )"
        r"(?<!are )[a-z]{3,}ed\b",
        re.IGNORECASE,
    )
    event = re.compile(
        r"\b(?:the|this|this\s+year['’]s)\s+(?:[\w-]+\s+){0,5}?"
        rf"(?:{words(lex.event_words)})\b",
        re.IGNORECASE,
    )
    return present, perfect, past, event


def _in_the_present(text: str, start: int, end: int, *, perfect: bool) -> bool:
    """Whether an English sentence speaks in the present only ("The centre can trade 30
    kinds of data"): a period over before publication does not date it; it is as of
    publication. The present perfect ("400 firms have gathered", "has invested") counts
    only against a period inherited from an earlier paragraph (``perfect``): within its
    paragraph it often sums up the year just stated."""
    present, perfect_verb, past, _ = _tense()
    if past.search(text, start, end) is not None:
        return False
    found = present.search(text, start, end)
    if perfect or found is None:
        return found is not None
    return perfect_verb.search(text, start, end) is None


def _carried_on(stated: TimeCue | None, published: Period) -> TimeCue | None:
    """The period a new paragraph inherits: one year, or a part of one, that ended
    within six months before publication, and is not a single day.

    A release states its period once ("in 2017", "in the first half of
    the year", "from January to September") and its later paragraphs give that
    period's figures without restating it. An older period, or a span of years, is
    not carried: a feature moves between years, and each paragraph says which.
    """
    if stated is None:
        return None
    period = stated.period
    if period.start.year != period.end.year or period.precision is Precision.DAY:
        return None  # a span of years; a day (a byline's, an event's) is no release's period
    if not dt.timedelta(0) <= published.end - period.end <= dt.timedelta(days=190):
        return None
    return stated


_TITLE_MARKS = (("“", "”"), ("《", "》"), ("「", "」"), ("『", "』"))


def _in_a_title(text: str, sentence_start: int, at: int) -> bool:
    """Whether ``at`` lies inside quotation or title marks opened earlier in its sentence:
    the year of an award or a document's name ("获评“2020年最具影响力企业”") dates
    nothing that follows it."""
    before = text[sentence_start:at]
    return any(before.count(opening) > before.count(closing) for opening, closing in _TITLE_MARKS)
