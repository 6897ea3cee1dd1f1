"""Where the time goes in benchmark items 2-5, for whoever optimises the library.

    python benchmarks/profiling.py              # items 2 3 4 5
    python benchmarks/profiling.py 3 --facts 100000 --top 25
    python benchmarks/profiling.py draft --kind table --size 1000000

Item 2 runs in fresh processes (``-X importtime`` and cProfile, from the built
wheel, and with the compiled-data cache warm and cold); items 3-5 are profiled in this process on a
synthetic data set. ``draft`` profiles the whole draft (``gb.draft`` and its TOML) of a
generated text of ``benchmarks/reader_speed.py`` and says how long the garbage collector
took, by generation: a table holds a figure every 15-19 characters, and each object a
figure keeps alive is walked at every full collection. Each table lists functions by their
own time, as ``file:line(function)``, with cumulative times and call counts. (Not named
``profile.py``: that would shadow the standard module cProfile imports.)
"""

from __future__ import annotations

import argparse
import cProfile
import operator
import os
import pstats
import random
import re
import subprocess
import sys
import tempfile
import tomllib
from collections import deque
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from run import CACHE_ENV, STARTUP, cache_env
from synthetic import write_dataset

_StatsKey = tuple[str, int, str]
_StatsValue = tuple[int, int, float, float, dict[Any, Any]]
_SITE = re.compile(r".*/(site-packages|lib/python3\.\d+|src)/")


def _short(path: str) -> str:
    """A path relative to site-packages, the stdlib or src/, as a reader would look it up."""
    return _SITE.sub("", path)


def print_stats(title: str, stats: pstats.Stats, top: int) -> None:
    """The ``top`` functions by own time, by cumulative time, and the library's by cumulative."""
    table: dict[_StatsKey, _StatsValue] = vars(stats)["stats"]
    library = {key: value for key, value in table.items() if "guizhou_bigdata" in key[0]}
    total = sum(value[2] for value in table.values())
    print(f"\n## {title}: {total * 1e3:,.1f} ms profiled")
    views: tuple[tuple[str, dict[_StatsKey, _StatsValue], bool], ...] = (
        ("own time", table, False),
        ("cumulative time", table, True),
        ("cumulative time, guizhou_bigdata only", library, True),
    )
    for label, rows, cumulative_order in views:
        print(f"   top {top} by {label}:")
        print("     own ms   cum ms     calls  function")
        ranked = sorted(
            rows.items(), key=lambda i: i[1][3] if cumulative_order else i[1][2], reverse=True
        )
        for (file, line, name), (_, calls, own, cumulative, _) in ranked[:top]:
            where = name if file == "~" else f"{_short(file)}:{line}({name})"
            print(f"   {own * 1e3:8.1f} {cumulative * 1e3:8.1f} {calls:>9,}  {where}")


def _profile(run: Callable[[], object]) -> pstats.Stats:
    profiler = cProfile.Profile()
    profiler.runcall(run)
    return pstats.Stats(profiler)


