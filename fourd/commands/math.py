"""Math theme (commands/theme/Math.md)."""

from __future__ import annotations

import math
import random
from typing import Any

from ..runtime import operators
from ..runtime.errors import error
from ..runtime.frame import Frame
from . import args as A
from .registry import command


@command("Abs")
def abs_(f: Frame, value: Any) -> float:
    return float(abs(A.number(value, "Abs", 1)))


@command("Int")
def int_(f: Frame, value: Any) -> float:
    """The integer part, toward negative infinity: Int(-123.4) is -124."""
    x = A.number(value, "Int", 1)
    return x if math.isinf(x) or math.isnan(x) else float(math.floor(x))


@command("Dec")
def dec(f: Frame, value: Any) -> float:
    """The fractional part, always >= 0 (x - Int(x))."""
    x = float(A.number(value, "Dec", 1))
    return x - math.floor(x) if math.isfinite(x) else math.nan


def _scale(x: float, places: int) -> tuple[float, float]:
    return 10.0**places, abs(x) * 10.0**places


@command("Round")
def round_(f: Frame, value: Any, places: Any) -> float:
    """Half away from zero (commands/round.md); the decimal form of the number decides, not its binary one."""
    x = float(A.number(value, "Round", 1))
    p = A.integer(places, "Round", 2)
    if not math.isfinite(x):
        return x
    factor, scaled = _scale(x, p)
    scaled = float(f"{scaled:.13g}")  # 1.005*100 is 100.49999…: read it as 100.5
    rounded = math.floor(scaled + 0.5)
    return math.copysign(rounded / factor, x) if rounded else 0.0


@command("Trunc")
def trunc(f: Frame, value: Any, places: Any) -> float:
    """Toward negative infinity (commands/trunc.md): Trunc(-216.897;1) is -216.9."""
    x = float(A.number(value, "Trunc", 1))
    if not math.isfinite(x):
        return x
    factor = 10.0 ** A.integer(places, "Trunc", 2)
    scaled = float(f"{x * factor:.13g}")
    return math.floor(scaled) / factor + 0.0


@command("Mod")
def mod(f: Frame, a: Any, b: Any) -> float:
    """Reals are rounded first (Mod(3.5;2) is 0); the sign follows the dividend."""
    x = _round_half_away(A.number(a, "Mod", 1))
    y = _round_half_away(A.number(b, "Mod", 2))
    if y == 0:
        raise error("division_by_zero")
    return float(math.fmod(x, y))


def _round_half_away(x: float | int) -> int:
    return int(math.floor(abs(x) + 0.5)) * (-1 if x < 0 else 1)


def _unary(name: str, fn: Any) -> None:
    def run(f: Frame, value: Any) -> float:
        x = float(A.number(value, name, 1))
        try:
            return fn(x)
        except (ValueError, OverflowError):
            return _domain(fn, x)

    command(name)(run)


def _domain(fn: Any, x: float) -> float:
    # Outside a function's domain the result is NaN (Log(-1): String gives "") or infinite.
    if fn is math.log and x == 0:
        return -math.inf
    if fn is math.exp:
        return math.inf
    return math.nan


_unary("Arctan", math.atan)
_unary("Cos", math.cos)
_unary("Sin", math.sin)
_unary("Tan", math.tan)
_unary("Exp", math.exp)
_unary("Log", math.log)
_unary("Square root", math.sqrt)


@command("Random")
def random_(f: Frame) -> int:
    return random.randint(0, 32767)


@command("SET REAL COMPARISON LEVEL")
def set_real_comparison_level(f: Frame, epsilon: Any) -> None:
    operators.EPSILON[0] = abs(float(A.number(epsilon, "SET REAL COMPARISON LEVEL", 1)))


# Fixed rates of 1 Euro (commands/euro-converter.md) and the currencies kept without decimals.
EURO_RATES = {
    "ATS": 13.7603,
    "BEF": 40.3399,
    "DEM": 1.95583,
    "FIM": 5.94573,
    "FRF": 6.55957,
    "GRD": 340.750,
    "IEP": 0.787564,
    "ITL": 1936.27,
    "LUF": 40.3399,
    "NLG": 2.20371,
    "PTE": 200.482,
    "ESP": 166.386,
    "EUR": 1.0,
}
_NO_DECIMALS = {"ITL", "BEF", "LUF", "ESP"}


@command("Euro converter")
def euro_converter(f: Frame, value: Any, source: Any, target: Any) -> float:
    x = float(A.number(value, "Euro converter", 1))
    codes = []
    for index, code in ((2, source), (3, target)):
        c = A.text(code, "Euro converter", index).upper()
        if c not in EURO_RATES:
            raise error(
                "wrong_param_type", name="Euro converter", index=index, expected="a Euro currency code", got=repr(code)
            )
        codes.append(c)
    euros = x / EURO_RATES[codes[0]]
    result = euros * EURO_RATES[codes[1]]
    places = 0 if codes[1] in _NO_DECIMALS else 2
    factor = 10.0**places
    return math.copysign(math.floor(float(f"{abs(result) * factor:.13g}") + 0.5) / factor, result)
