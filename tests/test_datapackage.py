"""The Frictionless Data Package, checked by Frictionless itself."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main
from guizhou_bigdata.columns import CITATIONS, ENTITIES, FACTS, METRICS, MILESTONES, SOURCES
from guizhou_bigdata.tables import export

from .test_tables import assert_loss_free

frictionless = pytest.importorskip("frictionless")

TABLES = {table.name: table for table in (FACTS, CITATIONS, SOURCES, METRICS, ENTITIES, MILESTONES)}


def descriptor(path: Path) -> dict[str, Any]:
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def errors(path: Path, **options: Any) -> list[tuple[str, str]]:
    report = frictionless.validate(str(path), **options)
    return [(error.type, error.note) for task in report.tasks for error in task.errors]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(tmp_path_factory.mktemp("package") / "datapackage.json")


def test_the_package_is_valid_for_frictionless(package: Path) -> None:
    report = frictionless.validate(str(package))
    assert report.valid, report.flatten(["type", "note"])
    assert len(report.tasks) == len(TABLES)
    assert sorted(path.name for path in package.parent.iterdir()) == sorted(
        ["datapackage.json", *(f"{name}.csv" for name in TABLES)]
    )


def test_the_frictionless_command_line_validates_it(package: Path) -> None:
    command = shutil.which("frictionless")
    if command is None:
        pytest.skip("the frictionless command is not installed")
    result = subprocess.run(
        [command, "validate", str(package)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_descriptor_names_the_licence_and_the_data_version(package: Path) -> None:
    described = descriptor(package)
    assert described["version"] == gb.__data_version__
    assert described["data_digest"] == gb.data_digest()
    assert [licence["name"] for licence in described["licenses"]] == ["MIT"]
    # What the licence covers is said: the records, and not the quoted words.
    assert "MIT" in described["description"]
    assert "short citation" in described["description"]
    assert len(described["sources"]) == len(gb.default_registry().sources())


def test_each_resource_has_its_typed_schema_and_keys(package: Path) -> None:
    resources = {item["name"]: item for item in descriptor(package)["resources"]}
    assert set(resources) == set(TABLES)
    for name, table in TABLES.items():
        schema = resources[name]["schema"]
        assert [field["name"] for field in schema["fields"]] == list(table.names)
        assert schema["primaryKey"] == list(table.primary_key)
        assert all(field["description"] for field in schema["fields"])
    facts = {field["name"]: field for field in resources["facts"]["schema"]["fields"]}
    assert facts["period_start"]["type"] == "date"
    assert facts["source_published"]["type"] == "date"
    assert facts["value"]["type"] == "number"
    assert facts["value_exact"]["type"] == "string"
    assert facts["bound"]["constraints"]["enum"] == [bound.value for bound in gb.Bound]
    assert facts["modality"]["constraints"]["enum"] == [m.value for m in gb.Modality]
    keys = {key["fields"]: key["reference"] for key in resources["facts"]["schema"]["foreignKeys"]}
    assert keys["source"] == {"resource": "sources", "fields": "id"}
    assert keys["subject"] == {"resource": "entities", "fields": "id"}
    assert keys["metric"] == {"resource": "metrics", "fields": "id"}


def test_frictionless_reads_the_facts_back_without_loss(
    package: Path, registry: gb.Registry
) -> None:
    read = frictionless.Package(str(package))
    rows: list[dict[str, object]] = [dict(row) for row in read.get_resource("facts").read_rows()]
    assert_loss_free(rows, registry)
    by_id = {row["id"]: row for row in rows}
    gdp = by_id["guiyang.gdp.2013.beltandroad"]
    assert gdp["value_exact"] == "208542000000.000"  # the Table Schema keeps it text


def test_the_citations_table_holds_every_citation_in_order(
    package: Path, registry: gb.Registry
) -> None:
    read = frictionless.Package(str(package))
    rows = [dict(row) for row in read.get_resource("citations").read_rows()]
    expected = [
        (fact.id, number, citation.source.id, citation.quote)
        for fact in registry.facts()
        for number, citation in enumerate(fact.citations, start=1)
    ]
    assert [(r["fact"], r["number"], r["source"], r["quote"]) for r in rows] == expected
    assert len(rows) > len(registry.facts())  # derived facts cite each of their inputs


def test_the_timeline_and_the_entities_are_tables_too(package: Path, registry: gb.Registry) -> None:
    read = frictionless.Package(str(package))
    milestones = [dict(row) for row in read.get_resource("milestones").read_rows()]
    timeline = registry.timeline()
    assert [row["id"] for row in milestones] == [m.id for m in timeline]
    for row, milestone in zip(milestones, timeline, strict=True):
        assert (row["date_start"], row["date_end"]) == (milestone.date.start, milestone.date.end)
        assert row["date_precision"] == milestone.date.precision.value
        assert row["quote"] == milestone.citations[0].quote
    entities = {row["id"]: row for row in read.get_resource("entities").read_rows()}
    (place,) = registry.places(id="guiyang")
    guiyang = entities["guiyang"]
    assert (guiyang["type"], guiyang["kind"]) == ("place", place.kind.value)
    assert (guiyang["name_zh"], guiyang["parent"]) == (place.name_zh, place.parent)
    subjects = {fact.subject for fact in registry.facts()}
    assert subjects <= set(entities)


def test_the_package_is_the_same_every_time(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    first = export(tmp_path / "a" / "datapackage.json", metric="gdp")
    second = export(tmp_path / "b" / "datapackage.json", metric="gdp")
    for name in sorted(path.name for path in first.parent.iterdir()):
        assert (first.parent / name).read_bytes() == (second.parent / name).read_bytes(), name


def copy_of(package: Path, folder: Path) -> Path:
    shutil.copytree(package.parent, folder)
    return folder / package.name


def test_a_fact_whose_source_is_missing_fails_the_foreign_key(
    package: Path, tmp_path: Path
) -> None:
    broken = copy_of(package, tmp_path / "broken")
    sources = broken.parent / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    removed = lines.pop(1).split(",")[0]
    sources.write_text("".join(lines), encoding="utf-8")
    found = errors(broken, skip_errors=["hash-count", "byte-count"])
    assert found
    assert {kind for kind, _ in found} == {"foreign-key"}
    assert all(removed in note for _, note in found)


def test_a_value_outside_an_enum_fails_its_constraint(package: Path, tmp_path: Path) -> None:
    broken = copy_of(package, tmp_path / "broken")
    facts = broken.parent / "facts.csv"
    with facts.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    rows[1][FACTS.names.index("bound")] = "roughly"
    with facts.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    found = errors(broken, skip_errors=["hash-count", "byte-count"])
    assert [kind for kind, _ in found] == ["constraint-error"]


def test_a_changed_file_fails_its_hash(package: Path, tmp_path: Path) -> None:
    broken = copy_of(package, tmp_path / "broken")
    metrics = broken.parent / "metrics.csv"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("GDP", "GNP"), "utf-8")
    assert "hash-count" in {kind for kind, _ in errors(broken)}


def test_a_filtered_package_keeps_every_reference_resolvable(
    tmp_path: Path, registry: gb.Registry
) -> None:
    path = export(tmp_path / "datapackage.json", metric="gdp", subject="guiyang")
    assert frictionless.validate(str(path)).valid
    read = frictionless.Package(str(path))
    facts = [row["id"] for row in read.get_resource("facts").read_rows()]
    assert facts == [fact.id for fact in registry.facts(metric="gdp", subject="guiyang")]
    cited = {row["fact"] for row in read.get_resource("citations").read_rows()}
    assert cited == set(facts)


def test_the_format_can_be_named_and_the_descriptor_named_freely(tmp_path: Path) -> None:
    path = export(tmp_path / "guizhou.json", "datapackage")
    assert descriptor(path)["name"] == "guizhou-bigdata"
    assert (tmp_path / "facts.csv").is_file()
    assert frictionless.validate(str(path)).valid


def test_a_descriptor_named_as_one_of_its_tables_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"'.*facts\.csv'.*name it datapackage\.json"):
        export(tmp_path / "facts.csv", "datapackage")
    assert list(tmp_path.iterdir()) == []


def test_a_package_cannot_go_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match="cannot go to standard output"):
        export("-", "datapackage")
    assert list(tmp_path.iterdir()) == []


def test_a_registry_of_other_files_claims_no_data_version(
    tmp_path: Path, registry: gb.Registry
) -> None:
    other = gb.Registry(
        sources=registry.sources(),
        metrics=registry.metrics(),
        entities=tuple(gb.default_registry().entity(f.subject) for f in registry.facts()),
        milestones=(),
        facts=registry.facts(),
    )
    path = export(tmp_path / "datapackage.json", registry=other)
    described = descriptor(path)
    assert "version" not in described
    assert "data_digest" not in described
    assert described["generator"] == f"guizhou-bigdata {gb.__version__}"


def test_an_unreviewed_fact_reads_back_as_false(tmp_path: Path, registry: gb.Registry) -> None:
    facts = registry.facts(metric="gdp", subject="guiyang")
    draft = attrs.evolve(facts[0], reviewed=False)
    other = gb.Registry(
        sources=registry.sources(),
        metrics=registry.metrics(),
        entities=tuple(registry.entity(id) for id in ("guizhou", "guiyang")),
        milestones=(),
        facts=(draft, *facts[1:]),
    )
    path = export(tmp_path / "datapackage.json", registry=other, metric="gdp")
    report = frictionless.validate(str(path), skip_errors=["foreign-key"])
    assert report.valid, report.flatten(["type", "note"])
    read = frictionless.Package(str(path)).get_resource("facts").read_rows()
    assert [row["reviewed"] for row in read] == [False, True, True, True]


def test_a_failed_write_never_leaves_a_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written: list[int] = []
    real_fsync = os.fsync

    def fail_on_third(descriptor: int) -> None:
        written.append(descriptor)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fail_on_third)
    with pytest.raises(OSError, match="No space left"):
        export(tmp_path / "datapackage.json")
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["citations.csv", "facts.csv"]  # no temporary files, no descriptor


def test_the_command_line_writes_a_package(tmp_path: Path) -> None:
    target = tmp_path / "datapackage.json"
    assert main(["export", "-o", str(target), "--metric", "gdp"]) == 0
    assert frictionless.validate(str(target)).valid


def test_importing_the_package_module_needs_no_frictionless() -> None:
    code = (
        "import sys, guizhou_bigdata.datapackage\n"
        "print(sorted(m for m in ('frictionless', 'pandas', 'pyarrow') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_package_makes_its_folder_as_the_readme_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    path = export("guizhou/datapackage.json", subject="guiyang")
    assert (tmp_path / "guizhou" / "facts.csv").is_file()
    assert errors(path) == []
    assert main(["export", "-o", "pkg/nested/datapackage.json", "--subject", "guiyang"]) == 0
    assert errors(tmp_path / "pkg" / "nested" / "datapackage.json") == []
