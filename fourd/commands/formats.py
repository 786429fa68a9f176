"""``String(value; format)``: number display formats, date and time formats, radix conversion.

The rules come from commands/string.md, FormObjects/propertiesDisplay.md (number,
date and time display formats) and Project/date-time-formats.md (patterns).
fourd formats as a US English system does: "." decimal separator, "," thousands
separator, month/day/year dates, English month and day names.
"""

from __future__ import annotations

import datetime as _dt
import math
import time as _time
from typing import Any

from ..runtime.convert import number_to_text, to_text
from ..runtime.errors import error
from ..runtime.values import UNDEFINED, Date4D, Time4D, type_name

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]  # datetime.weekday() order

BLANK_IF_NULL = 100  # "Blank if null date" / "Blank if null time", added to a format constant


def format_value(value: Any, fmt: Any, add_time: Any = None) -> str:
    """``String(value; fmt {; add_time})`` for any value (commands/string.md)."""
    t = type(value)
    if value is UNDEFINED:
        return ""
    if t is str or t is bool or value is None:
        return to_text(value)  # the format is ignored for texts and booleans
    if t is Date4D:
        return format_date(value, fmt, add_time)
    if t is Time4D:
        return format_time(value.seconds, fmt)
    if t is float or t is int:
        if type(fmt) is str:
            return format_number(value, fmt)
        if type(fmt) in (int, float):
            return number_in_base(value, int(fmt))
    raise error(
        "wrong_param_type", name="String", index=2, expected="a format for a " + type_name(value), got=type_name(fmt)
    )


# -- numbers ---------------------------------------------------------------------

_PLACEHOLDERS = "#0^*"
_FILL = {"#": "", "0": "0", "^": " ", "*": "*"}


def number_in_base(value: float | int, base: int) -> str:
    """``String(number; base)``: ECMAScript ``Number.prototype.toString(radix)``; base 0 means 10."""
    if base == 0:
        base = 10
    if not 2 <= base <= 36:
        raise error("base_out_of_range", name="String", base=base)
    if type(value) is float:
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
    if base == 10:
        if type(value) is float and value == int(value) and abs(value) < 1e21:
            return str(int(value))
        return repr(value) if type(value) is float else str(value)
    negative = value < 0
    whole = int(abs(value))
    frac = abs(value) - whole
    digits = _int_in_base(whole, base)
    if frac:
        out = []
        for _ in range(52):  # enough for a double's precision
            frac *= base
            d = int(frac)
            out.append("0123456789abcdefghijklmnopqrstuvwxyz"[d])
            frac -= d
            if not frac:
                break
        digits += "." + "".join(out).rstrip("0")
    return ("-" if negative else "") + digits


def _int_in_base(n: int, base: int) -> str:
    if n == 0:
        return "0"
    out = []
    while n:
        n, r = divmod(n, base)
        out.append("0123456789abcdefghijklmnopqrstuvwxyz"[r])
    return "".join(reversed(out))


def format_number(value: float | int, fmt: str) -> str:
    """A number shown with a 4D number display format ("###,##0.00", "&x", "&3"…)."""
    if fmt == "" or fmt.startswith("|"):
        return number_to_text(value)  # no format, or a custom style fourd does not have
    if type(value) is float and (math.isnan(value) or math.isinf(value)):
        return number_to_text(value)
    if fmt.startswith("&"):
        return _special_number_format(value, fmt[1:])
    parts = fmt.split(";")
    if len(parts) >= 3 and value == 0:
        return parts[2]  # the zero part is shown as written (propertiesDisplay.md)
    if value < 0 and len(parts) >= 2:
        return _apply_number_part(-value, parts[1], minus=False)
    return _apply_number_part(value, parts[0], minus=value < 0)


