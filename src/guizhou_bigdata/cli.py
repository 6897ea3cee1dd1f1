"""The ``guizhou-bigdata`` command: headline figures, queries, citations and checks."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TextIO

import attrs

from . import __version__
from .core.characters import terminal_text
from .core.errors import FactNotFoundError, RegistryError, did_you_mean
from .core.model import Fact, Metric
from .core.vocabulary import Modality, Quality, Rank
from .outputs.formats import EXPORT_FORMATS, export_format
from .store.default import default_registry
from .store.registry import FactFilters, Registry

if TYPE_CHECKING:
    from .outputs.citing import Citable
    from .outputs.columns import Table

__all__ = ["main"]

_Output = Literal["human", "data", "encoded"]
"""What a command prints: ``human`` text (tables, citations, messages), escaped wherever
it goes; ``data`` (CSV, BibTeX) or ``encoded`` data (JSON, CSL-JSON, a TOML draft),
written exactly to a file or pipe and escaped on a terminal, ``encoded`` data with the
``\\uXXXX`` escapes its format reads back as the same character."""


def _cell(text: str) -> str:
    """A field of a one-line record: its own line feeds and tabs escaped too."""
    return terminal_text(text, one_line=True)


def _block(text: str) -> str:
    """A value of ``show``: its further lines indented under the first, below the labels."""
    return terminal_text(text).replace("\n", "\n" + " " * 14)


_OUTCOMES = frozenset({Modality.ACTUAL, Modality.ESTIMATE})
"""What the headline prefers to show: what happened, not a target or forecast."""


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
        # The latest outcome a source states; a target or a computed value only when
        # nothing else is there.
        fact = next(
            (f for f in reversed(series) if not f.is_derived and f.modality in _OUTCOMES),
            series[-1],
        )
        lines.append(_cell(f"{metric.label} ({fact.subject}, {fact.period}): {fact.figure}"))
        citation = fact.citations[0]
        if fact.is_derived:
            inputs = ", ".join(fact.derived_from)
            lines.append(f"    {_cell(f'derived from {inputs}: {fact.method}')}")
        elif citation.quote is not None:
            lines.append(f"    \u201c{_cell(citation.quote)}\u201d")
        else:  # a reference: our words, the figure as printed and where it stands
            printed = f"as printed \u201c{citation.as_written}\u201d ({citation.locator})"
            lines.append(f"    {_cell(f'reference, {printed}: {citation.says}')}")
        if not fact.is_derived:
            lines.append(f"    \u2014 {_cell(citation.source.cite())}")
        lines.append("")
    lines.append(
        "More: guizhou-bigdata facts | search QUERY | metrics | entities | show ID | cite ID "
        "| timeline | data-centres | export "
        "| bibliography | check | draft (each with --help)"
    )
    return "\n".join(lines)


def _fact_line(fact: Fact) -> str:
    marks = sorted(q.value for q in fact.quality) + ([] if fact.reviewed else ["unreviewed"])
    flags = f" [{', '.join(marks)}]" if marks else ""
    rank = "" if fact.rank is Rank.NORMAL else f" ({fact.rank.value})"
    return f"{_cell(fact.id)}\t{fact.period}\t{_cell(fact.figure)}{flags}{rank}"


def _show(fact: Fact) -> str:
    rows = [
        ("id", fact.id),
        ("metric", fact.metric),
        ("subject", fact.subject),
        ("period", str(fact.period) + (f" ({fact.period_note})" if fact.period_note else "")),
        ("figure", fact.figure),
        ("as written", fact.as_written or ""),
        ("bound", fact.bound.value),
        ("interval", "" if fact.magnitude is None else str(fact.interval)),
        ("modality", fact.modality.value),
        ("rank", fact.rank.value),
        ("quality", ", ".join(sorted(q.value for q in fact.quality))),
        ("reviewed", "" if fact.reviewed else "no: a machine-read draft"),
        ("note", fact.note or ""),
        ("derived from", ", ".join(fact.derived_from)),
        ("method", fact.method or ""),
    ]
    lines = [f"{name:>12}: {_block(value)}" for name, value in rows if value]
    lines.extend(  # labelled by kind: a quote, or a reference to an unarchived page
        f"{citation.kind.value:>12}: {_block(citation.cite())}" for citation in fact.citations
    )
    return "\n".join(lines)


class _UsageError(Exception):
    """The command line was mistyped; argparse's message, on one line."""


