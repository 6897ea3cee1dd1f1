"""The exceptions a user can catch, and the problem record that load errors list."""

from __future__ import annotations

import reprlib
from collections.abc import Iterable

import attrs

_SHOWN_LENGTH = 60
_MAX_HINT_LENGTH = 200

MAX_SHOWN = 50
"""Problems a :class:`RegistryError` message lists; ``problems`` holds them all."""
MAX_LINE_LENGTH = 500
"""Characters of one problem shown in the message; longer ones end in '...'."""


def _cut(text: str) -> str:
    return text if len(text) <= MAX_LINE_LENGTH else text[: MAX_LINE_LENGTH - 3] + "..."


def _make_repr() -> reprlib.Repr:
    short = reprlib.Repr()
    short.maxstring = _SHOWN_LENGTH
    short.maxother = _SHOWN_LENGTH
    short.maxlong = _SHOWN_LENGTH
    short.maxlist = short.maxtuple = short.maxdict = short.maxset = 4
    short.maxlevel = 3
    return short


_REPR = _make_repr()


def shown(value: object) -> str:
    """``repr(value)`` cut short: an error message quotes a bad value, never a whole file.

    Data files may hold megabyte strings, 10,000-digit numbers or arrays nested
    hundreds deep; quoting them in full would bury the message (and a deep
    ``repr`` could itself fail).
    """
    return _REPR.repr(value)


def did_you_mean(name: str, options: Iterable[str]) -> str:
    """A '; did you mean ...?' hint naming the closest options, or '' when none is close."""
    import difflib

    if len(name) > _MAX_HINT_LENGTH:  # nothing that long is a typo of an id; spare difflib
        return ""
    matches = difflib.get_close_matches(name, list(options), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(map(repr, matches))}?" if matches else ""


@attrs.frozen
class Problem:
    """One thing wrong with a data file: where it is and what would be valid."""

    file: str
    location: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.location}" if self.location else self.file
        return f"{where}: {self.message}"


class RegistryError(ValueError):
    """Data files could not be loaded; ``problems`` lists every problem found.

    The message shows the first ``MAX_SHOWN`` (50) of them, each cut to
    ``MAX_LINE_LENGTH`` (500) characters, and how many more there are.

    Loading is all or nothing: when this is raised, no registry was built and the
    default registry, if already loaded, is untouched.
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in the data files:"]
        lines.extend(f"  - {_cut(str(problem))}" for problem in self.problems[:MAX_SHOWN])
        if count > MAX_SHOWN:
            lines.append(f"  ... and {count - MAX_SHOWN} more (every one is in .problems)")
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[type[RegistryError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class FactNotFoundError(LookupError):
    """No fact, metric, entity or source matches; the message says what exists."""


class NoValueError(ValueError):
    """A fact has no readable value, so no quantity or interval; the message says why.

    ``fact_id``, ``as_written`` (the figure as the source prints it) and
    ``flags`` (its quality flags) let a caller report or skip it; test
    ``fact.has_value`` first to avoid the exception.
    """

    fact_id: str
    as_written: str | None
    flags: tuple[str, ...]

    def __init__(self, fact_id: str, as_written: str | None, flags: Iterable[str] = ()) -> None:
        self.fact_id = fact_id
        self.as_written = as_written
        self.flags = tuple(sorted(flags))
        printed = "nothing" if as_written is None else shown(as_written)
        flagged = f", flagged {', '.join(self.flags)}" if self.flags else ", not flagged"
        super().__init__(
            f"fact {fact_id!r} has no readable value (the source prints {printed}{flagged}), "
            "so it has no quantity or interval; check fact.has_value, or read fact.as_written"
        )

    def __reduce__(self) -> tuple[type[NoValueError], tuple[str, str | None, tuple[str, ...]]]:
        return (type(self), (self.fact_id, self.as_written, self.flags))


class UnitError(ValueError):
    """A unit string is outside the allowed grammar or not defined."""
