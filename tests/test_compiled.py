"""The compiled-data cache, the data digest and version, and the registry's pickled form."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata._version import DATA_DIGEST
from guizhou_bigdata.store import compiled as _compiled
from guizhou_bigdata.store import loading


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


def source_checkout(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """As in a source checkout: no key computed at build time, so the files' hashes count."""
    monkeypatch.setattr(_compiled, "key_path", lambda: str(folder / "no-such-key"))
    monkeypatch.setattr(_compiled, "_digests", {})


def test_the_cache_key_follows_the_data(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source_checkout(monkeypatch, cache)
    before = _compiled.cache_path()
    monkeypatch.setattr(_compiled, "_digests", {"data": "sha256:" + "0" * 64})
    after = _compiled.cache_path()
    assert before != after


def test_a_file_compiled_for_other_data_is_not_read(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source_checkout(monkeypatch, cache)
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


# A cache that holds data, not code -------------------------------------------------


class _Plant:
    """Pickles to a call that leaves a marker file: proof that a cache file ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch, (str(self.marker),))


def _forged_payloads(marker: Path) -> dict[str, bytes]:
    import marshal

    code = compile(f"open({str(marker)!r}, 'w').close()", "<forged>", "exec")
    return {
        "pickle": pickle.dumps(_Plant(marker), protocol=5),
        "pickle-protocol-0": pickle.dumps(_Plant(marker), protocol=0),
        "marshal": marshal.dumps(code),
        "json-naming-a-class": b'{"schema": {"os.system": [["x", "plain"]]}, "sources": [],'
        b' "metrics": [], "entities": [["os.system", "touch marker"]], "milestones": [],'
        b' "facts": []}',
        "json-unknown-coding": b'{"schema": {"Source": [["id", "__import__"]]}, "sources":'
        b' [["Source", "os"]], "metrics": [], "entities": [], "milestones": [], "facts": []}',
        "json-nested-deeply": b"[" * 100_000 + b"]" * 100_000,
    }


@pytest.mark.parametrize(
    "magic",
    [b"guizhou-bigdata compiled registry 2\n", _compiled._MAGIC],
    ids=["old-magic", "new-magic"],
)
@pytest.mark.parametrize(
    "kind",
    [
        "pickle",
        "pickle-protocol-0",
        "marshal",
        "json-naming-a-class",
        "json-unknown-coding",
        "json-nested-deeply",
    ],
)
def test_a_forged_cache_file_runs_nothing_and_is_a_miss(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, magic: bytes
) -> None:
    """A file with a valid header (key and payload digest) and a hostile payload."""
    marker = tmp_path / "code-ran"
    payload = _forged_payloads(marker)[kind]
    key = _compiled.cache_key()
    forged = magic + key.encode() + b"\n"
    headers = [
        forged + hashlib.sha256(payload).digest(),  # the pickle format's header
        forged + hashlib.sha256(payload).hexdigest().encode() + b"\n",  # JSON format 3's
        forged + _compiled.payload_digest(payload).encode() + b"\n",  # the current one's
    ]
    path = _compiled.cache_path()
    assert path is not None
    cache.mkdir(mode=0o700)
    packaged = tmp_path / "wheel" / _compiled.PACKAGED_NAME
    packaged.parent.mkdir()
    monkeypatch.setattr(_compiled, "packaged_path", lambda: packaged)
    for header in headers:
        for target in (path, path.with_suffix(".pickle"), packaged):
            target.write_bytes(header + payload)
        assert _compiled._read(path) is None
        assert _compiled._read(packaged) is None
        registry = _compiled.load_bundled()
        assert len(registry.facts()) == len(gb.default_registry().facts())
        assert not marker.exists(), f"a forged {kind} cache file ran code"
        assert _compiled._read(path) is not None, "the forged file was replaced by a good one"


def test_the_compiled_file_is_json_text(cache: Path) -> None:
    _compiled.load_bundled()
    path = _compiled.cache_path()
    assert path is not None
    data = path.read_bytes()
    header, _, payload = data.partition(b"\n" + _compiled.cache_key().encode() + b"\n")
    assert header + b"\n" == _compiled._MAGIC
    digest, _, document = payload.partition(b"\n")
    assert digest == hashlib.blake2b(document, digest_size=32).hexdigest().encode()
    head, _, body = document.partition(b"\n")
    index = json.loads(head)
    for number, (metric, start, end) in enumerate(index["facts"]):
        rows = json.loads(body[start:end])
        assert {row[2] for row in rows} == {metric}, "one array per metric"
        in_it = [id for id, n in zip(index["ids"], index["in"], strict=True) if n == number]
        assert [row[1] for row in rows] == in_it, "in file order"
    assert index["ids"] == [fact.id for fact in _compiled.load_bundled().facts()]
    for start, end in index["groups"].values():
        assert isinstance(json.loads(body[start:end]), list)


def _rewritten(path: Path, change: Callable[[dict[str, Any], bytes], tuple[object, bytes]]) -> None:
    """Rewrite a compiled file with ``change(index, body)``, under a valid header."""
    size = len(_compiled._header(_compiled.cache_key(), b""))
    head, _, body = path.read_bytes()[size:].partition(b"\n")
    index, body = change(json.loads(head), body)
    payload = json.dumps(index).encode() + b"\n" + body
    path.write_bytes(_compiled._header(_compiled.cache_key(), payload) + payload)


def _swap_a_source_and_first_facts(index: dict[str, Any], body: bytes) -> tuple[object, bytes]:
    """The first metric's facts where the index says a source is, and that source there."""
    facts = index["facts"][0]
    position = 1 + [name for name, _ in index["schema"]["Fact"]].index("citations")
    cited = json.loads(body[facts[1] : facts[2]])[0][position][0][0]  # its first source
    (source,) = (item for item in index["sources"] if item[0] == cited)
    source[1:], facts[1:] = facts[1:], source[1:]
    return index, body


def test_a_forged_file_of_wrong_records_is_served_from_the_data_files(cache: Path) -> None:
    """Valid JSON in the format, with facts as a source: never served as records.

    Records are built when first asked for, so the forgery shows then: the data
    files are loaded instead, and the compiled file is written anew.
    """
    built = _compiled.load_bundled()
    path = _compiled.cache_path()
    assert path is not None
    good = path.read_bytes()
    _rewritten(path, _swap_a_source_and_first_facts)
    forged = _compiled._read(path)
    assert forged is not None, "the index line is valid: the records are read on demand"
    assert facts_by_id(forged) == facts_by_id(built)
    assert forged.sources() == built.sources()
    assert path.read_bytes() == good, "the forged file was replaced by a good one"


def test_a_forged_array_met_by_a_first_fact_is_served_from_the_data_files(cache: Path) -> None:
    built = _compiled.load_bundled()
    path = _compiled.cache_path()
    assert path is not None
    metric = built.facts()[0].metric
    _rewritten(path, _swap_a_source_and_first_facts)
    forged = _compiled._read(path)
    assert forged is not None
    assert forged.facts(metric=metric) == built.facts(metric=metric)
    assert forged.preferred(metric, built.facts()[0].period.end.year) is not None
    assert _compiled._read(path) is not None


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda index, body: ({**index, "ids": index["ids"][1:]}, body), id="ids"),
        pytest.param(
            lambda index, body: (
                {**index, "groups": {**index["groups"], "sources": [0, len(body) + 1]}},
                body,
            ),
            id="span-outside",
        ),
        pytest.param(lambda index, body: ([index], body), id="not-an-index"),
        pytest.param(
            lambda index, body: ({**index, "in": [len(index["facts"])] * len(index["in"])}, body),
            id="in",
        ),
    ],
)
def test_a_file_whose_index_does_not_fit_is_a_miss(
    cache: Path, change: Callable[[dict[str, Any], bytes], tuple[object, bytes]]
) -> None:
    _compiled.load_bundled()
    path = _compiled.cache_path()
    assert path is not None
    _rewritten(path, change)
    assert _compiled._read(path) is None