class _Failure(Exception):
    """A command failed for a reason the user can act on: one line and an exit status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, not usage text and a traceback."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def _command(
    commands: argparse._SubParsersAction[_Parser], name: str, text: str
) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
    parser.add_argument(
        "--data",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="a data file or folder of your own, loaded on top of the bundled data with the "
        "same checks (repeat for more)",
    )
    parser.add_argument(
        "--drafts",
        action="store_true",
        help="let --data files hold unreviewed draft records (they are marked unreviewed)",
    )
    return parser


def _registry(args: argparse.Namespace) -> Registry:
    """The bundled registry, or it with the user's ``--data`` files loaded on top."""
    paths: list[Path] = getattr(args, "data", [])
    if getattr(args, "drafts", False) and not paths:
        raise _UsageError("guizhou-bigdata: --drafts needs the --data files it applies to")
    if not paths:
        return default_registry()
    from .store.loading import load_registry

    return load_registry(*paths, drafts=getattr(args, "drafts", False))


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--metric", help="metric id, e.g. gdp")
    parser.add_argument("--subject", help="entity id, e.g. guiyang")
    parser.add_argument("--year", type=int, help="the year the period ends in")
    parser.add_argument("--source", help="source id: facts cited from that source")
    parser.add_argument("--modality", choices=[m.value for m in Modality], help="e.g. actual")
    parser.add_argument("--rank", choices=[r.value for r in Rank], help="statement rank")
    parser.add_argument("--quality", choices=[q.value for q in Quality], help="a quality flag")
    parser.add_argument(
        "--derived",
        action=argparse.BooleanOptionalAction,
        help="only facts the library computed (--derived) or only stated ones (--no-derived)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="guizhou-bigdata",
        description="Checked, cited figures on Guizhou's big-data economy. "
        "With no command: the headline figures with their citations.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in _COMMANDS:
        command.setup(_command(commands, command.name, command.help))
    return parser


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    """A command with only the shared ``--data`` and ``--drafts``."""


def _facts_arguments(facts: argparse.ArgumentParser) -> None:
    _add_filters(facts)
    printed = [known for known in EXPORT_FORMATS if known.text is not None]
    facts.add_argument(
        "--format",
        choices=["table", *(known.name for known in printed)],
        default="table",
        help="table (default): one line per fact; "
        + ", ".join(f"{known.name} ({known.title})" for known in printed)
        + ": every column, as export writes",
    )


def _show_arguments(show: argparse.ArgumentParser) -> None:
    show.add_argument("id", help="fact id, e.g. guizhou.digital_economy_growth.2018.chinadaily")


def _cite_arguments(cite: argparse.ArgumentParser) -> None:
    cite.add_argument(
        "id", nargs="+", help="fact, entity, milestone or source ids: one bibliography"
    )
    cite.add_argument(
        "--format",
        choices=["text", "bibtex", "csl-json"],
        default="text",
        help="text (default), bibtex (an entry per object and article) or csl-json",
    )


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE",
        help="the file to write ('-' for standard output, with --format)",
    )
    names = [(name, known) for known in EXPORT_FORMATS for name in known.names]
    export.add_argument(
        "--format",
        choices=[known.name for known in EXPORT_FORMATS],
        help="the file format; by default the name of FILE decides ("
        + ", ".join(name for name, _ in names if name.startswith("."))
        + "; "
        + ", ".join(f"{name} for a {known.title}" for name, known in names if name[0] != ".")
        + ", its tables written beside it)",
    )
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    _add_filters(export)


def _listing_format(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--format",
        choices=["table", "csv", "json"],
        default="table",
        help=f"table (default): one line per {what}; csv or json: one row or object each",
    )


def _metrics_arguments(parser: argparse.ArgumentParser) -> None:
    _listing_format(parser, "metric")


def _entities_arguments(parser: argparse.ArgumentParser) -> None:
    from .core.entities import ENTITY_KINDS

    parser.add_argument(
        "--kind",
        choices=[kind.key for kind in ENTITY_KINDS],
        help="only entities of this kind",
    )
    _listing_format(parser, "entity")


def _coverage_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--metric", action="append", metavar="ID", help="only this metric (repeat)")
    parser.add_argument(
        "--subject", action="append", metavar="ID", help="only this subject (repeat)"
    )
    parser.add_argument(
        "--min-years", type=int, default=1, metavar="N", help="only pairs with N or more years"
    )
    parser.add_argument(
        "--whole-years",
        action="store_true",
        help="count only years with an actual or estimated figure for the year "
        "(no target, no part of a year, no span of years)",
    )
    _listing_format(parser, "metric and subject")


def _search_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query",
        metavar="QUERY",
        help="words in English or Chinese ('digital economy', 贵阳, 520100): metric ids "
        "and labels, entity names, aliases and codes, quotes and notes",
    )
    parser.add_argument("--limit", type=int, metavar="N", help="only the best N hits")
    _listing_format(parser, "hit")


