"""The reader's rules: small, named, and listed in one table (:data:`RULES`).

As in Duckling, each rule has a name, a stage and a production, and rules
compose: a numeral (from the scanner) becomes a quantity, the quantity takes a
scale word, a unit, a bound; coordinated quantities share a scale word; the
sentence gives it a period and a modality. Rules that decide a numeral is *not*
a figure (a date, a name, a time frame) run first. Every reading names the
rules that made it, so a reviewer can see why it was read so.

The words every rule uses come from the lexicons (``lexicons/*.toml``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import itertools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

import attrs

from ..core.chinese_numerals import joined_scale
from ..core.periods import Period, Precision
from ..core.vocabulary import Bound, Modality, Quality, Scale
from .lazy import once
from .lexicon import Lexicon, alternation, lexicon, unit_is_defined
from .scanner import Numeral, NumeralKind, is_exact_fraction, words_scale
from .timewords import TimeCue, now_period, year_period

__all__ = ["RULES", "Candidate", "Context", "Rule", "Stage", "patterns", "time_frames"]

# Patterns the rules run for every figure, compiled once (``re.search(r"...")`` looks its
# pattern up in re's cache at every call).
_CODE_BEFORE = re.compile(r"[A-Za-z$]+$")
_LETTERS = re.compile(r"[A-Za-z]+")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w’'.-]*)\s+$")
_CAPITAL_AFTER = re.compile(r"\s+([A-Z][\w’'-]*)")
_THE_BEFORE = re.compile(r"\bthe\s+$")
_CAPITAL_AFTER_SPACE = re.compile(r"[ \t]+([A-Z][\w’'-]*)")
_WORD_BEFORE_SPACE = re.compile(r"([A-Za-z][\w’'-]*)[ \t]+$")
_NAME_COMMA_BEFORE = re.compile(r"[A-Z][a-z]+,\s*$")
_HYPHEN_WORD = re.compile(r"-([A-Za-z]+)")
_NO_BEFORE = re.compile(r"\bNo\.?\s*$")
_MINUS_BEFORE = re.compile(r"(?:^|(?<=[\s(\[]))[-−–]$")
_SPACES = re.compile(r"\s+")
_COORDINATION = re.compile(r"\s*(?:,|and|or|to|-|–|,\s*and)\s*")
_AND_GAP = re.compile(r"\s+and\s+")
_DASH_GAP = re.compile(r"\s?[-–]\s?")
_TO_GAP = re.compile(r"\s+to\s+")
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)


class Stage(enum.Enum):
    """When a rule runs; stages run in this order."""

    NOT_A_FIGURE = "not_a_figure"
    """Numeral -> a reason it is not a figure, or None."""
    FIGURE = "figure"
    """Numeral -> a draft figure (the first rule that fits wins), or None."""
    QUANTITY = "quantity"
    """Candidate -> refined in place (scale, unit, bound); True when the rule applied."""
    SENTENCE = "sentence"
    """All drafts of a sentence -> refined together (coordination, periods, modality)."""


@attrs.define
class Candidate:
    """A figure being read: mutable while the rules work on it, frozen as a Reading."""

    start: int
    end: int
    value: Decimal | None
    kind: str
    """"quantity", "rank", "streak" or "garbled"."""
    numeral: Numeral
    scale: Scale | None = None
    unit: str | None = None
    proposed_unit: str | None = None
    bound: Bound = Bound.EXACT
    modality: Modality = Modality.ACTUAL
    period: Period | None = None
    period_note: str | None = None
    noun_end: int | None = None
    quality: set[Quality] = attrs.Factory(set)
    quality_note: str | None = None
    rules: list[str] = attrs.Factory(list)
    consumed: list[Numeral] = attrs.Factory(list)
    dropped: tuple[str, str] | None = None
    """Set by a sentence rule that finds it is not a figure: (rule, reason)."""


@attrs.frozen
class Context:
    """One sentence being read, and what the rules may look at."""

    text: str
    start: int
    end: int
    published: Period
    numerals: tuple[Numeral, ...]
    cues: tuple[TimeCue, ...]
    carried: TimeCue | None
    lex: Lexicon
    pat: Patterns
    frames: dict[int, str] = attrs.field(factory=dict)
    """Start of each numeral that a time frame holds, and the frame's words."""
    order: dict[int, int] = attrs.field(factory=dict)
    """Where each numeral (by ``id``) stands in ``numerals``: a lookup, not a search, so a
    sentence of many numbers (a table) costs no more per number than a short one."""
    memo: dict[str, object] = attrs.field(factory=dict)
    """What rules work out once per sentence and share (the counted nouns in it)."""

    def before(self, pos: int, width: int = 60) -> str:
        """The sentence's text before ``pos`` (at most ``width`` characters)."""
        return self.text[max(self.start, pos - width) : pos]

    def after(self, pos: int, width: int = 60) -> str:
        """The sentence's text after ``pos`` (at most ``width`` characters)."""
        return self.text[pos : min(self.end, pos + width)]

    def next_numeral(self, numeral: Numeral) -> Numeral | None:
        """The numeral after ``numeral`` in the sentence."""
        index = self.order.get(id(numeral))
        if index is None or self.numerals[index] is not numeral:
            index = self.numerals.index(numeral)
        return self.numerals[index + 1] if index + 1 < len(self.numerals) else None


@attrs.frozen
class Rule:
    """A named rule: its stage, what it reads, and the function that does it."""

    name: str
    stage: Stage
    doc: str
    apply: Callable[..., object]
    language: str = "en"
    """The language of the sentences it reads: "en", or "zh" (``reading/zh/rules.py``)."""


def first_figure(
    ctx: object, numeral: Numeral, figures: Sequence[Rule], refiners: Sequence[Rule]
) -> Candidate | None:
    """The first figure rule's candidate for ``numeral``, refined by each quantity rule
    that applies (every rule that made it is named on it); None when no rule reads it.

    One loop for every language: the rules differ, the stages do not.
    """
    for rule in figures:
        draft = rule.apply(ctx, numeral)
        if draft is None:
            continue
        assert isinstance(draft, Candidate)
        draft.rules.append(rule.name)
        for refine in refiners:
            if refine.apply(ctx, draft):
                draft.rules.append(refine.name)
        return draft
    return None


def unread_reason(numeral: Numeral) -> str:
    """Why a numeral no figure rule read is set aside."""
    if numeral.kind is NumeralKind.ORDINAL:
        return "an ordinal that ranks nothing (a sequence, an edition, a name)"
    if numeral.kind is NumeralKind.SCALE:
        return "a scale word with no number before it"
    if numeral.text.lower() == "one":
        return "'one' as a pronoun or determiner, counting nothing"
    return "no rule reads it as a figure"


# ----------------------------------------------------------------- patterns


@attrs.frozen
class Patterns:
    """The lexicons compiled into regular expressions, once."""

    bound_before: re.Pattern[str]
    bound_before_the: re.Pattern[str]
    bound_mark: re.Pattern[str]
    bound_after: re.Pattern[str]
    bound_attached: re.Pattern[str]
    unit_after: re.Pattern[str]
    currency_before: re.Pattern[str]
    coordinated_amount: re.Pattern[str]
    """What stands between two coordinated amounts: ", ", " and ", " to $" ..."""
    number_next: re.Pattern[str]
    """A number (after its currency) right after a bound word written after a figure: the
    bound is that number's ("450 million users and over 61 million")."""
    per: re.Pattern[str]
    modality: re.Pattern[str]
    subject_cue: re.Pattern[str]
    time_frames: tuple[re.Pattern[str], ...]
    time_words: re.Pattern[str]
    rank_verb: re.Pattern[str]
    top: re.Pattern[str]
    streak_after: re.Pattern[str]
    ordinal_streak_after: re.Pattern[str]
    one_of: re.Pattern[str]
    anaphora: re.Pattern[str]
    superlative_after: re.Pattern[str]
    scope_before: re.Pattern[str]
    scope_within: re.Pattern[str]
    word: re.Pattern[str]
    count_nouns: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    plural_nouns: re.Pattern[str]
    in_place: re.Pattern[str]
    copula_the: re.Pattern[str]
    year_preposition: re.Pattern[str]
    count_verb: re.Pattern[str]
    next_word: re.Pattern[str]
    batch_after: re.Pattern[str]
    designation: re.Pattern[str]
    scale_abbreviation: re.Pattern[str]
    clause_join: re.Pattern[str]


_COLLECTIVE = ("s", "people", "population")
"""Endings of the nouns a later number may count back to: plurals and collectives."""
_NUMBER = r"(?:\d+(?:,\d{{3}})*|{words})"


