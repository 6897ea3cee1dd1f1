"""Facts, citations, sources and metrics: a figure is a cited statement, not a number."""

from __future__ import annotations

import enum
import pathlib
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import attrs

from .periods import Period

if TYPE_CHECKING:
    import pint

    from .intervals import Interval

__all__ = [
    "UNREVIEWED",
    "Bound",
    "BoundName",
    "Citation",
    "Fact",
    "GrowthBasis",
    "Metric",
    "MetricKind",
    "Modality",
    "ModalityName",
    "Quality",
    "QualityName",
    "Rank",
    "RankName",
    "Scale",
    "Source",
    "archive_problem",
]

UNREVIEWED = "Unreviewed draft: machine-read, not yet checked by a person."
"""What every output says of a fact whose ``reviewed`` is False (see :doc:`/drafting`)."""


class Bound(enum.Enum):
    """How the value bounds the true figure: "more than 5,000" is not 5000."""

    EXACT = "exact"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    NEARLY = "nearly"
    ABOUT = "about"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"


class Modality(enum.Enum):
    """Whether the figure is a reported outcome, an estimate, a plan or a forecast."""

    ACTUAL = "actual"
    ESTIMATE = "estimate"
    TARGET = "target"
    FORECAST = "forecast"


class Quality(enum.Enum):
    """A concern about a figure; the fact's note gives the reason."""

    GARBLED = "garbled"
    IMPLAUSIBLE = "implausible"
    AMBIGUOUS = "ambiguous"
    INFERRED = "inferred"
    INTERPRETATION = "interpretation"


BoundName = Literal["exact", "more_than", "at_least", "nearly", "about", "at_most", "less_than"]
"""The values of :class:`Bound`, for arguments that take either."""

ModalityName = Literal["actual", "estimate", "target", "forecast"]
"""The values of :class:`Modality`, for filters that take either."""
QualityName = Literal["garbled", "implausible", "ambiguous", "inferred", "interpretation"]
"""The values of :class:`Quality`, for filters that take either."""


class Rank(enum.Enum):
    """Which statement to prefer when sources disagree (Wikidata's statement ranks)."""

    PREFERRED = "preferred"
    NORMAL = "normal"
    DEPRECATED = "deprecated"


RankName = Literal["preferred", "normal", "deprecated"]
"""The values of :class:`Rank`, for filters that take either."""


class Scale(enum.Enum):
    """A scale word that multiplies the value as written ("208.542 billion").

    Chinese statistics count in 万 (ten thousand) and 亿 (a hundred million):
    "3.5亿 yuan" is value 3.5, scale 亿, never a silently rescaled 350000000.
    """

    THOUSAND = "thousand"
    MILLION = "million"
    BILLION = "billion"
    TRILLION = "trillion"
    WAN = "万"
    YI = "亿"

    @property
    def factor(self) -> Decimal:
        """The multiplier the word stands for."""
        return _SCALE_FACTORS[self]


_SCALE_FACTORS = {
    Scale.THOUSAND: Decimal(10) ** 3,
    Scale.MILLION: Decimal(10) ** 6,
    Scale.BILLION: Decimal(10) ** 9,
    Scale.TRILLION: Decimal(10) ** 12,
    Scale.WAN: Decimal(10) ** 4,
    Scale.YI: Decimal(10) ** 8,
}


class MetricKind(enum.Enum):
    """What sort of measure a metric is."""

    LEVEL = "level"
    FLOW = "flow"
    GROWTH_RATE = "growth_rate"
    SHARE = "share"
    RANK = "rank"
    STREAK = "streak"
    COUNT = "count"
    INDEX = "index"
    MEASURE = "measure"
    RATIO = "ratio"


class GrowthBasis(enum.Enum):
    """Whether a growth rate is at comparable prices (real), current prices, or unsaid."""

    REAL = "real"
    NOMINAL = "nominal"
    UNSPECIFIED = "unspecified"


def archive_problem(archive: str) -> str | None:
    """Why an ``archive`` name cannot name a file inside the sources folder, or None."""
    if not archive or "\0" in archive:
        return "is empty or holds a NUL character"
    if "\\" in archive:
        return "holds a backslash: write folders with '/'"
    posix = pathlib.PurePosixPath(archive)
    if posix.is_absolute() or pathlib.PureWindowsPath(archive).drive:
        return "is an absolute path: name the file relative to the sources folder"
    if ".." in posix.parts:
        return "climbs out of the sources folder with '..'"
    return None


@attrs.frozen
class Source:
    """A published text that figures are cited from."""

    id: str
    title: str
    published: Period
    publisher: str | None = None
    authors: tuple[str, ...] = ()
    published_note: str | None = None
    archive: str | None = None
    sha256: str | None = None

    def cite(self) -> str:
        """The source as a reference line: authors, title, publisher, date."""
        parts = []
        if self.authors:
            parts.append(", ".join(self.authors))
        parts.append(f'"{self.title}"')
        parts.append(self.publisher or "publisher not stated")
        parts.append(str(self.published))
        return ", ".join(parts)


@attrs.frozen
class Citation:
    """Where a statement was read: the source and the verbatim words that state it."""

    source: Source
    quote: str = attrs.field(validator=attrs.validators.min_len(1))

    def cite(self) -> str:
        """The quote followed by its source."""
        return f"\u201c{self.quote}\u201d \u2014 {self.source.cite()}"


