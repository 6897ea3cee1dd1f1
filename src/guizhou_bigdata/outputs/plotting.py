"""Charts of series with matplotlib (the ``plot`` extra), drawn so no caveat is lost.

A stated actual figure is a filled dot; an estimate, forecast or target is a
hollow one; a derived value is a square; a flagged figure has a red edge; a
one-sided bound ("more than", "at most" ...) carries a caret pointing the way
the true value may lie; periods without a figure are left as gaps (the line
joins only periods that follow each other); a caption under the axes names the
sources. Each mark has a ``gid`` naming what it is and the fact it shows
(``"point:<fact id>"``, ``"bound:<fact id>"``, ``"line"``, ``"caption"``), so a
test or a reader of an SVG can find it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from ..core.model import Fact, Metric
from ..core.vocabulary import Bound, Modality, Scale

if TYPE_CHECKING:
    from matplotlib.axes import Axes


class Plottable(Protocol):
    """What a chart needs of a series (a :class:`~guizhou_bigdata.Series` has it)."""

    @property
    def metric(self) -> Metric: ...

    @property
    def subject(self) -> str: ...

    @property
    def points(self) -> tuple[Fact, ...]: ...

    @property
    def as_of(self) -> dt.date | None: ...


__all__ = ["CAPTION_GID", "Plottable", "plot_many", "plot_series"]

CAPTION_GID = "caption"
_PLOT_HINT = 'plotting needs matplotlib: pip install "guizhou-bigdata[plot]"'
_FLAGGED = "#c53030"
_COLOURS = ("#2b6cb0", "#c05621", "#2f855a", "#805ad5", "#b7791f", "#2c7a7b")
_SCALE_IN_WORDS = {
    Scale.THOUSAND: "thousand",
    Scale.MILLION: "million",
    Scale.BILLION: "billion",
    Scale.TRILLION: "trillion",
    Scale.WAN: "10^4",
    Scale.YI: "10^8",
    Scale.WAN_YI: "10^12",
}
"""A scale word in characters every font has, for an axis label."""
_UP = frozenset({Bound.MORE_THAN, Bound.AT_LEAST})
_DOWN = frozenset({Bound.AT_MOST, Bound.LESS_THAN})


def _axes(ax: Axes | None) -> Axes:
    """The axes to draw on: the one given, or a new pyplot figure's (shown by notebooks)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise ImportError(_PLOT_HINT) from exc
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, axes = plt.subplots(figsize=(7.5, 4.0), layout="constrained")
    return axes


def _middle(fact: Fact) -> float:
    """Where a period sits on the time axis: its middle day, as a matplotlib date number."""
    from matplotlib.dates import date2num

    start, end = fact.period.start, fact.period.end
    return float(date2num(start + (end - start) / 2))  # type: ignore[no-untyped-call]


def _scale(series: Sequence[Plottable]) -> Scale | None:
    """The scale word most points are written with: the axis counts in it."""
    words = Counter(fact.scale for s in series for fact in s.points if fact.has_value)
    return words.most_common(1)[0][0] if words else None


def _value(fact: Fact, scale: Scale | None) -> float:
    magnitude = fact.magnitude
    assert magnitude is not None  # callers skip facts without a value
    return float(magnitude / (scale.factor if scale else Decimal(1)))


def _follows(before: Fact, after: Fact) -> bool:
    """True when ``after``'s period starts the day after ``before``'s ends: no gap."""
    return after.period.start == before.period.end + dt.timedelta(days=1)


def _draw(axes: Axes, series: Plottable, colour: str, scale: Scale | None) -> None:
    points = [fact for fact in series.points if fact.has_value]
    # The line: one segment per run of periods that follow each other.
    run: list[Fact] = []
    for fact in [*points, None]:
        if fact is not None and (not run or _follows(run[-1], fact)):
            run.append(fact)
            continue
        if len(run) > 1:
            axes.plot(
                [_middle(f) for f in run],
                [_value(f, scale) for f in run],
                color=colour,
                linewidth=1.2,
                gid="line",
            )
        run = [] if fact is None else [fact]
    for fact in points:
        x, y = _middle(fact), _value(fact, scale)
        plain = fact.modality is Modality.ACTUAL
        axes.plot(
            [x],
            [y],
            marker="s" if fact.is_derived else "o",
            markersize=7,
            markerfacecolor=colour if plain else "white",
            markeredgecolor=_FLAGGED if fact.quality else colour,
            markeredgewidth=1.5,
            linestyle="none",
            gid=f"point:{fact.id}",
        )
        if fact.bound in _UP or fact.bound in _DOWN:
            axes.annotate(
                "",
                xy=(x, y),
                xytext=(0, 14 if fact.bound in _UP else -14),
                textcoords="offset points",
                arrowprops={"arrowstyle": "<|-", "color": colour, "linewidth": 1.2},
                gid=f"bound:{fact.id}",
            )