def _compile(lex: Lexicon) -> Patterns:
    fillers = alternation(lex.bound_fillers)
    number = _NUMBER.format(words=alternation(lex.cardinals))
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, unit in lex.count_nouns.items():
        words = tuple(phrase.lower().split())
        by_first.setdefault(words[0], []).append((words, unit))
    nouns = {k: tuple(sorted(v, key=lambda item: -len(item[0]))) for k, v in by_first.items()}
    scopes_before = alternation(lex.rank_scopes_before)
    units = alternation(lex.units_after, lex.units_any_case)
    currencies = alternation(lex.currency_before)
    return Patterns(
        bound_before=re.compile(
            rf"(?<![A-Za-z])(?P<bound>{alternation(lex.bounds_before)})"
            rf"(?:\s+(?:{fillers}))?\s*$",
            re.IGNORECASE,
        ),
        bound_before_the=re.compile(
            rf"(?<![A-Za-z])(?P<bound>{alternation(lex.bounds_before)})\s+the\s*$",
            re.IGNORECASE,
        ),
        bound_mark=re.compile(
            rf"\s*(?:\([^()]{{1,60}}\)\s*)?(?:{alternation(lex.bound_marks)})\b", re.IGNORECASE
        ),
        bound_after=re.compile(
            rf"\s*(?P<bound>{alternation(lex.bounds_after)})(?![A-Za-z])", re.IGNORECASE
        ),
        bound_attached=re.compile(
            rf"(?:{alternation(lex.bounds_attached)})(?![A-Za-z0-9])", re.IGNORECASE
        ),
        unit_after=re.compile(rf"(?:[ \t]|-(?=[A-Za-z]))?(?P<unit>{units})(?![A-Za-z0-9])"),
        currency_before=re.compile(rf"(?P<unit>{currencies})[ \t]?$"),
        coordinated_amount=re.compile(
            rf"\s*(?:,|and|or|to|-|–|,\s*and)\s*(?:(?:{currencies})[ \t]?)?"
        ),
        number_next=re.compile(rf"\s*(?:(?:{currencies})[ \t]?)?\d"),
        per=re.compile(rf"\s+(?P<per>{alternation(lex.per)})\b", re.IGNORECASE),
        modality=re.compile(rf"\b(?:{alternation(lex.modality_cues)})\b", re.IGNORECASE),
        subject_cue=re.compile(
            rf"\b(?:(?P<cue>{alternation(lex.subject_cues)})\s+(?:[a-z]+ly\s+)?"
            r"(?:[a-z]+ed|[a-z]+en|held|built|set|laid|made|put|run|sold|spent|won|shown)"
            r"|(?P<planned>(?:are|is)\s+(?:planned|scheduled|proposed)))\b",
            re.IGNORECASE,
        ),
        time_frames=tuple(
            re.compile(pattern.replace("NUMBER", rf"(?P<n>{number})"), re.IGNORECASE)
            for pattern in lex.time_frames
        ),
        time_words=re.compile(r"years?|months?|days?|decades?", re.IGNORECASE),
        rank_verb=re.compile(
            rf"\b(?:{alternation(lex.rank_verbs)})(?:\s+(?:it|them|him|her|the|as|as\s+the))?"
            r"(?:\s+No\.)?\s*$",
            re.IGNORECASE,
        ),
        top=re.compile(r"\btop[\s-]*$", re.IGNORECASE),
        streak_after=re.compile(
            r"\s+(?:(?:consecutive|straight|successive)\s+years?\b|years?\s+"
            r"(?:in\s+a\s+row|running)\b)",
            re.IGNORECASE,
        ),
        ordinal_streak_after=re.compile(
            r"(?:\s+(?:consecutive|straight|successive)\s+year\b(?:\s+in\s+a\s+row)?"
            r"|\s+year\s+(?:in\s+a\s+row|running)\b)",
            re.IGNORECASE,
        ),
        one_of=re.compile(r"\s+of\s+(?:(?:the|its|their|our|[\w’']+(?:'s|’s))\s+)?", re.IGNORECASE),
        anaphora=re.compile(rf"\b(?:{alternation(lex.anaphora)})\s+$", re.IGNORECASE),
        superlative_after=re.compile(
            rf"[\s-]+(?:{alternation(lex.superlatives)})\b", re.IGNORECASE
        ),
        scope_before=re.compile(rf"(?:\b|^)(?:{scopes_before})\s*$", re.IGNORECASE),
        scope_within=re.compile(rf"\b(?:{alternation(lex.rank_scopes_within)})\b", re.IGNORECASE),
        word=re.compile(r"<>|\d+[A-Za-z]+\b|[A-Za-z][A-Za-z’'\-]*|\d[\d,.]*|[^\sA-Za-z\d]"),
        count_nouns=nouns,
        plural_nouns=re.compile(
            rf"\b(?:{alternation(p for p in lex.count_nouns if p.endswith(_COLLECTIVE))})\b",
            re.IGNORECASE,
        ),
        in_place=re.compile(
            r"\b(?:in|at|from|into|across|inside|within)\s+(?:the\s+)?"
            r"(?:[\w’'-]+(?:'s|’s)\s+)?(?:[\w-]+\s+)?$",
            re.IGNORECASE,
        ),
        copula_the=re.compile(rf"\b(?:{alternation(lex.copulas)})\s+(?:also\s+|now\s+)?the\s+$"),
        year_preposition=re.compile(
            r"\b(?:in|since|from|until|till|before|after|during|between)\s+$", re.IGNORECASE
        ),
        count_verb=re.compile(
            rf"(?<![A-Za-z])(?:{alternation(lex.count_verbs)})\s+$",
            re.IGNORECASE,
        ),
        next_word=re.compile(r"[ \t]+([A-Za-z][A-Za-z’'\-]*)"),
        batch_after=re.compile(rf"\s+(?:{alternation(lex.batch_nouns)})\s+of\b", re.IGNORECASE),
        designation=re.compile(rf"\b(?:{alternation(lex.designations)})\b", re.IGNORECASE),
        clause_join=re.compile(
            ";|"
            + "|".join(
                ("(?<![A-Za-z])" if join[:1].isalpha() else "")
                + re.escape(join).replace(r"\ ", r"\s+")
                + "(?![A-Za-z])"
                for join in sorted(lex.clause_joins, key=len, reverse=True)
            ),
            re.IGNORECASE,
        ),
        scale_abbreviation=re.compile(
            rf"(?:{alternation(lex.scale_abbreviations)})(?![A-Za-z0-9])", re.IGNORECASE
        ),
    )


@once
def patterns() -> Patterns:
    """The compiled patterns, built on first call."""
    return _compile(lexicon())


# ------------------------------------------------------ not-a-figure rules


def _timestamp(ctx: Context, n: Numeral) -> str | None:
    """Digits of a written date or time: "2019-05-14", "22:38:17", "10/01/2019", "23/5 2023",
    "9 am"."""
    around = ctx.text[max(0, n.start - 10) : n.end + 10]
    if _TIME_MARKS.search(around) is None:
        return None  # no dash, colon, slash or "am"/"pm" near: no date or time
    here = n.start - max(0, n.start - 10)
    for pattern in (
        r"\d{4}-\d{1,2}-\d{1,2}",
        r"\d{1,2}:\d{2}(?::\d{2})?",
        r"\d{1,2}/\d{1,2}/\d{2,4}",
        r"\b\d{1,2}/\d{1,2}\s+(?:19|20)\d{2}\b",  # "23/5 2023": a day and month, then the year
        r"\b\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}\b",  # "06.04.2022": a day, month and year
        r"\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)",
    ):
        for match in re.finditer(pattern, around):
            if match.start() <= here < match.end():
                return "part of a written date or time"
    return None


_TIME_MARKS = re.compile(r"[-:/]|[ap]\.?m|\d\.\d{1,2}\.(?:19|20)\d\d", re.IGNORECASE)


def _counted_right_after(ctx: Context, n: Numeral) -> bool:
    """True when the context proves that four digits in the range of years count.

    Such four digits are a year unless proved a count: by a scale word or a unit
    directly after them ("2000 million yuan", "1800 kilometers"), or by a plural
    counted noun directly after them *and* a verb whose object is a count, or a
    bound word that never places a year, directly before ("The centre has 2000
    servers", "more than 2000 enterprises"). A word of time or the start of the
    sentence before them leaves a year ("By 2025 servers will ...", "Around 2020
    data centres ...", "The 2023 enterprises survey"); so does any other word
    ("Its 2000 servers": the trade-off, written "2,000" it counts). After a
    preposition of time they are always a year ("In 2000 servers were ...").
    Checked before either year rule.
    """
    if n.kind is not NumeralKind.DIGITS or n.value is None or len(n.text) != 4:
        return False
    if not ctx.lex.is_year(n.value):
        return False  # "the first 10 months": a number a period holds stays in it
    if ctx.pat.year_preposition.search(ctx.text, max(ctx.start, n.start - 12), n.start):
        return False
    following = ctx.next_numeral(n)
    if (
        following is not None
        and following.kind is NumeralKind.SCALE
        and re.fullmatch(r"[ \t]*", ctx.text[n.end : following.start])
    ):
        return True
    if ctx.pat.unit_after.match(ctx.text, n.end, ctx.end):
        return True
    word = ctx.pat.next_word.match(ctx.text, n.end, ctx.end)
    if word is None:
        return False
    clause = re.split(r"[^\sA-Za-z’'\-]", ctx.text[word.start(1) : min(ctx.end, n.end + 80)])[0]
    words = clause.lower().split()
    for phrase, _ in ctx.pat.count_nouns.get(word.group(1).lower(), ()):
        if tuple(words[: len(phrase)]) == phrase and phrase[-1].endswith(_COLLECTIVE):
            return _count_before(ctx, n)
    return False


def _count_before(ctx: Context, n: Numeral) -> bool:
    """True when the words before ``n`` take a count: "has", "added", "more than"."""
    pos = n.start
    bound = ctx.pat.bound_before.search(ctx.text, max(ctx.start, pos - 40), pos)
    if bound is not None:
        if bound["bound"].lower() not in ctx.lex.year_bound_words:
            return True  # "more than 2000 servers"
        pos = bound.start()
    return ctx.pat.count_verb.search(ctx.text, max(ctx.start, pos - 30), pos) is not None


def _calendar_date(ctx: Context, n: Numeral) -> str | None:
    """A day or year inside a stated period ("On June 3, 2016", "from 2016 to 2020")."""
    if _counted_right_after(ctx, n):
        return None
    for cue in ctx.cues:
        if cue.start <= n.start and n.end <= cue.end:
            return f"part of a period ({cue.period})"
    return None


def _calendar_year(ctx: Context, n: Numeral) -> str | None:
    """A bare year ("2013 marked a turning point") is a time, not a figure."""
    if n.kind is not NumeralKind.DIGITS or n.value is None or "," in n.text or "." in n.text:
        return None
    if not ctx.lex.is_year(n.value) or len(n.text) != 4:
        return None
    if _counted_right_after(ctx, n):
        return None
    if _unit_words_after(ctx, n.end) and (
        _count_before(ctx, n) or any(c.start <= n.start and n.end <= c.end for c in ctx.cues)
    ):
        return None  # counted ("has 2000 new servers"), or a period holds it (calendar_date)
    return "a calendar year"


def _unit_words_after(ctx: Context, pos: int) -> bool:
    if ctx.pat.unit_after.match(ctx.text, pos, ctx.end):
        return True
    return _counted_noun(ctx, pos, Decimal(2))[0] is not None


_FILE_ENDING = re.compile(r"\.([A-Za-z]{2,5})(?![A-Za-z0-9])")


def _attached_letters(ctx: Context, n: Numeral) -> str | None:
    """Digits joined to letters are part of a name: "4G", "G4", "5G", "page12", "COVID-19",
    "1682645997.png" (a file name: digits before a full stop and a file ending)."""
    if n.kind is not NumeralKind.DIGITS:
        return None
    before = ctx.text[max(0, n.start - 2) : n.start]
    if before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha()):
        code = _CODE_BEFORE.search(ctx.text[max(0, n.start - 4) : n.start])
        if code is not None and code.group() in ctx.lex.currency_before:
            return None  # "RMB5 billion"
        return "digits joined to letters before them: part of a name"
    if _in_web_address(ctx.text, n.start, n.end):
        return "digits of a web address"
    if _in_email_address(ctx.text, n.start, n.end):
        return "digits of an e-mail address"
    if _PHONE_BEFORE.search(ctx.text, max(0, n.start - 30), n.start):
        return "digits of a telephone number"
    if ctx.text[n.start - 1 : n.start] == "_" or ctx.text[n.end : n.end + 1] == "_":
        return "digits joined to an underscore: part of a name"
    extension = _FILE_ENDING.match(ctx.text, n.end, ctx.end)
    if extension is not None and extension.group(1).lower() in ctx.lex.file_extensions:
        return f"digits of a file name ({ctx.text[n.start : extension.end()]})"
    tail = _LETTERS.match(ctx.text[n.end : n.end + 12])
    if tail is None:
        return None
    letters = tail.group()
    if ctx.pat.unit_after.match(ctx.text, n.end, ctx.end) or letters.lower() in ctx.lex.scales:
        return None
    if _abbreviated_scale(ctx, n.start, n.end) is not None:
        return None  # "$500k", "10k engineers"
    return f"digits joined to the letters {letters!r}: part of a name"


