"""Threads: the default and unit registries are built once; records cannot be changed.

The builds are slowed down on purpose so that every thread arrives while the
first is still building: without the locks these tests would see several builds.
"""

from __future__ import annotations

import datetime as dt
import enum
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from types import MappingProxyType
from typing import Any, TypeVar

import attrs
import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.core import units
from guizhou_bigdata.store import default as _default

THREADS = 16
SLOW = 0.05
"""Seconds each deliberately slow build takes: long enough for all threads to pile up."""

T = TypeVar("T")


def at_once(function: Callable[[], T], threads: int = THREADS) -> list[T]:
    """Call ``function`` from ``threads`` threads released together by a barrier."""
    barrier = threading.Barrier(threads)

    def call() -> T:
        barrier.wait()
        return function()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        futures = [pool.submit(call) for _ in range(threads)]
        return [future.result(timeout=60) for future in futures]


@attrs.define
class CountingBuild:
    """A stand-in for a registry build: counts its calls, takes its time, returns ``result``."""

    result: object
    calls: int = 0
    lock: threading.Lock = attrs.Factory(threading.Lock)

    def __call__(self, *args: object, **kwargs: object) -> object:
        with self.lock:
            self.calls += 1
        time.sleep(SLOW)
        return self.result


@pytest.fixture
def bundled() -> gb.Registry:
    """The real default registry, built before any test forgets it."""
    return gb.default_registry()


@pytest.fixture
def slow_default_build(
    monkeypatch: pytest.MonkeyPatch, bundled: gb.Registry
) -> Iterator[CountingBuild]:
    """Replace whatever builds the default registry by a slow counting stand-in.

    ``_default.default_registry`` imports its builder when it runs: the compiled
    data cache's ``load_bundled`` (which falls back to ``loading.load_registry``)
    or ``loading.load_registry`` itself. Both are replaced, sharing one counter,
    so the test holds whichever of them the default uses.
    """
    from guizhou_bigdata.store import compiled as _compiled
    from guizhou_bigdata.store import loading

    build = CountingBuild(bundled)
    monkeypatch.setattr(_compiled, "load_bundled", build)
    monkeypatch.setattr(loading, "load_registry", build)
    _default.reset()
    yield build
    _default.reset()


def test_first_access_from_many_threads_builds_one_default_registry(
    slow_default_build: CountingBuild, bundled: gb.Registry
) -> None:
    assert _default._registry is None
    got = at_once(gb.default_registry)
    assert slow_default_build.calls == 1
    assert all(registry is bundled for registry in got)
    assert gb.default_registry() is bundled
    assert slow_default_build.calls == 1


def test_module_functions_from_many_threads_build_one_default_registry(
    slow_default_build: CountingBuild,
) -> None:
    """The public functions go through the same once-only build."""
    got = at_once(lambda: gb.facts(metric="digital_economy_growth"))
    assert slow_default_build.calls == 1
    assert all(facts == got[0] for facts in got)
    assert got[0]


def test_a_failed_default_build_is_not_kept(
    monkeypatch: pytest.MonkeyPatch, slow_default_build: CountingBuild, bundled: gb.Registry
) -> None:
    """A build that raises leaves nothing behind; the next access builds again."""
    from guizhou_bigdata.store import compiled as _compiled
    from guizhou_bigdata.store import loading

    def fail(*args: object, **kwargs: object) -> gb.Registry:
        raise gb.RegistryError([gb.Problem("x.toml", "", "broken")])

    monkeypatch.setattr(_compiled, "load_bundled", fail)
    monkeypatch.setattr(loading, "load_registry", fail)
    with pytest.raises(gb.RegistryError):
        gb.default_registry()
    assert _default._registry is None
    monkeypatch.setattr(_compiled, "load_bundled", slow_default_build)
    monkeypatch.setattr(loading, "load_registry", slow_default_build)
    assert gb.default_registry() is bundled
    assert slow_default_build.calls == 1