def _special_number_format(value: float | int, spec: str) -> str:
    low = spec.lower()
    if low == "xml":
        return number_to_text(value)
    if low == "x":
        n = int(value) & 0xFFFFFFFF
        return "0x" + format(n, "04X" if n <= 0xFFFF else "08X")
    if low == "$":
        return "$" + format(int(value) & 0xFFFFFFFF, "X")
    if spec.startswith("/") and spec[1:].isdigit():
        return format_time(int(value), int(spec[1:]))
    if spec.isdigit() and int(spec) > 0:
        return _scientific(value, int(spec))
    return number_to_text(value)


def _scientific(value: float | int, digits: int) -> str:
    """``&N``: N significant digits in e notation, rounded ("&3" shows 759.62 as 7.60e+2)."""
    mantissa, exp = f"{float(value):.{digits - 1}e}".split("e")
    return f"{mantissa}e{'-' if exp[0] == '-' else '+'}{int(exp[1:])}"


def _digits(value: float | int, decimals: int) -> tuple[str, str]:
    """The integer digits (no leading zeros) and ``decimals`` fraction digits, truncated.

    Only scientific formats round (propertiesDisplay.md); the others cut the
    number's 13-significant-digit decimal form, so 0.29 stays 0.29.
    """
    text = f"{abs(value):.13g}"
    if "e" in text:
        text = f"{abs(value):.{max(decimals, 0) + 13}f}"
    whole, _, frac = text.partition(".")
    whole = whole.lstrip("0")
    return whole, (frac + "0" * decimals)[:decimals]


def _apply_number_part(value: float | int, part: str, minus: bool) -> str:
    first = next((i for i, c in enumerate(part) if c in _PLACEHOLDERS), -1)
    if first < 0:
        return part  # no placeholder: the part is shown as written ("True;;False")
    last = max(i for i, c in enumerate(part) if c in _PLACEHOLDERS)
    prefix, region, suffix = part[:first], part[first : last + 1], part[last + 1 :]
    point = region.find(".")
    int_fmt = region if point < 0 else region[:point]
    frac_fmt = "" if point < 0 else region[point + 1 :]
    frac_slots = [c for c in frac_fmt if c in _PLACEHOLDERS]
    whole, frac = _digits(value, len(frac_slots))
    slots = sum(1 for c in int_fmt if c in _PLACEHOLDERS)
    if len(whole) + (1 if minus else 0) > slots:
        return "<" * len(region)  # more digits than placeholders
    out = _integer_part(int_fmt, whole, minus)
    frac_out = _fraction_part(frac_fmt, frac)
    if point >= 0:
        left = int_fmt[-1:] if int_fmt else ""
        right = frac_fmt[:1]
        if frac_out.strip(" *") or (left == "0" and right == "0"):
            out += "." + frac_out
        elif frac_out:
            out += frac_out
    return prefix + out + suffix


def _integer_part(fmt: str, whole: str, minus: bool) -> str:
    out: list[str] = []
    remaining = list(whole)
    sign_pending = minus
    for i in range(len(fmt) - 1, -1, -1):
        c = fmt[i]
        if c in _PLACEHOLDERS:
            if remaining:
                out.append(remaining.pop())
            elif sign_pending and c != "0":
                out.append("-")
                sign_pending = False
            else:
                out.append(_FILL[c])
        else:  # "," or another character between placeholders
            left = next((fmt[j] for j in range(i - 1, -1, -1) if fmt[j] in _PLACEHOLDERS), "#")
            if remaining or left == "0":
                out.append("," if c == "," else c)
            else:
                out.append(_FILL[left])
    if sign_pending:
        out.append("-")
    return "".join(reversed(out))


def _fraction_part(fmt: str, frac: str) -> str:
    out: list[str] = []
    digits = list(frac)
    for c in fmt:
        if c in _PLACEHOLDERS:
            out.append(digits.pop(0) if digits else _FILL[c])
        else:
            out.append(c)
    # Trailing zeros under "#" are not shown.
    for i in range(len(fmt) - 1, -1, -1):
        if fmt[i] == "#" and out[i] == "0":
            out[i] = ""
        elif fmt[i] in _PLACEHOLDERS:
            break
    return "".join(out)


