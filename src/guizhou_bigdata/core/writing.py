"""Files the library writes: atomic, and respectful of what is already at the path.

A reader never sees a half-written file: the bytes go to a temporary file beside
the target, which is then renamed over it. What the path already names is
honoured: a symbolic link is written through to its target, an existing file
keeps its permission bits, and a folder, device, FIFO or socket is never
replaced. ``-`` means standard output.

A write killed midway (``kill -9``, a power cut) leaves its temporary file,
named ``.<name>.<12 hex digits>.tmp``. Every write tidies its folder afterwards:
such files of the current user that no one has touched for
``LEFTOVER_AFTER`` seconds are removed. A younger one may belong to a write
still running in another process, and is kept (the rule of the compiled-data
cache, ``_compiled.py``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import sys
import time
import warnings
from pathlib import Path

__all__ = [
    "LEFTOVER_AFTER",
    "STDOUT",
    "fsync_folder",
    "is_temporary",
    "refusal",
    "remove_leftovers",
    "replaceable",
    "temporary_name",
    "tidy",
    "write_file",
]

STDOUT = "-"
"""The path that means standard output."""

LEFTOVER_AFTER = 3600.0
"""Seconds a temporary file stays untouched before it is taken for a killed write's
leftover: a live write touches its file as it writes, and takes far less."""

_TEMPORARY = re.compile(r"\..+\.[0-9a-f]{12}\.tmp", re.DOTALL)


def temporary_name(name: str) -> str:
    """A fresh temporary name for ``name`` in the same folder: ``.<name>.<hex>.tmp``."""
    return f".{name}.{secrets.token_hex(6)}.tmp"


def is_temporary(name: str) -> bool:
    """Whether ``name`` is one that :func:`temporary_name` gives."""
    return _TEMPORARY.fullmatch(name) is not None


def refusal(mode: int) -> str | None:
    """Why a path whose ``st_mode`` is ``mode`` must not be replaced, or None for a file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device"
    if stat.S_ISSOCK(mode):
        return "is a socket"
    return "is not a regular file"


def replaceable(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file to replace (links followed) and its status, or None when it is new."""
    resolved = Path(os.path.realpath(path))
    try:
        status = os.stat(resolved)
    except FileNotFoundError:
        return resolved, None
    why = refusal(status.st_mode)
    if why is not None:
        shown = str(path) if resolved == path.absolute() else f"{path} (-> {resolved})"
        hint = "; write standard output with '-'" if why != "is a folder" else ""
        raise OSError(
            errno.EEXIST, f"{why}, not a regular file: refusing to replace it{hint}", shown
        )
    return resolved, status


def write_file(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o666) -> Path:
    """Write ``data`` to ``path`` atomically; return the file written (``Path('-')`` for stdout).

    A symbolic link is followed and its target replaced; an existing file keeps
    its permission bits (and, where the process may, its owner); a new file gets
    ``mode`` less the umask, as ``open`` would. A folder, device, FIFO or socket
    raises :class:`OSError` naming it. ``-`` writes standard output. Afterwards
    the temporary files that killed writes left in the folder, an hour old, are
    removed (``remove_leftovers``).
    """
    if os.fspath(path) == STDOUT:
        _write_stdout(data)
        return Path(STDOUT)
    requested = Path(path)
    target, existing = replaceable(requested)
    temporary = target.with_name(temporary_name(target.name))
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as exc:
        # Name the file the caller asked for, not the temporary one.
        raise type(exc)(exc.errno, exc.strerror, str(requested)) from None
    try:
        with os.fdopen(descriptor, "wb") as file:
            if existing is not None:
                os.chmod(file.fileno(), stat.S_IMODE(existing.st_mode))
                _keep_owner(file.fileno(), existing)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    tidy(target.parent)
    return requested


def remove_leftovers(folder: Path, *, now: float | None = None) -> list[Path]:
    """Remove killed writes' temporary files from ``folder``; return those removed.

    Only regular files named as :func:`temporary_name` names them, of the
    current user (POSIX), untouched for :data:`LEFTOVER_AFTER` seconds are
    removed: a younger one may be another process's write in progress, and
    another user's is theirs to remove.
    """
    now = time.time() if now is None else now
    user = os.geteuid() if hasattr(os, "geteuid") else None
    removed = []
    with os.scandir(folder) as entries:
        candidates = [entry for entry in entries if is_temporary(entry.name)]
    for entry in candidates:
        try:
            status = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(status.st_mode):
                continue
            if user is not None and status.st_uid != user:
                continue
            if now - status.st_mtime > LEFTOVER_AFTER:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except FileNotFoundError:
            continue  # another process removed it first
    return removed


def tidy(folder: Path) -> None:
    """:func:`remove_leftovers`, warning instead of failing: the write itself succeeded."""
    try:
        remove_leftovers(folder)
    except OSError as exc:
        warnings.warn(
            f"guizhou_bigdata could not remove killed writes' temporary files from {folder} "
            f"({exc.strerror or exc}); they take space, no more",
            RuntimeWarning,
            stacklevel=3,
        )


def fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (POSIX; Windows cannot open a folder)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _write_stdout(data: bytes) -> None:
    """Bytes to standard output; text only where it takes no bytes (a notebook's stream)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(data)
        buffer.flush()
        return
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(
            "this standard output takes text only, and the data is binary (Parquet): "
            "write it to a file instead"
        ) from None
    sys.stdout.write(text)
    sys.stdout.flush()


def _keep_owner(descriptor: int, existing: os.stat_result) -> None:
    """Give the new file the old one's owner and group when allowed (root, or our own)."""
    if not hasattr(os, "fchown"):
        return
    if (existing.st_uid, existing.st_gid) == (os.geteuid(), os.getegid()):
        return
    # An ordinary user cannot give files away: the file becomes theirs, as with cp.
    with contextlib.suppress(PermissionError):
        os.fchown(descriptor, existing.st_uid, existing.st_gid)
