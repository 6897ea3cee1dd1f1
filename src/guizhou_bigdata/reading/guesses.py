"""Guesses of what a figure measures and what it is about, for a reviewer to confirm.

The metric is guessed from the catalogue's labels and ids: the words the
figure's clause shares with each metric of the figure's unit and kind, each
word weighted by how few metrics use it (so "telecom" counts, "revenue" and
"growth" barely), among metrics of the sort the words say (a year-on-year rate
is no share of GDP, and only words of averaging make a compound annual rate).
The subject is the entity named nearest before the figure. Chinese sentences
are cut into the terms of ``lexicons/zh/metrics.toml`` and weighed against the
metrics' Chinese labels the same way, and entities are found by their Chinese
names too (贵阳市 and 贵阳; 全省 for the province the catalogue is about). Each guess says how
sure it is (:class:`~guizhou_bigdata.reading.model.Confidence`), and the same scoring rates a guess
later (``check FILE``), so a draft and its check agree.

A guesser is built once per registry (its word weights and the pattern of every
entity name): the last few registries asked for are kept, so switching between
them costs nothing, and nothing per figure grows with the registry.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
import threading
import tomllib
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any

import attrs

from ..core.entities import PlaceKind
from ..core.figures import renderings
from ..core.vocabulary import MetricKind
from .model import Confidence

if TYPE_CHECKING:
    from ..core.model import Metric
    from ..store.registry import Registry

__all__ = ["Guess", "Guesser", "SentenceGuesser", "figure_span", "guesser"]

_KEEP = 4
"""Registries whose guessers are kept (by identity): a draft against the bundled data
and one against the user's own files alternate without rebuilding either."""
_lock = threading.Lock()
_built: OrderedDict[int, tuple[Registry, Guesser]] = OrderedDict()

_ACCEPT = 0.5
"""The least weighted share of a metric's words a clause must hold for a guess."""
_HIGH = (0.8, 0.2)
"""Score and lead over the runner-up of a guess of high confidence."""
_MEDIUM = (0.65, 0.1)
"""Score and lead over the runner-up of a guess of medium confidence."""

_CLAUSE_MARKS = ",;|\t，；"
"""What ends a clause for the guesses: commas, semicolons (also Chinese ones), and a
table's cells."""
_CLAUSE_MARK = re.compile("[" + re.escape(_CLAUSE_MARKS) + "]")
_NEAR = 30
"""Characters before a figure (and after it) where words say it is a change."""


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A crude stem, the same for the catalogue and the text: "centres" and "centre",
    "planning" and "planned", "opening" and "opened" meet."""
    word = word.lower().strip("'’")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            if len(word) > 2 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]  # "planned" -> "plan"
            break
    return word


_WORD = re.compile(r"[A-Za-z]+")


def _words(text: str, stop: frozenset[str], synonyms: Mapping[str, str] | None = None) -> set[str]:
    words = _WORD.findall(text)
    if synonyms:
        words = [synonyms.get(w.lower(), w) for w in words]
    return {_stem(w) for w in words} - stop


@attrs.frozen
class _Chinese:
    """How Chinese text is cut into the terms the metric guesses weigh."""

    terms: re.Pattern[str]
    synonyms: Mapping[str, str]
    unit_terms: Mapping[str, str]

    def words(self, text: str) -> set[str]:
        """The terms of ``text``, longest first, as the labels write them."""
        if text.isascii():
            return set()
        synonyms = self.synonyms
        return {synonyms.get(term, term) for term in self.terms.findall(text)}


def figure_span(quote: str, as_written: str | None, value: Decimal | None) -> tuple[int, int]:
    """Where a fact's figure stands in its quote: its words as written, else its value
    (plain or with thousands separators); (0, 0) when neither is found."""
    if as_written is not None and as_written in quote:
        start = quote.index(as_written)
        return start, start + len(as_written)
    if value is not None:
        for text in renderings(value):
            start = quote.find(text)
            if start != -1:
                return start, start + len(text)
    return 0, 0


def clause_bounds(
    text: str, start: int, end: int, figure_start: int, figure_end: int
) -> tuple[int, int]:
    """The clause of ``text[start:end]`` that holds the figure: between the commas,
    semicolons or table bars around it."""
    before = max(text.rfind(mark, start, figure_start) for mark in _CLAUSE_MARKS)
    after = [i for mark in _CLAUSE_MARKS if (i := text.find(mark, figure_end, end)) != -1]
    return max(start, before + 1), min(after, default=end)


@attrs.frozen
class _MetricWords:
    id: str
    unit: str
    kind: MetricKind
    words: frozenset[str]
    id_words: frozenset[str]
    weight: float
    """The summed weight of ``words``."""
    id_weight: float
    average: bool
    """An average rate over years (a CAGR): only words of averaging make it fit."""
    required: frozenset[str]
    """The most distinctive word of its id, which the figure's words must hold."""
    zh_words: frozenset[str] = frozenset()
    """The terms of its Chinese label."""
    zh_weight: float = 1.0
    zh_required: frozenset[str] = frozenset()
    """The most distinctive term of its Chinese label, which a Chinese clause must hold."""


