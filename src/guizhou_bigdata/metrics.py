"""Metric objects: ``gb.metrics.<id>(year, subject=...)`` returns the preferred fact.

Each attribute of this module is a :class:`MetricView` of the default registry;
a name that is not in the catalogue raises :class:`AttributeError` with the
closest names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .store.default import default_registry
from .outputs.display import FactTuple
from .core.errors import did_you_mean

if TYPE_CHECKING:
    from .core.model import Fact, Metric
    from .store.registry import Registry

__all__ = ["MetricView", "catalogue", "names"]


@attrs.frozen(repr=False)
class MetricView:
    """One metric of a registry, callable with a year."""

    id: str
    registry: Registry = attrs.field(eq=False)

    def __repr__(self) -> str:
        metric = self.metric
        return f"<MetricView {self.id!r}: {metric.label}, in {metric.unit}>"

    def _repr_html_(self) -> str:
        """Label, kind, unit, subjects, years and the preferred series, for notebooks."""
        from .outputs.display import metric_html

        return metric_html(self)

    @property
    def metric(self) -> Metric:
        """The catalogue entry: label, kind, unit, basis, default subject."""
        return self.registry.metric(self.id)

    def __call__(self, year: int, subject: str | None = None) -> Fact:
        """The preferred fact for ``year`` (its period ends in that year)."""
        return self.registry.preferred(self.id, year, subject)

    def series(self, subject: str | None = None) -> FactTuple:
        """The preferred fact for every period, in time order."""
        return FactTuple(self.registry.series(self.id, subject))

    def facts(self, subject: str | None = None) -> FactTuple:
        """Every statement of this metric, including conflicting and deprecated ones."""
        return self.registry.facts(metric=self.id, subject=subject)

    def years(self, subject: str | None = None) -> tuple[int, ...]:
        """The years that have a usable fact."""
        return tuple(sorted({fact.period.end.year for fact in self.series(subject)}))


def names() -> tuple[str, ...]:
    """The ids of every metric in the catalogue."""
    return tuple(metric.id for metric in default_registry().metrics())


def catalogue() -> tuple[Metric, ...]:
    """Every metric of the default registry, sorted by id."""
    return default_registry().metrics()


def __getattr__(name: str) -> MetricView:
    if name.startswith("__"):
        raise AttributeError(name)
    registry = default_registry()
    known = names()
    if name not in known:
        hint = did_you_mean(name, known)
        raise AttributeError(f"no metric {name!r} in guizhou_bigdata.metrics{hint}")
    return MetricView(name, registry)


def __dir__() -> list[str]:
    return sorted([*__all__, *names()])
