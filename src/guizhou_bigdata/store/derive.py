"""Derived facts: values the library computes from stated ones, with their provenance.

One engine computes every derived fact, and what it computes keeps the
guarantees of what it reads:

- *units*: the arithmetic runs on Pint quantities and the result is converted to
  the metric's unit, so a GDP in ``Gyuan`` or a share in ``dimensionless`` gives
  the same answer as one in ``yuan`` or ``percent``;
- *doubt*: the result carries its inputs' garbled, implausible, ambiguous and
  interpretation flags, and its note says which input carries which;
- *certainty*: its modality is the least certain of its inputs' (actual, then
  estimate, forecast, target), except that a rate implied by one quote's yuan
  and dollar renderings of one figure is the source's own conversion: actual;
- *precision*: its digits stop where its inputs' precision stops (each input is
  read as plus or minus half a unit in its last printed digit, and the result
  keeps digits down to the leading digit of the range that allows), and never
  has more significant figures than its least precise input;
- *bounds*: the inputs' intervals are combined by interval arithmetic, each cut
  at zero first (every input is an amount, a level or a share, never negative);
  a result that was rounded or whose inputs are approximate is ``about``, one
  bounded on one side only is ``more_than``, ``at_least``, ``at_most`` or
  ``less_than``. What the figure says holds for what its inputs allow
  (``Fact.interval``): an ``about`` value lies in that interval (rounded, if it
  must be, to a value inside it), a one-sided bound holds for all of it. A result
  whose only ends say nothing (a rate above 0, a growth above -100 percent, no
  end at all) is no fact.

A derived fact has ``derived_from`` (the ids it was computed from), a ``method``
and the citations of its inputs; it is never preferred over a stated figure.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal, localcontext
from typing import TYPE_CHECKING

import attrs

from ..core.intervals import Interval, last_place, significant_figures
from ..core.model import Citation, Fact, Metric
from ..core.units import parse_unit, quantity
from ..core.vocabulary import Bound, GrowthBasis, Modality, Quality, Rank, Scale
from ..core.wording import number_text

if TYPE_CHECKING:
    import pint

__all__ = ["CERTAINTY", "DOUBTS", "derive_facts", "least_certain"]

DOUBTS = (Quality.GARBLED, Quality.IMPLAUSIBLE, Quality.AMBIGUOUS, Quality.INTERPRETATION)
"""The flags a derived fact inherits from its inputs."""

CERTAINTY = (Modality.ACTUAL, Modality.ESTIMATE, Modality.FORECAST, Modality.TARGET)
"""Modalities from the most to the least certain."""

# Scale words a derived value is written with, largest first.
_SCALES = (Scale.TRILLION, Scale.BILLION, Scale.MILLION)
# A float result this close to its rounded value was not rounded (float noise).
_NOISE = 1e-12
_DIGITS = 400

Combine = Callable[..., Interval]
"""Interval arithmetic of one derivation: the inputs' intervals to the result's."""


def least_certain(modalities: Iterable[Modality]) -> Modality:
    """The least certain of ``modalities``: actual, then estimate, forecast, target."""
    return max(modalities, key=CERTAINTY.index)


def _usable(fact: Fact) -> bool:
    return fact.magnitude is not None and fact.rank is not Rank.DEPRECATED and not fact.derived_from


def _magnitude(fact: Fact) -> Decimal:
    magnitude = fact.magnitude
    if magnitude is None:
        raise ValueError(f"fact {fact.id!r} has no value to derive from")
    return magnitude


def _point(fact: Fact) -> Interval:
    return Interval.point(quantity(_magnitude(fact), fact.unit))


def _precision(fact: Fact) -> Interval:
    """The values the figure's printed digits stand for: half a unit either side."""
    assert fact.value is not None  # _usable
    half = last_place(fact.value) * (fact.scale.factor if fact.scale else 1) / 2
    magnitude = _magnitude(fact)
    return Interval(quantity(magnitude - half, fact.unit), quantity(magnitude + half, fact.unit))


def _citations(*facts: Fact) -> tuple[Citation, ...]:
    seen: dict[tuple[str, str, str | None, str | None], Citation] = {}
    for fact in facts:
        for c in fact.citations:  # one table row (a reference's locator) holds several figures
            passage = c.quote if c.quote is not None else c.locator
            seen.setdefault((c.source.id, c.kind.value, passage, c.as_written), c)
    return tuple(seen.values())


