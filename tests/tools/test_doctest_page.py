"""``fourd doctest`` page context: methods and classes a page defines, values carried between
blocks, starting values stated in comments, and oracles on formulas.

The blocks run in this process (``execute_page``, without the sandbox) to keep the tests fast;
tests/tools/test_doctest.py covers the worker processes and the sandbox.
"""

from __future__ import annotations

import textwrap
from dataclasses import asdict
from pathlib import Path

import pytest

from fourd.tools import doctest as dt
from fourd.tools import pagedefs


def run_page(tmp_path: Path, markdown: str) -> list[dict]:
    page = tmp_path / "page.md"
    page.write_text(textwrap.dedent(markdown), encoding="utf-8")
    (found,) = dt.collect([page])
    records: list[dict] = []
    settings = {"sandbox": str(tmp_path / "sandbox"), "limits": asdict(dt.Limits(seconds=5))}
    job = {"blocks": [asdict(b) for b in found.blocks], "chain": False}
    dt.execute_page(job, settings, lambda event: records.append(event["record"]) if event["event"] == "done" else None)
    return records


def test_class_defined_on_the_page_serves_the_other_blocks(tmp_path):
    records = run_page(
        tmp_path,
        """\
        You created the Polygon class:

        ```4d
        //Class: Polygon
        Class constructor($width : Integer; $height : Integer)
        This.area:=$width*$height
        ```

        Then:

        ```4d
        $poly:=cs.Polygon.new(4;3)
        $area:=$poly.area // 12
        $is:=OB Instance of($poly;cs.Polygon) // true
        ```
        """,
    )
    assert records[1]["status"] == "passed", records[1]


def test_class_blocks_join_and_computed_properties_show(tmp_path):
    records = run_page(
        tmp_path,
        """\
        ```4d
        //Class: Person
        Class constructor($first : Text; $last : Text)
        This.first:=$first
        This.last:=$last
        ```

        ```4d
        //Class: Person
        Function get full() : Text
        return This.first+" "+This.last
        ```

        ```4d
        $p:=cs.Person.new("John";"Doe")
        // $p:{first: "John"; last: "Doe"; full: "John Doe"}
        $p.first:="Jim" // $p.full = "Jim Doe"
        ```
        """,
    )
    assert records[2]["status"] == "passed", records[2]
    assert [o["ok"] for o in records[2]["oracles"]] == [True, True]


def test_method_written_after_its_call_in_the_same_block(tmp_path):
    records = run_page(
        tmp_path,
        """\
        ```4d
        $t:=Do_Something("hello") // "HELLO"
        $n:=1 // 1

          //Here the code of the method Do_Something
        #DECLARE ($in : Text) -> $out : Text
        $out:=Uppercase($in)
        $n:=2 // 3
        ```
        """,
    )
    record = records[0]
    assert record["status"] == "passed", record
    assert [o["line"] for o in record["oracles"]] == [2, 3]  # the method's own lines are not the block's


def test_method_named_by_the_paragraph_before_its_block(tmp_path):
    records = run_page(
        tmp_path,
        """\
        ```4d
        $r:=[[0;1];[2;3]].reduce(Formula(Flatten)) //$r=[0,1,2,3]
        ```

        With the following ***Flatten*** method:

        ```4d
        If($1.accumulator=Null)
           $1.accumulator:=New collection
        End if
        $1.accumulator.combine($1.value)
        ```
        """,
    )
    assert records[0]["status"] == "passed", records[0]


def test_method_of_a_header_comment_block_and_formula_displays(tmp_path):
    records = run_page(
        tmp_path,
        """\
        ```4d
        //myAlert
        ALERT("Hello world!")
        ```

        ```4d
        $o:=New object("custom_Alert";Formula(myAlert))
        $o.custom_Alert() //displays "Hello world!"
        ```

        ```4d
        $o.custom_Alert() //displays "Hello world!"
        ```
        """,
    )
    assert records[1]["status"] == "passed", records[1]
    # the third block continues the second: it gets $o, and the method the formula calls
    assert records[2]["status"] == "passed", records[2]


def test_locals_carry_only_to_blocks_that_need_them(tmp_path):
    records = run_page(
        tmp_path,
        """\
        ```4d
        $c:=New collection(1;2;3)
        $x:=5
        ```

        ```4d
        $n:=$c.length // 3
        ```

        ```4d
        $x:=$x+1 // 6
        ```

        ```4d
        $y:=$never.length
        ```
        """,
    )
    assert [r["status"] for r in records] == ["ran", "passed", "passed", "skipped"]
    assert "$never is never set" in records[3]["message"]


