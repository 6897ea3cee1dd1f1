"""TOML files -> checked model objects: every problem collected, nothing half-loaded."""

from __future__ import annotations

import codecs
import contextlib
import functools
import gc
import os
import re
import stat
import sys
import threading
import tomllib
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import cattrs

from ..core.characters import HIDDEN, character_name
from ..core.entities import DataCentre, Entity, Event, Organisation, Place, Platform, Policy
from ..core.errors import Problem, RegistryError, UnitError, did_you_mean, shown
from ..core.figures import numbers_in, quote_states, renderings, scale_words_after
from ..core.model import Citation, Fact, Metric, Source, archive_problem
from ..core.units import parse_unit
from ..core.vocabulary import Quality, Scale
from .records import (
    ENTITY_KINDS,
    KINDS,
    MAX_ID_LENGTH,
    FactRecord,
    format_error,
    resolving,
    shared_converter,
    valid_id,
)

if TYPE_CHECKING:
    from .registry import Registry

__all__ = [
    "MAX_KEY_PARTS",
    "MAX_NESTING",
    "MAX_QUOTE_LENGTH",
    "MAX_TEXT_LENGTH",
    "REVIEW_KEY",
    "bundled_files",
    "load_registry",
]

MAX_QUOTE_LENGTH = 300
"""Quotes are short: the package carries sentences, never whole paragraphs."""

REVIEW_KEY = "reviewed"
"""The mark of a machine-made record: ``reviewed = false`` until a person has checked it."""

PROPOSED_UNIT_KEY = "proposed_unit"
"""A draft fact's unit noun that units.txt does not define: a question for its reviewer."""

MAX_LISTED_UNREVIEWED = 10
"""Unreviewed records named per file in the refusal; the rest are counted."""

MAX_TEXT_LENGTH = 2000
"""Characters in any other text (notes, descriptions, names), at most."""

_ONE_LINE = frozenset({"quote", "title", "name", "name_zh", "aliases", "label", "authors",
                       "publisher", "as_written"})  # fmt: skip
"""Keys of one-line text: a quote is one sentence, a name or title one line. Other
text (notes, descriptions, methods) may run over several lines."""
_LIMITED_ELSEWHERE = frozenset({"id", "quote", "value"})
"""Keys whose length has a limit and a message of its own (ids, quotes, values)."""
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
_SCALE_WORDS = tuple(scale.value for scale in Scale)
"""The scale words a quote may write after a figure's value ("3 万", "2 million")."""

MAX_HINTS = 20
"""'Did you mean' hints per load: each compares a name with every id, so a file of
thousands of broken references would otherwise take minutes to refuse."""

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
class _File:
    label: str
    document: Mapping[str, Any]


@attrs.define
class _Collector:
    """Problems found so far; every check adds to it instead of raising."""

    problems: list[Problem] = attrs.Factory(list)
    hints_left: int = MAX_HINTS
    unreviewed: dict[str, list[str]] = attrs.Factory(dict)
    """Locations of the records marked ``reviewed = false``, by file."""
    unreviewed_facts: set[str] = attrs.Factory(set)
    unbuilt: list[tuple[str, str, str, dict[str, Any]]] = attrs.Factory(list)
    """(kind, file, location, row) of rows that did not structure: their references
    are still checked, so one load reports every problem of a record."""
    phantoms: set[str] = attrs.Factory(set)
    """Ids of those rows: a reference to one is not reported as unknown."""

    def unbuilt_row(self, kind: str, file: str, location: str, row: dict[str, Any]) -> None:
        self.unbuilt.append((kind, file, location, row))
        name = row.get("id")
        if isinstance(name, str):
            self.phantoms.add(name)

    def add(self, file: str, location: str, message: str) -> None:
        self.problems.append(Problem(file, location, message))

    def hint(self, name: str, options: Collection[str]) -> str:
        """A did-you-mean hint while the budget lasts, then none."""
        if self.hints_left <= 0:
            return ""
        self.hints_left -= 1
        return did_you_mean(name, options)


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