def _bibliography_arguments(bibliography: argparse.ArgumentParser) -> None:
    bibliography.add_argument(
        "--format",
        choices=["bibtex", "csl-json", "text"],
        default="bibtex",
        help="bibtex (default), csl-json or text",
    )


def _check_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "--sources", type=Path, metavar="DIR", help="folder of the archived source texts"
    )
    check.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="a data file or draft: load it (drafts allowed) and list what a reviewer still "
        "has to settle; exits 1 while any record is unreviewed",
    )


def _draft_arguments(draft: argparse.ArgumentParser) -> None:
    draft.add_argument(
        "article",
        type=Path,
        metavar="ARTICLE",
        help="the article, UTF-8 text; or a folder: each of its *.txt files is drafted "
        "to OUTDIR/NAME.toml, in parallel",
    )
    draft.add_argument(
        "--source",
        metavar="ID",
        help="a new source id (default: the file's name as an id); a folder's articles "
        "take their file names",
    )
    draft.add_argument(
        "--published",
        metavar="DATE",
        help="the article's date, which relative words are resolved against at its "
        "precision: YYYY-MM-DD, YYYY-MM, YYYY, or as printed ('March 5, 2024'); by "
        "default read from a date in the file name (name-2024-03-05.txt) or the byline",
    )
    draft.add_argument("--title", help="the title as printed (one article only)")
    draft.add_argument("--publisher", help="the publisher, when the article states it")
    draft.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="the draft file to write; '-' or none: standard output. For a folder: the "
        "folder to write the drafts to (made if missing)",
    )
    draft.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="for a folder: the number of articles drafted at once (default: the CPUs)",
    )
    draft.add_argument("--force", action="store_true", help="overwrite FILE if it exists")


def _filters(args: argparse.Namespace) -> FactFilters:
    """The fact filters given on the command line (``facts`` and ``export`` share them)."""
    return FactFilters(
        metric=args.metric,
        subject=args.subject,
        year=args.year,
        source=args.source,
        modality=args.modality,
        rank=args.rank,
        quality=args.quality,
        derived=args.derived,
    )


def _filtered(registry: Registry, args: argparse.Namespace) -> tuple[Fact, ...]:
    return registry.facts(**_filters(args))


def _citable(registry: Registry, id: str) -> Citable:
    """The fact, entity, milestone or source with this id (ids are unique across them)."""
    known: dict[str, Citable] = {}
    for group in (
        registry.sources(),
        registry.timeline(),
        registry.entities(),
        registry.facts(),
    ):
        known.update((record.id, record) for record in group)
    try:
        return known[id]
    except KeyError:
        raise FactNotFoundError(
            f"no fact, entity, milestone or source {id!r}{did_you_mean(id, known)}"
        ) from None


def _export(registry: Registry, args: argparse.Namespace) -> str:
    """Write the export; return the note to print, or the data when it goes to a terminal.

    Standard output that is a file or a pipe gets the exact bytes. A terminal gets the
    text, returned to be printed escaped like every other output; Parquet, binary, is
    refused there.
    """
    from .outputs.tables import export

    if str(args.output) != "-" and args.output.is_file() and not args.force:
        raise _Failure(f"{str(args.output)!r} exists: pass --force to overwrite it", 1)
    count = len(_filtered(registry, args))
    to_terminal = str(args.output) == "-" and sys.stdout.isatty()
    chosen = None if args.format is None else export_format(args.format)
    if to_terminal and chosen is not None and chosen.binary is not None:
        raise _Failure(
            f"{chosen.title} is binary and a terminal cannot show it: redirect standard output "
            f"to a file (> facts{chosen.names[0]}), or give -o FILE",
            2,
        )
    captured = io.BytesIO()
    try:
        with contextlib.ExitStack() as stack:
            if to_terminal:
                stream = io.TextIOWrapper(captured, encoding="utf-8")
                stack.callback(stream.detach)  # keep the bytes open for reading below
                stack.enter_context(contextlib.redirect_stdout(stream))
            written = export(args.output, args.format, registry=registry, **_filters(args))
    except ValueError as exc:
        raise _Failure(str(exc), 2) from None
    except ImportError as exc:
        raise _Failure(str(exc), 1) from None
    except OSError as exc:
        raise _Failure(f"cannot write {str(args.output)!r}: {exc.strerror or exc}", 1) from None
    if to_terminal:
        return captured.getvalue().decode("utf-8").rstrip("\n")
    if str(written) == "-":
        return ""  # the data went to standard output; a note there would corrupt it
    noun = "fact" if count == 1 else "facts"
    return f"Wrote {count} {noun} to {written}"


