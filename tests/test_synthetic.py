"""The benchmarks' synthetic data generator writes data the loader accepts, deterministically."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import guizhou_bigdata as gb

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def test_synthetic_data_loads_and_is_deterministic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import synthetic

    first = synthetic.write_dataset(tmp_path / "a", 1200, seed=3)
    second = synthetic.write_dataset(tmp_path / "b", 1200, seed=3)
    assert [path.read_bytes() for path in first] == [path.read_bytes() for path in second]
    registry = gb.load_registry(tmp_path / "a", bundled=False)
    assert len(registry.facts(derived=False)) == 1200
    fact = registry.facts(derived=False)[0]
    year = fact.period.end.year
    assert fact in registry.facts(metric=fact.metric, subject=fact.subject, year=year)
    sys.modules.pop("synthetic", None)
