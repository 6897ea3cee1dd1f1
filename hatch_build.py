"""Build hook: compile the checked bundled registry, and its key, into the wheel.

A wheel then serves its first fact without parsing TOML or building the unit
registry (see ``src/guizhou_bigdata/store/compiled.py``). The file is JSON data, never
code: reading it cannot run anything. It is keyed by the data and code it came
from; the key is computed here, from the files the wheel holds, and written beside
it (``data/compiled.key``), so an installed wheel never hashes its own files to
start. Editable installs get neither file: their code changes under them, so they
hash their files for the key in each process.
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
            from guizhou_bigdata.store.compiled import (
                KEY_NAME,
                PACKAGED_NAME,
                cache_key,
                computed_key,
                write_compiled,
            )
            from guizhou_bigdata.store.loading import load_registry

            registry = load_registry()  # raises, and fails the build, on invalid data
            key = computed_key()
            if cache_key() != key:  # a key file in the source tree would be used instead
                raise RuntimeError(f"src/guizhou_bigdata/data/{KEY_NAME} must not exist")
            self._folder = Path(tempfile.mkdtemp(prefix="guizhou-bigdata-build-"))
            target = self._folder / PACKAGED_NAME
            write_compiled(target, registry)
            (self._folder / KEY_NAME).write_text(key + "\n", encoding="ascii")
        finally:
            sys.path.remove(str(Path(self.root, "src")))
        for name in (PACKAGED_NAME, KEY_NAME):
            build_data["force_include"][str(self._folder / name)] = f"guizhou_bigdata/data/{name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
