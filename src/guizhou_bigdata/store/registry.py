"""The Registry: loaded, checked records with indexes and the queries users call."""

from __future__ import annotations

import datetime as dt
import enum
import threading
import types
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, TypedDict, TypeVar, Union, get_args, get_origin

import attrs

from ..core.display import EntityTuple, FactTuple, MilestoneTuple, SourceTuple
from ..core.errors import FactNotFoundError, did_you_mean, shown
from ..core.html import escape, rows_html
from ..core.model import Fact, Metric, Source
from ..core.vocabulary import Modality, ModalityName, Quality, QualityName, Rank, RankName

if TYPE_CHECKING:
    from ..core.entities import (
        DataCentre,
        Entity,
        Event,
        Milestone,
        Organisation,
        Place,
        Platform,
        Policy,
    )
    from .search import SearchIndex, SearchResults

__all__ = ["FactFilters", "Registry", "as_of_day", "source_known"]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
K = TypeVar("K", bound="Entity")


class FactFilters(TypedDict, total=False):
    """The keyword filters of :meth:`Registry.facts`, for functions that pass them on."""

    metric: str | Collection[str] | None
    subject: str | Collection[str] | None
    year: int | range | None
    source: str | None
    modality: Modality | ModalityName | None
    rank: Rank | RankName | None
    quality: Quality | QualityName | None
    derived: bool | None
    as_of: dt.date | str | None


if TYPE_CHECKING:  # types only: a first fact does not pay for defining them

    class PendingRecords(Protocol):
        """Records built on demand (the compiled cache's :class:`~.encoding.CompiledRecords`)."""

        def metric(self, id: str) -> Metric | None: ...
        def facts_of(self, metric: str) -> tuple[Fact, ...]: ...
        def fact(self, id: str) -> Fact | None: ...
        def records(self) -> tuple[tuple[Any, ...], ...]: ...

    _MetricIndex = tuple[Mapping[str, tuple[Fact, ...]], Mapping[tuple[str, int], FactTuple]]
    """One metric's facts by subject, and by (subject, year)."""
_DEFERRED = frozenset(
    {
        "_by_metric",
        "_by_metric_subject",
        "_by_metric_subject_year",
        "_entities",
        "_facts",
        "_metrics",
        "_milestones",
        "_sources",
    }
)
"""What a deferred registry holds only once it has built every record."""
_completing = threading.Lock()

_MODALITY_ORDER = {
    Modality.ACTUAL: 0,
    Modality.ESTIMATE: 1,
    Modality.FORECAST: 2,
    Modality.TARGET: 3,
}
_RANK_ORDER = {Rank.PREFERRED: 0, Rank.NORMAL: 1, Rank.DEPRECATED: 2}
_DOUBTFUL = frozenset({Quality.GARBLED, Quality.IMPLAUSIBLE, Quality.INTERPRETATION})


def _member(name: str, cls: type[E], wanted: object) -> E:
    """The member of ``cls`` a filter names (itself or its value), or a clear error."""
    if isinstance(wanted, cls):
        return wanted
    values = [str(member.value) for member in cls]
    if isinstance(wanted, str):
        for member in cls:
            if member.value == wanted:
                return member
        raise ValueError(
            f"{name}={wanted!r} matches nothing: it is not a {cls.__name__}"
            f"{did_you_mean(wanted, values)} (valid values: {', '.join(values)})"
        )
    raise TypeError(
        f"{name} is a {cls.__name__} or one of its values ({', '.join(values)}), "
        f"got {type(wanted).__name__} {shown(wanted)}"
    )


def _kind_of(type_: Any) -> tuple[Any, bool]:
    """(the type a field holds, whether it may be None) from its annotation."""
    present = [arg for arg in get_args(type_) if arg is not type(None)]
    if get_origin(type_) in (Union, types.UnionType) and len(present) == 1:
        return present[0], True
    return type_, False


