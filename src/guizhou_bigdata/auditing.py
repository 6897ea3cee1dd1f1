"""The audit: conflicts, flagged and implausible figures, and internal inconsistencies.

The audit informs and never refuses: load-time validation is what refuses.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from decimal import Decimal

import attrs

from .model import Fact, MetricKind, Quality, Rank
from .registry import Registry

__all__ = ["AuditFinding", "AuditKind", "AuditReport", "audit"]

# A province-level subject with more users or people than this is implausible:
# a sanity bound (China's most populous province has fewer), not a data figure.
_MAX_PEOPLE = Decimal(200_000_000)
_PEOPLE_UNITS = frozenset({"user", "person", "patient", "participant"})
_ALWAYS_NOTED = frozenset({Quality.GARBLED, Quality.IMPLAUSIBLE, Quality.AMBIGUOUS})


class AuditKind(enum.Enum):
    """What an audit finding is about."""

    CONFLICT = "conflict"
    OVERLAP = "overlap"
    FLAGGED = "flagged"
    IMPLAUSIBLE = "implausible"
    INCONSISTENT = "inconsistent"


@attrs.frozen
class AuditFinding:
    """One thing a reader of the figures should know, with the facts it concerns."""

    kind: AuditKind
    facts: tuple[str, ...]
    message: str

    def __str__(self) -> str:
        return f"[{self.kind.value}] {self.message} ({', '.join(self.facts)})"


@attrs.frozen
class AuditReport:
    """Every finding of :func:`audit`, grouped by kind on request."""

    findings: tuple[AuditFinding, ...]

    def of(self, kind: AuditKind | str) -> tuple[AuditFinding, ...]:
        """The findings of one kind."""
        wanted = AuditKind(kind)
        return tuple(f for f in self.findings if f.kind is wanted)

    def __str__(self) -> str:
        lines = [f"Audit: {len(self.findings)} findings"]
        for kind in AuditKind:
            found = self.of(kind)
            if found:
                lines.append(f"\n{kind.value} ({len(found)})")
                lines.extend(
                    f"  - {finding.message} ({', '.join(finding.facts)})" for finding in found
                )
        return "\n".join(lines)


def _stated(fact: Fact) -> bool:
    return (
        not fact.derived_from
        and fact.rank is not Rank.DEPRECATED
        and Quality.INTERPRETATION not in fact.quality
    )


def _conflicts(registry: Registry) -> list[AuditFinding]:
    groups: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for fact in registry.facts():
        if _stated(fact) and fact.magnitude is not None:
            groups[fact.metric, fact.subject, str(fact.period)].append(fact)
    findings = []
    for (metric, subject, period), facts in sorted(groups.items()):
        sources = {_source(f) for f in facts}
        readings = {(f.magnitude, f.bound, f.modality) for f in facts}
        if len(sources) > 1 and len(readings) > 1:
            shown = "; ".join(f"{f.figure} ({_source(f)})" for f in facts)
            findings.append(
                AuditFinding(
                    AuditKind.CONFLICT,
                    tuple(f.id for f in facts),
                    f"{metric} of {subject} for {period} is stated differently by different "
                    f"sources: {shown}",
                )
            )
    return findings


def _source(fact: Fact) -> str:
    return fact.citations[0].source.id


def _overlaps(registry: Registry) -> list[AuditFinding]:
    """Different sources on overlapping periods, or the same figure for different subjects."""
    by_metric: dict[str, list[Fact]] = defaultdict(list)
    for fact in registry.facts():
        if _stated(fact) and fact.magnitude is not None:
            by_metric[fact.metric].append(fact)
    pairs = (
        (a, b) for group in by_metric.values() for i, a in enumerate(group) for b in group[i + 1 :]
    )
    findings = []
    for a, b in pairs:
        if _source(a) == _source(b):
            continue
        if a.subject == b.subject and a.period != b.period:
            if a.period.start <= b.period.end and b.period.start <= a.period.end:
                findings.append(
                    AuditFinding(
                        AuditKind.OVERLAP,
                        (a.id, b.id),
                        f"{a.metric} of {a.subject}: {a.figure} for {a.period} "
                        f"({_source(a)}) and {b.figure} for {b.period} ({_source(b)}) "
                        "cover overlapping periods; read them together",
                    )
                )
        elif a.subject != b.subject and (a.magnitude, a.bound) == (b.magnitude, b.bound):
            findings.append(
                AuditFinding(
                    AuditKind.OVERLAP,
                    (a.id, b.id),
                    f"{a.metric}: the same figure, {a.figure}, is stated for {a.subject} "
                    f"({a.period}, {_source(a)}) and for {b.subject} ({b.period}, "
                    f"{_source(b)}); the sources may count the same thing",
                )
            )
    return findings


def _flagged(registry: Registry) -> list[AuditFinding]:
    return [
        AuditFinding(
            AuditKind.FLAGGED,
            (fact.id,),
            f"{', '.join(sorted(q.value for q in fact.quality))}: "
            f"{fact.as_written or fact.figure!s} - {fact.note}",
        )
        for fact in registry.facts()
        if fact.quality & _ALWAYS_NOTED
    ]


def _implausible(registry: Registry) -> list[AuditFinding]:
    findings = []
    for fact in registry.facts():
        magnitude = fact.magnitude
        if magnitude is None or not _stated(fact):
            continue
        kind = registry.metric(fact.metric).kind
        reason = None
        if kind is MetricKind.SHARE and fact.unit == "percent" and magnitude > 100:
            reason = f"a share of {fact.figure} is over 100 percent"
        elif fact.unit in _PEOPLE_UNITS and magnitude > _MAX_PEOPLE:
            reason = (
                f"{fact.figure} for {fact.subject} is beyond any province's population "
                f"({_MAX_PEOPLE:,} as a sanity bound)"
            )
        elif kind is MetricKind.GROWTH_RATE and fact.unit == "percent" and magnitude > 100:
            reason = f"a growth rate of {fact.figure} more than doubles the level in a year"
        if reason is not None:
            findings.append(AuditFinding(AuditKind.IMPLAUSIBLE, (fact.id,), reason))
    return findings


def _real_against_nominal(registry: Registry) -> list[AuditFinding]:
    findings = []
    for nominal in registry.facts(metric="gdp_nominal_growth"):
        if not nominal.derived_from or nominal.magnitude is None:
            continue
        year = nominal.period.year
        for real in registry.facts(metric="gdp_real_growth", subject=nominal.subject):
            if real.period.year != year or real.magnitude is None:
                continue
            gap = nominal.magnitude - real.magnitude
            findings.append(
                AuditFinding(
                    AuditKind.INCONSISTENT,
                    (real.id, nominal.id),
                    f"{nominal.subject} {year}: reported growth {real.figure} against "
                    f"{nominal.figure} implied by the GDP levels ({gap:+.2f} points); "
                    "the reported rate is real growth at comparable prices, the levels are "
                    "in current prices, so the two are not interchangeable",
                )
            )
    return findings


def audit(registry: Registry) -> AuditReport:
    """Report conflicts, flagged and implausible figures and inconsistencies."""
    return AuditReport(
        (
            *_conflicts(registry),
            *_overlaps(registry),
            *_flagged(registry),
            *_implausible(registry),
            *_real_against_nominal(registry),
        )
    )
