"""The audit: conflicts, flagged and implausible figures, and internal inconsistencies.

The audit informs and never refuses: load-time validation is what refuses.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from decimal import Decimal

import attrs

from ..core.display import records_table
from ..core.entities import Place
from ..core.html import escape, rows_html
from ..core.model import Fact, Metric
from ..core.units import parse_amount, parse_unit, quantity
from ..core.vocabulary import GrowthBasis, MetricKind, Modality, Quality, Rank
from ..store.registry import Registry

__all__ = ["AuditFinding", "AuditKind", "AuditReport", "audit", "report_html"]

# A province-level subject with more users or people than this is implausible:
# a sanity bound (China's most populous province has fewer), not a data figure.
_MAX_PEOPLE = Decimal(200_000_000)
_PEOPLE_UNITS = ("user", "person", "patient", "participant")
_ALWAYS_NOTED = frozenset({Quality.GARBLED, Quality.IMPLAUSIBLE, Quality.AMBIGUOUS})
# Amounts a subject puts into something (funds, investments: metrics with
# ``compared_with`` in the catalogue), set against a level (the GDP) of the
# subject or of the place it lies in: more than a quarter of a year's GDP is
# doubtful for one fund or one set of projects. A sanity bound (a whole
# economy's yearly investment is of the order of half its GDP), not a data figure.
_GDP_SHARE_LIMIT = 0.25
# Growth rates and shares above this are implausible unless the metric's
# ``max_plausible`` says otherwise: a share is at most the whole, and a growth
# rate above it more than doubles the level in a year.
_DEFAULT_MAX = "100 percent"
# A year's growth more than this many times the compound rate of the span it lies
# in (or less than its inverse) leaves the other years an implausible average.
_COMPOUND_FACTOR = 2.0
# Kinds of metric that add up over places: a sub-area cannot have more than its parent.
_ADDITIVE = frozenset({MetricKind.COUNT, MetricKind.FLOW, MetricKind.LEVEL})


class AuditKind(enum.Enum):
    """What an audit finding is about."""

    CONFLICT = "conflict"
    CORROBORATION = "corroboration"
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


@attrs.frozen(repr=False)
class AuditReport:
    """Every finding of :func:`audit`, grouped by kind on request."""

    findings: tuple[AuditFinding, ...]

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(found)} {kind.value}" for kind in AuditKind if (found := self.of(kind))
        )
        return f"<AuditReport: {len(self.findings)} findings ({counts or 'none'})>"

    def _repr_html_(self) -> str:
        """A count per kind, then a table of each kind's findings, for notebooks."""
        return report_html(self)

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
    """Statements of one metric, subject, period and modality, from one source or two.

    They conflict only when their intervals cannot both hold ("more than 5,000"
    and "6,000" can), whether two sources disagree or one contradicts itself;
    statements of different sources that can both hold are corroboration.
    """
    groups: dict[tuple[str, str, str, str], list[Fact]] = defaultdict(list)
    for fact in registry.facts():
        if _stated(fact) and fact.magnitude is not None:
            groups[fact.metric, fact.subject, str(fact.period), fact.modality.value].append(fact)
    findings = []
    for (metric, subject, period, _), facts in sorted(groups.items()):
        pairs = [(a, b) for i, a in enumerate(facts) for b in facts[i + 1 :] if not _one_list(a, b)]
        clashing = [(a, b) for a, b in pairs if not a.interval.overlaps(b.interval)]
        for a, b in clashing:
            within = " (one source contradicts itself)" if _source(a) == _source(b) else ""
            findings.append(
                AuditFinding(
                    AuditKind.CONFLICT,
                    (a.id, b.id),
                    f"{metric} of {subject} for {period}: {a.figure} ({_source(a)}, "
                    f"{a.interval}) and {b.figure} ({_source(b)}, {b.interval}) "
                    f"cannot both hold{within}",
                )
            )
        agreeing = [(a, b) for a, b in pairs if (a, b) not in clashing and _source(a) != _source(b)]
        if agreeing:
            ids = tuple(dict.fromkeys(fact.id for pair in agreeing for fact in pair))
            shown = "; ".join(
                f"{registry.fact(i).figure} ({_source(registry.fact(i))})" for i in ids
            )
            findings.append(
                AuditFinding(
                    AuditKind.CORROBORATION,
                    ids,
                    f"{metric} of {subject} for {period} is stated by different sources in "
                    f"words that can all hold: {shown}",
                )
            )
    return findings


