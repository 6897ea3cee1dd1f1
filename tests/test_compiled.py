"""The compiled-data cache, the data digest and version, and the registry's pickled form."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata import _compiled, loading
from guizhou_bigdata._version import DATA_DIGEST


@pytest.fixture(autouse=True)
def no_packaged_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Test the cache as a source checkout uses it, also when the tests run on a wheel."""
    monkeypatch.setattr(_compiled, "packaged_path", lambda: tmp_path / "no-packaged-file")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(_compiled.CACHE_ENV, str(folder))
    return folder


def facts_by_id(registry: gb.Registry) -> dict[str, gb.Fact]:
    return {fact.id: fact for fact in registry.facts()}


def test_first_load_writes_the_cache_and_later_loads_read_it(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _compiled.load_bundled()
    files = list(cache.glob("registry-*.json"))
    assert len(files) == 1
    assert _compiled.cache_path() == files[0]

    def must_not_parse(*paths: object, bundled: bool = True) -> gb.Registry:
        raise AssertionError("the TOML files were parsed although the cache is valid")

    monkeypatch.setattr(loading, "load_registry", must_not_parse)
    cached = _compiled.load_bundled()
    assert cached is not built
    assert facts_by_id(cached) == facts_by_id(built)
    assert cached.timeline() == built.timeline()
    assert cached.data_centres() == built.data_centres()
    assert cached.metrics() == built.metrics()
    assert cached.sources() == built.sources()
    assert repr(cached) == repr(built)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-10] + bytes(10), id="zeroed-tail"),
        pytest.param(lambda data: b"not a cache file", id="foreign"),
        pytest.param(lambda data: b"", id="empty"),
    ],
)
def test_a_damaged_cache_file_is_rebuilt_not_read(cache: Path, damage: object) -> None:
    _compiled.load_bundled()
    path = _compiled.cache_path()
    assert path is not None
    assert callable(damage)
    path.write_bytes(damage(path.read_bytes()))
    registry = _compiled.load_bundled()
    assert len(registry.facts()) == len(gb.default_registry().facts())
    assert _compiled._read(path) is not None, "the damaged file was replaced by a good one"


def test_the_cache_key_follows_the_data(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _compiled.cache_path()
    monkeypatch.setattr(_compiled, "_digests", {"data": "sha256:" + "0" * 64})
    after = _compiled.cache_path()
    assert before != after


def test_a_file_compiled_for_other_data_is_not_read(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = _compiled.load_bundled()
    path = _compiled.cache_path()
    assert path is not None
    assert _compiled._read(path) is not None
    monkeypatch.setattr(_compiled, "_digests", {"data": "sha256:" + "0" * 64})
    assert _compiled._read(path) is None, "a registry of other data was served"
    monkeypatch.undo()
    assert len(registry.facts()) > 100


def test_a_compiled_file_in_the_package_is_used_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packaged = tmp_path / "wheel" / _compiled.PACKAGED_NAME
    built = _compiled.load_bundled()
    _compiled.write_compiled(packaged, built)
    monkeypatch.setattr(_compiled, "packaged_path", lambda: packaged)
    monkeypatch.setenv(_compiled.CACHE_ENV, "off")

    def must_not_parse(*paths: object, bundled: bool = True) -> gb.Registry:
        raise AssertionError("the TOML files were parsed although the wheel has them compiled")

    monkeypatch.setattr(loading, "load_registry", must_not_parse)
    assert facts_by_id(_compiled.load_bundled()) == facts_by_id(built)


def test_a_packaged_file_for_other_code_falls_back_to_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packaged = tmp_path / _compiled.PACKAGED_NAME
    built = _compiled.load_bundled()
    monkeypatch.setattr(_compiled, "_digests", {"key": "f" * 64})
    _compiled.write_compiled(packaged, built)
    monkeypatch.undo()
    monkeypatch.setattr(_compiled, "packaged_path", lambda: packaged)
    monkeypatch.setenv(_compiled.CACHE_ENV, "off")
    loaded: list[bool] = []
    real = loading.load_registry

    def counting(*paths: str, bundled: bool = True) -> gb.Registry:
        loaded.append(True)
        return real(*paths, bundled=bundled)

    monkeypatch.setattr(loading, "load_registry", counting)
    assert len(_compiled.load_bundled().facts()) == len(built.facts())
    assert loaded == [True]


@pytest.mark.parametrize("value", ["off", "OFF", "0", "false", "no", "none"])
def test_the_cache_can_be_switched_off(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_compiled.CACHE_ENV, value)
    monkeypatch.chdir(tmp_path)
    assert _compiled.cache_folder() is None
    assert _compiled.cache_path() is None
    assert len(_compiled.load_bundled().facts()) > 100
    assert list(tmp_path.iterdir()) == []


def test_default_cache_folder_is_the_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(_compiled.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    folder = _compiled.cache_folder()
    assert folder is not None
    if sys.platform.startswith("linux"):
        assert folder == Path("/somewhere/cache/guizhou-bigdata")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs an unprivileged user")
def test_an_unwritable_cache_warns_and_still_loads(cache: Path) -> None:
    cache.mkdir()
    cache.chmod(0o500)
    try:
        with pytest.warns(RuntimeWarning, match="could not write its compiled-data cache"):
            registry = _compiled.load_bundled()
    finally:
        cache.chmod(0o700)
    assert len(registry.facts()) > 100


def test_an_unwritable_cache_folder_warns_and_still_loads(cache: Path) -> None:
    cache.write_text("a file where the cache folder should be")
    with pytest.warns(RuntimeWarning, match=_compiled.CACHE_ENV):
        registry = _compiled.load_bundled()
    assert len(registry.facts()) > 100


def test_a_registry_pickles_with_its_indexes_rebuilt(registry: gb.Registry) -> None:
    copy = pickle.loads(pickle.dumps(registry))
    assert copy.facts() == registry.facts()
    assert copy.entity("guiyang") == registry.entity("guiyang")
    assert copy.facts(metric="gdp", subject="guiyang", year=2018) == registry.facts(
        metric="gdp", subject="guiyang", year=2018
    )
    assert copy.series("gdp", "guiyang") == registry.series("gdp", "guiyang")


def test_data_digest_is_recorded_for_the_data_version() -> None:
    assert gb.data_digest() == DATA_DIGEST, (
        "the bundled data changed: give it a new __data_version__ in "
        f"src/guizhou_bigdata/_version.py and record DATA_DIGEST = {gb.data_digest()!r}"
    )


def test_data_digest_is_the_same_in_every_process() -> None:
    code = "import guizhou_bigdata as gb; print(gb.data_digest(), gb.__data_version__)"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("0", "1", "12345")
    }
    assert outputs == {f"{DATA_DIGEST} {gb.__data_version__}\n"}


def test_content_digest_ignores_order_and_line_endings_but_sees_every_byte() -> None:
    files = [("facts/a.toml", b'id = "a"\nvalue = 1\n'), ("units.txt", b"yuan = [money]\n")]
    digest = _compiled.content_digest(files)
    assert _compiled.content_digest(reversed(files)) == digest
    crlf = [(name, data.replace(b"\n", b"\r\n")) for name, data in files]
    assert _compiled.content_digest(crlf) == digest
    assert _compiled.content_digest([files[0], ("units.txt", b"yuan = [money] \n")]) != digest
    assert _compiled.content_digest([files[0], ("units2.txt", files[1][1])]) != digest
    assert gb.data_digest() == "sha256:" + _compiled.content_digest(
        _compiled._package_files((".toml", ".txt"), "data")
    )
