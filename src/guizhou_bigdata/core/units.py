"""The package's one Pint unit registry, and the grammar unit strings must follow.

Pint is imported and the registry built only when a quantity is first needed, so
``import guizhou_bigdata`` stays cheap. Unit strings from data files are checked
against a small grammar before Pint parses them: Pint's expression parser is not
meant for untrusted text (``yuan**10**10**10`` would not return).
"""

from __future__ import annotations

import os
import re
import threading
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .errors import UnitError, did_you_mean

if TYPE_CHECKING:
    from collections.abc import Callable

    import pint

__all__ = [
    "SCALE_WORDS",
    "UNIT_GRAMMAR",
    "check_unit_syntax",
    "definitions",
    "get_registry",
    "new_registry",
    "parse_amount",
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

SCALE_WORDS: tuple[str, ...] = (
    "thousand", "million", "billion", "trillion", "万", "亿", "万亿"
)  # fmt: skip
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

    Its quantities and units pickle as quantities of this registry, so they cross
    process boundaries (``multiprocessing`` with spawn) without setup. Code that
    builds its own quantities and mixes them with the package's should build them
    with ``gb.Q_``, or call ``pint.set_application_registry(gb.ureg)``: Pint
    refuses to mix quantities of different registries.
    """
    global _registry
    registry = _registry
    if registry is not None:
        return registry
    with _lock:
        if _registry is None:
            # Building it makes thousands of objects (Pint's caches, its classes):
            # collections meanwhile would walk every object of the process (Pint,
            # NumPy) for nothing, so the cyclic collector waits until it is built.
            from .gcpause import collector_paused

            with collector_paused():
                registry = new_registry()
            # Pint pickles every quantity as one of its application registry, which
            # knows no yuan: these pickle as quantities of this registry instead.
            # The classes are this registry's own, so no other registry changes.
            registry.Quantity.__reduce__ = _reduce_quantity  # type: ignore[method-assign,assignment]
            registry.Unit.__reduce__ = _reduce_unit  # type: ignore[method-assign,assignment]
            _registry = registry
        return _registry


def new_registry() -> pint.UnitRegistry[float]:
    """A new Pint registry of ``data/units.txt`` (:func:`get_registry` builds one per process).

    Pint's registry is made empty and given each definition, as ``UnitRegistry(filename)``
    would, less Pint's file reader (see :func:`definitions`).
    """
    import pint

    registry: pint.UnitRegistry[float] = pint.UnitRegistry(
        None, autoconvert_offset_to_baseunit=False, cache_folder=None
    )
    for definition in definitions(_units_text()):
        registry.define(definition)
    return registry


def _units_text() -> str:
    """The text of ``data/units.txt``."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(here, "data", "units.txt")
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as file:
            return file.read()
    from importlib import resources  # a zipped package: slower, and rare

    return (resources.files("guizhou_bigdata") / "data" / "units.txt").read_text("utf-8")


def definitions(text: str, name: str = "units.txt") -> list[Any]:
    """Pint's definitions of the lines of a definitions file, read one line at a time.

    Each line is read by the statement parser Pint's own file reader uses for it
    (a prefix, a unit, a dimension, an alias), and comments are dropped as Pint
    drops them, so the definitions are Pint's; what is skipped is Pint's file
    reader around them (flexparser), which costs 10 to 20 ms for our 60 lines,
    more than the rest of the registry. Blocks (``@group``, ``@system``,
    ``@context``, ``@defaults``, ``@import``) are not read: a line starting with
    ``@`` other than ``@alias`` raises :class:`UnitError`, as does a line Pint
    cannot read.
    """
    from pint.delegates.base_defparser import ParserConfig
    from pint.delegates.txt_defparser import plain

    class Config(ParserConfig):
        """Numbers as floats, as ``UnitRegistry()`` reads them; simple expressions without
        Pint's tokenizer (see :func:`scaled`)."""

        def to_scaled_units_container(self, s: str) -> Any:
            return scaled(s)

    config = Config()
    readers: tuple[Callable[[str], Any], ...] = (
        plain.AliasDefinition.from_string,
        lambda line: plain.DerivedDimensionDefinition.from_string_and_config(line, config),
        plain.DimensionDefinition.from_string,
        lambda line: plain.PrefixDefinition.from_string_and_config(line, config),
        lambda line: plain.UnitDefinition.from_string_and_config(line, config),
    )
    found: list[Any] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.partition("#")[0].strip()
        if not line:
            continue
        where = f"{name} line {number} ({line!r})"
        if line.startswith("@") and not line.startswith("@alias "):
            raise UnitError(
                f"{where}: blocks are not read; define prefixes, units, dimensions "
                "and @alias lines one per line"
            )
        for read in readers:
            definition = read(line)
            if definition is not None:
                break
        if definition is None or isinstance(definition, Exception):
            problem = "" if definition is None else f": {definition}"
            raise UnitError(f"{where} is not a Pint definition{problem}")
        found.append(definition)
    return found


_INTEGER = r"(?:0|[1-9][0-9]*)"
_NAME_OR_DIMENSION = r"[A-Za-z_][A-Za-z0-9_]*|\[[A-Za-z_][A-Za-z0-9_]*\]"
_OPERAND = rf"(?:{_INTEGER}(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|{_NAME_OR_DIMENSION})"
_PIECE = re.compile(rf" *([*/]?) *({_OPERAND})(?: *\*\* *({_INTEGER}))?")
_SPACE = re.compile(r" *")


def scaled(text: str) -> Any:
    """``pint.util.ParserHelper.from_string(text)``: the same value, computed the same way.

    Pint reads an expression with Python's ``tokenize`` module, whose first use in a
    process compiles a large regular expression (about 5 ms, more than the rest of
    the unit registry). An expression of numbers, names and ``[dimensions]`` joined
    by ``*`` and ``/`` (ASCII, spaces around them or none), each name optionally
    raised to a whole power, is read here instead: each token becomes the value
    Pint's ``eval_token`` makes of it, combined with the same operators, left to
    right. Pint's preprocessing would change only the spacing of such a text (its
    other rules need two names side by side, a comma, a caret, the word ``per``
    between spaces or non-ASCII characters). Any other expression is Pint's to read.
    """
    from pint.util import ParserHelper

    pieces: list[tuple[str, Any]] = []
    position = 0
    while position < len(text) and text.isascii() and " per " not in text:
        piece = _PIECE.match(text, position)
        if piece is None or bool(piece.group(1)) is not bool(pieces):
            if pieces and _SPACE.fullmatch(text, position):
                break
            return ParserHelper.from_string(text, float)
        operator, term, power = piece.groups()
        token: Any
        if term[0].isdigit():
            if power:
                return ParserHelper.from_string(text, float)
            try:
                token = int(term)
            except ValueError:
                token = float(term)
        else:
            if term.lower() == "nan":  # Pint reads it as a number
                return ParserHelper.from_string(text, float)
            token = ParserHelper.from_word(term, float)
            if power:
                token = token ** int(power)
        pieces.append((operator, token))
        position = piece.end()
    if not pieces:
        return ParserHelper.from_string(text, float)
    value = pieces[0][1]
    for operator, token in pieces[1:]:  # read whole first: Pint raises before dividing
        value = value * token if operator == "*" else value / token
    if isinstance(value, ParserHelper):
        return value
    return ParserHelper(value, non_int_type=float)


def _reduce_quantity(self: pint.Quantity[Any]) -> tuple[Any, tuple[Any, ...]]:
    return _rebuild_quantity, (self.magnitude, self._units)


def _reduce_unit(self: pint.Unit) -> tuple[Any, tuple[Any, ...]]:
    return _rebuild_unit, (self._units,)


def _rebuild_quantity(magnitude: Any, units: Any) -> pint.Quantity[Any]:
    """Unpickle a quantity into the package registry, in whichever process reads it."""
    return get_registry().Quantity(magnitude, units)


def _rebuild_unit(units: Any) -> pint.Unit:
    """Unpickle a unit into the package registry."""
    return get_registry().Unit(units)


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
        parsed = _parse_units(get_registry(), text)
    except pint.UndefinedUnitError as exc:
        unit_names: object = exc.unit_names  # a str in some Pint versions
        names = [unit_names] if isinstance(unit_names, str) else list(exc.unit_names)
        hints = "".join(did_you_mean(name, _unit_names()) for name in names[:3])
        raise UnitError(
            f"unit {text!r} uses {', '.join(map(repr, names))}, which is not defined{hints}; "
            "the defined units are listed in guizhou_bigdata/data/units.txt"
        ) from None
    except (pint.PintError, ValueError) as exc:  # the grammar should already prevent these
        raise UnitError(
            f"unit {text!r} cannot be read by Pint ({exc}): expected {UNIT_GRAMMAR}"
        ) from None
    _parsed[text] = parsed
    return parsed


def _parse_units(registry: pint.UnitRegistry[float], text: str) -> pint.Unit:
    """``registry.parse_units(text)``, the expression read by :func:`scaled`.

    The names are then resolved as Pint's ``parse_units`` resolves them (aliases,
    prefixes, ``delta_`` for an offset unit among others), so the unit is the one
    Pint would return; the first unit of a process no longer pays for the tokenizer.
    """
    for preprocess in registry.preprocessors:  # Pint's own: "%" to "percent" and so on
        text = preprocess(text)
    units = scaled(text.strip())
    if units.scale != 1:
        raise ValueError("Unit expression cannot have a scaling factor.")
    container = registry.UnitsContainer({})
    many = len(units) > 1
    for name in units:
        canonical = registry.get_name(name)
        value = units[name]
        if not canonical:
            continue
        if (many or value != 1) and not registry._units[canonical].is_multiplicative:
            canonical = "delta_" + canonical
        container = container.add(canonical, value)
    return registry.Unit(container)


def _unit_names() -> list[str]:
    """Every unit name, symbol and alias the package registry defines (for hints)."""
    registry = get_registry()
    names = set(registry._units)  # Pint has no public list of its units
    for definition in registry._units.values():
        names.update(filter(None, (definition.symbol, *definition.aliases)))
    return sorted(names)


def quantity(magnitude: Decimal | float, unit: str) -> pint.Quantity[float]:
    """A Quantity of the package registry; exact decimals become floats for computing."""
    return get_registry().Quantity(float(magnitude), parse_unit(unit))


_AMOUNT = re.compile(r"(-?[0-9]+(?:\.[0-9]+)?) (.+)")


def parse_amount(text: str, dimension_of: str) -> pint.Quantity[float]:
    """An amount written ``"<decimal> <unit>"`` ("200 percent") in a unit of
    ``dimension_of``'s dimension; raise :class:`UnitError` saying what is wrong."""
    match = _AMOUNT.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise UnitError(
            f"amount {text!r} is not a decimal number, a space and a unit ('200 percent')"
        )
    unit = parse_unit(match.group(2))
    if unit.dimensionality != parse_unit(dimension_of).dimensionality:
        raise UnitError(
            f"amount {text!r} is not in a unit of the dimension of {dimension_of!r}: "
            f"write it in {dimension_of!r} or a unit like it"
        )
    return quantity(Decimal(match.group(1)), match.group(2))
