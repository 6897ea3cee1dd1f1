"""The gallery page's charts, drawn at build time with the library's own plotting calls.

Each chart is exactly what a user gets from ``metric.plot()``, ``series.plot()``
or ``gb.plot(...)`` (the code is shown beside it on the page), saved as a
deterministic SVG into ``docs/generated/`` by ``gb_pages``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import attrs
import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

import guizhou_bigdata as gb
from guizhou_bigdata.outputs.wide import plot, series_of

matplotlib.use("Agg")

__all__ = ["GALLERY", "GalleryChart", "gallery_svgs"]

_RC: dict[RcKeyType, Any] = {
    "svg.hashsalt": "guizhou-bigdata-gallery",
    "svg.fonttype": "path",
    "text.parse_math": False,
    "font.size": 9,
}


@attrs.frozen
class GalleryChart:
    """One chart of the gallery: its file name, and the call the page shows, run on given axes."""

    name: str
    draw: Callable[[gb.Registry, Axes], object]


GALLERY = (
    GalleryChart("gallery-gdp.svg", lambda r, ax: plot("gdp", registry=r, ax=ax)),
    GalleryChart(
        "gallery-gdp-subjects.svg",
        lambda r, ax: plot("gdp", ["guiyang", "guian_new_area"], registry=r, ax=ax),
    ),
    GalleryChart(
        "gallery-nominal-growth.svg",
        lambda r, ax: series_of(r, "gdp_nominal_growth", "guiyang").plot(ax),
    ),
    GalleryChart(
        "gallery-enterprises.svg", lambda r, ax: plot("big_data_enterprises", registry=r, ax=ax)
    ),
)
"""The charts of docs/gallery.md, in page order: ``plot`` is ``gb.plot`` with a registry."""


def gallery_svgs(registry: gb.Registry) -> dict[str, bytes]:
    """Every gallery chart as SVG bytes, by file name."""
    svgs = {}
    for chart in GALLERY:
        with matplotlib.rc_context(_RC):
            figure = Figure(figsize=(7.5, 4.0), layout="constrained")
            chart.draw(registry, figure.subplots())
            buffer = io.BytesIO()
            figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
        svgs[chart.name] = buffer.getvalue()
    return svgs
