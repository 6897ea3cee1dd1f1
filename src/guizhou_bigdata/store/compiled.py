"""The bundled data compiled to JSON, keyed by a hash of everything it came from.

Loading the TOML files means parsing, structuring, checking every quote and
building the Pint registry to compare dimensions: about 50 ms. The checked
:class:`~.registry.Registry` is therefore compiled once and read back in a few
milliseconds: into the wheel when it is built (``data/compiled.json``, written
by the build hook), else into the user cache folder on first use. Each file
carries its key, a SHA-256 of the data files, of the package's own code and of
the package version, so a change to any of them is a miss: a stale registry is
never served. A source checkout hashes its files for the key once per process,
since they change under it; a wheel carries the key computed when it was built
(``data/compiled.key``), since its files are the ones that were hashed, and so
never reads its own code to start.

The file holds data only: JSON text whose records are rebuilt by this module,
each value decoded by the type of the field it belongs to. No byte of it can
name a function or a class outside the record classes, so a forged or damaged
file is at worst a miss (pickle or marshal would run whatever the file says).

The cache folder is ``$GUIZHOU_BIGDATA_CACHE`` when set (``off`` disables the
cache), else the platform's user cache folder. It is created private (0700);
a folder owned by another user, or writable by group or others, is not used.
"""

from __future__ import annotations

import os
import sys
import threading
import warnings

from .._version import __version__

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from importlib.resources.abc import Traversable
    from pathlib import Path

    from .registry import Registry

__all__ = [
    "CACHE_ENV",
    "KEY_NAME",
    "PACKAGED_NAME",
    "bundled_digest",
    "cache_folder",
    "cache_key",
    "cache_path",
    "content_digest",
    "load_bundled",
    "packaged_path",
    "payload_digest",
    "write_compiled",
]

CACHE_ENV = "GUIZHOU_BIGDATA_CACHE"
_DISABLED = frozenset({"off", "0", "no", "false", "none"})
_DEFAULT = frozenset({"", "on", "1", "yes", "true"})
_MAGIC = b"guizhou-bigdata compiled registry 6 json\n"
PACKAGED_NAME = "compiled.json"
"""The compiled registry the build hook puts into the wheel's ``data`` folder."""
KEY_NAME = "compiled.key"
"""The cache key the build hook computed, beside it: the wheel's files need no hashing."""
_HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
"""The package's folder, as a string: pathlib is not imported to serve the first fact."""

_lock = threading.Lock()
_digests: dict[str, str] = {}


def _package_root() -> Path | Traversable:
    """The package's folder: a plain path when it is installed as files (almost always).

    ``importlib.resources`` serves any installation, a zip file too, but importing
    it costs more than the rest of a first fact's reading; it is used only when the
    package is not a folder of files.
    """
    if os.path.isfile(os.path.join(_HERE, "__init__.py")):
        from pathlib import Path

        return Path(_HERE)
    from importlib import resources

    return resources.files("guizhou_bigdata")


def _package_files(suffixes: tuple[str, ...], folder: str = "") -> list[tuple[str, bytes]]:
    """(relative path, bytes) of the package's files with these suffixes.

    A source checkout reads them in every process, for its key: a folder of files
    is walked with ``os.scandir``, which knows each entry's type without a
    ``stat`` call (half the time pathlib takes for some 300 files).
    """
    if os.path.isfile(os.path.join(_HERE, "__init__.py")):
        return _folder_files(os.path.join(_HERE, folder) if folder else _HERE, suffixes)
    root = _package_root()
    base = root / folder if folder else root
    items: list[tuple[str, bytes]] = []
    pending = [(base, "")]
    while pending:
        node, prefix = pending.pop()
        for child in node.iterdir():
            name = f"{prefix}{child.name}"
            if child.is_dir():
                if child.name != "__pycache__":
                    pending.append((child, name + "/"))
            elif child.name.endswith(suffixes):
                items.append((name, child.read_bytes()))
    return items


