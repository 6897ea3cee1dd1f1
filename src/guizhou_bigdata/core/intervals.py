"""Bounds as intervals: what a figure's bound word allows the true value to be.

"more than 5,000" is (5000, ∞), "at most 3" is (-∞, 3], an exact figure a closed
point. Two statements conflict only when their intervals cannot both hold, and
derived figures combine their inputs' intervals.

``about x`` and ``nearly x`` get a tolerance of half a unit in the last
significant digit of ``x`` as printed (trailing zeros of a whole number are not
significant): "about 38 percent" is [37.5, 38.5] percent, "about 1800 million"
[1750, 1850] million, "nearly 5,000" [4500, 5000). Why: "about x" says x is
rounded, and every value that rounds to x at the digits printed lies within half
a unit of its last one; no wider tolerance can be read from the words, and a
narrower one would call a rounded figure wrong. So "about 18 million" and "20
million" disagree, "about 5,000" and "5,400" do not. Any tolerance is a
convention: the interval says what the library assumes, not what the source
promised.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from .vocabulary import Bound

if TYPE_CHECKING:
    import pint

    from .vocabulary import BoundName

__all__ = [
    "Interval",
    "decimal_bounds",
    "last_place",
    "rounding_unit",
    "significant_figures",
]

DecimalBounds = tuple[Decimal | None, Decimal | None, bool, bool]
"""(lower, upper, lower closed, upper closed) in exact decimals; None is unbounded."""


def last_place(value: Decimal) -> Decimal:
    """One unit in the last digit of ``value`` as printed: "164.9" 0.1, "700" 1."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"{value} is not a finite number")
    return Decimal(1).scaleb(exponent)


def rounding_unit(value: Decimal) -> Decimal:
    """The unit ``value`` is rounded to: trailing zeros of a whole number do not count.

    "about 1800 million" is rounded to hundreds (of millions), "about 38" to
    units, "about 38.0" to tenths: the tolerance of ``about`` and ``nearly``.
    """
    place = last_place(value)
    if place >= 1 and value != 0:
        normalized = value.normalize().as_tuple().exponent
        if isinstance(normalized, int):
            return Decimal(1).scaleb(normalized)
    return place


def significant_figures(value: Decimal) -> int:
    """How many digits ``value`` is printed with, from its first non-zero digit (at least 1)."""
    if value == 0:
        return 1
    return max(1, value.adjusted() - last_place(value).adjusted() + 1)


def decimal_bounds(
    bound: Bound | BoundName, value: Decimal, written: Decimal | None = None
) -> DecimalBounds:
    """The interval a bound word gives ``value``, in exact decimals.

    ``bound`` is a :class:`~.vocabulary.Bound` or its value (``"more_than"`` ...).
    ``written`` is the number as printed, before its scale word, whose last digit
    sets the tolerance of ``about`` and ``nearly`` (``value`` itself by default).
    """
    bound = _bound(bound)
    if bound is Bound.EXACT:
        return value, value, True, True
    if bound is Bound.MORE_THAN:
        return value, None, False, False
    if bound is Bound.AT_LEAST:
        return value, None, True, False
    if bound is Bound.AT_MOST:
        return None, value, False, True
    if bound is Bound.LESS_THAN:
        return None, value, False, False
    written = value if written is None else written
    tolerance = rounding_unit(written) * (value / written if written else Decimal(1)) / 2
    if bound is Bound.ABOUT:
        return value - tolerance, value + tolerance, True, True
    return value - tolerance, value, True, False  # nearly


def _bound(bound: Bound | str) -> Bound:
    """``bound`` as a :class:`~.vocabulary.Bound`, from the member or its value."""
    if isinstance(bound, Bound):
        return bound
    try:
        return Bound(bound)
    except ValueError:
        valid = ", ".join(member.value for member in Bound)
        raise ValueError(f"unknown bound {bound!r}; valid bounds: {valid}") from None


def _optional_quantity(
    instance: Interval,
    attribute: attrs.Attribute[pint.Quantity[float] | None],
    value: pint.Quantity[float] | None,
) -> None:
    import pint

    if value is not None and not isinstance(value, pint.Quantity):
        raise TypeError(f"Interval.{attribute.name} must be a Pint Quantity or None, got {value!r}")