@attrs.frozen
class Guess:
    """A guess and how sure it is (both None when there is none)."""

    id: str | None
    confidence: Confidence | None


_NO_GUESS = Guess(None, None)
_NO_WORDS: frozenset[str] = frozenset()


_RANKED_KEPT = 4096
"""The most rankings a guesser keeps (a few hundred bytes each)."""


@attrs.frozen(cache_hash=True)
class _Cues:
    """What the clause says about the sort of figure: a change, an average, a share."""

    change: bool
    average: bool
    share: bool


_CUES = {
    (change, average, share): _Cues(change, average, share)
    for change in (False, True)
    for average in (False, True)
    for share in (False, True)
}
"""The eight sorts, made once: every figure's guess keys its ranking by one."""


@attrs.frozen(eq=False)
class Guesser:
    """Metric and subject guesses over one registry's catalogue and entities.

    It also indexes the registry for the drafter: every id taken, each metric by id.
    """

    metrics: tuple[_MetricWords, ...]
    by_word: Mapping[str, tuple[_MetricWords, ...]]
    """The metrics whose label or id holds each word."""
    weights: Mapping[str, float]
    names: re.Pattern[str] | None
    entity_of: Mapping[str, str]
    stop: frozenset[str]
    synonyms: Mapping[str, str]
    default_subject: Mapping[str, str]
    cue_patterns: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]
    catalogue: Mapping[str, Metric]
    """Every metric of the registry, by id."""
    taken: frozenset[str]
    """Every id the registry holds: facts, metrics, entities, milestones and sources."""
    entity_ids: frozenset[str]
    chinese: _Chinese
    _unit_cache: dict[tuple[str, str], set[str]] = attrs.field(factory=dict, init=False)
    _index_cache: dict[tuple[str, str], Mapping[str, tuple[_MetricWords, ...]]] = attrs.field(
        factory=dict, init=False
    )
    _ranked_cache: dict[
        tuple[frozenset[str], _Cues, str, str, frozenset[str]], tuple[tuple[float, str], ...]
    ] = attrs.field(factory=dict, init=False)
    """The rankings worked out, by their inputs: the drafter rates each guess on its quote,
    whose clause is mostly the one the reader guessed from, and a table repeats its
    labels. Bounded: cleared when it holds ``_RANKED_KEPT`` rankings."""
    _piece_cache: dict[str, frozenset[str]] = attrs.field(factory=dict, init=False)
    """The words of the pieces of text read so far (:meth:`piece_words`), bounded alike."""

    def piece_words(self, piece: str) -> frozenset[str]:
        """The words and Chinese terms of ``piece`` the metric guesses weigh.

        Kept by the piece: the drafter rates a figure on its quote, whose clause is
        the one the reader guessed it from.
        """
        found = self._piece_cache.get(piece)
        if found is None:
            if piece.isascii() and _WORD.search(piece) is None:
                return _NO_WORDS  # a table's cell of figures: not kept, not to crowd out words
            if len(self._piece_cache) >= _RANKED_KEPT:
                self._piece_cache.clear()
            found = frozenset(_words(piece, self.stop, self.synonyms) | self.chinese.words(piece))
            self._piece_cache[piece] = found
        return found

    def sentence(self, text: str, start: int, end: int) -> SentenceGuesser:
        """The guesses for the figures of the sentence ``text[start:end]``."""
        return SentenceGuesser(self, text, start, end)

    # ---------------------------------------------------------------- metrics

    def cues(
        self, text: str, clause: tuple[int, int], figure: tuple[int, int], averaging: int
    ) -> _Cues:
        """What the words say the figure at ``figure`` is: a change ("grew 5 percent",
        "5 percent year-on-year"), an average over years (in its clause, or before it in
        the sentence: ``averaging`` is where the sentence's first word of averaging
        stands, -1 for none), a share ("accounted for", "of GDP")."""
        change, change_after, average, share = self.cue_patterns
        first, last = clause
        is_change = (
            change.search(text, max(first, figure[0] - _NEAR), figure[0]) is not None
            or change_after.match(text, figure[1], min(last, figure[1] + _NEAR)) is not None
        )
        is_average = 0 <= averaging < figure[0] or (
            averaging != -1 and average.search(text, first, last) is not None
        )
        return _CUES[is_change, is_average, share.search(text, first, last) is not None]

    def averaging(self, text: str, start: int, end: int) -> int:
        """Where the first word of averaging of ``text[start:end]`` stands, or -1."""
        found = self.cue_patterns[2].search(text, start, end)
        return -1 if found is None else found.start()

    def ranked(
        self,
        words: AbstractSet[str],
        cues: _Cues,
        unit: str,
        kind: str,
        exclude: frozenset[str] = frozenset(),
    ) -> list[tuple[float, str]]:
        """Metrics of the figure's unit and sort, best first, with their scores.

        Only metrics that share a word with ``words`` are scored (an index by word):
        a long list of words costs its words, not the catalogue. The same words, cues,
        unit and sort rank the same: a ranking is worked out once.
        """
        key = (frozenset(words), cues, unit, kind, exclude)
        found = self._ranked_cache.get(key)
        if found is None:
            if len(self._ranked_cache) >= _RANKED_KEPT:
                self._ranked_cache.clear()
            found = self._ranked_cache[key] = tuple(self._rank(words, cues, unit, kind, exclude))
        return list(found)

    def _rank(
        self,
        words: AbstractSet[str],
        cues: _Cues,
        unit: str,
        kind: str,
        exclude: frozenset[str],
    ) -> list[tuple[float, str]]:
        """:meth:`ranked`, worked out."""
        if all(w.isascii() for w in words):
            words = words | self._unit_words(unit, kind)  # "23,128 companies": enterprises
        else:  # a Chinese clause: "大数据企业达到5000家" counts 企业
            zh_term = self.chinese.unit_terms.get(unit.split(" /")[0])
            words = words | ({zh_term} if zh_term else set())
        index = self._index(unit, kind)
        candidates = {metric.id: metric for word in words for metric in index.get(word, ())}
        scored: list[tuple[float, str]] = []
        weights = self.weights
        percent = unit == "percent"  # only a percentage is a change, a share or an average
        for metric in candidates.values():
            if (exclude and metric.id in exclude) or (
                percent and not self._fits_cues(metric, cues, unit)
            ):
                continue
            coverage, count = 0.0, 0
            shared = metric.words & words
            if shared and _holds(words, metric.required):
                coverage = max(
                    sum(weights[w] for w in shared) / metric.weight,
                    sum(weights[w] for w in metric.id_words & words) / metric.id_weight,
                )
                count = len(shared)
            shared_zh = metric.zh_words & words
            if shared_zh and metric.zh_required <= words:  # its Chinese label's terms
                coverage = max(coverage, sum(weights[w] for w in shared_zh) / metric.zh_weight)
                count += len(shared_zh)
            if not count:
                continue
            scored.append((coverage + count / 100, metric.id))
        scored.sort(reverse=True)
        return scored

    def _index(self, unit: str, kind: str) -> Mapping[str, tuple[_MetricWords, ...]]:
        """The metrics of a figure's unit and sort (a rank, a streak, else any other) by
        the words of their labels: built once per unit and sort, so that a figure
        scores only the metrics it could be."""
        found = self._index_cache.get((unit, kind))
        if found is None:
            wanted = {"rank": MetricKind.RANK, "streak": MetricKind.STREAK}.get(kind)
            units = (unit, unit.split(" /")[0])
            index: dict[str, list[_MetricWords]] = {}
            for word, metrics in self.by_word.items():
                for metric in metrics:
                    if metric.unit not in units:
                        continue
                    if wanted is not None and metric.kind is not wanted:
                        continue
                    if wanted is None and metric.kind in (MetricKind.RANK, MetricKind.STREAK):
                        continue
                    index.setdefault(word, []).append(metric)
            found = {word: tuple(metrics) for word, metrics in index.items()}
            self._index_cache[unit, kind] = found
        return found

    def _unit_words(self, unit: str, kind: str) -> set[str]:
        """What the unit and the kind of figure say: a count of enterprises names them."""
        found = self._unit_cache.get((unit, kind))
        if found is None:
            found = _words(unit.replace("_", " "), self.stop)
            if kind == "streak":
                found.add("streak")
            self._unit_cache[unit, kind] = found
        return found

    @staticmethod
    def _fits_cues(metric: _MetricWords, cues: _Cues, unit: str) -> bool:
        """Whether the sort of figure the words say (a change, a share) fits the metric."""
        if unit != "percent":
            return True
        if metric.average != cues.average:
            return False  # a CAGR needs words of averaging; those words need a CAGR
        if cues.change and metric.kind is MetricKind.SHARE:
            return False  # "rose 2.1 percent year-on-year" is no share
        return not (cues.share and not cues.change and metric.kind is MetricKind.GROWTH_RATE)

    def choose(self, ranked: list[tuple[float, str]], cues: _Cues) -> Guess:
        """The best metric when it is clear enough, and how sure it is."""
        if not ranked:
            return _NO_GUESS
        best = ranked[0][0]
        runner = ranked[1][0] if len(ranked) > 1 else 0.0
        if best < _ACCEPT or best == runner:
            return _NO_GUESS
        return Guess(ranked[0][1], self._confidence(best, runner, cues))

    @staticmethod
    def _confidence(best: float, runner: float, cues: _Cues) -> Confidence:
        if cues.change and cues.share:
            return Confidence.LOW  # "the share rose ...": a change of a share, or a share
        if best >= _HIGH[0] and best - runner >= _HIGH[1]:
            return Confidence.HIGH
        if best >= _MEDIUM[0] and best - runner >= _MEDIUM[1]:
            return Confidence.MEDIUM
        return Confidence.LOW

    def metric_confidence(
        self,
        quote: str,
        figure: tuple[int, int],
        unit: str,
        metric: str,
        exclude: frozenset[str] = frozenset(),
    ) -> Confidence:
        """How well ``quote`` supports ``metric`` for the figure at ``figure`` in it.

        The drafter rates its final guesses with this, and ``check FILE`` rates
        the file's guesses the same way: high when the metric is the clear best
        fit, low when another fits as well or better, or it fits barely.
        """
        found = self.catalogue.get(metric)
        if found is None:
            return Confidence.LOW
        kind = {MetricKind.RANK: "rank", MetricKind.STREAK: "streak"}.get(found.kind, "quantity")
        first, last = clause_bounds(quote, 0, len(quote), *figure)
        cues = self.cues(quote, (first, last), figure, self.averaging(quote, 0, len(quote)))
        for words_of in (quote[first:last], quote[:last]):
            ranked = self.ranked(self.piece_words(words_of), cues, unit, kind, exclude)
            if ranked and ranked[0][0] >= _ACCEPT:
                break
        scores = {metric_id: score for score, metric_id in ranked}
        if metric not in scores:
            return Confidence.LOW
        runner = max((s for m, s in scores.items() if m != metric), default=0.0)
        if scores[metric] < _ACCEPT or scores[metric] <= runner:
            return Confidence.LOW
        return self._confidence(scores[metric], runner, cues)

    # --------------------------------------------------------------- subjects

    def subject_confidence(self, quote: str, figure: tuple[int, int], subject: str) -> Confidence:
        """How well ``quote`` supports ``subject``: named before the figure high, after it
        medium, not named at all (a default, the article's usual subject) low."""
        if self.names is None:
            return Confidence.LOW
        named = [(m.start(), self.entity_of[m.group()]) for m in self.names.finditer(quote)]
        before = [entity for start, entity in named if start < figure[0]]
        if before and before[-1] == subject:
            return Confidence.HIGH
        if subject in (entity for _, entity in named):
            return Confidence.MEDIUM
        return Confidence.LOW


