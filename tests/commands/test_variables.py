"""Type and Is a variable (commands/type.md, is-a-variable.md)."""

from __future__ import annotations


def test_type_of_declared_variables(run):
    code = "var $t : Text\nvar $i : Integer\nvar $r : Real\nvar $o : Object\nvar $c : Collection\nvar $v : Variant\n"
    code += "return New collection(Type($t);Type($i);Type($r);Type($o);Type($c);Type($v))"
    assert run(code).items == [2, 9, 1, 38, 42, 12]


def test_type_of_arrays_and_values(run):
    code = "ARRAY TEXT($a;1)\nARRAY REAL($b;1)\nARRAY BOOLEAN($d;1)\nARRAY OBJECT($e;1)\nARRAY POINTER($g;1)\n"
    code += "return New collection(Type($a);Type($b);Type($d);Type($e);Type($g))"
    assert run(code).items == [18, 14, 22, 39, 20]
    assert run("$x:=!2020-01-01!\nreturn Type($x)") == 4
    assert run("return Type($never)") == 5
    assert run('vText:="a"\nreturn Type(vText)') == 2


def test_is_a_variable(run):
    assert run("$x:=1\nreturn Is a variable(->$x)") is True
    assert run("ARRAY TEXT($a;2)\nreturn Is a variable(->$a{1})") is False
    assert run.value("Is a variable(Null)") is False
