"""Collection callbacks run as plain functions (runtime/plainformula.py) give exactly the general path's result.

Every program runs twice, with the plain path on and off, and must give the same result or the same error
(code, line, method, call chain); the tests also check which formulas get a plain function at all.
"""

from __future__ import annotations

import io
import random

import pytest
from backends import run_on_backend

from fourd.runtime import codegen, plainformula
from fourd.runtime.interpreter import Runtime
from fourd.runtime.operators import sort_key, sort_values
from fourd.runtime.values import UNDEFINED

METHODS = {
    "Catcher": 'gLog:=gLog+String(Error)+";"',
    "DoubleResult": "#DECLARE($e : Object)\n$e.result:=$e.value*2",
    "StopAtThree": "#DECLARE($e : Object)\n$e.result:=$e.value\nIf ($e.value>=3)\n$e.stop:=True\nEnd if",
    "KeepStopAtThree": "#DECLARE($e : Object)\n$e.result:=True\nIf ($e.value>=3)\n$e.stop:=True\nEnd if",
    "SumInto": "#DECLARE($e : Object)\n$e.accumulator:=$e.accumulator+$e.value",
    "Times": "#DECLARE($v : Real; $k : Real) -> $r : Real\n$r:=$v*$k",
}

CLASSES = {
    # A computed property with an effect: a plain function must never run it (it goes the general way).
    "Priced": "property base : Real\nClass constructor($b : Real)\nThis.base:=$b\n"
    "Function get price() -> $p : Real\ngCount:=gCount+1\n$p:=This.base*10",
}

