"""One Chinese sentence through the Chinese rules: numerals in, drafts out.

The reader (:mod:`..reader`) calls :func:`chinese_drafts` for a sentence it
finds Chinese; the drafts then become readings as English ones do (quote,
guesses), so a Chinese figure is drafted in the same format.
"""

from __future__ import annotations

import attrs

from ...core.periods import Period
from ..rules import Candidate, Stage, first_figure, unread_reason
from ..scanner import Numeral, NumeralKind
from ..timewords import TimeCue
from .numerals import scan_chinese_numerals
from .rules import ZH_RULES, ZhContext, make_context
from .timewords import zh_time_cues

__all__ = ["chinese_drafts"]

_NOT_A_FIGURE = tuple(rule for rule in ZH_RULES if rule.stage is Stage.NOT_A_FIGURE)
_NOT_A_FIGURE_APPLY = tuple((rule.name, rule.apply) for rule in _NOT_A_FIGURE)
_FIGURE = tuple(rule for rule in ZH_RULES if rule.stage is Stage.FIGURE)
_QUANTITY = tuple(rule for rule in ZH_RULES if rule.stage is Stage.QUANTITY)
_SENTENCE = tuple(rule for rule in ZH_RULES if rule.stage is Stage.SENTENCE)

Aside = tuple[Numeral, str, str]
"""A numeral set aside: the numeral, the rule's name, the reason."""


def chinese_drafts(
    text: str,
    start: int,
    end: int,
    published: Period,
    carried: TimeCue | None,
    traditional: bool = False,
) -> tuple[list[Candidate], list[Aside], tuple[TimeCue, ...]]:
    """The drafts of the Chinese sentence ``text[start:end]``, the numerals set aside,
    and the periods it states for the sentences after it (the last is carried through
    the paragraph; one a figure holds as its own, "2016年的第25位", is not).
    ``traditional``: the text as written is in traditional characters (``text`` is
    its folded copy), where "112年" is a year of the Republic of China."""
    numerals = scan_chinese_numerals(text, start, end)
    context_year = carried.period.end.year if carried is not None else None
    cues = zh_time_cues(text, start, end, published, context_year, traditional)
    ctx = make_context(text, start, end, published, numerals, cues, carried)
    aside: list[Aside] = []
    drafts = _drafts(ctx, aside) if numerals else []
    if drafts:
        free = tuple(
            c for c in cues if not any(c.start < d.end and d.start < c.end for d in drafts)
        )
        if len(free) != len(cues):
            ctx = attrs.evolve(ctx, cues=free)
        for rule in _SENTENCE:
            rule.apply(ctx, drafts)
    return drafts, aside, tuple(c for c in cues if c.start not in ctx.held)


def _drafts(ctx: ZhContext, aside: list[Aside]) -> list[Candidate]:
    drafts: list[Candidate] = []
    reach = -1  # the end of the last draft or name: a numeral before it is inside one
    for numeral in ctx.numerals:
        if numeral.start < reach:
            continue
        reason = None
        for name, apply in _NOT_A_FIGURE_APPLY:
            reason = apply(ctx, numeral)
            if reason is not None:
                aside.append((numeral, name, str(reason)))
                # Its scale words go with it ("千亿级": 千 and 亿 are one class name).
                following = ctx.next_numeral(numeral)
                end = numeral.end
                while (
                    following is not None
                    and following.kind is NumeralKind.SCALE
                    and (following.start == end)
                ):
                    aside.append((following, name, str(reason)))
                    end, reach = following.end, following.end
                    following = ctx.next_numeral(following)
                break
        if reason is not None:
            continue
        draft = first_figure(ctx, numeral, _FIGURE, _QUANTITY)
        if draft is None:
            aside.append((numeral, "unread", unread_reason(numeral)))
            continue
        drafts.append(draft)
        reach = max(reach, draft.end)
    return drafts
