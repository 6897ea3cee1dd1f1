"""The public data file format: record classes and the converter that reads them.

Sources, metrics, entities and milestones are structured straight into the model
classes; a fact is written as a :class:`FactRecord` (one quote and source on the
record itself, the value as written) and built into a :class:`~.model.Fact` after
the cross-record checks in :mod:`.loading`.
"""

from __future__ import annotations

import contextlib
import contextvars
import enum
import functools
import math
import re
import threading
from collections.abc import Callable, Collection, Iterator, Mapping
from decimal import Decimal
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, override
from cattrs.v import format_exception

from ..core.entities import ENTITY_KINDS, Milestone
from ..core.errors import did_you_mean, shown
from ..core.model import Citation, Metric, Source, citation_problem
from ..core.periods import Period
from ..core.vocabulary import Bound, Modality, Quality, Rank, Scale

__all__ = [
    "KINDS",
    "MAX_ID_LENGTH",
    "CitationRecord",
    "FactRecord",
    "citation_form_problem",
    "citation_table",
    "make_converter",
    "resolving",
    "shared_converter",
]

_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_ID = re.compile(r"[a-z][a-z0-9_.\-]*")

MAX_VALUE_DIGITS = 28
"""Decimal's default precision: a longer value would be rounded silently when scaled."""
_KEEP = (
    f": at most {MAX_VALUE_DIGITS} digits are kept exactly; write the figure as printed, "
    "with its scale word ('208.542' with scale = 'billion')"
)


@attrs.frozen
class CitationRecord:
    """A ``{ source = "...", quote = "..." }`` table (a quote citation, with an optional
    ``locator``), or ``{ source, locator, as_written, says }`` (a reference citation)."""

    source: str
    quote: str | None = None
    locator: str | None = None
    as_written: str | None = None
    says: str | None = None


@attrs.frozen
class FactRecord:
    """One ``[[fact]]`` table exactly as written in a data file."""

    id: str
    metric: str
    subject: str
    period: Period
    value: Decimal | None
    unit: str
    bound: Bound
    modality: Modality
    source: str
    quote: str | None = None
    """The source's sentence; a fact without one is a reference citation, which gives
    ``locator``, ``as_written`` and ``says`` instead."""
    locator: str | None = None
    says: str | None = None
    scale: Scale | None = None
    as_written: str | None = None
    more_citations: tuple[CitationRecord, ...] = ()
    quality: tuple[Quality, ...] = ()
    rank: Rank = Rank.NORMAL
    note: str | None = None
    period_note: str | None = None
    derived_from: tuple[str, ...] = ()
    method: str | None = None


KINDS: Mapping[str, type[Any]] = {
    "source": Source,
    "metric": Metric,
    **{kind.key: kind.cls for kind in ENTITY_KINDS},
    "milestone": Milestone,
    "fact": FactRecord,
}
"""Every array-of-tables name a data file may use, in loading order."""


def _structure_str(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__} {shown(value)}")
    return value


def _structure_int(value: object, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__} {shown(value)}")
    return value