PROGRAMS = {
    # plain formulas
    "map_numbers": "$c:=[3;1;2].map(Formula($1.value*2))\nreturn JSON Stringify($c)",
    "map_texts": '$c:=["a";"b"].map(Formula($1.value+"!"))\nreturn JSON Stringify($c)',
    "map_ternary_logical": '$c:=[1;5;Null].map(Formula(($1.value>2) ? "big" : ($1.value || "none")))\n'
    "return JSON Stringify($c)",
    "map_negation_compare": "$c:=[1;-2;0].map(Formula(-$1.value<=0))\nreturn JSON Stringify($c)",
    "map_unknown_property": "$c:=[1;2].map(Formula($1.accumulator))\nreturn JSON Stringify($c)",
    "map_undefined_result_is_null": "$c:=[1;2].map(Formula($1.Value))\nreturn JSON Stringify($c)",
    "map_with_ignored_extra": "$c:=[1;2].map(Formula($1.value*2); 10; 20)\nreturn JSON Stringify($c)",
    "filter_numbers": "$c:=[1;2;3;4;5;6].filter(Formula($1.value%3=0))\nreturn JSON Stringify($c)",
    "filter_non_boolean_result": "$c:=[1;2;3].filter(Formula($1.value))\nreturn JSON Stringify($c)",
    "filter_nulls": "$c:=[1;Null;3].filter(Formula($1.value=Null))\nreturn JSON Stringify($c)",
    "reduce_sum": "return [1;2;3;4].reduce(Formula($1.accumulator+$1.value); 0)",
    "reduce_right_text": 'return ["a";"b";"c"].reduceRight(Formula($1.accumulator+$1.value); "")',
    "reduce_without_initial_value": "return [1;2;3].reduce(Formula($1.accumulator+$1.value))",
    "reduce_undefined_keeps_accumulator": "return [1;2;3].reduce(Formula($1.nothing); 7)",
    "reduce_max": "return [4;9;2].reduce(Formula(($1.value>$1.accumulator) ? $1.value : $1.accumulator); 0)",
    "reduce_empty": "return JSON Stringify([].reduce(Formula($1.accumulator+$1.value); 5))",
    "flat_map": "$c:=[1;2].flatMap(Formula($1.value*10))\nreturn JSON Stringify($c)",
    "find_index": "return [1;5;9].findIndex(Formula($1.value>4))",
    "find_index_start": "return [1;5;9;6].findIndex(2; Formula($1.value>4))",
    "find_index_negative_start": "return [1;5;9;6].findIndex(-1; Formula($1.value>4))",
    "find_index_none": "return [1;5;9].findIndex(Formula($1.value>40))",
    "find": "return [1;5;9].find(Formula($1.value>4))",
    "find_none": "return String([1;5;9].find(Formula($1.value>40)))",
    "every_true": "return [1;5;9].every(Formula($1.value>0))",
    "every_false": "return [1;-5;9].every(Formula($1.value>0))",
    "every_start_past_end": "return [1;5].every(5; Formula($1.value>0))",
    "some_true": "return [1;-5;9].some(Formula($1.value<0))",
    "some_false": "return [1;5;9].some(Formula($1.value<0))",
    "some_start": "return [-1;5;9].some(1; Formula($1.value<0))",
    "member_of_value": '$c:=[{price: 3}; {price: 30}; {name: "x"}].map(Formula($1.value.price))\nreturn JSON Stringify($c)',
    "member_chain": "$c:=[{a: {b: 2}}; {a: {b: 3}}].filter(Formula($1.value.a.b>2))\nreturn JSON Stringify($c)",
    "member_collection_length": "$c:=[[1;2]; [1]].map(Formula($1.value.length))\nreturn JSON Stringify($c)",
    "member_of_null_value": "$c:=[{a: 1}; Null].map(Formula($1.value.a))\nreturn JSON Stringify($c)",
    "member_of_number": "$c:=[{a: 1}; 5].map(Formula($1.value.a))\nreturn JSON Stringify($c)",
    "member_class_getter": "gCount:=0\n$c:=[cs.Priced.new(1); cs.Priced.new(2)].map(Formula($1.value.price))\n"
    'return JSON Stringify($c)+" "+String(gCount)',
    "member_class_property": "$c:=[cs.Priced.new(1); cs.Priced.new(2)].map(Formula($1.value.base))\nreturn JSON Stringify($c)",
    "sort_formula": "$c:=[3;1;2]\n$c.sort(Formula($1.value>$1.value2))\nreturn JSON Stringify($c)",
    "sort_formula_objects": "$c:=[{n: 3}; {n: 1}; {n: 2}]\n$c.sort(Formula($1.value.n<$1.value2.n))\n"
    "return JSON Stringify($c)",
    "order_by_method_formula": '$c:=["b";"C";"a"].orderByMethod(Formula($1.value<$1.value2))\nreturn JSON Stringify($c)',
    "multi_sort_formula": "$c:=[3;1;2]\n$d:=[30;10;20]\n$c.multiSort(Formula($1.value<$1.value2); [$d])\n"
    "return JSON Stringify($c)+JSON Stringify($d)",
    "sort_formula_error": '$c:=[3;"x";2]\n$c.sort(Formula($1.value-$1.value2<0))\nreturn JSON Stringify($c)',
    "sort_formula_error_on_err_call": 'gLog:=""\nON ERR CALL("Catcher")\n$c:=[3;"x";2;1]\n'
    '$c.sort(Formula($1.value-$1.value2<0))\nON ERR CALL("")\nreturn gLog+JSON Stringify($c)',
    "sort_value2_in_map_is_undefined": "$c:=[1;2].map(Formula($1.value2))\nreturn JSON Stringify($c)",
    # locals: their values when the formula was made
    "map_with_local": "$k:=3\n$c:=[1;2].map(Formula($1.value*$k))\nreturn JSON Stringify($c)",
    "map_with_typed_local": "var $k : Integer\n$k:=3\n$c:=[1;2].map(Formula($1.value*$k))\nreturn JSON Stringify($c)",
    "local_changed_after_formula": "$k:=3\n$f:=Formula($1.value*$k)\n$k:=5\nreturn JSON Stringify([1;2].map($f))",
    "local_unset_in_creator": "$c:=[1;2].map(Formula($1.value+$nothing))\nreturn JSON Stringify($c)",
    "local_object_member": "$o:={min: 2}\n$c:=[1;2;3].filter(Formula($1.value>=$o.min))\nreturn JSON Stringify($c)",
    "local_object_changed": "$o:={min: 2}\n$f:=Formula($1.value>=$o.min)\n$o.min:=3\n"
    "return JSON Stringify([1;2;3].filter($f))",
    "formulas_made_in_a_loop": "$fs:=[]\nFor ($k; 1; 3)\n$fs.push(Formula($1.value*$k))\nEnd for\n"
    "return JSON Stringify([1;2].map($fs[0]))+JSON Stringify([1;2].map($fs[2]))",
    "local_null_member": "$o:=Null\n$c:=[1;2].map(Formula($1.value+$o.a))\nreturn JSON Stringify($c)",
    # errors: the plain attempt fails, the general path gives the error
    "every_error": '$r:=[1;"x";3].every(Formula($1.value-1>=0))\nreturn $r',
    "some_error_on_err_call": 'gLog:=""\nON ERR CALL("Catcher")\n$r:=[1;"x";-3].some(Formula($1.value-1<0))\n'
    'ON ERR CALL("")\nreturn gLog+String($r)',
    "find_index_error": '$r:=[1;"x";3].findIndex(Formula($1.value-1>1))\nreturn $r',
    "map_error": '$c:=[1;"x";3].map(Formula($1.value-2))\nreturn JSON Stringify($c)',
    "filter_error": '$c:=[1;2;"x"].filter(Formula($1.value%2=0))\nreturn JSON Stringify($c)',
    "reduce_error": '$c:=[1;"x"].reduce(Formula($1.accumulator*$1.value); 1)\nreturn $c',
    "map_error_first_element": '$c:=["x";1].map(Formula($1.value-1))\nreturn JSON Stringify($c)',
    "map_error_on_err_call": 'gLog:=""\nON ERR CALL("Catcher")\n$c:=[1;"x";3;"y"].map(Formula($1.value-2))\n'
    'ON ERR CALL("")\nreturn gLog+JSON Stringify($c)',
    "filter_error_on_err_call": 'gLog:=""\nON ERR CALL("Catcher")\n$c:=[3;"x";6].filter(Formula($1.value%3=0))\n'
    'ON ERR CALL("")\nreturn gLog+JSON Stringify($c)',
    "reduce_error_on_err_call": 'gLog:=""\nON ERR CALL("Catcher")\n$s:=[1;Null;2].reduce(Formula($1.accumulator+$1.value); 0)\n'
    'ON ERR CALL("")\nreturn gLog+String($s)',
    "map_error_in_try": '$c:=Try([1;"x"].map(Formula($1.value-2)))\nreturn String(Last errors.length)',
    # extra parameters
    "map_second_parameter": "$c:=[1;2].map(Formula($1.value*$2); 10)\nreturn JSON Stringify($c)",
    "map_missing_parameter": "$c:=[1;2].map(Formula($3); 10)\nreturn JSON Stringify($c)",
    "map_parameter_member": "$c:=[1;2].map(Formula($1.value*$2.k); {k: 3})\nreturn JSON Stringify($c)",
    "filter_parameter": "$c:=[1;5;9].filter(Formula($1.value>$2); 4)\nreturn JSON Stringify($c)",
    "reduce_parameter": "return [1;2].reduce(Formula($1.accumulator+$1.value*$2); 0; 10)",
    "every_start_and_parameter": "return [-1;5;6].every(1; Formula($1.value>$2); 4)",
    "find_index_parameters": "return [1;5;9].findIndex(Formula(($1.value>$2) && ($1.value<$3)); 2; 9)",
    "sort_parameter": "$c:=[1;3;2]\n$c.sort(Formula($1.value*$2<$1.value2*$2); -1)\nreturn JSON Stringify($c)",
    "parameter_error": '$c:=[1;2].map(Formula($1.value*$2); "x")\nreturn JSON Stringify($c)',
    # not plain: the general path, unchanged
    "map_method_by_name": '$c:=[1;2].map("DoubleResult")\nreturn JSON Stringify($c)',
    "map_formula_of_method": "$c:=[1;2;3].map(Formula(DoubleResult))\nreturn JSON Stringify($c)",
    "map_stop": '$c:=[1;2;3;4;5].map("StopAtThree")\nreturn JSON Stringify($c)',
    "map_sets_result": "$c:=[1;2].map(Formula($1.result:=$1.value+1))\nreturn JSON Stringify($c)",
    "map_with_command": "$c:=[1.4;2.6].map(Formula(Round($1.value; 0)))\nreturn JSON Stringify($c)",
    "map_from_string": '$c:=[1;2].map(Formula from string("$1.value*2"))\nreturn JSON Stringify($c)',
    "reduce_method_by_name": 'return [1;2;3].reduce("SumInto"; 0)',
    "reduce_extra_parameter_method": "return [1;2].reduce(Formula($1.accumulator+Times($1.value; $2)); 0; 10)",
    "filter_stop": '$c:=[1;2;3;4].filter("KeepStopAtThree")\nreturn JSON Stringify($c)',
    "sort_numbers": "$c:=[3;1;2;-0.5;1e300;-1e300]\n$c.sort()\nreturn JSON Stringify($c)",
    "sort_descending": "$c:=[3;1;2;3]\n$c.sort(ck descending)\nreturn JSON Stringify($c)",
    "sort_mixed": '$c:=[3;"b";Null;True;1;"A";{};[]]\n$c.sort()\nreturn JSON Stringify($c)',
    "order_by_numbers": "$c:=[3;1;2].orderBy(ck descending)\nreturn JSON Stringify($c)",
}


