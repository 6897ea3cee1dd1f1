"""Reading data files safely: which files a path names, their bytes as UTF-8 TOML, and
the text in them, refused before parsing where it would cost too much (key depth, nesting)
or show wrongly (control characters, over-long text)."""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import attrs

from ..core.characters import HIDDEN, character_name
from ..core.errors import shown
from .problems import Collector
from .records import (
    KINDS,
)

__all__ = [
    "MAX_KEY_PARTS",
    "MAX_NESTING",
    "MAX_TEXT_LENGTH",
    "DataFile",
    "bundled_files",
    "expand",
    "read_data_file",
]


MAX_TEXT_LENGTH = 2000
"""Characters in any other text (notes, descriptions, names), at most."""


_ONE_LINE = frozenset({"quote", "title", "name", "name_zh", "aliases", "label", "authors",
                       "publisher", "as_written", "locator", "says", "url"})  # fmt: skip
"""Keys of one-line text: a quote is one sentence, a name or title one line. Other
text (notes, descriptions, methods) may run over several lines."""


_LIMITED_ELSEWHERE = frozenset({"id", "quote", "value", "says", "url"})
"""Keys whose length has a limit and a message of its own (ids, quotes, values, what a
reference says, a source's URL)."""


_SUSPECT = ("\\", '"""', "'''")
"""Where a control character or a long text could hide in TOML text: escapes such as
\\u0000, and multi-line strings. TOML itself refuses raw C0 controls and DEL; raw C1
controls and bidirectional controls are valid TOML, so non-ASCII text is searched too."""


_REFUSED_TEXT = (
    "text may hold {allowed}, but no other control character (C0, DEL, C1) and no "
    "bidirectional control (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) or line "
    "or paragraph separator (U+2028, U+2029): on a terminal they overwrite or reorder "
    "what is shown"
)
"""The end of the message refusing such a character: what text may hold instead."""


MAX_KEY_PARTS = 32
"""Dotted parts in one key or table header (``a.b.c`` has 3), at most. The format's
records nest 2 or 3 deep; tomllib's work grows with the square of a key's parts, so a
100 KB key of 50,000 parts would take minutes to refuse."""


MAX_NESTING = 32
"""Arrays and inline tables nested in one another, at most (``citations = [{ ... }]``
is 2)."""


_NOT_STRUCTURE = bytes(byte for byte in range(256) if byte not in b"[]{}.\n")
"""Bytes the quick structure check drops: all but brackets, dots and line feeds."""


_PAIR = re.compile(rb"[\[{][\]}]")
"""An innermost pair of brackets: removing them all peels one level of nesting."""


_TOKEN = re.compile(
    r'(?P<string>"""(?s:[^"\\]|\\.|"(?!""))*+"{3,5}|"(?:[^"\\\n]|\\.)*+"'
    r"|'''(?s:[^']|'(?!''))*+'{3,5}|'[^'\n]*+')"
    r"|(?P<newline>\n)|(?P<space>[ \t\r]+)|(?P<comment>#[^\n]*+)"
    r"|(?P<bare>[A-Za-z0-9_+:-]+)|(?P<other>.)",
    re.DOTALL,
)
"""One TOML token: a string, a line feed, spaces, a comment, a bare word or one character."""


@attrs.frozen
class DataFile:
    label: str
    document: Mapping[str, Any]


def bundled_files() -> list[Traversable]:
    """The package's own data files, in a stable order."""
    root = resources.files("guizhou_bigdata") / "data"
    return sorted(_walk(root), key=lambda item: str(item))


def _walk(folder: Traversable) -> Iterator[Traversable]:
    for item in folder.iterdir():
        if item.is_dir():
            yield from _walk(item)
        elif item.name.endswith(".toml"):
            yield item


