"""The Frictionless Data Package, checked by Frictionless itself."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import attrs
import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.cli import main
from guizhou_bigdata.core import writing
from guizhou_bigdata.core.writing import LEFTOVER_AFTER
from guizhou_bigdata.outputs import datapackage
from guizhou_bigdata.outputs.columns import CITATIONS, ENTITIES, FACTS, METRICS, MILESTONES, SOURCES
from guizhou_bigdata.outputs.tables import export

from .helpers import articles_registry
from .test_tables import assert_loss_free, unguarded

frictionless = pytest.importorskip("frictionless")

TABLES = {table.name: table for table in (FACTS, CITATIONS, SOURCES, METRICS, ENTITIES, MILESTONES)}


def descriptor(path: Path) -> dict[str, Any]:
    loaded = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def tables_folder(path: Path) -> Path:
    """The folder the descriptor's resources are in (one folder for all six)."""
    (folder,) = {str(item["path"]).rpartition("/")[0] for item in descriptor(path)["resources"]}
    assert re.fullmatch(re.escape(path.stem) + "-[0-9a-f]{16}", folder), folder
    return path.parent / folder


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
    # The descriptor, and the tables in one folder beside it that it names.
    tables = tables_folder(package)
    assert sorted(path.name for path in package.parent.iterdir()) == sorted(
        ["datapackage.json", tables.name]
    )
    assert sorted(path.name for path in tables.iterdir()) == sorted(f"{n}.csv" for n in TABLES)


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
    assert_loss_free(unguarded(rows), registry)
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


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder``, by relative path: a file's bytes, None a folder."""
    return {
        path.relative_to(folder).as_posix(): None if path.is_dir() else path.read_bytes()
        for path in sorted(folder.rglob("*"))
    }


def test_the_package_is_the_same_every_time(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    first = export(tmp_path / "a" / "datapackage.json", metric="gdp")
    second = export(tmp_path / "b" / "datapackage.json", metric="gdp")
    assert snapshot(first.parent) == snapshot(second.parent)
    assert len(snapshot(first.parent)) == 2 + len(TABLES)


def copy_of(package: Path, folder: Path) -> Path:
    shutil.copytree(package.parent, folder)
    return folder / package.name


def test_a_fact_whose_source_is_missing_fails_the_foreign_key(
    package: Path, tmp_path: Path
) -> None:
    broken = copy_of(package, tmp_path / "broken")
    sources = tables_folder(broken) / "sources.csv"
    lines = sources.read_text(encoding="utf-8").splitlines(keepends=True)
    removed = lines.pop(1).split(",")[0]
    sources.write_text("".join(lines), encoding="utf-8")
    found = errors(broken, skip_errors=["hash-count", "byte-count"])
    assert found
    assert {kind for kind, _ in found} == {"foreign-key"}
    assert all(removed in note for _, note in found)


def test_a_value_outside_an_enum_fails_its_constraint(package: Path, tmp_path: Path) -> None:
    broken = copy_of(package, tmp_path / "broken")
    facts = tables_folder(broken) / "facts.csv"
    with facts.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file))
    rows[1][FACTS.names.index("bound")] = "roughly"
    with facts.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, lineterminator="\n").writerows(rows)
    found = errors(broken, skip_errors=["hash-count", "byte-count"])
    assert [kind for kind, _ in found] == ["constraint-error"]


def test_a_changed_file_fails_its_hash(package: Path, tmp_path: Path) -> None:
    broken = copy_of(package, tmp_path / "broken")
    metrics = tables_folder(broken) / "metrics.csv"
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
    assert (tables_folder(path) / "facts.csv").is_file()
    assert tables_folder(path).name.startswith("guizhou-")
    assert frictionless.validate(str(path)).valid