_KINDS: dict[type[Any], Mapping[str, tuple[Any, bool]]] = {}


def _field_kinds(cls: type[Any]) -> Mapping[str, tuple[Any, bool]]:
    """Each field's type, resolved once per class (annotations are strings until then)."""
    kinds = _KINDS.get(cls)
    if kinds is None:
        attrs.resolve_types(cls)
        kinds = {field.name: _kind_of(field.type) for field in attrs.fields(cls)}
        _KINDS[cls] = kinds
    return kinds


_REFERENCES = frozenset({"parent", "location", "operator", "issuer"})
"""Entity fields that hold the id of another entity."""


def _checked(
    cls: type[Any], filters: Mapping[str, object], entities: Mapping[str, object]
) -> dict[str, object]:
    """The filters, enums resolved, each checked to be something the field can equal.

    A value that can match nothing (an unknown enum value or entity id, a value
    of the wrong type) raises instead of selecting nothing.
    """
    kinds = _field_kinds(cls)
    unknown = sorted(set(filters) - set(kinds))
    if unknown:
        hints = "".join(did_you_mean(name, kinds) for name in unknown[:3])
        raise TypeError(
            f"cannot filter {cls.__name__} records by {', '.join(unknown)}{hints}; "
            f"valid keywords: {', '.join(sorted(kinds))}"
        )
    checked: dict[str, object] = {}
    for name, wanted in filters.items():
        type_, optional = kinds[name]
        label = f"{cls.__name__} filter {name}"
        if wanted is None:
            if not optional:
                raise ValueError(
                    f"{label}=None matches nothing: no {cls.__name__} record lacks its {name}"
                )
        elif isinstance(type_, type) and issubclass(type_, enum.Enum):
            wanted = _member(name, type_, wanted)
        else:
            expected = get_origin(type_) or type_
            if (isinstance(wanted, bool) and expected is not bool) or not isinstance(
                wanted, expected
            ):
                raise TypeError(
                    f"{label} takes a value of type {getattr(expected, '__name__', expected)}, "
                    f"got {type(wanted).__name__} {shown(wanted)}"
                )
            if name in _REFERENCES and wanted not in entities:
                raise ValueError(
                    f"{label}={wanted!r} matches nothing: no entity has that id"
                    f"{did_you_mean(str(wanted), entities)}"
                )
        checked[name] = wanted
    return checked


def _filter(
    items: Iterable[T],
    cls: type[Any],
    filters: Mapping[str, object],
    entities: Mapping[str, object],
) -> tuple[T, ...]:
    """Keep items whose attributes equal every keyword; enums also match their value."""
    wanted = _checked(cls, filters, entities)
    return tuple(
        item for item in items if all(getattr(item, key) == value for key, value in wanted.items())
    )


def _preference(
    fact: Fact, as_of: dt.date | None = None
) -> tuple[int, int, int, int, int, float, str]:
    """Sort key: reviewed, preferred rank, stated over derived, unflagged, actual, newest source.

    Reviewed comes first: a draft, however well it ranks otherwise, is chosen
    only where no reviewed fact exists. With ``as_of``, the newest source is the
    newest one published by then.
    """
    newest = max(
        citation.source.published.end
        for citation in fact.citations
        if as_of is None or citation.source.published.end <= as_of
    )
    return (
        0 if fact.reviewed else 1,
        _RANK_ORDER[fact.rank],
        1 if fact.derived_from else 0,
        1 if fact.quality & _DOUBTFUL else 0,
        _MODALITY_ORDER[fact.modality],
        -newest.toordinal(),
        fact.id,
    )


def as_of_day(as_of: dt.date | str) -> dt.date:
    """The day ``as_of`` names: a date, or an ISO date text such as ``"2020-01-01"``."""
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    if isinstance(as_of, str):
        try:
            return dt.date.fromisoformat(as_of)
        except ValueError:
            raise ValueError(
                f"as_of={as_of!r} is not a day: write it as an ISO date such as '2020-01-01'"
            ) from None
    raise TypeError(
        f"as_of is a datetime.date or an ISO date text such as '2020-01-01', "
        f"got {type(as_of).__name__} {shown(as_of)}"
    )


