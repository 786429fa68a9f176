"""Constant values the docs' tables do not give but whose values are facts of 4D (character codes, Pi…)."""

from __future__ import annotations

import math
from typing import Any

_EXTRA: dict[str, Any] = {
    "carriage return": "\r",
    "line feed": "\n",
    "tab": "\t",
    "cr lf": "\r\n",
    "pi": math.pi,
    "degree": math.pi / 180,
    "radian": 180 / math.pi,
    "e number": math.e,
    "maxlong": 2147483647,
    "maxint": 32767,
    "maxtextlenbeforev11": 32000,
    # Database Parameters selectors (commands/get-database-parameter.md)
    "user param value": 108,
    "is current database a project": 112,
    "is host database a project": 113,
    # containers: "Objects and collections" constants.  ck ascending/descending, ck diacritical
    # and ck count values are documented (CollectionClass.md); the docs give no value for the
    # others, these are 4D's.
    "ck ascending": 0,
    "ck descending": 1,
    "ck resolve pointers": 1,
    "ck shared": 2,
    "ck ignore null or empty": 1,
    "ck keep null": 1,
    "ck diacritical": 8,
    "ck count values": 32,
}


def extra_constant(name: str) -> Any:
    return _EXTRA.get(name.lower())
