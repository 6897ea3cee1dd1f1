"""Score the draft reader on the Chinese example corpus, and time it on Chinese text.

    python benchmarks/chinese_corpus.py [--details] [--json OUT]

(``python benchmarks/evaluate_reader.py`` prints the same table after the five
English articles'.) The corpus (``tests/reading/corpus_zh.toml``) holds Chinese
sentences written for the tests, each with the readings a careful reader
expects; its expected readings are the reviewed figures here. A reading
matches an expected one when it stands on the same words (its span overlaps the
expected words where they stand in the example) and the values agree (the same
magnitude, value times scale word; both without a value when garbled); each is
matched at most once.

- recall: expected readings matched / expected readings;
- precision: readings matched / all readings;
- bound (also over the expected readings whose bound is not exact), modality,
  period, unit agreement: over matched pairs;
- speed: characters read per second, reading the Chinese examples joined into
  one text of at least 100,000 characters, the best of five warm passes (the
  examples hold a figure every 22 characters, about twice as many as news).

The corpus is the one the rules were developed on, so these figures say that
the rules still do what they were written to do; how they do on articles never
seen is measured apart (docs/reading.md gives both).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

import guizhou_bigdata as gb
from guizhou_bigdata.reading import Reading, is_chinese, read_figures

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "reading" / "corpus_zh.toml"
GUESSES = Path(__file__).resolve().parent.parent / "tests" / "reading" / "guesses_zh.toml"
"""Chinese sentences with the metric and subject a reviewer gives one of their figures."""

GOALS = {
    "recall": 0.90,
    "precision": 0.85,
    "bound_not_exact": 14 / 16,
    "modality": 0.85,
    "period": 0.80,
    "unit": 0.80,
}
SPEED_GOAL = 100_000
"""Characters of Chinese text read per second."""


@attrs.frozen
class Expected:
    """A reading a careful reader expects in one example."""

    text: str
    row: dict[str, str]

    @property
    def magnitude(self) -> Decimal | None:
        if self.row["value"] == "none":
            return None
        value = Decimal(self.row["value"])
        scale = self.row.get("scale")
        return value * gb.Scale(scale).factor if scale else value


@attrs.frozen
class CorpusEvaluation:
    """What the reader found in the corpus, pair by pair."""

    expected: int
    readings: int
    pairs: tuple[tuple[Expected, Reading], ...]
    missed: tuple[Expected, ...]
    extra: tuple[tuple[str, Reading], ...]
    chars_per_second: float
    guesses: GuessEvaluation | None = None

    @property
    def scores(self) -> dict[str, float]:
        pairs = self.pairs
        not_exact = [(e, r) for e, r in pairs if e.row.get("bound", "exact") != "exact"]

        def share(hits: int, total: int) -> float:
            return hits / total if total else 1.0

        return {
            "recall": share(len(pairs), self.expected),
            "precision": share(len(pairs), self.readings),
            "bound": share(sum(_agree(e, r, "bound") for e, r in pairs), len(pairs)),
            "bound_not_exact": share(
                sum(_agree(e, r, "bound") for e, r in not_exact), len(not_exact)
            ),
            "modality": share(sum(_agree(e, r, "modality") for e, r in pairs), len(pairs)),
            "period": share(sum(_agree(e, r, "period") for e, r in pairs), len(pairs)),
            "unit": share(sum(_agree(e, r, "unit") for e, r in pairs), len(pairs)),
        }

    def counts(self) -> dict[str, str]:
        pairs = self.pairs
        not_exact = [(e, r) for e, r in pairs if e.row.get("bound", "exact") != "exact"]
        return {
            "recall": f"{len(pairs)} of {self.expected} expected",
            "precision": f"{len(pairs)} of {self.readings} readings",
            "bound": f"{sum(_agree(e, r, 'bound') for e, r in pairs)} of {len(pairs)}",
            "bound_not_exact": (
                f"{sum(_agree(e, r, 'bound') for e, r in not_exact)} of {len(not_exact)}"
            ),
            "modality": f"{sum(_agree(e, r, 'modality') for e, r in pairs)} of {len(pairs)}",
            "period": f"{sum(_agree(e, r, 'period') for e, r in pairs)} of {len(pairs)}",
            "unit": f"{sum(_agree(e, r, 'unit') for e, r in pairs)} of {len(pairs)}",
        }

    def misses(self) -> list[str]:
        """The goals not met, as lines; empty when every goal is met."""
        scores = self.scores
        found = [
            f"{name}: {scores[name]:.1%} < {goal:.0%}"
            for name, goal in GOALS.items()
            if scores[name] < goal
        ]
        if self.chars_per_second < SPEED_GOAL:
            found.append(f"speed: {self.chars_per_second:,.0f} < {SPEED_GOAL:,} characters/s")
        return found


@attrs.frozen
class GuessEvaluation:
    """The metric and subject guesses of the readings ``guesses_zh.toml`` names."""

    examples: int
    metric: int
    subject: int
    wrong: tuple[str, ...]
    """One line per guess that is not the expected one."""

    def line(self, what: str) -> str:
        hits = self.metric if what == "metric" else self.subject
        share = hits / self.examples if self.examples else 1.0
        return (
            f"| {what} guess | {share:.1%} ({hits} of {self.examples}) | reported (the "
            "sentences were written against the bundled catalogue) |  |"
        )


def evaluate_guesses(path: Path = GUESSES, registry: gb.Registry | None = None) -> GuessEvaluation:
    """Read each example of ``guesses_zh.toml`` and compare its figure's guesses."""
    registry = registry or gb.default_registry()
    rows = examples(path)
    metric = subject = 0
    wrong: list[str] = []
    for row in rows:
        readings = read_figures(row["text"], published=dt.date(2024, 3, 1), registry=registry)
        found = next((r for r in readings if r.as_written == row["as_written"]), None)
        got = (None, None) if found is None else (found.metric, found.subject)
        metric += (got[0] or "none") == row["metric"]
        subject += (got[1] or "none") == row["subject"]
        if got != (row["metric"], row["subject"]):
            wrong.append(
                f"  guess    {row['as_written']!r} in {row['text'][:40]!r}: {got[0]} / {got[1]}"
                f", expected {row['metric']} / {row['subject']}"
            )
    return GuessEvaluation(len(rows), metric, subject, tuple(wrong))


