"""The default registry over the bundled data: built once, on first use, thread-safely.

It comes from the compiled-data cache when that holds the installed data and code
(see :mod:`.compiled`), else from the TOML files, checked.
"""

from __future__ import annotations

import threading

from ..core.gcpause import collector_paused

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing

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
            from .compiled import load_bundled

            with collector_paused():
                _registry = load_bundled()
        return _registry


def is_default(registry: Registry) -> bool:
    """True if ``registry`` is the loaded default one (never loads it to find out)."""
    return registry is _registry


def reset() -> None:
    """Forget the loaded default registry (for tests measuring first use)."""
    global _registry
    with _lock:
        _registry = None
