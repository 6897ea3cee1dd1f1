"""What a load has found wrong so far: every check adds to one collector, none raises."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import attrs

from ..core.errors import Problem, did_you_mean

__all__ = ["MAX_HINTS", "Collector"]


MAX_HINTS = 20
"""'Did you mean' hints per load: each compares a name with every id, so a file of
thousands of broken references would otherwise take minutes to refuse."""


@attrs.define
class Collector:
    """Problems found so far; every check adds to it instead of raising."""

    problems: list[Problem] = attrs.Factory(list)
    hints_left: int = MAX_HINTS
    unreviewed: dict[str, list[str]] = attrs.Factory(dict)
    """Locations of the records marked ``reviewed = false``, by file."""
    unreviewed_facts: set[str] = attrs.Factory(set)
    unbuilt: list[tuple[str, str, str, dict[str, Any]]] = attrs.Factory(list)
    """(kind, file, location, row) of rows that did not structure: their references
    are still checked, so one load reports every problem of a record."""
    phantoms: set[str] = attrs.Factory(set)
    """Ids of those rows: a reference to one is not reported as unknown."""

    def unbuilt_row(self, kind: str, file: str, location: str, row: dict[str, Any]) -> None:
        self.unbuilt.append((kind, file, location, row))
        name = row.get("id")
        if isinstance(name, str):
            self.phantoms.add(name)

    def add(self, file: str, location: str, message: str) -> None:
        self.problems.append(Problem(file, location, message))

    def hint(self, name: str, options: Collection[str]) -> str:
        """A did-you-mean hint while the budget lasts, then none."""
        if self.hints_left <= 0:
            return ""
        self.hints_left -= 1
        return did_you_mean(name, options)
