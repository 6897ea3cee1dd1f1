"""The benchmark suite: every figure as a ratio to a reference tool, measured in one run.

Absolute times on a shared machine are noise; a ratio to another program measured
in the same run, interleaved round-robin, is not. Run

    python benchmarks/run.py            # full: about 3 minutes on 2 cores
    python benchmarks/run.py --quick    # about a minute; loads stop at 10,000 facts

and read each figure beside its goal and PASS or MISS. Items:

1. cold ``import guizhou_bigdata`` against importing astropy's constants;
2. cold import plus the first cited Quantity against building Pint's default
   registry, with the library's compiled-data cache warm, cold and off, and from
   the built wheel, which carries the data compiled;
3. an indexed lookup at 100,000 facts, absolute and against a pandas mask;
4. ``fact.quantity``;
5. loading N synthetic facts against ``tomllib.loads`` of the same text, and
   whether the time per fact stays flat from 1,000 to 100,000 facts;
6. memory per loaded fact (tracemalloc);
7. refusing a bad file (hints for 500 broken references, a quote of 10 MB, an
   array of 50,000 bad items) against ``tomllib.loads`` of the same text: the
   test suite counts the work these take, and this is where it is timed.

Processes are started fresh wherever first-use cost matters; ``--help`` lists
the knobs (rounds, sizes, cache modes, which items). The data sets come from
``benchmarks/synthetic.py`` and live in a temporary folder unless ``--data`` is
given. Nothing is written to the package or to the user's cache folder.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import operator
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tomllib
import tracemalloc
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from synthetic import write_dataset

CACHE_ENV = "GUIZHOU_BIGDATA_CACHE"
"""The library's compiled-data cache: a folder, or ``off``."""

GOALS = {
    "import": 0.06,  # x astropy constants, whole process and in process
    "quantity": 0.75,  # x pint.UnitRegistry(), from compiled data (wheel, warm cache)
    "quantity_first_run": 0.8,  # x pint.UnitRegistry(), nothing compiled (cold cache, off)
    "quantity_floor": 1.15,  # x import pint alone, from compiled data
    "fact": 0.20,  # x pint.UnitRegistry(): the first fact, which needs no Pint
    "lookup_us": 2.0,  # microseconds per indexed lookup
    "lookup_vs_pandas": 100.0,  # pandas mask time / lookup time, at least
    "quantity_us": 10.0,  # microseconds per fact.quantity
    "load": 1.5,  # x tomllib.loads of the same text
    "linear": 1.5,  # time per fact at the largest N / at the smallest N, at most
    "refuse_references": 10.0,  # x tomllib.loads: 500 broken references among 1,000 ids
    "refuse_quote": 1.5,  # x tomllib.loads: a fact quoting 10 MB
    "refuse_array": 25.0,  # x tomllib.loads: 50,000 bad items, a problem each
    "to_frame": 2.0,  # x pd.DataFrame of the same rows (fact_rows already built), at most
}

STARTUP = {
    "python": "pass",
    "gb_import": "import guizhou_bigdata",
    "astropy": "from astropy import constants as c; c.c",
    "gb_quantity": (
        "import guizhou_bigdata as gb; gb.metrics.digital_economy_growth(2018).quantity"
    ),
    "gb_fact": "import guizhou_bigdata as gb; gb.metrics.digital_economy_growth(2018)",
    "pint": "import pint; pint.UnitRegistry()",
    "pint_import": "import pint",
}
"""Commands timed in fresh processes; the library's ones run once per cache mode."""

_TIMER = "import time\n_t = time.{clock}()\nexec({code!r})\nprint(time.{clock}() - _t)\n"
CLOCKS = {"wall": "perf_counter", "cpu": "process_time"}
"""Items 1-2 time wall-clock time (what a user waits), or CPU time (user + system) of
the child process: on a machine busy with other work, a process waiting for a core
adds to its wall time, not to its CPU time, so ``--clock cpu`` keeps the ratios."""
_HERE = Path(__file__).resolve().parent
_WARMUP_FACTS = 200


# Results ---------------------------------------------------------------------------