def _one_list(a: Fact, b: Fact) -> bool:
    """Two figures one quote gives together ("1 hour to the province, 2 hours to ...").

    One passage: the same quote, or for reference citations, the same locator of
    one source (a sentence or table row the project does not copy).

    A sentence that lists several values of one metric is telling apart things
    the data does not (a destination, a kind), not contradicting itself.
    """
    passages = {(c.source.id, c.kind, c.passage) for c in a.citations}
    return any((c.source.id, c.kind, c.passage) in passages for c in b.citations)


def _same_figure(a: Fact, b: Fact) -> bool:
    """The same bound and the same quantity, in whatever units each is written."""
    if a.bound is not b.bound or a.magnitude is None or b.magnitude is None:
        return False
    return bool(a.interval == b.interval)


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
        elif a.subject != b.subject and _same_figure(a, b):
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


def _in(fact: Fact, unit: str) -> float:
    """The fact's value converted to ``unit`` (the same dimension)."""
    assert fact.magnitude is not None
    return float(quantity(fact.magnitude, fact.unit).to(parse_unit(unit)).magnitude)


def _dimension_of(unit: str) -> object:
    return parse_unit(unit).dimensionality


def _implausible(registry: Registry) -> list[AuditFinding]:
    """Stated figures beyond a sanity bound, in whatever unit they are written."""
    people = {_dimension_of(unit): unit for unit in _PEOPLE_UNITS}
    percent = _dimension_of("percent")
    findings = []
    for fact in registry.facts():
        if fact.magnitude is None or not _stated(fact):
            continue
        kind = registry.metric(fact.metric).kind
        dimension = _dimension_of(fact.unit)
        reason = None
        metric = registry.metric(fact.metric)
        limit = _plausible_limit(metric)
        if kind is MetricKind.SHARE and dimension == percent and _in(fact, "percent") > limit:
            reason = (
                f"a share of {fact.figure} is over {limit:g} percent: "
                f"{_in(fact, 'percent') / 100:.2f} times the whole"
            )
        elif dimension in people and _in(fact, people[dimension]) > _MAX_PEOPLE:
            reason = (
                f"{fact.figure} for {fact.subject} is beyond any province's population "
                f"({_MAX_PEOPLE:,} as a sanity bound): "
                f"{_in(fact, people[dimension]) / float(_MAX_PEOPLE):.1f} times the bound"
            )
        elif (
            kind is MetricKind.GROWTH_RATE and dimension == percent and _in(fact, "percent") > limit
        ):
            reason = (
                f"a growth rate of {fact.figure} is above {limit:g} percent, the most "
                f"plausible for {fact.metric}"
                + (" (it more than doubles the level in a year)" if limit == 100 else "")
            )
        if reason is not None:
            findings.append(AuditFinding(AuditKind.IMPLAUSIBLE, (fact.id,), reason))
    return findings


def _plausible_limit(metric: Metric) -> float:
    """The highest plausible value in percent: the metric's ``max_plausible`` or 100."""
    amount = parse_amount(metric.max_plausible or _DEFAULT_MAX, "percent")
    return float(amount.to(parse_unit("percent")).magnitude)


def _solid(fact: Fact) -> bool:
    """Stated, not derived, and carrying no doubt: a figure to judge others by."""
    return _stated(fact) and not fact.quality


