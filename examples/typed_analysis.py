"""A typed analysis: Guiyang's GDP series, real against nominal growth, with citations.

Checked with ``mypy --strict`` as a downstream project would check its own code.
"""

from __future__ import annotations

from decimal import Decimal

import guizhou_bigdata as gb


def gdp_in_billions(fact: gb.Fact) -> Decimal:
    """A GDP fact's exact value in billion yuan."""
    magnitude = fact.magnitude
    if magnitude is None:
        raise ValueError(f"{fact.id} has no readable value")
    return magnitude / Decimal(10) ** 9


def main() -> None:
    series: tuple[gb.Fact, ...] = gb.metrics.gdp.series()
    for fact in series:
        kind = "estimate" if fact.modality is gb.Modality.ESTIMATE else "actual"
        source = fact.citations[0].source.id
        print(f"{fact.period}: {gdp_in_billions(fact):,.3f} billion yuan ({kind}, {source})")
    for real in gb.metrics.gdp_real_growth.series():
        year = real.period.year
        nominal = [
            f for f in gb.facts(metric="gdp_nominal_growth", derived=True) if f.period.year == year
        ]
        implied = f", nominal {nominal[0].figure} implied by the levels" if nominal else ""
        print(f"{year}: real growth {real.figure}{implied}")
    # Quantities are typed, not optional: no assert, no None check. A fact with
    # no readable value raises gb.NoValueError; gb.metrics only serves read ones.
    total = sum((fact.quantity for fact in series[:3]), gb.Q_(0, "yuan"))
    growth = (gb.metrics.gdp(2015).quantity / gb.metrics.gdp(2014).quantity - 1).to("percent")
    print(f"2013-2015 together: {total.to('亿 yuan'):.1f} ({total.to('billion yuan'):.3f})")
    print(f"nominal growth 2015: {growth:.1f}")


if __name__ == "__main__":
    main()
