"""Search in English and Chinese: metrics, entities and facts by what they are called.

A :class:`SearchIndex` is built once per registry, on the first search, and a
search then touches only the texts that hold every word of the query: Latin
words are looked up by prefix in a sorted word list, Chinese text by its
characters. Text is compared folded (:func:`fold`): NFKC, so full-width
"ＧＤＰ" is "GDP"; case-insensitive; curly apostrophes are straight ones. A query
ending in 市, 省, "city" or "province" also finds the name without it (贵阳市
finds 贵阳, "Guiyang City" finds "Guiyang").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from html import escape
from typing import SupportsIndex, TypeAlias, overload

import attrs

from ..core.entities import Entity, Place
from ..core.errors import shown
from ..core.model import Fact, Metric

__all__ = [
    "EntityHit",
    "FactHit",
    "Hit",
    "MetricHit",
    "SearchIndex",
    "SearchResults",
    "fold",
]

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
_CJK_RUN = re.compile(rf"[{_CJK}]+")
_ZH_SUFFIXES = ("市", "省")
_EN_SUFFIXES = (" city", " province")
_MAX_QUERY = 200

_WEIGHTS = {
    "id": 1.0,
    "code": 1.0,
    "name": 1.0,
    "name_zh": 1.0,
    "alias": 0.9,
    "label": 0.9,
    "label_zh": 0.9,
    "description": 0.5,
    "quote": 0.4,
    "says": 0.4,
    "as_written": 0.4,
    "note": 0.3,
}
"""How much a match in each field counts: a name says more than a passing mention."""


def fold(text: str) -> str:
    """``text`` as searches compare it: NFKC, case-folded, apostrophes straight, spaces single."""
    folded = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).casefold()
    return " ".join(folded.split())


def _tokens(folded: str) -> list[str]:
    return _TOKEN.findall(folded)


def _variants(folded: str) -> list[str]:
    """The query and, if it ends in a place suffix (市, 省, city, province), it without."""
    variants = [folded]
    for suffix in (*_ZH_SUFFIXES, *_EN_SUFFIXES):
        stem = folded.removesuffix(suffix).strip()
        if stem != folded and stem:
            variants.append(stem)
    return variants


def _without_suffix(folded: str) -> str:
    for suffix in (*_ZH_SUFFIXES, *_EN_SUFFIXES):
        stem = folded.removesuffix(suffix).strip()
        if stem != folded and stem:
            return stem
    return folded


@attrs.frozen(repr=False)
class MetricHit:
    """A metric whose ``field`` holds the query: ``text`` is that field's value."""

    metric: Metric
    field: str
    text: str
    score: float

    @property
    def id(self) -> str:
        """The metric's id."""
        return self.metric.id

    def __repr__(self) -> str:
        return f"<MetricHit {self.id!r}: {self.field} {self.text!r}, score {self.score}>"


@attrs.frozen(repr=False)
class EntityHit:
    """An entity (place, organisation ...) whose ``field`` holds the query."""

    entity: Entity
    field: str
    text: str
    score: float

    @property
    def id(self) -> str:
        """The entity's id."""
        return self.entity.id

    def __repr__(self) -> str:
        return f"<EntityHit {self.id!r}: {self.field} {self.text!r}, score {self.score}>"


@attrs.frozen(repr=False)
class FactHit:
    """A fact whose quote, note, or reference (what it says, the figure as printed) holds
    the query."""

    fact: Fact
    field: str
    text: str
    score: float

    @property
    def id(self) -> str:
        """The fact's id."""
        return self.fact.id

    def __repr__(self) -> str:
        return f"<FactHit {self.id!r}: {self.field} {self.text!r}, score {self.score}>"


Hit: TypeAlias = MetricHit | EntityHit | FactHit
"""One search result: a metric, an entity or a fact, with the field that matched."""


def _kind(hit: Hit) -> str:
    return {MetricHit: "metric", EntityHit: "entity", FactHit: "fact"}[type(hit)]


def _what(hit: Hit) -> str:
    if isinstance(hit, MetricHit):
        return hit.metric.label
    if isinstance(hit, EntityHit):
        entity = hit.entity
        return entity.name + (f" ({entity.name_zh})" if entity.name_zh else "")
    return hit.fact.figure


