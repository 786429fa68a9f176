"""Lazy frames: a generated unit whose body is pasted into its entries makes its frame only where a statement
first needs one (a call, a command, a fall-back closure, an error).  Everything that reads frames must see
exactly what the closure back end (which always makes one) gives: error method and line, the error's call
chain, Call chain, ON ERR CALL, Try/Catch, throw (deferred too), Current method name, results."""

from __future__ import annotations

import io

import pytest
from backends import run_on_backend

from fourd.runtime import codegen
from fourd.runtime.interpreter import Runtime

# Each unit starts with statements that need no frame, so its frame (if any) is made mid-body.
METHODS = {
    "Leaf": "#DECLARE($n : Integer) -> $r : Integer\n$r:=$n\n$r:=$r\\0",
    "Mid": "#DECLARE($n : Integer)\n$x:=$n+1\nLeaf($x)\ngAfter:=gAfter+1",
    "Chain": '#DECLARE($n : Integer) -> $r : Text\n$c:=Call chain\n$r:=""\nFor each ($e; $c)\n'
    '$r:=$r+$e.name+":"+String($e.line)+","\nEnd for each',
    "ChainMid": "#DECLARE($n : Integer) -> $r : Text\n$x:=$n*2\n$y:=$x+1\n$r:=Chain($y)",
    "Named": "#DECLARE($n : Integer) -> $r : Text\n$x:=$n*2\n$r:=Current method name+String($x)",
    "Catcher": 'gLog:=gLog+String(Error)+"@"+Error method+":"+String(Error line)+";"',
    "Thrower": '#DECLARE($n : Integer)\n$x:=$n\nthrow($n; "thrown")\ngAfter:=gAfter+1',
    "ThrowMid": "#DECLARE($n : Integer)\n$x:=$n+1\nThrower($x)\ngAfter:=gAfter+10",
    "DeferLeaf": '#DECLARE($n : Integer)\n$x:=$n\nthrow({errCode: $n; message: "d"; deferred: True})\ngAfter:=gAfter+1',
    "DeferMid": "#DECLARE($n : Integer)\n$x:=$n\nDeferLeaf($x)\ngAfter:=gAfter+10",
    "Twice": "#DECLARE($n : Integer) -> $r : Integer\n$x:=$n\nreturn $x*2",
    "MaybeZero": "#DECLARE($n : Integer)\n$x:=$n\nIf ($x>5)\n$0:=$x\nEnd if",
    "Exec": '#DECLARE($n : Integer) -> $r : Integer\n$x:=$n\nEXECUTE FORMULA("$x:=$x*10")\n$r:=$x',
    "Loops": '#DECLARE($n : Integer) -> $r : Text\nvar $i : Integer\nFor ($i; 1; $n)\n$r+="ab"\nEnd for\n'
    '$j:=0\nWhile ($j<$i)\n$j:=$j+2\n$r:=$r+"."\nEnd while',
    # Class getters and setters find their caller in process.frame: a lazy unit makes its frame first.
    "Reader": "#DECLARE($o : Object) -> $r : Text\n$x:=1\n$r:=$o.chain",
    "Writer": '#DECLARE($o : Object)\n$x:=1\n$o.chain:="x"',
    "BadReader": "#DECLARE($o : Object) -> $r : Integer\n$x:=1\n$r:=$o.bad",
    # A loop whose body needs the frame makes it once, before the loop (even when it turns zero times).
    "LoopCalls": '#DECLARE($n : Integer) -> $r : Text\nvar $i : Integer\n$r:="-"\nFor ($i; 1; $n)\n$r:=$r+Chain(0)\n'
    "End for\n$x:=$i\\($n-2)",
    # `return` with $0 or ${n} in the unit: the result goes on the frame, made for it.
    "Both": "#DECLARE($n : Integer)\n$x:=$n\nIf ($x>5)\n$0:=1\nEnd if\nreturn $x*3",
    "Dyn": "#DECLARE($n : Integer) -> $r : Integer\n$i:=1\n$r:=${$i}\nreturn $r+1",
    # Object and collection declarations and collection member functions leave the locals in Python variables.
    "Pusher": "#DECLARE($n : Integer) -> $r : Text\nvar $c : Collection:=[]\nvar $o : Object:={}\nvar $i : Integer\n"
    'For ($i; 1; $n)\n$c.push($i)\nEnd for\n$o.n:=$c.length\n$r:=$c.join(",")+"/"+String($o.n)+Chain(0)',
    # cs.Name.new() leaves the locals in Python variables too; a missing class is still error -10740.
    "Maker": "#DECLARE($n : Integer) -> $r : Integer\nvar $b : cs.Box:=cs.Box.new()\n$b.add($n)\n$r:=$b.v",
    "BadMaker": "#DECLARE($n : Integer)\n$x:=$n\n$b:=cs.Missing.new()",
    "Fib": "#DECLARE($n : Integer) -> $r : Integer\nIf ($n<2)\n$r:=$n\nElse\n$r:=Fib($n-1)+Fib($n-2)\nEnd if",
}
CLASSES = {
    "Box": "property v : Integer\nClass constructor()\nThis.v:=1\n"
    "Function fail($n : Integer)\n$x:=$n\nThis.v:=$x\\0\n"
    "Function chain($n : Integer) -> $r : Text\n$x:=$n\n$r:=Chain($x)\n"
    "Function who() -> $r : Text\n$x:=This.v\n$r:=Current method name+String($x)\n"
    "Function add($n : Integer) -> $self : cs.Box\nThis.v:=This.v+$n\n$self:=This",
    "Accessors": "property log : Text\nFunction get chain() -> $r : Text\n$r:=Chain(0)\n"
    "Function set chain($v : Text)\nThis.log:=Chain(0)\nFunction get bad() -> $r : Integer\n$r:=1\\0",
}
PROGRAMS = {
    "call_chain_from_a_callee": "return ChainMid(1)",
    "call_chain_from_a_class_function": "$b:=cs.Box.new()\nreturn $b.chain(1)",
    "current_method_name": '$b:=cs.Box.new()\nreturn Named(3)+","+$b.who()',
    "on_err_call_in_a_leaf": 'gLog:=""\ngAfter:=0\nON ERR CALL("Catcher")\n$x:=Leaf(2)\nON ERR CALL("")\n'
    "return gLog+String($x)",
    "on_err_call_in_a_leaf_called_by_a_lazy_unit": 'gLog:=""\ngAfter:=0\nON ERR CALL("Catcher")\nMid(2)\n'
    'ON ERR CALL("")\nreturn gLog+String(gAfter)',
    "on_err_call_in_a_class_function": 'gLog:=""\n$b:=cs.Box.new()\nON ERR CALL("Catcher")\n$b.fail(2)\n'
    'ON ERR CALL("")\nreturn gLog+String($b.v)',
    "try_catch_around_a_leaf": "Try\nMid(1)\nCatch\n$c:=Last errors[0].errCode\nEnd try\nreturn $c",
    "throw_from_a_callee": "gAfter:=0\nTry\nThrowMid(7)\nCatch\n$c:=Last errors[0]\nEnd try\n"
    "return String($c.errCode)+$c.message+String(gAfter)",
    "throw_handled": 'gLog:=""\ngAfter:=0\nON ERR CALL("Catcher")\nThrowMid(7)\nON ERR CALL("")\nreturn gLog+String(gAfter)',
    "deferred_throw_from_a_callee": 'gAfter:=0\nTry\nDeferMid(5)\nCatch\n$c:=Last errors.extract("errCode").join(",")\n'
    'End try\nreturn $c+"/"+String(gAfter)',
    "results": "return String(Twice(4))+String(MaybeZero(9))+String(Undefined(MaybeZero(1)))",
    "recursion": "return Fib(15)",
    "execute_formula_sees_the_locals": "return Exec(3)",
    "loops_on_python_locals": "return Loops(3)",
    "getter_called_by_a_lazy_unit": "$a:=cs.Accessors.new()\nreturn Reader($a)",
    "setter_called_by_a_lazy_unit": "$a:=cs.Accessors.new()\nWriter($a)\nreturn $a.log",
    # A formula's final `return` keeps its result in Python locals: no frame unless something else needs one.
    "formula_results": "$f:=Formula($1*2)\n$g:=Formula(String($1)+Current method name)\n"
    '$h:=Formula(Chain(0))\nreturn String($f.call(Null; 21))+"/"+$g.call(Null; 1)+"/"+$h.call()',
    "collection_callbacks": "$c:=[3;1;2]\n$s:=$c.orderBy(ck ascending)\n$m:=$c.map(Formula($1.value*10))\n"
    'return $m.join(",")+"/"+String($c.reduce(Formula($1.accumulator+$1.value); 0))',
    "return_with_zero_or_dynamic": "return String(Both(2))+String(Both(7))+String(Dyn(4))",
    # Text that looks like generated code is not rewritten when the body is pasted into an entry.
    "text_like_frame_fields": '$x:=1\n$o:={_f: "_f.process"}\nreturn "a _f.this b _f.args"+JSON Stringify($o)',
    "calls_in_a_loop": 'return LoopCalls(1)+"|"+LoopCalls(0)',
    "member_functions_on_python_locals": "return Pusher(3)",
    "new_instance_on_python_locals": "return Maker(4)",
    "class_function_chain": "$b:=cs.Box.new()\n$b.add(1).add(2)\nreturn $b.v",
}
ERRORS = {
    "error_in_a_leaf": "$y:=1\n$z:=Leaf(3)",
    "error_through_a_lazy_unit": "$y:=1\nMid(3)",
    "error_in_a_class_function": "$b:=cs.Box.new()\n$y:=1\n$b.fail(3)",
    "throw_through_a_lazy_unit": "$y:=1\nThrowMid(3)",
    "error_after_a_loop": "$y:=LoopCalls(2)",
    "missing_class": "$y:=1\nBadMaker(2)",
    "error_in_a_getter": "$a:=cs.Accessors.new()\n$y:=1\n$z:=BadReader($a)",
}