@dataclass
class Row:
    """One printed line: a figure, what it is compared with, and its goal."""

    item: str
    what: str
    value: str
    baseline: str = ""
    ratio: float | None = None
    goal: str = ""
    passed: bool | None = None  # None: reported, no goal
    context: bool = False  # printed after the item's figures

    def line(self) -> str:
        verdict = "" if self.passed is None else ("PASS" if self.passed else "MISS")
        ratio = (
            "" if self.ratio is None else f"{self.ratio:{',.0f' if self.ratio >= 100 else '.3g'}}x"
        )
        return _LINE.format(
            self.item, self.what, self.value, self.baseline, ratio, self.goal, verdict
        )


_LINE = "{:>2}  {:<52} {:>13}  {:<26} {:>8}  {:<9} {}"
HEADER = _LINE.format("#", "figure", "measured", "compared with", "ratio", "goal", "result")


@dataclass
class Report:
    """Everything measured, printed as a table and optionally saved as JSON."""

    rows: list[Row] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        _log(row.line())


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f} ms"


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:.3g} us" if seconds < 1e-3 else _ms(seconds)


def _at_most(ratio: float, goal: float) -> tuple[str, bool]:
    return f"<= {goal:g}x", ratio <= goal


# Cache modes -----------------------------------------------------------------------


COMPILED = frozenset({"warm", "wheel", "n/a"})
"""Cache modes that start from compiled data (``n/a``: a library without a cache)."""


def cache_supported() -> bool:
    """Whether the installed library reads ``$GUIZHOU_BIGDATA_CACHE`` (found in its source)."""
    spec = importlib.util.find_spec("guizhou_bigdata")
    if spec is None or not spec.submodule_search_locations:
        return False
    for folder in spec.submodule_search_locations:
        for path in Path(folder).rglob("*.py"):
            if CACHE_ENV in path.read_text(encoding="utf-8"):
                return True
    return False


def cache_env(mode: str, root: Path) -> dict[str, str]:
    """Environment entries for a cache mode; ``cold`` gets a new, empty folder each call.

    ``n/a`` (a library without a cache) leaves the variable unset.
    """
    if mode == "n/a":
        return {}
    if mode == "off":
        return {CACHE_ENV: "off"}
    if mode == "warm":
        return {CACHE_ENV: str(root / "cache-warm")}
    if mode == "cold":
        return {CACHE_ENV: tempfile.mkdtemp(prefix="cache-cold-", dir=root)}
    if mode == "wheel":
        # The built wheel, unpacked, ahead of the editable install: what a user who
        # ran "pip install guizhou-bigdata" starts with. No user cache at all.
        return {CACHE_ENV: "off", "PYTHONPATH": str(_unpacked_wheel(root))}
    raise ValueError(f"unknown cache mode {mode!r}: use warm, cold, off, wheel or n/a")


def _unpacked_wheel(root: Path) -> Path:
    """Build the project's wheel once (no isolation: the tools are installed) and unpack it."""
    target = root / "wheel"
    if not target.is_dir():
        dist = root / "dist"
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
            cwd=_HERE.parent,
            check=True,
            capture_output=True,
        )
        import zipfile

        (wheel,) = dist.glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(target)
    return target