def _expand(path: str | os.PathLike[str], out: _Collector) -> list[Path]:
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


def _read(item: Traversable | Path, out: _Collector) -> _File | None:
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
    return _File(label, document)


def _check_text(document: object, label: str, out: _Collector) -> None:
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


def _rows(files: Iterable[_File], kind: str) -> Iterator[tuple[_File, str, dict[str, Any]]]:
    for file in files:
        rows = file.document.get(kind)
        if not isinstance(rows, list):
            continue
        for index, row in enumerate(rows):
            if isinstance(row, dict):
                name = row.get("id")
                if not isinstance(name, str):
                    named = ""
                else:  # a valid id in full; shown() cuts a longer (invalid) one short
                    named = (
                        f" (id {name!r})" if len(name) <= MAX_ID_LENGTH else f" (id {shown(name)})"
                    )
                yield file, f"{kind}[{index}]{named}", row


def _structure(
    files: Sequence[_File],
    kind: str,
    sources: Mapping[str, Source],
    out: _Collector,
) -> list[tuple[str, str, Any]]:
    """Structure every row of ``kind``; return (file, location, object) for the good ones.

    Citations are resolved against ``sources``.
    """
    cls = KINDS[kind]
    structure = shared_converter().get_structure_hook(cls)  # not cattrs' dispatch per row
    done: list[tuple[str, str, Any]] = []
    seen: dict[str, tuple[str, str]] = {}
    with resolving(sources, out.hint):
        for file, location, row in _rows(files, kind):
            unmarked = _take_marks(row, kind, file.label, location, out)
            if unmarked is None:
                continue
            try:
                obj = structure(unmarked, cls)
            except cattrs.BaseValidationError as exc:
                for message in format_error(exc, "$"):
                    text, _, path = message.rpartition(" @ ")
                    field = path.removeprefix("$").lstrip(".")
                    out.add(file.label, location + (f" {field}" if field else ""), text)
                out.unbuilt_row(kind, file.label, location, row)
                continue
            except (ValueError, TypeError) as exc:
                out.add(file.label, location, str(exc))
                out.unbuilt_row(kind, file.label, location, row)
                continue
            if not valid_id(obj.id):
                out.add(
                    file.label,
                    location,
                    f"id {shown(obj.id)} is not valid: use lower-case letters, digits, '_', '-' "
                    f"and '.', starting with a letter, at most {MAX_ID_LENGTH} characters",
                )
            namespace = "entity" if kind in ENTITY_KINDS else kind
            key = f"{namespace}:{obj.id}"
            if key in seen:
                out.add(
                    file.label,
                    location,
                    f"duplicate {namespace} id {shown(obj.id)}, first in {' '.join(seen[key])}",
                )
                continue
            seen[key] = (file.label, location)
            done.append((file.label, location, obj))
    return done


def _take_marks(
    row: dict[str, Any], kind: str, file: str, location: str, out: _Collector
) -> dict[str, Any] | None:
    """The row without its review marks, which are noted in ``out``; None if a mark is bad.

    ``reviewed`` may stand on a record of any kind and ``proposed_unit`` on an
    unreviewed fact: they say what a person still has to check, not what the
    record states.
    """
    if REVIEW_KEY not in row and PROPOSED_UNIT_KEY not in row:
        return row
    row = dict(row)
    mark = row.pop(REVIEW_KEY, True)
    proposed = row.pop(PROPOSED_UNIT_KEY, None) if kind == "fact" else None
    if not isinstance(mark, bool):
        out.add(file, f"{location} {REVIEW_KEY}", f"expected true or false, got {shown(mark)}")
        return None
    if not mark:
        out.unreviewed.setdefault(file, []).append(location)
        if kind == "fact" and isinstance(row.get("id"), str):
            out.unreviewed_facts.add(row["id"])
    if proposed is not None and not isinstance(proposed, str):
        out.add(
            file, f"{location} {PROPOSED_UNIT_KEY}", f"expected a string, got {shown(proposed)}"
        )
        return None
    if proposed is not None and mark:
        out.add(
            file,
            f"{location} {PROPOSED_UNIT_KEY}",
            f"a reviewed fact cannot leave its unit open: give the unit {shown(proposed)} "
            "stands for from units.txt (or keep the unit written), then delete proposed_unit",
        )
        return None
    return row