def _run(source: str, generated: bool):
    return run_on_backend(source, generated, METHODS, CLASSES)


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_lazy_frame_programs_agree(name):
    closures = _run(PROGRAMS[name], False)
    assert closures[0] == "ok", closures
    assert _run(PROGRAMS[name], True) == closures


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_lazy_frame_errors_agree(name):
    closures = _run(ERRORS[name], False)
    assert closures[0] == "error", closures
    assert _run(ERRORS[name], True) == closures


def test_expected_values():
    # Not only agreement: what 4D gives (method names, lines where each frame stands, handler output).
    assert _run(PROGRAMS["call_chain_from_a_callee"], True) == ("ok", "Chain:2,ChainMid:4,<code>:1,")
    assert _run(PROGRAMS["call_chain_from_a_class_function"], True) == ("ok", "Chain:2,Box.chain:9,<code>:2,")
    assert _run(PROGRAMS["current_method_name"], True) == ("ok", "Named6,Box.who1")
    assert _run(PROGRAMS["on_err_call_in_a_leaf"], True) == ("ok", "-10607@Leaf:3;2")
    assert _run(PROGRAMS["on_err_call_in_a_leaf_called_by_a_lazy_unit"], True) == ("ok", "-10607@Leaf:3;1")
    assert _run(PROGRAMS["on_err_call_in_a_class_function"], True) == ("ok", "-10607@Box.fail:6;1")
    assert _run(PROGRAMS["try_catch_around_a_leaf"], True) == ("ok", -10607)
    assert _run(PROGRAMS["throw_from_a_callee"], True) == ("ok", "8thrown0")
    assert _run(PROGRAMS["throw_handled"], True) == ("ok", "8@Thrower:3;11")
    assert _run(PROGRAMS["deferred_throw_from_a_callee"], True) == ("ok", "5/1")
    assert _run(PROGRAMS["results"], True) == ("ok", "89True")
    assert _run(PROGRAMS["return_with_zero_or_dynamic"], True) == ("ok", "6215")
    text = ("ok", 'a _f.this b _f.args{"_f":"_f.process"}')
    assert _run(PROGRAMS["text_like_frame_fields"], True) == text
    assert _run(PROGRAMS["recursion"], True) == ("ok", 610)
    assert _run(PROGRAMS["execute_formula_sees_the_locals"], True) == ("ok", 30)
    assert _run(PROGRAMS["loops_on_python_locals"], True) == ("ok", "ababab..")
    getter = ("ok", "Chain:2,Accessors.get chain:3,Reader:0,<code>:2,")
    assert _run(PROGRAMS["getter_called_by_a_lazy_unit"], True) == getter
    setter = ("ok", "Chain:2,Accessors.set chain:5,Writer:0,<code>:2,")
    assert _run(PROGRAMS["setter_called_by_a_lazy_unit"], True) == setter
    formulas = ("ok", "42/1<code>/Chain:2,<code>:3,<code>:4,")
    assert _run(PROGRAMS["formula_results"], True) == formulas
    assert _run(PROGRAMS["collection_callbacks"], True) == ("ok", "30,10,20/6")
    loop = "-Chain:2,LoopCalls:5,<code>:1,|-"
    assert _run(PROGRAMS["calls_in_a_loop"], True) == ("ok", loop)
    assert _run(ERRORS["error_after_a_loop"], True) == (
        "error",
        -10607,
        7,
        "LoopCalls",
        [("LoopCalls", 7), ("<code>", 1)],
    )
    error = _run(ERRORS["error_through_a_lazy_unit"], True)
    assert error == ("error", -10607, 3, "Leaf", [("Leaf", 3), ("Mid", 3), ("<code>", 2)])


