"""4D values to XML text and back (DOM SET XML ATTRIBUTE / ELEMENT VALUE, DOM GET…, XML DECODE).

The conversions follow the XML SET OPTIONS page (commands/xml-set-options.md): dates, times
and BLOBs are written as the tree's options say, numbers with a "." decimal separator,
Booleans as "true"/"false".  Reading converts the text to the type of the variable that
receives it (XML DECODE rules, commands/xml-decode.md); an untyped variable receives text.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import re
import time as _time
from typing import Any

from ..runtime.convert import number_to_text, text_to_number
from ..runtime.errors import error
from ..runtime.values import UNDEFINED, Blob4D, Collection4D, Date4D, Object4D, Time4D, type_name
from ._targets import Target
from ._xmloptions import (
    BINARY_ENCODING,
    DATA_URI_SCHEME,
    DATE_ENCODING,
    DATETIME_LOCAL,
    DATETIME_UTC,
    DURATION,
    LOCAL,
    SECONDS,
    TIME_ENCODING,
    UTC,
)


def _offset(when: _dt.datetime) -> str:
    """The machine's UTC offset at ``when`` as ``+HH:MM``."""
    seconds = -(_time.altzone if _time.localtime(when.timestamp()).tm_isdst > 0 else _time.timezone)
    sign = "+" if seconds >= 0 else "-"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def encode_value(value: Any, tree: Any, command: str) -> str:
    """The XML text of a 4D value for an attribute or an element of ``tree``."""
    t = type(value)
    options = tree.options if tree is not None else {}
    if t is str:
        return value
    if t is bool:
        return "true" if value else "false"
    if t is float or t is int:
        return number_to_text(value)
    if value is None or value is UNDEFINED:
        return ""
    if t is Date4D:
        return _encode_date(value, options.get(DATE_ENCODING))
    if t is Time4D:
        return _encode_time(value, options.get(TIME_ENCODING))
    if t is Blob4D:
        data = base64.b64encode(bytes(value.data)).decode("ascii")
        return "data:;base64," + data if options.get(BINARY_ENCODING) == DATA_URI_SCHEME else data
    if t is Object4D or t is Collection4D:
        from ..runtime.json4d import stringify

        return stringify(value)  # the docs are silent: fourd writes the JSON text
    raise error("wrong_param_type", name=command, index=3, expected="a value XML can hold", got=type_name(value))


def _encode_date(value: Date4D, mode: int | None) -> str:
    if value.is_null():
        day = "0000-00-00"
        moment = None
    else:
        day = f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
        moment = _dt.datetime(value.year, value.month, value.day)
    if mode == LOCAL:
        return f"{day} {_offset(moment) if moment else '+00:00'}"
    if mode == DATETIME_LOCAL:
        return f"{day}T00:00:00 {_offset(moment) if moment else '+00:00'}"
    if mode == UTC:
        return day + "Z"
    if mode == DATETIME_UTC:
        return day + "T00:00:00Z"
    return day  # XML ISO, the default


def _encode_time(value: Time4D, mode: int | None) -> str:
    seconds = value.seconds
    if mode == SECONDS:
        return str(seconds)
    if mode == DURATION:
        return f"PT{seconds // 3600:02d}H{seconds % 3600 // 60:02d}M{seconds % 60:02d}S"
    today = _dt.datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
    offset = _offset(today)
    if mode == DATETIME_UTC:
        sign = 1 if offset[0] == "+" else -1
        shift = sign * (int(offset[1:3]) * 3600 + int(offset[4:6]) * 60)
        seconds = (seconds - shift) % 86400
        return f"0000-00-00T{_hms(seconds)}Z"
    if mode == DATETIME_LOCAL:
        return f"0000-00-00T{_hms(seconds)}{offset}"
    return f"0000-00-00T{_hms(seconds)}"  # XML datetime local absolute, the default


def _hms(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"(?:\d{4}-\d{2}-\d{2})?T?(\d{1,2}):(\d{2}):(\d{2})")


def decode(text: str, current: Any) -> Any:
    """``text`` converted to the type of ``current`` (the receiving variable's value)."""
    t = type(current)
    if t is bool:
        return text.strip().lower() in ("1", "true")
    if t is float or t is int:
        number = text_to_number(text.strip().replace(",", "."))
        return int(number) if t is int else number
    if t is Date4D:
        m = _DATE.match(text)
        return Date4D.from_parts(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else Date4D.NULL
    if t is Time4D:
        stripped = text.strip()
        if stripped.isdigit():
            return Time4D(int(stripped))
        m = _TIME.search(stripped)
        return Time4D(int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))) if m else Time4D(0)
    if t is Blob4D:
        raw = text.strip().removeprefix("data:;base64,")
        try:
            return Blob4D(base64.b64decode(raw, validate=False))
        except (binascii.Error, ValueError):
            return Blob4D()
    return text


def decode_into(target: Target, text: str) -> None:
    target.set(decode(text, target.get()))
