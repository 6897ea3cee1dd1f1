"""A Frictionless Data Package: the facts and what they refer to, as linked CSV tables.

The package is ``datapackage.json`` (the descriptor) and, beside it, a folder
of one CSV file per table named after the descriptor and the tables' content
(``datapackage-<16 hex digits>/facts.csv``). Each resource carries its Table
Schema (types, constraints, primary key) and foreign keys link the tables: a
fact's source, subject and metric, a citation's fact and source, the source an
entity or milestone is cited from. The descriptor names the licence and the
data version, and each file's size and SHA-256 so that a reader can tell a
changed file.

Writing is all or nothing (``write_package``): the tables go into a new
folder, and replacing the descriptor, one atomic rename, switches readers from
the old tables to the new ones; the old folder is removed afterwards. A reader
therefore finds the old package or the new one, never tables of two versions,
and the folder's other files are left alone.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
import warnings
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..core.writing import (
    LEFTOVER_AFTER,
    fsync_folder,
    is_temporary,
    replaceable,
    temporary_name,
    write_file,
)
from .columns import (
    CITATIONS,
    ENTITIES,
    FACTS,
    METRICS,
    MILESTONES,
    SOURCES,
    ColumnType,
    Table,
    numbered_citations,
)
from .formats import FORMULA_STARTS, GUARD, csv_text, table_schema

if TYPE_CHECKING:
    from ..core.model import Fact
    from ..store.registry import Registry

__all__ = [
    "DESCRIPTOR_NAME",
    "LICENCE_NOTE",
    "PACKAGE_NAME",
    "SPREADSHEET_NOTE",
    "TABLE_FILES",
    "PackageFiles",
    "package_files",
    "write_package",
]

DESCRIPTOR_NAME = "datapackage.json"
"""The descriptor's file name, as the Data Package standard names it."""

LICENCE_NOTE = (
    "The data records (the tables' structure, ids, readings, notes and flags) are released "
    "under the MIT licence of the guizhou-bigdata project. Each quote is a short citation "
    "of the named source, reproduced to show where a figure was read; its text remains "
    "the work of that source's publisher and is not relicensed. A reference citation "
    "reproduces no sentence of its source: it gives the page's URL, a locator, the figure "
    "as printed and a statement in the project's own words."
)
"""What the licence covers, as the descriptor states it."""

PACKAGE_NAME = "guizhou-bigdata"
"""The descriptor's ``name``: how an export knows a descriptor it replaces is its own."""

_TABLES: tuple[Table[Any], ...] = (FACTS, CITATIONS, SOURCES, METRICS, ENTITIES, MILESTONES)
TABLE_FILES: tuple[str, ...] = tuple(f"{table.name}.csv" for table in _TABLES)
"""The tables' file names, in the descriptor's order."""


def _shown(start: str) -> str:
    return {"\t": "tab", "\r": "carriage return"}.get(start, start)


def _exact_columns() -> str:
    names = [
        f"{table.name}.{column.name}"
        for table in _TABLES
        for column in table.columns
        if column.type is ColumnType.STRING and not column.text
    ]
    return ", ".join(names)


SPREADSHEET_NOTE = (
    "In the CSV files, a text cell (any string field but the decimal ones: "
    f"{_exact_columns()}) that begins with {', '.join(map(_shown, FORMULA_STARTS))} "
    f"or {GUARD} is written with one {GUARD} before it, so that no spreadsheet runs it as "
    f"a formula; remove one leading {GUARD} from each text cell to get the exact text."
)
"""How the CSV files guard spreadsheets, as the descriptor states it."""

_LICENCES = [
    {
        "name": "MIT",
        "path": "https://opensource.org/licenses/MIT",
        "title": "MIT License (the data records; quotes are short citations of their sources)",
    }
]


def _resource(table: Table[Any], path: str, content: bytes) -> dict[str, object]:
    return {
        "name": table.name,
        "path": path,
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
        "schema": table_schema(table),
    }


@attrs.frozen
class PackageFiles:
    """A package's content: its tables' folder, the tables, and the descriptor that names them."""

    folder: str
    """The tables' folder, beside the descriptor: ``<descriptor stem>-<16 hex digits>``."""
    tables: tuple[tuple[str, bytes], ...]
    """(file name, content) of each table, in the descriptor's order."""
    descriptor: bytes


