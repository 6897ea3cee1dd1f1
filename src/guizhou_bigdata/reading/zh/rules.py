"""The Chinese reader's rules: named, staged and listed in one table (:data:`ZH_RULES`).

They work as the English rules do (see :mod:`..rules`): rules that decide a
numeral is not a figure (a date, a name, a reference number, a list marker, a
set phrase) run first; a figure rule makes a draft (a quantity, a rank, a
streak) that quantity rules refine (scale word, unit, measure word and counted
noun, bound); sentence rules then give every draft of the sentence its period
and modality. Every reading names the rules that made it; every Chinese rule's
name starts with ``zh_`` and its ``language`` is "zh".

The words come from the lexicons in ``lexicons/zh/``. Each rule looks at a
window of a few characters around its numeral, never at the whole sentence,
and what the sentence's rules share (its clauses, its cues) is found once, so
the work per character stays the same however long the sentence.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from decimal import Decimal

import attrs

from ...core.chinese_numerals import in_largest_scale, joined_scale
from ...core.periods import Period, Precision
from ...core.vocabulary import Bound, Modality, Quality, Scale
from ..lazy import once
from ..lexicon import currency_units, lexicon, unit_is_defined
from ..rules import (
    Candidate,
    Rule,
    Stage,
    _times_ten_to,
    last_year_of_span,
    rank_of_growth,
    streak_end,
    target_of_its_year,
    year_to_date,
)
from ..scanner import Numeral, NumeralKind
from ..timewords import TimeCue, month_period, now_period, year_period
from .lexicon import ZhLexicon, zh_lexicon
from .numerals import chinese_value, numeral_words

__all__ = ["ZH_RULES", "ZhContext", "ZhPatterns", "zh_patterns"]

_CLAUSE = "，,；;：:、。！？!?（）()"
"""Characters that end a clause: a counted noun or a bound word never crosses one."""
_DIGITS = "0-9０-９"


_DOT_BEFORE = re.compile(rf"[{_DIGITS}]{{1,2}}[·•・‧]$")
_DOT_AFTER = re.compile(rf"[·•・‧][{_DIGITS}]{{1,2}}(?![{_DIGITS}])")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_AREA_CODE = re.compile(rf"[{_DIGITS}]{{3,4}}[-－]$")
_LOCAL_NUMBER = re.compile(rf"[{_DIGITS}]{{7,8}}(?![{_DIGITS}])")
_ADDRESS_CHAR = re.compile(r"[A-Za-z_./:\-~%?=&#@]")
_ADDRESS_LEFT = re.compile(r"[A-Za-z0-9_./:\-~%?=&#@]{0,80}$")
_ADDRESS_RIGHT = re.compile(r"[A-Za-z0-9_./:\-~%?=&#@]{0,80}")
_ADDRESS = re.compile(r"[/_@]|\.[A-Za-z]{2,5}\b|^www\.")
_LATIN = re.compile(r"[A-Za-z]")
_GENERATION = re.compile(r"[GＧ](?![A-Za-z])")
_VERSION = re.compile(rf"[{_DIGITS}]+[.．]0")
_CODE_BEFORE = re.compile(r"[A-Z][A-Za-z/]+[ \t]$")
_DOT_NOT_DECIMAL = re.compile(r"\.(?![0-9])")


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _cues(lex: ZhLexicon) -> str:
    """The modality cues as an alternation, each with the characters that cancel it."""
    parts = []
    for cue in sorted(lex.modality_cues, key=len, reverse=True):
        cancel = lex.modality_not_before.get(cue)
        # Checked after the cue matched ("预期(?<!超出预期)"), not at every position.
        behind = "".join(f"(?<!{re.escape(w + cue)})" for w in lex.modality_not_after.get(cue, ()))
        parts.append(re.escape(cue) + behind + (f"(?![{re.escape(cancel)}])" if cancel else ""))
    return "|".join(parts)


@attrs.frozen
class ZhPatterns:
    """The Chinese lexicons compiled into regular expressions, once."""

    continues: re.Pattern[str]
    """The words that open a paragraph carrying on from the one before ("同时", "第二，")."""
    unit_after: re.Pattern[str]
    latin_unit: re.Pattern[str]
    measure: re.Pattern[str]
    nouns: re.Pattern[str]
    attached_bound: re.Pattern[str]
    bound_before: re.Pattern[str]
    bound_after: re.Pattern[str]
    bound_next_line: re.Pattern[str]
    """A bound word after a figure that ends its line, at the start of the next line and
    ending its clause there ("1000亿元\n左右。"): text cut into lines from a PDF."""
    lone_scale: re.Pattern[str]
    currency_before: re.Pattern[str]
    per_before: re.Pattern[str]
    modality: re.Pattern[str]
    set_phrases: re.Pattern[str]
    longest_phrase: int
    names: re.Pattern[str]
    name_suffix: re.Pattern[str]
    references: re.Pattern[str]
    rank_before: re.Pattern[str]
    rank_verb_before: re.Pattern[str]
    scope_before: re.Pattern[str]
    sequence_after: re.Pattern[str]
    designation: re.Pattern[str]
    designation_verb: re.Pattern[str]
    streak_before: re.Pattern[str]
    streak_after: re.Pattern[str]
    timestamp: re.Pattern[str]
    clause: re.Pattern[str]
    per_after: re.Pattern[str]
    structure: re.Pattern[str]
    level_before: re.Pattern[str]
    goal_after: re.Pattern[str]
    rating: re.Pattern[str]
    first_listed: re.Pattern[str]
    """A first claim a scope or place qualifies, then 、 right before this one: it
    shares the scope ("贵安新区第一家启动建设、第一家运营投产")."""


def _compile(lex: ZhLexicon) -> ZhPatterns:
    fillers = _alt(lex.bound_fillers)
    scopes = _alt(lex.rank_scopes)
    verbs = _alt(lex.rank_verbs)
    enumerations = re.escape(lex.continues_enumerations)
    return ZhPatterns(
        continues=re.compile(
            rf"\s*(?:{_alt(lex.continues)}|第[{enumerations}][，,、]|[{enumerations}]是"
            rf"|[^|｜\n。！？]{{0,40}}[|｜])"  # a table's row: the period of its title
        ),
        unit_after=re.compile(rf"[ \t]?(?P<unit>{_alt(lex.units_after)})"),
        latin_unit=re.compile(r"[ \t]?(?P<unit>[A-Za-z]+)(?![A-Za-z])"),
        measure=re.compile(rf"[ \t]?(?P<measure>{_alt(lex.measure_words)})"),
        nouns=re.compile(_alt(lex.count_nouns)),
        attached_bound=re.compile(_alt(lex.bounds_attached)),
        bound_before=re.compile(rf"(?P<bound>{_alt(lex.bounds_before)})(?:{fillers})?[ \t]?$"),
        bound_after=re.compile(rf"[^\S\n]*(?P<bound>{_alt(lex.bounds_after)})"),
        bound_next_line=re.compile(
            rf"[^\S\n]*\n[^\S\n]*(?P<bound>{_alt(lex.bounds_after)})"
            rf"(?=$|\s|[{re.escape(_CLAUSE)}])"
        ),
        lone_scale=re.compile(rf"(?P<bound>{_alt(lex.lone_scale)})$"),
        currency_before=re.compile(rf"(?P<unit>{_alt(lex.currency_before)})[ \t]?$"),
        per_before=re.compile(rf"(?P<per>{_alt(lex.per)})[^{_CLAUSE}]{{0,6}}$"),
        modality=re.compile(
            rf"{_cues(lex)}|(?P<future>{_alt(lex.future_words)})"
            rf"(?={_alt(lex.future_verbs)})|(?<![{re.escape(lex.not_intent_after)}])"
            rf"(?P<intent>{re.escape(lex.intent_word)})(?={_alt(lex.future_verbs)})"
        ),
        set_phrases=re.compile(_alt(lex.set_phrases)),
        longest_phrase=max(len(p) for p in lex.set_phrases),
        names=re.compile(_alt(lex.names)),
        name_suffix=re.compile(
            rf"[ \t]?(?:{_alt(lex.name_suffixes)})|[、，,][ \t]?[{_DIGITS}]+[ \t]?(?:号楼|号线)"
        ),
        references=re.compile(
            rf"(?:{_alt(lex.references)})[ \t]*[：:]?[ \t]*[{_DIGITS}A-Za-z\-－号]*$"
        ),
        rank_before=re.compile(rf"(?:{verbs}|{scopes})[^{_CLAUSE}]{{0,8}}$"),
        # "提升至20位", "上升到去年的全国20位": a verb of ranking, a few words of when, a scope
        rank_verb_before=re.compile(
            rf"(?:{verbs})(?:[^{_CLAUSE}]{{0,4}}的)?(?:{scopes})?(?:第)?$|(?P<scope>{scopes})$"
        ),
        scope_before=re.compile(rf"(?:{scopes})(?:范围内|的)?[^{_CLAUSE}]{{0,4}}$"),
        sequence_after=re.compile(_alt(lex.sequence_nouns)),
        designation=re.compile(_alt(lex.designations)),
        designation_verb=re.compile(rf"(?:{_alt(lex.designation_verbs)})[^{_CLAUSE}]{{0,6}}$"),
        streak_before=re.compile(rf"(?:{_alt(lex.streak_before)})$"),
        streak_after=re.compile(rf"(?P<unit>{_alt(lex.streak_units)})"),
        timestamp=re.compile(
            rf"[{_DIGITS}]{{1,2}}[:：][{_DIGITS}]{{2}}(?:[:：][{_DIGITS}]{{2}})?"
            rf"|[{_DIGITS}]{{4}}[-/.．][{_DIGITS}]{{1,2}}[-/.．][{_DIGITS}]{{1,2}}"
            rf"|[{_DIGITS}]{{1,2}}[时点][{_DIGITS}]{{1,2}}分"
            rf"|(?:19|20)[0-9]{{2}}[ \t]+[01]?[0-9][ \t]+[0-3]?[0-9][ \t]*日"
            rf"|(?:19|20)[0-9]{{2}}[01]?[0-9]月"
        ),
        clause=re.compile(f"[{re.escape(_CLAUSE)}]"),
        per_after=re.compile(rf"[/／](?P<per>{_alt(lex.per_after)})"),
        level_before=re.compile(rf"(?:{_alt(lex.level_words)})[ \t]?$"),
        structure=re.compile(
            rf"(?:{_alt(lex.measure_words)})(?P<noun>{_alt(lex.structure_nouns)})"
        ),
        goal_after=re.compile(rf"[^{_CLAUSE}的]{{0,4}}的?(?:{_alt(lex.goal_after)})"),
        first_listed=re.compile(
            rf"(?:(?:{scopes})|[{''.join(lex.place_ends)}])(?:第一|首)"
            rf"(?:{_alt(lex.first_measures)})[^{_CLAUSE}]{{0,12}}、$"
        ),
        rating=re.compile(
            rf"[ \t]?(?P<unit>{_alt(lex.rating_units)})(?P<noun>{_alt(lex.count_nouns)})"
        ),
    )


@once
def zh_patterns() -> ZhPatterns:
    """The compiled Chinese patterns, built on first call."""
    return _compile(zh_lexicon())


@attrs.frozen
class ZhContext:
    """One Chinese sentence being read, and what the rules may look at."""

    text: str
    start: int
    end: int
    published: Period
    numerals: tuple[Numeral, ...]
    cues: tuple[TimeCue, ...]
    carried: TimeCue | None
    lex: ZhLexicon
    pat: ZhPatterns
    clauses: tuple[int, ...]
    """Where each clause of the sentence starts (the sentence's start first)."""
    following: dict[int, Numeral]
    """The numeral after each numeral, by its start."""
    held: set[int] = attrs.field(factory=set)
    """The cues (by start) a figure holds as its own ("2016年的第25位", the start of a
    streak): no other figure, and no later sentence, takes them."""

    def before(self, pos: int, width: int = 12) -> str:
        """The text of ``pos``'s clause before it, at most ``width`` characters."""
        return self.text[max(self.clause_start(pos), pos - width) : pos]

    def clause_start(self, pos: int) -> int:
        """Where the clause holding ``pos`` starts."""
        return self.clauses[bisect.bisect_right(self.clauses, pos) - 1]

    def clause_end(self, pos: int) -> int:
        """Where the clause holding ``pos`` ends (before its closing mark)."""
        index = bisect.bisect_right(self.clauses, pos)
        return self.clauses[index] - 1 if index < len(self.clauses) else self.end

    def next_numeral(self, numeral: Numeral) -> Numeral | None:
        """The numeral after ``numeral`` in the sentence."""
        return self.following.get(numeral.start)


def make_context(
    text: str,
    start: int,
    end: int,
    published: Period,
    numerals: tuple[Numeral, ...],
    cues: tuple[TimeCue, ...],
    carried: TimeCue | None,
) -> ZhContext:
    """The context of the sentence ``text[start:end]``: its clauses are found once."""
    pat = zh_patterns()
    clauses = (start, *(m.end() for m in pat.clause.finditer(text, start, end)))
    following = {a.start: b for a, b in itertools.pairwise(numerals)}
    return ZhContext(
        text,
        start,
        end,
        published,
        numerals,
        cues,
        carried,
        zh_lexicon(),
        pat,
        clauses,
        following,
    )


# ------------------------------------------------------------------ helpers


def _after_number(ctx: ZhContext, n: Numeral) -> int:
    """Where the words after a number start: past its scale words and a joined bound."""
    pos = n.end
    following = ctx.next_numeral(n)
    while True:
        if ctx.text[pos : pos + 1] in ctx.lex.bounds_attached:
            pos += 1
        if (
            following is not None
            and following.kind is NumeralKind.SCALE
            and (following.start == pos or ctx.text[pos : following.start] == " ")
        ):
            pos = following.end
            following = ctx.next_numeral(following)
            continue
        return pos


def _unit_at(ctx: ZhContext, pos: int) -> tuple[str, int] | None:
    """The unit written at ``pos`` ("亿元" past its scale: "元", "%", "EFlops") and its end."""
    match = ctx.pat.unit_after.match(ctx.text, pos, ctx.end)
    if match is not None:
        return ctx.lex.units_after[match["unit"]], match.end()
    latin = ctx.pat.latin_unit.match(ctx.text, pos, ctx.end)
    if latin is not None and latin["unit"].upper() in ctx.lex.latin_units:
        return ctx.lex.latin_units[latin["unit"].upper()], latin.end()
    return None


def _noun_after(ctx: ZhContext, pos: int, reach: int = 6) -> re.Match[str] | None:
    """A counted noun starting within ``reach`` characters after ``pos``, in its clause."""
    stop = min(ctx.clause_end(pos), pos + reach + 8)
    match = ctx.pat.nouns.search(ctx.text, pos, stop)
    return match if match is not None and match.start() - pos <= reach else None


def _noun_before(ctx: ZhContext, pos: int) -> re.Match[str] | None:
    """The nearest counted noun before ``pos`` in its clause (at most 24 characters back);
    not one after 每 or 各 ("每个县建设5个": each county, not what is counted)."""
    return _last_noun(ctx, max(ctx.clause_start(pos), pos - 24), pos)


def _last_noun(ctx: ZhContext, first: int, last: int) -> re.Match[str] | None:
    best = None
    for match in ctx.pat.nouns.finditer(ctx.text, first, last):
        if not _DISTRIBUTIVE.search(ctx.text, max(first, match.start() - 2), match.start()):
            best = match
    return best


_DISTRIBUTIVE = re.compile(r"(?:每|各)(?:个|家|个个)?$")


def _noun_earlier(ctx: ZhContext, pos: int) -> re.Match[str] | None:
    """The nearest counted noun in the clauses before, up to 30 characters back and not
    past a semicolon, for a number whose own clause is a verb or two ("建成数据中心12个，
    在建4个" counts data centres twice)."""
    if pos - ctx.clause_start(pos) > 4:
        return None
    first = max(ctx.start, pos - 30)
    semicolon = max(ctx.text.rfind("；", first, pos), ctx.text.rfind(";", first, pos))
    return _last_noun(ctx, max(first, semicolon + 1), pos)


def _counts(ctx: ZhContext, n: Numeral) -> bool:
    """True when something counted follows a number in characters: a measure word, a
    unit, a noun, 倍 or 成; or it is a streak or a rank ("连续七年", "全国前三")."""
    pos = _after_number(ctx, n)
    text = ctx.text
    if _unit_at(ctx, pos) is not None or ctx.pat.measure.match(text, pos, ctx.end):
        return True
    if ctx.pat.nouns.match(text, pos, ctx.end) or text[pos : pos + 1] in ctx.lex.tenths:
        return True
    if text.startswith(_HALF, n.start):
        return True  # "一半": a half
    if text.startswith(_FRACTION, pos) or any(p in n.text for p in ctx.lex.decimal_points):
        return True  # "五分之一", "一點三": a fraction, a number with a decimal point
    if _streak_match(ctx, n) is not None:
        return True
    return _top_rank(ctx, n) is not None


def _streak_match(ctx: ZhContext, n: Numeral) -> re.Match[str] | None:
    """The unit word of a streak ("连续七年": 年), when ``n`` counts one."""
    if not ctx.pat.streak_before.search(ctx.text, max(ctx.start, n.start - 3), n.start):
        return None
    return ctx.pat.streak_after.match(ctx.text, n.end, ctx.end)


def _top_rank(ctx: ZhContext, n: Numeral) -> int | None:
    """Where "前" stands before a rank "among the top N" ("全国前三", "排名前10位"), if so."""
    if n.value is None or ctx.text[n.start - 1 : n.start] != "前" or n.start - 1 < ctx.start:
        return None
    after = ctx.text[n.end : n.end + 2]
    if ctx.pat.sequence_after.match(after) or after[:1] in ("月", "年") or after[:1] == "个":
        return None  # "前三季度", "前10个月", "前两年": a period
    before = ctx.before(n.start - 1, 12)
    if ctx.pat.rank_before.search(before) or after[:1] in ctx.lex.rank_after:
        return n.start - 1
    return None


def _is_year(n: Numeral) -> bool:
    return (
        n.value is not None
        and len(n.text) == 4
        and "." not in n.text
        and lexicon().is_year(n.value)
    )


# ------------------------------------------------------- not-a-figure rules


def _zh_set_phrase(ctx: ZhContext, n: Numeral) -> str | None:
    """A numeral inside a set phrase: "千家万户", "五位一体", "一带一路"."""
    reach = ctx.pat.longest_phrase
    window = (max(ctx.start, n.start - reach), min(ctx.end, n.end + reach))
    for match in ctx.pat.set_phrases.finditer(ctx.text, *window):
        if match.start() <= n.start < match.end():
            return f"part of the set phrase {match.group()!r}"
    return None


def _zh_timestamp(ctx: ZhContext, n: Numeral) -> str | None:
    """Digits of a written time or date: "10:30", "9时30分", "2023-05-14", "2023.5.14"."""
    if n.kind is not NumeralKind.DIGITS:
        return None
    window = (max(ctx.start, n.start - 11), min(ctx.end, n.end + 11))
    for match in ctx.pat.timestamp.finditer(ctx.text, *window):
        if match.start() <= n.start < match.end():
            return f"part of a written date or time ({match.group()})"
    return None


def _zh_calendar_date(ctx: ZhContext, n: Numeral) -> str | None:
    """A numeral inside a stated period: "2022年", "1-9月", "前三季度", "“十四五”期间"."""
    starts = [cue.start for cue in ctx.cues]
    index = bisect.bisect_right(starts, n.start) - 1
    if index >= 0 and n.end <= ctx.cues[index].end:
        return f"part of a period ({ctx.cues[index].period})"
    return None


def _zh_calendar_year(ctx: ZhContext, n: Numeral) -> str | None:
    """Four digits in the range of years with nothing counted after them: "2023数博会"."""
    if n.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS) or not _is_year(n):
        return None
    pos = _after_number(ctx, n)
    if pos != n.end or _unit_at(ctx, pos) or ctx.pat.measure.match(ctx.text, pos, ctx.end):
        return None  # "2000万元", "2000家": a count
    return "a calendar year"


