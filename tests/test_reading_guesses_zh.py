"""Chinese readings get metric and subject guesses from Chinese labels and names, as
sure as English ones: a metric's Chinese label, an entity's Chinese name (贵阳市 and
贵阳), 全省 for the province the catalogue is about."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.reading import read_figures
from guizhou_bigdata.reading.model import Confidence, Reading

DAY = dt.date(2024, 3, 1)
EXAMPLES = Path(__file__).parent / "reading" / "guesses_zh.toml"


def only(text: str, registry: gb.Registry | None = None) -> Reading:
    (reading,) = read_figures(text, published=DAY, registry=registry)
    return reading


def test_a_chinese_label_makes_a_sure_metric_guess() -> None:
    reading = only("截至去年底，贵阳市大数据企业达到5200家。")
    assert (reading.metric, reading.metric_confidence) == ("big_data_enterprises", Confidence.HIGH)
    assert (reading.subject, reading.subject_confidence) == ("guiyang", Confidence.HIGH)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("贵阳市软件业务收入达到200.5亿元。", "guiyang"),
        ("贵阳软件业务收入达到200.5亿元。", "guiyang"),
        ("贵安新区软件业务收入达到200.5亿元。", "guian_new_area"),
        ("贵安软件业务收入达到200.5亿元。", "guian_new_area"),
        ("贵州省软件业务收入达到200.5亿元。", "guizhou"),
        ("贵州软件业务收入达到200.5亿元。", "guizhou"),
        ("全省软件业务收入达到200.5亿元。", "guizhou"),
        ("黔东南州软件业务收入达到200.5亿元。", "qiandongnan"),
    ],
)
def test_a_chinese_name_or_its_short_form_names_the_subject(text: str, subject: str) -> None:
    reading = only(text)
    assert (reading.subject, reading.subject_confidence) == (subject, Confidence.HIGH)
    assert (reading.metric, reading.metric_confidence) == (
        "software_business_revenue",
        Confidence.HIGH,
    )


def test_a_longer_name_is_not_taken_for_the_short_one_inside_it() -> None:
    reading = only("贵阳大数据交易所累计交易额突破10亿元。")
    assert reading.subject == "guiyang_big_data_exchange"
    # 累计交易额: the cumulative trading value, not the exchange's amount of any span
    assert reading.metric == "data_exchange_trading_value_cumulative"


def test_a_subject_named_after_the_figure_is_medium_and_a_default_low() -> None:
    after = only("软件业务收入达到200.5亿元的城市是贵阳市。")
    assert (after.subject, after.subject_confidence) == ("guiyang", Confidence.MEDIUM)
    default = only("软件业务收入达到200.5亿元。")
    # software_business_revenue is about Guiyang when the words name nothing.
    assert (default.subject, default.subject_confidence) == ("guiyang", Confidence.LOW)


def test_chinese_words_say_a_change_from_a_share() -> None:
    share = only("2022年贵州数字经济占GDP比重为37.2%。")
    assert (share.metric, share.metric_confidence) == (
        "digital_economy_share_of_gdp",
        Confidence.HIGH,
    )
    growth = only("2022年贵州数字经济同比增长15.2%。")
    assert (growth.metric, growth.metric_confidence) == ("digital_economy_growth", Confidence.HIGH)
    average = only("2016年至2020年，全省软件和信息技术服务业收入年均增长18.5%。")
    assert average.metric == "software_and_it_services_revenue_cagr"


def test_the_home_province_is_the_one_the_catalogue_is_about(tmp_path: Path) -> None:
    """全省 names the province most metrics default to, not any province of the registry."""
    data = """
[[source]]
id = "test-source"
title = "A test article"
published = "2020-05-01"

[[place]]
id = "yunnan"
name = "Yunnan"
name_zh = "云南省"
kind = "province"
citations = [{ source = "test-source", quote = "Yunnan grew." }]

[[place]]
id = "sichuan"
name = "Sichuan"
name_zh = "四川省"
kind = "province"
citations = [{ source = "test-source", quote = "Sichuan grew." }]

[[metric]]
id = "widget_makers"
label = "Widget makers"
label_zh = "小工具企业数"
kind = "count"
unit = "enterprise"
default_subject = "sichuan"
"""
    path = tmp_path / "facts.toml"
    path.write_text(data, encoding="utf-8")
    registry = gb.load_registry(path, bundled=False)
    reading = only("全省小工具企业达到300家。", registry)
    assert (reading.subject, reading.subject_confidence) == ("sichuan", Confidence.HIGH)
    assert (reading.metric, reading.metric_confidence) == ("widget_makers", Confidence.HIGH)
    assert only("云南小工具企业达到300家。", registry).subject == "yunnan"


def test_english_guesses_are_unchanged_by_chinese_words() -> None:
    reading = only("The county now hosts 1,200 big data enterprises.")
    assert (reading.metric, reading.metric_confidence) == ("big_data_enterprises", Confidence.HIGH)


def test_the_guesses_of_the_chinese_examples() -> None:
    """Sentences written against the bundled catalogue: at most three misses in each."""
    rows = tomllib.loads(EXAMPLES.read_text(encoding="utf-8"))["example"]
    metric_misses, subject_misses = [], []
    for row in rows:
        readings = read_figures(row["text"], published=DAY)
        (reading,) = [r for r in readings if r.as_written == row["as_written"]]
        if (reading.metric or "none") != row["metric"]:
            metric_misses.append((row["text"], reading.metric))
        if (reading.subject or "none") != row["subject"]:
            subject_misses.append((row["text"], reading.subject))
    assert len(rows) >= 30
    assert len(metric_misses) <= 3, metric_misses
    assert len(subject_misses) <= 1, subject_misses
