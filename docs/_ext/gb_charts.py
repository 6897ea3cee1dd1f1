"""Charts drawn from the registry at build time, for the generated docs pages.

Every mark comes from a fact or milestone of the registry. Estimates, derived
and flagged figures are drawn differently from stated actual ones and say so in
their labels, so a reader never takes them for plain reported figures.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs
import matplotlib
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.typing import RcKeyType

import guizhou_bigdata as gb

matplotlib.use("Agg")

__all__ = ["Chart", "gdp_chart", "point_label", "timeline_chart"]

# Deterministic SVG output: the same data gives the same bytes, so an unchanged
# chart is not rewritten and Sphinx does not rebuild the page around it.
_RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "guizhou-bigdata",
    "svg.fonttype": "path",
    "text.parse_math": False,  # a "$" in a title is text, not mathtext
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_STATED = "#2b6cb0"
_GROWTH = "#c05621"
_DERIVED = "#2f855a"
_FLAGGED = "#c53030"
_PLANNED = "#805ad5"


@attrs.frozen
class Chart:
    """An SVG image and the facts (or milestones) it shows, for its caption."""

    svg: bytes
    facts: tuple[gb.Fact, ...] = ()
    milestones: tuple[gb.Milestone, ...] = ()


def point_label(fact: gb.Fact, value: Decimal) -> str:
    """The label of a plotted point: bound (unless exact), value, and what is special."""
    bound = "" if fact.bound is gb.Bound.EXACT else fact.bound.value.replace("_", " ") + " "
    notes = []
    if fact.modality is not gb.Modality.ACTUAL:
        notes.append(fact.modality.value)
    if fact.is_derived:
        notes.append("derived")
    if fact.quality:
        notes.append("flagged: " + ", ".join(sorted(flag.value for flag in fact.quality)))
    suffix = f"\n({'; '.join(notes)})" if notes else ""
    return f"{bound}{format(value, 'f')}{suffix}"


def _in_unit(fact: gb.Fact, unit: str, scale: Decimal = Decimal(1)) -> Decimal | None:
    """The fact's value in ``unit`` divided by ``scale``, or None if unreadable.

    When the fact is stated in that unit and scale, this is the value as written
    (``16.0`` stays ``16.0``); otherwise it is converted.
    """
    if fact.value is None:
        return None
    factor = fact.scale.factor if fact.scale else Decimal(1)
    if fact.unit == unit and factor == scale:
        return fact.value
    return (Decimal(str(fact.quantity.to(unit).magnitude)) / scale).normalize()


def _yearly(facts: Sequence[gb.Fact]) -> list[gb.Fact]:
    """Facts for one whole calendar year with a readable value: the ones a yearly chart shows."""
    return [
        fact
        for fact in facts
        if fact.magnitude is not None
        and fact.period.precision is gb.Precision.YEAR
        and fact.period.calendar_year is not None
    ]


def _plain(fact: gb.Fact) -> bool:
    """A stated, actual figure: drawn solid; anything else is drawn hollow or hatched."""
    return fact.modality is gb.Modality.ACTUAL and not fact.is_derived


def _year(fact: gb.Fact) -> int:
    return fact.period.year


def _svg(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def _growth_points(axes: Axes, facts: Sequence[gb.Fact], colour: str, offset: float) -> None:
    """Growth rates as markers: filled when stated, hollow when derived, red edge when flagged."""
    for fact in facts:
        value = _in_unit(fact, "percent")
        assert value is not None
        x = _year(fact) + offset
        axes.plot(
            [x],
            [float(value)],
            marker="s" if fact.is_derived else "o",
            markersize=7,
            markerfacecolor=colour if _plain(fact) else "white",
            markeredgecolor=_FLAGGED if fact.quality else colour,
            markeredgewidth=1.5,
            linestyle="none",
        )
        _label(axes, fact, value, x, above=8, size=7.5)


def _label(
    axes: Axes, fact: gb.Fact, value: Decimal, x: float, *, above: float, size: float
) -> None:
    """The point's label (value as written, bound, modality) above it; red when flagged."""
    axes.annotate(
        point_label(fact, value),
        (x, float(value)),
        textcoords="offset points",
        xytext=(0, above),
        ha="center",
        va="bottom",
        fontsize=size,
        color=_FLAGGED if fact.quality else "black",
    )


def _level_bars(axes: Axes, levels: Sequence[gb.Fact], flagged: bool) -> None:
    """GDP levels as bars: solid when stated and actual, hatched otherwise, red when flagged."""
    billion = Decimal(10) ** 9
    highest = 0.0
    for fact in levels:
        value = _in_unit(fact, "yuan", billion)
        assert value is not None
        plain = _plain(fact)
        axes.bar(
            _year(fact),
            float(value),
            width=0.6,
            color=_STATED if plain else "white",
            edgecolor=_FLAGGED if fact.quality else _STATED,
            hatch=None if plain else "///",
            linewidth=1.5,
        )
        _label(axes, fact, value, _year(fact), above=3, size=8)
        highest = max(highest, float(value))
    axes.set_ylim(0, highest * 1.25)
    axes.set_ylabel("GDP, billion yuan (current prices)")
    legend: list[Artist] = []
    if any(_plain(f) for f in levels):
        legend.append(Patch(facecolor=_STATED, edgecolor=_STATED, label="stated, actual"))
    if not all(_plain(f) for f in levels):
        legend.append(
            Patch(
                facecolor="white",
                edgecolor=_STATED,
                hatch="///",
                label="estimate, target or derived",
            )
        )
    if flagged:
        legend.append(Patch(facecolor="white", edgecolor=_FLAGGED, label="flagged (red)"))
    axes.legend(handles=legend, loc="upper left", frameon=False, fontsize=8)