def _zh_event_date(ctx: ZhContext, n: Numeral) -> str | None:
    """A month and day that name an event: "3·21", "7·5"."""
    if n.kind is not NumeralKind.DIGITS or len(n.text) > 2:
        return None
    text = ctx.text
    before = _DOT_BEFORE.search(text, max(ctx.start, n.start - 3), n.start)
    after = _DOT_AFTER.match(text, n.end, min(ctx.end, n.end + 4))
    if (before is not None and not text[n.end : n.end + 1].isdigit()) or after is not None:
        return "a month and day that name an event"
    return None


def _zh_plan_name(ctx: ZhContext, n: Numeral) -> str | None:
    """The name of a five-year plan: "十四五" (its years are a period only with 期间, 以来 ...)."""
    if n.text in ctx.lex.plans:
        return f"the name of the five-year plan {n.text}"
    return None


def _zh_reference(ctx: ZhContext, n: Numeral) -> str | None:
    """A document, licence or phone number: "黔府发〔2023〕5号", "黔ICP备12345678号", "0851-…"."""
    text = ctx.text
    if ctx.pat.references.search(text, max(ctx.start, n.start - 16), n.start):
        return "a reference, licence or phone number"
    caption = text[ctx.start : n.start].strip() if n.start - ctx.start <= 6 else ""
    if caption in ctx.lex.captions:
        return f"the number of a figure or table ({caption}{n.text})"
    if text[n.start - 1 : n.start] in ("〔", "[", "［") and text[n.end : n.end + 1] in "〕]］":
        return "the year of a document number"
    if n.kind is not NumeralKind.DIGITS:
        return None
    at = n.end + 1 if text[n.end : n.end + 1] in (" ", "\t") else n.end
    if text[at : at + 1] == "号" and not ctx.pat.name_suffix.match(text, n.end, ctx.end):
        return "a number before 号: a document or serial number, or a day"
    if len(n.text) == 11 and _MOBILE.fullmatch(n.text):
        return "a phone number"
    if len(n.text) >= 7 and _AREA_CODE.search(text, max(ctx.start, n.start - 5), n.start):
        return "a phone number"
    if (
        len(n.text) >= 3
        and text[n.end : n.end + 1] in "-－"
        and _LOCAL_NUMBER.match(text, n.end + 1, min(ctx.end, n.end + 10))
    ):
        return "a phone number"
    return None


