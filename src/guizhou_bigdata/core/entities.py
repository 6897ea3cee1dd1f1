"""Places, organisations, data centres, platforms, events, policies and milestones."""

from __future__ import annotations

import enum

import attrs

from .errors import shown
from .html import record_html
from .model import Citation
from .periods import Period

__all__ = [
    "ENTITY_KINDS",
    "DataCentre",
    "DataCentreStatus",
    "Entity",
    "EntityKind",
    "Event",
    "EventKind",
    "Milestone",
    "Organisation",
    "OrganisationKind",
    "Place",
    "PlaceKind",
    "Platform",
    "PlatformKind",
    "Policy",
    "PolicyKind",
    "entity_kind",
]


class PlaceKind(enum.Enum):
    """Administrative level or type of a place."""

    COUNTRY = "country"
    PROVINCE = "province"
    PREFECTURE_CITY = "prefecture_city"
    AUTONOMOUS_PREFECTURE = "autonomous_prefecture"
    NEW_AREA = "new_area"
    COUNTY = "county"
    DISTRICT = "district"
    ZONE = "zone"
    PARK = "park"
    STRUCTURE = "structure"


class OrganisationKind(enum.Enum):
    """What sort of body an organisation is."""

    COMPANY = "company"
    GOVERNMENT_BODY = "government_body"
    EXCHANGE = "exchange"
    HOSPITAL = "hospital"
    RESEARCH_INSTITUTE = "research_institute"
    MEDIA = "media"
    ALLIANCE = "alliance"


class DataCentreStatus(enum.Enum):
    """A data centre's state as of ``status_as_of``."""

    OPERATING = "operating"
    UNDER_CONSTRUCTION = "under_construction"
    PLANNED = "planned"
    UNKNOWN = "unknown"


class PlatformKind(enum.Enum):
    """What a platform serves."""

    GOVERNMENT = "government"
    TRADING = "trading"
    DATA = "data"
    COMMERCIAL = "commercial"
    MEDICAL = "medical"
    NETWORK = "network"


class EventKind(enum.Enum):
    """What sort of gathering an event is."""

    EXPO = "expo"
    CONFERENCE = "conference"
    FORUM = "forum"


class PolicyKind(enum.Enum):
    """What sort of document a policy is."""

    GUIDELINE = "guideline"
    REGULATION = "regulation"
    PLAN = "plan"
    OUTLINE = "outline"
    OPINION = "opinion"
    STANDARD = "standard"


def _cited(instance: object, attribute: attrs.Attribute[object], value: object) -> None:
    if not isinstance(value, tuple) or not value:
        name = getattr(instance, "id", "?")
        raise ValueError(f"{shown(name)} needs at least one citation, got {shown(value)}")


def _division_code(
    instance: object, attribute: attrs.Attribute[str | None], value: str | None
) -> None:
    if value is not None and (
        not isinstance(value, str) or len(value) != 6 or not value.isascii() or not value.isdigit()
    ):
        name = getattr(instance, "id", "?")
        raise ValueError(
            f"place {shown(name)}: code {shown(value)} is not a GB/T 2260 division code "
            '(six ASCII digits as a string, such as "520100")'
        )


@attrs.frozen(kw_only=True, repr=False)
class Entity:
    """Something figures are about; every entity is cited where the sources name it."""

    id: str
    name: str
    citations: tuple[Citation, ...] = attrs.field(validator=_cited)
    name_zh: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None

    def __repr__(self) -> str:
        kind = getattr(self, "kind", None)
        what = "" if kind is None else f" ({kind.value})"
        return f"<{type(self).__name__} {self.id!r}: {self.name}{what}>"

    def _repr_html_(self) -> str:
        """Every field that holds something, then the quotes naming it, for notebooks."""
        return record_html(self, self.name, "entity")


