"""The draft reader reads Chinese as a first language.

The corpus (tests/reading/corpus_zh.toml) holds Chinese news-style sentences
written for these tests, positive and hostile, with the readings a careful
reader expects; the unit tests below pin the numerals, the language decision,
the sentence splitting, the lexicons and the drafts a Chinese article makes.
"""

from __future__ import annotations

import datetime as dt
import time
import tomllib
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import guizhou_bigdata as gb
from guizhou_bigdata.reading import (
    RULES,
    NumeralKind,
    Stage,
    is_chinese,
    numbers_set_aside,
    read_figures,
    scan_chinese_numerals,
)
from guizhou_bigdata.reading.document import sentences
from guizhou_bigdata.reading.lexicon import currency_units, unit_is_defined
from guizhou_bigdata.reading.zh import ZH_RULES, chinese_value, language_of
from guizhou_bigdata.reading.zh.lexicon import FILES, GUESS_FILE, zh_lexicon

from .test_reading_corpus import expected, observed, published

CORPUS = Path(__file__).parent / "reading" / "corpus_zh.toml"
EXAMPLES: list[dict[str, Any]] = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["example"]
DAY = dt.date(2023, 6, 15)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["text"][:30] for e in EXAMPLES])
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


def test_corpus_is_large_and_hostile() -> None:
    assert len(EXAMPLES) >= 150
    assert sum(1 for e in EXAMPLES if not e["readings"]) >= 30
    hostile = {rule for e in EXAMPLES for rule in e.get("set_aside", ())}
    for kind in (
        "zh_plan_name",  # 十四五
        "zh_generation",  # 5G
        "zh_name_number",  # 世界500强
        "zh_reference",  # 黔府发〔2023〕5号, ICP, phone numbers
        "zh_event_date",  # “3·21”
        "zh_calendar_date",  # 1月25日
        "zh_file_name",  # IMG_2023.jpg
        "zh_list_marker",  # 一是, 1., （一）
        "zh_calendar_year",  # years
        "zh_set_phrase",  # 一带一路, 千家万户
    ):
        assert kind in hostile, kind


def test_every_chinese_rule_is_shown_by_the_corpus(registry: gb.Registry) -> None:
    used: set[str] = set()
    for example in EXAMPLES:
        when = published(example["published"])
        for reading in read_figures(example["text"], published=when, registry=registry):
            used.update(reading.rules)
        used.update(s.rule for s in numbers_set_aside(example["text"], published=when))
    names = {rule.name for rule in ZH_RULES} - {"zh_modality"}
    assert names <= used, f"rules no example shows: {sorted(names - used)}"
    assert any(name.startswith("zh_modality_") for name in used)


def test_the_chinese_rules_are_in_the_one_table() -> None:
    names = [rule.name for rule in RULES]
    assert {rule.name for rule in ZH_RULES} <= set(names)
    assert all(rule.language == "zh" and rule.name.startswith("zh_") for rule in ZH_RULES)
    assert {rule.stage for rule in ZH_RULES} == set(Stage)
    english = [rule for rule in RULES if rule.language == "en"]
    assert english
    assert not any(rule.name.startswith("zh_") for rule in english)


# ---------------------------------------------------------------- numerals


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("一千二百", "1200"),
        ("两", "2"),
        ("〇", "0"),
        ("零", "0"),
        ("十二", "12"),
        ("二十", "20"),
        ("三万五千", "35000"),
        ("一亿两千万", "120000000"),
        ("一百零五", "105"),
        ("两千零二十三", "2023"),
        ("二〇二三", "2023"),
        ("三点五", "3.5"),
        ("壹佰", "100"),
    ],
)
def test_chinese_numerals_compose(written: str, value: str) -> None:
    assert chinese_value(written) == Decimal(value)


@pytest.mark.parametrize("written", ["十四五", "三四十", "七八", "一二"])
def test_irregular_numerals_have_no_value(written: str) -> None:
    assert chinese_value(written) is None