@pytest.fixture(autouse=True)
def _generated(monkeypatch):
    # Plain functions come from the code generator: on here even when the suite runs with FOURD_CODEGEN=0.
    monkeypatch.setattr(codegen, "ENABLED", True)


def _outcome(source: str, plain: bool) -> tuple:
    saved = plainformula.ENABLED
    plainformula.ENABLED = plain
    try:
        return run_on_backend(source, True, METHODS, CLASSES, name="test")  # plain functions need the generator
    finally:
        plainformula.ENABLED = saved


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_plain_and_general_paths_agree(name):
    source = PROGRAMS[name]
    assert _outcome(source, True) == _outcome(source, False)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("map_numbers", ("ok", "[6,2,4]")),
        ("filter_numbers", ("ok", "[3,6]")),
        ("reduce_sum", ("ok", 10.0)),
        ("reduce_undefined_keeps_accumulator", ("ok", 7.0)),
        ("map_unknown_property", ("ok", "[null,null]")),
        ("map_error_on_err_call", ("ok", "-10605;-10605;[-1,null,1,null]")),
        ("map_stop", ("ok", "[1,2,3]")),
        ("local_changed_after_formula", ("ok", "[3,6]")),
        ("local_object_changed", ("ok", "[3]")),
        ("formulas_made_in_a_loop", ("ok", "[1,2][3,6]")),
        ("map_second_parameter", ("ok", "[10,20]")),
        ("sort_parameter", ("ok", "[3,2,1]")),
        ("find_index_parameters", ("ok", 1.0)),
        ("reduce_method_by_name", ("ok", 6.0)),
        ("sort_numbers", ("ok", "[-1e+300,-0.5,1,2,3,1e+300]")),
        ("member_of_value", ("ok", "[3,30,null]")),
        ("member_class_getter", ("ok", "[10,20] 2")),
        ("find_index_start", ("ok", 2.0)),
        ("every_false", ("ok", False)),
        ("sort_formula_objects", ("ok", '[{"n":1},{"n":2},{"n":3}]')),
        ("multi_sort_formula", ("ok", "[1,2,3][10,20,30]")),
    ],
)
def test_known_results(name, expected):
    # Both paths agree (above); this pins what they agree on.
    assert _outcome(PROGRAMS[name], True) == expected


