"""The Python-source back end must give exactly what the closure compiler gives."""

from __future__ import annotations

import io

import pytest
from backends import run_on_backend

from fourd.runtime import codegen
from fourd.runtime.interpreter import Runtime

PROGRAMS = {
    "for_counter_after_loop": "var $i : Integer\nFor ($i; 1; 5)\nEnd for\nreturn $i",
    "for_not_entered": "var $i : Integer\nFor ($i; 5; 1)\nEnd for\nreturn $i",
    "for_down_by_two": 'var $i; $s : Integer\nFor ($i; 10; 1; -2)\n$s:=$s*10+$i\nEnd for\nreturn String($s)+"/"+String($i)',
    "for_continue_break": 'var $i; $s : Integer\nFor ($i; 1; 10)\nIf ($i%2=0)\ncontinue\nEnd if\nIf ($i>7)\nbreak\nEnd if\n$s+=$i\nEnd for\nreturn String($s)+"/"+String($i)',
    "for_counter_changed_in_body": 'var $i; $n : Integer\nFor ($i; 1; 10)\n$i:=$i+2\n$n+=1\nEnd for\nreturn String($n)+"/"+String($i)',
    "for_real_bounds": 'var $i : Integer\nvar $n : Real\nFor ($i; 1; 3.7)\n$n+=1\nEnd for\nreturn String($n)+"/"+String($i)',
    "for_untyped_counter": '$n:=0\nFor ($k; 1; 4)\n$n:=$n+$k\nEnd for\nreturn String($n)+"/"+String($k)',
    "for_real_counter": 'var $x : Real\n$n:=0\nFor ($x; 0; 1; 0.25)\n$n:=$n+1\nEnd for\nreturn String($n)+"/"+String($x)',
    "repeat_continue_tests_condition": "$i:=0\nRepeat\n$i:=$i+1\nIf ($i<3)\ncontinue\nEnd if\nUntil ($i>=5)\nreturn $i",
    "while_break": "$i:=0\nWhile (True)\n$i:=$i+1\nIf ($i=4)\nbreak\nEnd if\nEnd while\nreturn $i",
    "text_append": 'var $t : Text\nFor ($i; 1; 50)\n$t+="ab"\nEnd for\nreturn Length($t)',
    "typed_coercion": 'var $i : Integer\nvar $r : Real\n$i:=2.5\n$r:=$i\n$i:=$r*3\nreturn String($i)+"/"+String($r)',
    "case_of": '$x:=2\nCase of\n: ($x=1)\n$r:="one"\n: ($x=2)\n$r:="two"\nElse\n$r:="other"\nEnd case\nreturn $r',
    "objects": "$o:={a: 1}\n$o.a+=2\n$o.b:=$o.a*2\nreturn JSON Stringify($o)",
    "logical_and_ternary": '$a:=Null || "n/a"\n$b:=(5>3) ? "yes" : "no"\nreturn $a+$b',
    "modulo_and_division": "return String(7%3)+String(-7%3)+String(7\\2)+String(10/4)",
    "var_reset": "var $n : Integer\nFor ($i; 1; 3)\nvar $k : Integer\n$k+=1\n$n+=$k\nEnd for\nreturn $n",
    "int_modulo": 'var $i : Integer\n$s:=""\nFor ($i; -4; 4)\n$s:=$s+String($i%3)+","\nEnd for\nreturn $s',
    "foreach_until_continue": "$s:=0\nFor each ($v; [1;2;3;4;5;6]) Until ($s>8)\nIf ($v=2)\ncontinue\nEnd if\n$s:=$s+$v\nEnd for each\nreturn $s",
    "foreach_while_object_keys": '$k:=""\nFor each ($p; {a: 1; b: 2; c: 3}) While ($p#"c")\n$k:=$k+$p\nEnd for each\nreturn $k',
    "foreach_typed_var": "var $o : Object\n$s:=0\nFor each ($o; [{v: 1}; {v: 2}])\n$s:=$s+$o.v\nEnd for each\nreturn $s",
    "member_store_undefined": '$o:={a: "x"}\n$o.a:=$o.missing\n$o.b:=$o.missing\nreturn JSON Stringify($o)',
    "literals_with_undefined": "$o:={}\n$x:={a: $o.none; b: 1}\n$c:=[1; $o.none]\nreturn JSON Stringify($x)+JSON Stringify($c)",
    "unassigned_declared_containers": 'var $o : Object\nvar $c : Collection\n$n:=10\n$n:=$o.a\nreturn String($n)+"/"+String($c.length)',
    # Member stores into shared objects: inside Use (scalars typed or not, an object joining the group),
    # outside Use (error -10726), a typed scalar into an unshared object.
    "shared_store_in_use": 'var $n : Integer\n$s:=New shared object("a"; 1)\nUse ($s)\n$n:=5\n$s.n:=$n\n$s.a:=$s.a+1\n'
    '$s.t:="x"\n$s.child:=New shared object("k"; 2)\nEnd use\nreturn JSON Stringify($s)',
    "typed_store_plain_object": 'var $t : Text\n$o:={}\n$t:="v"\n$o.t:=$t\nreturn JSON Stringify($o)',
    # A typed number on the left, an operand of unknown type on the right: numbers, a time, Undefined, a text.
    "typed_left_untyped_right": "var $r : Real\nvar $i : Integer\n$r:=1.5\n$i:=2\n$o:={a: 2; h: ?00:01:00?}\n"
    '$s:=String($r+$o.a)+"/"+String($i*$o.a)+"/"+String($i-$o.h)\n'
    'Try\n$x:=$r+$o.none\nCatch\n$s:=$s+"/"+String(Last errors[0].errCode)\nEnd try\n'
    '$o.t:="x"\nTry\n$x:=$i+$o.t\nCatch\n$s:=$s+"/"+String(Last errors[0].errCode)\nEnd try\nreturn $s',
    "return_in_loop": "For ($i; 1; 10)\nIf ($i=3)\nreturn $i\nEnd if\nEnd for\nreturn -1",
}