def test_the_scanner_finds_digits_characters_and_scale_words() -> None:
    found = [
        (n.text, n.kind, n.value)
        for n in scan_chinese_numerals("663亿元，１，２００家，３．５万台，第25位，首个，数十家")
    ]
    assert found == [
        ("663", NumeralKind.DIGITS, Decimal(663)),
        ("亿", NumeralKind.SCALE, None),
        ("１，２００", NumeralKind.DIGITS, Decimal(1200)),
        ("３．５", NumeralKind.DIGITS, Decimal("3.5")),
        ("万", NumeralKind.SCALE, None),
        ("第25", NumeralKind.ORDINAL, Decimal(25)),
        ("首", NumeralKind.ORDINAL, Decimal(1)),
        ("数十", NumeralKind.VAGUE, None),
    ]


def test_a_smaller_scale_word_after_a_larger_one_belongs_to_the_numeral() -> None:
    (numeral,) = scan_chinese_numerals("一亿两千万")
    assert (numeral.text, numeral.value) == ("一亿两千万", Decimal(120000000))
    words, scale = scan_chinese_numerals("两千万")
    assert (words.value, scale.kind) == (Decimal(2000), NumeralKind.SCALE)


def test_percent_words_and_points_are_not_numerals_of_their_own() -> None:
    (numeral,) = scan_chinese_numerals("提高百分之三十五，增长2个百分点")[:1]
    assert (numeral.text, numeral.value) == ("百分之三十五", Decimal(35))
    texts = [n.text for n in scan_chinese_numerals("增长2个百分点")]
    assert texts == ["2"]


def test_values_are_kept_as_written_with_their_scale() -> None:
    (reading,) = read_figures("全市营收达到1326.090亿元。", published=DAY)
    assert (str(reading.value), reading.scale) == ("1326.090", gb.Scale.YI)
    (trillion,) = read_figures("全国数字经济规模达到45.5万亿元。", published=DAY)
    assert (trillion.value, trillion.scale) == (Decimal("45.5"), gb.Scale.WAN_YI)
    assert not trillion.quality
    (words,) = read_figures("全国数字经济规模约两万亿元。", published=DAY)
    assert (words.value, words.scale) == (Decimal(2), gb.Scale.WAN_YI)


# --------------------------------------------------- language and sentences


@pytest.mark.parametrize(
    ("text", "chinese"),
    [
        ("全省数字经济增加值达到663亿元。", True),
        ("算力规模达到10 EFLOPS。", True),
        ("详情见www.example.cn/news/2023/0518.html。", True),
        ("The county spent 4.8 亿元 on rural broadband last year.", False),
        ("The park now hosts 2.6 万 registered enterprises, 贵阳 officials said.", False),
        ("Revenue reached 47.35 billion yuan in 2019.", False),
    ],
)
def test_the_language_is_decided_by_sentence(text: str, chinese: bool) -> None:
    assert is_chinese(text) is chinese
    assert language_of(text) == ("zh" if chinese else "en")


def test_an_article_in_two_languages_is_read_sentence_by_sentence() -> None:
    text = "Guizhou hosts 12 data centres.\n全省建成数据中心28个。"
    first, second = read_figures(text, published=DAY)
    assert (first.as_written, first.unit, "quantity" in first.rules) == ("12", "data_centre", True)
    assert (second.as_written, second.unit, second.rules[0]) == (
        "28个",
        "data_centre",
        "zh_quantity",
    )
    assert second.quote == "全省建成数据中心28个。"


def test_chinese_sentences_end_at_chinese_marks_and_line_breaks() -> None:
    text = "第一句有1个。第二句有2个！第三句呢？第四句；第五句”\n第六句。他说：“好。”再见"
    spans = [text[s.start : s.end] for s in sentences(text)]
    assert spans == [
        "第一句有1个。",
        "第二句有2个！",
        "第三句呢？",
        "第四句；",
        "第五句”",
        "第六句。",
        "他说：“好。”",
        "再见",
    ]
    half_width = "增长3%;投资5亿元"
    assert [half_width[s.start : s.end] for s in sentences(half_width)] == ["增长3%;", "投资5亿元"]


