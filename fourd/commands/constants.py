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
    # Database Parameters (commands/set-database-parameter.md: selector numbers and values)
    "dates inside objects": 85,
    "times inside objects": 109,
    "string type without time zone": 0,
    "string type with time zone": 1,
    "date type": 2,
    "times in seconds": 0,
    "times in milliseconds": 1,
    # File and Folder options (API/FileClass.md, FolderClass.md give these values)
    "fk overwrite": 4,
    "fk recursive": 1,
    "fk ignore invisible": 8,
}


def extra_constant(name: str) -> Any:
    key = name.lower()
    if key.startswith("xml "):
        from ._xmloptions import CONSTANTS  # XML option values (fourd's numbers, see _xmloptions.py)

        return CONSTANTS.get(key)
    return _EXTRA.get(key)