def _run(source: str, enabled: bool):
    """``("ok", result)`` or ``("error", code, line)``."""
    return run_on_backend(source, enabled)[:3]


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_both_back_ends_agree(name):
    source = PROGRAMS[name]
    closures = _run(source, False)
    generated = _run(source, True)
    assert closures == generated
    assert closures[0] == "ok"


# Stores the generated code must leave to objects.set_member, with the error (code, line) it raises.
SHARED_STORE_ERRORS = {
    "typed_outside_use": ("var $n : Integer\n$s:=New shared object\n$n:=3\n$s.n:=$n\nreturn 1", -10726, 4),
    "untyped_outside_use": ("$s:=New shared object\n$s.n:=3\nreturn 1", -10726, 2),
    "object_not_shared": ("$s:=New shared object\nUse ($s)\n$s.o:={a: 1}\nEnd use\nreturn 1", None, 3),
}


@pytest.mark.parametrize("name", sorted(SHARED_STORE_ERRORS))
def test_shared_store_errors_are_the_same(name):
    source, code, line = SHARED_STORE_ERRORS[name]
    closures = _run(source, False)
    assert closures == _run(source, True)
    assert closures[0] == "error" and closures[2] == line
    assert code is None or closures[1] == code


def test_errors_are_located_the_same(run):
    source = "$a:=1\nIf ($a=1)\n$o:=Null\n$b:=$o.x\nEnd if"
    assert _run(source, False) == _run(source, True) == ("error", -10616, 4)


def test_on_err_call_resumes_after_the_failing_line():
    handler = 'ALERT("handled "+String(Error))'
    for enabled in (False, True):
        saved = codegen.ENABLED
        codegen.ENABLED = enabled
        try:
            out = io.StringIO()
            rt = Runtime(stdout=out)
            rt.methods.add_source("Handler", handler)
            rt.run_source('ON ERR CALL("Handler")\nFor ($i; 1; 2)\n$o:=Null\n$x:=$o.a\nALERT("next")\nEnd for')
            assert out.getvalue() == "handled -10616\nnext\nhandled -10616\nnext\n"
        finally:
            codegen.ENABLED = saved


def test_text_append_grows_in_place_semantics():
    # The in-place append must keep other references to the old text unchanged.
    assert _run('var $t : Text:="a"\n$u:=$t\n$t+="b"\nreturn $u+$t', True) == ("ok", "aab")


