"""Drafts: readings become unreviewed records that load only as drafts, and review."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import guizhou_bigdata as gb
from guizhou_bigdata.core.characters import HIDDEN_IN_ONE_LINE as HIDDEN
from guizhou_bigdata.reading.drafting import Draft, draft_from_readings
from guizhou_bigdata.reading.model import Reading
from guizhou_bigdata.store.records import valid_id

ARTICLE = Path(__file__).parent / "data" / "fenghe-2024-03-05.txt"
TEXT = ARTICLE.read_text(encoding="utf-8")
PUBLISHED = dt.date(2024, 3, 5)
SOURCE = "fenghe-2024-03-05"


def sentence_of(text: str, words: str) -> str:
    """The sentence of ``text`` that holds ``words``."""
    start = text.index(words)
    begin = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1) + 1
    end = text.index("\n", start)
    return text[begin:end].strip()


def reading(words: str, value: str | None, **fields: Any) -> Reading:
    """A hand-made reading of ``words`` in the article, as a careful reader would give it."""
    start = TEXT.index(words)
    defaults: dict[str, Any] = {
        "start": start,
        "end": start + len(words),
        "as_written": words,
        "value": None if value is None else Decimal(value),
        "scale": None,
        "unit": None,
        "bound": gb.Bound.EXACT,
        "modality": gb.Modality.ACTUAL,
        "period": None,
        "quote": sentence_of(TEXT, words),
    }
    defaults.update(fields)
    return Reading(**defaults)


def article_readings() -> tuple[Reading, ...]:
    """Every figure of the test article, read by hand."""
    return (
        reading(
            "15.2 percent",
            "15.2",
            unit="percent",
            period=gb.Period.parse("2023"),
            period_note="'last year' in an article of 2024-03-05: 2023",
            metric="digital_economy_growth",
            rules=("decimal", "percent", "last_year"),
        ),
        reading(
            "1,200",
            "1200",
            unit="enterprise",
            bound=gb.Bound.MORE_THAN,
            period=gb.Period.parse("2024-03"),
            period_note="'now' in an article of 2024-03-05",
            metric="big_data_enterprises",
        ),
        reading(
            "eight hundred",
            "800",
            unit="enterprise",
            bound=gb.Bound.NEARLY,
            period=gb.Period.parse("2020"),
            metric="big_data_enterprises",
        ),
        reading(
            "30",
            "30",
            proposed_unit="kiosk",
            modality=gb.Modality.TARGET,
            period=gb.Period.parse("2025"),
            period_note="'by 2025': the target year",
        ),
        reading(
            "3.5 billion yuan",
            "3.5",
            scale=gb.Scale.BILLION,
            unit="yuan",
            modality=gb.Modality.ESTIMATE,
            period=gb.Period.parse("2024"),
            period_note="'this year' in an article of 2024-03-05",
        ),
        reading(
            "2,5O0",
            None,
            unit="server",
            bound=gb.Bound.ABOUT,
            quality=frozenset({gb.Quality.GARBLED}),
            quality_note="'2,5O0' has a letter O among its digits",
        ),
    )


def make(readings: tuple[Reading, ...] | None = None, **kwargs: Any) -> Draft:
    arguments: dict[str, Any] = {
        "text": TEXT,
        "source": SOURCE,
        "published": PUBLISHED,
        "title": "Fenghe bets on cloud services",
    }
    arguments.update(kwargs)
    return draft_from_readings(article_readings() if readings is None else readings, **arguments)


def written(tmp_path: Path, made: Draft, name: str = "draft.toml") -> Path:
    path = tmp_path / name
    path.write_text(made.to_toml(), encoding="utf-8")
    return path


def test_the_draft_is_valid_toml_of_the_public_format_every_record_unreviewed() -> None:
    document = tomllib.loads(make().to_toml())
    assert set(document) == {"source", "metric", "fact"}
    rows = [row for kind in document.values() for row in kind]
    assert rows
    assert all(row["reviewed"] is False for row in rows)
    (source,) = document["source"]
    assert source["sha256"] == hashlib.sha256(ARTICLE.read_bytes()).hexdigest()
    assert source["published"] == "2024-03-05"
    facts = document["fact"]
    assert len(facts) == 6
    ids = [row["id"] for row in facts + document["metric"]]
    assert len(set(ids)) == len(ids)
    assert all(valid_id(name) for name in ids)
    assert facts[0] == {
        "id": "guizhou.digital_economy_growth.2023.fenghe-2024-03-05",
        "metric": "digital_economy_growth",
        "subject": "guizhou",
        "period": "2023",
        "period_note": "'last year' in an article of 2024-03-05: 2023",
        "value": "15.2",
        "unit": "percent",
        "bound": "exact",
        "modality": "actual",
        "quote": "Fenghe county's digital economy grew 15.2 percent last year, the county "
        "statistics bureau said on Tuesday.",
        "source": SOURCE,
        "note": "Subject guessed from the metric's default subject 'guizhou'. How sure the "
        "guesses are: metric high, subject low. Read by the rules: decimal, percent, last_year.",
        "reviewed": False,
    }


def test_a_plain_load_refuses_the_draft_saying_how_many_records_and_where(
    tmp_path: Path,
) -> None:
    path = written(tmp_path, make())
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry(path)
    (problem,) = caught.value.problems
    assert problem.file == str(path)
    assert problem.message.startswith("10 unreviewed records (reviewed = false): source[0]")
    assert "fact[5] (id 'guiyang.big_data_enterprises" not in problem.message
    assert "fact[5] (id " in problem.message
    assert "drafts=True" in problem.message


def test_the_draft_loads_with_drafts_true_exactly_as_written(tmp_path: Path) -> None:
    registry = gb.load_registry(written(tmp_path, make()), drafts=True)
    drafted = registry.facts(source=SOURCE)
    assert len(drafted) == 6
    assert not any(fact.reviewed for fact in drafted)
    assert all(fact.reviewed for fact in registry.facts() if fact.citations[0].source.id != SOURCE)
    by_figure = {fact.as_written or str(fact.value): fact for fact in drafted}
    enterprises = by_figure["1200"]
    assert (enterprises.bound, enterprises.subject) == (gb.Bound.MORE_THAN, "guiyang")
    assert enterprises.quantity == gb.Q_(1200, "enterprise")
    words = by_figure["eight hundred"]
    assert words.value == Decimal(800)
    assert gb.Quality.INTERPRETATION in words.quality
    kiosks = by_figure["30"]
    assert (kiosks.unit, kiosks.modality) == ("dimensionless", gb.Modality.TARGET)
    assert "'kiosk' is not defined" in (kiosks.note or "")
    assert registry.metric(kiosks.metric).kind is gb.MetricKind.COUNT
    revenue = by_figure["3.5"]
    assert revenue.quantity == gb.Q_(3.5e9, "yuan")
    assert registry.metric(revenue.metric).unit == "yuan"
    garbled = by_figure["2,5O0"]
    assert garbled.value is None
    assert gb.Quality.GARBLED in garbled.quality
    assert garbled.period == gb.Period.parse("2024")
    assert "a guess" in (garbled.period_note or "")
    assert "Unreviewed draft" in garbled.cite()


def test_a_figure_with_no_guess_points_at_a_proposed_entity(tmp_path: Path) -> None:
    lone = (reading("3.5 billion yuan", "3.5", scale=gb.Scale.BILLION, unit="yuan"),)
    made = make(lone)
    (place,) = made.entities
    assert made.facts[0].record.subject == place.id
    registry = gb.load_registry(written(tmp_path, made), drafts=True)
    assert registry.entity(place.id).citations[0].quote == lone[0].quote


def test_quotes_and_titles_with_quotes_backslashes_and_tabs_round_trip(tmp_path: Path) -> None:
    text = 'He said "over 5,000\\ servers"\tand left.\n'
    figure = Reading(
        start=14, end=19, as_written="5,000", value=Decimal(5000), scale=None, unit="server",
        bound=gb.Bound.MORE_THAN, modality=gb.Modality.ACTUAL, period=gb.Period.parse("2023"),
        quote=text.strip(), metric="data_centre_servers",
    )  # fmt: skip
    made = make((figure,), text=text, title='The "cloud" \\ county\t')
    document = tomllib.loads(made.to_toml())
    assert document["fact"][0]["quote"] == text.strip()
    assert document["source"][0]["title"] == 'The "cloud" \\ county\t'
    gb.load_registry(written(tmp_path, made), drafts=True)


@pytest.mark.parametrize("hidden", ["\x1b", "\x00", "\x07", "\x7f", "\r", "\x85", "\u202e"])
def test_a_quote_is_cut_short_of_a_control_character_and_the_draft_loads(
    tmp_path: Path, hidden: str
) -> None:
    text = f"Costs fell{hidden} and the county added 40 servers in 2023{hidden} it said.\n"
    start = text.index("40")
    figure = Reading(
        start=start, end=start + 2, as_written="40", value=Decimal(40), scale=None,
        unit="server", bound=gb.Bound.EXACT, modality=gb.Modality.ACTUAL,
        period=gb.Period.parse("2023"), quote=text.strip(),
    )  # fmt: skip
    (fact,) = make((figure,), text=text).facts
    assert fact.record.quote == "and the county added 40 servers in 2023"
    registry = gb.load_registry(written(tmp_path, make((figure,), text=text)), drafts=True)
    assert registry.facts(source=SOURCE)[0].value == Decimal(40)


@pytest.mark.parametrize("hidden", ["\x1b", "\n", "\r", "\x85", "\u202e", "\u2066"])
def test_a_title_with_a_control_character_is_refused_up_front(hidden: str) -> None:
    with pytest.raises(ValueError, match=r"the title holds the control character U\+"):
        make((), title=f"Fenghe{hidden}bets")
    with pytest.raises(ValueError, match="the publisher holds the control character"):
        make((), publisher=f"Daily{hidden}")


def test_a_title_over_2000_characters_is_refused_up_front() -> None:
    with pytest.raises(ValueError, match="the title is 2,001 characters long: at most 2,000"):
        make((), title="t" * 2001)
    assert make((), title="t" * 2000).source.title == "t" * 2000


def test_two_drafts_and_repeated_figures_get_distinct_ids(tmp_path: Path) -> None:
    twice = article_readings() + article_readings()
    first = make(twice)
    second = make(twice, source="fenghe-2024-03-06")
    ids = [fact.record.id for fact in first.facts]
    assert len(set(ids)) == 12
    registry = gb.load_registry(
        written(tmp_path, first, "a.toml"), written(tmp_path, second, "b.toml"), drafts=True
    )
    assert len(registry.facts(source="fenghe-2024-03-06")) == 12


def test_a_metric_guess_whose_unit_does_not_fit_is_replaced_by_a_proposal() -> None:
    odd = (reading("30", "30", unit="server", metric="gdp"),)
    (fact,) = make(odd).facts
    assert fact.record.metric.startswith("draft_fenghe_2024_03_05_server")
    assert "'gdp', whose unit 'yuan' does not fit 'server'" in (fact.record.note or "")


def test_bad_arguments_and_broken_readings_are_refused_with_what_would_be_valid() -> None:
    with pytest.raises(ValueError, match="source id 'Fenghe 2024' is not valid"):
        make(source="Fenghe 2024")
    with pytest.raises(ValueError, match="source id 'chinadaily-2019-10-02' is already taken"):
        make(source="chinadaily-2019-10-02")
    with pytest.raises(ValueError, match="is not a date: write it YYYY-MM-DD"):
        make(published="sometime that spring")
    with pytest.raises(ValueError, match="has no year"):
        make(published="March 5")
    assert make(published="2024-03-05").source.published == gb.Period.parse("2024-03-05")
    outside = attrs.evolve(article_readings()[0], quote="grew 15.2 percent in 2023")
    with pytest.raises(ValueError, match="not a verbatim span of the text"):
        make((outside,))
    unquoted = attrs.evolve(article_readings()[0], as_written="15.3 percent")
    with pytest.raises(ValueError, match="figure's words are not in its quote"):
        make((unquoted,))


def reviewed_text(draft_text: str) -> str:
    """What a reviewer makes of the test draft: guesses corrected, marks deleted."""
    text = draft_text.replace("reviewed = false\n", "")
    text = text.replace('proposed_unit = "kiosk"\n', "")
    return re.sub(r'subject = "guizhou"', 'subject = "guiyang"', text)


def test_review_lists_what_to_settle_and_reviewing_is_removing_the_marks(
    tmp_path: Path,
) -> None:
    path = written(tmp_path, make())
    pending = gb.review(path)
    assert not pending.done
    assert len(pending.items) == 10
    text = str(pending)
    assert text.startswith("10 unreviewed records to settle")
    assert "subject 'guizhou' is a guess" in text
    assert "the article counts 'kiosk'" in text
    assert "flagged garbled: '2,5O0' has a letter O among its digits" in text
    assert "proposed metric" in text
    assert "period '2023': 'last year' in an article of 2024-03-05: 2023" in text
    assert f"{path}: fact[3] (id " in text
    # Each item names its record's id in full, to find it in the file and the registry.
    loaded = gb.load_registry(path, drafts=True)
    fact_ids = [item.id for item in pending.items if item.location.startswith("fact[")]
    assert fact_ids
    assert all(item_id is not None for item_id in fact_ids)
    assert {loaded.fact(item_id).id for item_id in fact_ids if item_id} == set(fact_ids)
    assert all(f"(id {item_id!r})" in text for item_id in fact_ids)

    half = path.read_text(encoding="utf-8").replace("reviewed = false\n", "")
    path.write_text(half, encoding="utf-8")
    with pytest.raises(gb.RegistryError, match="cannot leave its unit open"):
        gb.load_registry(path)

    path.write_text(reviewed_text(written(tmp_path, make(), "x.toml").read_text()), "utf-8")
    assert gb.review(path).done
    registry = gb.load_registry(path)
    assert all(fact.reviewed for fact in registry.facts())
    assert len(registry.facts(source=SOURCE)) == 6


def test_a_review_mark_that_is_not_a_boolean_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        make().to_toml().replace("\nreviewed = false\n", '\nreviewed = "no"\n', 1), "utf-8"
    )
    with pytest.raises(gb.RegistryError, match=r"source\[0\] \(id .*\) reviewed: expected true"):
        gb.load_registry(path, drafts=True)


def test_facts_derived_from_a_draft_are_unreviewed_too(tmp_path: Path) -> None:
    registry = gb.load_registry(written(tmp_path, make()), drafts=True)
    derived = [f for f in registry.facts(derived=True) if SOURCE in str(f.derived_from)]
    assert all(not fact.reviewed for fact in derived)


def test_exports_say_which_facts_are_unreviewed_in_duckdb(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    registry = gb.load_registry(written(tmp_path, make()), drafts=True)
    for name in ("facts.parquet", "facts.csv"):
        path = gb.export(tmp_path / name, registry=registry)
        counted = duckdb.sql(
            f"select count(*) from '{path}' where cast(reviewed as varchar) = 'false'"
        ).fetchall()
        assert counted == [(6,)]
        stated = duckdb.sql(
            f"select count(*) from '{path}' where cast(reviewed as varchar) = 'true'"
        ).fetchall()
        assert stated == [(len(registry.facts()) - 6,)]


def test_the_tutorial_follows_the_test_article() -> None:
    page = Path(__file__).parent.parent / "docs" / "drafting.md"
    assert TEXT in page.read_text(encoding="utf-8")


# Any character but lone surrogates and those no data file may hold (control
# characters but tab, line breaks, bidirectional controls), which are refused.
UNICODE = st.characters(exclude_categories=["Cs"]).filter(lambda c: not HIDDEN.match(c))


@given(
    title=st.text(UNICODE, min_size=1, max_size=80),
    publisher=st.text(UNICODE, max_size=40),
)
@settings(max_examples=200, deadline=None)
def test_any_title_and_publisher_survive_the_toml_written(title: str, publisher: str) -> None:
    made = make((), title=title, publisher=publisher or None)
    (source,) = tomllib.loads(made.to_toml())["source"]
    assert source["title"] == title
    assert source.get("publisher") == (publisher or None)


def test_text_that_is_not_unicode_is_refused() -> None:
    with pytest.raises(ValueError, match="not a Unicode character"):
        make((), text="Revenue rose \udc80 5 percent.")


def test_the_refusal_names_ten_records_per_file_and_counts_the_rest(tmp_path: Path) -> None:
    many = article_readings() * 3  # 18 facts, 3 metrics and the source: 22 records
    written(tmp_path, make(many), "first.toml")
    written(tmp_path, make(many[:1], source="fenghe-2024-03-06"), "second.toml")
    with pytest.raises(gb.RegistryError) as caught:
        gb.load_registry(tmp_path)
    first, second = caught.value.problems
    assert first.file == str(tmp_path / "first.toml")
    assert first.message.startswith("22 unreviewed records")
    assert first.message.count(" (id ") == 10
    assert "and 12 more;" in first.message
    assert second.message.startswith("2 unreviewed records")


def test_a_scale_word_written_short_after_a_value_read_without_it_is_drafted(
    tmp_path: Path,
) -> None:
    """The loader reads "bn" (and 萬, "mil") after a value as its scale word: a figure the
    reader took without it is drafted with the scale the quote writes, so the draft loads."""
    text = "Sales came to 0 in 2021. Sales came to 0bn in 2022."
    made = gb.draft(text, source="short-2023", published="2023")
    scales = {fact.record.quote: fact.record.scale for fact in made.facts}
    assert scales["Sales came to 0bn in 2022."] is gb.Scale.BILLION
    assert gb.load_registry(written(tmp_path, made), drafts=True)
