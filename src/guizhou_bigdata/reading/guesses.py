"""Guesses of what a figure measures and what it is about, for a reviewer to confirm.

The metric is guessed from the catalogue's labels and ids (words shared with
the sentence, among metrics of the figure's unit and kind); the subject from the
entities' names and aliases mentioned nearest before the figure.
"""

from __future__ import annotations

import re
import threading
import tomllib
from importlib import resources
from typing import TYPE_CHECKING

import attrs

from ..entities import PlaceKind
from ..model import MetricKind

if TYPE_CHECKING:
    from ..registry import Registry
    from .rules import Draft

__all__ = ["Guesser", "guesser"]

_lock = threading.Lock()
_last: tuple[Registry, Guesser] | None = None


def _stem(word: str) -> str:
    word = word.lower().strip("'’")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _word_lists() -> tuple[frozenset[str], dict[str, str]]:
    path = resources.files("guizhou_bigdata.reading") / "lexicons" / "text.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return frozenset(data["metric_stop_words"]["words"]), dict(data["metric_synonyms"])


def _words(text: str, stop: frozenset[str], synonyms: dict[str, str] | None = None) -> set[str]:
    words = re.findall(r"[A-Za-z]+", text)
    if synonyms:
        words = [synonyms.get(w.lower(), w) for w in words]
    return {_stem(w) for w in words} - stop


def _clause(text: str, start: int, end: int, draft: Draft) -> str:
    """The words of the sentence between the commas around the figure."""
    before = max(text.rfind(",", start, draft.start), text.rfind(";", start, draft.start))
    after = [i for i in (text.find(",", draft.end, end), text.find(";", draft.end, end)) if i != -1]
    return text[max(start, before + 1) : min(after, default=end)]


@attrs.frozen
class _MetricWords:
    id: str
    unit: str
    kind: MetricKind
    words: frozenset[str]
    id_words: frozenset[str]


@attrs.frozen
class Guesser:
    """Metric and subject guesses over one registry's catalogue and entities."""

    metrics: tuple[_MetricWords, ...]
    names: re.Pattern[str] | None
    entity_of: dict[str, str]
    stop: frozenset[str]
    synonyms: dict[str, str]
    default_subject: dict[str, str]

    def guess(self, text: str, start: int, end: int, draft: Draft) -> tuple[str | None, str | None]:
        """The metric and subject ids for ``draft`` in the sentence ``text[start:end]``.

        The subject is the entity named nearest before the figure (a country
        named is the scope of a ranking, not its subject), else the metric's
        default subject.
        """
        clause = _clause(text, start, end, draft)
        metric = self._metric(clause, draft) or self._metric(text[start:end], draft)
        subject = self._subject(text, start, end, draft)
        if subject is None and metric is not None:
            subject = self.default_subject.get(metric)
        return metric, subject

    def _metric(self, sentence: str, draft: Draft) -> str | None:
        if draft.unit is None:
            return None
        words = _words(sentence, self.stop, self.synonyms)
        wanted = {"rank": MetricKind.RANK, "streak": MetricKind.STREAK}.get(draft.kind)
        scored: list[tuple[float, str]] = []
        for metric in self.metrics:
            if metric.unit != draft.unit.split(" /")[0] and metric.unit != draft.unit:
                continue
            if wanted is not None and metric.kind is not wanted:
                continue
            if wanted is None and metric.kind in (MetricKind.RANK, MetricKind.STREAK):
                continue
            shared = len(metric.words & words)
            if shared:
                coverage = max(
                    shared / len(metric.words), len(metric.id_words & words) / len(metric.id_words)
                )
                scored.append((coverage + shared / 100, metric.id))
        if not scored:
            return None
        scored.sort(reverse=True)
        best = scored[0]
        if best[0] < 0.5 or (len(scored) > 1 and scored[1][0] == best[0]):
            return None
        return best[1]

    def _subject(self, text: str, start: int, end: int, draft: Draft) -> str | None:
        if self.names is None:
            return None
        before = None
        after = None
        for match in self.names.finditer(text, start, end):
            if match.end() <= draft.start:
                before = match.group()
            elif after is None and match.start() >= draft.end:
                after = match.group()
        name = before or after
        return None if name is None else self.entity_of[name]


def _build(registry: Registry) -> Guesser:
    stop, synonyms = _word_lists()
    metrics = tuple(
        _MetricWords(
            m.id,
            m.unit,
            m.kind,
            frozenset(_words(m.label, stop) | _words(m.id.replace("_", " "), stop)),
            frozenset(_words(m.id.replace("_", " "), stop) or {m.id}),
        )
        for m in registry.metrics()
    )
    entity_of: dict[str, str] = {}
    countries = {place.id for place in registry.places() if place.kind is PlaceKind.COUNTRY}
    for entity in registry.entities():
        if entity.id in countries:
            continue
        for name in (entity.name, *entity.aliases):
            if len(name) >= 3:
                entity_of.setdefault(name, entity.id)
    names = sorted(entity_of, key=len, reverse=True)
    pattern = (
        re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])")
        if names
        else None
    )
    defaults = {m.id: m.default_subject for m in registry.metrics() if m.default_subject}
    return Guesser(metrics, pattern, entity_of, stop, synonyms, defaults)


def guesser(registry: Registry) -> Guesser:
    """The guesser for ``registry``, built once for the registry last asked for."""
    global _last
    last = _last
    if last is not None and last[0] is registry:
        return last[1]
    with _lock:
        if _last is None or _last[0] is not registry:
            _last = (registry, _build(registry))
        return _last[1]
