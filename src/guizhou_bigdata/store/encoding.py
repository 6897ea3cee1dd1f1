"""A registry as plain JSON data, and back: what the compiled-data files hold.

Each record is a list of its field values, in the order of a schema written
with the data (field names and how each value is coded), so the file stays
small. The records are JSON arrays after an index line (:func:`encode`): a
process reads the index, then only the arrays it needs, so a first fact costs
the same whatever the size of the data. Decoding only ever calls the record
classes and enums listed here and plain constructors (``Decimal``,
``Period.parse``, ``tuple``): whatever a file holds, it cannot run code. A file
whose index does not fit raises :class:`ValueError` or :class:`TypeError`, which
the caller treats as a miss; an array found not to fit when it is read has the
records loaded from the data files instead (:class:`CompiledRecords`).
"""

from __future__ import annotations

import enum
import json
import threading
import types
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin

import attrs

from ..core.model import Citation, Fact, Metric, Source
from ..core.periods import Period
from ..core.vocabulary import Bound, GrowthBasis, MetricKind, Modality, Quality, Rank, Scale

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["CompiledRecords", "decode", "encode"]


def _enums_of(cls: type[Any]) -> list[type[enum.Enum]]:
    """The enums the fields of a record class hold (an entity's kind, a status)."""
    found: list[type[enum.Enum]] = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        present = [arg for arg in get_args(field.type) if arg is not type(None)]
        type_ = present[0] if len(present) == 1 else field.type
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            found.append(type_)
    return found


_FIRST: Mapping[str, type[Any]] = {cls.__name__: cls for cls in (Source, Metric, Fact)}
"""The classes a first fact needs; the entities' are imported when first read (5 ms)."""

_VOCABULARY: tuple[type[enum.Enum], ...] = (
    Bound,
    GrowthBasis,
    MetricKind,
    Modality,
    Quality,
    Rank,
    Scale,
)
_VOCABULARY_ENUMS: Mapping[str, type[enum.Enum]] = {cls.__name__: cls for cls in _VOCABULARY}
_ALLOWED: dict[str, Mapping[str, Any]] = {}


def _allowed() -> Mapping[str, Mapping[str, Any]]:
    """The only classes a file can build, the only enums it can name, and the groups."""
    if not _ALLOWED:
        from ..core.entities import ENTITY_KINDS, Milestone

        entities = tuple(kind.cls for kind in ENTITY_KINDS)
        enums = (*_VOCABULARY, *(enum_ for cls in entities for enum_ in _enums_of(cls)))
        _ALLOWED["enums"] = {cls.__name__: cls for cls in enums}
        _ALLOWED["groups"] = {
            "sources": (Source,),
            "metrics": (Metric,),
            "entities": entities,
            "milestones": (Milestone,),
            "facts": (Fact,),
        }
        _ALLOWED["classes"] = {
            cls.__name__: cls for cls in (Source, Metric, Fact, *entities, Milestone)
        }
    return _ALLOWED


def _class(name: str) -> type[Any]:
    """The record class a schema names; KeyError unless it is one of the package's."""
    found = _FIRST.get(name)
    return found if found is not None else _allowed()["classes"][name]


