"""The layers of docs/architecture.md hold: the import contracts in pyproject.toml are kept.

import-linter counts every import, those inside functions and under
``TYPE_CHECKING`` too, so a back-import anywhere fails here as well as in CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "src" / "guizhou_bigdata"
LAYERS = ("core", "store", "outputs", "checks", "reading")
LINT = (
    "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(no_cache=True))"
)


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    """lint-imports with the project's contracts on the package under ``root/src``."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-c", LINT],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        check=False,
    )


def _copy(tmp_path: Path) -> Path:
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        PACKAGE,
        tmp_path / "src" / "guizhou_bigdata",
        ignore=shutil.ignore_patterns("data", "__pycache__"),
    )
    return tmp_path


def test_the_package_is_layered_as_documented() -> None:
    listed = {
        path.name for path in PACKAGE.iterdir() if path.is_dir() and path.name != "__pycache__"
    }
    assert set(LAYERS) <= listed
    assert listed - set(LAYERS) == {"data"}
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert all(f"{layer}/" in page for layer in LAYERS)


def test_the_import_contracts_are_kept() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "back_import", "contract"),
    [
        # The most basic record reaching up to an output: a layer imports a higher one.
        ("core/model.py", "from ..outputs import tables", "layers"),
        # A store module importing the face, inside a function (still counted).
        ("store/loading.py", "def _late() -> None:\n    from .. import metrics", "layers"),
        # Siblings are independent: checks may not read with the reader.
        ("checks/auditing.py", "from ..reading import reader", "layers"),
        # A type-only import counts too.
        (
            "outputs/columns.py",
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from ..checks import auditing",
            "layers",
        ),
        # A cycle inside one folder.
        ("core/periods.py", "from . import model", "acyclic"),
    ],
)
def test_a_back_import_breaks_the_contract(
    tmp_path: Path, module: str, back_import: str, contract: str
) -> None:
    root = _copy(tmp_path)
    path = root / "src" / "guizhou_bigdata" / module
    path.write_text(
        path.read_text(encoding="utf-8") + "\n\n" + back_import + "\n", encoding="utf-8"
    )
    result = _lint(root)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    names = {
        "layers": "Layers import only the layers below them, siblings none",
        "acyclic": "No import cycle in any folder",
    }
    assert f"{names[contract]} BROKEN" in result.stdout
