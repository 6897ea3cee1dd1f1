"""The bundled data compiled into a pickle, keyed by a hash of everything it came from.

Loading the TOML files means parsing, structuring, checking every quote and
building the Pint registry to compare dimensions: about 50 ms. The checked
:class:`~.registry.Registry` is therefore compiled once and read back in a few
milliseconds: into the wheel when it is built (``data/compiled.pickle``, written
by the build hook), else into the user cache folder on first use. Each file
carries its key, a SHA-256 of the data files, of the package's own code and of
the package version, so a change to any of them is a miss: a stale registry is
never served.

The cache folder is ``$GUIZHOU_BIGDATA_CACHE`` when set (``off`` disables the
cache), else the platform's user cache folder. Each file also holds a digest
of its own payload, checked before unpickling, so a truncated or damaged file
is rebuilt rather than read.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import threading
import warnings
from collections.abc import Iterable
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:
    from .registry import Registry

__all__ = [
    "CACHE_ENV",
    "PACKAGED_NAME",
    "bundled_digest",
    "cache_folder",
    "cache_key",
    "cache_path",
    "content_digest",
    "load_bundled",
    "packaged_path",
    "write_compiled",
]

CACHE_ENV = "GUIZHOU_BIGDATA_CACHE"
_DISABLED = frozenset({"off", "0", "no", "false", "none"})
_MAGIC = b"guizhou-bigdata compiled registry 2\n"
_PROTOCOL = 5
PACKAGED_NAME = "compiled.pickle"
"""The compiled registry the build hook puts into the wheel's ``data`` folder."""

_lock = threading.Lock()
_digests: dict[str, str] = {}


def _package_files(suffixes: tuple[str, ...], folder: str = "") -> list[tuple[str, bytes]]:
    """(relative path, bytes) of the package's files with these suffixes."""
    root = resources.files("guizhou_bigdata")
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


def content_digest(items: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 hex of named files: names and bytes, in name order, line endings normalised.

    The order the files were found in and CRLF endings (a Windows checkout) do
    not change it; any other byte does.
    """
    digest = hashlib.sha256()
    for name, data in sorted(items):
        text = data.replace(b"\r\n", b"\n")
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


def cache_key() -> str:
    """SHA-256 hex of what a compiled registry depends on: data, code, version, format.

    Pickle protocol 5 reads the same on every Python the package supports, so
    the Python version is not part of it: the wheel's file serves them all.
    """
    with _lock:
        if "key" not in _digests:
            code = content_digest(_package_files((".py",)))
            digest = hashlib.sha256()
            for part in (_data_digest(), code, __version__, _MAGIC.decode(), str(_PROTOCOL)):
                digest.update(part.encode("utf-8") + b"\0")
            _digests["key"] = digest.hexdigest()
        return _digests["key"]


def cache_folder() -> Path | None:
    """Where compiled registries are kept, or None when caching is off."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        if configured.strip().lower() in _DISABLED or not configured.strip():
            return None
        return Path(configured).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "guizhou-bigdata" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "guizhou-bigdata"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "guizhou-bigdata"


def _header(key: str, payload: bytes) -> bytes:
    return _MAGIC + key.encode("ascii") + b"\n" + hashlib.sha256(payload).digest()


def _decode(data: bytes, key: str) -> Registry | None:
    """The registry in a compiled file's bytes, or None unless key and digest match."""
    from .registry import Registry

    size = len(_header(key, b""))
    if len(data) <= size or not data.startswith(_MAGIC):
        return None
    header, payload = data[:size], data[size:]
    if header != _header(key, payload):
        return None
    registry = pickle.loads(payload)
    return registry if isinstance(registry, Registry) else None


def _read(path: Path | Traversable) -> Registry | None:
    """The registry in ``path``, or None when it is missing, for other data, or damaged.

    A file that cannot be read is a miss too: writing it afterwards reports why.
    """
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return _decode(data, cache_key())


def write_compiled(path: Path, registry: Registry) -> None:
    """Write ``registry`` compiled, atomically: readers see the old file or the new one."""
    import tempfile

    payload = pickle.dumps(registry, protocol=_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_header(cache_key(), payload) + payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def packaged_path() -> Traversable:
    """Where a wheel carries its compiled registry (absent from a source checkout)."""
    return resources.files("guizhou_bigdata") / "data" / PACKAGED_NAME


def cache_path() -> Path | None:
    """The compiled file for the installed data and code, or None when caching is off."""
    folder = cache_folder()
    return None if folder is None else folder / f"registry-{cache_key()[:32]}.pickle"


def load_bundled() -> Registry:
    """The checked registry of the bundled data: compiled in the wheel, cached, or loaded."""
    packaged = _read(packaged_path())
    if packaged is not None:
        return packaged
    path = cache_path()
    if path is not None:
        cached = _read(path)
        if cached is not None:
            return cached
    from .loading import load_registry

    registry = load_registry()
    if path is not None:
        try:
            write_compiled(path, registry)
        except OSError as exc:
            warnings.warn(
                f"guizhou_bigdata could not write its compiled-data cache {path} "
                f"({exc.strerror or exc}); every process will load the data files anew. "
                f"Set {CACHE_ENV} to a writable folder, or to 'off' to skip the cache.",
                RuntimeWarning,
                stacklevel=4,
            )
    return registry