def test_leaf_calls_make_no_frame(monkeypatch):
    """Fib's leaves (n < 2) call nothing: only the calls that call Fib make a frame."""
    monkeypatch.setattr(codegen, "ENABLED", True)
    rt = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    rt.methods.add_source("Fib", METHODS["Fib"])
    code = rt.methods.get(rt, "Fib")
    made = []
    plain = code.direct.__globals__["_Frame"]

    class Counted(plain):
        __slots__ = ()

        def __init__(self) -> None:
            made.append(1)

    monkeypatch.setitem(code.direct.__globals__, "_Frame", Counted)
    assert rt.run_source("return Fib(10)") == 55
    # fib(10) makes 177 calls, 89 of them leaves; the 88 others make a frame.
    assert len(made) == 88


def test_python_locals_only_where_nothing_else_sees_them(monkeypatch):
    """Locals become Python variables in units without fall-back closures and without commands that read the
    caller's locals (EXECUTE FORMULA reads and writes its slots); other commands do not prevent it."""
    monkeypatch.setattr(codegen, "ENABLED", True)
    rt = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    for name, text in METHODS.items():
        rt.methods.add_source(name, text)
    names = ("Leaf", "Fib", "Loops", "Pusher", "Named", "Maker")  # Named: Current method name and String
    flags = {name: rt.methods.get(rt, name).run.__fourd_python_locals__ for name in names}
    assert flags == dict.fromkeys(names, True)
    for name in ("Exec", "Chain", "Thrower", "Mid"):  # Mid: a process variable (a closure reads it)
        assert rt.methods.get(rt, name).run.__fourd_python_locals__ is False, name