@attrs.frozen
class Interval:
    """The values a figure allows: ``lower`` and ``upper`` ends, each open or closed.

    An end is a Pint Quantity in the fact's unit, or ``None`` when the interval
    is unbounded on that side (then it is open there). See the module docs for
    the tolerance given to ``about`` and ``nearly``.

    >>> import guizhou_bigdata as gb
    >>> more = gb.Interval(gb.Q_(5000, "enterprise"), None, lower_closed=False)
    >>> more.contains(gb.Q_(6000, "enterprise")), more.contains(gb.Q_(5000, "enterprise"))
    (True, False)
    >>> str(more)
    '(5000 enterprise, ∞)'
    """

    lower: pint.Quantity[float] | None = attrs.field(validator=_optional_quantity)
    upper: pint.Quantity[float] | None = attrs.field(validator=_optional_quantity)
    lower_closed: bool = True
    upper_closed: bool = True

    def __attrs_post_init__(self) -> None:
        if self.lower is None and self.lower_closed:
            object.__setattr__(self, "lower_closed", False)
        if self.upper is None and self.upper_closed:
            object.__setattr__(self, "upper_closed", False)
        if self.lower is not None and self.upper is not None:
            _same_dimension(self.lower, self.upper)
            if self.lower > self.upper:
                raise ValueError(
                    f"interval lower end {self.lower} is above its upper end {self.upper}"
                )
            if self.lower == self.upper and not (self.lower_closed and self.upper_closed):
                raise ValueError(f"an interval of the single value {self.lower} must be closed")

    @classmethod
    def point(cls, value: pint.Quantity[float]) -> Interval:
        """The closed interval holding ``value`` alone: an exact figure."""
        return cls(value, value)

    @classmethod
    def of_figure(
        cls,
        bound: Bound | BoundName,
        value: Decimal,
        unit: str,
        *,
        written: Decimal | None = None,
    ) -> Interval:
        """The interval a figure's bound word allows: see :func:`decimal_bounds`.

        ``bound`` is a :class:`~.vocabulary.Bound` or its value:

        >>> import guizhou_bigdata as gb
        >>> from decimal import Decimal
        >>> print(gb.Interval.of_figure(gb.Bound.ABOUT, Decimal(5), "percent"))
        [4.5 percent, 5.5 percent]
        >>> print(gb.Interval.of_figure("nearly", Decimal(5), "percent"))
        [4.5 percent, 5 percent)
        """
        return cls.of_decimals(decimal_bounds(bound, value, written), unit)

    @classmethod
    def of_decimals(cls, bounds: DecimalBounds, unit: str) -> Interval:
        """The interval of exact decimal ends in ``unit`` (None: unbounded)."""
        from .units import quantity

        lower, upper, lower_closed, upper_closed = bounds
        return cls(
            None if lower is None else quantity(lower, unit),
            None if upper is None else quantity(upper, unit),
            lower_closed,
            upper_closed,
        )

    @property
    def is_point(self) -> bool:
        """True for a single value (an exact figure)."""
        return self.lower is not None and self.upper is not None and self.lower == self.upper

    def contains(self, value: pint.Quantity[float]) -> bool:
        """True when ``value`` (in any unit of the same dimension) lies in the interval."""
        for end in (self.lower, self.upper):
            if end is not None:
                _same_dimension(end, value)
        if self.lower is not None and (
            value < self.lower or (value == self.lower and not self.lower_closed)
        ):
            return False
        return not (
            self.upper is not None
            and (value > self.upper or (value == self.upper and not self.upper_closed))
        )

    def overlaps(self, other: Interval) -> bool:
        """True when some value lies in both intervals: the two statements can both hold."""
        return not (_below(self, other) or _below(other, self))

    def to(self, unit: str) -> Interval:
        """The same interval with its ends in ``unit`` (same dimension)."""
        from .units import parse_unit

        target = parse_unit(unit)
        return Interval(
            None if self.lower is None else self.lower.to(target),
            None if self.upper is None else self.upper.to(target),
            self.lower_closed,
            self.upper_closed,
        )

    def __truediv__(self, other: Interval) -> Interval:
        """Every quotient ``a / b`` of a value ``a`` of this interval by a value ``b`` of ``other``.

        The divisor must hold non-negative values only (an amount, a level, a
        share: what figures divide by), else ValueError. Zero itself is no
        divisor: the quotients are those of the divisor's other values, so a
        divisor reaching zero leaves the quotient unbounded on that side
        (``[5, 5] / [0, 2]`` is [2.5, ∞)), and a divisor holding zero alone has
        no quotient at all (ZeroDivisionError, whatever the dividend).
        """
        if not isinstance(other, Interval):
            return NotImplemented
        if other.lower is None or other.lower.magnitude < 0:
            raise ValueError(f"interval division needs a non-negative divisor, got {other}")
        if other.upper is not None and other.upper.magnitude == 0:
            raise ZeroDivisionError(
                f"cannot divide {self} by {other}: the divisor {other} holds no value but "
                "zero, so no quotient exists"
            )
        lower, lower_closed = _quotient_end(
            self.lower, self.lower_closed, other, towards_zero=self._at_least_zero(self.lower)
        )
        upper, upper_closed = _quotient_end(
            self.upper, self.upper_closed, other, towards_zero=not self._at_least_zero(self.upper)
        )
        return Interval(lower, upper, lower_closed, upper_closed)

    @staticmethod
    def _at_least_zero(end: pint.Quantity[float] | None) -> bool:
        return end is not None and end.magnitude >= 0

    def map_increasing(
        self, function: Callable[[pint.Quantity[float]], pint.Quantity[float]]
    ) -> Interval:
        """The interval of ``function`` over this one, for a strictly increasing function."""
        return Interval(
            None if self.lower is None else function(self.lower),
            None if self.upper is None else function(self.upper),
            self.lower_closed,
            self.upper_closed,
        )

    def __str__(self) -> str:
        left = "[" if self.lower_closed else "("
        right = "]" if self.upper_closed else ")"
        lower = "-∞" if self.lower is None else _shown(self.lower)
        upper = "∞" if self.upper is None else _shown(self.upper)
        return f"{left}{lower}, {upper}{right}"