def _valued(registry: Registry, metric: str, subject: str | None = None) -> list[Fact]:
    """Facts with a value that are not deprecated (stated or derived); none for a metric
    the catalogue lacks (a user's registry need not have a GDP)."""
    if metric not in {known.id for known in registry.metrics()}:
        return []
    return [
        fact
        for fact in registry.facts(metric=metric, subject=subject)
        if fact.magnitude is not None and fact.rank is not Rank.DEPRECATED
    ]


def _places_above(registry: Registry, subject: str) -> list[str]:
    """The places a subject lies in, nearest first: its location, then their parents."""
    entity = registry.entity(subject)
    start = entity.parent if isinstance(entity, Place) else getattr(entity, "location", None)
    chain: list[str] = []
    while isinstance(start, str) and start not in chain:
        chain.append(start)
        above = registry.entity(start)
        start = above.parent if isinstance(above, Place) else None
    return chain


def _certainly_above(a: Fact, b: Fact) -> bool:
    """True when every value ``a`` allows is above every value ``b`` allows."""
    upper, lower = b.interval.upper, a.interval.lower
    if upper is None or lower is None:
        return False
    return bool(
        lower > upper
        or (lower == upper and not (a.interval.lower_closed and b.interval.upper_closed))
    )


def _ratio(a: Fact, b: Fact) -> float:
    return _in(a, b.unit) / _in(b, b.unit) if _in(b, b.unit) else float("inf")


def _against_related(registry: Registry) -> list[AuditFinding]:
    """Figures set against related ones: parts and wholes, sub-areas, funds against GDP."""
    findings = []
    parts = [(m.id, m.part_of) for m in registry.metrics() if m.part_of is not None]
    for part_metric, whole_metric in parts:
        for part in (f for f in _valued(registry, metric=part_metric) if _stated(f)):
            for whole in _valued(registry, metric=whole_metric, subject=part.subject):
                related = whole.period == part.period and part.id not in whole.derived_from
                if related and _certainly_above(part, whole):
                    findings.append(
                        AuditFinding(
                            AuditKind.IMPLAUSIBLE,
                            (part.id, whole.id),
                            f"{part.metric} of {part.subject} for {part.period}, "
                            f"{part.figure}, is larger than its whole, {whole.metric} "
                            f"{whole.figure}: {_ratio(part, whole):.2f} times it",
                        )
                    )
    for fact in (f for f in registry.facts() if _stated(f) and f.magnitude is not None):
        if registry.metric(fact.metric).kind not in _ADDITIVE or not isinstance(
            registry.entity(fact.subject), Place
        ):
            continue
        for place in _places_above(registry, fact.subject):
            for parent in _valued(registry, metric=fact.metric, subject=place):
                if parent.period == fact.period and _certainly_above(fact, parent):
                    findings.append(
                        AuditFinding(
                            AuditKind.IMPLAUSIBLE,
                            (fact.id, parent.id),
                            f"{fact.metric} of {fact.subject} for {fact.period}, {fact.figure}, "
                            f"is more than that of {place}, which contains it "
                            f"({parent.figure}): {_ratio(fact, parent):.2f} times it",
                        )
                    )
    against = {m.id: m.compared_with for m in registry.metrics() if m.compared_with is not None}
    for fact in (f for f in registry.facts() if f.metric in against and _stated(f)):
        if fact.magnitude is None:
            continue
        gdp = _nearest_level(registry, fact, against[fact.metric])
        if gdp is None:
            continue
        share = _ratio(fact, gdp)
        if share > _GDP_SHARE_LIMIT:
            findings.append(
                AuditFinding(
                    AuditKind.IMPLAUSIBLE,
                    (fact.id, gdp.id),
                    f"{fact.metric} of {fact.subject}, {fact.figure} ({fact.period}), is "
                    f"{share:.0%} of the GDP of {gdp.subject} ({gdp.figure}, {gdp.period}): "
                    f"more than {_GDP_SHARE_LIMIT:.0%} of a year's GDP is doubtful for one "
                    "fund or investment",
                )
            )
    return findings


