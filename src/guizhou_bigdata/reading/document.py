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

__all__ = ["Sentence", "sentences"]

_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@attrs.frozen
class Sentence:
    """A sentence: ``start``/``end`` offsets in the text and its paragraph's number."""

    start: int
    end: int
    paragraph: int


_BOUNDARY = re.compile(r"(?:[.!?]|\.\.\.|…)[\"”’)\]]*(?:\s+|(?=[A-Z“\"]))(?=[A-Z0-9“\"‘'(<$])")
"""Where a sentence may end: a full stop, question or exclamation mark before a capital."""


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
            _append(found, text, start, match.end(), paragraph)
            start = match.end()
        _append(found, text, start, line.end(), paragraph)
    return tuple(found)


def _append(found: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        found.append(Sentence(start, end, paragraph))