def _zh_file_name(ctx: ZhContext, n: Numeral) -> str | None:
    """Digits in a file name, path or web address: "IMG_2023.jpg", "www.example.cn/2023/"."""
    if n.kind is not NumeralKind.DIGITS:
        return None
    text = ctx.text
    beside = text[n.start - 1 : n.start] + text[n.end : n.end + 1]
    if not _ADDRESS_CHAR.search(beside):
        return None  # most digits stand between Chinese characters: no address
    left = _ADDRESS_LEFT.search(text, max(ctx.start, n.start - 80), n.start)
    right = _ADDRESS_RIGHT.match(text, n.end, min(ctx.end, n.end + 80))
    token = (left.group() if left else "") + n.text + (right.group() if right else "")
    if not _LATIN.search(token):
        return None
    if _ADDRESS.search(token):
        return f"part of a file name or address ({token})"
    return None


def _zh_generation(ctx: ZhContext, n: Numeral) -> str | None:
    """ "5G", "4G": a mobile network generation, not 5 of anything."""
    if n.kind is not NumeralKind.DIGITS or n.value is None or "." in n.text:
        return None
    if int(n.value) not in ctx.lex.generations or n.value != int(n.value):
        return None
    if _GENERATION.match(ctx.text, n.end, min(ctx.end, n.end + 2)):
        return f"the name of a network generation ({n.text}G)"
    return None


def _zh_attached_letters(ctx: ZhContext, n: Numeral) -> str | None:
    """Digits joined to Latin letters that are no unit: "G20", "T-1000", "H5", "B2B"."""
    if n.kind is not NumeralKind.DIGITS:
        return None
    text = ctx.text
    before = text[max(ctx.start, n.start - 2) : n.start]
    if before[-1:].isascii() and (before[-1:].isalpha() or before[-1:] == "_"):
        code = re.search(r"[A-Za-z$]+$", text[max(ctx.start, n.start - 4) : n.start])
        if code is None or code.group() not in ctx.lex.currency_before:
            return "digits joined to letters before them: part of a name"
    if before[-1:] == "-" and before[:1].isascii() and before[:1].isalpha():
        return "digits joined to letters before them: part of a name"
    letters = re.match(r"[A-Za-z]+", text[n.end : n.end + 12])
    if letters is None:
        return None
    if letters.group().upper() in ctx.lex.latin_units:
        return None
    return f"digits joined to the letters {letters.group()!r}: part of a name"


def _is_han(char: str) -> bool:
    """Whether ``char`` is a Chinese character (of the basic block)."""
    return "\u4e00" <= char <= "\u9fff"


def _zh_name_number(ctx: ZhContext, n: Numeral) -> str | None:
    """A numeral in a name: "世界500强", "十九届四中全会", "党的二十大", "ISO 9001", "工业4.0",
    a chip's process node ("3纳米工艺"), a group named by its size ("十大工业产业")."""
    text = ctx.text
    pos = _after_number(ctx, n)
    suffix = ctx.pat.name_suffix.match(text, pos, ctx.end)
    if suffix is not None and text[n.start - 1 : n.start] != "前":
        return f"part of a name ({text[n.start : suffix.end()]})"
    node = next((u for u in ctx.lex.process_units if text.startswith(u, pos)), None)
    if node is not None and any(w in text[ctx.start : ctx.end] for w in ctx.lex.process_context):
        return f"a chip's process node ({text[n.start : pos + len(node)]}), a technology"
    if n.kind is NumeralKind.WORDS:
        lex = ctx.lex
        after = n.end + len(lex.group_name_after)
        if (
            text.startswith(lex.group_name_after, n.end)
            and _is_han(text[after : after + 1])
            and not text.startswith(lex.group_name_not_before, after)
        ):
            return f"the name of a group ({text[n.start : after + 2]}), not a count"
        for match in ctx.pat.names.finditer(text, max(ctx.start, n.start - 1), n.end + 2):
            if match.start() <= n.start < match.end():
                return f"the name of a congress or session ({match.group()})"
        return None
    if n.kind is not NumeralKind.DIGITS:
        return None
    if "." not in n.text and _CODE_BEFORE.search(ctx.before(n.start, 12)):
        return "part of a name (a code in capitals before it)"
    if (
        _VERSION.fullmatch(n.text)
        and _after_number(ctx, n) == n.end  # "498.0亿美元": a scale word makes it an amount
        and _unit_at(ctx, n.end) is None
        and not ctx.pat.measure.match(text, n.end, ctx.end)
    ):
        return f"a version number ({n.text})"
    return None


def _zh_class_level(ctx: ZhContext, n: Numeral) -> str | None:
    """A numeral before 级 names a class: "千亿级产业", "二级节点", "一级巡视员"."""
    pos = _after_number(ctx, n)
    if any(ctx.text.startswith(word, pos) for word in ctx.lex.class_suffixes):
        return f"a class ({ctx.text[n.start : pos + 1]}), not a figure"
    return None


def _zh_list_marker(ctx: ZhContext, n: Numeral) -> str | None:
    """A list marker: "一是", "其二", "（三）", "1.", "2、", "第一，"."""
    text = ctx.text
    before = text[max(ctx.start, n.start - 1) : n.start]
    after = text[n.end : n.end + 2]
    clause_start = n.start == ctx.clause_start(n.start) or before in ("", " ", "\t")
    if n.kind is NumeralKind.WORDS and after[:1] == "是" and clause_start:
        return f"a list marker ({n.text}是)"
    if before == "其" and n.kind is NumeralKind.WORDS:
        return f"a list marker (其{n.text})"
    if before in ("（", "(") and after[:1] in ("）", ")"):
        return f"a list marker ({n.text})"
    if n.kind is NumeralKind.ORDINAL and after[:1] in ("，", ",", "、") and clause_start:
        return f"a list marker ({n.text})"
    at_start = n.start - ctx.start <= 3 and not text[ctx.start : n.start].strip()
    if at_start and (after[:1] in ("、", "．") or _DOT_NOT_DECIMAL.match(after)):
        return f"a list marker ({n.text}{after[:1]})"
    if at_start and "." in n.text and after[:1] in (" ", "\t", "\u3000"):
        return f"a section number ({n.text})"
    return None


def _zh_quoted_name(ctx: ZhContext, n: Numeral) -> str | None:
    """A numeral in a book title or a short quoted phrase: 《“十四五”规划》, “万企融合”."""
    text = ctx.text
    window = max(ctx.start, n.start - 60)
    title = text.rfind("《", window, n.start)
    if (
        title != -1
        and text.find("》", title, n.start) == -1
        and text.find("》", n.end, ctx.end) != -1
    ):
        return "part of a title in 《》"
    for opening, closing in (("“", "”"), ("「", "」"), ("‘", "’")):
        first = text.rfind(opening, max(ctx.start, n.start - ctx.lex.quoted_name_chars), n.start)
        if first == -1 or text.find(closing, first, n.start) != -1:
            continue
        last = text.find(closing, n.end, min(ctx.end, first + ctx.lex.quoted_name_chars + 2))
        if last == -1:
            continue
        phrase = text[first + 1 : last]
        pos = _after_number(ctx, n)
        counted = n.kind is NumeralKind.DIGITS and (
            _unit_at(ctx, pos) or ctx.pat.measure.match(text, pos, ctx.end)
        )  # "“新增500家”" is a figure, "“数据二十条”" a name
        if not counted and not re.search(r"[，,。；;：:！？!?]", phrase):
            return f"part of the quoted name {opening}{phrase}{closing}"
    return None