def expand(path: str | os.PathLike[str], out: Collector) -> list[Path]:
    """The data files ``path`` names: itself, or the .toml files in the folder it names."""
    from ..core.writing import refusal

    given: object = path
    if not isinstance(given, str | os.PathLike):
        out.add(shown(given), "", "a data path is a string or a path-like object")
        return []
    if os.fspath(path) == "":
        out.add("''", "", "an empty path names no file: give a TOML file or a folder of them")
        return []
    path = Path(path)
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            found, refused = [], 0
            for item in sorted(path.rglob("*.toml")):
                mode = item.stat().st_mode
                why = refusal(mode)
                if why is None:
                    found.append(item)
                elif not stat.S_ISDIR(mode):  # a folder named x.toml is just a folder
                    refused += 1
                    out.add(str(item), "", f"{why}, not a data file: only regular files are read")
            if not found and not refused:
                out.add(str(path), "", "folder holds no .toml data files")
            return found
    except FileNotFoundError:
        out.add(str(path), "", "no such file or folder")
        return []
    except OSError as exc:  # a name too long, a loop of links, no permission
        out.add(str(path), "", f"cannot read file or folder: {exc.strerror or exc}")
        return []
    except ValueError as exc:  # a NUL in the name, which Python words differently by version
        problem = "embedded null byte" if "\x00" in str(path) else str(exc)
        out.add(str(path), "", f"not a valid file name ({problem})")
        return []
    why = refusal(status.st_mode)
    if why is not None:
        out.add(str(path), "", f"{why}: give a TOML file or a folder of them")
        return []
    return [path]


def _label(item: Traversable | Path) -> str:
    if isinstance(item, Path):
        return str(item)
    text = str(item).replace(os.sep, "/")
    marker = "guizhou_bigdata/data/"
    return "<bundled> " + (text.split(marker, 1)[1] if marker in text else item.name)


def _may_nest_too_deeply(raw: bytes) -> bool:
    """Whether ``raw`` may hold a key of too many parts or too deep a nesting.

    Quick, at the speed of bytes methods, on the brackets, dots and line feeds alone: a
    key of more than :data:`MAX_KEY_PARTS` parts puts as many dots on one line, and
    brackets are peeled one level at a time. It never misses a key that
    :func:`_structure_problem` refuses; brackets in strings may hide a deep nesting from
    it, which tomllib then parses (no deeper than its recursion allows) and the checks
    of the records refuse.
    """
    structure = raw.translate(None, _NOT_STRUCTURE)
    if b"." * MAX_KEY_PARTS in structure.translate(None, b"[]{}"):
        return True
    brackets = structure.translate(None, b".\n")
    for _ in range(MAX_NESTING + 1):
        brackets, peeled = _PAIR.subn(b"", brackets)
        if not peeled:  # what is left opens and never closes: invalid, unless few
            return brackets.count(b"[") + brackets.count(b"{") > MAX_NESTING
    return True


def _structure_problem(text: str) -> tuple[int, str] | None:
    """The offset of the first key of more than :data:`MAX_KEY_PARTS` parts or array or
    inline table nested more than :data:`MAX_NESTING` deep, and what is wrong; or None.

    A scan of TOML's tokens, strings and comments skipped whole, in linear time: tomllib
    takes time in the square of a key's parts. Anything else that is not valid TOML is
    left for tomllib to name.
    """
    open_brackets: list[str] = []
    mode = "line"  # line: a key or header may start; key, header: in one; value: after '='
    parts = 0
    start = 0
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        if kind in ("space", "comment"):
            continue
        if kind == "newline":
            if not open_brackets:
                mode = "line"
            continue
        token = match.group()
        if mode == "line":
            mode, parts = ("header", 0) if token == "[" else ("key", 0)
            if mode == "header":
                continue
        if mode in ("key", "header"):
            if kind in ("bare", "string"):
                if parts == 0:
                    start = match.start()
                parts += 1
                if parts > MAX_KEY_PARTS:
                    what = "table header" if mode == "header" else "key"
                    return start, (
                        f"a {what} of more than {MAX_KEY_PARTS} dotted parts: keys and table "
                        f"headers may have at most {MAX_KEY_PARTS} (the format's records nest "
                        "2 or 3 deep, as in [[fact]] or citations = [{ ... }])"
                    )
            elif token == "." or (token == "[" and mode == "header" and parts == 0):
                pass  # between two parts, or the second '[' of '[[fact]]'
            elif token == "}" and open_brackets:  # an empty inline table, or a trailing comma
                open_brackets.pop()
                mode = "value"
            else:  # '=' or ']' ends the key or header; anything else is for tomllib to name
                mode = "value"
            continue
        if token in ("[", "{"):
            open_brackets.append(token)
            if len(open_brackets) > MAX_NESTING:
                return match.start(), (
                    f"arrays and inline tables nested more than {MAX_NESTING} deep: at most "
                    f"{MAX_NESTING} levels are allowed (the format's values nest 2 deep, as "
                    "in citations = [{ ... }])"
                )
            if token == "{":
                mode, parts = "key", 0
        elif token in ("]", "}"):
            if open_brackets:
                open_brackets.pop()
        elif token == "," and open_brackets and open_brackets[-1] == "{":
            mode, parts = "key", 0
    return None


