"""The reader and the drafter do the same work per character at any size, and nothing per
call grows with the registry.

No test here reads a clock against a constant: each counts work, or compares the
time at n with the time at 10n in one run, with a wide margin (linear work gives
about 10x, the quadratic work these tests were written against gave 100x and more).
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.reading import engine, guesses, read_figures, scanner
from guizhou_bigdata.reading.document import MAX_SENTENCE, sentences
from guizhou_bigdata.reading.drafting import draft_from_readings
from guizhou_bigdata.reading.model import Reading
from guizhou_bigdata.store.registry import Registry

DAY = dt.date(2024, 3, 5)
LINEAR = 25.0
"""The most time 10n may take over n: about 10 when linear, 100 when quadratic."""


def _seconds(work: Callable[[], object]) -> float:
    best = float("inf")
    # CPU time of this process, the least of five: other work on the machine does not count.
    for _ in range(5):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def _growth(work: Callable[[int], object], n: int) -> float:
    """How many times longer ``work(10 * n)`` takes than ``work(n)``."""
    work(n)  # warm: lexicons, patterns, guessers
    small = _seconds(lambda: work(n))
    large = _seconds(lambda: work(10 * n))
    return large / small


def _table(rows: int) -> str:
    """A table pasted as one line: a figure every 19 characters, no full stop."""
    return "".join(
        f" Fenghe | {2000 + i % 20} | {1000 + i:,} | {i % 60}.{i % 10}% |" for i in range(rows)
    )


class _Counting:
    """A compiled pattern whose ``match`` calls are counted."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.calls = 0

    def match(self, *args: Any) -> Any:
        self.calls += 1
        return self.pattern.match(*args)


@pytest.mark.parametrize("count", [1000, 10000])
def test_a_run_of_look_alike_letters_is_measured_once(
    monkeypatch: pytest.MonkeyPatch, count: int
) -> None:
    counting = _Counting(scanner._LETTERS_AMONG_DIGITS)
    monkeypatch.setattr(scanner, "_LETTERS_AMONG_DIGITS", counting)
    numerals = scanner.scan_numerals("1" + "O1" * count + "x")
    assert counting.calls <= 2
    assert len(numerals) == count + 1


def test_a_table_on_one_line_is_read_in_pieces_of_a_bounded_length() -> None:
    text = _table(2000)
    pieces = sentences(text)
    assert all(piece.end - piece.start <= MAX_SENTENCE for piece in pieces)
    assert len(pieces) > len(text) // MAX_SENTENCE
    assert all(text[piece.start : piece.end].strip() for piece in pieces)
    assert len(read_figures(text, published=DAY)) == 2 * 2000  # a count and a share a row


def test_reading_a_table_ten_times_longer_takes_about_ten_times_longer() -> None:
    assert _growth(lambda rows: read_figures(_table(rows), published=DAY), 60) < LINEAR


def test_a_list_of_figures_in_one_sentence_reads_in_linear_time() -> None:
    def read(items: int) -> object:
        listed = ", ".join(f"{i:,} servers in Fenghe" for i in range(items))
        return read_figures(f"In 2022 the county counted {listed}.", published=DAY)

    assert _growth(read, 60) < LINEAR


def test_drafting_many_figures_of_one_id_takes_time_in_proportion() -> None:
    """Ids that share a base are counted on, not searched from '.2' for every fact."""
    text = "In 2023 the county added 40 servers.\n"

    def make(copies: int) -> object:
        start = text.index("40")
        reading = Reading(
            start=start, end=start + 2, as_written="40", value=Decimal(40), scale=None,
            unit="server", bound=gb.Bound.EXACT, modality=gb.Modality.ACTUAL,
            period=gb.Period.parse("2023"), quote=text.strip(), metric="servers",
            subject="guiyang",
        )  # fmt: skip
        made = draft_from_readings([reading] * copies, text=text, source="same-2024", published=DAY)
        return made.facts

    assert _growth(make, 1000) < LINEAR
    ids = [fact.record.id for fact in make(300)]  # type: ignore[attr-defined]
    assert len(set(ids)) == 300


def test_a_second_draft_asks_the_registry_for_nothing(
    monkeypatch: pytest.MonkeyPatch, registry: gb.Registry
) -> None:
    """What a draft needs of the registry (its ids, metrics, entities) is built once."""
    gb.draft("The county added 40 servers in 2023.", source="first-2024", published=DAY)
    asked: list[str] = []
    for name in ("facts", "metrics", "entities", "sources", "places", "timeline"):
        original = getattr(Registry, name)

        def counted(
            self: Registry, *args: Any, _name: str = name, _f: Any = original, **kw: Any
        ) -> Any:
            asked.append(_name)
            return _f(self, *args, **kw)

        monkeypatch.setattr(Registry, name, counted)
    made = gb.draft("Sales rose 5 percent in 2023.", source="second-2024", published=DAY)
    assert made.facts
    assert asked == []


def test_switching_between_registries_builds_each_guesser_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, registry: gb.Registry
) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[place]]\nid = "fenghe"\nname = "Fenghe county"\nkind = "county"\n'
        'citations = [{ source = "chinadaily-2019-10-02", quote = "A place." }]\n',
        encoding="utf-8",
    )
    other = gb.load_registry(mine)
    builds: list[int] = []
    original = guesses._build

    def counted(target: gb.Registry) -> guesses.Guesser:
        builds.append(id(target))
        return original(target)

    monkeypatch.setattr(guesses, "_build", counted)
    for _ in range(3):
        for which in (registry, other):
            read_figures("Fenghe county added 40 servers.", published=DAY, registry=which)
    assert builds.count(id(other)) == 1
    assert builds.count(id(registry)) <= 1