def _enum(name: str) -> type[enum.Enum]:
    """The enum a coding names; KeyError unless it is one of the package's."""
    found = _VOCABULARY_ENUMS.get(name)
    return found if found is not None else _allowed()["enums"][name]


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
    return [
        [c.source.id, c.quote]
        if c.locator is None and c.as_written is None and c.says is None
        else [c.source.id, c.quote, c.locator, c.as_written, c.says]
        for c in value
    ]


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def encode(registry: Registry) -> bytes:
    """The registry's records as compact UTF-8 JSON: an index line, then the records.

    Each source and each metric is one JSON row, the entities and the milestones
    one array each, and the facts one array per metric, in file order; the index
    line gives the schema, each one's byte span after it, and every fact id in
    order with the array it is in. A process reads the index and then only what it
    asks for (:class:`CompiledRecords`): a first fact reads its metric, that
    metric's facts and the sources they cite, however much the registry holds.
    """
    groups: dict[str, list[Any]] = {
        "entities": list(registry.entities()),
        "milestones": list(registry.timeline()),
    }
    schemas = {name: _schema(cls) for name, cls in _allowed()["classes"].items()}

    def row(record: object) -> list[object]:
        name = type(record).__name__
        return [name, *(_value(getattr(record, f), code) for f, code in schemas[name])]

    body = bytearray()

    def span(rows: object) -> list[int]:
        start = len(body)
        body.extend(_json(rows))
        return [start, len(body)]

    spans = {group: span([row(record) for record in records]) for group, records in groups.items()}
    one_by_one = {
        "sources": [[source.id, *span(row(source))] for source in registry.sources()],
        "metrics": [[metric.id, *span(row(metric))] for metric in registry.metrics()],
    }
    by_metric: dict[str, list[Fact]] = {}
    for fact in registry.facts():
        by_metric.setdefault(fact.metric, []).append(fact)
    numbers = {metric: number for number, metric in enumerate(by_metric)}
    facts = registry.facts()
    index = {
        "schema": schemas,
        "groups": spans,
        **one_by_one,
        "facts": [[metric, *span([row(f) for f in group])] for metric, group in by_metric.items()],
        "ids": [fact.id for fact in facts],
        "in": [numbers[fact.metric] for fact in facts],
    }
    return _json(index) + b"\n" + bytes(body)


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
        return lambda rows: tuple(_citation(sources, row) for row in rows)
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
        members = {member.value: member for member in _enum(name)}
        if kind == "enum":
            return members.__getitem__
        return lambda values: frozenset(members[value] for value in values)
    raise ValueError(f"unknown value coding {code!r}")


def _citation(sources: Mapping[str, Source], row: list[Any]) -> Citation:
    """A citation from [source, quote] or [source, quote, locator, as_written, says]."""
    if len(row) == 2:
        return Citation(source=sources[row[0]], quote=row[1])
    source, quote, locator, as_written, says = row
    return Citation(
        source=sources[source], quote=quote, locator=locator, as_written=as_written, says=says
    )


def _builder(
    name: str, fields: object, sources: Mapping[str, Source]
) -> Callable[[list[Any]], Any]:
    """The function building a record of class ``name`` from a row, by its schema ``fields``."""
    cls = _class(name)
    if not isinstance(fields, list) or not all(
        isinstance(field, list) and len(field) == 2 for field in fields
    ):
        raise ValueError(f"the schema of {name} is not a list of [field, coding] pairs")
    names = tuple(str(field) for field, _ in fields)
    coded = tuple(
        (field, decoder)
        for field, code in fields
        if (decoder := _decoder(code, sources)) is not None
    )

    def build(values: list[Any]) -> Any:
        if len(values) != len(names):
            raise ValueError(f"a {cls.__name__} row has {len(values)} values")
        kwargs = dict(zip(names, values, strict=True))
        for field, decode in coded:
            value = kwargs[field]
            if value is not None:
                kwargs[field] = decode(value)
        return cls(**kwargs)

    return build


class _Builders(dict[str, Callable[[list[Any]], Any]]):
    """Row builders by class name, each made when a row of its class is first read."""

    def __init__(self, schemas: Mapping[str, Any], sources: Mapping[str, Source]) -> None:
        super().__init__()
        self._schemas = schemas
        self._sources = sources

    def __missing__(self, name: str) -> Callable[[list[Any]], Any]:
        built = self[name] = _builder(name, self._schemas[name], self._sources)
        return built


class _Sources(Mapping[str, Source]):
    """The sources of a compiled file by id, each made when a citation first names it."""

    def __init__(self, records: CompiledRecords) -> None:
        self._records = records

    def __getitem__(self, id: str) -> Source:
        return self._records._source(id)

    def __iter__(self) -> Iterator[str]:
        return iter(self._records._spans["sources"])

    def __len__(self) -> int:
        return len(self._records._spans["sources"])


def _span(value: object, size: int) -> tuple[int, int]:
    if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
        raise ValueError(f"a span is [start, end], got {value!r}")
    start, end = value
    if not 0 <= start <= end <= size:
        raise ValueError(f"span {value!r} is outside the {size} bytes of records")
    return start, end


_KEYS = frozenset({"schema", "groups", "sources", "metrics", "facts", "ids", "in"})
_ONE_BY_ONE = ("sources", "metrics")
"""The groups whose records are written, and read, one at a time."""

T = TypeVar("T")


