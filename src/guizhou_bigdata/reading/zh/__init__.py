"""The Chinese reader: figures in Chinese sentences, read into the same drafts as English.

The reader decides the language sentence by sentence (:func:`is_chinese`); a
Chinese sentence is split at 。！？； and line breaks, its numerals are found by
:func:`scan_chinese_numerals` (digits, full-width digits, numerals in
characters, 万 and 亿) and read by the rules of :data:`ZH_RULES`, whose words
live in ``lexicons/zh/*.toml``.

>>> import datetime
>>> from guizhou_bigdata.reading import read_figures
>>> (reading,) = read_figures("2022年，全省数字经济增加值达到663亿元。",
...                           published=datetime.date(2023, 3, 1))
>>> reading.as_written, reading.value, reading.scale.value, reading.unit, str(reading.period)
('663亿元', Decimal('663'), '亿', 'yuan', '2022')
"""

from __future__ import annotations

from .language import is_chinese, language_of
from .numerals import chinese_value, scan_chinese_numerals
from .rules import ZH_RULES

__all__ = ["ZH_RULES", "chinese_value", "is_chinese", "language_of", "scan_chinese_numerals"]
