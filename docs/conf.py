"""Sphinx configuration for the guizhou-bigdata documentation."""

from __future__ import annotations

import sys
from pathlib import Path

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
    "sphinx.ext.napoleon",
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
html_title = f"guizhou-bigdata {release}"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
suppress_warnings = ["myst.xref_missing"]