class CompiledRecords:
    """The records of a compiled file, each array decoded when it is first asked for.

    :func:`decode` checks the index line; the records are built on demand: a
    metric's facts and the sources they cite when that metric is asked for, a
    group when it is. Decoding runs under a lock and builds each record once, so
    every thread gets the same objects. An array that does not decode (a file
    damaged or forged behind a valid header) calls ``reload`` once: the registry
    it returns (loaded from the data files) then serves every record. Without
    ``reload``, the error is raised.
    """

    def __init__(
        self, index: object, body: bytes | memoryview, reload: Callable[[], Registry] | None = None
    ) -> None:
        if not isinstance(index, dict) or set(index) != _KEYS:
            raise ValueError("not a compiled registry: its index line is not one")
        schemas, groups, segments = index["schema"], index["groups"], index["facts"]
        ids, where = index["ids"], index["in"]
        if not isinstance(schemas, dict) or not isinstance(groups, dict):
            raise ValueError("not a compiled registry: no schema or groups")
        if set(groups) != {"entities", "milestones"} or not isinstance(segments, list):
            raise ValueError("not a compiled registry: wrong groups")
        size = len(body)
        self._groups = {name: _span(span, size) for name, span in groups.items()}
        self._spans: dict[str, dict[str, tuple[int, int]]] = {}
        for group in _ONE_BY_ONE:
            listed = index[group]
            if not isinstance(listed, list) or not all(
                isinstance(item, list) and len(item) == 3 and isinstance(item[0], str)
                for item in listed
            ):
                raise ValueError(f"the {group} of the index are not [id, start, end] lists")
            self._spans[group] = {item[0]: _span(item[1:], size) for item in listed}
        self._metrics: dict[str, tuple[int, tuple[int, int]]] = {}
        for number, segment in enumerate(segments):
            if not (isinstance(segment, list) and len(segment) == 3):
                raise ValueError(f"a fact array is [metric, start, end], got {segment!r}")
            metric = segment[0]
            if not isinstance(metric, str) or metric in self._metrics:
                raise ValueError(f"fact array {number} names no metric, or a repeated one")
            self._metrics[metric] = (number, _span(segment[1:], size))
        if not (isinstance(ids, list) and isinstance(where, list) and len(ids) == len(where)):
            raise ValueError("the fact ids and their arrays do not pair up")
        if not all(type(n) is int and 0 <= n < len(segments) for n in where):
            raise ValueError("a fact id is in an array that does not exist")
        if not all(isinstance(id, str) for id in ids) or len(set(ids)) != len(ids):
            raise ValueError("the fact ids are not distinct strings")
        self._schemas: Mapping[str, Any] = schemas
        self._body = body
        self._ids: tuple[str, ...] = tuple(ids)
        self._in: tuple[int, ...] = tuple(where)
        self._names = tuple(self._metrics)
        self._reload = reload
        self._loaded: Registry | None = None
        self._lock = threading.RLock()
        self._made: dict[str, dict[str, Any]] = {"sources": {}, "metrics": {}}
        self._facts: dict[str, tuple[Fact, ...]] = {}
        self._homes: dict[str, int] | None = None
        self._builders = _Builders(schemas, _Sources(self))

    # Decoding, under the lock; these raise DECODE_ERRORS on a bad file ---------------

    def _array(self, start: int, end: int) -> list[Any]:
        rows = json.loads(bytes(self._body[start:end]))
        if not isinstance(rows, list) or not all(
            isinstance(row, list) and row and isinstance(row[0], str) for row in rows
        ):
            raise ValueError("an array of records is not a list of rows")
        return rows

    def _build(self, row: list[Any], group: str, classes: tuple[type[Any], ...]) -> Any:
        record = self._builders[row[0]](row[1:])
        if not isinstance(record, classes):
            raise TypeError(f"a {type(record).__name__} among the {group}")
        return record

    def _one(self, group: str, cls: type[T], id: str) -> T:
        made = self._made[group]
        record = made.get(id)
        if record is None:
            with self._lock:
                record = made.get(id)
                if record is None:
                    start, end = self._spans[group][id]
                    row = json.loads(bytes(self._body[start:end]))
                    if not (isinstance(row, list) and row and isinstance(row[0], str)):
                        raise ValueError(f"{group} {id!r} is not a row")
                    record = made[id] = self._build(row, group, (cls,))
                    if record.id != id:
                        raise ValueError(f"{group} row {id!r} holds {record.id!r}")
        return record  # type: ignore[no-any-return]

    def _source(self, id: str) -> Source:
        return self._one("sources", Source, id)

    def _segment(self, metric: str) -> tuple[Fact, ...]:
        facts = self._facts.get(metric)
        if facts is None:
            with self._lock:
                facts = self._facts.get(metric)
                if facts is None:
                    number, (start, end) = self._metrics[metric]
                    facts = tuple(
                        self._build(row, "facts", (Fact,)) for row in self._array(start, end)
                    )
                    expected = [
                        id for id, n in zip(self._ids, self._in, strict=True) if n == number
                    ]
                    if [fact.id for fact in facts] != expected or any(
                        fact.metric != metric for fact in facts
                    ):
                        raise ValueError(f"the facts of {metric!r} are not those the index lists")
                    self._facts[metric] = facts
        return facts

    def _all(self) -> tuple[tuple[Any, ...], ...]:
        with self._lock:
            allowed = _allowed()["groups"]
            sources = tuple(self._source(id) for id in self._spans["sources"])
            metrics = tuple(self._one("metrics", Metric, id) for id in self._spans["metrics"])
            entities, milestones = (
                tuple(
                    self._build(row, group, allowed[group])
                    for row in self._array(*self._groups[group])
                )
                for group in ("entities", "milestones")
            )
            facts = {fact.id: fact for metric in self._names for fact in self._segment(metric)}
            return sources, metrics, entities, milestones, tuple(facts[id] for id in self._ids)

    def _guarded(self, work: Callable[[], T], loaded: Callable[[Registry], T]) -> T:
        """``work()``, or after a decoding error, ``loaded`` of the reloaded registry."""
        registry = self._loaded
        if registry is None:
            try:
                return work()
            except DECODE_ERRORS as error:
                if self._reload is None:
                    raise ValueError(f"the compiled records do not decode: {error}") from error
                with self._lock:
                    if self._loaded is None:
                        self._loaded = self._reload()
                    registry = self._loaded
        return loaded(registry)

    # What a Registry asks for -----------------------------------------------------

    def metric(self, id: str) -> Metric | None:
        """The metric with this id, or None."""
        return self._guarded(
            lambda: self._one("metrics", Metric, id) if id in self._spans["metrics"] else None,
            lambda registry: registry._metrics.get(id),
        )

    def facts_of(self, metric: str) -> tuple[Fact, ...]:
        """The facts of ``metric`` in file order (none for an unknown metric)."""
        return self._guarded(
            lambda: self._segment(metric) if metric in self._metrics else (),
            lambda registry: registry._by_metric.get(metric, ()),
        )

    def fact(self, id: str) -> Fact | None:
        """The fact with this id, or None."""

        def find() -> Fact | None:
            homes = self._homes
            if homes is None:
                homes = self._homes = dict(zip(self._ids, self._in, strict=True))
            number = homes.get(id)
            if number is None:
                return None
            return next(f for f in self._segment(self._names[number]) if f.id == id)

        return self._guarded(find, lambda registry: registry._facts.get(id))

    def records(self) -> tuple[tuple[Any, ...], ...]:
        """Every record: (sources, metrics, entities, milestones, facts), in file order."""
        from ..core.gcpause import collector_paused

        with collector_paused():
            return self._guarded(
                self._all,
                lambda registry: (
                    tuple(registry._sources.values()),
                    tuple(registry._metrics.values()),
                    tuple(registry._entities.values()),
                    registry._milestones,
                    tuple(registry._facts.values()),
                ),
            )


def decode(
    data: bytes, reload: Callable[[], Registry] | None = None, *, start: int = 0
) -> Registry:
    """The registry :func:`encode` wrote (from ``data[start:]``), built when first asked for.

    The index line is checked here (one of :data:`DECODE_ERRORS` if it is not
    one); an array that fails later calls ``reload`` (see :class:`CompiledRecords`).
    The records stay in ``data``, which is not copied.
    """
    from .registry import Registry

    end = data.find(b"\n", start)
    if end < 0:
        raise ValueError("not a compiled registry: no index line")
    body = memoryview(data)[end + 1 :]
    return Registry._deferred(CompiledRecords(json.loads(data[start:end]), body, reload))


DECODE_ERRORS: tuple[type[Exception], ...] = (
    ValueError,
    TypeError,
    LookupError,
    AttributeError,
    RecursionError,
)
"""What decoding a file that is not a compiled registry may raise (JSON, shape, values)."""
