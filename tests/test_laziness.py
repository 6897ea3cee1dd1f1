"""Import stays cheap; the data and unit registry load once, on first use, thread-safely."""

from __future__ import annotations

import subprocess
import sys
import threading

import guizhou_bigdata as gb
from guizhou_bigdata.store import default as _default


def run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_import_loads_neither_pint_nor_toml_nor_cattrs_nor_attrs() -> None:
    out = run(
        "import sys, guizhou_bigdata\n"
        "print(sorted(m for m in ('pint', 'tomllib', 'cattrs', 'attr', 'pandas') "
        "if m in sys.modules))"
    )
    assert out == "[]"


def test_first_fact_from_the_compiled_cache_parses_no_toml_and_builds_no_units() -> None:
    code = (
        "import sys, guizhou_bigdata as gb\n"
        "print(gb.metrics.digital_economy_growth(2018).figure)\n"
        "print(sorted(m for m in ('pint', 'tomllib', 'cattrs') if m in sys.modules))"
    )
    run(code)  # warms the cache (the test session's private folder)
    assert run(code).splitlines() == ["24.6 percent", "[]"]


def test_first_quantity_builds_the_registry() -> None:
    out = run(
        "import sys, guizhou_bigdata as gb\n"
        "gb.metrics.digital_economy_growth(2018).quantity\n"
        "print('pint' in sys.modules)"
    )
    assert out == "True"


def test_many_threads_build_one_registry(fresh_default: None) -> None:
    seen: list[gb.Registry] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        barrier.wait()
        seen.append(gb.default_registry())

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 8
    assert all(registry is seen[0] for registry in seen)
    assert _default.default_registry() is seen[0]