def test_a_long_chinese_sentence_is_quoted_by_its_clauses() -> None:
    filler = "，".join(["全面推进数字产业化和产业数字化协同发展"] * 12)
    text = f"{filler}，全省大数据企业达到1.2万家，{filler}。"
    (reading,) = read_figures(text, published=DAY)
    assert len(text) > 300
    assert reading.as_written in reading.quote
    assert reading.quote in text
    assert len(reading.quote) <= 300
    assert reading.quote.startswith("全")
    assert not reading.quote.startswith("，")


# --------------------------------------------------------------- lexicons


def test_lexicon_files_are_valid_toml_with_no_empty_tables() -> None:
    folder = resources.files("guizhou_bigdata.reading") / "lexicons" / "zh"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
    assert names == sorted(f"{name}.toml" for name in (*FILES, GUESS_FILE))
    for name in names:
        data = tomllib.loads((folder / name).read_text(encoding="utf-8"))
        assert data, name
        assert all(data.values()), name


def test_the_units_every_figure_needs_are_defined() -> None:
    lex = zh_lexicon()
    for word in ("%", "元", "美元", "个百分点", "倍", "平方公里", "PB"):
        assert unit_is_defined(lex.units_after[word]), word
    for noun in ("企业", "服务器", "数据中心", "项目", "用户", "城市", "平台"):
        assert unit_is_defined(lex.count_nouns[noun]), noun
    assert unit_is_defined(lex.measure_defaults["家"])


def test_every_currency_the_lexicon_names_is_defined_and_no_rate() -> None:
    lex = zh_lexicon()
    currencies = currency_units()
    assert set(lex.currency_before.values()) <= currencies
    for word in ("港元", "新台币", "欧元", "日元", "英镑", "韩元"):
        assert lex.units_after[word] in currencies, word
    (daily,) = read_figures("该平台日均交易额港币100亿元。", published=DAY)
    assert (daily.unit, daily.as_written) == ("HKD", "港币100亿元")  # no HKD / day


def test_a_unit_units_txt_does_not_define_is_proposed() -> None:
    assert not unit_is_defined("EB")
    assert not unit_is_defined("charging_pile")
    (reading,) = read_figures("全省数据存储总量达到10EB。", published=DAY)
    assert (reading.unit, reading.proposed_unit) == (None, "EB")
    (pile,) = read_figures("全省建成充电桩8万个。", published=DAY)
    assert (pile.unit, pile.proposed_unit) == (None, "charging_pile")
    (defined,) = read_figures("全省算力规模达到10EFLOPS。", published=DAY)  # in units.txt
    assert (defined.unit, defined.proposed_unit) == ("EFLOPS", None)


def test_a_bad_lexicon_value_is_named_with_where_it_is(monkeypatch: pytest.MonkeyPatch) -> None:
    from guizhou_bigdata.reading.zh import lexicon as module

    real = module._read

    def broken(name: str) -> dict[str, Any]:
        data = real(name)
        if name == "bounds":
            data["before"] = {**data["before"], "超过": "above"}
        return data

    monkeypatch.setattr(module, "_read", broken)
    with pytest.raises(ValueError, match=r"bounds.toml \[before\] '超过' = 'above'.*more_than"):
        module._build()


# ----------------------------------------------------------------- drafts


