"""The words a fact is stated in: bounds, modalities, quality flags, ranks, scales, metric kinds.

Each is an enum (and, for the ones users pass as strings, a ``Literal`` of its
values), declared once here and used by the model, the loader, the reader and
every output.
"""

from __future__ import annotations

import enum
import functools
import re
from decimal import Decimal
from typing import Literal

__all__ = [
    "UNREVIEWED",
    "Bound",
    "BoundName",
    "CitationKind",
    "CitationKindName",
    "GrowthBasis",
    "MetricKind",
    "Modality",
    "ModalityName",
    "Quality",
    "QualityName",
    "Rank",
    "RankName",
    "Scale",
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

    Chinese statistics count in 万 (ten thousand), 亿 (a hundred million) and
    万亿 (a trillion, 10^12): "3.5亿 yuan" is value 3.5, scale 亿, never a
    silently rescaled 350000000; "45.5万亿元" is value 45.5, scale 万亿.
    """

    THOUSAND = "thousand"
    MILLION = "million"
    BILLION = "billion"
    TRILLION = "trillion"
    WAN = "万"
    YI = "亿"
    WAN_YI = "万亿"

    @property
    def factor(self) -> Decimal:
        """The multiplier the word stands for."""
        return _SCALE_FACTORS[self]

    @property
    def spellings(self) -> tuple[str, ...]:
        """How a text may write the word: 万 is 萬 and 亿 is 億 in traditional characters."""
        return _SCALE_SPELLINGS.get(self, (self.value,))

    def written_in(self, text: str) -> bool:
        """Whether ``text`` writes this scale word in any of its spellings (any case).

        A spelling in Latin letters counts as a word of its own: "mil" (Spanish
        and Portuguese for thousand) is not in "million", nor "bn" in "bnb".
        """
        lowered = text.lower()
        return any(
            spelling in lowered if not spelling.isascii() else _word_in(spelling, lowered)
            for spelling in self.spellings
        )


_SCALE_FACTORS = {
    Scale.THOUSAND: Decimal(10) ** 3,
    Scale.MILLION: Decimal(10) ** 6,
    Scale.BILLION: Decimal(10) ** 9,
    Scale.TRILLION: Decimal(10) ** 12,
    Scale.WAN: Decimal(10) ** 4,
    Scale.YI: Decimal(10) ** 8,
    Scale.WAN_YI: Decimal(10) ** 12,
}
_SCALE_SPELLINGS = {
    # English with its abbreviations, then Spanish, Portuguese, French and German:
    # a page in any language may be cited by the figure as it prints it.
    Scale.THOUSAND: ("thousand", "thousands", "mil", "mille", "tausend", "千", "천"),
    Scale.MILLION: (
        "million", "millions", "mln", "mn",
        "millón", "millones", "milhão", "milhões", "millionen", "mio",
    ),
    Scale.BILLION: (
        "billion", "billions", "bn", "bln",
        "mil millones", "mil milhões", "bilhão", "bilhões",
        "milliard", "milliards", "milliarde", "milliarden", "mrd",
    ),
    Scale.TRILLION: (
        "trillion", "trillions", "tn", "trn",
        "billón", "billones", "trilhão", "trilhões", "bilião", "biliões", "billionen",
    ),
    # Chinese, traditional characters, Korean (만 万, 억 亿, 조 万亿)
    Scale.WAN: ("万", "萬", "만"),
    Scale.YI: ("亿", "億", "억"),
    Scale.WAN_YI: ("万亿", "萬億", "万億", "萬亿", "조"),
}  # fmt: skip

SCALE_OF_SPELLING: dict[str, Scale] = {
    spelling: scale for scale, spellings in _SCALE_SPELLINGS.items() for spelling in spellings
} | {scale.value: scale for scale in Scale}
"""Every way a text may write a scale word, and the scale it writes: what the loader
checks a quote against and the drafter reads, declared once."""


@functools.cache
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W\d_]){re.escape(word)}(?![^\W\d_])")


def _word_in(word: str, lowered: str) -> bool:
    """``word`` stands in ``lowered`` with no letter joined to either side."""
    return _word_pattern(word).search(lowered) is not None


class CitationKind(enum.Enum):
    """How a citation shows where a statement was read.

    A ``quote`` carries the source's own sentence, verified against an archived
    text; a ``reference`` points into a web page the project does not archive
    (its sentences may not be copied) by a locator, the figure as printed and a
    statement in our own words.
    """

    QUOTE = "quote"
    REFERENCE = "reference"


CitationKindName = Literal["quote", "reference"]
"""The values of :class:`CitationKind`, for arguments that take either."""


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

    @property
    def over_a_period(self) -> bool:
        """Whether a figure sums or compares a whole period (a flow, a growth rate).

        Such a figure for January to October is not the year's: a yearly series
        counts it only for a whole calendar year. Any other kind (a count, a
        level, a share, a rank) is a state at a date and stands for its year.
        """
        return self in (MetricKind.FLOW, MetricKind.GROWTH_RATE)


class GrowthBasis(enum.Enum):
    """Whether a growth rate is at comparable prices (real), current prices, or unsaid."""

    REAL = "real"
    NOMINAL = "nominal"
    UNSPECIFIED = "unspecified"
