"""Quote checks: a quote is short, and states the figure as written, with its scale word."""

from __future__ import annotations

from collections.abc import Iterable

from ..core.errors import shown
from ..core.figures import (
    numbers_in,
    quote_states,
    renderings,
    scale_words_after,
    word_readings,
)
from ..core.model import Citation
from ..core.vocabulary import Quality, Scale
from .problems import Collector
from .records import (
    FactRecord,
)

__all__ = ["MAX_QUOTE_LENGTH", "check_figure", "check_quotes", "quote_problem"]


MAX_QUOTE_LENGTH = 300
"""Quotes are short: the package carries sentences, never whole paragraphs."""


_SCALE_WORDS = tuple(scale.value for scale in Scale)
"""The scale words a quote may write after a figure's value ("3 万", "2 million")."""


def quote_problem(quote: str) -> str | None:
    """What is wrong with a quote's length, if anything."""
    if not quote:
        return "the quote is empty: give the words of the source that state the figure"
    if len(quote) > MAX_QUOTE_LENGTH:
        return (
            f"quote of {len(quote)} characters is too long: quote at most "
            f"{MAX_QUOTE_LENGTH} characters, the sentence that states the figure"
        )
    return None


def check_quotes(citations: Iterable[Citation], file: str, where: str, out: Collector) -> None:
    for citation in citations:
        problem = quote_problem(citation.quote)
        if problem is not None:
            out.add(file, where, problem)


def check_figure(
    record: FactRecord,
    file: str,
    location: str,
    out: Collector,
    *,
    in_metric_unit: bool,
    kind: str | None = None,
) -> None:
    """Every quote must contain the figure as written, and as_written must agree with value.

    A value in its metric's own unit whose every statement in the quote is followed
    by a scale word ("3 万 enterprises") must record that scale.
    """
    if record.derived_from:
        return
    quote = record.quote
    written = record.as_written
    if written is not None and written not in quote:
        out.add(
            file,
            f"{location} as_written",
            f"{shown(written)} does not stand in the quote {shown(quote)}",
        )
    elif record.value is None:
        if written is None:
            out.add(
                file,
                f"{location} as_written",
                "a fact with no readable value must give the figure as printed",
            )
        if Quality.GARBLED not in record.quality:
            out.add(
                file,
                f"{location} quality",
                "a fact with no readable value must be flagged 'garbled'",
            )
    else:
        if written is not None:
            readings = numbers_in(written) | word_readings(written, kind, record.unit)
            if Quality.INTERPRETATION not in record.quality and record.value not in readings:
                out.add(
                    file,
                    f"{location} value",
                    f"value {record.value} is not a reading of {shown(written)}; an "
                    "interpretation that differs from the printed figure must be flagged "
                    "'interpretation'",
                )
        elif not quote_states(quote, record.value):
            out.add(
                file,
                f"{location} quote",
                f"the quote does not write the value {record.value} (plain or with thousands "
                "separators); give the figure as printed in 'as_written'",
            )
        lowered = quote.lower()
        if record.scale is not None and record.scale.value not in lowered:
            out.add(
                file,
                f"{location} scale",
                f"the scale word {record.scale.value!r} is not in the quote",
            )
        elif (
            record.scale is None
            and in_metric_unit
            and any(word in lowered for word in _SCALE_WORDS)  # most quotes have none
            and (written is None or written.strip() in renderings(record.value))
        ):
            words = scale_words_after(quote, record.value, _SCALE_WORDS)
            if len(words) == 1:
                out.add(
                    file,
                    f"{location} scale",
                    f"the quote writes {record.value} {words[0]}, not {record.value}: give "
                    f"scale = {words[0]!r}",
                )
            elif words:
                out.add(
                    file,
                    f"{location} scale",
                    f"the quote writes {record.value} {''.join(words)}, several scale words "
                    "that multiply it: record the value as you read it, with 'as_written', "
                    "and flag the reading 'interpretation'",
                )
    if record.more_citations:
        _check_more_quotes(record, file, location, out)


def _check_more_quotes(record: FactRecord, file: str, location: str, out: Collector) -> None:
    """Each further citation's quote states the figure too: as written, or its value."""
    written = record.as_written
    for index, citation in enumerate(record.more_citations):
        quote = citation.quote
        if quote_problem(quote) is not None:  # empty or over-long: reported already
            continue
        where = f"{location} more_citations[{index}]"
        stated = (written is not None and written in quote) or (
            record.value is not None and quote_states(quote, record.value)
        )
        if not stated and written is not None:
            out.add(file, where, f"{shown(written)} does not stand in the quote {shown(quote)}")
        elif not stated and record.value is not None:
            out.add(
                file,
                where,
                f"the quote does not write the value {record.value} (plain or with thousands "
                "separators); give the figure as printed in 'as_written'",
            )
        scale = record.scale
        if record.value is not None and scale is not None and scale.value not in quote.lower():
            out.add(
                file, where, f"the scale word {scale.value!r} is not in the quote {shown(quote)}"
            )