def _base_env() -> dict[str, str]:
    """The environment of child processes: ours, less any cache setting of the user's.

    PYTHONDONTWRITEBYTECODE is dropped too: an installed package has its bytecode
    compiled, so the untimed warm-up runs write it, as pip would have; without it
    every timed process would compile the library's sources (and not Pint's,
    which pip compiled), a cost no installed copy pays.
    """
    env = dict(os.environ)
    env.pop(CACHE_ENV, None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


# Workers: fresh processes that measure and print JSON -------------------------------


def _spawn(task: str, spec: Mapping[str, Any], env: Mapping[str, str]) -> Any:
    """Run ``run.py --worker task spec`` with ``env`` and return its JSON answer."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--worker", task, json.dumps(spec)],
        env={**_base_env(), **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"worker {task} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _texts(folder: str) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(Path(folder).rglob("*.toml"))]


def _clear(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    Path(folder).mkdir(parents=True)


def _worker_load(spec: Mapping[str, Any]) -> dict[str, dict[str, float]]:
    """Time ``load_registry`` and ``tomllib.loads`` per data set, alternating which goes first.

    A warm-up load (untimed) imports the loading code and builds the unit
    registry, so the timings are of loading, not of first use. In a cold cache
    mode the cache folder is emptied before every timed load.
    """
    import guizhou_bigdata as gb

    gb.load_registry(spec["warmup"], bundled=False)
    cold: str | None = spec.get("cold")
    out: dict[str, dict[str, float]] = {}
    for name, folder in spec["sets"].items():
        texts = _texts(folder)
        times: dict[str, float] = {}
        for which in ("toml", "gb") if spec["order"] % 2 == 0 else ("gb", "toml"):
            if cold is not None:
                _clear(cold)
            gc.collect()
            start = time.perf_counter()
            if which == "toml":
                for text in texts:
                    tomllib.loads(text)
            else:
                gb.load_registry(folder, bundled=False)
            times[which] = time.perf_counter() - start
        out[name] = times
    return out


def _traced(make: Callable[[], object]) -> tuple[int, int]:
    """(bytes still held by what ``make`` returns, peak bytes while making it)."""
    gc.collect()
    tracemalloc.start()
    try:
        kept = make()
        gc.collect()
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del kept
    return current, peak


def _worker_memory(spec: Mapping[str, Any]) -> dict[str, int]:
    """Bytes held by a loaded registry and by the same files parsed by tomllib alone."""
    import guizhou_bigdata as gb

    gb.load_registry(spec["warmup"], bundled=False)
    folder = spec["folder"]
    texts = _texts(folder)
    registry, registry_peak = _traced(lambda: gb.load_registry(folder, bundled=False))
    parsed, _ = _traced(lambda: [tomllib.loads(text) for text in texts])
    return {"registry": registry, "registry_peak": registry_peak, "toml": parsed}


WORKERS: dict[str, Callable[[Mapping[str, Any]], object]] = {
    "load": _worker_load,
    "memory": _worker_memory,
}


# Items 1 and 2: cold start ----------------------------------------------------------


def _run_timed(
    code: str, env: Mapping[str, str], cwd: Path, clock: str = "wall"
) -> tuple[float, float]:
    """(whole-process time, time inside the process) of ``python -c code``, on ``clock``.

    A whole process's CPU time is the growth of this process's children's rusage
    across the run: children run one at a time, so it is this child's alone.
    """
    cpu_before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _TIMER.format(code=code, clock=CLOCKS[clock])],
        env={**_base_env(), **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{code!r} failed:\n{done.stderr}")
    inside = float(done.stdout.strip().splitlines()[-1])
    return (wall if clock == "wall" else _children_cpu() - cpu_before), inside


def _children_cpu() -> float:
    """User + system CPU seconds of this process's finished children."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_startup(
    report: Report, root: Path, rounds: int, modes: Sequence[str], clock: str = "wall"
) -> None:
    """Items 1 and 2: fresh processes, round-robin, rotated each round; medians."""
    jobs: list[tuple[str, str, str | None]] = [
        ("python", STARTUP["python"], None),
        ("gb_import", STARTUP["gb_import"], modes[0]),
        ("astropy", STARTUP["astropy"], None),
        ("pint", STARTUP["pint"], None),
        ("pint_import", STARTUP["pint_import"], None),
        *((f"gb_quantity[{mode}]", STARTUP["gb_quantity"], mode) for mode in modes),
        *((f"gb_fact[{mode}]", STARTUP["gb_fact"], mode) for mode in modes if mode in COMPILED),
    ]
    walls: dict[str, list[float]] = {name: [] for name, _, _ in jobs}
    inner: dict[str, list[float]] = {name: [] for name, _, _ in jobs}
    for _, code, mode in jobs:  # untimed: warms the disk, bytecode and the warm cache
        _run_timed(code, cache_env(mode, root) if mode else {}, root, clock)
    for number in range(rounds):
        shift = number % len(jobs)
        for name, code, mode in jobs[shift:] + jobs[:shift]:
            outside, inside = _run_timed(code, cache_env(mode, root) if mode else {}, root, clock)
            walls[name].append(outside)
            inner[name].append(inside)
        _log(f"   startup round {number + 1}/{rounds} done")
    wall = {name: statistics.median(values) for name, values in walls.items()}
    ins = {name: statistics.median(values) for name, values in inner.items()}
    report.raw["startup"] = {"wall": walls, "in_process": inner}

    report.add(Row("", "bare interpreter (python -c pass), process", _ms(wall["python"])))
    for label, table in (("whole process", wall), ("in-process", ins)):
        ratio = table["gb_import"] / table["astropy"]
        goal, ok = _at_most(ratio, GOALS["import"])
        report.add(
            Row(
                "1",
                f"import guizhou_bigdata, {label}",
                _ms(table["gb_import"]),
                f"astropy c.c {_ms(table['astropy'])}",
                ratio,
                goal,
                ok,
            )
        )
    for mode in modes:
        name = f"gb_quantity[{mode}]"
        compiled = mode in COMPILED
        for label, table in (("whole process", wall), ("in-process", ins)):
            ratio = table[name] / table["pint"]
            goal, ok = _at_most(ratio, GOALS["quantity" if compiled else "quantity_first_run"])
            report.add(
                Row(
                    "2",
                    f"import + first Quantity, cache {mode}, {label}",
                    _ms(table[name]),
                    f"pint registry {_ms(table['pint'])}",
                    ratio,
                    goal,
                    ok,
                )
            )
        if not compiled:
            continue
        for label, table in (("whole process", wall), ("in-process", ins)):
            ratio = table[name] / table["pint_import"]
            goal, ok = _at_most(ratio, GOALS["quantity_floor"])
            report.add(
                Row(
                    "2",
                    f"  the same / import pint alone, {label}",
                    _ms(table[name]),
                    f"import pint {_ms(table['pint_import'])}",
                    ratio,
                    goal,
                    ok,
                )
            )
        fact = f"gb_fact[{mode}]"
        for label, table in (("whole process", wall), ("in-process", ins)):
            ratio = table[fact] / table["pint"]
            goal, ok = _at_most(ratio, GOALS["fact"])
            report.add(
                Row(
                    "2",
                    f"import + first fact (no Pint), cache {mode}, {label}",
                    _ms(table[fact]),
                    f"pint registry {_ms(table['pint'])}",
                    ratio,
                    goal,
                    ok,
                )
            )