def _passage(fact: Fact) -> tuple[str, str]:
    """The source and passage (quote, or a reference's locator) of a fact's first citation:
    figures of one passage are stated together."""
    citation = fact.citations[0]
    return citation.source.id, citation.passage


def _same_dimension(unit: str, other: str) -> bool:
    return bool(parse_unit(unit).dimensionality == parse_unit(other).dimensionality)


def _magnitude_in(value: pint.Quantity[float], unit: str) -> float:
    return float(value.to(parse_unit(unit)).magnitude)


def _place(precision: Interval, centre: float, figures: int, unit: str) -> Decimal:
    """The last digit a result keeps: its precision's range, at most ``figures`` digits."""
    assert precision.lower is not None  # a precision interval is finite
    assert precision.upper is not None
    width = abs(_magnitude_in(precision.upper, unit) - _magnitude_in(precision.lower, unit))
    places = []
    if width > 0 and math.isfinite(width):
        places.append(Decimal(1).scaleb(math.floor(math.log10(width))))
    if centre != 0:
        places.append(Decimal(1).scaleb(Decimal(repr(abs(centre))).adjusted() - figures + 1))
    return max(places) if places else Decimal(1)


def _rounded(value: float, place: Decimal, rounding: str) -> Decimal:
    result = (Decimal(repr(value)) / place).quantize(Decimal(1), rounding=rounding) * place
    return result.quantize(Decimal(1)) if place >= 1 else result.quantize(place)


def _unchanged(value: float, rounded: Decimal) -> bool:
    return abs(float(rounded) - value) <= _NOISE * max(abs(value), 1.0)


def _written(value: Decimal, unit: str) -> tuple[Decimal, Scale | None]:
    """A large amount with a scale word ("430 billion"), as a person would write it."""
    if unit.split(" ")[0] in ("percent", "rank"):
        return value, None
    for scale in _SCALES:
        if abs(value) >= scale.factor:
            scaled = value / scale.factor
            return (
                scaled.quantize(Decimal(1)) if scaled == scaled.to_integral() else scaled
            ), scale
    return value, None


def _doubt_note(inputs: Sequence[Fact]) -> tuple[frozenset[Quality], str]:
    carriers: dict[Quality, list[str]] = defaultdict(list)
    for fact in inputs:
        for flag in DOUBTS:
            if flag in fact.quality:
                carriers[flag].append(fact.id)
    parts = [f"{flag.value} from {' and '.join(ids)}" for flag, ids in carriers.items()]
    note = f" Flags carried from the inputs: {'; '.join(parts)}." if parts else ""
    return frozenset(carriers), note


def _value_and_bound(
    allowed: Interval,
    nothing: Interval,
    centre: float,
    exact: bool,
    precision: Interval,
    figures: int,
    unit: str,
) -> tuple[Decimal, Bound] | None:
    """The value to state and its bound word, true of every value ``allowed`` holds.

    ``allowed`` is what the inputs allow, ``nothing`` what the derivation gives
    when its inputs say no more than that they are not negative: an end of
    ``allowed`` at an end of ``nothing`` (a rate of 0, a growth of -100 percent,
    infinity) says nothing, and with no other end nothing is implied (None).

    Two ends that say something: the computed value (``centre``), rounded to what
    the inputs support and, if that falls outside ``allowed``, moved to the
    nearest value at that rounding inside it ("nearly 2.1 billion" yuan over 330
    million dollars allows 6.20 to 6.37 yuan a dollar: "about 6.3", not 6.4);
    ``exact`` only when nothing was rounded and every input was ``exact``. When no
    value at that rounding lies in ``allowed``, or only one end says something,
    that end, rounded outwards, is a one-sided bound ("less than 6.4"); one that
    rounds to an end of ``nothing`` ("more than 0") says nothing either (None).
    """
    lower, upper, lower_closed, upper_closed = _decimals(allowed)
    floor, ceiling, _, _ = _decimals(nothing)
    says_lower = lower is not None and (floor is None or not _same(lower, floor))
    says_upper = upper is not None and (ceiling is None or not _same(upper, ceiling))
    above = _above(allowed, floor, precision, figures, unit) if says_lower else None
    below = _below(allowed, ceiling, precision, figures, unit) if says_upper else None
    if lower is None or upper is None or not (says_lower and says_upper):
        return above or below
    place = _place(precision, centre, figures, unit)
    value = _rounded(centre, place, ROUND_HALF_EVEN)
    if exact and _unchanged(centre, value):
        return value, Bound.EXACT
    inside = _inside_at(place, lower, upper, lower_closed, upper_closed)
    if inside is not None:
        return min(max(value, inside[0]), inside[1]), Bound.ABOUT
    # No value at that rounding lies in the interval: bound it on the side it missed.
    return (above or below) if value < lower else (below or above)


