"""Collection member functions; expectations come from the examples of API/CollectionClass.md."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError
from fourd.runtime.values import UNDEFINED

CITIES = """
$c:=New collection
$c.push(New object("name";"Cleveland";"zc";35049))
$c.push(New object("name";"Blountsville";"zc";35031))
$c.push(New object("name";"Adger";"zc";35006))
$c.push(New object("name";"Clanton";"zc";35046))
$c.push(New object("name";"Clanton";"zc";35045))
"""


def js(run, code: str, *args) -> str:
    """Run ``code`` (which sets $r) and return JSON Stringify($r)."""
    return run(code + "\nreturn JSON Stringify($r)", *args)


# -- adding and removing (CollectionClass.md: .push, .pop, .shift, .unshift, .insert, .remove…)


def test_push_pop(run):
    assert (
        js(run, '$r:=New collection(1;2)\n$r.push(3)\n$r.push(6;New object("firstname";"John"))')
        == '[1,2,3,6,{"firstname":"John"}]'
    )
    assert run('$s:=New collection(1;2)\n$x:=$s.pop()\nreturn String($x)+" "+JSON Stringify($s)') == "2 [1]"
    assert run.value("New collection.pop()") is UNDEFINED


def test_push_then_sort_returns_same_collection(run):
    # .push example 2: $col.push(7;50).sort() sorts the original
    assert (
        js(run, "$col:=New collection(5;3;9)\n$s:=$col.push(7;50).sort()\n$r:=New collection($col=$s;$col)")
        == "[true,[3,5,7,9,50]]"
    )


def test_shift_unshift(run):
    assert js(run, "$r:=New collection(1;2;4;5;6;7;8)\n$v:=$r.shift()\n$r.push($v)") == "[2,4,5,6,7,8,1]"
    assert js(run, "$r:=New collection(1;2)\n$r.unshift(4)\n$r.unshift(5)\n$r.unshift(6;7)") == "[6,7,5,4,1,2]"


def test_insert(run):
    code = '$r:=New collection("a";"b";"c";"d")\n$r.insert(2;"X")\n$r.insert(-2;"Y")\n$r.insert(-10;"Hi")'
    assert js(run, code) == '["Hi","a","b","X","Y","c","d"]'


def test_remove(run):
    code = '$r:=New collection("a";"b";"c";"d";"e";"f";"g";"h")\n$r.remove(3)\n$r.remove(3;2)\n$r.remove(-8;1)\n$r.remove(-3;1)'
    assert js(run, code) == '["b","g","h"]'
    assert js(run, "$r:=New collection\n$r.remove(0)") == "[]"


def test_length_and_clear(run):
    assert run.value('New collection("one";"two";"three").remove(0;3).length') == 0
    assert run('$c:=New collection("one";"two";"three")\n$c[4]:="five"\nreturn $c.remove(0;3).length') == 2
    assert run("$c:=New collection(1;2;5)\n$c.clear()\nreturn $c.length") == 0


def test_combine_concat(run):
    code = '$r:=New collection(1;2;3;4;5;6)\n$r.combine(New collection("Orange";"Banana";"Apple";"Grape");3)'
    assert js(run, code) == '[1,2,3,"Orange","Banana","Apple","Grape",4,5,6]'
    code = '$c:=New collection(1;2;3;4;5)\n$f:=New collection("Orange")\n$f.push(New object("Intruder";"Tomato"))\n$r:=$c.concat($f)'
    assert js(run, code) == '[1,2,3,4,5,"Orange",{"Intruder":"Tomato"}]'
    assert js(run, "$c:=New collection(1;2;3;4;5)\n$r:=$c.concat(6;7;8)\n$r.push($c.length)") == "[1,2,3,4,5,6,7,8,5]"


def test_fill(run):
    code = '$r:=New collection(1;2;3;"Lemon";Null;"";4;5)\n$r.fill("2")\n$r.fill("Hello";5)\n$r.fill(0;1;5)\n$r.fill("world";1;-5)'
    assert js(run, code) == '["2","world","world",0,0,"Hello","Hello","Hello"]'


def test_resize(run):
    assert js(run, "$r:=New collection\n$r.resize(3)") == "[null,null,null]"
    assert js(run, "$r:=New collection\n$r.resize(3;0)") == "[0,0,0]"
    assert (
        js(run, '$r:=New collection(1;2;3;4;5)\n$r.resize(7;New object("name";"X"))')
        == '[1,2,3,4,5,{"name":"X"},{"name":"X"}]'
    )
    assert js(run, "$r:=New collection(1;2;3;4;5)\n$r.resize(2)") == "[1,2]"


# -- copies


def test_slice_reverse_flat(run):
    assert (
        js(
            run,
            "$c:=New collection(1;2;3;4;5)\n$r:=New collection($c.slice(0;3);$c.slice(3);$c.slice(1;-1);$c.slice(-3;-2))",
        )
        == "[[1,2,3],[4,5],[2,3,4],[3]]"
    )
    assert js(run, "$r:=New collection(1;3;5;2;4;6).reverse()") == "[6,4,2,5,3,1]"
    assert js(run, "$r:=New collection(1;2;New collection(3;4;New collection(5;6))).flat()") == "[1,2,3,4,[5,6]]"
    assert js(run, "$r:=New collection(1;2;New collection(3;4;New collection(5;6))).flat(2)") == "[1,2,3,4,5,6]"
    assert (
        js(run, "$r:=New collection(1;New collection(2;New collection(3;New collection(4)))).flat(MAXLONG)")
        == "[1,2,3,4]"
    )


def test_copy_is_deep(run):
    code = '$c:=New collection(New object("a";1))\n$r:=$c.copy()\n$r[0].a:=2\n$r.push($c[0].a)'
    assert js(run, code) == '[{"a":2},1]'


def test_copy_resolves_pointers(run):
    # .copy example 4
    code = """
