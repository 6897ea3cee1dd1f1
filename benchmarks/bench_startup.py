"""Cold-start benchmark: import, first lookup and first Quantity, each in a fresh process.

Run ``python benchmarks/bench_startup.py``; it prints the median of several runs
of each step, interleaved so that machine noise hits every step alike.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

STEPS = {
    "import guizhou_bigdata": "import guizhou_bigdata",
    "import + first fact (loads and checks all data)": (
        "import guizhou_bigdata as gb; gb.metrics.digital_economy_growth(2018)"
    ),
    "import + first cited Quantity": (
        "import guizhou_bigdata as gb; gb.metrics.digital_economy_growth(2018).quantity"
    ),
}
TIMER = "import time; t = time.perf_counter(); exec({code!r}); print(time.perf_counter() - t)"


def measure(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", TIMER.format(code=code)], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main(rounds: int = 7) -> None:
    times: dict[str, list[float]] = {name: [] for name in STEPS}
    for _ in range(rounds):
        for name, code in STEPS.items():
            times[name].append(measure(code))
    for name, values in times.items():
        print(f"{statistics.median(values) * 1000:8.1f} ms  {name}")


if __name__ == "__main__":
    main()