# Items 3, 4 and 6 (RSS): in this process ---------------------------------------------


def _per_call(run: Callable[[], object], calls: int, repeat: int) -> float:
    """Seconds per call: ``run`` makes ``calls`` calls; median over ``repeat`` timings."""
    timer = timeit.Timer(run)
    number, _ = timer.autorange()
    return statistics.median(timer.repeat(repeat=repeat, number=number)) / (number * calls)


def _rss() -> int | None:
    """Resident memory of this process in bytes (Linux), else None."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def bench_in_process(report: Report, folder: Path, n_facts: int, repeat: int, warmup: Path) -> None:
    """Items 3 and 4 on a registry of ``n_facts`` synthetic facts, and pandas beside it."""
    import pandas as pd

    import guizhou_bigdata as gb

    gb.load_registry(warmup, bundled=False)
    gc.collect()
    before = _rss()
    start = time.perf_counter()
    registry = gb.load_registry(folder, bundled=False)
    loaded = time.perf_counter() - start
    gc.collect()
    after = _rss()
    facts = registry.facts()
    if len(facts) != n_facts:
        raise RuntimeError(f"expected {n_facts} facts, loaded {len(facts)}")
    _log(f"   loaded {n_facts:,} facts in {loaded:.1f} s for lookups")

    rng = random.Random(1)
    keys = [(f.metric, f.subject, f.period.end.year) for f in rng.sample(facts, min(1000, n_facts))]
    lookup = registry.facts
    for metric, subject, year in keys:
        if not lookup(metric=metric, subject=subject, year=year):
            raise RuntimeError(f"lookup found nothing for {(metric, subject, year)}")

    def lookups() -> None:
        for metric, subject, year in keys:
            lookup(metric=metric, subject=subject, year=year)

    per_lookup = _per_call(lookups, len(keys), repeat)

    frame = pd.DataFrame(
        {
            "id": [f.id for f in facts],
            "metric": [f.metric for f in facts],
            "subject": [f.subject for f in facts],
            "year": [f.period.end.year for f in facts],
            "value": [float(f.magnitude) if f.magnitude is not None else None for f in facts],
            "unit": [f.unit for f in facts],
        }
    )
    few = keys[:20]
    for metric, subject, year in few:
        mask = (frame.metric == metric) & (frame.subject == subject) & (frame.year == year)
        if len(frame[mask]) != len(lookup(metric=metric, subject=subject, year=year)):
            raise RuntimeError("pandas and the registry disagree")

    def masks(frame: pd.DataFrame) -> Callable[[], None]:
        def run() -> None:
            for metric, subject, year in few:
                frame[(frame.metric == metric) & (frame.subject == subject) & (frame.year == year)]

        return run

    per_mask = _per_call(masks(frame), len(few), max(5, repeat // 2))
    categories = frame.astype({"metric": "category", "subject": "category"})
    per_category = _per_call(masks(categories), len(few), max(5, repeat // 2))

    sample = facts[:: max(1, n_facts // 1000)]
    quantity = operator.attrgetter("quantity")
    deque(map(quantity, sample), maxlen=0)  # first use builds the unit registry

    def quantities() -> None:
        deque(map(quantity, sample), maxlen=0)

    per_quantity = _per_call(quantities, len(sample), repeat)

    from guizhou_bigdata.outputs.tables import COLUMNS, fact_rows

    def frames(loaded: gb.Registry, rows: list[dict[str, object]]) -> tuple[float, float]:
        """to_frame, and pd.DataFrame of the rows it holds, one call each (best of a few)."""
        names = list(COLUMNS)
        rounds = max(3, repeat // 10)
        return (
            _per_call(lambda: gb.to_frame(registry=loaded), 1, rounds),
            _per_call(lambda: pd.DataFrame(rows, columns=names), 1, rounds),
        )

    per_frame, per_plain = frames(registry, fact_rows(facts))

    report.raw["in_process"] = {
        "to_frame_s": per_frame,
        "pandas_frame_s": per_plain,
        "facts": n_facts,
        "lookup_s": per_lookup,
        "pandas_mask_s": per_mask,
        "pandas_category_mask_s": per_category,
        "quantity_s": per_quantity,
        "load_s": loaded,
    }
    report.add(
        Row(
            "3",
            f"facts(metric, subject, year) at {n_facts:,} facts",
            _us(per_lookup),
            "",
            None,
            f"<= {GOALS['lookup_us']:g} us",
            per_lookup * 1e6 <= GOALS["lookup_us"],
        )
    )
    speedup = per_mask / per_lookup
    report.add(
        Row(
            "3",
            "  pandas boolean mask / indexed lookup",
            f"{speedup:,.0f}x faster",
            f"pandas mask {_us(per_mask)}",
            speedup,
            f">= {GOALS['lookup_vs_pandas']:g}x",
            speedup >= GOALS["lookup_vs_pandas"],
        )
    )
    report.add(
        Row(
            "3",
            "  the same mask with category columns / lookup",
            f"{per_category / per_lookup:,.0f}x faster",
            f"pandas mask {_us(per_category)}",
            per_category / per_lookup,
            context=True,
        )
    )
    report.add(
        Row(
            "4",
            "fact.quantity (after first use)",
            _us(per_quantity),
            f"{len(sample)} facts, mixed units",
            None,
            f"<= {GOALS['quantity_us']:g} us",
            per_quantity * 1e6 <= GOALS["quantity_us"],
        )
    )
    goal, ok = _at_most(per_frame / per_plain, GOALS["to_frame"])
    report.add(
        Row(
            "3",
            f"to_frame() at {n_facts:,} facts / pd.DataFrame of the same rows",
            f"{per_frame / per_plain:.1f}x",
            f"to_frame {_ms(per_frame)}, pd.DataFrame {_ms(per_plain)}",
            per_frame / per_plain,
            goal,
            ok,
        )
    )
    frame_bytes = int(frame.memory_usage(deep=True).sum())
    report.add(
        Row(
            "6",
            "  pandas frame of the same facts, per row",
            f"{frame_bytes / n_facts:,.0f} B",
            context=True,
        )
    )
    if before is not None and after is not None:
        report.add(
            Row(
                "6",
                f"  RSS growth per fact at {n_facts:,} (with allocator slack)",
                f"{(after - before) / n_facts:,.0f} B",
                context=True,
            )
        )
    del registry, facts


# Items 5 and 6: loading and memory, in fresh processes -------------------------------


def _mode(mode: str, modes: Sequence[str]) -> str:
    """ ", cache warm" in a row's label, or nothing when only one mode is measured."""
    return f", cache {mode}" if len(modes) > 1 else ""


