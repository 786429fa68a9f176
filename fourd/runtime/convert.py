"""Conversions between 4D values: to Text, Number, Boolean, and the display form.

``to_text`` is what ``String(value)`` gives without a format; ``display`` is what
ALERT, the REPL and ``fourd run`` show.  JSON text lives in
:mod:`fourd.runtime.json4d`.
"""

from __future__ import annotations

import math
from typing import Any

from .errors import error
from .values import UNDEFINED, Collection4D, Date4D, Object4D, Pointer4D, Time4D, type_name


def number_to_text(value: float | int) -> str:
    """A number as 4D writes it: no trailing ``.0``, 15 significant digits, ``e`` notation when large."""
    if type(value) is int:
        return str(value)
    if math.isnan(value):
        return "NaN"  # fourd's choice: the docs do not show it
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.15g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        sign = exp[0]
        digits = exp[1:].lstrip("0") or "0"
        text = f"{mantissa}e{sign}{digits}"
    return text


def date_to_text(value: Date4D) -> str:
    """The default (short, system) date format; fourd uses the US one: MM/DD/YYYY."""
    if value.is_null():
        return "00/00/00"
    return f"{value.month:02d}/{value.day:02d}/{value.year:04d}"


def to_text(value: Any) -> str:
    t = type(value)
    if t is str:
        return value
    if t is bool:
        return "True" if value else "False"
    if t is float or t is int:
        return number_to_text(value)
    if t is Date4D:
        return date_to_text(value)
    if t is Time4D:
        return value.hms()
    if value is None:
        return "null"
    if value is UNDEFINED:
        return ""
    if t is Object4D or t is Collection4D:
        from .json4d import stringify

        return stringify(value)
    if t is Pointer4D:
        return value.name
    to_text_4d = getattr(value, "to_text_4d", None)
    if to_text_4d is not None:
        return to_text_4d()
    return "[object " + type_name(value) + "]"


def display(value: Any) -> str:
    """How ``fourd run``, ALERT and the REPL show a value."""
    return to_text(value)


def to_number(value: Any) -> float:
    """``Num(value)`` without a separator: Text is parsed leniently, Boolean gives 1 or 0."""
    t = type(value)
    if t is float:
        return value
    if t is int:
        return float(value)
    if t is bool:
        return 1.0 if value else 0.0
    if t is str:
        return text_to_number(value)
    if t is Time4D:
        return float(value.seconds)
    if t is Date4D:
        return float(value.ordinal())
    if value is None or value is UNDEFINED:
        return 0.0
    raise error("wrong_param_type", name="Num", index=1, expected="a number, text, date, time or boolean", got=type_name(value))


def text_to_number(text: str, decimal: str = ".") -> float:
    """Read the number in a text as 4D does: sign, digits, one decimal separator, an exponent; other characters are skipped."""
    out = []
    seen_digit = False
    seen_sep = False
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch.isdigit():
            out.append(ch)
            seen_digit = True
        elif ch == decimal and not seen_sep:
            out.append(".")
            seen_sep = True
        elif ch == "-" and not seen_digit and "-" not in out:
            out.append("-")
        elif ch in "eE" and seen_digit and i + 1 < n and (text[i + 1].isdigit() or text[i + 1] in "+-"):
            j = i + 1
            exp = text[j] if text[j] in "+-" else ""
            if exp:
                j += 1
            digits = ""
            while j < n and text[j].isdigit():
                digits += text[j]
                j += 1
            if digits:
                out.append("e" + exp + digits)
            i = j
            continue
        i += 1
    s = "".join(out)
    if not seen_digit:
        return 0.0
    try:
        return float(s)
    except ValueError:
        return 0.0


def to_bool(value: Any) -> bool:
    """``Bool(value)``: numbers are True when not 0, Text never converts (False), Null/Undefined False."""
    t = type(value)
    if t is bool:
        return value
    if t is float or t is int:
        return value != 0
    return False
