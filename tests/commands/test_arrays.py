"""Arrays theme and COLLECTION TO ARRAY / ARRAY TO COLLECTION (commands/array-*.md, *-array.md)."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError
from fourd.runtime.values import Date4D, Time4D


def test_array_declarations_and_defaults(run):
    assert run('ARRAY TEXT($a;3)\nreturn String(Size of array($a))+"["+$a{2}+"]"') == "3[]"
    assert run("ARRAY LONGINT($a;2)\nreturn $a{2}") == 0
    assert run("ARRAY REAL($a;2)\n$a{1}:=3\nreturn Value type($a{1})") == 1
    assert run("ARRAY DATE($a;1)\nreturn $a{1}") == Date4D.NULL
    assert run("ARRAY TIME($a;1)\nreturn $a{1}") == Time4D(0)
    assert run("ARRAY BOOLEAN($a;1)\nreturn $a{1}") is False
    assert run("ARRAY OBJECT($a;1)\nreturn $a{1}") is None
    assert run("ARRAY TEXT(atValues;5)\nreturn Size of array(atValues)") == 5  # process array


def test_array_resize_keeps_elements(run):
    # array-text.md: enlarging keeps the existing elements, reducing loses the last ones
    code = 'ARRAY TEXT($a;2)\n$a{1}:="x"\n$a{2}:="y"\nARRAY TEXT($a;4)\n$s:=$a{1}+$a{2}+String(Size of array($a))\nARRAY TEXT($a;1)\n'
    assert run(code + "return $s+$a{1}+String(Size of array($a))") == "xy4x1"


def test_two_dimensional_arrays(run):
    # array-text.md example 2; size-of-array.md examples 2 and 3
    code = 'ARRAY TEXT($t;10;5)\n$t{3}{4}:="hi"\nreturn String(Size of array($t))+"/"+String(Size of array($t{10}))+"/"+$t{3}{4}'
    assert run(code) == "10/5/hi"
    assert run("ARRAY LONGINT($t;2;2)\nreturn Type($t)") == 13


def test_wrong_element_type_is_a_4d_error(run):
    with pytest.raises(FourDError) as e:
        run('ARRAY LONGINT($a;1)\n$a{1}:="x"')
    assert e.value.code == -10604
    with pytest.raises(FourDError):
        run("ARRAY TEXT($a;1)\n$x:=$a{5}")


def test_append_insert_delete(run):
    code = 'ARRAY TEXT($a;0)\nAPPEND TO ARRAY($a;"555-0100")\nAPPEND TO ARRAY($a;"555-0120")\n'
    assert run(code + "return JSON Stringify array($a)") == '["555-0100","555-0120"]'
    code = "ARRAY LONGINT($a;5)\nFor($i;1;5)\n$a{$i}:=$i\nEnd for\nINSERT IN ARRAY($a;2;2)\nDELETE FROM ARRAY($a;5;2)\n"
    assert run(code + "return JSON Stringify array($a)") == "[1,0,0,2,5]"
    code = "ARRAY LONGINT($a;2)\nINSERT IN ARRAY($a;10)\nreturn Size of array($a)"
    assert run(code) == 3
    assert run("APPEND TO ARRAY($new;1.5)\nreturn Type($new)") == 14  # created as a Real array
    assert run("ARRAY REAL($r;0)\nAPPEND TO ARRAY($r;?00:01:00?)\nreturn $r{1}") == 60


def test_find_and_count_in_array(run):
    code = 'ARRAY TEXT($a;4)\n$a{1}:="apple"\n$a{2}:="Banana"\n$a{3}:="apple"\n$a{4}:=""\n'
    assert run(code + 'return Find in array($a;"banana")') == 2
    assert run(code + 'return Find in array($a;"apple";2)') == 3
    assert run(code + 'return Find in array($a;"kiwi")') == -1
    assert run(code + 'return Find in array($a;"b@")') == 2
    assert run(code + 'return Count in array($a;"apple")') == 2
    # count-in-array.md example 2: object references
    code = '$o1:=New object("a";10)\n$o2:=New object("a";10)\nARRAY OBJECT($objects;100)\n$objects{20}:=$o1\n$objects{21}:=$o1\n$objects{22}:=$o1\n'
    assert run(code + "return String(Count in array($objects;$o1))+String(Count in array($objects;$o2))") == "30"


def test_find_in_sorted_array(run):
    code = "ARRAY LONGINT($a;5)\n$a{1}:=1\n$a{2}:=3\n$a{3}:=3\n$a{4}:=7\n$a{5}:=9\nvar $f; $l : Integer\n"
    assert run(code + "$b:=Find in sorted array($a;3;>;$f;$l)\nreturn String($b)+String($f)+String($l)") == "True23"
    assert run(code + "$b:=Find in sorted array($a;5;>;$f;$l)\nreturn String($b)+String($f)") == "False4"
    # find-in-sorted-array.md example 1: insert at posFirst keeps the order
    code += "If(Not(Find in sorted array($a;8;>;$f)))\nINSERT IN ARRAY($a;$f)\n$a{$f}:=8\nEnd if\nreturn JSON Stringify array($a)"
    assert run(code) == "[1,3,3,7,8,9]"


def test_sort_array(run):
    code = 'ARRAY TEXT($n;3)\nARRAY LONGINT($id;3)\n$n{1}:="bob"\n$n{2}:="Al"\n$n{3}:="cy"\n$id{1}:=1\n$id{2}:=2\n$id{3}:=3\n'
    assert (
        run(code + "SORT ARRAY($n;$id;>)\nreturn JSON Stringify array($n)+JSON Stringify array($id)")
        == '["Al","bob","cy"][2,1,3]'
    )
    assert run(code + "SORT ARRAY($n;$id;<)\nreturn JSON Stringify array($id)") == "[3,1,2]"
    assert run(code + "SORT ARRAY($id)\nreturn JSON Stringify array($id)") == "[1,2,3]"
    with pytest.raises(FourDError):
        run("ARRAY TEXT($a;2)\nARRAY TEXT($b;3)\nSORT ARRAY($a;$b;>)")


def test_multi_sort_array(run):
    # multi-sort-array.md example 1: cities ascending, then salaries descending; names synchronized
    code = """ARRAY TEXT(cities;4)
