"""Draft records from an article: what the reader found, as data a person reviews.

The reader (:mod:`guizhou_bigdata.reading`) turns text into
:class:`~.reading.model.Reading` records. This module turns them into records of
the public data format, every one marked ``reviewed = false``, and writes them
as TOML. A draft always loads with ``drafts=True``: a figure with no metric or
subject the catalogue knows points at a proposed metric or entity of the draft,
and a unit noun that ``units.txt`` does not define is kept in ``proposed_unit``
while the fact is written ``dimensionless``.

No text loses its article: a figure the draft cannot hold as a record (a
numeral longer than a quote, a value of more than 28 digits) is left out and
listed at the top of the file as "not drafted", with why. Every text the draft
writes keeps within the loader's limits (ids of at most 200 characters, quotes
of at most 300, other text of at most 2,000, no control characters).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from ..core.characters import HIDDEN_IN_ONE_LINE
from ..core.entities import Place, PlaceKind
from ..core.errors import UnitError, shown
from ..core.figures import numbers_in, quote_states, scale_words_after
from ..core.model import Citation, Metric, Source
from ..core.periods import Period, Precision
from ..core.units import parse_unit
from ..core.vocabulary import SCALE_OF_SPELLING, MetricKind, Quality, Scale
from ..store.loading import MAX_QUOTE_LENGTH, MAX_TEXT_LENGTH, PROPOSED_UNIT_KEY, REVIEW_KEY
from ..store.records import (
    MAX_ID_LENGTH,
    MAX_VALUE_DIGITS,
    FactRecord,
    citation_table,
    valid_id,
)
from .document import sentences
from .guesses import figure_span
from .model import Confidence
from .zh.language import is_chinese

if TYPE_CHECKING:
    from ..store.registry import Registry
    from .guesses import Guesser
    from .model import Reading

__all__ = [
    "ArticleDraft",
    "Draft",
    "DraftFact",
    "NotDrafted",
    "article_date",
    "byline_date",
    "draft",
    "draft_articles",
    "draft_folder",
    "draft_from_readings",
    "published_period",
    "source_id_for",
]

PLACEHOLDER_UNIT = "dimensionless"
"""The unit a draft fact is written in while its ``proposed_unit`` is undefined."""


@attrs.frozen
class DraftFact:
    """A draft ``[[fact]]``: the record, the unit noun it still needs, if any, and how
    sure its metric and subject guesses are (None for a proposal of the draft)."""

    record: FactRecord
    proposed_unit: str | None = None
    metric_confidence: Confidence | None = None
    subject_confidence: Confidence | None = None


@attrs.frozen
class NotDrafted:
    """A figure the reader found that the draft could not hold as a record, and why."""

    start: int
    as_written: str
    reason: str


@attrs.frozen
class Draft:
    """The draft of one article: its source record, one fact per figure read, the
    metrics and entities it proposes, and the figures it could not draft. Every record
    is unreviewed."""

    source: Source
    facts: tuple[DraftFact, ...]
    metrics: tuple[Metric, ...] = ()
    entities: tuple[Place, ...] = ()
    not_drafted: tuple[NotDrafted, ...] = ()

    @property
    def proposed_units(self) -> tuple[str, ...]:
        """The unit nouns the facts name that ``units.txt`` does not define, once each."""
        return tuple(dict.fromkeys(f.proposed_unit for f in self.facts if f.proposed_unit))

    def with_archive(self, name: str) -> Draft:
        """The draft with ``name`` as its source's archived text, when a data file can
        hold that name (no control characters, no absolute path)."""
        from ..core.model import archive_problem

        if HIDDEN_IN_ONE_LINE.search(name) or archive_problem(name) is not None or len(name) > 1000:
            return self
        return attrs.evolve(self, source=attrs.evolve(self.source, archive=name))

    def to_toml(self) -> str:
        """The draft as a data file (see :doc:`/data-format`), every record unreviewed."""
        chunks = [
            f"# Draft facts of source {self.source.id!r}, machine-read. Every record is\n"
            "# marked reviewed = false: check it against the article, correct it, and\n"
            "# delete the mark. `guizhou-bigdata check FILE` lists what is left to settle.\n"
            + _not_drafted_comment(self.not_drafted),
            _table("source", _source_items(self.source)),
        ]
        chunks.extend(_table("metric", _metric_items(metric)) for metric in self.metrics)
        chunks.extend(_table("place", _place_items(place)) for place in self.entities)
        written = _Written()
        chunks.extend(written.fact(fact) for fact in self.facts)
        return "\n".join(chunks)


def _not_drafted_comment(items: Sequence[NotDrafted]) -> str:
    """The figures left out, as comment lines a reviewer reads first."""
    if not items:
        return ""
    lines = [
        "#",
        f"# Not drafted: {len(items)} figure{'s' if len(items) != 1 else ''} the reader found "
        "but could not write as records.",
        "# Add them by hand if they are figures (offsets count characters of the text):",
    ]
    lines.extend(
        f"#   - at {item.start}: {_comment_text(item.as_written, 80)}: "
        f"{_comment_text(item.reason, 300)}"
        for item in items
    )
    return "\n".join(lines) + "\n"


def _comment_text(text: str, limit: int) -> str:
    """``text`` safe on one comment line: control characters escaped, cut to ``limit``."""
    escaped = HIDDEN_IN_ONE_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return escaped if len(escaped) <= limit else escaped[: limit - 1] + "…"


# ---------------------------------------------------------------- published dates


_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_BYLINE_LABEL = re.compile(
    r"^\s*(?:(?:last\s+)?updated|published|posted|released|date[d]?|first\s+published)"
    r"\s*(?:on|at)?\s*[:：]?\s*",
    re.IGNORECASE,
)
_TIME_ZONE = re.compile(r"\s*(?:\(?[A-Z]{2,5}\)?|[+-]\d{2}:?\d{2})$")


def published_period(published: dt.date | Period | str) -> tuple[Period, str]:
    """The publication date as a Period of its precision, and how it was read.

    ``published`` is a date, a Period, ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or a
    date as a byline prints it ("Updated: 2024-03-05 10:21", "March 5, 2024",
    "5 Mar 2024", "March 2024"), read with python-dateutil. A date whose day and
    month could be read either way ("03/05/2024") is refused, as is one without a
    year. Relative words are resolved against it at its own precision: "last
    month" in an article dated only 2022 is flagged, not guessed.
    """
    if isinstance(published, Period):
        return published, "the date given when the draft was made"
    if isinstance(published, dt.datetime):
        day = published.date()
        return Period(day, day, Precision.DAY), "the date given when the draft was made"
    if isinstance(published, dt.date):
        return Period(published, published, Precision.DAY), "the date given when the draft was made"
    if not isinstance(published, str):
        raise TypeError(
            f"published must be a date, a Period or a string such as '2024-03-05', "
            f"got {shown(published)}"
        )
    written = published.strip()
    iso = _ISO.fullmatch(written)
    if iso is not None:
        try:
            period = Period.parse(written)
        except ValueError as exc:
            raise ValueError(f"published date {shown(published)}: {exc}") from None
        return period, "the date given when the draft was made"
    return _byline_date(published), f"read from {shown(published)}"


def _byline_date(published: str) -> Period:
    """A date as printed, read with dateutil at the precision it is written in."""
    from dateutil import parser

    text = _TIME_ZONE.sub("", _BYLINE_LABEL.sub("", published.strip()))
    valid = (
        "write it YYYY-MM-DD (or YYYY-MM, YYYY when only that is known), or as a byline "
        "prints it with the month in words ('March 5, 2024')"
    )
    if not text or len(text) > 60:
        raise ValueError(f"published date {shown(published)} is not a date: {valid}")
    readings = []
    year_first = re.match(r"\d{4}[-/.]", text) is not None  # 2024-03-05: never day-first
    for day_first in (False,) if year_first else (False, True):
        ends = []
        for default in (dt.datetime(2000, 1, 1), dt.datetime(2001, 2, 2)):
            try:
                ends.append(
                    parser.parse(
                        text,
                        default=default,
                        dayfirst=day_first,
                        yearfirst=year_first,
                        ignoretz=True,
                    )
                )
            except (ValueError, OverflowError):
                raise ValueError(
                    f"published date {shown(published)} is not a date: {valid}"
                ) from None
        readings.append(tuple(ends))
    if readings[0] != readings[-1]:
        raise ValueError(
            f"published date {shown(published)} could be read day-first or month-first: {valid}"
        )
    first, second = readings[0]
    if first.year != second.year:
        raise ValueError(f"published date {shown(published)} has no year: {valid}")
    if first.month != second.month:
        if first.day != second.day:
            return Period.parse(f"{first.year:04d}")
        raise ValueError(f"published date {shown(published)} has a day but no month: {valid}")
    if first.day != second.day:
        return Period.parse(f"{first.year:04d}-{first.month:02d}")
    day = first.date()
    return Period(day, day, Precision.DAY)


def byline_date(text: str) -> tuple[Period, str] | None:
    """The date an article's byline prints in its first lines ("Updated: 2024-03-05"),
    with the line it was read from; None when no short line there reads as a dated day,
    month or year."""
    for line in text.splitlines()[:12]:
        line = line.strip()
        if not line or len(line) > 60 or not re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", line):
            continue
        try:
            period, _ = published_period(line)
        except ValueError:
            continue
        return period, f"read from the byline {shown(line)}"
    return None


# ---------------------------------------------------------------- drafting


def draft(
    text: str,
    *,
    source: str,
    published: dt.date | Period | str,
    title: str | None = None,
    publisher: str | None = None,
    registry: Registry | None = None,
) -> Draft:
    """Read an article's figures into a :class:`Draft` for a person to review.

    ``source`` is the id the draft's source record gets (it must be new);
    ``published`` is the article's date: a date, ``YYYY``, ``YYYY-MM``,
    ``YYYY-MM-DD`` or a byline's date as printed (see
    :func:`~guizhou_bigdata.reading.drafting.published_period`), which relative words
    ("last year") are resolved against at its precision.
    Guesses come from ``registry`` (the bundled data by default). No text makes it
    raise: figures it cannot hold are listed in ``not_drafted``.
    """
    from ..store.default import default_registry
    from .engine import UNREADABLE
    from .reader import read

    when, how = published_period(published)
    known = default_registry() if registry is None else registry
    _check_source_id(source, known)  # before reading, not after
    _check_label("title", title)
    _check_label("publisher", publisher)
    _check_unicode(text)
    readings, set_aside = read(text, when, known)
    unread = tuple(
        NotDrafted(item.numeral.start, item.numeral.text, item.reason)
        for item in set_aside
        if item.rule == UNREADABLE
    )
    del set_aside  # a third of a table's numbers: freed before the facts are made
    made = draft_from_readings(
        readings,
        text=text,
        source=source,
        published=when,
        title=title,
        publisher=publisher,
        registry=known,
    )
    source_record = attrs.evolve(made.source, published_note=how)
    left = tuple(sorted(made.not_drafted + unread, key=lambda item: item.start))
    return attrs.evolve(made, source=source_record, not_drafted=left)


def draft_from_readings(
    readings: Iterable[Reading],
    *,
    text: str,
    source: str,
    published: dt.date | Period | str,
    title: str | None = None,
    publisher: str | None = None,
    registry: Registry | None = None,
) -> Draft:
    """The draft of ``text`` from figures already read: :func:`draft` without the reader.

    Raises ValueError when ``source`` is not a new valid id, when the title or
    publisher could not be written to a data file, or when a reading breaks its
    contract (a quote that is not a span of ``text`` around the figure, or does not
    hold the figure's words). A reading the data cannot hold (a value of more than
    28 digits) is listed in ``not_drafted``.
    """
    from ..store.default import default_registry
    from .guesses import guesser

    known = default_registry() if registry is None else registry
    when, how = published_period(published)
    _check_source_id(source, known)
    _check_label("title", title)
    _check_label("publisher", publisher)
    _check_unicode(text)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    found = tuple(readings)
    for reading in found:
        _check_reading(reading, text)
    record = Source(
        id=source,
        title=title if title else f"{source} (title not given: write it as printed)",
        published=when,
        publisher=publisher,
        published_note=how,
        sha256=digest,
        language=article_language(text),
    )
    return _Drafter(record, guesser(known), text, found).draft()


def article_language(text: str) -> str:
    """The ISO 639-1 code of the language most of the article's sentences are in:
    "zh" or "en" (a tie, or a text without sentences, is "en")."""
    found = sentences(text)
    chinese = sum(1 for sentence in found if is_chinese(text, sentence.start, sentence.end))
    return "zh" if chinese * 2 > len(found) else "en"


def _check_unicode(text: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(
            f"the text holds {shown(exc.object[exc.start : exc.end])} at {exc.start}, which "
            "is not a Unicode character: read the article as UTF-8 text"
        ) from None


def _check_label(what: str, text: str | None) -> None:
    """A title or publisher must be one line of at most 2,000 characters, with no control
    characters, as the loader reads it: refused here, not after the file is written."""
    if text is None:
        return
    if not isinstance(text, str):
        raise TypeError(f"the {what} must be a str, got {type(text).__name__}")
    hidden = HIDDEN_IN_ONE_LINE.search(text)
    if hidden is not None:
        raise ValueError(
            f"the {what} holds the control character U+{ord(hidden.group()):04X} at "
            f"{hidden.start()}: give it as one line of printed text (tabs are allowed)"
        )
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(
            f"the {what} is {len(text):,} characters long: at most {MAX_TEXT_LENGTH:,}"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"the {what} holds a lone surrogate: give it as UTF-8 text") from None


def _check_source_id(source: str, registry: Registry) -> None:
    from .guesses import guesser

    if not isinstance(source, str) or not valid_id(source):
        raise ValueError(
            f"source id {shown(source)} is not valid: use lower-case letters, digits, '_', "
            f"'-' and '.', starting with a letter, at most {MAX_ID_LENGTH} characters "
            "(e.g. 'chinadaily-2024-03-05')"
        )
    if source in guesser(registry).taken:
        if any(known.id == source for known in registry.sources()):
            taken = f"is already taken by {registry.source(source).cite()}"
        else:
            taken = "is already the id of a record in the data"
        raise ValueError(f"source id {source!r} {taken}; give the draft a new id")


def _check_reading(reading: Reading, text: str) -> None:
    """The reading's contract: its quote is a span of the text around the figure's words."""
    where = f"reading of {shown(reading.as_written)} at {reading.start}"
    quote = reading.quote
    if not quote or len(quote) > MAX_QUOTE_LENGTH:
        raise ValueError(
            f"{where}: its quote is not a verbatim span of the text of 1 to "
            f"{MAX_QUOTE_LENGTH} characters: {shown(quote)}"
        )
    # Only where the figure stands: a whole-text search per reading grew with the text.
    low = max(0, reading.end - len(quote))
    if text.find(quote, low, reading.start + len(quote)) == -1:
        raise ValueError(
            f"{where}: its quote is not a verbatim span of the text around the figure: "
            f"{shown(quote)}"
        )
    if reading.as_written not in quote:
        raise ValueError(f"{where}: the figure's words are not in its quote")
    if reading.proposed_unit is not None and (
        not reading.proposed_unit or len(reading.proposed_unit) > 100
        or HIDDEN_IN_ONE_LINE.search(reading.proposed_unit)
    ):  # fmt: skip
        raise ValueError(f"{where}: its proposed unit {shown(reading.proposed_unit)} is not a noun")
    if reading.value is not None and not reading.value.is_finite():
        raise ValueError(f"{where}: its value {reading.value} is not a number")


def _slug(text: str) -> str:
    """An id part: lower-case letters, digits and '_' ('km**2' -> 'km2', 'yuan / USD' ->
    'yuan_per_usd')."""
    text = text.lower().replace("**", "").replace("/", " per ")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _unit_of(reading: Reading) -> tuple[str, str | None]:
    """The unit the fact is written in, and the unit noun left for the reviewer."""
    if reading.unit is not None:
        if not _parses(reading.unit):
            return PLACEHOLDER_UNIT, reading.unit
        return reading.unit, None
    return PLACEHOLDER_UNIT, reading.proposed_unit


@functools.lru_cache(maxsize=4096)
def _parses(unit: str) -> bool:
    try:
        parse_unit(unit)
    except UnitError:
        return False
    return True


def _sentence(note: str) -> str:
    note = note.strip()
    return note if note.endswith((".", "!", "?")) else note + "."


def _digits(value: Decimal) -> int:
    """Digits of the value as the file writes it (as the loader counts them)."""
    text = format(value, "f")
    return len(text) - text.count("-") - text.count(".")


def _written_out(value: Decimal, scale: Scale) -> Decimal:
    """``value`` times the scale word, exactly (no rounding to Decimal's precision)."""
    from .rules import _times_ten_to

    return _times_ten_to(value, len(str(int(scale.factor))) - 1)


_SCALE_WORDS = tuple(SCALE_OF_SPELLING)
"""The scale words a quote may write after a value, in every spelling the loader reads
("3 万", "3 萬", "2 bn"): the draft reads what the loader will check."""
_ANY_SCALE_WORD = re.compile("|".join(re.escape(word) for word in _SCALE_WORDS))
"""Any of them, found in one pass over a quote (a table drafts one quote per figure)."""


def _unread_scale(quote: str, value: Decimal | None, scale: Scale | None) -> tuple[str, ...]:
    """The scale words every statement of the value in the quote is followed by, when the
    reading took none: the loader would refuse the value without them."""
    if value is None or scale is not None:
        return ()
    if _ANY_SCALE_WORD.search(quote.lower()) is None:
        return ()
    return scale_words_after(quote, value, _SCALE_WORDS)


def _bounded_id(base: str, separator: str) -> str:
    """``base`` cut to fit an id with a counter, kept apart from others by a digest of it."""
    room = MAX_ID_LENGTH - 8  # a counter of up to 7 characters after it
    if len(base) <= room:
        return base
    digest = hashlib.sha256(base.encode("utf-8")).hexdigest()[:10]
    return f"{base[: room - 11].rstrip('._-')}{separator}{digest}"


_Guess = tuple[str, str | None, str, str | None, tuple[str, ...], bool]
"""A reading's unit, the unit noun left for the reviewer, its metric, its subject (None when
its own words give none), the notes so far, and whether the metric is the draft's proposal.
A plain tuple of strings: the garbage collector stops walking such a tuple once it has seen
it, and a table's draft holds one per figure until its facts are made."""


@attrs.define
class _Drafter:
    """Builds one draft; holds the ids taken so far so every new one is unique."""

    source: Source
    index: Guesser
    text: str
    readings: Sequence[Reading]
    taken: set[str] = attrs.Factory(set)
    counters: dict[str, int] = attrs.Factory(dict)
    metrics: dict[tuple[str, str | None], Metric] = attrs.Factory(dict)
    placeholder: Place | None = None
    not_drafted: list[NotDrafted] = attrs.Factory(list)
    rated: dict[
        tuple[str, tuple[int, int], str, str | None, str | None],
        tuple[Confidence | None, Confidence | None],
    ] = attrs.Factory(dict)
    period_slugs: dict[Period, str] = attrs.Factory(dict)
    """Each period's text in an id, written once: a table's figures share a few periods."""
    notes: dict[tuple[str, ...], str] = attrs.Factory(dict)
    """Each list of notes as written in a record (a figure's notes mostly repeat another's
    word for word): worked out once per draft."""
    period_notes: dict[str, str] = attrs.Factory(dict)
    """Each period note as written in a record, alike."""
    rules_notes: dict[tuple[str, ...], str] = attrs.Factory(dict)
    """The note naming each list of rules that read a figure, alike."""

    def _note(self, notes: list[str]) -> str | None:
        """The notes as one text of sentences, within the loader's limit."""
        if not notes:
            return None
        key = tuple(notes)
        found = self.notes.get(key)
        if found is None:
            found = self.notes[key] = _limited(" ".join(_sentence(note) for note in notes))
        return found

    def _rules_note(self, rules: tuple[str, ...]) -> str:
        """The note naming the rules that read a figure (most figures share theirs)."""
        found = self.rules_notes.get(rules)
        if found is None:
            found = self.rules_notes[rules] = f"Read by the rules: {', '.join(rules)}."
        return found

    def _period_note(self, note: str) -> str:
        found = self.period_notes.get(note)
        if found is None:
            found = self.period_notes[note] = _limited(_clean(note))
        return found

    def draft(self) -> Draft:
        # Each kept reading, its quote and the scale words after its value there, in three
        # lists rather than a tuple per reading (one object for the garbage collector to
        # walk, not 60,000 in a table's draft).
        kept: list[Reading] = []
        quotes: list[str] = []
        unread_scales: list[tuple[str, ...]] = []
        for reading in self.readings:
            quote = self._quote(reading)
            unread = _unread_scale(quote, reading.value, reading.scale)
            why = self._cannot_draft(reading, quote, unread)
            if why is None:
                kept.append(reading)
                quotes.append(quote)
                unread_scales.append(unread)
            else:
                self.not_drafted.append(NotDrafted(reading.start, reading.as_written, why))
        guesses = [self._guess(reading) for reading in kept]
        usual = Counter(guess[3] for guess in guesses if guess[3]).most_common(1)
        article_subject = usual[0][0] if usual else None
        facts = tuple(
            self._fact(reading, quote, unread, guess, article_subject)
            for reading, quote, unread, guess in zip(
                kept, quotes, unread_scales, guesses, strict=True
            )
        )
        return Draft(
            source=self.source,
            facts=facts,
            metrics=tuple(self.metrics.values()),
            entities=() if self.placeholder is None else (self.placeholder,),
            not_drafted=tuple(self.not_drafted),
        )

    def _cannot_draft(self, reading: Reading, quote: str, unread: tuple[str, ...]) -> str | None:
        """Why the data cannot hold this reading as a record, or None (``quote`` is its
        quote as drafted, ``unread`` the scale words after its value there)."""
        hidden = HIDDEN_IN_ONE_LINE.search(reading.as_written)
        if hidden is not None:
            return (
                f"its words hold the control character U+{ord(hidden.group()):04X}, which no "
                "quote may hold"
            )
        if reading.as_written not in quote:
            return "no quote without control characters holds its words"
        value = reading.value
        if len(unread) > 1:
            return (
                "its quote writes the value followed by several scale words the reader did "
                "not read (as in 2万亿): write the value as you read it"
            )
        if value is not None:
            scale = reading.scale
            if scale is not None and scale.value not in quote.lower():
                value = _written_out(value, scale) if _digits(value) <= MAX_VALUE_DIGITS else value
            if _digits(value) > MAX_VALUE_DIGITS:
                return (
                    f"its value has {_digits(value)} digits: the data keeps at most "
                    f"{MAX_VALUE_DIGITS} digits exactly"
                )
        return None

    def _taken(self, name: str) -> bool:
        return name in self.taken or name in self.index.taken

    def _new_id(self, base: str, separator: str = ".") -> str:
        """``base``, or ``base`` with the first free counter ('.2', '_2' ...).

        Counted on from the last counter given to the same base: thousands of facts
        sharing a base cost one step each, not a walk from '.2'.
        """
        base = _bounded_id(base, separator)
        count = self.counters.get(base, 1)
        name = base if count == 1 else f"{base}{separator}{count}"
        while self._taken(name):
            count += 1
            name = f"{base}{separator}{count}"
        self.counters[base] = count
        self.taken.add(name)
        return name

    def _guess(self, reading: Reading) -> _Guess:
        """Unit, metric and (when the figure's own words give one) subject of a reading."""
        notes: list[str] = []
        unit, proposed_unit = _unit_of(reading)
        if proposed_unit is not None:
            notes.append(
                f"The unit {proposed_unit!r} is not defined in units.txt: written "
                f"{PLACEHOLDER_UNIT!r} until a reviewer chooses the unit."
            )
        metric, proposed = self._metric(reading, unit, proposed_unit, notes)
        subject = self._subject(reading, metric, notes)
        return (unit, proposed_unit, metric, subject, tuple(notes), proposed)

    def _fact(
        self,
        reading: Reading,
        quote: str,
        unread_scale: tuple[str, ...],
        guess: _Guess,
        article_subject: str | None,
    ) -> DraftFact:
        unit, proposed_unit, metric, subject, guess_notes, metric_proposed = guess
        notes = list(guess_notes)
        if subject is None and article_subject is not None:
            notes.append(f"Subject guessed as the article's usual subject {article_subject!r}.")
            subject = article_subject
        subject_proposed = subject is None
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
        value, scale = reading.value, reading.scale
        unread = unread_scale  # the quote's scale words after the value, when none was read
        if value is not None and scale is not None and scale.value not in quote.lower():
            # "84 mln", "US$1bn": the data writes scale words in full; the value is
            # written out instead, and said to be the reader's reading.
            written_out = _written_out(value, scale)
            quality.add(Quality.INTERPRETATION)
            notes.append(
                f"The quote writes the scale word {scale.value!r} short (or not at all): the "
                f"value is written out, {value} {scale.value} = {format(written_out, 'f')}."
            )
            value, scale = written_out, None
            unread = _unread_scale(quote, value, scale)
        if unread:  # "0 million" read as 0 (a mixed sentence): the quote says which scale
            scale = SCALE_OF_SPELLING[unread[0]]
            notes.append(
                f"The quote writes {value} {unread[0]}: drafted with the scale word the reader "
                "left out."
            )
        if value is None or Quality.GARBLED in quality or not quote_states(quote, value):
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
        metric_confidence, subject_confidence = self._confidences(
            quote, figure_span(quote, as_written, value), unit,
            None if metric_proposed else metric, None if subject_proposed else subject,
        )  # fmt: skip
        sure = [
            f"{what} {confidence.value}"
            for what, confidence in (("metric", metric_confidence), ("subject", subject_confidence))
            if confidence is not None
        ]
        if sure:
            notes.append(f"How sure the guesses are: {', '.join(sure)}.")
        if reading.rules:
            notes.append(self._rules_note(reading.rules))
        period_slug = self.period_slugs.get(period)
        if period_slug is None:
            period_slug = self.period_slugs[period] = str(period).replace("/", "-")
        record = FactRecord(
            id=self._new_id(f"{subject}.{metric}.{period_slug}.{self.source.id}"),
            metric=metric,
            subject=subject,
            period=period,
            value=value,
            unit=unit,
            bound=reading.bound,
            modality=reading.modality,
            quote=quote,
            source=self.source.id,
            scale=scale,
            as_written=as_written,
            quality=tuple(sorted(quality, key=_flag_order)) if quality else (),
            note=self._note(notes),
            period_note=None if period_note is None else self._period_note(period_note),
        )
        return DraftFact(record, proposed_unit, metric_confidence, subject_confidence)

    def _confidences(
        self,
        quote: str,
        figure: tuple[int, int],
        unit: str,
        metric: str | None,
        subject: str | None,
    ) -> tuple[Confidence | None, Confidence | None]:
        """How well the quote supports the guesses (None for a proposal), as ``check FILE``
        rates them; a figure repeated in one quote is rated once."""
        key = (quote, figure, unit, metric, subject)
        found = self.rated.get(key)
        if found is None:
            pair = (
                None if metric is None
                else self.index.metric_confidence(quote, figure, unit, metric),
                None if subject is None
                else self.index.subject_confidence(quote, figure, subject),
            )  # fmt: skip
            found = self.rated[key] = _PAIRS[pair]
        return found

    def _quote(self, reading: Reading) -> str:
        """The reading's quote, cut short of any character no data file may hold."""
        quote = reading.quote
        if HIDDEN_IN_ONE_LINE.search(quote) is None:
            return quote
        at = self.text.find(quote, max(0, reading.end - len(quote)), reading.start + len(quote))
        first, last = reading.start - at, reading.end - at
        start = max((m.end() for m in HIDDEN_IN_ONE_LINE.finditer(quote, 0, first)), default=0)
        end = next((m.start() for m in HIDDEN_IN_ONE_LINE.finditer(quote, last)), len(quote))
        return quote[start:end].strip()

    def _metric(
        self, reading: Reading, unit: str, proposed_unit: str | None, notes: list[str]
    ) -> tuple[str, bool]:
        guess = reading.metric
        known = self.index.catalogue
        if guess is not None and guess in known:
            if _fits(unit, known[guess]):
                return guess, False
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
            identifier = self._new_id(
                f"draft_{_slug(self.source.id)}_{_slug(what) or 'figure'}", "_"
            )
            proposed = Metric(
                id=identifier,
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
        return proposed.id, True

    def _subject(self, reading: Reading, metric: str, notes: list[str]) -> str | None:
        if reading.subject is not None and reading.subject in self.index.entity_ids:
            return reading.subject
        if reading.subject is not None:
            notes.append(f"The reader guessed the subject {reading.subject!r}, which is unknown.")
        default = self.index.default_subject.get(metric)
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
                citations=(Citation(source=self.source, quote=self._quote(reading)),),
                description=(
                    "Proposed by the draft for figures whose subject no entity name or alias "
                    "matched: point them at an existing entity, or give this record its real "
                    "name, kind and citations."
                ),
            )
        return self.placeholder


def _flag_order(flag: Quality) -> str:
    return flag.value


_PAIRS = {
    (metric, subject): (metric, subject)
    for metric in (None, *Confidence)
    for subject in (None, *Confidence)
}
"""Every pair of confidences, one object each: a table's draft rates a pair per figure, and
shares these rather than holding 60,000 more tuples for the garbage collector to walk."""


def _fits(unit: str, metric: Metric) -> bool:
    return _same_dimension(unit, metric.unit)


@functools.lru_cache(maxsize=4096)
def _same_dimension(unit: str, other: str) -> bool:
    """Whether two unit strings measure the same thing; asked once per pair."""
    try:
        return bool(parse_unit(unit).dimensionality == parse_unit(other).dimensionality)
    except UnitError:
        return False


def _clean(text: str) -> str:
    """Text of the reader's own making with any control character shown as an escape."""
    return HIDDEN_IN_ONE_LINE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _limited(text: str) -> str:
    """A note within the loader's limit for text (the drafter's own words, so cut)."""
    text = _clean(text)
    return text if len(text) <= MAX_TEXT_LENGTH else text[: MAX_TEXT_LENGTH - 1] + "…"


# ---------------------------------------------------------------- folders of articles


@attrs.frozen
class ArticleDraft:
    """One article of a folder: its file, and its draft or why it could not be drafted."""

    path: Path
    draft: Draft | None
    problem: str | None = None


def source_id_for(path: Path) -> str:
    """The source id a folder's article gets: its file name, as an id
    ("Fenghe 2024-03-05.txt" -> "fenghe-2024-03-05")."""
    name = re.sub(r"[^a-z0-9_.\-]+", "-", path.stem.lower()).strip("-._")
    if not name or not name[0].isalpha():
        name = f"article-{name}".rstrip("-")
    return name[:MAX_ID_LENGTH].rstrip("-._")


_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-?([01]\d)-?([0-3]\d)(?!\d)")


def article_date(path: Path, text: str) -> tuple[Period, str] | None:
    """An article's date from its file name ("...-2024-03-05.txt"), else its byline."""
    found = _FILE_DATE.search(path.stem)
    if found is not None:
        try:
            day = dt.date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            day = None
        if day is not None:
            return Period(day, day, Precision.DAY), f"read from the file name {path.name!r}"
    return byline_date(text)


def _draft_one(
    path: Path, published: dt.date | Period | str | None, registry: Registry | None
) -> ArticleDraft:
    """Draft one article of a folder; what goes wrong is the article's, not the folder's."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return ArticleDraft(path, None, f"cannot read it: {exc.strerror or exc}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ArticleDraft(path, None, f"not UTF-8 text (byte {exc.start}): save it as UTF-8")
    if published is None:
        dated = article_date(path, text)
        if dated is None:
            return ArticleDraft(
                path,
                None,
                "no date: name the file with its date (name-2024-03-05.txt), start the "
                "article with a byline date, or give --published",
            )
        when: dt.date | Period | str = dated[0]
        how = dated[1]
    else:
        when, how = published, ""
    try:
        made = draft(text, source=source_id_for(path), published=when, registry=registry)
    except ValueError as exc:
        return ArticleDraft(path, None, str(exc))
    if how:
        made = attrs.evolve(made, source=attrs.evolve(made.source, published_note=how))
    return ArticleDraft(path, made.with_archive(path.name))


_worker_registry: list[Registry | None] = [None]


def _start_worker(registry: Registry | None) -> None:
    _worker_registry[0] = registry


def _draft_in_worker(path: Path, published: dt.date | Period | str | None) -> ArticleDraft:
    return _draft_one(path, published, _worker_registry[0])


def draft_folder(
    folder: str | os.PathLike[str],
    *,
    published: dt.date | Period | str | None = None,
    registry: Registry | None = None,
    jobs: int | None = None,
    pattern: str = "*.txt",
    on_done: Callable[[ArticleDraft, int, int], None] | None = None,
) -> tuple[ArticleDraft, ...]:
    """Draft every article of ``folder`` (its ``*.txt`` files), in parallel processes.

    Each article gets the source id of its file name
    (:func:`~guizhou_bigdata.reading.drafting.source_id_for`) and its date from
    ``published`` when given, else from its file name
    ("name-2024-03-05.txt"), else from a byline in its first lines. An article
    that cannot be read or dated, or whose id is taken, is returned with its
    ``problem``; the others still draft. ``jobs`` is the number of worker
    processes (the CPUs by default; 1 drafts in this process). ``on_done(result,
    done, total)`` is called in this process as each article finishes (for a
    progress bar). The results are in file-name order.
    """
    root = Path(folder)
    if not root.is_dir():
        raise ValueError(f"{str(root)!r} is not a folder of articles")
    paths = sorted(path for path in root.glob(pattern) if path.is_file())
    return draft_articles(paths, published=published, registry=registry, jobs=jobs, on_done=on_done)


def draft_articles(
    paths: Sequence[Path],
    *,
    published: dt.date | Period | str | None = None,
    registry: Registry | None = None,
    jobs: int | None = None,
    on_done: Callable[[ArticleDraft, int, int], None] | None = None,
) -> tuple[ArticleDraft, ...]:
    """:func:`draft_folder` for a list of article files, in their order."""
    if published is not None:
        published_period(published)  # a bad date is the caller's, refused once, up front
    ids = Counter(source_id_for(path) for path in paths)
    results: dict[Path, ArticleDraft] = {}
    todo: list[Path] = []
    total = len(paths)
    for path in paths:
        if ids[source_id_for(path)] > 1:
            result = ArticleDraft(
                path, None, f"another file gives the same source id {source_id_for(path)!r}: "
                "rename one"
            )  # fmt: skip
            results[path] = result
            if on_done is not None:
                on_done(result, len(results), total)
        else:
            todo.append(path)
    workers = min(jobs or os.cpu_count() or 1, max(len(todo), 1))
    if workers <= 1:
        for path in todo:
            result = _draft_one(path, published, registry)
            results[path] = result
            if on_done is not None:
                on_done(result, len(results), total)
    else:
        with ProcessPoolExecutor(
            max_workers=workers, initializer=_start_worker, initargs=(registry,)
        ) as pool:
            futures = {pool.submit(_draft_in_worker, path, published): path for path in todo}
            for future in as_completed(futures):
                result = future.result()
                results[futures[future]] = result
                if on_done is not None:
                    on_done(result, len(results), total)
    return tuple(results[path] for path in paths)


# ---------------------------------------------------------------- TOML writing

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
            "\r": "\\r"}  # fmt: skip

TomlValue = str | bool | tuple[str, ...] | tuple[Mapping[str, str], ...]


_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f]')


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    return '"' + _NEEDS_ESCAPE.sub(_escape, text) + '"'


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
        ("language", source.language),
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
    citations = tuple(citation_table(c) for c in place.citations)  # a quote or a reference
    return [
        ("id", place.id),
        ("name", place.name),
        ("kind", place.kind.value),
        ("parent", place.parent),
        ("description", place.description),
        ("citations", citations),
    ]


class _Written:
    """Writes the facts of one draft as ``[[fact]]`` tables, as :func:`_table` writes the
    items of :func:`_fact_items`. What most facts repeat (their metric, subject, period,
    unit, source, a table's shared quote and notes) is written as TOML once per draft."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._periods: dict[Period, str] = {}

    def _string(self, text: str) -> str:
        found = self._strings.get(text)
        if found is None:
            found = self._strings[text] = _string(text)
        return found

    def fact(self, fact: DraftFact) -> str:
        """The fact's table: the same text as ``_table("fact", _fact_items(fact))``."""
        record = fact.record
        string = self._string
        period = self._periods.get(record.period)
        if period is None:
            period = self._periods[record.period] = string(str(record.period))
        lines = [
            "[[fact]]",
            f"id = {_string(record.id)}",
            f"metric = {string(record.metric)}",
            f"subject = {string(record.subject)}",
            f"period = {period}",
        ]
        if record.period_note is not None:
            lines.append(f"period_note = {string(record.period_note)}")
        value = "" if record.value is None else format(record.value, "f")
        lines.append(f"value = {_string(value)}")
        if record.scale is not None:
            lines.append(f"scale = {string(record.scale.value)}")
        lines.append(f"unit = {string(record.unit)}")
        if fact.proposed_unit is not None:
            lines.append(f"{PROPOSED_UNIT_KEY} = {string(fact.proposed_unit)}")
        if record.as_written is not None:
            lines.append(f"as_written = {_string(record.as_written)}")
        lines.append(f"bound = {string(record.bound.value)}")
        lines.append(f"modality = {string(record.modality.value)}")
        if record.quote is not None:
            lines.append(f"quote = {string(record.quote)}")
        lines.append(f"source = {string(record.source)}")
        if record.quality:
            lines.append(f"quality = {_value(tuple(flag.value for flag in record.quality))}")
        if record.note is not None:
            lines.append(f"note = {string(record.note)}")
        lines.append(f"{REVIEW_KEY} = false\n")
        return "\n".join(lines)


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
