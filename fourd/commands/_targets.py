"""Commands that write into their arguments (arrays to fill, objects to create).

``ARRAY TEXT($a; 3)``, ``OB SET($o; …)`` on a Null ``$o``, ``COLLECTION TO
ARRAY($c; $a)``… need to store into the variable passed, not only read it.
:func:`writing_command` registers such a command as a compile-time hook: every
argument is evaluated as usual, and the arguments that may be written get a
:class:`Target` with ``get()`` and ``set(value)``.  Pointers (``->$a``) are
followed, so ``SORT ARRAY($ptr->)`` and ``ARRAY TEXT($ptr->; 2)`` both work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..runtime.errors import FourDError, error
from ..runtime.frame import Frame
from ..runtime.values import Pointer4D
from .registry import command


class Target:
    """A writable argument: the variable (or element, or dereferenced pointer) passed."""

    __slots__ = ("frame", "read", "write")

    def __init__(self, frame: Frame, read: Callable[[Frame], Any], write: Callable[[Frame, Any], None] | None):
        self.frame = frame
        self.read = read
        self.write = write

    def get(self) -> Any:
        value = self.read(self.frame)
        return value.get() if type(value) is Pointer4D else value

    def set(self, value: Any) -> None:
        current = self.read(self.frame)
        if type(current) is Pointer4D:
            current.set(value)
            return
        if self.write is None:
            raise error("not_assignable")
        self.write(self.frame, value)


def writing_command(
    name: str, min_args: int, max_args: int | None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``fn(frame, targets)`` as command ``name``: ``targets[i]`` is a :class:`Target` per argument."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        def hook(compiler: Any, nodes: list[Any]) -> Callable[[Frame], Any]:
            count = len(nodes)
            if count < min_args or (max_args is not None and count > max_args):
                expected = (
                    f"{min_args}"
                    if min_args == max_args
                    else f"{min_args} to {max_args if max_args is not None else 'n'}"
                )

                def wrong_count(f: Frame) -> Any:
                    raise error("wrong_param_count", name=name, detail=f"expects {expected} parameter(s), got {count}")

                return wrong_count
            reads = compiler.args(nodes)
            writes: list[Any] = []
            for node in nodes:
                try:
                    writes.append(compiler.store(node))
                except FourDError:
                    writes.append(None)  # an expression: readable only
            pairs = list(zip(reads, writes, strict=True))

            def run(f: Frame) -> Any:
                return fn(f, [Target(f, r, w) for r, w in pairs])

            return run

        command(name, hook=True)(hook)
        return fn

    return register