class SearchResults(tuple[Hit, ...]):
    """The hits of a search, best first: a tuple that a notebook shows as a table."""

    __slots__ = ()

    def __new__(cls, hits: Iterable[Hit] = ()) -> SearchResults:
        return super().__new__(cls, hits)

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> Hit: ...

    @overload
    def __getitem__(self, index: slice, /) -> SearchResults: ...

    def __getitem__(self, index: SupportsIndex | slice, /) -> Hit | SearchResults:
        if isinstance(index, slice):  # a slice is still a table in a notebook
            return SearchResults(super().__getitem__(index))
        return super().__getitem__(index)

    @property
    def metrics(self) -> tuple[MetricHit, ...]:
        """The metric hits only."""
        return tuple(hit for hit in self if isinstance(hit, MetricHit))

    @property
    def entities(self) -> tuple[EntityHit, ...]:
        """The entity hits only."""
        return tuple(hit for hit in self if isinstance(hit, EntityHit))

    @property
    def facts(self) -> tuple[FactHit, ...]:
        """The fact hits only."""
        return tuple(hit for hit in self if isinstance(hit, FactHit))

    def __repr__(self) -> str:
        if not self:
            return "<SearchResults: no hits>"
        lines = [f"<SearchResults: {len(self)} hit{'s' if len(self) != 1 else ''}"]
        for hit in self[:20]:
            lines.append(f"  {_kind(hit):6} {hit.id!r}: {_what(hit)} [{hit.field}]")
        if len(self) > 20:
            lines.append(f"  ... and {len(self) - 20} more")
        return "\n".join(lines) + ">"

    def _repr_html_(self) -> str:
        """A table of the hits: kind, id, what it is, the field matched and its text."""
        if not self:
            return '<div class="guizhou-bigdata-search"><p>No hits.</p></div>'
        rows = "".join(
            f"<tr><td>{_kind(hit)}</td><td><code>{escape(hit.id)}</code></td>"
            f"<td>{escape(_what(hit))}</td><td>{escape(hit.field)}</td>"
            f"<td>{escape(hit.text)}</td></tr>"
            for hit in self
        )
        return (
            '<div class="guizhou-bigdata-search">'
            f"<p><strong>{len(self)} hit{'s' if len(self) != 1 else ''}</strong></p>"
            "<table><thead><tr><th>kind</th><th>id</th><th>what</th><th>field</th>"
            f"<th>text</th></tr></thead><tbody>{rows}</tbody></table></div>"
        )


_NAMING = frozenset({"id", "name", "name_zh", "alias", "code", "label", "label_zh"})
"""Fields that name a record: what a mistyped id is compared with."""


@attrs.frozen
class _Document:
    """One searchable field of one record."""

    record: Metric | Entity | Fact
    field: str
    text: str
    folded: str


def _documents(
    metrics: Iterable[Metric], entities: Iterable[Entity], facts: Iterable[Fact]
) -> Iterable[_Document]:
    def doc(record: Metric | Entity | Fact, field: str, text: str | None) -> Iterable[_Document]:
        if text:
            yield _Document(record, field, text, fold(text))

    for metric in metrics:
        yield from doc(metric, "id", metric.id)
        yield from doc(metric, "id", metric.id.replace("_", " "))
        yield from doc(metric, "label", metric.label)
        yield from doc(metric, "label_zh", metric.label_zh)
        yield from doc(metric, "description", metric.description)
    for entity in entities:
        yield from doc(entity, "id", entity.id)
        yield from doc(entity, "name", entity.name)
        yield from doc(entity, "name_zh", entity.name_zh)
        for alias in entity.aliases:
            yield from doc(entity, "alias", alias)
        if isinstance(entity, Place):
            yield from doc(entity, "code", entity.code)
        yield from doc(entity, "description", entity.description)
    for fact in facts:
        for citation in fact.citations:  # a reference gives our words and its figure
            yield from doc(fact, "quote", citation.quote)
            yield from doc(fact, "says", citation.says)
            yield from doc(fact, "as_written", citation.as_written)
        yield from doc(fact, "note", fact.note)


