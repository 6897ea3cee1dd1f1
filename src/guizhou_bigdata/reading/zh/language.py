"""Which language a sentence is written in: the reader decides sentence by sentence.

A sentence is Chinese when its Chinese characters outnumber its words in Latin
letters: "数字经济增加值达到1.2万亿元" is Chinese, and so is "算力达到10 EFLOPS";
an English report that borrows a scale word ("4.8 亿元 on rural broadband") is
English.
"""

from __future__ import annotations

import re

__all__ = ["is_chinese", "language_of"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_./:@%?=&#~\-]*")
"""A word in Latin letters; a web address or file name ("www.example.cn/a.html") is one."""


def is_chinese(text: str, start: int = 0, end: int | None = None) -> bool:
    """True when ``text[start:end]`` has more Chinese characters than Latin words."""
    stop = len(text) if end is None else end
    han = len(_HAN.findall(text, start, stop))
    return han > 0 and han > len(_LATIN_WORD.findall(text, start, stop))


def language_of(text: str) -> str:
    """ "zh" when most sentences' worth of ``text`` is Chinese, else "en" (its characters
    are counted as :func:`is_chinese` counts a sentence's)."""
    return "zh" if is_chinese(text) else "en"
