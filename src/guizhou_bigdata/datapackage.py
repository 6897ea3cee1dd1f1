"""A Frictionless Data Package: the facts and what they refer to, as linked CSV tables.

The package is a folder: ``datapackage.json`` (the descriptor) beside one CSV
file per table. Each resource carries its Table Schema (types, constraints,
primary key) and foreign keys link the tables: a fact's source, subject and
metric, a citation's fact and source, the source an entity or milestone
is cited from. The descriptor names the licence and the
data version, and each file's size and SHA-256 so that a reader can tell a
changed file. This module builds content; it writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .columns import (
    CITATIONS,
    ENTITIES,
    FACTS,
    METRICS,
    MILESTONES,
    SOURCES,
    Table,
    numbered_citations,
)
from .formats import csv_text, table_schema

if TYPE_CHECKING:
    from .model import Fact
    from .registry import Registry

__all__ = ["DESCRIPTOR_NAME", "LICENCE_NOTE", "package_files"]

DESCRIPTOR_NAME = "datapackage.json"
"""The descriptor's file name, as the Data Package standard names it."""

LICENCE_NOTE = (
    "The data records (the tables' structure, ids, readings, notes and flags) are released "
    "under the MIT licence of the guizhou-bigdata project. Each quote is a short citation "
    "of the named source, reproduced to show where a figure was read; its text remains "
    "the work of that source's publisher and is not relicensed."
)
"""What the licence covers, as the descriptor states it."""

_LICENCES = [
    {
        "name": "MIT",
        "path": "https://opensource.org/licenses/MIT",
        "title": "MIT License (the data records; quotes are short citations of their sources)",
    }
]


def _resource(table: Table[Any], content: bytes) -> dict[str, object]:
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(content),
        "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
        "dialect": {"delimiter": ",", "lineTerminator": "\n", "header": True},
        "schema": table_schema(table),
    }


def package_files(
    registry: Registry, facts: Sequence[Fact], about: Mapping[str, str]
) -> dict[str, bytes]:
    """The package's files by name: one CSV per table, then the descriptor (last).

    ``facts`` are the facts to include (a filtered selection keeps every source,
    entity and metric, so that each reference resolves); ``about`` holds the
    data version and digest when the facts are the bundled data's.
    """
    tables: list[tuple[Table[Any], list[dict[str, object]]]] = [
        (FACTS, FACTS.rows(facts)),
        (CITATIONS, CITATIONS.rows(numbered_citations(facts))),
        (SOURCES, SOURCES.rows(registry.sources())),
        (METRICS, METRICS.rows(registry.metrics())),
        (ENTITIES, ENTITIES.rows(registry.entities())),
        (MILESTONES, MILESTONES.rows(registry.timeline())),
    ]
    files: dict[str, bytes] = {}
    resources = []
    for table, rows in tables:
        content = csv_text(table, rows).encode("utf-8")
        files[f"{table.name}.csv"] = content
        resources.append(_resource(table, content))
    descriptor: dict[str, object] = {
        "profile": "tabular-data-package",
        "name": "guizhou-bigdata",
        "title": "Checked, cited figures on Guizhou's big-data economy",
        "description": "Figures on Guizhou's big-data economy, each with the verbatim quote "
        "it was read from and its source. " + LICENCE_NOTE,
        "licenses": _LICENCES,
        "sources": [{"title": source.cite()} for source in registry.sources()],
        "keywords": ["guizhou", "big data", "digital economy", "statistics", "citations"],
    }
    if "data_version" in about:
        descriptor["version"] = about["data_version"]
    descriptor.update({key: value for key, value in about.items() if key != "data_version"})
    descriptor["resources"] = resources
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    files[DESCRIPTOR_NAME] = text.encode("utf-8")
    return files