class SearchIndex:
    """Every searchable text of a registry, indexed by word and by Chinese character.

    Built once (a registry builds its own on its first search); a search looks
    up each query word and checks only the texts that hold all of them.
    """

    __slots__ = (
        "_by_char",
        "_by_word",
        "_documents",
        "_labels",
        "_names",
        "_words",
        "checked",
    )

    def __init__(
        self, metrics: Iterable[Metric], entities: Iterable[Entity], facts: Iterable[Fact]
    ) -> None:
        self._documents: tuple[_Document, ...] = tuple(_documents(metrics, entities, facts))
        by_word: dict[str, set[int]] = defaultdict(set)
        by_char: dict[str, set[int]] = defaultdict(set)
        names: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for number, document in enumerate(self._documents):
            for token in _tokens(document.folded):
                (by_char if _CJK_RUN.fullmatch(token) else by_word)[token].add(number)
            if isinstance(document.record, Entity) and document.field in (
                "id",
                "name",
                "name_zh",
                "alias",
                "code",
            ):
                names[document.folded].add(document.record.id)
                names[_without_suffix(document.folded)].add(document.record.id)
            if document.field in _NAMING:
                kind = _record_kind(document.record)
                labels[kind][document.folded].add(document.record.id)
        self._by_word = {word: frozenset(numbers) for word, numbers in by_word.items()}
        self._by_char = {char: frozenset(numbers) for char, numbers in by_char.items()}
        self._words = sorted(self._by_word)
        self._names = {name: frozenset(ids) for name, ids in names.items()}
        self._labels = {
            kind: {text: frozenset(ids) for text, ids in texts.items()}
            for kind, texts in labels.items()
        }
        self.checked = 0
        """Texts compared with a query so far: the work searches did (tests count it)."""

    def entity_named(self, name: str) -> str | None:
        """The id of the one entity with this id, name, Chinese name, alias or code.

        Folded, with or without a 市/省/city/province suffix; None when no entity
        or more than one has that name.
        """
        if not isinstance(name, str) or len(name) > _MAX_QUERY:
            return None
        folded = fold(name)
        for variant in _variants(folded):
            ids = self._names.get(variant)
            if ids is not None and len(ids) == 1:
                return next(iter(ids))
        return None

    def suggestions(self, query: str, kind: str, limit: int = 3) -> list[str]:
        """Ids of the ``kind`` records ("metric", "entity" or "fact") closest to ``query``.

        A record whose id, name or label is the query but for case or width, one
        whose id, name or label is spelled closely, then the best search hits.
        """
        import difflib

        if not isinstance(query, str) or len(query) > _MAX_QUERY:
            return []
        folded = fold(query)
        labels = self._labels.get(kind, {})
        found: list[str] = []
        for variant in _variants(folded):  # the same but for case or width: that one only
            if variant in labels:
                return sorted(labels[variant])[:limit]
        for variant in _variants(folded):
            for text in (variant, *difflib.get_close_matches(variant, labels, n=limit, cutoff=0.6)):
                found.extend(sorted(labels.get(text, ())))
        if folded.strip():
            found.extend(hit.id for hit in self.search(query, kinds=(kind,), limit=limit))
        return list(dict.fromkeys(found))[:limit]

    def _word_postings(self, word: str) -> frozenset[int]:
        """Texts holding a word that starts with ``word``."""
        start = bisect.bisect_left(self._words, word)
        found: set[int] = set()
        for index in range(start, len(self._words)):
            candidate = self._words[index]
            if not candidate.startswith(word):
                break
            found |= self._by_word[candidate]
        return frozenset(found)

    def _candidates(self, folded: str) -> frozenset[int]:
        tokens = _tokens(folded)
        if not tokens:
            return frozenset()
        result: frozenset[int] | None = None
        for token in sorted(set(tokens), key=len, reverse=True):
            if _CJK_RUN.fullmatch(token):
                postings = self._by_char.get(token, frozenset())
            else:
                postings = self._word_postings(token)
            result = postings if result is None else result & postings
            if not result:
                return frozenset()
        return result or frozenset()

    def _score(self, document: _Document, folded: str) -> float:
        """How well ``document`` matches: 0 when a Chinese part of the query is not in it."""
        self.checked += 1
        text = document.folded
        for run in _CJK_RUN.findall(folded):
            if run not in text:
                return 0.0
        if text == folded:
            closeness = 1.0
        elif _without_suffix(text) == folded:
            closeness = 0.95  # 贵阳 is 贵阳市, "Guiyang" is "Guiyang City"
        elif text.startswith(folded):
            closeness = 0.8
        elif folded in text:
            closeness = 0.6
        else:
            closeness = 0.4  # every word is there, as a word or the start of one
        return closeness * _WEIGHTS[document.field]

    def search(
        self,
        query: str,
        *,
        kinds: Sequence[str] = ("metric", "entity", "fact"),
        limit: int | None = None,
    ) -> SearchResults:
        """Metrics, entities and facts whose texts hold every word of ``query``, best first.

        Each record appears once, with the field that matched it best. ``kinds``
        keeps some of "metric", "entity" and "fact"; ``limit`` the best few.
        """
        if not isinstance(query, str):
            raise TypeError(f"a search query is a string, got {type(query).__name__}")
        if len(query) > _MAX_QUERY:
            raise ValueError(
                f"a search query is at most {_MAX_QUERY} characters, got {len(query)}: "
                f"{shown(query)}"
            )
        unknown = sorted(set(kinds) - {"metric", "entity", "fact"})
        if unknown:
            raise ValueError(
                f"cannot search for {', '.join(map(repr, unknown))}: kinds are "
                "'metric', 'entity' and 'fact'"
            )
        folded = fold(query)
        best: dict[tuple[str, str], tuple[float, _Document]] = {}
        for rank, variant in enumerate(_variants(folded)):
            factor = 1.0 if rank == 0 else 0.95
            for number in self._candidates(variant):
                document = self._documents[number]
                kind = _record_kind(document.record)
                if kind not in kinds:
                    continue
                score = self._score(document, variant) * factor
                if score <= 0:
                    continue
                key = (kind, document.record.id)
                if key not in best or score > best[key][0]:
                    best[key] = (score, document)
        ordered = sorted(
            best.items(),
            key=lambda item: (-item[1][0], ("metric", "entity", "fact").index(item[0][0]), item[0]),
        )
        hits = [_hit(document, round(score, 4)) for _, (score, document) in ordered]
        return SearchResults(hits if limit is None else hits[:limit])


def _record_kind(record: Metric | Entity | Fact) -> str:
    if isinstance(record, Metric):
        return "metric"
    if isinstance(record, Entity):
        return "entity"
    return "fact"


def _hit(document: _Document, score: float) -> Hit:
    record = document.record
    if isinstance(record, Metric):
        return MetricHit(record, document.field, document.text, score)
    if isinstance(record, Entity):
        return EntityHit(record, document.field, document.text, score)
    return FactHit(record, document.field, document.text, score)
