"""The Chinese reader's word lists, read once from ``lexicons/zh/*.toml``.

As for English, the words live in data files a person reviews; this module
turns them into lookups on first use and checks that every value is one the
reader knows (a bound, a modality class, a plan's years), naming the file,
the table and the word when one is not.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import attrs

from ...core.vocabulary import Bound
from ..lazy import once

__all__ = ["ZhLexicon", "zh_lexicon"]

FILES = ("numbers", "units", "bounds", "modality", "time", "not_figures", "text")
"""The Chinese lexicon files, in ``lexicons/zh/``."""
GUESS_FILE = "metrics"
"""The Chinese words of the metric and subject guesses, read by :mod:`..guesses`."""


@attrs.frozen
class ZhLexicon:
    """Every Chinese word list the rules use; see the TOML files for what each holds."""

    digits: dict[str, int]
    positions: dict[str, int]
    scales: dict[str, str]
    decimal_points: tuple[str, ...]
    percent_prefixes: tuple[str, ...]
    tenths: tuple[str, ...]
    vague: tuple[str, ...]
    currency_before: dict[str, str]
    generic_money: tuple[str, ...]
    """Words after a number ("元") that are the unit of a currency named before it."""
    units_after: dict[str, str]
    latin_units: dict[str, str]
    """Units in Latin letters, by their upper-case spelling."""
    generations: frozenset[int]
    measure_words: tuple[str, ...]
    measure_defaults: dict[str, str]
    article_measures: frozenset[str]
    count_nouns: dict[str, str]
    per: dict[str, str]
    per_after: dict[str, str]
    bounds_before: dict[str, Bound]
    bound_fillers: tuple[str, ...]
    bounds_after: dict[str, Bound]
    bounds_attached: dict[str, Bound]
    lone_scale: dict[str, Bound]
    modality_cues: dict[str, str]
    modality_not_before: dict[str, str]
    modality_not_after: dict[str, tuple[str, ...]]
    goal_after: tuple[str, ...]
    future_words: tuple[str, ...]
    intent_word: str
    not_intent_after: str
    future_verbs: tuple[str, ...]
    relative_years: dict[str, int]
    now_words: tuple[str, ...]
    this_and_next: tuple[str, ...]
    continues: tuple[str, ...]
    continues_enumerations: str
    event_anaphora: tuple[str, ...]
    """Words pointing back to an event named before (本届, 此次)."""
    minguo_offset: int
    minguo_prefix: str
    minguo_years: tuple[int, int]
    """The years of the Republic of China read as such (first, last), as written."""
    halves: dict[str, int]
    quarters: dict[str, int]
    first_quarters: dict[str, int]
    year_end: tuple[str, ...]
    plans: dict[str, tuple[int, int]]
    plan_ranges: tuple[str, ...]
    plan_ends: tuple[str, ...]
    plan_firsts: tuple[str, ...]
    base_before: tuple[str, ...]
    base_after: tuple[str, ...]
    report_after: tuple[str, ...]
    report_before: tuple[str, ...]
    ahead_before: tuple[str, ...]
    set_phrases: tuple[str, ...]
    name_suffixes: tuple[str, ...]
    group_name_after: str
    group_name_not_before: tuple[str, ...]
    process_units: tuple[str, ...]
    process_context: tuple[str, ...]
    names: tuple[str, ...]
    references: tuple[str, ...]
    captions: tuple[str, ...]
    class_suffixes: tuple[str, ...]
    rank_verbs: tuple[str, ...]
    rank_scopes: tuple[str, ...]
    rank_after: tuple[str, ...]
    rank_changes: tuple[str, ...]
    rank_change_unit: str
    """The word a change of rank is counted in ("上升5位": 位, places)."""
    first_measures: tuple[str, ...]
    batches: tuple[str, ...]
    growth_words: tuple[str, ...]
    """Words that make a streak's figure a growth rate (增速, 增长)."""
    place_ends: tuple[str, ...]
    named_count_items: int
    named_count_chars: int
    named_count_separators: tuple[str, ...]
    sequence_nouns: tuple[str, ...]
    structure_nouns: tuple[str, ...]
    level_words: tuple[str, ...]
    rating_units: tuple[str, ...]
    designations: tuple[str, ...]
    designation_verbs: tuple[str, ...]
    streak_before: tuple[str, ...]
    streak_units: dict[str, str]
    quoted_name_chars: int
    traditional: dict[int, str]
    """Traditional characters and their simplified forms, one for one, as a
    ``str.translate`` table: the rules read a folded copy of the sentence."""
    full_width: dict[int, str]
    """Full-width Latin letters and their ASCII forms ("Ｇｂｐｓ"), a ``str.translate``
    table: the rules read units in Latin letters either way."""