def _folder_name(descriptor_name: str, tables: Iterable[tuple[str, bytes]]) -> str:
    """The tables' folder: the descriptor's stem and a digest of the tables' names and bytes.

    The same tables give the same name, so exporting unchanged data changes no file.
    """
    digest = hashlib.sha256()
    for name, content in tables:
        digest.update(name.encode("utf-8") + b"\0" + len(content).to_bytes(8, "big"))
        digest.update(content)
    return f"{Path(descriptor_name).stem}-{digest.hexdigest()[:16]}"


def package_files(
    registry: Registry,
    facts: Sequence[Fact],
    about: Mapping[str, str],
    *,
    descriptor_name: str = DESCRIPTOR_NAME,
) -> PackageFiles:
    """The package's content: one CSV per table, and the descriptor naming them.

    ``facts`` are the facts to include (a filtered selection keeps every source,
    entity and metric, so that each reference resolves); ``about`` holds the
    data version and digest when the facts are the bundled data's;
    ``descriptor_name`` names the tables' folder. This writes nothing.
    """
    tables = tuple(
        (f"{table.name}.csv", csv_text(table, rows).encode("utf-8"))
        for table, rows in (
            (FACTS, FACTS.rows(facts)),
            (CITATIONS, CITATIONS.rows(numbered_citations(facts))),
            (SOURCES, SOURCES.rows(registry.sources())),
            (METRICS, METRICS.rows(registry.metrics())),
            (ENTITIES, ENTITIES.rows(registry.entities())),
            (MILESTONES, MILESTONES.rows(registry.timeline())),
        )
    )
    folder = _folder_name(descriptor_name, tables)
    resources = [
        _resource(table, f"{folder}/{name}", content)
        for table, (name, content) in zip(_TABLES, tables, strict=True)
    ]
    descriptor: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Checked, cited figures on Guizhou's big-data economy",
        "description": "Figures on Guizhou's big-data economy, each with the verbatim quote "
        "it was read from, or a reference into a web page, and its source. "
        + LICENCE_NOTE
        + " "
        + SPREADSHEET_NOTE,
        "licenses": _LICENCES,
        "sources": [  # Data Package sources name a web page by "path"
            {"title": source.cite()} | ({} if source.url is None else {"path": source.url})
            for source in registry.sources()
        ],
        "keywords": ["guizhou", "big data", "digital economy", "statistics", "citations"],
    }
    if "data_version" in about:
        descriptor["version"] = about["data_version"]
    descriptor.update({key: value for key, value in about.items() if key != "data_version"})
    descriptor["resources"] = resources
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    return PackageFiles(folder, tables, text.encode("utf-8"))


MAX_DESCRIPTOR_BYTES = 16 * 1024 * 1024
"""A descriptor to be replaced is read for the tables it names up to this size; a
larger file is no descriptor of this library's."""


def write_package(path: Path, files: PackageFiles) -> None:
    """Write the package at ``path`` (its descriptor), all or nothing; make its folder.

    The tables go into a temporary folder, which is renamed to
    :attr:`PackageFiles.folder` beside the descriptor; then the descriptor is
    replaced (:func:`~.writing.write_file`), switching readers to the new tables
    in one rename. Only then are the tables the old descriptor named removed:
    its folder, or the ``facts.csv`` … of a package written beside its
    descriptor by an earlier version. A failure at any step leaves the old
    package whole and no new file behind. Files of the user's in the folder are
    never touched; folders that killed exports left are removed once
    :data:`~.writing.LEFTOVER_AFTER` old.
    """
    replaceable(path)  # a folder or a FIFO at the descriptor's path fails before any write
    parent = path.parent
    parent.mkdir(parents=True, exist_ok=True)
    stem = Path(path.name).stem
    previous = _named_tables(path, stem)
    folder = parent / files.folder
    created = _place_tables(folder, files.tables)
    try:
        write_file(path, files.descriptor)
    except BaseException:
        if created:
            _remove_tables(folder)  # no descriptor names it
        raise
    fsync_folder(parent)
    now_named = {f"{files.folder}/{name}" for name, _ in files.tables}
    try:
        _remove_named(parent, sorted(previous - now_named))
        _remove_leftover_folders(parent, stem, keep=files.folder)
    except OSError as exc:
        warnings.warn(
            f"guizhou_bigdata wrote the package {path} but could not remove the old tables "
            f"or a killed export's folder from {parent} ({exc.strerror or exc}); the package "
            "is whole and the next export tries again",
            RuntimeWarning,
            stacklevel=3,
        )


def _version_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(re.escape(stem) + r"-[0-9a-f]{16}", re.DOTALL)


