"""Language theme: constants-like commands, parameters, types, assertions, tracing, directives."""

from __future__ import annotations

import re
from typing import Any

from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.types import DIRECTIVES, default_value
from ..runtime.values import (
    UNDEFINED,
    Array4D,
    Blob4D,
    Collection4D,
    Date4D,
    Object4D,
    Pointer4D,
    Time4D,
    type_name,
)
from ..syntax import ast
from . import args as A
from ._targets import Target, writing_command
from .registry import command

# Value type / Type results (constants "Is real", "Is text"… of the docs).
IS_REAL, IS_TEXT, IS_PICTURE, IS_DATE, IS_UNDEFINED, IS_BOOLEAN = 1, 2, 3, 4, 5, 6
IS_LONGINT, IS_TIME, IS_VARIANT, IS_POINTER, IS_BLOB, IS_OBJECT, IS_COLLECTION, IS_NULL = 9, 11, 12, 23, 30, 38, 42, 255


def value_type(value: Any) -> int:
    """The ``Value type`` code of a value (one place for it: commands and members use it)."""
    t = type(value)
    if t is str:
        return IS_TEXT
    if t is bool:
        return IS_BOOLEAN
    if t is float:
        return IS_REAL
    if t is int:
        return IS_LONGINT
    if t is Date4D:
        return IS_DATE
    if t is Time4D:
        return IS_TIME
    if value is None:
        return IS_NULL
    if value is UNDEFINED:
        return IS_UNDEFINED
    if t is Object4D:
        return IS_OBJECT
    if t is Collection4D:
        return IS_COLLECTION
    if t is Pointer4D:
        return IS_POINTER
    if t is Blob4D:
        return IS_BLOB
    return IS_OBJECT


@command("True")
def true_(f: Frame) -> bool:
    return True


@command("False")
def false_(f: Frame) -> bool:
    return False


@command("Null")
def null(f: Frame) -> None:
    return None


@command("Undefined")
def undefined(f: Frame, value: Any) -> bool:
    return value is UNDEFINED


@command("Not")
def not_(f: Frame, value: Any) -> bool:
    return not A.boolean(value, "Not", 1)


@command("Value type")
def value_type_command(f: Frame, value: Any) -> int:
    return value_type(value)


@command("Count parameters")
def count_parameters(f: Frame) -> int:
    return len(f.args)


@command("Current method name")
def current_method_name(f: Frame) -> str:
    return f.code.name


@command("TRACE")
def trace(f: Frame) -> None:
    hook = getattr(f.process.runtime, "trace_hook", None)
    if hook is not None:
        hook(f)


def _directive_hook(type_: str):
    def hook(compiler: Any, arg_nodes: list[ast.Node]):
        stores = []
        for node in arg_nodes:
            if isinstance(node, ast.LocalVar) and node.name[1:].isdigit():
                continue  # C_TEXT($1): parameters keep what was passed
            stores.append((compiler.expr(node), compiler.store(node)))

        def declare(f: Frame) -> None:
            for read, store in stores:
                if read(f) is UNDEFINED:
                    store(f, default_value(type_))

        return declare

    return hook


for _name, _type in DIRECTIVES.items():
    try:
        command(_name.upper(), hook=True)(_directive_hook(_type))
    except KeyError:
        pass  # a directive the command table does not list


@command("CLEAR VARIABLE", hook=True)
def clear_variable(compiler: Any, arg_nodes: list[ast.Node]):
    if len(arg_nodes) != 1:
        raise error("wrong_param_count", name="CLEAR VARIABLE", detail="expects 1 parameter")
    read = compiler.expr(arg_nodes[0])
    store = compiler.store(arg_nodes[0])
    node = arg_nodes[0]
    typed = None
    if isinstance(node, ast.LocalVar):
        typed = compiler.slot_types.get(compiler.slot(node.name))

    def clear(f: Frame) -> None:
        current = read(f)
        if isinstance(current, Array4D):
            current.items[1:] = []
            return
        store(f, default_value(typed) if typed else _empty_like(current))

    return clear


def _empty_like(value: Any) -> Any:
    t = type(value)
    if t is str:
        return ""
    if t is float:
        return 0.0
    if t is int:
        return 0
    if t is bool:
        return False
    if t is Date4D:
        return Date4D.NULL
    if t is Time4D:
        return Time4D(0)
    return UNDEFINED if value is UNDEFINED else None


@command("Is nil pointer")
def is_nil_pointer(f: Frame, pointer: Any) -> bool:
    return pointer is None or pointer is UNDEFINED


# -- pointers by name ---------------------------------------------------------------------------

_POINTER_NAME = re.compile(r"^\s*(<>)?([^{}\s$<>][^{}]*?)\s*((?:\{\s*\d+\s*\}){0,2})\s*$")