def _draft(args: argparse.Namespace, registry: Registry) -> tuple[str, int]:
    """``draft ARTICLE``: one article to a draft file; a folder to a folder of drafts."""
    from .core.writing import write_file
    from .reading.drafting import article_date, draft, published_period, source_id_for

    if args.article.is_dir():
        return _draft_folder(args, registry)
    if args.jobs is not None:
        raise _UsageError("guizhou-bigdata draft: --jobs drafts a folder; ARTICLE is one file")
    output = None if args.output in (None, "-") else Path(args.output)
    if output is not None and output.exists() and not args.force:
        raise _Failure(f"{str(output)!r} exists: pass --force to overwrite it", 1)
    try:
        raw = args.article.read_bytes()
    except OSError as exc:
        raise _Failure(f"cannot read {str(args.article)!r}: {exc.strerror or exc}", 1) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _Failure(
            f"{str(args.article)!r} is not UTF-8 text (byte {exc.start}): save it as UTF-8", 1
        ) from None
    published = args.published
    note = None
    try:
        if published is None:
            found = article_date(args.article, text)
            if found is None:
                raise _Failure(
                    f"{str(args.article)!r} has no date in its name or byline: give "
                    "--published (YYYY-MM-DD, YYYY-MM or YYYY)",
                    2,
                )
            published, note = found
        else:
            published_period(published)  # refused before reading, with what is valid
        made = draft(
            text,
            source=args.source or source_id_for(args.article),
            published=published,
            title=args.title,
            publisher=args.publisher,
            registry=registry,
        )
    except ValueError as exc:
        raise _Failure(str(exc), 2) from None
    if note is not None:
        made = attrs.evolve(made, source=attrs.evolve(made.source, published_note=note))
    made = made.with_archive(args.article.name)
    toml = made.to_toml()
    if output is None:
        return toml.rstrip("\n"), 0
    try:
        write_file(output, toml.encode("utf-8"))
    except OSError as exc:
        raise _Failure(f"cannot write {str(output)!r}: {exc.strerror or exc}", 1) from None
    count = len(made.facts)
    noun = "fact" if count == 1 else "facts"
    left = len(made.not_drafted)
    aside = f" ({left} not drafted: listed at the top of the file)" if left else ""
    return (
        f"Wrote a draft of {count} {noun}{aside} to {output}, every record unreviewed; "
        f"review it, then: guizhou-bigdata check {output}",
        0,
    )


def _draft_folder(args: argparse.Namespace, registry: Registry) -> tuple[str, int]:
    """Every ``*.txt`` of the folder to OUTDIR/NAME.toml, in parallel, with a progress bar
    on standard error. Exit status 0 when every article drafted, 1 when any failed (each
    failure is reported; the others are still written), 2 for a usage error."""
    from .core.writing import write_file
    from .reading.drafting import ArticleDraft, draft_articles, published_period

    for flag, value in (("--source", args.source), ("--title", args.title)):
        if value is not None:
            raise _UsageError(
                f"guizhou-bigdata draft: {flag} names one article; a folder's articles take "
                "their file names (and their titles are left to the review)"
            )
    if args.output in (None, "-"):
        raise _UsageError("guizhou-bigdata draft: a folder of articles needs -o OUTDIR")
    if args.jobs is not None and args.jobs < 1:
        raise _UsageError("guizhou-bigdata draft: --jobs must be at least 1")
    if args.published is not None:
        try:
            published_period(args.published)
        except ValueError as exc:
            raise _Failure(str(exc), 2) from None
    outdir = Path(args.output)
    if outdir.exists() and not outdir.is_dir():
        raise _Failure(f"{str(outdir)!r} is a file: -o names the folder the drafts go to", 2)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _Failure(f"cannot make {str(outdir)!r}: {exc.strerror or exc}", 1) from None
    articles = sorted(path for path in args.article.glob("*.txt") if path.is_file())
    if not articles:
        raise _Failure(f"{str(args.article)!r} holds no articles (*.txt files)", 1)
    failures: list[str] = []
    todo = []
    for path in articles:
        target = outdir / f"{path.stem}.toml"
        if target.exists() and not args.force:
            failures.append(f"{path.name}: {str(target)!r} exists: pass --force to overwrite it")
        else:
            todo.append(path)
    progress = _Progress(len(todo), sys.stderr)
    for failure in failures:
        progress.note(failure)
    written = 0
    facts = 0

    def done(result: ArticleDraft, count: int, total: int) -> None:
        nonlocal written, facts
        problem = result.problem
        if result.draft is not None:
            target = outdir / f"{result.path.stem}.toml"
            try:
                write_file(target, result.draft.to_toml().encode("utf-8"))
            except OSError as exc:
                problem = f"cannot write {str(target)!r}: {exc.strerror or exc}"
            else:
                written += 1
                facts += len(result.draft.facts)
        if problem is not None:
            failures.append(f"{result.path.name}: {problem}")
            progress.note(f"{result.path.name}: {problem}")
        progress.step(count)

    draft_articles(todo, published=args.published, registry=registry, jobs=args.jobs, on_done=done)
    progress.close()
    summary = (
        f"Wrote {written} of {len(articles)} drafts ({facts} facts) to {outdir}, every record "
        f"unreviewed; review each, then: guizhou-bigdata check FILE"
    )
    if failures:
        return f"{summary}\n{len(failures)} not drafted (reasons above on standard error)", 1
    return summary, 0


