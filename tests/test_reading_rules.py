"""Each rule of the draft reader, on sentences of its own: what it reads and what it leaves."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import guizhou_bigdata as gb
from guizhou_bigdata.reading import (
    RULES,
    NumeralKind,
    Reading,
    Stage,
    numbers_set_aside,
    read_figures,
    scan_numerals,
)
from guizhou_bigdata.reading.lexicon import currency_units, lexicon, unit_is_defined

DAY = dt.date(2021, 6, 15)


def read(text: str, published: dt.date | gb.Period = DAY) -> tuple[Reading, ...]:
    return read_figures(text, published=published)


def only(text: str, published: dt.date | gb.Period = DAY) -> Reading:
    (reading,) = read(text, published)
    return reading


def aside(text: str) -> list[tuple[str, str]]:
    return [(s.numeral.text, s.rule) for s in numbers_set_aside(text, published=DAY)]


# ------------------------------------------------------------ the rule table


def test_rule_names_are_unique_and_every_rule_says_what_it_reads() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.doc, rule.name
    stages = [rule.stage for rule in RULES]
    assert stages == sorted(stages, key=list(Stage).index), "rules are listed stage by stage"


def test_every_unit_the_lexicons_write_is_defined() -> None:
    lex = lexicon()
    units = tomllib.loads(
        (resources.files("guizhou_bigdata.reading") / "lexicons" / "units.toml").read_text("utf-8")
    )
    written = [*units["after"].values(), *units["after_any_case"].values()]
    written += [unit for group in units["conversions"].values() for unit in group]
    for unit in [*written, *lex.currency_before.values()]:
        assert unit_is_defined(unit), unit
    for unit in units["after_undefined"].values():  # defined now? move it to [after]
        assert not unit_is_defined(unit), unit
    assert unit_is_defined("data_item / day")
    assert not unit_is_defined("job")


def test_lexicon_files_are_valid_toml_with_no_empty_tables() -> None:
    folder = resources.files("guizhou_bigdata.reading") / "lexicons"
    for path in folder.iterdir():
        if path.name.endswith(".toml"):
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            assert data, path.name
            assert all(data.values()), path.name


# ------------------------------------------------------------------ scanner


def test_garbled_digits_are_kept_as_printed_with_a_reason() -> None:
    (numeral,) = scan_numerals("nearly 8,36 requests")
    assert numeral.value is None
    assert numeral.garbled
    assert "three digits" in numeral.garbled
    (placeholder,) = scan_numerals("<>,<> platforms")
    assert placeholder.kind is NumeralKind.PLACEHOLDER
    assert placeholder.value is None


def test_number_words_compose() -> None:
    values = [n.value for n in scan_numerals("two hundred and ten, twenty-five, a dozen, eight")]
    assert values == [Decimal(210), Decimal(25), Decimal(12), Decimal(8)]


@pytest.mark.parametrize(
    ("words", "value", "scale", "magnitude"),
    [
        ("one thousand two hundred", "1.2", gb.Scale.THOUSAND, 1_200),
        ("a thousand two hundred", "1.2", gb.Scale.THOUSAND, 1_200),
        ("two million five hundred thousand", "2.5", gb.Scale.MILLION, 2_500_000),
        ("two thousand and fifty", "2.05", gb.Scale.THOUSAND, 2_050),
        ("three billion two hundred million", "3.2", gb.Scale.BILLION, 3_200_000_000),
        ("two million", "2", gb.Scale.MILLION, 2_000_000),
    ],
)
def test_number_words_with_scale_words_inside_are_one_figure(
    words: str, value: str, scale: gb.Scale, magnitude: int
) -> None:
    """Read as "two million" is (value 2, scale million): in the largest scale word."""
    reading = only(f"The park has {words} servers.")
    assert reading.as_written == words
    assert (reading.value, reading.scale, reading.unit) == (Decimal(value), scale, "server")
    assert reading.value is not None
    assert reading.value * scale.factor == magnitude


# ------------------------------------------------------------- not figures


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Posted 2020-03-04 10:15",
            [
                ("2020", "timestamp"),
                ("03", "timestamp"),
                ("04", "timestamp"),
                ("10", "timestamp"),
                ("15", "timestamp"),
            ],
        ),
        ("Five years ago the park was farmland.", [("Five", "time_frame")]),
        ("In 2012 the plan began.", [("2012", "calendar_year")]),
        ("On June 3, 2016, it opened.", [("3", "calendar_date"), ("2016", "calendar_year")]),
        ("Its 5G and B2B services grew.", [("5", "attached_letters"), ("2", "attached_letters")]),
        ("See Article 12 of the rules.", [("12", "reference_number")]),
        ("Windows 10 runs on the servers.", [("10", "name_number")]),
        (
            "A one-stop service and a two-tier market.",
            [("one", "compound_modifier"), ("two", "compound_modifier")],
        ),
        ("It promoted the “three new” industries.", [("three", "quoted_name")]),
        (
            "Hundreds of firms and tens of thousands of users joined.",
            [("Hundreds", "vague_magnitude"), ("tens of thousands", "vague_magnitude")],
        ),
        ("For the second time, the fair moved online.", [("second", "unread")]),
    ],
)
def test_numbers_that_are_not_figures(text: str, expected: list[tuple[str, str]]) -> None:
    assert read(text) == ()
    assert aside(text) == expected


def test_a_count_after_a_capitalised_word_that_is_a_unit_is_still_a_figure() -> None:
    reading = only("The fund invested RMB 300 million.")
    assert (reading.value, reading.scale, reading.unit) == (Decimal(300), gb.Scale.MILLION, "yuan")


# --------------------------------------------------------------- quantities


@pytest.mark.parametrize(
    ("text", "value", "scale", "unit", "rule"),
    [
        ("Sales hit 3.2 bn yuan.", "3.2", gb.Scale.BILLION, "yuan", "scale_word"),
        ("It raised US$ 20 million.", "20", gb.Scale.MILLION, "USD", "currency_before"),
        ("Output rose 7 per cent.", "7", None, "percent", "unit_after"),
        ("The road is 12 km long.", "12", None, "km", "unit_after"),
        ("It hired 450 workers.", "450", None, "person", "count_noun"),
        ("It logs 300 users per day.", "300", None, "user / day", "rate"),
        ("The servers it bought numbered 900.", "900", None, "server", "unit_from_earlier_noun"),
        ("The score was 71.5, officials said.", "71.5", None, "dimensionless", "dimensionless"),
        ("A million users signed up.", "1", gb.Scale.MILLION, "user", "a_scale"),
    ],
)
def test_quantity_rules(
    text: str, value: str, scale: gb.Scale | None, unit: str, rule: str
) -> None:
    reading = only(text)
    assert (reading.value, reading.scale, reading.unit) == (Decimal(value), scale, unit)
    assert rule in reading.rules


def test_a_count_noun_not_defined_is_proposed() -> None:
    reading = only("The city opened 14 libraries.")
    assert reading.unit is None
    assert reading.proposed_unit == "library"


def test_a_noun_followed_by_another_noun_is_its_modifier() -> None:
    reading = only("It built 6 data center campuses.")
    assert reading.unit is None
    assert reading.proposed_unit == "campus"


def test_a_currency_in_brackets_is_not_a_minus_sign() -> None:
    yuan, usd = read("a value of 7 billion yuan ($1 billion)")
    assert usd.value == Decimal(1)
    assert usd.unit == "USD"
    assert usd.as_written == "$1 billion"
    assert yuan.unit == "yuan"


def test_the_currencies_are_those_units_txt_gives_a_currency_dimension() -> None:
    assert currency_units() == {"yuan", "USD", "HKD", "TWD", "EUR", "JPY", "GBP", "KRW"}
    assert lexicon().currencies == currency_units()
    assert set(lexicon().currency_before.values()) <= currency_units()


def test_an_amount_in_any_currency_is_no_rate() -> None:
    assert only("The port earns HK$5 billion a year.").unit == "HKD"
    assert only("The port earns 5 billion euros a year.").unit == "EUR"


def test_a_typeset_dash_is_a_minus_sign_unless_a_figure_stands_right_before_it() -> None:
    _, after_dash = read("The hall holds 400 servers –120 of them new.")
    assert (after_dash.value, after_dash.as_written) == (Decimal(120), "120")
    assert "dash_after_figure" in after_dash.rules
    _, change = read("Growth was 5.1% in 2020 and –0.4% in 2021.")
    assert (change.value, change.as_written) == (Decimal("-0.4"), "–0.4%")
    _, hyphen = read("The hall holds 400 servers -120 of them new.")
    assert hyphen.value == -120  # a hyphen joined to a number stays a minus sign


def test_units_spelled_out_read_in_any_case() -> None:
    assert only("It links at 400 GIGABITS PER SECOND.").unit == "Gbps"
    assert only("The cluster reached 3 Petaflops.").unit == "PFLOPS"
    # Only the units spelled out: "Times" in a name is no unit "times".
    assert aside("The 2023 Times ranking listed 5 universities.") == [("2023", "calendar_year")]


def test_a_currency_next_to_a_count_stays_with_its_own_number() -> None:
    count, money = read("It approved 230 projects of 5 billion yuan in total.")
    assert count.unit == "project"
    assert money.unit == "yuan"


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("more than 40 firms", gb.Bound.MORE_THAN),
        ("exceeding 40 firms", gb.Bound.MORE_THAN),
        ("nearly 40 firms", gb.Bound.NEARLY),
        ("around 40 firms", gb.Bound.ABOUT),
        ("up to 40 firms", gb.Bound.AT_MOST),
        ("at least 40 firms", gb.Bound.AT_LEAST),
        ("no less than 40 firms", gb.Bound.AT_LEAST),
        ("below 40 percent", gb.Bound.LESS_THAN),
        ("40 firms or more", gb.Bound.AT_LEAST),
        ("40 million yuan and above", gb.Bound.AT_LEAST),
        ("40 percent or so", gb.Bound.ABOUT),
        ("40 firms", gb.Bound.EXACT),
    ],
)
def test_bound_words_before_and_after(text: str, bound: gb.Bound) -> None:
    assert only(f"The zone has {text}.").bound is bound


# -------------------------------------------------------------- ranks, streaks


@pytest.mark.parametrize(
    ("text", "value", "bound", "rule"),
    [
        ("The city ranked third nationwide.", 3, gb.Bound.EXACT, "rank_after_verb"),
        ("It is among the top 20 in Asia.", 20, gb.Bound.AT_MOST, "rank_top"),
        ("It is the second-largest market.", 2, gb.Bound.EXACT, "rank_superlative"),
        ("It opened the nation's first data lab.", 1, gb.Bound.EXACT, "rank_first_claim"),
        ("The park was the first in the world to do so.", 1, gb.Bound.EXACT, "rank_first_claim"),
    ],
)
def test_ranks(text: str, value: int, bound: gb.Bound, rule: str) -> None:
    reading = only(text)
    assert (reading.value, reading.unit, reading.bound) == (Decimal(value), "rank", bound)
    assert rule in reading.rules


@pytest.mark.parametrize(
    "text",
    [
        "It was the first phase of the plan.",
        "They met for the first time.",
        "It is one of the first towns to do so.",
        "At first, few firms came.",
        "The first-class service opened.",
    ],
)
def test_first_without_a_ranking_is_not_a_rank(text: str) -> None:
    assert read(text) == ()


def test_streaks_end_in_the_stated_year() -> None:
    reading = only("Exports grew for the fourth consecutive year in 2019.")
    assert (reading.value, reading.unit, str(reading.period)) == (Decimal(4), "year", "2016/2019")
    assert "ordinal_streak" in reading.rules
    assert reading.period_note
    # With no year stated, a streak of years ends in the last year whose figures were out:
    # the year before publication in an article of the first half (2021-06-15 here).
    streak = only("It has led the region for seven years in a row.")
    assert str(streak.period) == "2014/2020"
    assert "the last year whose figures were out" in (streak.period_note or "")
    autumn = read_figures(
        "It has led the region for seven years in a row.", published=dt.date(2021, 10, 2)
    )
    assert [str(r.period) for r in autumn] == ["2015/2021"]


# ------------------------------------------------------------------ periods


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Last year, 40 firms came.", "2020"),
        ("This year, 40 firms came.", "2021"),
        ("Next year, 40 firms will come.", "2022"),
        ("So far, 40 firms came.", "2021-06"),
        ("In March, 40 firms came.", "2021-03"),
        ("In September, 40 firms came.", "2020-09"),
        ("In the past three years, 40 firms came.", "2018/2020"),
        ("Between 2015 and 2018, 40 firms came.", "2015/2018"),
        ("Over 2016-2019, 40 firms came.", "2016/2019"),
        ("By the end of 2019, 40 firms came.", "2019"),
        ("40 firms came.", "2021-06"),
    ],
)
def test_periods_resolve_against_the_publication_date(text: str, period: str) -> None:
    reading = only(text)
    assert str(reading.period) == period
    if period != "2021-06" or "So far" in text:
        assert reading.period_note is None or reading.period_note


def test_a_publication_known_only_by_year_is_the_default_period() -> None:
    reading = only("The zone has 40 firms.", published=gb.Period.parse("2022"))
    assert str(reading.period) == "2022"


def test_relative_periods_say_how_they_were_resolved() -> None:
    reading = only("Last year, 40 firms came.")
    assert reading.period_note == "'Last year' in an article published 2021-06-15: 2020"


# ----------------------------------------------------------------- modality


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("The city plans to add 40 firms.", gb.Modality.TARGET),
        ("The goal is to add 40 firms.", gb.Modality.TARGET),
        ("It aims to host 40 firms by 2025.", gb.Modality.TARGET),
        ("The park will host 40 firms by 2025.", gb.Modality.TARGET),
        ("The park hosted 40 firms, and more are coming by 2025.", gb.Modality.TARGET),
        ("Output is projected to grow 4 percent.", gb.Modality.FORECAST),
        ("Output in 2020 is estimated at 4 billion yuan.", gb.Modality.ESTIMATE),
        ("Output in 2020 was 4 billion yuan.", gb.Modality.ACTUAL),
    ],
)
def test_modality_cues(text: str, modality: gb.Modality) -> None:
    assert only(text).modality is modality


# --------------------------------------------------------- quotes and errors


def test_the_quote_is_the_sentence_and_stays_verbatim() -> None:
    text = 'He said: "Sales rose 8 percent." Profits fell.'
    reading = only(text)
    assert reading.quote == 'He said: "Sales rose 8 percent."'
    assert reading.quote in text


def test_a_long_sentence_is_quoted_by_its_clause() -> None:
    filler = ", ".join(f"the {word} district" for word in ("north", "south", "east", "west") * 6)
    text = f"The plan covers {filler}, and it has 40 data centers, which serve {filler}."
    (reading,) = read(text)
    assert len(reading.quote) <= 300
    assert "40 data centers" in reading.quote
    assert reading.quote in text


def test_guesses_come_from_the_catalogue_and_the_entities(registry: gb.Registry) -> None:
    reading = only("Guiyang's GDP reached 400 billion yuan in 2019.")
    assert reading.subject == "guiyang"
    assert reading.metric == "gdp"


@pytest.mark.parametrize("published", ["2021-06-15", 20210615, None])
def test_published_must_be_a_date_or_a_period(published: object) -> None:
    with pytest.raises(TypeError, match=r"published must be a datetime\.date"):
        read_figures("40 firms", published=published)  # type: ignore[arg-type]


def test_text_must_be_a_string() -> None:
    with pytest.raises(TypeError, match="text must be a str, got bytes"):
        read_figures(b"40 firms", published=DAY)  # type: ignore[arg-type]


def test_importing_the_package_does_not_load_the_reader() -> None:
    code = "import sys, guizhou_bigdata; print('guizhou_bigdata.reading' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_docs_name_every_rule() -> None:
    page = (Path(__file__).resolve().parent.parent / "docs" / "reading.md").read_text("utf-8")
    missing = [rule.name for rule in RULES if f"`{rule.name}`" not in page]
    assert not missing, f"docs/reading.md does not describe the rules {missing}"


WORDS = [
    "more than",
    "nearly",
    "about",
    "top",
    "first",
    "ranked",
    "for",
    "consecutive",
    "years",
    "in",
    "2019",
    "2021-25",
    "January",
    "March 3,",
    "from",
    "to",
    "and",
    "billion",
    "million",
    "yuan",
    "$",
    "(",
    ")",
    "percent",
    "%",
    "servers",
    "data centers",
    "8,36",
    "<>",
    "1,050",
    "12.5",
    "three",
    "twenty-five",
    "a quarter of",
    "last year",
    "so far",
    "will",
    "plans to",
    "is expected to",
    "the",
    "Qihoo",
    "4G",
    "-",
    ",",
    ".",
    "\n",
    '"',
    "“",
    "”",
    "respectively",
    "one of",
    "eight",
    "hubs",
    "Ms Li,",
    "45,",
    "9 am",
    "the first half of",
    "2O0",
    "No.",
]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=40),
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
)
def test_any_text_reads_without_error_and_every_reading_stands_in_it(
    words: list[str], published: dt.date
) -> None:
    text = " ".join(words)
    for reading in read_figures(text, published=published):
        assert text[reading.start : reading.end] == reading.as_written
        assert reading.as_written in reading.quote
        assert reading.quote in text
        assert len(reading.quote) <= 300
        assert reading.rules
        assert (reading.value is None) == (gb.Quality.GARBLED in reading.quality)
    numbers_set_aside(text, published=published)


# ------------------------------------------------- Chinese scale words (万, 亿)


@pytest.mark.parametrize(
    ("text", "written", "value", "scale", "unit"),
    [
        (
            "The province has 3 万 enterprises in the sector.",
            "3 万",
            "3",
            gb.Scale.WAN,
            "enterprise",
        ),
        ("The platform has 450万 users.", "450万", "450", gb.Scale.WAN, "user"),
        ("Revenue was 3.5亿 yuan last year.", "3.5亿 yuan", "3.5", gb.Scale.YI, "yuan"),
        ("Output reached 12,000亿 yuan.", "12,000亿 yuan", "12000", gb.Scale.YI, "yuan"),
        ("Sales hit 8.2 亿元 in 2020.", "8.2 亿元", "8.2", gb.Scale.YI, "yuan"),
    ],
)
def test_chinese_scale_words_are_the_scale_attached_or_spaced(
    text: str, written: str, value: str, scale: gb.Scale, unit: str
) -> None:
    reading = only(text)
    assert (reading.as_written, reading.value, reading.scale, reading.unit) == (
        written,
        Decimal(value),
        scale,
        unit,
    )
    assert "scale_word" in reading.rules


def test_chinese_scale_words_are_in_the_scale_lexicon() -> None:
    scales = lexicon().scales
    assert gb.Scale(scales["万"]) is gb.Scale.WAN
    assert gb.Scale(scales["亿"]) is gb.Scale.YI


def test_scale_words_written_together_are_read_in_the_largest_and_flagged() -> None:
    reading = only("Investment hit 3亿万 yuan in 2020.")
    assert (reading.value, reading.scale, reading.unit) == (Decimal(30000), gb.Scale.YI, "yuan")
    assert reading.as_written == "3亿万 yuan"
    assert gb.Quality.INTERPRETATION in reading.quality
    assert reading.quality_note
    assert "亿万" in reading.quality_note


def test_wan_yi_is_one_scale_word_not_two() -> None:
    reading = only("Investment hit 1.2万亿 yuan in 2020.")
    assert (reading.value, reading.scale, reading.unit) == (Decimal("1.2"), gb.Scale.WAN_YI, "yuan")
    assert reading.as_written == "1.2万亿 yuan"
    assert not reading.quality


def test_drafts_of_chinese_scale_words_load(tmp_path: Path) -> None:
    text = (
        "The province has 3 万 enterprises in the sector as of 2023.\n\n"
        "Their revenue was 3.5亿 yuan in 2023, and the sector's output reached 12,000亿 yuan.\n\n"
        "Investment hit 2万亿 yuan in 2022."
    )
    made = gb.draft(text, source="scale-words-2024-06-12", published="2024-06-12")
    path = tmp_path / "draft.toml"
    path.write_text(made.to_toml(), encoding="utf-8")
    registry = gb.load_registry(path, drafts=True)
    found = {
        (str(f.value), f.scale)
        for f in registry.facts()
        if f.citations[0].source.id == "scale-words-2024-06-12"
    }
    assert found == {
        ("3", gb.Scale.WAN),
        ("3.5", gb.Scale.YI),
        ("12000", gb.Scale.YI),
        ("2", gb.Scale.WAN_YI),
    }


# ------------------------------------------------ years relative to a stated year


@pytest.mark.parametrize(
    ("text", "period", "stated"),
    [
        (
            "The city had about 45,000 servers in 2023, up from 30,000 the previous year.",
            "2022",
            "2023",
        ),
        (
            "Exports were 6.2 billion yuan in 2019, against 5.1 billion yuan the year before.",
            "2018",
            "2019",
        ),
        ("In 2019 it had 12 parks, against 9 a year earlier.", "2018", "2019"),
        ("In 2017 it had 90 firms; the following year it had 130 firms.", "2018", "2017"),
    ],
)
def test_anaphoric_years_count_from_the_year_the_sentence_states(
    text: str, period: str, stated: str
) -> None:
    last = read(text, dt.date(2024, 6, 12))[-1]
    assert str(last.period) == period
    assert last.period_note is not None
    assert f"{stated}, which the sentence states" in last.period_note
    assert last.period_note.endswith(f": {period}")


def test_anaphoric_years_fall_back_to_the_paragraph_then_publication() -> None:
    paragraph = read("In 2018 the park had 70 firms. The previous year it had 50 firms.")
    assert [str(r.period) for r in paragraph] == ["2018", "2017"]
    alone = only("The previous year, the county had 12 data centres.")
    assert str(alone.period) == "2020"
    assert alone.period_note
    assert "publication (2021-06-15)" in alone.period_note


@pytest.mark.parametrize(
    ("text", "published", "period"),
    [
        (
            "In 2023 output was 3.5亿 yuan, double the 2020 figure and up 10 percent on "
            "the previous year.",
            dt.date(2024, 3, 1),
            "2023",
        ),
        (
            "Sales reached 8.4 billion yuan in 2022, 12 percent higher than the year before.",
            dt.date(2023, 5, 5),
            "2022",
        ),
        (
            "Compared with the 2018 total, exports in 2021 rose 9 percent over the year before.",
            dt.date(2022, 8, 8),
            "2021",
        ),
    ],
)
def test_a_relative_year_compared_with_is_not_the_figures_period(
    text: str, published: dt.date, period: str
) -> None:
    """ "up 10 percent on the previous year": the base, the sentence's year is the period."""
    assert str(read(text, published)[-1].period) == period


