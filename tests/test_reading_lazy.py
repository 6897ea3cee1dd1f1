"""The reader builds its lexicons and patterns once, on first use, in one way."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from guizhou_bigdata.reading import lazy
from guizhou_bigdata.reading.lexicon import defined_units, lexicon
from guizhou_bigdata.reading.rules import patterns

READING = Path(lazy.__file__).parent


def test_once_builds_on_first_call_and_never_again_even_when_threads_race() -> None:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        time.sleep(0.01)  # long enough for the other threads to arrive while it builds
        return object()

    get = lazy.once(build)
    assert calls == [], "nothing is built before the first call"
    results: list[object] = []
    threads = [threading.Thread(target=lambda: results.append(get())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1
    assert len(results) == 8
    assert all(result is results[0] for result in results)
    assert get() is results[0]


def test_the_reader_keeps_what_it_built() -> None:
    assert lexicon() is lexicon()
    assert patterns() is patterns()
    assert defined_units() is defined_units()


def test_the_lazy_singletons_of_the_reader_use_the_one_helper() -> None:
    """No hand-written double-checked lock is left beside :func:`lazy.once`."""
    for module in ("lexicon", "rules", "scanner", "timewords", "document"):
        source = (READING / f"{module}.py").read_text(encoding="utf-8")
        assert "threading" not in source, module
        assert "global " not in source, module
