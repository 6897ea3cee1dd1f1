"""Citations of facts, entities, milestones and sources as text, BibTeX and CSL-JSON.

Every cited object gets entries of its own, keyed by its id: a fact's entry is
its article with the fact's figure and quote in ``note`` (for a reference citation,
"reference", its locator, the figure as printed and what it says), so citing 132 facts
gives 132 entries with 132 distinct keys, never the same key with different
notes. An object citing several articles gets one entry per article, the first
keyed by the object's id and each further one by ``id:source-id``. Citing an
iterable of objects gives one bibliography (duplicates once). A draft fact
(``reviewed`` False) says so first in its note, in every format, so that no
bibliography passes it for checked data.

BibTeX: an article with a publisher is an ``@article`` with ``journal`` (which
biblatex reads as ``journaltitle``) and ``entrysubtype = {newspaper}``; one
with none is a ``@misc``. Author names are braced whole (``{Liu Ziyun}``) so
BibTeX does not reorder Chinese names, which are written family name first;
where no person is named, the publisher is the (corporate) author, so that
styles that require an author, such as BibTeX's plain, do not fail, and
``key`` gives sorting styles a label. ``year``, ``month`` and ``day`` are
only as precise as the article's date, and ``date`` holds it in ISO form.
A draft's entry also has the mark in ``annotation`` (biblatex's field for it).
Text is escaped (:func:`bibtex_escape`) so that every brace in an entry is
paired and any title, name or quote is read back whole: a literal brace is
``\\textbraceleft{}`` or ``\\textbraceright{}`` (BibTeX counts even ``\\{``),
a backslash ``\\textbackslash{}``, ``~`` and ``^`` ``\\textasciitilde{}`` and
``\\textasciicircum{}``, ``% & $ # _`` take a backslash, and a line break is a
space. Keys are ids (:func:`bibtex_key`); an id that is not lower-case ASCII
letters, digits and ``_.:-`` gets a safe form with a hash of it.

CSL-JSON: a JSON array of ``article-newspaper`` items (``article`` without a
publisher), the publisher as ``container-title``, names as
``{"literal": ...}`` (the publisher where no person is named, as in BibTeX),
``issued`` only as precise as the article's date, and the
figure and quote in ``note`` (a draft's mark first, and again in ``annote``).
``url`` and ``URL`` are the source's ``url`` (the page a reference citation points
into); source archives are file names in the project's text archive, not web
addresses, so one is written there only when it is an ``http(s)://`` address.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from ..core.entities import ENTITY_KINDS, Entity, Milestone
from ..core.model import Citation, Fact, Source
from ..core.periods import Period, Precision
from ..core.vocabulary import UNREVIEWED

if TYPE_CHECKING:
    from ..store.registry import Registry

__all__ = ["CITATION_FORMATS", "bibliography", "bibtex_escape", "bibtex_key", "cite"]

CitationFormat = Literal["text", "bibtex", "csl-json"]
"""The ``format`` argument of :func:`cite` and :func:`bibliography`."""
CITATION_FORMATS: tuple[CitationFormat, ...] = ("text", "bibtex", "csl-json")
"""The formats :func:`cite` and :func:`bibliography` produce."""

Citable = Fact | Entity | Milestone | Source

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_BIBTEX_SPECIALS = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        # Not \{ and \}: BibTeX counts escaped braces too, so a lone one would
        # unbalance the entry; these print a brace and keep every pair whole.
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "%": r"\%",
        "&": r"\&",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
"""A line break, any that ``str.splitlines`` knows: BibTeX reads it as a space."""
_URL_UNSAFE = re.compile(r"[{}\\\s]")
"""What a verbatim url field cannot hold raw: braces, a backslash, white space."""
_KEY = re.compile(r"[a-z0-9_.:-]+")
"""An id that is its own BibTeX key: lower case, since BibTeX keys ignore case."""
_UNSAFE_KEY = re.compile(r"[^A-Za-z0-9_.:-]")


def _check_format(format: str) -> CitationFormat:
    for known in CITATION_FORMATS:
        if format == known:
            return known
    raise ValueError(
        f"unknown citation format {format!r}; valid formats: {', '.join(CITATION_FORMATS)}"
    )


def bibtex_escape(text: str) -> str:
    """Text with BibTeX/LaTeX specials escaped, so it is printed as written.

    Every brace the result holds is part of a balanced escape (``\\textbraceleft{}``),
    so no text can end a field or an entry early. Each line break becomes a space,
    as BibTeX reads it, so that no line of a field can look like a new entry
    (``@misc(``) to a parser such as bibtexparser. Other text is unchanged.
    """
    return _LINE_BREAK.sub(" ", text).translate(_BIBTEX_SPECIALS)


def bibtex_key(id: str) -> str:
    """A BibTeX key for an id: the id itself when it is lower-case and safe.

    Any other id (empty, with upper-case letters, spaces, braces, commas or
    non-ASCII) gets a safe form and a hash of the id, so distinct ids keep
    distinct keys even to BibTeX and pybtex, which ignore the case of keys.
    """
    if _KEY.fullmatch(id):
        return id
    safe = _UNSAFE_KEY.sub("_", id)
    return f"{safe}-{hashlib.sha256(id.encode('utf-8')).hexdigest()[:8]}"


def _bibtex_url(url: str) -> str:
    """A url field's text: percent-encoded where it would unbalance, escape or break the field."""
    return _URL_UNSAFE.sub(lambda found: quote(found.group(), safe=""), url)


def _what(obj: Citable) -> str:
    """What the citation supports, for a note: the figure, entity or milestone."""
    if isinstance(obj, Fact):
        return f"{obj.figure} ({obj.metric}, {obj.subject}, {obj.period})"
    if isinstance(obj, Milestone):
        return f"{obj.date}: {obj.title}"
    if isinstance(obj, Entity):
        return obj.name + (f" ({obj.name_zh})" if obj.name_zh else "")
    return ""


def _passage(citation: Citation) -> str:
    """What a note gives of a citation: the quote, or that it is a reference, where, the
    figure as printed and what it says in our words."""
    if citation.quote is not None:
        return f"\u201c{citation.quote}\u201d"
    return (
        f"reference ({citation.locator}), as printed \u201c{citation.as_written}\u201d: "
        f"{citation.says}"
    )


def _by_source(citations: Iterable[Citation]) -> list[tuple[Source, list[str]]]:
    """Each cited source once, in first-cited order, with its quotes (or references) in order."""
    grouped: dict[str, tuple[Source, list[str]]] = {}
    for citation in citations:
        grouped.setdefault(citation.source.id, (citation.source, []))[1].append(_passage(citation))
    return list(grouped.values())


def _note(what: str, passages: Sequence[str]) -> str | None:
    if not passages:
        return None
    shown = " ".join(passages)
    return f"{what}: {shown}" if what else shown


def _url(source: Source) -> str | None:
    if source.url is not None:
        return source.url
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


Entry = tuple[str, Source, str | None, bool]
"""One reference: its id (the CSL id; the BibTeX key is made from it), article, note,
and whether it supports an unreviewed draft."""


def _entries(obj: Citable) -> list[Entry]:
    """The references of one object: one per article it cites, keyed by its id."""
    if isinstance(obj, Source):
        return [(obj.id, obj, None, False)]
    what = _what(obj)
    draft = isinstance(obj, Fact) and not obj.reviewed
    entries: list[Entry] = []
    for index, (source, quotes) in enumerate(_by_source(obj.citations)):
        note = _note(what, quotes)
        if draft:
            note = UNREVIEWED if note is None else f"{UNREVIEWED} {note}"
        entries.append((obj.id if index == 0 else f"{obj.id}:{source.id}", source, note, draft))
    return entries


def _bibtex_entry(id: str, source: Source, note: str | None, draft: bool) -> str:
    published = source.published
    kind = "article" if source.publisher else "misc"
    fields: list[tuple[str, str]] = []
    if source.publisher:
        fields.append(("entrysubtype", "newspaper"))
    # A person's name, or an organisation's, braced whole: BibTeX parses neither.
    authors = source.authors or ((source.publisher,) if source.publisher else ())
    if authors:
        fields.append(("author", " and ".join("{" + bibtex_escape(a) + "}" for a in authors)))
    fields.append(("title", "{" + bibtex_escape(source.title) + "}"))
    if source.publisher:
        fields.append(("journal", bibtex_escape(source.publisher)))
    fields.append(("year", str(published.start.year)))
    if published.precision is not Precision.YEAR and not published.is_range:
        fields.append(("month", _MONTHS[published.start.month - 1]))
        if published.precision is Precision.DAY:
            fields.append(("day", str(published.start.day)))
    fields.append(("date", str(published)))
    url = _url(source)
    if url is not None:
        fields.append(("url", _bibtex_url(url)))
    if note is not None:
        fields.append(("note", bibtex_escape(note)))
    if draft:
        fields.append(("annotation", bibtex_escape(UNREVIEWED)))
    if not source.authors:
        fields.append(("key", bibtex_escape(source.id)))
    body = ",\n".join(
        f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}"
        for name, value in fields
    )
    return f"@{kind}{{{bibtex_key(id)},\n{body}\n}}"


