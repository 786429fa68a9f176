"""JSON theme: JSON Stringify, JSON Parse, their array forms, JSON Validate, JSON Resolve pointers.

The text rules live in :mod:`fourd.runtime.json4d`; schema validation in
:mod:`fourd.runtime.jsonschema`; JSON pointers in :mod:`fourd.runtime.jsonpointer`.
"""

from __future__ import annotations

from typing import Any

from ..runtime.compiler import STAR
from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.json4d import DEFAULT_OPTIONS, JsonOptions, from_plain, parse, parse_plain, stringify
from ..runtime.values import Array4D, Collection4D, Object4D, Pointer4D, type_name
from . import args as A
from ._targets import Target, writing_command
from .language import IS_BOOLEAN, IS_OBJECT
from .objects import convert_to_type
from .registry import command, headless_only_error


def json_options(f: Frame) -> JsonOptions:
    """The "Dates inside objects" (85) and "Times inside objects" (109) settings in force."""
    from .application import DATES_INSIDE_OBJECTS, TIMES_INSIDE_OBJECTS, database_parameter

    dates = database_parameter(f, DATES_INSIDE_OBJECTS)
    time_ms = database_parameter(f, TIMES_INSIDE_OBJECTS) == 1
    if dates == DEFAULT_OPTIONS.dates and not time_ms:
        return DEFAULT_OPTIONS
    return JsonOptions(dates, time_ms)


@command("JSON Stringify")
def json_stringify(f: Frame, value: Any, star: Any = A.MISSING) -> str:
    return stringify(value, pretty=star is STAR, options=json_options(f))


@command("JSON Parse")
def json_parse(f: Frame, text: Any, type_: Any = A.MISSING, star: Any = A.MISSING) -> Any:
    """``JSON Parse(text {; type}{; *})``; with ``*`` an object gets its ``__symbols`` (line, offset)."""
    source = A.text(text, "JSON Parse", 1)
    if type_ is STAR:
        type_, star = A.MISSING, STAR
    value = parse(source)
    if type_ is not A.MISSING:
        wanted = A.integer(type_, "JSON Parse", 2)
        if wanted == IS_BOOLEAN and type(value) is Object4D:
            value = True  # json-parse.md example 1: an object read as Boolean is true
        else:
            from .application import DATES_INSIDE_OBJECTS, database_parameter

            value = convert_to_type(value, wanted, local_dates=database_parameter(f, DATES_INSIDE_OBJECTS) != 0)
    if (
        star is STAR
        and type(value) is Object4D
        and (type_ is A.MISSING or A.integer(type_, "JSON Parse", 2) == IS_OBJECT)
    ):
        from ..runtime.jsonsymbols import symbols

        value.props["__symbols"] = from_plain(symbols(source))
    return value


@command("JSON Stringify array")
def json_stringify_array(f: Frame, array: Any, star: Any = A.MISSING) -> str:
    if type(array) is Pointer4D:
        array = array.get()
    items = array.items[1:] if type(array) is Array4D else [array]
    return stringify(Collection4D(items), pretty=star is STAR, options=json_options(f))


@writing_command("JSON PARSE ARRAY", 2, 2)
def json_parse_array(f: Frame, targets: list[Target]) -> None:
    from .arrays import fill_array

    source = A.text(targets[0].read(f), "JSON PARSE ARRAY", 1)
    value = parse(source)
    items = value.items if type(value) is Collection4D else [value]
    fill_array(targets[1], items, "JSON PARSE ARRAY")


@command("JSON Validate")
def json_validate(f: Frame, value: Any, schema: Any) -> Any:
    from ..runtime.jsonschema import validate

    if type(schema) is not Object4D:
        raise error("wrong_param_type", name="JSON Validate", index=2, expected="an object", got=type_name(schema))
    return validate(value, schema)


@command("JSON Resolve pointers")
def json_resolve_pointers(f: Frame, obj: Any, options: Any = A.MISSING) -> Object4D:
    from ..runtime.jsonpointer import resolve

    target = A.obj(obj, "JSON Resolve pointers", 1)
    opts = A.obj(options, "JSON Resolve pointers", 2) if options is not A.MISSING else Object4D()
    return resolve(f, target, opts)


@command("Generate UUID")
def generate_uuid(f: Frame, version: Any = A.MISSING) -> str:
    import uuid

    return uuid.uuid4().hex.upper()


__all__ = ["parse_plain"]


headless_only_error("Selection to JSON", "needs a database: no tables or selections headless")
headless_only_error("JSON TO SELECTION", "needs a database: no tables or selections headless")
