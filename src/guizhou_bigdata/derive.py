"""Derived facts: values the library computes from stated ones, with their provenance.

A derived fact has ``derived_from`` (the ids it was computed from), a ``method``
and the citations of its inputs; it is never preferred over a stated figure.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, localcontext

import attrs

from .model import Bound, Citation, Fact, Modality, Quality, Rank

__all__ = ["derive_facts"]

_DOUBTFUL = frozenset({Quality.GARBLED, Quality.INTERPRETATION})
_PLACES = Decimal("0.01")

# (level metric, share-of-GDP metric) whose quotient is an implied GDP.
_SHARE_OF_GDP = (("digital_economy_output", "digital_economy_share_of_gdp"),)


def _magnitude(fact: Fact) -> Decimal:
    magnitude = fact.magnitude
    if magnitude is None:
        raise ValueError(f"fact {fact.id!r} has no value to derive from")
    return magnitude


def _quotient(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """``numerator / denominator``, or None for a zero denominator: nothing is implied."""
    return None if denominator == 0 else numerator / denominator


def _rounded(value: Decimal) -> Decimal:
    """``value`` to two places, with the precision that needs (a quotient of data can be huge)."""
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() + 3)
        return value.quantize(_PLACES)


def _usable(fact: Fact) -> bool:
    return (
        fact.magnitude is not None
        and fact.rank is not Rank.DEPRECATED
        and not fact.quality & _DOUBTFUL
        and not fact.derived_from
    )


def _bound(*facts: Fact) -> Bound:
    """Exact inputs give an exact result; any bound on an input leaves it approximate."""
    return Bound.EXACT if all(f.bound is Bound.EXACT for f in facts) else Bound.ABOUT


def _modality(*facts: Fact) -> Modality:
    modalities = {f.modality for f in facts}
    return modalities.pop() if len(modalities) == 1 else Modality.ESTIMATE


def _citations(*facts: Fact) -> tuple[Citation, ...]:
    seen: dict[tuple[str, str], Citation] = {}
    for fact in facts:
        for citation in fact.citations:
            seen.setdefault((citation.source.id, citation.quote), citation)
    return tuple(seen.values())


def _derived(
    metric: str, inputs: Sequence[Fact], value: Decimal, unit: str, method: str, like: Fact
) -> Fact:
    return Fact(
        id=f"{like.subject}.{metric}.{like.period}.derived",
        metric=metric,
        subject=like.subject,
        period=like.period,
        value=_rounded(value),
        unit=unit,
        bound=_bound(*inputs),
        modality=_modality(*inputs),
        citations=_citations(*inputs),
        derived_from=tuple(f.id for f in inputs),
        method=method,
        note="computed by guizhou_bigdata; rounded to two decimal places",
        reviewed=all(f.reviewed for f in inputs),
    )


def _exchange_rates(facts: Iterable[Fact]) -> Iterator[Fact]:
    """A yuan and a dollar figure in the same sentence imply a rate."""
    groups: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.unit in ("yuan", "USD"):
            groups[fact.subject, str(fact.period), fact.citations[0].quote].append(fact)
    for group in groups.values():
        yuan = [f for f in group if f.unit == "yuan"]
        usd = [f for f in group if f.unit == "USD"]
        if len(yuan) == 1 and len(usd) == 1:
            a, b = yuan[0], usd[0]
            rate = _quotient(_magnitude(a), _magnitude(b))
            if rate is None:
                continue
            yield _derived(
                "implied_exchange_rate",
                (a, b),
                rate,
                "yuan / USD",
                f"{a.id} divided by {b.id}: both amounts are stated in one sentence",
                a,
            )


def _nominal_growth(facts: Iterable[Fact]) -> Iterator[Fact]:
    """Consecutive yearly GDP levels imply a nominal growth rate."""
    by_subject: dict[str, dict[int, Fact]] = defaultdict(dict)
    for fact in facts:
        year = fact.period.year
        if fact.metric == "gdp" and year is not None and not fact.period.is_range:
            by_subject[fact.subject].setdefault(year, fact)
    for levels in by_subject.values():
        for year, current in sorted(levels.items()):
            previous = levels.get(year - 1)
            ratio = (
                None if previous is None else _quotient(_magnitude(current), _magnitude(previous))
            )
            if previous is None or ratio is None:
                continue
            growth = (ratio - 1) * 100
            yield _derived(
                "gdp_nominal_growth",
                (previous, current),
                growth,
                "percent",
                f"({current.id} / {previous.id} - 1) x 100: growth of current-price GDP",
                current,
            )


def _implied_totals(facts: Iterable[Fact]) -> Iterator[Fact]:
    """A level and its share of GDP, stated together, imply the GDP."""
    pool = list(facts)
    for level_metric, share_metric in _SHARE_OF_GDP:
        shares = [f for f in pool if f.metric == share_metric]
        for level in (f for f in pool if f.metric == level_metric):
            for share in shares:
                same = (share.subject, share.period, share.citations[0].quote)
                if same != (
                    level.subject,
                    level.period,
                    level.citations[0].quote,
                ):
                    continue
                total = _quotient(_magnitude(level), _magnitude(share) / 100)
                if total is None:
                    continue
                yield _derived(
                    "gdp",
                    (level, share),
                    total,
                    level.unit,
                    f"{level.id} divided by {share.id}: the level is that share of GDP",
                    level,
                )


def derive_facts(stated: Iterable[Fact], metrics: Iterable[str]) -> tuple[Fact, ...]:
    """Every derived fact the stated facts support, for the metrics the catalogue has."""
    usable = [fact for fact in stated if _usable(fact)]
    known = set(metrics)
    derived = [*_exchange_rates(usable), *_nominal_growth(usable), *_implied_totals(usable)]
    kept = [fact for fact in derived if fact.metric in known]
    counts = Counter(fact.id for fact in kept)
    # Two derivations of one metric, subject and period (two sentences each giving a
    # yuan and a dollar amount, say) are both kept: each is named after its first input.
    return tuple(
        attrs.evolve(fact, id=f"{fact.id}.{fact.derived_from[0]}") if counts[fact.id] > 1 else fact
        for fact in kept
    )
