"""Member functions of collections (API/CollectionClass.md): ``$c.push(…)``, ``$c.join(…)``…

Each is registered in :data:`fourd.runtime.objects.COLLECTION_MEMBERS` as
``fn(frame, collection, *args)``.  Functions that modify a shared collection
take its lock themselves (an internal ``Use … End use``, Concepts/shared.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..runtime.convert import to_text
from ..runtime.frame import Frame
from ..runtime.objects import COLLECTION_MEMBERS
from ..runtime.operators import equal
from ..runtime.shared import prepare_stored_value, using
from ..runtime.values import UNDEFINED, Collection4D
from . import args as A


def member(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        COLLECTION_MEMBERS[name] = fn
        return fn

    return register


def _store(col: Collection4D, value: Any) -> Any:
    if value is UNDEFINED:
        return None
    return prepare_stored_value(col, value) if col.shared else value


@member("push")
def push(f: Frame, col: Collection4D, *values: Any) -> Collection4D:
    with using(col):
        col.items.extend(_store(col, v) for v in values)
    return col


@member("pop")
def pop(f: Frame, col: Collection4D) -> Any:
    with using(col):
        return col.items.pop() if col.items else UNDEFINED


@member("join")
def join(f: Frame, col: Collection4D, delimiter: Any = "", option: Any = 0) -> str:
    sep = A.text(delimiter, "join", 1)
    ignore_null = A.integer(option, "join", 2) & 1  # ck ignore null or empty
    parts = []
    for v in col.items:
        if v is None or v is UNDEFINED:
            if ignore_null:
                continue
            parts.append("")
            continue
        text = to_text(v)
        if ignore_null and text == "":
            continue
        parts.append(text)
    return sep.join(parts)


@member("indexOf")
def index_of(f: Frame, col: Collection4D, value: Any, start: Any = 0) -> float:
    begin = A.integer(start, "indexOf", 2)
    items = col.items
    if begin < 0:
        begin = max(len(items) + begin, 0)
    for i in range(begin, len(items)):
        item = items[i]
        if type(item) is type(value) or (type(item) in (int, float) and type(value) in (int, float)):
            if equal(item, value):
                return float(i)
    return -1.0


@member("includes")
def includes(f: Frame, col: Collection4D, value: Any, start: Any = 0) -> bool:
    return index_of(f, col, value, start) >= 0


@member("copy")
def copy(f: Frame, col: Collection4D, *options: Any) -> Collection4D:
    from ..runtime.values import Object4D

    def deep(v: Any) -> Any:
        if type(v) is Collection4D:
            return Collection4D([deep(x) for x in v.items])
        if type(v) is Object4D:
            return Object4D({k: deep(x) for k, x in v.props.items()}, v.cls)
        return v

    return deep(col)


@member("remove")
def remove(f: Frame, col: Collection4D, index: Any, how_many: Any = 1) -> Collection4D:
    i = A.integer(index, "remove", 1)
    n = A.integer(how_many, "remove", 2)
    with using(col):
        if i < 0:
            i += len(col.items)
        if 0 <= i < len(col.items) and n > 0:
            del col.items[i : i + n]
    return col


@member("insert")
def insert(f: Frame, col: Collection4D, index: Any, value: Any) -> Collection4D:
    i = A.integer(index, "insert", 1)
    with using(col):
        if i < 0:
            i = max(len(col.items) + i, 0)
        col.items.insert(min(i, len(col.items)), _store(col, value))
    return col
