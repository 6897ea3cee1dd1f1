"""Files the library writes: atomic, through links, keeping permissions, never over devices."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main
from guizhou_bigdata.core import writing
from guizhou_bigdata.core.writing import (
    LEFTOVER_AFTER,
    is_temporary,
    refusal,
    remove_leftovers,
    write_file,
)
from guizhou_bigdata.outputs.tables import export

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX links, modes and FIFOs")


@posix
def test_a_symlink_is_written_through_to_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real" / "facts.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert export(link, year=2018) == link
    assert link.is_symlink(), "the link was replaced by a file"
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert len(rows) == len(gb.facts(year=2018))
    assert sorted(p.name for p in target.parent.iterdir()) == ["facts.json"], "a temporary file"


@posix
def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "made.csv")
    export(link, metric="gdp")
    assert link.is_symlink()
    rows = list(csv.DictReader(io.StringIO((tmp_path / "made.csv").read_text(encoding="utf-8"))))
    assert {row["metric"] for row in rows} == {"gdp"}


@posix
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o604])
def test_an_existing_file_keeps_its_permissions(tmp_path: Path, mode: int) -> None:
    target = tmp_path / "facts.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(mode)
    export(target)
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text(encoding="utf-8").startswith("id,subject,metric")


@posix
def test_a_fifo_is_refused_and_left_alone(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match=r"is a FIFO \(named pipe\), not a regular file") as caught:
        export(fifo)
    assert caught.value.filename == str(fifo)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.csv"]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "facts.csv"
    folder.mkdir()
    with pytest.raises(OSError, match="is a folder, not a regular file"):
        export(folder)
    assert folder.is_dir()


@posix
def test_a_device_is_refused_not_replaced() -> None:
    """As root, the old rename-over-the-path replaced /dev/null and reported success."""
    before = os.stat("/dev/null")
    with pytest.raises(OSError, match="is a device, not a regular file") as caught:
        write_file("/dev/null", b"data")
    assert "'-'" in str(caught.value), "the error points to standard output"
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert after.st_ino == before.st_ino


def test_refusal_names_each_kind_of_path() -> None:
    assert refusal(stat.S_IFREG | 0o644) is None
    assert refusal(stat.S_IFDIR | 0o755) == "is a folder"
    assert refusal(stat.S_IFIFO | 0o644) == "is a FIFO (named pipe)"
    assert refusal(stat.S_IFCHR | 0o666) == "is a device"
    assert refusal(stat.S_IFBLK | 0o660) == "is a device"
    assert refusal(stat.S_IFSOCK | 0o755) == "is a socket"


def test_dash_writes_standard_output() -> None:
    code = (
        "import guizhou_bigdata as gb\n"
        "from guizhou_bigdata.outputs.tables import export\n"
        "export('-', 'csv', year=2018)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, check=True, cwd=Path(__file__).parent
    )
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"))))
    assert len(rows) == len(gb.facts(year=2018))
    assert not (Path(__file__).parent / "-").exists()


def test_the_cli_exports_to_standard_output_with_dash(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "guizhou_bigdata", "export", "-o", "-", "--format", "json"],
        capture_output=True,
        check=True,
        cwd=tmp_path,
    )
    rows = json.loads(done.stdout)
    assert len(rows) == len(gb.facts())
    assert done.stderr == b""
    assert list(tmp_path.iterdir()) == []


@posix
def test_the_cli_refuses_a_fifo_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    assert main(["export", "-o", str(fifo)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "is a FIFO (named pipe), not a regular file: refusing to replace it" in err
    assert "write standard output with '-'" in err


def test_dash_writes_text_to_a_standard_output_without_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A notebook's sys.stdout takes text only."""
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    export("-", "json", metric="gdp")
    assert {row["metric"] for row in json.loads(out.getvalue())} == {"gdp"}
    with pytest.raises(ValueError, match="takes text only, and the data is binary"):
        write_file("-", b"\xff\xfe binary")