def source_known(source: Source, day: dt.date) -> bool:
    """Whether ``source`` had certainly been published by ``day``.

    A source dated only to a year or a month counts from the last day of that
    year or month: "2020" is not known on 2020-01-01, only on 2020-12-31.
    """
    return source.published.end <= day


def _names(label: str, wanted: str | Collection[str] | None) -> frozenset[str] | None:
    """A metric or subject filter as a set of ids (one id, or a list of them)."""
    if wanted is None:
        return None
    if isinstance(wanted, str):
        return frozenset((wanted,))
    if not isinstance(wanted, Collection) or not all(isinstance(item, str) for item in wanted):
        raise TypeError(
            f"{label} is an id or a list of ids, got {type(wanted).__name__} {shown(wanted)}"
        )
    if not wanted:
        raise ValueError(f"{label}=[] matches nothing: name at least one {label}")
    return frozenset(wanted)


def _years(year: int | range | None) -> range | None:
    """A year filter as a range of years: one year, or a ``range`` (end excluded)."""
    if year is None:
        return None
    if isinstance(year, range):
        if year.step != 1 or not year:
            raise ValueError(
                f"year={year!r} is not a span of years: use range(first, last + 1), "
                "such as range(2015, 2020) for 2015 to 2019"
            )
        return year
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(
            f"year is an integer such as 2018 or a range such as range(2015, 2020), "
            f"got {type(year).__name__} {shown(year)}"
        )
    return range(year, year + 1)


