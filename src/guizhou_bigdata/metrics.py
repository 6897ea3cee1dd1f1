"""Metric objects: ``gb.metrics.<id>(year, subject=...)`` returns the preferred fact.

Each attribute of this module is a :class:`MetricView` of the default registry;
a name that is not in the catalogue raises :class:`AttributeError` with the
closest names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .core.display import FactTuple, facts_html
from .core.errors import FactNotFoundError
from .core.html import escape, rows_html
from .store.default import default_registry
from .store.registry import as_of_day

if TYPE_CHECKING:
    import datetime as dt

    from matplotlib.axes import Axes

    from .core.model import Fact, Metric
    from .outputs.series import Series
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
        return metric_html(self)

    @property
    def metric(self) -> Metric:
        """The catalogue entry: label, kind, unit, basis, default subject."""
        return self.registry.metric(self.id)

    def __call__(self, year: int, subject: str | None = None) -> Fact:
        """The preferred fact for ``year`` (its period ends in that year)."""
        return self.registry.preferred(self.id, year, subject)

    def series(self, subject: str | None = None, *, as_of: dt.date | str | None = None) -> Series:
        """The preferred fact for every period, in time order, as a :class:`Series`.

        With ``as_of`` (a date or ``"2020-01-01"``), what the sources had
        published by that day, preferred as it was then.
        """
        from .outputs.series import Series  # not imported for a first fact

        subject = self.registry.default_subject(self.id) if subject is None else subject
        points = self.registry.series(self.id, subject, as_of=as_of)
        day = None if as_of is None else as_of_day(as_of)
        return Series(self.metric, subject, points, as_of=day)

    def plot(
        self,
        subject: str | None = None,
        *,
        as_of: dt.date | str | None = None,
        ax: Axes | None = None,
    ) -> Axes:
        """Draw the series with matplotlib (needs the ``plot`` extra); return the Axes."""
        return self.series(subject, as_of=as_of).plot(ax)

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
    try:
        registry.metric(name)  # one metric, not the catalogue: a first fact builds no other
    except FactNotFoundError:
        hint = registry.hint(name, "metric")
        raise AttributeError(f"no metric {name!r} in guizhou_bigdata.metrics{hint}") from None
    return MetricView(name, registry)


def __dir__() -> list[str]:
    return sorted([*__all__, *names()])


def metric_html(view: MetricView) -> str:
    """A metric: label, kind, unit, basis, subjects, years, and its preferred series."""
    metric = view.metric
    facts = view.registry.facts(metric=metric.id)
    subjects = sorted({fact.subject for fact in facts})
    years = sorted({fact.period.end.year for fact in facts})
    rows = [
        ("id", f"<code>{escape(metric.id)}</code>"),
        ("kind", escape(metric.kind.value)),
        ("unit", escape(metric.unit)),
    ]
    if metric.basis is not None:
        rows.append(("growth basis", escape(metric.basis.value)))
    if metric.description:
        rows.append(("description", escape(metric.description)))
    rows.append(("subjects", escape(", ".join(subjects)) or "none"))
    if metric.default_subject is not None:
        rows.append(("default subject", escape(metric.default_subject)))
    rows.append(("years", escape(", ".join(map(str, years))) or "none"))
    rows.append(("statements", str(len(facts))))
    series = ""
    if metric.default_subject is not None or len(subjects) == 1:
        preferred = view.series()
        series = f"<p>Preferred series ({escape(view.registry.default_subject(metric.id))}):</p>"
        series += facts_html(preferred.points)
    return (
        f'<div class="guizhou-bigdata-metric"><p><strong>{escape(metric.label)}</strong></p>'
        f"<table>{rows_html(rows)}</table>{series}</div>"
    )
