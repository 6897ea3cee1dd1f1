"""The tables the library writes, each column defined once: name, type, meaning, value.

CSV, JSON, JSON Lines, Parquet, the DataFrame and the Data Package's Table
Schemas are all derived from these definitions, so a column added here appears,
typed and described, in every format. Two rules hold in every format:

- "nothing" is one null: a missing value, an empty flag list and an empty list
  of inputs are JSON ``null``, a Parquet null, an empty CSV cell, never ``''``;
- a date column holds whole ISO dates (``2019-05-14``); how precisely the date
  was stated (year, month or day) is in the ``*_precision`` column beside it.

The column's type also decides what CSV does to guard a spreadsheet: a cell of
a text column (:attr:`Column.text`) that a spreadsheet would take for a formula
is written with a leading ``'`` (see ``guizhou_bigdata.outputs.formats.spreadsheet_text``).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

import attrs

from ..core.entities import ENTITY_KINDS, Entity, Milestone, entity_kind
from ..core.intervals import DecimalBounds
from ..core.model import Citation, Fact, Metric, Source, fact_bounds
from ..core.periods import Period, Precision
from ..core.vocabulary import (
    Bound,
    CitationKind,
    GrowthBasis,
    MetricKind,
    Modality,
    Quality,
    Rank,
    Scale,
)
from ..store.records import citation_table

__all__ = [
    "CITATIONS",
    "ENTITIES",
    "FACTS",
    "METRICS",
    "MILESTONES",
    "NUMERIC_TEXT",
    "SOURCES",
    "Column",
    "ColumnType",
    "ForeignKey",
    "NumberedCitation",
    "Table",
    "numbered_citations",
]

R = TypeVar("R")


class ColumnType(enum.Enum):
    """A column's type, named as Frictionless Table Schema names it."""

    STRING = "string"
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"


@attrs.frozen
class Column(Generic[R]):
    """One column: its name, type, what it means, and how a record gives its value.

    ``enum`` lists the only values the column takes; ``pattern`` is a regular
    expression every value matches; ``required`` columns are never null.
    """

    name: str
    type: ColumnType
    description: str
    value: Callable[[R], object] = attrs.field(eq=False, repr=False)
    required: bool = attrs.field(default=False, kw_only=True)
    enum: tuple[str, ...] = attrs.field(default=(), kw_only=True)
    pattern: str | None = attrs.field(default=None, kw_only=True)

    @property
    def decimal(self) -> bool:
        """Whether it holds exact decimal numbers written as text (``value_exact``).

        Its pattern says so (``-?[0-9]+(\\.[0-9]+)?``): a reader parses these as numbers.
        """
        return self.pattern == _DECIMAL

    @property
    def text(self) -> bool:
        """Whether its values are text a person wrote or chose: a string, not a decimal.

        Such cells are the ones a spreadsheet could read as a formula, so CSV
        guards them; numbers, dates, booleans and decimal text are never touched.
        """
        return self.type is ColumnType.STRING and not self.decimal


@attrs.frozen
class ForeignKey:
    """Values of ``column`` are ``reference_column`` values of table ``reference``."""

    column: str
    reference: str
    reference_column: str = "id"


