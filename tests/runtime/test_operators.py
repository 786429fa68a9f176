"""Operators on scalar values, checked against the operator tables of Concepts/*.md."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError
from fourd.runtime.values import UNDEFINED, Date4D, Time4D

# (expression, expected value) rows of the "Operation | Syntax | Returns | Expression | Value" tables.
STRING_TABLE = [  # Concepts/string.md
    ('"abc" + "def"', "abcdef"),
    ('"ab" * 3', "ababab"),
    ('"abc" = "abc"', True),
    ('"abc" = "abd"', False),
    ('"abc" # "abd"', True),
    ('"abc" # "abc"', False),
    ('"abd" > "abc"', True),
    ('"abc" > "abc"', False),
    ('"abc" < "abd"', True),
    ('"abc" < "abc"', False),
    ('"abd" >= "abc"', True),
    ('"abc" >= "abd"', False),
    ('"abc" <= "abd"', True),
    ('"abd" <= "abc"', False),
    ('"Alpha Bravo" % "Bravo"', True),
    ('"Alpha Bravo" % "ravo"', False),
    # String comparisons section
    ('"a"="A"', True),
    ('Character code("A")=Character code("a")', False),
    ('"n"="ñ"', True),
    ('"n"="Ñ"', True),
    ('"A"="å"', True),
    # wildcard
    ('"abcdefghij"="abc@"', True),
    ('"abc@"="abcdefghij"', False),
    ('"abcdefghij"="abcdefghij@"', True),
    ('"abcdefghij"="@abcdefghij"', True),
    ('"abcdefghij"="abcd@efghij"', True),
    ('"abcdefghij"="@abcdefghij@"', True),
    ('"abcdefghij"="@abcde@fghij@"', True),
    ('"abcdefghij"="abc@@fg"', False),
    ('"abcd"<="abc@"', True),
    # keywords
    ('"Alpha Bravo Charlie"%"Bravo"', True),
    ('"Alpha Bravo Charlie"%"vo"', False),
    ('"Alpha Bravo Charlie"%"Alpha Bravo"', False),
    ('"Alpha,Bravo,Charlie"%"Alpha"', True),
    ('"Software and Computers"%"comput@"', True),
    # ignorable characters (commands/length.md note)
    ('Char(1)=""', True),
]

NUMBER_TABLE = [  # Concepts/number.md
    ("2 + 3", 5),
    ("3 - 2", 1),
    ("5 * 2", 10),
    ("5 / 2", 2.5),
    ("5 \\ 2", 2),
    ("5 % 2", 1),
    ("2 ^ 3", 8),
    ("10 = 10", True),
    ("10 = 11", False),
    ("10 #11", True),
    ("10 # 10", False),
    ("11 > 10", True),
    ("10 > 11", False),
    ("10 < 11", True),
    ("11 < 10", False),
    ("11 >= 10", True),
    ("10 >= 11", False),
    ("10 <= 11", True),
    ("11 <= 10", False),
    ("10 % 2", 0),
    ("10 % 3", 1),
    ("10.5 % 2", 0),
    ("3+4*5", 35),
    ("3+(4*5)", 23),
    # set-real-comparison-level.md: epsilon 10^-6
    ("0.00001=0.00002", False),
    ("0.000001=0.000002", True),
    ("0.000001=0.000003", False),
]

BITWISE_TABLE = [  # Concepts/number.md "Examples"
    ("0x0000FFFF & 0xFF00FF00", "0x0000FF00"),
    ("0x0000FFFF | 0xFF00FF00", "0xFF00FFFF"),
    ("0x0000FFFF ^| 0xFF00FF00", "0xFF0000FF"),
    ("0x0000FFFF << 8", "0x00FFFF00"),
    ("0x0000FFFF >> 8", "0x000000FF"),
    ("0x00000000 ?+ 16", "0x00010000"),
    ("0x00010000 ?- 16", "0x00000000"),
]

DATE_TABLE = [  # Concepts/date.md
    ("!2017-01-20! - !2017-01-01!", 19),
    ("!2017-01-20! + 9", Date4D(2017, 1, 29)),
    ("!2017-01-20! - 9", Date4D(2017, 1, 11)),
    ("!2017-01-01! =!2017-01-01!", True),
    ("!2017-01-20! = !2017-01-01!", False),
    ("!2017-01-20! # !2017-01-01!", True),
    ("!2017-01-20! # !2017-01-20!", False),
    ("!2017-01-20! > !2017-01-01!", True),
    ("!2017-01-20! > !2017-01-20!", False),
    ("!2017-01-01! < !2017-01-20!", True),
    ("!2017-01-20! < !2017-01-20!", False),
    ("!2017-01-20! >=!2017-01-01!", True),
    ("!2017-01-01!>=!2017-01-20!", False),
    ("!2017-01-01! <= !2017-01-20!", True),
    ("!2017-01-20! <= !2017-01-01!", False),
]

TIME_TABLE = [  # Concepts/time.md
    ("?02:03:04? + ?01:02:03?", Time4D(3 * 3600 + 5 * 60 + 7)),
    ("?02:03:04? - ?01:02:03?", Time4D(3600 + 60 + 1)),
    ("?02:03:04? + 65", 7449),
    ("?02:03:04? - 65", 7319),
    ("?02:03:04? * 2", 14768),
    ("?02:03:04? / 2", 3692),
    ("?02:03:04? \\ 2", 3692),
    ("?20:10:00? % ?04:20:00?", Time4D(2 * 3600 + 50 * 60)),
    ("?02:03:04? % 2", 0),
    ("?01:02:03? = ?01:02:03?", True),
    ("?01:02:03? = ?01:02:04?", False),
    ("?01:02:03? # ?01:02:04?", True),
    ("?01:02:03? # ?01:02:03?", False),
    ("?01:02:04? > ?01:02:03?", True),
    ("?01:02:03? > ?01:02:03?", False),
    ("?01:02:03? < ?01:02:04?", True),
    ("?01:02:03? < ?01:02:03?", False),
    ("?01:02:03? >=?01:02:03?", True),
    ("?01:02:03? >=?01:02:04?", False),
    ("?01:02:03? <=?01:02:03?", True),
    ("?01:02:04? <=?01:02:03?", False),
    ("(?23:00:00? +?02:30:00?)%?24:00:00?", Time4D(3600 + 30 * 60)),
]

BOOLEAN_TABLE = [  # Concepts/boolean.md
    ('("A" = "A") & (15 # 3)', True),
    ('("A" = "B") & (15 # 3)', False),
    ('("A" = "B") & (15 = 3)', False),
    ('("A" = "A") | (15 # 3)', True),
    ('("A" = "B") | (15 # 3)', True),
    ('("A" = "B") | (15 = 3)', False),
]


@pytest.mark.parametrize("expression, expected", STRING_TABLE + NUMBER_TABLE + DATE_TABLE + TIME_TABLE + BOOLEAN_TABLE)
def test_documented_operator_tables(run, expression, expected):
    result = run.value(expression)
    assert result == expected
    assert type(result) is type(expected) or {type(result), type(expected)} <= {int, float}


@pytest.mark.parametrize("expression, expected", BITWISE_TABLE)
def test_bitwise_examples(run, expression, expected):
    assert run.value(f"({expression})={expected}") is True
    assert run.value(f"Value type({expression})") == 9  # a Longint (Is longint)


def test_bit_test_and_shift_beyond_31(run):
    assert run.value("0x00010000 ?? 16") is True
    assert run.value("0x00010000 ?? 15") is False
    assert run.value("1 << 32") == 0  # all bits are lost


def test_time_plus_number_is_a_number_and_number_plus_time_too(run):
    # Concepts/time.md; commands/current-time.md adds a Number and a Time.
    assert run.value("Value type(?00:00:10?+5)") == 1
    assert run.value("5+?00:00:10?") == 15


def test_integer_division_is_int_of_quotient(run):
    # Concepts/number.md: a\b is Int(a/b), and Int goes toward negative infinity.
    assert run.value("-7 \\ 2") == -4
    assert run.value("7 \\ 2") == 3


@pytest.mark.parametrize(
    "code, expected",
    [  # Concepts/operators.md compound assignment examples
        ("$x:=2\n$x+=5\nreturn $x", 7),
        ('$t:="Hello"\n$t+=" World"\nreturn $t', "Hello World"),
        ("$d:=!2000-11-10!\n$d+=10\nreturn $d", Date4D(2000, 11, 20)),
        ("$x1:=10\n$x1-=5\nreturn $x1", 5),
        ("$d1:=!2000-11-10!\n$d1-=10\nreturn $d1", Date4D(2000, 10, 31)),
        ("$x3:=10\n$x3/=2\nreturn $x3", 5),
        ("$x2:=10\n$x2*=5\nreturn $x2", 50),
        ('$t2:="Hello"\n$t2*=2\nreturn $t2', "HelloHello"),
    ],
)
def test_compound_assignment_examples(run, code, expected):
    assert run(code) == expected


@pytest.mark.parametrize(
    "expression, expected",
    [  # Concepts/operators.md short-circuit examples
        ('"Hello" && "World"', "World"),
        ("False && 0", False),
        ("0 && False", False),
        ("5 && !00-00-00!", Date4D.NULL),
        ('5 && 10 && "hello"', "hello"),
        ('"" || "n/a"', "n/a"),
        ("0 || 1", 0),  # 0 is truthy
        ("New collection || 1", 1),  # an empty collection is falsy
        ("New object || 2", 2),
        ('New object("a";1) || 2', "object"),
        ("?00:00:00? ? 1 : 2", 1),
        ('(26>=21) ? "Beer" : "Juice"', "Beer"),
    ],
)
def test_truthy_and_falsy(run, expression, expected):
    result = run.value(expression)
    if expected == "object":
        assert result.props == {"a": 1}
    else:
        assert result == expected


@pytest.mark.parametrize(
    "code, expected",
    [  # Concepts/null-undefined.md examples
        ("$o:=New object\n$o.null:=Null\nreturn $o.undefined=42", False),
        ("$o:=New object\n$o.null:=Null\nreturn $o.undefined=$o.null", True),
        ("var $v : Variant\n$o:=New object\nreturn $o.undefined=$v", True),
        ("$o:=New object\n$o.null:=Null\nreturn $o.undefined#$o.null", False),
        ("$o:=New object\nreturn $o.undefined#42", True),
        ('$o:=New object\nreturn $o.undefined>"hello"', False),
        ("var $v : Variant\nreturn $v < 42", False),
        ("$o:=New object\nreturn $o.undefined<=!2020-01-01!", False),
        ("$o:=New object\nreturn $o.undefined>=?01:00:00?", False),
        ('$o:=New object("n";Null)\nreturn $o.n=42', False),
        ('$o:=New object("n";Null)\nreturn $o.n#42', True),
    ],
)
def test_null_and_undefined_comparisons(run, code, expected):
    assert run(code) is expected


@pytest.mark.parametrize(
    "code",
    [
        "var $v : Variant\n$o:=New object\nreturn $o.undefined>$v",
        "$o:=New object\n$o.null:=Null\nreturn $o.undefined>$o.null",
        '$o:=New object("n";Null)\nreturn $o.n<1',
        "$o:=New object\nreturn $o.undefined<True",
    ],
)
def test_ordering_with_null_or_undefined_is_an_error(run, code):
    with pytest.raises(FourDError) as info:
        run(code)
    assert info.value.code == -10605


@pytest.mark.parametrize(
    "expression",
    ['"abc"+0.5', '"a"=1', "True=1", "!2020-01-01!+?01:00:00?", "True+1", '1*"ab"', "!2020-01-01!*2", '"a"<1', "-True"],
)
def test_undefined_combinations_raise_the_operator_error(run, expression):
    # Concepts/data-types.md: "abc"+0.5+!12/25/96!-?00:30:45? is an error.
    with pytest.raises(FourDError) as info:
        run.value(expression)
    assert info.value.code in (-10605, -10606)
    assert "cannot be applied" in info.value.message


def test_integer_stays_integer_and_real_literals_are_real(run):
    assert run("var $i : Integer\n$i:=3\nreturn Value type($i+$i)") == 9
    assert run("var $i : Integer\n$i:=3\nreturn Value type($i+1)") == 1
    assert run.value("Value type(42)") == 1  # Concepts/variant.md: 42 is a Real


def test_real_comparison_level_changes_equality(run):
    code = "SET REAL COMPARISON LEVEL(0.01)\n$r:=(1=1.005)\nSET REAL COMPARISON LEVEL(0.000001)\nreturn $r"
    assert run(code) is True
    assert run.value("1=1.005") is False


@pytest.mark.parametrize(
    "type_name, expected",
    [
        ("Boolean", False),
        ("Date", Date4D.NULL),
        ("Integer", 0),
        ("Time", Time4D(0)),
        ("Real", 0),
        ("Text", ""),
        ("Object", None),
        ("Collection", None),
        ("Variant", UNDEFINED),
    ],
)
def test_default_values(run, type_name, expected):
    # Concepts/data-types.md "Default values"
    assert run(f"var $v : {type_name}\nreturn $v") == expected or (
        expected is UNDEFINED and run(f"var $v : {type_name}\nreturn Undefined($v)")
    )


def test_character_reference(run):
    # Concepts/string.md: [[...]] reads and writes one character
    assert run('$t:="hello"\n$t[[1]]:=Uppercase($t[[1]])\nreturn $t') == "Hello"
    assert run('$t:="abc"\nreturn $t[[Length($t)]]') == "c"


def test_wildcard_at_only_in_right_operand_and_as_character(run):
    assert run('$v:="abc@"\nreturn Character code($v[[Length($v)]])#64') is False
    assert run('$v:="abc"\nreturn ($v[[Length($v)]]="@")') is True
