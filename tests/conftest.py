"""Shared fixtures: the archived source texts, when they are available."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.store import default as _default
from guizhou_bigdata.store.compiled import CACHE_ENV

SOURCES_ENV = "GUIZHOU_BIGDATA_SOURCES"
REPO = Path(__file__).resolve().parent.parent


def sources_folder() -> Path | None:
    """The archived articles: $GUIZHOU_BIGDATA_SOURCES, else ../shared/sources beside the repo."""
    configured = os.environ.get(SOURCES_ENV)
    folder = Path(configured) if configured else REPO.parent / "shared" / "sources"
    return folder if folder.is_dir() else None


@pytest.fixture
def sources_dir() -> Path:
    folder = sources_folder()
    if folder is None:
        pytest.skip(
            f"the archived source texts are not available: set {SOURCES_ENV} to their folder "
            "or place them in ../shared/sources beside the repository"
        )
    return folder


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep the compiled-data cache of the test run (and its subprocesses) out of $HOME."""
    folder = tmp_path_factory.mktemp("compiled-cache")
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(folder)
    yield folder
    if before is None:
        del os.environ[CACHE_ENV]
    else:
        os.environ[CACHE_ENV] = before


@pytest.fixture(scope="session")
def registry() -> gb.Registry:
    return gb.default_registry()


@pytest.fixture
def fresh_default() -> Iterator[None]:
    """Forget the default registry before and after a test that measures first use."""
    _default.reset()
    yield
    _default.reset()
