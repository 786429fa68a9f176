"""JSON theme (core part)."""

from __future__ import annotations

from typing import Any

from ..runtime.frame import Frame
from ..runtime.json4d import parse, stringify
from . import args as A
from .registry import command


@command("JSON Stringify")
def json_stringify(f: Frame, value: Any, star: Any = A.MISSING) -> str:
    return stringify(value, pretty=star is not A.MISSING)


@command("JSON Parse")
def json_parse(f: Frame, text: Any, type_: Any = A.MISSING, star: Any = A.MISSING) -> Any:
    return parse(A.text(text, "JSON Parse", 1))


@command("Generate UUID")
def generate_uuid(f: Frame, version: Any = A.MISSING) -> str:
    import uuid

    return uuid.uuid4().hex.upper()
