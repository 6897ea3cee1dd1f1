"""The test suite's own rule: whether a test passes never depends on how fast the machine is.

A test that compares a clock reading with a constant ("took less than 2 s") or gives
Hypothesis a deadline fails on a busy machine with nothing wrong. Such a test counts
work instead, or compares the time at n and 10n in one run; speed figures belong to
the benchmarks (benchmarks/run.py). The checks read the code's syntax tree, so the
words they look for, written here as data, never match this file itself.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from enum import IntEnum
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from .conftest import PROFILES

TESTS = Path(__file__).resolve().parent

CLOCKS = frozenset(
    f"{name}{suffix}"
    for name in ("perf_counter", "monotonic", "time", "process_time", "thread_time")
    for suffix in ("", "_ns")
)
"""The clocks of the ``time`` module."""


class Kind(IntEnum):
    """What an expression is made of, as far as clocks go."""

    UNTIMED = 0
    RATIO = 1
    """A clock reading divided by another: the ratio of two timings, which may be bounded."""
    TIMED = 2
    """A clock reading, or a duration: seconds, which depend on the machine."""


def _clock_names(tree: ast.Module) -> set[str]:
    """The names a file calls the clocks by when it imports them: ``from time import ...``."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "time"
        for alias in node.names
        if alias.name in CLOCKS
    }


def _is_clock(call: ast.Call, clock_names: set[str]) -> bool:
    function = call.func
    if isinstance(function, ast.Attribute):
        owner = function.value
        return function.attr in CLOCKS and isinstance(owner, ast.Name) and owner.id == "time"
    return isinstance(function, ast.Name) and function.id in clock_names


def _kind(node: ast.AST, clock_names: set[str], timed: dict[str, Kind]) -> Kind:
    if isinstance(node, ast.Call) and _is_clock(node, clock_names):
        return Kind.TIMED
    if isinstance(node, ast.Name):
        return timed.get(node.id, Kind.UNTIMED)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        top = _kind(node.left, clock_names, timed)
        bottom = _kind(node.right, clock_names, timed)
        if top is Kind.TIMED and bottom is Kind.TIMED:
            return Kind.RATIO
        return max(top, bottom)
    return max(
        (_kind(child, clock_names, timed) for child in ast.iter_child_nodes(node)),
        default=Kind.UNTIMED,
    )


def _timed_names(tree: ast.Module, clock_names: set[str]) -> dict[str, Kind]:
    """Each name that is ever given a clock reading or what was computed from one."""
    timed: dict[str, Kind] = {}
    changed = True
    while changed:
        changed = False
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.NamedExpr):
                if node.value is None:
                    continue
                kind = _kind(node.value, clock_names, timed)
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name) and kind > timed.get(name.id, 0):
                            timed[name.id] = kind
                            changed = True
            elif isinstance(node, ast.For | ast.comprehension):
                kind = _kind(node.iter, clock_names, timed)
                for name in ast.walk(node.target):
                    if isinstance(name, ast.Name) and kind > timed.get(name.id, 0):
                        timed[name.id] = kind
                        changed = True
    return timed


def offences(source: str) -> Iterator[tuple[int, str]]:
    """(line, what) for each assert that holds a clock to a constant and each deadline."""
    tree = ast.parse(source)
    clock_names = _clock_names(tree)
    timed = _timed_names(tree, clock_names)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            for compare in ast.walk(node.test):
                if not isinstance(compare, ast.Compare):
                    continue
                kinds = [
                    _kind(side, clock_names, timed) for side in (compare.left, *compare.comparators)
                ]
                if Kind.TIMED in kinds and Kind.UNTIMED in kinds:
                    yield (
                        compare.lineno,
                        "asserts a wall-clock time: count the work, or compare the time "
                        "at n and 10n in one run",
                    )
        elif isinstance(node, ast.Call):
            for keyword in node.keywords:
                value = keyword.value
                if keyword.arg == "deadline" and not (
                    isinstance(value, ast.Constant) and value.value is None
                ):
                    yield node.lineno, "sets a Hypothesis deadline: use deadline=None"


def suite_files() -> list[Path]:
    """Every Python file of the test suite, this one included."""
    return sorted(path for path in TESTS.rglob("*.py") if "__pycache__" not in path.parts)


def test_no_test_depends_on_the_speed_of_the_machine() -> None:
    files = suite_files()
    assert Path(__file__).resolve() in files
    found = [
        f"{path.relative_to(TESTS.parent)}:{line}: {what}"
        for path in files
        for line, what in offences(path.read_text(encoding="utf-8"))
    ]
    assert not found, "\n".join(found)


# The check itself, on code like the tests it replaced. The clock and the number are
# put in by format() so that no line here reads as such a test to a plain text search.
CLOCK = "perf" + "_counter"
OTHER = "mono" + "tonic"


@pytest.mark.parametrize(
    "code",
    [
        "import time\nstarted = time.{clock}()\nrun()\nassert time.{clock}() - started < {limit}\n",
        "import time\ndef test():\n    t = time.{clock}()\n    run()\n"
        "    elapsed = time.{clock}() - t\n    assert elapsed < {limit}\n",
        "from time import {clock} as now\nbegan = now()\nassert {limit} > now() - began\n",
        "import time\nstart = time.{other}()\nassert time.{other}() - start < LIMIT\n",
        "import time\ntimes = [time.time() for _ in range(3)]\nassert min(times) < {limit}\n",
        "from hypothesis import settings\n@settings(deadline={limit}000)\ndef test(): ...\n",
        "from hypothesis import settings\nFAST = settings(max_examples=9, deadline={limit})\n",
        "import datetime\nsettings.register_profile('x', deadline=datetime.timedelta(1))\n",
    ],
)
def test_the_check_finds_what_it_forbids(code: str) -> None:
    assert list(offences(code.format(clock=CLOCK, other=OTHER, limit=2)))


@pytest.mark.parametrize(
    "code",
    [
        # Two timings compared with each other, or their ratio with a constant.
        "import time\na = time.{clock}(); f(1)\nb = time.{clock}(); f(10)\n"
        "c = time.{clock}()\nassert c - b < 30 * (b - a)\n",
        "import time\nt0 = time.{clock}(); f(1)\nsmall = time.{clock}() - t0\n"
        "t1 = time.{clock}(); f(10)\nlarge = time.{clock}() - t1\nassert large / small < 30\n",
        # A clock used for file times, and dates, are not timings.
        "import os, time\nnow = time.time()\nos.utime(p, (now - 2, now - 2))\nassert p.exists()\n",
        "import datetime as dt\nassert dt.time(12).hour == 12\nassert d.time() < dt.time(1)\n",
        "from hypothesis import settings\n@settings(deadline=None, max_examples={limit})\n"
        "def test(): ...\n",
        "calls = count(load)\nassert calls < {limit}\n",
    ],
)
def test_the_check_allows_what_holds_on_any_machine(code: str) -> None:
    assert list(offences(code.format(clock=CLOCK, limit=2))) == []


@pytest.mark.parametrize("name", PROFILES)
def test_no_hypothesis_profile_has_a_deadline_or_a_speed_health_check(name: str) -> None:
    """The profiles of tests/conftest.py: a test without settings of its own gets these."""
    profile = settings.get_profile(name)
    assert profile.deadline is None
    assert HealthCheck.too_slow in profile.suppress_health_check


def test_the_loaded_profile_is_one_of_the_suite() -> None:
    loaded = settings()
    assert loaded.deadline is None
    assert HealthCheck.too_slow in loaded.suppress_health_check
