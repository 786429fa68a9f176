"""Language theme: constants-like commands, parameters, types, assertions, tracing, directives."""

from __future__ import annotations

from typing import Any

from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.types import DIRECTIVES, default_value
from ..runtime.values import UNDEFINED, Array4D, Blob4D, Collection4D, Date4D, Object4D, Pointer4D, Time4D
from ..syntax import ast
from . import args as A
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
