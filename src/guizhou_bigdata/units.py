"""The package's one Pint unit registry, and the grammar unit strings must follow.

Pint is imported and the registry built only when a quantity is first needed, so
``import guizhou_bigdata`` stays cheap. Unit strings from data files are checked
against a small grammar before Pint parses them: Pint's expression parser is not
meant for untrusted text (``yuan**10**10**10`` would not return).
"""

from __future__ import annotations

import re
import threading
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING

from .errors import UnitError

if TYPE_CHECKING:
    import pint

__all__ = [
    "SCALE_WORDS",
    "UNIT_GRAMMAR",
    "check_unit_syntax",
    "get_registry",
    "parse_unit",
    "quantity",
]

_MAX_LENGTH = 64
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_TERM = rf"{_NAME}(?:\*\*[1-9])?"
_UNIT = re.compile(rf"{_TERM}(?: ?[*/] ?{_TERM})*")

UNIT_GRAMMAR = (
    "unit names joined by ' * ' or ' / ', each optionally raised to one digit with '**' "
    "(for example 'yuan', 'km**2', 'yuan / USD')"
)

SCALE_WORDS: tuple[str, ...] = ("thousand", "million", "billion", "trillion", "万", "亿")
"""Scale words that ``gb.ureg`` defines as pure numbers for people to write in.

Not units of a data file: there a fact's scale word goes in its ``scale`` field.
"""
_SCALE_NAMES = frozenset(SCALE_WORDS)

_lock = threading.Lock()
_registry: pint.UnitRegistry[float] | None = None
_parsed: dict[str, pint.Unit] = {}
"""Units already parsed, by their text: facts share a few dozen unit strings."""


def check_unit_syntax(text: str) -> str:
    """Return ``text`` if it follows the unit grammar; raise :class:`UnitError` if not."""
    if not isinstance(text, str):
        raise UnitError(f"a unit is written as a string ({UNIT_GRAMMAR}), got {text!r}")
    if len(text) > _MAX_LENGTH or _UNIT.fullmatch(text) is None:
        shown = text if len(text) <= _MAX_LENGTH else text[:_MAX_LENGTH] + "..."
        raise UnitError(f"unit {shown!r} is not allowed: expected {UNIT_GRAMMAR}")
    names = re.findall(_NAME, text)
    if any(name.lower() == "nan" for name in names):
        # Pint reads "nan" in any case as a number, not a name.
        raise UnitError(f"unit {text!r} is not allowed: 'nan' is a number to Pint, not a unit")
    scales = [name for name in names if name.lower() in _SCALE_NAMES]
    if scales:
        raise UnitError(
            f"unit {text!r} is not allowed: {scales[0]!r} is a scale word, not a unit; "
            f"give it as the fact's scale (scale = {scales[0].lower()!r}) and the unit without it"
        )
    return text


def get_registry() -> pint.UnitRegistry[float]:
    """The package-wide registry, built once from ``data/units.txt`` on first call.

    Share it with code that builds its own quantities through
    ``pint.set_application_registry(gb.ureg)``: Pint refuses to mix quantities of
    different registries.
    """
    global _registry
    registry = _registry
    if registry is not None:
        return registry
    with _lock:
        if _registry is None:
            import pint

            definitions = resources.files("guizhou_bigdata") / "data" / "units.txt"
            with resources.as_file(definitions) as path:
                _registry = pint.UnitRegistry(
                    filename=str(path), autoconvert_offset_to_baseunit=False, cache_folder=None
                )
        return _registry


def parse_unit(text: str) -> pint.Unit:
    """Check ``text`` against the grammar, then let Pint parse it.

    Raises :class:`UnitError` naming the unit when a name is not defined.
    """
    parsed = _parsed.get(text) if isinstance(text, str) else None
    if parsed is not None:
        return parsed
    import pint

    check_unit_syntax(text)
    try:
        parsed = get_registry().parse_units(text)
    except pint.UndefinedUnitError as exc:
        raise UnitError(
            f"unit {text!r} uses {', '.join(map(repr, exc.unit_names))}, which is not defined; "
            "the defined "
            "units are listed in guizhou_bigdata/data/units.txt"
        ) from None
    except (pint.PintError, ValueError) as exc:  # the grammar should already prevent these
        raise UnitError(
            f"unit {text!r} cannot be read by Pint ({exc}): expected {UNIT_GRAMMAR}"
        ) from None
    _parsed[text] = parsed
    return parsed


def quantity(magnitude: Decimal | float, unit: str) -> pint.Quantity[float]:
    """A Quantity of the package registry; exact decimals become floats for computing."""
    return get_registry().Quantity(float(magnitude), parse_unit(unit))