def _nearest_level(registry: Registry, fact: Fact, metric: str) -> Fact | None:
    """The level (a GDP) of the subject or the nearest place it lies in, nearest in time.

    Only solid figures count: a derived or flagged level (a GDP implied by doubtful
    inputs) is no yardstick for calling another figure implausible.
    """
    for place in [fact.subject, *_places_above(registry, fact.subject)]:
        levels = [f for f in _valued(registry, metric=metric, subject=place) if _solid(f)]
        if levels:
            year = fact.period.end.year
            return min(levels, key=lambda g: (abs(g.period.end.year - year), g.id))
    return None


def _real_against_nominal(registry: Registry) -> list[AuditFinding]:
    """Reported real growth of a year against the nominal growth its GDP levels imply.

    Both must be of one whole year ("2014"): growth over part of a year is not
    comparable with the year's.
    """
    metrics = registry.metrics()
    pairs = [
        (n.id, r.id)
        for n in metrics
        if n.growth_of is not None and n.basis is GrowthBasis.NOMINAL
        for r in metrics
        if r.growth_of == n.growth_of and r.basis is GrowthBasis.REAL
    ]
    findings = []
    for nominal_metric, real_metric in pairs:
        findings.extend(_real_against(registry, nominal_metric, real_metric))
    return findings


def _real_against(registry: Registry, nominal_metric: str, real_metric: str) -> list[AuditFinding]:
    findings = []
    for nominal in _valued(registry, nominal_metric):
        year = nominal.period.calendar_year
        if not nominal.derived_from or year is None:
            continue
        for real in _valued(registry, real_metric, nominal.subject):
            if real.period.calendar_year != year or real.magnitude is None:
                continue
            gap = _in(nominal, "percent") - _in(real, "percent")
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


def _compound_against_yearly(registry: Registry) -> list[AuditFinding]:
    """A compound annual rate against a stated year's growth inside its span.

    A rate ``compound_of`` a yearly growth metric over years y0..y1 compounds
    y1 - y0 + 1 yearly rates; one year's rate far from it (more than twice it, or
    less than half) leaves the other years an average the finding states.
    """
    findings = []
    for metric in (m for m in registry.metrics() if m.compound_of is not None):
        for rate in (f for f in _valued(registry, metric.id) if _stated(f)):
            years = rate.period.end.year - rate.period.start.year + 1
            if years < 2:
                continue
            compound = _in(rate, "percent")
            assert metric.compound_of is not None
            for year in _valued(registry, metric.compound_of, rate.subject):
                inside = year.period.calendar_year
                if not _stated(year) or inside is None:
                    continue
                if not rate.period.start.year <= inside <= rate.period.end.year:
                    continue
                one = _in(year, "percent")
                low, high = compound / _COMPOUND_FACTOR, compound * _COMPOUND_FACTOR
                if compound <= 0 or low <= one <= high:
                    continue
                rest = ((1 + compound / 100) ** years / (1 + one / 100)) ** (1 / (years - 1))
                findings.append(
                    AuditFinding(
                        AuditKind.INCONSISTENT,
                        (rate.id, year.id),
                        f"{rate.subject}: a compound rate of {rate.figure} a year over "
                        f"{rate.period} ({_source(rate)}) against {year.figure} in {inside} "
                        f"({_source(year)}): the other {years - 1} years would have averaged "
                        f"{(rest - 1) * 100:.1f} percent a year; the two may measure different "
                        "things or periods",
                    )
                )
    return findings


