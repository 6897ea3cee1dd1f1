"""The ``guizhou-bigdata`` command: headline figures, queries, citations and checks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from ._default import default_registry
from .errors import FactNotFoundError, RegistryError
from .model import Fact, Rank
from .registry import Registry

__all__ = ["main"]


def _summary(registry: Registry) -> str:
    lines = [
        f"guizhou-bigdata {__version__}: {len(registry.facts())} cited facts from "
        f"{len(registry.sources())} sources",
        "",
        "Headline figures",
        "",
    ]
    for metric in registry.metrics():
        if not metric.headline:
            continue
        series = registry.series(metric.id)
        if not series:
            continue
        fact = series[-1]
        lines.append(f"{metric.label} ({fact.subject}, {fact.period}): {fact.figure}")
        citation = fact.citations[0]
        lines.append(f"    \u201c{citation.quote}\u201d")
        lines.append(f"    \u2014 {citation.source.cite()}")
        lines.append("")
    lines.append("More: guizhou-bigdata facts | show ID | cite ID | data-centres | check")
    return "\n".join(lines)


def _fact_line(fact: Fact) -> str:
    flags = f" [{', '.join(sorted(q.value for q in fact.quality))}]" if fact.quality else ""
    rank = "" if fact.rank is Rank.NORMAL else f" ({fact.rank.value})"
    return f"{fact.id}\t{fact.period}\t{fact.figure}{flags}{rank}"


def _show(fact: Fact) -> str:
    rows = [
        ("id", fact.id),
        ("metric", fact.metric),
        ("subject", fact.subject),
        ("period", str(fact.period) + (f" ({fact.period_note})" if fact.period_note else "")),
        ("figure", fact.figure),
        ("as written", fact.as_written or ""),
        ("bound", fact.bound.value),
        ("modality", fact.modality.value),
        ("rank", fact.rank.value),
        ("quality", ", ".join(sorted(q.value for q in fact.quality))),
        ("note", fact.note or ""),
        ("derived from", ", ".join(fact.derived_from)),
        ("method", fact.method or ""),
    ]
    lines = [f"{name:>12}: {value}" for name, value in rows if value]
    lines.extend(f"{'citation':>12}: {citation.cite()}" for citation in fact.citations)
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guizhou-bigdata",
        description="Checked, cited figures on Guizhou's big-data economy. "
        "With no command: the headline figures with their citations.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("summary", help="headline figures with their citations (the default)")
    facts = commands.add_parser("facts", help="list facts, filtered")
    facts.add_argument("--metric", help="metric id, e.g. gdp")
    facts.add_argument("--subject", help="entity id, e.g. guiyang")
    facts.add_argument("--year", type=int, help="the year the period ends in")
    facts.add_argument("--source", help="source id")
    show = commands.add_parser("show", help="one fact in full")
    show.add_argument("id")
    cite = commands.add_parser("cite", help="the citation of one fact")
    cite.add_argument("id")
    commands.add_parser("data-centres", help="the data centres the sources name")
    commands.add_parser("timeline", help="dated milestones in order")
    check = commands.add_parser(
        "check",
        help="validate the data and print the audit; with --sources, verify every quote instead",
    )
    check.add_argument(
        "--sources", type=Path, metavar="DIR", help="folder of the archived source texts"
    )
    return parser


def _run(args: argparse.Namespace) -> tuple[str, int]:
    registry = default_registry()
    if args.command in (None, "summary"):
        return _summary(registry), 0
    if args.command == "facts":
        found = registry.facts(
            metric=args.metric, subject=args.subject, year=args.year, source=args.source
        )
        return "\n".join(_fact_line(fact) for fact in found), 0
    if args.command == "show":
        return _show(registry.fact(args.id)), 0
    if args.command == "cite":
        return registry.fact(args.id).cite(), 0
    if args.command == "data-centres":
        lines = []
        for centre in registry.data_centres():
            where = f"{centre.location or 'location not stated'}"
            lines.append(f"{centre.id}\t{centre.name}\t{where}\t{centre.status.value}")
        return "\n".join(lines), 0
    if args.command == "timeline":
        return "\n".join(f"{m.date}\t{m.title}" for m in registry.timeline()), 0
    if args.command == "check":
        message = f"Loaded and validated {len(registry.facts())} facts: no problems."
        if args.sources is None:
            from .auditing import audit

            return f"{message}\n\n{audit(registry)}", 0
        from .provenance import verify_sources

        report = verify_sources(args.sources, registry)
        return f"{message}\n{report}", 0 if report.ok else 1
    raise AssertionError(f"unhandled command {args.command!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors print one line to stderr and exit non-zero."""
    args = _parser().parse_args(argv)
    try:
        text, status = _run(args)
    except FactNotFoundError as exc:
        print(f"guizhou-bigdata: {exc.args[0]}", file=sys.stderr)
        return 2
    except RegistryError as exc:
        print(f"guizhou-bigdata: {exc}", file=sys.stderr)
        return 1
    if text:
        print(text)
    return status
