"""Paragraphs and sentences of a text, as offsets into it.

A figure's quote is the sentence that states it, and a period stated earlier
in a paragraph holds for the sentences after it: both need the text's
structure, and both must stay verbatim, so only offsets are kept.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import attrs

from .lazy import once

__all__ = ["MAX_SENTENCE", "Sentence", "sentences"]

MAX_SENTENCE = 1000
"""The most characters the reader takes as one sentence. A longer run without a full
stop (a table on one line, a long list) is read in pieces cut at a semicolon, comma,
bar or tab, else at a space: every rule looks only within its sentence, so the work
per character stays the same however long the line (the five articles' longest
sentence is 744 characters)."""

_CUTS = (re.compile(r";\s|；"), re.compile(r",\s|[|\t，、]"), re.compile(r"\s"))
"""Where an over-long sentence is cut, best first: after a semicolon (；), after a comma
(，、), bar or tab, after a space."""

_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_INITIALS = re.compile(r"[A-Z]\.[A-Z]\.")
"""Initials written with stops ("U.S.", "U.K.", "J.P."): the first stop is no sentence end."""


@attrs.frozen
class Sentence:
    """A sentence: ``start``/``end`` offsets in the text and its paragraph's number."""

    start: int
    end: int
    paragraph: int


_BOUNDARY = re.compile(
    r"(?:[.!?]|\.\.\.|…)[\"”’)\]]*(?:\s+|(?=[A-Z“\"]))(?=[A-Z0-9“\"‘'(<$])"
    r"|[。！？；][”’」』）)\"]*\s*|[;!?](?=[\u3400-\u9fff])"
)
"""Where a sentence may end: a full stop, question or exclamation mark before a capital;
in Chinese, 。！？ and ； wherever they stand (with a closing quotation mark after them),
and ; ! ? written half-width before a Chinese character."""


@once
def _abbreviations() -> frozenset[str]:
    """Words a full stop ends without ending the sentence ("Mr.", "Co."), from the lexicon."""
    path = resources.files("guizhou_bigdata.reading") / "lexicons" / "text.toml"
    return frozenset(tomllib.loads(path.read_text(encoding="utf-8"))["abbreviations"]["words"])


def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text``; a line break always ends a paragraph."""
    found: list[Sentence] = []
    abbreviations = _abbreviations()
    for paragraph, line in enumerate(re.finditer(r"[^\n]+", text)):
        start = line.start()
        for match in _BOUNDARY.finditer(text, line.start(), line.end()):
            if text[match.start()] == "." and not text.startswith("...", match.start()):
                word = _WORD_BEFORE.search(
                    text, max(line.start(), match.start() - 12), match.start() + 1
                )
                if word is not None and word.group(1) in abbreviations:
                    continue
                if _INITIALS.match(text, match.start() - 1, line.end()) and (
                    match.start() < line.start() + 2 or not text[match.start() - 2].isalpha()
                ):
                    continue  # "U.S. dollars", "J.P.": a stop between initials ends nothing
            _append(found, text, start, match.end(), paragraph)
            start = match.end()
        _append(found, text, start, line.end(), paragraph)
    return tuple(found)


def _append(found: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while end - start > MAX_SENTENCE:
        cut = _cut(text, start, start + MAX_SENTENCE)
        _append_one(found, text, start, cut, paragraph)
        start = cut
    _append_one(found, text, start, end, paragraph)


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a piece of an over-long sentence: the last good cut before ``limit``,
    in the second half of the piece so that every piece is long; never inside digits."""
    low = start + MAX_SENTENCE // 2
    for pattern in _CUTS:
        ends = [match.end() for match in pattern.finditer(text, low, limit)]
        if ends:
            return ends[-1]
    cut = limit  # no space at all: step back out of any digits the limit falls in
    while cut > low and (text[cut - 1].isdigit() or text[cut - 1] in ".,"):
        cut -= 1
    return cut if cut > low else limit


def _append_one(found: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        found.append(Sentence(start, end, paragraph))
