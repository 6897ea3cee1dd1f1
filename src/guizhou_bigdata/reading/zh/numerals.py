"""The Chinese numeral scanner: digits (also full-width), numerals in characters, scale words.

Like the English scanner it finds every number a sentence writes and decides
nothing: that a numeral is a year, part of a name or a count is the rules'
work. What a numeral in characters is worth is the grammar of
:mod:`guizhou_bigdata.core.chinese_numerals`, which the check that a quote
states its figure shares.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from ...core.chinese_numerals import NumeralWords, digits_value
from ...core.chinese_numerals import chinese_value as core_chinese_value
from ...core.vocabulary import Scale
from ..lazy import once
from ..scanner import Numeral, NumeralKind
from .lexicon import ZhLexicon, zh_lexicon

__all__ = ["chinese_value", "digits_value", "scan_chinese_numerals"]

_DIGIT = "0-9０-９"


def _chars(words: Iterable[str]) -> str:
    return "".join(re.escape(w) for w in sorted(words))


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@once
def _pattern() -> re.Pattern[str]:
    """Every Chinese numeral, compiled from the lexicon on first use.

    Each alternative is a run of characters of classes that do not overlap, so
    no match backtracks more than one character.
    """
    lex = zh_lexicon()
    digit = f"[{_chars(lex.digits)}]"
    numeral = f"[{_chars(lex.digits)}{_chars(lex.positions)}]"
    scale = f"[{_chars(lex.scales)}]"
    point = f"(?:{_alternation(lex.decimal_points)})"
    percent = _alternation(lex.percent_prefixes)
    words = rf"{numeral}+(?:{scale}+{numeral}+)*(?:{point}{digit}+)?"
    parts = [
        rf"(?P<vague>{_alternation(lex.vague)})",
        rf"(?P<percent>(?:{percent}){numeral}+(?:{point}{digit}+)?)",
        rf"(?P<ordinal>第(?:[{_DIGIT}]+|{numeral}+))",
        rf"(?P<first>首(?=(?:{_alternation(lex.first_measures)})|位(?![数置于])))",
        rf"(?P<digits>[{_DIGIT}]+(?:(?:[.,．](?=[{_DIGIT}])|(?<=[０-９])，(?=[０-９]{{3}}(?![０-９])))"
        rf"[{_DIGIT}]+)*)",
        rf"(?P<words>(?!百分[点點之]){words})",
        rf"(?P<scale>{scale})",
    ]
    return re.compile("|".join(parts))


def chinese_value(text: str, lex: ZhLexicon | None = None) -> Decimal | None:
    """The value of a numeral in characters, or None when it is no well-formed numeral.

    The grammar is the core's (:func:`guizhou_bigdata.core.chinese_numerals.chinese_value`),
    over the characters of the lexicon.
    """
    return core_chinese_value(text, numeral_words(lex or zh_lexicon()))


def numeral_words(lex: ZhLexicon) -> NumeralWords:
    """The characters of the lexicon's numerals, for the core's grammar."""
    if lex is zh_lexicon():
        return _default_words()
    return _words_of(lex)


@once
def _default_words() -> NumeralWords:
    return _words_of(zh_lexicon())


def _words_of(lex: ZhLexicon) -> NumeralWords:
    return NumeralWords(
        digits=lex.digits,
        positions=lex.positions,
        scales={char: Scale(word) for char, word in lex.scales.items()},
        decimal_points=lex.decimal_points,
    )


def _scale_factor(lex: ZhLexicon, char: str) -> int:
    return int(Scale(lex.scales[char]).factor)


def scan_chinese_numerals(text: str, start: int = 0, end: int | None = None) -> tuple[Numeral, ...]:
    """Every numeral in ``text[start:end]``, in order, with offsets into ``text``.

    Kinds: DIGITS ("663", "１２"), WORDS ("一千二百", "百分之三十五"), SCALE
    ("亿"), ORDINAL ("第一", "第25", "首" in "首个"), VAGUE ("数十").
    """
    lex = zh_lexicon()
    stop = len(text) if end is None else end
    found: list[Numeral] = []
    pattern = _pattern()
    position = start
    while True:
        match = pattern.search(text, position, stop)
        if match is None:
            break
        kind_name = match.lastgroup
        written = match.group()
        first, last = match.start(), match.end()
        value: Decimal | None = None
        garbled: str | None = None
        kind = NumeralKind.WORDS
        if kind_name == "digits":
            kind = NumeralKind.DIGITS
            value, garbled = digits_value(written)
            # "3千万", "5千亿": a position between the digits and a scale word.
            if (
                value is not None
                and text[last : last + 1] in ("百", "千")
                and text[last + 1 : last + 2] in lex.scales
            ):
                value *= lex.positions[text[last]]
                last += 1
        elif kind_name == "words":
            value = chinese_value(written, lex)
            inner = [c for c in written if c in lex.scales]
            # "一亿两千万": a smaller scale word after a numeral that holds a larger one
            # belongs to it.
            trailing = text[last : last + 1]
            if (
                value is not None
                and inner
                and trailing in lex.scales
                and _scale_factor(lex, trailing) < max(_scale_factor(lex, c) for c in inner)
            ):
                value = chinese_value(written + trailing, lex)
                last += 1
        elif kind_name == "percent":
            prefix = next(p for p in lex.percent_prefixes if written.startswith(p))
            value = chinese_value(written[len(prefix) :], lex)
        elif kind_name == "ordinal":
            kind = NumeralKind.ORDINAL
            rest = written[1:]
            value = (
                digits_value(rest)[0]
                if rest[0] in "0123456789０１２３４５６７８９"
                else (chinese_value(rest, lex))
            )
        elif kind_name == "first":
            kind, value = NumeralKind.ORDINAL, Decimal(1)
        elif kind_name == "vague":
            kind = NumeralKind.VAGUE
        else:
            kind = NumeralKind.SCALE
        found.append(Numeral(first, last, text[first:last], kind, value, garbled))
        position = max(last, match.start() + 1)
    return tuple(found)
