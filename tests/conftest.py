"""Shared fixtures (the archived source texts, when available) and the Hypothesis profiles.

Profiles: ``default`` (what ``python -m pytest`` runs: few examples, quick) and ``ci``
(the exhaustive run ``.ci/run`` asks for: derandomized, no example database), chosen
with ``HYPOTHESIS_PROFILE=ci`` or ``--hypothesis-profile=ci``; ``long`` is a local bug
hunt with thirty times the ``ci`` examples. None has a deadline or a time health check:
whether a test passes never depends on how busy the machine is.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import guizhou_bigdata as gb
from guizhou_bigdata.store import default as _default
from guizhou_bigdata.store.compiled import CACHE_ENV

SOURCES_ENV = "GUIZHOU_BIGDATA_SOURCES"
REPO = Path(__file__).resolve().parent.parent
PROFILE_ENV = "HYPOTHESIS_PROFILE"

_NO_CLOCK = settings(
    # Hypothesis's own defaults, not whichever profile it loaded itself because $CI is set.
    settings.get_profile("default"),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
"""What every profile shares: nothing timed, so a busy machine fails no example."""
settings.register_profile("default", _NO_CLOCK, max_examples=25)
settings.register_profile(
    "ci", _NO_CLOCK, max_examples=100, derandomize=True, database=None, print_blob=True
)
settings.register_profile("long", _NO_CLOCK, max_examples=3000)
PROFILES = ("default", "ci", "long")
# Chosen here, not by Hypothesis's own guess from $CI: one switch, the same on every
# machine. --hypothesis-profile, read later by Hypothesis's pytest plugin, wins over it.
_chosen = os.environ.get(PROFILE_ENV) or "default"
if _chosen not in PROFILES:
    raise pytest.UsageError(f"${PROFILE_ENV}={_chosen!r} is no test profile: use one of {PROFILES}")
settings.load_profile(_chosen)


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


@pytest.fixture
def the_five_articles_as_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the default registry the five archived articles' alone (the bundled data
    without the public-source series in data/references/), for a test whose expected
    figures, years or counts are the articles' own."""
    from .helpers import articles_registry

    monkeypatch.setattr(_default, "_registry", articles_registry())