def caches_user_files(root: Path, warmup: Path) -> bool:
    """Whether loading a user's files writes to the cache folder (else one mode will do)."""
    env = cache_env("cold", root)
    _spawn("load", {"warmup": str(warmup), "sets": {}, "order": 0}, env)
    return any(Path(env[CACHE_ENV]).iterdir())


def bench_load(
    report: Report,
    root: Path,
    sets: Mapping[int, Path],
    repeats: Mapping[int, int],
    modes: Sequence[str],
    warmup: Path,
) -> None:
    """Item 5: one fresh process per (round, cache mode), sizes and order alternating."""
    if "warm" in modes:  # fill the warm cache with every data set, untimed
        every = {str(n): str(p) for n, p in sets.items()}
        _spawn("load", {"warmup": str(warmup), "sets": every, "order": 0}, cache_env("warm", root))
    times: dict[str, dict[int, dict[str, list[float]]]] = {
        mode: {n: {"toml": [], "gb": []} for n in sets} for mode in modes
    }
    for number in range(max(repeats.values())):
        shift = number % len(modes)
        for mode in [*modes[shift:], *modes[:shift]]:
            now = {str(n): str(p) for n, p in sets.items() if number < repeats[n]}
            env = cache_env(mode, root)
            spec: dict[str, Any] = {"warmup": str(warmup), "sets": now, "order": number}
            if mode == "cold":
                spec["cold"] = env[CACHE_ENV]
            for name, pair in _spawn("load", spec, env).items():
                for which, seconds in pair.items():
                    times[mode][int(name)][which].append(seconds)
        _log(f"   load round {number + 1}/{max(repeats.values())} done")
    report.raw["load"] = {
        mode: {str(n): t for n, t in by_n.items()} for mode, by_n in times.items()
    }

    for mode in modes:
        per_fact: dict[int, float] = {}
        for n in sorted(sets):
            gb_s = statistics.median(times[mode][n]["gb"])
            toml_s = statistics.median(times[mode][n]["toml"])
            per_fact[n] = gb_s / n
            ratio = gb_s / toml_s
            goal, ok = _at_most(ratio, GOALS["load"])
            report.add(
                Row(
                    "5",
                    f"load {n:,} facts{_mode(mode, modes)} ({gb_s:.2f} s)",
                    f"{_us(gb_s / n)}/fact",
                    f"tomllib {_us(toml_s / n)}/fact",
                    ratio,
                    goal,
                    ok,
                )
            )
        small, large = min(per_fact), max(per_fact)
        for n in sorted(per_fact):
            if n == small:
                continue
            ratio = per_fact[n] / per_fact[small]
            goal, ok = _at_most(ratio, GOALS["linear"])
            report.add(
                Row(
                    "5",
                    f"  per-fact time {n:,} / {small:,}{_mode(mode, modes)}",
                    "",
                    "linear in N if flat",
                    ratio,
                    goal,
                    ok if n == large else None,
                )
            )


