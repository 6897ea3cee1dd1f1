"""The examples in the package's docstrings run and print what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import guizhou_bigdata

MODULES = [
    importlib.import_module(info.name)
    for info in pkgutil.walk_packages(guizhou_bigdata.__path__, "guizhou_bigdata.")
    if info.name != "guizhou_bigdata.__main__"
]


@pytest.mark.parametrize("module", [guizhou_bigdata, *MODULES], ids=lambda m: m.__name__)
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0
