"""Facts, citations, sources and metrics: a figure is a cited statement, not a number."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import attrs

from .html import citation_rows, escape, record_html, rows_html
from .periods import Period
from .vocabulary import (
    UNREVIEWED,
    Bound,
    CitationKind,
    GrowthBasis,
    MetricKind,
    Modality,
    Quality,
    Rank,
    Scale,
)

if TYPE_CHECKING:
    import pint

    from .intervals import DecimalBounds, Interval

__all__ = [
    "MAX_URL_LENGTH",
    "Citation",
    "Fact",
    "Metric",
    "Source",
    "archive_problem",
    "citation_problem",
    "fact_bounds",
    "url_problem",
]


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


MAX_URL_LENGTH = 2000
"""Characters in a source's URL, at most: what browsers and servers reliably accept."""


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a source's address, or None: http(s), one token, not too long."""
    if len(url) > MAX_URL_LENGTH:
        return f"is {len(url):,} characters long: at most {MAX_URL_LENGTH:,}"
    if not url.startswith(("http://", "https://")):
        return "does not start with http:// or https://: give the web address of the page"
    bad = sorted({char for char in url if char.isspace() or not char.isprintable()})
    if bad:
        from .characters import character_name

        named = ", ".join(map(character_name, bad[:5]))
        return f"holds spaces or control characters ({named}): write a space as %20"
    if url.partition("://")[2].split("/", 1)[0] == "":
        return "names no host after the scheme: write it as https://host/path"
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
    url: str | None = None
    """The web address of the page (http or https), which reference citations need."""

    def __repr__(self) -> str:
        return f"<Source {self.id!r}: {self.publisher or 'publisher not stated'}, {self.published}>"

    def _repr_html_(self) -> str:
        """The reference and every field that holds something, for notebooks."""
        return record_html(self, self.title, "source")

    def cite(self) -> str:
        """The source as a reference line: authors, title, publisher, date, and its URL."""
        parts = []
        if self.authors:
            parts.append(", ".join(self.authors))
        parts.append(f'"{self.title}"')
        parts.append(self.publisher or "publisher not stated")
        parts.append(str(self.published))
        if self.url is not None:
            parts.append(self.url)
        return ", ".join(parts)


_REFERENCE_FIELDS = ("locator", "as_written", "says")
"""What a reference citation gives instead of a quote."""


@attrs.frozen
class Citation:
    """Where a statement was read: a source and either the words that state it or a pointer.

    A *quote* citation carries the source's verbatim sentence (``quote``,
    optionally with a ``locator``). A *reference* citation, for a web page the
    project does not archive, carries no quote but a ``locator`` (paragraph,
    section or table row), the figure as printed (``as_written``) and ``says``,
    the statement in our own words; its source must have a ``url``.
    """

    source: Source
    quote: str | None = None
    locator: str | None = None
    as_written: str | None = None
    says: str | None = None

    def __attrs_post_init__(self) -> None:
        problem = citation_problem(
            self.source, self.quote, self.locator, self.as_written, self.says
        )
        if problem is not None:
            raise ValueError(f"citation of source {self.source.id!r}: {problem}")

    @property
    def kind(self) -> CitationKind:
        """``quote`` when the citation carries the source's words, else ``reference``."""
        return CitationKind.REFERENCE if self.quote is None else CitationKind.QUOTE

    @property
    def passage(self) -> str:
        """Where in the source the statement stands: the quote, or a reference's locator.

        Two citations of one source with the same passage cite the same sentence
        (or table row): the audit and the derivations compare this.
        """
        if self.quote is not None:
            return self.quote
        assert self.locator is not None  # checked on construction
        return self.locator

    def cite(self) -> str:
        """The quote, or what a reference says and where, followed by its source."""
        if self.quote is not None:
            return f"\u201c{self.quote}\u201d \u2014 {self.source.cite()}"
        return (
            f"as printed \u201c{self.as_written}\u201d ({self.locator}): {self.says} "
            f"\u2014 {self.source.cite()}"
        )


def citation_problem(
    source: Source,
    quote: str | None,
    locator: str | None,
    as_written: str | None,
    says: str | None,
) -> str | None:
    """What makes these fields neither a quote citation nor a reference citation, or None.

    A quote citation has a non-empty ``quote`` (and may have a ``locator``); a
    reference citation has no quote, a non-empty ``locator``, ``as_written`` and
    ``says``, and a source with a ``url``.
    """
    if quote is not None:
        extra = [
            name
            for name, value in (("as_written", as_written), ("says", says))
            if value is not None
        ]
        if extra:
            return (
                f"a quote citation cannot also have {' and '.join(map(repr, extra))}: keep "
                "the quote (with an optional 'locator'), or drop the quote to make a "
                "reference citation with 'locator', 'as_written' and 'says'"
            )
        if not quote:
            return "the quote is empty: give the words of the source that state it"
        if locator is not None and not locator:
            return "the locator is empty: say where the quote stands, or leave it out"
        return None
    values = dict(zip(_REFERENCE_FIELDS, (locator, as_written, says), strict=True))
    missing = [name for name, value in values.items() if not value]
    if missing:
        return (
            f"a reference citation (one without a 'quote') needs a non-empty "
            f"{', '.join(map(repr, missing))}: 'locator' says where the figure stands "
            "(section, paragraph or table row), 'as_written' gives it as printed and "
            "'says' states it in our own words; or give the 'quote' of an archived text"
        )
    if source.url is None:
        return (
            f"source {source.id!r} has no url, which a reference citation needs: give the "
            'source a url = "https://..." of the page, or cite a quote of an archived text'
        )
    return None


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
    from .intervals import decimal_bounds  # not imported for a first fact (1 ms)

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
        rows.extend(citation_rows(citation))
    rows.append(("id", f"<code>{escape(fact.id)}</code>"))
    classes = "guizhou-bigdata-fact" + ("" if fact.reviewed else " guizhou-bigdata-unreviewed")
    return (
        f'<div class="{classes}"><p><strong>{escape(fact.figure)}</strong></p>'
        f"<table>{rows_html(rows)}</table></div>"
    )
