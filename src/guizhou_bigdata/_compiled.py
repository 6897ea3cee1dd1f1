"""The bundled data compiled once into a pickle, keyed by a hash of everything it came from.

Loading the TOML files means parsing, structuring, checking every quote and
building the Pint registry to compare dimensions: about 50 ms. The checked
:class:`~.registry.Registry` is therefore saved after the first load and read
back in a few milliseconds by later processes. The file name is a SHA-256 of
the data files, of the package's own code, and of the Python version, so a
change to any of them is a different file: a stale registry is never served.

The cache folder is ``$GUIZHOU_BIGDATA_CACHE`` when set (``off`` disables the
cache), else the platform's user cache folder. The file holds a digest of its
own payload, checked before unpickling, so a truncated or damaged file is
rebuilt rather than read.
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
from pathlib import Path
from typing import TYPE_CHECKING

from ._version import __version__

if TYPE_CHECKING:
    from .registry import Registry

__all__ = [
    "CACHE_ENV",
    "bundled_digest",
    "cache_folder",
    "cache_path",
    "content_digest",
    "load_bundled",
]

CACHE_ENV = "GUIZHOU_BIGDATA_CACHE"
_DISABLED = frozenset({"off", "0", "no", "false", "none"})
_MAGIC = b"guizhou-bigdata compiled registry\n"
_PROTOCOL = 5

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


def bundled_digest() -> str:
    """``"sha256:<hex>"`` of the bundled data files (TOML and unit definitions)."""
    with _lock:
        if "data" not in _digests:
            _digests["data"] = "sha256:" + content_digest(_package_files((".toml", ".txt"), "data"))
        return _digests["data"]


def _cache_key() -> str:
    code = content_digest(_package_files((".py",)))
    digest = hashlib.sha256()
    for part in (
        bundled_digest(),
        code,
        __version__,
        sys.implementation.cache_tag or sys.version,
        str(_PROTOCOL),
    ):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


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


def _read(path: Path) -> Registry | None:
    """The registry in ``path``, or None when it is missing or fails its own digest.

    A file that cannot be read is a miss too: writing it afterwards reports why.
    """
    from .registry import Registry

    try:
        data = path.read_bytes()
    except OSError:
        return None
    header_size = len(_MAGIC) + 32
    if len(data) <= header_size or not data.startswith(_MAGIC):
        return None
    expected, payload = data[len(_MAGIC) : header_size], data[header_size:]
    if hashlib.sha256(payload).digest() != expected:
        return None
    registry = pickle.loads(payload)
    if not isinstance(registry, Registry):
        return None
    return registry


def _write(path: Path, registry: Registry) -> None:
    """Write atomically: readers see the old file or the whole new one, never a part."""
    import tempfile

    payload = pickle.dumps(registry, protocol=_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cache_path() -> Path | None:
    """The compiled file for the installed data and code, or None when caching is off."""
    folder = cache_folder()
    return None if folder is None else folder / f"registry-{_cache_key()[:32]}.pickle"


def load_bundled() -> Registry:
    """The checked registry of the bundled data: from the cache, or loaded and cached."""
    path = cache_path()
    if path is not None:
        cached = _read(path)
        if cached is not None:
            return cached
    from .loading import load_registry

    registry = load_registry()
    if path is not None:
        try:
            _write(path, registry)
        except OSError as exc:
            warnings.warn(
                f"guizhou_bigdata could not write its compiled-data cache {path} "
                f"({exc.strerror or exc}); every process will load the data files anew. "
                f"Set {CACHE_ENV} to a writable folder, or to 'off' to skip the cache.",
                RuntimeWarning,
                stacklevel=4,
            )
    return registry
