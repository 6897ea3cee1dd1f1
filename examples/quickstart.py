"""Quick start: a headline figure, its quote and its source."""

from __future__ import annotations

import guizhou_bigdata as gb


def main() -> None:
    fact = gb.metrics.digital_economy_growth(2018)
    print(f"Guizhou's digital economy grew {fact.quantity} in {fact.period}.")
    print(fact.cite())
    print()
    for centre in gb.data_centres():
        print(f"{centre.name} ({centre.location}): {centre.status.value}")


if __name__ == "__main__":
    main()