def _in_web_address(text: str, start: int, end: int) -> bool:
    """True when the run of text without spaces around ``start:end`` is a web address."""
    if text[start - 1 : start] not in _URL_MARKS and text[end : end + 1] not in _URL_MARKS:
        return False  # the digits of an address stand by a slash, dot, dash or "="
    left = start
    while left > 0 and not text[left - 1].isspace() and start - left < 300:
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace() and right - end < 300:
        right += 1
    return _WEB_ADDRESS.search(text, left, right) is not None


def _in_email_address(text: str, start: int, end: int) -> bool:
    """True when the run of text without spaces around ``start:end`` is an e-mail address."""
    left = start
    while left > 0 and not text[left - 1].isspace() and start - left < 100:
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace() and right - end < 100:
        right += 1
    at = text.find("@", left, right)
    return at != -1 and text.find(".", at, right) != -1


_PHONE_BEFORE = re.compile(
    r"(?:\b(?:tel|telephone|phone|fax|hotline|mobile)\.?|电话|傳真|传真|電話|热线|熱線)"
    r"\s*[:：]?\s*[+()\d\s-]*$",
    re.IGNORECASE,
)
"""A telephone or fax label before the digits, with only digits, dashes, spaces and
brackets between: "Phone 0551-65179860-203", "Tel: +86 (10) 6512 3456"."""

_URL_MARKS = frozenset("/.-_=?&#%")
_WEB_ADDRESS = re.compile(r"[a-z][a-z+.-]*://|\bwww\.", re.IGNORECASE)


def _abbreviated_scale(ctx: Context, start: int, end: int) -> re.Match[str] | None:
    """ "m" or "k" joined to the number at ``start:end`` as a scale word ("$5m", "5m yuan",
    "$500k", "10k engineers"): only with a currency before or after it, or a counted
    noun after it; else "5m" is five metres and "4K" a name."""
    match = ctx.pat.scale_abbreviation.match(ctx.text, end, ctx.end)
    if match is None:
        return None
    if ctx.pat.currency_before.search(ctx.text, max(ctx.start, start - 5), start):
        return match
    unit = ctx.pat.unit_after.match(ctx.text, match.end(), ctx.end)
    if unit is not None and ctx.lex.unit_after(unit["unit"]) in ctx.lex.currencies:
        return match
    if unit is None and _counted_noun(ctx, match.end(), Decimal(2))[0] is not None:
        return match
    return None


def _reference_number(ctx: Context, n: Numeral) -> str | None:
    """A number after "page", "No.", "article" refers to something, it measures nothing."""
    words = ctx.before(n.start, 20).split()
    if ctx.pat.rank_verb.search(ctx.text, max(ctx.start, n.start - 40), n.start):
        return None  # "ranked No. 1"
    if words and words[-1].lower() in ctx.lex.references:
        return f"a reference number after {words[-1]!r}"
    return None


_BIG_BEFORE = re.compile(r"\bbig\s+$", re.IGNORECASE)
"""Before a number word that names a group: "China's big three telecom operators"."""
_GROUP_AFTER = re.compile(r"\s+(?:major|main|big|leading|basic|primary)\s+[a-z]", re.IGNORECASE)
"""After the size of a group that names it: "the three major telecom operators"."""


def _name_number(ctx: Context, n: Numeral) -> str | None:
    """A number after a capitalised word, or between "the" and one, is part of a name.

    "Fortune Global 500", "Qihoo 360", "the 12 Digital Hospital"; not "RMB 5",
    "In 2018" or "Top 10" (the lexicon's exceptions), nor "150 PB". A number word
    between "the" and "major" names a group ("the three major telecom operators").
    """
    if n.kind is NumeralKind.WORDS and _BIG_BEFORE.search(ctx.before(n.start, 6)):
        return f"the name of a group (big {ctx.text[n.start : n.end]}), not a count"
    if (
        n.kind is NumeralKind.WORDS
        and _GROUP_AFTER.match(ctx.text, n.end, ctx.end)
        and (
            _THE_BEFORE.search(ctx.before(n.start, 10))
            or ctx.before(n.start, 3).rstrip().endswith(",")  # ", three primary carriers"
            or not ctx.before(n.start, 3).strip()
        )
    ):
        return f"the name of a group ({ctx.text[n.start : n.end]} major ...), not a count"
    if n.kind in (NumeralKind.WORDS, NumeralKind.ORDINAL):
        return _capitalised_name(ctx, n)
    if n.kind not in (NumeralKind.DIGITS,):
        return None
    before = _WORD_BEFORE.search(ctx.before(n.start, 40))
    if before is not None:
        word = before.group(1)
        if (
            word[0].isupper()
            and not word.endswith(("'s", "’s"))  # "Guizhou's 152 hotels": a new noun phrase
            and word.rstrip(".") not in ctx.lex.name_exceptions
            and word.rstrip(".").lower() not in ctx.lex.months
            and word not in ctx.lex.currency_before
        ):
            return f"part of a name ({word} {n.text})"
    after = _CAPITAL_AFTER.match(ctx.after(n.end, 40))
    the = _THE_BEFORE.search(ctx.before(n.start, 10))
    if the is not None and after is not None:
        word = after.group(1)
        if (
            not ctx.pat.unit_after.match(ctx.text, n.end, ctx.end)
            and word.rstrip(".").lower() not in ctx.lex.months
            and word not in ctx.lex.currency_before
        ):
            return f"part of a name (the {n.text} {word})"
    return None


def _capitalised_name(ctx: Context, n: Numeral) -> str | None:
    """A number word written with a capital inside a sentence, between "the" or a
    capitalised word and another capitalised word, is part of a name ("the Tencent
    Seven Star Data Center", "the Three Gorges"); "Five" opening a sentence is not."""
    if not n.text[:1].isupper():
        return None
    after = _CAPITAL_AFTER_SPACE.match(ctx.after(n.end, 40))
    before = _WORD_BEFORE_SPACE.search(ctx.before(n.start, 40))
    if after is None or before is None or after.group(1) in ctx.lex.name_exceptions:
        return None
    word = before.group(1)
    if word == "the" or (word[0].isupper() and word not in ctx.lex.name_exceptions):
        return f"part of a name ({word} {n.text} {after.group(1)})"
    return None


def _age(ctx: Context, n: Numeral) -> str | None:
    """ "Zhang Min, 45, said": a person's age between commas after a name, not a figure."""
    if n.kind is not NumeralKind.DIGITS or n.value is None or not 0 < n.value < 120:
        return None
    if _NAME_COMMA_BEFORE.search(ctx.before(n.start, 30)) and re.match(
        r",\s", ctx.text[n.end : n.end + 2]
    ):
        return "a person's age, not a figure"
    return None


def _compound_modifier(ctx: Context, n: Numeral) -> str | None:
    """ "two-way", "three-year plan": a number in a compound adjective is not a figure."""
    match = _HYPHEN_WORD.match(ctx.text[n.end : n.end + 20])
    if match and match.group(1).lower() in ctx.lex.compound_words:
        return f"part of the compound {n.text}-{match.group(1)}"
    return None


def _time_frame(ctx: Context, n: Numeral) -> str | None:
    """ "ten years ago", "over the past two years", "the 40 years since": a time frame."""
    frame = ctx.frames.get(n.start)
    return None if frame is None else f"a time frame ({frame!r}), not a figure"


def time_frames(text: str, start: int, end: int, pat: Patterns) -> dict[int, str]:
    """The numerals of ``text[start:end]`` that time frames hold, by start offset."""
    frames: dict[int, str] = {}
    if pat.time_words.search(text, start, end) is None:
        return frames
    for pattern in pat.time_frames:
        for match in pattern.finditer(text, start, end):
            frames[match.start("n")] = match.group().strip()
    return frames


def _quoted_name(ctx: Context, n: Numeral) -> str | None:
    """A number in a short quoted phrase names something: the “five key tasks”."""
    curly = ctx.text.rfind("“", ctx.start, n.start)
    if curly != -1 and ctx.text.find("”", curly, n.start) == -1:
        opening, closing = curly, ctx.text.find("”", n.end, ctx.end)
    elif ctx.text.count('"', ctx.start, n.start) % 2 == 1:
        opening = ctx.text.rfind('"', ctx.start, n.start)
        closing = ctx.text.find('"', n.end, ctx.end)
    else:
        return None
    if closing == -1:
        return None
    phrase = ctx.text[opening + 1 : closing]
    if ctx.text[opening + 1 : n.start].strip() or re.search(r"[.!?;,]", phrase):
        return None  # a slogan starts with its number; a quoted sentence is speech
    if len(phrase.split()) > ctx.lex.quoted_name_words:
        return None
    return f"part of the quoted name “{phrase}”"


def _vague_magnitude(ctx: Context, n: Numeral) -> str | None:
    """ "millions", "thousands of patients": no figure is stated."""
    if n.kind is NumeralKind.VAGUE:
        return f"a vague magnitude ({n.text!r}), not a figure"
    return None


# ------------------------------------------------------------ figure rules


def _placeholder(ctx: Context, n: Numeral) -> Candidate | None:
    """ "<>,<> platforms": a number lost in the text, drafted as garbled with no value."""
    if n.kind is not NumeralKind.PLACEHOLDER:
        return None
    draft = Candidate(n.start, n.end, None, "garbled", n)
    draft.quality.add(Quality.GARBLED)
    draft.quality_note = f"garbled in the source: {n.garbled}; kept as printed, no value"
    return draft


def _garbled_digits(ctx: Context, n: Numeral) -> Candidate | None:
    """ "nearly 4,12": digits that cannot be read are drafted as garbled, never repaired."""
    if n.kind is not NumeralKind.DIGITS or n.garbled is None:
        return None
    draft = Candidate(n.start, n.end, None, "garbled", n)
    draft.quality.add(Quality.GARBLED)
    draft.quality_note = f"garbled in the source: {n.garbled}; kept as printed, no value"
    return draft


def _rank_after_verb(ctx: Context, n: Numeral) -> Candidate | None:
    """ "ranked first", "ranking the first", "rank it first": a rank, exact."""
    if n.value is None or n.kind not in (NumeralKind.ORDINAL, NumeralKind.DIGITS):
        return None
    if n.kind is NumeralKind.DIGITS and not _NO_BEFORE.search(ctx.before(n.start, 6)):
        return None
    verb = ctx.pat.rank_verb.search(ctx.text, max(ctx.start, n.start - 40), n.start)
    if verb is None:
        return None
    return Candidate(n.start, _ordinal_end(ctx, n), n.value, "rank", n, unit="rank")


def _ordinal_end(ctx: Context, n: Numeral) -> int:
    """Where an ordinal ends: past its suffix when written in digits ("ranks 4th")."""
    if n.kind is NumeralKind.ORDINAL and n.text[-1:].isdigit():
        suffix = ctx.text[n.end : n.end + 2]
        if suffix.lower() in ctx.lex.ordinal_suffixes:
            return n.end + 2
    return n.end


