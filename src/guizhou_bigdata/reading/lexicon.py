"""The reader's word lists, read once from the TOML files in ``lexicons/``.

The words live in data files that people review (as Duckling's and dateparser's
do), not in code; this module turns them into lookups and compiled patterns on
first use, under a lock, and never again.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterable
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs

from ..core.vocabulary import Bound
from .lazy import once

__all__ = [
    "SPACE",
    "Lexicon",
    "alternation",
    "currency_units",
    "defined_units",
    "lexicon",
    "unit_is_defined",
]


SPACE = r"[^\S\n]+"
"""Space between the words of a phrase: any but a line break, which ends a paragraph."""


def alternation(phrases: Iterable[str], any_case: frozenset[str] = frozenset()) -> str:
    """A regex alternation of ``phrases``, longest first, a space matching any but a line break;
    the phrases in ``any_case`` match in any case."""
    words = sorted(set(phrases), key=len, reverse=True)
    parts = (re.escape(word).replace(r"\ ", SPACE) for word in words)
    return "|".join(
        f"(?i:{part})" if word in any_case else part
        for word, part in zip(words, parts, strict=True)
    )


@attrs.frozen
class Lexicon:
    """Every word list the rules use; see the TOML files for what each holds."""

    cardinals: dict[str, int]
    multipliers: dict[str, int]
    scales: dict[str, str]
    scale_abbreviations: dict[str, str]
    """Scale words of one letter ("m", "k"), read as such only joined to a number."""
    ordinals: dict[str, int]
    ordinal_suffixes: tuple[str, ...]
    fractions: dict[str, tuple[int, int]]
    """Fraction words and their (numerator, denominator)."""
    vague: tuple[str, ...]
    currency_before: dict[str, str]
    units_after: dict[str, str]
    """Units written after a number, those units.txt lacks (``[after_undefined]``) too,
    and those read in any case (``[after_any_case]``, in lower case)."""
    units_any_case: frozenset[str]
    """The words of ``units_after`` read in any case ("Terabits per second")."""
    durations: frozenset[str]
    count_nouns: dict[str, str]
    count_verbs: tuple[str, ...]
    """Verbs whose object is a count ("has", "added"): four digits after one count."""
    modifiers: tuple[str, ...]
    final_nouns: frozenset[str]
    per: dict[str, str]
    noun_stops: frozenset[str]
    noun_window: int
    bounds_before: dict[str, Bound]
    bounds_after: dict[str, Bound]
    bounds_attached: dict[str, Bound]
    bound_fillers: tuple[str, ...]
    bound_marks: tuple[str, ...]
    """Nouns after an amount that a bound word passes "the" to ("exceed the 1,000 mark")."""
    modality_cues: dict[str, str]
    subject_cues: dict[str, str]
    """Cues after a figure that heads its clause ("30 forums will be held")."""
    clause_joins: tuple[str, ...]
    """Words that start a new clause when a verb follows (", and", "while")."""
    clause_verbs: frozenset[str]
    """Verbs that make the words after a join a clause of their own."""
    months: dict[str, int]
    relative_years: dict[str, int]
    anaphoric_years: dict[str, int]
    """Years relative to the year the sentence states ("the previous year")."""
    now_words: tuple[str, ...]
    now_finer: frozenset[str]
    """Now words that name a month or a day ("this month"): finer than a year."""
    relative_months: dict[str, int]
    period_anaphora: tuple[str, ...]
    year_anaphora: tuple[str, ...]
    halves: dict[str, int]
    quarters: dict[str, int]
    year_range: tuple[int, int]
    year_bound_words: frozenset[str]
    """Bound words that also place a year ("around 2020"): no proof of a count."""
    name_exceptions: frozenset[str]
    references: frozenset[str]
    compound_words: frozenset[str]
    time_frames: tuple[str, ...]
    sequence_nouns: frozenset[str]
    batch_nouns: tuple[str, ...]
    designations: tuple[str, ...]
    rank_scopes_before: tuple[str, ...]
    rank_scopes_within: tuple[str, ...]
    rank_verbs: frozenset[str]
    copulas: frozenset[str]
    superlatives: frozenset[str]
    quoted_name_words: int
    file_extensions: frozenset[str]
    currencies: frozenset[str]
    """The units that are currencies (:func:`currency_units`)."""
    unit_groups: dict[str, str]
    """The quantity each unit of ``[conversions]`` measures ("ft**2": "area")."""
    """File name endings: digits before ".png" name a file."""
    anaphora: tuple[str, ...]
    growth_words: tuple[str, ...]
    """Words that make a streak's figure a growth rate ("growth", "grew")."""
    present_words: tuple[str, ...]
    """Verbs of the present: a sentence with one and no word of the past is "now"."""
    perfect_words: tuple[str, ...]
    past_words: tuple[str, ...]
    event_words: tuple[str, ...]
    """Nouns of an event named again ("the expo"): its figures are of the event's month."""

    def unit_after(self, written: str) -> str:
        """The unit of words ``units_after`` matched, as written ("Terabits  per second")."""
        words = " ".join(written.split())
        found = self.units_after.get(words)
        return found if found is not None else self.units_after[words.lower()]

    def is_year(self, value: Decimal) -> bool:
        """True for whole numbers in the calendar years the reader knows."""
        first, last = self.year_range
        return value == value.to_integral_value() and first <= value <= last