def test_the_quote_check_looks_where_the_figure_stands() -> None:
    """A quote found elsewhere in the text is no quote of this figure (and the check no
    longer searches the whole text for every figure)."""
    text = "Sales rose 5 percent. " + "Filler words here. " * 50 + "Sales rose 5 percent."
    start = text.rindex("5 percent")
    far = Reading(
        start=start, end=start + 9, as_written="5 percent", value=Decimal(5), scale=None,
        unit="percent", bound=gb.Bound.EXACT, modality=gb.Modality.ACTUAL,
        period=gb.Period.parse("2023"), quote=text[: text.index(".") + 1],
    )  # fmt: skip
    assert draft_from_readings([far], text=text, source="near-2024", published=DAY).facts
    misplaced = Reading(
        start=start, end=start + 9, as_written="5 percent", value=Decimal(5), scale=None,
        unit="percent", bound=gb.Bound.EXACT, modality=gb.Modality.ACTUAL,
        period=gb.Period.parse("2023"), quote="Sales rose 5 percent. Filler words here.",
    )  # fmt: skip
    with pytest.raises(ValueError, match="not a verbatim span of the text around the figure"):
        draft_from_readings([misplaced], text=text, source="near-2024", published=DAY)


def test_a_tables_figures_share_what_they_repeat() -> None:
    """A table's figures share their quote's text, their empty quality and their notes,
    rather than holding a copy each: drafting 5 MB of table holds a few hundred thousand
    figures, and every object each holds is memory and work for the garbage collector."""
    text = _table(400)
    readings = read_figures(text, published=DAY)
    assert len({id(r.quote) for r in readings}) == len({r.quote for r in readings})
    empty = [r.quality for r in readings if not r.quality]
    assert len(empty) > 300
    assert len({id(quality) for quality in empty}) == 1
    notes = [f.record.note for f in gb.draft(text, source="tab-2024", published=DAY).facts]
    assert len({id(note) for note in notes}) == len(set(notes)) < len(notes) // 10


def test_the_fact_writer_writes_what_the_generic_writer_writes() -> None:
    """The draft writes its facts with a writer that formats what they repeat once; it
    writes every field, escape and optional key as the generic table writer does."""
    from guizhou_bigdata.core.vocabulary import Quality, Scale
    from guizhou_bigdata.reading.drafting import DraftFact, _fact_items, _table, _Written
    from guizhou_bigdata.store.records import FactRecord

    plain = FactRecord(
        id="guiyang.servers.2023.tab-2024", metric="servers", subject="guiyang",
        period=gb.Period.parse("2023"), value=Decimal(40), unit="server",
        bound=gb.Bound.EXACT, modality=gb.Modality.ACTUAL, source="tab-2024",
        quote="The county added 40 servers.",
    )  # fmt: skip
    full = FactRecord(
        id="guiyang.x.2021-2023.tab-2024", metric="x", subject="guiyang",
        period=gb.Period.parse("2021/2023"), value=Decimal("-0.5"), unit="dimensionless",
        bound=gb.Bound.AT_LEAST, modality=gb.Modality.TARGET, source="tab-2024",
        quote='He said "up to \\ 5\ttimes" in 2023', scale=Scale.MILLION,
        as_written="5\ttimes", quality=(Quality.AMBIGUOUS, Quality.INTERPRETATION),
        note='A "quoted" note \\ with a tab\t.', period_note="from 2021 to 2023",
    )  # fmt: skip
    facts = [
        DraftFact(plain),
        DraftFact(full, proposed_unit="times"),
        DraftFact(attrs.evolve(full, value=None, note=None, period_note=None)),
    ]
    written = _Written()
    for fact in facts * 2:  # the second time from what it has written once
        assert written.fact(fact) == _table("fact", _fact_items(fact))


def test_the_reader_makes_each_sentences_numerals_as_it_reads_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A long table's numerals are made sentence by sentence and let go, not all held
    from the start: the same numerals, in a fraction of the memory."""
    text = _table(400)
    pieces = sentences(text)
    cursor = scanner.NumeralCursor(text)
    given = [n for piece in pieces for n in cursor.between(piece.start, piece.end)]
    inside = [
        n for n in scanner.scan_numerals(text) if any(p.start <= n.start < p.end for p in pieces)
    ]
    assert given == inside
    with pytest.raises(ValueError, match="ask for the spans of a text in order"):
        cursor.between(0, 10)

    total = len(inside)
    del given, inside

    def numerals_alive() -> int:
        return sum(isinstance(o, scanner.Numeral) for o in gc.get_objects())

    before = numerals_alive()
    alive: list[int] = []
    original = engine.SentenceReader.read

    def counted(self: engine.SentenceReader, *args: Any, **kw: Any) -> Any:
        if not alive:
            alive.append(numerals_alive() - before)
        return original(self, *args, **kw)

    monkeypatch.setattr(engine.SentenceReader, "read", counted)
    read_figures(text, published=DAY)
    assert alive
    assert alive[0] < total // 4
