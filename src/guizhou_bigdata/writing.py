"""Files the library writes: atomic, and respectful of what is already at the path.

A reader never sees a half-written file: the bytes go to a temporary file beside
the target, which is then renamed over it. What the path already names is
honoured: a symbolic link is written through to its target, an existing file
keeps its permission bits, and a folder, device, FIFO or socket is never
replaced. ``-`` means standard output.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import sys
from pathlib import Path

__all__ = ["STDOUT", "refusal", "write_file"]

STDOUT = "-"
"""The path that means standard output."""


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


def _target(path: Path) -> tuple[Path, os.stat_result | None]:
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
    raises :class:`OSError` naming it. ``-`` writes standard output.
    """
    if os.fspath(path) == STDOUT:
        _write_stdout(data)
        return Path(STDOUT)
    requested = Path(path)
    target, existing = _target(requested)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
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
    return requested


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
