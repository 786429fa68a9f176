"""Direct calls (code.direct), result-less frames and lazily found deferred throws: both back ends agree."""

from __future__ import annotations

import io

import pytest
from backends import run_on_backend

from fourd.runtime import codegen
from fourd.runtime.interpreter import Runtime

METHODS = {
    "Member": "#DECLARE($o : Object) -> $r : Text\n$r:=String($o.a)",
    "Inc": "#DECLARE($n : Integer) -> $r : Integer\n$r:=$n+1",
    "Pair": "#DECLARE($a : Integer; $t : Text) -> $r : Text\n$r:=String($a)+$t+String(Value type($a))",
    "Counts": "#DECLARE($a : Integer; $b : Integer) -> $r : Integer\n$r:=Count parameters",
    "Copies": "#DECLARE($a : Integer; $b : Integer) -> $r : Integer\n$r:=Copy parameters.length",
    "Reads": "#DECLARE($a : Integer) -> $r : Text\n$r:=String($1)+String(Value type($1))",
    "Dynamic": "#DECLARE($a : Integer) -> $r : Text\n$i:=1\n$r:=String(${$i})",
    "Writes": "#DECLARE($a : Integer) -> $r : Integer\n$1:=$a*10\n$r:=$1",
    "Nothing": "#DECLARE($a : Integer)\n$x:=$a",
    "Zero": "#DECLARE($a : Integer)\n$0:=$a*3",
    "Named": "#DECLARE($a : Integer) -> $r : Text\n$r:=Current method name",
    "Chain": '#DECLARE($a : Integer) -> $r : Text\n$r:=Call chain.extract("name").join(",")',
    "Down": "#DECLARE($n : Integer) -> $r : Integer\nIf ($n>0)\n$r:=Down($n-1)+1\nEnd if",
    "Boom": "#DECLARE($n : Integer) -> $r : Integer\n$r:=$n\n$r:=$r\\0",
    "Handled": '#DECLARE($n : Integer) -> $r : Text\nON ERR CALL("Catcher")\n$x:=$n\\0\nON ERR CALL("")\n$r:="after"+String(gCaught)',
    "Catcher": "gCaught:=Error",
    "Price": '#DECLARE($o : Object) -> $r : Text\n$r:=String($o.price)+"/"+String(Value type($o.price))',
    "Later": '#DECLARE($n : Integer)\nthrow({errCode: $n; message: "later"; deferred: True})\ngLater:=gLater+1',
    "Outer": '#DECLARE($n : Integer)\nthrow({errCode: 1; message: "outer"; deferred: True})\nTry\nLater(2)\nCatch\ngInner:=Last errors.extract("errCode").join(",")\nEnd try',
}
CLASSES = {
    "Acc": "property total : Integer\nClass constructor()\nThis.total:=0\n"
    "Function add($n : Integer) -> $self : cs.Acc\nThis.total:=This.total+$n\n$self:=This\n"
    "Function both($a : Integer; $b : Real) -> $r : Text\n$r:=String(Value type($a))+String(Value type($b))\n"
    "Function count($a; $b) -> $r : Integer\n$r:=Count parameters\n"
    "Function fail($n : Integer)\n$x:=$n\\0",
}
PROGRAMS = {
    # a declared Object parameter's member, read in a unit whose body is pasted into code.direct
    "member_of_a_passed_parameter": 'return Member(New object("a"; 5))',
    "direct_and_fewer_args": 'return String(Inc(1))+Pair(2; "x")+Pair(3)+String(Inc())',
    "integer_minus_constant": 'var $i : Integer\n$i:=5\nreturn String(Inc($i-1))+Pair($i-2; "y")+Pair($i+1)',
    "count_and_copy_parameters": "return String(Counts(1))+String(Counts(1; 2))+String(Copies(1))+String(Copies(1; 2))",
    "reading_and_writing_params": "var $i : Integer\n$i:=4\nreturn Reads($i-1)+Reads(2)+Dynamic(7)+String(Writes($i-1))",
    "no_result_and_zero": "return String(Undefined(Nothing(1)))+String(Zero(2))",
    "method_name_and_chain": 'return Named(1)+"/"+Chain(1)',
    "recursion_through_direct": "return Down(30)",
    "object_parameter_member_in_direct": 'return Price(New object("price"; 2))+","+Price()',
    "on_err_call_inside_direct": "gCaught:=0\nreturn Handled(1)",
    "deferred_throws_by_call": 'gLater:=0\ngInner:=""\nTry\nOuter(0)\nCatch\n$c:=Last errors.extract("errCode").join(",")\nEnd try\n'
    'return $c+"/"+gInner+"/"+String(gLater)',
    "class_direct_calls": "$a:=cs.Acc.new()\n$a.add(1).add(2)\n$n:=3\n$a.add($n)\nreturn String($a.total)+$a.both(1; 2)+$a.both(1.5; 2)+String($a.count(1))",
    "class_own_property_hides_function": "$a:=cs.Acc.new()\n$a.add(1)\n$a.add:=Formula(This.total*100)\nreturn $a.add(1)",
}
ERRORS = {
    "error_in_direct_callee": "$x:=1\n$y:=Boom(4)",
    "error_in_class_function": "$a:=cs.Acc.new()\n$a.fail(3)",
    "wrong_argument_type": '$x:=Inc("a")',
    # A member of a Null Object parameter: passed (an error), unlike not passed; the test reads the argument count.
    "null_object_parameter_member": "var $o : Object\n$x:=Price($o)",
}


