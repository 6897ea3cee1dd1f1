"""Sphinx configuration for the guizhou-bigdata documentation."""

from __future__ import annotations

import guizhou_bigdata

project = "guizhou-bigdata"
author = "The guizhou-bigdata developers"
copyright = "2026, The guizhou-bigdata developers"
release = guizhou_bigdata.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = f"guizhou-bigdata {release}"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
suppress_warnings = ["myst.xref_missing"]