def _rank_top(ctx: Context, n: Numeral) -> Candidate | None:
    """ "top three", "among the top ten": a rank at most N; not "the top 100 firms", a group
    named by its size, unless a word places something in it ("ranked in the top 10 cities")."""
    if n.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS) or n.value is None:
        return None
    top = ctx.pat.top.search(ctx.text, max(ctx.start, n.start - 10), n.start)
    if top is None:
        return None
    placed = _PLACED_IN.search(ctx.text, max(ctx.start, top.start() - 30), top.start())
    if placed is None and _NOUN_NEXT.match(ctx.text, n.end, ctx.end):
        return None  # "the top 100 internet firms", "launched the top ten apps": a group
    return Candidate(top.start(), n.end, n.value, "rank", n, unit="rank", bound=Bound.AT_MOST)


_PLACED_IN = re.compile(
    r"\b(?:among|in|into|within|enter(?:s|ed|ing)?|made|makes?|reach(?:es|ed)?|rank(?:s|ed|ing)?"
    r"|plac(?:es|ed)|is|was|are|were|be|been|remain(?:s|ed)?|stay(?:s|ed)?|stood|stands?"
    r"|becom(?:e|es|ing)|became|named|listed|rated|as)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""Words before "top N" that place something in it: a rank ("among the top three")."""
_NOUN_NEXT = re.compile(
    r"[ \t]+(?!(?:in|of|on|for|among|nationwide|nationally|globally|worldwide)\b)[A-Za-z]",
    re.IGNORECASE,
)
"""A word right after N: "top ten applications" names a group of ten."""


def _rank_superlative(ctx: Context, n: Numeral) -> Candidate | None:
    """ "the second largest", "third-biggest": a rank, exact."""
    if n.kind is not NumeralKind.ORDINAL or n.value is None:
        return None
    match = ctx.pat.superlative_after.match(ctx.text, n.end, ctx.end)
    if match is None:
        return None
    return Candidate(n.start, match.end(), n.value, "rank", n, unit="rank")


def _designation_batch(ctx: Context, n: Numeral) -> Candidate | None:
    """ "among the second batch of national pilot zones": the batch of a designation, a rank.

    Only a designation word in the clause (pilot, demonstration ...) makes the
    batch a rank; "the first batch of products to be shipped" is not one.
    """
    if n.kind is not NumeralKind.ORDINAL or n.value is None:
        return None
    batch = ctx.pat.batch_after.match(ctx.text, n.end, ctx.end)
    if batch is None:
        return None
    clause = re.split(r"[,;:.()“”\"]", ctx.after(batch.end(), 90), maxsplit=1)[0]
    if ctx.pat.designation.search(clause) is None:
        return None
    return Candidate(n.start, n.end, n.value, "rank", n, unit="rank")


_AMONG_THE_FIRST = re.compile(
    r"\b(?:one|some|among)\s+(?:of\s+)?(?:the\s+)?(?:[\w.-]+[’']s\s+)?$|[“\"‘]\s*$|\bat\s+$",
    re.IGNORECASE,
)
"""Before a "first" that ranks nothing: "one of the first", "one of China's first", "among
the country's first" (one of a group), inside quotation marks, "at first"."""


def _rank_first_claim(ctx: Context, n: Numeral) -> Candidate | None:
    """ "the country's first data exchange", "the first city in China", "became the first hospital".

    "first" is a rank when a scope says among what (national, domestic, in
    China ...) or when a copula claims it of the subject ("is the first city to
    open one"); not before a noun that orders parts ("for the first time", "the
    first phase", "the first batch"), not in "one of the first" or "among China's
    first", nor inside quotation marks.
    """
    if n.kind is not NumeralKind.ORDINAL or n.value != 1:
        return None
    before = ctx.before(n.start, 60)
    if _AMONG_THE_FIRST.search(before):
        return None
    next_word = re.match(r"[\s-]+([A-Za-z]+)", ctx.after(n.end, 30))
    if next_word is None or ctx.text[n.end : n.end + 1] == "-":
        return None
    noun = next_word.group(1).lower()
    clause = re.split(r"[,;:.()“”\"]", ctx.after(n.end, 90), maxsplit=1)[0]
    scoped = bool(ctx.pat.scope_before.search(before)) or bool(ctx.pat.scope_within.search(clause))
    copula = ctx.pat.copula_the.search(before)
    if noun in ctx.lex.sequence_nouns:
        return None
    if not scoped and copula is None:
        return None
    return Candidate(n.start, n.end, n.value, "rank", n, unit="rank")


def _streak(ctx: Context, n: Numeral) -> Candidate | None:
    """ "for four consecutive years", "six years in a row": a streak in years; so is "for
    four years" after a rank held ("has ranked first in the country for four years")."""
    if n.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS) or n.value is None:
        return None
    match = ctx.pat.streak_after.match(ctx.text, n.end, ctx.end)
    if match is None:
        held = _HELD_FOR.match(ctx.text, n.end, ctx.end)
        if held is None or not _FOR_BEFORE.search(ctx.before(n.start, 6)):
            return None
        if not _RANK_HELD.search(ctx.text, max(ctx.start, n.start - 80), n.start):
            return None
        match = held  # "has ranked first in the country for four years": held each year
    return Candidate(n.start, match.end(), n.value, "streak", n, unit="year")


_FOR_BEFORE = re.compile(r"\bfor\s+$", re.IGNORECASE)
_HELD_FOR = re.compile(r"\s+years\b(?!\s+(?:ago|old|later|earlier|before))", re.IGNORECASE)
_RANK_HELD = re.compile(
    r"\b(?:rank(?:s|ed|ing)?|topp?(?:s|ed|ing)?|led|leads|leading)\b[^.;,]*$", re.IGNORECASE
)
"""A rank stated before "for N years" in its clause: the rank was held for each of them."""


def _ordinal_streak(ctx: Context, n: Numeral) -> Candidate | None:
    """ "for the seventh consecutive year", "the third year in a row": a streak of N years."""
    if n.kind is not NumeralKind.ORDINAL or n.value is None:
        return None
    match = ctx.pat.ordinal_streak_after.match(ctx.text, n.end, ctx.end)
    if match is None:
        return None
    return Candidate(n.start, match.end(), n.value, "streak", n, unit="year")


def _one_of_n(ctx: Context, n: Numeral) -> Candidate | None:
    """ "one of the country's five hubs": one of the counted things (the eight is read too)."""
    if n.kind is not NumeralKind.WORDS or n.value != 1:
        return None
    match = ctx.pat.one_of.match(ctx.text, n.end, ctx.end)
    following = ctx.next_numeral(n)
    if match is None or following is None or following.start != match.end():
        return None
    if following.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS) or following.value is None:
        return None
    unit, _, _ = _counted_noun(ctx, following.end, following.value)
    if unit is None:
        return None
    return Candidate(n.start, n.end, n.value, "quantity", n, unit=unit)


def _anaphoric_count(ctx: Context, n: Numeral) -> Candidate | None:
    """ "10 clusters, including one in the west": a count of the things just counted."""
    if n.kind is not NumeralKind.WORDS or n.value is None:
        return None
    if ctx.pat.anaphora.search(ctx.text, max(ctx.start, n.start - 20), n.start) is None:
        return None
    if not re.match(r"\s+(?:in|is|are|was|were|located|of\s+them)\b", ctx.after(n.end, 20)):
        return None
    earlier = [d for d in ctx.numerals if d.end <= n.start and d.value is not None]
    if not earlier or earlier[-1].kind is NumeralKind.ORDINAL:
        return None
    antecedent = earlier[-1]
    assert antecedent.value is not None
    unit, proposed, _ = _counted_noun(ctx, antecedent.end, antecedent.value)
    draft = Candidate(n.start, n.end, n.value, "quantity", n, unit=unit, proposed_unit=proposed)
    if unit is None and proposed is None:
        draft.unit = "dimensionless"
    return draft


def _a_scale(ctx: Context, n: Numeral) -> Candidate | None:
    """ "a million users": one of the scale word."""
    if n.kind is not NumeralKind.SCALE:
        return None
    article = re.search(r"\b[Aa]n?\s+$", ctx.before(n.start, 4))
    if article is None:
        return None
    draft = Candidate(n.start - len(article.group()), n.end, Decimal(1), "quantity", n)
    draft.scale = Scale(ctx.lex.scales[n.text.lower()])
    return draft


def _quantity(ctx: Context, n: Numeral) -> Candidate | None:
    """A number in digits or words (or a fraction) is a quantity for the rules to refine.

    Number words with a scale word inside are read in their largest scale word,
    as "two million" is: "one thousand two hundred" is 1.2 thousand.

    "one" counts only before a unit or a counted noun ("one server"): it is
    more often a pronoun.
    """
    if n.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS, NumeralKind.FRACTION):
        return None
    if n.value is None:
        return None
    if n.kind is NumeralKind.FRACTION:  # a share of what follows "of": no unit of its own
        draft = Candidate(n.start, n.end, n.value, "quantity", n, unit="dimensionless")
        numerator, denominator = ctx.lex.fractions[_SPACES.sub(" ", n.text.lower())]
        if not is_exact_fraction(numerator, denominator):
            draft.bound = Bound.ABOUT  # "a third" is 0.333..., not 0.333
        return draft
    if n.kind is NumeralKind.WORDS and n.value == 1 and n.text.lower() == "one":
        following = ctx.next_numeral(n)
        scaled = following is not None and following.kind is NumeralKind.SCALE
        if not scaled and not ctx.pat.unit_after.match(ctx.text, n.end, ctx.end):
            nouns = (_counted_noun(ctx, n.end, Decimal(v)) for v in (2, 1))
            if not any(
                unit is not None and "," not in ctx.text[n.end : end] for unit, _, end in nouns
            ):
                return None  # "One street away, rival firms ...": no noun of its own
    draft = Candidate(n.start, n.end, n.value, "quantity", n)
    scale = words_scale(n.text) if n.kind is NumeralKind.WORDS else None
    if scale is not None:  # "two million five hundred thousand": 2.5 million
        draft.value = n.value / scale.factor
        draft.scale = scale
    return draft


# ---------------------------------------------------------- quantity rules


def _minus_sign(ctx: Context, d: Candidate) -> bool:
    """ "-3.2%": a minus sign before the number, kept (never dropped, never added)."""
    if d.kind != "quantity" or d.value is None:
        return False
    match = _MINUS_BEFORE.search(ctx.text[max(ctx.start, d.start - 2) : d.start])
    if match is None:
        return False
    d.value = -d.value
    d.start -= 1
    return True


def _attached_bound(ctx: Context, d: Candidate) -> bool:
    """ "30-odd firms", "500-plus", "100+": a bound joined to the number."""
    if d.kind != "quantity":
        return False
    match = ctx.pat.bound_attached.match(ctx.text, d.end, ctx.end)
    if match is None:
        return False
    d.bound = ctx.lex.bounds_attached[match.group().lower()]
    d.end = match.end()
    return True


