"""The reader of a Chinese sentence: the Chinese rules' drafts, made readings as English ones.

:func:`guizhou_bigdata.reading.read_figures` hands each sentence it finds
Chinese (:func:`.language.is_chinese`) to :class:`ChineseSentenceReader`. Only
how the numbers are read differs; the quote (cut at Chinese clause marks when
the sentence is longer than a quote may be), the guesses and the reading are
the English reader's.
"""

from __future__ import annotations

import re

import attrs

from ..document import Sentence
from ..engine import UNREADABLE, SentenceReader, SetAside
from ..model import Reading
from ..scanner import Numeral
from ..timewords import TimeCue, as_month
from .lexicon import zh_lexicon
from .rules import zh_patterns
from .sentence import chinese_drafts

__all__ = ["ChineseSentenceReader"]


def _continues(fold: str, start: int) -> bool:
    """True when a sentence opens with a word that carries on from the paragraph before
    ("同时", "同期", "其中", "第二，", "二是"): with no period of its own paragraph, it
    takes the last one stated before it, unless that one lies after publication (the
    year of a target, "力争到2025年"): what carries on from a plan reports the present."""
    return zh_patterns().continues.match(fold, start) is not None


def _of_the_event(fold: str, sentence: Sentence) -> bool:
    """Whether the sentence points back to an event named before ("本届数博会", "此次大会")."""
    words = zh_lexicon().event_anaphora
    return any(fold.find(word, sentence.start, sentence.end) >= 0 for word in words)


_CUT_AFTER = re.compile(r"[，；：、,;:]\s*")
_CUT_BEFORE = re.compile(r"[，；：、,;:]")


def folded(text: str) -> str:
    """``text`` with its traditional characters in simplified form and its full-width
    Latin letters in ASCII ("ＭＷ": "MW"), one for one.

    The rules match their words on this copy; the readings' words and quotes are
    cut from ``text`` itself (the offsets are the same), so a quote stays verbatim.
    Folded once per text: the last text folded is kept (a text is read sentence by
    sentence, and folding it for each would cost its length each time).
    """
    return _fold_of(text)[0]


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters (folding changed one): then
    "112年" is a year of the Republic of China. Full-width letters alone do not count."""
    return _fold_of(text)[1]


def _fold_of(text: str) -> tuple[str, bool]:
    last = _FOLDED[0]  # one read of the triple: another thread may replace it, never half
    if last is not None and last[0] is text:
        return last[1], last[2]
    lex = zh_lexicon()
    narrow = text.translate(lex.full_width)
    fold = narrow.translate(lex.traditional)
    traditional = fold != narrow
    if fold == text:
        fold = text  # nothing folded: the text itself, so that callers can tell
    _FOLDED[0] = (text, fold, traditional)
    return fold, traditional


_FOLDED: list[tuple[str, str, bool] | None] = [None]


class ChineseSentenceReader(SentenceReader):
    """Reads one Chinese sentence: its numbers through the Chinese rules."""

    def read(
        self,
        inside: list[Numeral],
        carried: TimeCue | None,
        last_stated: TimeCue | None,
        *,
        inherited: bool = False,
    ) -> tuple[list[Reading], list[SetAside], tuple[TimeCue, ...]]:
        """The sentence's readings, the numbers set aside, and the periods it states.

        ``inside`` (the English scanner's numerals) is not used: the Chinese
        scanner finds the sentence's numerals, in characters too. A period
        ``inherited`` from an earlier paragraph is taken as the paragraph's own, as
        one carried on by the words that continue a paragraph (同时, 其中, 第二，).
        """
        sentence = self.sentence
        fold = folded(self.text)
        carries_on = (
            carried is None
            and last_stated is not None
            and last_stated.period.start <= self.published.end  # not a target's year
            and _continues(fold, sentence.start)
        )
        if carries_on:
            carried = last_stated  # "同时，…", "第二，…": the period of the paragraph before
        elif carried is None and last_stated is not None and _of_the_event(fold, sentence):
            carries_on = True
            carried = as_month(last_stated)  # "本届数博会…": the event's period
        drafts, aside, cues = chinese_drafts(
            fold, sentence.start, sentence.end, self.published, carried, is_traditional(self.text)
        )
        if (
            carries_on
            and carried is not None
            and not any(c.kind not in ("now", "base") for c in cues)
        ):
            cues = (*cues, carried)  # and so do the paragraph's next sentences
        set_aside = [SetAside(self._as_written(n, fold), rule, why) for n, rule, why in aside]
        readings: list[Reading] = []
        if drafts:
            guesses = self.guesses(self.text, sentence.start, sentence.end)
            for draft in drafts:
                numeral = self._as_written(draft.numeral, fold)
                if draft.dropped is not None:
                    set_aside.append(SetAside(numeral, *draft.dropped))
                    continue
                made = self._reading(draft, guesses)
                if isinstance(made, str):
                    set_aside.append(SetAside(numeral, UNREADABLE, made))
                else:
                    readings.append(made)
        return readings, set_aside, cues

    def _as_written(self, numeral: Numeral, fold: str) -> Numeral:
        """``numeral`` with its words as the text writes them, not as the rules read them."""
        if fold is self.text:
            return numeral
        return attrs.evolve(numeral, text=self.text[numeral.start : numeral.end])

    def _quote_cuts(self) -> tuple[list[int], list[int]]:
        """Where a quote of this (long) sentence may start and end: at its clause marks."""
        if self._cuts is None:
            start, end = self.sentence.start, self.sentence.end
            body = self.text[start:end]
            cuts = [start] + [start + m.end() for m in _CUT_AFTER.finditer(body)]
            ends = [start + m.start() for m in _CUT_BEFORE.finditer(body)] + [end]
            self._cuts = (cuts, ends)
        return self._cuts
