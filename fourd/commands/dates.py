"""Date and Time theme (commands/theme/Date-and-Time.md): reading dates and times from text, calendar parts, clocks."""

from __future__ import annotations

import datetime as _dt
import re
import time as _time
from typing import Any

from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.values import UNDEFINED, Date4D, Time4D, type_name
from . import args as A
from .registry import command

DEFAULT_CENTURY = (19, 30)  # century (minus one) and pivot year for two-digit years (set-default-century.md)


def _date_arg(value: Any, name: str, index: int = 1) -> Date4D:
    if type(value) is Date4D:
        return value
    if value is UNDEFINED:
        return Date4D.NULL
    raise error("wrong_param_type", name=name, index=index, expected="a date", got=type_name(value))


def full_year(year: int, digits: int, century: tuple[int, int] = DEFAULT_CENTURY) -> int:
    """A year as typed: two digits are placed with the default century and pivot year."""
    if digits > 2:
        return year
    base, pivot = century
    return base * 100 + year if year >= pivot else (base + 1) * 100 + year


def _valid_date(year: int, month: int, day: int) -> Date4D:
    try:
        return Date4D.from_date(_dt.date(year, month, day))
    except ValueError:
        return Date4D.NULL  # "13/35/94" gives the null date (commands/date.md)


_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:T(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z)?)?\s*$")


def text_to_date(text: str, century: tuple[int, int] = DEFAULT_CENTURY) -> Date4D:
    """``Date(text)``: ISO "YYYY-MM-DD{THH:MM:SS{.sss}{Z}}", else the US short date M/D/Y.

    In the second form the first three runs of digits are month, day and year,
    whatever separates them ("It was the 6/30, we were in 2016" is June 30, 2016).
    A trailing "Z" means UTC: the date is the local date of that moment.
    """
    m = _ISO.match(text)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if m.group(7) and m.group(4):
            moment = _dt.datetime(y, mo, d, int(m.group(4)), int(m.group(5)), int(m.group(6) or 0), tzinfo=_dt.UTC)
            return Date4D.from_date(moment.astimezone().date())
        return _valid_date(y, mo, d)
    groups = re.findall(r"\d+", text)
    if len(groups) < 3:
        return Date4D.NULL
    month, day, year = (int(g) for g in groups[:3])
    if month == 0 and day == 0 and year == 0:
        return Date4D.NULL
    return _valid_date(full_year(year, len(groups[2]), century), month, day)


def text_to_time(text: str) -> Time4D:
    """``Time(text)``: "HH:MM:SS", "HH:MM", optionally followed by AM/PM ("1:00 PM")."""
    s = text.strip()
    negative = s.startswith("-")
    parts = [int(p) for p in re.findall(r"\d+", s)[:3]]
    if not parts:
        return Time4D(0)
    while len(parts) < 3:
        parts.append(0)
    h, m, sec = parts
    marker = re.search(r"\b([ap])\.?\s*m\.?", s, re.I)
    if marker:
        h = h % 12 + (12 if marker.group(1).lower() == "p" else 0)
    total = h * 3600 + m * 60 + sec
    return Time4D(-total if negative else total)


def _century(f: Frame) -> tuple[int, int]:
    return getattr(f.process.runtime, "default_century", DEFAULT_CENTURY)


@command("Current date")
def current_date(f: Frame, star: Any = A.MISSING) -> Date4D:
    return Date4D.from_date(_dt.date.today())  # "*" asks the server: fourd is its own server


@command("Current time")
def current_time(f: Frame, star: Any = A.MISSING) -> Time4D:
    now = _dt.datetime.now()
    return Time4D(now.hour * 3600 + now.minute * 60 + now.second)


@command("Date")
def date_(f: Frame, value: Any) -> Date4D:
    t = type(value)
    if t is Date4D:
        return value
    if value is UNDEFINED or value is None:
        return Date4D.NULL
    if t is str:
        return text_to_date(value, _century(f))
    raise error("wrong_param_type", name="Date", index=1, expected="a text or a date", got=type_name(value))


@command("Time")
def time_(f: Frame, value: Any) -> Time4D:
    t = type(value)
    if t is Time4D:
        return value
    if value is UNDEFINED or value is None:
        return Time4D(0)
    if t is str:
        return text_to_time(value)
    if t is float or t is int:
        return Time4D(int(value))
    raise error("wrong_param_type", name="Time", index=1, expected="a text or a number", got=type_name(value))


@command("Time string")
def time_string(f: Frame, value: Any) -> str:
    if type(value) is Time4D:
        return value.hms()
    return Time4D(int(A.number(value, "Time string", 1))).hms()


@command("Timestamp")
def timestamp(f: Frame) -> str:
    now = _dt.datetime.now(_dt.UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


@command("Add to date")
def add_to_date(f: Frame, value: Any, years: Any, months: Any, days: Any) -> Date4D:
    d = _date_arg(value, "Add to date")
    y = A.integer(years, "Add to date", 2)
    m = A.integer(months, "Add to date", 3)
    n = A.integer(days, "Add to date", 4)
    if d.is_null():
        return d
    # Months and days that overflow roll over: Jan 31 + 1 month is March 2 or 3.
    return Date4D.from_parts(d.year + y, d.month + m, d.day + n)


@command("Day number")
def day_number(f: Frame, value: Any) -> int:
    d = _date_arg(value, "Day number")
    if d.is_null():
        return 2  # documented
    return d.to_date().isoweekday() % 7 + 1  # Sunday = 1 … Saturday = 7


@command("Day of")
def day_of(f: Frame, value: Any) -> int:
    return _date_arg(value, "Day of").day


@command("Month of")
def month_of(f: Frame, value: Any) -> int:
    return _date_arg(value, "Month of").month


@command("Year of")
def year_of(f: Frame, value: Any) -> int:
    return _date_arg(value, "Year of").year


@command("SET DEFAULT CENTURY")
def set_default_century(f: Frame, century: Any, pivot: Any = A.MISSING) -> None:
    c = A.integer(century, "SET DEFAULT CENTURY", 1)
    # Without a pivot every two-digit year belongs to the given century (set-default-century.md).
    p = 0 if pivot is A.MISSING else A.integer(pivot, "SET DEFAULT CENTURY", 2)
    f.process.runtime.default_century = (c, p)


def _int32(n: int) -> int:
    n &= 0xFFFFFFFF
    return n - 0x100000000 if n & 0x80000000 else n


@command("Milliseconds")
def milliseconds(f: Frame) -> int:
    return _int32(int(_time.monotonic() * 1000))


@command("Tickcount")
def tickcount(f: Frame) -> int:
    return _int32(int(_time.monotonic() * 60))