def test_anaphoric_years_count_from_the_year_the_sentence_is_dated_in() -> None:
    """Not from a year the sentence compares with, nor the nearest year token."""
    text = (
        "By 2022 the platform had 6,000 users, up from 2,500 in 2019 and 4,800 the previous year."
    )
    readings = read(text, dt.date(2023, 5, 5))
    assert [str(r.period) for r in readings] == ["2022", "2019", "2021"]
    assert readings[-1].period_note is not None
    assert "the year before 2022, which the sentence states" in readings[-1].period_note
    compared = read(
        "In 2023 output rose to 40 firms, double the 2020 figure, against 35 the previous year.",
        dt.date(2024, 3, 1),
    )
    assert [str(r.period) for r in compared] == ["2023", "2022"]


# ------------------------------------------------ four digits: a year or a count


@pytest.mark.parametrize(
    ("text", "figure", "period"),
    [
        ("By 2025 servers in Guian will exceed 1 million.", "exceed 1 million", "2025"),
        ("In early 2023 enterprises in the zone numbered 5,000.", "5,000", "2023"),
        ("Around 2020 data centres in the province employed 3,000 people.", "3,000", "2020"),
        ("The 2023 enterprises survey counted 4,200 firms.", "4,200", "2023"),
        ("Its 2000 servers run day and night.", None, None),
    ],
)
def test_four_digits_before_a_counted_noun_stay_a_year(
    text: str, figure: str | None, period: str | None
) -> None:
    readings = read(text, dt.date(2026, 1, 5))
    assert [r.as_written for r in readings] == ([] if figure is None else [figure])
    if period is not None:
        assert str(readings[0].period) == period


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("The centre has 2000 servers.", "2000", "2000"),
        ("The park now hosts more than 2000 enterprises.", "more than 2000", "2000"),
        ("There were about 2000 servers in the hall.", "about 2000", "2000"),
        ("In 2021 the park added 2020 servers.", "2020", "2020"),
        ("The fund is worth 2000 million yuan.", "2000 million yuan", "2000"),
    ],
)
def test_four_digits_count_when_the_words_around_prove_it(
    text: str, written: str, value: str
) -> None:
    """A verb of having or counting, a bound word, a scale word or a unit proves a count."""
    (reading,) = read(text, dt.date(2026, 1, 5))
    assert (reading.as_written, reading.value) == (written, Decimal(value))