@attrs.frozen(kw_only=True, repr=False)
class Place(Entity):
    """A country, province, city, new area, county, zone, park or structure.

    ``code`` is the place's six-digit GB/T 2260 administrative division code
    (贵州省 ``"520000"``, 贵阳市 ``"520100"``); a place that is no administrative
    division (a new area, a zone, a park) has none, and ``code_note`` may say why.
    """

    kind: PlaceKind
    parent: str | None = None
    code: str | None = attrs.field(default=None, validator=_division_code)
    code_note: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Organisation(Entity):
    """A company, government body, exchange or other organisation."""

    kind: OrganisationKind
    parent: str | None = None
    location: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class DataCentre(Entity):
    """A data centre the sources name; its capacities are facts about it."""

    operator: str | None = None
    location: str | None = None
    status: DataCentreStatus = DataCentreStatus.UNKNOWN
    status_as_of: Period | None = None
    status_note: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Platform(Entity):
    """A data, trading, government or commercial platform."""

    kind: PlatformKind
    operator: str | None = None
    location: str | None = None


@attrs.frozen(kw_only=True, repr=False)
class Event(Entity):
    """An expo, conference or forum, one record per edition."""

    kind: EventKind
    period: Period | None = None
    location: str | None = None
    edition: int | None = None


@attrs.frozen(kw_only=True, repr=False)
class Policy(Entity):
    """A guideline, regulation, plan or outline."""

    kind: PolicyKind
    issuer: str | None = None
    period: Period | None = None


@attrs.frozen(kw_only=True, repr=False)
class Milestone:
    """A dated event in the development of Guizhou's big-data economy."""

    id: str
    date: Period
    title: str
    citations: tuple[Citation, ...] = attrs.field(validator=_cited)
    subjects: tuple[str, ...] = ()
    note: str | None = None

    def __repr__(self) -> str:
        return f"<Milestone {self.id!r}: {self.date}, {self.title}>"

    def _repr_html_(self) -> str:
        """The date, title, subjects, note and quotes, for notebooks."""
        return record_html(self, f"{self.date}: {self.title}", "milestone")


@attrs.frozen
class EntityKind:
    """One kind of entity, declared once: every module that handles entities loops over
    :data:`ENTITY_KINDS` instead of naming the classes."""

    cls: type[Entity]
    key: str
    """The array-of-tables name in a data file (``[[data_centre]]``), and the ``type`` of
    the entities table of a Data Package."""
    finder: str
    """The name of its finder: ``Registry.data_centres``, ``gb.data_centres``."""
    label: str
    """What a display calls several of them: ``data centres``."""
    references: tuple[tuple[str, str], ...] = ()
    """The fields that hold another entity's id, each with the key of the kind it names
    (``("location", "place")``), or ``entity`` for any kind."""


ENTITY_KINDS: tuple[EntityKind, ...] = (
    EntityKind(Place, "place", "places", "places", (("parent", "place"),)),
    EntityKind(
        Organisation,
        "organisation",
        "organisations",
        "organisations",
        (("parent", "organisation"), ("location", "place")),
    ),
    EntityKind(
        DataCentre,
        "data_centre",
        "data_centres",
        "data centres",
        (("operator", "organisation"), ("location", "place")),
    ),
    EntityKind(
        Platform,
        "platform",
        "platforms",
        "platforms",
        (("operator", "organisation"), ("location", "place")),
    ),
    EntityKind(Event, "event", "events", "events", (("location", "place"),)),
    EntityKind(Policy, "policy", "policies", "policies", (("issuer", "organisation"),)),
)
"""Every kind of entity, in loading and display order; they share one id namespace."""


def entity_kind(cls: type[Entity]) -> EntityKind:
    """The row of :data:`ENTITY_KINDS` for an entity class, or a clear error."""
    for kind in ENTITY_KINDS:
        if kind.cls is cls:
            return kind
    names = ", ".join(kind.cls.__name__ for kind in ENTITY_KINDS)
    raise TypeError(
        f"{getattr(cls, '__name__', shown(cls))} is not a kind of entity: expected one of {names}"
    )