def test_errors_name_the_calling_method_and_line():
    outcome = _outcome(PROGRAMS["map_error"], True)
    assert outcome[0] == "error" and outcome[2] == 1 and outcome[3] == "test"


def _formula(source: str):
    rt = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    for name, text in METHODS.items():
        rt.methods.add_source(name, text)
    return rt.run_source(f"return {source}")


@pytest.mark.parametrize(
    "source",
    [
        "Formula($1.value*2)",
        "Formula($1.accumulator+$1.value)",
        'Formula(($1.value>2) ? "a" : -$1.value)',
        "Formula($1.value.a.b)",
        "Formula($1.value2<$1.value)",
    ],
)
def test_plain_formulas_get_a_function(source):
    fn = _formula(source).plain_function()
    assert fn is not None
    event = (
        "{value: {a: {b: 4}}; accumulator: 1; value2: 7}"
        if ".a.b" in source
        else "{value: 4; accumulator: 1; value2: 7}"
    )
    called = _formula(f"{source}.call(Null; {event})")  # the general way
    value = _formula("{a: {b: 4}}") if ".a.b" in source else 4.0
    assert fn(value, 1.0, 7.0) == called


@pytest.mark.parametrize(
    "source",
    [
        "Formula($1.value*<>gFactor)",  # an interprocess variable
        "Formula($1.value*gFactor)",  # a process variable
        "Formula($1.result:=$1.value)",  # writes $1
        "Formula(Round($1.value; 0))",  # a command
        "Formula(DoubleResult)",  # a method
        "Formula($1)",  # $1 itself
        "Formula($1.result)",  # another property of $1
        "Formula($1.value[0])",  # an index (not scanned as plain)
        "Formula(${1}.value)",
        "Formula(Count parameters)",
        "Formula(This.value)",
        'Formula from string("$1.value*2")',
    ],
)
def test_other_formulas_go_the_general_way(source):
    formula = _formula(source)
    assert getattr(formula, "plain_function", lambda: None)() is None


def test_no_plain_function_without_the_code_generator():
    saved = codegen.ENABLED
    codegen.ENABLED = False
    try:
        assert _formula("Formula($1.value*2)").plain_function() is None
    finally:
        codegen.ENABLED = saved


