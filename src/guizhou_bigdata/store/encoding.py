"""A registry as plain JSON data, and back: what the compiled-data files hold.

Each record is a list of its field values, in the order of a schema written
with the data (field names and how each value is coded), so the file stays
small and is read with one ``json.loads``. Decoding only ever calls the record
classes and enums listed here and plain constructors (``Decimal``,
``Period.parse``, ``tuple``): whatever a file holds, it cannot run code. A file
that does not fit raises :class:`ValueError` or :class:`TypeError`, which the
caller treats as a miss.
"""

from __future__ import annotations

import enum
import json
import types
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

import attrs

from ..core.entities import ENTITY_KINDS, Milestone
from ..core.model import Citation, Fact, Metric, Source
from ..core.periods import Period
from ..core.vocabulary import Bound, GrowthBasis, MetricKind, Modality, Quality, Rank, Scale

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["decode", "encode"]


def _enums_of(cls: type[Any]) -> list[type[enum.Enum]]:
    """The enums the fields of a record class hold (an entity's kind, a status)."""
    found: list[type[enum.Enum]] = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        present = [arg for arg in get_args(field.type) if arg is not type(None)]
        type_ = present[0] if len(present) == 1 else field.type
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            found.append(type_)
    return found


_CLASSES: Mapping[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        Source,
        Metric,
        Fact,
        *(kind.cls for kind in ENTITY_KINDS),
        Milestone,
    )
}
"""The only classes a file can build."""

_VOCABULARY: tuple[type[enum.Enum], ...] = (
    Bound,
    GrowthBasis,
    MetricKind,
    Modality,
    Quality,
    Rank,
    Scale,
)
_ENUMS: Mapping[str, type[enum.Enum]] = {
    cls.__name__: cls
    for cls in (
        *_VOCABULARY,
        *(enum_ for kind in ENTITY_KINDS for enum_ in _enums_of(kind.cls)),
    )
}
"""The only enums a file can name."""

_GROUPS: Mapping[str, tuple[type[Any], ...]] = {
    "sources": (Source,),
    "metrics": (Metric,),
    "entities": tuple(kind.cls for kind in ENTITY_KINDS),
    "milestones": (Milestone,),
    "facts": (Fact,),
}
"""The registry's record groups, in decoding order (sources first: citations need them)."""


# Encoding (at build time and on a cache miss) -----------------------------------------


def _code(type_: Any) -> str | list[Any]:
    """How a value of this field type is written: see :func:`_decoder`."""
    present = [arg for arg in get_args(type_) if arg is not type(None)]
    if get_origin(type_) in (Union, types.UnionType) and len(present) == 1:
        type_ = present[0]
    origin, args = get_origin(type_), tuple(get_args(type_))
    if type_ in (str, int, bool):
        return "plain"
    if type_ is Decimal:
        return "decimal"
    if type_ is Period:
        return "period"
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return f"enum:{type_.__name__}"
    if origin is frozenset and len(args) == 1 and issubclass(args[0], enum.Enum):
        return f"enums:{args[0].__name__}"
    if origin is tuple and args == (str, Ellipsis):
        return "strings"
    if origin is tuple and args == (Citation, Ellipsis):
        return "citations"
    if origin is tuple and Ellipsis not in args:  # a fixed tuple such as an interval's bounds
        return ["tuple", *(_code(arg) for arg in args)]
    raise TypeError(f"no JSON coding for fields of type {type_!r}: extend _encoding.py")


def _schema(cls: type[Any]) -> list[list[Any]]:
    import attrs

    attrs.resolve_types(cls)
    return [[field.name, _code(field.type)] for field in attrs.fields(cls)]


def _value(value: object, code: str | list[Any]) -> object:
    if value is None or code == "plain":
        return value
    if isinstance(code, list):
        assert isinstance(value, tuple)
        return [_value(item, part) for item, part in zip(value, code[1:], strict=True)]
    if code == "decimal":
        return format(value, "f")
    if code == "period":
        return str(value)
    if code.startswith("enum:"):
        assert isinstance(value, enum.Enum)
        return value.value
    if code.startswith("enums:"):
        assert isinstance(value, frozenset)
        return sorted(member.value for member in value)
    if code == "strings":
        assert isinstance(value, tuple)
        return list(value)
    assert code == "citations"
    assert isinstance(value, tuple)
    return [[citation.source.id, citation.quote] for citation in value]