def _import_times(code: str, env: dict[str, str], top: int) -> None:
    """``-X importtime``: the modules with the largest own and cumulative import times."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    rows: list[tuple[int, int, str]] = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[0].strip().isdigit():
            rows.append((int(parts[0]), int(parts[1]), parts[2].rstrip()))
    total = sum(own for own, _, _ in rows)
    print(f"   -X importtime: {len(rows)} modules, {total / 1e3:.1f} ms of imports")
    print("   by own time (ms):")
    for own, cumulative, name in sorted(rows, reverse=True)[:top]:
        print(f"   {own / 1e3:8.1f} own {cumulative / 1e3:8.1f} cum  {name.strip()}")
    top_level = [row for row in rows if not row[2].startswith("  ")]
    print("   top-level imports by cumulative time (ms):")
    for own, cumulative, name in sorted(top_level, key=lambda r: r[1], reverse=True)[:top]:
        print(f"   {own / 1e3:8.1f} own {cumulative / 1e3:8.1f} cum  {name.strip()}")


def profile_startup(root: Path, top: int) -> None:
    """Item 2 in fresh processes: import + first Quantity from the built wheel (its
    compiled file and key), then with the cache of a source checkout warm, then cold."""
    code = STARTUP["gb_quantity"]
    script = root / "first_quantity.py"
    script.write_text(code + "\n")
    base = {k: v for k, v in os.environ.items() if k != CACHE_ENV}
    for mode in ("wheel", "warm", "cold"):
        env = {**base, **cache_env(mode, root)}
        if mode == "warm":  # fill it first
            subprocess.run([sys.executable, str(script)], env=env, check=True)
        output = root / f"startup-{mode}.prof"
        subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(output), str(script)], env=env, check=True
        )
        print_stats(
            f"item 2: import + first Quantity, cache {mode}", pstats.Stats(str(output)), top
        )
        _import_times(code, {**base, **cache_env(mode, root)}, top)


def profile_in_process(items: set[str], folder: Path, n_facts: int, top: int) -> None:
    """Items 3, 4 and 5 on ``n_facts`` synthetic facts, after a warm-up load."""
    import guizhou_bigdata as gb

    gb.load_registry(folder, bundled=False)  # warm-up: imports, unit registry
    if "5" in items:
        stats = _profile(lambda: gb.load_registry(folder, bundled=False))
        print_stats(f"item 5: load_registry of {n_facts:,} facts", stats, top)
        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.toml"))]
        stats = _profile(lambda: [tomllib.loads(text) for text in texts])
        print_stats(f"item 5 baseline: tomllib.loads of the same {len(texts)} files", stats, 5)
    registry = gb.load_registry(folder, bundled=False)
    facts = registry.facts()
    if "3" in items:
        keys = [
            (f.metric, f.subject, f.period.end.year)
            for f in random.Random(1).sample(facts, min(1000, len(facts)))
        ]

        def lookups() -> None:
            for _ in range(20):
                for metric, subject, year in keys:
                    registry.facts(metric=metric, subject=subject, year=year)

        print_stats(f"item 3: {20 * len(keys):,} lookups", _profile(lookups), top)
    if "4" in items:
        sample = facts[:: max(1, len(facts) // 1000)]
        quantity = operator.attrgetter("quantity")

        def quantities() -> None:
            for _ in range(20):
                deque(map(quantity, sample), maxlen=0)

        print_stats(f"item 4: {20 * len(sample):,} fact.quantity", _profile(quantities), top)


def profile_draft(kind: str, size: int, top: int) -> None:
    """The draft of ``size`` characters of generated text of ``kind``, after a warm-up draft,
    and the garbage collector's time in it (measured apart, without the profiler)."""
    import gc
    import time

    from reader_speed import article

    import guizhou_bigdata as gb

    def run() -> None:
        gb.draft(text, source="profile-2024-03-05", published="2024-03-05").to_toml()

    text = article(kind, 10_000, 3)
    run()  # warm: lexicons, patterns, the guesser
    text = article(kind, size, 2)
    collected: dict[int, list[float]] = {}
    started = [0.0]

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            spent = collected.setdefault(info["generation"], [0, 0.0])
            spent[0] += 1
            spent[1] += time.perf_counter() - started[0]

    gc.callbacks.append(timed)
    try:
        begun = time.process_time()
        run()
        total = time.process_time() - begun
    finally:
        gc.callbacks.remove(timed)
    print(f"\n## draft of {len(text):,} characters of {kind}: {total:.2f} s CPU")
    for generation, (count, spent) in sorted(collected.items()):
        print(f"   garbage collector, generation {generation}: {int(count)} runs, {spent:.2f} s")
    print_stats(f"draft of {kind}", _profile(run), top)


def main(argv: Sequence[str] | None = None) -> int:
    """Profile the items asked for and print the hotspots."""
    parser = argparse.ArgumentParser(description="Profile benchmark items 2-5.")
    parser.add_argument("items", nargs="*", default=["2", "3", "4", "5"])
    parser.add_argument("--facts", type=int, default=10_000, help="synthetic facts for 3-5")
    parser.add_argument("--top", type=int, default=15, help="rows per table")
    parser.add_argument("--kind", default="table", help="the text of item draft")
    parser.add_argument("--size", type=int, default=1_000_000, help="its characters")
    args = parser.parse_args(argv)
    items = set(args.items)
    if "draft" in items:
        profile_draft(args.kind, args.size, args.top)
    with tempfile.TemporaryDirectory(prefix="gb-profile-") as folder:
        root = Path(folder)
        (root / "cache-warm").mkdir()
        os.environ.update(cache_env("warm", root))  # never the user's own cache folder
        if "2" in items:
            profile_startup(root, args.top)
        if items & {"3", "4", "5"}:
            data = root / "facts"
            write_dataset(data, args.facts)
            profile_in_process(items, data, args.facts, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
