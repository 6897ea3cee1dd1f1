"""The ``guizhou-bigdata`` command: headline figures, queries, citations and checks."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NoReturn, TextIO

from . import __version__
from .core.characters import terminal_text
from .core.errors import FactNotFoundError, RegistryError, did_you_mean
from .core.model import Fact
from .core.vocabulary import Modality, Quality, Rank
from .store.default import default_registry
from .store.registry import FactFilters, Registry

if TYPE_CHECKING:
    from .outputs.citing import Citable

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
        lines.append(_cell(f"{metric.label} ({fact.subject}, {fact.period}): {fact.figure}"))
        citation = fact.citations[0]
        lines.append(f"    \u201c{_cell(citation.quote)}\u201d")
        lines.append(f"    \u2014 {_cell(citation.source.cite())}")
        lines.append("")
    lines.append(
        "More: guizhou-bigdata facts | show ID | cite ID | timeline | data-centres | export "
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
    lines.extend(f"{'citation':>12}: {_block(citation.cite())}" for citation in fact.citations)
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
    _command(commands, "summary", "headline figures with their citations (the default)")
    facts = _command(commands, "facts", "list facts, filtered, as a table, CSV or JSON")
    _add_filters(facts)
    facts.add_argument(
        "--format",
        choices=["table", "csv", "json", "jsonl"],
        default="table",
        help="table (default): one line per fact; csv, json and jsonl (JSON Lines): "
        "every column, as export writes",
    )
    show = _command(commands, "show", "one fact in full, with every citation")
    show.add_argument("id", help="fact id, e.g. guizhou.digital_economy_growth.2018.chinadaily")
    cite = _command(
        commands, "cite", "the citation of facts, entities, milestones or sources, by id"
    )
    cite.add_argument(
        "id", nargs="+", help="fact, entity, milestone or source ids: one bibliography"
    )
    cite.add_argument(
        "--format",
        choices=["text", "bibtex", "csl-json"],
        default="text",
        help="text (default), bibtex (an entry per object and article) or csl-json",
    )
    _command(commands, "data-centres", "the data centres the sources name")
    _command(commands, "timeline", "dated milestones in order")
    export = _command(
        commands,
        "export",
        "write facts, filtered, to a CSV, JSON, JSON Lines or Parquet file or a Data Package",
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE",
        help="the file to write ('-' for standard output, with --format)",
    )
    export.add_argument(
        "--format",
        choices=["csv", "json", "jsonl", "parquet", "datapackage"],
        help="the file format; by default the name of FILE decides (.csv, .json, .jsonl, "
        ".ndjson, .parquet; datapackage.json for a Data Package, its tables written beside it)",
    )
    _add_filters(export)
    bibliography = _command(commands, "bibliography", "every source, as BibTeX, CSL-JSON or text")
    bibliography.add_argument(
        "--format",
        choices=["bibtex", "csl-json", "text"],
        default="bibtex",
        help="bibtex (default), csl-json or text",
    )
    check = _command(
        commands,
        "check",
        "validate the data and print the audit; with --sources, verify every quote instead",
    )
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
    draft = _command(
        commands, "draft", "read an article's figures into a draft data file for review"
    )
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
    return parser


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

    count = len(_filtered(registry, args))
    to_terminal = str(args.output) == "-" and sys.stdout.isatty()
    if to_terminal and args.format == "parquet":
        raise _Failure(
            "Parquet is binary and a terminal cannot show it: redirect standard output to a "
            "file (> facts.parquet), or give -o FILE",
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
        import attrs

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


def _run(args: argparse.Namespace) -> tuple[str, int]:
    if args.command == "check" and args.file is not None:
        return _check_file(args)
    registry = _registry(args)
    if args.command in (None, "summary"):
        return _summary(registry), 0
    if args.command == "facts":
        found = _filtered(registry, args)
        if args.format == "table":
            return "\n".join(_fact_line(fact) for fact in found), 0
        from .outputs import formats
        from .outputs.columns import FACTS

        encode = {
            "csv": formats.csv_text,
            "json": formats.json_text,
            "jsonl": formats.json_lines_text,
        }[args.format]
        return encode(FACTS, FACTS.rows(found)).rstrip("\n"), 0
    if args.command == "show":
        return _show(registry.fact(args.id)), 0
    if args.command == "cite":
        from .outputs.citing import cite

        return cite([_citable(registry, id) for id in args.id], args.format), 0
    if args.command == "data-centres":
        lines = []
        for centre in registry.data_centres():
            where = f"{centre.location or 'location not stated'}"
            lines.append(
                f"{_cell(centre.id)}\t{_cell(centre.name)}\t{_cell(where)}\t{centre.status.value}"
            )
        return "\n".join(lines), 0
    if args.command == "timeline":
        return "\n".join(f"{m.date}\t{_cell(m.title)}" for m in registry.timeline()), 0
    if args.command == "export":
        return _export(registry, args), 0
    if args.command == "bibliography":
        from .outputs.citing import bibliography

        return bibliography(args.format, registry=registry), 0
    if args.command == "draft":
        return _draft(args, registry)
    if args.command == "check":
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
    raise AssertionError(f"unhandled command {args.command!r}")


def _output(args: argparse.Namespace) -> _Output:
    """What the command prints to standard output: human text, data, or encoded data."""
    if args.command == "draft":
        return "encoded" if args.output in (None, "-") else "human"
    if args.command == "export" and str(args.output) != "-":
        return "human"  # the note naming the file written
    if args.command in ("facts", "cite", "bibliography", "export"):
        if args.format in ("json", "jsonl", "csl-json"):
            return "encoded"
        if args.format in ("csv", "bibtex"):
            return "data"
    return "human"


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