# -- dates -----------------------------------------------------------------------


def _local_to_utc(d: _dt.date, seconds: int) -> _dt.datetime:
    """A local date and time (the system time zone) as a UTC datetime."""
    naive = _dt.datetime(d.year, d.month, d.day) + _dt.timedelta(seconds=seconds)
    stamp = _time.mktime(naive.timetuple())
    return _dt.datetime.fromtimestamp(stamp, _dt.UTC).replace(tzinfo=None)


def utc_offset(d: _dt.date, seconds: int = 0) -> int:
    """The system time zone's offset from UTC, in seconds, at a local date and time."""
    naive = _dt.datetime(d.year, d.month, d.day) + _dt.timedelta(seconds=seconds)
    return int((naive - _local_to_utc(d, seconds)).total_seconds())


def _short_year(year: int) -> str:
    # Two digits inside 1930..2029, four otherwise (propertiesDisplay.md "Short Century").
    return f"{year % 100:02d}" if 1930 <= year <= 2029 else f"{year:04d}"


def format_date(value: Date4D, fmt: Any, add_time: Any = None) -> str:
    """``String(date; format {; addTime})``: a Date Display Formats constant or a pattern."""
    seconds = add_time.seconds if type(add_time) is Time4D else 0
    if type(fmt) is str:
        if value.is_null():
            return ""
        return format_pattern(fmt, value.to_date(), seconds)
    if type(fmt) not in (int, float) or type(fmt) is bool:
        raise error("wrong_param_type", name="String", index=2, expected="a date format", got=type_name(fmt))
    code = int(fmt)
    blank = code >= BLANK_IF_NULL
    code %= BLANK_IF_NULL
    if value.is_null():
        if blank:
            return ""
        return "0000-00-00T00:00:00" if code == 8 else "00/00/00"
    d = value.to_date()
    y, m, day = d.year, d.month, d.day
    if code in (0, 1, 7):  # System date short, Internal date short
        return f"{m:02d}/{day:02d}/{y:04d}"
    if code == 2:  # System date abbreviated
        return f"{DAYS[d.weekday()][:3]}, {MONTHS[m - 1][:3]} {day}, {y}"
    if code == 3:  # System date long
        return f"{DAYS[d.weekday()]}, {MONTHS[m - 1]} {day}, {y}"
    if code == 4:  # Internal date short special
        return f"{m:02d}/{day:02d}/{_short_year(y)}"
    if code == 5:  # Internal date long
        return f"{MONTHS[m - 1]} {day}, {y}"
    if code == 6:  # Internal date abbreviated
        return f"{MONTHS[m - 1][:3]} {day}, {y}"
    if code == 8:  # ISO Date: local date and time, no time zone
        return f"{d.isoformat()}T{_hms(seconds)}"
    if code == 9:  # ISO Date GMT
        return _local_to_utc(d, seconds).strftime("%Y-%m-%dT%H:%M:%SZ")
    if code == 10:  # Date RFC 1123
        u = _local_to_utc(d, seconds)
        return f"{DAYS[u.weekday()][:3]}, {u.day:02d} {MONTHS[u.month - 1][:3]} {u.year} {u:%H:%M:%S} GMT"
    raise error("unknown_format", name="String", format=code, kind="date")


# -- times -----------------------------------------------------------------------


def _hms(seconds: int) -> str:
    return Time4D(seconds).hms()


def _unit(n: int, word: str) -> str:
    # 0 and 1 take the singular: "13 hours 0 minute" (commands/time.md).
    return f"{n} {word}" if n <= 1 else f"{n} {word}s"


