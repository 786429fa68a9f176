"""Shared objects and collections: lock groups and ``Use … End use``.

Each shared object or collection belongs to a :class:`SharedGroup`.  A fresh one
is alone in its own group; putting it into another shared value moves it into
that value's group for good (Concepts/shared.md), except for ``Storage``, which
never groups.  ``Use`` takes the group's re-entrant lock; a change to a shared
value is legal only while the current thread holds its group's lock.
"""

from __future__ import annotations

import threading
from contextlib import nullcontext
from typing import Any

from .errors import error
from .values import Collection4D, Object4D, type_name

_get_ident = threading.get_ident


class SharedGroup:
    __slots__ = ("lock", "owner", "depth", "alone", "is_storage")

    def __init__(self, is_storage: bool = False):
        self.lock = threading.RLock()
        self.owner: int | None = None
        self.depth = 0
        self.alone = True  # no other shared value has joined yet
        self.is_storage = is_storage

    def acquire(self) -> None:
        if not self.lock.acquire(blocking=False):
            self._acquire_contended()
        self.owner = _get_ident()
        self.depth += 1

    def _acquire_contended(self) -> None:
        """Wait for another process's ``Use`` to end, unless that would never happen.

        4D hangs when two processes each wait for a group the other holds; fourd keeps a
        wait-for graph (thread -> group it waits for -> owner thread ...) and raises a
        4D error in the process that closes the cycle, which releases its own groups.
        """
        me = _get_ident()
        with _graph_lock:
            _waiting_for[me] = self
        try:
            while True:
                with _graph_lock:
                    if _closes_cycle(me, self):
                        del _waiting_for[me]
                        raise error("use_deadlock")
                if self.lock.acquire(timeout=_DEADLOCK_CHECK):
                    return
        finally:
            with _graph_lock:
                _waiting_for.pop(me, None)

    def release(self) -> None:
        self.depth -= 1
        if self.depth == 0:
            self.owner = None
        self.lock.release()

    def __enter__(self) -> SharedGroup:
        self.acquire()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.release()


_DEADLOCK_CHECK = 0.05  # seconds between checks while waiting (an owner is recorded just after it locks)
_graph_lock = threading.Lock()
_waiting_for: dict[int, SharedGroup] = {}  # thread -> the group it waits to lock


def _closes_cycle(me: int, group: SharedGroup) -> bool:
    seen: set[int] = set()
    while True:
        owner = group.owner
        if owner is None or owner in seen:
            return False
        if owner == me:
            return True
        seen.add(owner)
        next_group = _waiting_for.get(owner)
        if next_group is None:
            return False
        group = next_group


def make_shared(value: Object4D | Collection4D, is_storage: bool = False) -> Any:
    value.shared = True
    value.group = SharedGroup(is_storage)
    return value


def use_begin(value: Any) -> SharedGroup:
    """``Use(value)``: lock the group of a shared object or collection (or a shared built-in, a Signal)."""
    if type(value) in (Object4D, Collection4D) and value.shared:  # the common case, first
        group = value.group
        group.acquire()
        return group
    group = getattr(value, "group", None) if getattr(value, "shareable", False) else None
    if isinstance(group, SharedGroup):
        group.acquire()
        return group
    if not (type(value) in (Object4D, Collection4D) and value.shared):
        raise error(
            "use_not_shared",
            got=type_name(value)
            if not isinstance(value, (Object4D, Collection4D))
            else "non-shared " + type_name(value),
        )
    group = value.group
    group.acquire()
    return group


_NOT_SHARED = nullcontext()


def using(value: Any) -> Any:
    """An internal ``Use … End use`` as a context manager, as shared collection functions do.

    For a value that is not shared it is a shared no-op context (nothing allocated).
    """
    if type(value) in (Object4D, Collection4D) and value.shared:
        return value.group
    return _NOT_SHARED


def check_writable(container: Any) -> None:
    """Raise unless the current thread may modify ``container`` (a shared value needs ``Use``)."""
    if container.shared and container.group.owner != _get_ident():
        raise error("shared_not_in_use")


def prepare_stored_value(container: Any, value: Any) -> Any:
    """Check a value about to be stored into a shared container; join groups as needed."""
    t = type(value)
    if t is float or t is str or t is int or t is bool or value is None:
        return value  # scalars need no check (the common case)
    if t is Object4D or t is Collection4D:
        if not value.shared:
            raise error("shared_value_type")
        parent = container.group
        child = value.group
        if child is parent or parent.is_storage:
            return value
        if child.alone and child.owner is None:
            _join(value, parent)
            return value
        raise error("shared_other_group")
    if t.__name__ in ("Pointer4D", "Array4D") or (
        hasattr(value, "type_name_4d") and not getattr(value, "shareable", False)
    ):
        raise error("shared_value_type")
    return value


def _join(value: Any, group: SharedGroup) -> None:
    """Move a lone shared value (and the lone shared values inside it) into ``group``."""
    group.alone = False
    value.group = group
    children = value.props.values() if type(value) is Object4D else value.items
    for child in children:
        if type(child) in (Object4D, Collection4D) and child.shared and child.group is not group and child.group.alone:
            _join(child, group)