def encode(registry: Registry) -> bytes:
    """The registry's records as compact UTF-8 JSON."""
    groups: dict[str, list[object]] = {
        "sources": list(registry.sources()),
        "metrics": list(registry.metrics()),
        "entities": list(registry.entities()),
        "milestones": list(registry.timeline()),
        "facts": list(registry.facts()),
    }
    schemas = {name: _schema(cls) for name, cls in _CLASSES.items()}
    document: dict[str, object] = {"schema": schemas}
    for group, records in groups.items():
        rows = []
        for record in records:
            name = type(record).__name__
            fields = schemas[name]
            rows.append([name, *(_value(getattr(record, field), code) for field, code in fields)])
        document[group] = rows
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# Decoding (every start of a process) -------------------------------------------------


def _decoder(code: object, sources: Mapping[str, Source]) -> Callable[[Any], Any] | None:
    """The function turning a JSON value back into a field value; None keeps it as is."""
    if code == "plain":
        return None
    if code == "decimal":
        return Decimal
    if code == "period":
        return Period.parse
    if code == "strings":
        return tuple
    if code == "citations":
        return lambda rows: tuple(Citation(source=sources[s], quote=q) for s, q in rows)
    if isinstance(code, list) and code[:1] == ["tuple"]:
        parts = tuple(_decoder(part, sources) for part in code[1:])

        def fixed(values: list[Any]) -> tuple[Any, ...]:
            if len(values) != len(parts):
                raise ValueError(f"expected {len(parts)} values, got {len(values)}")
            return tuple(
                value if value is None or part is None else part(value)
                for part, value in zip(parts, values, strict=True)
            )

        return fixed
    if isinstance(code, str) and code.startswith(("enum:", "enums:")):
        kind, _, name = code.partition(":")
        members = {member.value: member for member in _ENUMS[name]}
        if kind == "enum":
            return members.__getitem__
        return lambda values: frozenset(members[value] for value in values)
    raise ValueError(f"unknown value coding {code!r}")


def _builders(
    schemas: Mapping[str, Any], sources: Mapping[str, Source]
) -> dict[str, Callable[[list[Any]], Any]]:
    builders: dict[str, Callable[[list[Any]], Any]] = {}
    for name, fields in schemas.items():
        cls = _CLASSES[name]
        names = tuple(str(field) for field, _ in fields)
        coded = tuple(
            (field, decoder)
            for field, code in fields
            if (decoder := _decoder(code, sources)) is not None
        )

        def build(
            values: list[Any],
            cls: type[Any] = cls,
            names: tuple[str, ...] = names,
            coded: tuple[tuple[str, Callable[[Any], Any]], ...] = coded,
        ) -> Any:
            if len(values) != len(names):
                raise ValueError(f"a {cls.__name__} row has {len(values)} values")
            kwargs = dict(zip(names, values, strict=True))
            for field, decode in coded:
                value = kwargs[field]
                if value is not None:
                    kwargs[field] = decode(value)
            return cls(**kwargs)

        builders[name] = build
    return builders


def decode(data: bytes) -> Registry:
    """The registry :func:`encode` wrote; one of :data:`DECODE_ERRORS` if the data is not one."""
    from .registry import Registry

    document = json.loads(data)
    if not isinstance(document, dict) or set(document) != {"schema", *_GROUPS}:
        raise ValueError("not a compiled registry")
    schemas = document["schema"]
    groups: dict[str, list[Any]] = {}
    sources: dict[str, Source] = {}
    builders = _builders(schemas, sources)
    for group, classes in _GROUPS.items():
        records = []
        for row in document[group]:
            record = builders[row[0]](row[1:])
            if not isinstance(record, classes):
                raise TypeError(f"a {type(record).__name__} among the {group}")
            if group == "sources":
                sources[record.id] = record
            records.append(record)
        groups[group] = records
    return Registry(**{group: tuple(records) for group, records in groups.items()})


DECODE_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    TypeError,
    LookupError,
    AttributeError,
    RecursionError,
)
"""What decoding a file that is not a compiled registry may raise (JSON, shape, values)."""
