"""Import stays cheap; the data and unit registry load once, on first use, thread-safely."""

from __future__ import annotations

import gc
import html
import subprocess
import sys
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

import guizhou_bigdata as gb
from guizhou_bigdata.core.gcpause import collector_paused
from guizhou_bigdata.core.html import escape
from guizhou_bigdata.store import compiled as _compiled
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


def test_first_fact_imports_no_html_tables_nor_calendar() -> None:
    """The first fact's imports are its own: html's entity tables and calendar cost 5 ms."""
    code = (
        "import sys, guizhou_bigdata as gb\n"
        "gb.metrics.digital_economy_growth(2018)\n"
        "print(sorted(m for m in ('html', 'html.entities', 'calendar', 'locale') "
        "if m in sys.modules))"
    )
    run(code)  # warms the cache
    assert run(code) == "[]"


def test_first_quantity_builds_only_what_it_uses() -> None:
    """No entity class, no series, no other metric's facts, no tokenizer: about 15 ms."""
    code = (
        "import sys, tokenize, guizhou_bigdata as gb\n"
        "gb.metrics.digital_economy_growth(2018).quantity\n"
        "registry = gb.default_registry()\n"
        "names = ('guizhou_bigdata.core.entities', 'guizhou_bigdata.outputs.series')\n"
        "print(sorted(m for m in names if m in sys.modules))\n"
        "print(tokenize._compile.cache_info().currsize)\n"
        "print(sorted(registry._indexes))\n"
    )
    run(code)  # warms the cache
    assert run(code).splitlines() == ["[]", "0", "['digital_economy_growth']"]


@given(st.text())
def test_the_package_escapes_html_as_the_standard_library_does(text: str) -> None:
    assert escape(text) == html.escape(text)
    assert escape(text, quote=False) == html.escape(text, quote=False)


def test_the_default_registry_is_read_with_the_collector_paused(
    fresh_default: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading it makes thousands of objects that form no cycles: nothing to collect."""
    seen: list[bool] = []
    real = _compiled.load_bundled

    def load() -> gb.Registry:
        seen.append(gc.isenabled())
        return real()

    monkeypatch.setattr(_compiled, "load_bundled", load)
    assert gc.isenabled()
    assert gb.default_registry().facts()
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_paused_restores_the_collector_also_on_error(enabled: bool) -> None:
    def fail() -> None:
        assert not gc.isenabled()
        raise KeyError("boom")

    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(KeyError, match="boom"), collector_paused():
            fail()
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