@attrs.frozen
class Table(Generic[R]):
    """A named table: its columns in order, its primary key and its foreign keys."""

    name: str
    title: str
    description: str
    columns: tuple[Column[R], ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(column.name for column in self.columns)

    def rows(self, records: Iterable[R]) -> list[dict[str, object]]:
        """One dict per record, keyed by the column names in order."""
        columns = self.columns
        return [{column.name: column.value(record) for column in columns} for record in records]


def _values(kind: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in kind)


def _joined(items: Iterable[str]) -> str | None:
    """Ids or flags, comma-separated; None (null) when there are none."""
    return ",".join(items) or None


def _json_list(items: Iterable[object]) -> str | None:
    """Free text items as a JSON array; None (null) when there are none."""
    listed = list(items)
    return json.dumps(listed, ensure_ascii=False) if listed else None


def _day(period: Period | None) -> dt.date | None:
    return None if period is None else period.start


def _precision(period: Period | None) -> str | None:
    return None if period is None else period.precision.value


def _exact(fact: Fact) -> str | None:
    magnitude = fact.magnitude
    return None if magnitude is None else format(magnitude, "f")


def _float(fact: Fact) -> float | None:
    magnitude = fact.magnitude
    return None if magnitude is None else float(magnitude)


_LAST_BOUNDS: tuple[object, DecimalBounds | None] = (None, None)
"""The last fact's bounds: its four interval columns are read one after the other."""


def _bounds(fact: Fact) -> DecimalBounds | None:
    global _LAST_BOUNDS
    last = _LAST_BOUNDS  # one read of one tuple: safe if another thread replaces it
    if last[0] is fact:
        return last[1]
    bounds = fact_bounds(fact)
    _LAST_BOUNDS = (fact, bounds)
    return bounds


def _interval_end(fact: Fact, index: int) -> str | None:
    bounds = _bounds(fact)
    end = None if bounds is None else bounds[index]
    return None if end is None else format(end, "f")


def _interval_closed(fact: Fact, index: int) -> bool | None:
    bounds = _bounds(fact)
    return None if bounds is None else bool(bounds[index])


def _first(fact: Fact) -> Citation:
    return fact.citations[0]


_PRECISIONS = _values(Precision)
_FLAGS = "|".join(_values(Quality))
_ID_LIST = r"[^,]+(,[^,]+)*"
_DECIMAL = r"-?[0-9]+(\.[0-9]+)?"

_S, _N, _D = ColumnType.STRING, ColumnType.NUMBER, ColumnType.DATE

FACTS: Table[Fact] = Table(
    name="facts",
    title="Facts",
    description="One row per figure: what it measures, its exact value, bound, period and "
    "modality, and the verbatim quote it was read from (or, for a reference citation of "
    "a web page the project does not archive, where it stands and what it says: see the "
    "citations table).",
    columns=(
        Column("id", _S, "The fact's id.", lambda f: f.id, required=True),
        Column(
            "subject", _S, "The entity the figure is about.", lambda f: f.subject, required=True
        ),
        Column("metric", _S, "What the figure measures.", lambda f: f.metric, required=True),
        Column(
            "period",
            _S,
            "The period as written: 2018, 2023-10, 2015/2018.",
            lambda f: str(f.period),
            required=True,
        ),
        Column(
            "period_start", _D, "The period's first day.", lambda f: f.period.start, required=True
        ),
        Column("period_end", _D, "The period's last day.", lambda f: f.period.end, required=True),
        Column(
            "period_precision",
            _S,
            "How finely the period was stated: year, month or day.",
            lambda f: f.period.precision.value,
            required=True,
            enum=_PRECISIONS,
        ),
        Column(
            "value",
            _N,
            "The magnitude with the scale word applied, in unit, as a float; "
            "null when the source has no readable number.",
            _float,
        ),
        Column("unit", _S, "The unit of value and value_exact.", lambda f: f.unit, required=True),
        Column(
            "value_exact",
            _S,
            "The exact decimal magnitude as text, scale applied (208542000000.000); "
            "null when the source has no readable number.",
            _exact,
            pattern=_DECIMAL,
        ),
        Column(
            "stated_value",
            _S,
            "The decimal as the source states it (208.542), as text.",
            lambda f: None if f.value is None else str(f.value),
            pattern=_DECIMAL,
        ),
        Column(
            "scale",
            _S,
            "The scale word the source states the value with (billion).",
            lambda f: None if f.scale is None else f.scale.value,
            enum=_values(Scale),
        ),
        Column(
            "as_written",
            _S,
            "The figure as printed, when it differs from the value or cannot be read.",
            lambda f: f.as_written,
        ),
        Column(
            "bound",
            _S,
            "How the value bounds the true figure.",
            lambda f: f.bound.value,
            required=True,
            enum=_values(Bound),
        ),
        Column(
            "interval_lower",
            _S,
            "The lower end of the interval the bound allows (Fact.interval), exact decimal "
            "text in unit; null when unbounded below or without a value.",
            lambda f: _interval_end(f, 0),
            pattern=_DECIMAL,
        ),
        Column(
            "interval_upper",
            _S,
            "The upper end of the interval the bound allows, exact decimal text in unit; "
            "null when unbounded above or without a value.",
            lambda f: _interval_end(f, 1),
            pattern=_DECIMAL,
        ),
        Column(
            "interval_lower_closed",
            ColumnType.BOOLEAN,
            "Whether the lower end belongs to the interval ('more than' excludes it); "
            "null without a value.",
            lambda f: _interval_closed(f, 2),
        ),
        Column(
            "interval_upper_closed",
            ColumnType.BOOLEAN,
            "Whether the upper end belongs to the interval; null without a value.",
            lambda f: _interval_closed(f, 3),
        ),
        Column(
            "modality",
            _S,
            "Reported outcome, estimate, plan or forecast.",
            lambda f: f.modality.value,
            required=True,
            enum=_values(Modality),
        ),
        Column(
            "rank",
            _S,
            "Which statement to prefer when sources disagree.",
            lambda f: f.rank.value,
            required=True,
            enum=_values(Rank),
        ),
        Column(
            "quality",
            _S,
            "Quality flags, sorted and comma-separated (garbled,implausible); null when none.",
            lambda f: _joined(sorted(flag.value for flag in f.quality)),
            pattern=f"({_FLAGS})(,({_FLAGS}))*",
        ),
        Column(
            "reviewed",
            ColumnType.BOOLEAN,
            "True, or false for a machine-read draft fact no person has checked yet.",
            lambda f: f.reviewed,
            required=True,
        ),
        Column("note", _S, "How the figure was read, and why it is flagged.", lambda f: f.note),
        Column("period_note", _S, "How the period was read.", lambda f: f.period_note),
        Column(
            "derived_from",
            _S,
            "For computed facts: the input fact ids, comma-separated, in order; null otherwise.",
            lambda f: _joined(f.derived_from),
            pattern=_ID_LIST,
        ),
        Column("method", _S, "For computed facts: how they were computed.", lambda f: f.method),
        Column(
            "source",
            _S,
            "The first citation's source id.",
            lambda f: _first(f).source.id,
            required=True,
        ),
        Column(
            "citation_kind",
            _S,
            "The first citation's kind: quote (verbatim words of an archived text) or "
            "reference (a web page the project does not archive: see source_url and the "
            "citations column).",
            lambda f: _first(f).kind.value,
            required=True,
            enum=_values(CitationKind),
        ),
        Column(
            "quote",
            _S,
            "The first citation's verbatim quote; null when it is a reference citation "
            "(its locator, figure as printed and statement are in the citations table).",
            lambda f: _first(f).quote,
        ),
        Column(
            "source_title",
            _S,
            "The first citation's source title.",
            lambda f: _first(f).source.title,
            required=True,
        ),
        Column(
            "source_publisher",
            _S,
            "The first citation's publisher; null when the source names none.",
            lambda f: _first(f).source.publisher,
        ),
        Column(
            "source_url",
            _S,
            "The first citation's source address; null for an archived text without one.",
            lambda f: _first(f).source.url,
        ),
        Column(
            "source_published",
            _D,
            "The first day of the first citation's publication date.",
            lambda f: _day(_first(f).source.published),
            required=True,
        ),
        Column(
            "source_published_precision",
            _S,
            "How finely source_published is known: year, month or day.",
            lambda f: _precision(_first(f).source.published),
            required=True,
            enum=_PRECISIONS,
        ),
        Column(
            "citations",
            _S,
            'Every citation as JSON text, as the data file writes it: [{"source": ..., '
            '"quote": ...}, ...], a reference citation as {"source": ..., "locator": ..., '
            '"as_written": ..., "says": ...}.',
            lambda f: json.dumps([citation_table(c) for c in f.citations], ensure_ascii=False),
            required=True,
        ),
    ),
    primary_key=("id",),
    foreign_keys=(
        ForeignKey("subject", "entities"),
        ForeignKey("metric", "metrics"),
        ForeignKey("source", "sources"),
    ),
)
"""The facts table: :func:`~guizhou_bigdata.export` and ``to_frame`` write these columns."""

SOURCES: Table[Source] = Table(
    name="sources",
    title="Sources",
    description="The published articles and web pages the figures are cited from: "
    "bibliographic records, the URL of a page, and the SHA-256 of each archived text (the "
    "texts are not included).",
    columns=(
        Column("id", _S, "The source's id.", lambda s: s.id, required=True),
        Column("title", _S, "The article's title.", lambda s: s.title, required=True),
        Column(
            "publisher", _S, "The publisher; null when the text names none.", lambda s: s.publisher
        ),
        Column(
            "authors",
            _S,
            "The authors the article names, as a JSON array of names; null when none.",
            lambda s: _json_list(s.authors),
        ),
        Column(
            "published",
            _D,
            "The first day of the publication date.",
            lambda s: _day(s.published),
            required=True,
        ),
        Column(
            "published_precision",
            _S,
            "How finely the publication date is known: year, month or day.",
            lambda s: _precision(s.published),
            required=True,
            enum=_PRECISIONS,
        ),
        Column("published_note", _S, "How the date was established.", lambda s: s.published_note),
        Column(
            "language",
            _S,
            "The article's language, an ISO 639-1 code ('en', 'zh'); null when not recorded.",
            lambda s: s.language,
            pattern="[a-z]{2}",
        ),
        Column(
            "url",
            _S,
            "The web address (http or https) of the page; reference citations point into it. "
            "Null when not recorded.",
            lambda s: s.url,
            pattern=r"https?://\S+",
        ),
        Column("archive", _S, "The archived text's file name.", lambda s: s.archive),
        Column(
            "sha256",
            _S,
            "The SHA-256 of the archived text.",
            lambda s: s.sha256,
            pattern="[0-9a-f]{64}",
        ),
    ),
    primary_key=("id",),
)
"""The sources table of the Data Package."""


@attrs.frozen
class NumberedCitation:
    """A fact's citation with its position among the fact's citations (1 is the first)."""

    fact: Fact
    number: int
    citation: Citation


NUMERIC_TEXT: tuple[str, ...] = (
    "period",
    *(column.name for column in FACTS.columns if column.decimal),
)
"""The text columns of :data:`FACTS` whose values look like numbers ("2018",
"208542000000.000"): name them as text to a reader that guesses types from a
CSV or JSON file's content, or a float drops their exactness."""


def numbered_citations(facts: Iterable[Fact]) -> list[NumberedCitation]:
    """Every citation of the facts, in order, as rows for :data:`CITATIONS`."""
    return [
        NumberedCitation(fact, number, citation)
        for fact in facts
        for number, citation in enumerate(fact.citations, start=1)
    ]


CITATIONS: Table[NumberedCitation] = Table(
    name="citations",
    title="Citations",
    description="Every citation of every fact: the source and either the verbatim quote "
    "(kind quote) or, for a web page the project does not archive (kind reference), the "
    "locator, the figure as printed and what it says in our own words.",
    columns=(
        Column("fact", _S, "The cited fact's id.", lambda c: c.fact.id, required=True),
        Column(
            "number",
            ColumnType.INTEGER,
            "The citation's position among the fact's citations (1 is the first).",
            lambda c: c.number,
            required=True,
        ),
        Column("source", _S, "The source's id.", lambda c: c.citation.source.id, required=True),
        Column(
            "kind",
            _S,
            "quote: the source's verbatim words, checked against its archived text; "
            "reference: a pointer into a web page the project does not archive (its source "
            "has a url), with the figure as printed and a statement in our own words.",
            lambda c: c.citation.kind.value,
            required=True,
            enum=_values(CitationKind),
        ),
        Column(
            "quote",
            _S,
            "The verbatim words that state the fact; null for a reference.",
            lambda c: c.citation.quote,
        ),
        Column(
            "locator",
            _S,
            "Where in the source the figure stands (section, paragraph or table row); "
            "always given for a reference, optional for a quote.",
            lambda c: c.citation.locator,
        ),
        Column(
            "as_written",
            _S,
            "For a reference: the figure exactly as printed, in the source's language; "
            "null for a quote (the quote holds it).",
            lambda c: c.citation.as_written,
        ),
        Column(
            "says",
            _S,
            "For a reference: what the source states, in our own words (not the source's); "
            "null for a quote.",
            lambda c: c.citation.says,
        ),
    ),
    primary_key=("fact", "number"),
    foreign_keys=(ForeignKey("fact", "facts"), ForeignKey("source", "sources")),
)
"""The citations table of the Data Package: a fact's citations, one per row."""

METRICS: Table[Metric] = Table(
    name="metrics",
    title="Metrics",
    description="The metric catalogue: what is measured, its kind and the unit of its facts.",
    columns=(
        Column("id", _S, "The metric's id.", lambda m: m.id, required=True),
        Column(
            "label", _S, "What the metric measures, in words.", lambda m: m.label, required=True
        ),
        Column(
            "kind",
            _S,
            "The sort of measure.",
            lambda m: m.kind.value,
            required=True,
            enum=_values(MetricKind),
        ),
        Column("unit", _S, "The unit its facts are in.", lambda m: m.unit, required=True),
        Column(
            "basis",
            _S,
            "For growth rates: real, nominal or unspecified; null otherwise.",
            lambda m: None if m.basis is None else m.basis.value,
            enum=_values(GrowthBasis),
        ),
        Column(
            "default_subject",
            _S,
            "The entity a metric view means when none is named.",
            lambda m: m.default_subject,
        ),
        Column("description", _S, "What the metric is, in a sentence.", lambda m: m.description),
    ),
    primary_key=("id",),
    foreign_keys=(ForeignKey("default_subject", "entities"),),
)
"""The metrics table of the Data Package."""


def _entity_type(entity: Entity) -> str:
    return entity_kind(type(entity)).key


def _reference(name: str) -> Callable[[Entity], object]:
    """The entity's attribute ``name`` (an entity id), or None for types without it."""
    return lambda entity: getattr(entity, name, None)


_REFERENCE_TEXTS = {
    "parent": "The place or organisation it belongs to.",
    "location": "The place it is in.",
    "operator": "The organisation that runs it.",
    "issuer": "For a policy: the organisation that issued it.",
}


def _reference_columns() -> tuple[tuple[str, str], ...]:
    """Each field of any kind that names another entity, with what its column says."""
    named: dict[str, list[str]] = {}
    for kind in ENTITY_KINDS:
        for field, what in kind.references:
            named.setdefault(field, []).append(what.replace("_", " "))
    return tuple(
        (
            field,
            _REFERENCE_TEXTS.get(field)
            or f"The id of the {' or '.join(dict.fromkeys(whats))} it names.",
        )
        for field, whats in named.items()
    )


_REFERENCE_COLUMNS = _reference_columns()
"""The entity columns that hold another entity's id: one per field of ENTITY_KINDS."""


def _kind(entity: Entity) -> str | None:
    kind = getattr(entity, "kind", None)
    return None if kind is None else str(kind.value)


ENTITIES: Table[Entity] = Table(
    name="entities",
    title="Entities",
    description="What the figures are about: places, organisations, data centres, "
    "platforms, events and policies.",
    columns=(
        Column("id", _S, "The entity's id.", lambda e: e.id, required=True),
        Column(
            "type",
            _S,
            "The sort of entity.",
            _entity_type,
            required=True,
            enum=tuple(kind.key for kind in ENTITY_KINDS),
        ),
        Column("kind", _S, "Its kind within its type (province, company …).", _kind),
        Column("name", _S, "Its English name.", lambda e: e.name, required=True),
        Column("name_zh", _S, "Its Chinese name.", lambda e: e.name_zh),
        Column(
            "code",
            _S,
            "For a place: its six-digit GB/T 2260 administrative division code; null for "
            "anything that is not an administrative division.",
            lambda e: getattr(e, "code", None),
            pattern="[0-9]{6}",
        ),
        Column(
            "aliases",
            _S,
            "Other names, as a JSON array; null when none.",
            lambda e: _json_list(e.aliases),
        ),
        Column("description", _S, "What it is, in a sentence.", lambda e: e.description),
        *(Column(name, _S, text, _reference(name)) for name, text in _REFERENCE_COLUMNS),
        Column(
            "source",
            _S,
            "The source of the first citation that names it.",
            lambda e: e.citations[0].source.id,
            required=True,
        ),
        Column(
            "quote",
            _S,
            "The verbatim words of that citation; null when it is a reference citation.",
            lambda e: e.citations[0].quote,
        ),
    ),
    primary_key=("id",),
    foreign_keys=(
        *(ForeignKey(name, "entities") for name, _ in _REFERENCE_COLUMNS),
        ForeignKey("source", "sources"),
    ),
)
"""The entities table of the Data Package."""

MILESTONES: Table[Milestone] = Table(
    name="milestones",
    title="Milestones",
    description="Dated events in the development of Guizhou's big-data economy, in date order.",
    columns=(
        Column("id", _S, "The milestone's id.", lambda m: m.id, required=True),
        Column(
            "date_start", _D, "The first day of its date.", lambda m: m.date.start, required=True
        ),
        Column("date_end", _D, "The last day of its date.", lambda m: m.date.end, required=True),
        Column(
            "date_precision",
            _S,
            "How finely the date was stated: year, month or day.",
            lambda m: m.date.precision.value,
            required=True,
            enum=_PRECISIONS,
        ),
        Column("title", _S, "What happened.", lambda m: m.title, required=True),
        Column(
            "subjects",
            _S,
            "The entities it concerns, comma-separated; null when none.",
            lambda m: _joined(m.subjects),
            pattern=_ID_LIST,
        ),
        Column("note", _S, "How it was read.", lambda m: m.note),
        Column(
            "source",
            _S,
            "The source of its first citation.",
            lambda m: m.citations[0].source.id,
            required=True,
        ),
        Column(
            "quote",
            _S,
            "The verbatim words of that citation; null when it is a reference citation.",
            lambda m: m.citations[0].quote,
        ),
    ),
    primary_key=("id",),
    foreign_keys=(ForeignKey("source", "sources"),),
)
"""The milestones table of the Data Package: the timeline."""