def format_time(seconds: int, fmt: Any) -> str:
    """``String(time; format)``: a Time Display Formats constant or a pattern."""
    if type(fmt) is str:
        today = _dt.date.today()
        return format_pattern(fmt, today, seconds % 86400)
    if type(fmt) not in (int, float) or type(fmt) is bool:
        raise error("wrong_param_type", name="String", index=2, expected="a time format", got=type_name(fmt))
    code = int(fmt)
    if code >= BLANK_IF_NULL:
        if seconds == 0:
            return ""
        code %= BLANK_IF_NULL
    sign = "-" if seconds < 0 else ""
    s = abs(seconds)
    h, m, sec = s // 3600, s % 3600 // 60, s % 60
    if code in (0, 1, 9, 10, 11):  # HH MM SS, System time short (long ones: as on Windows)
        return _hms(seconds)
    if code == 2:  # HH MM
        return f"{sign}{h:02d}:{m:02d}"
    if code == 3:  # Hour min sec
        return f"{sign}{_unit(h, 'hour')} {_unit(m, 'minute')} {_unit(sec, 'second')}"
    if code == 4:  # Hour min
        return f"{sign}{_unit(h, 'hour')} {_unit(m, 'minute')}"
    if code == 5:  # HH MM AM PM
        h24 = h % 24
        return f"{(h24 % 12) or 12}:{m:02d} {'AM' if h24 < 12 else 'PM'}"
    if code == 6:  # MM SS: a duration in minutes
        return f"{sign}{s // 60:02d}:{sec:02d}"
    if code == 7:  # Min sec
        return f"{sign}{_unit(s // 60, 'minute')} {_unit(sec, 'second')}"
    if code == 8:  # ISO time: the date part is zeros
        return f"0000-00-00T{_hms(seconds)}"
    raise error("unknown_format", name="String", format=code, kind="time")


# -- date and time patterns (Project/date-time-formats.md) -------------------------


