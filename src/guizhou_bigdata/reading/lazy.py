"""Build once, on first use: the reader's word lists and compiled patterns.

Importing the reader must stay cheap, and the lexicons and patterns are the
same for every call, so each is built by the first call that needs it (under a
lock, so two threads never build it twice) and kept.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

__all__ = ["once"]

T = TypeVar("T")


def once(build: Callable[[], T]) -> Callable[[], T]:
    """``build`` as a function that calls it on first use and returns that result after."""
    lock = threading.Lock()
    built: list[T] = []

    @functools.wraps(build)
    def get() -> T:
        if built:
            return built[0]
        with lock:
            if not built:
                built.append(build())
            return built[0]

    return get