def _date_parts(period: Period) -> list[list[int]]:
    """CSL ``date-parts``: one or two dates, each only as precise as the period."""
    length = {Precision.YEAR: 1, Precision.MONTH: 2, Precision.DAY: 3}[period.precision]
    ends = (period.start, period.end) if period.is_range else (period.start,)
    return [[day.year, day.month, day.day][:length] for day in ends]


def _csl_item(id: str, source: Source, note: str | None, draft: bool) -> dict[str, object]:
    kind = "article-newspaper" if source.publisher else "article"
    item: dict[str, object] = {"id": id, "type": kind, "title": source.title}
    if source.publisher:
        # The newspaper is the container; repeating it as publisher prints it twice.
        item["container-title"] = source.publisher
    authors = source.authors or ((source.publisher,) if source.publisher else ())
    if authors:
        item["author"] = [{"literal": author} for author in authors]
    item["issued"] = {"date-parts": _date_parts(source.published)}
    url = _url(source)
    if url is not None:
        item["URL"] = url
    if note is not None:
        item["note"] = note
    if draft:
        item["annote"] = UNREVIEWED
    return item


def _csl_json(items: list[dict[str, object]]) -> str:
    import json

    return json.dumps(items, ensure_ascii=False, indent=2)


def _citable(obj: object) -> Citable:
    if not isinstance(obj, Fact | Entity | Milestone | Source):
        raise TypeError(
            f"cannot cite {type(obj).__name__} objects; cite a Fact, an Entity "
            f"({', '.join(kind.cls.__name__ for kind in ENTITY_KINDS)}), a Milestone, a Source "
            "or an iterable of them"
        )
    return obj