@attrs.frozen
class Metric:
    """What is measured: its kind, the unit its facts are in, and the growth basis."""

    id: str
    label: str
    kind: MetricKind
    unit: str
    basis: GrowthBasis | None = None
    default_subject: str | None = None
    description: str | None = None
    headline: bool = False


def _non_empty_citations(instance: Fact, attribute: attrs.Attribute[object], value: object) -> None:
    if not isinstance(value, tuple) or not value:
        raise ValueError(f"fact {instance.id!r} needs at least one citation, got {value!r}")
    for item in value:
        if not isinstance(item, Citation):
            raise TypeError(
                f"fact {instance.id!r}: citations must be Citation objects, got {item!r}"
            )


_MAX_REPR = 299
"""``repr(fact)`` stays shorter than this: a notebook or log line, not a data dump."""


@attrs.frozen(repr=False)
class Fact:
    """One figure as one source states it, with its citations.

    ``value`` is the exact decimal as written (None when the source gives no
    readable number, see ``has_value``); ``quantity`` is it times its scale
    word, in Pint units, and raises :class:`~.errors.NoValueError` when there
    is no value. ``reviewed`` is False for a draft fact no person has checked
    yet (loaded with ``drafts=True``).
    """

    id: str
    metric: str
    subject: str
    period: Period
    value: Decimal | None
    unit: str
    bound: Bound
    modality: Modality
    citations: tuple[Citation, ...] = attrs.field(validator=_non_empty_citations)
    scale: Scale | None = None
    as_written: str | None = None
    quality: frozenset[Quality] = frozenset()
    rank: Rank = Rank.NORMAL
    note: str | None = None
    period_note: str | None = None
    derived_from: tuple[str, ...] = ()
    method: str | None = None
    reviewed: bool = True
    derived_interval: tuple[Decimal | None, Decimal | None, bool, bool] | None = None
    """For a derived fact, what its inputs allow: (lower, upper, lower closed, upper
    closed) in exact decimals of ``unit``, None for unbounded; it is ``interval``."""

    @property
    def magnitude(self) -> Decimal | None:
        """The exact value with its scale word applied, in ``unit``."""
        if self.value is None:
            return None
        return self.value * self.scale.factor if self.scale else self.value

    @property
    def has_value(self) -> bool:
        """True when the source gives a readable number (``value`` is not None)."""
        return self.value is not None

    @property
    def quantity(self) -> pint.Quantity[float]:
        """The figure as a Quantity of the package registry.

        Raises :class:`~.errors.NoValueError` (a ValueError) naming the fact,
        the figure as printed and its flags when the source gives no readable
        number: test :attr:`has_value` first where that can happen.
        """
        from .units import quantity

        magnitude = self.magnitude
        if magnitude is None:
            from .errors import NoValueError

            raise NoValueError(self.id, self.as_written, (flag.value for flag in self.quality))
        return quantity(magnitude, self.unit)

    @property
    def interval(self) -> Interval:
        """The values the bound allows, as a :class:`~.intervals.Interval` in ``unit``.

        ``exact`` is a closed point, ``more_than x`` (x, ∞), ``at_most x``
        (-∞, x]; ``about`` and ``nearly`` get the tolerance the
        :class:`~.intervals.Interval` docs give; a derived fact's is what its
        inputs allow (``derived_interval``). Raises
        :class:`~.errors.NoValueError`, like :attr:`quantity`, when the source
        gives no readable number.
        """
        from .intervals import Interval, fact_bounds

        bounds = fact_bounds(self)
        if bounds is None:
            from .errors import NoValueError

            raise NoValueError(self.id, self.as_written, (flag.value for flag in self.quality))
        return Interval.of_decimals(bounds, self.unit)

    @property
    def is_derived(self) -> bool:
        """True for values the library computed from other facts."""
        return bool(self.derived_from)

    @property
    def figure(self) -> str:
        """The figure in words, as :func:`~.wording.figure_text` writes it.

        Bound, value with thousands separators, scale word, unit (plural for
        counts) and, for anything but an actual outcome, the modality:
        "more than 5,000 enterprises", "389.1 billion yuan (estimate)". A figure
        with no readable value is given as printed.
        """
        if self.value is None:
            suffix = "" if self.modality is Modality.ACTUAL else f", {self.modality.value}"
            return f"{self.as_written!r} (no readable value{suffix})"
        from .wording import figure_text

        return figure_text(
            self.value,
            unit=self.unit,
            bound=self.bound.value,
            modality=self.modality.value,
            scale=None if self.scale is None else self.scale.value,
        )

    def __repr__(self) -> str:
        # The figure names the modality of anything but an actual outcome.
        text = f"<Fact {self.id!r}: {self.figure} ({self.metric}, {self.subject}, {self.period})>"
        return text if len(text) <= _MAX_REPR else text[: _MAX_REPR - 4] + "...>"

    def __str__(self) -> str:
        return self.figure

    def _repr_html_(self) -> str:
        """The figure, bound, modality, period, flags, quotes and sources, for notebooks."""
        from ..outputs.display import fact_html

        return fact_html(self)

    def cite(self) -> str:
        """A human-readable citation: the figure, what it is, and where it was read."""
        lines = [f"{self.figure} ({self.metric}, {self.subject}, {self.period})"]
        lines.extend(citation.cite() for citation in self.citations)
        if self.quality:
            flags = ", ".join(sorted(flag.value for flag in self.quality))
            lines.append(f"Flagged {flags}: {self.note}")
        if not self.reviewed:
            lines.append(UNREVIEWED)
        return "\n".join(lines)
