"""Provenance: every quote verified word for word against the archived source texts."""

from __future__ import annotations

import enum
import errno
import hashlib
import os
import stat
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from ..core.entities import Entity, Milestone
from ..core.model import Citation, Source, archive_problem
from ..store.registry import Registry

__all__ = [
    "MAX_TEXT_BYTES",
    "ProvenanceFinding",
    "ProvenanceIssue",
    "ProvenanceReport",
    "verify_sources",
]


class ProvenanceIssue(enum.Enum):
    """What went wrong when checking a record against its archived text."""

    NO_ARCHIVE = "no_archive"
    MISSING_TEXT = "missing_text"
    HASH_MISMATCH = "hash_mismatch"
    QUOTE_NOT_FOUND = "quote_not_found"
    REFUSED_PATH = "refused_path"


@attrs.frozen
class ProvenanceFinding:
    """One failed check, with the records it puts in doubt."""

    issue: ProvenanceIssue
    source: str
    records: tuple[str, ...]
    message: str

    def __str__(self) -> str:
        if self.issue is ProvenanceIssue.QUOTE_NOT_FOUND or not self.records:
            return f"{self.source}: {self.message}"
        return f"{self.source}: {self.message}; affects {', '.join(self.records)}"


@attrs.frozen
class ProvenanceReport:
    """The outcome of :func:`verify_sources`: what was checked and what failed."""

    directory: str
    sources_checked: int
    quotes_checked: int
    findings: tuple[ProvenanceFinding, ...]
    references: int = 0
    """Reference citations, which point into web pages the project does not archive:
    they carry no quote, so there is nothing to verify against a text."""

    @property
    def ok(self) -> bool:
        """True when every text is present and intact and every quote stands in it."""
        return not self.findings

    def __str__(self) -> str:
        head = (
            f"Checked {self.quotes_checked} quotes against {self.sources_checked} archived "
            f"texts in {self.directory}"
        )
        if self.references == 1:
            head += (
                " (1 reference citation of an unarchived web page carries no quote and is "
                "not checked against a text)"
            )
        elif self.references:
            head += (
                f" ({self.references} reference citations of unarchived web pages carry no "
                "quote and are not checked against a text)"
            )
        head += ": "
        if self.ok:
            return head + "all verified."
        lines = [head + f"{len(self.findings)} problems."]
        lines.extend(f"  - {finding}" for finding in self.findings)
        return "\n".join(lines)


def _citations(registry: Registry) -> Iterator[tuple[str, Citation]]:
    for fact in registry.facts():
        for citation in fact.citations:
            yield fact.id, citation
    records: tuple[Entity | Milestone, ...] = (*registry.entities(), *registry.timeline())
    for record in records:
        for citation in record.citations:
            yield record.id, citation


MAX_TEXT_BYTES = 16 * 1024 * 1024
"""The largest archived text :func:`verify_sources` reads: articles are kilobytes."""


def _refused(source: Source, why: str) -> tuple[None, ProvenanceFinding]:
    message = f"archived text {source.archive!r} {why}; it was not read"
    return None, ProvenanceFinding(ProvenanceIssue.REFUSED_PATH, source.id, (), message)


def _read_confined(folder: Path, archive: str) -> bytes:
    """The bytes of ``archive`` if it is a regular file inside ``folder`` within the size limit.

    Raises FileNotFoundError when it is missing and ValueError, saying why, when it
    is refused: a link out of the folder, a device, FIFO or folder, or too large.
    """
    path = folder / archive
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        raise ValueError(f"leads out of {folder} (to {resolved})")
    # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(resolved, flags)
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise ValueError("is not a regular file (a folder, device or FIFO)")
    with os.fdopen(descriptor, "rb") as file:
        if status.st_size > MAX_TEXT_BYTES:
            raise ValueError(f"is larger than the limit of {MAX_TEXT_BYTES:,} bytes")
        data = file.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise ValueError(f"is larger than the limit of {MAX_TEXT_BYTES:,} bytes")
    return data


