"""Files the library writes: atomic, through links, keeping permissions, never over devices."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main
from guizhou_bigdata.tables import export
from guizhou_bigdata.writing import refusal, write_file

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
        "from guizhou_bigdata.tables import export\n"
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
