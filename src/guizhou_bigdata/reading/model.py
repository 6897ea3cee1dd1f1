"""A figure as the draft reader read it: the record between reading and drafting.

The reader (:mod:`guizhou_bigdata.reading`) turns text into :class:`Reading`
records; drafting turns them into unreviewed data records a person checks.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from ..core.periods import Period
from ..core.vocabulary import Bound, Modality, Quality, Scale

__all__ = ["Confidence", "Reading"]


class Confidence(enum.Enum):
    """How sure a guess of a figure's metric or subject is: what a reviewer checks first.

    Three steps, not a probability: the guesses are not calibrated against
    reviewed data well enough for a number to mean more than an order.
    """

    HIGH = "high"
    """The words around the figure name it: the metric's distinctive words, or the
    subject's name in the sentence."""
    MEDIUM = "medium"
    """Most of its words are there, or a near rival scores close; or a default."""
    LOW = "low"
    """A guess from little: few shared words, or the article's usual subject."""

    @property
    def order(self) -> int:
        """0 for the weakest guess, so that sorting by it lists weak guesses first."""
        return {"low": 0, "medium": 1, "high": 2}[self.value]


@attrs.frozen
class Reading:
    """One figure found in a text, with everything a careful reader would note.

    ``start`` and ``end`` are the offsets of the figure's own words in the text
    that was read; ``quote`` is a verbatim span of that text (at most 300
    characters) that states the figure. ``unit`` is a unit string of the data
    grammar, or None when the words around the number name none that the unit
    definitions know (``proposed_unit`` then holds the noun, for a reviewer).
    ``metric`` and ``subject`` are guesses from the catalogue and the entities'
    names and aliases, None when nothing fits, each with its
    :class:`~guizhou_bigdata.reading.model.Confidence`. ``rules`` names the rules
    that produced the reading, so a reviewer can see why it was read that way.
    """

    start: int
    end: int
    as_written: str
    value: Decimal | None
    scale: Scale | None
    unit: str | None
    bound: Bound
    modality: Modality
    period: Period | None
    quote: str
    period_note: str | None = None
    proposed_unit: str | None = None
    quality: frozenset[Quality] = frozenset()
    quality_note: str | None = None
    metric: str | None = None
    subject: str | None = None
    rules: tuple[str, ...] = ()
    metric_confidence: Confidence | None = None
    """How sure the metric guess is; None when there is no guess."""
    subject_confidence: Confidence | None = None
    """How sure the subject guess is; None when there is no guess."""
