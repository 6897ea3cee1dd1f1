"""Provenance: every quote verified word for word against the archived source texts."""

from __future__ import annotations

import enum
import hashlib
import os
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import attrs

from .model import Citation, Source
from .registry import Registry

__all__ = ["ProvenanceFinding", "ProvenanceIssue", "ProvenanceReport", "verify_sources"]


class ProvenanceIssue(enum.Enum):
    """What went wrong when checking a record against its archived text."""

    NO_ARCHIVE = "no_archive"
    MISSING_TEXT = "missing_text"
    HASH_MISMATCH = "hash_mismatch"
    QUOTE_NOT_FOUND = "quote_not_found"


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

    @property
    def ok(self) -> bool:
        """True when every text is present and intact and every quote stands in it."""
        return not self.findings

    def __str__(self) -> str:
        head = (
            f"Checked {self.quotes_checked} quotes against {self.sources_checked} archived "
            f"texts in {self.directory}: "
        )
        if self.ok:
            return head + "all verified."
        lines = [head + f"{len(self.findings)} problems."]
        lines.extend(f"  - {finding}" for finding in self.findings)
        return "\n".join(lines)


def _citations(registry: Registry) -> Iterator[tuple[str, Citation]]:
    for fact in registry.facts():
        for citation in fact.citations:
            yield fact.id, citation
    for entity_kind in (
        registry.places,
        registry.organisations,
        registry.data_centres,
        registry.platforms,
        registry.events,
        registry.policies,
        registry.timeline,
    ):
        for record in entity_kind():
            for citation in record.citations:
                yield record.id, citation


def _read_text(source: Source, directory: Path) -> tuple[str | None, ProvenanceFinding | None]:
    if source.archive is None:
        message = "the source record names no archived text, so its quotes cannot be verified"
        return None, ProvenanceFinding(ProvenanceIssue.NO_ARCHIVE, source.id, (), message)
    path = directory / source.archive
    try:
        raw = path.read_bytes()
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


def verify_sources(directory: str | os.PathLike[str], registry: Registry) -> ProvenanceReport:
    """Check each source's archived text and hash, and every quote against its text.

    A finding names the facts, entities and milestones it affects, so a changed
    or missing article points straight at the records that cite it.
    """
    folder = Path(directory)
    by_source: dict[str, list[tuple[str, Citation]]] = defaultdict(list)
    for record_id, citation in _citations(registry):
        by_source[citation.source.id].append((record_id, citation))
    findings: list[ProvenanceFinding] = []
    quotes = 0
    for source in registry.sources():
        cited = by_source.get(source.id, [])
        affected = tuple(sorted({record_id for record_id, _ in cited}))
        text, problem = _read_text(source, folder)
        if problem is not None:
            findings.append(attrs.evolve(problem, records=affected))
        if text is None:
            continue
        missing: dict[str, list[str]] = defaultdict(list)
        for record_id, citation in cited:
            quotes += 1
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
    return ProvenanceReport(str(folder), len(registry.sources()), quotes, tuple(findings))