def _above(
    allowed: Interval, floor: Decimal | None, precision: Interval, figures: int, unit: str
) -> tuple[Decimal, Bound] | None:
    """A "more than" or "at least" of the lower end, rounded down; None if it says nothing."""
    assert allowed.lower is not None
    end = _magnitude_in(allowed.lower, unit)
    value = _rounded(end, _place(precision, end, figures, unit), ROUND_FLOOR)
    if floor is not None and value <= floor:
        return None
    closed = allowed.lower_closed and _unchanged(end, value)
    return value, Bound.AT_LEAST if closed else Bound.MORE_THAN


def _below(
    allowed: Interval, ceiling: Decimal | None, precision: Interval, figures: int, unit: str
) -> tuple[Decimal, Bound] | None:
    """An "at most" or "less than" of the upper end, rounded up; None if it says nothing."""
    assert allowed.upper is not None
    end = _magnitude_in(allowed.upper, unit)
    value = _rounded(end, _place(precision, end, figures, unit), ROUND_CEILING)
    if ceiling is not None and value >= ceiling:
        return None
    closed = allowed.upper_closed and _unchanged(end, value)
    return value, Bound.AT_MOST if closed else Bound.LESS_THAN


def _same(end: Decimal, other: Decimal) -> bool:
    """Two interval ends equal but for float noise."""
    return _unchanged(float(end), other)


def _inside_at(
    place: Decimal, lower: Decimal, upper: Decimal, lower_closed: bool, upper_closed: bool
) -> tuple[Decimal, Decimal] | None:
    """The least and greatest multiples of ``place`` inside the interval, or None."""
    first = _rounded(float(lower), place, ROUND_CEILING)
    if first < lower or (first == lower and not lower_closed):
        first += place
    last = _rounded(float(upper), place, ROUND_FLOOR)
    if last > upper or (last == upper and not upper_closed):
        last -= place
    return (first, last) if first <= last else None


def _derived(
    metric: Metric,
    inputs: Sequence[Fact],
    combine: Combine,
    method: str,
    like: Fact,
    modality: Modality | None = None,
) -> Fact | None:
    """The derived fact, or None when the inputs' bounds imply nothing useful.

    Every input is an amount, a level or a share, so none is negative: each
    interval is cut at zero before combining ("less than 2.1 billion yuan" is
    [0, 2.1) billion, so a rate from it is at least 0, not unbounded below).
    """
    unit = metric.unit
    # What the inputs allow: an exact input its printed digits, a bounded one its interval.
    allowed_inputs = [
        _non_negative(_precision(f) if f.bound is Bound.EXACT else f.interval) for f in inputs
    ]
    precisions = [_non_negative(_precision(f)) for f in inputs]
    if None in allowed_inputs or None in precisions:
        return None  # an input wholly below zero is no amount, level or share
    allowed = combine(*allowed_inputs).to(unit)
    nothing = combine(*(Interval(quantity(0, f.unit), None) for f in inputs)).to(unit)
    centre = combine(*(_point(f) for f in inputs)).to(unit)
    assert centre.lower is not None  # the inputs' own values: a point
    figures = min(significant_figures(f.value) for f in inputs if f.value is not None)
    found = _value_and_bound(
        allowed,
        nothing,
        _magnitude_in(centre.lower, unit),
        all(f.bound is Bound.EXACT for f in inputs),
        combine(*precisions),
        figures,
        unit,
    )
    if found is None or not math.isfinite(float(found[0])):
        return None
    value, bound = found
    flags, doubts = _doubt_note(inputs)
    written, scale = _written(value, unit)
    how = "exact" if bound is Bound.EXACT else "rounded to what the inputs' digits support"
    allows = "" if bound is Bound.EXACT else f"; its inputs allow {_range(allowed, unit)}"
    noun = "figure" if figures == 1 else "figures"
    note = (
        f"Computed by guizhou_bigdata from its inputs' quantities, in {unit}: "
        f"{_plain(centre.lower)} unrounded, {how} (at most {figures} significant {noun})"
        f"{allows}.{doubts}"
    )
    return Fact(
        id=f"{like.subject}.{metric.id}.{like.period}.derived",
        metric=metric.id,
        subject=like.subject,
        period=like.period,
        value=written,
        unit=unit,
        scale=scale,
        bound=bound,
        modality=least_certain(f.modality for f in inputs) if modality is None else modality,
        citations=_citations(*inputs),
        quality=flags,
        derived_from=tuple(f.id for f in inputs),
        method=method,
        note=note,
        reviewed=all(f.reviewed for f in inputs),
        derived_interval=None if bound is Bound.EXACT else _decimals(allowed),
    )


