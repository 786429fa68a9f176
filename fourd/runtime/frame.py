"""Compiled code units and the frames they run in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .values import UNDEFINED


class _Signal:
    __slots__ = ("name",)

    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


# What a statement returns to stop the block it is in.
BREAK = _Signal("BREAK")
CONTINUE = _Signal("CONTINUE")
RETURN = _Signal("RETURN")


@dataclass
class Code:
    """A compiled method, class function or formula."""

    name: str
    path: str
    kind: str  # "method", "function", "constructor", "formula"
    run: Callable[[Frame], Any]
    nslots: int
    slot_names: list[str]
    slot_types: dict[int, str]
    params: list[tuple[int, str]]  # (slot, declared type) of #DECLARE / Function parameters
    variadic: str | None = None
    result_slot: int | None = None
    result_type: str | None = None
    declared: bool = False
    attributes: dict[str, Any] = field(default_factory=dict)
    on_server: bool = False  # the method's `executedOnServer` attribute (set with ``attributes``)
    initial: list[Any] = field(default_factory=list)  # slot values at entry (declared scalars at their default)
    # ``bind(slots, args)`` stores the declared parameters' arguments (or Undefined) through their type's
    # coercer, before the body runs; None when there are no declared parameters.
    bind: Callable[[list[Any], list[Any]], None] | None = None

    def __post_init__(self) -> None:
        if self.bind is None and self.params:
            self.bind = _binder([(slot, type_, self.slot_names[slot]) for slot, type_ in self.params])


def _binder(params: list[tuple[int, str, str]]) -> Callable[[list[Any], list[Any]], None]:
    """The generic parameter binder (the generated back end makes a specialised one)."""
    from .types import coercer

    binders = [(slot, coercer(type_), name) for slot, type_, name in params]

    def bind(slots: list[Any], args: list[Any]) -> None:
        count = len(args)
        for i, (slot, convert, name) in enumerate(binders):
            slots[slot] = convert(args[i] if i < count else UNDEFINED, name)

    return bind


class Frame:
    """The state of one running call: its locals, parameters, ``This`` and result."""

    __slots__ = ("slots", "args", "this", "process", "code", "line", "result", "returned", "caller")

    def __init__(self, code: Code, args: list[Any], process: Any, this: Any = None, caller: Frame | None = None):
        self.slots: list[Any] = code.initial[:] if code.initial else [UNDEFINED] * code.nslots
        self.args = args
        self.this = this
        self.process = process
        self.code = code
        self.line = 0
        self.result: Any = UNDEFINED
        self.returned = False
        self.caller = caller
