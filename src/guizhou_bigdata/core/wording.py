"""A figure in words: the one place that decides how a value, bound and modality read.

``Fact.figure``, citations, the headline and the command line all call
:func:`figure_text`, so a figure reads the same everywhere: "more than 5,000
enterprises", "389.1 billion yuan (estimate)", never "5000 enterprise" or "1E-7".
No Pint and no data are needed: the text comes from the exact decimal.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["figure_text", "number_text", "unit_text"]

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
_INVARIANT = frozenset({"yuan", "CNY", "RMB", "USD", "percent", "dimensionless", "rank"})
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