class _Progress:
    """A progress bar on standard error: redrawn in place on a terminal, a line per
    article otherwise (a log keeps every step)."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.live = stream.isatty()
        self.count = 0
        self.step(0)

    def _bar(self) -> str:
        width = 30
        filled = width * self.count // max(self.total, 1)
        return f"drafting [{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total}"

    def step(self, count: int) -> None:
        self.count = count
        if self.live:
            self.stream.write("\r" + self._bar())
        elif count:
            self.stream.write(self._bar() + "\n")
        self.stream.flush()

    def note(self, message: str) -> None:
        line = terminal_text(f"guizhou-bigdata: not drafted: {message}", one_line=True)
        self.stream.write(("\r\x1b[K" if self.live else "") + line + "\n")
        if self.live:
            self.stream.write(self._bar())
        self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()


def _check_file(args: argparse.Namespace) -> tuple[str, int]:
    """``check FILE``: what a reviewer still has to settle, and with ``--sources``, the
    quotes of the file's own records verified against the articles in that folder."""
    from .reading.reviewing import review
    from .store.loading import load_registry

    pending = review(*args.data, args.file)
    if args.sources is None:
        return str(pending), 0 if pending.done else 1
    from .checks.provenance import verify_sources

    with_file = load_registry(*args.data, args.file, drafts=True)
    bundled = default_registry()
    known = {fact.id for fact in bundled.facts()} | {e.id for e in bundled.entities()}
    known |= {milestone.id for milestone in bundled.timeline()}
    added = [*with_file.facts(), *with_file.entities(), *with_file.timeline()]
    cited = {c.source.id for record in added if record.id not in known for c in record.citations}
    own = {s.id for s in with_file.sources()} - {s.id for s in bundled.sources()}
    if not own | cited:
        raise _Failure(f"{args.file} has no sources or citations of its own to verify", 1)
    report = verify_sources(args.sources, with_file, only=sorted(own | cited))
    return f"{pending}\n{report}", 0 if pending.done and report.ok else 1


def _run_summary(args: argparse.Namespace) -> tuple[str, int]:
    return _summary(_registry(args)), 0


def _no_facts(registry: Registry, args: argparse.Namespace) -> _Failure:
    """Why ``facts`` found nothing: the filters given and, for a year, the years there are."""
    filters = _filters(args)
    given = " ".join(
        f"--{name} {value}" if value is not True else f"--{name}"
        for name, value in filters.items()
        if value is not None and value is not False
    )
    if args.derived is False:
        given = f"{given} --no-derived".strip()
    message = f"no facts match {given}" if given else "no facts"
    if args.year is not None:
        any_year = filters.copy()
        any_year["year"] = None
        years = sorted({fact.period.end.year for fact in registry.facts(**any_year)})
        message += f"; years with such facts: {', '.join(map(str, years)) or 'none'}"
    return _Failure(message, 1)


def _run_facts(args: argparse.Namespace) -> tuple[str, int]:
    registry = _registry(args)
    found = _filtered(registry, args)
    if not found:
        raise _no_facts(registry, args)
    if args.format == "table":
        return "\n".join(_fact_line(fact) for fact in found), 0
    from .outputs.columns import FACTS

    encode = export_format(args.format).text
    if encode is None:
        raise AssertionError(f"--format {args.format} is not a text format")
    return encode(FACTS, FACTS.rows(found)).rstrip("\n"), 0


def _listing(
    args: argparse.Namespace, lines: list[str], table: Table[Any], records: Sequence[Any]
) -> tuple[str, int]:
    """A listing as ``--format`` asks: the table's lines, or its rows as CSV or JSON."""
    if args.format == "table":
        return "\n".join(lines), 0
    from .outputs import formats

    encode = formats.csv_text if args.format == "csv" else formats.json_text
    return encode(table, table.rows(records)).rstrip("\n"), 0