def _legend(axes: Axes, facts: Sequence[Fact], names: Sequence[str]) -> None:
    """One line per series when there are several, then one entry per kind of mark drawn."""
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D

    grey = "#555555"
    handles: list[Artist] = []
    if len(names) > 1:
        handles += [
            Line2D([], [], color=_COLOURS[index % len(_COLOURS)], label=name)
            for index, name in enumerate(names)
        ]
    kinds = [
        (
            any(f.modality is Modality.ACTUAL and not f.is_derived for f in facts),
            Line2D([], [], marker="o", color=grey, linestyle="none", label="stated, actual"),
        ),
        (
            any(f.modality is not Modality.ACTUAL for f in facts),
            Line2D(
                [],
                [],
                marker="o",
                markerfacecolor="white",
                color=grey,
                linestyle="none",
                label="estimate, forecast or target (hollow)",
            ),
        ),
        (
            any(f.is_derived for f in facts),
            Line2D([], [], marker="s", color=grey, linestyle="none", label="derived (square)"),
        ),
        (
            any(f.quality for f in facts),
            Line2D(
                [],
                [],
                marker="o",
                markerfacecolor="white",
                markeredgecolor=_FLAGGED,
                linestyle="none",
                label="flagged (red edge)",
            ),
        ),
        (
            any(f.bound in _UP or f.bound in _DOWN for f in facts),
            Line2D(
                [], [], marker="^", color=grey, linestyle="none", label="one-sided bound (arrow)"
            ),
        ),
    ]
    handles += [handle for present, handle in kinds if present]
    if handles:
        axes.legend(handles=handles, loc="best", frameon=False, fontsize=8)


def _caption(axes: Axes, facts: Sequence[Fact], as_of: dt.date | None) -> None:
    """Each source as publisher (or title) and date, in characters the fonts can draw.

    A series may draw on a dozen sources, so the caption names each briefly: the
    full reference, with its address, is ``fact.cite()``. A name in a script no
    installed font has (Chinese titles on a machine without CJK fonts) would be
    drawn as empty boxes: that source is named by its id instead.
    """
    sources = {c.source.id: c.source for fact in facts for c in fact.citations}
    ordered = sorted(sources.values(), key=lambda s: (s.published.start, s.id))
    drawable = _drawable_characters()
    names = []
    for source in ordered:
        name = f"{source.publisher or source.title}, {source.published}"
        names.append(name if drawable(name) else f"{source.id}, {source.published}")
    text = "Sources: " + "; ".join(names)
    if as_of is not None:
        text += f". As known on {as_of.isoformat()}."
    axes.text(
        0.0,
        -0.14,
        text,
        transform=axes.transAxes,
        ha="left",
        va="top",
        fontsize=7,
        wrap=True,
        gid=CAPTION_GID,
    )


def _drawable_characters() -> Callable[[str], bool]:
    """Whether the font matplotlib picks for text has a glyph for every character."""
    from matplotlib import font_manager

    path = font_manager.findfont(font_manager.FontProperties())
    glyphs = _charmap(path)
    return lambda text: all(ord(char) in glyphs or char.isspace() for char in text)


@functools.cache
def _charmap(path: str) -> frozenset[int]:
    from matplotlib import ft2font

    return frozenset(ft2font.FT2Font(path).get_charmap())


def plot_many(
    series: Sequence[Plottable], ax: Axes | None = None, *, title: str | None = None
) -> Axes:
    """Draw several series of one unit on one axes (one colour each); return the Axes."""
    if not series:
        raise ValueError("nothing to plot: no series given")
    units = sorted({s.metric.unit for s in series})
    if len(units) > 1:
        raise ValueError(
            f"cannot draw series in different units on one axes ({', '.join(units)}): "
            "plot each on its own axes"
        )
    facts = [fact for s in series for fact in s.points]
    if not any(fact.has_value for fact in facts):
        raise ValueError("nothing to plot: no point of these series has a readable value")
    axes = _axes(ax)
    scale = _scale(series)
    many = len(series) > 1
    for index, one in enumerate(series):
        _draw(axes, one, _COLOURS[index % len(_COLOURS)], scale)
    axes.xaxis_date()
    unit = series[0].metric.unit
    label = f"{scale.value} {unit}" if scale is not None else unit
    if not _drawable_characters()(label) and scale is not None:
        label = f"{_SCALE_IN_WORDS[scale]} {unit}"  # 亿 without a CJK font: in words
    axes.set_ylabel(label)
    first = series[0]
    axes.set_title(
        title or (first.metric.label if many else f"{first.metric.label}, {first.subject}")
    )
    axes.spines[["top", "right"]].set_visible(False)
    _legend(axes, facts, [f"{one.metric.id}, {one.subject}" for one in series])
    as_of = {s.as_of for s in series}
    _caption(axes, facts, as_of.pop() if len(as_of) == 1 else None)
    return axes


def plot_series(series: Plottable, ax: Axes | None = None) -> Axes:
    """Draw one series (see the module docs for how each caveat is drawn); return the Axes."""
    return plot_many([series], ax)
