"""Reading 4D literals: numbers, strings with escapes, dates and times."""

from __future__ import annotations

import re

from ..runtime.values import Date4D, Time4D

_ESCAPES = {'"': '"', "\\": "\\", "t": "\t", "r": "\r", "n": "\n"}


def parse_number(text: str) -> float:
    """4D numeric literals are Real values; ``0x`` hexadecimal ones too."""
    if text[:2].lower() == "0x":
        return float(int(text, 16))
    return float(text)


def parse_string_literal(text: str) -> str:
    body = text[1:-1]
    if "\\" not in body:
        return body
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
    """``!2024-01-15!``, ``!2024/01/15!``, ``!01/15/2024!`` (US order), ``!00-00-00!``."""
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
    body = text.strip("?†").strip()
    sign = -1 if body.startswith("-") else 1
    parts = [int(p) for p in body.lstrip("-").split(":")]
    while len(parts) < 3:
        parts.append(0)
    h, m, s = parts
    return Time4D(sign * (h * 3600 + m * 60 + s))