def _run_metrics(args: argparse.Namespace) -> tuple[str, int]:
    from .outputs.columns import Column, ColumnType, Table

    registry = _registry(args)
    years: dict[str, tuple[int, ...]] = {}
    for fact in registry.facts():
        years[fact.metric] = (*years.get(fact.metric, ()), fact.period.end.year)
    rows = [(metric, tuple(sorted(set(years.get(metric.id, ()))))) for metric in registry.metrics()]
    text = ColumnType.STRING
    table: Table[tuple[Metric, tuple[int, ...]]] = Table(
        name="metrics",
        title="Metrics",
        description="The metric catalogue with the years its facts cover.",
        columns=(
            Column("id", text, "The metric's id.", lambda row: row[0].id, required=True),
            Column("label", text, "What it measures.", lambda row: row[0].label),
            Column("label_zh", text, "Its Chinese label.", lambda row: row[0].label_zh),
            Column("unit", text, "The unit of its facts.", lambda row: row[0].unit),
            Column(
                "years",
                text,
                "The years its facts end in, comma-separated.",
                lambda row: ",".join(map(str, row[1])) or None,
            ),
        ),
        primary_key=("id",),
    )
    lines = [
        "\t".join(map(_cell, (metric.id, metric.label, metric.label_zh or "", metric.unit)))
        + f"\t{_years_text(spans)}"
        for metric, spans in rows
    ]
    return _listing(args, lines, table, rows)


def _years_text(years: Sequence[int]) -> str:
    """Years as spans: 2013-2018, 2020."""
    spans: list[list[int]] = []
    for year in years:
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _run_entities(args: argparse.Namespace) -> tuple[str, int]:
    from .core.entities import ENTITY_KINDS
    from .outputs.columns import ENTITIES

    registry = _registry(args)
    found = [
        (kind.key, entity)
        for kind in ENTITY_KINDS
        if args.kind in (None, kind.key)
        for entity in registry.of_kind(kind.cls)
    ]
    entities = [entity for _, entity in found]
    lines = []
    for key, entity in found:
        sort = getattr(entity, "kind", None)
        what = key + (f" ({sort.value})" if sort is not None else "")
        code = getattr(entity, "code", None) or ""
        cells = (entity.id, what, entity.name, entity.name_zh or "", code)
        lines.append("\t".join(map(_cell, cells)))
    return _listing(args, lines, ENTITIES, entities)


def _run_search(args: argparse.Namespace) -> tuple[str, int]:
    from .outputs.columns import Column, ColumnType, Table
    from .store.search import EntityHit, Hit, MetricHit

    if args.limit is not None and args.limit < 1:
        raise _UsageError("guizhou-bigdata search: --limit must be at least 1")
    try:
        hits = _registry(args).search(args.query, limit=args.limit)
    except ValueError as exc:
        raise _Failure(str(exc), 2) from None
    if not hits:
        raise _Failure(f"no metric, entity or fact matches {args.query!r}", 1)

    def kind(hit: Hit) -> str:
        return (
            "metric"
            if isinstance(hit, MetricHit)
            else "entity"
            if isinstance(hit, EntityHit)
            else "fact"
        )

    text = ColumnType.STRING
    table: Table[Hit] = Table(
        name="search",
        title="Search hits",
        description="What a query matched, best first.",
        columns=(
            Column("kind", text, "metric, entity or fact.", kind, required=True),
            Column("id", text, "Its id.", lambda hit: hit.id, required=True),
            Column("field", text, "The field that matched.", lambda hit: hit.field),
            Column("text", text, "That field's text.", lambda hit: hit.text),
            Column("score", ColumnType.NUMBER, "How well it matched.", lambda hit: hit.score),
        ),
        primary_key=("kind", "id"),
    )
    lines = ["\t".join(map(_cell, (kind(hit), hit.id, hit.field, hit.text))) for hit in hits]
    return _listing(args, lines, table, hits)


