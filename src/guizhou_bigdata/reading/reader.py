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
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from ..core.periods import Period, Precision
from .document import Sentence, sentences
from .guesses import SentenceGuesser, guesser
from .lexicon import lexicon
from .model import Reading
from .rules import RULES, Context, Draft, Stage, patterns, time_frames
from .scanner import Numeral, NumeralKind, scan_numerals
from .timewords import TimeCue, time_cues
from .zh.language import is_chinese

if TYPE_CHECKING:
    from ..store.registry import Registry
    from .lexicon import Lexicon
    from .rules import Patterns

__all__ = ["HIDDEN", "MAX_QUOTE", "SetAside", "numbers_set_aside", "read_figures"]

MAX_QUOTE = 300
"""The longest quote a reading carries, in characters."""

HIDDEN = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)
"""Characters no quote holds: control characters but tab (C0, DEL, C1), line breaks,
and bidirectional controls. A terminal would show something the text does not say,
and the data files refuse them; a quote is cut short of them instead."""

UNREADABLE = "unreadable"
"""The rule named by a number set aside because the reader could not settle it."""


@attrs.frozen
class SetAside:
    """A number the reader did not draft, the rule that set it aside, and why."""

    numeral: Numeral
    rule: str
    reason: str


_NOT_A_FIGURE = tuple(rule for rule in RULES if rule.stage is Stage.NOT_A_FIGURE)
_FIGURE = tuple(rule for rule in RULES if rule.stage is Stage.FIGURE)
_QUANTITY = tuple(rule for rule in RULES if rule.stage is Stage.QUANTITY)
_SENTENCE = tuple(rule for rule in RULES if rule.stage is Stage.SENTENCE)


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
    numerals = scan_numerals(text)
    readings: list[Reading] = []
    set_aside: list[SetAside] = []
    index = 0
    carried: TimeCue | None = None
    last_stated: TimeCue | None = None
    paragraph = -1
    for sentence in sentences(text):
        if sentence.paragraph != paragraph:
            paragraph, carried = sentence.paragraph, None
        inside: list[Numeral] = []
        while index < len(numerals) and numerals[index].start < sentence.end:
            if numerals[index].start >= sentence.start:
                inside.append(numerals[index])
            index += 1
        kind = _SentenceReader
        if is_chinese(text, sentence.start, sentence.end):
            kind = _chinese_reader()  # the Chinese rules (zh/): same drafts, other words
        reader = kind(text, sentence, when, lex, pat, guess.sentence)
        try:
            found, aside, cues = reader.read(inside, carried, last_stated)
        except (ValueError, ArithmeticError, LookupError) as exc:  # a rule's bug loses no article
            reason = f"the reader failed on its sentence ({type(exc).__name__}: {exc})"
            found, aside, cues = [], [SetAside(n, UNREADABLE, reason) for n in inside], ()
        readings.extend(found)
        set_aside.extend(aside)
        explicit = [c for c in cues if c.kind not in ("now", "base")]
        if explicit:
            carried = last_stated = explicit[-1]
    return tuple(readings), tuple(set_aside)


