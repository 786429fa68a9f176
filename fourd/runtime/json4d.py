"""JSON text to and from 4D values (JSON Stringify, JSON Parse, and the display of objects).

Rules (commands/json-stringify.md, json-parse.md), with fourd's choices where
the docs depend on database settings:

* dates are written ``"YYYY-MM-DD"`` (the "date type" setting, the default of
  new projects), and JSON Parse turns exactly such strings back into dates;
  ``"…T…Z"`` strings stay text.  :class:`JsonOptions` carries the legacy
  "Dates inside objects" settings (SET DATABASE PARAMETER selector 85):
  "string type with time zone" writes the UTC moment of local midnight
  (``"2013-08-27T22:00:00.000Z"`` for 28/08/2013 in Paris), "without time zone"
  writes midnight UTC (``"2013-08-28T00:00:00.000Z"``);
* times are numbers of seconds, or milliseconds with "Times inside objects"
  set to "Times in milliseconds" (selector 109);
* pointers are evaluated; Undefined properties are left out; NaN and infinities
  are written ``null``;
* numbers use 4D's text form (15 significant digits, no ``.0``);
* pretty printing (``*``) indents with tabs and writes ``"key": value``.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from dataclasses import dataclass
from typing import Any

from .convert import number_to_text
from .errors import error
from .values import UNDEFINED, Blob4D, Collection4D, Date4D, Object4D, Pointer4D, Time4D

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})\Z")

# "Dates inside objects" values (set-database-parameter.md, selector 85)
DATES_WITHOUT_ZONE = 0
DATES_WITH_ZONE = 1
DATES_AS_DATES = 2


@dataclass(frozen=True)
class JsonOptions:
    """How dates and times are written: the "Dates/Times inside objects" database parameters."""

    dates: int = DATES_AS_DATES
    time_ms: bool = False


DEFAULT_OPTIONS = JsonOptions()


def _date_text(value: Date4D, dates: int) -> str:
    if value.is_null():
        return ""
    if dates == DATES_AS_DATES:
        return value.iso()
    day = _dt.datetime.fromisoformat(value.iso())
    if dates == DATES_WITH_ZONE:  # local midnight as a UTC moment (TZ of the process)
        day = day.astimezone(_dt.UTC)
    return day.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def to_plain(value: Any, seen: set[int] | None = None, options: JsonOptions = DEFAULT_OPTIONS) -> Any:
    """A 4D value as plain JSON-ready Python data (dicts, lists, numbers…)."""
    t = type(value)
    if t is str or t is bool or value is None:
        return value
    if t is float or t is int:
        return value
    if t is Date4D:
        return _date_text(value, options.dates)
    if t is Time4D:
        return value.seconds * 1000 if options.time_ms else value.seconds
    if value is UNDEFINED:
        return None
    if t is Pointer4D:
        return to_plain(value.get(), seen, options)
    seen = seen if seen is not None else set()
    if t is Object4D or t is Collection4D:
        if id(value) in seen:
            return "[circular]"  # fourd's choice: 4D's docs do not say what a cycle gives
        seen.add(id(value))
        if t is Object4D:
            out: Any = {k: to_plain(v, seen, options) for k, v in value.props.items() if v is not UNDEFINED}
        else:
            out = [to_plain(v, seen, options) for v in value.items]
        seen.discard(id(value))
        return out
    if t is Blob4D:
        return "[object Blob]"
    plain = getattr(value, "to_json_4d", None)
    if plain is not None:
        return plain()
    return None


JSON_DIGITS = 15  # fourd's choice: JSON keeps more digits than String's 13 (the docs show none)


def _number(value: float | int) -> str:
    if type(value) is float and (math.isnan(value) or math.isinf(value)):
        return "null"
    return number_to_text(value, JSON_DIGITS)


def _write(data: Any, out: list[str], pretty: bool, depth: int) -> None:
    t = type(data)
    if data is None:
        out.append("null")
    elif t is bool:
        out.append("true" if data else "false")
    elif t is float or t is int:
        out.append(_number(data))
    elif t is str:
        out.append(json.dumps(data, ensure_ascii=False))
    elif t is dict:
        if not data:
            out.append("{}")
            return
        out.append("{")
        for i, (k, v) in enumerate(data.items()):
            if i:
                out.append(",")
            if pretty:
                out.append("\n" + "\t" * (depth + 1))
            out.append(json.dumps(k, ensure_ascii=False))
            out.append(": " if pretty else ":")
            _write(v, out, pretty, depth + 1)
        out.append("\n" + "\t" * depth + "}" if pretty else "}")
    elif t is list:
        if not data:
            out.append("[]")
            return
        out.append("[")
        for i, v in enumerate(data):
            if i:
                out.append(",")
            if pretty:
                out.append("\n" + "\t" * (depth + 1))
            _write(v, out, pretty, depth + 1)
        out.append("\n" + "\t" * depth + "]" if pretty else "]")
    else:
        out.append(json.dumps(data, ensure_ascii=False))


def stringify(value: Any, pretty: bool = False, options: JsonOptions = DEFAULT_OPTIONS) -> str:
    out: list[str] = []
    _write(to_plain(value, None, options), out, pretty, 0)
    return "".join(out)


def from_plain(data: Any, dates: bool = False) -> Any:
    """Plain parsed JSON to 4D values: numbers become Real, objects Object4D, arrays Collection4D.

    With ``dates``, "YYYY-MM-DD" strings become dates (JSON Parse's rule).
    """
    t = type(data)
    if t is dict:
        return Object4D({k: from_plain(v, dates) for k, v in data.items()})
    if t is list:
        return Collection4D([from_plain(v, dates) for v in data])
    if t is int:
        return float(data)
    if t is str and dates:
        m = _ISO_DATE.match(data)
        if m:
            return Date4D.from_parts(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return data


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def parse_plain(text: str) -> Any:
    """Strict JSON text to plain Python data, or the 4D JSON parse error."""
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise error("json_parse", detail=f"{exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except ValueError as exc:
        raise error("json_parse", detail=f"invalid value {exc}") from None


def parse(text: str) -> Any:
    return from_plain(parse_plain(text), dates=True)
