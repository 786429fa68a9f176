"""Language theme: pointers by name, RESOLVE POINTER, Command name, EXECUTE METHOD, Copy parameters…"""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError
from fourd.runtime.values import Collection4D


def add_method(run, tmp_path, name: str, source: str) -> None:
    path = tmp_path / f"{name}.4dm"
    path.write_text(source, encoding="utf-8")
    run.runtime.methods.add_file(path)


def test_get_pointer_to_2d_array_elements(run):
    # get-pointer.md example 2: //$pt=->a{1}{2}   //$pt2=->atCities{2}{6}
    code = """ARRAY TEXT(a;2;3)
ARRAY TEXT(atCities;3;7)
$pt:=Get pointer("a{1}{2}")
$pt2:=Get pointer("atCities"+"{2}{6}")
$pt2->:="New York"
return [String($pt); String($pt2); atCities{2}{6}]"""
    assert run(code).items == ["a{1}{2}", "atCities{2}{6}", "New York"]


def test_get_pointer_creates_process_variables(run):
    # get-pointer.md example 1: a loop over v1…v50 set through pointers
    code = """For($vlVar;1;5)
    $vpVar:=Get pointer("v"+String($vlVar))
    $vpVar->:="x"+String($vlVar)
End for
return v1+v5"""
    assert run(code) == "x1x5"


def test_get_pointer_interprocess_and_equality(run):
    assert run('<>gCount:=3\n$p:=Get pointer("<>gCount")\n$p->:=$p->+1\nreturn <>gCount') == 4
    assert run('vx:=1\nreturn Get pointer("vx")=(->vx)') is True
    assert run('return Is nil pointer(Get pointer("$local"))') is True


def test_resolve_pointer_2d_array_element(run):
    # resolve-pointer.md example 4: //$var="atCities" //$rowNum="1" //$colNum="5"
    code = """ARRAY TEXT(atCities;100;50)
var $city : Pointer
atCities{1}{2}:="Rome"
atCities{1}{5}:="Paris"
atCities{2}{6}:="New York"
$city:=->atCities{1}{5}
RESOLVE POINTER($city;$var;$rowNum;$colNum)
return [$var;$rowNum;$colNum]"""
    assert run(code).items == ["atCities", 1, 5]


@pytest.mark.parametrize(
    "setup,pointer,expected",
    [
        ("vName:=1", "->vName", ["vName", -1, -1]),  # variable
        ("ARRAY LONGINT(alX;4)", "->alX", ["alX", -1, -1]),  # array
        ("ARRAY LONGINT(alX;4)", "->alX{3}", ["alX", 3, -1]),  # array element
        ("<>ip:=1", "->ip", ["ip", -1, -1]),
        ("$n:=0", "$nil", ["", 0, 0]),  # Nil pointer
        ("$loc:=1", "->$loc", ["", 0, 0]),  # "does not work with pointers to local variables"
    ],
)
def test_resolve_pointer_table(run, setup, pointer, expected):
    # the table of resolve-pointer.md
    code = f"{setup}\nvar $nil : Pointer\nRESOLVE POINTER({pointer};$v;$t;$f)\nreturn [$v;$t;$f]"
    assert run(code).items == expected


def test_resolve_pointer_rejects_non_pointers(run):
    with pytest.raises(FourDError):
        run('RESOLVE POINTER("x";$v;$t;$f)')


def test_self_is_nil_headless(run):
    # self.md: out of an object method, Self returns a Nil pointer
    assert run("return Is nil pointer(Self)") is True


def test_command_name_info_and_theme(run):
    # command-name.md example 2: Command name(1), (2), (4), (3) are Sum, Average, Min, Max
    assert run("return [Command name(1);Command name(2);Command name(4);Command name(3)]").items == [
        "Sum",
        "Average",
        "Min",
        "Max",
    ]
    # example 3: SAVE RECORD (53) is thread safe: bit 0 of info
    code = "$name:=Command name(53;$info;$theme)\nreturn [$name;$info ?? 0;$theme;OK]"
    assert run(code).items == ["SAVE RECORD", True, "Records", 1]
    assert run("$n:=Command name(999999)\nreturn [$n;OK]").items == ["", 0]


def test_command_name_loop_until_ok_is_zero(run):
    # command-name.md example 1 (bounded here): OK stays 1 for existing numbers
    code = """var $id : Integer
Repeat
    $id:=$id+1
    $name:=Command name($id)
Until(OK=0) | ($id>=20)
return $id"""
    assert run(code) == 20  # 7 is not in the table (a disabled command): "" and OK=1
    assert run("$n:=Command name(7)\nreturn [$n;OK]").items == ["", 1]


def test_execute_method_with_result_and_parameters(run, tmp_path):
    add_method(run, tmp_path, "addit", "#DECLARE($a : Integer; $b : Integer) : Integer\nreturn $a+$b")
    add_method(run, tmp_path, "setv", "#DECLARE($x : Text)\nvDone:=$x")
    assert run('EXECUTE METHOD("addit";$r;2;3)\nreturn [$r;OK]').items == [5, 1]
    assert run('EXECUTE METHOD("setv";*;"yes")\nreturn vDone') == "yes"
    with pytest.raises(FourDError) as info:
        run('EXECUTE METHOD("no_such_method")')
    assert "no_such_method" in info.value.message
    assert run.runtime.main_process.get_var("ok") == 0


def test_copy_parameters(run, tmp_path):
    # copy-parameters.md example 2: Copy parameters(2) then join
    add_method(
        run, tmp_path, "htmlList", '#DECLARE($type : Text) : Text\nreturn "<"+$type+"l>"+Copy parameters(2).join(",")'
    )
    assert run('return htmlList("u";"Alpha";"Bravo";"Charlie")') == "<ul>Alpha,Bravo,Charlie"
    result = run("return Copy parameters", "a", "b")
    assert type(result) is Collection4D and result.items == ["a", "b"]
    assert run("return Copy parameters(3)", "a").items == []


def test_actions_headless(run):
    # invoke-action.md: no error when the action is not available; action-info.md: Null when unknown
    assert run('INVOKE ACTION("copy";ak current form)\nreturn Action info("copy")') is None
    with pytest.raises(FourDError):
        run("INVOKE ACTION(1)")
