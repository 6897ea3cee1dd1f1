"""Draft records from an article: what the reader found, as data a person reviews.

The reader (:mod:`guizhou_bigdata.reading`) turns text into
:class:`~.reading.model.Reading` records. This module turns them into records of
the public data format, every one marked ``reviewed = false``, and writes them
as TOML. A draft always loads with ``drafts=True``: a figure with no metric or
subject the catalogue knows points at a proposed metric or entity of the draft,
and a unit noun that ``units.txt`` does not define is kept in ``proposed_unit``
while the fact is written ``dimensionless``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from .entities import Entity, Place, PlaceKind
from .errors import UnitError, shown
from .figures import numbers_in, quote_states
from .loading import MAX_QUOTE_LENGTH, PROPOSED_UNIT_KEY, REVIEW_KEY
from .model import Citation, Metric, MetricKind, Quality, Source
from .periods import Period, Precision
from .records import FactRecord, valid_id

if TYPE_CHECKING:
    from .reading.model import Reading
    from .registry import Registry

__all__ = ["Draft", "DraftFact", "draft", "draft_from_readings"]

PLACEHOLDER_UNIT = "dimensionless"
"""The unit a draft fact is written in while its ``proposed_unit`` is undefined."""


@attrs.frozen
class DraftFact:
    """A draft ``[[fact]]``: the record, and the unit noun it still needs, if any."""

    record: FactRecord
    proposed_unit: str | None = None


@attrs.frozen
class Draft:
    """The draft of one article: its source record, one fact per figure read, and the
    metrics and entities it proposes. Every record is unreviewed."""

    source: Source
    facts: tuple[DraftFact, ...]
    metrics: tuple[Metric, ...] = ()
    entities: tuple[Place, ...] = ()

    @property
    def proposed_units(self) -> tuple[str, ...]:
        """The unit nouns the facts name that ``units.txt`` does not define, once each."""
        return tuple(dict.fromkeys(f.proposed_unit for f in self.facts if f.proposed_unit))

    def to_toml(self) -> str:
        """The draft as a data file (see :doc:`/data-format`), every record unreviewed."""
        chunks = [
            f"# Draft facts of source {self.source.id!r}, machine-read. Every record is\n"
            "# marked reviewed = false: check it against the article, correct it, and\n"
            "# delete the mark. `guizhou-bigdata check FILE` lists what is left to settle.\n",
            _table("source", _source_items(self.source)),
        ]
        chunks.extend(_table("metric", _metric_items(metric)) for metric in self.metrics)
        chunks.extend(_table("place", _place_items(place)) for place in self.entities)
        chunks.extend(_table("fact", _fact_items(fact)) for fact in self.facts)
        return "\n".join(chunks)


def draft(
    text: str,
    *,
    source: str,
    published: dt.date | str,
    title: str | None = None,
    publisher: str | None = None,
    registry: Registry | None = None,
) -> Draft:
    """Read an article's figures into a :class:`Draft` for a person to review.

    ``source`` is the id the draft's source record gets (it must be new);
    ``published`` is the article's date, which relative words ("last year")
    are resolved against. Guesses come from ``registry`` (the bundled data by
    default).
    """
    from ._default import default_registry
    from .reading import read_figures  # type: ignore[attr-defined,unused-ignore]

    day = _published_day(published)
    known = default_registry() if registry is None else registry
    _check_source_id(source, known)  # before reading, not after
    readings = read_figures(text, published=day, registry=known)
    return draft_from_readings(
        readings,
        text=text,
        source=source,
        published=day,
        title=title,
        publisher=publisher,
        registry=known,
    )


def draft_from_readings(
    readings: Iterable[Reading],
    *,
    text: str,
    source: str,
    published: dt.date | str,
    title: str | None = None,
    publisher: str | None = None,
    registry: Registry | None = None,
) -> Draft:
    """The draft of ``text`` from figures already read: :func:`draft` without the reader.

    Raises ValueError when ``source`` is not a new valid id, or when a reading
    breaks its contract (a quote that is not a span of ``text``, or does not hold
    the figure's words).
    """
    from ._default import default_registry

    known = default_registry() if registry is None else registry
    day = _published_day(published)
    _check_source_id(source, known)
    try:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"the text holds {shown(exc.object[exc.start : exc.end])} at {exc.start}, which "
            "is not a Unicode character: read the article as UTF-8 text"
        ) from None
    found = tuple(readings)
    for reading in found:
        _check_reading(reading, text)
    record = Source(
        id=source,
        title=title if title else f"{source} (title not given: write it as printed)",
        published=Period(day, day, Precision.DAY),
        publisher=publisher,
        published_note="the date given when the draft was made",
        sha256=digest,
    )
    return _Drafter(record, known, found).draft()


def _published_day(published: dt.date | str) -> dt.date:
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(published)
    except (TypeError, ValueError):
        raise ValueError(
            f"published date {shown(published)} is not a day: write it YYYY-MM-DD, "
            "as the article dates itself (relative words are resolved against it)"
        ) from None


def _check_source_id(source: str, registry: Registry) -> None:
    if not isinstance(source, str) or not valid_id(source):
        raise ValueError(
            f"source id {shown(source)} is not valid: use lower-case letters, digits, '_', "
            "'-' and '.', starting with a letter (e.g. 'chinadaily-2024-03-05')"
        )
    if any(known.id == source for known in registry.sources()):
        raise ValueError(
            f"source id {source!r} is already taken by {registry.source(source).cite()}; "
            "give the draft a new id"
        )


def _check_reading(reading: Reading, text: str) -> None:
    where = f"reading of {shown(reading.as_written)} at {reading.start}"
    if not reading.quote or len(reading.quote) > MAX_QUOTE_LENGTH or reading.quote not in text:
        raise ValueError(
            f"{where}: its quote is not a verbatim span of the text of 1 to "
            f"{MAX_QUOTE_LENGTH} characters: {shown(reading.quote)}"
        )
    if reading.as_written not in reading.quote:
        raise ValueError(f"{where}: the figure's words are not in its quote")
    if reading.scale is not None and reading.scale.value not in reading.quote.lower():
        raise ValueError(f"{where}: the scale word {reading.scale.value!r} is not in its quote")


def _slug(text: str) -> str:
    """An id part: lower-case letters, digits and '_' ('km**2' -> 'km2', 'yuan / USD' ->
    'yuan_per_usd')."""
    text = text.lower().replace("**", "").replace("/", " per ")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _unit_of(reading: Reading) -> tuple[str, str | None]:
    """The unit the fact is written in, and the unit noun left for the reviewer."""
    from .units import parse_unit

    if reading.unit is not None:
        try:
            parse_unit(reading.unit)
        except UnitError:
            return PLACEHOLDER_UNIT, reading.unit
        return reading.unit, None
    return PLACEHOLDER_UNIT, reading.proposed_unit


def _sentence(note: str) -> str:
    note = note.strip()
    return note if note.endswith((".", "!", "?")) else note + "."


def _fits(unit: str, metric: Metric) -> bool:
    from .units import parse_unit

    try:
        return bool(parse_unit(unit).dimensionality == parse_unit(metric.unit).dimensionality)
    except UnitError:
        return False


@attrs.frozen
class _Guess:
    unit: str
    proposed_unit: str | None
    metric: str
    subject: str | None
    notes: list[str]


@attrs.define
class _Drafter:
    """Builds one draft; holds the ids taken so far so every new one is unique."""

    source: Source
    registry: Registry
    readings: Sequence[Reading]
    taken: set[str] = attrs.Factory(set)
    metrics: dict[tuple[str, str | None], Metric] = attrs.Factory(dict)
    placeholder: Place | None = None

    def draft(self) -> Draft:
        self.taken = {fact.id for fact in self.registry.facts()}
        self.taken |= {metric.id for metric in self.registry.metrics()}
        entities = self._entities()
        self.taken |= set(entities)
        guesses = [self._guess(reading, entities) for reading in self.readings]
        usual = Counter(guess.subject for guess in guesses if guess.subject).most_common(1)
        article_subject = usual[0][0] if usual else None
        facts = tuple(
            self._fact(reading, guess, article_subject)
            for reading, guess in zip(self.readings, guesses, strict=True)
        )
        return Draft(
            source=self.source,
            facts=facts,
            metrics=tuple(self.metrics.values()),
            entities=() if self.placeholder is None else (self.placeholder,),
        )

    def _entities(self) -> Mapping[str, Entity]:
        return {entity.id: entity for entity in self.registry.entities()}

    def _new_id(self, base: str, separator: str = ".") -> str:
        """``base``, or ``base`` with the first free counter ('.2', '_2' ...)."""
        name, count = base, 1
        while name in self.taken:
            count += 1
            name = f"{base}{separator}{count}"
        self.taken.add(name)
        return name

    def _guess(self, reading: Reading, entities: Mapping[str, Entity]) -> _Guess:
        """Unit, metric and (when the figure's own words give one) subject of a reading."""
        notes: list[str] = []
        unit, proposed_unit = _unit_of(reading)
        if proposed_unit is not None:
            notes.append(
                f"The unit {proposed_unit!r} is not defined in units.txt: written "
                f"{PLACEHOLDER_UNIT!r} until a reviewer chooses the unit."
            )
        metric = self._metric(reading, unit, proposed_unit, notes)
        subject = self._subject(reading, metric, entities, notes)
        return _Guess(unit, proposed_unit, metric, subject, notes)

    def _fact(self, reading: Reading, guess: _Guess, article_subject: str | None) -> DraftFact:
        notes = list(guess.notes)
        unit, proposed_unit, metric = guess.unit, guess.proposed_unit, guess.metric
        subject = guess.subject
        if subject is None and article_subject is not None:
            notes.append(f"Subject guessed as the article's usual subject {article_subject!r}.")
            subject = article_subject
        if subject is None:
            subject = self._placeholder(reading).id
            notes.append("No subject could be guessed: it points at the draft's proposed entity.")
        period, period_note = reading.period, reading.period_note
        if period is None:
            published = self.source.published.start
            period = Period(dt.date(published.year, 1, 1), dt.date(published.year, 12, 31),
                            Precision.YEAR)  # fmt: skip
            period_note = (
                "no period stated with the figure: the year of publication, a guess to check"
            )
        quality = set(reading.quality)
        if reading.quality_note:
            notes.insert(0, reading.quality_note)
        as_written: str | None = None
        value = reading.value
        if value is None or Quality.GARBLED in quality or not quote_states(reading.quote, value):
            as_written = reading.as_written
        if value is None and Quality.GARBLED not in quality:
            quality.add(Quality.GARBLED)
            notes.append(f"No value could be read from {reading.as_written!r}.")
        if (
            value is not None
            and as_written is not None
            and value not in numbers_in(as_written)
            and Quality.INTERPRETATION not in quality
        ):
            quality.add(Quality.INTERPRETATION)
            notes.append(f"The value {value} is the reader's reading of {as_written!r}.")
        if reading.quality and not reading.quality_note:
            flags = ", ".join(sorted(flag.value for flag in reading.quality))
            notes.append(f"Flagged {flags} by the reader, which gave no reason.")
        if reading.rules:
            notes.append(f"Read by the rules: {', '.join(reading.rules)}.")
        period_slug = str(period).replace("/", "-")
        record = FactRecord(
            id=self._new_id(f"{subject}.{metric}.{period_slug}.{self.source.id}"),
            metric=metric,
            subject=subject,
            period=period,
            value=value,
            unit=unit,
            bound=reading.bound,
            modality=reading.modality,
            quote=reading.quote,
            source=self.source.id,
            scale=reading.scale,
            as_written=as_written,
            quality=tuple(sorted(quality, key=lambda flag: flag.value)),
            note=" ".join(_sentence(note) for note in notes) if notes else None,
            period_note=period_note,
        )
        return DraftFact(record, proposed_unit)

    def _metric(
        self, reading: Reading, unit: str, proposed_unit: str | None, notes: list[str]
    ) -> str:
        guess = reading.metric
        known = {metric.id: metric for metric in self.registry.metrics()}
        if guess is not None and guess in known:
            if _fits(unit, known[guess]):
                return guess
            notes.append(
                f"The reader guessed the metric {guess!r}, whose unit {known[guess].unit!r} "
                f"does not fit {unit!r}."
            )
        elif guess is not None:
            notes.append(f"The reader guessed the metric {guess!r}, which the catalogue lacks.")
        key = (unit, proposed_unit)
        proposed = self.metrics.get(key)
        if proposed is None:
            what = proposed_unit if proposed_unit is not None else unit
            if unit == "rank":
                kind = MetricKind.RANK
            elif proposed_unit is not None:
                kind = MetricKind.COUNT
            else:
                kind = MetricKind.MEASURE
            proposed = Metric(
                id=self._new_id(f"draft_{_slug(self.source.id)}_{_slug(what) or 'figure'}", "_"),
                label=f"Figures in {what} (proposed: say what is measured)",
                kind=kind,
                unit=unit,
                description=(
                    f"Proposed by the draft of {self.source.id!r} for figures in {what} "
                    "that no metric of the catalogue fits: name what is measured, or point "
                    "the facts at an existing metric and delete this record."
                ),
            )
            self.metrics[key] = proposed
        return proposed.id

    def _subject(
        self,
        reading: Reading,
        metric: str,
        entities: Mapping[str, Entity],
        notes: list[str],
    ) -> str | None:
        if reading.subject is not None and reading.subject in entities:
            return reading.subject
        if reading.subject is not None:
            notes.append(f"The reader guessed the subject {reading.subject!r}, which is unknown.")
        default = next((m.default_subject for m in self.registry.metrics() if m.id == metric), None)
        if default is not None:
            notes.append(f"Subject guessed from the metric's default subject {default!r}.")
            return default
        return None

    def _placeholder(self, reading: Reading) -> Place:
        """The draft's one proposed entity, cited with the first quote that needs it."""
        if self.placeholder is None:
            self.placeholder = Place(
                id=self._new_id(f"{_slug(self.source.id)}.subject"),
                name=f"Subject of figures in {self.source.id} (proposed: name it)",
                kind=PlaceKind.ZONE,
                citations=(Citation(source=self.source, quote=reading.quote),),
                description=(
                    "Proposed by the draft for figures whose subject no entity name or alias "
                    "matched: point them at an existing entity, or give this record its real "
                    "name, kind and citations."
                ),
            )
        return self.placeholder


# ---------------------------------------------------------------- TOML writing

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}  # fmt: skip

TomlValue = str | bool | tuple[str, ...] | tuple[Mapping[str, str], ...]


def _string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _value(value: TomlValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _string(value)
    items = [
        _string(item)
        if isinstance(item, str)
        else "{ " + ", ".join(f"{key} = {_string(text)}" for key, text in item.items()) + " }"
        for item in value
    ]
    return "[" + ", ".join(items) + "]"


def _table(kind: str, items: Iterable[tuple[str, TomlValue | None]]) -> str:
    lines = [f"[[{kind}]]"]
    lines.extend(f"{key} = {_value(value)}" for key, value in items if value is not None)
    lines.append(f"{REVIEW_KEY} = false")
    return "\n".join(lines) + "\n"


def _source_items(source: Source) -> list[tuple[str, TomlValue | None]]:
    return [
        ("id", source.id),
        ("title", source.title),
        ("publisher", source.publisher),
        ("authors", source.authors or None),
        ("published", str(source.published)),
        ("published_note", source.published_note),
        ("archive", source.archive),
        ("sha256", source.sha256),
    ]


def _metric_items(metric: Metric) -> list[tuple[str, TomlValue | None]]:
    return [
        ("id", metric.id),
        ("label", metric.label),
        ("kind", metric.kind.value),
        ("unit", metric.unit),
        ("basis", None if metric.basis is None else metric.basis.value),
        ("default_subject", metric.default_subject),
        ("description", metric.description),
    ]


def _place_items(place: Place) -> list[tuple[str, TomlValue | None]]:
    citations = tuple({"source": c.source.id, "quote": c.quote} for c in place.citations)
    return [
        ("id", place.id),
        ("name", place.name),
        ("kind", place.kind.value),
        ("parent", place.parent),
        ("description", place.description),
        ("citations", citations),
    ]


def _fact_items(fact: DraftFact) -> list[tuple[str, TomlValue | None]]:
    record = fact.record
    value = "" if record.value is None else format(record.value, "f")
    return [
        ("id", record.id),
        ("metric", record.metric),
        ("subject", record.subject),
        ("period", str(record.period)),
        ("period_note", record.period_note),
        ("value", value),
        ("scale", None if record.scale is None else record.scale.value),
        ("unit", record.unit),
        (PROPOSED_UNIT_KEY, fact.proposed_unit),
        ("as_written", record.as_written),
        ("bound", record.bound.value),
        ("modality", record.modality.value),
        ("quote", record.quote),
        ("source", record.source),
        ("quality", tuple(flag.value for flag in record.quality) or None),
        ("note", record.note),
    ]
