"""Facts, citations, sources and metrics: a figure is a cited statement, not a number."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import attrs

from .html import escape, record_html, rows_html
from .intervals import DecimalBounds, decimal_bounds
from .periods import Period
from .vocabulary import UNREVIEWED, Bound, GrowthBasis, MetricKind, Modality, Quality, Rank, Scale

if TYPE_CHECKING:
    import pint

    from .intervals import Interval

__all__ = ["Citation", "Fact", "Metric", "Source", "archive_problem", "fact_bounds"]


def archive_problem(archive: str) -> str | None:
    """Why an ``archive`` name cannot name a file inside the sources folder, or None."""
    if not archive or "\0" in archive:
        return "is empty or holds a NUL character"
    if "\\" in archive:
        return "holds a backslash: write folders with '/'"
    import pathlib  # not at the top: the first fact needs no pathlib (3 ms)

    posix = pathlib.PurePosixPath(archive)
    if posix.is_absolute() or pathlib.PureWindowsPath(archive).drive:
        return "is an absolute path: name the file relative to the sources folder"
    if ".." in posix.parts:
        return "climbs out of the sources folder with '..'"
    return None


@attrs.frozen(repr=False)
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
    language: str | None = None

    def __repr__(self) -> str:
        return f"<Source {self.id!r}: {self.publisher or 'publisher not stated'}, {self.published}>"

    def _repr_html_(self) -> str:
        """The reference and every field that holds something, for notebooks."""
        return record_html(self, self.title, "source")

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
    """What is measured: its kind, the unit its facts are in, and the growth basis.

    ``label_zh`` is its Chinese label. The relations (``part_of``, ``compared_with``,
    ``growth_of``, ``ratio_of``, ``compound_of``, ``conversion``) and the bound
    ``max_plausible`` are what the audit and the derived facts read: see
    docs/data-format.md.
    """

    id: str
    label: str
    kind: MetricKind
    unit: str
    basis: GrowthBasis | None = None
    default_subject: str | None = None
    description: str | None = None
    headline: bool = False
    label_zh: str | None = None
    # Relations to other metrics of the catalogue (checked on load), which the
    # audit and the derivations read instead of tables in code.
    part_of: str | None = None
    compared_with: str | None = None
    growth_of: str | None = None
    ratio_of: tuple[str, ...] = ()
    compound_of: str | None = None
    conversion: bool = False
    max_plausible: str | None = None


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
        from .intervals import Interval

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
        from .wording import figure_text, shown_value

        return figure_text(
            shown_value(self.value, derived=self.is_derived, bound=self.bound.value),
            unit=self.unit,
            bound=self.bound.value,
            modality=self.modality.value,
            scale=None if self.scale is None else self.scale.value,
        )

    @property
    def figure_zh(self) -> str:
        """The figure as Chinese text writes it (:func:`~.wording.figure_text_zh`):
        "3891亿元（预计）", "24.6%", "超过5000家", "约15.8%"."""
        if self.value is None:
            suffix = "" if self.modality is Modality.ACTUAL else f"，{self.modality.value}"
            return f"{self.as_written!r}（无可读数值{suffix}）"
        from .wording import figure_text_zh, shown_value

        return figure_text_zh(
            shown_value(self.value, derived=self.is_derived, bound=self.bound.value),
            unit=self.unit,
            bound=self.bound.value,
            modality=self.modality.value,
            scale=None if self.scale is None else self.scale.value,
            scale_factor=None if self.scale is None else self.scale.factor,
        )

    def __repr__(self) -> str:
        # The figure names the modality of anything but an actual outcome.
        text = f"<Fact {self.id!r}: {self.figure} ({self.metric}, {self.subject}, {self.period})>"
        return text if len(text) <= _MAX_REPR else text[: _MAX_REPR - 4] + "...>"

    def __str__(self) -> str:
        return self.figure

    def _repr_html_(self) -> str:
        """The figure, bound, modality, period, flags, quotes and sources, for notebooks."""
        return _fact_card(self)

    def cite(self, format: Literal["text", "bibtex", "csl-json"] = "text") -> str:
        """The citation: by default human-readable (the figure, what it is, where it was
        read); ``"bibtex"`` or ``"csl-json"`` as :func:`guizhou_bigdata.cite` writes them."""
        if format != "text":
            from .citers import cite_as

            return cite_as(self, format)
        lines = [f"{self.figure} ({self.metric}, {self.subject}, {self.period})"]
        lines.extend(citation.cite() for citation in self.citations)
        if self.quality:
            flags = ", ".join(sorted(flag.value for flag in self.quality))
            lines.append(f"Flagged {flags}: {self.note}")
        if not self.reviewed:
            lines.append(UNREVIEWED)
        return "\n".join(lines)


def fact_bounds(fact: Fact) -> DecimalBounds | None:
    """A fact's interval in exact decimals of its unit; None when it has no value.

    A derived fact's is what its inputs allow (``Fact.derived_interval``); a stated
    fact's follows from its bound word (:func:`~.intervals.decimal_bounds`).
    """
    if fact.derived_interval is not None:
        return fact.derived_interval
    magnitude = fact.magnitude
    if magnitude is None:
        return None
    return decimal_bounds(fact.bound, magnitude, fact.value)


def _flags(fact: Fact) -> str:
    return ", ".join(sorted(flag.value for flag in fact.quality))


def _fact_card(fact: Fact) -> str:
    """One fact: the figure, what it is, its bound, modality, period, flags and quotes."""
    rows: list[tuple[str, str]] = []
    if not fact.reviewed:
        rows.append(("reviewed", f"<strong>{escape(UNREVIEWED)}</strong>"))
    rows += [
        ("metric", escape(fact.metric)),
        ("subject", escape(fact.subject)),
        ("period", escape(str(fact.period))),
        ("bound", escape(fact.bound.value)),
        ("modality", escape(fact.modality.value)),
        ("rank", escape(fact.rank.value)),
    ]
    if fact.as_written is not None:
        rows.append(("as printed", escape(fact.as_written)))
    if fact.quality:
        note = f": {escape(fact.note)}" if fact.note else ""
        rows.append(("flags", f"<strong>{escape(_flags(fact))}</strong>{note}"))
    elif fact.note:
        rows.append(("note", escape(fact.note)))
    if fact.derived_from:
        rows.append(("derived from", escape(", ".join(fact.derived_from))))
        if fact.method:
            rows.append(("method", escape(fact.method)))
    for citation in fact.citations:
        rows.append(("quote", f"\u201c{escape(citation.quote)}\u201d"))
        rows.append(("source", escape(citation.source.cite())))
    rows.append(("id", f"<code>{escape(fact.id)}</code>"))
    classes = "guizhou-bigdata-fact" + ("" if fact.reviewed else " guizhou-bigdata-unreviewed")
    return (
        f'<div class="{classes}"><p><strong>{escape(fact.figure)}</strong></p>'
        f"<table>{rows_html(rows)}</table></div>"
    )
