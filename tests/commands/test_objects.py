"""Objects (Language) theme; expectations from the examples of commands/ob-*.md and new-object.md."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError
from fourd.runtime.values import UNDEFINED, Date4D, Time4D


def test_new_object_stores_numbers_as_reals_and_times_as_seconds(run):
    assert run('var $i : Integer\n$i:=3\nreturn Value type(New object("n";$i).n)') == 1  # Is real
    assert run.value('New object("t";?01:00:00?).t') == 3600.0
    assert run.value('JSON Stringify(New object("a";1;"b";"x"))') == '{"a":1,"b":"x"}'
    with pytest.raises(FourDError):
        run('$o:=New object("a")')


def test_ob_set_creates_the_object(run):
    # ob-set.md examples 1, 2 and 3
    code = 'var $o : Object\nOB SET($o;"FirstName";"John";"LastName";"Smith")\nOB SET($o;"FirstName";"Paul")\n'
    code += 'OB SET($o;"age";42;"client";True)\nreturn JSON Stringify($o)'
    assert run(code) == '{"FirstName":"Paul","LastName":"Smith","age":42,"client":true}'


def test_ob_set_keeps_pointers_evaluated_by_json(run):
    # ob-set.md example 6
    code = 'var $o : Object\nvar $LastName : Text\nOB SET($o;"FirstName";"Paul";"LastName";->$LastName)\n'
    code += '$a:=JSON Stringify($o)\n$LastName:="Wesson"\nreturn $a+" "+JSON Stringify($o)'
    assert run(code) == '{"FirstName":"Paul","LastName":""} {"FirstName":"Paul","LastName":"Wesson"}'


def test_ob_get_with_types(run):
    code = 'OB SET($ref;"age";42;"when";"2017-10-16";"t";5120;"name";"Harry")\n'
    assert run(code + 'return OB Get($ref;"name")') == "Harry"
    assert run(code + 'return OB Get($ref;"age";Is longint)') == 42
    assert type(run(code + 'return OB Get($ref;"age";Is longint)')) is int
    assert run(code + 'return OB Get($ref;"when";Is date)') == Date4D(2017, 10, 16)
    assert run(code + 'return OB Get($ref;"t";Is time)') == Time4D(5120)
    assert run(code + 'return OB Get($ref;"age";Is text)') == "42"
    assert run(code + 'return OB Get($ref;"missing")') is UNDEFINED


def test_ob_remove_set_null_get_type(run):
    code = 'OB SET($o;"name";"smith";"age";42;"client";True)\nOB REMOVE($o;"age")\n'
    assert run(code + "return JSON Stringify($o)") == '{"name":"smith","client":true}'
    code = 'OB SET($ref;"name";"Lea";"age";4)\nOB SET NULL($ref;"age")\n'
    assert run(code + "return JSON Stringify($ref)") == '{"name":"Lea","age":null}'
    code = 'OB SET($ref;"name";"smith";"age";42)\n'
    assert run(
        code + 'return New collection(OB Get type($ref;"name");OB Get type($ref;"age");OB Get type($ref;"x"))'
    ).items == [2, 1, 5]


def test_ob_is_defined_and_is_empty(run):
    # ob-is-empty.md example
    code = """var $ref : Object
$a:=New collection(OB Is empty($ref);OB Is defined($ref))
OB SET($ref;"name";"Susie";"age";4)
$a.push(OB Is empty($ref);OB Is defined($ref);OB Is defined($ref;"age");OB Is defined($ref;"Age"))
OB REMOVE($ref;"name")
OB REMOVE($ref;"age")
$a.push(OB Is empty($ref);OB Is defined($ref))
return $a"""
    assert run(code).items == [True, False, False, True, True, False, True, True]


def test_keys_values_entries(run):
    code = (
        '$persons:=New object\n$persons["John"]:=42\n$persons["Andy"]:=24\n$persons["Mary"]:=30\n$persons["Paul"]:=50\n'
    )
    assert run(code + "return OB Values($persons).average()") == 36.5
    assert run(code + 'return OB Keys($persons).join(",")') == "John,Andy,Mary,Paul"
    assert (
        run(code + '$ages:=OB Entries($persons).query("value>:1";25)\nreturn $ages.extract("key").join("-")')
        == "John-Mary-Paul"
    )
    assert run.value("OB Keys(Null).length") == 0


def test_ob_copy_deep_and_pointers(run):
    code = '$x:="a"\n$o:=New object("sub";New object("v";1);"p";->$x)\n$c:=OB Copy($o)\n$c.sub.v:=2\n$r:=OB Copy($o;True)\n$x:="b"\n'
    code += 'return String($o.sub.v)+" "+$r.p+" "+String(Value type($c.p))'
    assert run(code) == "1 a 23"  # 23 = Is pointer: the plain copy keeps the pointer


def test_ob_copy_shared(run):
    code = '$s:=New shared object("a";New shared object("b";1))\n$c:=OB Copy($s)\n$d:=OB Copy($s;ck shared)\n'
    code += "return New collection(OB Is shared($c);OB Is shared($c.a);OB Is shared($d);OB Is shared($d.a))"
    assert run(code).items == [False, False, True, True]
    code = '$target:=New shared object\n$d:=OB Copy(New object("x";1);ck shared;$target)\nUse($target)\n$target.d:=$d\nEnd use\nreturn $target.d.x'
    assert run(code) == 1


def test_ob_set_on_shared_object_needs_use(run):
    with pytest.raises(FourDError) as e:
        run('$s:=New shared object\nOB SET($s;"a";1)')
    assert e.value.code == -10726
    assert run('$s:=New shared object\nUse($s)\nOB SET($s;"a";1)\nEnd use\nreturn $s.a') == 1


def test_ob_set_array_and_get_array(run):
    # ob-set-array.md example 1 and 3
    code = 'var $Children : Object\nARRAY TEXT($arr;3)\n$arr{1}:="Richard"\n$arr{2}:="Susan"\n$arr{3}:="James"\n'
    code += 'OB SET ARRAY($Children;"Children";$arr)\nOB SET ARRAY($Children;"Manager";$arr{1})\n'
    assert (
        run(code + "return JSON Stringify($Children)")
        == '{"Children":["Richard","Susan","James"],"Manager":["Richard"]}'
    )
    code += (
        'ARRAY TEXT($back;0)\nOB GET ARRAY($Children;"Children";$back)\nreturn String(Size of array($back))+$back{2}'
    )
    assert run(code) == "3Susan"


def test_ob_get_property_names(run):
    # ob-get-property-names.md example 1
    code = 'ARRAY TEXT(arrNames;0)\nARRAY LONGINT(arrTypes;0)\nOB SET($ref;"name";"Richard";"age";7)\n'
    code += "OB GET PROPERTY NAMES($ref;arrNames;arrTypes)\n"
    code += 'return arrNames{1}+","+arrNames{2}+","+String(arrTypes{1})+","+String(arrTypes{2})+","+String(Size of array(arrNames))'
    assert run(code) == "name,age,2,1,2"


def test_storage_needs_use(run):
    code = (
        'Use(Storage)\nStorage.counters:=New shared object("customers";0)\nEnd use\nreturn Storage.counters.customers'
    )
    assert run(code) == 0