class SentenceGuesser:
    """The guesses of one sentence's figures; what every figure shares is worked out once."""

    def __init__(self, guesser: Guesser, text: str, start: int, end: int) -> None:
        self._guesser = guesser
        self._text = text
        self._start = start
        self._end = end
        self._clauses: dict[tuple[int, int], frozenset[str]] = {}
        self._prefix_end = start
        self._averaging: int | None = None
        self._prefix: frozenset[str] = frozenset()
        self._names: tuple[list[int], list[tuple[int, int, str]]] | None = None
        self._marks: list[int] | None = None
        self._metrics: dict[tuple[int, int, _Cues, str, str], Guess] = {}

    def _clause(self, figure_start: int, figure_end: int) -> tuple[int, int]:
        """:func:`clause_bounds` of a figure, from the sentence's marks found once."""
        if self._marks is None:
            self._marks = [
                m.start() for m in _CLAUSE_MARK.finditer(self._text, self._start, self._end)
            ]
        marks = self._marks
        before = bisect.bisect_left(marks, figure_start)
        after = bisect.bisect_left(marks, figure_end)
        first = marks[before - 1] + 1 if before else self._start
        return first, marks[after] if after < len(marks) else self._end

    def _clause_words(self, first: int, last: int) -> frozenset[str]:
        found = self._clauses.get((first, last))
        if found is None:
            found = self._guesser.piece_words(self._text[first:last])
            self._clauses[first, last] = found
        return found

    def _words_before(self, last: int) -> AbstractSet[str]:
        """The words of the sentence before ``last`` (a clause's end), gathered as the
        figures go by: a long list costs its length once, not once per figure. The same
        frozen set while no new word comes, so that ranking it is a lookup."""
        g = self._guesser
        if last < self._prefix_end:
            piece = self._text[self._start : last]
            return _words(piece, g.stop, g.synonyms) | g.chinese.words(piece)
        piece = self._text[self._prefix_end : last]
        new = _words(piece, g.stop, g.synonyms) | g.chinese.words(piece)
        if not new <= self._prefix:
            self._prefix = self._prefix | new
        self._prefix_end = last
        return self._prefix

    def guess(
        self, figure_start: int, figure_end: int, unit: str | None, kind: str
    ) -> tuple[Guess, Guess]:
        """The metric and subject guesses for the figure at ``figure_start:figure_end``.

        The subject is the entity named nearest before the figure (a country named
        is the scope of a ranking, not its subject), else the first named after
        it, else the metric's default subject.
        """
        g = self._guesser
        metric = _NO_GUESS
        if unit is not None:
            first, last = self._clause(figure_start, figure_end)
            words = self._clause_words(first, last)
            if self._averaging is None:
                self._averaging = g.averaging(self._text, self._start, self._end)
            cues = g.cues(self._text, (first, last), (figure_start, figure_end), self._averaging)
            key = (first, last, cues, unit, kind)  # figures of one clause share their guess
            metric = self._metrics.get(key, _NO_GUESS)
            if key not in self._metrics:
                metric = g.choose(g.ranked(words, cues, unit, kind), cues)
                if metric.id is None:  # the sentence up to the clause's end, never later
                    metric = g.choose(g.ranked(self._words_before(last), cues, unit, kind), cues)
                self._metrics[key] = metric
        subject = self._subject(figure_start, figure_end)
        if subject.id is None and metric.id is not None and metric.id in g.default_subject:
            subject = Guess(g.default_subject[metric.id], Confidence.LOW)
        return metric, subject

    def _subject(self, figure_start: int, figure_end: int) -> Guess:
        g = self._guesser
        if g.names is None:
            return _NO_GUESS
        if self._names is None:
            found = [
                (m.start(), m.end(), g.entity_of[m.group()])
                for m in g.names.finditer(self._text, self._start, self._end)
            ]
            self._names = ([start for start, _, _ in found], found)
        starts, found = self._names
        index = bisect.bisect_left(starts, figure_start)
        for _, end, entity in reversed(found[:index]):
            if end <= figure_start:
                return Guess(entity, Confidence.HIGH)
        for start, _, entity in found[index:]:
            if start >= figure_end:
                return Guess(entity, Confidence.MEDIUM)
        return _NO_GUESS


