"""The generated docs pages show any text from the data literally, and include the charts.

The docs are built (in a copy, so the tree is not touched) on top of a data file
whose quotes, names and notes are full of Markdown, MyST, HTML and math syntax.
CI builds the real docs with warnings as errors; this checks what that cannot:
text that the bundled data does not happen to contain.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

NASTY = r"""
[[source]]
id = "nasty-2020"
title = "A *title* with `code`, $x$ and |pipes| <b>html</b> {ref}`y` [link](z) & \\ backslash"
publisher = "The <Nasty> `Press` | *Co*"
published = "2020-01-01"

[[place]]
id = "nasty_place"
name = "A `weird` <place> *name* | $1$"
kind = "district"
parent = "guiyang"
citations = [{ source = "nasty-2020", quote = "A `weird` <place> *name* | $1$ is a district." }]

[[milestone]]
id = "nasty-milestone"
date = "2020-02-02"
title = "A $milestone$ with *stars*, `ticks` and <tags> | pipes"
subjects = ["nasty_place"]
citations = [{ source = "nasty-2020", quote = "A $milestone$ with *stars*, `ticks` and <tags> | pipes" }]

[[fact]]
id = "nasty_place.gdp.2020.nasty"
metric = "gdp"
subject = "nasty_place"
period = "2020"
value = "5"
scale = "billion"
unit = "yuan"
bound = "more_than"
modality = "actual"
quote = "*Bold* _it_ `tick` $x$ | a | <script>x</script> {ref}`y` [l](u) \\ # 1. :::{note} &amp; -- ... <!-- c --> more than 5 billion yuan"
source = "nasty-2020"
quality = ["ambiguous"]
note = "A note with **stars**, `ticks`, $math$, | pipes |, <em>tags</em> and \\backslash."
"""  # noqa: E501

LITERAL = [
    "*Bold* _it_ `tick` $x$ | a | <script>x</script> {ref}`y` [l](u) \\ # 1. :::{note} &amp; "
    "-- ... <!-- c --> more than 5 billion yuan",
    "A note with **stars**, `ticks`, $math$, | pipes |, <em>tags</em> and \\backslash.",
]


def _text(page: Path) -> str:
    """A built page's visible text: tags removed, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text("utf-8"))).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for module in ("sphinx", "myst_parser", "furo", "matplotlib"):
        pytest.importorskip(module, reason="the docs extra is needed to build the docs")
    root = tmp_path_factory.mktemp("docs")
    shutil.copytree(
        REPO / "docs", root / "docs", ignore=shutil.ignore_patterns("generated", "__pycache__")
    )
    for name in ("README.md", "CHANGELOG.md"):
        shutil.copy(REPO / name, root / name)
    data = root / "nasty.toml"
    data.write_text(NASTY, encoding="utf-8")
    command = [
        *(sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"),
        *("-D", f"guizhou_bigdata_data={data}", "-D", "guizhou_bigdata_gdp_subject=nasty_place"),
        *(str(root / "docs"), str(root / "html")),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return root / "html"


def test_quotes_and_notes_are_literal(built: Path) -> None:
    text = _text(built / "generated" / "facts.html")
    for literal in LITERAL:
        assert " ".join(literal.split()) in text


def test_names_titles_and_findings_are_literal(built: Path) -> None:
    assert "A `weird` <place> *name* | $1$ is a district." in _text(
        built / "generated" / "entities.html"
    )
    assert "A *title* with `code`, $x$ and |pipes| <b>html</b>" in _text(
        built / "generated" / "sources.html"
    )
    assert "A $milestone$ with *stars*, `ticks` and <tags> | pipes" in _text(
        built / "generated" / "timeline.html"
    )
    assert "<em>tags</em> and \\backslash." in _text(built / "quality.html")


def test_charts_are_in_the_site(built: Path) -> None:
    for page, image in (("gdp", "gdp.svg"), ("timeline", "timeline.svg")):
        assert f'src="../_images/{image}"' in (built / "generated" / f"{page}.html").read_text()
        assert (built / "_images" / image).read_bytes().startswith(b"<?xml")


def test_wide_tables_wrap_or_scroll(built: Path) -> None:
    """The data pages' wide tables sit in a scrolling wrapper, with the wrapping style sheet."""
    css = (built / "_static" / "tables.css").read_text("utf-8")
    assert "overflow-x: auto" in css
    assert "overflow-wrap: anywhere" in css
    for page in (built / "generated" / "facts.html", built / "quality.html"):
        html = page.read_text("utf-8")
        assert "_static/tables.css" in html
        assert '<div class="table-wrapper' in html


def test_the_readme_links_resolve_in_the_site(built: Path) -> None:
    index = (built / "index.html").read_text("utf-8")
    assert 'href="data-format.html"' in index
    assert 'href="docs/' not in index