def _structure_bool(value: object, _: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {type(value).__name__} {shown(value)}")
    return value


def _structure_period(value: object, _: type) -> Period:
    if not isinstance(value, str):
        raise TypeError(
            f"expected a period string such as '2018' (quoted: a TOML date is not a period), "
            f"got {type(value).__name__} {shown(value)}"
        )
    return Period.parse(value)


def _structure_value(value: object, _: type) -> Decimal | None:
    """A value as written: digits with an optional decimal point, or '' for none."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise TypeError(
            f"expected the value as a string of digits such as '24.6', got {shown(value)}"
        )
    if isinstance(value, float) and math.isfinite(value):
        # TOML has already dropped what the source printed: 18.30 arrives as 18.3.
        raise TypeError(
            f"value {shown(value)} is a bare TOML number, which loses how the figure was "
            'written (18.30 reads as 18.3): quote the figure exactly as printed, value = "18.30"'
        )
    if isinstance(value, int) and abs(value) >= 10**MAX_VALUE_DIGITS:
        # Checked before str(), which is slow for huge integers and refuses 4300 digits.
        raise ValueError(f"value {shown(value)} has more than {MAX_VALUE_DIGITS} digits{_KEEP}")
    text = repr(value) if isinstance(value, float) else str(value)
    if text == "":
        return None
    if _DECIMAL.fullmatch(text) is None:
        raise ValueError(
            f"value {shown(text)} is not a plain decimal: write digits with an optional "
            "decimal point and no thousands separators ('5000', '208.542'), or '' "
            "when the source gives no readable number"
        )
    digits = len(text) - text.count("-") - text.count(".")  # it matched _DECIMAL
    if digits > MAX_VALUE_DIGITS:
        raise ValueError(f"value {shown(text)} has {digits} digits{_KEEP}")
    return Decimal(text)


def _structure_enum(value: object, cls: type[enum.Enum]) -> enum.Enum:
    return _enum_hook(cls)(value, cls)


@functools.cache
def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    allowed = ", ".join(repr(member.value) for member in cls)
    by_value = {member.value: member for member in cls}

    def structure(value: object, _: type) -> enum.Enum:
        member = by_value.get(value) if isinstance(value, str) else None
        if member is not None:
            return member
        hint = ""
        if isinstance(value, str):  # "more than" is written more_than
            hint = did_you_mean(value.strip().lower().replace(" ", "_").replace("-", "_"), by_value)
        raise ValueError(
            f"{shown(value)} is not a valid {cls.__name__}{hint}: expected one of {allowed}"
        )

    return structure


def _is_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _format_exception(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, ValueError | TypeError) and not isinstance(exc, cattrs.BaseValidationError):
        return str(exc)
    if isinstance(exc, cattrs.ForbiddenExtraKeysError) and exc.cl is not None:
        valid = [field.name for field in attrs.fields(exc.cl)]
        keys = sorted(exc.extra_fields)
        named = "; ".join(f"{shown(key)}{did_you_mean(key, valid)}" for key in keys[:5])
        more = f" and {len(keys) - 5} more" if len(keys) > 5 else ""
        noun = "key" if len(keys) == 1 else "keys"
        return f"unknown {noun} {named}{more} (valid keys: {', '.join(valid)})"
    return format_exception(exc, type_)


def format_error(exc: cattrs.BaseValidationError, path: str) -> list[str]:
    """Every failure inside ``exc`` as 'message @ path'."""
    return cattrs.transform_error(exc, path=path, format_exception=_format_exception)


Hint = Callable[[str, Collection[str]], str]
_CITING: contextvars.ContextVar[tuple[Mapping[str, Source], Hint]] = contextvars.ContextVar(
    "citing"
)
_shared: cattrs.Converter | None = None
_shared_lock = threading.Lock()


@contextlib.contextmanager
def resolving(sources: Mapping[str, Source], hint: Hint = did_you_mean) -> Iterator[None]:
    """Resolve citations of :func:`shared_converter` against ``sources`` in this block."""
    token = _CITING.set((sources, hint))
    try:
        yield
    finally:
        _CITING.reset(token)


def shared_converter() -> cattrs.Converter:
    """One converter for every load, its structure code generated once.

    cattrs writes and compiles a function per record class, which costs several
    milliseconds: too much to pay on each load of a small file. Citations resolve
    against the sources given to :func:`resolving`, per thread and task.
    """
    global _shared
    with _shared_lock:
        if _shared is None:
            converter = make_converter(None)
            for cls in KINDS.values():
                converter.get_structure_hook(cls)
            _shared = converter
        return _shared


def make_converter(
    sources: Mapping[str, Source] | None, hint: Hint = did_you_mean
) -> cattrs.Converter:
    """A converter of our own (never cattrs' global one) for the file format.

    Unknown keys are errors; strings, integers and arrays are not coerced from
    other types; a citation's source id is resolved against ``sources`` (or,
    when None, those of the enclosing :func:`resolving` block), and ``hint``
    suggests the nearest when it is not there.
    """
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(Period, _structure_period)
    # For Enum itself, which covers every Enum: cattrs before 26.1 looks up a hook for an
    # Enum subclass there before it asks any hook factory.
    converter.register_structure_hook(enum.Enum, _structure_enum)

    def tuple_factory(type_: Any) -> Callable[[object, type], tuple[Any, ...]]:
        element = get_args(type_)[0]
        list_type = list.__class_getitem__(element)
        as_list = converter.get_structure_hook(list_type)

        def structure(value: object, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise TypeError(f"expected an array, got {type(value).__name__} {shown(value)}")
            return tuple(as_list(value, list_type))

        return structure

    converter.register_structure_hook_factory(_is_tuple, tuple_factory)

    citation_record = make_dict_structure_fn(
        CitationRecord, converter, _cattrs_forbid_extra_keys=True
    )

    def structure_citation_record(value: object, _: type) -> CitationRecord:
        if not isinstance(value, dict):  # cattrs would report "unknown error (... 'keys')"
            raise TypeError(
                'expected a citation table { source = "...", quote = "..." }, '
                f"got {type(value).__name__} {shown(value)}; a reference citation is the "
                "table { source, locator, as_written, says }"
            )
        record = citation_record(value, CitationRecord)
        problem = citation_form_problem(record)
        if problem is not None:
            raise ValueError(problem)
        return record

    converter.register_structure_hook(CitationRecord, structure_citation_record)

    def structure_citation(value: object, _: type) -> Citation:
        record = converter.structure(value, CitationRecord)
        known, suggest = (sources, hint) if sources is not None else _CITING.get()
        source = known.get(record.source)
        if source is None:
            near = suggest(record.source, known) if known else "; no source is loaded"
            raise ValueError(f"unknown source {shown(record.source)}{near}")
        if record.quote is not None and not record.quote:
            raise ValueError("the quote is empty: give the words of the source that name it")
        problem = citation_problem(
            source, record.quote, record.locator, record.as_written, record.says
        )
        if problem is not None:
            raise ValueError(problem)
        return Citation(
            source=source,
            quote=record.quote,
            locator=record.locator,
            as_written=record.as_written,
            says=record.says,
        )

    converter.register_structure_hook(Citation, structure_citation)
    converter.register_unstructure_hook(Period, str)
    converter.register_unstructure_hook(Decimal, lambda value: format(value, "f"))
    converter.register_unstructure_hook(Citation, citation_table)
    converter.register_structure_hook(
        FactRecord,
        make_dict_structure_fn(
            FactRecord,
            converter,
            _cattrs_forbid_extra_keys=True,
            value=override(struct_hook=_structure_value),
        ),
    )
    return converter


def citation_table(citation: Citation) -> dict[str, str]:
    """A citation as the inline table a data file writes: its source id and set fields."""
    table = {"source": citation.source.id}
    for name in ("quote", "locator", "as_written", "says"):
        value = getattr(citation, name)
        if value is not None:
            table[name] = value
    return table


def citation_form_problem(record: CitationRecord) -> str | None:
    """Which keys make a citation table neither of its two forms, or None.

    Only which keys are given: their text (empty, too long) is checked with the
    fact's, and the source's url once the source is resolved.
    """
    if record.quote is not None:
        extra = [name for name in ("as_written", "says") if getattr(record, name) is not None]
        if extra:
            return (
                f"a citation with a 'quote' cannot also have {' and '.join(map(repr, extra))}: "
                "a quote citation is { source, quote } (locator optional), a reference "
                "citation { source, locator, as_written, says } without a quote"
            )
        return None
    missing = [name for name in ("locator", "as_written", "says") if getattr(record, name) is None]
    if missing:
        return (
            f"a citation without a 'quote' is a reference citation and needs "
            f"{', '.join(map(repr, missing))}: write {{ source, locator, as_written, says }} "
            "(where the figure stands, the figure as printed, what it says in our own "
            "words), or { source, quote } with the source's words"
        )
    return None


MAX_ID_LENGTH = 200
"""Characters in an id, at most."""


def valid_id(text: str) -> bool:
    """Ids are lower-case ASCII letters, digits, '_', '-' and '.', starting with a letter."""
    return len(text) <= MAX_ID_LENGTH and _ID.fullmatch(text) is not None
