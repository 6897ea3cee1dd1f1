"""Paragraphs and sentences of a text, as offsets into it.

A figure's quote is the sentence that states it, and a period stated earlier
in a paragraph holds for the sentences after it: both need the text's
structure, and both must stay verbatim, so only offsets are kept.
"""

from __future__ import annotations

import re
import threading
import tomllib
from importlib import resources

import attrs

__all__ = ["Sentence", "sentences"]

_lock = threading.Lock()
_boundary: re.Pattern[str] | None = None
_abbreviations: set[str] = set()
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


@attrs.frozen
class Sentence:
    """A sentence: ``start``/``end`` offsets in the text and its paragraph's number."""

    start: int
    end: int
    paragraph: int


def _pattern() -> re.Pattern[str]:
    global _boundary
    found = _boundary
    if found is not None:
        return found
    with _lock:
        if _boundary is None:
            path = resources.files("guizhou_bigdata.reading") / "lexicons" / "text.toml"
            words = tomllib.loads(path.read_text(encoding="utf-8"))["abbreviations"]["words"]
            _abbreviations.update(words)
            _boundary = re.compile(
                r"(?:[.!?]|\.\.\.|…)[\"”’)\]]*(?:\s+|(?=[A-Z“\"]))(?=[A-Z0-9“\"‘'(<$])"
            )
        return _boundary


def sentences(text: str) -> tuple[Sentence, ...]:
    """The sentences of ``text``; a line break always ends a paragraph."""
    found: list[Sentence] = []
    boundary = _pattern()
    for paragraph, line in enumerate(re.finditer(r"[^\n]+", text)):
        start = line.start()
        for match in boundary.finditer(text, line.start(), line.end()):
            if text[match.start()] == "." and not text.startswith("...", match.start()):
                word = _WORD_BEFORE.search(
                    text, max(line.start(), match.start() - 12), match.start() + 1
                )
                if word is not None and word.group(1) in _abbreviations:
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
