"""Constant values the docs' tables do not give but whose values are facts of 4D (character codes, Pi…)."""

from __future__ import annotations

import math
from typing import Any

_EXTRA: dict[str, Any] = {
    # ASCII Codes theme: character codes (Longints), used as Char(Carriage return) or
    # compared with Character code (commands/character-code.md, Concepts/string.md).
    "carriage return": 13,
    "line feed": 10,
    "tab": 9,
    "space": 32,
    "at sign": 64,
    "backspace": 8,
    "double quote": 34,
    "quote": 39,
    "period": 46,
    "enter": 3,
    "escape": 27,
    "pi": math.pi,
    "degree": math.pi / 180,
    "radian": 180 / math.pi,
    "e number": math.e,
    "maxlong": 2147483647,
    "maxint": 32767,
    "maxtextlenbeforev11": 32000,
}


def extra_constant(name: str) -> Any:
    return _EXTRA.get(name.lower())
