"""Math theme commands, with the results the command pages state."""

from __future__ import annotations

import math

import pytest

from fourd.runtime.errors import FourDError


@pytest.mark.parametrize(
    "expression, expected",
    [
        ("Abs(-10.3)", 10.3),  # abs.md
        ("Int(123.4)", 123),  # int.md
        ("Int(-123.4)", -124),
        ("Dec(7.31)*100", 31),  # dec.md
        ("Dec(-1.25)", 0.75),  # always positive or zero
        ("Mod(3;2)", 1),  # mod.md
        ("Mod(4;2)", 0),
        ("Mod(3.5;2)", 0),
        ("Round(16.857;2)", 16.86),  # round.md
        ("Round(32345.67;-3)", 32000),
        ("Round(29.8725;3)", 29.873),
        ("Round(-1.5;0)", -2),
        ("Round(1.005;2)", 1.01),
        ("Trunc(216.897;1)", 216.8),  # trunc.md
        ("Trunc(216.897;-1)", 210),
        ("Trunc(-216.897;1)", -216.9),
        ("Trunc(-216.897;-1)", -220),
        ("Square root((4^2)+(3^2))", 5),  # square-root.md (Hypotenuse(4;3))
        ("Square root(4^2+3^2)", 19),  # strict left-to-right: ((4^2)+3)^2
        ("Log(Exp(1))", 1),  # log.md
        ("Exp(1)", math.e),
        ("Arctan(1)*4", math.pi),
        ("Cos(0)", 1),
        ("Sin(Pi/2)", 1),
        ("Tan(0)", 0),
        ("Euro converter(10000;French Franc;Euro)", 1524.49),  # euro-converter.md rates
        ("Euro converter(1;Euro;Italian Lira)", 1936),
        ("Euro converter(100;Deutsche Mark;French Franc)", 335.39),
    ],
)
def test_documented_results(run, expression, expected):
    assert run.value(expression) == pytest.approx(expected, abs=1e-9)


def test_random_range(run):
    values = {run.value("Random") for _ in range(50)}
    assert all(type(v) is int and 0 <= v <= 32767 for v in values)
    assert len(values) > 1
    assert all(10 <= run.value("(Random%21)+10") <= 30 for _ in range(20))  # random.md


def test_log_of_negative_is_nan(run):
    assert math.isnan(run.value("Log(-1)"))
    assert run.value("Log(0)") == -math.inf


@pytest.mark.parametrize(
    "code",
    ['return Abs("1")', "return Round(1)", "return Mod(1;0)", 'return Euro converter(1;"XXX";Euro)', "return Cos()"],
)
def test_wrong_arguments(run, code):
    with pytest.raises(FourDError):
        run(code)
