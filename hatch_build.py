"""Build hook: compile the checked bundled registry into the wheel.

A wheel then serves its first fact without parsing TOML or building the unit
registry (see ``src/guizhou_bigdata/store/compiled.py``). The file is JSON data, never
code: reading it cannot run anything. The file is keyed by the
data and code it came from, so a wheel whose files are changed after the build
falls back to loading them. Editable installs get no compiled file: their code
changes under them.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompiledDataHook(BuildHookInterface):  # type: ignore[type-arg]
    """Load and check the bundled data; add it compiled as ``data/compiled.json``."""

    PLUGIN_NAME = "custom"
    _folder: Path | None = None

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root, "src")))
        try:
            from guizhou_bigdata.store.compiled import PACKAGED_NAME, write_compiled
            from guizhou_bigdata.store.loading import load_registry

            registry = load_registry()  # raises, and fails the build, on invalid data
            self._folder = Path(tempfile.mkdtemp(prefix="guizhou-bigdata-build-"))
            target = self._folder / PACKAGED_NAME
            write_compiled(target, registry)
        finally:
            sys.path.remove(str(Path(self.root, "src")))
        build_data["force_include"][str(target)] = f"guizhou_bigdata/data/{PACKAGED_NAME}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