def _word_lists() -> dict[str, object]:
    path = resources.files("guizhou_bigdata.reading") / "lexicons" / "text.toml"
    data: dict[str, object] = tomllib.loads(path.read_text(encoding="utf-8"))
    return data


def _chinese_word_lists() -> dict[str, Any]:
    path = resources.files("guizhou_bigdata.reading") / "lexicons" / "zh" / "metrics.toml"
    data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    return data


def _chinese(data: Mapping[str, Any]) -> _Chinese:
    synonyms: dict[str, str] = dict(data["synonyms"])
    terms = sorted({*data["terms"]["words"], *synonyms}, key=len, reverse=True)
    return _Chinese(
        terms=re.compile(_literals(terms)),
        synonyms=synonyms,
        unit_terms=dict(data["unit_terms"]),
    )


def _short_names(name: str, endings: Iterable[str]) -> list[str]:
    """A Chinese name without an ending it is often written without (贵阳市: 贵阳;
    黔东南苗族侗族自治州: 黔东南 and 黔东南州)."""
    found = []
    for ending in endings:
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            short = name[: -len(ending)]
            found.append(short)
            if ending.endswith("自治州"):
                found.append(short + "州")
    return found


def _home_province(registry: Registry, catalogue: Mapping[str, Metric]) -> str | None:
    """The province the catalogue is about: the one most metrics take as their default
    subject, else the registry's only province."""
    provinces = {place.id for place in registry.places() if place.kind is PlaceKind.PROVINCE}
    defaults = Counter(
        m.default_subject for m in catalogue.values() if m.default_subject in provinces
    )
    if defaults:
        return defaults.most_common(1)[0][0]
    return next(iter(provinces)) if len(provinces) == 1 else None


