"""Sphinx configuration for the guizhou-bigdata documentation."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from sphinx.util.nodes import make_refnode

import guizhou_bigdata

# gb_pages generates the data pages into generated/ at build time (see its docstring).
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "guizhou-bigdata"
author = "The guizhou-bigdata developers"
copyright = "2026, The guizhou-bigdata developers"
release = guizhou_bigdata.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "gb_pages",
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# Fragments that quality.md includes are not pages of their own.
exclude_patterns = ["_build", "generated/partials"]
# Quotes are verbatim: keep straight quotes, "--" and "..." as the sources print them.
smartquotes = False
html_theme = "furo"
html_static_path = ["_static"]
html_css_files = ["tables.css"]
html_title = f"guizhou-bigdata {release}"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
# Every reference must resolve (-n): the project's own names are documented
# here; the standard library's and other packages' would need their inventories
# from the network (intersphinx), so the build, which must work offline, names
# them without a link.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(os|decimal|datetime|dt|collections\.abc|pathlib|typing|enum)\..*"),
    (r"py:.*", r"(Path|Decimal|Iterable|Sequence|Mapping)"),
    (r"py:.*", r"(pint|pd|pandas|pyarrow|attrs|cattrs|matplotlib)(\..*)?"),
    (r"py:.*", r"Axes"),  # matplotlib.axes.Axes, as the plotting signatures name it
    # Type variables (one capital letter) have no page of their own.
    (r"py:class", r"(guizhou_bigdata\.[\w.]+\.)?[A-Z]"),
]


def _resolve_in_package(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a short name in the package's docstrings (``Registry.facts``, ``COLUMNS``).

    Public names are documented where ``guizhou_bigdata`` re-exports them, so a
    docstring's short reference from inside a submodule is looked up there, then
    as the one documented object whose full name ends with it.
    """
    if node.get("refdomain") != "py":
        return None
    domain = env.get_domain("py")
    target = node["reftarget"].lstrip("~.")
    # A submodule's class re-exported by the package (outputs.series.Series) is
    # documented as guizhou_bigdata.Series: try that name first.
    short = f"guizhou_bigdata.{target.rsplit('.', 1)[-1]}"
    for name in (f"guizhou_bigdata.{target}", short, target):
        # Any object type: a type alias (data) is named in signatures as a class.
        found = domain.find_obj(env, None, None, name, None, 1)
        if len(found) == 1:
            fullname, entry = found[0]
            return make_refnode(
                app.builder, node["refdoc"], entry.docname, entry.node_id, contnode, fullname
            )
    return None


def setup(app: Any) -> None:
    app.connect("missing-reference", _resolve_in_package)