ARRAY LONGINT(salaries;4)
ARRAY TEXT(names;4)
cities{1}:="Paris"
cities{2}:="Lyon"
cities{3}:="Paris"
cities{4}:="Lyon"
salaries{1}:=10
salaries{2}:=20
salaries{3}:=30
salaries{4}:=5
names{1}:="a"
names{2}:="b"
names{3}:="c"
names{4}:="d"
"""
    assert (
        run(code + "MULTI SORT ARRAY(cities;>;salaries;<;names)\nreturn JSON Stringify array(names)")
        == '["b","d","c","a"]'
    )
    # second syntax: pointers and directions
    code2 = code + "ARRAY POINTER($p;3)\nARRAY LONGINT($s;3)\n$p{1}:=->cities\n$p{2}:=->salaries\n$p{3}:=->names\n"
    code2 += "$s{1}:=1\n$s{2}:=1\n$s{3}:=0\nMULTI SORT ARRAY($p;$s)\nreturn JSON Stringify array(names)"
    assert run(code2) == '["d","b","a","c"]'
    with pytest.raises(FourDError):
        run(code + "MULTI SORT ARRAY(cities;salaries)")


def test_copy_array(run):
    code = 'ARRAY TEXT(C;2)\nC{1}:="x"\nCOPY ARRAY(C;D)\nD{1}:="y"\nreturn C{1}+D{1}+String(Size of array(D))'
    assert run(code) == "xy2"
    code = "ARRAY REAL($r;1)\n$r{1}:=2.6\nARRAY LONGINT($l;0)\nCOPY ARRAY($r;$l)\nreturn Type($l)*100+$l{1}"
    assert run(code) == 1603  # the destination keeps its (LongInt) type


def test_arrays_through_pointers(run):
    code = 'ARRAY TEXT($a;0)\n$p:=->$a\nAPPEND TO ARRAY($p->;"")\nAPPEND TO ARRAY($p->;"x")\n'
    code += '$i:=Find in array($p->;"")\nDELETE FROM ARRAY($p->;$i)\nreturn Size of array($p->)'
    assert run(code) == 1


def test_collection_to_array(run):
    # collection-to-array.md examples 1 and 2
    code = '$fruits:=New collection("Orange";"Banana";"Apple";"Grape")\nARRAY TEXT($art;0)\nCOLLECTION TO ARRAY($fruits;$art)\n'
    assert run(code + "return $art{2}+String(Size of array($art))") == "Banana4"
    code = """$col:=New collection
ARRAY TEXT($city;0)
ARRAY LONGINT($zipCode;0)
$col.push(New object("name";"Cleveland";"zc";35049))
$col.push(New object("name";"Blountsville";"zc";35031))
COLLECTION TO ARRAY($col;$city;"name";$zipCode;"zc")
return $city{2}+String($zipCode{1})"""
    assert run(code) == "Blountsville35049"
    assert (
        run('ARRAY TEXT($t;0)\nCOLLECTION TO ARRAY(New collection(1;Null;"a");$t)\nreturn JSON Stringify array($t)')
        == '["1","","a"]'
    )


def test_array_to_collection(run):
    # array-to-collection.md examples 1 and 3
    code = '$c:=New collection(9;9;9;9;9)\nARRAY TEXT($a;2)\n$a{1}:="Orange"\n$a{2}:="Banana"\nARRAY TO COLLECTION($c;$a)\nreturn JSON Stringify($c)'
    assert run(code) == '["Orange","Banana"]'
    code = 'ARRAY TEXT($at;1)\nAPPEND TO ARRAY($at;"Apple")\n$s:=New shared collection\nUse($s)\nARRAY TO COLLECTION($s;$at)\nEnd use\nreturn JSON Stringify($s)'
    assert run(code) == '["","Apple"]'
    code = 'ARRAY TEXT($c1;2)\nARRAY LONGINT($z;2)\n$c1{1}:="Cleveland"\n$z{1}:=35049\n$col:=New collection\nARRAY TO COLLECTION($col;$c1;"cityName";$z;"Zip")\nreturn JSON Stringify($col[0])'
    assert run(code) == '{"cityName":"Cleveland","Zip":35049}'


def test_clear_variable_on_array(run):
    assert run("ARRAY TEXT($a;3)\nCLEAR VARIABLE($a)\nreturn Size of array($a)") == 0