def _named_tables(path: Path, stem: str) -> set[str]:
    """The tables (paths relative to its folder) the descriptor at ``path`` names, if it is ours.

    Only a descriptor of this library (``name`` is :data:`PACKAGE_NAME`) counts,
    and only paths this library writes: a table file beside it (earlier
    versions) or in a tables' folder of this descriptor. Another JSON file at
    the path names nothing: it is replaced and its files are left alone.
    """
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_DESCRIPTOR_BYTES + 1)
    except FileNotFoundError:
        return set()
    if len(data) > MAX_DESCRIPTOR_BYTES:
        return set()
    try:
        described = json.loads(data)
    except (ValueError, RecursionError):  # not UTF-8, not JSON, nested beyond reason
        return set()
    if not isinstance(described, dict) or described.get("name") != PACKAGE_NAME:
        return set()
    resources = described.get("resources")
    if not isinstance(resources, list):
        return set()
    versions = _version_pattern(stem)
    named = set()
    for resource in resources:
        where = resource.get("path") if isinstance(resource, dict) else None
        if not isinstance(where, str):
            continue
        folder, _, name = where.rpartition("/")
        if name in TABLE_FILES and (folder == "" or versions.fullmatch(folder)):
            named.add(where)
    return named


def _place_tables(folder: Path, tables: Sequence[tuple[str, bytes]]) -> bool:
    """Put the tables in ``folder``, whole; return whether the folder is new.

    A folder of that name holds the same tables already (its name is their
    digest): a file in it that differs, edited by hand, is written again.
    """
    try:
        status = os.lstat(folder)
    except FileNotFoundError:
        status = None
    if status is not None:
        if not stat.S_ISDIR(status.st_mode):
            raise OSError(
                errno.EEXIST,
                "is not a folder: refusing to replace it with the tables' folder",
                str(folder),
            )
        for name, content in tables:
            if _content(folder / name) != content:
                write_file(folder / name, content)
        return False
    temporary = folder.with_name(temporary_name(folder.name))
    os.mkdir(temporary)
    try:
        for name, content in tables:
            write_file(temporary / name, content)
        fsync_folder(temporary)
        os.rename(temporary, folder)
    except BaseException:
        _remove_tables(temporary)
        raise
    fsync_folder(folder.parent)
    return True


def _content(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _remove_tables(folder: Path) -> None:
    """Remove a tables' folder: its tables and temporary files, then the folder if empty.

    A file of another name (the user's) stays, and so does the folder, with a warning.
    """
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        if name in TABLE_FILES or is_temporary(name):
            (folder / name).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except FileNotFoundError:
        return
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
            raise
        kept = sorted(set(os.listdir(folder)))
        warnings.warn(
            f"guizhou_bigdata kept the old tables' folder {folder}: it holds files that are "
            f"not the library's ({', '.join(kept)})",
            RuntimeWarning,
            stacklevel=5,
        )


def _remove_named(parent: Path, named: Iterable[str]) -> None:
    """Remove the old descriptor's tables: files beside it, or its tables' folders."""
    folders = set()
    for where in named:
        folder, _, name = where.rpartition("/")
        if folder:
            folders.add(folder)
        else:
            (parent / name).unlink(missing_ok=True)
    for folder in sorted(folders):
        _remove_tables(parent / folder)


def _remove_leftover_folders(
    parent: Path, stem: str, *, keep: str, now: float | None = None
) -> list[Path]:
    """Remove tables' folders of killed exports: no descriptor names them any more.

    Those of this descriptor (named ``<stem>-<hex>``, or a temporary name for
    one), of the current user, untouched for :data:`~.writing.LEFTOVER_AFTER`
    seconds: a younger one may be another export's, still running.
    """
    import time

    now = time.time() if now is None else now
    versions = _version_pattern(stem)
    user = os.geteuid() if hasattr(os, "geteuid") else None
    removed = []
    with os.scandir(parent) as entries:
        candidates = [
            entry
            for entry in entries
            if entry.name != keep
            and (
                versions.fullmatch(entry.name)
                or (is_temporary(entry.name) and versions.fullmatch(entry.name[1:-17]))
            )
        ]
    for entry in candidates:
        try:
            status = entry.stat(follow_symlinks=False)
        except FileNotFoundError:
            continue
        if not stat.S_ISDIR(status.st_mode) or (user is not None and status.st_uid != user):
            continue
        if now - status.st_mtime > LEFTOVER_AFTER:
            _remove_tables(Path(entry.path))
            removed.append(Path(entry.path))
    return removed