def _run(source: str, enabled: bool):
    return run_on_backend(source, enabled, METHODS, CLASSES)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_direct_programs_agree(name):
    closures = _run(PROGRAMS[name], False)
    assert closures[0] == "ok", closures
    assert _run(PROGRAMS[name], True) == closures


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_direct_errors_agree(name):
    closures = _run(ERRORS[name], False)
    assert closures[0] == "error", closures
    assert _run(ERRORS[name], True) == closures


def test_expected_values():
    # Not only agreement: the values 4D gives.
    assert _run(PROGRAMS["count_and_copy_parameters"], True) == ("ok", "1212")
    assert _run(PROGRAMS["deferred_throws_by_call"], True) == ("ok", "1/2/1")
    assert _run(PROGRAMS["no_result_and_zero"], True) == ("ok", "True6")
    assert _run(PROGRAMS["class_direct_calls"], True) == ("ok", "691911")


@pytest.fixture
def generated(monkeypatch):
    monkeypatch.setattr(codegen, "ENABLED", True)


def test_direct_entry_only_for_units_not_reading_their_arguments(generated):
    rt = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    for name, text in METHODS.items():
        rt.methods.add_source(name, text)
    has_direct = {
        name: rt.methods.get(rt, name).direct is not None
        for name in ("Inc", "Counts", "Copies", "Reads", "Dynamic", "Writes")
    }
    assert has_direct == {
        "Inc": True,
        "Counts": False,
        "Copies": False,
        "Reads": False,
        "Dynamic": False,
        "Writes": False,
    }


def test_redefined_method_is_called_with_its_new_parameters(generated):
    # A call site resolved for an Integer parameter passes ints; after the method changes to a Real
    # parameter (and a different count), the same site must follow the new declaration.
    rt = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    rt.methods.add_source("Kind", "#DECLARE($n : Integer) -> $r : Text\n$r:=String(Value type($n))")
    rt.methods.add_source("Caller", "#DECLARE($i : Integer) -> $r : Text\n$r:=Kind($i-1)")
    assert rt.call_method("Caller", [3]) == "9"  # Is longint
    rt.methods.add_source(
        "Kind", "#DECLARE($n : Real; $m : Integer) -> $r : Text\n$r:=String(Value type($n))+String(Count parameters)"
    )
    assert rt.call_method("Caller", [3]) == "11"  # Is real, one parameter