def bench_memory(
    report: Report, root: Path, sets: Mapping[int, Path], modes: Sequence[str], warmup: Path
) -> None:
    """Item 6: tracemalloc of a registry loaded in a fresh process, per fact."""
    for mode in modes:
        for n, folder in sorted(sets.items()):
            used = _spawn(
                "memory", {"warmup": str(warmup), "folder": str(folder)}, cache_env(mode, root)
            )
            report.raw.setdefault("memory", {}).setdefault(mode, {})[str(n)] = used
            report.add(
                Row(
                    "6",
                    f"memory per fact, {n:,} facts{_mode(mode, modes)}",
                    f"{used['registry'] / n:,.0f} B",
                    f"tomllib dicts {used['toml'] / n:,.0f} B",
                    used["registry"] / used["toml"],
                    "report",
                )
            )
            report.add(
                Row("6", "  peak while loading, per fact", f"{used['registry_peak'] / n:,.0f} B")
            )


_REFUSED_HEAD = (
    '[[source]]\nid = "s"\ntitle = "An article"\npublished = "2020-05-01"\n\n'
    '[[metric]]\nid = "widgets"\nlabel = "Widgets"\nkind = "count"\nunit = "enterprise"\n'
    'default_subject = "town"\n'
)


def _place(id: str) -> str:
    return (
        f'\n[[place]]\nid = "{id}"\nname = "A town"\nkind = "prefecture_city"\n'
        'citations = [{ source = "s", quote = "A town grew." }]\n'
    )


def _fact(
    id: str, subject: str = "town", quote: str = "It had 5,000 in 2019.", extra: str = ""
) -> str:
    return (
        f'\n[[fact]]\nid = "{id}"\nmetric = "widgets"\nsubject = "{subject}"\nperiod = "2019"\n'
        'value = "5000"\nunit = "enterprise"\nbound = "exact"\nmodality = "actual"\n'
        f'quote = "{quote}"\nsource = "s"\n{extra}'
    )


