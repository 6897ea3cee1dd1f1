"""Outputs: a registry's content handed to other tools.

Columns and tables, CSV/JSON/Parquet, the Frictionless Data Package, BibTeX and
CSL-JSON citations. It imports the store and the core, never checks or reading
(docs/architecture.md).
"""
