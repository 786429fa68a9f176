"""The one registry of built-in commands, by number and by name.

A command is a Python function ``fn(frame, *args)`` registered with
:func:`command`.  Its number and all its names (current and former) come from
the command table (``fourd/data/commands.tsv``), so ``Session storage by ID``,
``Session storage`` and ``Session storage:C1839`` reach the same function.
The number of parameters it accepts is read from the function's signature.

Command modules are imported on demand: :func:`lookup` imports the module that
``fourd/data/command_modules.tsv`` names for a command (a one-line method that calls
``ALERT`` loads one theme, not forty), and every module only when the index names none.

A command that needs its arguments unevaluated (a variable to fill, a formula
to keep) registers a *hook* instead: ``hook(compiler, arg_nodes) -> closure``.
"""

from __future__ import annotations

import importlib
import inspect
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..runtime.errors import error
from ..syntax.names import command_by_name, command_by_number, read_table


@dataclass
class Command:
    number: int
    name: str
    fn: Callable[..., Any] | None
    hook: Callable[..., Any] | None
    min_args: int
    max_args: int | None  # None: any number
    # Why the command only raises "not available in headless mode" (None: it runs).
    headless_reason: str | None = None
    # Does it read or write its caller's local variables (EXECUTE FORMULA)? A generated unit that calls
    # none of those keeps its locals in Python variables (codegen: Generator.frame_slots_seen).
    sees_locals: bool = False


_BY_NUMBER: dict[int, Command] = {}
_LOADED = False
_LOADING = threading.local()  # set while this thread imports the command modules


def _arity(fn: Callable[..., Any], skip: int = 1) -> tuple[int, int | None]:
    """(min, max) positional arguments after the first ``skip`` (the frame…); max None for ``*args``."""
    code = getattr(fn, "__code__", None)
    if code is not None and not hasattr(fn, "__wrapped__"):
        # A plain function: read its code object (inspect.signature costs ~100 µs a command at start-up).
        count = code.co_argcount - skip
        defaults = len(fn.__defaults__ or ())
        return max(count - defaults, 0), None if code.co_flags & inspect.CO_VARARGS else count
    params = list(inspect.signature(fn).parameters.values())[skip:]
    min_args = 0
    max_args: int | None = 0
    for p in params:
        if p.kind is inspect.Parameter.VAR_POSITIONAL:
            max_args = None
        elif p.kind in (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD):
            if p.default is inspect.Parameter.empty:
                min_args += 1
            if max_args is not None:
                max_args += 1
    return min_args, max_args


def command(
    name: str, *, hook: bool = False, sees_locals: bool = False
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as the 4D command ``name`` (any of its names); ``sees_locals`` when it
    reads or writes the caller's local variables through ``frame.slots``."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        info = command_by_name(name)
        if info is None:
            raise KeyError(f"{name!r} is not in the command table")
        if hook:
            cmd = Command(info.number, info.name, None, fn, 0, None)
        else:
            lo, hi = _arity(fn)
            cmd = Command(info.number, info.name, fn, None, lo, hi, sees_locals=sees_locals)
        _BY_NUMBER[info.number] = cmd
        return fn

    return register


def headless_only_error(name: str, reason: str) -> None:
    """Register ``name`` as a command that cannot work without 4D's UI, database or plug-ins.

    Calling it raises the 4D error "… is not available in headless mode" with ``reason``, so
    code that uses it fails clearly; ``fourd commands`` lists it as "headless: error".
    """
    info = command_by_name(name)
    if info is None:
        raise KeyError(f"{name!r} is not in the command table")
    label = f"{info.name} ({reason})"

    def unavailable(frame: Any, *args: Any) -> Any:
        raise error("unsupported_headless", name=label)

    _BY_NUMBER[info.number] = Command(info.number, info.name, unavailable, None, 0, None, reason)


_LOAD_LOCK = threading.RLock()


def _load() -> None:
    """Import every command module once.  Other threads wait until all are registered.

    Re-entrant: a command module that looks a command up while it is imported gets what is
    registered so far instead of waiting for itself.
    """
    global _LOADED
    if _LOADED:
        return
    with _LOAD_LOCK:
        if _LOADED or getattr(_LOADING, "active", False):
            return
        _LOADING.active = True
        try:
            from . import load_all

            load_all()
            _LOADED = True
        finally:
            _LOADING.active = False


def lookup(number: int | None, name: str) -> Command | None:
    """The implemented command with this number (tokenized code) or name, else None."""
    if number is None:
        info = command_by_name(name)
        if info is None:
            return None
        number = info.number
    cmd = _BY_NUMBER.get(number)
    if cmd is None and not _LOADED:
        cmd = _load_for(number)
    return cmd


_MODULE_INDEX: dict[int, str] = {}


def _load_for(number: int) -> Command | None:
    """Import the module the index names for ``number``; every module when that does not register it."""
    if not _MODULE_INDEX:
        _MODULE_INDEX.update((int(row["number"]), row["module"]) for row in read_table("command_modules.tsv"))
    module = _MODULE_INDEX.get(number)
    if module is not None:
        importlib.import_module(module)
        cmd = _BY_NUMBER.get(number)
        if cmd is not None:
            return cmd
    _load()  # not in the index (a headless-only theme, not implemented) or the index is stale
    return _BY_NUMBER.get(number)


def implemented() -> dict[int, Command]:
    _load()
    return dict(_BY_NUMBER)


def check_arity(cmd: Command, count: int) -> None:
    if count < cmd.min_args or (cmd.max_args is not None and count > cmd.max_args):
        if cmd.max_args is None:
            expected = f"at least {cmd.min_args}"
        elif cmd.min_args == cmd.max_args:
            expected = str(cmd.min_args)
        else:
            expected = f"{cmd.min_args} to {cmd.max_args}"
        raise error("wrong_param_count", name=cmd.name, detail=f"expects {expected} parameter(s), got {count}")


def known_command(number: int | None, name: str) -> Any:
    """The table entry of a command (implemented or not)."""
    return command_by_number(number) if number is not None else command_by_name(name)
