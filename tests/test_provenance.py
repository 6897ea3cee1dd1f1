"""Every quote verifies, word for word, against the archived articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import guizhou_bigdata as gb
from guizhou_bigdata.provenance import ProvenanceIssue


def test_every_quote_verifies_against_the_archived_texts(sources_dir: Path) -> None:
    report = gb.verify_sources(sources_dir)
    assert report.ok, str(report)
    assert report.sources_checked == 5
    assert report.quotes_checked >= len(gb.facts())


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