def _names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """Names in Latin letters as whole words; Chinese ones wherever they stand, as
    Chinese puts no space between words. Longest first."""
    latin = sorted((n for n in names if n.isascii()), key=len, reverse=True)
    chinese = sorted((n for n in names if not n.isascii()), key=len, reverse=True)
    parts = []
    if latin:
        parts.append(r"(?<![\w])(?:" + "|".join(map(re.escape, latin)) + r")(?![\w])")
    if chinese:
        parts.append(_literals(chinese))
    return re.compile("|".join(parts)) if parts else None


def _literals(words: list[str]) -> str:
    """Any of ``words``, longest first, behind a look at the first character: the engine
    then tries the alternatives only where one of them can start."""
    first = "".join(sorted({re.escape(w[0]) for w in words}))
    return f"(?=[{first}])(?:" + "|".join(map(re.escape, words)) + ")"


def _phrases(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = sorted({w.lower() for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in alternatives)
    return re.compile(rf"(?<![A-Za-z])(?:{body})(?![A-Za-z])", re.IGNORECASE)


def _holds(words: AbstractSet[str], required: frozenset[str]) -> bool:
    """Whether ``words`` hold each required word, or a longer word it starts
    ("sci" in "scientific", "integrat" in "integration")."""
    return all(word in words or any(w.startswith(word) for w in words) for word in required)


def _required(
    metric: str, stop: frozenset[str], optional: frozenset[str], weights: Mapping[str, float]
) -> frozenset[str]:
    """The first of the id's words that fewest metrics share, unless it only qualifies."""
    words = [w for w in (_stem(part) for part in metric.split("_")) if w in weights]
    return _rarest([w for w in words if w not in stop and w not in optional], weights)


def _rarest(words: list[str], weights: Mapping[str, float]) -> frozenset[str]:
    """The first of ``words`` that fewest metrics share (none of an empty list)."""
    if not words:
        return frozenset()
    return frozenset({max(words, key=lambda w: (weights[w], -words.index(w)))})


def _build(registry: Registry) -> Guesser:
    data = _word_lists()
    zh_data = _chinese_word_lists()
    chinese = _chinese(zh_data)
    stop = frozenset(data["metric_stop_words"]["words"])  # type: ignore[index]
    synonyms: dict[str, str] = dict(data["metric_synonyms"])  # type: ignore[call-overload]
    cues: dict[str, list[str]] = {
        name: [*words, *zh_data["cues"].get(name, ())]
        for name, words in dict(data["metric_cues"]).items()  # type: ignore[call-overload]
    }
    averaging = frozenset(cues["average_metrics"])
    optional = frozenset(data["metric_required"]["optional"])  # type: ignore[index]
    zh_optional = frozenset(zh_data["required"]["optional"])
    catalogue = {m.id: m for m in registry.metrics()}
    words_of = {
        m.id: (
            frozenset(_words(m.label, stop) | _words(m.id.replace("_", " "), stop)),
            frozenset(_words(m.id.replace("_", " "), stop) or {m.id}),
            frozenset(chinese.words(m.label_zh or "")),
        )
        for m in catalogue.values()
    }
    counts = Counter(word for words, ids, zh in words_of.values() for word in words | ids | zh)
    total = max(len(catalogue), 1)
    weights = {word: math.log(1 + total / count) for word, count in counts.items()}
    metrics = tuple(
        _MetricWords(
            m.id,
            m.unit,
            m.kind,
            words,
            ids,
            sum(weights[w] for w in words) or 1.0,
            sum(weights[w] for w in ids) or 1.0,
            bool((words | ids | zh) & averaging),
            _required(m.id, stop, optional, weights),
            zh,
            sum(weights[w] for w in zh) or 1.0,
            _rarest(sorted(zh - zh_optional, key=(m.label_zh or "").find), weights),
        )
        for m in catalogue.values()
        for words, ids, zh in (words_of[m.id],)
    )
    by_word: dict[str, list[_MetricWords]] = {}
    for metric in metrics:
        for word in metric.words | metric.id_words | metric.zh_words:
            by_word.setdefault(word, []).append(metric)
    entity_of: dict[str, str] = {}
    countries = {place.id for place in registry.places() if place.kind is PlaceKind.COUNTRY}
    entities = registry.entities()
    endings = zh_data["name_endings"]["words"]
    short: dict[str, str] = {}
    for entity in entities:
        if entity.id in countries:
            continue
        for name in (entity.name, *entity.aliases, *([entity.name_zh] if entity.name_zh else [])):
            if len(name) >= 3 or (len(name) >= 2 and not name.isascii()):
                entity_of.setdefault(name, entity.id)
            if not name.isascii():
                for shorter in _short_names(name, endings):
                    short.setdefault(shorter, entity.id)
    home = _home_province(registry, catalogue)
    if home is not None:
        for word in zh_data["home_province"]["words"]:
            short.setdefault(word, home)
    for name, entity_id in short.items():  # a full name is never taken by a short one
        entity_of.setdefault(name, entity_id)
    pattern = _names_pattern(entity_of)
    defaults = {m.id: m.default_subject for m in catalogue.values() if m.default_subject}
    taken = frozenset(
        [
            *(fact.id for fact in registry.facts()),
            *catalogue,
            *(entity.id for entity in entities),
            *(milestone.id for milestone in registry.timeline()),
            *(source.id for source in registry.sources()),
        ]
    )
    return Guesser(
        metrics=metrics,
        by_word={word: tuple(found) for word, found in by_word.items()},
        weights=weights,
        names=pattern,
        entity_of=entity_of,
        stop=stop,
        synonyms=synonyms,
        default_subject=defaults,
        cue_patterns=(
            _phrases(cues["change"]),
            re.compile(rf"\W*(?:{_phrases(cues['change_after']).pattern})", re.IGNORECASE),
            _phrases(cues["average"]),
            _phrases(cues["share"]),
        ),
        catalogue=catalogue,
        taken=taken,
        entity_ids=frozenset(entity.id for entity in entities),
        chinese=chinese,
    )


def guesser(registry: Registry) -> Guesser:
    """The guesser for ``registry``, built on its first use and kept for the last few."""
    key = id(registry)
    with _lock:
        kept = _built.get(key)
        if kept is not None and kept[0] is registry:
            _built.move_to_end(key)
            return kept[1]
        built = _build(registry)
        _built[key] = (registry, built)  # the registry is held: its id stays its own
        while len(_built) > _KEEP:
            _built.popitem(last=False)
        return built
