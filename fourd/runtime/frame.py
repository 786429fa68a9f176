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
    initial: list[Any] = field(default_factory=list)  # slot values at entry (declared scalars at their default)
    binders: list[tuple[int, Any, str]] = field(default_factory=list)  # (slot, coercer, name) per parameter

    def __post_init__(self) -> None:
        from .types import coercer

        self.binders = [(slot, coercer(type_), self.slot_names[slot]) for slot, type_ in self.params]


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