# ------------------------------------------------------------- period notes


@pytest.mark.parametrize(
    ("text", "period", "read_words"),
    [
        ("Revenue is expected to reach 12.5 billion yuan by 2025.", "2025", "'by 2025'"),
        (
            "Revenue grew 12 percent in the first half of this year.",
            "2021-01/2021-06",
            "'the first half of this year'",
        ),
        (
            "Sales were 40 billion yuan in the first 5 months of this year.",
            "2021-01/2021-05",
            "'the first 5 months of this year'",
        ),
        ("In March, 40 firms came.", "2021-03", "'March'"),
        ("On March 3, 40 firms came.", "2021-03-03", "'March 3'"),
        ("From May to June, 40 firms came.", "2021-05/2021-06", "'From May to June'"),
        ("Last year, 40 firms came.", "2020", "'Last year'"),
        ("So far, 40 firms came.", "2021-06", "'So far'"),
        ("In the past three years, 40 firms came.", "2018/2020", "'In the past three years'"),
        ("Since 2019, 40 firms came.", "2019/2021", "'since 2019'"),
    ],
)
def test_resolved_periods_say_what_was_read_and_the_period(
    text: str, period: str, read_words: str
) -> None:
    reading = only(text)
    assert str(reading.period) == period
    assert reading.period_note is not None
    assert reading.period_note.startswith(read_words)
    assert reading.period_note.endswith(f": {period}")


@pytest.mark.parametrize(
    "text",
    [
        "Sales were 40 billion yuan in the first half of 2020.",
        "Sales were 40 billion yuan in the first 5 months of 2020.",
        "From May to June 2020, 40 firms came.",
        "In 2020, 40 firms came.",
    ],
)
def test_periods_stated_in_full_need_no_note(text: str) -> None:
    assert only(text).period_note is None


def test_every_period_note_of_the_corpus_ends_with_its_period() -> None:
    corpus = Path(__file__).parent / "reading" / "corpus.toml"
    for example in tomllib.loads(corpus.read_text(encoding="utf-8"))["example"]:
        when = gb.Period.parse(example["published"])
        published = when.start if when.precision is gb.Precision.DAY else when
        for reading in read(example["text"], published):
            if reading.period_note is not None:
                assert reading.period_note.endswith(f": {reading.period}"), reading
