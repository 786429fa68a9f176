"""Objects (Language) theme (core part): creating objects, shared objects, Storage, keys."""

from __future__ import annotations

from typing import Any

from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.shared import make_shared, prepare_stored_value
from ..runtime.values import UNDEFINED, Collection4D, Object4D, type_name
from . import args as A
from .registry import command


def _pairs(command_name: str, args: tuple[Any, ...]) -> dict[str, Any]:
    if len(args) % 2:
        raise error("wrong_param_count", name=command_name, detail="expects property/value pairs")
    props: dict[str, Any] = {}
    for i in range(0, len(args), 2):
        key = A.text(args[i], command_name, i + 1)
        value = args[i + 1]
        if value is not UNDEFINED:
            props[key] = value
    return props


@command("New object")
def new_object(f: Frame, *args: Any) -> Object4D:
    return Object4D(_pairs("New object", args))


@command("New shared object")
def new_shared_object(f: Frame, *args: Any) -> Object4D:
    obj = make_shared(Object4D())
    props = _pairs("New shared object", args)
    for value in props.values():
        prepare_stored_value(obj, value)
    obj.props = props
    return obj


@command("OB Is shared")
def ob_is_shared(f: Frame, value: Any) -> bool:
    if type(value) in (Object4D, Collection4D):
        return value.shared
    return bool(getattr(value, "shareable", False))


@command("Storage")
def storage(f: Frame) -> Object4D:
    return f.process.runtime.storage


@command("OB Keys")
def ob_keys(f: Frame, value: Any) -> Any:
    if value is None or value is UNDEFINED:
        return Collection4D()
    o = A.obj(value, "OB Keys", 1)
    return Collection4D([k for k, v in o.props.items() if v is not UNDEFINED])


@command("OB Is empty")
def ob_is_empty(f: Frame, value: Any) -> bool:
    if value is None or value is UNDEFINED:
        return True
    if type(value) is not Object4D:
        raise error("wrong_param_type", name="OB Is empty", index=1, expected="an object", got=type_name(value))
    return not value.props


@command("OB Is defined")
def ob_is_defined(f: Frame, value: Any, prop: Any = A.MISSING) -> bool:
    if prop is A.MISSING:
        return type(value) is Object4D
    if type(value) is not Object4D:
        return False
    return A.text(prop, "OB Is defined", 2) in value.props
