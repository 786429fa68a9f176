"""Property access, element access and member calls on 4D values.

One place for the rules the compiler binds to ``$o.name``, ``$c[i]``,
``$t[[i]]`` and ``$o.f(…)``: Null and Undefined behaviour, shared-object checks,
class getters/setters, and the built-in objects (Session, File…).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import error
from .shared import check_writable, prepare_stored_value
from .storedvalue import stored
from .values import UNDEFINED, Collection4D, Date4D, Object4D, Time4D, is_number, type_name


class BuiltinObject:
    """Base for objects implemented in Python (Session, Signal, File…): 4D sees an Object."""

    type_name_4d = "Object"
    class_name = "Object"
    shareable = False

    def get_member(self, name: str) -> Any:
        return UNDEFINED

    def set_member(self, name: str, value: Any) -> None:
        raise error("null_assign", name=name, got=f"a read-only {self.class_name} object")

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        raise error("unknown_member", name=name)

    def to_json_4d(self) -> Any:
        return {}


# Member functions of collections and plain objects are registered by the commands package.
COLLECTION_MEMBERS: dict[str, Callable[..., Any]] = {}


def _loaded_members() -> dict[str, Callable[..., Any]]:
    """The member functions register when their module loads: code that used none yet loads it now."""
    import importlib

    importlib.import_module("fourd.commands.collection_members")
    return COLLECTION_MEMBERS


def collection_member(name: str) -> Callable[..., Any] | None:
    """The function registered for ``collection.name(…)``, else None."""
    return COLLECTION_MEMBERS.get(name) or _loaded_members().get(name)


def collection_member_names() -> list[str]:
    """The names of every collection member function (REPL completion)."""
    return list(_loaded_members())


def get_member(target: Any, name: str) -> Any:
    t = type(target)
    if t is Object4D:
        value = target.props.get(name, UNDEFINED)
        if value is UNDEFINED and target.cls is not None:
            return target.cls.get_instance_member(target, name)
        return value
    if t is Collection4D:
        if name == "length":
            return float(len(target.items))
        return UNDEFINED
    if target is None:
        raise error("null_property", name=name)
    if target is UNDEFINED:
        return UNDEFINED
    if isinstance(target, BuiltinObject):
        return target.get_member(name)
    raise error("not_an_object", got=type_name(target), name=name)


def get_variable_member(target: Any, name: str, collection: bool = False) -> Any:
    """``$v.name`` where ``$v`` is a local declared Object or Collection (``var``, or a declared
    parameter the caller did not pass): like :func:`get_member`, but Null reads as an
    uninitialized variable does.

    The docs state both "reading a property of a null value returns an error" and, for a
    declared but unassigned ``var $o : Object``, "``$o.a`` is undefined (no error)"
    (null-undefined.md); and "reading the length property of an undefined collection produces
    0" for ``var $c : Collection`` "created but no collection is defined" (collection.md).
    fourd's reading: a declared local not yet given an object is *uninitialized* and reads
    leniently, and so does a declared parameter that was not passed (parameters.md: missing
    parameters hold their type's default value); any other Null (``$x:=Null`` untyped, a Null
    passed as parameter, ``$o.a.b`` with ``$o.a`` Null) is a null value and reading its
    property is error -10616.  fourd does not track
    whether a declared local was assigned Null explicitly: that case reads leniently too.
    ``collection``: the variable is declared Collection (``.length`` then reads 0).
    """
    if target is None:
        return 0.0 if collection and name == "length" else UNDEFINED
    return get_member(target, name)


_CLEARED = {str: "", float: 0.0, int: 0, bool: False}


def set_member(target: Any, name: str, value: Any) -> None:
    t = type(target)
    if t is Object4D:
        if target.cls is not None and target.cls.set_instance_member(target, name, value):
            return
        props = target.props
        if value is UNDEFINED:
            # Undefined clears an existing property to its type's empty value; a missing one stays missing.
            if name not in props:
                return
            old = props[name]
            value = _CLEARED.get(type(old), None if old is not None else None)
            if type(old) is Date4D:
                value = Date4D.NULL
            elif type(old) is Time4D:
                value = Time4D(0)
        else:
            value = stored(value)  # numbers as Reals, times as seconds, a scalar blob as a 4D.Blob
        if target.shared:
            check_writable(target)
            value = prepare_stored_value(target, value)
        props[name] = value
        return
    if isinstance(target, BuiltinObject):
        target.set_member(name, value)
        return
    raise error("null_assign", name=name, got=type_name(target))


def get_index(target: Any, index: Any) -> Any:
    t = type(target)
    if t is Collection4D:
        if not is_number(index):
            raise error("wrong_param_type", name="[]", index=1, expected="a number", got=type_name(index))
        i = int(index)
        items = target.items
        if 0 <= i < len(items):
            return items[i]
        return UNDEFINED
    if t is Object4D or isinstance(target, BuiltinObject):
        if type(index) is not str:
            get_item = getattr(target, "get_item", None)  # built-ins read by number (4D.Vector)
            if get_item is not None and is_number(index):
                return get_item(int(index))
            raise error("wrong_param_type", name="[]", index=1, expected="a text", got=type_name(index))
        return get_member(target, index)
    if target is None:
        raise error("null_property", name=str(index))
    if target is UNDEFINED:
        return UNDEFINED
    raise error("not_indexable", got=type_name(target))


def set_index(target: Any, index: Any, value: Any) -> None:
    t = type(target)
    if t is Collection4D:
        if not is_number(index):
            raise error("wrong_param_type", name="[]", index=1, expected="a number", got=type_name(index))
        i = int(index)
        if i < 0:
            raise error("index_out_of_range", index=i, last=len(target.items) - 1)
        value = stored(value)  # Undefined as Null, numbers as Reals, times as seconds…
        if target.shared:
            check_writable(target)
            value = prepare_stored_value(target, value)
        items = target.items
        if i >= len(items):
            # Assigning past the end grows the collection, filling the gap with Null.
            items.extend([None] * (i - len(items) + 1))
        items[i] = value
        return
    if t is Object4D or isinstance(target, BuiltinObject):
        if type(index) is not str:
            raise error("wrong_param_type", name="[]", index=1, expected="a text", got=type_name(index))
        set_member(target, index, value)
        return
    raise error("not_indexable", got=type_name(target))


def char_at(text: Any, index: Any) -> str:
    if type(text) is not str:
        raise error("not_indexable", got=type_name(text))
    i = int(index)
    if not 1 <= i <= len(text):
        raise error("char_index_out_of_range", index=i, length=len(text))
    return text[i - 1]


def with_char(text: Any, index: Any, char: Any) -> str:
    if type(text) is not str:
        raise error("not_indexable", got=type_name(text))
    i = int(index)
    if not 1 <= i <= len(text):
        raise error("char_index_out_of_range", index=i, length=len(text))
    char = str(char)[:1]
    return text[: i - 1] + char + text[i:]


def call_member(target: Any, name: str, args: list[Any], frame: Any) -> Any:
    """``target.name(args…)``."""
    t = type(target)
    if t is Collection4D:
        fn = collection_member(name)
        if fn is None:
            raise error("unknown_member", name=name)
        return fn(frame, target, *args)
    if t is Object4D:
        value = target.props.get(name, UNDEFINED)
        if value is UNDEFINED and target.cls is not None:
            return target.cls.call_instance_member(target, name, args, frame)
        call = getattr(value, "call_with_this", None)
        if call is not None:
            return call(frame, target, args)
        raise error("unknown_member", name=name)
    if isinstance(target, BuiltinObject):
        return target.call_member(name, args, frame)
    if target is None or target is UNDEFINED:
        raise error("null_property", name=name)
    raise error("unknown_member", name=name)


def call_index(target: Any, index: Any, args: list[Any], frame: Any) -> Any:
    """``target[index](args…)``: call the formula held by a property or an element, with ``This`` = ``target``.

    FunctionClass.md documents ``$f["message"]()`` for objects. For a collection
    element (``$c[0]()``) the docs are silent: fourd calls it the same way, with
    ``This`` bound to the collection, as JavaScript does for ``array[0]()``.
    """
    if type(target) is Collection4D:
        value = get_index(target, index)
        call = getattr(value, "call_with_this", None)
        if call is None:
            raise error("not_a_function", name=f"[{index if type(index) is str else int(index)}]")
        return call(frame, target, args)
    if (type(target) is Object4D or isinstance(target, BuiltinObject)) and type(index) is not str:
        raise error("wrong_param_type", name="[]", index=1, expected="a text", got=type_name(index))
    if target is None or target is UNDEFINED:
        raise error("null_property", name=str(index))
    return call_member(target, index, args, frame)