def _folder_files(base: str, suffixes: tuple[str, ...]) -> list[tuple[str, bytes]]:
    """(path relative to ``base`` with '/', bytes) of the files below it with these suffixes."""
    items: list[tuple[str, bytes]] = []
    pending = [(base, "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = f"{prefix}{entry.name}"
                if entry.is_dir():
                    if entry.name != "__pycache__":
                        pending.append((entry.path, name + "/"))
                elif entry.name.endswith(suffixes):
                    with open(entry.path, "rb") as file:
                        items.append((name, file.read()))
    return items


def content_digest(items: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 hex of named files: names and bytes, in name order, line endings normalised.

    The order the files were found in and CRLF endings (a Windows checkout) do
    not change it; any other byte does.
    """
    import hashlib

    digest = hashlib.sha256()
    for name, data in sorted(items):
        text = data.replace(b"\r\n", b"\n") if b"\r\n" in data else data
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(len(text).to_bytes(8, "big"))
        digest.update(text)
    return digest.hexdigest()


def _data_digest() -> str:
    if "data" not in _digests:
        _digests["data"] = "sha256:" + content_digest(_package_files((".toml", ".txt"), "data"))
    return _digests["data"]


def bundled_digest() -> str:
    """``"sha256:<hex>"`` of the bundled data files (TOML and unit definitions)."""
    with _lock:
        return _data_digest()


def computed_key() -> str:
    """SHA-256 hex of what a compiled registry depends on: data, code, version, format.

    JSON reads the same on every Python the package supports, so the Python
    version is not part of it: the wheel's file serves them all. This reads and
    hashes every ``.py`` file of the package (the data files once a process).
    """
    with _lock:
        data = _data_digest()
    code = content_digest(_package_files((".py",)))
    import hashlib

    digest = hashlib.sha256()
    for part in (data, code, __version__, _MAGIC.decode()):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def key_path() -> str:
    """Where a wheel carries the key its build computed (absent from a source checkout)."""
    return os.path.join(_HERE, "data", KEY_NAME)


def _built_key() -> str | None:
    """The key in :func:`key_path`, or None when there is no such file.

    A file that is not a key (damaged) is reported and not used: the key is then
    computed from the files, which can only make the wheel's compiled file a miss.
    """
    path = key_path()
    try:
        with open(path, "rb") as file:
            text = file.read(100)
    except FileNotFoundError:
        return None
    except OSError as exc:
        _warn_key(path, f"cannot be read ({exc.strerror or exc})")
        return None
    key = text.strip().decode("ascii", "replace")
    if len(key) != 64 or key.strip("0123456789abcdef"):
        _warn_key(path, f"holds {text[:70]!r}, not 64 lowercase hex digits")
        return None
    return key


def _warn_key(path: str, problem: str) -> None:
    warnings.warn(
        f"guizhou_bigdata's build key {path} {problem}; the key is computed from the "
        "package's files instead. Reinstall the package to repair it.",
        RuntimeWarning,
        stacklevel=4,
    )


def cache_key() -> str:
    """The key of compiled registries for the installed data and code, found once a process.

    A wheel's key is the one its build computed (:func:`key_path`); a source
    checkout's is :func:`computed_key`, as its files may have changed.
    """
    with _lock:
        key = _digests.get("key")
    if key is None:
        key = _built_key() or computed_key()
        with _lock:
            key = _digests.setdefault("key", key)
    return key


def cache_folder() -> Path | None:
    """Where compiled registries are kept, or None when caching is off.

    ``$GUIZHOU_BIGDATA_CACHE`` is ``off``, ``0``, ``no``, ``false`` or ``none``
    (no cache), ``on``, ``1``, ``yes``, ``true`` or empty (the default folder),
    or a path.
    """
    from pathlib import Path

    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        word = configured.strip().lower()
        if word in _DISABLED:
            return None
        if word not in _DEFAULT:
            return Path(configured).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "guizhou-bigdata" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "guizhou-bigdata"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "guizhou-bigdata"


def folder_problem(status: os.stat_result, user: int | None) -> str | None:
    """Why a cache folder with this status must not be trusted by ``user``, or None.

    Whoever can write the folder decides what the next process reads, so it
    must be a folder of the user's own (``user`` None skips the owner check, as
    on Windows) that neither group nor others may write.
    """
    import stat

    if not stat.S_ISDIR(status.st_mode):
        return "it is not a folder"
    if user is not None and status.st_uid != user:
        return f"it belongs to user id {status.st_uid}, not to this user (id {user})"
    writable = status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    if writable:
        who = {stat.S_IWGRP: "its group", stat.S_IWOTH: "other users"}.get(
            writable, "its group and other users"
        )
        return (
            f"{who} may write it (mode {stat.S_IMODE(status.st_mode):o}); "
            "make it private with 'chmod 700'"
        )
    return None


def _private_folder(folder: Path) -> bool:
    """Create ``folder`` private (0700) if missing; warn and return False if it is not ours."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        status = folder.stat()
    except OSError as exc:
        _warn(f"could not create its compiled-data cache folder {folder} ({exc.strerror or exc})")
        return False
    if os.name == "nt":  # no POSIX owner or mode bits: the user profile's ACLs apply
        return True
    problem = folder_problem(status, os.geteuid())
    if problem is not None:
        _warn(f"does not use the compiled-data cache folder {folder}: {problem}")
        return False
    return True


def _warn(what: str) -> None:
    warnings.warn(
        f"guizhou_bigdata {what}; every process will load the data files anew. "
        f"Set {CACHE_ENV} to a private, writable folder, or to 'off' to skip the cache.",
        RuntimeWarning,
        stacklevel=5,
    )


def payload_digest(payload: bytes | memoryview) -> str:
    """BLAKE2b (32 bytes) hex of a compiled file's payload: the check that it is intact.

    Taken from CPython's ``_blake2`` module, which ``hashlib`` itself uses for it:
    ``import hashlib`` loads OpenSSL (about 3 ms, a third of reading the compiled
    file), and BLAKE2b is several times faster than the built-in SHA-256 on this
    size. A Python without ``_blake2`` uses hashlib's, which gives the same digest.
    """
    try:
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b
    return blake2b(payload, digest_size=32).hexdigest()


def _header(key: str, payload: bytes | memoryview) -> bytes:
    return _MAGIC + key.encode("ascii") + b"\n" + payload_digest(payload).encode() + b"\n"


def _decode(data: bytes, key: str, reload: Callable[[], Registry] | None = None) -> Registry | None:
    """The registry in a compiled file's bytes, or None unless it is one, of this key, intact.

    Its records are built when first asked for; one that turns out not to decode
    (the file was forged or damaged behind a valid header) calls ``reload``.
    """
    from .encoding import DECODE_ERRORS, decode

    size = len(_header(key, b""))
    if len(data) <= size or not data.startswith(_MAGIC):
        return None
    payload = memoryview(data)[size:]  # not copied: the file may be a megabyte
    if data[:size] != _header(key, payload):
        return None
    # The records form no reference cycles: the cyclic collector, which would walk
    # every object of the process several times while they are made, is paused.
    from ..core.gcpause import collector_paused

    with collector_paused():
        try:
            return decode(data, reload, start=size)
        except DECODE_ERRORS:
            return None


def _read(path: str | Path | Traversable) -> Registry | None:
    """The registry in ``path``, or None when it is missing, for other data, or damaged.

    A file that cannot be read is a miss too: writing it afterwards reports why.
    """
    try:
        if isinstance(path, str):
            with open(path, "rb") as file:
                data = file.read()
        else:
            data = path.read_bytes()
    except OSError:
        return None
    return _decode(data, cache_key(), _reload)


def write_compiled(path: Path, registry: Registry) -> None:
    """Write ``registry`` compiled, atomically: readers see the old file or the new one."""
    from ..core.writing import write_file
    from .encoding import encode

    payload = encode(registry)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_file(path, _header(cache_key(), payload) + payload, mode=0o644)


STALE_AFTER = 24 * 3600.0
"""Seconds after which a compiled file of another key is removed (another installed
version of the package may still be using a younger one)."""
LEFTOVER_AFTER = 3600.0
"""Seconds after which a temporary file is taken as a killed write's leftover."""


def remove_stale(folder: Path, keep: Path, now: float | None = None) -> list[Path]:
    """Remove old compiled files of other keys and killed writes' temporary files."""
    import time

    now = time.time() if now is None else now
    removed = []
    for path in folder.iterdir():
        name = path.name
        if path == keep:
            continue
        if name.startswith("registry-") and name.endswith((".json", ".pickle")):
            age = STALE_AFTER
        elif name.startswith((".registry-", ".tmp-")) and name.endswith((".tmp", ".pickle")):
            age = LEFTOVER_AFTER  # a write killed midway (".tmp-*.pickle": older versions)
        else:
            continue
        try:
            if now - path.lstat().st_mtime > age:
                path.unlink()
                removed.append(path)
        except FileNotFoundError:
            continue  # another process removed it first
    return removed


def packaged_path() -> str | Traversable:
    """Where a wheel carries its compiled registry (absent from a source checkout).

    A plain path string when the package is a folder of files (almost always).
    """
    if os.path.isdir(os.path.join(_HERE, "data")):
        return os.path.join(_HERE, "data", PACKAGED_NAME)
    return _package_root() / "data" / PACKAGED_NAME


def cache_path() -> Path | None:
    """The compiled file for the installed data and code, or None when caching is off."""
    folder = cache_folder()
    return None if folder is None else folder / f"registry-{cache_key()[:32]}.json"


def load_bundled() -> Registry:
    """The checked registry of the bundled data: compiled in the wheel, cached, or loaded."""
    packaged = _read(packaged_path())
    if packaged is not None:
        return packaged
    path = cache_path()
    if path is not None and not _private_folder(path.parent):
        path = None
    if path is not None:
        cached = _read(path)
        if cached is not None:
            return cached
    return _load_files(path)


def _reload() -> Registry:
    """The bundled data loaded from its files, for a compiled file found bad only once read.

    The cache file is written anew, as after any miss.
    """
    path = cache_path()
    if path is not None and not _private_folder(path.parent):
        path = None
    return _load_files(path)


def _load_files(path: Path | None) -> Registry:
    """The registry of the data files, checked; written compiled to ``path`` (the cache)."""
    from .loading import load_registry

    registry = load_registry()
    if path is not None:
        try:
            write_compiled(path, registry)
        except OSError as exc:
            _warn(f"could not write its compiled-data cache {path} ({exc.strerror or exc})")
        else:
            try:
                remove_stale(path.parent, path)
            except OSError as exc:
                warnings.warn(
                    f"guizhou_bigdata could not remove old files from its compiled-data cache "
                    f"folder {path.parent} ({exc.strerror or exc}); they take space, no more",
                    RuntimeWarning,
                    stacklevel=4,
                )
    return registry