def _tokens(pattern: str) -> list[tuple[str, str]]:
    """Split a pattern into ("field", "yyyy") and ("text", "…") tokens."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "'":
            if i + 1 < n and pattern[i + 1] == "'":
                out.append(("quoted", "'"))
                i += 2
                continue
            j = i + 1
            buf = []
            while j < n:
                if pattern[j] == "'":
                    if j + 1 < n and pattern[j + 1] == "'":
                        buf.append("'")
                        j += 2
                        continue
                    break
                buf.append(pattern[j])
                j += 1
            out.append(("quoted", "".join(buf)))
            i = j + 1
        elif c.isascii() and c.isalpha():
            j = i
            while j < n and pattern[j] == c:
                j += 1
            out.append(("field", pattern[i:j]))
            i = j
        else:
            out.append(("text", c))
            i += 1
    # Unquoted spaces at both ends are trimmed (date-time-formats.md).
    while out and out[0] == ("text", " "):
        out.pop(0)
    while out and out[-1] == ("text", " "):
        out.pop()
    return out


def format_pattern(pattern: str, d: _dt.date, seconds: int) -> str:
    """Format a date and a time of day (seconds) with an ICU-style pattern."""
    return "".join(_field(text, d, seconds) if kind == "field" else text for kind, text in _tokens(pattern))


def _pad(n: int, width: int) -> str:
    return f"{n:0{width}d}"


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def _quarter(q: int, count: int) -> str:
    if count == 2:
        return f"{q:02d}"
    if count == 3:
        return f"Q{q}"
    if count == 4:
        return f"{_ordinal(q)} quarter"
    return str(q)


def _month(m: int, count: int) -> str:
    if count <= 2:
        return _pad(m, count)
    name = MONTHS[m - 1]
    return {3: name[:3], 4: name, 5: name[0]}.get(count, name)


def _weekday(d: _dt.date, count: int) -> str:
    name = DAYS[d.weekday()]
    if count == 4:
        return name
    if count == 5:
        return name[0]
    if count >= 6:
        return name[:2]
    return name[:3]


def _offset_text(offset: int, style: str) -> str:
    sign = "-" if offset < 0 else "+"
    o = abs(offset)
    h, m, s = o // 3600, o % 3600 // 60, o % 60
    if style == "basic_hm?":
        return f"{sign}{h:02d}" + (f"{m:02d}" if m else "")
    if style == "basic_hm":
        return f"{sign}{h:02d}{m:02d}"
    if style == "ext_hm":
        return f"{sign}{h:02d}:{m:02d}"
    if style == "basic_hms?":
        return f"{sign}{h:02d}{m:02d}" + (f"{s:02d}" if s else "")
    if style == "ext_hms?":
        return f"{sign}{h:02d}:{m:02d}" + (f":{s:02d}" if s else "")
    if style == "gmt_short":
        if not offset:
            return "GMT"
        return f"GMT{sign}{h}" + (f":{m:02d}" if m else "")
    return "GMT" if not offset else f"GMT{sign}{h:02d}:{m:02d}"  # gmt_long


_X_STYLES = {1: "basic_hm?", 2: "basic_hm", 3: "ext_hm", 4: "basic_hms?", 5: "ext_hms?"}


def _day_period(h: int, m: int, s: int, letter: str, count: int) -> str:
    ampm = "AM" if h < 12 else "PM"
    exact = m == 0 and s == 0
    if letter == "a":
        return ampm[0].lower() if count == 5 else ampm
    if letter == "b":
        if exact and h in (0, 12):
            word = "midnight" if h == 0 else "noon"
            return {4: word, 5: "mi" if h == 0 else "n"}.get(count, "mid." if h == 0 else "noon")
        return ampm[0].lower() if count == 5 else ampm
    if exact and h == 12:
        return "noon"
    if 6 <= h < 12:
        return "in the morning"
    if 12 <= h < 18:
        return "in the afternoon"
    if 18 <= h < 21:
        return "in the evening"
    return "at night"


def _field(token: str, d: _dt.date, seconds: int) -> str:
    letter, count = token[0], len(token)
    h, m, s = seconds // 3600 % 24, seconds % 3600 // 60, seconds % 60
    iso_year, iso_week, iso_day = d.isocalendar()
    if letter == "G":
        return "Anno Domini" if count == 4 else "A" if count == 5 else "AD"
    if letter == "y":
        return _pad(d.year % 100, 2) if count == 2 else _pad(d.year, count)
    if letter == "Y":
        return _pad(iso_year % 100, 2) if count == 2 else _pad(iso_year, count)
    if letter == "u":
        return _pad(d.year, count)
    if letter in "Qq":
        return _quarter((d.month - 1) // 3 + 1, count)
    if letter in "ML":
        return _month(d.month, count)
    if letter == "w":
        return _pad(iso_week, count)  # ISO 8601 weeks: 17/03/1954 is in week 11
    if letter == "d":
        return _pad(d.day, count)
    if letter == "D":
        return _pad(d.timetuple().tm_yday, count)
    if letter == "E":
        return _weekday(d, count)
    if letter in "ec":
        if count <= 2:
            return _pad(iso_day, count if letter == "e" else 1)  # weeks start on Monday
        return _weekday(d, count)
    if letter in "abB":
        return _day_period(h, m, s, letter, count)
    if letter == "h":
        return _pad(h % 12 or 12, count)
    if letter == "H":
        return _pad(h, count)
    if letter == "K":
        return _pad(h % 12, count)
    if letter == "k":
        return _pad(h or 24, count)
    if letter == "m":
        return _pad(m, count)
    if letter == "s":
        return _pad(s, count)
    if letter == "S":
        return "0" * count  # fractions of a second: 4D times are whole seconds
    if letter in "XxOzZ":
        offset = utc_offset(d, seconds)
        if letter == "X":
            return "Z" if offset == 0 else _offset_text(offset, _X_STYLES.get(count, "ext_hms?"))
        if letter == "x":
            return _offset_text(offset, _X_STYLES.get(count, "ext_hms?"))
        if letter == "O":
            return _offset_text(offset, "gmt_long" if count >= 4 else "gmt_short")
        if count == 4:
            return _offset_text(offset, "gmt_long")
        if count == 5:
            return "Z" if offset == 0 else _offset_text(offset, "ext_hms?")
        return _offset_text(offset, "basic_hm")
    return token  # a letter that is not a pattern field is shown as is
