"""Reading 4D literals: numbers, strings with escapes, dates and times."""

from __future__ import annotations

import re

from ..runtime.values import Date4D, Time4D

_ESCAPES = {'"': '"', "\\": "\\", "t": "\t", "r": "\r", "n": "\n"}


def parse_number(text: str) -> float | int:
    """Decimal literals are Real values; ``0x`` ones are 32-bit Longints (0xFFFFFFFF is -1).

    Hexadecimal literals are what the bitwise operators work on (Concepts/number.md):
    ``0x0000FFFF | 0xFF00FF00`` must equal ``0xFF00FFFF``, a negative Longint.
    """
    if len(text) > 2 and text[1] in "xX":
        value = int(text, 16)
        if value > 0xFFFFFFFF:
            return float(value)
        return value - 0x100000000 if value & 0x80000000 else value
    return float(text)


_CONTINUED_LINE = re.compile(r"\\[ \t]*\n")


def parse_string_literal(text: str) -> str:
    body = text[1:-1]
    if "\\" not in body:
        return body
    if "\n" in body:  # a string continued on the next line with a trailing `\`: the lines join
        body = _CONTINUED_LINE.sub("", body)
    out = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append(_ESCAPES.get(nxt, "\\" + nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def parse_date_literal(text: str) -> Date4D:
    """``!2024-01-15!``, ``!2024/01/15!``, ``!01/15/2024!`` and ``!1/15/24!`` (US order), ``!00-00-00!``.

    A two-digit year is in 1930…2029 (Concepts/date.md); SET DEFAULT CENTURY does not
    change literals, which are read when the method is compiled.
    """
    parts = [p for p in re.split(r"[-/.\s]+", text.strip("!").strip()) if p]
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError("expected year, month and day")
    a, b, c = (int(p) for p in parts)
    if a == 0 and b == 0 and c == 0:
        return Date4D.NULL
    if len(parts[0]) == 4:
        year, month, day = a, b, c
    else:  # month/day/year, with a two-digit year in 1930..2029
        month, day, year = a, b, c
        if month > 12 and day <= 12:
            # Literals show in the system's date format; pages written on a
            # day/month system (`!30/01/2010!`) can only mean that order.
            month, day = day, month
        if len(parts[2]) <= 2:
            year += 2000 if year < 30 else 1900
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ValueError("month or day out of range")
    return Date4D.from_parts(year, month, day)


def parse_time_literal(text: str) -> Time4D:
    """``?HH:MM:SS?`` (hours may exceed 24), ``?HH:MM?``, ``?-HH:MM:SS?``, ``?00:00:00?`` (``†`` is an old spelling of ``?``)."""
    body = text.strip("?†").strip()
    sign = -1 if body.startswith("-") else 1
    pieces = body.lstrip("-").split(":")
    if not 1 <= len(pieces) <= 3 or not all(p.strip().isdigit() for p in pieces):
        raise ValueError("expected hours:minutes:seconds")
    parts = [int(p) for p in pieces]
    while len(parts) < 3:
        parts.append(0)
    h, m, s = parts
    return Time4D(sign * (h * 3600 + m * 60 + s))