def _quotient_end(
    end: pint.Quantity[float] | None, closed: bool, divisor: Interval, *, towards_zero: bool
) -> tuple[pint.Quantity[float] | None, bool]:
    """One end of ``[end] / divisor``: divided by the divisor's end that moves it least.

    ``towards_zero`` divides by the divisor's upper end (a lower end >= 0, or an
    upper end < 0, moves towards zero as the divisor grows); otherwise by its
    lower end, which at zero sends the quotient to infinity.
    """
    assert divisor.lower is not None  # checked by the caller
    if end is None:
        return None, False
    if end.magnitude == 0:
        return end / divisor.lower.units, closed
    if towards_zero:
        if divisor.upper is None:
            return end.magnitude * 0 * (end.units / divisor.lower.units), False
        return end / divisor.upper, closed and divisor.upper_closed
    if divisor.lower.magnitude == 0:
        return None, False
    return end / divisor.lower, closed and divisor.lower_closed


def _shown(value: pint.Quantity[float]) -> str:
    magnitude = value.magnitude
    number = f"{magnitude:.15g}"
    if "e" in number:
        number = format(Decimal(repr(float(magnitude))), "f")
    return f"{number} {value.units}"


def _same_dimension(a: pint.Quantity[float], b: pint.Quantity[float]) -> None:
    import pint

    if not isinstance(b, pint.Quantity):
        raise TypeError(f"expected a Pint Quantity, got {b!r}")
    if a.dimensionality != b.dimensionality:
        raise ValueError(
            f"cannot compare {b} with an interval in {a.units}: "
            f"{b.dimensionality} is not {a.dimensionality}"
        )


def _below(a: Interval, b: Interval) -> bool:
    """True when every value of ``a`` is below every value of ``b``."""
    if a.upper is None or b.lower is None:
        return False
    _same_dimension(a.upper, b.lower)
    if a.upper < b.lower:
        return True
    return bool(a.upper == b.lower and not (a.upper_closed and b.lower_closed))