def _scale_word(ctx: Context, d: Candidate) -> bool:
    """ "47.35 billion", "100million": the scale word after the number."""
    if d.kind not in ("quantity", "garbled") or d.scale is not None:
        return False
    following = ctx.next_numeral(d.numeral)
    if following is None or following.kind is not NumeralKind.SCALE:
        return False
    gap = ctx.text[d.end : following.start]
    if gap.strip() and gap != "-":  # "a 1-trillion-yuan market" is 1 trillion yuan
        return False
    d.scale = Scale(ctx.lex.scales[following.text.lower()])
    d.end = following.end
    d.consumed.append(following)
    # Scale words written together otherwise multiply: the data keeps one scale
    # word, so the value is read in the largest and flagged. 万亿 (10^12) is one
    # scale word of its own: "2万亿" is 2 万亿.
    while (after := ctx.next_numeral(following)) is not None and (
        after.kind is NumeralKind.SCALE and after.start == following.end
    ):
        joined = joined_scale(following.text, after.text)
        if joined is not None and d.scale is Scale.WAN:
            d.scale, d.end, following = joined, after.end, after
            d.consumed.append(after)
            continue
        scale = Scale(ctx.lex.scales[after.text.lower()])
        small, large = sorted((d.scale, scale), key=lambda s: s.factor)
        if d.value is not None:
            d.value = _times_ten_to(d.value, len(str(int(small.factor))) - 1)
        d.scale, d.end, following = large, after.end, after
        d.consumed.append(after)
        d.quality.add(Quality.INTERPRETATION)
        d.quality_note = (
            f"{ctx.text[d.start : d.end]!r} joins scale words; read as {d.value} {large.value}"
        )
    return True


def _times_ten_to(value: Decimal, power: int) -> Decimal:
    """``value`` times 10**power, exactly however many digits (Decimal's arithmetic would
    round past 28), a whole number written without an exponent."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    exponent += power
    if exponent > 0:
        digits, exponent = (*digits, *(0,) * exponent), 0
    return Decimal((sign, digits, exponent))


def _currency_before(ctx: Context, d: Candidate) -> bool:
    """ "$45 million", "RMB 5 billion": a currency written before the number."""
    if d.kind != "quantity":
        return False
    match = ctx.pat.currency_before.search(ctx.text, max(ctx.start, d.start - 5), d.start)
    if match is None:
        return False
    d.unit = ctx.lex.currency_before[match["unit"]]
    d.start = match.start()
    return True


def _scale_abbreviation(ctx: Context, d: Candidate) -> bool:
    """ "$5m", "RMB 3m", "5m yuan", "$500k", "10k engineers": m or k joined to the number."""
    if d.kind != "quantity" or d.scale is not None or d.numeral.kind is not NumeralKind.DIGITS:
        return False
    if d.end != d.numeral.end:
        return False
    match = _abbreviated_scale(ctx, d.numeral.start, d.end)
    if match is None:
        return False
    d.scale = Scale(ctx.lex.scale_abbreviations[match.group().lower()])
    d.end = match.end()
    return True


def _unit_after(ctx: Context, d: Candidate) -> bool:
    """ "yuan", "percent", "%", "percentage points", "square kilometers", "PB" after it."""
    if d.kind not in ("quantity", "garbled"):
        return False
    match = ctx.pat.unit_after.match(ctx.text, d.end, ctx.end)
    if match is None:
        return False
    unit = ctx.lex.unit_after(match["unit"])
    if d.unit is not None and d.unit != unit:
        return False
    if unit_is_defined(unit):
        d.unit = unit
    else:  # "17,000 Gbps": a unit units.txt lacks, proposed for a person to add
        d.unit, d.proposed_unit = None, unit
    d.end = match.end()
    return True


def _counted_noun(
    ctx: Context, pos: int, value: Decimal | None
) -> tuple[str | None, str | None, int | None]:
    """The unit of the noun a number counts, a proposed unit, and where the noun ends.

    Scans the words after ``pos`` up to a stop word; a listed noun directly
    followed by another listed noun is a modifier ("data center clusters"), and
    a singular noun after a number other than one is too.
    """
    lex = ctx.lex
    words: list[tuple[str, int, int]] = []
    for match in ctx.pat.word.finditer(ctx.text, pos, min(ctx.end, pos + 160)):
        token = match.group()
        lowered = token.lower()
        if token == "," and words:
            words.append((token, match.start(), match.end()))
            continue
        if not token[-1].isalpha() or lowered in lex.noun_stops:
            if lowered in ("of",) and words and words[-1][0].lower() in ("pieces", "items"):
                words.append((token, match.start(), match.end()))
                continue
            break
        words.append((token, match.start(), match.end()))
        if len(words) >= lex.noun_window:
            break
    lowered_words = [w[0].lower() for w in words]
    found: list[tuple[int, int, str]] = []
    index = 0
    modifiers = [tuple(m.split()) for m in lex.modifiers]
    while index < len(lowered_words):
        skipped = False
        for modifier in modifiers:
            if tuple(lowered_words[index : index + len(modifier)]) == modifier:
                following = lowered_words[index + len(modifier) : index + len(modifier) + 1]
                if following and following[0] not in (",",):
                    index += len(modifier)
                    skipped = True
                    break
        if skipped:
            continue
        for phrase, unit in ctx.pat.count_nouns.get(lowered_words[index], ()):
            if tuple(lowered_words[index : index + len(phrase)]) == phrase:
                found.append((index, index + len(phrase), unit))
                break
        index += 1
    starts = {start for start, _, _ in found}
    for start, stop, unit in found:
        if stop in starts:
            continue  # a modifier of the noun after it
        noun = " ".join(lowered_words[start:stop])
        if noun in lex.final_nouns and stop < len(lowered_words) and lowered_words[stop] != ",":
            continue
        head = lowered_words[stop - 1]
        plural = head.endswith("s") or head in ("people", "staff", "data")
        if value is not None and value != 1 and not plural:
            continue
        return unit, None, words[stop - 1][2]
    for token, _, token_end in words:
        word = token.lower()
        if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            abbreviation = any(c.isupper() for c in token[1:])
            return None, _singular(token if abbreviation else word), token_end
    return None, None, None


def _singular(word: str) -> str:
    if any(c.isupper() for c in word):
        return word  # an abbreviation ("EFLOPS", "Mbps"), not a plural
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "uses", "xes", "zes")):
        return word[:-2]
    return word[:-1].replace("-", "_").replace("’", "").replace("'", "")


def _count_noun(ctx: Context, d: Candidate) -> bool:
    """ "45 big data pilot projects" -> project: the unit of the noun counted."""
    if d.kind not in ("quantity", "garbled") or d.unit is not None or d.proposed_unit:
        return False
    unit, proposed, noun_end = _counted_noun(ctx, d.end, d.value)
    if unit is None and proposed is None:
        return False
    if unit is not None and not unit_is_defined(unit):
        unit, proposed = None, unit
    elif unit is None and proposed is not None and unit_is_defined(proposed):
        unit, proposed = proposed, None  # "30,000 racks": a noun the units define
    d.unit = unit
    d.proposed_unit = proposed
    d.noun_end = noun_end
    return True


def _rate(ctx: Context, d: Candidate) -> bool:
    """ "2 million data items every day" -> data_item / day."""
    if d.unit is None or d.kind != "quantity" or "/" in d.unit:
        return False
    if d.unit in ("percent", "percentage_point", "rank") or d.unit in ctx.lex.currencies:
        return False
    match = ctx.pat.per.match(ctx.text, d.noun_end or d.end, ctx.end)
    if match is None:
        return False
    per = ctx.lex.per[_SPACES.sub(" ", match["per"].lower())]
    d.unit = f"{d.unit} / {per}"
    return True


def _unit_from_earlier_noun(ctx: Context, d: Candidate) -> bool:
    """The unit of the nearest counted noun before: "the number of engineers reached 8,000"."""
    if d.kind not in ("quantity", "garbled") or d.unit is not None or d.proposed_unit is not None:
        return False
    following = ctx.next_numeral(d.numeral)
    if following is not None and ctx.pat.coordinated_amount.fullmatch(
        ctx.text, d.end, following.start
    ):
        return False  # coordinated: the number after it gives the unit (shared_scale)
    best = None
    nouns = _plural_nouns(ctx)
    for index in range(bisect.bisect_right(nouns[0], d.start - 1) - 1, -1, -1):
        match = nouns[1][index]
        if match.end() > d.start:
            continue
        if ctx.pat.in_place.search(ctx.text, max(ctx.start, match.start() - 40), match.start()):
            continue  # "in the county's data centres" says where, not what is counted
        best = match
        break
    if best is None:
        return False
    unit = ctx.lex.count_nouns[_SPACES.sub(" ", best.group().lower())]
    if unit_is_defined(unit):
        d.unit = unit
    else:
        d.proposed_unit = unit
    return True


def _plural_nouns(ctx: Context) -> tuple[list[int], list[re.Match[str]]]:
    """The counted plural nouns of the sentence and where each starts, found once."""
    found = ctx.memo.get("plural_nouns")
    if found is None:
        matches = list(ctx.pat.plural_nouns.finditer(ctx.text, ctx.start, ctx.end))
        found = ctx.memo["plural_nouns"] = ([m.start() for m in matches], matches)
    return found  # type: ignore[return-value]


def _dimensionless(ctx: Context, d: Candidate) -> bool:
    """A number with no unit and no noun after it ("the index stood at 62.7")."""
    if d.kind != "quantity" or d.unit is not None or d.proposed_unit is not None:
        return False
    d.unit = "dimensionless"
    return True


def _bound_before(ctx: Context, d: Candidate) -> bool:
    """ "more than 5,000", "nearly", "about", "up to", "within just six years"."""
    if d.kind == "rank":
        return False
    before = d.start
    while before > ctx.start and ctx.text[before - 1].isspace():
        before -= 1
    if before == ctx.start or not ctx.text[before - 1].isalpha():
        return False  # bound words end in a letter: "| 1,234" has none
    match = ctx.pat.bound_before.search(ctx.text, max(ctx.start, d.start - 40), d.start)
    if match is None:  # "exceed the 1-trillion-yuan mark": "the" before a milestone
        match = ctx.pat.bound_before_the.search(ctx.text, max(ctx.start, d.start - 40), d.start)
        if match is None or not ctx.pat.bound_mark.match(ctx.text, d.noun_end or d.end, ctx.end):
            return False
    d.bound = ctx.lex.bounds_before[_SPACES.sub(" ", match["bound"].lower())]
    d.start = match.start()
    return True


def _bound_after(ctx: Context, d: Candidate) -> bool:
    """ "100 million yuan and above", "5,000 enterprises or more"."""
    if d.kind == "rank" or d.bound is not Bound.EXACT:
        return False
    for pos in (d.end, d.noun_end):
        if pos is None:
            continue
        match = ctx.pat.bound_after.match(ctx.text, pos, ctx.end)
        if match is not None and ctx.pat.number_next.match(ctx.text, match.end(), ctx.end):
            return False  # "450 million users and over 61 million": the next number's bound
        if match is not None:
            d.bound = ctx.lex.bounds_after[_SPACES.sub(" ", match["bound"].lower())]
            if pos == d.end:
                d.end = match.end()
            return True
    return False


# ---------------------------------------------------------- sentence rules


_DASHES = "–—"
"""Dashes of typesetting: joined to a number they are a minus sign ("fell to –3.2%") only
where no figure's words stand right before them."""
_SPACE_ONLY = re.compile(r"\s+")


