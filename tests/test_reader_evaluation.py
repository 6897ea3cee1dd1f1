"""The draft reader meets its accuracy goals on the five archived articles.

Runs the scoring of benchmarks/evaluate_reader.py (not its timing: CI machines
vary), so that a rule change that loses figures, bounds or periods turns CI red.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.reading import read_figures

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(autouse=True)
def benchmarks_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))


def test_the_reader_meets_every_accuracy_goal(sources_dir: Path, registry: gb.Registry) -> None:
    import evaluate_reader

    evaluation = evaluate_reader.evaluate(sources_dir, registry)
    assert evaluation.misses() == []
    assert set(evaluation.scores) == set(evaluate_reader.GOALS)
    assert sum(len(a.facts) for a in evaluation.articles) >= 100


def test_the_scoring_can_fail(sources_dir: Path, registry: gb.Registry) -> None:
    """No readings score no recall; readings of other values match nothing."""
    import evaluate_reader

    source = registry.source("chinadaily-2019-10-02")
    assert source.archive is not None
    text = (sources_dir / source.archive).read_text(encoding="utf-8")
    readings = read_figures(text, published=source.published.start, registry=registry)
    shifted = tuple(
        attrs.evolve(r, value=r.value + 1013) if r.value is not None else r for r in readings
    )
    empty = evaluate_reader.score_article(source, text, (), registry)
    wrong = evaluate_reader.score_article(source, text, shifted, registry)
    right = evaluate_reader.score_article(source, text, readings, registry)
    assert empty.facts
    assert empty.pairs == ()
    assert wrong.pairs == ()
    assert len(right.pairs) >= 0.9 * len(right.facts)
