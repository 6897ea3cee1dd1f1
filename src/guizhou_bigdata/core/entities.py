"""Places, organisations, data centres, platforms, events, policies and milestones."""

from __future__ import annotations

import enum

import attrs

from .errors import shown
from .model import Citation
from .periods import Period

__all__ = [
    "DataCentre",
    "DataCentreStatus",
    "Entity",
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


@attrs.frozen(kw_only=True)
class Entity:
    """Something figures are about; every entity is cited where the sources name it."""

    id: str
    name: str
    citations: tuple[Citation, ...] = attrs.field(validator=_cited)
    name_zh: str | None = None
    aliases: tuple[str, ...] = ()
    description: str | None = None


@attrs.frozen(kw_only=True)
class Place(Entity):
    """A country, province, city, new area, county, zone, park or structure."""

    kind: PlaceKind
    parent: str | None = None


@attrs.frozen(kw_only=True)
class Organisation(Entity):
    """A company, government body, exchange or other organisation."""

    kind: OrganisationKind
    parent: str | None = None
    location: str | None = None


@attrs.frozen(kw_only=True)
class DataCentre(Entity):
    """A data centre the sources name; its capacities are facts about it."""

    operator: str | None = None
    location: str | None = None
    status: DataCentreStatus = DataCentreStatus.UNKNOWN
    status_as_of: Period | None = None
    status_note: str | None = None


@attrs.frozen(kw_only=True)
class Platform(Entity):
    """A data, trading, government or commercial platform."""

    kind: PlatformKind
    operator: str | None = None
    location: str | None = None


@attrs.frozen(kw_only=True)
class Event(Entity):
    """An expo, conference or forum, one record per edition."""

    kind: EventKind
    period: Period | None = None
    location: str | None = None
    edition: int | None = None


@attrs.frozen(kw_only=True)
class Policy(Entity):
    """A guideline, regulation, plan or outline."""

    kind: PolicyKind
    issuer: str | None = None
    period: Period | None = None


@attrs.frozen(kw_only=True)
class Milestone:
    """A dated event in the development of Guizhou's big-data economy."""

    id: str
    date: Period
    title: str
    citations: tuple[Citation, ...] = attrs.field(validator=_cited)
    subjects: tuple[str, ...] = ()
    note: str | None = None