var $p : Pointer
$what:=""
$p:=->$what
$col:=New collection
$col.push(New object("alpha";"Hello";"num";1))
$col.push(New object("beta";"You";"what";$p))
$col2:=$col.copy()
$col2[1].beta:="World!"
$a:=$col[0].alpha+" "+$col2[1].beta
$what:="You!"
$col3:=$col2.copy(ck resolve pointers)
return $a+"/"+$col3[0].alpha+" "+$col3[1].what
"""
    assert run(code) == "Hello World!/Hello You!"


def test_copy_shared_and_group_with(run):
    code = """
$sharedColl1:=New shared collection(New shared object("lastname";"Smith"))
$sharedColl2:=New shared collection(New shared object("lastname";"Brown"))
$copyColl:=$sharedColl1.copy(ck shared;$sharedColl2)
Use($sharedColl2)
    $sharedColl2.combine($copyColl)
End use
return OB Is shared($copyColl) & OB Is shared($copyColl[0]) & ($sharedColl2.length=2)
"""
    assert run(code) is True
    assert run.value("OB Is shared(New collection(1).copy(ck shared))") is True
    assert run.value("OB Is shared(New shared collection(1).copy())") is False


def test_copy_shared_rejects_pointers(run):
    with pytest.raises(FourDError) as e:
        run("$x:=1\n$c:=New collection(->$x)\n$d:=$c.copy(ck shared)")
    assert e.value.code == -10721


# -- reading and searching


def test_at_first_last(run):
    assert run.value("New collection(10;20;30;40;50).at(-2)") == 40
    assert run.value("New collection(10;20;30;40;50).at(1)") == 20
    assert run.value("New collection(10;20;30;40;50).at(10)") is UNDEFINED
    assert run.value('New collection(10;20;30;"hello";50).first()') == 10
    assert run.value('New collection(10;20;30;"hello";50).last()') == 50
    assert run.value("New collection().first()") is UNDEFINED
    assert run.value("New collection().last()") is UNDEFINED


def test_join(run):
    assert run.value('New collection(1;2;3;"Paris";Null;"";4;5).join("|")') == "1|2|3|Paris|null||4|5"
    assert run.value('New collection(1;2;3;"Paris";Null;"";4;5).join("|";ck ignore null or empty)') == "1|2|3|Paris|4|5"


@pytest.mark.parametrize(
    "expr,expected",
    [("$col.indexOf(3)", 4), ("$col.indexOf(5;5)", 9), ('$col.indexOf("al@")', 5), ('$col.indexOf("Hello")', -1)],
)
def test_index_of(run, expr, expected):
    assert run(f'$col:=New collection(1;2;"Henry";5;3;"Albert";6;4;"Alan";5)\nreturn {expr}') == expected


def test_includes(run):
    code = '$obj:=New object("value";10)\n$col:=New collection(1;2;"Henry";5;3;"Albert";6;4;"Alan";5;$obj)\n'
    code += 'return New collection($col.includes(3);$col.includes(5;6);$col.includes("al@");$col.includes("Hello");$col.includes($obj);$col.includes(New object("value";10)))'
    assert [bool(x) for x in run(code).items] == [True, True, True, False, True, False]


def test_last_index_of(run):
    code = (
        '$col:=Split string("a,b,c,d,e,f,g,h,i,j,e,k,e";",")\n'
        if False
        else '$col:=New collection("a";"b";"c";"d";"e";"f";"g";"h";"i";"j";"e";"k";"e")\n'
    )
    code += 'return New collection($col.lastIndexOf("e");$col.lastIndexOf("e";6);$col.lastIndexOf("e";15);$col.lastIndexOf("e";-2);$col.lastIndexOf("x"))'
    assert run(code).items == [12, 4, 12, 10, -1]


def test_count_and_count_values(run):
    code = '$col:=New collection(20;30;Null;40)\n$col.push(New object("name";"Smith";"salary";10000))\n'
    code += (
        '$col.push(New object("name";"Wesson";"salary";50000))\n$col.push(New object("name";"Gross";"salary";10500))\n'
    )
    code += '$col.push(New object("lastName";"Henry";"salary";12000))\nreturn New collection($col.count();$col.count("name"))'
    assert run(code).items == [7, 3]
    assert run.value("New collection(1;2;5;5;5;3;6;4).countValues(5)") == 3
    code = '$letters:=New collection("a";"b";"c")\nreturn New collection(1;2;$letters;3;4;5).countValues($letters)'
    assert run(code) == 1
    code = '$c:=New collection(New object("age";5);New object("age";2);New object("age";5))\nreturn $c.countValues(5;"age")'
    assert run(code) == 2


def test_sum_average_min_max(run):
    assert run.value('New collection(10;20;"Monday";True;2).sum()') == 32
    assert run.value('New collection(10;20;"Monday";True;6).average()') == 12
    assert run.value("New collection().average()") is UNDEFINED
    assert run.value("New collection().sum()") == 0
    code = '$col:=New collection(200;150;55)\n$col.push(New object("name";"Smith";"salary";10000))\n'
    code += '$col.push(New object("name";"Wesson";"salary";50000))\n$col.push(New object("name";"Alabama";"salary";10500))\n'
    code += '$r:=New collection($col.max();$col.max("salary");$col.max("name");$col.min();$col.min("salary");$col.min("name");$col.average("salary"))'
    assert js(run, code) == '[{"name":"Alabama","salary":10500},50000,"Wesson",55,10000,"Alabama",23500]'
    assert run.value("New collection().max()") is UNDEFINED


def test_distinct(run):
    code = '$c:=New collection\n$c.push("a";"b";"c";"A";"B";"c";"b";"b")\n'
    code += '$c.push(New object("size";1))\n$c.push(New object("size";3))\n$c.push(New object("size";1))\n'
    assert js(run, code + "$r:=$c.distinct()") == '["a","b","c",{"size":1},{"size":3},{"size":1}]'
    assert js(run, code + "$r:=$c.distinct(ck diacritical)") == '["a","A","b","B","c",{"size":1},{"size":3},{"size":1}]'
    assert js(run, code + '$r:=$c.distinct("size")') == "[1,3]"
    assert js(run, code + '$r:=$c.distinct("size";ck count values)') == '[{"value":1,"count":2},{"value":3,"count":1}]'


def test_equal(run):
    cases = [
        (
            'New collection(New object("a";1;"b";"orange");2;3)',
            'New collection(New object("a";1;"b";"orange");2;3;4)',
            "",
            False,
        ),
        (
            'New collection(New object("1";"a";"b";"orange");2;3)',
            'New collection(New object("a";1;"b";"orange");2;3)',
            "",
            False,
        ),
        (
            'New collection(New object("a";1;"b";"orange");2;3)',
            'New collection(New object("a";1;"b";"ORange");2;3)',
            "",
            True,
        ),
        (
            'New collection(New object("a";1;"b";"orange");2;3)',
            'New collection(New object("a";1;"b";"ORange");2;3)',
            ";ck diacritical",
            False,
        ),
    ]
    for left, right, option, expected in cases:
        assert run.value(f"{left}.equal({right}{option})") is expected
    assert run.value('New collection("a@").equal(New collection("abc"))') is False  # no wildcard in .equal()


# -- callbacks


def test_map_with_formula_and_extra_parameter(run, formula):
    # .map example: Round(($1.value/$2)*100; 2) with $c.sum()
    f = formula("Round(($1.value/$2)*100; 2)")
    assert js(run, "$c:=New collection(1;4;9;10;20)\n$r:=$c.map($1;$c.sum())", f) == "[2.27,9.09,20.45,22.73,45.45]"


def test_filter_find_find_index(run, formula):
    f = formula("(Value type($1.value)=Is text) && (Length($1.value)<$2)")
    code = '$col:=New collection("hello";"world";"red horse";66;"tim";"san jose";"miami")\n$r:=$col.filter($1;6)'
    assert js(run, code, f) == '["hello","world","tim","miami"]'
    code = '$col:=New collection("hello";"world";4;"red horse";"tim";"san jose")\nreturn $col.find($1;5)'
    assert run(code, f) == "tim"
    g = formula("$1.value.name=$2")
    assert run(
        CITIES
        + 'return New collection($c.findIndex($1;"Clanton");$c.findIndex(4;$1;"Clanton");$c.findIndex($1;"Paris"))',
        g,
    ).items == [3, 4, -1]
    assert js(run, CITIES + '$r:=$c.find($1;"Clanton")', g) == '{"name":"Clanton","zc":35046}'
    assert run(CITIES + '$r:=$c.find($1;"Paris")\nreturn Undefined($r)', g) is True


def test_every_some(run, formula):
    f = formula("$1.value>0")
    assert run(
        "$c:=New collection(5;3;1;4;6;2)\n$a:=$c.every($1)\n$c.push(-1)\nreturn New collection($a;$c.every($1))", f
    ).items == [True, False]
    code = "$c:=New collection(-5;-3;-1)\n$a:=$c.some($1)\n$c.push(1)\n$d:=New collection(1;-5;-3)\n"
    code += "return New collection($a;$c.some($1);$d.some($1);$d.some(1;$1))"
    assert run(code, f).items == [False, True, True, False]


def test_callback_stop(run, formula):
    f = formula("$1.value*10", statement=False)
    g = formula("$1.result:=$1.value*10\n$1.stop:=($1.value=2)", statement=True)
    assert js(run, "$r:=New collection(1;2;3).map($1)", f) == "[10,20,30]"
    assert js(run, "$r:=New collection(1;2;3).map($1)", g) == "[10,20]"


def test_callbacks_with_method_names(run):
    run.runtime.methods.add_source("Positive", "#DECLARE($e : Object)\n$e.result:=$e.value>0")
    run.runtime.methods.add_source("Twice", "#DECLARE($e : Object; $k : Real)\n$e.result:=$e.value*$k")
    run.runtime.methods.add_source(
        "Flatten", "If($1.accumulator=Null)\n$1.accumulator:=New collection\nEnd if\n$1.accumulator.combine($1.value)"
    )
    assert js(run, '$r:=New collection(-1;2;-3;4).filter("Positive")') == "[2,4]"
    assert js(run, '$r:=New collection(1;2).map("Twice";3)') == "[3,6]"
    code = "$c:=New collection(New collection(0;1);New collection(2;3);New collection(4;5);New collection(6;7))\n"
    assert js(run, code + '$r:=$c.reduce("Flatten")') == "[0,1,2,3,4,5,6,7]"
    assert js(run, code + '$r:=$c.reduceRight("Flatten")') == "[6,7,4,5,2,3,0,1]"


def test_reduce_with_formula(run, formula):
    f = formula("$1.accumulator*=$1.value", statement=True)
    assert run("return New collection(5;3;5;1;3;4;4;6;2;2).reduce($1;1)", f) == 86400
    assert run("return New collection(5;3;5;1;3;4;4;6;2;2).reduceRight($1;1)", f) == 86400


def test_flat_map(run, formula):
    f = formula("New collection($1.value*2)")
    assert js(run, "$r:=New collection(1;2;3;4).map($1)", f) == "[[2],[4],[6],[8]]"
    assert js(run, "$r:=New collection(1;2;3;4).flatMap($1)", f) == "[2,4,6,8]"


def test_unknown_callback_method_is_a_4d_error(run):
    with pytest.raises(FourDError) as e:
        run('$r:=New collection(1).map("NoSuchMethod")')
    assert e.value.code == -10601
    with pytest.raises(FourDError):
        run("$r:=New collection(1).map(12)")


# -- sorting


def test_sort_default_orders_types(run):
    # .sort example 1: strings before numbers
    code = '$col:=New collection("Tom";5;"Mary";3;"Henry";1;"Jane";4;"Artie";6;"Chip";2)\n$r:=$col.sort()'
    assert js(run, code) == '["Artie","Chip","Henry","Jane","Mary","Tom",1,2,3,4,5,6]'
    assert js(run, "$r:=New collection(10;20).push(5;3;1;4;6;2).sort()") == "[1,2,3,4,5,6,10,20]"
    assert (
        js(run, '$r:=New collection(3;Null;True;!2020-01-01!;"b";"a").sort()') == '[null,true,"a","b",3,"2020-01-01"]'
    )
    assert js(run, "$r:=New collection(3;1;2).sort(ck descending)") == "[3,2,1]"


def test_sort_with_formula_and_method(run, formula):
    f = formula("String($1.value)<String($1.value2)")
    assert js(run, "$r:=New collection(33;4;66;1111;222).sort($1)", f) == "[1111,222,33,4,66]"
    run.runtime.methods.add_source("Desc", "$1.result:=$1.value>$1.value2")
    assert js(run, '$r:=New collection(1;3;2).sort("Desc")') == "[3,2,1]"


def test_order_by(run):
    code = '$c:=New collection\n$c.push(New object("id";1;"value";5))\n$c.push(New object("id";2;"value";9))\n$c.push(New object("id";3;"value";5))\n'
    assert js(run, code + '$r:=$c.orderBy("value desc, id").extract("id")') == "[2,1,3]"
    assert js(run, code + '$r:=$c.orderBy("value desc, id desc").extract("id")') == "[2,3,1]"
    crit = '$crit:=New collection(New object("propertyPath";"value";"descending";True);New object("propertyPath";"id";"descending";True))\n'
    assert js(run, code + crit + '$r:=$c.orderBy($crit).extract("id")') == "[2,3,1]"
    phones = '$c:=New collection\n$c.push(New object("name";"Cleveland";"phones";New object("p1";"01";"p2";"02")))\n'
    phones += '$c.push(New object("name";"Blountsville";"phones";New object("p1";"00";"p2";"03")))\n'
    assert js(run, phones + '$r:=$c.orderBy("phones.p1 asc").extract("name")') == '["Blountsville","Cleveland"]'
    assert js(run, '$r:=New collection("33";"4";"1111";"222").orderBy()') == '["1111","222","33","4"]'
    assert js(run, "$r:=New collection(1;3;2).orderBy(ck descending)") == "[3,2,1]"
    assert run("$c:=New collection(3;1)\n$d:=$c.orderBy()\nreturn $c[0]") == 3  # not modified


def test_order_by_method(run, formula):
    f = formula("Num($1.value)<Num($1.value2)")
    assert js(run, '$r:=New collection("33";"4";"1111";"222").orderByMethod($1)', f) == '["4","33","222","1111"]'
    g = formula("Length(String($1.value))>Length(String($1.value2))")
    code = '$r:=New collection("Orange";"Apple";"Grape";"pear";"Banana";"fig";"Blackberry";"Passion fruit").orderByMethod($1)'
    assert js(run, code, g) == '["Passion fruit","Blackberry","Orange","Banana","Apple","Grape","pear","fig"]'


def test_multi_sort(run, formula):
    code = '$col:=New collection("A";"C";"B")\n$col2:=New collection(1;2;3)\n'
    code += '$col3:=New collection(New collection("Jim");New collection("blue");New collection("11"))\n$col.multiSort(New collection($col2;$col3))\n'
    assert js(run, code + "$r:=New collection($col;$col2;$col3)") == '[["A","B","C"],[1,3,2],[["Jim"],["11"],["blue"]]]'
    code = '$city:=New collection("Paris";"Lyon";"Rabat";"Eching";"San Diego")\n'
    code += '$country:=New collection("France";"France";"Morocco";"Germany";"US")\n'
    code += '$continent:=New collection("Europe";"Europe";"Africa";"Europe";"America")\n'
    code += '$continent.multiSort(New collection($country;New object("collection";$city;"order";ck ascending)))\n'
    expected = '[["Africa","America","Europe","Europe","Europe"],["Morocco","US","France","France","Germany"],["Rabat","San Diego","Lyon","Paris","Eching"]]'
    assert js(run, code + "$r:=New collection($continent;$country;$city)") == expected
    f = formula("$1.value.firstname<$1.value2.firstname")
    code = '$name:=New collection(New object("firstname";"John";"n";1);New object("firstname";"Alain";"n";2);New object("firstname";"Jane";"n";3);New object("firstname";"John";"n";4))\n'
    code += '$address:=New collection(New object("city";"Paris");New object("city";"Lyon");New object("city";"Eching");New object("city";"Berlin"))\n'
    code += "$name.multiSort($1;New collection($address))\n"
    expected = '[[2,3,1,4],["Lyon","Eching","Paris","Berlin"]]'
    assert js(run, code + '$r:=New collection($name.extract("n");$address.extract("city"))', f) == expected
    with pytest.raises(FourDError):
        run("$a:=New collection(1;2)\n$a.multiSort(New collection(New collection(1)))")


# -- extract and query


def test_extract(run):
    code = '$c:=New collection\n$c.push(New object("name";"Cleveland"))\n$c.push(New object("zip";5321))\n$c.push(New object("name";"Blountsville"))\n$c.push(42)\n'
    assert js(run, code + '$r:=$c.extract("name")') == '["Cleveland","Blountsville"]'
    assert js(run, code + '$r:=$c.extract("name";ck keep null)') == '["Cleveland",null,"Blountsville",null]'
    code = '$c:=New collection\n$c.push(New object("zc";35060))\n$c.push(New object("name";Null;"zc";35049))\n$c.push(New object("name";"Cleveland";"zc";35049))\n'
    assert js(run, code + '$r:=$c.extract("name";"City")') == '[{"City":null},{"City":"Cleveland"}]'
    assert (
        js(run, code + '$r:=$c.extract("name";"City";"zc";"Zip")')
        == '[{"Zip":35060},{"City":null,"Zip":35049},{"City":"Cleveland","Zip":35049}]'
    )


def test_query_and_indices(run):
    assert js(run, CITIES + '$r:=$c.query("name = :1";"Cleveland")') == '[{"name":"Cleveland","zc":35049}]'
    assert js(run, CITIES + '$r:=$c.query("zc > 35040").extract("zc")') == "[35049,35046,35045]"
    assert js(run, CITIES + '$r:=$c.indices("name = :1";"Cleveland")') == "[0]"
    assert js(run, CITIES + '$r:=$c.indices("zc > 35040")') == "[0,3,4]"
    assert js(run, CITIES + '$r:=$c.indices(":1=:2";"name";"adger")') == "[2]"
    assert js(run, CITIES + "$r:=$c.indices(\"name = 'Clanton' and zc < 35046\")") == "[4]"
    assert js(run, CITIES + "$r:=$c.indices(\"(name = 'Clanton' or name = 'Adger') and not(zc = 35045)\")") == "[2,3]"
    assert js(run, CITIES + "$r:=$c.indices(\"name in ['Adger', 'Cleveland']\")") == "[0,2]"
    assert js(run, CITIES + '$r:=$c.indices("name in :1";New collection("Adger";"Clanton"))') == "[2,3,4]"
    assert js(run, CITIES + '$r:=$c.indices("name === :1";"clanton")') == "[3,4]"
    assert (
        js(
            run,
            CITIES
            + '$r:=$c.indices(":att = :v";New object("attributes";New object("att";"name");"parameters";New object("v";"C@")))',
        )
        == "[0,3,4]"
    )


def test_query_wildcards_null_dates(run):
    people = """
