"""The default registry over the bundled data: built once, on first use, thread-safely."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .registry import Registry

_lock = threading.Lock()
_registry: Registry | None = None


def default_registry() -> Registry:
    """The registry of the bundled data; loading happens once per process."""
    global _registry
    registry = _registry
    if registry is not None:
        return registry
    with _lock:
        if _registry is None:
            from .loading import load_registry

            _registry = load_registry()
        return _registry


def reset() -> None:
    """Forget the loaded default registry (for tests measuring first use)."""
    global _registry
    with _lock:
        _registry = None
