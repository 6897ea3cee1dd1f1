"""Checked, cited figures on Guizhou's big-data economy.

>>> import guizhou_bigdata as gb
>>> fact = gb.metrics.digital_economy_growth(2018)
>>> fact.quantity
<Quantity(24.6, 'percent')>
>>> fact.citations[0].source.publisher
'China Daily'

Importing the package is cheap: the data is loaded and checked, and the Pint
unit registry built, on first use.
"""

from __future__ import annotations

import os

from ._version import __data_version__, __version__
from .core import citers as _citers
from .store.default import default_registry

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (5 ms)
if TYPE_CHECKING:
    import datetime
    from collections.abc import Collection, Iterable
    from typing import Any

    import pint

    from . import metrics
    from .checks.auditing import AuditReport
    from .checks.provenance import ProvenanceReport
    from .core.display import EntityTuple, FactTuple, MilestoneTuple, SourceTuple
    from .core.entities import (
        DataCentre,
        DataCentreStatus,
        Entity,
        Event,
        EventKind,
        Milestone,
        Organisation,
        OrganisationKind,
        Place,
        PlaceKind,
        Platform,
        PlatformKind,
        Policy,
        PolicyKind,
    )
    from .core.errors import FactNotFoundError, NoValueError, Problem, RegistryError, UnitError
    from .core.intervals import Interval
    from .core.model import Citation, Fact, Metric, Source
    from .core.periods import Period, Precision
    from .core.vocabulary import (
        Bound,
        BoundName,
        CitationKind,
        CitationKindName,
        GrowthBasis,
        MetricKind,
        Modality,
        ModalityName,
        Quality,
        QualityName,
        Rank,
        RankName,
        Scale,
    )
    from .outputs.citing import bibliography, cite
    from .outputs.series import Series
    from .outputs.tables import export, to_frame
    from .outputs.wide import Coverage, CoverageRow, coverage, plot, table
    from .reading.drafting import Draft, DraftFact, draft
    from .reading.reviewing import Review, ReviewItem, review
    from .store.registry import Registry
    from .store.search import EntityHit, FactHit, Hit, MetricHit, SearchResults

    ureg: pint.UnitRegistry[float]
    """The package's unit registry (built on first access)."""
    Q_: type[pint.Quantity[float]]
    """Quantity constructor of :data:`ureg`."""

# Public names and the submodule each lives in: they are imported on first
# access (PEP 562), so ``import guizhou_bigdata`` loads no attrs, Pint or data.
_LAZY = {
    **dict.fromkeys(
        [
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
        ],
        "core.entities",
    ),
    **dict.fromkeys(
        ["FactNotFoundError", "NoValueError", "Problem", "RegistryError", "UnitError"],
        "core.errors",
    ),
    **dict.fromkeys(["Citation", "Fact", "Metric", "Source"], "core.model"),
    **dict.fromkeys(
        [
            "Bound",
            "BoundName",
            "CitationKind",
            "CitationKindName",
            "GrowthBasis",
            "MetricKind",
            "Modality",
            "ModalityName",
            "Quality",
            "QualityName",
            "Rank",
            "RankName",
            "Scale",
        ],
        "core.vocabulary",
    ),
    **dict.fromkeys(["EntityTuple", "FactTuple", "MilestoneTuple", "SourceTuple"], "core.display"),
    "Series": "outputs.series",
    **dict.fromkeys(["Coverage", "CoverageRow", "coverage", "plot", "table"], "outputs.wide"),
    **dict.fromkeys(["Period", "Precision"], "core.periods"),
    "Interval": "core.intervals",
    "Registry": "store.registry",
    **dict.fromkeys(["EntityHit", "FactHit", "Hit", "MetricHit", "SearchResults"], "store.search"),
    "to_frame": "outputs.tables",
    "export": "outputs.tables",
    "cite": "outputs.citing",
    "bibliography": "outputs.citing",
    **dict.fromkeys(["Draft", "DraftFact", "draft"], "reading.drafting"),
    **dict.fromkeys(["Review", "ReviewItem", "review"], "reading.reviewing"),
}

__all__ = [
    "Q_",
    "Bound",
    "BoundName",
    "Citation",
    "CitationKind",
    "CitationKindName",
    "Coverage",
    "CoverageRow",
    "DataCentre",
    "DataCentreStatus",
    "Draft",
    "DraftFact",
    "Entity",
    "EntityHit",
    "EntityTuple",
    "Event",
    "EventKind",
    "Fact",
    "FactHit",
    "FactNotFoundError",
    "FactTuple",
    "GrowthBasis",
    "Hit",
    "Interval",
    "Metric",
    "MetricHit",
    "MetricKind",
    "Milestone",
    "MilestoneTuple",
    "Modality",
    "ModalityName",
    "NoValueError",
    "Organisation",
    "OrganisationKind",
    "Period",
    "Place",
    "PlaceKind",
    "Platform",
    "PlatformKind",
    "Policy",
    "PolicyKind",
    "Precision",
    "Problem",
    "Quality",
    "QualityName",
    "Rank",
    "RankName",
    "Registry",
    "RegistryError",
    "Review",
    "ReviewItem",
    "Scale",
    "SearchResults",
    "Series",
    "Source",
    "SourceTuple",
    "UnitError",
    "__data_version__",
    "__version__",
    "audit",
    "bibliography",
    "cite",
    "coverage",
    "data_centres",
    "data_digest",
    "default_registry",
    "draft",
    "entity",
    "events",
    "export",
    "fact",
    "facts",
    "load_registry",
    "metrics",
    "organisations",
    "place",
    "places",
    "platforms",
    "plot",
    "policies",
    "review",
    "search",
    "sources",
    "table",
    "timeline",
    "to_frame",
    "ureg",
    "verify_sources",
]