def test_first_access_from_many_threads_builds_one_unit_registry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pint

    real = pint.UnitRegistry
    calls: list[int] = []

    def slow_unit_registry(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        time.sleep(SLOW)
        return real(*args, **kwargs)

    monkeypatch.setattr(units, "_registry", None)  # restored after the test
    # Units parsed by the real registry must not be mixed with the test's new one.
    monkeypatch.setattr(units, "_parsed", {}, raising=False)
    monkeypatch.setattr(pint, "UnitRegistry", slow_unit_registry)
    got = at_once(units.get_registry)
    assert len(calls) == 1
    assert all(registry is got[0] for registry in got)
    assert units.get_registry() is got[0]
    assert len(calls) == 1


def test_loading_user_files_from_many_threads(tmp_path: Any) -> None:
    """Independent loads in parallel each give their own, equal registry."""
    from .helpers import METRIC, PLACE, SOURCE, fact, write

    path = write(tmp_path, "facts.toml", SOURCE + PLACE + METRIC + fact())
    got = at_once(lambda: gb.load_registry(path, bundled=False), threads=8)
    assert len({id(registry) for registry in got}) == 8
    assert all(registry.facts() == got[0].facts() for registry in got)


# Immutability ------------------------------------------------------------------------


def records(registry: gb.Registry) -> Iterator[object]:
    """Every record a caller can reach: facts, citations, sources, metrics, entities, …"""
    yield from registry.facts()
    yield from registry.metrics()
    yield from registry.sources()
    yield from registry.places()
    yield from registry.organisations()
    yield from registry.data_centres()
    yield from registry.platforms()
    yield from registry.events()
    yield from registry.policies()
    yield from registry.timeline()
    for fact in registry.facts():
        yield from fact.citations
        yield fact.period


def test_every_kind_of_record_is_reached(registry: gb.Registry) -> None:
    kinds = {type(record) for record in records(registry)}
    assert kinds >= {
        gb.Fact,
        gb.Citation,
        gb.Source,
        gb.Metric,
        gb.Place,
        gb.Organisation,
        gb.DataCentre,
        gb.Platform,
        gb.Event,
        gb.Policy,
        gb.Milestone,
        gb.Period,
    }


def test_records_refuse_assignment(registry: gb.Registry) -> None:
    seen: set[type] = set()
    for record in records(registry):
        if type(record) in seen:
            continue
        seen.add(type(record))
        cls = type(record)
        assert attrs.has(cls)
        for field in attrs.fields(cls):
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                setattr(record, field.name, getattr(record, field.name))
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                delattr(record, field.name)
        with pytest.raises((attrs.exceptions.FrozenInstanceError, AttributeError)):
            record.new_attribute = 1  # type: ignore[attr-defined]


def _immutable(value: object, path: str) -> None:
    """Fail unless ``value`` and everything inside it is immutable."""
    if value is None or isinstance(
        value, str | int | float | bool | Decimal | dt.date | enum.Enum | bytes
    ):
        return
    if isinstance(value, tuple | frozenset):
        for index, item in enumerate(value):
            _immutable(item, f"{path}[{index}]")
        return
    cls = type(value)
    if attrs.has(cls):
        assert cls.__setattr__ is not object.__setattr__, f"{path} is not frozen"
        for field in attrs.fields(cls):
            _immutable(getattr(value, field.name), f"{path}.{field.name}")
        return
    raise AssertionError(f"{path} holds a mutable {type(value).__name__}: {value!r}")


def test_records_hold_only_immutable_values(registry: gb.Registry) -> None:
    for record in records(registry):
        _immutable(record, repr(record)[:60])


def test_registry_has_slots_and_refuses_new_attributes(registry: gb.Registry) -> None:
    assert "__slots__" in vars(gb.Registry)
    assert not hasattr(registry, "__dict__")
    with pytest.raises(AttributeError):
        registry.cache = {}  # type: ignore[attr-defined]


def _public_queries(registry: gb.Registry) -> Iterator[tuple[str, object]]:
    """Each public Registry method callable without arguments, with what it returns."""
    import inspect

    for name in dir(registry):
        if name.startswith("_"):
            continue
        member = getattr(registry, name)
        if not callable(member):
            continue
        parameters = inspect.signature(member).parameters.values()
        if all(
            p.default is not p.empty or p.kind in (p.VAR_KEYWORD, p.VAR_POSITIONAL)
            for p in parameters
        ):
            yield name, member()


def test_registry_queries_return_immutable_collections(registry: gb.Registry) -> None:
    queries = dict(_public_queries(registry))
    assert {"facts", "metrics", "sources", "places", "timeline"} <= set(queries)
    for name, result in queries.items():
        assert not isinstance(result, list | dict | set | bytearray), (name, type(result))
        if isinstance(result, MappingProxyType):
            with pytest.raises(TypeError):
                result["x"] = 1  # type: ignore[index]
    for mapping_name in ("_facts", "_metrics", "_sources", "_entities", "_by_metric"):
        inner = getattr(registry, mapping_name)
        assert isinstance(inner, MappingProxyType), mapping_name


def test_changing_what_a_caller_got_does_not_change_the_next_answer(
    registry: gb.Registry,
) -> None:
    first = registry.facts()
    copy = list(first)
    copy.clear()
    places = list(registry.places())
    places.append(places[0])
    assert registry.facts() == first
    assert len(registry.places()) == len(places) - 1
    with pytest.raises(TypeError):
        first[0] = first[1]  # type: ignore[index]
    fact = first[0]
    with pytest.raises(AttributeError):
        fact.quality.add(gb.Quality.GARBLED)  # type: ignore[attr-defined]
    assert registry.fact(fact.id) is fact


def test_registry_errors_are_immutable() -> None:
    error = gb.RegistryError([gb.Problem("a.toml", "fact[0]", "bad")])
    assert isinstance(error.problems, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        error.problems[0].message = "fine"  # type: ignore[misc]
