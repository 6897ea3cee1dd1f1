"""A figure in words: the one place that decides how a value, bound and modality read.

``Fact.figure``, citations, the headline and the command line all call
:func:`figure_text`, so a figure reads the same everywhere: "more than 5,000
enterprises", "389.1 billion yuan (estimate)", never "5000 enterprise" or "1E-7".
No Pint and no data are needed: the text comes from the exact decimal.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

__all__ = ["figure_text", "figure_text_zh", "number_text", "shown_value", "unit_text"]

_BOUND_WORDS = {
    "exact": "",
    "more_than": "more than ",
    "at_least": "at least ",
    "nearly": "nearly ",
    "about": "about ",
    "at_most": "at most ",
    "less_than": "less than ",
}

# Units that read the same for one or many: currencies, ratios, symbols.
_CURRENCIES = ("yuan", "CNY", "RMB", "USD", "HKD", "TWD", "EUR", "JPY", "GBP", "KRW")
_INVARIANT = frozenset({*_CURRENCIES, "percent", "dimensionless", "rank", "degC"})
# English plurals that adding "s" gets wrong.
_IRREGULAR = {"person": "people", "country_or_region": "countries or regions"}


def number_text(value: Decimal) -> str:
    """``value`` in plain digits with thousands separators: never scientific notation.

    The digits are the exact decimal's own: "38.0" stays "38.0", 1E-7 reads
    "0.0000001", 5000 reads "5,000".
    """
    plain = format(value, "f")
    sign = "-" if plain.startswith("-") else ""
    whole, _, fraction = plain.lstrip("-").partition(".")
    head = len(whole) % 3 or 3
    groups = [whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))]
    return sign + ",".join(groups) + (f".{fraction}" if fraction else "")


def _plural(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def unit_text(unit: str, *, plural: bool) -> str:
    """The unit as a reader writes it: "enterprises", "data centres", "yuan / USD".

    Only the first name of a compound unit takes a plural ("data items / day");
    currencies, percent, symbols ("PB", "km**2") never do.
    """
    first, separator, rest = unit.partition(" ")
    name = first
    if plural and name not in _INVARIANT and name.islower() and name.replace("_", "").isalpha():
        name = _plural(name)
    return (name.replace("_", " ") + separator + rest).strip()


def figure_text(
    value: Decimal,
    *,
    unit: str,
    bound: str = "exact",
    modality: str = "actual",
    scale: str | None = None,
) -> str:
    """The figure in words: bound, number, scale word, unit and, unless actual, modality.

    ``bound``, ``modality`` and ``scale`` are the values of the model's enums
    (``"more_than"``, ``"estimate"``, ``"billion"``).
    """
    if bound not in _BOUND_WORDS:
        raise ValueError(f"unknown bound {bound!r}; valid bounds: {', '.join(_BOUND_WORDS)}")
    number = number_text(value)
    if unit == "rank":
        body = f"rank {number}"
    elif unit == "dimensionless":
        body = number + (f" {scale}" if scale else "")
    else:
        single = value == 1 and scale is None
        words = f"{number} {scale}" if scale else number
        body = f"{words} {unit_text(unit, plural=not single)}"
    suffix = "" if modality == "actual" else f" ({modality})"
    return f"{_BOUND_WORDS[bound]}{body}{suffix}"


SHOWN_FIGURES = 3
"""Significant figures an approximate derived figure is printed to (its value keeps all)."""


def shown_value(value: Decimal, *, derived: bool, bound: str) -> Decimal:
    """The value as a figure prints it: a derived, approximate one to its first three
    significant figures ("about 15.8 percent", not "about 15.7728"), whole numbers whole.

    A computed value keeps every digit its inputs support in ``Fact.value``; printed
    with "about", more than three figures claim a precision no reader needs.
    """
    if not derived or bound == "exact" or not value.is_finite() or value == 0:
        return value
    places = max(0, SHOWN_FIGURES - 1 - value.adjusted())
    if -value.as_tuple().exponent <= places:  # type: ignore[operator]
        return value
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


_BOUND_WORDS_ZH = {
    "exact": "",
    "more_than": "超过",
    "at_least": "至少",
    "nearly": "近",
    "about": "约",
    "at_most": "最多",
    "less_than": "不足",
}
_MODALITY_ZH = {"actual": "", "estimate": "（预计）", "forecast": "（预测）", "target": "（目标）"}
_UNITS_ZH = {
    "yuan": "元",
    "CNY": "元",
    "RMB": "元",
    "USD": "美元",
    "HKD": "港元",
    "TWD": "新台币",
    "EUR": "欧元",
    "JPY": "日元",
    "GBP": "英镑",
    "KRW": "韩元",
    "yuan / USD": "元/美元",
    "percent": "%",
    "percentage_point": "个百分点",
    "enterprise": "家",
    "project": "个项目",
    "person": "人",
    "user": "个用户",
    "patient": "名患者",
    "participant": "名参与者",
    "platform": "个平台",
    "data_centre": "个数据中心",
    "server": "台服务器",
    "standard": "项标准",
    "regulation": "部法规",
    "rule": "条规则",
    "department": "个部门",
    "province": "个省份",
    "city": "个城市",
    "country_or_region": "个国家和地区",
    "village": "个村",
    "year": "年",
    "hour": "小时",
    "day": "天",
    "meter": "米",
    "km**2": "平方千米",
    "degree": "度",
    "degC": "℃",
}
"""Units as a Chinese figure writes them after the number ("3891亿元", "5000家")."""
_ZH_SCALES = ((12, "万亿"), (8, "亿"), (4, "万"))
_UNSCALED = frozenset(
    {"percent", "percentage_point", "rank", "year", "hour", "day", "degree", "degC"}
)


def _zh_number(value: Decimal, scale_exponent: int, unit: str) -> str:
    """The number in Chinese scale words: 389.1 billion is "3891亿", 5000 is "5000"."""
    exponent = scale_exponent
    magnitude_digits = value.adjusted() + exponent if value else 0
    if unit in _UNSCALED or not value.is_finite():
        chosen, word = 0, ""
    else:
        chosen, word = next(
            ((power, name) for power, name in _ZH_SCALES if magnitude_digits >= power), (0, "")
        )
    shift = exponent - chosen
    number = value.scaleb(shift) if shift else value
    if shift:
        number = number.normalize()
        if number.as_tuple().exponent > 0:  # type: ignore[operator]
            number = number.quantize(Decimal(1))
    return format(number, "f") + word


def figure_text_zh(
    value: Decimal,
    *,
    unit: str,
    bound: str = "exact",
    modality: str = "actual",
    scale: str | None = None,
    scale_factor: Decimal | None = None,
) -> str:
    """The figure as Chinese text writes it: "3891亿元", "24.6%", "4.4个百分点",
    "超过5000家", "约15.8%", "3891亿元（预计）".

    Amounts take the largest of 万亿, 亿 and 万 they reach; bounds read 超过, 至少,
    近, 约, 最多, 不足; anything but an actual outcome ends in （预计）, （预测）
    or （目标）. A unit with no Chinese word is written in English after a space.
    ``scale_factor`` is the multiplier of ``scale`` (``Scale.factor``).
    """
    if bound not in _BOUND_WORDS_ZH:
        raise ValueError(f"unknown bound {bound!r}; valid bounds: {', '.join(_BOUND_WORDS_ZH)}")
    if modality not in _MODALITY_ZH:
        raise ValueError(
            f"unknown modality {modality!r}; valid modalities: {', '.join(_MODALITY_ZH)}"
        )
    if scale is not None and scale_factor is None:
        raise ValueError(f"scale {scale!r} needs its scale_factor (Scale.factor)")
    exponent = 0 if scale_factor is None else scale_factor.adjusted()
    number = _zh_number(value, exponent, unit)
    words = _BOUND_WORDS_ZH[bound]
    if unit == "rank" and bound == "at_most":
        words, body = "", f"前{number}"  # at most rank 10: in the top ten
    elif unit == "rank":
        body = f"第{number}"
    elif unit == "dimensionless":
        body = number
    elif unit in _UNITS_ZH:
        body = number + _UNITS_ZH[unit]
    else:
        body = f"{number} {unit_text(unit, plural=value != 1)}"
    return f"{words}{body}{_MODALITY_ZH[modality]}"
