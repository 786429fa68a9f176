"""String theme: the text commands of the core (more come with the semantics issue)."""

from __future__ import annotations

from typing import Any

from ..runtime.convert import to_text
from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.operators import fold
from ..runtime.values import UNDEFINED, type_name
from . import args as A
from .registry import command


@command("Length")
def length(f: Frame, value: Any) -> int:
    return len(A.text(value, "Length", 1))


@command("Substring")
def substring(f: Frame, source: Any, first: Any, count: Any = A.MISSING) -> str:
    s = A.text(source, "Substring", 1)
    start = A.integer(first, "Substring", 2)
    if start < 1:
        start = 1
    if count is A.MISSING:
        return s[start - 1 :]
    n = A.integer(count, "Substring", 3)
    if n <= 0:
        return ""
    return s[start - 1 : start - 1 + n]


@command("Position")
def position(f: Frame, find: Any, source: Any, start: Any = A.MISSING, length_found: Any = A.MISSING, star: Any = A.MISSING) -> int:
    needle = A.text(find, "Position", 1)
    hay = A.text(source, "Position", 2)
    begin = 1
    exact = False
    extra = [start, length_found, star]
    from ..runtime.compiler import STAR

    if STAR in extra:
        exact = True
    if start is not A.MISSING and start is not STAR:
        begin = max(A.integer(start, "Position", 3), 1)
    if not needle:
        return 0
    if exact:
        i = hay.find(needle, begin - 1)
    else:
        i = _insensitive_find(hay, needle, begin - 1)
    return i + 1


def _insensitive_find(hay: str, needle: str, start: int) -> int:
    """Find ``needle`` ignoring case and diacritics; the index is in ``hay``'s characters."""
    target = fold(needle)
    width = len(needle)
    for i in range(start, len(hay) - width + 1):
        if fold(hay[i : i + width]) == target:
            return i
    # A fold may change lengths (ß → ss): fall back to scanning every end point.
    for i in range(start, len(hay)):
        for j in range(i + 1, len(hay) + 1):
            if fold(hay[i:j]) == target:
                return i
    return -1


@command("Replace string")
def replace_string(f: Frame, source: Any, old: Any, new: Any, how_many: Any = A.MISSING, star: Any = A.MISSING) -> str:
    from ..runtime.compiler import STAR

    s = A.text(source, "Replace string", 1)
    o = A.text(old, "Replace string", 2)
    n = A.text(new, "Replace string", 3)
    exact = how_many is STAR or star is STAR
    limit = -1
    if how_many is not A.MISSING and how_many is not STAR:
        limit = A.integer(how_many, "Replace string", 4)
    if not o:
        return s
    if exact:
        return s.replace(o, n, limit)
    out = []
    i = 0
    done = 0
    while i < len(s):
        if limit >= 0 and done >= limit:
            break
        j = _insensitive_find(s, o, i)
        if j < 0:
            break
        out.append(s[i:j])
        out.append(n)
        i = j + len(o)
        done += 1
    out.append(s[i:])
    return "".join(out)


@command("Uppercase")
def uppercase(f: Frame, value: Any, star: Any = A.MISSING) -> str:
    return A.text(value, "Uppercase", 1).upper()


@command("Lowercase")
def lowercase(f: Frame, value: Any, star: Any = A.MISSING) -> str:
    return A.text(value, "Lowercase", 1).lower()


@command("Char")
def char(f: Frame, code: Any) -> str:
    n = A.integer(code, "Char", 1)
    try:
        return chr(n)
    except (ValueError, OverflowError):
        return ""


@command("Character code")
def character_code(f: Frame, value: Any) -> int:
    s = A.text(value, "Character code", 1)
    return ord(s[0]) if s else 0


@command("String")
def string(f: Frame, value: Any, fmt: Any = A.MISSING, add_time: Any = A.MISSING) -> str:
    if fmt is A.MISSING:
        if value is UNDEFINED:
            return ""
        return to_text(value)
    formatter = _FORMATTERS.get("string")
    if formatter is None:
        raise error("not_implemented", name="String with a format")
    return formatter(value, fmt, add_time)


# Filled by the formats module when it exists (String with a format parameter).
_FORMATTERS: dict[str, Any] = {}


@command("Num")
def num(f: Frame, value: Any, separator: Any = A.MISSING) -> float:
    from ..runtime.convert import text_to_number, to_number

    if separator is not A.MISSING and type(value) is str:
        return text_to_number(value, A.text(separator, "Num", 2) or ".")
    if value is None or value is UNDEFINED:
        return 0.0
    if type(value) not in (str, float, int, bool) and type_name(value) not in ("Date", "Time"):
        raise error("wrong_param_type", name="Num", index=1, expected="a text, number or boolean", got=type_name(value))
    return to_number(value)


@command("Bool")
def bool_(f: Frame, value: Any) -> bool:
    from ..runtime.convert import to_bool

    return to_bool(value)