def test_a_chinese_article_drafts_and_loads(tmp_path: Path) -> None:
    text = (
        "贵州数字经济持续发力\n"
        "2022年，全省数字经济增加值达到663亿元，同比增长24.6%，增速连续七年位居全国第一。\n"
        "到2025年，全省力争建成5G基站10万个以上。"
    )
    made = gb.draft(text, source="zh-draft-2023-03-01", published="2023-03-01")
    path = tmp_path / "draft.toml"
    path.write_text(made.to_toml(), encoding="utf-8")
    registry = gb.load_registry(path, drafts=True)
    facts = sorted(
        (f for f in registry.facts() if f.citations[0].source.id == "zh-draft-2023-03-01"),
        key=lambda f: text.index(f.citations[0].passage),  # drafts cite quotes
    )
    summary = [
        (str(f.value), f.scale, f.bound.value, f.modality.value, str(f.period)) for f in facts
    ]
    assert ("663", gb.Scale.YI, "exact", "actual", "2022") in summary
    assert ("24.6", None, "exact", "actual", "2022") in summary
    assert ("7", None, "exact", "actual", "2016/2022") in summary
    assert ("10", gb.Scale.WAN, "at_least", "target", "2025") in summary
    assert all(f.citations[0].passage in text for f in facts)
    assert not any(f.reviewed for f in facts)


# ------------------------------------------------------------- robustness

WORDS = [
    "全省", "数据中心", "达到", "663", "亿", "元", "万", "家", "个", "%", "个百分点", "同比增长",
    "2022年", "1-9月", "前三季度", "上半年", "去年", "截至", "年底", "十四五", "期间", "第一",
    "连续", "七年", "位居全国", "前三", "超过", "近", "约", "以上", "左右", "余", "多", "预计",
    "力争", "将", "到2025年", "一千二百", "三万五千", "百分之", "三十", "５", "．", "，", "。",
    "；", "“", "”", "《", "》", "5G", "ICP备", "号", "3·21", "IMG_2023.jpg", "一是", "（一）",
    "-", "至", "的", "比上年", "倍", "成", "首个", "第二批", "试点", "EFlops", "\n", " ",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(WORDS), max_size=60),
    st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)),
)
def test_any_chinese_text_reads_and_every_reading_stands_in_it(
    words: list[str], when: dt.date
) -> None:
    text = "".join(words)
    for reading in read_figures(text, published=when):
        assert text[reading.start : reading.end] == reading.as_written
        assert reading.as_written in reading.quote
        assert reading.quote in text
        assert len(reading.quote) <= 300
        assert reading.rules
        assert (reading.value is None) == (gb.Quality.GARBLED in reading.quality)
    numbers_set_aside(text, published=when)


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        read_figures(text, published=DAY)
        best = min(best, time.process_time() - began)
    return best


@pytest.mark.parametrize(
    "unit",
    [
        "全省大数据企业达到1.2万家，同比增长12%。",
        "全省大数据企业达到1.2万家同比增长12%",  # no full stop: one run of text
        "一二三四五六七八九十百千万亿" * 3,  # numeral characters only
    ],
)
def test_reading_time_grows_linearly(unit: str) -> None:
    """Ten times the text takes about ten times as long: never a hundred times."""
    small = unit * 200
    read_figures(small, published=DAY)  # build the lexicons first
    ratio = _seconds(small * 10) / _seconds(small)
    assert ratio < 30, f"10x the text took {ratio:.1f}x as long"


def test_traditional_characters_are_read_folded_but_kept_as_written() -> None:
    text = "今年前4個月，軟件業務收入達到320億元，保持兩位數增長。"
    (reading,) = read_figures(text, published=dt.date(2025, 6, 10))
    assert (reading.as_written, str(reading.period)) == ("320億元", "2025-01/2025-04")
    assert reading.quote in text  # cut from the text, not from its folded copy
    aside = numbers_set_aside(text, published=dt.date(2025, 6, 10))
    assert [(s.numeral.text, s.rule) for s in aside] == [
        ("4", "zh_calendar_date"),
        ("兩", "zh_set_phrase"),
    ]


def test_a_traditional_fold_of_more_than_one_character_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from guizhou_bigdata.reading.zh import lexicon as module

    real = module._read

    def broken(name: str) -> dict[str, Any]:
        data = real(name)
        if name == "text":
            data["traditional"] = {**data["traditional"], "個月": "个月"}
        return data

    monkeypatch.setattr(module, "_read", broken)
    with pytest.raises(ValueError, match=r"text.toml \[traditional\] '個月'.*one character"):
        module._build()
