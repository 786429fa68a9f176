"""Result comments: finding them, reading their values, comparing; deep equality; the corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fourd.runtime.json4d import parse as parse_json
from fourd.runtime.operators import deep_equal
from fourd.runtime.values import UNDEFINED, Collection4D, Date4D, Object4D, Time4D
from fourd.syntax.parser import parse
from fourd.tools import doctest as dt
from fourd.tools.headless import free_locals, unavailable
from fourd.tools.oracles import Approx, find_oracles, matches, parse_value, split_comment


def oracles(code: str):
    return find_oracles(code, parse(code).body, dt._has_result)


# -- values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("42", 42.0),
        ("-1.5e3", -1500.0),
        ("–124", -124.0),  # the docs' en dash
        ('"Hello \\"you\\""', 'Hello "you"'),
        ("True", True),
        ("false", False),
        ("Null", None),
        ("!2000-10-31!", Date4D(2000, 10, 31)),
        ("?25:30:00?", Time4D(91800)),
    ],
)
def test_parse_scalar_values(text, value):
    parsed, rest = parse_value(text)
    assert parsed == value and type(parsed) is type(value) and rest == ""


def test_parse_json_and_relaxed_containers():
    value, _ = parse_value('[1,"a",{"b":[true,null]}]')
    assert deep_equal(value, parse_json('[1,"a",{"b":[true,null]}]'))
    value, _ = parse_value("[{name:Cleveland,zc:35049};{name:Blountsville}]")
    assert deep_equal(value, parse_json('[{"name":"Cleveland","zc":35049},{"name":"Blountsville"}]'))
    value, _ = parse_value('{firstName: "John"; lastName: "Doe"}')
    assert value.props == {"firstName": "John", "lastName": "Doe"}


@pytest.mark.parametrize("text", ["[1,[4,5]", "{a:1", '"open', "the value"])
def test_unparsable_values_raise(text):
    with pytest.raises(ValueError):
        parse_value(text)


def test_approximate_number():
    value, _ = parse_value("2.71828...")
    assert isinstance(value, Approx)
    assert matches(value, 2.718281828459045)
    assert not matches(value, 2.17828)


def test_split_comment_ignores_slashes_in_strings():
    assert split_comment('$u:="http://x.org" // url') == ('$u:="http://x.org" ', " url")
    assert split_comment('$t:="a \\"//\\" b"') == ('$t:="a \\"//\\" b"', None)


# -- forms ---------------------------------------------------------------------------------


def test_named_forms():
    found = oracles(
        'vtResult:=Lowercase("ABC") // vtResult gets "abc"\n'
        "$c:=New collection\n"
        "$c.push(3) //$c=[3]\n"
        "$n:=2 // $n = 2\n"
        '$o:=New object("a";1) //$o: {"a":1}\n'
    )
    assert [(o.form, o.subject, o.line, o.anchor) for o in found.oracles] == [
        ("gets", "vtResult", 1, 1),
        ("equals", "$c", 3, 3),
        ("equals", "$n", 4, 4),
        ("colon", "$o", 5, 5),
    ]


def test_anonymous_forms_check_the_statement():
    found = oracles(
        "$last:=$col.last() // 50\n"
        '"Software"%"soft@" // Returns True\n'
        "$b:=$c.every($f) //returns false\n"
        "$x:=[[1;2];[3]].flat()\n"
        "// [1, 2, 3]\n"
        'ALERT("hi") // displays "hi"\n'
    )
    assert [(o.form, o.subject, o.output) for o in found.oracles] == [
        ("bare", "$last", False),
        ("returns", None, False),
        ("returns", "$b", False),
        ("json", "$x", False),
        ("displays", None, True),
    ]
    assert found.oracles[3].anchor == 4  # a comment line checks the statement before it


def test_json_spread_over_comment_lines():
    found = oracles('$o:=New object("type";"4D";"n";true)\n//{"type":"4D",\n//"n":true}\n')
    assert [o.form for o in found.oracles] == ["json-lines"]
    assert deep_equal(found.oracles[0].expected, parse_json('{"type":"4D","n":true}'))


def test_descriptive_comments_are_not_oracles():
    found = oracles(
        "$options.maxSockets:=5 //5 is the maximum number of sockets\n"
        "//Test if the number is 1\n"
        'vtResult:=Delete string("abc";1;1) // vtResult gets the first characters\n'
        '$mydate:=String(Current date) // returns "2010-09-13"\n'
        '$t:=Uppercase("x") // returns "X" (for example)\n'
        '$r:=$a.b //$r = "Colin", "Grady"\n'
        "ARRAY TEXT($t;0) // 0\n"
    )
    assert found.oracles == []
    reasons = {c.reason for c in found.rejected}
    assert {"value not parsed", "value of the moment", "illustrative value", "several values"} <= reasons


def test_subject_named_in_a_comment_only_is_not_a_variable():
    # "number" appears in comments only: "the number is 1" states nothing about the code
    assert oracles("If(vResult=1) //Test if the number is 1\nEnd if\n").oracles == []


# -- comparing ----------------------------------------------------------------------------------


def test_matches_rules():
    assert matches(3.0, 3)
    assert matches(2.27, 2.2727)  # the docs round what they show
    assert not matches(2.0, 2.2727)
    assert matches("ABC", "ABC") and not matches("ABC", "abc")  # text as written, with case
    assert not matches("deja vu", "déjà vu")
    assert matches(parse_json('{"a":[1,2]}'), parse_json('{"a":[1,2]}'))
    assert not matches(parse_json('{"a":[1,2]}'), parse_json('{"a":[1,2],"b":0}'))
    assert matches(parse_json('{"name":"john"}'), '{"name":"john"}')  # a JSON text
    assert matches(None, UNDEFINED)
    assert not matches(True, 1.0)


def test_deep_equal_follows_collection_equal():
    a = Collection4D([1.0, "Abc", Object4D({"x": Collection4D([None])})])
    b = Collection4D([1, "abc", Object4D({"x": Collection4D([None])})])
    assert deep_equal(a, b)
    assert not deep_equal(a, b, diacritical=True)
    assert not deep_equal(Collection4D([None]), Collection4D([UNDEFINED]))
    assert not deep_equal(Collection4D(["a@"]), Collection4D(["abc"]))  # no wildcard
    assert not deep_equal(Object4D({"a": 1.0}), Object4D({"a": 1.0, "b": 2.0}))
    assert not deep_equal("1", 1.0)  # different types: not equal, no error
    assert not deep_equal(True, 1.0)


# -- headless and context ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code, need",
    [
        ("ALL RECORDS([People])\n", "a database"),
        ("$e:=ds.People.all()\n", "ORDA"),
        ('$r:=4D.HTTPRequest.new("http://x")\n', "network"),
        ('$f:=File("/RESOURCES/a.txt")\n', "project's files"),
        ('$p:="C:\\\\docs\\\\a.txt"\n', "outside the sandbox"),
        ("$w:=Open window(10;10;100;100)\n", "user interface"),
        ("PRINT SETTINGS\n", "printing"),
    ],
)
def test_unavailable_headless(code, need):
    reason = unavailable(parse(code).body, set())
    assert reason is not None and need in reason


def test_available_headless():
    assert unavailable(parse('$t:=Uppercase("a")\nALERT($t)\n').body, {"uppercase", "alert"}) is None
    # a command of a headless-less theme that fourd implements runs
    assert unavailable(parse("$w:=Open window(1;1;2;2)\n").body, {"open window"}) is None


def test_free_locals():
    code = "$b:=$a+$c\nvar $d : Text\nARRAY TEXT($arr;0)\nFor each($e;$arr)\nEnd for each\n$x:=$1+$d\n"
    assert free_locals(parse(code).body) == ["$a", "$c"]
    # a command that only receives values cannot fill a variable; one with output parameters can
    code = '$s:=JSON Stringify($o)\nOB SET($p;"a";1)\n$t:=JSON Stringify($p)\n$m:=myMethod($q)\n'
    assert free_locals(parse(code).body) == ["$o"]


# -- markers and collecting ----------------------------------------------------------------------


def test_markers_and_sections(tmp_path):
    (tmp_path / "API").mkdir()
    page = tmp_path / "API" / "p.md"
    page.write_text(
        "```4d no-run\nx\n```\n\n<!-- REF #x -->\n```4d\n$a:=1\n```\n\n"
        "<!-- doctest: expect-error -->\n\n```4d\n$a:=1/0\n```\n",
        encoding="utf-8",
    )
    pages = dt.collect([tmp_path])
    assert [(b.line, b.section, b.markers) for b in pages[0].blocks] == [
        (2, "API", ["no-run"]),
        (7, "API", []),
        (13, "API", ["expect-error"]),
    ]


# -- the real docs ------------------------------------------------------------------------------------


@pytest.fixture
def corpus() -> Path:
    """The 4D docs: ../shared/4d-docs next to the project, or $FOURD_SHARED/4d-docs."""
    for root in (Path(__file__).resolve().parents[3] / "shared", Path(os.environ.get("FOURD_SHARED", "/nonexistent"))):
        if (root / "4d-docs").is_dir():
            return root / "4d-docs"
    pytest.skip("the 4D docs corpus (../shared/4d-docs) is not available")


def test_corpus_smoke(corpus):
    pages = [corpus / "commands" / name for name in ("length.md", "int.md", "round.md", "lowercase.md", "query.md")]
    records = dt.run(dt.collect(pages))
    by_page = {}
    for record in records:
        assert record["status"] in dt.STATUSES
        by_page.setdefault(Path(record["path"]).name, []).append(record)
    assert {r["status"] for r in by_page["length.md"]} == {"passed"}
    runnable = [r for r in by_page["query.md"] if r["status"] != "syntax error"]
    assert runnable and all(r["status"] == "skipped" and r["message"].startswith("needs") for r in runnable)
    checked = [o for r in records for o in r["oracles"] if o["ok"] is not None]
    assert len(checked) >= 10


def test_platform_only_examples():
    from fourd.tools.headless import platform_only

    assert platform_only('$o:=Path to object("C:\\\\a\\\\b") //on Windows\n') == "needs Windows"
    assert platform_only('$o:=Path to object("osx:Users:") //macOS\n') == "needs macOS"
    assert platform_only("$x:=1 // works on Windows and macOS alike\n") is None
    assert platform_only("$p:=1\n", "Examples under macOS") == "needs macOS"
    assert platform_only("$p:=1\n", "The following example shows how to play a WAV file on Windows:") == "needs Windows"
    assert (
        platform_only("$p:=1\n", "On Windows, the dialog shows the path; the example is the same everywhere:") is None
    )


def test_values_as_the_docs_print_them():
    # a JSON text quoted without escaping its quotes stands for the value it encodes
    (o,) = oracles('$s:=JSON Stringify({name: "Smith"})\n// $s = "{"name" : "Smith"}"\n').oracles
    assert matches(o.expected, '{"name":"Smith"}') and not matches(o.expected, '{"name":"Smyth"}')
    # dates d/m/y (or m/d/y), times h:m:s, constants by name
    (d,) = oracles("$d:=!2017-10-16!\n//$d=16/10/17\n").oracles
    assert matches(d.expected, Date4D(2017, 10, 16)) and not matches(d.expected, Date4D(2017, 10, 17))
    (t,) = oracles("$h:=?01:25:20?\n//$h=01:25:20\n").oracles
    assert matches(t.expected, Time4D(5120))
    (k,) = oracles("$v:=Value type(1) //$v=Is real\n").oracles
    assert k.expected == 1


def test_claims_partial_objects_and_errors():
    found = oracles('$a:=[1]\n$b:=$a\n//$b=$a is true\n$o:={n: "Winch"; a: 3} // $o={n:Winch...}\n$x:=1\\0 // error\n')
    claim, partial, failing = found.oracles
    assert (claim.subject, claim.expected) == ("($b=$a)", True)
    assert matches(partial.expected, parse_value('{"n":"Winch","a":3}')[0])
    assert not matches(partial.expected, parse_value('{"n":"Wesson"}')[0])
    assert failing.form == "error"


def test_leading_comment_gives_a_starting_value():
    found = oracles('// $o = {"a":1}\nOB SET($o;"b";2)\n// $o = {"a":1,"b":2}\n')
    assert list(found.given) == ["$o"] and len(found.oracles) == 1


def test_unquoted_timestamps_are_texts_and_zone_remarks_are_allowed():
    (iso,) = oracles("$d:=String(!13/09/2010!;ISO Date GMT) // returns 2010-09-12T22:00:00Z in France\n").oracles
    assert iso.expected == "2010-09-12T22:00:00Z" and type(iso.expected) is str
    (rfc,) = oracles("$d:=String(!2010-09-09!;Date RFC 1123) // returns Wed, 08 Sep 2010 22:00:00 GMT\n").oracles
    assert rfc.expected == "Wed, 08 Sep 2010 22:00:00 GMT"
    (plain,) = oracles(
        "$d:=String(!2010-09-13!;ISO Date) // returns 2010-09-13T00:00:00 regardless of the time zone\n"
    ).oracles
    assert plain.expected == "2010-09-13T00:00:00"
    (quoted,) = oracles('$s:=String(!2023-11-27!;ISO Date GMT) // "2023-11-26T23:00:00Z" in French timezone\n').oracles
    assert quoted.expected == "2023-11-26T23:00:00Z"
    # other remarks after a bare value still make it no oracle; a broken timestamp is no value
    assert not oracles('$s:=String(1) // "1" in most cases\n').oracles
    assert not oracles("$s:=String(1) // returns 2010-09-12T22:00:00Zulu\n").oracles


def test_if_condition_oracle_only_without_calls():
    (cond,) = oracles("$o:=New object\nIf($o.a=Null) //true\nEnd if\n").oracles
    assert (cond.form, cond.condition, cond.expected) == ("condition", True, True)
    found = oracles("$c:=[1]\nIf($c.pop()=1) //true\nEnd if\nIf(Random>0) // false\nEnd if\n")
    assert not found.oracles and {c.reason for c in found.rejected} == {"condition with calls"}


def test_bare_number_on_alert_is_the_text_shown():
    (shown,) = oracles("$s:=95\nALERT(String($s)) //95\n").oracles
    assert shown.output and shown.expected == "95"


def test_named_value_continued_on_the_next_comment_lines():
    code = '$o:={a: [1; 2]; b: "x,y"}\n// $o = {"a":[1,\n// 2],"b":"x,\n// y"}\n$z:=1 // 1\n'
    first, last = oracles(code).oracles
    assert first.line == 2 and matches(first.expected, parse_value('{"a":[1,2],"b":"x,y"}')[0])
    assert last.line == 5
    # a value that never closes is no oracle
    assert not oracles('$o:={a: 1}\n// $o = {"a":\n// see below\n').oracles


def test_conditional_comment_is_not_an_oracle():
    found = oracles("$t:=Type($x)\n// If the array has 2 dimensions, $t equals 13\n")
    assert not found.oracles and found.rejected[0].reason == "conditional"


def test_case_branch_condition_oracle():
    code = "$o:=New object\nCase of\n:($o.a) // false\n$x:=1\n:($o.a=Null) // true\nEnd case\n"
    first, second = oracles(code).oracles
    assert (first.anchor, first.branch, first.expected) == (2, 0, False)
    assert (second.anchor, second.branch, second.expected) == (2, 1, True)


def test_condition_and_output_oracles_run(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        "```4d\n$o:=New object\nIf($o.a) // false\nEnd if\nIf($o.a=Null) // true\nEnd if\n"
        "Case of\n:($o.a) // false\n$x:=1\n:($o.a=Null) // true\nEnd case\n```\n\n"
        "```4d\nIf(1=1) // false\nEnd if\n```\n\n"
        "```4d\n$n:=90+5\nALERT(String($n)) //95\n```\n",
        encoding="utf-8",
    )
    records = dt.run(dt.collect([page]))
    assert [r["status"] for r in records] == ["passed", "mismatch", "passed"]


def test_bare_number_on_alert_of_a_longer_text_is_not_an_oracle():
    found = oracles('$i:=1\nALERT("The index is "+String($i)) //1\n')
    assert not found.oracles


def test_array_elements_several_claims_and_set_to():
    code = (
        'ARRAY TEXT($city;0)\nARRAY LONGINT($zip;0)\n$city{1}:="A"\n'
        '//$city{1}="A", $zip{1}=35049\n'
        "$b:=True // $b is set to True\n"
        "$p:=1 // $q{1}=2\n"
        "$col2:=[4;3].sort() //numerical sort: [3,4]\n"
    )
    found = oracles(code).oracles
    assert [(o.subject, o.form) for o in found] == [
        ("$city{1}", "equals"),
        ("$zip{1}", "equals"),
        ("$b", "is"),
        ("$col2", "labelled"),
    ]
    assert found[1].expected == 35049
    assert not oracles("$c:=[4;3].sort() //for example: [3,4]\n").oracles  # an illustration
    # a comment whose second part is no complete claim stays one oracle with a remark
    (one,) = oracles('ARRAY TEXT($a;1)\n$a{1}:="x"\n//$a{1}="x", as expected\n').oracles
    assert one.subject == "$a{1}"


def test_lines_after_an_example_lead_are_illustrations():
    code = 'ARRAY TEXT($a;0)\nFONT LIST($a)\n//For example, resulting arrays are:\n//$a{1}="Arial"\n//$a{2}="Verdana"\n'
    assert not oracles(code).oracles
    code = 'ARRAY TEXT($a;1)\n$a{1}:="x"\n// for example:\n\n//$a{1}="y"\n$a{1}:="z"\n//$a{1}="z"\n'
    (after,) = oracles(code).oracles  # a line of code ends the illustration, a blank line does not
    assert after.expected == "z"


def test_premise_comment_gives_the_starting_value():
    found = oracles('$col:=["Wesson";"Smith"].query("# :1";$aString+"@")\n//if $astring="W"\n//$col=["Smith"]\n')
    assert found.given == {"$astring": "W"}
    assert [o.subject for o in found.oracles] == ["$col"]


def test_premise_block_runs_with_the_value(tmp_path):
    page = tmp_path / "page.md"
    page.write_text('```4d\n$n:=Length($aString)\n//if $aString="abc"\n//$n=3\n```\n', encoding="utf-8")
    (record,) = dt.run(dt.collect([page]))
    assert record["status"] == "passed", record


def test_state_and_result_in_one_comment():
    found = oracles("$stack:=[1;2]\n$stack.pop() //$stack=[1]  Returns 2\n").oracles
    assert [(o.subject, o.form) for o in found] == [("$stack", "equals"), (None, "returns")]
    assert found[1].expected == 2
    # one space is no separator: the value keeps its remark and is no oracle
    assert not oracles("$stack:=[1;2]\n$stack.pop() //$stack=[1] Returns 2\n").oracles