def _refuse_unreviewed(out: _Collector) -> None:
    """One problem per file that holds records nobody has checked yet."""
    for file, locations in out.unreviewed.items():
        count = len(locations)
        listed = ", ".join(locations[:MAX_LISTED_UNREVIEWED])
        more = count - MAX_LISTED_UNREVIEWED
        records = "record" if count == 1 else "records"
        out.add(
            file,
            "",
            f"{count} unreviewed {records} (reviewed = false): {listed}"
            + (f" and {more} more" if more > 0 else "")
            + "; a draft is not checked data: review each record and delete its "
            "'reviewed = false' (guizhou-bigdata check FILE lists what to settle), "
            "or load it as a draft with drafts=True",
        )


_gc_lock = threading.Lock()
_gc_pauses = 0
_gc_was_enabled = False


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a load builds its records.

    A load creates a dozen objects per fact and no reference cycles, yet each
    thousand new objects starts a collection that walks them all again: a fifth
    of the time of a 100,000-fact load. Loads in several threads nest; the
    collector's state before the first is restored after the last.
    """
    global _gc_pauses, _gc_was_enabled
    with _gc_lock:
        if _gc_pauses == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_pauses += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pauses -= 1
            if _gc_pauses == 0 and _gc_was_enabled:
                gc.enable()


def load_registry(
    *paths: str | os.PathLike[str], bundled: bool = True, drafts: bool = False
) -> Registry:
    """Load and check data files; return a :class:`~.registry.Registry` or raise.

    ``paths`` are TOML files or folders of them, read after the bundled data
    when ``bundled`` is true. Every problem in every file is collected into one
    :class:`~.errors.RegistryError`. A record marked ``reviewed = false`` is
    refused unless ``drafts`` is true; then it loads with every other check, and
    its facts have ``reviewed`` False.
    """
    with _collector_paused():
        return _load(paths, bundled, drafts)


def _load(paths: Sequence[str | os.PathLike[str]], bundled: bool, drafts: bool) -> Registry:
    from .registry import Registry

    out = _Collector()
    items: list[Traversable | Path] = list(bundled_files()) if bundled else []
    for path in paths:
        items.extend(_expand(path, out))
    files = [read for item in items if (read := _read(item, out)) is not None]

    source_rows = _structure(files, "source", {}, out)
    sources = {obj.id: obj for _, _, obj in source_rows}
    _check_archives(source_rows, out)
    metric_rows = _structure(files, "metric", sources, out)
    metrics = {obj.id: obj for _, _, obj in metric_rows}
    entities: dict[str, tuple[str, str, Entity]] = {}
    for kind in ENTITY_KINDS:
        for file, location, obj in _structure(files, kind, sources, out):
            if obj.id in entities:
                first = entities[obj.id]
                out.add(
                    file,
                    location,
                    f"duplicate entity id {shown(obj.id)}, first in {first[0]} {first[1]}",
                )
                continue
            entities[obj.id] = (file, location, obj)
    milestones = _structure(files, "milestone", sources, out)
    records = _structure(files, "fact", sources, out)

    by_id = {key: value[2] for key, value in entities.items()}
    _check_entities(entities, by_id, out)
    for file, location, milestone in milestones:
        for subject in milestone.subjects:
            _need(subject, by_id, "entity", file, f"{location} subjects", out)
    units_ok = _check_metrics(metric_rows, by_id, out)
    fact_ids = {record.id for _, _, record in records}
    _check_unbuilt(out, sources, metrics, by_id, fact_ids)
    facts = [
        fact
        for file, location, record in records
        if (
            fact := _build_fact(
                record, file, location, sources, metrics, by_id, fact_ids, units_ok, out
            )
        )
        is not None
    ]
    if not drafts:
        _refuse_unreviewed(out)
    if out.problems:
        raise RegistryError(out.problems)
    from .derive import derive_facts

    where = {record.id: (file, location) for file, location, record in records}
    for derived in derive_facts(facts, metrics):
        if derived.id in where:  # name the user's record, not the library's computation
            file, location = where[derived.id]
            out.add(
                file,
                f"{location} id",
                f"id {shown(derived.id)} is the id of a fact the library derives "
                f"({derived.method}); give this fact another id",
            )
        facts.append(derived)
    if out.problems:
        raise RegistryError(out.problems)
    return Registry(
        sources=tuple(sources.values()),
        metrics=tuple(metrics.values()),
        entities=tuple(by_id.values()),
        milestones=tuple(obj for _, _, obj in milestones),
        facts=tuple(facts),
    )


_REFERENCES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "fact": (("metric", "metric"), ("subject", "subject"), ("source", "source"),
             ("derived_from", "fact")),
    "metric": (("default_subject", "entity"),),
    "place": (("parent", "place"),),
    "organisation": (("parent", "organisation"), ("location", "place")),
    "data_centre": (("operator", "organisation"), ("location", "place")),
    "platform": (("operator", "organisation"), ("location", "place")),
    "event": (("location", "place"),),
    "policy": (("issuer", "organisation"),),
    "milestone": (("subjects", "entity"),),
}  # fmt: skip
"""The fields of each kind that name another record, and what they name."""


def _check_archives(rows: Iterable[tuple[str, str, Source]], out: _Collector) -> None:
    """An archive names a file inside the sources folder: no absolute path, no '..'."""
    for file, location, source in rows:
        why = None if source.archive is None else archive_problem(source.archive)
        if why is not None:
            out.add(file, f"{location} archive", f"archive {shown(source.archive)} {why}")


def _check_unbuilt(
    out: _Collector,
    sources: Mapping[str, Source],
    metrics: Mapping[str, Metric],
    entities: Mapping[str, Entity],
    fact_ids: Collection[str],
) -> None:
    """Check what can be checked of rows that did not structure: references, units, quotes."""
    places = {k for k, v in entities.items() if isinstance(v, Place)}
    organisations = {k for k, v in entities.items() if isinstance(v, Organisation)}
    known: Mapping[str, Collection[str]] = {
        "metric": metrics,
        "subject": entities,
        "entity": entities,
        "source": sources,
        "fact": fact_ids,
        "place": places,
        "organisation": organisations,
    }
    for kind, file, location, row in out.unbuilt:
        for field, what in _REFERENCES.get(kind, ()):
            value = row.get(field)
            refs = value if isinstance(value, list) else [value]
            for ref in refs:
                if isinstance(ref, str):
                    _need(ref, known[what], what, file, f"{location} {field}", out)
        if kind != "fact":
            continue
        unit = row.get("unit")
        if isinstance(unit, str):
            try:
                parse_unit(unit)
            except UnitError as exc:
                out.add(file, f"{location} unit", str(exc))
        quotes = [("quote", row.get("quote"))]
        extra = row.get("more_citations")
        for index, citation in enumerate(extra if isinstance(extra, list) else []):
            if isinstance(citation, dict):
                source = citation.get("source")
                if isinstance(source, str):
                    _need(source, sources, "source", file, f"{location} more_citations", out)
                quotes.append((f"more_citations[{index}]", citation.get("quote")))
        for field, quote in quotes:
            problem = _quote_problem(quote) if isinstance(quote, str) else None
            if problem is not None:
                out.add(file, f"{location} {field}", problem)


def _need(
    ref: str | None, known: Collection[str], what: str, file: str, where: str, out: _Collector
) -> bool:
    if ref is None or ref in known:
        return True
    if ref in out.phantoms:
        return False  # it names a record whose own problems are reported
    out.add(file, where, f"unknown {what} {shown(ref)}{out.hint(ref, known)}")
    return False


def _check_entities(
    entities: Mapping[str, tuple[str, str, Entity]], by_id: Mapping[str, Entity], out: _Collector
) -> None:
    places = {key: obj for key, obj in by_id.items() if isinstance(obj, Place)}
    organisations = {key: obj for key, obj in by_id.items() if isinstance(obj, Organisation)}
    for file, location, obj in entities.values():
        refs: list[tuple[str | None, Collection[str], str, str]] = []
        if isinstance(obj, Place):
            refs.append((obj.parent, places, "place", "parent"))
        elif isinstance(obj, Organisation):
            refs += [(obj.parent, organisations, "organisation", "parent"),
                     (obj.location, places, "place", "location")]  # fmt: skip
        elif isinstance(obj, DataCentre | Platform):
            refs += [(obj.operator, organisations, "organisation", "operator"),
                     (obj.location, places, "place", "location")]  # fmt: skip
        elif isinstance(obj, Event):
            refs.append((obj.location, places, "place", "location"))
        elif isinstance(obj, Policy):
            refs.append((obj.issuer, organisations, "organisation", "issuer"))
        for ref, known, what, field in refs:
            _need(ref, known, what, file, f"{location} {field}", out)
        _check_quotes(obj.citations, file, f"{location} citations", out)
    _check_names(entities, out)


def _check_names(entities: Mapping[str, tuple[str, str, Entity]], out: _Collector) -> None:
    """A name or alias names one entity: "Cloud Guizhou" cannot be a company and a platform."""
    owners: dict[str, set[str]] = defaultdict(set)
    for _, _, obj in entities.values():
        for name in (obj.name, *obj.aliases):
            owners[name.casefold()].add(obj.id)
    for file, location, obj in entities.values():
        for index, alias in enumerate(obj.aliases):
            others = sorted(owners[alias.casefold()] - {obj.id})
            if others:
                out.add(
                    file,
                    f"{location} aliases[{index}]",
                    f"alias {shown(alias)} also names {', '.join(map(shown, others))}; "
                    "a name or alias may name one entity only",
                )


def _check_metrics(
    rows: Iterable[tuple[str, str, Metric]], by_id: Mapping[str, Entity], out: _Collector
) -> dict[str, bool]:
    units_ok: dict[str, bool] = {}
    for file, where, metric in rows:
        if not metric.id.isidentifier():
            out.add(
                file, where, "a metric id must be a Python identifier (it names gb.metrics.<id>)"
            )
        _need(metric.default_subject, by_id, "entity", file, f"{where} default_subject", out)
        try:
            parse_unit(metric.unit)
            units_ok[metric.id] = True
        except UnitError as exc:
            out.add(file, f"{where} unit", str(exc))
            units_ok[metric.id] = False
    return units_ok


def _quote_problem(quote: str) -> str | None:
    """What is wrong with a quote's length, if anything."""
    if not quote:
        return "the quote is empty: give the words of the source that state the figure"
    if len(quote) > MAX_QUOTE_LENGTH:
        return (
            f"quote of {len(quote)} characters is too long: quote at most "
            f"{MAX_QUOTE_LENGTH} characters, the sentence that states the figure"
        )
    return None