def _dash_after_figure(ctx: Context, drafts: list[Candidate]) -> None:
    """ "400 petaflops –116,000 of which are new", "20 MW –5,000 racks": a dash after a
    space that follows another figure's words opens an aside, it is no minus sign."""
    for left, right in itertools.pairwise(drafts):
        if "minus_sign" not in right.rules or ctx.text[right.start] not in _DASHES:
            continue
        if _SPACE_ONLY.fullmatch(ctx.text, max(left.end, left.noun_end or 0), right.start):
            assert right.value is not None  # minus_sign signs only a value
            right.value, right.start = -right.value, right.start + 1
            right.rules.remove("minus_sign")
            right.rules.append("dash_after_figure")


def _shared_scale(ctx: Context, drafts: list[Candidate]) -> None:
    """ "12.8 and 15.4 billion yuan": coordinated numbers share a scale word and unit."""
    for left, right in zip(reversed(drafts[:-1]), reversed(drafts[1:]), strict=True):
        if left.kind != "quantity" or right.kind != "quantity":
            continue
        if left.unit not in (None, "dimensionless") or left.scale is not None:
            continue
        if left.proposed_unit is not None:
            continue
        gap = ctx.text[left.end : right.numeral.start]
        if not _COORDINATION.fullmatch(gap):
            continue
        if (
            right.scale is None
            and right.unit in (None, "dimensionless")
            and not right.proposed_unit
        ):
            continue
        left.scale = right.scale
        left.unit = right.unit
        left.proposed_unit = right.proposed_unit
        left.rules.append("shared_scale")


_CONVERSION_GAP = re.compile(r"\s*[(（]\s*")


def _conversion(ctx: Context, drafts: list[Candidate]) -> None:
    """ "surpassed 2.09 trillion yuan ($291 billion)": an amount converted into another
    currency in brackets takes the bound of the amount it converts, unless it has its own
    ("(about $6.96 trillion)"); so does one in another unit of its quantity ("up to 1
    million square feet (92,903 square metres)", units.toml ``[conversions]``)."""
    currencies, groups = ctx.lex.currencies, ctx.lex.unit_groups
    for left, right in itertools.pairwise(drafts):
        if left.unit is None or right.unit is None or left.unit == right.unit:
            continue
        money = left.unit in currencies and right.unit in currencies
        if not money and (left.unit not in groups or groups[left.unit] != groups.get(right.unit)):
            continue
        if right.bound is not Bound.EXACT or left.bound is Bound.EXACT:
            continue
        if _CONVERSION_GAP.fullmatch(ctx.text, left.end, right.start) is None:
            continue
        right.bound = left.bound
        right.rules.append("conversion")


def _range(ctx: Context, drafts: list[Candidate]) -> None:
    """ "between 5 and 6 percent", "5-6 percent", "3.5 to 3.6 meters": at least the
    first, at most the second. "from 5 to 6" is a change, and "12 percent to 30
    percent", where the first writes its own unit, a change by and to."""
    for left, right in itertools.pairwise(drafts):
        if left.kind != "quantity" or right.kind != "quantity":
            continue
        if left.bound is not Bound.EXACT or right.bound is not Bound.EXACT:
            continue
        gap = ctx.text[left.end : right.start]
        before = ctx.before(left.start, 12)
        between = _BETWEEN_BEFORE.search(before)
        to = (
            _TO_GAP.fullmatch(gap) is not None
            and "shared_scale" in left.rules
            and not _FROM_BEFORE.search(before)
        )
        if (between and _AND_GAP.fullmatch(gap)) or _DASH_GAP.fullmatch(gap) or to:
            if (left.unit, left.scale, left.proposed_unit) != (
                right.unit,
                right.scale,
                right.proposed_unit,
            ):
                continue  # "20 MW – 5,000 racks": two figures, no range
            left.bound, right.bound = Bound.AT_LEAST, Bound.AT_MOST
            left.rules.append("range")
            right.rules.append("range")


def _threshold(ctx: Context, drafts: list[Candidate]) -> None:
    """ "projects of 100 million yuan and above": a class threshold, not a figure."""
    for draft in drafts:
        if draft.kind != "quantity" or draft.bound is not Bound.AT_LEAST:
            continue
        before = ctx.before(draft.start, 40)
        match = re.search(r"([A-Za-z]+)\s+(?:of|worth)\s+$", before)
        if match is None:
            continue
        noun = match.group(1).lower()
        if noun in ctx.lex.count_nouns and noun.endswith("s"):
            reason = f"a class threshold of the {noun} counted, not a figure"
            draft.dropped = ("threshold", reason)


def _period_respectively(ctx: Context, drafts: list[Candidate]) -> None:
    """ "In 2018 and 2019, ... 12.8 and 15.4 billion yuan respectively": in order."""
    if not re.search(r"\brespectively\b", ctx.text[ctx.start : ctx.end]):
        return
    lists = [cue for cue in ctx.cues if cue.kind == "list"]
    if not lists:
        return
    periods = lists[0].periods
    by_unit: dict[str | None, list[Candidate]] = {}
    for draft in drafts:
        if draft.period is None and draft.kind == "quantity":
            by_unit.setdefault(draft.unit, []).append(draft)
    for group in by_unit.values():
        if len(group) == len(periods):
            for draft, period in zip(group, periods, strict=True):
                draft.period = period
                draft.period_note = f"'respectively', in the order of the years listed: {period}"
                draft.rules.append("period_respectively")


def _period_from_to(ctx: Context, drafts: list[Candidate]) -> None:
    """ "grew from 11 trillion yuan to 45 trillion yuan from 2012 to 2021": the figure after
    "from" is of the span's first year, the one after "to" of its last (and so are the
    amounts in brackets that convert them)."""
    spans = [
        cue
        for cue in ctx.cues
        if cue.kind == "range"
        and cue.period.precision is Precision.YEAR
        and cue.period.start.year < cue.period.end.year
    ]
    if len(spans) != 1:
        return
    span = spans[0]
    stated = ctx.text[span.start : span.end].strip()
    quantities = [d for d in drafts if d.kind == "quantity" and d.period is None]
    for left, right in itertools.combinations(quantities, 2):
        if left.unit != right.unit or not _FROM.search(ctx.before(left.start, 8)):
            continue
        if not _TO_GAP.fullmatch(ctx.text, left.end, right.start):
            continue
        if span.start < right.end and left.start < span.end:
            continue  # the years are the figures' own words
        for draft, year, which in (
            (left, span.period.start.year, "first"),
            (right, span.period.end.year, "last"),
        ):
            period = year_period(year)
            note = f"'from ... to ...' over {stated!r}, the {which} year: {period}"
            for each in [draft, *_converting(ctx, draft, drafts)]:
                each.period, each.period_note = period, note
                each.rules.append("period_from_to")


_FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_TO_GAP = re.compile(r"\s*(?:\([^()]{1,60}\))?\s*to\s+", re.IGNORECASE)


def _converting(ctx: Context, draft: Candidate, drafts: list[Candidate]) -> list[Candidate]:
    """The drafts in brackets right after ``draft`` ("($1.64 trillion)"): its conversions."""
    return [
        d
        for d in drafts
        if d is not draft
        and d.period is None
        and d.start > draft.end
        and re.fullmatch(r"\s*\(\s*", ctx.text[draft.end : d.start]) is not None
    ]


def _nearest(ctx: Context, draft: Candidate, held: frozenset[int] = frozenset()) -> TimeCue | None:
    """The cue nearest the figure; one right after it ("8,900 in 2020") holds it most.

    A cue in another clause (after a semicolon, or after ", and" with a verb of its
    own) is farther than any in the figure's own. A cue another figure holds (``held``,
    by start: "from 0.3% in 2013 to 1.9%") dates no figure after that one.
    """
    text = ctx.text
    clauses = _clause_starts(ctx)
    best: tuple[int, int, TimeCue] | None = None
    own = bisect.bisect_right(clauses, draft.start)
    for cue in _candidates(ctx, draft):
        if cue.end <= draft.start and cue.start in held:
            continue
        if cue.end <= draft.start:
            distance, after = draft.start - cue.end, 0
            distance += _OTHER_CLAUSE * (bisect.bisect_right(clauses, cue.start) != own)
        elif cue.start >= draft.end:
            distance, after = cue.start - draft.end, 1
            distance += _OTHER_CLAUSE * (bisect.bisect_right(clauses, cue.start) != own)
            if _ATTACHED_CUE.fullmatch(text, draft.noun_end or draft.end, cue.start) or (
                _ATTACHED_CUE.fullmatch(text, draft.end, cue.start)
            ):
                distance, after = -1, -1
        else:
            continue
        key = (distance + 5 * max(after, 0), after)
        if best is None or key < (best[0], best[1]):
            best = (key[0], key[1], cue)
    return None if best is None else best[2]


def _candidates(ctx: Context, draft: Candidate) -> list[TimeCue]:
    """The cues that may be nearest the figure: the last before it, the first after it,
    and the first after the noun it counts (a cue attached there holds it). Cues are in
    text order and do not overlap, so no other can be nearer, whatever the clauses."""
    kept = ctx.memo.get("cues")
    if not (isinstance(kept, tuple) and kept[0] is ctx.cues):
        usable = [cue for cue in ctx.cues if cue.kind != "base"]
        kept = ctx.memo["cues"] = (ctx.cues, usable, [cue.start for cue in usable])
    usable, starts = kept[1], kept[2]
    found: list[TimeCue] = []
    index = bisect.bisect_right(starts, draft.start)
    for cue in reversed(usable[max(0, index - 3) : index]):
        if cue.end <= draft.start:
            found.append(cue)
            break
    for at in (draft.end, draft.noun_end):
        if at is not None and (after := bisect.bisect_left(starts, at)) < len(usable):
            found.append(usable[after])
    return found


_OTHER_CLAUSE = 1000
"""How much farther a cue in another clause of the sentence is, in characters."""

_ATTACHED_CUE = re.compile(r"\s*(?:in|by|for|as of|during|,)?\s*", re.IGNORECASE)


_WORD = re.compile(r"[A-Za-z]+")


def streak_end(published: Period, growth: bool) -> int:
    """The last year of a streak of years no sentence dates: the year before publication
    for a rate of growth (a year's growth is known once it is over) and in an article of
    the first half of a year (a work report of January speaks of last year's ranking),
    else the year of publication."""
    return published.start.year - (growth or published.start.month <= 6)