def _zh_vague(ctx: ZhContext, n: Numeral) -> str | None:
    """ "数十家", "成千上万": a vague magnitude, no figure is stated."""
    if n.kind is NumeralKind.VAGUE:
        return f"a vague magnitude ({n.text!r}), not a figure"
    return None


def _zh_time_frame(ctx: ZhContext, n: Numeral) -> str | None:
    """A span of years that dates nothing: "五年规划", "用了3年", "未来五年", "30周年"."""
    if n.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS) or n.value is None or _is_year(n):
        return None
    after = ctx.text[n.end : n.end + 2]
    if not (after.startswith("年") or after == "周年"):
        return None
    if _streak_match(ctx, n) is not None:
        return None
    return f"a span of years ({n.text}{after[: 2 if after == '周年' else 1]}), not a figure"


_CELL_BEFORE = re.compile(r"[|｜][ \t]*$")
_CELL_AFTER = re.compile(r"[ \t]*(?:[|｜]|$)")
"""A number alone between a table's bars is a cell's figure, not a stray."""
_AGE = re.compile(r"[ \t]?(?:周岁|岁)")
_AGE_RANGE = re.compile(
    rf"[ \t]*(?:-|—|–|~|～|－|至|到)[ \t]*[{_DIGITS}一二两三四五六七八九十]+[ \t]?(?:周岁|岁)"
)
_AGE_STATED = re.compile(rf"(?:平均|年龄|岁数|寿命)[^{re.escape(_CLAUSE)}]{{0,4}}$")


def _zh_age(ctx: ZhContext, n: Numeral) -> str | None:
    """ "0-15岁", "不满16周岁", "60岁以上老人": an age that bounds a group of people (or
    a person's age), not a figure; one stated as a measure ("平均年龄35岁") stays one."""
    if n.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS) or n.value is None:
        return None
    text = ctx.text
    age = _AGE.match(text, n.end, ctx.end) or _AGE_RANGE.match(text, n.end, ctx.end)
    if age is None or _AGE_STATED.search(ctx.before(n.start, 8)):
        return None
    return f"an age ({text[n.start : age.end()]}), which bounds a group, not a figure"


def _zh_structure(ctx: ZhContext, n: Numeral) -> str | None:
    """ "从三个方面探讨", "分两个阶段": a count of the parts of an argument, not of things."""
    if n.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS) or n.value is None:
        return None
    match = ctx.pat.structure.match(ctx.text, n.end, ctx.end)
    if match is None:
        return None
    return f"counts the {match['noun']} of the text ({ctx.text[n.start : match.end()]})"


def _zh_rating(ctx: ZhContext, n: Numeral) -> str | None:
    """ "7515个5千瓦机柜", "2.5kW机柜": a power rating of each thing counted, not a figure."""
    if n.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS) or n.value is None:
        return None
    match = ctx.pat.rating.match(ctx.text, n.end, ctx.end)
    if match is None:
        return None
    return f"rates each {match['noun']} ({ctx.text[n.start : match.end()]}): a specification"


_HALF = "一半"
"""A half ("电费占一半"), read as 50 percent as 五成 is."""
_TIME_UNITS = frozenset(("hour", "day", "minute", "second", "week", "month", "year"))
_PER_TIME_NEXT = "可能"
"""After "一小时", "一天": "一小时可完成…" is the time a rate is per; "仅用一天就建成"
is a duration, a figure."""
_LIST_START = re.compile(r"[，,。；;：:！？!?（(“「『《]")
_LIST_CLOSE = "”」』\"'"
_LIST_AND = re.compile("[和及与]")
_HAS_DIGIT = re.compile(f"[{_DIGITS}]")


def _zh_named_count(ctx: ZhContext, n: Numeral) -> str | None:
    """ "紧盯算力、赋能、产业三个关键", "“聚集、融通、应用”3个环节": a count of the items
    just named one by one counts words of the text, not things."""
    if n.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS) or n.value is None:
        return None
    lex = ctx.lex
    if not 2 <= n.value <= lex.named_count_items or n.value != int(n.value):
        return None
    if ctx.text[n.end : n.end + 1] in lex.tenths:
        return None  # "机械、电机产品均增两成": two tenths of each, not the two named
    end = n.start
    if end > ctx.start and ctx.text[end - 1] in _LIST_CLOSE:
        end -= 1  # the list in quotes: "“聚集、融通、应用”3个"
    if end <= ctx.start or ctx.text[end - 1] in "前第":
        return None  # "居全国前5": a rank, whatever was listed before
    width = (lex.named_count_items + 1) * (lex.named_count_chars + 1)
    begin = max(ctx.start, end - width)
    starts = [m.end() for m in _LIST_START.finditer(ctx.text, begin, end)]
    items = re.split(
        "|".join(map(re.escape, lex.named_count_separators)),
        ctx.text[starts[-1] if starts else begin : end],
    )
    joined = _LIST_AND.search(items[-1]) if len(items) >= 2 else None
    if joined is not None and 0 < joined.start() < len(items[-1]) - 1:
        items[-1:] = [items[-1][: joined.start()], items[-1][joined.end() :]]
    if len(items) != n.value or not all(items):
        return None
    if any(len(item) > lex.named_count_chars for item in items[1:]):
        return None
    if any(_HAS_DIGIT.search(item) for item in items):
        return None  # "新增企业3家、项目2个": figures listed, not names
    listed = "、".join([items[0][-lex.named_count_chars :], *items[1:]])
    return f"counts the {int(n.value)} items just named ({listed}), not things"


def _zh_bare_number(ctx: ZhContext, n: Numeral) -> str | None:
    """A number in digits with nothing counted after it and no word stating a level
    before it ("2020  4  9 日" broken up, "3、4 号楼"): a stray, not a figure.

    "PUE值降至1.2以下", "指数为62.7" are figures: a level word stands before them.
    """
    if n.kind is not NumeralKind.DIGITS or n.value is None:
        return None
    pos = _after_number(ctx, n)
    text = ctx.text
    if pos != n.end or _counts(ctx, n) or ctx.pat.bound_after.match(text, pos, ctx.end):
        return None
    if text[pos : pos + 1] in ctx.lex.rank_after:
        return None  # "提升至20位": a rank
    before = text[max(ctx.clause_start(n.start), n.start - 6) : n.start]
    if ctx.pat.level_before.search(before) or text[n.start - 1 : n.start] in ("-", "－", "−"):
        return None
    if text[n.end : n.end + 1] in ("、", "和", "与", "及", "至", "到", "-", "—", "~", "～"):
        return None  # "12.8、15.4亿元": the unit comes after the list
    cell = _CELL_BEFORE.search(text, max(ctx.start, n.start - 4), n.start)
    if cell and _CELL_AFTER.match(text, n.end, ctx.end):
        return None  # "乡村 | 1742 | 45.19 |": a table's cell, whose column says what it counts
    return "a number with nothing counted after it and no level stated before it"


def _zh_article_one(ctx: ZhContext, n: Numeral) -> str | None:
    """ "一个", "一家", "一批": the article "a", not the number one."""
    if n.kind is not NumeralKind.WORDS or n.text not in ("一", "壹"):
        return None
    if ctx.text[n.start - 1 : n.start] == "另" and n.start > ctx.start:
        return "'另一' is 'another', counting nothing"
    time_unit = ctx.pat.unit_after.match(ctx.text, n.end, ctx.end)
    if (
        time_unit is not None
        and ctx.lex.units_after[time_unit["unit"]] in _TIME_UNITS
        and ctx.text[time_unit.end() : time_unit.end() + 1] in _PER_TIME_NEXT
    ):
        return f"'{n.text}{time_unit['unit']}' is the time a rate is given per, not a figure"
    measure = ctx.pat.measure.match(ctx.text, n.end, ctx.end)
    if measure is None or measure["measure"] not in ctx.lex.article_measures:
        return None
    if re.search(r"(?:仅|只|唯一|仅有|只有)$", ctx.before(n.start, 3)):
        return None  # "仅一家": a count
    return f"'{n.text}{measure['measure']}' as the article 'a', counting nothing"


def _zh_counts_nothing(ctx: ZhContext, n: Numeral) -> str | None:
    """A numeral in characters with nothing counted after it: "三农", "两化", "零的突破"."""
    if n.kind is not NumeralKind.WORDS:
        return None
    if n.value is None:
        return f"{n.text!r} is no single numeral (an approximation such as 七八, or a name)"
    if any(n.text.startswith(p) for p in ctx.lex.percent_prefixes):
        return None
    if _counts(ctx, n):
        return None
    return f"{n.text!r} counts nothing after it: part of a word or name"


# ------------------------------------------------------------ figure rules


def _zh_garbled_digits(ctx: ZhContext, n: Numeral) -> Candidate | None:
    """Digits that cannot be read ("1,2345") are drafted as garbled, never repaired."""
    if n.kind is not NumeralKind.DIGITS or n.garbled is None:
        return None
    draft = Candidate(n.start, n.end, None, "garbled", n)
    draft.quality.add(Quality.GARBLED)
    draft.quality_note = f"garbled in the source: {n.garbled}; kept as printed, no value"
    return draft


def _zh_rank(ctx: ZhContext, n: Numeral) -> Candidate | None:
    """ "位居全国第一", "排名第3", "第25位", "提升至20位": a rank, exact."""
    if n.value is None:
        return None
    text = ctx.text
    after = text[n.end : n.end + 1]
    if n.kind is NumeralKind.ORDINAL and n.text == "首" and after == "位":
        if ctx.pat.rank_before.search(ctx.before(n.start, 12)) is None:
            return None  # "首位女性院士": a first, not a place in a ranking
        return Candidate(n.start, n.end + 1, n.value, "rank", n, unit="rank")
    if n.kind is NumeralKind.ORDINAL and n.text.startswith("第"):
        if ctx.pat.sequence_after.match(text, n.end, ctx.end):
            return None
        ranked = ctx.pat.rank_before.search(ctx.before(n.start, 12)) is not None
        if not ranked and after not in ctx.lex.rank_after:
            return None
    elif n.kind in (NumeralKind.DIGITS, NumeralKind.WORDS):
        if after not in ctx.lex.rank_after or ctx.pat.nouns.match(text, n.end + 1, ctx.end):
            return None
        verb = ctx.pat.rank_verb_before.search(ctx.before(n.start, 14))
        if verb is None:
            return None
        if (
            verb["scope"]
            and _is_han(text[n.end + 1 : n.end + 2])
            and not text.startswith(("左右", "以"), n.end + 1)
        ):
            return None  # "全国5位院士": five people; "全国20位。" a place
    else:
        return None
    end = n.end + 1 if after in ctx.lex.rank_after else n.end
    return Candidate(n.start, end, n.value, "rank", n, unit="rank")


