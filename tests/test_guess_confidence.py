"""Guesses say how sure they are, respect what the words and the unit say, and
``check FILE`` lists the weakest first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main
from guizhou_bigdata.reading import read_figures
from guizhou_bigdata.reading.model import Confidence

DAY = dt.date(2023, 3, 1)


def guess(text: str) -> tuple[str | None, Confidence | None]:
    (reading,) = read_figures(text, published=DAY)
    return reading.metric, reading.metric_confidence


def test_a_guess_the_words_name_is_sure_and_one_from_little_is_not() -> None:
    assert guess("The digital economy grew 15.3 percent in 2022.") == (
        "digital_economy_growth",
        Confidence.HIGH,
    )
    assert guess("The county now hosts 1,200 big data enterprises.") == (
        "big_data_enterprises",
        Confidence.HIGH,
    )
    metric, confidence = guess("Guiyang's GDP grew 9.9 percent in 2018.")
    assert metric == "gdp_real_growth"
    assert confidence is Confidence.LOW  # real or nominal: the words do not say
    (reading,) = read_figures("Guiyang's GDP grew 9.9 percent in 2018.", published=DAY)
    assert (reading.subject, reading.subject_confidence) == ("guiyang", Confidence.HIGH)


def test_a_year_on_year_rate_is_no_share_of_gdp() -> None:
    metric, confidence = guess(
        "The digital economy's share of GDP rose 2.1 percent year-on-year in 2022."
    )
    assert metric != "digital_economy_share_of_gdp"
    assert confidence is Confidence.LOW
    assert guess("The digital economy accounted for 34 percent of GDP in 2022.")[0] == (
        "digital_economy_share_of_gdp"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Software business revenue grew 12.5 percent in 2021.",
        "The revenue of software and information technology services rose 12.5 percent "
        "year-on-year in 2021.",
        "Software revenue rose 12.5 percent, and telecom business revenue grew 8 percent.",
    ],
)
def test_revenue_is_no_telecom_metric_unless_the_words_say_telecom(text: str) -> None:
    (first, *_) = read_figures(text, published=DAY)
    assert first.metric != "telecom_business_revenue_growth"
    assert first.metric != "software_and_it_services_revenue_cagr"  # no words of averaging
    assert guess("Telecom business revenue grew 8 percent in 2021.")[0] == (
        "telecom_business_revenue_growth"
    )


def test_only_words_of_averaging_make_a_compound_annual_rate() -> None:
    assert (
        guess(
            "From 2016 to 2020 the digital economy grew at an average annual rate of 20.6 percent."
        )[0]
        == "digital_economy_cagr"
    )
    assert guess("The digital economy grew 20.6 percent in 2020.")[0] == "digital_economy_growth"


def test_gbps_is_a_unit_of_bandwidth_not_a_counted_noun() -> None:
    (reading,) = read_figures(
        "The exchange's bandwidth reached 17,000 Gbps last year.", published=DAY
    )
    # units.txt defines Gbps (bits per second) since the public-source series needs it
    assert (reading.as_written, reading.proposed_unit, reading.unit) == (
        "17,000 Gbps",
        None,
        "Gbps",
    )


def test_drafts_carry_the_confidence_and_check_lists_weak_guesses_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "Guiyang's digital economy grew 15.2 percent last year.\n"
        "Guiyang's GDP grew 9.9 percent in 2018.\n"
        "Guiyang now hosts 1,200 big data enterprises.\n"
    )
    made = gb.draft(text, source="sure-2023", published="2023-03-01")
    by_value = {str(fact.record.value): fact for fact in made.facts}
    assert by_value["15.2"].metric_confidence is Confidence.HIGH
    assert by_value["9.9"].metric_confidence is Confidence.LOW
    assert "How sure the guesses are: metric low" in (by_value["9.9"].record.note or "")
    path = tmp_path / "draft.toml"
    path.write_text(made.to_toml(), encoding="utf-8")
    facts = [item for item in gb.review(path).items if item.location.startswith("fact[")]
    assert [item.confidence for item in facts] == sorted(
        (item.confidence for item in facts),
        key=lambda c: c.order,  # type: ignore[union-attr]
    )
    assert facts[0].location.startswith("fact[1] ")  # GDP growth: real or nominal, unsaid
    assert "metric 'gdp_real_growth' is a guess (low confidence)" in "\n".join(facts[0].settle)
    assert [item.confidence for item in facts] == [Confidence.LOW, Confidence.HIGH, Confidence.HIGH]
    assert main(["check", str(path)]) == 1
    listed = capsys.readouterr().out
    assert listed.index("fact[1]") < listed.index("fact[0]")