def test_sort_values_orders_numbers_as_sort_key_does():
    rng = random.Random(9)
    pool = [0.0, -0.0, 1, 1.0, 2, -3.5, float("nan"), float("inf"), -float("inf"), 2**60, 0.1, 1e-300]
    for _ in range(200):
        items = [rng.choice(pool) for _ in range(rng.randint(0, 12))]
        for descending in (False, True):
            expected = sorted(items, key=sort_key, reverse=descending)
            got = list(items)
            sort_values(got, descending)
            assert [id(v) for v in got] == [id(v) for v in expected]


def test_sort_values_with_other_types_uses_keys():
    items = [2.0, True, "b", None, 1]
    sort_values(items)
    assert items == [None, True, "b", 1, 2.0]


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("map_numbers", [3.0, 1.0, 2.0]),
        ("filter_numbers", [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
        ("reduce_right_text", ["c", "b", "a"]),
        ("map_error", [1.0, "x"]),  # the general path takes over at "x"
        ("map_second_parameter", [1.0, 2.0]),
        ("map_formula_of_method", []),
        ("map_method_by_name", []),
        ("map_with_local", [1.0, 2.0]),
        ("local_object_member", [1.0, 2.0, 3.0]),
        ("find_index", [1.0, 5.0]),
        ("every_false", [1.0, -5.0]),
        ("some_start", [5.0, 9.0]),
        ("member_class_getter", ["Priced"]),  # a class instance: NotPlain at once, the general way for all
        ("member_of_null_value", [{"a": 1.0}, None]),
        ("member_class_property", ["Priced", "Priced"]),  # a stored property of a class instance: no getter
    ],
)
def test_which_elements_take_the_plain_path(monkeypatch, name, values):
    seen = []
    original = plainformula.PlainSite.function

    def spying(self, slots, extra=()):
        fn = original(self, slots, extra)

        def spy(value, accumulator, value2=UNDEFINED):
            seen.append(value.cls.name if getattr(value, "cls", None) else getattr(value, "props", value))
            return fn(value, accumulator, value2)

        return spy

    monkeypatch.setattr(plainformula.PlainSite, "function", spying)
    _outcome(PROGRAMS[name], True)
    assert seen == values


def test_stored_as_is_types_are_what_stored_keeps():
    from fourd.runtime.storedvalue import STORED_AS_IS, stored
    from fourd.runtime.values import Collection4D, Object4D

    samples = {float: 1.5, str: "a", bool: True, type(None): None, Object4D: Object4D(), Collection4D: Collection4D()}
    assert set(samples) == set(STORED_AS_IS)
    for value in samples.values():
        assert stored(value) is value


def test_push_still_converts_what_stored_converts():
    source = (
        'var $i : Integer\n$i:=3\n$o:={}\n$c:=[]\n$c.push($i; ?00:01:00?; $o.missing; 2.5; "t"; Null)\n'
        "return JSON Stringify($c)+String(Value type($c[0]))"
    )
    assert _outcome(source, True) == ("ok", '[3,60,null,2.5,"t",null]1')


def test_push_with_none_one_or_several_values():
    source = (
        '$c:=[]\n$r:=$c.push()\n$c.push(1)\n$c.push(2; Null; "x")\n$s:=New shared collection\n'
        '$s.push(1; New shared object("a"; 1))\n$s.push()\n'
        "return JSON Stringify($c)+JSON Stringify($s)+String($r=$c)"
    )
    assert _outcome(source, True) == ("ok", '[1,2,null,"x"][1,{"a":1}]True')


def test_min_and_max_keep_their_rule():
    from fourd.commands.collection_members import max_, min_
    from fourd.runtime.values import Collection4D, Object4D

    def reference(items, smaller):  # the rule, one sort_key comparison per element
        best = items[0]
        for v in items[1:]:
            if (sort_key(v) < sort_key(best)) is smaller:
                best = v
        return best

    rng = random.Random(4)
    pool = [1.0, 1, 2.5, "a", "A", "b", None, True, False, Object4D(), Object4D(), Collection4D(), float("nan")]
    for _ in range(300):
        items = [rng.choice(pool) for _ in range(rng.randint(1, 10))]
        assert min_(None, Collection4D(list(items))) is reference(items, True)
        assert max_(None, Collection4D(list(items))) is reference(items, False)
        if not any(v != v for v in items if type(v) is float):  # without NaN: the ends of the stable sort
            ordered = sorted(items, key=sort_key)
            assert min_(None, Collection4D(list(items))) is ordered[0]
            assert max_(None, Collection4D(list(items))) is ordered[-1]
