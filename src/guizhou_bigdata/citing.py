"""Citations of facts, entities, milestones and sources as text, BibTeX and CSL-JSON.

BibTeX: one entry per cited source, keyed by the source id. A source with a
publisher is an ``@article`` with ``journal = {publisher}`` (the one entry type
for a periodical's article that classic BibTeX and biblatex styles share); a
source without one is a ``@misc``, because ``@article`` requires a journal. Author names are
braced whole (``{Liu Ziyun}``) so BibTeX does not reorder Chinese names, which
are written family name first. ``note`` holds the figure and the verbatim quote.

CSL-JSON: a JSON array of ``article-newspaper`` items, one per cited source,
with names as ``{"literal": ...}`` and ``issued`` only as precise as the source's
date. Source archives are file names in the project's text archive, not web
addresses: ``url`` and ``URL`` are written only when the archive is an
``http(s)://`` address.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal, cast

from .entities import Entity, Milestone
from .model import Citation, Fact, Source
from .periods import Period, Precision

if TYPE_CHECKING:
    from .registry import Registry

__all__ = ["CITATION_FORMATS", "bibliography", "bibtex_escape", "bibtex_key", "cite"]

CitationFormat = Literal["text", "bibtex", "csl-json"]
CITATION_FORMATS: tuple[CitationFormat, ...] = ("text", "bibtex", "csl-json")
"""The formats :func:`cite` and :func:`bibliography` produce."""

Citable = Fact | Entity | Milestone | Source

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BIBTEX_SPECIALS = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "%": r"\%",
        "&": r"\&",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
_URL_UNSAFE = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C"})
_UNSAFE_KEY = re.compile(r"[^A-Za-z0-9_.:-]")


def _check_format(format: str) -> CitationFormat:
    for known in CITATION_FORMATS:
        if format == known:
            return known
    raise ValueError(
        f"unknown citation format {format!r}; valid formats: {', '.join(CITATION_FORMATS)}"
    )


def bibtex_escape(text: str) -> str:
    """Text with BibTeX/LaTeX specials escaped, so it is printed as written."""
    return text.translate(_BIBTEX_SPECIALS)


def bibtex_key(source_id: str) -> str:
    """A BibTeX key for a source id: the id itself when safe, else a safe, unique form."""
    safe = _UNSAFE_KEY.sub("_", source_id)
    if safe == source_id:
        return safe
    return f"{safe}-{hashlib.sha256(source_id.encode('utf-8')).hexdigest()[:8]}"


def _what(obj: Citable) -> str:
    """What the citation supports, for a note: the figure, entity or milestone."""
    if isinstance(obj, Fact):
        return f"{obj.figure} ({obj.metric}, {obj.subject}, {obj.period})"
    if isinstance(obj, Milestone):
        return f"{obj.date}: {obj.title}"
    if isinstance(obj, Entity):
        return obj.name + (f" ({obj.name_zh})" if obj.name_zh else "")
    return ""


def _citations(obj: Citable) -> tuple[Citation, ...]:
    if isinstance(obj, Source):
        return ()
    return obj.citations


def _by_source(citations: Iterable[Citation]) -> list[tuple[Source, list[str]]]:
    """Each cited source once, in first-cited order, with its quotes in order."""
    grouped: dict[str, tuple[Source, list[str]]] = {}
    for citation in citations:
        grouped.setdefault(citation.source.id, (citation.source, []))[1].append(citation.quote)
    return list(grouped.values())


def _note(what: str, quotes: Sequence[str]) -> str | None:
    if not quotes:
        return None
    quoted = " ".join(f"\u201c{quote}\u201d" for quote in quotes)
    return f"{what}: {quoted}" if what else quoted


def _url(source: Source) -> str | None:
    archive = source.archive
    if archive is not None and archive.startswith(("http://", "https://")):
        return archive
    return None


def _text(obj: Citable) -> str:
    if isinstance(obj, Fact):
        return obj.cite()
    if isinstance(obj, Source):
        return obj.cite()
    lines = [f"{_what(obj)} [{obj.id}]"]
    lines.extend(citation.cite() for citation in obj.citations)
    return "\n".join(lines)


def _bibtex_entry(source: Source, note: str | None) -> str:
    kind = "article" if source.publisher else "misc"
    published = source.published
    fields: list[tuple[str, str]] = [("title", "{" + bibtex_escape(source.title) + "}")]
    if source.authors:
        fields.append(
            ("author", " and ".join("{" + bibtex_escape(a) + "}" for a in source.authors))
        )
    if source.publisher:
        fields.append(("journal", bibtex_escape(source.publisher)))
    fields.append(("year", str(published.start.year)))
    if published.precision is not Precision.YEAR and not published.is_range:
        fields.append(("month", _MONTHS[published.start.month - 1]))
    fields.append(("date", str(published)))
    url = _url(source)
    if url is not None:
        # url is a verbatim field: percent-encode what would unbalance or escape it.
        fields.append(("url", url.translate(_URL_UNSAFE)))
    if note is not None:
        fields.append(("note", bibtex_escape(note)))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@{kind}{{{bibtex_key(source.id)},\n{body}\n}}"


def _date_parts(period: Period) -> list[list[int]]:
    """CSL ``date-parts``: one or two dates, each only as precise as the period."""
    length = {Precision.YEAR: 1, Precision.MONTH: 2, Precision.DAY: 3}[period.precision]
    ends = (period.start, period.end) if period.is_range else (period.start,)
    return [[day.year, day.month, day.day][:length] for day in ends]


def _csl_item(source: Source, note: str | None) -> dict[str, object]:
    item: dict[str, object] = {"id": source.id, "type": "article-newspaper", "title": source.title}
    if source.publisher:
        item["container-title"] = source.publisher
        item["publisher"] = source.publisher
    if source.authors:
        item["author"] = [{"literal": author} for author in source.authors]
    item["issued"] = {"date-parts": _date_parts(source.published)}
    url = _url(source)
    if url is not None:
        item["URL"] = url
    if note is not None:
        item["note"] = note
    return item


def _csl_json(items: list[dict[str, object]]) -> str:
    import json

    return json.dumps(items, ensure_ascii=False, indent=2)


def cite(obj: Citable, format: CitationFormat = "text") -> str:
    """The citation of a fact, entity, milestone or source in ``format``.

    ``"text"`` is the human-readable form (the figure, each quote and its
    source); ``"bibtex"`` one entry per cited source with the figure and quote
    in its ``note``; ``"csl-json"`` a JSON array of CSL items, likewise.
    """
    chosen = _check_format(format)
    if not isinstance(cast(object, obj), Fact | Entity | Milestone | Source):
        raise TypeError(
            f"cannot cite {type(obj).__name__} objects; cite a Fact, an Entity "
            "(Place, Organisation, DataCentre, Platform, Event, Policy), a Milestone or a Source"
        )
    if chosen == "text":
        return _text(obj)
    if isinstance(obj, Source):
        groups: list[tuple[Source, list[str]]] = [(obj, [])]
    else:
        groups = _by_source(_citations(obj))
    what = _what(obj)
    if chosen == "bibtex":
        return "\n\n".join(_bibtex_entry(source, _note(what, quotes)) for source, quotes in groups)
    return _csl_json([_csl_item(source, _note(what, quotes)) for source, quotes in groups])


def bibliography(format: CitationFormat = "bibtex", *, registry: Registry | None = None) -> str:
    """Every source of the registry (the bundled data by default), oldest first, in ``format``."""
    chosen = _check_format(format)
    if registry is None:
        from ._default import default_registry

        registry = default_registry()
    sources = registry.sources()
    if chosen == "text":
        return "\n".join(source.cite() for source in sources)
    if chosen == "bibtex":
        return "\n\n".join(_bibtex_entry(source, None) for source in sources)
    return _csl_json([_csl_item(source, None) for source in sources])
