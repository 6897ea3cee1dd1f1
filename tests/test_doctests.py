"""The examples in the docstrings and in the docs pages run and print what they say.

Docs pages show Python sessions as ```` ```pycon ```` blocks; the blocks of one
page run in order as one session, so a later block can use an earlier one's
names. Blocks meant only for reading stay ``python``, ``bash`` or ``toml``, and
a ``python`` block must not pretend to show output.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import guizhou_bigdata

MODULES = [
    importlib.import_module(info.name)
    for info in pkgutil.walk_packages(guizhou_bigdata.__path__, "guizhou_bigdata.")
    if info.name != "guizhou_bigdata.__main__"
]

REPO = Path(__file__).resolve().parent.parent
PAGES = [*sorted((REPO / "docs").glob("*.md")), REPO / "README.md"]
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`\n]*)$")


def fenced_blocks(text: str) -> list[tuple[str, int, str]]:
    """Each fenced code block of a Markdown page: language, first line number, body."""
    blocks = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        index += 1
        if opening is None:
            continue
        fence = opening["fence"]
        words = opening["info"].split()
        language = words[0] if words else ""
        if language.startswith("{") and len(words) > 1:  # {code-block} pycon
            language = words[1]
        start = index
        while index < len(lines) and not (
            lines[index].strip().startswith(fence[0] * len(fence))
            and not lines[index].strip().strip(fence[0])
        ):
            index += 1
        blocks.append((language, start + 1, "\n".join(lines[start:index]) + "\n"))
        index += 1
    return blocks


def _pages_with(language: str) -> list[Path]:
    return [
        page
        for page in PAGES
        if any(block[0] == language for block in fenced_blocks(page.read_text("utf-8")))
    ]


@pytest.mark.parametrize("module", [guizhou_bigdata, *MODULES], ids=lambda m: m.__name__)
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0


@pytest.mark.parametrize("page", _pages_with("pycon"), ids=lambda p: p.relative_to(REPO).as_posix())
def test_page_examples(page: Path) -> None:
    """Every pycon block of the page, run in order in one namespace, prints what it shows."""
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=OPTIONS)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    report: list[str] = []
    name = page.relative_to(REPO).as_posix()
    for language, line, body in fenced_blocks(page.read_text("utf-8")):
        if language != "pycon":
            continue
        test = parser.get_doctest(body, namespace, name, str(page), line - 1)
        test.globs = namespace  # get_doctest copies it; share it so blocks build on each other
        runner.run(test, out=report.append, clear_globs=False)
    result = runner.summarize(verbose=False)
    assert result.attempted > 0
    assert result.failed == 0, "".join(report)


def test_tutorial_examples_are_checked() -> None:
    """The tutorial shows its examples with output, so they are run (not a vacuous pass)."""
    assert REPO / "docs" / "tutorial.md" in _pages_with("pycon")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_unchecked_output(page: Path) -> None:
    """A session with prompts must be a pycon block, or its output would go unchecked."""
    for language, line, body in fenced_blocks(page.read_text("utf-8")):
        assert not (language != "pycon" and re.search(r"^>>> ", body, re.MULTILINE)), (
            f"{page.name}:{line}: a {language or 'plain'} block shows a >>> session; "
            "make it a pycon block so that it is run"
        )


def test_fence_reader() -> None:
    text = "intro\n```pycon\n>>> 1\n1\n```\n\n````{code-block} python\n```\nx\n````\n"
    assert fenced_blocks(text) == [("pycon", 3, ">>> 1\n1\n"), ("python", 8, "```\nx\n")]
