"""JSON theme; expectations from commands/json-*.md examples (with fourd's date setting: date type)."""

from __future__ import annotations

import json

import pytest

from fourd.runtime.errors import FourDError
from fourd.runtime.values import Collection4D, Date4D, Object4D, Time4D


def test_stringify_scalars(run):
    # json-stringify.md example 1 (times in seconds; dates in the "date type" setting)
    assert run.value('JSON Stringify("Eureka!")') == '"Eureka!"'
    assert run.value("JSON Stringify(120)") == "120"
    assert run.value("JSON Stringify(?20:00:00?)") == "72000"
    assert run.value("JSON Stringify(!2013-08-28!)") == '"2013-08-28"'
    assert run.value("JSON Stringify(1/3)") == "0.333333333333333"
    assert run.value("JSON Stringify(Null)") == "null"


def test_stringify_special_characters_round_trip(run):
    # json-stringify.md example 2
    s = run.value('JSON Stringify("{\\"name\\":\\"john\\"}")')
    assert s == '"{\\"name\\":\\"john\\"}"'
    assert run(f"return JSON Parse({json.dumps(s)})") == '{"name":"john"}'


def test_stringify_pretty(run):
    # json-stringify.md example 3
    code = 'OB SET($Contact;"lastname";"Monroe";"firstname";"Alan")\nOB SET($Children;"firstname";"Jim";"age";"12")\n'
    code += 'OB SET($Contact;"children";$Children)\nreturn JSON Stringify($Contact;*)'
    expected = '{\n\t"lastname": "Monroe",\n\t"firstname": "Alan",\n\t"children": {\n\t\t"firstname": "Jim",\n\t\t"age": "12"\n\t}\n}'
    assert run(code) == expected
    assert run.value("JSON Stringify(New collection(1;New collection);*)") == "[\n\t1,\n\t[]\n]"


def test_stringify_collection(run):
    # json-stringify.md example 7 (date type setting)
    assert run.value('JSON Stringify(New collection(33;"mike";!2017-08-28!;False))') == '[33,"mike","2017-08-28",false]'


def test_parse_simple_values(run):
    # json-parse.md example 1
    assert run.value('JSON Parse("42.17")') == 42.17
    assert run('var $el : Integer\n$el:=JSON Parse("120.13";Is longint)\nreturn $el') == 120
    assert run.value('JSON Parse("\\"Year 42\\"";Is text)') == "Year 42"
    o = run.value('JSON Parse("{\\"name\\":\\"john\\"}")')
    assert isinstance(o, Object4D) and o.props == {"name": "john"}
    assert run.value('JSON Parse("{\\"manager\\":true}";Is Boolean)') is True
    assert run.value('JSON Parse("5120";Is time)') == Time4D(5120)


def test_parse_dates(run):
    # json-parse.md examples 2 and 3
    assert run.value('JSON Parse("\\"1990-12-25T12:00:00Z\\"")') == "1990-12-25T12:00:00Z"
    assert run.value('JSON Parse("\\"2008-01-01T12:00:00Z\\"";Is date)') == Date4D(2008, 1, 1)
    code = 'var $o : Object\n$o:=JSON Parse("{\\"name\\":\\"Marcus\\",\\"birthday\\":\\"2017-10-16\\"}")\nreturn $o.birthday'
    assert run(code) == Date4D(2017, 10, 16)


def test_parse_collection_and_numbers(run):
    c = run.value('JSON Parse("[\\"Monday\\",10,\\"Tuesday\\",11,false]")')
    assert isinstance(c, Collection4D) and c.items == ["Monday", 10.0, "Tuesday", 11.0, False]
    assert type(c.items[1]) is float


def test_parse_errors(run):
    with pytest.raises(FourDError) as e:
        run.value('JSON Parse("{bad")')
    assert e.value.code == -10730
    with pytest.raises(FourDError):
        run.value('JSON Parse("NaN")')


def test_parse_symbols(run):
    # json-parse.md example 6
    text = '{\\n    \\"alpha\\": 4552,\\n    \\"beta\\": [\\n        {\\n            \\"echo\\": 45,\\n            \\"delta\\": \\"text1\\" \\n        },\\n'
    text += '        {\\n            \\"echo\\": 52,\\n            \\"golf\\": \\"text2\\" \\n        }\\n    ]\\n}'
    result = run(f'$o:=JSON Parse("{text}";Is object;*)\nreturn JSON Stringify($o.__symbols)')
    assert json.loads(result) == {
        "alpha": {"line": 2, "offset": 4},
        "beta": {"line": 3, "offset": 4},
        "beta[0].echo": {"line": 5, "offset": 12},
        "beta[0].delta": {"line": 6, "offset": 12},
        "beta[1].echo": {"line": 9, "offset": 12},
        "beta[1].golf": {"line": 10, "offset": 12},
    }


def test_stringify_array_and_parse_array(run):
    # json-stringify-array.md examples 1-3, json-parse-array.md
    code = 'ARRAY TEXT($a;2)\n$a{1}:="John"\n$a{2}:="Jim"\nreturn JSON Stringify array($a)'
    assert run(code) == '["John","Jim"]'
    code = 'ARRAY OBJECT($arr;0)\nOB SET($j;"name";"John";"age";35)\nOB SET($m;"name";"Jim";"age";40)\n'
    code += "APPEND TO ARRAY($arr;$j)\nAPPEND TO ARRAY($arr;$m)\n$s:=JSON Stringify array($arr)\n"
    code += (
        'ARRAY OBJECT($back;0)\nJSON PARSE ARRAY($s;$back)\nreturn $s+" "+$back{2}.name+String(Size of array($back))'
    )
    assert run(code) == '[{"name":"John","age":35},{"name":"Jim","age":40}] Jim2'
    assert run.value('JSON Stringify array("x")') == '["x"]'
    code = 'ARRAY LONGINT($n;0)\nJSON PARSE ARRAY("[1,2.7,3]";$n)\nreturn String($n{3})+String(Size of array($n))'
    assert run(code) == "33"


