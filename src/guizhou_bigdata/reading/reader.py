"""``read_figures``: an article's text in, the figures a careful reader would note out."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import attrs

from ..periods import Period, Precision
from .document import Sentence, sentences
from .guesses import Guesser, guesser
from .lexicon import lexicon
from .model import Reading
from .rules import RULES, Context, Draft, Stage, patterns, time_frames
from .scanner import Numeral, NumeralKind, scan_numerals
from .timewords import TimeCue, time_cues

if TYPE_CHECKING:
    from ..registry import Registry

__all__ = ["MAX_QUOTE", "SetAside", "numbers_set_aside", "read_figures"]

MAX_QUOTE = 300
"""The longest quote a reading carries, in characters."""


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
        return published
    if isinstance(published, dt.datetime):
        published = published.date()
    if isinstance(published, dt.date):
        return Period(published, published, Precision.DAY)
    raise TypeError(
        f"published must be a datetime.date (or a Period when only the month or year is "
        f"known), got {published!r}"
    )


def read_figures(
    text: str, *, published: dt.date | Period, registry: Registry | None = None
) -> tuple[Reading, ...]:
    """Every figure ``text`` states, read as a careful reader would, in text order.

    ``published`` is the date relative words ("last year", "so far") resolve
    against; a :class:`~guizhou_bigdata.Period` may be given when only the month
    or the year of publication is known. ``registry`` supplies the metric
    catalogue and the entities for the metric and subject guesses (the bundled
    registry when None).
    """
    return _read(text, published, registry)[0]


def numbers_set_aside(
    text: str, *, published: dt.date | Period, registry: Registry | None = None
) -> tuple[SetAside, ...]:
    """The numbers of ``text`` that :func:`read_figures` does not draft, each with its reason.

    A reviewer reads these to check that no figure was missed: dates, years,
    numbers inside names, time frames, vague magnitudes, ordinals that rank
    nothing.
    """
    return _read(text, published, registry)[1]


def _read(
    text: str, published: dt.date | Period, registry: Registry | None
) -> tuple[tuple[Reading, ...], tuple[SetAside, ...]]:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    when = _published(published)
    if registry is None:
        from .._default import default_registry

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
        context_year = carried.period.end.year if carried is not None else None
        cues = time_cues(text, sentence.start, sentence.end, when, context_year, last_stated)
        frames = time_frames(text, sentence.start, sentence.end, pat) if inside else {}
        ctx = Context(
            text, sentence.start, sentence.end, when, tuple(inside), cues, carried, lex, pat, frames
        )
        drafts = _drafts(ctx, set_aside) if inside else []
        if drafts:
            free_cues = tuple(c for c in cues if not any(_overlaps(c, d) for d in drafts))
            if len(free_cues) != len(cues):
                ctx = attrs.evolve(ctx, cues=free_cues)
            for rule in _SENTENCE:
                rule.apply(ctx, drafts)
            for draft in drafts:
                if draft.dropped is not None:
                    set_aside.append(SetAside(draft.numeral, *draft.dropped))
                else:
                    readings.append(_reading(text, sentence, draft, guess))
        explicit = [c for c in ctx.cues if c.kind not in ("now", "base")]
        if explicit:
            carried = last_stated = explicit[-1]
    return tuple(readings), tuple(set_aside)


def _overlaps(cue: TimeCue, draft: Draft) -> bool:
    return cue.start < draft.end and draft.start < cue.end


def _drafts(ctx: Context, set_aside: list[SetAside]) -> list[Draft]:
    drafts: list[Draft] = []
    consumed: set[int] = set()
    for numeral in ctx.numerals:
        if id(numeral) in consumed:
            continue
        if any(d.start <= numeral.start < d.end for d in drafts):
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


def _quote(text: str, sentence: Sentence, draft: Draft) -> str:
    """The sentence that states the figure, or its clause when the sentence is too long."""
    start, end = sentence.start, sentence.end
    if end - start > MAX_QUOTE:
        body = text[start:end]
        cuts = [start] + [start + m.end() for m in re.finditer(r"[,;:]\s+", body)]
        ends = [start + m.start() for m in re.finditer(r"[,;:]\s", body)]
        ends = [e for e in ends if e >= draft.end] + [end]
        start = max(c for c in cuts if c <= draft.start)
        end = next((e for e in ends if e - start >= 60), ends[-1])
        if end - start > MAX_QUOTE:
            end = ends[0]
        if end - start > MAX_QUOTE:
            start = max(start, draft.end - MAX_QUOTE // 2)
            start = text.find(" ", start, draft.start) + 1 or draft.start
            end = min(end, start + MAX_QUOTE)
    quote = text[start:end]
    # An unbalanced quotation mark at either end belongs to the text around it.
    if quote[:1] == "“" and quote.count("“") > quote.count("”"):
        quote = quote[1:]
    if quote[-1:] == "”" and quote.count("”") > quote.count("“"):
        quote = quote[:-1]
    if quote.count('"') % 2 == 1:
        quote = quote[1:] if quote[:1] == '"' else quote[:-1] if quote[-1:] == '"' else quote
    return quote.strip()


def _reading(text: str, sentence: Sentence, draft: Draft, guess: Guesser) -> Reading:
    quote = _quote(text, sentence, draft)
    metric, subject = guess.guess(text, sentence.start, sentence.end, draft)
    return Reading(
        start=draft.start,
        end=draft.end,
        as_written=text[draft.start : draft.end],
        value=draft.value,
        scale=draft.scale,
        unit=draft.unit,
        bound=draft.bound,
        modality=draft.modality,
        period=draft.period,
        quote=quote,
        period_note=draft.period_note,
        proposed_unit=draft.proposed_unit,
        quality=frozenset(draft.quality),
        quality_note=draft.quality_note,
        metric=metric,
        subject=subject,
        rules=tuple(draft.rules),
    )
