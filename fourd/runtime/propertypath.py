"""Property paths (``"address.city"``) into objects, and deep copies of objects and collections.

Collection functions (``orderBy``, ``extract``, ``query``, ``sum("salary")``…) and
``OB Copy`` / ``.copy()`` share these helpers, so the rules live in one place.
"""

from __future__ import annotations

from typing import Any

from .errors import error
from .objects import BuiltinObject, get_member
from .shared import SharedGroup
from .values import UNDEFINED, Collection4D, Object4D, Pointer4D


def split_path(path: str) -> list[str]:
    return path.split(".") if path else []


def get_path(value: Any, parts: list[str]) -> Any:
    """The value at ``parts`` inside ``value``; Undefined as soon as a step is not an object."""
    for part in parts:
        t = type(value)
        if t is Object4D:
            if value.cls is None:
                value = value.props.get(part, UNDEFINED)
            else:
                value = get_member(value, part)
        elif isinstance(value, BuiltinObject):
            value = value.get_member(part)
        else:
            return UNDEFINED
    return value


def set_path(target: Object4D, parts: list[str], value: Any) -> None:
    """Set ``target.a.b.c := value``, creating the intermediate objects."""
    for part in parts[:-1]:
        child = target.props.get(part)
        if type(child) is not Object4D:
            child = Object4D()
            target.props[part] = child
        target = child
    target.props[parts[-1]] = value


def deep_copy(value: Any, resolve_pointers: bool = False, group: SharedGroup | None = None) -> Any:
    """A deep copy of an object or collection (``OB Copy``, ``.copy()``).

    With ``group``, every copied object and collection is shared and belongs to
    that group (``ck shared``); values a shared container cannot hold raise the
    4D error.  Pointers are evaluated when ``resolve_pointers`` is set.
    """
    t = type(value)
    if t is Pointer4D and resolve_pointers:
        return deep_copy(value.get(), resolve_pointers, group)
    if t is Collection4D:
        copy = Collection4D([deep_copy(v, resolve_pointers, group) for v in value.items])
    elif t is Object4D:
        copy = Object4D({k: deep_copy(v, resolve_pointers, group) for k, v in value.props.items()}, value.cls)
    else:
        if group is not None and (t is Pointer4D or (isinstance(value, BuiltinObject) and not value.shareable)):
            raise error("shared_value_type")
        return value
    if group is not None:
        copy.shared = True
        copy.group = group
    return copy


def new_group_like(value: Any) -> SharedGroup:
    """The lock group a copy must join to be grouped with ``value`` (``copy(ck shared; groupWith)``)."""
    if type(value) in (Object4D, Collection4D) and value.shared:
        value.group.alone = False
        return value.group
    raise error("shared_group_with")
