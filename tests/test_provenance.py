"""Every quote verifies, word for word, against the archived articles."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.checks.provenance import ProvenanceIssue


def test_every_quote_verifies_against_the_archived_texts(sources_dir: Path) -> None:
    report = gb.verify_sources(sources_dir)
    assert report.ok, str(report)
    assert report.sources_checked == 5
    quoted = [f for f in gb.facts() if any(c.quote is not None for c in f.citations)]
    assert report.quotes_checked >= len(quoted)  # a reference citation has no quote


def test_a_tampered_article_fails_naming_the_facts(sources_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "sources"
    shutil.copytree(sources_dir, copy)
    article = copy / "003_8714f90658e80315.txt"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("24.6 percent", "26.4 percent"), encoding="utf-8")
    report = gb.verify_sources(copy)
    assert not report.ok
    issues = {finding.issue for finding in report.findings}
    assert issues == {ProvenanceIssue.HASH_MISMATCH, ProvenanceIssue.QUOTE_NOT_FOUND}
    missing = [f for f in report.findings if f.issue is ProvenanceIssue.QUOTE_NOT_FOUND]
    (finding,) = missing
    assert "guizhou.digital_economy_growth.2018.chinadaily" in finding.records
    assert all(".chinadaily" in record for record in finding.records)
    assert "guizhou.digital_economy_growth.2018.chinadaily" in str(report)


def test_a_missing_article_fails_naming_its_records(sources_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "sources"
    shutil.copytree(sources_dir, copy)
    (copy / "003_8714f90658e80315.txt").unlink()
    report = gb.verify_sources(copy)
    (finding,) = report.findings
    assert finding.issue is ProvenanceIssue.MISSING_TEXT
    assert finding.source == "chinadaily-2019-10-02"
    assert "guizhou.digital_economy_growth.2018.chinadaily" in finding.records


# Confined to its folder ---------------------------------------------------------------


def _with_archive(archive: str) -> gb.Registry:
    """The bundled registry with the first source's archive replaced (as a caller could)."""
    registry = gb.default_registry()
    first, *rest = registry.sources()
    changed = attrs.evolve(first, archive=archive, sha256=None)
    return gb.Registry(
        sources=(changed, *rest),
        metrics=registry.metrics(),
        entities=(
            *registry.places(),
            *registry.organisations(),
            *registry.data_centres(),
            *registry.platforms(),
            *registry.events(),
            *registry.policies(),
        ),
        milestones=registry.timeline(),
        facts=(),
    )


@pytest.mark.parametrize(
    ("archive", "why"),
    [
        ("../../../../etc/passwd", "climbs out of the sources folder with '..'"),
        ("/etc/passwd", "is an absolute path"),
        ("C:/Windows/win.ini", "is an absolute path"),
        ("a\\..\\b.txt", "holds a backslash"),
    ],
)
def test_a_path_out_of_the_folder_is_refused_and_not_read(
    tmp_path: Path, archive: str, why: str
) -> None:
    report = gb.verify_sources(tmp_path, _with_archive(archive))
    refused = [f for f in report.findings if f.issue is ProvenanceIssue.REFUSED_PATH]
    (finding,) = refused
    assert why in finding.message
    assert "it was not read" in finding.message
    assert "SHA-256" not in str(report)


@pytest.mark.skipif(os.name != "posix", reason="POSIX links and devices")
@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: p.symlink_to("/etc/hostname"), "leads out of"),
        (lambda p: p.symlink_to("/dev/zero"), "leads out of"),
        (lambda p: os.mkfifo(p), "is not a regular file"),
        (lambda p: p.mkdir(), "is not a regular file"),
    ],
    ids=["link-out", "link-to-device", "fifo", "folder"],
)
def test_links_out_devices_fifos_and_folders_are_refused(
    tmp_path: Path, make: Callable[[Path], object], why: str
) -> None:
    make(tmp_path / "article.txt")
    report = gb.verify_sources(tmp_path, _with_archive("article.txt"))
    (finding,) = [f for f in report.findings if f.issue is ProvenanceIssue.REFUSED_PATH]
    assert why in finding.message


def test_a_link_inside_the_folder_is_followed(sources_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "sources"
    shutil.copytree(sources_dir, copy)
    source = next(s for s in gb.sources() if s.archive is not None)
    assert source.archive is not None
    (copy / "texts").mkdir()
    (copy / source.archive).rename(copy / "texts" / source.archive)
    (copy / source.archive).symlink_to(Path("texts") / source.archive)
    assert gb.verify_sources(copy).ok


def test_a_text_over_the_size_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from guizhou_bigdata.checks import provenance

    monkeypatch.setattr(provenance, "MAX_TEXT_BYTES", 1000)
    (tmp_path / "big.txt").write_bytes(b"x" * 1001)
    report = gb.verify_sources(tmp_path, _with_archive("big.txt"))
    (finding,) = [f for f in report.findings if f.issue is ProvenanceIssue.REFUSED_PATH]
    assert "is larger than the limit of 1,000 bytes" in finding.message


def test_a_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such folder of archived source texts"):
        gb.verify_sources(tmp_path / "nowhere")
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError, match="not a folder"):
        gb.verify_sources(tmp_path / "file")


def test_only_some_sources_are_verified_when_asked(sources_dir: Path) -> None:
    registry = gb.default_registry()
    source = next(s for s in registry.sources() if s.archive is not None)
    report = gb.verify_sources(sources_dir, registry, only=[source.id])
    assert report.ok
    assert str(report).startswith("Checked ")
    assert " against 1 archived texts" in str(report)
    with pytest.raises(gb.FactNotFoundError, match="did you mean"):
        gb.verify_sources(sources_dir, registry, only=[source.id + "x"])
