"""The rule engine that reads one sentence: numbers through the rules, figures into readings.

:class:`SentenceReader` runs the stages of :data:`~.rules.RULES` over one
sentence; the Chinese reader (``zh/``) is a subclass with its own rules. A number
it cannot settle is a :class:`SetAside`, never an error that loses the article.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from ..core.characters import HIDDEN_IN_ONE_LINE
from ..core.periods import Period
from ..core.vocabulary import Quality
from .document import Sentence
from .guesses import SentenceGuesser
from .model import Reading
from .rules import RULES, Candidate, Context, Stage, first_figure, time_frames, unread_reason
from .scanner import Numeral
from .timewords import TimeCue, time_cues

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .rules import Patterns

__all__ = ["MAX_QUOTE", "UNREADABLE", "SentenceReader", "SetAside"]

MAX_QUOTE = 300
"""The longest quote a reading carries, in characters."""

UNREADABLE = "unreadable"
"""The rule named by a number set aside because the reader could not settle it."""


@attrs.frozen
class SetAside:
    """A number the reader did not draft, the rule that set it aside, and why."""

    numeral: Numeral
    rule: str
    reason: str


_NO_QUALITY: frozenset[Quality] = frozenset()
"""The quality of most readings, shared: a table of 60,000 figures holds one empty set, not
60,000 (each an object the garbage collector walks at every full collection)."""

_NOT_A_FIGURE = tuple(rule for rule in RULES if rule.stage is Stage.NOT_A_FIGURE)
_FIGURE = tuple(rule for rule in RULES if rule.stage is Stage.FIGURE)
_QUANTITY = tuple(rule for rule in RULES if rule.stage is Stage.QUANTITY)
_SENTENCE = tuple(rule for rule in RULES if rule.stage is Stage.SENTENCE)


@attrs.define
class SentenceReader:
    """Reads one sentence: its numbers through the rules, its figures into readings."""

    text: str
    sentence: Sentence
    published: Period
    lex: Lexicon
    pat: Patterns
    guesses: Callable[[str, int, int], SentenceGuesser]
    _cuts: tuple[list[int], list[int]] | None = None
    _hidden: bool | None = attrs.field(default=None, init=False)
    """Whether the sentence holds a control character (None until asked)."""
    _spans: dict[tuple[int, int], tuple[int, int]] = attrs.field(factory=dict, init=False)
    """Each quote span of the sentence and the span it becomes once its unbalanced
    quotation marks and spaces are trimmed: a table's figures share a few quotes, each
    trimmed once."""
    _quotes: dict[tuple[int, int], str] = attrs.field(factory=dict, init=False)
    """The quote text of each span, cut once: figures sharing a quote share the string."""

    def read(
        self,
        inside: list[Numeral],
        carried: TimeCue | None,
        last_stated: TimeCue | None,
        *,
        inherited: bool = False,
    ) -> tuple[list[Reading], list[SetAside], tuple[TimeCue, ...]]:
        """The sentence's readings, the numbers set aside, and the periods it states.

        ``carried`` is the period figures without one of their own take; when it was
        ``inherited`` from an earlier paragraph it dates those figures only, not "March"
        or "the previous year" written without a year.
        """
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
        context_year = carried.period.end.year if carried is not None and not inherited else None
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

    def _quote(self, draft: Candidate) -> tuple[int, int] | str:
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
        if self._hidden is None:
            found = HIDDEN_IN_ONE_LINE.search(text, self.sentence.start, self.sentence.end)
            self._hidden = found is not None
        if self._hidden:
            hidden = HIDDEN_IN_ONE_LINE.search(text, draft.start, draft.end)
            if hidden is not None:
                return (
                    f"its words hold the control character U+{ord(hidden.group()):04X}, "
                    "which no quote may hold"
                )
            for hidden in HIDDEN_IN_ONE_LINE.finditer(text, start, end):
                if hidden.start() < draft.start:
                    start = hidden.end()
                else:
                    end = hidden.start()
                    break
            start, end = self._trimmed(start, end)
        else:  # the span alone decides the trimming: worked out once per span
            span = self._spans.get((start, end))
            if span is None:
                span = self._spans[start, end] = self._trimmed(start, end)
            start, end = span
        if not start <= draft.start < draft.end <= end or end - start > MAX_QUOTE:
            return f"no quote of at most {MAX_QUOTE} characters holds its words"
        return start, end

    def _trimmed(self, start: int, end: int) -> tuple[int, int]:
        """The span short of an unbalanced quotation mark and of spaces at either end."""
        text = self.text
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
        return start, end

    def _reading(self, draft: Candidate, guesses: SentenceGuesser) -> Reading | str:
        span = self._quote(draft)
        if isinstance(span, str):
            return span
        metric, subject = guesses.guess(draft.start, draft.end, draft.unit, draft.kind)
        quote = self._quotes.get(span)
        if quote is None:
            quote = self._quotes[span] = self.text[span[0] : span[1]]
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
            quote=quote,
            period_note=draft.period_note,
            proposed_unit=draft.proposed_unit,
            quality=frozenset(draft.quality) if draft.quality else _NO_QUALITY,
            quality_note=draft.quality_note,
            metric=metric.id,
            subject=subject.id,
            rules=tuple(draft.rules),
            metric_confidence=metric.confidence,
            subject_confidence=subject.confidence,
        )


def _free(cues: tuple[TimeCue, ...], drafts: list[Candidate]) -> tuple[TimeCue, ...]:
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


def _drafts(ctx: Context, set_aside: list[SetAside]) -> list[Candidate]:
    drafts: list[Candidate] = []
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
        draft = first_figure(ctx, numeral, _FIGURE, _QUANTITY)
        if draft is None:
            set_aside.append(SetAside(numeral, "unread", unread_reason(numeral)))
            continue
        consumed.update(id(n) for n in draft.consumed)
        drafts.append(draft)
        reach = max(reach, draft.end)
    return drafts
