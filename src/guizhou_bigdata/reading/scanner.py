"""The numeral scanner: every number a text writes, in digits or in words.

It is the bottom layer of the reader (rules decide which numerals are figures)
and the coverage test's way of finding every number in an article, so that the
two can never disagree about what counts as a number.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from decimal import Decimal

import attrs

from ..core.chinese_numerals import digits_value
from ..core.vocabulary import Scale
from .lazy import once
from .lexicon import SPACE, alternation, lexicon

__all__ = ["Numeral", "NumeralCursor", "NumeralKind", "iter_numerals", "scan_numerals"]


class NumeralKind(enum.Enum):
    """What sort of number a numeral is."""

    DIGITS = "digits"
    """Written in digits: "1,050", "8.5", "4" in "4G"."""
    WORDS = "words"
    """Cardinal words: "eight", "twenty-five", "a hundred", and compounds with
    scale words inside ("one thousand two hundred", value 1200)."""
    SCALE = "scale"
    """A scale word on its own: "billion" in "289.116 billion"."""
    ORDINAL = "ordinal"
    """An ordinal: "first", "seventh", "4th"."""
    FRACTION = "fraction"
    """A fraction before "of": "a quarter of"."""
    VAGUE = "vague"
    """A vague magnitude: "thousands", "millions"."""
    PLACEHOLDER = "placeholder"
    """Angle brackets left where a number was lost: "<>,<>"."""


@attrs.frozen
class Numeral:
    """A number as written, where it stands, and its value when it has one.

    ``garbled`` says why a numeral in digits cannot be read (its value is then
    None); it is never repaired.
    """

    start: int
    end: int
    text: str
    kind: NumeralKind
    value: Decimal | None
    garbled: str | None = None


_LETTERS_AMONG_DIGITS = re.compile(r"(?:[OoIl](?>[\d.,]*\d))++")
"""Letters that look like digits, between digits ("2,5O0"): a misprint, not a name, when
no other letter follows the run. Atomic: a run is measured once, never backtracked."""
_ASCII_LETTER = re.compile("[A-Za-z]")


@once
def _numeral_pattern() -> re.Pattern[str]:
    """The pattern of every numeral, compiled from the lexicon on first use."""
    lex = lexicon()
    word = alternation([*lex.cardinals, *lex.multipliers])
    # Scale words in letters ("million") stand between word boundaries; those in
    # Chinese characters ("万", "亿") are attached to the digits or spaced from them,
    # with the next word attached too ("3.5亿元").
    latin = [w for w in lex.scales if w.isascii()]
    chinese = [w for w in lex.scales if not w.isascii()]
    after_multiplier = "|".join(f"(?<={re.escape(m)})" for m in lex.multipliers)
    chain = (
        rf"(?:\b(?:a{SPACE}(?=(?:{alternation(lex.multipliers)}|dozen)\b))?(?:{word})"
        rf"(?:(?:{SPACE}|-|(?:{after_multiplier}){SPACE}and{SPACE})(?:{word}))*\b)"
    )
    # "one thousand two hundred", "two million five hundred thousand": a scale word
    # followed by more number words joins them into one numeral, with the scale word
    # that ends it. "two million" alone stays a number and its scale word.
    scale = rf"(?:{alternation(latin)})\b"
    # Not before a duration: "one million two years ago" is two numbers.
    durations = alternation([*lex.durations, *(f"{d}s" for d in lex.durations)])
    joined = rf"{SPACE}{scale}(?:,?{SPACE}and)?{SPACE}{chain}(?!{SPACE}(?:{durations})\b)"
    words = rf"(?:(?:{chain}|\ba){joined}(?:{joined})*(?:{SPACE}{scale})?|{chain})"
    word_parts = [
        rf"(?P<vague>(?:{alternation(lex.vague)})\b)",
        # "half of the output", not "the first half of the year" (a period).
        rf"(?<!first\s)(?<!second\s)(?<!third\s)(?<!fourth\s)"
        rf"(?P<fraction>(?:{alternation(lex.fractions)})\b(?=[^\S\n]+of\b))",
        rf"(?P<ordinal>(?:{alternation(lex.ordinals)})\b)",
        rf"(?P<words>{words})",
        rf"(?P<scale>(?:{alternation(latin)})\b)",
    ]
    parts = [
        r"(?P<placeholder><>(?:[^\S\n]*,[^\S\n]*<>)*)",
        r"(?P<digits>\d+(?:[.,]\d+)*)",
        *([rf"(?P<chinese_scale>{alternation(chinese)})"] if chinese else []),
        # Words start only where no letter stands before: most positions fail here at once.
        r"(?<![A-Za-z])(?=[A-Za-z])(?:" + "|".join(word_parts) + ")",
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


def words_value(text: str) -> Decimal:
    """The value of number words: "twenty-five" 25, "two hundred and ten" 210,
    "one thousand two hundred" 1200, "two million five hundred thousand" 2500000.

    Each scale word closes the group before it and adds it to the total; a
    larger scale word after a smaller one multiplies all that came before.
    """
    lex = lexicon()
    total = 0
    current = 0
    last_factor = 0
    for token in re.split(r"[\s,-]+", text.lower()):
        if token in ("and", "a", ""):
            continue
        if token in lex.multipliers:
            current = max(current, 1) * lex.multipliers[token]
        elif token in lex.scales:
            factor = int(Scale(lex.scales[token]).factor)
            if total and factor > last_factor:
                total = (total + current) * factor
            else:
                total += max(current, 1) * factor
            current, last_factor = 0, factor
        else:
            current += lex.cardinals[token]
    return Decimal(total + current)


def words_scale(text: str) -> Scale | None:
    """The largest scale word inside number words ("two million five hundred thousand":
    million), or None when there is none."""
    lex = lexicon()
    found = [Scale(lex.scales[t]) for t in re.split(r"[\s,-]+", text.lower()) if t in lex.scales]
    return max(found, key=lambda scale: scale.factor) if found else None


def fraction_value(numerator: int, denominator: int) -> Decimal:
    """The fraction as a decimal: exact when one exists, else to three places."""
    value = Decimal(numerator) / Decimal(denominator)
    exact = value.normalize()
    return exact if len(str(exact)) <= 8 else value.quantize(Decimal("0.001"))


def is_exact_fraction(numerator: int, denominator: int) -> bool:
    """True when a decimal writes the fraction exactly (1/4 yes, 1/3 no)."""
    while denominator % 2 == 0:
        denominator //= 2
    while denominator % 5 == 0:
        denominator //= 5
    return numerator % denominator == 0


def scan_numerals(text: str) -> tuple[Numeral, ...]:
    """Every numeral in ``text``, in order: digits, words, scale words, ordinals ...

    Digits are found wherever they stand, also inside names ("4G", "page12")
    and dates: deciding that they are not figures is the rules' work.
    """
    return tuple(iter_numerals(text))


class NumeralCursor:
    """The numerals of a text, scanned as a reader asks for them, sentence by sentence.

    The same numerals as :func:`scan_numerals`, but a sentence's are made when it is
    read and let go after it: a table of 5 MB never holds all its numerals at once (as
    many objects as figures, which the garbage collector walks at every full collection).
    """

    def __init__(self, text: str) -> None:
        self._numerals = iter_numerals(text)
        self._next = next(self._numerals, None)
        self._asked = 0

    def between(self, start: int, end: int) -> list[Numeral]:
        """The numerals that start inside ``start:end``; spans are asked for in text order."""
        if start < self._asked:
            raise ValueError(
                f"numerals asked for at {start}, before the span already read (to {self._asked}):"
                " ask for the spans of a text in order"
            )
        self._asked = end
        found: list[Numeral] = []
        numeral = self._next
        while numeral is not None and numeral.start < end:
            if numeral.start >= start:
                found.append(numeral)
            numeral = next(self._numerals, None)
        self._next = numeral
        return found


def iter_numerals(text: str) -> Iterator[Numeral]:
    """:func:`scan_numerals`, one numeral at a time."""
    lex = lexicon()
    ordinal_suffixes = lex.ordinal_suffixes
    end = -1  # where the last numeral found ends
    # Where the last run of look-alike letters that a letter follows ends: any digits
    # inside it start the same run, which ends at the same letter ("1O1O1x"), so it is
    # measured once, not once per digit (which took time growing with its square).
    run_refused = -1
    for match in _numeral_pattern().finditer(text):
        start = match.start()
        if start < end:
            continue  # inside a numeral already extended over letters among its digits
        kind_name = match.lastgroup
        assert kind_name is not None
        kind = _KINDS[kind_name]
        written = match.group()
        value: Decimal | None = None
        garbled: str | None = None
        if kind is NumeralKind.DIGITS:
            value, garbled = digits_value(written)
            among = None
            matched_end = match.end()
            if matched_end >= run_refused:
                among = _LETTERS_AMONG_DIGITS.match(text, matched_end)
                if among is not None and _ASCII_LETTER.match(text, among.end()):
                    run_refused, among = among.end(), None  # "1O1x": a name, not a misprint
            if among is not None:
                letters = sorted(set(re.sub(r"[\d.,]", "", among.group())))
                written += among.group()
                value = None
                garbled = f"{written!r} has the letter {' '.join(letters)} among its digits"
            suffix = text[matched_end : matched_end + 2].lower()
            if (
                suffix in ordinal_suffixes
                and value is not None
                and not text[matched_end + 2 : matched_end + 3].isalnum()
            ):
                kind = NumeralKind.ORDINAL
        elif kind is NumeralKind.WORDS:
            value = words_value(written)
        elif kind is NumeralKind.ORDINAL:
            value = Decimal(lex.ordinals[written.lower()])
        elif kind is NumeralKind.FRACTION:
            numerator, denominator = lex.fractions[re.sub(r"\s+", " ", written.lower())]
            value = fraction_value(numerator, denominator)
        elif kind is NumeralKind.PLACEHOLDER:
            garbled = f"{written!r} stands where the number was lost"
        end = start + len(written)
        yield Numeral(start, end, written, kind, value, garbled)


_KINDS = {kind.value: kind for kind in NumeralKind} | {"chinese_scale": NumeralKind.SCALE}
"""The kind of numeral each group of the pattern finds."""