def load_registry(
    *paths: str | os.PathLike[str], bundled: bool = True, drafts: bool = False
) -> Registry:
    """Load data files (and, unless ``bundled=False``, the bundled data) into a Registry.

    Every problem in every file is reported in one :class:`RegistryError`; the
    default registry is never affected. Records marked ``reviewed = false`` (a
    draft) are refused unless ``drafts=True``.
    """
    from .store.loading import load_registry as load

    return load(*paths, bundled=bundled, drafts=drafts)


def verify_sources(
    directory: str | os.PathLike[str],
    registry: Registry | None = None,
    *,
    only: Iterable[str] | None = None,
) -> ProvenanceReport:
    """Verify each quote word for word, and each text's SHA-256, against archived texts.

    ``only`` limits the check to those source ids (your own articles' folder).
    """
    from .checks.provenance import verify_sources as verify

    return verify(directory, default_registry() if registry is None else registry, only=only)


def audit(registry: Registry | None = None) -> AuditReport:
    """Conflicts, flagged and implausible figures, and inconsistencies in the data."""
    from .checks.auditing import audit as run

    return run(default_registry() if registry is None else registry)


def facts(
    *,
    metric: str | Collection[str] | None = None,
    subject: str | Collection[str] | None = None,
    year: int | range | None = None,
    source: str | None = None,
    modality: Modality | ModalityName | None = None,
    rank: Rank | RankName | None = None,
    quality: Quality | QualityName | None = None,
    derived: bool | None = None,
    as_of: datetime.date | str | None = None,
) -> FactTuple:
    """Facts of the bundled data matching every filter (see :meth:`Registry.facts`).

    ``metric`` and ``subject`` take a list too, ``year`` a ``range`` of years,
    and ``as_of`` keeps what had been published by that day. A tuple, which a
    notebook shows as a table.
    """
    return default_registry().facts(
        metric=metric,
        subject=subject,
        year=year,
        source=source,
        modality=modality,
        rank=rank,
        quality=quality,
        derived=derived,
        as_of=as_of,
    )


def fact(id: str) -> Fact:
    """The bundled fact with this id."""
    return default_registry().fact(id)


def entity(id: str) -> Entity:
    """The bundled place, organisation, data centre, platform, event or policy with this id."""
    return default_registry().entity(id)


def place(id_or_code: str) -> Place:
    """The bundled place with this id, name or GB/T 2260 division code (``"520100"``)."""
    return default_registry().place(id_or_code)


def search(query: str, *, limit: int | None = None) -> SearchResults:
    """Metrics, entities and facts matching ``query``, in English or Chinese, best first.

    ``gb.search("digital economy")``, ``gb.search("贵阳")``, ``gb.search("520100")``:
    ids, labels, names, aliases, codes, descriptions, quotes, what reference citations
    say and the figures they print, and notes, compared
    without regard to case, full-width forms, curly apostrophes or a 市/省 suffix.
    A tuple of hits, which a notebook shows as a table.
    """
    return default_registry().search(query, limit=limit)


def sources() -> SourceTuple:
    """The bibliographic records of the source articles."""
    return default_registry().sources()


def places(**filters: object) -> EntityTuple[Place]:
    """Places, filtered by attribute (``gb.places(kind="province")``)."""
    return default_registry().places(**filters)


def organisations(**filters: object) -> EntityTuple[Organisation]:
    """Organisations, filtered by attribute."""
    return default_registry().organisations(**filters)


def data_centres(**filters: object) -> EntityTuple[DataCentre]:
    """Data centres, filtered by attribute (``gb.data_centres(location="guian_new_area")``)."""
    return default_registry().data_centres(**filters)


def platforms(**filters: object) -> EntityTuple[Platform]:
    """Platforms, filtered by attribute."""
    return default_registry().platforms(**filters)


def events(**filters: object) -> EntityTuple[Event]:
    """Events such as the Big Data Expo editions, filtered by attribute."""
    return default_registry().events(**filters)


def policies(**filters: object) -> EntityTuple[Policy]:
    """Policies and regulations, filtered by attribute."""
    return default_registry().policies(**filters)


def timeline(**filters: object) -> MilestoneTuple:
    """Dated milestones in date order."""
    return default_registry().timeline(**filters)


def data_digest() -> str:
    """The SHA-256 of the bundled data files, as ``"sha256:<hex>"``.

    It names the data exactly: it is the same on every machine and in every run
    for the same files (line endings are normalised), and changes with any byte
    of the data. :data:`__data_version__` is its human-readable release name.
    """
    from .store.compiled import bundled_digest

    return bundled_digest()


def _cite_in(obj: Any, format: Any) -> str:
    """``fact.cite("bibtex")``: the core asks the outputs layer through this."""
    from .outputs.citing import cite as write

    return write(obj, format)


_citers.render = _cite_in


def __dir__() -> list[str]:
    return list(__all__)


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        import importlib

        if name in ("ureg", "Q_"):
            from .core.units import get_registry

            registry = get_registry()
            return registry if name == "ureg" else registry.Quantity
        if name == "metrics":
            # Its import defines the record classes: thousands of objects, no cycles.
            from .core.gcpause import collector_paused

            with collector_paused():
                return importlib.import_module(".metrics", __name__)
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'guizhou_bigdata' has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value
        return value