def test_json_validate(run):
    schema = (
        'New object("type";"object";"properties";New object("name";New object("type";"string");'
        '"age";New object("type";"integer";"minimum";0));"required";New collection("name"))'
    )
    assert run.value(f'JSON Validate(New object("name";"Al";"age";3);{schema}).success') is True
    result = run(f'$r:=JSON Validate(New object("age";-1);{schema})\nreturn $r')
    errors = result.props["errors"].items
    assert result.props["success"] is False
    assert sorted(e.props["code"] for e in errors) == [5, 16]
    wrong = run(f'return JSON Validate(New object("name";5;"age";1.5);{schema})')
    assert sorted(e.props["code"] for e in wrong.props["errors"].items) == [20, 20]
    required = next(e for e in errors if e.props["code"] == 16)
    assert required.props["message"] == 'The required property "name" is missing.'
    assert required.props["jsonPath"] == "#"
    minimum = next(e for e in errors if e.props["code"] == 5)
    assert minimum.props["jsonPath"] == "#/age"


def test_json_validate_with_symbols_and_bad_schema(run):
    code = '$o:=JSON Parse("{\\n  \\"a\\": \\"x\\"\\n}";Is object;*)\n'
    code += '$r:=JSON Validate($o;New object("properties";New object("a";New object("type";"number"))))\n'
    code += 'return String($r.errors[0].line)+":"+String($r.errors[0].offset)'
    assert run(code) == "2:2"
    with pytest.raises(FourDError):
        run.value('JSON Validate(New object;New object("type";"thing"))')


def test_json_resolve_pointers(run, tmp_path):
    # json-resolve-pointers.md examples 1 and 2
    code = '$o:=New object("value";42)\n$o.myJSONPointer:=New object("$ref";"#/value")\n$r:=JSON Resolve pointers($o)\n'
    assert run(code + "return JSON Stringify($r)") == '{"value":{"value":42,"myJSONPointer":42},"success":true}'
    code = '$c:=JSON Parse("{\\"billing\\":{\\"city\\":\\"San Jose\\"},\\"shipping\\":{\\"$ref\\":\\"#/billing\\"}}")\n'
    code += "$r:=JSON Resolve pointers($c)\nreturn $c.shipping.city"
    assert run(code) == "San Jose"
    (tmp_path / "defaults.json").write_text('{"defaultRights":{"edit":true,"add":false,"delete":false}}')
    code = '$c:=New object("rights";New object("$ref";"defaults.json#/defaultRights";"delete";True;"id";456))\n'
    code += (
        f'$r:=JSON Resolve pointers($c;New object("rootFolder";"{tmp_path}";"merge";True))\nreturn JSON Stringify($c)'
    )
    assert run(code) == '{"rights":{"edit":true,"add":false,"delete":true,"id":456}}'
    code = '$c:=New object("a";New object("$ref";"#/nowhere"))\n$r:=JSON Resolve pointers($c)\nreturn $r'
    result = run(code)
    assert result.props["success"] is False and result.props["errors"].items[0].props["pointerURI"] == "#/nowhere"


def test_json_parse_utc_moment_as_date_follows_dates_inside_objects(run, monkeypatch):
    # json-parse.md example 2: in Paris, 2017-07-13T23:00Z is the 14th, unless dates are plain strings.
    import time

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        code = (
            '$d2:=JSON Parse("\\"2017-07-13T23:00:00.000Z\\"";Is date)\n'
            "SET DATABASE PARAMETER(Dates inside objects;String type without time zone)\n"
            '$d3:=JSON Parse("\\"2017-07-13T23:00:00.000Z\\"";Is date)\n'
            'return String($d2)+" "+String($d3)+" "+String(Get database parameter(Dates inside objects))'
        )
        assert run(code) == "07/14/2017 07/13/2017 0"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_set_database_parameter_unknown_selector_is_reported(run):
    with pytest.raises(FourDError):
        run("SET DATABASE PARAMETER(12345; 1)")


def test_json_stringify_follows_dates_and_times_inside_objects(run, monkeypatch):
    # json-stringify.md example 1 and set-database-parameter.md (selectors 85 and 109)
    import time

    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    try:
        code = (
            '$a:=JSON Stringify(New object("d";!28/08/2013!;"t";?20:00:00?))\n'
            "SET DATABASE PARAMETER(Times inside objects;Times in milliseconds)\n"
            "SET DATABASE PARAMETER(Dates inside objects;String type with time zone)\n"
            "$b:=JSON Stringify(New collection(!28/08/2013!;!28/01/2013!))+JSON Stringify(?20:00:00?)\n"
            "SET DATABASE PARAMETER(Dates inside objects;String type without time zone)\n"
            "$c:=JSON Stringify(!28/08/2013!)\n"
            'return $a+" "+$b+" "+$c'
        )
        assert run(code) == (
            '{"d":"2013-08-28","t":72000} '
            '["2013-08-27T22:00:00.000Z","2013-01-27T23:00:00.000Z"]72000000 '
            '"2013-08-28T00:00:00.000Z"'
        )
    finally:
        monkeypatch.undo()
        time.tzset()