def _streak_period(ctx: Context, drafts: list[Candidate]) -> None:
    """A streak of N years ends in the year the sentence states, else in the last year whose
    figures were out at publication (:func:`streak_end`)."""
    for draft in drafts:
        if draft.kind != "streak" or draft.value is None or draft.period is not None:
            continue
        count = int(draft.value)
        if count < 1:
            continue  # "for 0 consecutive years" spans no year: the sentence's period
        cue = _nearest(ctx, draft) or ctx.carried
        if (
            cue is not None
            and cue.kind == "range"
            and (cue.period.end.year - cue.period.start.year + 1 == count)
        ):
            draft.period = cue.period
            stated = ctx.text[cue.start : cue.end].strip()
            draft.period_note = f"a streak of {count} years, stated as {stated!r}: {cue.period}"
        else:
            near = _WORD.findall(ctx.text, max(ctx.start, draft.start - 80), draft.end + 80)
            growth = any(w.lower() in ctx.lex.growth_words for w in near)  # growth's streak
            last = cue.period.end.year if cue is not None else streak_end(ctx.published, growth)
            first = last - count + 1
            how = (
                "the year the sentence states"
                if cue is not None
                else f"the last year whose figures were out at publication ({ctx.published})"
            )
            if first < 1:  # no calendar has it: kept as stated, the period is its last year
                draft.period = year_period(last)
                draft.period_note = (
                    f"a streak of {count} years ending in {last}, {how}, would start before "
                    f"the year 1: its last year only: {draft.period}"
                )
                draft.quality.add(Quality.IMPLAUSIBLE)
                draft.quality_note = f"a streak of {count} years starts before the year 1"
            else:
                draft.period = Period(
                    year_period(first).start, year_period(last).end, Precision.YEAR
                )
                draft.period_note = (
                    f"a streak of {count} years ending in {last}, {how}: {draft.period}"
                )
        draft.rules.append("streak_period")


def _period_in_sentence(ctx: Context, drafts: list[Candidate]) -> None:
    """The period the sentence states nearest to the figure ("in 2018", "last year")."""
    streak = next((d for d in drafts if d.kind == "streak" and d.period is not None), None)
    held = _held_cues(ctx, drafts)
    for draft in drafts:
        if draft.period is not None:
            continue
        if _possessive_period(ctx, draft):
            continue
        cue = _nearest(ctx, draft, held)
        if streak is not None and draft.kind == "rank" and streak.period:
            year = streak.period.end.year
            draft.period = year_period(year)
            draft.period_note = f"the last year of the streak it holds for: {year}"
            draft.rules.append("period_of_streak")
            continue
        if cue is None:
            continue
        draft.period = cue.period
        draft.period_note = cue.note
        _doubt(draft, cue)
        draft.rules.append("period_in_sentence")


_POSSESSIVE = re.compile(
    r"\b(?:(?P<relative>last|this|next)\s+year|(?P<year>(?:19|20)\d\d))['’]s\s+$",
    re.IGNORECASE,
)
"""A period written as the figure's owner: "last year's 51.7 billion yuan", "2014's 30 firms"."""
_RELATIVE_OFFSET = {"last": -1, "this": 0, "next": 1}


def _possessive_period(ctx: Context, draft: Candidate) -> bool:
    """The period a figure is written as belonging to ("a 60-percent rise from last year's
    51.7 billion yuan"): its own, even where the period is the base of another figure."""
    match = _POSSESSIVE.search(ctx.text, max(ctx.start, draft.start - 20), draft.start)
    if match is None:
        return False
    if match["year"]:
        year = int(match["year"])
    else:
        year = ctx.published.start.year + _RELATIVE_OFFSET[match["relative"].lower()]
    draft.period = year_period(year)
    draft.period_note = (
        f"{match.group().strip()!r} before it, in an article published {ctx.published}: "
        f"{draft.period}"
    )
    draft.rules.append("period_in_sentence")
    return True


_HELD_CUE = re.compile(r"\s+in\s+")
"""Between a figure and the year it holds: "0.3% in 2013"."""
_FROM_FIGURE = re.compile(r"\bfrom\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_TO_FIGURE = re.compile(r"\s+to\s+(?:\S+\s+){0,2}", re.IGNORECASE)


def _held_cues(ctx: Context, drafts: list[Candidate]) -> frozenset[int]:
    """The years a change's starting figure holds: "from 0.3% in 2013 to 1.9%" (2013 is
    the 0.3%'s; the 1.9% is not of 2013). Elsewhere ("30 billion yuan in 2018, up 12
    percent") the year dates the figures after it too."""
    if len(drafts) < 2:
        return frozenset()
    years = {cue.start: cue for cue in ctx.cues if cue.kind == "year"}
    held = set()
    for left, right in itertools.pairwise(drafts):
        if not _FROM_FIGURE.search(ctx.text, max(ctx.start, left.start - 30), left.start):
            continue
        match = _HELD_CUE.match(ctx.text, left.noun_end or left.end, ctx.end)
        if match is None or match.end() not in years:
            continue
        if _TO_FIGURE.fullmatch(ctx.text, years[match.end()].end, right.start):
            held.add(match.end())
    return frozenset(held)


def _doubt(draft: Candidate, cue: TimeCue) -> None:
    """A period the publication date was too coarse to resolve: flagged, with why."""
    if cue.doubt is not None:
        draft.quality.add(Quality.AMBIGUOUS)
        doubt = f"period to check: {cue.doubt}"
        draft.quality_note = f"{draft.quality_note}; {doubt}" if draft.quality_note else doubt


def _period_of_paragraph(ctx: Context, drafts: list[Candidate]) -> None:
    """No period in the sentence: the one an earlier sentence of the paragraph stated."""
    if ctx.carried is None:
        return
    for draft in drafts:
        if draft.period is None:
            draft.period = ctx.carried.period
            stated = ctx.text[ctx.carried.start : ctx.carried.end].strip()
            how = f"{stated!r} stated before it"
            if ctx.carried.note is not None:
                how = f"{how} ({ctx.carried.note})"
            draft.period_note = f"{how}: {ctx.carried.period}"
            _doubt(draft, ctx.carried)
            draft.rules.append("period_of_paragraph")


def _period_of_publication(ctx: Context, drafts: list[Candidate]) -> None:
    """No period stated: the time of publication (its month); a rank of growth, the last
    year whose growth was out (:func:`rank_of_growth`)."""
    period = now_period(ctx.published)
    for draft in drafts:
        if draft.period is None:
            if draft.unit == "rank":
                clause = _RANKED_WORDS.search(
                    ctx.text, max(ctx.start, draft.start - 60), draft.start
                )
                words = _WORD.findall(clause.group()) if clause else []
                if any(w.lower() in ctx.lex.growth_words for w in words):
                    rank_of_growth(draft, ctx.published, "period_of_publication")
                    continue
            draft.period = period
            draft.period_note = (
                f"no period stated; taken as the time of publication ({ctx.published}): {period}"
            )
            draft.rules.append("period_of_publication")


_RANKED_WORDS = re.compile(r"[^,;:.]*$")
"""The words of a rank's clause before it: what is ranked ("its growth rate ranks 4th")."""


def rank_of_growth(draft: Candidate, published: Period, rule: str) -> None:
    """ "Its growth rate ranks fourth nationally", no year stated: a ranking of growth
    rates is of the last year whose growth was out, the year before publication."""
    year = year_period(streak_end(published, growth=True))
    draft.period = year
    draft.period_note = (
        f"a rank of growth with no period stated, in an article published {published}: the "
        f"last year whose growth was out: {year}"
    )
    draft.rules.append(rule)


def target_of_its_year(
    published: Period, drafts: list[Candidate], fallback: str, rule: str
) -> None:
    """A target no period was stated for ("plans to open 30 kiosks", "将打造100个"): the
    year of publication, not its month, since a plan is set for a year (a work report's
    targets are the year's) and no target is due within the month it is announced in."""
    year = year_period(published.start.year)
    for draft in drafts:
        if draft.modality is Modality.TARGET and fallback in draft.rules:
            draft.period = year
            draft.period_note = (
                f"a target with no period stated, taken as one for the year of publication "
                f"({published}): {year}"
            )
            draft.rules.append(rule)


def year_to_date(
    drafts: list[Candidate],
    ends: list[tuple[int | None, int]],
    growth: bool,
    currencies: frozenset[str],
    rule: str,
) -> None:
    """A flow stated "by the end of August" sums the year so far: January to August (by
    the end of December, the whole year).

    ``ends`` are the months (with the year written, or None) a sentence says "by the end
    of" (截至…月底); a draft dated that month whose figure is an amount of money, or a
    growth rate (``growth``: the sentence speaks of one) beside one, takes the months
    from January on. A count or a share at the month's end is a level, and keeps the
    month; so does a growth rate with no amount of money (a stock's, "subscribers
    totaled 1.59 billion, up 5%").
    """
    if not ends:
        return
    years = {d.period.start.year for d in drafts if d.period is not None}
    ended = {(year, month) for stated, month in ends for year in ([stated] if stated else years)}
    money = any(d.unit in currencies for d in drafts)
    for draft in drafts:
        period = draft.period
        if period is None or period.precision is not Precision.MONTH or period.is_range:
            continue
        year, month = period.start.year, period.start.month
        flow = draft.unit in currencies or (draft.unit == "percent" and growth and money)
        if month == 1 or (year, month) not in ended or not flow:
            continue
        precision = Precision.YEAR if month == 12 else Precision.MONTH
        draft.period = Period(dt.date(year, 1, 1), period.end, precision)
        draft.period_note = (
            f"{draft.period_note or period}; a flow by the end of the month sums the year "
            f"so far: {draft.period}"
        )
        draft.rules.append(rule)


_END_OF_MONTH = re.compile(
    r"\b(?i:by|as\s+of|until|till|through|at)\s+(?:the\s+end\s+of\s+)?(?P<month>[A-Z][a-z]+)\.?"
    r"(?:\s+(?P<year>(?:19|20)\d\d))?"
)
_GROWTH = re.compile(r"\b(?:year-on-year|increase|increased|growth|grew|rose|up)\b", re.I)


def _year_to_date(ctx: Context, drafts: list[Candidate]) -> None:
    """ "By the end of August, revenue reached 124 billion yuan, up 11.8 percent": January
    to August (:func:`year_to_date`)."""
    ends: list[tuple[int | None, int]] = []
    for match in _END_OF_MONTH.finditer(ctx.text, ctx.start, ctx.end):
        month = ctx.lex.months.get(match["month"].lower())
        if month is not None:
            ends.append((int(match["year"]) if match["year"] else None, month))
    growth = bool(ends) and _GROWTH.search(ctx.text, ctx.start, ctx.end) is not None
    year_to_date(drafts, ends, growth, ctx.lex.currencies, "year_to_date")


def last_year_of_span(draft: Candidate, rule: str, why: str) -> None:
    """A rank or a year-on-year rate dated to a span of years ("from 2012 to 2021 ... ranked
    among the top three", "increased by 34.4 percent year on year"): a ranking or a
    change on the year before is of one year, the span's last."""
    period = draft.period
    if period is None or period.precision is not Precision.YEAR or not period.is_range:
        return
    draft.period = year_period(period.end.year)
    draft.period_note = (
        f"{draft.period_note or period}; {why}, of one year, the span's last: {draft.period}"
    )
    draft.rules.append(rule)


_YEAR_ON_YEAR = re.compile(
    r"\s*(?:\S+\s+){0,2}?(?:year[- ]on[- ]year|from\s+a\s+year\s+(?:earlier|ago))\b", re.I
)


_OVER_A_SPAN = re.compile(r"\b(?:average|compound|cagr|cumulative|over\s+the\s+period)\b", re.I)
"""Before a rank of what a span measures ("its compound growth rate ranked first"): the
rank is of the span, not of its last year."""


def _one_year_of_span(ctx: Context, drafts: list[Candidate]) -> None:
    """A rank, or a year-on-year rate, dated to a span of years: the span's last year
    (:func:`last_year_of_span`)."""
    for draft in drafts:
        if draft.unit == "rank" and "period_of_streak" not in draft.rules:
            if not _OVER_A_SPAN.search(ctx.text, max(ctx.start, draft.start - 160), draft.start):
                last_year_of_span(draft, "one_year_of_span", "a rank")
        elif draft.unit == "percent" and _YEAR_ON_YEAR.match(ctx.text, draft.end, ctx.end):
            last_year_of_span(draft, "one_year_of_span", "a year-on-year rate")


def _target_of_its_year(ctx: Context, drafts: list[Candidate]) -> None:
    """ "plans to open 30 kiosks", no year stated: a target of the year of publication."""
    target_of_its_year(ctx.published, drafts, "period_of_publication", "target_of_its_year")


def _modality(ctx: Context, drafts: list[Candidate]) -> None:
    """The nearest cue before the figure in its sentence: "expected to", "plans to", "will".

    "expected" is an estimate for a past or current period and a forecast for a
    later one; "will" an estimate for a past period and a target otherwise.
    """
    cues = [
        (m.start(), ctx.lex.modality_cues[_SPACES.sub(" ", m.group().lower())])
        for m in ctx.pat.modality.finditer(ctx.text, ctx.start, ctx.end)
    ]
    by_year = [c for c in ctx.cues if c.kind == "by" and c.period.start > ctx.published.end]
    clauses = _clause_starts(ctx) if cues or by_year else [ctx.start]
    opening = _OPENING_PHRASE.match(ctx.text, ctx.start, ctx.end) if cues else None
    if opening is not None and opening.end() not in clauses:  # "Aiming for ..., it built 56"
        clauses = sorted([*clauses, opening.end()])
    subject: Candidate | None = None  # the last figure that took a cue after it
    for draft in drafts:
        index = bisect.bisect_right(clauses, draft.start)
        clause = clauses[index - 1]
        before = [cls for start, cls in cues if clause <= start < draft.start]
        if before:
            cls = before[-1]
        else:
            clause_end = clauses[index] if index < len(clauses) else ctx.end
            found = _subject_cue(ctx, draft, clause, clause_end, subject)
            if found is None:
                if any(c.period == draft.period or c.start >= clause for c in by_year):
                    draft.modality = Modality.TARGET
                    draft.rules.append("modality_by_future_year")
                continue
            cls, subject = found, draft
        if cls == "actual":
            draft.rules.append("modality_reset")
            continue
        start = _CHANGE_FROM.search(ctx.text, max(clause, draft.start - 26), draft.start)
        if start is not None and start["now"]:  # "from the current 11.9 percent": now
            draft.period = now_period(ctx.published)
            draft.period_note = f"{start.group().strip()!r}, as of publication: {draft.period}"
        period = draft.period or now_period(ctx.published)
        past = period.end < ctx.published.start
        future = period.start > ctx.published.end
        if not future and start is not None:
            draft.rules.append("modality_reset")  # "to grow ... from $19.5 billion in 2022"
            continue
        if cls == "expected":
            draft.modality = Modality.FORECAST if future else Modality.ESTIMATE
        elif cls == "future":
            draft.modality = Modality.ESTIMATE if past else Modality.TARGET
        else:
            draft.modality = Modality(cls)
        if cls == "actual":
            continue  # "compared with 4.8 percent this year": back to what was
        draft.rules.append(f"modality_{cls}")


_CHANGE_FROM = re.compile(
    r"\bfrom\s+(?:the\s+)?(?P<now>current\s+|present\s+)?(?:\S+\s+)?$", re.IGNORECASE
)
"""Before the figure a forecast change starts from ("is expected to grow from $19.5
billion in 2022", "from the current 11.9 percent"): a figure of what is, reported."""
_OPENING_PHRASE = re.compile(r"[\s\"“]*(?:[A-Z][a-z]+ing|To|In\s+order\s+to)\s+[a-z][^,;]{0,150},")
"""A sentence's opening phrase of aim or manner ("Aiming for quality, ...", "To meet demand,
..."): a modality cue inside it does not reach the main clause after its comma."""


def _subject_cue(
    ctx: Context, draft: Candidate, clause: int, clause_end: int, subject: Candidate | None
) -> str | None:
    """The class of a cue after a figure that heads its clause ("A total of 30 forums will
    be held"), or that is listed with one that does ("30 forums and 15 events will be
    held"); None when the figure is no subject or no passive follows it."""
    heads = _SUBJECT_HEAD.fullmatch(ctx.text, clause, draft.start) is not None or (
        subject is not None
        and subject.start >= clause
        and _LISTED_WITH.fullmatch(ctx.text, subject.noun_end or subject.end, draft.start)
        is not None
    )
    if not heads:
        return None
    match = ctx.pat.subject_cue.search(ctx.text, draft.noun_end or draft.end, clause_end)
    if match is None:
        return None
    if match["planned"]:
        return "target"  # "12 data centres are planned"
    return ctx.lex.subject_cues[_SPACES.sub(" ", match["cue"].lower())]


_SUBJECT_HEAD = re.compile(
    r"[\s,;\"“(]*(?:(?:and|but|while|whereas)\s+)?"
    r"(?:(?:by\s+then|by\s+that\s+time|by\s+\d{4}|then|at\s+present|currently),\s*)?"
    r"(?:(?:a\s+total\s+of|as\s+many\s+as|some|another|an\s+estimated|the|its|their|only|just)"
    r"\s+)*",
    re.IGNORECASE,
)
"""The words a clause may open with before the figure that is its subject."""
_LISTED_WITH = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)(?:the\s+)?", re.IGNORECASE)


