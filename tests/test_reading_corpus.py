"""The draft reader reads every example sentence of the corpus as a careful reader would.

The corpus (tests/reading/corpus.toml) holds news-style sentences written for
these tests, positive and negative, with the expected readings: value, scale,
unit, bound, modality and period given a publication date.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.reading import RULES, Reading, Stage, numbers_set_aside, read_figures
from guizhou_bigdata.reading.lexicon import unit_is_defined

CORPUS = Path(__file__).parent / "reading" / "corpus.toml"
EXAMPLES: list[dict[str, Any]] = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["example"]


def published(text: str) -> dt.date | gb.Period:
    period = gb.Period.parse(text)
    return period.start if period.precision is gb.Precision.DAY else period


def observed(reading: Reading) -> dict[str, str]:
    return {
        "as_written": reading.as_written,
        "value": "none" if reading.value is None else str(reading.value),
        "scale": reading.scale.value if reading.scale else "-",
        "unit": reading.unit or "-",
        "proposed_unit": reading.proposed_unit or "-",
        "bound": reading.bound.value,
        "modality": reading.modality.value,
        "period": str(reading.period),
    }


def expected(row: dict[str, str]) -> dict[str, str]:
    """The reading an example expects. A unit the corpus gives as proposed (one
    units.txt lacked when the example was written) is the reading's unit once
    units.txt defines it: the reader proposes only units it cannot write."""
    unit, proposed = row["unit"], row.get("proposed_unit", "-")
    if unit == "-" and proposed != "-" and unit_is_defined(proposed):
        unit, proposed = proposed, "-"
    return {
        "as_written": row["as_written"],
        "value": row["value"],
        "scale": row.get("scale", "-"),
        "unit": unit,
        "proposed_unit": proposed,
        "bound": row.get("bound", "exact"),
        "modality": row.get("modality", "actual"),
        "period": row["period"],
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:60] for e in EXAMPLES])
def test_corpus_example(example: dict[str, Any], registry: gb.Registry) -> None:
    when = published(example["published"])
    readings = read_figures(example["text"], published=when, registry=registry)
    assert [observed(r) for r in readings] == [expected(r) for r in example["readings"]]
    for reading in readings:
        assert reading.quote in example["text"]
        assert example["text"][reading.start : reading.end] == reading.as_written
        assert reading.rules, reading
    if "set_aside" in example:
        aside = numbers_set_aside(example["text"], published=when, registry=registry)
        assert [item.rule for item in aside] == example["set_aside"]


def test_corpus_is_large_and_has_negative_examples() -> None:
    assert len(EXAMPLES) >= 80
    assert sum(1 for e in EXAMPLES if not e["readings"]) >= 20


def test_every_rule_is_shown_by_the_corpus(registry: gb.Registry) -> None:
    """Each rule of the table produces or sets aside something in at least one example."""
    used: set[str] = set()
    for example in EXAMPLES:
        when = published(example["published"])
        for reading in read_figures(example["text"], published=when, registry=registry):
            used.update(reading.rules)
        used.update(s.rule for s in numbers_set_aside(example["text"], published=when))
    shown_elsewhere = {"modality"}  # its readings name the cue class: modality_target, ...
    names = {rule.name for rule in RULES if rule.language == "en"} - shown_elsewhere
    assert names <= used, f"rules no example shows: {sorted(names - used)}"
    assert any(name.startswith("modality_") for name in used)
    assert {rule.stage for rule in RULES} == set(Stage)


def test_values_are_exact_decimals_as_written(registry: gb.Registry) -> None:
    (reading,) = read_figures(
        "Revenue reached 208.540 billion yuan.", published=dt.date(2020, 1, 1), registry=registry
    )
    assert reading.value == Decimal("208.540")
    assert str(reading.value) == "208.540"