def _streaks(registry: Registry) -> list[AuditFinding]:
    """Streaks of one metric and subject ending in the same year with lengths that
    cannot both hold ("five consecutive years" and "six consecutive years" to 2018).

    Streaks of the same period are compared by :func:`_conflicts`; these differ in
    their start, which follows from the length, so the lengths are what disagree.
    """
    groups: dict[tuple[str, str, int, str], list[Fact]] = defaultdict(list)
    streak_metrics = {m.id for m in registry.metrics() if m.kind is MetricKind.STREAK}
    for fact in registry.facts():
        if fact.metric in streak_metrics and _stated(fact) and fact.magnitude is not None:
            key = (fact.metric, fact.subject, fact.period.end.year, fact.modality.value)
            groups[key].append(fact)
    findings = []
    for (metric, subject, year, _), facts in sorted(groups.items()):
        for i, a in enumerate(facts):
            for b in facts[i + 1 :]:
                if a.period == b.period or a.interval.overlaps(b.interval):
                    continue
                within = " (one source contradicts itself)" if _source(a) == _source(b) else ""
                findings.append(
                    AuditFinding(
                        AuditKind.CONFLICT,
                        (a.id, b.id),
                        f"{metric} of {subject} ending in {year}: {a.figure} ({_source(a)}, "
                        f"{a.period}) and {b.figure} ({_source(b)}, {b.period}) cannot both "
                        f"hold{within}",
                    )
                )
    return findings


def _outcomes_before_their_end(registry: Registry) -> list[AuditFinding]:
    """Actual flows and growth rates stated before the period they sum up was over.

    "Revenue in 2018 was 110 billion yuan" in a text of May 2018 cannot be the
    year's outcome: it is a part of the year, the year before, an estimate or a
    target, and the data should say which. A count or level at a date is what a
    source of that date can state, and an event's figures are dated by its edition's
    year, so neither is reported.
    """
    over_a_period = {m.id for m in registry.metrics() if m.kind.over_a_period}
    events = {event.id for event in registry.events()}
    findings = []
    for fact in registry.facts(derived=False):
        if (
            fact.modality is not Modality.ACTUAL
            or fact.metric not in over_a_period
            or fact.subject in events
            or fact.rank is Rank.DEPRECATED
        ):
            continue
        latest = max(citation.source.published.end for citation in fact.citations)
        if fact.period.end > latest:
            findings.append(
                AuditFinding(
                    AuditKind.INCONSISTENT,
                    (fact.id,),
                    f"{fact.metric} of {fact.subject} for {fact.period} is stated as an outcome "
                    f"({fact.as_written or fact.figure!s}) by {_source(fact)}, published "
                    f"{latest.isoformat()} at the latest, before the period ended "
                    f"({fact.period.end.isoformat()}): it is a part of the period, an earlier "
                    "one, an estimate or a target",
                )
            )
    return findings


def audit(registry: Registry) -> AuditReport:
    """Report conflicts, flagged and implausible figures and inconsistencies."""
    return AuditReport(
        (
            *_conflicts(registry),
            *_streaks(registry),
            *_overlaps(registry),
            *_flagged(registry),
            *_implausible(registry),
            *_against_related(registry),
            *_real_against_nominal(registry),
            *_compound_against_yearly(registry),
            *_outcomes_before_their_end(registry),
        )
    )


def report_html(report: AuditReport) -> str:
    """The audit for notebooks: how many findings of each kind, then each kind's table."""
    counts = [(kind.value, str(len(report.of(kind)))) for kind in AuditKind]
    sections = []
    for kind in AuditKind:
        found = report.of(kind)
        if not found:
            continue
        table = records_table(
            f"audit-{kind.value}",
            ("finding", "findings"),
            found,
            ("finding", "facts"),
            lambda finding: [
                escape(finding.message),
                "<br>".join(f"<code>{escape(id)}</code>" for id in finding.facts),
            ],
        )
        sections.append(f"<h4>{escape(kind.value)}</h4>{table}")
    return (
        f'<div class="guizhou-bigdata-audit"><p><strong>Audit: {len(report.findings)} '
        f"findings</strong></p><table>{rows_html(counts)}</table>{''.join(sections)}</div>"
    )
