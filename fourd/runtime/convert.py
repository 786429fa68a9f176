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

SIGNIFICANT_DIGITS = 13  # String and Num work with 13 significant digits (commands/string.md, num.md)


def number_to_text(value: float | int, digits: int = SIGNIFICANT_DIGITS) -> str:
    """A number as ``String(number)`` writes it: 13 significant digits, no trailing zeros.

    NaN gives "" and infinities "INF"/"-INF" (commands/string.md).  Beyond 13
    digits the ``e`` notation is used with its sign kept: ``1e+20`` (fourd's reading).
    """
    if type(value) is int:
        return str(value)
    if math.isnan(value):
        return ""
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        digits = exp[1:].lstrip("0") or "0"
        text = f"{mantissa}e{exp[0]}{digits}"
    return "0" if text == "-0" else text


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


def to_number(value: Any, command: str = "Num") -> float:
    """``Num(value)`` without a second parameter (commands/num.md).

    Text is read by :func:`text_to_number`, Booleans give 1 or 0, numbers stay as
    they are, a Time is its number of seconds, Undefined and Null give 0.
    """
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
    if value is None or value is UNDEFINED:
        return 0.0
    raise error("wrong_param_type", name=command, index=1, expected="a text, number or boolean", got=type_name(value))


def _significant(value: float) -> float:
    return float(f"{value:.{SIGNIFICANT_DIGITS}g}")


def text_to_number(text: str, decimal: str = ".") -> float:
    """Read the number in a text as ``Num`` does (commands/num.md).

    Letters and other characters are skipped ("A1B2C3" gives 123); ``decimal``
    (one or more characters) marks the decimal part; a hyphen before the first
    digit makes the number negative while a hyphen after it ends the number
    ("123-456" gives 123); ``e``/``E`` after a digit starts an exponent, which
    may be negative.  Only the first decimal separator counts.
    """
    mantissa: list[str] = []
    negative = False
    seen_sep = False
    i = 0
    n = len(text)
    sep_len = len(decimal) or 1
    while i < n:
        ch = text[i]
        if ch.isdigit() and ch.isascii():
            mantissa.append(ch)
        elif decimal and text.startswith(decimal, i) and not seen_sep and _digit_follows(text, i + sep_len):
            mantissa.append(".")
            seen_sep = True
            i += sep_len
            continue
        elif ch == "-":
            if any(c.isdigit() for c in mantissa):
                break  # a hyphen inside the number ends it
            negative = True
        elif ch in "eE" and any(c.isdigit() for c in mantissa):
            exponent = _exponent(text, i + 1)
            if exponent is not None:
                return _finish(mantissa, negative, exponent)
        i += 1
    return _finish(mantissa, negative, 0)


def _digit_follows(text: str, i: int) -> bool:
    return i < len(text) and text[i].isdigit()


def _exponent(text: str, i: int) -> int | None:
    sign = 1
    if i < len(text) and text[i] in "+-":
        sign = -1 if text[i] == "-" else 1
        i += 1
    digits = ""
    while i < len(text) and text[i].isdigit() and text[i].isascii():
        digits += text[i]
        i += 1
    return sign * int(digits) if digits else None


def _finish(mantissa: list[str], negative: bool, exponent: int) -> float:
    body = "".join(mantissa)
    if not any(c.isdigit() for c in body):
        return 0.0
    try:
        value = float(f"{body}e{exponent}")
    except (ValueError, OverflowError):
        return 0.0
    return _significant(-value if negative else value)


def text_to_number_base(text: str, base: int) -> float:
    """``Num(text; base)``: ECMAScript ``parseInt`` (commands/num.md); NaN gives 0."""
    s = text.lstrip(" \t\n\r\v\f\u00a0\ufeff")
    sign = 1
    if s[:1] in ("+", "-"):
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    strip_prefix = True
    if base != 0:
        if base < 2 or base > 36:
            return 0.0
        strip_prefix = base == 16
    else:
        base = 10
    if strip_prefix and s[:2].lower() == "0x":
        s = s[2:]
        base = 16
    digits = 0
    value = 0
    for ch in s:
        d = int(ch, 36) if ch.isascii() and ch.isalnum() else 99
        if d >= base:
            break
        value = value * base + d
        digits += 1
    return float(sign * value) if digits else 0.0


def to_bool(value: Any) -> bool:
    """``Bool(value)`` (commands/bool.md): a Boolean as is, a number True unless 0, anything else False.

    A Time counts as its number of seconds (Concepts/time.md: times can be treated as numbers).
    """
    t = type(value)
    if t is bool:
        return value
    if t is float or t is int:
        return value != 0
    if t is Time4D:
        return value.seconds != 0
    return False