def _decimals(interval: Interval) -> tuple[Decimal | None, Decimal | None, bool, bool]:
    """The interval's ends as exact decimals (of the floats Pint computed)."""

    def end(value: pint.Quantity[float] | None) -> Decimal | None:
        return None if value is None else Decimal(repr(float(value.magnitude)))

    return end(interval.lower), end(interval.upper), interval.lower_closed, interval.upper_closed


def _plain(value: pint.Quantity[float] | None, infinite: str = "inf") -> str:
    """A magnitude in plain digits to four places, for a note (no scientific notation)."""
    if value is None:
        return infinite
    shown = Decimal(repr(float(value.magnitude))).quantize(Decimal("0.0001"))
    return number_text(shown.normalize() if shown != 0 else Decimal(0))


def _range(interval: Interval, unit: str) -> str:
    """An interval in plain numbers, for a note."""
    left = "[" if interval.lower_closed else "("
    right = "]" if interval.upper_closed else ")"
    return f"{left}{_plain(interval.lower, '-inf')}, {_plain(interval.upper)}{right} {unit}"


def _non_negative(interval: Interval) -> Interval | None:
    """The interval without its negative part, or None when it has none.

    An amount, a level or a share is never negative: "less than 25 percent" of
    something is [0, 25) percent.
    """
    lower, upper = interval.lower, interval.upper
    if lower is not None and lower.magnitude >= 0:
        return interval
    if upper is not None and (
        upper.magnitude < 0 or (upper.magnitude == 0 and not interval.upper_closed)
    ):
        return None
    reference = upper if upper is not None else lower
    assert reference is not None  # a figure's interval has an end
    return Interval(reference.magnitude * 0 * reference.units, upper, True, interval.upper_closed)


def _quotient(numerator: Interval, denominator: Interval) -> Interval:
    return numerator / denominator


def _growth(previous: Interval, current: Interval) -> Interval:
    """Growth in percent from one level to the next: (current / previous - 1) x 100."""
    ratio = current / previous
    return ratio.map_increasing(lambda q: (q.to("dimensionless") - 1).to("percent"))


def _exchange_rates(facts: Iterable[Fact], metric: Metric) -> Iterator[Fact]:
    """A yuan and a dollar figure in the same quote imply a rate: the source's own conversion."""
    numerator, denominator = (part.strip() for part in metric.unit.split("/"))
    groups: dict[tuple[str, str, tuple[str, str]], list[Fact]] = defaultdict(list)
    for fact in facts:
        if _same_dimension(fact.unit, numerator) or _same_dimension(fact.unit, denominator):
            groups[fact.subject, str(fact.period), _passage(fact)].append(fact)
    for group in groups.values():
        tops = [f for f in group if _same_dimension(f.unit, numerator)]
        bottoms = [f for f in group if _same_dimension(f.unit, denominator)]
        if len(tops) == 1 and len(bottoms) == 1 and _magnitude(bottoms[0]) > 0:
            a, b = tops[0], bottoms[0]
            found = _derived(
                metric,
                (a, b),
                _quotient,
                f"{a.id} divided by {b.id}: one quote gives the amount in both currencies",
                a,
                modality=Modality.ACTUAL,
            )
            if found is not None:
                yield found


