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
from ..core.vocabulary import SCALE_OF_SPELLING, Quality
from .problems import Collector
from .records import (
    FactRecord,
)

__all__ = [
    "MAX_QUOTE_LENGTH",
    "MAX_SAYS_LENGTH",
    "check_figure",
    "check_quotes",
    "quote_problem",
    "reference_problems",
    "says_problem",
]


MAX_QUOTE_LENGTH = 300
"""Quotes are short: the package carries sentences, never whole paragraphs."""


_SCALE_WORDS = tuple(SCALE_OF_SPELLING)
"""The scale words a quote may write after a figure's value ("3 万", "3 萬", "2 million")."""


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


MAX_SAYS_LENGTH = MAX_QUOTE_LENGTH
"""What a reference citation says in our own words is as short as a quote: one statement."""


def says_problem(says: str) -> str | None:
    """What is wrong with a reference citation's ``says``, if anything."""
    if not says:
        return "'says' is empty: state the figure in your own words, in one sentence"
    if len(says) > MAX_SAYS_LENGTH:
        return (
            f"'says' of {len(says)} characters is too long: at most {MAX_SAYS_LENGTH} "
            "characters, one statement of the figure in your own words"
        )
    return None


def reference_problems(
    locator: str | None, as_written: str | None, says: str | None
) -> list[tuple[str, str]]:
    """(field, problem) for each of a reference citation's fields that is missing or bad.

    A reference citation (no quote) points into a page the project does not archive:
    where the figure stands, the figure as printed, and what it says in our words.
    """
    problems: list[tuple[str, str]] = []
    if not locator:
        problems.append(
            (
                "locator",
                f"{'the locator is empty' if locator == '' else 'no locator'}: a reference "
                "citation (a fact without 'quote') says where the figure stands, such as "
                "locator = 'section 2, paragraph 3' or 'table 1, row 4'",
            )
        )
    if not as_written:
        problems.append(
            (
                "as_written",
                f"{'as_written is empty' if as_written == '' else 'no as_written'}: a "
                "reference citation (a fact without 'quote') gives the figure exactly as "
                "printed, in the source's language, such as as_written = '20164.58亿元'",
            )
        )
    if says is None:
        problems.append(
            (
                "says",
                "no says: a reference citation (a fact without 'quote') states the figure "
                f"in our own words, at most {MAX_SAYS_LENGTH} characters, such as "
                "says = 'GDP in 2022 was about 2.02 trillion yuan.'",
            )
        )
    else:
        problem = says_problem(says)
        if problem is not None:
            problems.append(("says", problem))
    return problems


def check_quotes(citations: Iterable[Citation], file: str, where: str, out: Collector) -> None:
    """Each quote is short, and each reference's ``says`` too."""
    for citation in citations:
        if citation.quote is not None:
            problem = quote_problem(citation.quote)
        else:
            problem = None if citation.says is None else says_problem(citation.says)
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
    by a scale word ("3 万 enterprises") must record that scale. A reference
    citation has no quote: its ``as_written`` is the words checked.
    """
    if record.derived_from:
        return
    written = record.as_written
    if record.quote is not None:
        quote, named, field = record.quote, "the quote", "quote"
    elif written:
        quote, named, field = written, f"as_written {shown(written)}", "as_written"
    else:  # a reference without its figure as printed: reported as such
        return
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
                f"{location} {field}",
                f"the quote does not write the value {record.value} (plain or with thousands "
                "separators); give the figure as printed in 'as_written'",
            )
        lowered = quote.lower()
        if record.scale is not None and not record.scale.written_in(quote):
            out.add(
                file,
                f"{location} scale",
                f"the scale word {record.scale.value!r} is not in {named}",
            )
        elif (
            record.scale is None
            and in_metric_unit
            and any(word in lowered for word in _SCALE_WORDS)  # most quotes have none
            # A reference's as_written is the figure itself, scale word and all.
            and (
                written is None
                or record.quote is None
                or written.strip() in renderings(record.value)
            )
        ):
            words = scale_words_after(quote, record.value, _SCALE_WORDS)
            if len(words) == 1:
                out.add(
                    file,
                    f"{location} scale",
                    f"{named} writes {record.value} {words[0]}, not {record.value}: give "
                    f"scale = {SCALE_OF_SPELLING[words[0]].value!r}",
                )
            elif words:
                out.add(
                    file,
                    f"{location} scale",
                    f"{named} writes {record.value} {''.join(words)}, several scale words "
                    "that multiply it: record the value as you read it, with 'as_written', "
                    "and flag the reading 'interpretation'",
                )
    if record.more_citations:
        _check_more_quotes(record, file, location, out, kind)


def _check_more_reference(
    record: FactRecord,
    printed: str | None,
    where: str,
    file: str,
    kind: str | None,
    out: Collector,
) -> None:
    """A further reference citation's ``as_written`` is a reading of the fact's value."""
    if not printed or record.value is None:  # a missing one is reported with its fields
        return
    readings = numbers_in(printed) | word_readings(printed, kind, record.unit)
    written = record.as_written
    same = written is not None and written in printed
    if not same and Quality.INTERPRETATION not in record.quality and record.value not in readings:
        out.add(
            file,
            f"{where} as_written",
            f"value {record.value} is not a reading of {shown(printed)}; an interpretation "
            "that differs from the printed figure must be flagged 'interpretation'",
        )
    scale = record.scale
    if scale is not None and not scale.written_in(printed):
        out.add(
            file,
            f"{where} as_written",
            f"the scale word {scale.value!r} is not in {shown(printed)}",
        )


def _check_more_quotes(
    record: FactRecord, file: str, location: str, out: Collector, kind: str | None = None
) -> None:
    """Each further citation's quote states the figure too: as written, or its value."""
    written = record.as_written
    for index, citation in enumerate(record.more_citations):
        where = f"{location} more_citations[{index}]"
        if citation.quote is None:
            _check_more_reference(record, citation.as_written, where, file, kind, out)
            continue
        quote = citation.quote
        if quote_problem(quote) is not None:  # empty or over-long: reported already
            continue
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
        if record.value is not None and scale is not None and not scale.written_in(quote):
            out.add(
                file, where, f"the scale word {scale.value!r} is not in the quote {shown(quote)}"
            )
