from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError
from fourd.runtime.values import UNDEFINED, Date4D


def test_left_to_right_precedence(run):
    assert run.value("3+4*5") == 35
    assert run.value("3+(4*5)") == 23


def test_string_equality_ignores_case_and_accents(run):
    assert run.value('"abc"="ABC"') is True
    assert run.value('"n"="ñ"') is True
    assert run.value('"abc"="abd"') is False


@pytest.mark.parametrize(
    "expr,expected",
    [
        ('"abcdefghij"="abc@"', True),
        ('"abc@"="abcdefghij"', False),
        ('"abcdefghij"="@abcde@fghij@"', True),
        ('"abcdefghij"="abc@@fg"', False),
    ],
)
def test_wildcard(run, expr, expected):
    assert run.value(expr) is expected


def test_dates_and_times(run):
    assert run.value("!2017-01-20! - !2017-01-01!") == 19
    assert run.value("!2017-01-20! + 9") == Date4D(2017, 1, 29)
    assert run.value("?02:03:04? + 65") == 7449
    assert run.value("(?02:03:04? + ?01:02:03?) = ?03:05:07?") is True


def test_null_and_undefined(run):
    assert run.value("Null=Null") is True
    run("var $o : Object\n$o:={a: Null}")
    assert run("var $o : Object:={a: Null}\nreturn $o.a=$o.b") is True
    assert run("var $o : Object:={}\nreturn $o.missing") is UNDEFINED
    with pytest.raises(FourDError) as info:
        run("$o:=Null\nreturn $o.a")  # a null value: reading its property is an error
    assert "Null" in info.value.message


def test_declared_but_unassigned_object_reads_undefined(run):
    # null-undefined.md: `var $o : Object` then `$val:=$o.a` is undefined "(no error)" and clears $val;
    # collection.md: the length of a declared collection never assigned is 0.
    assert run("var $o : Object\nreturn $o.a") is UNDEFINED
    assert run("var $o : Object\nvar $val : Integer\n$val:=10\n$val:=$o.a\nreturn $val") == 0
    assert run("var $c : Collection\nreturn $c.length") == 0
    assert run("var $o : Object\nreturn $o.length") is UNDEFINED
    with pytest.raises(FourDError) as info:  # a Null property: still an error
        run("var $o : Object:={a: Null}\nreturn $o.a.b")
    assert info.value.code == -10616


def test_omitted_object_parameter_reads_like_an_unassigned_local(run):
    # parameters.md: "missing parameters are processed as default values in the called code":
    # an Object/Collection parameter not passed is in the state of `var $o : Object` never assigned.
    assert run("#DECLARE($p : Object)\nreturn $p.a") is UNDEFINED
    assert run("#DECLARE($n : Integer; $c : Collection)\nreturn $c.length", 1) == 0
    assert run("#DECLARE($p : Object)\nreturn $p.a", run.value('New object("a";1)')) == 1
    with pytest.raises(FourDError) as info:  # a Null the caller passed is a null value
        run("#DECLARE($p : Object)\nreturn $p.a", None)
    assert info.value.code == -10616


def test_undefined_assignment_clears_typed_variable(run):
    assert run("var $o : Object:={}\nvar $val : Integer:=10\n$val:=$o.a\nreturn $val") == 0


def test_typed_variables_coerce_and_reject(run):
    assert run("var $i : Integer\n$i:=2.6\nreturn $i") == 3
    with pytest.raises(FourDError):
        run('var $i : Integer\n$i:="x"')


def test_short_circuit_operators_return_operands(run):
    assert run.value('"Hello" && "World"') == "World"
    assert run.value("0 && False") == 0
    assert run.value('Null || "n/a"') == "n/a"


def test_ternary(run):
    assert run('var $age : Integer:=26\nreturn ($age>=21) ? "Beer" : "Juice"') == "Beer"


def test_compound_assignment(run):
    assert run('$t:="Hello"\n$t+=" World"\nreturn $t') == "Hello World"
    assert run('$t:="ab"\n$t*=2\nreturn $t') == "abab"
    assert run("$d:=!2000-11-10!\n$d-=10\nreturn $d") == Date4D(2000, 10, 31)


def test_collections_grow_with_null(run):
    assert run("$c:=[1]\n$c[3]:=4\nreturn JSON Stringify($c)") == "[1,null,null,4]"


def test_loops_and_control(run):
    src = """
var $sum : Integer
For ($i; 10; 1; -2)
  If ($i=4)
    continue
  End if
  $sum+=$i
End for
$n:=0
Repeat
  $n:=$n+1
Until ($n>=5)
While ($n<100)
  $n:=$n*2
  If ($n>50)
    break
  End if
End while
return String($sum)+"/"+String($n)
"""
    assert run(src) == "26/80"


def test_for_each_with_bounds_and_while(run):
    src = "$s:=0\nFor each ($v; [1;2;3;4;5]; 1; 4) While ($v<4)\n$s+=$v\nEnd for each\nreturn $s"
    assert run(src) == 5


def test_parameters_legacy_and_count(run):
    run.runtime.methods.add_source("Add", "#DECLARE($a : Real; $b : Real) -> $r : Real\n$r:=$a+$b")
    run.runtime.methods.add_source("Count", "return Count parameters")
    run.runtime.methods.add_source("Legacy", "$0:=$1+$2")
    assert run("return Add(2; 3)") == 5
    assert run("return Count(1; 2; 3)") == 3
    assert run("return Legacy(4; 5)") == 9


@pytest.mark.parametrize(
    "plain,tokenized",
    [
        ('return Length("hello")', 'return Length:C16("hello")'),
        ("return Session storage(Session.id)=Null", "return Session storage by ID:C1839(Session:C1714.id)=Null:C1517"),
        ("return Value type(1)=Is real", "return Value type:C1509(1)=Is real:K8:1"),
        ("return New collection(1; 2).length", "return New collection:C1472(1; 2).length"),
        ('return Uppercase("abc")', 'return Uppercase:C13("abc")'),
    ],
)
def test_tokenized_and_plain_spellings_give_the_same_result(run, plain, tokenized):
    assert run(plain) == run(tokenized)


def test_blob_bytes_by_index(run):
    # blob.md: bytes of a scalar blob are read and written with {}, numbered 0 to size-1.
    code = "var $b : Blob\nSET BLOB SIZE($b;3)\nFor ($i;0;2)\n$b{$i}:=$i+65\nEnd for\nreturn String($b{2})+BLOB to text($b;UTF8 text without length)"
    assert run(code) == "67ABC"
    with pytest.raises(FourDError) as info:
        run("var $b : Blob\nSET BLOB SIZE($b;3)\nreturn $b{3}")
    assert info.value.code == -10612