def _read_text(source: Source, directory: Path) -> tuple[str | None, ProvenanceFinding | None]:
    if source.archive is None:
        message = "the source record names no archived text, so its quotes cannot be verified"
        return None, ProvenanceFinding(ProvenanceIssue.NO_ARCHIVE, source.id, (), message)
    why = archive_problem(source.archive)
    if why is not None:
        return _refused(source, why)
    try:
        raw = _read_confined(directory, source.archive)
    except ValueError as exc:
        return _refused(source, str(exc))
    except OSError:
        message = f"archived text {source.archive} is missing from {directory}"
        return None, ProvenanceFinding(ProvenanceIssue.MISSING_TEXT, source.id, (), message)
    if source.sha256 is not None:
        digest = hashlib.sha256(raw).hexdigest()
        if digest != source.sha256:
            message = (
                f"{source.archive} has SHA-256 {digest}, not the recorded {source.sha256}: "
                "the text was changed"
            )
            return raw.decode("utf-8", "replace"), ProvenanceFinding(
                ProvenanceIssue.HASH_MISMATCH, source.id, (), message
            )
    return raw.decode("utf-8", "replace"), None


def verify_sources(
    directory: str | os.PathLike[str], registry: Registry, *, only: Iterable[str] | None = None
) -> ProvenanceReport:
    """Check each source's archived text and hash, and every quote against its text.

    Reference citations carry no quote: they are counted (``references``), not
    verified, and a source cited only by references, with no archived text, is
    not read.

    ``only`` limits the check to those source ids (your own articles, in a folder
    that does not hold the bundled ones); an id the registry lacks raises
    :class:`~.errors.FactNotFoundError` naming the closest ones.

    A finding names the facts, entities and milestones it affects, so a changed
    or missing article points straight at the records that cite it. Only regular
    files inside ``directory`` are read (no absolute paths, no ``..``, no links
    out of it), of at most :data:`MAX_TEXT_BYTES`; a source whose text is refused
    is a ``refused_path`` finding. A ``directory`` that is not a folder raises
    :class:`NotADirectoryError` (or :class:`FileNotFoundError` when missing).
    """
    folder = Path(directory)
    if not folder.is_dir():
        if not folder.exists():
            raise FileNotFoundError(
                errno.ENOENT, "no such folder of archived source texts", str(folder)
            )
        raise NotADirectoryError(
            errno.ENOTDIR, "not a folder: give the folder of archived source texts", str(folder)
        )
    by_source: dict[str, list[tuple[str, Citation]]] = defaultdict(list)
    referenced: dict[str, int] = defaultdict(int)
    for record_id, citation in _citations(registry):
        if citation.quote is None:  # a reference: nothing of the page is archived to check
            referenced[citation.source.id] += 1
        else:
            by_source[citation.source.id].append((record_id, citation))
    findings: list[ProvenanceFinding] = []
    quotes = 0
    checked = 0
    sources: tuple[Source, ...] = registry.sources()
    if only is not None:
        wanted = set(only)
        for source_id in sorted(wanted):
            registry.source(source_id)  # raises, with the closest ids, for an unknown one
        sources = tuple(source for source in sources if source.id in wanted)
    references = sum(referenced[source.id] for source in sources)
    for source in sources:
        cited = by_source.get(source.id, [])
        if source.archive is None and not cited and (referenced[source.id] or source.url):
            continue  # a web page cited by reference only: no text was ever archived
        checked += 1
        affected = tuple(sorted({record_id for record_id, _ in cited}))
        text, problem = _read_text(source, folder)
        if problem is not None:
            findings.append(attrs.evolve(problem, records=affected))
        if text is None:
            continue
        missing: dict[str, list[str]] = defaultdict(list)
        for record_id, citation in cited:
            quotes += 1
            assert citation.quote is not None  # references are counted apart
            if citation.quote not in text:
                missing[citation.quote].append(record_id)
        for quote, ids in missing.items():
            shown = quote if len(quote) <= 80 else quote[:77] + "..."
            records = tuple(sorted(set(ids)))
            findings.append(
                ProvenanceFinding(
                    ProvenanceIssue.QUOTE_NOT_FOUND,
                    source.id,
                    records,
                    f"quote {shown!r} is not in {source.archive} (cited by {', '.join(records)})",
                )
            )
    return ProvenanceReport(str(folder), checked, quotes, tuple(findings), references)