def _run_coverage(args: argparse.Namespace) -> tuple[str, int]:
    from .outputs.columns import Column, ColumnType, Table
    from .outputs.wide import CoverageRow, coverage

    if args.min_years < 1:
        raise _UsageError("guizhou-bigdata coverage: --min-years must be at least 1")
    found = coverage(args.metric, args.subject, registry=_registry(args))
    if args.whole_years:
        rows = list(found.long_series(args.min_years))
    else:
        rows = [row for row in found.rows if len(row.years) >= args.min_years]
    if not rows:
        which = "whole years" if args.whole_years else "years"
        raise _Failure(f"no metric and subject has {args.min_years} or more {which}", 1)
    text = ColumnType.STRING
    table: Table[CoverageRow] = Table(
        name="coverage",
        title="Coverage",
        description="Which metric and subject has a usable figure in which year.",
        columns=(
            Column("metric", text, "The metric's id.", lambda row: row.metric, required=True),
            Column("subject", text, "The subject's id.", lambda row: row.subject, required=True),
            Column("years", ColumnType.INTEGER, "How many years.", lambda row: len(row.years)),
            Column(
                "spans",
                text,
                "The years, as spans (2013-2018, 2020).",
                lambda row: _years_text(row.years),
            ),
            Column(
                "whole_years",
                ColumnType.INTEGER,
                "How many years have an actual or estimated figure for the year.",
                lambda row: len(row.whole_years),
            ),
            Column(
                "whole_spans",
                text,
                "Those years, as spans.",
                lambda row: _years_text(row.whole_years),
            ),
        ),
        primary_key=("metric", "subject"),
    )
    lines = [
        "\t".join(
            map(
                _cell,
                (
                    row.metric,
                    row.subject,
                    str(len(row.years)),
                    _years_text(row.years),
                    str(len(row.whole_years)),
                    _years_text(row.whole_years),
                ),
            )
        )
        for row in rows
    ]
    return _listing(args, lines, table, rows)


def _run_show(args: argparse.Namespace) -> tuple[str, int]:
    return _show(_registry(args).fact(args.id)), 0


def _run_cite(args: argparse.Namespace) -> tuple[str, int]:
    registry = _registry(args)
    from .outputs.citing import cite

    return cite([_citable(registry, id) for id in args.id], args.format), 0


def _run_data_centres(args: argparse.Namespace) -> tuple[str, int]:
    lines = []
    for centre in _registry(args).data_centres():
        where = f"{centre.location or 'location not stated'}"
        lines.append(
            f"{_cell(centre.id)}\t{_cell(centre.name)}\t{_cell(where)}\t{centre.status.value}"
        )
    return "\n".join(lines), 0


def _run_timeline(args: argparse.Namespace) -> tuple[str, int]:
    return "\n".join(f"{m.date}\t{_cell(m.title)}" for m in _registry(args).timeline()), 0


def _run_export(args: argparse.Namespace) -> tuple[str, int]:
    return _export(_registry(args), args), 0


def _run_bibliography(args: argparse.Namespace) -> tuple[str, int]:
    registry = _registry(args)
    from .outputs.citing import bibliography

    return bibliography(args.format, registry=registry), 0


def _run_draft(args: argparse.Namespace) -> tuple[str, int]:
    return _draft(args, _registry(args))


def _run_check(args: argparse.Namespace) -> tuple[str, int]:
    if args.file is not None:
        return _check_file(args)
    registry = _registry(args)
    from . import __data_version__, data_digest

    yours = f"; with {', '.join(map(str, args.data))}" if args.data else ""
    message = (
        f"Loaded and validated {len(registry.facts())} facts: no problems.\n"
        f"Bundled data {__data_version__}, {data_digest()}{yours}"
    )
    if args.sources is None:
        from .checks.auditing import audit

        return f"{message}\n\n{audit(registry)}", 0
    from .checks.provenance import verify_sources

    report = verify_sources(args.sources, registry)
    return f"{message}\n{report}", 0 if report.ok else 1


def _human(args: argparse.Namespace) -> _Output:
    """Text for people: tables, citations, messages."""
    return "human"


def _by_format(args: argparse.Namespace) -> _Output:
    """Data or encoded data as ``--format`` asks; its human formats (table, text) are text."""
    if args.format in _ENCODED:
        return "encoded"
    if args.format in _DATA:
        return "data"
    return "human"


_ENCODED = frozenset(
    ["csl-json", *(known.name for known in EXPORT_FORMATS if known.unicode_escapes)]
)
"""The formats that read ``\\uXXXX`` back as the character: a terminal is shown those."""
_DATA = frozenset(
    ["bibtex", *(k.name for k in EXPORT_FORMATS if k.text is not None and not k.unicode_escapes)]
)
"""The other data formats of text, printed exactly to a file or pipe."""


def _export_output(args: argparse.Namespace) -> _Output:
    """To a file, the note naming it; to standard output, the data."""
    return "human" if str(args.output) != "-" else _by_format(args)


def _draft_output(args: argparse.Namespace) -> _Output:
    """To standard output, the TOML draft; to a file or folder, the note naming it."""
    return "encoded" if args.output in (None, "-") else "human"


@attrs.frozen
class _Command:
    """One command: its name and help, its arguments, what runs it and what it prints."""

    name: str
    help: str
    run: Callable[[argparse.Namespace], tuple[str, int]]
    setup: Callable[[argparse.ArgumentParser], None] = _no_arguments
    output: Callable[[argparse.Namespace], _Output] = _human


