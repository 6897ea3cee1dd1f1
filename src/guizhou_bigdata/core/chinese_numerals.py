"""The grammar of Chinese numerals: what 一千二百, 三万五千 and ２６３．５ are worth.

Both the check that a quote states its figure (:mod:`.figures`) and the
Chinese reader need it, so it lives here, below both. Numerals in characters
compose as in Duckling's Chinese rules: a digit times the position after it
(三千, 3000), summed (一千二百, 1200), sections closed by 万 and 亿 (三万五千,
35000; 一亿两千万, 120000000; 两万亿, 2 x 10^12), 零 holding an empty place
(一百零五, 105), and digit by digit with no position (二〇二三, 2023).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation

import attrs

from .vocabulary import Scale

__all__ = [
    "FULL_WIDTH",
    "NUMERAL_WORDS",
    "NumeralWords",
    "chinese_value",
    "digit_numerals",
    "digits_value",
    "in_largest_scale",
]

FULL_WIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
"""Full-width digits and separators (２６３．５, １，２００) as their ASCII forms."""


@attrs.frozen
class NumeralWords:
    """The characters a Chinese numeral is made of, and what each is worth."""

    digits: Mapping[str, int]
    positions: Mapping[str, int]
    """十, 百, 千: they multiply the digit before them inside a section."""
    scales: Mapping[str, Scale]
    """万 and 亿 (and their traditional forms): they close a section."""
    decimal_points: tuple[str, ...]


NUMERAL_WORDS = NumeralWords(
    digits={
        "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "兩": 2,
        "三": 3, "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7,
        "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
    },
    positions={"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000},
    scales={"万": Scale.WAN, "萬": Scale.WAN, "亿": Scale.YI, "億": Scale.YI},
    decimal_points=("点", "點"),
)  # fmt: skip
"""The characters of Chinese numerals, ordinary, financial and traditional."""

_JOINED_SCALES = {
    "万亿": Scale.WAN_YI,
    "萬億": Scale.WAN_YI,
    "万億": Scale.WAN_YI,
    "萬亿": Scale.WAN_YI,
}


def digits_value(text: str) -> tuple[Decimal | None, str | None]:
    """The value of digits (ASCII or full-width) with separators, or None and why not."""
    plain = text.translate(FULL_WIDTH)
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
    except InvalidOperation:
        return None, f"{text!r} is not a number"


def chinese_value(text: str, words: NumeralWords = NUMERAL_WORDS) -> Decimal | None:
    """The value of a numeral in characters, or None when it is no well-formed numeral.

    "一千二百" 1200, "三万五千" 35000, "一亿两千万" 120000000, "一百零五" 105,
    "二〇二三" 2023 (digit by digit), "三点五" 3.5. Two digits in a row inside a
    numeral with positions ("十四五", "三四十") are a name or an approximation,
    not one number: None.
    """
    whole, fraction = text, ""
    for point in words.decimal_points:
        if point in text:
            whole, _, fraction = text.partition(point)
            break
    if fraction and not all(c in words.digits for c in fraction):
        return None
    value = _whole_value(whole, words)
    if value is None:
        return None
    if fraction:
        return Decimal(f"{value}.{''.join(str(words.digits[c]) for c in fraction)}")
    return Decimal(value)


def _whole_value(text: str, words: NumeralWords) -> int | None:
    if not text:
        return None
    digits = words.digits
    if all(c in digits for c in text):
        if len(text) == 1:
            return digits[text]
        if len(text) == 4 or any(digits[c] == 0 for c in text):
            return int("".join(str(digits[c]) for c in text))  # "二〇二三", a year or code
        return None  # "七八", "三四": an approximation ("seven or eight")
    total = 0
    section = 0
    digit: int | None = None
    largest = 0
    for char in text:
        if char in digits:
            if digit not in (None, 0):
                return None  # "十四五": two digits in a row
            digit = digits[char]
        elif char in words.positions:
            section += (1 if digit is None else digit) * words.positions[char]
            digit = None
        elif char in words.scales:
            factor = int(words.scales[char].factor)
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


def in_largest_scale(
    text: str, value: Decimal, words: NumeralWords = NUMERAL_WORDS
) -> tuple[Decimal, Scale] | None:
    """A numeral with a scale word inside, read in its largest as the data records it.

    "三万五千" (35000) is 3.5 万, "一亿两千万" 1.2 亿, "两万亿" 2 万亿; None when
    the numeral holds no scale word.
    """
    inner = [words.scales[c] for c in text if c in words.scales]
    if not inner:
        return None
    scale = max(inner, key=lambda s: s.factor)
    if scale is Scale.YI and any(joined in text for joined in _JOINED_SCALES):
        scale = Scale.WAN_YI
    scaled = value / scale.factor
    return (scaled.quantize(Decimal(1)) if scaled == int(scaled) else scaled.normalize()), scale


def joined_scale(first: str, second: str) -> Scale | None:
    """The one scale word two written together make ("万" then "亿" is 万亿), or None."""
    return _JOINED_SCALES.get(first + second)


_NUMERAL = re.compile(
    "[{0}]+(?:[{1}][{0}]+)?".format(
        "".join([*NUMERAL_WORDS.digits, *NUMERAL_WORDS.positions, *NUMERAL_WORDS.scales]),
        "".join(NUMERAL_WORDS.decimal_points),
    )
)


def chinese_numerals(text: str) -> Iterator[tuple[int, int, Decimal, Decimal | None]]:
    """Each numeral in characters in ``text``: where it starts and ends, its value, and
    its value in its largest scale word (None when it holds none)."""
    for match in _NUMERAL.finditer(text):
        value = chinese_value(match.group())
        if value is None:
            continue
        scaled = in_largest_scale(match.group(), value)
        yield match.start(), match.end(), value, None if scaled is None else scaled[0]


# Digits between scale characters: "2万1600" (21600), "463億3600万" (463.36 亿),
# "1만3천" (13000, Korean), "3千" (3000); and a scale word standing for one of
# itself after a word of approximation: "近万" (nearly 10,000), "突破萬億" (past a
# trillion). Korean writes 만, 억 and 조 for 万, 亿 and 万亿, and 천, 백 for 千, 百.
_MIXED_POSITIONS = {"千": 1000, "仟": 1000, "천": 1000, "百": 100, "佰": 100, "백": 100}
_MIXED_SCALES = {
    "万亿": Scale.WAN_YI, "萬億": Scale.WAN_YI, "万億": Scale.WAN_YI, "萬亿": Scale.WAN_YI,
    "조": Scale.WAN_YI,
    "万": Scale.WAN, "萬": Scale.WAN, "만": Scale.WAN,
    "亿": Scale.YI, "億": Scale.YI, "억": Scale.YI,
}  # fmt: skip
_MARKS = "|".join(sorted([*_MIXED_SCALES, *_MIXED_POSITIONS], key=len, reverse=True))
_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"  # "12万5,000": digits may be grouped
_MIXED = re.compile(rf"(?:{_NUMBER})(?: ?(?:{_MARKS}))+(?: ?(?:{_NUMBER})(?: ?(?:{_MARKS}))*)*")
_MIXED_TOKEN = re.compile(rf"{_NUMBER}|{_MARKS}")
_BARE_SCALE = re.compile("(?<=[近逾超破上约約过過])(?:万亿|萬億|万|萬|亿|億)")


def digit_numerals(text: str) -> Iterator[tuple[int, int, Decimal, Decimal | None]]:
    """Each numeral of digits and scale characters in ``text``: where it starts and
    ends, its value, and its value in its largest scale word (None when it has none)."""
    for match in _MIXED.finditer(text):
        read = _mixed_value(_MIXED_TOKEN.findall(match.group()))
        if read is not None:
            yield match.start(), match.end(), *read
    for match in _BARE_SCALE.finditer(text):
        factor = _MIXED_SCALES[match.group()].factor
        yield match.start(), match.end(), factor, Decimal(1)


def _mixed_value(tokens: list[str]) -> tuple[Decimal, Decimal | None] | None:
    total = section = Decimal(0)
    number: Decimal | None = None
    largest = Decimal(0)
    for token in tokens:
        if token[0].isdigit():
            if number is not None:
                return None
            number = Decimal(token.replace(",", ""))
        elif token in _MIXED_POSITIONS:
            section += (Decimal(1) if number is None else number) * _MIXED_POSITIONS[token]
            number = None
        else:
            factor = _MIXED_SCALES[token].factor
            section += number or 0
            if section == 0:
                return None  # "万亿" after a digit is one word, read as such above
            if factor > largest:
                total = (total + section) * factor
                largest = factor
            else:
                total += section * factor
            section, number = Decimal(0), None
    value = total + section + (number or 0)
    if not largest:
        return value.normalize(), None
    scaled = value / largest
    return value.normalize(), scaled.normalize()