def _objects(obj: Citable | Iterable[Citable]) -> Iterator[Citable]:
    """The objects to cite, each once (in first-seen order)."""
    if isinstance(obj, str) or not isinstance(obj, Iterable):
        yield _citable(obj)
        return
    seen: set[object] = set()
    for item in obj:
        citable = _citable(item)
        if citable not in seen:
            seen.add(citable)
            yield citable


def _render(objects: Sequence[Citable], chosen: CitationFormat) -> str:
    if chosen == "text":
        return "\n\n".join(_text(obj) for obj in objects)
    found: list[Entry] = []
    keys: dict[str, str] = {}
    for entry in (entry for obj in objects for entry in _entries(obj)):
        # BibTeX keys ignore case (pybtex would drop the second entry).
        key = bibtex_key(entry[0]).lower() if chosen == "bibtex" else entry[0]
        first = keys.get(key)
        if first == entry[0]:
            raise ValueError(
                f"two cited objects share the id {entry[0]!r}; a bibliography needs "
                "a distinct id per object: cite them separately"
            )
        if first is not None:
            raise ValueError(
                f"the ids {first!r} and {entry[0]!r} give the same BibTeX key "
                f"{bibtex_key(entry[0])!r}: give one of them another id"
            )
        keys[key] = entry[0]
        found.append(entry)
    if chosen == "bibtex":
        return "\n\n".join(_bibtex_entry(*entry) for entry in found)
    return _csl_json([_csl_item(*entry) for entry in found])


def cite(obj: Citable | Iterable[Citable], format: CitationFormat = "text") -> str:
    """The citation of a fact, entity, milestone or source, or of an iterable of them.

    ``"text"`` is the human-readable form (the figure, each quote and its
    source); ``"bibtex"`` gives each object its own entry per cited article,
    keyed by the object's id, with the figure and quote in ``note``;
    ``"csl-json"`` a JSON array of CSL items, likewise. An iterable (such as
    ``gb.facts(metric="gdp")``) gives one bibliography of all of them, each
    object once; entries of one object are adjacent, in citation order.
    """
    chosen = _check_format(format)
    objects = list(_objects(obj))
    if not objects:
        raise ValueError("nothing to cite: the iterable is empty")
    return _render(objects, chosen)


def bibliography(format: CitationFormat = "bibtex", *, registry: Registry | None = None) -> str:
    """Every source of the registry (the bundled data by default), oldest first, in ``format``.

    Each article once, keyed by its source id and with no note: to cite
    figures, pass them to :func:`cite` (``gb.cite(gb.facts(), "bibtex")``).
    """
    chosen = _check_format(format)
    if registry is None:
        from ..store.default import default_registry

        registry = default_registry()
    sources = registry.sources()
    if chosen == "text":
        return "\n".join(source.cite() for source in sources)
    return _render(sources, chosen)