# Killed writes' temporary files -----------------------------------------------


def aged(path: Path, seconds: float) -> Path:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)
    return path


def test_the_next_write_removes_a_killed_writes_temporary_file(tmp_path: Path) -> None:
    """kill -9 during a write leaves .<name>.<hex>.tmp: the next write into the folder removes
    it once LEFTOVER_AFTER old, whichever file it was for."""
    killed = tmp_path / ".facts.csv.0123456789ab.tmp"
    killed.write_text("id,subject\nhalf a ro", encoding="utf-8")
    other = tmp_path / ".facts.parquet.abcdefabcdef.tmp"
    other.write_bytes(b"PAR1")
    for path in (killed, other):
        aged(path, LEFTOVER_AFTER + 60)
    running = tmp_path / ".facts.csv.ba9876543210.tmp"  # a live writer's, in another process
    running.write_text("id,subject\n", encoding="utf-8")
    aged(running, LEFTOVER_AFTER - 60)
    users = [
        tmp_path / ".notes.tmp",  # not the library's naming
        tmp_path / ".facts.csv.0123456789AB.tmp",
        tmp_path / "facts.csv.0123456789ab.tmp",
    ]
    for path in users:
        aged(write_text(path), LEFTOVER_AFTER + 60)
    folder = tmp_path / ".data.0123456789ab.tmp"  # a folder is never a temporary file
    folder.mkdir()
    aged(folder, LEFTOVER_AFTER + 60)
    export(tmp_path / "facts.csv", metric="gdp")
    assert not killed.exists()
    assert not other.exists()
    assert running.exists()
    assert all(path.exists() for path in users)
    assert folder.is_dir()


def write_text(path: Path) -> Path:
    path.write_text("mine\n", encoding="utf-8")
    return path


@posix
def test_a_write_killed_midway_is_cleaned_up_by_the_next(tmp_path: Path) -> None:
    """A real kill -9 between writing the temporary file and renaming it."""
    target = tmp_path / "facts.json"
    target.write_text("[]\n", encoding="utf-8")
    code = (
        "import os, sys, time\n"
        "from guizhou_bigdata.outputs.tables import export\n"
        "replace = os.replace\n"
        "def hang(source, destination):\n"
        "    if str(destination) != os.path.realpath(sys.argv[1]):\n"
        "        return replace(source, destination)  # the compiled-data cache, say\n"
        "    print('ready', flush=True)\n"
        "    time.sleep(600)\n"
        "os.replace = hang\n"
        "export(sys.argv[1])\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n"
        process.kill()
    assert target.read_text(encoding="utf-8") == "[]\n"  # the old file, whole
    (left,) = (path for path in tmp_path.iterdir() if path != target)
    assert is_temporary(left.name)
    export(target, metric="gdp")
    assert left.exists(), "a young temporary file may be a live write's: kept"
    aged(left, LEFTOVER_AFTER + 60)
    export(target, metric="gdp")
    assert list(tmp_path.iterdir()) == [target]


def test_leftovers_are_counted_by_age_not_by_the_clock_of_the_test(tmp_path: Path) -> None:
    """remove_leftovers takes the present as an argument: the rule is the age alone."""
    path = write_text(tmp_path / ".x.csv.00112233aabb.tmp")
    written = path.stat().st_mtime
    assert remove_leftovers(tmp_path, now=written + LEFTOVER_AFTER - 1) == []
    assert remove_leftovers(tmp_path, now=written + LEFTOVER_AFTER + 1) == [path]
    assert not path.exists()


def test_a_folder_that_cannot_be_tidied_warns_and_keeps_the_file_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(folder: Path, *, now: float | None = None) -> list[Path]:
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(writing, "remove_leftovers", unreadable)
    with pytest.warns(RuntimeWarning, match="could not remove killed writes' temporary files"):
        write_file(tmp_path / "facts.csv", b"id\n")
    assert (tmp_path / "facts.csv").read_bytes() == b"id\n"