def _growth_panel(axes: Axes, real: Sequence[gb.Fact], nominal: Sequence[gb.Fact]) -> None:
    """Real (stated) and nominal (derived) growth side by side for each year."""
    axes.set_ylabel("growth, percent")
    if not real and not nominal:
        axes.text(0.5, 0.5, "no growth rates in the data", transform=axes.transAxes, ha="center")
        axes.set_yticks([])
        return
    _growth_points(axes, real, _GROWTH, -0.12 if nominal else 0.0)
    _growth_points(axes, nominal, _DERIVED, 0.12 if real else 0.0)
    rates = [_in_unit(f, "percent") for f in (*real, *nominal)]
    axes.set_ylim(0, max(float(r) for r in rates if r is not None) * 1.35)
    legend: list[Artist] = []
    if any(_plain(f) for f in real):
        legend.append(
            Line2D([], [], marker="o", color=_GROWTH, linestyle="none", label="real (stated)")
        )
    if not all(_plain(f) for f in real):
        legend.append(
            Line2D(
                [],
                [],
                marker="o",
                markerfacecolor="white",
                color=_GROWTH,
                linestyle="none",
                label="real (estimate, target or forecast)",
            )
        )
    if nominal:
        legend.append(
            Line2D(
                [],
                [],
                marker="s",
                markerfacecolor="white",
                color=_DERIVED,
                linestyle="none",
                label="nominal (derived from the levels)",
            )
        )
    axes.legend(handles=legend, loc="lower left", frameon=False, fontsize=8)


def gdp_chart(registry: gb.Registry, subject: str) -> Chart:
    """The subject's GDP levels (bars) over its growth rates, real and nominal (markers)."""
    levels = _yearly(registry.series("gdp", subject))
    real = _yearly(registry.series("gdp_real_growth", subject))
    nominal = _yearly(registry.series("gdp_nominal_growth", subject))
    if not levels:
        raise ValueError(f"no yearly GDP facts for {subject!r} to chart")
    facts = (*levels, *real, *nominal)
    years = sorted({_year(fact) for fact in facts})
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(7.5, 6.0), layout="constrained")
        top, bottom = figure.subplots(
            2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]}, squeeze=True
        )
        _level_bars(top, levels, flagged=any(fact.quality for fact in facts))
        _growth_panel(bottom, real, nominal)
        bottom.set_xticks(range(years[0], years[-1] + 1))
        bottom.set_xlim(years[0] - 0.6, years[-1] + 0.6)
        return Chart(_svg(figure), facts=facts)


def _short(text: str, limit: int = 64) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def timeline_chart(registry: gb.Registry) -> Chart:
    """Milestones in date order: a dot for a day, a bar for a month, year or range.

    Each row is labelled with the date as the sources give it and a shortened
    title beside the mark. Milestones dated after every source that states them
    (plans and targets) are drawn in another colour.
    """
    milestones = registry.timeline()
    if not milestones:
        raise ValueError("no milestones to chart")
    # Days as proleptic ordinals: plain numbers, with a tick on each first of January.
    years = range(milestones[0].date.start.year, max(m.date.end.year for m in milestones) + 2)
    first = dt.date(years[0], 1, 1).toordinal()
    last = dt.date(years[-1], 1, 1).toordinal()
    middle = (first + last) / 2
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(10.0, 0.3 * len(milestones) + 1.0), layout="constrained")
        axes = figure.subplots()
        for row, milestone in enumerate(milestones):
            stated = max(citation.source.published.end for citation in milestone.citations)
            colour = _PLANNED if milestone.date.start > stated else _STATED
            start = milestone.date.start.toordinal()
            end = milestone.date.end.toordinal() + 1
            if milestone.date.precision is gb.Precision.DAY and not milestone.date.is_range:
                axes.plot([start], [row], marker="o", color=colour, markersize=5)
            else:
                axes.barh(row, end - start, left=start, height=0.5, color=colour, alpha=0.8)
            right = (start + end) / 2 < middle
            axes.annotate(
                _short(milestone.title),
                (end if right else start, row),
                textcoords="offset points",
                xytext=(5 if right else -5, 0),
                ha="left" if right else "right",
                va="center",
                fontsize=7.5,
            )
        axes.set_yticks(range(len(milestones)), [str(m.date) for m in milestones], fontsize=7.5)
        axes.set_ylim(len(milestones) - 0.5, -0.5)
        axes.set_xlim(first, last)
        axes.set_xticks([dt.date(year, 1, 1).toordinal() for year in years], map(str, years))
        axes.grid(axis="x", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        handles = [
            Line2D([], [], marker="o", color=_STATED, linestyle="none", label="a day"),
            Patch(color=_STATED, alpha=0.8, label="a month, a year or a range"),
        ]
        if any(m.date.start > max(c.source.published.end for c in m.citations) for m in milestones):
            handles.append(
                Patch(color=_PLANNED, alpha=0.8, label="dated after its sources (plan or target)")
            )
        axes.legend(handles=handles, loc="upper right", frameon=False, fontsize=8)
        return Chart(_svg(figure), milestones=milestones)