# Constructs the generated back end covers for speed (benchmarks/NOTES.md): calls, classes, formulas.
METHODS = {
    "Twice": "#DECLARE($n : Integer) -> $r : Integer\n$r:=$n*2",
    "Describe": "#DECLARE($t : Text; $o : Object; $c : Collection; $v) -> $r : Text\n"
    '$r:=$t+"/"+String($o=Null)+"/"+String($c=Null)+"/"+String(Undefined($v))',
    "Legacy": '$0:=String(Count parameters)+":"+String($1)+":"+String(Undefined($2))',
    "Fib": "#DECLARE($n : Integer) -> $r : Integer\nIf ($n<2)\n$r:=$n\nElse\n$r:=Fib($n-1)+Fib($n-2)\nEnd if",
    "Early": '#DECLARE($n : Integer) -> $r : Text\nIf ($n>0)\nreturn "positive"\nEnd if\n$r:="other"',
    "Last": "#DECLARE($n : Integer)\n$x:=$n*2\nreturn $x+1",
    "Fails": "#DECLARE($n : Integer) -> $r : Integer\n$r:=$n\n$r:=$r\\0",
    "Kinds": "#DECLARE($x : Real; $n : Integer; $v) -> $r : Text\n"
    '$r:=String(Value type($x))+":"+String(Value type($n))+":"+String(Value type($v))+":"+String($n)+","',
}
CLASSES = {
    "Counter": "property count : Integer\nClass constructor($start : Integer)\nThis.count:=$start\n"
    "Function add($n : Integer) -> $self : cs.Counter\nThis.count:=This.count+$n\n$self:=This\n"
    "Function get double() : Integer\nreturn This.count*2\n"
    "Function set double($v : Integer)\nThis.count:=$v/2",
    "Child": "Class extends Counter\nClass constructor()\nSuper(10)\nFunction add($n : Integer) -> $self : cs.Counter\n"
    "$self:=Super.add($n*10)",
    "Kinder": "Function kinds($n : Integer; $x : Real; $v) -> $r : Text\n"
    '$r:=String(Value type($n))+":"+String(Value type($x))+":"+String(Value type($v))+":"+String($n)+","',
}
CALL_PROGRAMS = {
    "method_integer_param_rounds": "return Twice(2.5)+Twice(3)",
    "method_params_defaults": 'return Describe("a")',
    "method_legacy_params": 'return Legacy(1)+"|"+Legacy()',
    "recursion": "return Fib(12)",
    "early_and_final_returns": "return Early(1)+Early(-1)+String(Last(4))",
    "class_calls_and_chain": "$c:=cs.Counter.new(1)\n$c.add(2).add(3)\nreturn $c.count",
    "class_computed_properties": '$c:=cs.Counter.new(4)\n$d:=$c.double\n$c.double:=20\nreturn String($d)+"/"+String($c.count)',
    "class_inheritance_super": "$c:=cs.Child.new()\n$c.add(1)\nreturn $c.count",
    "class_own_property_wins": "$c:=cs.Counter.new(1)\n$c.extra:=5\nreturn $c.extra+$c.count",
    "class_instance_member_missing": "$c:=cs.Counter.new(1)\nreturn String($c.nothing)",
    "unknown_type_arithmetic": '$a:=2\n$b:="x"\n$d:=!2024-01-31!\nreturn String($a+$a*$a-1)+$b+$b+String($d+1)+String(?01:00:00?+60)',
    "unknown_type_modulo": '$s:=""\nFor each ($v; [7; -7; 7.9; -7.9; ?00:01:10?])\n$s:=$s+String($v%3)+","\nEnd for each\nreturn $s',
    "real_comparison_level": "var $a; $b : Real\n$a:=1.0000001\n$b:=1\nreturn String($a<=$b)+String($b>=$a)+String($a<$b)",
    "typed_object_stores": "var $o : Object\nvar $c : Collection\n$o:={a: 1}\n$c:=[1]\n$o:=Null\nreturn String($o=Null)+String($c.length)",
    "formulas_in_collection_functions": "$c:=[3; 1; 2]\n$m:=$c.map(Formula($1.value*10))\n$f:=$m.filter(Formula($1.value>10))\n"
    "return String($c.reduce(Formula($1.accumulator+$1.value); 0))+JSON Stringify($f)",
    "formula_callbacks_extra_params": "$c:=[3; 1; 2]\n$f:=$c.filter(Formula($1.value>$2); 1)\n"
    "return JSON Stringify($f)+String($c.reduce(Formula($1.accumulator+$1.value*$2); 0; 10))",
    "formula_extra_params": "$c:=[1; 2]\nreturn JSON Stringify($c.map(Formula($1.value+$2); 100))",
    "integer_modulo_stores": 'var $i; $n : Integer\nvar $r : Real\n$s:=""\nFor ($i; -5; 5)\n$n:=$n+($i%3)\n$r:=$r-($i%4)\n'
    '$u:=$i%2\n$s:=$s+String($u)+String(Value type($u))+String($n+($i%3))\nEnd for\nreturn $s+"/"+String($n)+"/"+String($r)',
    "integer_modulo_past_exact_floats": "var $a; $big; $r : Integer\n$a:=100000000\n$big:=$a*$a\nFor ($i; 1; 3)\n"
    '$r:=$big+($i%7)\nEnd for\nreturn String($r)+"/"+String(Value type($big+($i%7)))',
    # $i±k reaches an Integer parameter as an int; Real, untyped and legacy parameters still get a Real.
    "integer_minus_constant_args": "var $i; $big : Integer\n$i:=5\n$big:=100000000\n$big:=$big*$big\n"
    "return Kinds($i-1; $i-1; $i-1)+Kinds($i+2; $i+2; $i+2)+Kinds(0; $big-1; 0)+Legacy($i-1)+String(Twice($i-3))",
    # Whole constants reach a class function's leading Integer parameters as ints, the others as Reals.
    "class_whole_constant_args": '$k:=cs.Kinder.new()\n$s:=""\nFor ($i; 1; 2)\n'
    "$s:=$s+$k.kinds(3)+$k.kinds(3; 4)+$k.kinds(3; 4; 5)+$k.kinds(2.5)+$k.kinds(-1)\nEnd for\nreturn $s",
    "integer_compare_whole_literal": "var $i : Integer\n$i:=3\n"
    "return String($i<3)+String($i>2)+String($i<-2)+String($i>2.5)+String($i<4)+String(3>$i)",
    "shared_collection_push": "$c:=New shared collection\nUse ($c)\n$c.push(1; 2)\nEnd use\nreturn $c.length",
}
CALL_ERRORS = {
    "param_type_mismatch": 'var $x : Integer\n$x:=1\n$x:=Twice("abc")',
    "typed_object_mismatch": "var $o : Object\n$o:=1",
    "error_inside_a_callee": "$a:=1\n$x:=Fails(3)",
    "class_param_type_mismatch": '$c:=cs.Counter.new(1)\n$c.add("x")',
    "unknown_type_arithmetic_error": '$a:="x"\n$b:=1\n$c:=$a-$b',
}


