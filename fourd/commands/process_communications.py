"""Process Communications theme: semaphores (commands/semaphore.md, test-semaphore.md,
clear-semaphore.md).

A semaphore is a name owned by the process that set it.  Local (``$name``) and global semaphores
have the same scope in a single-user application, as in 4D.  Names are case-sensitive and cut at
255 characters (docs).  A semaphore whose owner has ended is free again ("they remain in memory
until the process that creates them ends").
"""

from __future__ import annotations

import threading
from typing import Any

from ..runtime.frame import Frame
from ..runtime.processes import WAITING_FOR_FLAG, wait_on
from . import args as A
from ._state import runtime_state
from .registry import command

TICKS_PER_SECOND = 60


class Semaphores:
    def __init__(self) -> None:
        self.owners: dict[str, Any] = {}  # name -> owning process
        self.cond = threading.Condition()

    def owner(self, name: str) -> Any:
        process = self.owners.get(name)
        if process is not None and process.ended:
            del self.owners[name]
            return None
        return process


def _semaphores(f: Frame) -> Semaphores:
    return runtime_state(f.process.runtime, Semaphores)


def _name(value: Any, command_name: str) -> str:
    return A.text(value, command_name, 1)[:255]


@command("Semaphore")
def semaphore(f: Frame, name: Any, tick_count: Any = A.MISSING) -> bool:
    """False when this process now holds the semaphore (it was free, or already its own);
    True when another process holds it, after waiting up to ``tickCount`` ticks for it."""
    key = _name(name, "Semaphore")
    table = _semaphores(f)
    me = f.process

    def free() -> bool:
        owner = table.owner(key)
        return owner is None or owner is me

    with table.cond:
        if free():
            table.owners[key] = me
            return False
    if tick_count is A.MISSING or A.number(tick_count, "Semaphore", 2) <= 0:
        return True
    timeout = A.number(tick_count, "Semaphore", 2) / TICKS_PER_SECOND
    if not wait_on(me, table.cond, free, timeout, WAITING_FOR_FLAG):
        return True
    with table.cond:
        if free():
            table.owners[key] = me
            return False
    return True


@command("Test semaphore")
def test_semaphore(f: Frame, name: Any) -> bool:
    table = _semaphores(f)
    with table.cond:
        return table.owner(_name(name, "Test semaphore")) is not None


@command("CLEAR SEMAPHORE")
def clear_semaphore(f: Frame, name: Any) -> None:
    """Only the owner clears a semaphore; from another process nothing happens (docs)."""
    key = _name(name, "CLEAR SEMAPHORE")
    table = _semaphores(f)
    with table.cond:
        if table.owner(key) is f.process:
            del table.owners[key]
            table.cond.notify_all()