_COMMANDS = (
    _Command("summary", "headline figures with their citations (the default)", _run_summary),
    _Command(
        "facts",
        "list facts, filtered, as a table, CSV or JSON",
        _run_facts,
        _facts_arguments,
        _by_format,
    ),
    _Command("show", "one fact in full, with every citation", _run_show, _show_arguments),
    _Command(
        "cite",
        "the citation of facts, entities, milestones or sources, by id",
        _run_cite,
        _cite_arguments,
        _by_format,
    ),
    _Command(
        "metrics",
        "list the metrics: id, label, Chinese label, unit and years",
        _run_metrics,
        _metrics_arguments,
        _by_format,
    ),
    _Command(
        "entities",
        "list places, organisations, data centres, platforms, events and policies",
        _run_entities,
        _entities_arguments,
        _by_format,
    ),
    _Command(
        "search",
        "find metrics, entities and facts by words in English or Chinese",
        _run_search,
        _search_arguments,
        _by_format,
    ),
    _Command(
        "coverage",
        "which metric and subject has which years",
        _run_coverage,
        _coverage_arguments,
        _by_format,
    ),
    _Command("data-centres", "the data centres the sources name", _run_data_centres),
    _Command("timeline", "dated milestones in order", _run_timeline),
    _Command(
        "export",
        "write facts, filtered, to a CSV, JSON, JSON Lines or Parquet file or a Data Package",
        _run_export,
        _export_arguments,
        _export_output,
    ),
    _Command(
        "bibliography",
        "every source, as BibTeX, CSL-JSON or text",
        _run_bibliography,
        _bibliography_arguments,
        _by_format,
    ),
    _Command(
        "check",
        "validate the data and print the audit; with --sources, verify every quote instead",
        _run_check,
        _check_arguments,
    ),
    _Command(
        "draft",
        "read an article's figures into a draft data file for review",
        _run_draft,
        _draft_arguments,
        _draft_output,
    ),
)
"""Every command, in the order ``--help`` lists them: a new command is a function and a row."""

_BY_NAME = {command.name: command for command in _COMMANDS}


def _chosen(args: argparse.Namespace) -> _Command:
    """The command given, or ``summary`` when none is."""
    return _BY_NAME[args.command or "summary"]


def _run(args: argparse.Namespace) -> tuple[str, int]:
    return _chosen(args).run(args)


def _output(args: argparse.Namespace) -> _Output:
    """What the command prints to standard output: human text, data, or encoded data."""
    return _chosen(args).output(args)


def _emit(text: str, stream: TextIO, output: _Output = "human") -> None:
    """Print ``text`` so that a terminal shows what it holds; every output goes through here.

    Control characters, DEL and bidirectional controls from the data (or from a message
    quoting it) are printed as visible escapes (``\\r``, ``\\x9b``, ``\\u202e``): a
    carriage return could otherwise print a figure over another, an override reverse
    one. Line feeds and tabs stay, the layout of the text. Data formats go to a file or
    pipe exactly. What the stream's encoding cannot show (an ASCII terminal) is escaped
    too.
    """
    if output == "human" or stream.isatty():
        text = terminal_text(text, unicode_escapes=output == "encoded")
    encoding = getattr(stream, "encoding", None) or "utf-8"
    print(text.encode(encoding, "backslashreplace").decode(encoding), file=stream, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; errors print one line to stderr and exit non-zero.

    Exit status: 0 success, 1 a failure (invalid data, a missing extra, a file
    that cannot be written, unverified quotes), 2 a usage error or unknown id.
    Text the terminal's encoding cannot show is printed as backslash escapes, and so
    are control characters and bidirectional controls in the data: always in text for
    people, and in CSV, JSON, BibTeX or TOML when standard output is a terminal (JSON
    and TOML with ``\\uXXXX`` escapes, which they read back as the same character).
    """
    try:
        args = _parser().parse_args(argv)
        text, status = _run(args)
    except _UsageError as exc:
        _emit(str(exc), sys.stderr)
        return 2
    except _Failure as exc:
        _emit(f"guizhou-bigdata: {exc}", sys.stderr)
        return exc.status
    except FactNotFoundError as exc:
        _emit(f"guizhou-bigdata: {exc.args[0]}", sys.stderr)
        return 2
    except RegistryError as exc:
        _emit(f"guizhou-bigdata: {exc}", sys.stderr)
        return 1
    except OSError as exc:
        _emit(f"guizhou-bigdata: {exc}", sys.stderr)
        return 1
    if text:
        try:
            _emit(text, sys.stdout, _output(args))
        except BrokenPipeError:
            # The reader (``| head``) has gone: that is how pipelines end, not an error.
            # Point stdout at devnull so the interpreter's final flush cannot fail too.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return status