def test_two_descriptors_in_one_folder_are_two_packages(tmp_path: Path) -> None:
    """Each descriptor's tables are in a folder named after it, and its exports
    leave the other's alone (the old layout put both packages' tables in one place)."""
    gdp = export(tmp_path / "gdp.json", "datapackage", metric="gdp")
    everything = export(tmp_path / "all.json", "datapackage")
    export(tmp_path / "gdp.json", "datapackage", metric="gdp", subject="guiyang")
    assert errors(gdp) == []
    assert errors(everything) == []
    assert len(list(tmp_path.iterdir())) == 4
    read = frictionless.Package(str(gdp)).get_resource("facts").read_rows()
    assert {row["subject"] for row in read} == {"guiyang"}


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


def test_an_unreviewed_fact_reads_back_as_false(tmp_path: Path) -> None:
    registry = articles_registry()  # the five articles' four GDP levels of Guiyang
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
    assert len(written) == 3
    assert list(tmp_path.iterdir()) == []  # no descriptor, no tables, no temporary files


def test_the_command_line_writes_a_package(tmp_path: Path) -> None:
    target = tmp_path / "datapackage.json"
    assert main(["export", "-o", str(target), "--metric", "gdp"]) == 0
    assert frictionless.validate(str(target)).valid


def test_importing_the_package_module_needs_no_frictionless() -> None:
    code = (
        "import sys, guizhou_bigdata.outputs.datapackage\n"
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
    assert path == Path("guizhou/datapackage.json")
    assert (tables_folder(path) / "facts.csv").is_file()
    assert errors(path) == []
    assert main(["export", "-o", "pkg/nested/datapackage.json", "--subject", "guiyang"]) == 0
    assert errors(tmp_path / "pkg" / "nested" / "datapackage.json") == []


# All or nothing --------------------------------------------------------------

FAIL_AT = [
    *(f"table {n}" for n in range(1, len(TABLES) + 1)),
    "tables' folder fsync",
    "tables' folder rename",
    "descriptor",
]


def failing_at(step: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make one step of the next package export raise, as a full disk would."""
    real_write, real_rename, real_fsync = writing.write_file, os.rename, writing.fsync_folder
    files: list[Path] = []

    def write_file(path: Path, data: bytes) -> Path:
        files.append(Path(path))
        is_descriptor = Path(path).suffix == ".json"
        if (step == "descriptor" and is_descriptor) or step == f"table {len(files)}":
            raise OSError(28, "No space left on device", str(path))
        return real_write(path, data)

    def rename(source: Path, destination: Path) -> None:
        if step == "tables' folder rename":
            raise OSError(28, "No space left on device", str(source))
        real_rename(source, destination)

    def fsync_folder(folder: Path) -> None:
        if step == "tables' folder fsync" and folder.name.endswith(".tmp"):
            raise OSError(5, "Input/output error", str(folder))
        real_fsync(folder)

    monkeypatch.setattr(datapackage, "write_file", write_file)
    monkeypatch.setattr(os, "rename", rename)
    monkeypatch.setattr(datapackage, "fsync_folder", fsync_folder)


@pytest.mark.parametrize("step", FAIL_AT)
def test_a_failure_at_any_step_leaves_the_old_package_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = export(tmp_path / "datapackage.json", metric="gdp", subject="guiyang")
    (tmp_path / "README.md").write_text("My notes on this package.\n", encoding="utf-8")
    before = snapshot(tmp_path)
    with monkeypatch.context() as patched:
        failing_at(step, patched)
        with pytest.raises(OSError, match=r"No space left|Input/output"):
            export(path)
    # The old package, byte for byte, and nothing else: no new tables, no temporaries.
    assert snapshot(tmp_path) == before
    assert errors(path) == []
    # The next export writes the new package whole and leaves nothing of either attempt.
    export(path)
    assert errors(path) == []
    assert sorted(snapshot(tmp_path)) == sorted(
        ["README.md", "datapackage.json", tables_folder(path).name]
        + [f"{tables_folder(path).name}/{name}.csv" for name in TABLES]
    )
    assert len(frictionless.Package(str(path)).get_resource("facts").read_rows()) == len(gb.facts())


def test_readers_switch_from_the_old_tables_to_the_new_in_one_rename(tmp_path: Path) -> None:
    """The descriptor names one folder; the old folder goes only after the new descriptor."""
    path = export(tmp_path / "datapackage.json", metric="gdp")
    old = tables_folder(path)
    export(path, subject="guiyang")
    new = tables_folder(path)
    assert new != old
    assert not old.exists()
    assert errors(path) == []
    # Each resource of the descriptor is in the folder it names, with its hash.
    for item in descriptor(path)["resources"]:
        assert (tmp_path / item["path"]).parent == new


def test_unchanged_data_changes_no_table_and_a_damaged_one_is_mended(tmp_path: Path) -> None:
    path = export(tmp_path / "datapackage.json", metric="gdp")
    facts = tables_folder(path) / "facts.csv"
    written = facts.stat()
    export(path, metric="gdp")
    assert (facts.stat().st_ino, facts.stat().st_mtime_ns) == (
        written.st_ino,
        written.st_mtime_ns,
    )
    facts.write_text("id\nedited by hand\n", encoding="utf-8")
    assert "hash-count" in {kind for kind, _ in errors(path)}
    export(path, metric="gdp")
    assert errors(path) == []


def test_the_users_files_beside_the_package_are_kept(tmp_path: Path) -> None:
    notes = tmp_path / "README.md"
    notes.write_text("Downloaded for the 2024 report.\n", encoding="utf-8")
    mine = tmp_path / "analysis" / "facts.csv"  # a table of the user's, named as one of ours
    mine.parent.mkdir()
    mine.write_text("mine\n", encoding="utf-8")
    path = export(tmp_path / "datapackage.json", metric="gdp")
    inside = tables_folder(path) / "NOTES.txt"  # a file the user put among the tables
    inside.write_text("checked\n", encoding="utf-8")
    with pytest.warns(RuntimeWarning, match=r"kept the old tables' folder .*NOTES\.txt"):
        export(path, subject="guiyang")
    assert notes.read_text(encoding="utf-8") == "Downloaded for the 2024 report.\n"
    assert mine.read_text(encoding="utf-8") == "mine\n"
    assert inside.read_text(encoding="utf-8") == "checked\n"
    assert sorted(path.name for path in inside.parent.iterdir()) == ["NOTES.txt"]
    assert errors(path) == []


def test_a_package_of_the_earlier_layout_is_replaced_whole(tmp_path: Path) -> None:
    """Tables written beside the descriptor (before 0.x) are removed once the new one is in."""
    path = export(tmp_path / "datapackage.json", metric="gdp")
    folder = tables_folder(path)
    described = descriptor(path)
    for item in described["resources"]:
        name = item["path"].rpartition("/")[2]
        (folder / name).rename(tmp_path / name)
        item["path"] = name
    folder.rmdir()
    path.write_text(json.dumps(described), encoding="utf-8")
    assert errors(path) == []
    (tmp_path / "README.md").write_text("notes\n", encoding="utf-8")
    export(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["README.md", "datapackage.json", tables_folder(path).name]
    )
    assert errors(path) == []


def test_another_descriptor_at_the_path_names_nothing_to_remove(tmp_path: Path) -> None:
    """Only a descriptor of this library's has its tables removed: not a package of the user's."""
    theirs = tmp_path / "facts.csv"
    theirs.write_text("id\nx\n", encoding="utf-8")
    path = tmp_path / "datapackage.json"
    path.write_text(
        json.dumps({"name": "my-package", "resources": [{"name": "f", "path": "facts.csv"}]}),
        encoding="utf-8",
    )
    export(path, metric="gdp")
    assert theirs.read_text(encoding="utf-8") == "id\nx\n"
    assert errors(path) == []


def age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_folders_of_killed_exports_are_removed_once_old(tmp_path: Path) -> None:
    """A killed export leaves a temporary tables' folder, or a whole one no descriptor names.

    The next export removes them once LEFTOVER_AFTER old; a younger one may be
    another export's, still running, and is kept.
    """
    path = export(tmp_path / "datapackage.json", metric="gdp")
    killed_early = tmp_path / ".datapackage-0123456789abcdef.0123456789ab.tmp"
    killed_late = tmp_path / "datapackage-fedcba9876543210"
    running = tmp_path / ".datapackage-1111111111111111.222222222222.tmp"
    for folder in (killed_early, killed_late, running):
        folder.mkdir()
        (folder / "facts.csv").write_text("id\n", encoding="utf-8")
    (killed_early / ".citations.csv.0123456789ab.tmp").write_text("half", encoding="utf-8")
    for folder in (killed_early, killed_late):
        age(folder, LEFTOVER_AFTER + 60)
    users = tmp_path / "datapackage-notes"  # not a name the library gives
    users.mkdir()
    age(users, LEFTOVER_AFTER + 60)
    export(path, subject="guiyang")
    assert not killed_early.exists()
    assert not killed_late.exists()
    assert running.is_dir()
    assert users.is_dir()
    assert errors(path) == []


def test_removing_the_old_tables_can_fail_after_the_new_package_is_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = export(tmp_path / "datapackage.json", metric="gdp")
    old = tables_folder(path)

    def refuse(folder: Path) -> None:
        raise PermissionError(13, "Permission denied", str(folder))

    with monkeypatch.context() as patched:
        patched.setattr(datapackage, "_remove_tables", refuse)
        with pytest.warns(RuntimeWarning, match="the package is whole"):
            export(path, subject="guiyang")
    assert errors(path) == []
    assert tables_folder(path) != old
    assert old.is_dir()  # left for now: another export may still be writing a folder like it
    age(old, LEFTOVER_AFTER + 60)
    export(path, subject="guiyang")
    assert not old.exists()


KILLED_EXPORT = """
import os, sys, time
from guizhou_bigdata.outputs import datapackage
from guizhou_bigdata.core import writing
from guizhou_bigdata.outputs.tables import export

step, path = sys.argv[1], sys.argv[2]
descriptor = os.path.realpath(path)
folder = os.path.dirname(path)
real_write, real_rename, real_replace = datapackage.write_file, os.rename, os.replace
tables = []

def hang():
    print("ready", flush=True)
    time.sleep(600)

def write_file(target, data):
    if not str(target).endswith(".json"):
        tables.append(target)
        if step == f"table {len(tables)}":
            hang()
    return real_write(target, data)

def rename(source, destination):
    real_rename(source, destination)
    if step == "before the descriptor" and os.path.dirname(destination) == folder:
        hang()

def replace(source, destination):
    # Only the descriptor's rename: the compiled-data cache may be written first.
    if step == "descriptor" and str(destination) == descriptor:
        hang()
    real_replace(source, destination)

datapackage.write_file = write_file
os.rename = rename
os.replace = replace
export(path)
"""


@pytest.mark.skipif(os.name != "posix", reason="kill -9")
@pytest.mark.parametrize("step", ["table 3", "before the descriptor", "descriptor"])
def test_an_export_killed_at_any_step_leaves_the_old_package(tmp_path: Path, step: str) -> None:
    path = export(tmp_path / "datapackage.json", metric="gdp", subject="guiyang")
    before = snapshot(tmp_path)
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_EXPORT, step, str(path)],
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n"
        process.kill()
    # Whatever the killed export left, the descriptor still names the old tables, whole.
    assert errors(path) == []
    left = set(snapshot(tmp_path)) - set(before)
    assert left
    assert {name: snapshot(tmp_path)[name] for name in before} == before
    # The next export keeps a young leftover (it may be a live export's) and removes it once old.
    for name in left:
        age(tmp_path / name, LEFTOVER_AFTER + 60)
    export(path)
    assert errors(path) == []
    assert sorted(snapshot(tmp_path)) == sorted(
        ["datapackage.json", tables_folder(path).name]
        + [f"{tables_folder(path).name}/{name}.csv" for name in TABLES]
    )