def _run_with_library(source: str, enabled: bool):
    return run_on_backend(source, enabled, METHODS, CLASSES)


@pytest.mark.parametrize("name", sorted(CALL_PROGRAMS))
def test_calls_agree(name):
    closures = _run_with_library(CALL_PROGRAMS[name], False)
    assert closures[0] == "ok", closures
    assert _run_with_library(CALL_PROGRAMS[name], True) == closures


@pytest.mark.parametrize("name", sorted(CALL_ERRORS))
def test_call_errors_agree(name):
    closures = _run_with_library(CALL_ERRORS[name], False)
    assert closures[0] == "error"
    assert _run_with_library(CALL_ERRORS[name], True) == closures


@pytest.fixture
def generated(monkeypatch):
    """These tests look at what the generated back end makes: run them with it on."""
    monkeypatch.setattr(codegen, "ENABLED", True)


def test_bodies_without_early_returns_are_inlined_into_the_call(generated):
    rt = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    for name in ("Fib", "Early", "Last"):
        rt.methods.add_source(name, METHODS[name])
    inlined = {name: rt.methods.get(rt, name).run.__fourd_body__ is not None for name in ("Fib", "Early", "Last")}
    assert inlined == {"Fib": True, "Early": False, "Last": True}
    assert rt.run_source("return Fib(10)") == 55


def test_generated_units_make_their_own_frames(generated):
    rt = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    rt.methods.add_source("Twice", METHODS["Twice"])
    code = rt.methods.get(rt, "Twice")
    assert "def _run" in code.run.__fourd_source__
    frame = code.enter([2.5], rt.main_process, None, None)
    assert frame.slots[0] == 3 and type(frame.slots[0]) is int
    assert frame.code is code and frame.args == [2.5] and frame.line == 0 and not frame.returned


def test_call_sites_follow_a_replaced_method():
    for enabled in (False, True):
        saved = codegen.ENABLED
        codegen.ENABLED = enabled
        try:
            rt = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
            rt.methods.add_source("Greet", 'return "first"')
            caller = rt.compile_source("return Greet+Greet()", "Caller")
            assert rt.run_code(caller) == "firstfirst"
            rt.methods.add_source("Greet", 'return "second"')
            assert rt.run_code(caller) == "secondsecond"
        finally:
            codegen.ENABLED = saved