def refused_files() -> dict[str, tuple[str, str]]:
    """Item 7's files, by name: (what the figure says, the TOML text)."""
    ids = "".join(_place(f"town-{n}") for n in range(1, 1000))
    broken = "".join(_fact(f"f{n}", subject=f"twon-{n}") for n in range(500))
    items = ", ".join(['"x"'] * 50_000)
    return {
        "references": (
            "refuse 500 broken references, 1,000 ids",
            _REFUSED_HEAD + _place("town") + ids + broken,
        ),
        "quote": (
            "refuse a fact quoting 10 MB",
            _REFUSED_HEAD + _place("town") + _fact("f", quote="5000 " * 2_000_000),
        ),
        "array": (
            "refuse an array of 50,000 bad items",
            _REFUSED_HEAD + _place("town") + _fact("f", extra=f"quality = [{items}]\n"),
        ),
    }


def bench_refusal(report: Report, root: Path, repeat: int) -> None:
    """Item 7: refusing a bad file, in this process, against parsing the same text.

    The tests check that this work does not grow with a bad value's size, by counting
    calls; only here is it timed. Interleaved, the median of ``repeat`` rounds each.
    """
    import guizhou_bigdata as gb

    for name, (what, text) in refused_files().items():
        path = root / f"refused-{name}.toml"
        path.write_text(text, encoding="utf-8")

        def refuse(path: Path = path, what: str = what) -> None:
            try:
                gb.load_registry(path, bundled=False)
            except gb.RegistryError:
                return
            raise RuntimeError(f"item 7: {what}: the file loaded")

        def parse(path: Path = path) -> None:
            tomllib.loads(path.read_text(encoding="utf-8"))

        refuse()  # the converter and the unit registry are built once, untimed
        times: dict[str, list[float]] = {"gb": [], "toml": []}
        for _ in range(repeat):
            for which, run in (("gb", refuse), ("toml", parse)):
                start = time.perf_counter()
                run()
                times[which].append(time.perf_counter() - start)
        report.raw.setdefault("refusal", {})[name] = times
        gb_s, toml_s = (statistics.median(times[which]) for which in ("gb", "toml"))
        goal, ok = _at_most(gb_s / toml_s, GOALS[f"refuse_{name}"])
        report.add(Row("7", what, _ms(gb_s), f"tomllib {_ms(toml_s)}", gb_s / toml_s, goal, ok))


# Driver -----------------------------------------------------------------------------


@contextmanager
def _workspace(keep: Path | None) -> Iterator[Path]:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="gb-bench-") as folder:
        yield Path(folder)


def _dataset(root: Path, n: int) -> Path:
    """The synthetic data set of ``n`` facts under ``root``, written once and reused."""
    folder = root / f"facts-{n}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_dataset(folder, n)
        done.touch()
    return folder


def _sizes(text: str) -> list[int]:
    return sorted({int(part.replace("_", "").replace(",", "")) for part in text.split()})