def _nominal_growth(facts: Iterable[Fact], metric: Metric, level: str) -> Iterator[Fact]:
    """Consecutive yearly levels (of the metric's ``growth_of``) imply a nominal growth rate.

    Only levels of a whole year ("2014") are paired: a GDP for "2014-06" is part
    of a year, not that year's level.
    """
    by_subject: dict[str, dict[int, Fact]] = defaultdict(dict)
    for fact in facts:
        year = fact.period.calendar_year
        if fact.metric == level and year is not None:
            by_subject[fact.subject].setdefault(year, fact)
    for levels in by_subject.values():
        for year, current in sorted(levels.items()):
            previous = levels.get(year - 1)
            if previous is None or _magnitude(previous) <= 0 or _magnitude(current) < 0:
                continue
            found = _derived(
                metric,
                (previous, current),
                _growth,
                f"({current.id} / {previous.id} - 1) x 100: growth of the current-price level",
                current,
            )
            if found is not None:
                yield found


def _implied_totals(
    facts: Iterable[Fact], metric: Metric, pairs: Sequence[tuple[str, str]]
) -> Iterator[Fact]:
    """A level and its share of the whole (a ``ratio_of`` metric), stated together,
    imply the whole."""
    pool = list(facts)
    for level_metric, share_metric in pairs:
        shares = [f for f in pool if f.metric == share_metric]
        for level in (f for f in pool if f.metric == level_metric):
            for share in shares:
                same = (share.subject, share.period, _passage(share))
                if same != (level.subject, level.period, _passage(level)):
                    continue
                if _magnitude(share) <= 0 or _magnitude(level) < 0:
                    continue
                found = _derived(
                    metric,
                    (level, share),
                    _quotient,
                    f"{level.id} divided by {share.id}: the level is that share of GDP",
                    level,
                )
                if found is not None:
                    yield found


def _derivations(
    metrics: Mapping[str, Metric],
) -> Iterator[tuple[Metric, Callable[[Iterable[Fact]], Iterator[Fact]]]]:
    """What the catalogue's relations let the stated facts imply, metric by metric.

    A ``conversion`` metric is implied by one quote's amounts in both its units; a
    nominal growth rate ``growth_of`` a level by consecutive years of the level; the
    whole of a ``ratio_of`` metric by the part and the ratio stated together.
    """
    for metric in metrics.values():
        if metric.conversion:
            yield metric, functools.partial(_exchange_rates, metric=metric)
    for metric in metrics.values():
        level = metric.growth_of
        if level is not None and level in metrics and metric.basis is GrowthBasis.NOMINAL:
            yield metric, functools.partial(_nominal_growth, metric=metric, level=level)
    wholes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for metric in metrics.values():
        if len(metric.ratio_of) == 2 and all(m in metrics for m in metric.ratio_of):
            wholes[metric.ratio_of[1]].append((metric.ratio_of[0], metric.id))
    for whole, pairs in wholes.items():
        yield (
            metrics[whole],
            functools.partial(_implied_totals, metric=metrics[whole], pairs=tuple(pairs)),
        )


def derive_facts(stated: Iterable[Fact], metrics: Mapping[str, Metric]) -> tuple[Fact, ...]:
    """Every derived fact the stated facts support, by the relations of the catalogue."""
    usable = [fact for fact in stated if _usable(fact)]
    with localcontext() as context:
        # Results are floats (at most 309 digits before the point): exact decimals of
        # them, and their rounding, need that many digits, not the default 28.
        context.prec = _DIGITS
        derived = [fact for _, derivation in _derivations(metrics) for fact in derivation(usable)]
    counts = Counter(fact.id for fact in derived)
    # Two derivations of one metric, subject and period (two sentences each giving a
    # yuan and a dollar amount, say) are both kept: each is named after its first input.
    return tuple(
        attrs.evolve(fact, id=f"{fact.id}.{fact.derived_from[0]}") if counts[fact.id] > 1 else fact
        for fact in derived
    )