def _agree(expected: Expected, reading: Reading, what: str) -> bool:
    row = expected.row
    if what == "bound":
        return reading.bound.value == row.get("bound", "exact")
    if what == "modality":
        return reading.modality.value == row.get("modality", "actual")
    if what == "period":
        return str(reading.period) == row["period"]
    unit = reading.unit or "-"
    return unit == row["unit"] and (reading.proposed_unit or "-") == row.get("proposed_unit", "-")


def _published(written: str) -> dt.date | gb.Period:
    period = gb.Period.parse(written)
    return period.start if period.precision is gb.Precision.DAY else period


def _magnitude(reading: Reading) -> Decimal | None:
    if reading.value is None:
        return None
    return reading.value * reading.scale.factor if reading.scale else reading.value


def _spans(text: str, words: str) -> list[tuple[int, int]]:
    found, start = [], text.find(words)
    while start != -1:
        found.append((start, start + len(words)))
        start = text.find(words, start + 1)
    return found


def examples(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The corpus's examples."""
    rows: list[dict[str, Any]] = tomllib.loads(path.read_text(encoding="utf-8"))["example"]
    return rows


def evaluate_corpus(
    path: Path = CORPUS, registry: gb.Registry | None = None, *, timed: bool = True
) -> CorpusEvaluation:
    """Read every example of the corpus and score the readings against the expected ones."""
    registry = registry or gb.default_registry()
    rows = examples(path)
    pairs: list[tuple[Expected, Reading]] = []
    missed: list[Expected] = []
    extra: list[tuple[str, Reading]] = []
    expected_count = readings_count = 0
    for row in rows:
        text = row["text"]
        readings = list(
            read_figures(text, published=_published(row["published"]), registry=registry)
        )
        readings_count += len(readings)
        expected_count += len(row["readings"])
        for wanted in (Expected(text, r) for r in row["readings"]):
            spans = _spans(text, wanted.row["as_written"])
            match = next(
                (
                    r
                    for r in readings
                    if any(r.start < b and a < r.end for a, b in spans)
                    and _magnitude(r) == wanted.magnitude
                ),
                None,
            )
            if match is None:
                missed.append(wanted)
            else:
                readings.remove(match)
                pairs.append((wanted, match))
        extra.extend((text, r) for r in readings)
    speed = _speed(rows, registry) if timed else 0.0
    guesses = evaluate_guesses(registry=registry) if path == CORPUS else None
    return CorpusEvaluation(
        expected_count, readings_count, tuple(pairs), tuple(missed), tuple(extra), speed, guesses
    )


def _speed(rows: list[dict[str, Any]], registry: gb.Registry) -> float:
    chinese = "\n".join(row["text"] for row in rows if is_chinese(row["text"]))
    text = "\n".join([chinese] * (100_000 // len(chinese) + 1))
    when = dt.date(2023, 6, 15)
    read_figures(chinese, published=when, registry=registry)  # lexicons and patterns built
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        read_figures(text, published=when, registry=registry)
        best = min(best, time.perf_counter() - began)
    return len(text) / best


def table(evaluation: CorpusEvaluation) -> str:
    """The scores as a Markdown table, each beside its goal."""
    scores, counts = evaluation.scores, evaluation.counts()
    lines = [
        "Chinese example corpus (tests/reading/corpus_zh.toml; the rules were developed on it):",
        "",
        "| measure | reader | goal | |",
        "| --- | --- | --- | --- |",
    ]
    for name in scores:
        goal = GOALS.get(name)
        verdict = "" if goal is None else ("PASS" if scores[name] >= goal else "MISS")
        shown_goal = "reported" if goal is None else f"≥ {goal:.0%}"
        lines.append(
            f"| {name.replace('_', ' ')} | {scores[name]:.1%} ({counts[name]}) | {shown_goal} | "
            f"{verdict} |"
        )
    if evaluation.guesses is not None:
        lines.append(evaluation.guesses.line("metric"))
        lines.append(evaluation.guesses.line("subject"))
    if evaluation.chars_per_second:
        verdict = "PASS" if evaluation.chars_per_second >= SPEED_GOAL else "MISS"
        lines.append(
            f"| speed, Chinese text | {evaluation.chars_per_second:,.0f} characters/s | "
            f"≥ {SPEED_GOAL:,} | {verdict} |"
        )
    return "\n".join(lines)


def details(evaluation: CorpusEvaluation) -> str:
    """Every miss, extra reading and disagreement, one a line."""
    lines = [f"  missed   {e.row['as_written']!r} in {e.text[:60]!r}" for e in evaluation.missed]
    lines += [f"  extra    {r.as_written!r} in {text[:60]!r}" for text, r in evaluation.extra]
    for wanted, reading in evaluation.pairs:
        for what in ("bound", "modality", "period", "unit"):
            if not _agree(wanted, reading, what):
                lines.append(f"  {what:8} {reading.as_written!r} in {wanted.text[:60]!r}")
    if evaluation.guesses is not None:
        lines += evaluation.guesses.wrong
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--details", action="store_true", help="list every miss and mismatch")
    parser.add_argument("--json", type=Path, help="also write the scores to this file")
    args = parser.parse_args(argv)
    evaluation = evaluate_corpus()
    print(table(evaluation))
    if args.details:
        print(details(evaluation))
    if args.json:
        payload = {
            "scores": evaluation.scores,
            "counts": evaluation.counts(),
            "chars_per_second": evaluation.chars_per_second,
        }
        if evaluation.guesses is not None:
            payload["guesses"] = attrs.asdict(evaluation.guesses)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 0 if not evaluation.misses() else 1


if __name__ == "__main__":
    sys.exit(main())
