"""The core: what a figure is, and nothing about where it came from or goes.

The model (facts, citations, sources, metrics, entities), its vocabulary,
periods, Pint units, intervals, the words a figure is shown in, notebook cards
and errors. Core imports nothing else of the package: every other layer builds
on it (docs/architecture.md).
"""
