"""Helpers for writing small data files in tests."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import guizhou_bigdata

SOURCE = """
[[source]]
id = "test-source"
title = "A test article"
published = "2020-05-01"
"""

PLACE = """
[[place]]
id = "testville"
name = "Testville"
kind = "prefecture_city"
citations = [{ source = "test-source", quote = "Testville grew." }]
"""

METRIC = """
[[metric]]
id = "widgets"
label = "Widgets"
kind = "count"
unit = "enterprise"
default_subject = "testville"
"""


def fact(**overrides: str) -> str:
    """A valid [[fact]] table, with keys replaced or added by ``overrides`` (TOML values)."""
    fields = {
        "id": '"testville.widgets.2019"',
        "metric": '"widgets"',
        "subject": '"testville"',
        "period": '"2019"',
        "value": '"5000"',
        "unit": '"enterprise"',
        "bound": '"more_than"',
        "modality": '"actual"',
        "quote": '"Testville had more than 5,000 enterprises in 2019."',
        "source": '"test-source"',
    }
    fields.update(overrides)
    body = "\n".join(f"{key} = {value}" for key, value in fields.items() if value)
    return f"\n[[fact]]\n{body}\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def article_files() -> list[Path]:
    """The bundled data files of the five archived articles: all but ``data/references/``.

    The public-source series (reference citations) adds figures for the same metrics
    and years; tests whose expected values are the articles' own figures load these.
    """
    import guizhou_bigdata

    data = Path(guizhou_bigdata.__file__).parent / "data"
    return [
        path
        for path in sorted(data.rglob("*.toml"))
        if "references" not in path.relative_to(data).parts
    ]


_ARTICLES: list[object] = []


def articles_registry() -> guizhou_bigdata.Registry:
    """The registry of the five archived articles alone (loaded once)."""
    import guizhou_bigdata as gb

    if not _ARTICLES:
        _ARTICLES.append(gb.load_registry(*article_files(), bundled=False))
    registry = _ARTICLES[0]
    assert isinstance(registry, gb.Registry)
    return registry