def variable_pointer(f: Frame, text: str) -> Pointer4D | None:
    """The pointer ``Get pointer`` gives for ``"name"``, ``"<>name"``, ``"arr{3}"`` or ``"arr{3}{5}"``.

    Only process and interprocess variables have a name outside the method that declares
    them (get-pointer.md); a local name or anything else gives a Nil pointer.  The
    variable need not exist yet: writing through the pointer creates it, as in 4D.
    """
    m = _POINTER_NAME.match(text)
    if m is None:
        return None
    interprocess, name, suffix = m.group(1) is not None, m.group(2), m.group(3)
    key = name.lower()
    runtime, process = f.process.runtime, f.process
    if interprocess:
        label, scope, identity = "<>" + name, "interprocess", ("interprocess", key)

        def get() -> Any:
            return runtime.get_interprocess(key)

        def put(value: Any) -> None:
            runtime.set_interprocess(key, value)
    else:
        label, scope, identity = name, "process", (("process", key), id(process))

        def get() -> Any:
            return process.get_var(key)

        def put(value: Any) -> None:
            process.set_var(key, value)

    indices = tuple(int(n) for n in re.findall(r"\d+", suffix))
    if not indices:
        return Pointer4D(get, put, label, identity, (scope, label, ()))
    array = get()
    for index in indices[:-1]:  # a row of a two-dimensional array
        if type(array) is not Array4D:
            raise error("not_an_array", name="Get pointer", index=1, got=type_name(array))
        array = array.get(index)
    if type(array) is not Array4D:
        raise error("not_an_array", name="Get pointer", index=1, got=type_name(array))
    last = indices[-1]
    name_text = label + "".join(f"{{{n}}}" for n in indices)
    return Pointer4D(
        lambda: array.get(last), lambda v: array.set(last, v), name_text, (id(array), last), (scope, label, indices)
    )


@command("Get pointer")
def get_pointer(f: Frame, name: Any) -> Pointer4D | None:
    return variable_pointer(f, A.text(name, "Get pointer", 1))


@writing_command("RESOLVE POINTER", 4, 4)
def resolve_pointer(f: Frame, targets: list[Target]) -> None:
    """Name, then -1/-1 (variable), element / -1, or row / column (resolve-pointer.md).

    The docs say RESOLVE POINTER "does not work" with local variables: a pointer to a local
    is reported like a Nil pointer ("", 0, 0).  Fields and tables do not exist headless.
    """
    pointer = targets[0].read(f)
    if pointer is not None and pointer is not UNDEFINED and type(pointer) is not Pointer4D:
        raise error("wrong_param_type", name="RESOLVE POINTER", index=1, expected="a pointer", got=type_name(pointer))
    ref = pointer.ref if type(pointer) is Pointer4D else None
    name, first, second = "", 0, 0
    if ref is not None and ref[0] != "local":
        _scope, name, indices = ref
        first = indices[0] if indices else -1
        second = indices[1] if len(indices) > 1 else -1
    targets[1].set(name)
    targets[2].set(first)
    targets[3].set(second)


@command("Self")
def self_(f: Frame) -> None:
    # Self points to the form object whose object method runs; headless there are no form
    # objects, so it is always "called out of context" and gives a Nil pointer (self.md).
    return None


# -- commands by number, methods by name -------------------------------------------------------


def _set_ok(f: Frame, ok: bool) -> None:
    f.process.set_var("ok", 1.0 if ok else 0.0)


@writing_command("Command name", 1, 3)
def command_name(f: Frame, targets: list[Target]) -> str:
    """Name of a command by number; ``info`` gets bit 0 = thread-safe, bit 1 = deprecated.

    The command table fourd carries has no "deprecated" column, so bit 1 is always 0.
    """
    from ..syntax.names import command_by_number, command_table
    from ..tools.coverage import themes

    number = A.integer(targets[0].read(f), "Command name", 1)
    info = command_by_number(number)
    # Numbers missing from the table below the last command are disabled commands: "" with
    # OK = 1 (command-name.md), so the documented "loop until OK=0" walks the whole table.
    _set_ok(f, 0 < number <= max(command_table()[0]))
    if len(targets) > 1:
        targets[1].set(1 if info is not None and info.thread_safe else 0)
    if len(targets) > 2:
        targets[2].set(themes().get(number, "") if info is not None else "")
    return info.name if info is not None else ""


@writing_command("EXECUTE METHOD", 1, None)
def execute_method(f: Frame, targets: list[Target]) -> None:
    """Run a project method by name; the second argument gets its result (``*``: none)."""
    from ..runtime.compiler import STAR

    name = A.text(targets[0].read(f), "EXECUTE METHOD", 1)
    result = targets[1] if len(targets) > 1 else None
    if result is not None and result.read(f) is STAR:
        result = None
    params = [t.read(f) for t in targets[2:]]
    _set_ok(f, False)
    value = f.process.runtime.call_method(name, params, f)
    _set_ok(f, True)
    if result is not None:
        result.set(value)


@command("Copy parameters")
def copy_parameters(f: Frame, start: Any = A.MISSING) -> Collection4D:
    first = 1 if start is A.MISSING else A.integer(start, "Copy parameters", 1)
    return Collection4D(list(f.args[max(first, 1) - 1 :]))


# -- standard actions: they act on forms, which headless 4D has not ------------------------------


@command("INVOKE ACTION")
def invoke_action(f: Frame, action: Any, target: Any = A.MISSING) -> None:
    # invoke-action.md: "does not generate an error … if the requested action is not available
    # in the current context". Headless there is no form, so no action is ever available.
    A.text(action, "INVOKE ACTION", 1)
    if target is not A.MISSING:
        A.integer(target, "INVOKE ACTION", 2)


@command("Action info")
def action_info(f: Frame, action: Any, target: Any = A.MISSING) -> None:
    # action-info.md: when the status of the action cannot be determined the result is Null;
    # headless no action is attached to a form object or a menu.
    A.text(action, "Action info", 1)
    if target is not A.MISSING:
        A.integer(target, "Action info", 2)
    return None
