"""Declared types (``var $x : Integer``, ``#DECLARE($t : Text)``): default values and assignment rules."""

from __future__ import annotations

import math
from typing import Any

from .errors import error
from .values import UNDEFINED, Blob4D, Collection4D, Date4D, Object4D, Pointer4D, Time4D, type_name

# Canonical type names by lower-cased spelling (modern names and the C_XXX directives' ones).
TYPE_ALIASES = {
    "text": "Text",
    "string": "Text",
    "alpha": "Text",
    "integer": "Integer",
    "longint": "Integer",
    "real": "Real",
    "number": "Real",
    "boolean": "Boolean",
    "date": "Date",
    "time": "Time",
    "object": "Object",
    "collection": "Collection",
    "variant": "Variant",
    "pointer": "Pointer",
    "blob": "Blob",
    "picture": "Picture",
}

# C_TEXT(…)-style directives (by lower-cased command name) and the type they declare.
DIRECTIVES = {
    "c_text": "Text",
    "c_string": "Text",
    "c_alpha": "Text",
    "c_longint": "Integer",
    "c_integer": "Integer",
    "c_real": "Real",
    "c_boolean": "Boolean",
    "c_date": "Date",
    "c_time": "Time",
    "c_object": "Object",
    "c_collection": "Collection",
    "c_variant": "Variant",
    "c_pointer": "Pointer",
    "c_blob": "Blob",
    "c_picture": "Picture",
}


def canonical(type_name_: str | None) -> str:
    """``"Longint"`` → ``"Integer"``; class types (``cs.Person``, ``4D.File``) stay as written."""
    if not type_name_:
        return "Variant"
    return TYPE_ALIASES.get(type_name_.lower(), type_name_)


def default_value(type_: str) -> Any:
    if type_ == "Text":
        return ""
    if type_ == "Integer":
        return 0
    if type_ == "Real":
        return 0.0
    if type_ == "Boolean":
        return False
    if type_ == "Date":
        return Date4D.NULL
    if type_ == "Time":
        return Time4D(0)
    if type_ == "Variant":
        return UNDEFINED
    if type_ == "Blob":
        return Blob4D()
    return None  # Object, Collection, Pointer, Picture, class types: Null


def round_to_int(value: float) -> int:
    """Assigning a Real to an Integer variable rounds to the nearest integer (half away from zero).

    fourd's choice where the docs are silent: NaN and the infinities become 0.
    """
    if not math.isfinite(value):
        return 0
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def coerce(type_: str, value: Any, name: str = "") -> Any:
    """The value a variable declared ``type_`` holds after ``:= value``, or the 4D type error."""
    t = type(value)
    if type_ == "Variant":
        return value
    if value is UNDEFINED:
        return default_value(type_)  # assigning Undefined clears the variable
    if type_ == "Text":
        if t is str:
            return value
    elif type_ == "Real":
        if t is float:
            return value
        if t is int:
            return float(value)
    elif type_ == "Integer":
        if t is int:
            return value
        if t is float:
            return round_to_int(value)
    elif type_ == "Boolean":
        if t is bool:
            return value
    elif type_ == "Date":
        if t is Date4D:
            return value
    elif type_ == "Time":
        if t is Time4D:
            return value
        if t is float or t is int:
            return Time4D(int(value))
    elif type_ == "Object" or "." in type_:
        if t is Blob4D and type_.lower() == "4d.blob":  # blob.md: converted on assignment
            from .blobobject import to_blob_object

            return to_blob_object(value)
        if value is None or t is Object4D or (hasattr(value, "type_name_4d") and value.type_name_4d == "Object"):
            return value
    elif type_ == "Collection":
        if value is None or t is Collection4D:
            return value
    elif type_ == "Pointer":
        if value is None or t is Pointer4D:
            return value
    elif type_ == "Blob":
        if t is Blob4D:
            return value
        if getattr(value, "class_name", None) == "Blob" and hasattr(value, "data"):
            return Blob4D(value.data)  # a 4D.Blob assigned to a Blob variable: a scalar copy (blob.md)
    else:
        return value
    raise error("type_mismatch", got=type_name(value), expected=type_, name=name)


def _coerce_text(value: Any, name: str = "") -> Any:
    return value if type(value) is str else coerce("Text", value, name)


def _coerce_integer(value: Any, name: str = "") -> Any:
    t = type(value)
    if t is int:
        return value
    if t is float:
        return round_to_int(value)
    return coerce("Integer", value, name)


def _coerce_real(value: Any, name: str = "") -> Any:
    t = type(value)
    if t is float:
        return value
    if t is int:
        return float(value)
    return coerce("Real", value, name)


def _coerce_boolean(value: Any, name: str = "") -> Any:
    return value if type(value) is bool else coerce("Boolean", value, name)


def _coerce_collection(value: Any, name: str = "") -> Any:
    return value if type(value) is Collection4D else coerce("Collection", value, name)


_FAST = {
    "Text": _coerce_text,
    "Integer": _coerce_integer,
    "Real": _coerce_real,
    "Boolean": _coerce_boolean,
    "Collection": _coerce_collection,
}


def coercer(type_: str) -> Any:
    """``coerce`` specialised for one declared type: ``fn(value, name="")`` (fast for the common types)."""
    fast = _FAST.get(type_)
    if fast is not None:
        return fast
    if type_ == "Variant":
        return lambda value, name="": value
    if type_ == "Object" or "." in type_:
        # Objects and class instances (`cs.Name`) take any object: a plain Object4D is the common case.
        return lambda value, name="": value if type(value) is Object4D else coerce(type_, value, name)
    return lambda value, name="": coerce(type_, value, name)