class Registry:
    """Checked facts, entities and milestones, indexed for lookup.

    Build one with :func:`guizhou_bigdata.load_registry`; the package's default
    registry is this over the bundled data. A registry never changes once built.
    """

    __slots__ = (
        "_by_metric",
        "_by_metric_subject",
        "_by_metric_subject_year",
        "_entities",
        "_facts",
        "_indexes",
        "_metrics",
        "_milestones",
        "_pending",
        "_rows",
        "_search",
        "_sources",
    )

    def __init__(
        self,
        *,
        sources: tuple[Source, ...],
        metrics: tuple[Metric, ...],
        entities: tuple[Entity, ...],
        milestones: tuple[Milestone, ...],
        facts: tuple[Fact, ...],
    ) -> None:
        self._pending: PendingRecords | None = None
        self._indexes: dict[str, _MetricIndex] = {}
        self._search: SearchIndex | None = None  # built on the first search or name lookup
        self._rows: dict[object, dict[str, tuple[object, ...]]] = {}  # see fact_row
        self._fill(sources, metrics, entities, milestones, facts)

    @classmethod
    def _deferred(cls, records: PendingRecords) -> Registry:
        """A registry whose records are built when first asked for (the compiled cache).

        A metric's facts are built when that metric is asked for (``preferred``,
        ``series``, ``facts(metric=...)``, ``metric``, ``fact``); anything that
        needs every record (``facts()``, ``entities``, search, pickling, ``repr``)
        builds them all once.
        """
        registry = cls.__new__(cls)
        registry._pending = records
        registry._indexes = {}
        registry._search = None
        registry._rows = {}
        return registry

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            # Only a deferred registry lacks these until it builds every record.
            if name in _DEFERRED and self._pending is not None:
                self._complete()
                return object.__getattribute__(self, name)
            raise AttributeError(f"'Registry' object has no attribute {name!r}")

    def _complete(self) -> None:
        """Build every record of a deferred registry and its indexes, once."""
        with _completing:
            pending = self._pending
            if pending is not None:
                self._fill(*pending.records())
                self._pending = None

    def _fill(
        self,
        sources: tuple[Source, ...],
        metrics: tuple[Metric, ...],
        entities: tuple[Entity, ...],
        milestones: tuple[Milestone, ...],
        facts: tuple[Fact, ...],
    ) -> None:
        self._sources = MappingProxyType({source.id: source for source in sources})
        self._metrics = MappingProxyType({metric.id: metric for metric in metrics})
        self._entities = MappingProxyType({entity.id: entity for entity in entities})
        self._milestones = tuple(sorted(milestones, key=lambda m: (m.date.start, m.date.end, m.id)))
        self._facts = MappingProxyType({fact.id: fact for fact in facts})
        by_metric: dict[str, list[Fact]] = defaultdict(list)
        by_metric_subject: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        by_year: dict[tuple[str, str, int], list[Fact]] = defaultdict(list)
        for fact in facts:
            by_metric[fact.metric].append(fact)
            by_metric_subject[fact.metric, fact.subject].append(fact)
            by_year[fact.metric, fact.subject, fact.period.end.year].append(fact)
        self._by_metric = MappingProxyType({k: tuple(v) for k, v in by_metric.items()})
        self._by_metric_subject = MappingProxyType(
            {k: tuple(v) for k, v in by_metric_subject.items()}
        )
        self._by_metric_subject_year = MappingProxyType(
            {k: FactTuple(v) for k, v in by_year.items()}
        )

    def _of_metric(self, metric: str) -> tuple[Fact, ...]:
        """The facts of ``metric``; a deferred registry builds only those."""
        pending = self._pending
        if pending is None:
            return self._by_metric.get(metric, ())
        return pending.facts_of(metric)

    def _metric_index(self, metric: str, pending: PendingRecords) -> _MetricIndex:
        """A deferred registry's indexes of one metric's facts, by subject and by year."""
        index = self._indexes.get(metric)
        if index is None:
            by_subject: dict[str, list[Fact]] = defaultdict(list)
            by_year: dict[tuple[str, int], list[Fact]] = defaultdict(list)
            for fact in pending.facts_of(metric):
                by_subject[fact.subject].append(fact)
                by_year[fact.subject, fact.period.end.year].append(fact)
            index = (
                {k: tuple(v) for k, v in by_subject.items()},
                {k: FactTuple(v) for k, v in by_year.items()},
            )
            if by_subject:  # a name that is no metric is not kept: callers may try many
                index = self._indexes.setdefault(metric, index)
        return index

    def _of_subject(self, metric: str, subject: str) -> tuple[Fact, ...]:
        """The facts of ``metric`` about ``subject``, in file order."""
        pending = self._pending
        if pending is None:
            return self._by_metric_subject.get((metric, subject), ())
        return self._metric_index(metric, pending)[0].get(subject, ())

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickle the records only; the indexes are rebuilt on loading."""
        return (
            _rebuild,
            (
                tuple(self._sources.values()),
                tuple(self._metrics.values()),
                tuple(self._entities.values()),
                self._milestones,
                tuple(self._facts.values()),
            ),
        )

    def __repr__(self) -> str:
        return (
            f"<Registry: {len(self._facts)} facts, {len(self._metrics)} metrics, "
            f"{len(self._entities)} entities, {len(self._milestones)} milestones, "
            f"{len(self._sources)} sources>"
        )

    def _repr_html_(self) -> str:
        return registry_html(self)

    # Facts -----------------------------------------------------------------

    def facts(
        self,
        *,
        metric: str | Collection[str] | None = None,
        subject: str | Collection[str] | None = None,
        year: int | range | None = None,
        source: str | None = None,
        modality: Modality | ModalityName | None = None,
        rank: Rank | RankName | None = None,
        quality: Quality | QualityName | None = None,
        derived: bool | None = None,
        as_of: dt.date | str | None = None,
    ) -> FactTuple:
        """Facts matching every given filter, in file order, derived facts last.

        The result is a tuple (a :class:`~.display.FactTuple`, which notebooks
        show as a table).

        ``metric`` and ``subject`` take one id or a list of ids (any of them);
        a subject may be named by its name, Chinese name, alias or division code
        (:meth:`entity`);
        ``year`` selects facts whose period ends in that year, or in a
        ``range`` of years (``range(2015, 2020)`` is 2015 to 2019); ``as_of``
        (a date or ``"2020-01-01"``) keeps what the sources had published by
        that day (see :meth:`known`); ``quality``
        selects facts carrying that flag; ``source`` any citation's source id;
        ``derived`` stated (False) or computed (True) facts only. A lookup by
        metric, subject and year alone is one dictionary access.

        A filter that can match nothing raises instead of returning ``()``: an
        unknown metric, subject or source (:class:`~.errors.FactNotFoundError`),
        a value that is not a modality, rank or quality (:class:`ValueError`,
        naming the valid ones), or a value of the wrong type, such as the year
        ``"2018"`` (:class:`TypeError`).
        """
        if (
            isinstance(metric, str)
            and isinstance(subject, str)
            and type(year) is int
            and source is None
            and modality is None
            and rank is None
            and quality is None
            and derived is None
            and as_of is None
        ):
            pending = self._pending
            if pending is None:
                found = self._by_metric_subject_year.get((metric, subject, year))
            else:
                found = self._metric_index(metric, pending)[1].get((subject, year))
            if found is not None:
                return found
        years = _years(year)
        metrics = _names("metric", metric)
        subjects = _names("subject", subject)
        day = None if as_of is None else as_of_day(as_of)
        if derived is not None and not isinstance(derived, bool):
            raise TypeError(f"derived is True or False, got {type(derived).__name__}")
        wanted_modality = None if modality is None else _member("modality", Modality, modality)
        wanted_rank = None if rank is None else _member("rank", Rank, rank)
        wanted_quality = None if quality is None else _member("quality", Quality, quality)
        for name in metrics or ():
            self.metric(name)
        if subjects is not None:  # a name, Chinese name, alias or code finds its entity
            subjects = frozenset(self.entity(name).id for name in subjects)
        if source is not None:
            self.source(source)
        pool: Iterable[Fact]
        if metrics is not None and subjects is not None and len(metrics) == len(subjects) == 1:
            pool = self._by_metric_subject.get((next(iter(metrics)), next(iter(subjects))), ())
        elif metrics is not None and len(metrics) == 1:
            pool = self._by_metric.get(next(iter(metrics)), ())
        else:
            pool = self._facts.values()
        selected = []
        for fact in pool:
            if metrics is not None and fact.metric not in metrics:
                continue
            if subjects is not None and fact.subject not in subjects:
                continue
            if years is not None and fact.period.end.year not in years:
                continue
            if source is not None and all(c.source.id != source for c in fact.citations):
                continue
            if wanted_modality is not None and fact.modality is not wanted_modality:
                continue
            if wanted_rank is not None and fact.rank is not wanted_rank:
                continue
            if wanted_quality is not None and wanted_quality not in fact.quality:
                continue
            if derived is not None and bool(fact.derived_from) is not derived:
                continue
            if day is not None and not self.known(fact, day):
                continue
            selected.append(fact)
        return FactTuple(selected)

    def known(self, fact: Fact, as_of: dt.date | str) -> bool:
        """Whether ``fact`` could be read on ``as_of`` (a date or ``"2020-01-01"``).

        A stated fact is known once one of its sources is (``source_known``:
        a source dated only to a year counts from that year's last day); a
        derived fact once every fact it is computed from is.
        """
        day = as_of_day(as_of)
        if fact.derived_from:
            return all(self.known(self.fact(id), day) for id in fact.derived_from)
        return any(source_known(citation.source, day) for citation in fact.citations)

    def fact(self, id: str) -> Fact:
        """The fact with this id."""
        pending = self._pending
        if pending is not None and isinstance(id, str):
            found = pending.fact(id)
            if found is not None:
                return found
        try:
            return self._facts[id]
        except KeyError:
            raise FactNotFoundError(f"no fact {id!r}{did_you_mean(id, self._facts)}") from None

    def preferred(self, metric: str, year: int, subject: str | None = None) -> Fact:
        """The fact to use for ``metric`` in ``year``: see the docs on ranking.

        Deprecated statements are never chosen; among the rest, a reviewed fact
        always beats an unreviewed draft (loaded with ``drafts=True``), which is
        chosen only when no reviewed fact exists and then has ``reviewed`` False;
        after that a preferred rank wins, then a stated over a derived figure,
        then an unflagged one, then actual over estimate, forecast and target,
        then the newest source.
        """
        subject = self.default_subject(metric) if subject is None else self.entity(subject).id
        candidates = self._of_subject(metric, subject)
        if not candidates:
            subjects = sorted({fact.subject for fact in self._by_metric.get(metric, ())})
            raise FactNotFoundError(
                f"no {metric} facts for {subject!r}; subjects with {metric} facts: "
                f"{', '.join(subjects) or 'none'}"
            )
        in_year = [fact for fact in candidates if fact.period.end.year == year]
        usable = [fact for fact in in_year if fact.rank is not Rank.DEPRECATED]
        if not usable:
            years = sorted({fact.period.end.year for fact in candidates})
            if in_year:
                ids = ", ".join(fact.id for fact in in_year)
                detail = f"only deprecated statements exist ({ids})"
            else:
                detail = f"years available: {', '.join(map(str, years))}"
            raise FactNotFoundError(f"no {metric} fact for {subject!r} in {year}; {detail}")
        return min(usable, key=_preference)

    def series(
        self, metric: str, subject: str | None = None, *, as_of: dt.date | str | None = None
    ) -> tuple[Fact, ...]:
        """The preferred fact for each period of ``metric``, in time order.

        Each is chosen as :meth:`preferred` chooses: a draft only for a period
        no reviewed fact covers. With ``as_of``, only the facts known on that
        day (:meth:`known`) compete, ranked by the sources published by then.
        """
        subject = self.default_subject(metric) if subject is None else self.entity(subject).id
        day = None if as_of is None else as_of_day(as_of)
        groups: dict[tuple[object, object], list[Fact]] = defaultdict(list)
        for fact in self._of_subject(metric, subject):
            if fact.rank is not Rank.DEPRECATED and (day is None or self.known(fact, day)):
                groups[fact.period.start, fact.period.end].append(fact)
        return tuple(
            min(groups[key], key=lambda fact: _preference(fact, day)) for key in sorted(groups)
        )

    def default_subject(self, metric: str) -> str:
        """The subject a metric is about when none is named."""
        found = self.metric(metric)
        if found.default_subject is not None:
            return found.default_subject
        subjects = sorted({fact.subject for fact in self._of_metric(metric)})
        if len(subjects) == 1:
            return subjects[0]
        raise FactNotFoundError(
            f"metric {metric!r} has no default subject; name one of: {', '.join(subjects)}"
        )

    # Catalogue -------------------------------------------------------------

    def metric(self, id: str) -> Metric:
        """The catalogue entry of a metric."""
        pending = self._pending
        if pending is not None and isinstance(id, str):
            found = pending.metric(id)
            if found is not None:
                return found
        try:
            return self._metrics[id]
        except KeyError:
            raise FactNotFoundError(f"no metric {shown(id)}{self.hint(id, 'metric')}") from None

    def metrics(self) -> tuple[Metric, ...]:
        """Every metric in the catalogue, sorted by id."""
        return tuple(self._metrics[key] for key in sorted(self._metrics))

    def source(self, id: str) -> Source:
        """The source with this id."""
        try:
            return self._sources[id]
        except KeyError:
            raise FactNotFoundError(f"no source {id!r}{did_you_mean(id, self._sources)}") from None

    def sources(self) -> SourceTuple:
        """Every source, oldest first (a tuple a notebook shows as a table)."""
        return SourceTuple(sorted(self._sources.values(), key=lambda s: (s.published.start, s.id)))

    # Entities and timeline ---------------------------------------------------

    def entity(self, id: str) -> Entity:
        """The place, organisation, data centre, platform, event or policy with this id.

        An entity's name, Chinese name, alias or GB/T 2260 code finds it too, when
        exactly one entity has it: compared folded (case, full-width forms and
        curly apostrophes aside), with or without a 市/省/city/province suffix, so
        ``"贵阳"``, ``"贵阳市"``, ``"Guiyang City"`` and ``"520100"`` are ``guiyang``.
        Anything else raises :class:`~.errors.FactNotFoundError` naming the
        closest entities.
        """
        found = self._entities.get(id) if isinstance(id, str) else None
        if found is not None:
            return found
        named = self.search_index().entity_named(id) if isinstance(id, str) else None
        if named is not None:
            return self._entities[named]
        raise FactNotFoundError(f"no entity {shown(id)}{self.hint(id, 'entity')}")

    def place(self, id_or_code: str) -> Place:
        """The place with this id, name or GB/T 2260 division code (``"520100"``)."""
        found = self.entity(id_or_code)
        from ..core.entities import Place  # not imported for a first fact (5 ms)

        if not isinstance(found, Place):
            raise FactNotFoundError(
                f"{shown(id_or_code)} is {found.id!r}, a {type(found).__name__}, not a place"
            )
        return found

    def fact_row(
        self, fact: Fact, cells: Callable[[Fact], tuple[object, ...]]
    ) -> tuple[object, ...]:
        """``cells(fact)`` for a fact of this registry, computed once and then kept.

        A registry never changes, so a table built from it twice (``to_frame`` in a
        notebook) reads its rows from here the second time; each ``cells`` function
        has rows of its own.
        """
        rows = self._rows.get(cells)
        if rows is None:
            rows = self._rows.setdefault(cells, {})
        row = rows.get(fact.id)
        if row is None:
            row = rows[fact.id] = cells(fact)
        return row

    # Search -------------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """The registry's search index, built on first use (then kept: a registry never
        changes)."""
        index = self._search
        if index is None:
            from .search import SearchIndex

            index = SearchIndex(
                self._metrics.values(), self._entities.values(), self._facts.values()
            )
            self._search = index
        return index

    def search(self, query: str, *, limit: int | None = None) -> SearchResults:
        """Metrics, entities and facts whose words match ``query``, in English or Chinese.

        Searches metric ids, labels (English and Chinese) and descriptions; entity
        ids, names, Chinese names, aliases, codes and descriptions; fact quotes
        and notes. Case, full-width forms, curly apostrophes and a 市/省/city/
        province suffix make no difference. Best first; each hit names the field
        that matched (:class:`~.search.SearchResults`).
        """
        return self.search_index().search(query, limit=limit)

    def hint(self, query: object, kind: str) -> str:
        """'; did you mean ...?' naming the closest ids of ``kind`` ("metric", "entity"),
        with their English and Chinese names, for a "not found" message; '' if none."""
        if not isinstance(query, str):
            return ""
        ids = self.search_index().suggestions(query, kind)
        if not ids:
            return ""
        shown_ids = []
        for id in ids:
            name = self._named(id, kind)
            shown_ids.append(f"{id!r} ({name})" if name else repr(id))
        return f"; did you mean {', '.join(shown_ids)}?"

    def _named(self, id: str, kind: str) -> str:
        if kind == "metric" and id in self._metrics:
            metric = self._metrics[id]
            return ", ".join(filter(None, (metric.label, metric.label_zh)))
        if kind == "entity" and id in self._entities:
            entity = self._entities[id]
            return ", ".join(filter(None, (entity.name, entity.name_zh)))
        return ""

    def entities(self, **filters: object) -> EntityTuple[Entity]:
        """Every entity, of every kind, in load order, filtered by attribute.

        The filters are the fields all entities share (``id``, ``name``,
        ``name_zh``, ``aliases``, ``description``, ``citations``); a field of
        one kind only, such as ``kind`` or ``location``, raises
        :class:`TypeError`: use that kind's finder (:meth:`places`,
        :meth:`data_centres` ...).
        """
        from ..core.entities import Entity

        return EntityTuple(_filter(self._entities.values(), Entity, filters, self._entities))

    def of_kind(self, cls: type[K], /, **filters: object) -> EntityTuple[K]:
        """Entities of one kind (``Place``, ``DataCentre`` ...), filtered by attribute.

        The finder every kind has, its own (:meth:`places` ...) or not: a kind added
        to ``core.entities.ENTITY_KINDS`` needs no method here.
        """
        from ..core.entities import entity_kind

        entity_kind(cls)
        entities = (e for e in self._entities.values() if isinstance(e, cls))
        return EntityTuple(_filter(entities, cls, filters, self._entities))

    def places(self, **filters: object) -> EntityTuple[Place]:
        """Places, filtered by attribute (``kind="province"``, ``parent="guizhou"``)."""
        from ..core.entities import Place

        return self.of_kind(Place, **filters)

    def organisations(self, **filters: object) -> EntityTuple[Organisation]:
        """Organisations, filtered by attribute."""
        from ..core.entities import Organisation

        return self.of_kind(Organisation, **filters)

    def data_centres(self, **filters: object) -> EntityTuple[DataCentre]:
        """Data centres, filtered by attribute (``location="guian_new_area"``)."""
        from ..core.entities import DataCentre

        return self.of_kind(DataCentre, **filters)

    def platforms(self, **filters: object) -> EntityTuple[Platform]:
        """Platforms, filtered by attribute."""
        from ..core.entities import Platform

        return self.of_kind(Platform, **filters)

    def events(self, **filters: object) -> EntityTuple[Event]:
        """Events (Big Data Expo editions and others), filtered by attribute."""
        from ..core.entities import Event

        return self.of_kind(Event, **filters)

    def policies(self, **filters: object) -> EntityTuple[Policy]:
        """Policies and regulations, filtered by attribute."""
        from ..core.entities import Policy

        return self.of_kind(Policy, **filters)

    def timeline(self, **filters: object) -> MilestoneTuple:
        """Dated milestones in date order, filtered by attribute (a table in a notebook)."""
        from ..core.entities import Milestone

        return MilestoneTuple(_filter(self._milestones, Milestone, filters, self._entities))


def _rebuild(
    sources: tuple[Source, ...],
    metrics: tuple[Metric, ...],
    entities: tuple[Entity, ...],
    milestones: tuple[Milestone, ...],
    facts: tuple[Fact, ...],
) -> Registry:
    return Registry(
        sources=sources, metrics=metrics, entities=entities, milestones=milestones, facts=facts
    )


def registry_html(registry: Registry) -> str:
    """What a registry holds: counts, and its sources."""
    from ..core.entities import ENTITY_KINDS

    entities = registry.entities()
    counts = [
        ("facts", str(len(registry.facts()))),
        ("metrics", str(len(registry.metrics()))),
        *(
            (kind.label, str(sum(isinstance(e, kind.cls) for e in entities)))
            for kind in ENTITY_KINDS
        ),
        ("milestones", str(len(registry.timeline()))),
    ]
    sources = "".join(f"<li>{escape(source.cite())}</li>" for source in registry.sources())
    return (
        f'<div class="guizhou-bigdata-registry"><p><strong>Registry</strong></p>'
        f"<table>{rows_html(counts)}</table>"
        f"<p>{len(registry.sources())} sources:</p><ul>{sources}</ul></div>"
    )