def _check_quotes(citations: Iterable[Citation], file: str, where: str, out: _Collector) -> None:
    for citation in citations:
        problem = _quote_problem(citation.quote)
        if problem is not None:
            out.add(file, where, problem)


@functools.lru_cache(maxsize=4096)
def _same_dimension(unit: str, expected: str) -> bool:
    """Whether two (valid) unit strings measure the same thing; asked once per pair."""
    return bool(parse_unit(unit).dimensionality == parse_unit(expected).dimensionality)


def _build_fact(
    record: FactRecord,
    file: str,
    location: str,
    sources: Mapping[str, Source],
    metrics: Mapping[str, Metric],
    entities: Mapping[str, Entity],
    fact_ids: set[str],
    units_ok: Mapping[str, bool],
    out: _Collector,
) -> Fact | None:
    before = len(out.problems)

    def here(field: str) -> str:
        return f"{location} {field}"

    _need(record.subject, entities, "subject", file, here("subject"), out)
    metric_ok = _need(record.metric, metrics, "metric", file, here("metric"), out)
    source_ok = _need(record.source, sources, "source", file, here("source"), out)
    for extra in record.more_citations:  # a source whose own row failed adds no problem here
        source_ok = _need(extra.source, sources, "source", file, here("more_citations"), out) and (
            source_ok
        )
    for ref in record.derived_from:
        _need(ref, fact_ids, "fact", file, here("derived_from"), out)
    if record.derived_from and not record.method:
        out.add(file, here("method"), "a derived fact must say how it was computed")
    try:
        parse_unit(record.unit)
    except UnitError as exc:
        out.add(file, here("unit"), str(exc))
    else:
        if metric_ok and units_ok.get(record.metric):
            metric = metrics[record.metric]
            if not _same_dimension(record.unit, metric.unit):
                out.add(
                    file,
                    here("unit"),
                    f"unit {record.unit!r} does not fit metric {shown(metric.id)}, whose unit is "
                    f"{metric.unit!r}",
                )
    # Quotes first: Citation refuses an empty one, and an over-long one is not searched.
    quotes = [("quote", record.quote)]
    quotes += [(f"more_citations[{i}]", c.quote) for i, c in enumerate(record.more_citations)]
    quote_ok = True
    for field, quote in quotes:
        problem = _quote_problem(quote)
        if problem is not None:
            out.add(file, here(field), problem)
            quote_ok = quote_ok and field != "quote"
    if quote_ok:
        # A unit of its own ("Gyuan") may carry the scale; the metric's unit cannot.
        in_metric_unit = metric_ok and record.unit == metrics[record.metric].unit
        _check_figure(record, file, location, out, in_metric_unit=in_metric_unit)
    if record.quality and not record.note:
        out.add(file, here("note"), "a flagged fact must give the reason in its note")
    if len(out.problems) > before or not source_ok:
        return None
    citations = (
        Citation(source=sources[record.source], quote=record.quote),
        *(Citation(source=sources[c.source], quote=c.quote) for c in record.more_citations),
    )
    return Fact(
        id=record.id,
        metric=record.metric,
        subject=record.subject,
        period=record.period,
        value=record.value,
        unit=record.unit,
        bound=record.bound,
        modality=record.modality,
        citations=citations,
        scale=record.scale,
        as_written=record.as_written,
        quality=frozenset(record.quality),
        rank=record.rank,
        note=record.note,
        period_note=record.period_note,
        derived_from=record.derived_from,
        method=record.method,
        reviewed=record.id not in out.unreviewed_facts,
    )


def _check_figure(
    record: FactRecord, file: str, location: str, out: _Collector, *, in_metric_unit: bool
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
            if Quality.INTERPRETATION not in record.quality and record.value not in numbers_in(
                written
            ):
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


def _check_more_quotes(record: FactRecord, file: str, location: str, out: _Collector) -> None:
    """Each further citation's quote states the figure too: as written, or its value."""
    written = record.as_written
    for index, citation in enumerate(record.more_citations):
        quote = citation.quote
        if _quote_problem(quote) is not None:  # empty or over-long: reported already
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