def test_a_first_fact_builds_its_metric_s_facts_and_their_sources_only(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However many facts the file holds, asking for one metric builds that metric's."""
    from guizhou_bigdata.store import encoding

    built = _compiled.load_bundled()
    made: list[str] = []
    real = encoding._builder

    def counting(name: str, fields: object, sources: Any) -> Callable[[list[Any]], Any]:
        build = real(name, fields, sources)

        def counted(values: list[Any]) -> Any:
            made.append(name)
            return build(values)

        return counted

    monkeypatch.setattr(encoding, "_builder", counting)
    registry = encoding.decode(encoding.encode(built))
    fact = registry.preferred("digital_economy_growth", 2018)
    assert fact == built.preferred("digital_economy_growth", 2018)
    facts = built.facts(metric="digital_economy_growth")
    cited = {c.source.id for f in facts for c in f.citations}
    assert made.count("Fact") == len(facts) < len(built.facts())
    assert made.count("Source") == len(cited)
    assert made.count("Metric") == 1
    assert len(made) == len(facts) + len(cited) + 1
    assert registry.facts() == built.facts(), "the rest is built on demand, in file order"
    assert registry.fact(fact.id) is fact
    assert registry.timeline() == built.timeline()
    assert registry.entities() == built.entities()


# A private cache folder -------------------------------------------------------------


def test_the_cache_folder_is_created_private(cache: Path) -> None:
    _compiled.load_bundled()
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_a_cache_folder_others_may_write_is_not_used(
    cache: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    _compiled.load_bundled()  # a good cache file, which must not be read now
    cache.chmod(mode)
    loaded: list[bool] = []
    real = loading.load_registry

    def counting(*paths: str, bundled: bool = True) -> gb.Registry:
        loaded.append(True)
        return real(*paths, bundled=bundled)

    monkeypatch.setattr(loading, "load_registry", counting)
    with pytest.warns(RuntimeWarning, match=r"does not use .* may write it .*chmod 700"):
        registry = _compiled.load_bundled()
    assert loaded == [True], "a folder others may write was read"
    assert len(registry.facts()) > 100


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0, reason="giving a folder away needs root"
)
def test_a_cache_folder_of_another_user_is_not_used(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _compiled.load_bundled()
    os.chown(cache, 65534, 65534)  # nobody
    path = _compiled.cache_path()
    assert path is not None
    before = path.read_bytes()
    with pytest.warns(RuntimeWarning, match=r"belongs to user id 65534, not to this user"):
        registry = _compiled.load_bundled()
    assert len(registry.facts()) > 100
    assert path.read_bytes() == before, "the cache of another user was written"


def _status(mode: int, uid: int) -> os.stat_result:
    return os.stat_result((mode, 0, 0, 1, uid, 0, 0, 0, 0, 0))


def test_folder_problem_checks_type_owner_and_mode() -> None:
    folder = stat.S_IFDIR
    assert _compiled.folder_problem(_status(folder | 0o700, 1000), 1000) is None
    assert _compiled.folder_problem(_status(folder | 0o755, 1000), 1000) is None
    assert _compiled.folder_problem(_status(folder | 0o700, 1000), None) is None
    owner = _compiled.folder_problem(_status(folder | 0o700, 0), 1000)
    assert owner == "it belongs to user id 0, not to this user (id 1000)"
    group = _compiled.folder_problem(_status(folder | 0o770, 1000), 1000)
    assert group is not None
    assert group.startswith("its group may write it (mode 770)")
    others = _compiled.folder_problem(_status(folder | 0o757, 1000), 1000)
    assert others is not None
    assert others.startswith("other users may write it")
    both = _compiled.folder_problem(_status(folder | 0o777, 1000), 1000)
    assert both is not None
    assert both.startswith("its group and other users may write it")
    assert _compiled.folder_problem(_status(stat.S_IFREG | 0o600, 1000), 1000) == (
        "it is not a folder"
    )


@pytest.mark.parametrize("value", ["true", "1", "on", "yes", "TRUE", " Yes "])
def test_a_yes_word_means_the_default_cache_folder(
    value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(_compiled.CACHE_ENV, value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    folder = _compiled.cache_folder()
    assert folder is not None
    assert folder.name == "guizhou-bigdata"
    assert not (tmp_path / value.strip()).exists()


def test_stale_and_leftover_files_are_removed(cache: Path) -> None:
    cache.mkdir(mode=0o700)
    day = 24 * 3600
    old_key = cache / ("registry-" + "0" * 32 + ".json")
    old_pickle = cache / ("registry-" + "1" * 32 + ".pickle")
    recent_key = cache / ("registry-" + "2" * 32 + ".json")
    leftover = cache / ".registry-x.json.0123456789ab.tmp"
    in_progress = cache / ".registry-y.json.0123456789ab.tmp"
    unrelated = cache / "notes.txt"
    for path in (old_key, old_pickle, recent_key, leftover, in_progress, unrelated):
        path.write_bytes(b"x")
    now = time.time()
    for path in (old_key, old_pickle, unrelated):
        os.utime(path, (now - 2 * day, now - 2 * day))
    os.utime(leftover, (now - 2 * 3600, now - 2 * 3600))
    _compiled.load_bundled()
    left = {path.name for path in cache.iterdir()}
    current = _compiled.cache_path()
    assert current is not None
    assert left == {current.name, recent_key.name, in_progress.name, unrelated.name}


# The key: built into a wheel, computed in a source checkout -------------------------


def test_a_wheel_uses_the_key_its_build_wrote_and_hashes_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / _compiled.KEY_NAME
    key_file.write_text("ab" * 32 + "\n", encoding="ascii")
    monkeypatch.setattr(_compiled, "key_path", lambda: str(key_file))
    monkeypatch.setattr(_compiled, "_digests", {})

    def must_not_hash(*args: object) -> list[tuple[str, bytes]]:
        raise AssertionError("a wheel hashed its own files to find its key")

    monkeypatch.setattr(_compiled, "_package_files", must_not_hash)
    assert _compiled.cache_key() == "ab" * 32


def test_without_a_built_key_the_key_is_computed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_compiled, "key_path", lambda: str(tmp_path / "no-key"))
    monkeypatch.setattr(_compiled, "_digests", {})
    assert _compiled.cache_key() == _compiled.computed_key()


@pytest.mark.parametrize("text", ["", "not a key\n", "AB" * 32, "ab" * 31, "ab" * 33])
def test_a_damaged_built_key_warns_and_the_key_is_computed(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_file = tmp_path / _compiled.KEY_NAME
    key_file.write_text(text, encoding="ascii")
    monkeypatch.setattr(_compiled, "key_path", lambda: str(key_file))
    monkeypatch.setattr(_compiled, "_digests", {})
    with pytest.warns(RuntimeWarning, match=r"compiled\.key .*not 64 lowercase hex digits"):
        assert _compiled.cache_key() == _compiled.computed_key()


def _package_copy(tmp_path: Path) -> Path:
    """The installed package's .py and data files, copied as a wheel would lay them out."""
    import shutil

    source = Path(gb.__file__).parent
    target = tmp_path / "site" / "guizhou_bigdata"
    shutil.copytree(
        source,
        target,
        ignore=shutil.ignore_patterns("__pycache__", _compiled.PACKAGED_NAME, _compiled.KEY_NAME),
    )
    return target


def _in_copy(package: Path, code: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(package.parent), _compiled.CACHE_ENV: "off"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return done.stdout.splitlines()


_FIRST_FACT = (
    "import sys, guizhou_bigdata as gb\n"
    "print(gb.metrics.digital_economy_growth(2018).figure)\n"
    "print(sorted(m for m in ('tomllib', 'cattrs', 'pint', '_hashlib', 'pathlib', 'calendar')"
    " if m in sys.modules))\n"
)


def test_a_wheel_serves_its_compiled_file_even_after_a_file_changes(tmp_path: Path) -> None:
    """The wheel's key is its build's: a changed file after install is not looked at.

    A source checkout of the same files, without the key, sees the change and loads
    the data files instead: there a stale registry is never served.
    """
    package = _package_copy(tmp_path)
    build = (
        "from pathlib import Path\n"
        "from guizhou_bigdata.store import compiled\n"
        "from guizhou_bigdata.store.loading import load_registry\n"
        "data = Path(compiled.__file__).parent.parent / 'data'\n"
        "compiled.write_compiled(data / compiled.PACKAGED_NAME, load_registry())\n"
        "(data / compiled.KEY_NAME).write_text(compiled.computed_key() + '\\n')\n"
    )
    _in_copy(package, build)
    # Read from the wheel: no TOML, no Pint, no OpenSSL, pathlib or calendar.
    assert _in_copy(package, _FIRST_FACT) == ["24.6 percent", "[]"]
    with (package / "core" / "wording.py").open("a", encoding="utf-8") as file:
        file.write("\n# changed after the build\n")
    assert _in_copy(package, _FIRST_FACT) == ["24.6 percent", "[]"]
    (package / "data" / _compiled.KEY_NAME).unlink()  # now a source checkout
    figure, imported = _in_copy(package, _FIRST_FACT)
    assert figure == "24.6 percent"
    assert "tomllib" in imported, "the changed code's key matched the compiled file"


def test_the_computed_key_sees_a_changed_code_file(tmp_path: Path) -> None:
    package = _package_copy(tmp_path)
    code = "from guizhou_bigdata.store import compiled; print(compiled.cache_key())"
    before = _in_copy(package, code)
    with (package / "core" / "wording.py").open("a", encoding="utf-8") as file:
        file.write("\n# one more line\n")
    after = _in_copy(package, code)
    assert before != after
    assert len(after[0]) == 64


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_pauses_the_cyclic_collector_and_restores_it(
    cache: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    """Records form no cycles: collecting while thousands are made is wasted work."""
    import gc

    from guizhou_bigdata.store import encoding

    _compiled.load_bundled()  # writes the cache file
    seen: list[bool] = []
    real = encoding.decode

    def decode(data: bytes, reload: Callable[[], gb.Registry] | None, start: int) -> gb.Registry:
        seen.append(gc.isenabled())
        return real(data, reload, start=start)

    monkeypatch.setattr(encoding, "decode", decode)
    (gc.enable if enabled else gc.disable)()
    try:
        assert _compiled.load_bundled().facts()
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
    assert seen == [False]


def test_threads_reading_a_deferred_registry_at_once_share_its_records(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each record is built once, however many threads ask for it while it is built."""
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    from guizhou_bigdata.store import encoding

    built = _compiled.load_bundled()
    made: list[str] = []
    real = encoding._builder

    def slow(name: str, fields: object, sources: Any) -> Callable[[list[Any]], Any]:
        build = real(name, fields, sources)

        def slowly(values: list[Any]) -> Any:
            made.append(name)
            time.sleep(0.001)  # every thread arrives while the first is building
            return build(values)

        return slowly

    monkeypatch.setattr(encoding, "_builder", slow)
    registry = encoding.decode(encoding.encode(built))
    barrier = threading.Barrier(8)

    def ask(number: int) -> tuple[object, ...]:
        barrier.wait()
        if number % 2:
            return tuple(registry.facts(metric="digital_economy_growth"))
        return tuple(f for f in registry.facts() if f.metric == "digital_economy_growth")

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(ask, range(8)))
    assert all(len(answer) == len(answers[0]) > 0 for answer in answers)
    assert all(a is b for answer in answers for a, b in zip(answer, answers[0], strict=True))
    assert made.count("Fact") == len(built.facts()), "each fact was built once"


def test_a_deferred_registry_answers_as_the_loaded_one(cache: Path) -> None:
    """Every lookup a first fact may make, on a registry read from a compiled file."""
    from guizhou_bigdata.store import encoding

    built = _compiled.load_bundled()
    fact = built.facts()[0]
    year = fact.period.end.year

    def fresh() -> gb.Registry:
        return encoding.decode(encoding.encode(built))

    assert fresh().facts(metric=fact.metric, subject=fact.subject, year=year) == built.facts(
        metric=fact.metric, subject=fact.subject, year=year
    )
    assert fresh().facts(metric=fact.metric) == built.facts(metric=fact.metric)
    assert fresh().fact(fact.id) == fact
    assert fresh().metric(fact.metric) == built.metric(fact.metric)
    assert fresh().series(fact.metric, fact.subject) == built.series(fact.metric, fact.subject)
    metric = "digital_economy_growth"
    assert fresh().default_subject(metric) == built.default_subject(metric)
    assert fresh().preferred(metric, 2018) == built.preferred(metric, 2018)
    assert fresh().facts(metric=metric, subject="guizhou", year=1900) == ()
    asks: list[Callable[[gb.Registry], object]] = [
        lambda registry: registry.metric("no_such_metric"),
        lambda registry: registry.fact("no.such.fact"),
        lambda registry: registry.facts(metric="no_such_metric", subject="guizhou", year=2018),
        lambda registry: registry.preferred(metric, 1900),
    ]
    for ask in asks:
        with pytest.raises(gb.FactNotFoundError) as deferred:
            ask(fresh())
        with pytest.raises(gb.FactNotFoundError) as loaded:
            ask(built)
        assert str(deferred.value) == str(loaded.value)
    registry = fresh()
    assert registry.facts(metric=metric) == built.facts(metric=metric)
    assert repr(registry) == repr(built)
    assert pickle.loads(pickle.dumps(fresh())).facts() == built.facts()
