"""A user file is loaded or refused in time that grows with its size, never its square.

tomllib's work grows with the square of a dotted key's parts: one 100 KB key of
50,000 parts took 78 s to refuse. The loader now refuses a key or table header of
more than ``MAX_KEY_PARTS`` parts, and arrays or inline tables nested more than
``MAX_NESTING`` deep, before tomllib reads the file, naming the line and column.
Time is compared between a file and one ten times its size, in one test, with a
wide margin; no test asserts a wall-clock time.
"""

from __future__ import annotations

import contextlib
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.store.loading import MAX_KEY_PARTS, MAX_NESTING

from .helpers import METRIC, PLACE, SOURCE, fact, write

KB = 1000


def dotted(parts: int) -> str:
    return ".".join(["a"] * parts)


def nested_arrays(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


def nested_tables(depth: int) -> str:
    return "{ a = " * depth + "1" + " }" * depth


def mixed(depth: int) -> str:
    opening = "".join("[" if level % 2 else "{ a = " for level in range(depth))
    closing = "".join("]" if level % 2 else " }" for level in reversed(range(depth)))
    return opening + "1" + closing


PATHOLOGICAL: dict[str, tuple[Callable[[int], str], str, str]] = {
    # kind: (TOML text of about n bytes, location of the problem, what the message names)
    "dotted key": (lambda n: f"{dotted(n // 2)} = 1\n", "line 1, column 1", "a key of"),
    "quoted key parts": (
        lambda n: ".".join(['"a.b"'] * (n // 6)) + " = 1\n",
        "line 1, column 1",
        "a key of",
    ),
    "table header": (lambda n: f"[{dotted(n // 2)}]\nb = 1\n", "line 1, column 2", "header"),
    "array of tables header": (
        lambda n: f"[[{dotted(n // 2)}]]\nb = 1\n",
        "line 1, column 3",
        "header",
    ),
    "key in an inline table": (
        lambda n: f"x = {{ {dotted(n // 2)} = 1 }}\n",
        "line 1, column 7",
        "a key of",
    ),
    "many deep headers": (
        lambda n: "".join(f"[{dotted(MAX_KEY_PARTS)}.h{i}]\n" for i in range(n // 80)),
        "line 1, column 2",
        "header",
    ),
    "deep arrays": (
        lambda n: f"x = {nested_arrays(n // 2)}\n",
        f"line 1, column {len('x = ') + MAX_NESTING + 1}",
        "nested",
    ),
    "deep inline tables": (
        lambda n: f"x = {nested_tables(n // 8)}\n",
        f"line 1, column {len('x = ') + len('{ a = ') * MAX_NESTING + 1}",
        "nested",
    ),
    "arrays and tables in turn": (lambda n: f"x = {mixed(n // 5)}\n", "line 1, column", "nested"),
    "arrays never closed": (
        lambda n: "x = " + "[" * n,
        f"line 1, column {len('x = ') + MAX_NESTING + 1}",
        "nested",
    ),
}


def refusal(path: Path) -> list[str]:
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry(path, bundled=False)
    return [str(problem) for problem in caught.value.problems]


def never_parse(text: str) -> object:
    raise AssertionError("tomllib was given a file the quick scan should have refused")


@pytest.mark.parametrize("size", [100 * KB, 1000 * KB])
@pytest.mark.parametrize("kind", list(PATHOLOGICAL))
def test_a_pathological_file_is_refused_before_tomllib_reads_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, size: int
) -> None:
    """One problem naming line, column and the limit; tomllib never sees the file."""
    make, where, named = PATHOLOGICAL[kind]
    path = write(tmp_path, "deep.toml", make(size))
    monkeypatch.setattr(tomllib, "loads", never_parse)
    (problem,) = refusal(path)
    assert problem.startswith(f"{path}: {where}")
    assert named in problem
    limit = MAX_NESTING if named == "nested" else MAX_KEY_PARTS
    assert f"more than {limit}" in problem
    assert f"at most {limit}" in problem
    assert len(problem) < 500


def best_time(path: Path) -> float:
    """The least CPU time of five loads (each refused or loaded).

    CPU time of this process, not wall time: other work on the machine does not count.
    """
    times = []
    for _ in range(5):
        start = time.process_time()
        with contextlib.suppress(gb.RegistryError):  # most are refused: the time is measured
            gb.load_registry(path, bundled=False)
        times.append(time.process_time() - start)
    return min(times)


WITHIN_THE_LIMITS: dict[str, Callable[[int], str]] = {
    # Files at the limits that tomllib does read: each line costs the same.
    "headers of the most parts": lambda n: "".join(
        f"[{dotted(MAX_KEY_PARTS - 1)}.h{i}]\n" for i in range(n // 70)
    ),
    "keys of the most parts in a header of the most parts": lambda n: (
        f"[{dotted(MAX_KEY_PARTS)}]\n"
        + "".join(f"{dotted(MAX_KEY_PARTS - 1)}.k{i} = 1\n" for i in range(n // 70))
    ),
    "arrays of tables of the most parts": lambda n: f"[[{dotted(MAX_KEY_PARTS)}]]\n" * (n // 70),
    "values nested the deepest": lambda n: "".join(
        f"k{i} = {mixed(MAX_NESTING)}\n" for i in range(n // 150)
    ),
}


@pytest.mark.parametrize(
    ("kind", "size"),
    [(kind, 100 * KB) for kind in PATHOLOGICAL] + [(kind, 20 * KB) for kind in WITHIN_THE_LIMITS],
)
def test_time_grows_with_the_size_of_the_file_not_its_square(
    tmp_path: Path, kind: str, size: int
) -> None:
    """Ten times the bytes take about ten times as long (at most 30 times), not a hundred."""
    make = PATHOLOGICAL[kind][0] if kind in PATHOLOGICAL else WITHIN_THE_LIMITS[kind]
    small = write(tmp_path, "small.toml", make(size))
    large = write(tmp_path, "large.toml", make(10 * size))
    best_time(small)  # warm up: imports, compiled patterns, the file cache
    ratio = best_time(large) / best_time(small)
    assert ratio < 30, f"{kind}: 10x the bytes took {ratio:.0f}x the time"


@pytest.mark.parametrize(
    ("text", "location"),
    [
        (f"{dotted(MAX_KEY_PARTS + 1)} = 1\n", "line 1, column 1"),
        (f'\n\n  {".".join(["a"] * MAX_KEY_PARTS)} . "b" = 1\n', "line 3, column 3"),
        (f"x = 1\n[{dotted(MAX_KEY_PARTS + 1)}]\n", "line 2, column 2"),
        (f"x = {nested_arrays(MAX_NESTING + 1)}\n", f"line 1, column {MAX_NESTING + 5}"),
        (f"x = [\n  1,\n  {nested_arrays(MAX_NESTING)},\n]\n", f"line 3, column {MAX_NESTING + 2}"),
    ],
)
def test_one_past_the_limit_is_refused_where_it_is(
    tmp_path: Path, text: str, location: str
) -> None:
    path = write(tmp_path, "deep.toml", text)
    (problem,) = refusal(path)
    assert problem.startswith(f"{path}: {location}: ")


@pytest.mark.parametrize(
    "text",
    [
        f"{dotted(MAX_KEY_PARTS)} = 1\n",
        f"[{dotted(MAX_KEY_PARTS)}]\nb = 1\n",
        f"x = {{ {dotted(MAX_KEY_PARTS)} = 1 }}\n",
        f"x = {nested_arrays(MAX_NESTING)}\n",
        f"x = {nested_tables(MAX_NESTING)}\n",
    ],
)
def test_the_limit_itself_is_allowed(tmp_path: Path, text: str) -> None:
    """At the limit the file is read, and refused only for not being records."""
    path = write(tmp_path, "deep.toml", text)
    (problem,) = refusal(path)
    assert "unknown table" in problem
    assert "line 1" not in problem


def test_brackets_hidden_in_strings_still_refuse_a_deep_nesting(tmp_path: Path) -> None:
    """A closing bracket in a string inside each level hides the nesting from the quick
    check; tomllib then runs out of recursion, and the message still says where."""
    depth = 5000
    path = write(tmp_path, "deep.toml", "x = " + '[ "]", ' * depth + "1" + "]" * depth + "\n")
    (problem,) = refusal(path)
    assert problem.startswith(f"{path}: line 1, column {len('x = ') + 7 * MAX_NESTING + 1}: ")
    assert f"more than {MAX_NESTING}" in problem


TRICKY_NOTE = (
    "Read from the table '" + dotted(40) + "' [" + "[" * 40 + "{" * 40 + "] and # not a comment"
)


def test_strings_and_comments_full_of_dots_and_brackets_load(tmp_path: Path) -> None:
    """A string or comment holding what looks like a deep key or nesting is text."""
    escaped = TRICKY_NOTE.replace("'", "\\u0027")
    text = (
        f"# {dotted(60)} = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n"
        + SOURCE
        + PLACE.replace('name = "Testville"', f"name = \"Testville\"\ndescription = '{dotted(50)}'")
        + METRIC.replace(
            'label = "Widgets"', f'label = "Widgets"\ndescription = """\n{"[" * 50}\n"""'
        )
        + fact(note=f'"{escaped}"', method=f"'''{'{' * 40}'''", quality='["ambiguous"]')
        + f"# {'}' * 50}\n"
    )
    registry = gb.load_registry(write(tmp_path, "mine.toml", text), bundled=False)
    assert registry.fact("testville.widgets.2019").note == TRICKY_NOTE
    assert registry.fact("testville.widgets.2019").method == "{" * 40
    assert registry.entity("testville").description == dotted(50)
    assert registry.metric("widgets").description == "[" * 50 + "\n"