def _read(name: str) -> dict[str, Any]:
    path = resources.files("guizhou_bigdata.reading") / "lexicons" / f"{name}.toml"
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    return data


def _bounds(table: dict[str, str], where: str) -> dict[str, Bound]:
    try:
        return {word: Bound(value) for word, value in table.items()}
    except ValueError as exc:
        valid = ", ".join(b.value for b in Bound)
        raise ValueError(f"lexicons/bounds.toml [{where}]: {exc}; valid bounds: {valid}") from None


def _fraction(words: str, written: str) -> tuple[int, int]:
    numerator, slash, denominator = written.partition("/")
    if not slash or not numerator.isdigit() or not denominator.isdigit() or denominator == "0":
        raise ValueError(
            f"lexicons/numbers.toml [fractions] {words!r} = {written!r}: write it as "
            "NUMERATOR/DENOMINATOR, for example '1/4'"
        )
    return int(numerator), int(denominator)


_MODALITY_CLASSES = frozenset({"actual", "estimate", "expected", "future", "target", "forecast"})


def _build() -> Lexicon:
    numbers = _read("numbers")
    units = _read("units")
    bounds = _read("bounds")
    modality = _read("modality")
    time = _read("time")
    names = _read("not_figures")
    any_case = dict(units["after_any_case"])
    shouting = sorted(word for word in any_case if word != word.lower())
    if shouting:
        raise ValueError(
            f"lexicons/units.toml [after_any_case]: write {shouting} in lower case "
            "(they are read in any case)"
        )
    cues = dict(modality["cues"])
    subject_cues = dict(modality["subject_cues"])
    unknown = sorted({*cues.values(), *subject_cues.values()} - _MODALITY_CLASSES)
    if unknown:
        raise ValueError(
            f"lexicons/modality.toml: unknown cue classes {unknown}; "
            f"valid: {sorted(_MODALITY_CLASSES)}"
        )
    return Lexicon(
        cardinals=dict(numbers["cardinals"]),
        multipliers=dict(numbers["multipliers"]),
        scales=dict(numbers["scales"]),
        scale_abbreviations=dict(numbers["scale_abbreviations"]),
        ordinals=dict(numbers["ordinals"]),
        ordinal_suffixes=tuple(numbers["ordinal_suffixes"]["suffixes"]),
        fractions={k: _fraction(k, v) for k, v in numbers["fractions"].items()},
        vague=tuple(numbers["vague"]["words"]),
        currency_before=dict(units["currency_before"]),
        units_after={**units["after"], **units["after_undefined"], **any_case},
        units_any_case=frozenset(any_case),
        durations=frozenset(units["durations"]["units"]),
        count_nouns=dict(units["count_nouns"]),
        count_verbs=tuple(units["count_verbs"]["words"]),
        modifiers=tuple(units["modifiers"]["words"]),
        final_nouns=frozenset(units["final_nouns"]["words"]),
        per=dict(units["per"]),
        noun_stops=frozenset(units["noun_phrase"]["stops"]),
        noun_window=int(units["noun_phrase"]["max_words"]),
        bounds_before=_bounds(bounds["before"], "before"),
        bounds_after=_bounds(bounds["after"], "after"),
        bounds_attached=_bounds(bounds["attached"], "attached"),
        bound_fillers=tuple(bounds["fillers"]["words"]),
        bound_marks=tuple(bounds["marks"]["words"]),
        modality_cues=cues,
        subject_cues=subject_cues,
        clause_joins=tuple(modality["clauses"]["joins"]),
        clause_verbs=frozenset(
            [
                *modality["clauses"]["verbs"],
                *(v for v in units["count_verbs"]["words"] if " " not in v),
            ]
        ),
        months=dict(time["months"]),
        relative_years=dict(time["relative_years"]),
        anaphoric_years=dict(time["anaphoric_years"]),
        now_words=tuple(time["now"]["words"]),
        now_finer=frozenset(time["now"]["finer"]),
        relative_months=dict(time["relative_months"]),
        period_anaphora=tuple(time["anaphora"]["patterns"]),
        year_anaphora=tuple(time["anaphora"]["year_patterns"]),
        growth_words=tuple(time["streaks"]["growth_words"]),
        present_words=tuple(time["tense"]["present"]),
        perfect_words=tuple(time["tense"]["perfect"]),
        past_words=tuple(time["tense"]["past"]),
        event_words=tuple(time["events"]["words"]),
        halves=dict(time["parts_of_year"]["halves"]),
        quarters=dict(time["parts_of_year"]["quarters"]),
        year_range=(int(time["years"]["first"]), int(time["years"]["last"])),
        year_bound_words=frozenset(time["years"]["bound_words"]),
        name_exceptions=frozenset(names["name_exceptions"]["words"]),
        references=frozenset(w.lower() for w in names["references"]["words"]),
        compound_words=frozenset(names["compound_words"]["words"]),
        time_frames=tuple(names["time_frames"]["patterns"]),
        sequence_nouns=frozenset(names["sequence_nouns"]["words"]),
        batch_nouns=tuple(names["designations"]["batch_nouns"]),
        designations=tuple(names["designations"]["words"]),
        rank_scopes_before=tuple(names["rank_scopes"]["before"]),
        rank_scopes_within=tuple(names["rank_scopes"]["within"]),
        rank_verbs=frozenset(names["rank_verbs"]["words"]),
        copulas=frozenset(names["copulas"]["words"]),
        superlatives=frozenset(names["superlatives"]["words"]),
        quoted_name_words=int(names["quoted_names"]["max_words"]),
        file_extensions=frozenset(w.lower() for w in names["file_names"]["extensions"]),
        currencies=currency_units(),
        unit_groups={
            unit: group for group, units_of in units["conversions"].items() for unit in units_of
        },
        anaphora=tuple(names["anaphora"]["before"]),
    )


