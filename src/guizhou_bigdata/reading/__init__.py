"""The draft reader: turns an article's text into figures for a person to review.

>>> import datetime
>>> from guizhou_bigdata.reading import read_figures
>>> text = "Last year, the province built more than 5,000 base stations."
>>> [r.as_written for r in read_figures(text, published=datetime.date(2024, 3, 1))]
['more than 5,000']
"""

from __future__ import annotations

from .model import Reading
from .reader import MAX_QUOTE, SetAside, numbers_set_aside, read_figures
from .rules import RULES as _ENGLISH_RULES
from .rules import Rule, Stage
from .scanner import Numeral, NumeralKind, scan_numerals
from .zh import ZH_RULES, is_chinese, scan_chinese_numerals

RULES: tuple[Rule, ...] = tuple(
    sorted((*_ENGLISH_RULES, *ZH_RULES), key=lambda rule: list(Stage).index(rule.stage))
)
"""Every rule of the reader, English and Chinese (``language`` says which sentences each
reads), stage by stage and in the order each runs within its stage."""

__all__ = [
    "MAX_QUOTE",
    "RULES",
    "Numeral",
    "NumeralKind",
    "Reading",
    "Rule",
    "SetAside",
    "Stage",
    "is_chinese",
    "numbers_set_aside",
    "read_figures",
    "scan_chinese_numerals",
    "scan_numerals",
]
