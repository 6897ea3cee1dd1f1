"""Chinese numerals in quotes, and the scale word 万亿: what the loader, the drafter and
the exports accept of figures written in Chinese."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.core.chinese_numerals import NUMERAL_WORDS, chinese_value
from guizhou_bigdata.core.figures import numbers_in, quote_states
from guizhou_bigdata.reading import read_figures
from guizhou_bigdata.reading.zh.lexicon import zh_lexicon

from .helpers import METRIC, PLACE, SOURCE, fact, write

PUBLISHED = "2024-02-01"


def load(tmp_path: Path, text: str) -> gb.Registry:
    return gb.load_registry(write(tmp_path, "facts.toml", text), bundled=False)


@pytest.mark.parametrize(
    ("written", "values"),
    [
        ("一千二百家", {"1200"}),
        ("２６３．５亿元", {"263.5"}),
        ("１，２００家", {"1200"}),
        ("三万五千台", {"35000", "3.5"}),
        ("一亿两千万元", {"120000000", "1.2"}),
        ("两万亿元", {"2000000000000", "2"}),
        ("一百零五个", {"105"}),
        ("三点五倍", {"3.5"}),
    ],
)
def test_numbers_in_reads_chinese_numerals_and_full_width_digits(
    written: str, values: set[str]
) -> None:
    assert {Decimal(v) for v in values} <= numbers_in(written)


def test_a_chinese_quote_states_its_figure_in_characters_or_full_width_digits() -> None:
    assert quote_states("全省共有一千二百家企业。", Decimal(1200))
    assert quote_states("软件业务收入达２６３．５亿元。", Decimal("263.5"))
    assert quote_states("园区新增服务器三万五千台。", Decimal("3.5"))
    assert not quote_states("软件业务收入达２６３．５亿元。", Decimal(263))
    assert not quote_states("全省共有一千二百家企业。", Decimal(1000))
    # A lone 一 stands in countless words: it states nothing.
    assert not quote_states("全省统一部署数据中心。", Decimal(1))


def test_the_core_grammar_reads_the_characters_the_reader_scans() -> None:
    lex = zh_lexicon()
    assert dict(NUMERAL_WORDS.digits) == lex.digits
    assert dict(NUMERAL_WORDS.positions) == lex.positions
    assert {c: s.value for c, s in NUMERAL_WORDS.scales.items()} == lex.scales
    assert NUMERAL_WORDS.decimal_points == lex.decimal_points
    assert chinese_value("两万亿") == Decimal(2) * 10**12


def test_a_draft_of_chinese_numerals_is_no_interpretation_and_loads(tmp_path: Path) -> None:
    text = (
        "2023年，全省共有大数据企业一千二百家。全省软件业务收入达２６３．５亿元。"
        "全国数字经济规模达到45.5万亿元。"
    )
    made = gb.draft(text, source="zh-figures-2024", published=PUBLISHED)
    facts = tomllib.loads(made.to_toml())["fact"]
    assert [(f["value"], f.get("scale")) for f in facts] == [
        ("1200", None),
        ("263.5", "亿"),
        ("45.5", "万亿"),
    ]
    assert not any("quality" in f for f in facts), facts
    path = tmp_path / "draft.toml"
    path.write_text(made.to_toml(), encoding="utf-8")
    registry = gb.load_registry(path, drafts=True)
    economy = [f for f in registry.facts(source="zh-figures-2024") if f.scale is gb.Scale.WAN_YI]
    assert [f.quantity for f in economy] == [gb.Q_(45.5e12, "yuan")]


@pytest.mark.parametrize(
    "text",
    [
        "2023年全国数字经济规模达到45.5万亿元。",
        "The national digital economy reached 45.5万亿 yuan in 2023.",
    ],
)
def test_the_reader_reads_wan_yi_as_one_scale_word(text: str) -> None:
    (reading,) = read_figures(text, published=gb.Period.parse("2024"))
    assert (reading.value, reading.scale) == (Decimal("45.5"), gb.Scale.WAN_YI)
    assert gb.Quality.INTERPRETATION not in reading.quality


def test_wan_yi_is_a_scale_of_the_data_and_of_the_unit_registry(tmp_path: Path) -> None:
    assert gb.Scale("万亿").factor == Decimal(10) ** 12
    assert gb.Q_("3万亿 yuan").to("亿 yuan").magnitude == pytest.approx(30000)
    quote = '"Testville had 3万亿 enterprises in 2019."'
    base = SOURCE + PLACE + METRIC
    with pytest.raises(gb.RegistryError) as caught:
        load(tmp_path, base + fact(value='"3"', bound='"exact"', quote=quote))
    (problem,) = caught.value.problems
    assert "the quote writes 3 万亿, not 3: give scale = '万亿'" in str(problem)
    scaled = fact(value='"3"', scale='"万亿"', bound='"exact"', quote=quote)
    loaded = load(tmp_path, base + scaled).fact("testville.widgets.2019")
    assert loaded.quantity == gb.Q_(3e12, "enterprise")


def test_the_exports_accept_every_scale_word(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    quote = '"Testville had 3万亿 enterprises in 2019."'
    scaled = fact(value='"3"', scale='"万亿"', bound='"exact"', quote=quote)
    registry = load(tmp_path, SOURCE + PLACE + METRIC + scaled)
    path = gb.export(tmp_path / "out" / "datapackage.json", registry=registry)
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    (facts,) = [r for r in descriptor["resources"] if r["name"] == "facts"]
    (field,) = [f for f in facts["schema"]["fields"] if f["name"] == "scale"]
    assert set(field["constraints"]["enum"]) == {scale.value for scale in gb.Scale}
    assert frictionless.validate(str(path)).valid
