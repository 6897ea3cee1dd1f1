"""Does a quote state the figure a fact claims? The check behind "as written"."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from decimal import Decimal, InvalidOperation

from .chinese_numerals import FULL_WIDTH, chinese_numerals, digit_numerals

__all__ = ["numbers_in", "quote_states", "renderings", "scale_words_after", "word_readings"]

_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000,
    "hundreds": 100, "thousands": 1000, "millions": 1000000, "billions": 1000000000,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z]+")
_WIDE_DIGIT = re.compile("[０-９]")
_DECIMAL_COMMA = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+|\d+,(?!\d{3}$)\d+")
"""A decimal comma: "18,1", "1.234,5"; not "2,362", which English groups in thousands."""
_THOUSANDS_DOT = re.compile(r"\d{1,3}(?:\.\d{3})+")


def numbers_in(text: str) -> set[Decimal]:
    """Every number ``text`` writes in digits or words, read every plausible way.

    "2025,3000" yields 20253000, 2025 and 3000: a garbled figure is matched
    against any reading, and the data says which one it means. Full-width
    digits are digits ("２６３．５" is 263.5), and a Chinese numeral is its
    value and its value in its largest scale word ("三万五千" is 35000 and 3.5,
    as the data records it with scale 万).
    """
    found: set[Decimal] = set()
    if not text.isascii():
        if _WIDE_DIGIT.search(text):
            text = text.translate(FULL_WIDTH)
        for _, _, value, scaled in (*chinese_numerals(text), *digit_numerals(text)):
            found.add(value)
            if scaled is not None:
                found.add(scaled)
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            pieces = [token.replace(",", ""), *token.split(",")]
            if _DECIMAL_COMMA.fullmatch(token):  # "18,1" and "1.234,5" in much of Europe
                pieces.append(token.replace(".", "").replace(",", "."))
            elif _THOUSANDS_DOT.fullmatch(token):  # "5.000": German and Spanish thousands
                pieces.append(token.replace(".", ""))
            for piece in pieces:
                try:
                    found.add(Decimal(piece))
                except InvalidOperation:
                    continue
        elif token.lower() in _WORDS:
            found.add(Decimal(_WORDS[token.lower()]))
    return found


_KIND_WORDS: dict[str, dict[str, dict[str, Decimal]]] = {
    "rank": {
        "rank": {
            "lead": Decimal(1),
            "top": Decimal(1),
            "首位": Decimal(1),
            "榜首": Decimal(1),
            "อันดับหนึ่ง": Decimal(1),  # Thai: first place
        }
    },
    "share": {"percent": {"all": Decimal(100)}, "dimensionless": {"all": Decimal(1)}},
}
"""Words that state a figure of a metric kind without a numeral: "took the lead", "at
the top", 首位 or the Thai อันดับหนึ่ง is rank 1, "all" is the whole share. By kind,
then the fact's unit."""


def word_readings(text: str, kind: str | None, unit: str) -> set[Decimal]:
    """The values words without a numeral state for a metric of ``kind`` in ``unit``.

    None when ``text`` writes a number: "top three" is rank 3, not the top.
    """
    words = _KIND_WORDS.get(kind or "", {}).get(unit, {})
    if not words or numbers_in(text):
        return set()
    found = {words[token.lower()] for token in _TOKEN.findall(text) if token.lower() in words}
    if not text.isascii():  # Chinese and Thai write words without spaces: 位居全国首位
        found |= {value for word, value in words.items() if not word.isascii() and word in text}
    return found


def renderings(value: Decimal) -> tuple[str, ...]:
    """How a value may stand in a text: plain, or with thousands separators."""
    plain = format(value, "f")
    whole, _, fraction = plain.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    # Grouped as text: int() refuses strings of more than 4300 digits.
    head = len(digits) % 3 or 3
    grouped = ",".join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])
    with_commas = sign + grouped + (f".{fraction}" if fraction else "")
    return (plain,) if with_commas == plain else (plain, with_commas)


def quote_states(quote: str, value: Decimal) -> bool:
    """True when ``quote`` writes ``value`` as a whole number token (not inside another).

    "1,200" states 1200 but "21,200" and "1,200.5" do not. Plain string search
    with a look at the neighbours: no regular expression is compiled per value,
    which made loading 100,000 facts spend most of its time in ``re``.

    Full-width digits stand for digits ("２６３．５亿元" states 263.5), and a
    Chinese numeral of two characters or more states its value and its value
    in its largest scale word ("一千二百家" 1200, "三万五千台" 35000 and 3.5); a
    single character does not, as 一 and 百 stand in countless words (统一, 百姓).
    """
    plain = format(value, "f")
    if _stands_in(quote, plain):
        return True
    if any(_stands_in(quote, text) for text in renderings(value) if text != plain):
        return True
    if quote.isascii():
        return False
    if _WIDE_DIGIT.search(quote) and quote_states(quote.translate(FULL_WIDTH), value):
        return True
    return any(
        value in (found, scaled)
        for start, end, found, scaled in chinese_numerals(quote)
        if end - start >= 2
    )


def _stands_in(quote: str, text: str) -> bool:
    """``text`` occurs in ``quote`` with no digit or decimal part joined to either side."""
    return next(_standing_ends(quote, text), None) is not None


def _standing_ends(quote: str, text: str) -> Iterator[int]:
    """Where each standalone occurrence of ``text`` in ``quote`` ends."""
    start = quote.find(text)
    while start != -1:
        end = start + len(text)
        before = quote[start - 1] if start else ""
        after = quote[end : end + 2]
        inside = (before.isdecimal() or before in (".", ",")) if before else False
        joined = after[:1].isdecimal() or (after[:1] in (".", ",") and after[1:].isdecimal())
        if not inside and not joined:
            yield end
        start = quote.find(text, start + 1)


def scale_words_after(quote: str, value: Decimal, words: Collection[str]) -> tuple[str, ...]:
    """The scale words every statement of ``value`` in ``quote`` is followed by, if any.

    "3 万 enterprises" states 3 only as 3 万: a record of value 3 with no scale
    would be 10,000 times too small, and the loader says so. "3万亿" gives both
    words; a word joined on by a hyphen ("5 Million-Dollar") is no scale word.
    Empty when some statement of the value stands without one.
    """
    found: tuple[str, ...] = ()
    for text in renderings(value):
        for end in _standing_ends(quote, text):
            run = _scale_run(quote[end:], words)
            if not run:
                return ()
            found = found or run
    return found


def _scale_run(rest: str, words: Collection[str]) -> tuple[str, ...]:
    run: list[str] = []
    longest_first = sorted(words, key=len, reverse=True)  # 万亿 is one word, not 万 then 亿
    while True:
        rest = rest.lstrip()
        word = next((w for w in longest_first if rest[: len(w)].lower() == w), None)
        if word is None:
            return tuple(run)
        after = rest[len(word) : len(word) + 1]
        if word.isascii() and (after.isalnum() or after == "-"):
            return tuple(run)
        run.append(word)
        rest = rest[len(word) :]
