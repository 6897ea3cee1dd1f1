"""Characters that make a terminal show what the text does not say.

A control character or a bidirectional override would make a terminal show
something the data does not say (a carriage return that overwrites a figure,
U+202E that turns "2019" into "9102"). The loader refuses them in data files
(:data:`HIDDEN`, named by :func:`character_name`), and the command line shows
whatever reaches it with each one escaped (:func:`terminal_text`).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["HIDDEN", "HIDDEN_IN_ONE_LINE", "character_name", "terminal_text"]

_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""The bidirectional controls (Unicode's Bidi_Control): marks, embeddings, overrides
and isolates, which reorder what a terminal shows ("2019" shown as "9102")."""
HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
"""Characters that make a terminal show what the text does not say: C0 controls but
tab and line feed (carriage return, escape, backspace...), DEL, C1 controls (next
line, the control sequence introducer...), bidirectional controls, and the line and
paragraph separators. Data files may not hold them; the command line escapes them."""
HIDDEN_IN_ONE_LINE = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
""":data:`HIDDEN` with the line feed: what a one-line field (a quote, a title, a name)
may not hold. A draft's quotes are cut short of it."""
_HIDDEN_OR_LAYOUT = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\u2028\u2029]")
""":data:`HIDDEN` with tab and line feed: what a one-line field of a table escapes."""

_C0_NAMES = (
    "NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT", "END OF TRANSMISSION",
    "ENQUIRY", "ACKNOWLEDGE", "ALERT", "BACKSPACE", "CHARACTER TABULATION", "LINE FEED",
    "LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT", "SHIFT IN",
    "DATA LINK ESCAPE", "DEVICE CONTROL ONE", "DEVICE CONTROL TWO", "DEVICE CONTROL THREE",
    "DEVICE CONTROL FOUR", "NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
    "END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE", "ESCAPE",
    "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE", "INFORMATION SEPARATOR TWO",
    "INFORMATION SEPARATOR ONE",
)  # fmt: skip
_C1_NAMES = (
    "PADDING CHARACTER", "HIGH OCTET PRESET", "BREAK PERMITTED HERE", "NO BREAK HERE", "INDEX",
    "NEXT LINE", "START OF SELECTED AREA", "END OF SELECTED AREA", "CHARACTER TABULATION SET",
    "CHARACTER TABULATION WITH JUSTIFICATION", "LINE TABULATION SET", "PARTIAL LINE FORWARD",
    "PARTIAL LINE BACKWARD", "REVERSE LINE FEED", "SINGLE SHIFT TWO", "SINGLE SHIFT THREE",
    "DEVICE CONTROL STRING", "PRIVATE USE ONE", "PRIVATE USE TWO", "SET TRANSMIT STATE",
    "CANCEL CHARACTER", "MESSAGE WAITING", "START OF GUARDED AREA", "END OF GUARDED AREA",
    "START OF STRING", "SINGLE GRAPHIC CHARACTER INTRODUCER", "SINGLE CHARACTER INTRODUCER",
    "CONTROL SEQUENCE INTRODUCER", "STRING TERMINATOR", "OPERATING SYSTEM COMMAND",
    "PRIVACY MESSAGE", "APPLICATION PROGRAM COMMAND",
)  # fmt: skip
"""Unicode's names (aliases) of the controls, which ``unicodedata.name`` does not give."""

_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def character_name(char: str) -> str:
    """``U+000D CARRIAGE RETURN``: the code point and the name a message shows."""
    code = ord(char)
    if code < 0x20:
        name = _C0_NAMES[code]
    elif code == 0x7F:
        name = "DELETE"
    elif 0x80 <= code <= 0x9F:
        name = _C1_NAMES[code - 0x80]
    else:
        name = unicodedata.name(char, "")
    return f"U+{code:04X} {name}".rstrip()


def _python_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _unicode_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def terminal_text(text: str, *, one_line: bool = False, unicode_escapes: bool = False) -> str:
    """``text`` with every :data:`HIDDEN` character shown as an escape (``\\r``, ``\\x9b``,
    ``\\u202e``), so a terminal shows what it holds.

    Tab and line feed are kept: they are the layout of text and tables. A field of a
    one-line record (a table row) is ``one_line``: its own tabs and line feeds are
    escaped too, so data cannot add a row or a column. ``unicode_escapes`` writes
    every escape as ``\\uXXXX``, which JSON and TOML strings read back as the same
    character.
    """
    hidden = _HIDDEN_OR_LAYOUT if one_line else HIDDEN
    if hidden.search(text) is None:
        return text
    return hidden.sub(_unicode_escape if unicode_escapes else _python_escape, text)
