"""Formula objects (4D.Function): Formula, Formula from string, .call(), .apply(), .source, $o.f().

Examples come from API/FunctionClass.md, commands/formula.md,
commands/formula-from-string.md, commands/this.md and Concepts/object.md.
"""

from __future__ import annotations

import datetime

import pytest

from fourd.runtime.callables import call_callable
from fourd.runtime.errors import FourDError
from fourd.runtime.frame import Frame
from fourd.runtime.values import Collection4D


def code_of(run, source: str) -> int:
    with pytest.raises(FourDError) as info:
        run(source)
    return info.value.code


# -- formula.md examples --------------------------------------------------------------------------


def test_three_ways_to_call(run):
    # formula.md: $f.call($o), $f.apply($o), $o.myFormula() all return 3
    src = '$f:=Formula(1+2)\n$o:=New object("myFormula";$f)\nreturn [$f.call($o);$f.apply($o);$o.myFormula()]'
    assert run(src).items == [3, 3, 3]


def test_locals_are_copied_at_creation(run):
    # formula.md, example 2: $result:=$o.f() // returns 10
    assert run('$value:=10\n$o:=New object("f";Formula($value))\n$value:=20\nreturn $o.f()') == 10


def test_each_evaluation_captures_its_own_values(run):
    src = "$c:=New collection\nFor ($i;1;3)\n $c.push(Formula($i*10))\nEnd for\nreturn $c[0].call()+$c[2].call()"
    assert run(src) == 40


def test_parameters(run):
    # formula.md, example 3: returns 30
    assert run('$o:=New object("f";Formula($1+$2))\nreturn $o.f(10;20)') == 30


def test_project_method_formula_receives_the_arguments(run):
    # formula.md, example 4 and FunctionClass.md "Parameters to a single method"
    run.runtime.methods.add_source(
        "myMethod",
        '#DECLARE ($param1 : Text; $param2 : Text)->$return : Text\nIf(Count parameters=2)\n $return:=$param1+" "+$param2\nElse\n $return:="How are you?"\nEnd if\n',
    )
    assert run('$f:=Formula(myMethod)\nreturn $f.call(Null;"Hello";"World")') == "Hello World"
    assert run("$f:=Formula(myMethod)\nreturn $f.call()") == "How are you?"
    assert run('$o:=New object("f";Formula(myMethod))\nreturn $o.f("param1";"param2")') == "param1 param2"


def test_this_in_formula(run):
    # formula.md, example 5: returns "John Smith"
    src = '$o:=New object("fullName";Formula(This.firstName+" "+This.lastName))\n$o.firstName:="John"\n$o.lastName:="Smith"\nreturn $o.fullName()'
    assert run(src) == "John Smith"


def test_formula_assigning_through_this(run):
    # formula.md example 6 / FunctionClass.md apply example 2
    src = """var $feta; $robot : Object
var $calc : 4D.Function
$robot:=New object("name";"Robot";"price";543;"quantity";2)
$feta:=New object("name";"Feta";"price";12.5;"quantity";5)
$calc:=Formula(This.total:=This.price*This.quantity)
$feta.calc:=$calc
$robot.calc:=$calc
$feta.calc()
$robot.calc()
return JSON Stringify($feta)+" "+String($robot.total)"""
    assert run(src) == '{"name":"Feta","price":12.5,"quantity":5,"calc":"[object Formula]","total":62.5} 1086'


def test_apply_with_parameters(run):
    # FunctionClass.md, apply example 1: returns 60
    assert run("$f:=Formula($1+$2+$3)\n$c:=New collection(10;20;30)\nreturn $f.apply(Null;$c)") == 60


def test_call_examples(run):
    # FunctionClass.md, call examples 1 and 2
    assert run('$f:=Formula(Uppercase($1))\nreturn $f.call(Null;"hello")') == "HELLO"
    assert run('$o:=New object("value";50)\n$f:=Formula(This.value*2)\nreturn $f.call($o)') == 100
    assert run('$f:=Formula($1+" "+$2)\nreturn $f.call(Null;"Hello";"World")') == "Hello World"


def test_object_function_displays(run):
    # FunctionClass.md: $f.message("John";"Smith") //displays "Hello Smith, John"
    run('$f:=New object\n$f.message:=Formula(ALERT("Hello "+$2+", "+$1))\n$f.message("John";"Smith")')
    assert run.out.getvalue() == "Hello Smith, John\n"


def test_property_without_parentheses_returns_the_formula(run):
    # FunctionClass.md: $o:=$f.message returns the formula object
    assert run('$f:=New object("message";Formula(1))\n$o:=$f.message\nreturn OB Instance of($o;4D.Function)') is True


def test_source(run):
    # FunctionClass.md, .source: "String(Current time;HH MM AM PM)"
    assert (
        run("$of:=Formula(String(Current time;HH MM AM PM))\nreturn $of.source") == "String(Current time;HH MM AM PM)"
    )
    # The AST keeps no parentheses: .source writes those 4D's left-to-right order needs.
    assert run("return Formula($1*(2+3)).source") == "$1*(2+3)"
    assert run("return Formula(($1+2)*3).source") == "$1+2*3"
    assert run('return Formula(This.a:="x").source') == 'This.a:="x"'


def test_formula_with_return_in_object_literal(run):
    # object.md: $o.form1() //52
    src = "$o:={ob1: {age: 42}; form1: Formula(return This.ob1.age+10); col: [1; 2; 3]}\nreturn $o.form1()"
    assert run(src) == 52