def _describe() -> str:
    import importlib.metadata as md

    versions = []
    for name in ("guizhou-bigdata", "pint", "pandas", "astropy"):
        try:
            versions.append(f"{name} {md.version(name)}")
        except md.PackageNotFoundError:
            versions.append(f"{name} missing")
    head = subprocess.run(
        ["git", "-C", str(_HERE.parent), "log", "-1", "--format=%h %cd", "--date=iso"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(_HERE.parent), "status", "--porcelain", "--", "src"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    state = f"git {head or 'unknown'}" + (" + uncommitted changes in src/" if dirty else "")
    return (
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {', '.join(versions)}; {state}"
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmarks of guizhou_bigdata as ratios to reference tools."
    )
    parser.add_argument("--quick", action="store_true", help="short run: fewer rounds, N<=10k")
    parser.add_argument("--rounds", type=int, help="fresh-process rounds for items 1-2")
    parser.add_argument("--sizes", help="N for item 5, e.g. '1000 10000 100000'")
    parser.add_argument("--lookup-facts", type=int, help="registry size for items 3-4")
    parser.add_argument("--memory-sizes", help="N for item 6 (tracemalloc is slow: ~7 s/10k)")
    parser.add_argument("--load-repeats", type=int, help="fresh loads at the largest N")
    parser.add_argument("--repeat", type=int, help="timeit repeats for items 3-4")
    parser.add_argument(
        "--cache-modes",
        help="cache modes, e.g. 'warm cold off wheel' (default: all when the library has a cache)",
    )
    parser.add_argument("--only", default="1 2 3 4 5 6 7", help="items to run, e.g. '3 4'")
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="wall",
        help="items 1-2: wall time, or CPU time of each process (steadier on a busy machine)",
    )
    parser.add_argument("--data", type=Path, help="keep the synthetic data sets in this folder")
    parser.add_argument("--json", type=Path, help="also write every measurement here")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the items asked for, then print the table of figures, goals and verdicts."""
    args = parse_args(argv)
    if args.worker:
        task, spec = args.worker
        print(json.dumps(WORKERS[task](json.loads(spec))))
        return 0

    quick = args.quick
    rounds = args.rounds or (5 if quick else 21)
    sizes = _sizes(args.sizes or ("1000 10000" if quick else "1000 10000 100000"))
    lookup_n = args.lookup_facts or (10_000 if quick else 100_000)
    memory_sizes = _sizes(args.memory_sizes or ("1000" if quick else "1000 10000"))
    load_repeats = args.load_repeats or (2 if quick else 5)
    repeat = args.repeat or (5 if quick else 15)
    items = set(args.only.replace(",", " ").split())
    supported = cache_supported()
    if args.cache_modes:
        modes = args.cache_modes.split()
    else:
        modes = ["warm", "cold", "off", "wheel"] if supported else ["n/a"]
    # Loading user files (items 5-6): "off" is "cold" without the writing; one mode
    # is enough when the library does not cache user files at all.
    heavy_modes = [m for m in modes if m not in ("off", "wheel")] or modes

    report = Report()
    began = time.perf_counter()
    with _workspace(args.data) as root:
        (root / "cache-warm").mkdir(exist_ok=True)
        os.environ.pop(CACHE_ENV, None)  # in this process too, never the user's cache folder
        os.environ.update(cache_env(modes[0], root))
        warmup = _dataset(root, _WARMUP_FACTS)
        user_cache = supported and caches_user_files(root, warmup)
        if not user_cache:
            heavy_modes = heavy_modes[:1]
        _log(f"guizhou_bigdata benchmarks ({'quick' if quick else 'full'} run); data in {root}")
        if items & {"1", "2"}:
            _log(
                f"items 1-2: {rounds} rounds of fresh processes, cache modes {modes}, "
                f"{args.clock} time"
            )
            bench_startup(report, root, rounds, modes, args.clock)
        if items & {"3", "4"}:
            _log(f"items 3-4: {lookup_n:,} facts")
            bench_in_process(report, _dataset(root, lookup_n), lookup_n, repeat, warmup)
        if "5" in items:
            sets = {n: _dataset(root, n) for n in sizes}
            largest = max(sizes)
            repeats = {n: max(load_repeats, min(15, load_repeats * largest // n)) for n in sizes}
            _log(f"item 5: sizes {sizes}, repeats {repeats}, cache modes {heavy_modes}")
            bench_load(report, root, sets, repeats, heavy_modes, warmup)
        if "6" in items:
            sets = {n: _dataset(root, n) for n in memory_sizes}
            _log(f"item 6: tracemalloc at {memory_sizes}")
            bench_memory(report, root, sets, heavy_modes, warmup)
        if "7" in items:
            _log(f"item 7: refusing bad files, {repeat} rounds")
            bench_refusal(report, root, repeat)
    elapsed = time.perf_counter() - began

    print(
        f"guizhou_bigdata benchmarks, {'quick' if quick else 'full'} run, {elapsed:.0f} s; "
        f"items 1-2 on {args.clock} time"
    )
    print(_describe())
    if supported:
        users = "cached too" if user_cache else "not cached, so items 5-6 run in one mode"
        print(f"cache ({CACHE_ENV}): modes {', '.join(modes)}; user files {users}")
    else:
        print(f"cache ({CACHE_ENV}): not in this version of the library")
    print()
    print(HEADER)
    for row in sorted(report.rows, key=lambda r: (r.item or "0", r.context)):
        print(row.line())
    missed = [row for row in report.rows if row.passed is False]
    passed = [row for row in report.rows if row.passed]
    print(f"\n{len(passed)} PASS, {len(missed)} MISS")
    if args.json:
        args.json.write_text(
            json.dumps({"rows": [asdict(r) for r in report.rows], "raw": report.raw}, indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