@attrs.define
class _SentenceReader:
    """Reads one sentence: its numbers through the rules, its figures into readings."""

    text: str
    sentence: Sentence
    published: Period
    lex: Lexicon
    pat: Patterns
    guesses: Callable[[str, int, int], SentenceGuesser]
    _cuts: tuple[list[int], list[int]] | None = None

    def read(
        self, inside: list[Numeral], carried: TimeCue | None, last_stated: TimeCue | None
    ) -> tuple[list[Reading], list[SetAside], tuple[TimeCue, ...]]:
        text, sentence = self.text, self.sentence
        set_aside: list[SetAside] = []
        readable: list[Numeral] = []
        for numeral in inside:
            if numeral.end - numeral.start > MAX_QUOTE:
                reason = (
                    f"a numeral of {numeral.end - numeral.start:,} characters, longer than a "
                    f"quote may be ({MAX_QUOTE})"
                )
                set_aside.append(SetAside(numeral, UNREADABLE, reason))
            else:
                readable.append(numeral)
        context_year = carried.period.end.year if carried is not None else None
        cues = time_cues(
            text, sentence.start, sentence.end, self.published, context_year, last_stated
        )
        frames = time_frames(text, sentence.start, sentence.end, self.pat) if readable else {}
        ctx = Context(
            text,
            sentence.start,
            sentence.end,
            self.published,
            tuple(readable),
            cues,
            carried,
            self.lex,
            self.pat,
            frames,
            order={id(numeral): i for i, numeral in enumerate(readable)},
        )
        drafts = _drafts(ctx, set_aside) if readable else []
        readings: list[Reading] = []
        if drafts:
            free_cues = _free(cues, drafts)
            if len(free_cues) != len(cues):
                ctx = attrs.evolve(ctx, cues=free_cues)
            for rule in _SENTENCE:
                rule.apply(ctx, drafts)
            guesses = self.guesses(text, sentence.start, sentence.end)
            for draft in drafts:
                if draft.dropped is not None:
                    set_aside.append(SetAside(draft.numeral, *draft.dropped))
                    continue
                made = self._reading(draft, guesses)
                if isinstance(made, str):
                    set_aside.append(SetAside(draft.numeral, UNREADABLE, made))
                else:
                    readings.append(made)
        return readings, set_aside, ctx.cues

    def _quote_cuts(self) -> tuple[list[int], list[int]]:
        """Where a quote of this (long) sentence may start and end: at its clauses."""
        if self._cuts is None:
            start, end = self.sentence.start, self.sentence.end
            body = self.text[start:end]
            cuts = [start] + [start + m.end() for m in re.finditer(r"[,;:]\s+", body)]
            ends = [start + m.start() for m in re.finditer(r"[,;:]\s", body)] + [end]
            self._cuts = (cuts, ends)
        return self._cuts

    def _quote(self, draft: Draft) -> tuple[int, int] | str:
        """Where the quote of ``draft`` stands: the sentence that states the figure, or its
        clause when the sentence is too long, short of any control character; or why
        no quote can hold the figure."""
        text = self.text
        start, end = self.sentence.start, self.sentence.end
        if end - start > MAX_QUOTE:
            cuts, ends = self._quote_cuts()
            start = cuts[bisect.bisect_right(cuts, draft.start) - 1]
            after = bisect.bisect_left(ends, draft.end)  # the sentence's end is always there
            first_end = ends[after]
            end = ends[min(len(ends) - 1, max(after, bisect.bisect_left(ends, start + 60)))]
            if end - start > MAX_QUOTE:
                end = first_end
            if end - start > MAX_QUOTE:
                start = max(start, draft.end - MAX_QUOTE // 2)
                start = text.find(" ", start, draft.start) + 1 or draft.start
                end = min(end, start + MAX_QUOTE)
        hidden = HIDDEN.search(text, draft.start, draft.end)
        if hidden is not None:
            return (
                f"its words hold the control character U+{ord(hidden.group()):04X}, which no "
                "quote may hold"
            )
        for hidden in HIDDEN.finditer(text, start, end):
            if hidden.start() < draft.start:
                start = hidden.end()
            else:
                end = hidden.start()
                break
        # An unbalanced quotation mark at either end belongs to the text around it.
        if text[start : start + 1] == "“" and text.count("“", start, end) > text.count(
            "”", start, end
        ):
            start += 1
        if text[end - 1 : end] == "”" and text.count("”", start, end) > text.count("“", start, end):
            end -= 1
        if text.count('"', start, end) % 2 == 1:
            if text[start : start + 1] == '"':
                start += 1
            elif text[end - 1 : end] == '"':
                end -= 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if not start <= draft.start < draft.end <= end or end - start > MAX_QUOTE:
            return f"no quote of at most {MAX_QUOTE} characters holds its words"
        return start, end

    def _reading(self, draft: Draft, guesses: SentenceGuesser) -> Reading | str:
        span = self._quote(draft)
        if isinstance(span, str):
            return span
        metric, subject = guesses.guess(draft.start, draft.end, draft.unit, draft.kind)
        return Reading(
            start=draft.start,
            end=draft.end,
            as_written=self.text[draft.start : draft.end],
            value=draft.value,
            scale=draft.scale,
            unit=draft.unit,
            bound=draft.bound,
            modality=draft.modality,
            period=draft.period,
            quote=self.text[span[0] : span[1]],
            period_note=draft.period_note,
            proposed_unit=draft.proposed_unit,
            quality=frozenset(draft.quality),
            quality_note=draft.quality_note,
            metric=metric.id,
            subject=subject.id,
            rules=tuple(draft.rules),
            metric_confidence=metric.confidence,
            subject_confidence=subject.confidence,
        )


def _chinese_reader() -> type[_SentenceReader]:
    """The reader of Chinese sentences, imported on first use: it builds on this module."""
    if not _CHINESE:
        from .zh.reader import ChineseSentenceReader

        _CHINESE.append(ChineseSentenceReader)
    return _CHINESE[0]


_CHINESE: list[type[_SentenceReader]] = []


def _free(cues: tuple[TimeCue, ...], drafts: list[Draft]) -> tuple[TimeCue, ...]:
    """The cues no figure overlaps ("2020" in "2020 servers" is the figure's, no period).

    Figures are in text order and apart: each cue is checked against the two figures
    around its start, not all of them.
    """
    starts = [draft.start for draft in drafts]
    free = []
    for cue in cues:
        index = bisect.bisect_left(starts, cue.end)
        near = drafts[max(0, index - 2) : index]
        if not any(cue.start < d.end and d.start < cue.end for d in near):
            free.append(cue)
    return tuple(free)


def _drafts(ctx: Context, set_aside: list[SetAside]) -> list[Draft]:
    drafts: list[Draft] = []
    consumed: set[int] = set()
    reach = -1  # the furthest end of a draft so far: a numeral before it may be inside one
    for numeral in ctx.numerals:
        if id(numeral) in consumed:
            continue
        if numeral.start < reach and any(d.start <= numeral.start < d.end for d in drafts):
            continue
        reason = None
        for rule in _NOT_A_FIGURE:
            reason = rule.apply(ctx, numeral)
            if reason is not None:
                set_aside.append(SetAside(numeral, rule.name, str(reason)))
                break
        if reason is not None:
            continue
        for rule in _FIGURE:
            draft = rule.apply(ctx, numeral)
            if draft is None:
                continue
            assert isinstance(draft, Draft)
            draft.rules.append(rule.name)
            for refine in _QUANTITY:
                if refine.apply(ctx, draft):
                    draft.rules.append(refine.name)
            consumed.update(id(n) for n in draft.consumed)
            drafts.append(draft)
            reach = max(reach, draft.end)
            break
        else:
            set_aside.append(SetAside(numeral, "unread", _unread(numeral)))
    return drafts


def _unread(numeral: Numeral) -> str:
    if numeral.kind is NumeralKind.ORDINAL:
        return "an ordinal that ranks nothing (a sequence, an edition, a name)"
    if numeral.kind is NumeralKind.SCALE:
        return "a scale word with no number before it"
    if numeral.text.lower() == "one":
        return "'one' as a pronoun or determiner, counting nothing"
    return "no rule reads it as a figure"