def test_this_reaches_the_method_a_formula_names(run):
    # this.md, Formula object: $g:=$person.greeting("hello") // returns "hello John Smith"
    run.runtime.methods.add_source(
        "Greeting", '#DECLARE($greeting : Text) : Text\nreturn $greeting+" "+This.firstName+" "+This.lastName\n'
    )
    src = 'var $person : Object := New object\n$person.firstName:="John"\n$person.lastName:="Smith"\n$person.greeting:=Formula(Greeting)\nreturn $person.greeting("hi")'
    assert run(src) == "hi John Smith"


def test_formula_values_and_classes(run):
    assert run("return Value type(Formula(1))") == 38  # Is object
    assert run("return OB Class(Formula(1))=4D.Function") is True
    assert run("return String(Formula(1))") == "[object Formula]"
    assert run('$s:=New shared object("f";Formula(7))\nreturn $s.f()') == 7


def test_assignment_outside_formula_is_an_error(run):
    assert code_of(run, "ALERT($a:=1)") == -10749


# -- Formula from string --------------------------------------------------------------------------


def test_formula_from_string(run):
    assert run('$f:=Formula from string("$1*2")\nreturn $f.call(Null;21)') == 42
    assert run('return Formula from string("Uppercase(\\"ab\\")").source') == 'Uppercase("ab")'


def test_formula_from_string_rejects_locals(run):
    # formula-from-string.md: accessing a local variable is error -10737
    assert code_of(run, '$f:=Formula from string("$a+1")\n$x:=$f.call()') == -10737


def test_formula_from_string_with_declare(run):
    src = '$f:=Formula from string("#DECLARE($a : Integer; $b : Integer) : Integer\\nreturn $a*$b")\nreturn $f.call(Null;6;7)'
    assert run(src) == 42


def test_formula_from_string_syntax_error(run):
    assert code_of(run, '$f:=Formula from string("1+")') == -1


# -- the calling protocol other modules use -------------------------------------------------------


def test_call_callable_with_a_formula(run):
    formula = run("return Formula($1.value*2)")
    frame = Frame(run.runtime.compile_source("return 0"), [], run.runtime.main_process)
    item = run('return New object("value";21)')
    assert call_callable(frame, formula, [item]) == 42
    sorted_items = run("$c:=New collection(3;1;2)\nreturn $c")
    assert isinstance(sorted_items, Collection4D)


# -- object functions called by index, formulas in classes ------------------------------------------


def test_object_function_called_with_brackets(run):
    # FunctionClass.md: $f["message"]() //displays "Hello world"; $f.message.apply() too
    run(
        'var $f : Object\n$f:=New object\n$f.message:=Formula(ALERT("Hello world"))\n$f.message()\n$f["message"]()\n$f.message.apply()'
    )
    assert run.out.getvalue() == "Hello world\n" * 3


def test_bracket_call_binds_this_and_passes_parameters(run):
    src = '$o:=New object("n";2;"times";Formula(This.n*$1))\n$name:="tim"+"es"\nreturn $o[$name](21)'
    assert run(src) == 42
    assert code_of(run, '$o:=New object("n";2)\n$o["n"]()') == -10729
    assert code_of(run, "$o:=New object\n$o[1]()") == -10603  # an object's property name is a text


def test_formula_in_a_collection_element(run):
    # Not in the docs: fourd calls $c[i]() as $o[name](), with This bound to the collection.
    assert run("$c:=[Formula($1*2); Formula(This.length)]\nreturn [$c[0](21); $c[1]()]").items == [42, 2]
    assert code_of(run, "$c:=[1]\n$c[0]()") == -10618


def test_call_with_current_year(run):
    # FunctionClass.md: $f.call(Null;"Welcome to";String(Year of(Current date))) //"Welcome to 2026" (for example)
    src = '$f:=Formula($1+" "+$2)\nreturn $f.call(Null;"Welcome to";String(Year of(Current date)))'
    assert run(src) == f"Welcome to {datetime.date.today().year}"


def test_formula_calling_a_class_function(run):
    run.runtime.classes.add_source(
        "Rect",
        "Class constructor($w : Real; $h : Real)\n This.w:=$w\n This.h:=$h\n\nFunction area() : Real\n return This.w*This.h\n",
    )
    src = "$area:=Formula(This.area())\n$r:=cs.Rect.new(2;3)\n$r.f:=$area\nreturn [$area.call($r); $r.f(); $area.apply(cs.Rect.new(4;5))]"
    assert run(src).items == [6, 6, 20]


def test_class_functions_as_collection_callbacks(run):
    # A class holding formulas; collection functions calling them and a method name, with extra parameters.
    run.runtime.classes.add_source(
        "Rules",
        """property checks : Collection

Class constructor()
 This.checks:=[]

Function add($check : 4D.Function) : cs.Rules
 This.checks.push($check)
 return This

Function passes($value : Variant) : Boolean
 return This.checks.every(Formula($1.value.call(Null; $2)); $value)
""",
    )
    run.runtime.methods.add_source("Is even", "#DECLARE($e : Object)\n$e.result:=$e.value%2=0\n")
    src = """$rules:=cs.Rules.new().add(Formula($1>0)).add(Formula($1<100))
$c:=[5; -1; 50; 500; 8]
return [$c.filter(Formula($2.passes($1.value)); $rules).join(","); $c.filter("Is even").join(","); $c.map(Formula($1.value*$2); 10).join(",")]"""
    assert run(src).items == ["5,50,8", "50,500,8", "50,-10,500,5000,80"]


def test_formula_from_string_with_this(run):
    src = '$f:=Formula from string("This.a+$1")\n$o:=New object("a";1;"f";$f)\nreturn [$o.f(2); $f.call(New object("a";10);5)]'
    assert run(src).items == [3, 15]
