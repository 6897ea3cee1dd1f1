"""The Registry: loaded, checked records with indexes and the queries users call."""

from __future__ import annotations

import enum
import types
from collections import defaultdict
from collections.abc import Iterable, Mapping
from html import escape
from types import MappingProxyType
from typing import Any, TypedDict, TypeVar, Union, get_args, get_origin

import attrs

from ..core.display import FactTuple
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
from ..core.errors import FactNotFoundError, did_you_mean, shown
from ..core.html import rows_html
from ..core.model import Fact, Metric, Source
from ..core.vocabulary import Modality, ModalityName, Quality, QualityName, Rank, RankName

__all__ = ["FactFilters", "Registry"]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


class FactFilters(TypedDict, total=False):
    """The keyword filters of :meth:`Registry.facts`, for functions that pass them on."""

    metric: str | None
    subject: str | None
    year: int | None
    source: str | None
    modality: Modality | ModalityName | None
    rank: Rank | RankName | None
    quality: Quality | QualityName | None
    derived: bool | None


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


def _preference(fact: Fact) -> tuple[int, int, int, int, int, float, str]:
    """Sort key: reviewed, preferred rank, stated over derived, unflagged, actual, newest source.

    Reviewed comes first: a draft, however well it ranks otherwise, is chosen
    only where no reviewed fact exists.
    """
    newest = max(citation.source.published.end for citation in fact.citations)
    return (
        0 if fact.reviewed else 1,
        _RANK_ORDER[fact.rank],
        1 if fact.derived_from else 0,
        1 if fact.quality & _DOUBTFUL else 0,
        _MODALITY_ORDER[fact.modality],
        -newest.toordinal(),
        fact.id,
    )


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
        "_metrics",
        "_milestones",
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
        metric: str | None = None,
        subject: str | None = None,
        year: int | None = None,
        source: str | None = None,
        modality: Modality | ModalityName | None = None,
        rank: Rank | RankName | None = None,
        quality: Quality | QualityName | None = None,
        derived: bool | None = None,
    ) -> FactTuple:
        """Facts matching every given filter, in file order, derived facts last.

        The result is a tuple (a :class:`~.display.FactTuple`, which notebooks
        show as a table).

        ``year`` selects facts whose period ends in that year; ``quality``
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
            metric is not None
            and subject is not None
            and year is not None
            and source is None
            and modality is None
            and rank is None
            and quality is None
            and derived is None
        ):
            found = self._by_metric_subject_year.get((metric, subject, year))
            if found is not None:
                return found
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise TypeError(
                f"year is an integer such as 2018, got {type(year).__name__} {shown(year)}"
            )
        if derived is not None and not isinstance(derived, bool):
            raise TypeError(f"derived is True or False, got {type(derived).__name__}")
        wanted_modality = None if modality is None else _member("modality", Modality, modality)
        wanted_rank = None if rank is None else _member("rank", Rank, rank)
        wanted_quality = None if quality is None else _member("quality", Quality, quality)
        if metric is not None:
            self.metric(metric)
        if subject is not None:
            self.entity(subject)
        if source is not None:
            self.source(source)
        if metric is not None and subject is not None:
            pool: Iterable[Fact] = self._by_metric_subject.get((metric, subject), ())
        elif metric is not None:
            pool = self._by_metric.get(metric, ())
        else:
            pool = self._facts.values()
        selected = []
        for fact in pool:
            if subject is not None and fact.subject != subject:
                continue
            if year is not None and fact.period.end.year != year:
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
            selected.append(fact)
        return FactTuple(selected)

    def fact(self, id: str) -> Fact:
        """The fact with this id."""
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
        subject = self.default_subject(metric) if subject is None else subject
        self.entity(subject)
        candidates = self._by_metric_subject.get((metric, subject), ())
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

    def series(self, metric: str, subject: str | None = None) -> tuple[Fact, ...]:
        """The preferred fact for each period of ``metric``, in time order.

        Each is chosen as :meth:`preferred` chooses: a draft only for a period
        no reviewed fact covers.
        """
        subject = self.default_subject(metric) if subject is None else subject
        self.entity(subject)
        groups: dict[tuple[object, object], list[Fact]] = defaultdict(list)
        for fact in self._by_metric_subject.get((metric, subject), ()):
            if fact.rank is not Rank.DEPRECATED:
                groups[fact.period.start, fact.period.end].append(fact)
        return tuple(min(groups[key], key=_preference) for key in sorted(groups))

    def default_subject(self, metric: str) -> str:
        """The subject a metric is about when none is named."""
        found = self.metric(metric)
        if found.default_subject is not None:
            return found.default_subject
        subjects = sorted({fact.subject for fact in self._by_metric.get(metric, ())})
        if len(subjects) == 1:
            return subjects[0]
        raise FactNotFoundError(
            f"metric {metric!r} has no default subject; name one of: {', '.join(subjects)}"
        )

    # Catalogue -------------------------------------------------------------

    def metric(self, id: str) -> Metric:
        """The catalogue entry of a metric."""
        try:
            return self._metrics[id]
        except KeyError:
            raise FactNotFoundError(f"no metric {id!r}{did_you_mean(id, self._metrics)}") from None

    def metrics(self) -> tuple[Metric, ...]:
        """Every metric in the catalogue, sorted by id."""
        return tuple(self._metrics[key] for key in sorted(self._metrics))

    def source(self, id: str) -> Source:
        """The source with this id."""
        try:
            return self._sources[id]
        except KeyError:
            raise FactNotFoundError(f"no source {id!r}{did_you_mean(id, self._sources)}") from None

    def sources(self) -> tuple[Source, ...]:
        """Every source, oldest first."""
        return tuple(sorted(self._sources.values(), key=lambda s: (s.published.start, s.id)))

    # Entities and timeline ---------------------------------------------------

    def entity(self, id: str) -> Entity:
        """The place, organisation, data centre, platform, event or policy with this id."""
        try:
            return self._entities[id]
        except KeyError:
            raise FactNotFoundError(f"no entity {id!r}{did_you_mean(id, self._entities)}") from None

    def entities(self, **filters: object) -> tuple[Entity, ...]:
        """Every entity, of every kind, in load order, filtered by attribute.

        The filters are the fields all entities share (``id``, ``name``,
        ``name_zh``, ``aliases``, ``description``, ``citations``); a field of
        one kind only, such as ``kind`` or ``location``, raises
        :class:`TypeError`: use that kind's finder (:meth:`places`,
        :meth:`data_centres` ...).
        """
        return _filter(self._entities.values(), Entity, filters, self._entities)

    def _entities_of(self, cls: type[T], filters: Mapping[str, object]) -> tuple[T, ...]:
        entities = (e for e in self._entities.values() if isinstance(e, cls))
        return _filter(entities, cls, filters, self._entities)

    def places(self, **filters: object) -> tuple[Place, ...]:
        """Places, filtered by attribute (``kind="province"``, ``parent="guizhou"``)."""
        return self._entities_of(Place, filters)

    def organisations(self, **filters: object) -> tuple[Organisation, ...]:
        """Organisations, filtered by attribute."""
        return self._entities_of(Organisation, filters)

    def data_centres(self, **filters: object) -> tuple[DataCentre, ...]:
        """Data centres, filtered by attribute (``location="guian_new_area"``)."""
        return self._entities_of(DataCentre, filters)

    def platforms(self, **filters: object) -> tuple[Platform, ...]:
        """Platforms, filtered by attribute."""
        return self._entities_of(Platform, filters)

    def events(self, **filters: object) -> tuple[Event, ...]:
        """Events (Big Data Expo editions and others), filtered by attribute."""
        return self._entities_of(Event, filters)

    def policies(self, **filters: object) -> tuple[Policy, ...]:
        """Policies and regulations, filtered by attribute."""
        return self._entities_of(Policy, filters)

    def timeline(self, **filters: object) -> tuple[Milestone, ...]:
        """Dated milestones in date order, filtered by attribute."""
        return _filter(self._milestones, Milestone, filters, self._entities)


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


_ENTITY_ROWS = (
    ("places", Place),
    ("organisations", Organisation),
    ("data centres", DataCentre),
    ("platforms", Platform),
    ("events", Event),
    ("policies", Policy),
)
"""The count rows of a registry's entities: label and kind."""


def registry_html(registry: Registry) -> str:
    """What a registry holds: counts, and its sources."""
    entities = registry.entities()
    counts = [
        ("facts", str(len(registry.facts()))),
        ("metrics", str(len(registry.metrics()))),
        *((label, str(sum(isinstance(e, kind) for e in entities))) for label, kind in _ENTITY_ROWS),
        ("milestones", str(len(registry.timeline()))),
    ]
    sources = "".join(f"<li>{escape(source.cite())}</li>" for source in registry.sources())
    return (
        f'<div class="guizhou-bigdata-registry"><p><strong>Registry</strong></p>'
        f"<table>{rows_html(counts)}</table>"
        f"<p>{len(registry.sources())} sources:</p><ul>{sources}</ul></div>"
    )
