"""Math theme (core part)."""

from __future__ import annotations

import math
from typing import Any

from ..runtime.frame import Frame
from . import args as A
from .registry import command


@command("Abs")
def abs_(f: Frame, value: Any) -> float:
    return float(abs(A.number(value, "Abs", 1)))


@command("Int")
def int_(f: Frame, value: Any) -> float:
    return float(math.floor(A.number(value, "Int", 1)))


@command("Round")
def round_(f: Frame, value: Any, places: Any) -> float:
    x = A.number(value, "Round", 1)
    p = A.integer(places, "Round", 2)
    factor = 10.0**p
    # Half away from zero, as 4D rounds (Python's round() rounds half to even).
    scaled = abs(x) * factor
    rounded = math.floor(scaled + 0.5 + 1e-9 * max(1.0, scaled) * 1e-6)
    return math.copysign(rounded / factor, x) if x != 0 else 0.0


@command("Trunc")
def trunc(f: Frame, value: Any, places: Any) -> float:
    x = A.number(value, "Trunc", 1)
    factor = 10.0 ** A.integer(places, "Trunc", 2)
    return math.floor(x * factor) / factor