$c:=New collection
$c.push(New object("name";"Smith";"dateHired";!2002-05-22!;"age";45))
$c.push(New object("name";"Wesson";"dateHired";!2017-11-30!))
$c.push(New object("name";"Winch";"dateHired";!2018-05-16!;"age";36))
$c.push(New object("name";"Sterling";"dateHired";!1999-05-10!;"age";Null))
$c.push(New object("name";"Mark";"dateHired";!2002-01-01!))
"""
    assert js(run, people + '$r:=$c.query("name = :1";"@in@").extract("name")') == '["Winch","Sterling"]'
    assert js(run, people + '$r:=$c.query("name # :1";"W@").extract("name")') == '["Smith","Sterling","Mark"]'
    assert js(run, people + '$r:=$c.query("age=null").extract("name")') == '["Wesson","Sterling","Mark"]'
    assert (
        js(run, people + '$r:=$c.query("dateHired < :1";!2010-01-01!).extract("name")') == '["Smith","Sterling","Mark"]'
    )
    assert js(run, people + '$r:=$c.query("dateHired < 2002-02-01").extract("name")') == '["Sterling","Mark"]'


def test_query_object_reference(run):
    code = '$o1:=New object("a";1)\n$o2:=New object("a";1)\n$col:=New collection(New object("o";$o1);New object("o";$o2);New object("o";$o1))\n'
    code += 'return $col.query("o = :v";New object("parameters";New object("v";$o1))).length'
    assert run(code) == 2


def test_query_errors_are_4d_errors(run):
    with pytest.raises(FourDError) as e:
        run(CITIES + '$r:=$c.query("name = :2";"x")')
    assert e.value.code == -10763
    with pytest.raises(FourDError) as e:
        run(CITIES + '$r:=$c.query("name")')
    assert e.value.code == -10762


def test_query_children_collection_path(run):
    code = '$c:=New collection(New object("n";1;"kids";New collection(New object("age";3);New object("age";12)));New object("n";2;"kids";New collection(New object("age";5))))\n'
    assert js(run, code + '$r:=$c.query("kids[].age > 10").extract("n")') == "[1]"


# -- shared collections


def test_shared_collection_functions_take_the_lock(run):
    code = "$s:=New shared collection(3;1;2)\n$s.push(4)\n$s.sort()\n$s.remove(0)\n$s.unshift(0)\n$r:=$s"
    assert js(run, code) == "[0,2,3,4]"


def test_shared_results_stay_shared(run):
    assert run.value("OB Is shared(New shared collection(1;2).slice(1))") is True
    assert run.value("OB Is shared(New shared collection(1;2).orderBy())") is True
    assert run.value("OB Is shared(New collection(1;2).slice(1))") is False


def test_shared_collection_rejects_plain_objects(run):
    with pytest.raises(FourDError) as e:
        run('$s:=New shared collection\n$s.push(New object("a";1))')
    assert e.value.code == -10721


@pytest.mark.parametrize(
    "code",
    [
        "$c.insert()",
        "$c.at()",
        "$c.remove(1;2;3)",
        "$c.map()",
        "$c.filter(12)",
        '$c.slice("a")',
        "$c.orderBy(True)",
        "$c.query(5)",
    ],
)
def test_bad_calls_are_4d_errors(run, code):
    with pytest.raises(FourDError) as e:
        run(f"$c:=New collection(1;2)\n$x:={code}")
    assert e.value.code in (-10602, -10603)
