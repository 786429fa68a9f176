"""State a command theme keeps per runtime (open documents, XML trees, semaphores, localization).

One instance per (runtime, kind), made on first use: two threads asking at once get the same one.
Kept beside the runtime, not in it, so that a theme's state costs nothing until the theme is used
and goes away with the runtime."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_STATES: weakref.WeakKeyDictionary[Any, dict[Callable[[], Any], Any]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def runtime_state(runtime: Any, kind: Callable[[], T]) -> T:
    """The ``kind()`` instance of ``runtime``, made the first time it is asked for."""
    with _LOCK:
        states = _STATES.get(runtime)
        if states is None:
            states = _STATES[runtime] = {}
        found = states.get(kind)
        if found is None:
            found = states[kind] = kind()
        return found
