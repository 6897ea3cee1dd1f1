"""The repository carries short quotes of the archived articles, never their paragraphs.

A quote citation holds one verbatim sentence (at most ``MAX_QUOTE_LENGTH``
characters); nothing tracked may hold a longer run of an article's text, or a
paragraph of more than one sentence. Reference citations carry no quote at all
(see tests/test_reference_citations.py).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from guizhou_bigdata.store.loading import MAX_QUOTE_LENGTH

REPO = Path(__file__).resolve().parent.parent
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)")
_GRAM = 48
"""Length of the seeds a copied run is found from: shorter than any run that matters."""


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _paragraphs(article: str) -> list[str]:
    return [_normal(part) for part in re.split(r"\n\s*\n", article) if part.strip()]


def longest_copied_run(text: str, articles: list[str]) -> tuple[int, str]:
    """The longest run of ``text`` that stands verbatim in one of ``articles``.

    Seeds of ``_GRAM`` characters find where a run may start; each is then
    extended as far as it goes, so the work is linear in ``text`` for text that
    copies nothing.
    """
    seeds: dict[str, list[tuple[int, int]]] = {}
    for number, article in enumerate(articles):
        for start in range(max(len(article) - _GRAM + 1, 0)):
            seeds.setdefault(article[start : start + _GRAM], []).append((number, start))
    best = (0, "")
    position = 0
    while position + _GRAM <= len(text):
        hits = seeds.get(text[position : position + _GRAM])
        if not hits:
            position += 1
            continue
        longest = 0
        for number, start in hits:
            article = articles[number]
            length = _GRAM
            while (
                position + length < len(text)
                and start + length < len(article)
                and text[position + length] == article[start + length]
            ):
                length += 1
            longest = max(longest, length)
        if longest > best[0]:
            best = (longest, text[position : position + longest])
        position += max(longest - _GRAM + 1, 1)
    return best


def copied_paragraphs(text: str, articles: list[str]) -> list[str]:
    """Paragraphs of more than one sentence of any article (raw text) that ``text`` holds."""
    return [
        paragraph
        for article in articles
        for paragraph in _paragraphs(article)
        if len(_SENTENCE_END.findall(paragraph)) > 1 and paragraph in text
    ]


def _articles(folder: Path) -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(folder.glob("[0-9]*.txt"))]


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.split(b"\0")
    files = []
    for name in listed:
        path = REPO / name.decode("utf-8")
        if name and path.is_file() and b"\0" not in path.read_bytes()[:8192]:
            files.append(path)
    return files


# An example article of our own: two paragraphs, the second long.
_EXAMPLE = (
    "The valley built its first data hall in 2014. Its racks now number 1,200.\n\n"
    "A second hall opened later. " + "Each floor holds servers of several owners. " * 8
)


def test_a_short_quote_is_no_copy() -> None:
    quoted = "notes: \u201cIts racks now number 1,200.\u201d and nothing more"
    assert longest_copied_run(quoted, [_normal(_EXAMPLE)])[0] < MAX_QUOTE_LENGTH
    assert copied_paragraphs(quoted, [_EXAMPLE]) == []


def test_a_long_run_and_a_whole_paragraph_are_found() -> None:
    article = _normal(_EXAMPLE)
    copied = "notes: " + article[40:] + " end"
    run, passage = longest_copied_run(copied, [article])
    assert run >= len(article) - 40 > MAX_QUOTE_LENGTH
    assert passage.endswith(article[40:])
    first = "The valley built its first data hall in 2014. Its racks now number 1,200."
    assert copied_paragraphs(f"x {first} y", [_EXAMPLE]) == [first]


def test_no_tracked_file_holds_a_paragraph_of_an_archived_article(sources_dir: Path) -> None:
    raw = _articles(sources_dir)
    assert len(raw) == 5
    articles = [_normal(article) for article in raw]
    found = []
    for path in _tracked_text_files():
        try:
            text = _normal(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
        run, passage = longest_copied_run(text, articles)
        if run > MAX_QUOTE_LENGTH:
            found.append(f"{path.relative_to(REPO)}: {run} characters: {passage[:80]!r}...")
        found.extend(
            f"{path.relative_to(REPO)}: a whole paragraph: {paragraph[:80]!r}..."
            for paragraph in copied_paragraphs(text, raw)
        )
    assert found == [], "\n".join(found)