@once
def lexicon() -> Lexicon:
    """The reader's lexicon, built on first call."""
    return _build()


_DEFINITION = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)(-?)\s*=(.*)$")
_CURRENCY = re.compile(r"\s*\[currency_[a-z]+\]\s*(?:=|$)")


@once
def _units_text() -> str:
    """``data/units.txt``, read once for the unit names and the currencies both."""
    return (resources.files("guizhou_bigdata") / "data" / "units.txt").read_text(encoding="utf-8")


@once
def currency_units() -> frozenset[str]:
    """The units ``data/units.txt`` defines as currencies (a dimension ``[currency_...]``
    each), by name: an amount in one converts into another only in brackets ("HK$1.2
    billion (1.1 billion yuan)"), and none is a count per day."""
    found: set[str] = set()
    for line in _units_text().splitlines():
        match = _DEFINITION.match(line.split("#", 1)[0])
        if match is not None and not match.group(2) and _CURRENCY.match(match.group(3)):
            found.add(match.group(1))
    return frozenset(found)


@once
def defined_units() -> frozenset[str]:
    """Every unit name the package's unit file defines, with its prefixed forms.

    Read from ``data/units.txt`` as text, so that checking a unit the reader
    drafts does not build the Pint registry.
    """
    text = _units_text()
    prefixes: set[str] = set()
    names: set[str] = {"dimensionless"}
    for line in text.splitlines():
        match = _DEFINITION.match(line.split("#", 1)[0])
        if match is None:
            continue
        name, is_prefix, rest = match.groups()
        aliases = [a.strip() for a in rest.split("=")[1:]]
        if is_prefix:
            prefixes.add(name)
            prefixes.update(a.rstrip("-") for a in aliases if a.rstrip("-"))
        else:
            names.add(name)
            names.update(a for a in aliases if re.fullmatch(r"[A-Za-z_%][A-Za-z0-9_]*", a))
    prefixed = {p + n for p in prefixes for n in names if n != "dimensionless"}
    return frozenset(names | prefixed)


_UNIT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@functools.lru_cache(maxsize=1024)
def unit_is_defined(unit: str) -> bool:
    """True when every name in ``unit`` ("data_item / day", "km**2") is defined.

    Asked once per unit: the rules ask for every figure, of the lexicons' few units."""
    known = defined_units()
    return all(name in known for name in _UNIT_NAME.findall(unit))