def test_starting_value_stated_before_the_first_statement(tmp_path):
    records = run_page(
        tmp_path,
        """\
        ```4d
         // $Object = {"FirstName":"John","LastName":"Smith"}
         OB SET($Object ;"FirstName";"Paul")
         // $Object = {"FirstName":"Paul","LastName":"Smith"}
        ```
        """,
    )
    record = records[0]
    assert record["status"] == "passed", record
    assert len(record["oracles"]) == 1  # the first comment is the start, not a result


def test_oracle_on_a_statement_holding_a_formula(tmp_path):
    records = run_page(
        tmp_path,
        """\
        ```4d
        $col:=New collection("hello";"world";"red horse";66)
        $colNew:=$col.filter(Formula((Value type($1.value)=Is text) && (Length($1.value)<$2)); 6)
          //$colNew=["hello","world"]
        $b:=$col.some(Formula(Value type($1.value)=Is real)) // $b=true
        ```
        """,
    )
    assert records[0]["status"] == "passed", records[0]


def test_partial_objects_in_results(tmp_path):
    records = run_page(
        tmp_path,
        """\
        ```4d
        $c:=[{name: "Winch"; age: 36}; {name: "Sterling"; age: Null}]
        $col:=$c.query("name = :1";"@in@")
          //$col=[{name:Winch...},{name:Sterling...}]
        $c2:=$c.query("age = 36")  //$c2=[{name:Sterling...}]
        ```
        """,
    )
    assert records[0]["status"] == "mismatch"
    assert [o["ok"] for o in records[0]["oracles"]] == [True, False]


@pytest.mark.parametrize(
    "code, expected",
    [
        ("//Class: Person.4dm\nClass constructor()\n", ("class", "Person")),
        ("//in the myClass.4dm file\nFunction hello -> $w : Text\n", ("class", "myClass")),
        ("\t//shared class: Person\nshared Class constructor($a : Text)\n", ("class", "Person")),
        ("//fullName method\nC_TEXT($0;$1;$2)\n", ("method", "fullName")),
        ("//Is_Thread_Safe project method\n#declare($c : Integer) : Boolean\n", ("method", "Is_Thread_Safe")),
        ("// In a project method\n$x:=1\n", None),
        ("$x:=1 // not a definition\n", None),
    ],
)
def test_definition_names(code, expected):
    assert pagedefs._whole_block_definition(pagedefs.PageBlock(code)) == expected


def test_definitions_are_only_given_to_blocks_that_use_them():
    blocks = [
        pagedefs.PageBlock("//Length\n$x:=1\n"),  # a command name: never a method
        pagedefs.PageBlock("//helper\n$0:=42\n"),
        pagedefs.PageBlock('$a:=Length("ab")\n$b:=helper\n'),
        pagedefs.PageBlock("$c:=1 // helper is not called here\n"),
    ]
    pagedefs.analyse(blocks, {"length"})
    assert blocks[2].methods == {"helper": "//helper\n$0:=42\n"}
    assert blocks[3].methods == {} and blocks[1].methods == {}


def test_error_comment_expects_the_statement_to_fail_and_the_block_goes_on(tmp_path):
    records = run_page(
        tmp_path,
        """\
        ```4d
        $o:=New object
        $r:=($o.undefined>"hello") //False
        $r:=($o.undefined>$o.null)  //Error
        $r:=($o.undefined#42) //True
        ```

        ```4d
        $x:=1+1 // error
        ```

        ```4d
        var $a; $b : Integer:=15 //error
        ```
        """,
    )
    assert records[0]["status"] == "passed", records[0]
    assert [o["form"] for o in records[0]["oracles"]] == ["boolean", "error", "boolean"]
    assert records[1]["status"] == "mismatch" and records[1]["actual"] == '"no error"'
    assert records[2]["status"] == "passed" and "refused as the docs say" in records[2]["message"]


def test_displays_on_a_function_call_checks_its_result_when_nothing_is_shown(tmp_path):
    records = run_page(
        tmp_path,
        """\
        ```4d
        // "concate" function of myClass
        Function concate ($param1 : Text ; $param2 : Text)->$result : Text
        $result:=$param1+" "+$param2
        ```

        ```4d
        $class:=cs.myClass.new()
        $class.concate() // Displays " "
        $class.concate("a";"b") // Displays "a c"
        ```
        """,
    )
    assert records[1]["status"] == "mismatch"
    assert [o["ok"] for o in records[1]["oracles"]] == [True, False]
