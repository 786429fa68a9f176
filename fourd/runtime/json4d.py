"""JSON text to and from 4D values (JSON Stringify, JSON Parse, and the display of objects)."""

from __future__ import annotations

import json
import math
from typing import Any

from .errors import error
from .values import UNDEFINED, Collection4D, Date4D, Object4D, Pointer4D, Time4D


def to_plain(value: Any, seen: set[int] | None = None) -> Any:
    """A 4D value as plain JSON-ready Python data (dicts, lists, numbers…)."""
    t = type(value)
    if t is str or t is bool or value is None:
        return value
    if t is float:
        if math.isnan(value) or math.isinf(value):
            return None
        return int(value) if value == int(value) and abs(value) < 1e21 else value
    if t is int:
        return value
    if t is Date4D:
        return "" if value.is_null() else value.iso()
    if t is Time4D:
        return value.seconds * 1000  # times in objects are stored as milliseconds
    if value is UNDEFINED:
        return None
    seen = seen if seen is not None else set()
    if t is Object4D:
        if id(value) in seen:
            return "[circular]"
        seen.add(id(value))
        out = {}
        for k, v in value.props.items():
            if v is UNDEFINED:
                continue
            out[k] = to_plain(v, seen)
        seen.discard(id(value))
        return out
    if t is Collection4D:
        if id(value) in seen:
            return "[circular]"
        seen.add(id(value))
        out_list = [to_plain(v, seen) for v in value.items]
        seen.discard(id(value))
        return out_list
    if t is Pointer4D:
        return value.name
    plain = getattr(value, "to_json_4d", None)
    if plain is not None:
        return plain()
    return None


def stringify(value: Any, pretty: bool = False) -> str:
    plain = to_plain(value)
    if pretty:
        return json.dumps(plain, ensure_ascii=False, indent="\t")
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))


def from_plain(data: Any) -> Any:
    """Plain parsed JSON to 4D values: numbers become Real, objects Object4D, arrays Collection4D."""
    t = type(data)
    if t is dict:
        return Object4D({k: from_plain(v) for k, v in data.items()})
    if t is list:
        return Collection4D([from_plain(v) for v in data])
    if t is int:
        return float(data)
    return data


def parse(text: str) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error("json_parse", detail=f"{exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    return from_plain(data)