def _line_and_column(text: str, offset: int) -> str:
    """``line 3, column 5``: where ``offset`` is, counted from 1 as editors do."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def read_data_file(item: Traversable | Path, out: Collector) -> DataFile | None:
    label = _label(item)
    try:
        raw = item.read_bytes()
    except OSError as exc:
        out.add(label, "", f"cannot read file: {exc.strerror or exc}")
        return None
    if raw.startswith(codecs.BOM_UTF8):
        out.add(
            label,
            "byte 0",
            "file starts with a UTF-8 byte-order mark, which TOML does not allow: "
            "save it as UTF-8 without BOM",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        out.add(label, f"byte {exc.start}", "file is not valid UTF-8 text (TOML files must be)")
        return None
    if _may_nest_too_deeply(raw):
        problem = _structure_problem(text)
        if problem is not None:
            offset, message = problem
            out.add(label, _line_and_column(text, offset), message)
            return None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        out.add(label, "", f"not valid TOML: {exc}")
        return None
    except RecursionError:
        problem = _structure_problem(text)
        if problem is None:
            out.add(label, "", "not valid TOML: arrays or tables nested too deeply")
        else:
            out.add(label, _line_and_column(text, problem[0]), problem[1])
        return None
    except ValueError as exc:  # tomllib lets int() refuse a literal of over 4300 digits
        message = (
            f"an integer of more than {sys.get_int_max_str_digits()} digits; values are "
            'strings of digits such as "208.542"'
            if "integer string conversion" in str(exc)
            else str(exc)
        )
        out.add(label, "", f"not valid TOML: {message}")
        return None
    # Text is walked only where a control character or an over-long text may be.
    if (
        any(mark in text for mark in _SUSPECT)
        or (not text.isascii() and HIDDEN.search(text) is not None)
        or max(map(len, text.splitlines()), default=0) > MAX_TEXT_LENGTH
    ):
        _check_text(document, label, out)
    kinds = ", ".join(f"[[{kind}]]" for kind in KINDS)
    for key, value in document.items():
        if key not in KINDS:
            out.add(label, key[:60], f"unknown table {shown(key)}: a data file holds only {kinds}")
        elif not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
            out.add(label, key, f"{key!r} must be an array of tables, written [[{key}]]")
    return DataFile(label, document)


def _check_text(document: object, label: str, out: Collector) -> None:
    """Refuse control characters (NUL and the like) and over-long text anywhere in a document.

    Iterative: dotted keys nest tables thousands deep without any recursion in tomllib.
    """
    pending: list[tuple[object, str, str]] = [(document, "", "")]
    while pending:
        value, where, key = pending.pop()
        if isinstance(value, str):
            one_line = key in _ONE_LINE
            hidden = set(HIDDEN.findall(value[:1_000_000]))
            if one_line and "\n" in value:
                hidden.add("\n")
            if hidden:
                out.add(label, where, _hidden_message(sorted(hidden), key, one_line=one_line))
            if len(value) > MAX_TEXT_LENGTH and key not in _LIMITED_ELSEWHERE:
                out.add(
                    label,
                    where,
                    f"text of {len(value):,} characters is too long: at most {MAX_TEXT_LENGTH:,}",
                )
        elif isinstance(value, dict):
            for name, item in value.items():
                pending.append((name, where, ""))
                pending.append(
                    (item, f"{where} {name}".strip() if len(name) <= 60 else where, name)
                )
        elif isinstance(value, list):
            pending.extend((item, f"{where}[{index}]", key) for index, item in enumerate(value))


def _hidden_message(chars: Sequence[str], key: str, *, one_line: bool) -> str:
    """Which control characters a text holds, by code point and name, and what is allowed."""
    named = ", ".join(map(character_name, chars[:5]))
    more = f" and {len(chars) - 5} more" if len(chars) > 5 else ""
    allowed = "tabs" if one_line else "tabs and line feeds"
    why = _REFUSED_TEXT.format(allowed=allowed)
    if one_line:
        what = "a quote is one sentence" if key == "quote" else f"{shown(key)} is one line"
        why = f"{what}, written on one line (join its lines with a space); {why}"
    return f"text holds control characters ({named}{more}), which are refused: {why}"
