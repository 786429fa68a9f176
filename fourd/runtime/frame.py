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
    # ``enter(args, process, this, caller)`` makes the frame of a call: slots at their initial values and the
    # declared parameters bound to their arguments (or Undefined) through their type's coercer.  A wrong
    # argument type is the caller's error: it is raised here, before the callee runs.
    enter: Callable[[list[Any], Any, Any, Frame | None], Frame] | None = None
    # ``call(args, process, this, caller)``: Runtime.invoke fused with enter for this unit (generated code
    # only; None elsewhere).  Runtime.call_of gives callers the best way to call a unit.
    call: Callable[[list[Any], Any, Any, Frame | None], Any] | None = None
    # ``direct(process, this, caller, *params)``: ``call`` taking exactly the declared parameters as Python
    # arguments, for generated units that never read their argument list as such (codegen.direct_lines).
    direct: Callable[..., Any] | None = None

    def __post_init__(self) -> None:
        if self.enter is None:
            self.enter = _generic_enter(self)


def reads_arguments(code: Code) -> bool:
    """Can ``code`` see its arguments as passed ($1, ${n}, Count/Copy parameters)?  Known for generated units
    (codegen._reads_args); assumed for the others."""
    return getattr(code.run, "__fourd_reads_args__", True)


def _generic_enter(code: Code) -> Callable[[list[Any], Any, Any, Frame | None], Frame]:
    """Frame creation and parameter binding for the closure back end (the generated one specialises it)."""
    from .types import coercer

    binders = [(slot, coercer(type_), code.slot_names[slot]) for slot, type_ in code.params]

    def enter(args: list[Any], process: Any, this: Any, caller: Frame | None) -> Frame:
        frame = Frame(code, args, process, this, caller)
        slots = frame.slots
        count = len(args)
        for i, (slot, convert, name) in enumerate(binders):
            slots[slot] = convert(args[i] if i < count else UNDEFINED, name)
        return frame

    return enter


class Frame:
    """The state of one running call: its locals, parameters, ``This`` and result."""

    # ``previous``: the process's current frame when a generated entry made this one lazily (make_lazy_frame).
    __slots__ = ("slots", "args", "this", "process", "code", "line", "result", "returned", "caller", "previous")

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


class BareFrame(Frame):
    """A Frame made without running ``__init__`` (generated ``code.enter`` sets every field itself):
    calling this class is the cheapest way CPython has to allocate one."""

    __slots__ = ()
    __init__ = object.__init__  # type: ignore[assignment]


def unit_frame_class(code: Code) -> type[Frame]:
    """A BareFrame class for the frames of one generated unit: ``code`` is a class attribute, so a call does
    not store it.  It hides Frame's slot of that name: on these frames ``code`` is read-only, which it is (a
    frame's code never changes)."""
    namespace: dict[str, Any] = {"__slots__": (), "__init__": object.__init__, "code": code}
    return type(f"Frame of {code.name}", (Frame,), namespace)


def make_lazy_frame(
    cls: type[Frame], slots: list[Any] | None, args: Any, this: Any, process: Any, caller: Any
) -> Frame:
    """The frame of a running generated call that had none yet (codegen, "Lazy frames"): the fields ``enter`` would
    have set, the line still 0, and made the process's current frame (the entry restores ``previous`` on exit)."""
    frame = cls()
    frame.slots = slots
    frame.args = args
    frame.this = this
    frame.process = process
    frame.line = 0
    frame.result = UNDEFINED
    frame.returned = False
    frame.caller = caller
    frame.previous = process.frame
    process.frame = frame
    return frame
