"""Export the facts to Parquet and query them with DuckDB and pandas, quotes included.

Needs the extras: pip install "guizhou-bigdata[pandas,parquet]" duckdb
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import duckdb

import guizhou_bigdata as gb


def main() -> None:
    with tempfile.TemporaryDirectory() as folder, duckdb.connect() as connection:
        path = gb.export(Path(folder) / "guizhou_facts.parquet")

        # DuckDB reads the file directly; value_exact is the exact decimal as text.
        rows = connection.execute(
            "select period, value_exact, unit, modality, quote, source "
            f"from '{path}' where metric = 'gdp' and subject = 'guiyang' "
            "order by period_start"
        ).fetchall()
        print("Guiyang's GDP (DuckDB over Parquet):")
        for period, exact, unit, modality, quote, source in rows:
            billions = Decimal(exact) / Decimal(10) ** 9
            print(f"  {period}: {billions} billion {unit} ({modality})")
            print(f"      \u201c{quote}\u201d ({source})")

        counts = connection.execute(
            f"select source, count(*) as facts from '{path}' group by source order by source"
        ).fetchall()
        print("\nFacts per first-cited source:")
        for source, facts in counts:
            print(f"  {source}: {facts}")

    # pandas: the same series as a DataFrame, without any file.
    frame = gb.to_frame(metric="gdp", subject="guiyang")
    frame = frame.assign(year=frame["period_end"].dt.year, billion_yuan=frame["value"] / 1e9)
    print("\nGuiyang's GDP (pandas):")
    print(frame[["year", "billion_yuan", "modality", "source"]].to_string(index=False))


if __name__ == "__main__":
    main()
