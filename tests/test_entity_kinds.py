"""Entity kinds are declared once, in core/entities.py's ENTITY_KINDS, and every module
that handles entities loops over that table (docs/architecture.md, "where a change goes")."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import guizhou_bigdata as gb
from guizhou_bigdata.core.entities import ENTITY_KINDS, Entity, Milestone
from guizhou_bigdata.store.registry import registry_html

PACKAGE = Path(gb.__file__).parent
CLASSES = {kind.cls.__name__ for kind in ENTITY_KINDS}

NAMING_EVERY_KIND = {"core/entities.py", "__init__.py", "store/registry.py"}
"""The modules that name the entity classes themselves: the table, the public face's
typed finders and names, and the Registry's typed finders (public API, kept; a new kind
needs no method there: Registry.of_kind serves it)."""


def _named_classes(path: Path) -> set[str]:
    """The entity classes a module defines, imports or names as ``entities.X``."""
    named: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("entities"):
            named.update(alias.name for alias in node.names if alias.name in CLASSES)
        elif isinstance(node, ast.Attribute) and node.attr in CLASSES:
            named.add(node.attr)
        elif isinstance(node, ast.ClassDef) and node.name in CLASSES:
            named.add(node.name)
    return named


def test_only_the_table_the_face_and_the_typed_finders_list_the_entity_classes() -> None:
    listing = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if len(_named_classes(path)) > 1
    }
    assert listing == NAMING_EVERY_KIND


def test_every_class_has_one_row_with_its_own_key_and_finder() -> None:
    assert len({kind.cls for kind in ENTITY_KINDS}) == len(ENTITY_KINDS)
    assert len({kind.key for kind in ENTITY_KINDS}) == len(ENTITY_KINDS)
    for kind in ENTITY_KINDS:
        assert issubclass(kind.cls, Entity)
        assert callable(getattr(gb.Registry, kind.finder))
        assert getattr(gb, kind.finder)() == gb.default_registry().of_kind(kind.cls)


def test_of_kind_is_the_typed_finder_of_every_kind() -> None:
    registry = gb.default_registry()
    assert registry.of_kind(gb.Place) == registry.places()
    assert registry.of_kind(gb.Place, kind="province") == registry.places(kind="province")
    assert registry.of_kind(gb.DataCentre) == registry.data_centres()
    assert all(isinstance(centre, gb.DataCentre) for centre in registry.of_kind(gb.DataCentre))


@pytest.mark.parametrize("cls", [Entity, Milestone, str])
def test_of_kind_refuses_what_is_not_a_kind_naming_the_kinds(cls: type[Entity]) -> None:
    with pytest.raises(TypeError, match="is not a kind of entity: expected one of Place, "):
        gb.default_registry().of_kind(cls)


def test_the_registry_card_counts_each_kind_by_its_label() -> None:
    html = registry_html(gb.default_registry())
    for kind in ENTITY_KINDS:
        assert f"<th>{kind.label}</th>" in html or f">{kind.label}<" in html


THROWAWAY = textwrap.dedent(
    '''
    import attrs
    import guizhou_bigdata.core.entities as entities

    @attrs.frozen(kw_only=True)
    class Satellite(entities.Entity):
        """A kind of entity that exists only in this test."""
        operator: str | None = None

    entities.ENTITY_KINDS = (
        *entities.ENTITY_KINDS,
        entities.EntityKind(
            Satellite, "satellite", "satellites", "satellites", (("operator", "organisation"),)
        ),
    )

    import sys
    from guizhou_bigdata.core.errors import RegistryError
    from guizhou_bigdata.outputs.columns import ENTITIES
    from guizhou_bigdata.store.encoding import decode, encode
    from guizhou_bigdata.store.loading import load_registry
    from guizhou_bigdata.store.registry import registry_html

    source = """
    [[source]]
    id = "s"
    title = "An article"
    published = "2020-05-01"

    [[organisation]]
    id = "agency"
    name = "Agency"
    kind = "government_body"
    citations = [{ source = "s", quote = "The agency said so." }]

    [[satellite]]
    id = "sat-1"
    name = "Sat One"
    operator = "agency"
    citations = [{ source = "s", quote = "Sat One flew." }]
    """
    path = sys.argv[1]
    with open(path, "w", encoding="utf-8") as file:
        file.write(source)
    registry = load_registry(path, bundled=False)
    (sat,) = registry.of_kind(Satellite)
    assert sat.operator == "agency", sat
    assert "satellites" in registry_html(registry)
    (row,) = (row for row in ENTITIES.rows(registry.entities()) if row["id"] == "sat-1")
    assert row["type"] == "satellite" and row["operator"] == "agency", row
    assert decode(encode(registry)).of_kind(Satellite) == (sat,)
    with open(path, "w", encoding="utf-8") as file:
        file.write(source.replace('operator = "agency"', 'operator = "agencyy"'))
    try:
        load_registry(path, bundled=False)
    except RegistryError as exc:
        assert "satellite[0] (id 'sat-1') operator: unknown organisation 'agencyy'" in str(exc)
    else:
        raise AssertionError("an unknown operator loaded")
    print("ok")
    '''
)


def test_a_new_kind_is_one_row_of_the_table(tmp_path: Path) -> None:
    """A kind added to ENTITY_KINDS alone loads, is checked, found, shown, exported and
    cached: no other module of store or outputs names it."""
    result = subprocess.run(
        [sys.executable, "-c", THROWAWAY, str(tmp_path / "satellites.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