def _read(name: str) -> dict[str, Any]:
    path = resources.files("guizhou_bigdata.reading") / "lexicons" / "zh" / f"{name}.toml"
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    return data


def _bounds(table: dict[str, str], where: str) -> dict[str, Bound]:
    found = {}
    for word, value in table.items():
        try:
            found[word] = Bound(value)
        except ValueError:
            valid = ", ".join(b.value for b in Bound)
            raise ValueError(
                f"lexicons/zh/bounds.toml [{where}] {word!r} = {value!r}: not a bound; "
                f"valid bounds: {valid}"
            ) from None
    return found


_MODALITY_CLASSES = frozenset(
    {"actual", "estimate", "expected", "future", "target", "forecast", "possible"}
)


def _plans(table: dict[str, list[int]]) -> dict[str, tuple[int, int]]:
    plans = {}
    for name, years in table.items():
        if len(years) != 2 or not all(isinstance(y, int) for y in years) or years[0] > years[1]:
            raise ValueError(
                f"lexicons/zh/time.toml [plans] {name!r} = {years!r}: write the plan's first "
                "and last year, for example [2021, 2025]"
            )
        plans[name] = (years[0], years[1])
    return plans


def _build() -> ZhLexicon:
    numbers, units, bounds, modality, time, names, text = (_read(name) for name in FILES)
    cues = dict(modality["cues"])
    unknown = sorted(f"{w!r} = {c!r}" for w, c in cues.items() if c not in _MODALITY_CLASSES)
    if unknown:
        raise ValueError(
            f"lexicons/zh/modality.toml [cues]: unknown classes in {', '.join(unknown)}; "
            f"valid: {', '.join(sorted(_MODALITY_CLASSES))}"
        )
    return ZhLexicon(
        digits=dict(numbers["digits"]),
        positions=dict(numbers["positions"]),
        scales=dict(numbers["scales"]),
        decimal_points=tuple(numbers["decimal_point"]["words"]),
        percent_prefixes=tuple(numbers["percent_words"]["prefix"]),
        tenths=tuple(numbers["tenths"]["words"]),
        vague=tuple(numbers["vague"]["words"]),
        currency_before=dict(units["currency_before"]),
        generic_money=tuple(units["generic_money"]["words"]),
        units_after=dict(units["after"]),
        latin_units={word.upper(): unit for word, unit in units["latin"].items()},
        generations=frozenset(int(n) for n in units["generations"]["numbers"]),
        measure_words=tuple(units["measure_words"]["words"]),
        measure_defaults=dict(units["measure_defaults"]),
        article_measures=frozenset(units["article_measures"]["words"]),
        count_nouns=dict(units["count_nouns"]),
        per=dict(units["per"]),
        per_after=dict(units["per_after"]),
        bounds_before=_bounds(bounds["before"], "before"),
        bound_fillers=tuple(bounds["fillers"]["words"]),
        bounds_after=_bounds(bounds["after"], "after"),
        bounds_attached=_bounds(bounds["attached"], "attached"),
        lone_scale=_bounds(bounds["lone_scale"], "lone_scale"),
        modality_cues=cues,
        modality_not_before=dict(modality["not_before"]),
        modality_not_after={cue: tuple(words) for cue, words in modality["not_after"].items()},
        goal_after=tuple(modality["goal_after"]["words"]),
        future_words=tuple(modality["future"]["words"]),
        intent_word=str(modality["future"]["intent"]),
        not_intent_after=str(modality["future"]["not_intent_after"]),
        future_verbs=tuple(modality["future"]["verbs"]),
        relative_years=dict(time["relative_years"]),
        growth_words=tuple(time["streaks"]["growth_words"]),
        now_words=tuple(time["now"]["words"]),
        this_and_next=tuple(time["this_and_next"]["words"]),
        continues=tuple(time["continues"]["words"]),
        continues_enumerations=str(time["continues"]["enumerations"]),
        event_anaphora=tuple(time["continues"]["events"]),
        minguo_offset=int(time["minguo"]["offset"]),
        minguo_prefix=str(time["minguo"]["prefix"]),
        minguo_years=(int(time["minguo"]["first"]), int(time["minguo"]["last"])),
        halves=dict(time["halves"]),
        quarters=dict(time["quarters"]),
        first_quarters=dict(time["first_quarters"]),
        year_end=tuple(time["year_end"]["words"]),
        plans=_plans(time["plans"]),
        plan_ranges=tuple(time["plan_parts"]["range"]),
        plan_ends=tuple(time["plan_parts"]["end"]),
        plan_firsts=tuple(time["plan_parts"]["first"]),
        base_before=tuple(time["base"]["before"]),
        base_after=tuple(time["base"]["after"]),
        report_after=tuple(time["report"]["after"]),
        report_before=tuple(time["report"]["before"]),
        ahead_before=tuple(time["ahead"]["before"]),
        set_phrases=tuple(names["set_phrases"]["words"]),
        name_suffixes=tuple(names["name_suffixes"]["words"]),
        group_name_after=str(names["group_names"]["after"]),
        group_name_not_before=tuple(names["group_names"]["not_before"]),
        process_units=tuple(names["process_nodes"]["units"]),
        process_context=tuple(names["process_nodes"]["context"]),
        names=tuple(names["names"]["words"]),
        references=tuple(names["references"]["before"]),
        captions=tuple(names["captions"]["words"]),
        class_suffixes=tuple(names["class_suffix"]["words"]),
        rank_verbs=tuple(names["ranks"]["verbs"]),
        rank_scopes=tuple(names["ranks"]["scopes"]),
        rank_after=tuple(names["ranks"]["after"]),
        rank_changes=tuple(names["ranks"]["changes"]),
        rank_change_unit=str(names["ranks"]["change_unit"]),
        first_measures=tuple(names["ranks"]["first_measures"]),
        batches=tuple(names["ranks"]["batches"]),
        place_ends=tuple(names["ranks"]["place_ends"]),
        named_count_items=int(names["named_count"]["max_items"]),
        named_count_chars=int(names["named_count"]["item_chars"]),
        named_count_separators=tuple(names["named_count"]["separators"]),
        sequence_nouns=tuple(names["sequence_nouns"]["words"]),
        structure_nouns=tuple(names["structure_nouns"]["words"]),
        level_words=tuple(names["levels"]["before"]),
        rating_units=tuple(names["ratings"]["units"]),
        designations=tuple(names["designations"]["words"]),
        designation_verbs=tuple(names["designations"]["verbs"]),
        streak_before=tuple(names["streaks"]["before"]),
        streak_units=dict(names["streaks"]["units"]),
        quoted_name_chars=int(names["quoted_names"]["max_chars"]),
        traditional=_fold(text["traditional"]),
        full_width=_FULL_WIDTH_LETTERS,
    )


_FULL_WIDTH_LETTERS = {
    **{0xFF21 + i: chr(0x41 + i) for i in range(26)},  # Ａ-Ｚ
    **{0xFF41 + i: chr(0x61 + i) for i in range(26)},  # ａ-ｚ
}
"""The full-width forms of the Latin letters, which Unicode fixes, and their ASCII."""


def _fold(table: dict[str, str]) -> dict[int, str]:
    """The one-for-one table of ``text.toml [traditional]``: a pair that is not one
    character for one would move every offset after it, so it is refused."""
    for old, new in table.items():
        if len(old) != 1 or len(new) != 1:
            raise ValueError(
                f"lexicons/zh/text.toml [traditional] {old!r} = {new!r}: write one character "
                "for one character, so that offsets in the folded text stay those of the text"
            )
    return str.maketrans(table)


@once
def zh_lexicon() -> ZhLexicon:
    """The Chinese lexicon, built on first call."""
    return _build()