def _zh_rank_top(ctx: ZhContext, n: Numeral) -> Candidate | None:
    """ "全国前三", "排名前10位": a rank, at most N."""
    if n.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS):
        return None
    top = _top_rank(ctx, n)
    if top is None:
        return None
    end = n.end + 1 if ctx.text[n.end : n.end + 1] in ctx.lex.rank_after else n.end
    return Candidate(top, end, n.value, "rank", n, unit="rank", bound=Bound.AT_MOST)


def _zh_designation_batch(ctx: ZhContext, n: Numeral) -> Candidate | None:
    """ "入选第二批国家级试点", "获批首批示范": the batch of a designation, a rank."""
    if n.kind is not NumeralKind.ORDINAL or n.value is None:
        return None
    if ctx.text[n.end : n.end + 1] != "批":
        return None
    if not ctx.pat.designation_verb.search(ctx.before(n.start, 12)):
        return None
    clause_end = ctx.clause_end(n.end)
    if ctx.pat.designation.search(ctx.text, n.end + 1, min(clause_end, n.end + 24)) is None:
        return None
    return Candidate(n.start, n.end + 1, n.value, "rank", n, unit="rank")


def _zh_first_claim(ctx: ZhContext, n: Numeral) -> Candidate | None:
    """ "全国首个", "国内第一家", "园区首个": a first a scope or a place qualifies, rank 1."""
    if n.kind is not NumeralKind.ORDINAL or n.value != 1:
        return None
    measure = next((m for m in ctx.lex.first_measures if ctx.text.startswith(m, n.end)), None)
    if measure is None or measure in ctx.lex.batches:
        return None
    scoped = ctx.pat.scope_before.search(ctx.before(n.start, 12)) is not None
    placed = n.start > ctx.clause_start(n.start) and ctx.text[n.start - 1] in ctx.lex.place_ends
    listed = ctx.pat.first_listed.search(ctx.text, max(ctx.start, n.start - 24), n.start)
    if not (scoped or placed or listed):  # "全国首个", "贵安新区第一家", "…、第一家运营"
        return None
    return Candidate(n.start, n.end + len(measure), n.value, "rank", n, unit="rank")


def _zh_streak(ctx: ZhContext, n: Numeral) -> Candidate | None:
    """ "连续七年", "连续第三年", "连续10个月": a streak of years or months."""
    if n.value is None or n.kind not in (
        NumeralKind.DIGITS,
        NumeralKind.WORDS,
        NumeralKind.ORDINAL,
    ):
        return None
    match = _streak_match(ctx, n)
    if match is None:
        return None
    unit = ctx.lex.streak_units[match["unit"]]
    first = ctx.pat.streak_before.search(ctx.text, max(ctx.start, n.start - 3), n.start)
    assert first is not None  # _streak_match found it
    return Candidate(first.start(), match.end(), n.value, "streak", n, unit=unit)


def _zh_percent_words(ctx: ZhContext, n: Numeral) -> Candidate | None:
    """ "百分之三十五": a percentage written in characters."""
    if n.kind is not NumeralKind.WORDS or n.value is None:
        return None
    if not any(n.text.startswith(p) for p in ctx.lex.percent_prefixes):
        return None
    return Candidate(n.start, n.end, n.value, "quantity", n, unit="percent")


_FRACTION = "分之"
"""Between the denominator and the numerator of a fraction: 五分之一 is one fifth."""


def _zh_fraction(ctx: ZhContext, n: Numeral) -> Candidate | None:
    """ "五分之一", "三分之二": a fraction, read as the percentage it is (flagged: the
    value is not written as such)."""
    if n.kind not in (NumeralKind.WORDS, NumeralKind.DIGITS) or not n.value:
        return None
    if not ctx.text.startswith(_FRACTION, n.end):
        return None
    numerator = ctx.next_numeral(n)
    if (
        numerator is None
        or numerator.start != n.end + len(_FRACTION)
        or numerator.value is None
        or numerator.kind not in (NumeralKind.WORDS, NumeralKind.DIGITS)
        or numerator.value > n.value
    ):
        return None
    value = (numerator.value * 100 / n.value).quantize(Decimal("0.01"))
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))  # 20, not 20.00
    draft = Candidate(n.start, numerator.end, value, "quantity", n, unit="percent")
    draft.consumed.append(numerator)
    draft.quality.add(Quality.INTERPRETATION)
    written = ctx.text[n.start : numerator.end]
    draft.quality_note = f"{written} is {numerator.value}/{n.value}: read as {value} percent"
    return draft


def _zh_tenths(ctx: ZhContext, n: Numeral) -> Candidate | None:
    """ "三成": three tenths, 30 percent (flagged: the value is not written as such)."""
    if n.kind is not NumeralKind.WORDS or n.value is None or not 0 < n.value <= 10:
        return None
    if ctx.text.startswith(_HALF, n.start):
        draft = Candidate(n.start, n.start + len(_HALF), Decimal(50), "quantity", n, unit="percent")
        draft.quality.add(Quality.INTERPRETATION)
        draft.quality_note = f"{_HALF} is a half: read as 50 percent"
        return draft
    word = ctx.text[n.end : n.end + 1]
    if (
        word not in ctx.lex.tenths
        or ctx.text[n.end + 1 : n.end + 2] in "为立功本果效绩员都交长熟型品就"
    ):
        return None
    draft = Candidate(n.start, n.end + 1, n.value * 10, "quantity", n, unit="percent")
    draft.quality.add(Quality.INTERPRETATION)
    draft.quality_note = f"{n.text}{word} is {n.value} tenths: read as {n.value * 10} percent"
    return draft


def _zh_lone_scale(ctx: ZhContext, n: Numeral) -> Candidate | None:
    """ "近万家", "上千人", "破亿", "突破万亿元": one of the scale word after a bound word."""
    if n.kind is NumeralKind.SCALE:
        value, scale = Decimal(1), Scale(ctx.lex.scales[n.text])
    elif n.kind is NumeralKind.WORDS and n.text in ("百", "千") and n.value is not None:
        value, scale = n.value, None
    else:
        return None
    bound = ctx.pat.lone_scale.search(
        ctx.text, max(ctx.clause_start(n.start), n.start - 2), n.start
    )
    if bound is None:
        return None
    draft = Candidate(bound.start(), n.end, value, "quantity", n, scale=scale)
    after = ctx.next_numeral(n)
    if scale is Scale.WAN and after is not None and after.start == n.end:
        joined = joined_scale(n.text, after.text)  # "突破万亿": one word, 10^12
        if joined is not None:
            draft.scale, draft.end = joined, after.end
            draft.consumed.append(after)
    draft.bound = ctx.lex.lone_scale[bound["bound"]]
    return draft


def _zh_quantity(ctx: ZhContext, n: Numeral) -> Candidate | None:
    """A number in digits or characters is a quantity for the rules to refine.

    A numeral in characters with a scale word inside is read in its largest, as
    "two million five hundred thousand" is: 三万五千 is 3.5 万.
    """
    if n.kind not in (NumeralKind.DIGITS, NumeralKind.WORDS) or n.value is None:
        return None
    draft = Candidate(n.start, n.end, n.value, "quantity", n)
    scaled = in_largest_scale(n.text, n.value, numeral_words(ctx.lex))
    if scaled is not None:
        draft.value, draft.scale = scaled
    return draft


# ---------------------------------------------------------- quantity rules


def _zh_minus_sign(ctx: ZhContext, d: Candidate) -> bool:
    """ "增长-3.2%", "负增长": a minus sign before the number is kept."""
    if d.kind != "quantity" or d.value is None or d.start - 1 < ctx.start:
        return False
    if ctx.text[d.start - 1] not in "-－−":
        return False
    before = ctx.text[d.start - 2] if d.start - 2 >= ctx.start else ""
    if before.isdigit() or before in ("%", "％") or (before.isascii() and before.isalpha()):
        return False  # "1-9月", "5%-6%", "T-1000": a dash, not a sign
    d.value = -d.value
    d.start -= 1
    return True


def _zh_scale_word(ctx: ZhContext, d: Candidate) -> bool:
    """ "663亿元", "3.5万家", "1000多万": the scale word after the number (and its bound)."""
    if d.kind not in ("quantity", "garbled") or d.scale is not None:
        return False
    following = ctx.next_numeral(d.numeral)
    if following is None or following.kind is not NumeralKind.SCALE:
        return False
    gap = ctx.text[d.end : following.start]
    if gap not in ("", " ") and gap not in ctx.lex.bounds_attached:
        return False
    d.scale = Scale(ctx.lex.scales[following.text])
    d.end = following.end
    d.consumed.append(following)
    while (after := ctx.next_numeral(following)) is not None and (
        after.kind is NumeralKind.SCALE and after.start == following.end
    ):
        joined = joined_scale(following.text, after.text)
        if joined is not None and d.scale is Scale.WAN:  # "45.5万亿": one word, 10^12
            d.scale, d.end, following = joined, after.end, after
            d.consumed.append(after)
            continue
        scale = Scale(ctx.lex.scales[after.text])
        small, large = sorted((d.scale, scale), key=lambda s: s.factor)
        if d.value is not None:  # exact at any length: Decimal arithmetic rounds past 28
            d.value = _times_ten_to(d.value, len(str(int(small.factor))) - 1)
        d.scale, d.end, following = large, after.end, after
        d.consumed.append(after)
        d.quality.add(Quality.INTERPRETATION)
        d.quality_note = (
            f"{ctx.text[d.start : d.end]!r} joins scale words; read as {d.value} {large.value}"
        )
    return True


