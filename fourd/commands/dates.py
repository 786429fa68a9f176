"""Date and Time theme (core part)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ..runtime.frame import Frame
from ..runtime.values import Date4D, Time4D
from .registry import command


@command("Current date")
def current_date(f: Frame, star: Any = None) -> Date4D:
    return Date4D.from_date(_dt.date.today())


@command("Current time")
def current_time(f: Frame, star: Any = None) -> Time4D:
    now = _dt.datetime.now()
    return Time4D(now.hour * 3600 + now.minute * 60 + now.second)