def _clause_starts(ctx: Context) -> list[int]:
    """Where the clauses of the sentence start, for the scope of a modality cue: after a
    semicolon, or after ", and", ", but", "while" ... when the words that follow hold a
    verb of their own ("..., and 20 firms opened last year")."""
    found = ctx.memo.get("clauses")
    if isinstance(found, list):
        return found
    starts = [ctx.start]
    joins = list(ctx.pat.clause_join.finditer(ctx.text, ctx.start, ctx.end))
    for index, join in enumerate(joins):
        end = joins[index + 1].start() if index + 1 < len(joins) else ctx.end
        words = ctx.text[join.end() : end].lower().split()
        if join.group() == ";" or any(w.strip(",.") in ctx.lex.clause_verbs for w in words):
            starts.append(join.end())
    ctx.memo["clauses"] = starts
    return starts


# ------------------------------------------------------------------ table


def _rule(name: str, stage: Stage, apply: Callable[..., object]) -> Rule:
    return Rule(name, stage, (apply.__doc__ or "").split("\n\n")[0].strip(), apply)


RULES: tuple[Rule, ...] = (
    _rule("timestamp", Stage.NOT_A_FIGURE, _timestamp),
    _rule("time_frame", Stage.NOT_A_FIGURE, _time_frame),
    _rule("calendar_year", Stage.NOT_A_FIGURE, _calendar_year),
    _rule("calendar_date", Stage.NOT_A_FIGURE, _calendar_date),
    _rule("attached_letters", Stage.NOT_A_FIGURE, _attached_letters),
    _rule("reference_number", Stage.NOT_A_FIGURE, _reference_number),
    _rule("name_number", Stage.NOT_A_FIGURE, _name_number),
    _rule("age", Stage.NOT_A_FIGURE, _age),
    _rule("compound_modifier", Stage.NOT_A_FIGURE, _compound_modifier),
    _rule("quoted_name", Stage.NOT_A_FIGURE, _quoted_name),
    _rule("vague_magnitude", Stage.NOT_A_FIGURE, _vague_magnitude),
    _rule("placeholder_garbled", Stage.FIGURE, _placeholder),
    _rule("garbled_digits", Stage.FIGURE, _garbled_digits),
    _rule("rank_after_verb", Stage.FIGURE, _rank_after_verb),
    _rule("rank_top", Stage.FIGURE, _rank_top),
    _rule("rank_superlative", Stage.FIGURE, _rank_superlative),
    _rule("ordinal_streak", Stage.FIGURE, _ordinal_streak),
    _rule("designation_batch", Stage.FIGURE, _designation_batch),
    _rule("rank_first_claim", Stage.FIGURE, _rank_first_claim),
    _rule("streak", Stage.FIGURE, _streak),
    _rule("one_of_n", Stage.FIGURE, _one_of_n),
    _rule("anaphoric_count", Stage.FIGURE, _anaphoric_count),
    _rule("a_scale", Stage.FIGURE, _a_scale),
    _rule("quantity", Stage.FIGURE, _quantity),
    _rule("minus_sign", Stage.QUANTITY, _minus_sign),
    _rule("attached_bound", Stage.QUANTITY, _attached_bound),
    _rule("scale_word", Stage.QUANTITY, _scale_word),
    _rule("currency_before", Stage.QUANTITY, _currency_before),
    _rule("scale_abbreviation", Stage.QUANTITY, _scale_abbreviation),
    _rule("unit_after", Stage.QUANTITY, _unit_after),
    _rule("count_noun", Stage.QUANTITY, _count_noun),
    _rule("rate", Stage.QUANTITY, _rate),
    _rule("unit_from_earlier_noun", Stage.QUANTITY, _unit_from_earlier_noun),
    _rule("dimensionless", Stage.QUANTITY, _dimensionless),
    _rule("bound_before", Stage.QUANTITY, _bound_before),
    _rule("bound_after", Stage.QUANTITY, _bound_after),
    _rule("dash_after_figure", Stage.SENTENCE, _dash_after_figure),
    _rule("shared_scale", Stage.SENTENCE, _shared_scale),
    _rule("conversion", Stage.SENTENCE, _conversion),
    _rule("range", Stage.SENTENCE, _range),
    _rule("threshold", Stage.SENTENCE, _threshold),
    _rule("streak_period", Stage.SENTENCE, _streak_period),
    _rule("period_respectively", Stage.SENTENCE, _period_respectively),
    _rule("period_from_to", Stage.SENTENCE, _period_from_to),
    _rule("period_in_sentence", Stage.SENTENCE, _period_in_sentence),
    _rule("period_of_paragraph", Stage.SENTENCE, _period_of_paragraph),
    _rule("period_of_publication", Stage.SENTENCE, _period_of_publication),
    _rule("one_year_of_span", Stage.SENTENCE, _one_year_of_span),
    _rule("year_to_date", Stage.SENTENCE, _year_to_date),
    _rule("modality", Stage.SENTENCE, _modality),
    _rule("target_of_its_year", Stage.SENTENCE, _target_of_its_year),
)
"""Every rule of the reader, in the order it runs within its stage."""