def _zh_attached_bound(ctx: ZhContext, d: Candidate) -> bool:
    """ "300余家", "1万多人", "二十几个": a bound joined to the number or its scale word."""
    if d.kind != "quantity" or d.bound is not Bound.EXACT:
        return False
    for pos in (d.numeral.end, d.end):
        word = ctx.text[pos : pos + 1]
        if word in ctx.lex.bounds_attached and (pos != d.end or _bound_ends(ctx, word, pos + 1)):
            d.bound = ctx.lex.bounds_attached[word]
            d.end = max(d.end, pos + 1)
            return True
    return False


def _bound_ends(ctx: ZhContext, word: str, pos: int) -> bool:
    """True when a joined bound word at the end of a quantity is one: "+" always; 多, 余
    only before a unit, a measure word or the end of the clause ("3000多家", not "3多样")."""
    if word in ("+", "＋") or pos >= ctx.end or ctx.text[pos] in _CLAUSE:
        return True
    return _unit_at(ctx, pos) is not None or ctx.pat.measure.match(ctx.text, pos) is not None


def _zh_currency_before(ctx: ZhContext, d: Candidate) -> bool:
    """ "人民币500亿元", "￥30": a currency written before the number."""
    if d.kind != "quantity":
        return False
    match = ctx.pat.currency_before.search(ctx.text, max(ctx.start, d.start - 6), d.start)
    if match is None:
        return False
    d.unit = ctx.lex.currency_before[match["unit"]]
    d.start = match.start()
    return True


@functools.lru_cache(maxsize=1024)
def _defined(unit: str) -> bool:
    return unit_is_defined(unit)


def _proposed(d: Candidate, unit: str) -> None:
    """The unit, or a proposed unit when ``units.txt`` does not define it."""
    if _defined(unit):
        d.unit = unit
    else:
        d.unit, d.proposed_unit = None, unit


def _zh_unit(ctx: ZhContext, d: Candidate) -> bool:
    """ "元", "%", "个百分点", "倍", "平方公里", "EFlops", "Gbps" after the number."""
    if d.kind not in ("quantity", "garbled"):
        return False
    found = _unit_at(ctx, d.end)
    if found is None:
        return False
    unit, end = found
    if d.unit is not None and d.unit != unit:
        if d.unit not in currency_units() or ctx.text[d.end : end].strip() not in (
            ctx.lex.generic_money
        ):
            return False
        unit = d.unit  # "港币100亿元": the 元 of the currency named before the number
    per = ctx.pat.per_after.match(ctx.text, end, min(ctx.end, end + 4))
    if per is not None and unit not in ("percent", "percentage_point", "dimensionless"):
        unit, end = f"{unit} / {ctx.lex.per_after[per['per']]}", per.end()
    _proposed(d, unit)
    d.end = end
    return True


def _zh_rank_change(ctx: ZhContext, d: Candidate) -> bool:
    """ "位次上升5位", "排名前移3位": places gained or lost, a change of rank (not 5 people)."""
    if d.kind != "quantity" or d.unit is not None or d.proposed_unit:
        return False
    place = ctx.lex.rank_change_unit  # 位
    if not ctx.text.startswith(place, d.end):
        return False
    before = ctx.text[max(ctx.clause_start(d.start), d.start - 4) : d.start].rstrip("了 ")
    if not before.endswith(ctx.lex.rank_changes):
        return False
    d.unit = "rank"
    d.end += len(place)
    return True


def _zh_measure_word(ctx: ZhContext, d: Candidate) -> bool:
    """ "3台服务器", "企业达到1.2万家": a measure word, and the noun it counts.

    The noun written after the measure word comes first; else the nearest counted
    noun before the number in its clause; else what the measure word counts.
    """
    if d.kind not in ("quantity", "garbled") or d.unit is not None or d.proposed_unit:
        return False
    measure = ctx.pat.measure.match(ctx.text, d.end, ctx.end)
    if measure is None:
        return False
    word = measure["measure"]
    d.end = measure.end()
    noun = _noun_after(ctx, d.end)
    if noun is not None:
        unit = ctx.lex.count_nouns[noun.group()]
        d.noun_end = noun.end()
    elif (before := _noun_before(ctx, d.start) or _noun_earlier(ctx, d.start)) is not None:
        unit = ctx.lex.count_nouns[before.group()]
    else:
        unit = ctx.lex.measure_defaults.get(word, "item")
    _proposed(d, unit)
    return True


def _zh_count_noun(ctx: ZhContext, d: Candidate) -> bool:
    """ "9市州", "8大算力枢纽": a counted noun right after the number, no measure word."""
    if d.kind not in ("quantity", "garbled") or d.unit is not None or d.proposed_unit:
        return False
    noun = ctx.pat.nouns.match(ctx.text, d.end, ctx.end)
    if noun is None:
        return False
    _proposed(d, ctx.lex.count_nouns[noun.group()])
    d.noun_end = noun.end()
    return True


def _zh_rate(ctx: ZhContext, d: Candidate) -> bool:
    """ "日均处理2亿条数据": a count per day (per second, per month)."""
    unit = d.unit or d.proposed_unit
    if d.kind != "quantity" or unit is None or "/" in unit:
        return False
    if unit in ("percent", "percentage_point", "rank", "dimensionless") or unit in currency_units():
        return False
    match = ctx.pat.per_before.search(
        ctx.text, max(ctx.clause_start(d.start), d.start - 10), d.start
    )
    if match is None:
        return False
    _proposed(d, f"{unit} / {ctx.lex.per[match['per']]}")
    return True


def _zh_unit_from_earlier_noun(ctx: ZhContext, d: Candidate) -> bool:
    """ "用户超过1000万": the unit of the nearest counted noun before, in its clause.

    Only for a number with a scale word: a count in Chinese takes a measure word
    ("1000家"), and a bare number ("PUE值1.2") is a ratio or an index.
    """
    if d.kind not in ("quantity", "garbled") or d.unit is not None or d.proposed_unit:
        return False
    if d.scale is None:
        return False
    noun = _noun_before(ctx, d.start)
    if noun is None:
        return False
    _proposed(d, ctx.lex.count_nouns[noun.group()])
    return True


def _zh_dimensionless(ctx: ZhContext, d: Candidate) -> bool:
    """A number with no unit and no noun ("PUE值降至1.2以下", "指数为62.7")."""
    if d.kind != "quantity" or d.unit is not None or d.proposed_unit is not None:
        return False
    d.unit = "dimensionless"
    return True


def _zh_bound_before(ctx: ZhContext, d: Candidate) -> bool:
    """ "超过1000家", "近90%", "约1.2万", "不足5%", "突破100亿元"."""
    if d.kind == "rank" or d.bound is not Bound.EXACT:
        return False
    window = max(ctx.clause_start(d.start), d.start - 8)
    match = ctx.pat.bound_before.search(ctx.text, window, d.start)
    if match is None:
        return False
    d.bound = ctx.lex.bounds_before[match["bound"]]
    d.start = match.start()
    return True


def _zh_bound_after(ctx: ZhContext, d: Candidate) -> bool:
    """ "500亿元以上", "20个左右", "1.2以下", "5%以内", "1000 亿元 左右" (spaced, or on
    the next line when the figure ends its line: the words then stay the figure's own)."""
    if d.kind == "rank" or d.bound is not Bound.EXACT:
        return False
    for pos in (d.end, d.noun_end):
        if pos is None:
            continue
        match = ctx.pat.bound_after.match(ctx.text, pos, ctx.end)
        if match is None and not ctx.text[pos : ctx.end].strip():
            match = ctx.pat.bound_next_line.match(ctx.text, pos)
            if match is not None:
                d.bound = ctx.lex.bounds_after[match["bound"]]
                return True  # the sentence, and the quote, end with the line
        if match is not None:
            d.bound = ctx.lex.bounds_after[match["bound"]]
            if pos == d.end:
                d.end = match.end()
            return True
    return False


# ---------------------------------------------------------- sentence rules


_LIST = re.compile(r"[ \t]*(?:、|和|与|及|或|，|,)[ \t]*")
_RANGE = re.compile(r"[ \t]*(?:-|—|–|~|～|－|至|到)[ \t]*")


