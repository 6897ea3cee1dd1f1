"""The Chinese numeral scanner: digits (also full-width), numerals in characters, scale words.

Like the English scanner it finds every number a sentence writes and decides
nothing: that a numeral is a year, part of a name or a count is the rules'
work. Numerals in characters compose as Duckling's Chinese rules do: a digit
times the position after it (三千, 3000), summed (一千二百, 1200), sections
closed by 万 and 亿 (三万五千, 35000; 一亿两千万, 120000000), 零 holding an empty
place (一百零五, 105), and digit by digit with no position (二〇二三, 2023).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from ...core.vocabulary import Scale
from ..lazy import once
from ..scanner import Numeral, NumeralKind
from .lexicon import ZhLexicon, zh_lexicon

__all__ = ["chinese_value", "digits_value", "scan_chinese_numerals"]

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
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
        rf"(?P<first>首(?=(?:{_alternation(lex.first_measures)})))",
        rf"(?P<digits>[{_DIGIT}]+(?:(?:[.,．](?=[{_DIGIT}])|(?<=[０-９])，(?=[０-９]{{3}}(?![０-９])))"
        rf"[{_DIGIT}]+)*)",
        rf"(?P<words>(?!百分[点點之]){words})",
        rf"(?P<scale>{scale})",
    ]
    return re.compile("|".join(parts))


def digits_value(text: str) -> tuple[Decimal | None, str | None]:
    """The value of digits (ASCII or full-width) with separators, or None and why not."""
    plain = text.translate(_FULL_WIDTH)
    if plain.count(".") > 1:
        return None, f"{text!r} has more than one decimal point"
    whole, _, fraction = plain.partition(".")
    if "," in fraction:
        return None, f"{text!r} has separators after its decimal point"
    groups = whole.split(",")
    if len(groups) > 1 and (
        not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:])
    ):
        return None, f"{text!r} is not grouped in thousands (groups of three digits)"
    try:
        return Decimal("".join(groups) + (f".{fraction}" if fraction else "")), None
    except InvalidOperation:  # pragma: no cover - the pattern only admits digits
        return None, f"{text!r} is not a number"


def chinese_value(text: str, lex: ZhLexicon | None = None) -> Decimal | None:
    """The value of a numeral in characters, or None when it is no well-formed numeral.

    "一千二百" 1200, "三万五千" 35000, "一亿两千万" 120000000, "一百零五" 105,
    "二〇二三" 2023 (digit by digit), "三点五" 3.5. Two digits in a row inside a
    numeral with positions ("十四五", "三四十") are a name or an approximation,
    not one number: None.
    """
    lex = lex or zh_lexicon()
    whole, fraction = text, ""
    for point in lex.decimal_points:
        if point in text:
            whole, _, fraction = text.partition(point)
            break
    if fraction and not all(c in lex.digits for c in fraction):
        return None
    value = _whole_value(whole, lex)
    if value is None:
        return None
    if fraction:
        return Decimal(f"{value}.{''.join(str(lex.digits[c]) for c in fraction)}")
    return Decimal(value)


def _whole_value(text: str, lex: ZhLexicon) -> int | None:
    if not text:
        return None
    if all(c in lex.digits for c in text):
        if len(text) == 1:
            return lex.digits[text]
        if len(text) == 4 or any(lex.digits[c] == 0 for c in text):
            return int("".join(str(lex.digits[c]) for c in text))  # "二〇二三", a year or code
        return None  # "七八", "三四": an approximation ("seven or eight")
    total = 0
    section = 0
    digit: int | None = None
    largest = 0
    for char in text:
        if char in lex.digits:
            if digit not in (None, 0):
                return None  # "十四五": two digits in a row
            digit = lex.digits[char]
        elif char in lex.positions:
            position = lex.positions[char]
            section += (1 if digit is None else digit) * position
            digit = None
        elif char in lex.scales:
            factor = int(Scale(lex.scales[char]).factor)
            section += digit or 0
            if section == 0 and total == 0:
                return None
            if factor > largest:
                total = (total + section) * factor
                largest = factor
            else:
                total += section * factor
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


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
