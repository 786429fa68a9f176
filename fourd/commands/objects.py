"""Objects (Language) theme: New object, OB Copy, OB Get, OB SET, OB Keys… and Storage.

``OB SET``, ``OB SET NULL`` and ``OB SET ARRAY`` create the object when the
variable passed is Null ("var $o : Object" then ``OB SET($o; …)`` works, as in
the docs' examples), so they are registered as writing commands.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime.convert import to_number, to_text
from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.objects import BuiltinObject, get_member, set_member
from ..runtime.propertypath import deep_copy, new_group_like
from ..runtime.shared import SharedGroup, check_writable, make_shared, prepare_stored_value
from ..runtime.storedvalue import stored
from ..runtime.values import UNDEFINED, Array4D, Collection4D, Date4D, Object4D, Time4D, type_name
from . import args as A
from ._targets import Target, writing_command
from .language import (
    IS_BOOLEAN,
    IS_COLLECTION,
    IS_DATE,
    IS_LONGINT,
    IS_NULL,
    IS_OBJECT,
    IS_REAL,
    IS_TEXT,
    IS_TIME,
    value_type,
)
from .registry import command

CK_RESOLVE_POINTERS, CK_SHARED = 1, 2


def _pairs(command_name: str, args: tuple[Any, ...] | list[Any], first_index: int = 1) -> dict[str, Any]:
    if len(args) % 2:
        raise error("wrong_param_count", name=command_name, detail="expects property/value pairs")
    props: dict[str, Any] = {}
    for i in range(0, len(args), 2):
        key = A.text(args[i], command_name, i + first_index)
        value = args[i + 1]
        if value is not UNDEFINED:
            props[key] = stored(value)
    return props


@command("New object")
def new_object(f: Frame, *args: Any) -> Object4D:
    return Object4D(_pairs("New object", args))


@command("New shared object")
def new_shared_object(f: Frame, *args: Any) -> Object4D:
    obj = make_shared(Object4D())
    props = _pairs("New shared object", args)
    for key, value in props.items():
        props[key] = prepare_stored_value(obj, value)
    obj.props = props
    return obj


@command("Storage")
def storage(f: Frame) -> Object4D:
    return f.process.runtime.storage


@command("OB Is shared")
def ob_is_shared(f: Frame, value: Any) -> bool:
    if type(value) in (Object4D, Collection4D):
        return value.shared
    return bool(getattr(value, "shareable", False))


# -- reading -------------------------------------------------------------------------------


def _object_or_none(value: Any, name: str) -> Object4D | BuiltinObject | None:
    """The object argument; Null and Undefined are "no object" (commands then return empty results)."""
    if value is None or value is UNDEFINED:
        return None
    if type(value) is Object4D or isinstance(value, BuiltinObject):
        return value
    raise error("wrong_param_type", name=name, index=1, expected="an object", got=type_name(value))


def _props(obj: Any) -> dict[str, Any]:
    if type(obj) is Object4D:
        return {k: v for k, v in obj.props.items() if v is not UNDEFINED}
    plain = obj.to_json_4d() if obj is not None else {}
    return {k: get_member(obj, k) for k in plain} if isinstance(plain, dict) else {}


@command("OB Keys")
def ob_keys(f: Frame, value: Any) -> Collection4D:
    return Collection4D(list(_props(_object_or_none(value, "OB Keys"))))


@command("OB Values")
def ob_values(f: Frame, value: Any) -> Collection4D:
    return Collection4D(list(_props(_object_or_none(value, "OB Values")).values()))


@command("OB Entries")
def ob_entries(f: Frame, value: Any) -> Collection4D:
    props = _props(_object_or_none(value, "OB Entries"))
    return Collection4D([Object4D({"key": k, "value": v}) for k, v in props.items()])


@command("OB Is empty")
def ob_is_empty(f: Frame, value: Any) -> bool:
    obj = _object_or_none(value, "OB Is empty")
    return obj is None or not _props(obj)


@command("OB Is defined")
def ob_is_defined(f: Frame, value: Any, prop: Any = A.MISSING) -> bool:
    obj = _object_or_none(value, "OB Is defined")
    if prop is A.MISSING:
        return obj is not None
    if obj is None:
        return False
    return get_member(obj, A.text(prop, "OB Is defined", 2)) is not UNDEFINED


@command("OB Get type")
def ob_get_type(f: Frame, value: Any, prop: Any) -> int:
    obj = _object_or_none(value, "OB Get type")
    if obj is None:
        return value_type(UNDEFINED)
    return value_type(get_member(obj, A.text(prop, "OB Get type", 2)))


@command("OB Get")
def ob_get(f: Frame, value: Any, prop: Any, type_: Any = A.MISSING) -> Any:
    obj = _object_or_none(value, "OB Get")
    name = A.text(prop, "OB Get", 2)
    result = UNDEFINED if obj is None else get_member(obj, name)
    if type_ is A.MISSING:
        return result
    return convert_to_type(result, A.integer(type_, "OB Get", 3))


def convert_to_type(value: Any, type_: int, local_dates: bool = True) -> Any:
    """``OB Get(…; type)`` / ``JSON Parse(…; type)``: convert a stored value to a 4D type.

    A text holding a UTC moment ("…T23:00:00Z") becomes the local date of that moment, unless
    ``local_dates`` is False ("Dates inside objects" set to "String type without time zone").
    """
    if type_ == IS_TEXT:
        return "" if value is None or value is UNDEFINED else to_text(value)
    if type_ in (IS_REAL, IS_LONGINT):
        n = (
            to_number(value)
            if type(value) in (str, bool, float, int, Time4D, Date4D) or value in (None, UNDEFINED)
            else 0.0
        )
        return float(n) if type_ == IS_REAL else int(n)
    if type_ == IS_BOOLEAN:
        if type(value) is bool:
            return value
        return type(value) in (float, int) and value != 0
    if type_ == IS_DATE:
        if type(value) is Date4D:
            return value
        if type(value) is str:
            if local_dates:
                from .dates import text_to_date

                if re.match(r"\s*\d{4}-\d{1,2}-\d{1,2}", value):
                    return text_to_date(value)
            return _iso_date(value)
        return Date4D.NULL
    if type_ == IS_TIME:
        if type(value) is Time4D:
            return value
        return Time4D(int(to_number(value))) if type(value) in (str, float, int) else Time4D(0)
    if type_ == IS_OBJECT:
        return value if type(value) is Object4D else None
    if type_ == IS_COLLECTION:
        return value if type(value) is Collection4D else None
    if type_ == IS_NULL:
        return None
    return value


def _iso_date(text: str) -> Date4D:
    """A date from "YYYY-MM-DD" or "YYYY-MM-DDThh:mm:ss…" (the date part; fourd has no time zones)."""
    import re

    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if not m:
        return Date4D.NULL
    return Date4D.from_parts(int(m.group(1)), int(m.group(2)), int(m.group(3)))


# -- writing -------------------------------------------------------------------------------


def _object_target(target: Target, name: str) -> Object4D | BuiltinObject:
    """The object to modify; a Null or Undefined variable receives a new object."""
    value = target.get()
    if value is None or value is UNDEFINED:
        value = Object4D()
        target.set(value)
        return value
    if type(value) is Object4D or isinstance(value, BuiltinObject):
        return value
    raise error("wrong_param_type", name=name, index=1, expected="an object", got=type_name(value))


def _set(obj: Any, name: str, value: Any, command_name: str) -> None:
    if name == "":
        raise error("object_property", name=command_name)
    set_member(obj, name, stored(value))


@writing_command("OB SET", 3, None)
def ob_set(f: Frame, targets: list[Target]) -> None:
    obj = _object_target(targets[0], "OB SET")
    values = [t.read(f) for t in targets[1:]]  # pointers are stored as such
    pairs = list(zip(values[0::2], values[1::2], strict=False))
    if len(values) % 2:
        raise error("wrong_param_count", name="OB SET", detail="expects property/value pairs")
    for i, (key, value) in enumerate(pairs):
        _set(obj, A.text(key, "OB SET", 2 * i + 2), value, "OB SET")


@writing_command("OB SET NULL", 2, 2)
def ob_set_null(f: Frame, targets: list[Target]) -> None:
    obj = _object_target(targets[0], "OB SET NULL")
    name = A.text(targets[1].read(f), "OB SET NULL", 2)
    if name == "":
        raise error("object_property", name="OB SET NULL")
    set_member(obj, name, None)


@command("OB REMOVE")
def ob_remove(f: Frame, value: Any, prop: Any) -> None:
    obj = _object_or_none(value, "OB REMOVE")
    name = A.text(prop, "OB REMOVE", 2)
    if type(obj) is Object4D and name in obj.props:
        if obj.shared:
            check_writable(obj)
        del obj.props[name]


@command("OB Copy")
def ob_copy(f: Frame, value: Any, option: Any = A.MISSING, group_with: Any = A.MISSING) -> Any:
    obj = _object_or_none(value, "OB Copy")
    if obj is None:
        return None
    if isinstance(obj, BuiltinObject):
        return None  # datastore-like built-in objects are not copiable (ob-copy.md: Null)
    if type(option) is bool:
        opts = CK_RESOLVE_POINTERS if option else 0
    else:
        opts = 0 if option is A.MISSING else A.integer(option, "OB Copy", 2)
    group = None
    if opts & CK_SHARED:
        group = SharedGroup() if group_with is A.MISSING else new_group_like(group_with)
    return deep_copy(obj, bool(opts & CK_RESOLVE_POINTERS), group)


# -- arrays in objects -----------------------------------------------------------------------


@writing_command("OB SET ARRAY", 3, 3)
def ob_set_array(f: Frame, targets: list[Target]) -> None:
    obj = _object_target(targets[0], "OB SET ARRAY")
    name = A.text(targets[1].read(f), "OB SET ARRAY", 2)
    array = targets[2].get()
    items = array.items[1:] if type(array) is Array4D else [array]
    _set(obj, name, Collection4D([stored(v) for v in items]), "OB SET ARRAY")


@writing_command("OB GET ARRAY", 3, 3)
def ob_get_array(f: Frame, targets: list[Target]) -> None:
    from .arrays import fill_array

    obj = _object_or_none(targets[0].get(), "OB GET ARRAY")
    name = A.text(targets[1].read(f), "OB GET ARRAY", 2)
    value = UNDEFINED if obj is None else get_member(obj, name)
    items = value.items if type(value) is Collection4D else []
    fill_array(targets[2], items, "OB GET ARRAY")


@writing_command("OB GET PROPERTY NAMES", 2, 3)
def ob_get_property_names(f: Frame, targets: list[Target]) -> None:
    from .arrays import fill_array

    obj = _object_or_none(targets[0].get(), "OB GET PROPERTY NAMES")
    props = _props(obj) if obj is not None else {}
    fill_array(targets[1], list(props), "OB GET PROPERTY NAMES", default_type="Text")
    if len(targets) > 2:
        fill_array(targets[2], [value_type(v) for v in props.values()], "OB GET PROPERTY NAMES", default_type="Integer")