def _zh_shared_scale(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """ "12.8、15.4亿元", "5至8万台": numbers in a list share the scale word and unit after."""
    for left, right in zip(reversed(drafts[:-1]), reversed(drafts[1:]), strict=True):
        if left.kind != "quantity" or right.kind != "quantity" or left.scale is not None:
            continue
        if left.unit not in (None, "dimensionless") or left.proposed_unit is not None:
            continue
        gap = ctx.text[left.end : right.start]
        if not (_LIST.fullmatch(gap) or _RANGE.fullmatch(gap)):
            continue
        if (
            right.scale is None
            and right.unit in (None, "dimensionless")
            and not right.proposed_unit
        ):
            continue
        left.scale, left.unit, left.proposed_unit = right.scale, right.unit, right.proposed_unit
        left.rules.append("zh_shared_scale")


_ENUMERATION = re.compile(r"[ \t]*、[ \t]*")
_LIST_END = re.compile(r"[ \t]*(?:和|及|以及)[ \t]*")


def _zh_shared_bound(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """ "分别突破2000亿元、6000亿元", "超过30家、50家和20家": a bound word before the first
    of amounts listed with 、 bounds each of them, to the 和 that closes the list (the
    same unit after each; one with a bound of its own keeps it)."""
    for left, right in itertools.pairwise(drafts):
        if left.kind != "quantity" or right.kind != "quantity":
            continue
        shared = "zh_shared_bound" in left.rules
        if not (shared or "zh_bound_before" in left.rules) or right.bound is not Bound.EXACT:
            continue
        gap = ctx.text[left.end : right.start]
        if not (_ENUMERATION.fullmatch(gap) or (shared and _LIST_END.fullmatch(gap))):
            continue
        if (left.unit, left.proposed_unit) != (right.unit, right.proposed_unit):
            continue
        right.bound = left.bound
        right.rules.append("zh_shared_bound")


def _zh_range(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """ "5%-6%", "5至8万台", "20万至30万": at least the first, at most the second."""
    for left, right in itertools.pairwise(drafts):
        if left.kind != "quantity" or right.kind != "quantity":
            continue
        if left.bound is not Bound.EXACT or right.bound is not Bound.EXACT:
            continue
        if not _RANGE.fullmatch(ctx.text[left.end : right.start]):
            continue
        if (left.unit, left.scale, left.proposed_unit) != (
            right.unit,
            right.scale,
            right.proposed_unit,
        ):
            continue
        left.bound, right.bound = Bound.AT_LEAST, Bound.AT_MOST
        left.rules.append("zh_range")
        right.rules.append("zh_range")


def _zh_threshold(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """ "5000万元以上的项目", "亿元以上项目": a class threshold, not a figure."""
    for draft in drafts:
        if draft.kind != "quantity" or draft.bound is not Bound.AT_LEAST:
            continue
        if "zh_bound_after" not in draft.rules:
            continue  # "3000+数据集" counts datasets; only "…以上的项目" names a class
        at = draft.end + 1 if ctx.text[draft.end : draft.end + 1] == "的" else draft.end
        noun = ctx.pat.nouns.match(ctx.text, at, ctx.end)
        if noun is not None:
            draft.dropped = (
                "zh_threshold",
                f"a class threshold of the {noun.group()} counted, not a figure",
            )


def _zh_respectively(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """ "2021年和2022年…分别增长10%和12%": the figures take the years in order (each
    run of as many figures as years, when 分别 lists two runs)."""
    if "分别" not in ctx.text[ctx.start : ctx.end]:
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
        # "分别为A、B，分别增加C、D": each run of as many figures as years, in order.
        if group and len(group) % len(periods) == 0:
            for draft, period in zip(group, periods * (len(group) // len(periods)), strict=True):
                draft.period = period
                draft.period_note = f"'分别' (respectively), in the order of the years: {period}"
                draft.rules.append("zh_respectively")


def _nearest_before(
    ctx: ZhContext, draft: Candidate, ends: list[int], taken: frozenset[int] = frozenset()
) -> TimeCue | None:  # taken: the starts of cues other figures hold
    """The stated period nearest before the figure in its sentence: no base, and none
    that another figure holds ("从2016年的第25位提升至20位": 2016 is the 25th's)."""
    for index in range(bisect.bisect_right(ends, draft.start) - 1, -1, -1):
        if ctx.cues[index].kind != "base" and ctx.cues[index].start not in taken:
            return ctx.cues[index]
    return None


def _zh_streak_period(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """A streak ends in the period the sentence states before it, else at publication (a
    streak of years: in the last year whose figures were out, ``streak_end``)."""
    for draft in drafts:
        if draft.kind != "streak" or draft.value is None or draft.period is not None:
            continue
        count = int(draft.value)
        if count < 1:
            continue
        ends = [c.end for c in ctx.cues]
        cue = _nearest_before(ctx, draft, ends, frozenset(ctx.held))
        if cue is not None and cue.kind == "since":
            ctx.held.add(cue.start)
        cue = cue or ctx.carried
        how = "the period the sentence states" if cue is not None else "publication"
        since = cue is not None and cue.kind == "since"
        if since:
            how = "the start the sentence states"
        if draft.unit == "month":
            published = now_period(ctx.published)
            if since and cue is not None:
                begin = cue.period.start.year * 12 + cue.period.start.month - 1
                months = begin + count - 1
                last = month_period(months // 12, months % 12 + 1).end
            else:
                last = cue.period.end if cue is not None else published.end
                last = min(last, published.end)
                months = last.year * 12 + last.month - 1
            first = months - count + 1
            if first < 0:
                continue
            draft.period = Period(
                month_period(first // 12, first % 12 + 1).start,
                month_period(last.year, last.month).end,
                Precision.MONTH,
            )
            unit = "months"
        else:
            # With no period stated, the last year whose figures were out (as in English).
            growth = any(
                w in ctx.text[max(ctx.start, draft.start - 40) : draft.end + 40]
                for w in ctx.lex.growth_words
            )
            end_year = cue.period.end.year if cue is not None else streak_end(ctx.published, growth)
            if cue is None:
                how = f"the last year whose figures were out at publication ({ctx.published})"
            if since and cue is not None:
                end_year = cue.period.start.year + count - 1
            if end_year - count + 1 < 1:
                continue
            draft.period = Period(
                year_period(end_year - count + 1).start, year_period(end_year).end, Precision.YEAR
            )
            unit = "years"
        draft.period_note = f"a streak of {count} {unit} ending with {how}: {draft.period}"
        draft.rules.append("zh_streak_period")


_ATTACHED = ("", "的", "每年", "年均", "平均每年", "的年均")
"""Between a period and the figure it is its own: "2020年的38.2%", "“十三五”期间每年2个百分点"."""


def _attached(ctx: ZhContext, draft: Candidate, ends: list[int]) -> int | None:
    """The period written right before the figure ("2020年的38.2%"), by its index: the
    figure's own, even after 比."""
    index = bisect.bisect_right(ends, draft.start) - 1
    if index < 0:
        return None
    cue = ctx.cues[index]
    if ctx.text[cue.end : draft.start] not in _ATTACHED:
        return None
    if cue.kind == "base" and (draft.unit == "dimensionless" or draft.kind != "quantity"):
        return None  # "是2015年的3倍": the base of a ratio
    return index


_FROM = re.compile(r"(?:从|由)$")
_TO_VALUE = re.compile(
    r"(?:增长|增加|提升|提高|上升|扩大|跃升|攀升|下降|减少|降低|降|升)?了?(?:到|至)"
)


def _zh_period_from_to(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """ "从2012年至2021年，规模从11万亿元增长到45万亿元": in a sentence that states a span
    of years, the figure a change starts from is the span's first year's, the one it
    reaches the last year's."""
    spans = [
        c
        for c in ctx.cues
        if c.kind in ("range", "past")
        and c.period.precision is Precision.YEAR
        and c.period.is_range
    ]
    if not spans:
        return
    for left, right in itertools.pairwise(drafts):
        if left.kind != "quantity" or right.kind != "quantity" or left.period or right.period:
            continue
        if not _FROM.search(ctx.text, max(ctx.start, left.start - 1), left.start):
            continue
        if not _TO_VALUE.fullmatch(ctx.text, left.end, right.start):
            continue
        span = next((c for c in reversed(spans) if c.end <= left.start), None)
        if span is None:
            continue
        stated = ctx.text[span.start : span.end]
        for draft, year, side in (
            (left, span.period.start.year, "first"),
            (right, span.period.end.year, "last"),
        ):
            draft.period = year_period(year)
            draft.period_note = f"the {side} year of {stated!r}, which the change spans: {year}"
            draft.rules.append("zh_period_from_to")


def _zh_period_in_sentence(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """The period the sentence states nearest before the figure ("2022年", "前三季度").

    A period written right before it with 的 ("从2020年的38.2%") is its own;
    else the nearest stated before it that is no base ("比上年" is the base of
    a change); else one after it in its clause. A rank held for a streak takes
    the streak's last year.
    """
    ends = [cue.end for cue in ctx.cues]
    streak: Candidate | None = None
    for draft in drafts:
        if draft.kind == "streak":
            streak = draft
        if draft.period is not None:
            continue
        if (
            draft.kind == "rank"
            and streak is not None
            and streak.period is not None
            and ctx.clause_start(streak.start) == ctx.clause_start(draft.start)
        ):
            last = streak.period.end
            if streak.unit == "month":
                draft.period = month_period(last.year, last.month)
            else:
                draft.period = year_period(last.year)
            draft.period_note = f"the last period of the streak it holds for: {draft.period}"
            draft.rules.append("zh_period_in_sentence")
            continue
        attached = _attached(ctx, draft, ends)
        if attached is not None:
            ctx.held.add(ctx.cues[attached].start)
            cue: TimeCue | None = ctx.cues[attached]
        else:
            cue = _nearest_before(ctx, draft, ends, frozenset(ctx.held))
        if cue is None:
            clause_end = ctx.clause_end(draft.end)
            cue = next(
                (
                    c
                    for c in ctx.cues
                    if c.start >= draft.end and c.start < clause_end and c.kind != "base"
                ),
                None,
            )
        if cue is None:
            continue
        draft.period = cue.period
        draft.period_note = cue.note
        draft.rules.append("zh_period_in_sentence")


def _zh_period_of_paragraph(ctx: ZhContext, drafts: list[Candidate]) -> None:
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
            draft.rules.append("zh_period_of_paragraph")


def _zh_period_of_publication(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """No period stated: the time of publication (its month)."""
    if all(draft.period is not None for draft in drafts):
        return
    period, note = _publication_period(ctx.published)
    for draft in drafts:
        if draft.period is None:
            # what is ranked: the words of its clause before it (at most 24: a table's
            # row may hold no clause mark, and no figure reads the whole of it)
            ranked = ctx.text[max(ctx.clause_start(draft.start), draft.start - 24) : draft.start]
            if draft.unit == "rank" and any(w in ranked for w in ctx.lex.growth_words):
                # "增速全国第一": last year's growth
                rank_of_growth(draft, ctx.published, "zh_period_of_publication")
                continue
            draft.period = period
            draft.period_note = note
            draft.rules.append("zh_period_of_publication")


_ZH_END_OF_MONTH = re.compile(
    r"(?:截至|截止|到)(?:(?P<year>[0-9]{4})年)?(?P<month>[0-9]{1,2}|[一二三四五六七八九十]{1,2})月(?:底|末)"
)


def _zh_year_to_date(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """ "截至8月底，完成投资80亿元，同比增长12%": January to August (``year_to_date``); a count
    at the month's end ("用户达18.1亿户") keeps the month."""
    ends: list[tuple[int | None, int]] = []
    for match in _ZH_END_OF_MONTH.finditer(ctx.text, ctx.start, ctx.end):
        written = match["month"]
        value = int(written) if written.isdigit() else chinese_value(written)
        if value is not None and 1 <= value <= 12:
            ends.append((int(match["year"]) if match["year"] else None, int(value)))
    growth = bool(ends) and any(w in ctx.text[ctx.start : ctx.end] for w in ctx.lex.growth_words)
    year_to_date(drafts, ends, growth, currency_units(), "zh_year_to_date")


def _zh_one_year_of_span(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """A rate 同比 (on the year before) dated to a span of years: the span's last year
    (``last_year_of_span``). A rank keeps the span: "“十三五”期间…第15名" ranks the period."""
    for draft in drafts:
        if (
            draft.unit == "percent"
            and "同比" in ctx.text[max(ctx.start, draft.start - 8) : draft.start]
        ):
            last_year_of_span(draft, "zh_one_year_of_span", "a rate on the year before")


def _zh_target_of_its_year(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """A target with no period stated: the year of publication (as in English)."""
    target_of_its_year(ctx.published, drafts, "zh_period_of_publication", "zh_target_of_its_year")


@functools.lru_cache(maxsize=64)
def _publication_period(published: Period) -> tuple[Period, str]:
    """The period of publication and its note, worked out once per article."""
    period = now_period(published)
    return period, f"no period stated; taken as the time of publication ({published}): {period}"


def _zh_modality(ctx: ZhContext, drafts: list[Candidate]) -> None:
    """The nearest cue before the figure in its sentence: "预计", "目标", "力争", "将".

    "到2025年" (a year after publication) makes a target; "初步统计" an
    estimate; "预计" an estimate for a past or current period and a forecast for
    a later one; "将" an estimate for a past period and a target otherwise;
    "已", "目前" return to reported figures.
    """
    cues = [
        (
            m.start(),
            "future"
            if m["future"]
            else "target"
            if m["intent"]
            else ctx.lex.modality_cues[m.group()],
        )
        for m in ctx.pat.modality.finditer(ctx.text, ctx.start, ctx.end)
    ]
    starts = [start for start, _ in cues]
    by_year = any(c.kind == "by" and c.period.start > ctx.published.end for c in ctx.cues)
    carried = ctx.carried
    by_carried = (
        carried is not None and carried.kind == "by" and carried.period.start > ctx.published.end
    )  # "到2025年，A达到X；B达到Y": Y's period, and its target, come from the first clause
    for draft in drafts:
        if ctx.pat.goal_after.match(ctx.text, draft.end, ctx.end):
            draft.modality = Modality.TARGET  # "远超500亿元投资目标": the goal's value
            draft.rules.append("zh_modality_goal_after")
            continue
        index = bisect.bisect_left(starts, draft.start) - 1
        if index < 0:
            if by_year or (by_carried and "zh_period_of_paragraph" in draft.rules):
                draft.modality = Modality.TARGET
                draft.rules.append("zh_modality_by_future_year")
            elif draft.period is not None and draft.period.start > ctx.published.end:
                # "2026年经济成长仍达3.54%" in 2025: no cue, but a period not begun
                # at publication cannot have been reported; it is predicted.
                draft.modality = Modality.FORECAST
                draft.rules.append("zh_modality_future_period")
            continue
        cls = cues[index][1]
        if cls == "future" and index > 0 and cues[index - 1][1] not in ("actual", "future"):
            cls = cues[index - 1][1]  # "预计…将达到": the forecast, not the "will"
        if cls == "actual":
            continue
        period = draft.period or now_period(ctx.published)
        past = period.end < ctx.published.start
        future = period.start > ctx.published.end
        if cls == "possible":
            if period.end <= now_period(ctx.published).end:
                continue  # "目前…可达8万台": a capacity, reported
            draft.modality = Modality.FORECAST  # "2024年底…可达3万P", a period not over
        elif cls == "expected":
            draft.modality = Modality.FORECAST if future else Modality.ESTIMATE
        elif cls == "future":
            draft.modality = Modality.ESTIMATE if past else Modality.TARGET
        else:
            draft.modality = Modality(cls)
        draft.rules.append(f"zh_modality_{cls}")


# ------------------------------------------------------------------ table


def _rule(name: str, stage: Stage, apply: Callable[..., object]) -> Rule:
    return Rule(name, stage, (apply.__doc__ or "").split("\n\n")[0].strip(), apply, "zh")


ZH_RULES: tuple[Rule, ...] = (
    _rule("zh_set_phrase", Stage.NOT_A_FIGURE, _zh_set_phrase),
    _rule("zh_timestamp", Stage.NOT_A_FIGURE, _zh_timestamp),
    _rule("zh_calendar_date", Stage.NOT_A_FIGURE, _zh_calendar_date),
    _rule("zh_file_name", Stage.NOT_A_FIGURE, _zh_file_name),
    _rule("zh_reference", Stage.NOT_A_FIGURE, _zh_reference),
    _rule("zh_generation", Stage.NOT_A_FIGURE, _zh_generation),
    _rule("zh_attached_letters", Stage.NOT_A_FIGURE, _zh_attached_letters),
    _rule("zh_event_date", Stage.NOT_A_FIGURE, _zh_event_date),
    _rule("zh_plan_name", Stage.NOT_A_FIGURE, _zh_plan_name),
    _rule("zh_quoted_name", Stage.NOT_A_FIGURE, _zh_quoted_name),
    _rule("zh_calendar_year", Stage.NOT_A_FIGURE, _zh_calendar_year),
    _rule("zh_name_number", Stage.NOT_A_FIGURE, _zh_name_number),
    _rule("zh_class_level", Stage.NOT_A_FIGURE, _zh_class_level),
    _rule("zh_list_marker", Stage.NOT_A_FIGURE, _zh_list_marker),
    _rule("zh_vague", Stage.NOT_A_FIGURE, _zh_vague),
    _rule("zh_time_frame", Stage.NOT_A_FIGURE, _zh_time_frame),
    _rule("zh_age", Stage.NOT_A_FIGURE, _zh_age),
    _rule("zh_structure", Stage.NOT_A_FIGURE, _zh_structure),
    _rule("zh_named_count", Stage.NOT_A_FIGURE, _zh_named_count),
    _rule("zh_rating", Stage.NOT_A_FIGURE, _zh_rating),
    _rule("zh_bare_number", Stage.NOT_A_FIGURE, _zh_bare_number),
    _rule("zh_article_one", Stage.NOT_A_FIGURE, _zh_article_one),
    _rule("zh_counts_nothing", Stage.NOT_A_FIGURE, _zh_counts_nothing),
    _rule("zh_garbled_digits", Stage.FIGURE, _zh_garbled_digits),
    _rule("zh_designation_batch", Stage.FIGURE, _zh_designation_batch),
    _rule("zh_first_claim", Stage.FIGURE, _zh_first_claim),
    _rule("zh_streak", Stage.FIGURE, _zh_streak),
    _rule("zh_rank", Stage.FIGURE, _zh_rank),
    _rule("zh_rank_top", Stage.FIGURE, _zh_rank_top),
    _rule("zh_percent_words", Stage.FIGURE, _zh_percent_words),
    _rule("zh_fraction", Stage.FIGURE, _zh_fraction),
    _rule("zh_tenths", Stage.FIGURE, _zh_tenths),
    _rule("zh_lone_scale", Stage.FIGURE, _zh_lone_scale),
    _rule("zh_quantity", Stage.FIGURE, _zh_quantity),
    _rule("zh_minus_sign", Stage.QUANTITY, _zh_minus_sign),
    _rule("zh_scale_word", Stage.QUANTITY, _zh_scale_word),
    _rule("zh_attached_bound", Stage.QUANTITY, _zh_attached_bound),
    _rule("zh_currency_before", Stage.QUANTITY, _zh_currency_before),
    _rule("zh_unit", Stage.QUANTITY, _zh_unit),
    _rule("zh_rank_change", Stage.QUANTITY, _zh_rank_change),
    _rule("zh_measure_word", Stage.QUANTITY, _zh_measure_word),
    _rule("zh_count_noun", Stage.QUANTITY, _zh_count_noun),
    _rule("zh_rate", Stage.QUANTITY, _zh_rate),
    _rule("zh_unit_from_earlier_noun", Stage.QUANTITY, _zh_unit_from_earlier_noun),
    _rule("zh_dimensionless", Stage.QUANTITY, _zh_dimensionless),
    _rule("zh_bound_before", Stage.QUANTITY, _zh_bound_before),
    _rule("zh_bound_after", Stage.QUANTITY, _zh_bound_after),
    _rule("zh_shared_scale", Stage.SENTENCE, _zh_shared_scale),
    _rule("zh_shared_bound", Stage.SENTENCE, _zh_shared_bound),
    _rule("zh_range", Stage.SENTENCE, _zh_range),
    _rule("zh_threshold", Stage.SENTENCE, _zh_threshold),
    _rule("zh_respectively", Stage.SENTENCE, _zh_respectively),
    _rule("zh_streak_period", Stage.SENTENCE, _zh_streak_period),
    _rule("zh_period_from_to", Stage.SENTENCE, _zh_period_from_to),
    _rule("zh_period_in_sentence", Stage.SENTENCE, _zh_period_in_sentence),
    _rule("zh_period_of_paragraph", Stage.SENTENCE, _zh_period_of_paragraph),
    _rule("zh_period_of_publication", Stage.SENTENCE, _zh_period_of_publication),
    _rule("zh_one_year_of_span", Stage.SENTENCE, _zh_one_year_of_span),
    _rule("zh_year_to_date", Stage.SENTENCE, _zh_year_to_date),
    _rule("zh_modality", Stage.SENTENCE, _zh_modality),
    _rule("zh_target_of_its_year", Stage.SENTENCE, _zh_target_of_its_year),
)
"""Every rule of the Chinese reader, in the order it runs within its stage."""
