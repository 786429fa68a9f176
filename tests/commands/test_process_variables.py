"""GET PROCESS VARIABLE, SET PROCESS VARIABLE, VARIABLE TO VARIABLE (commands/*-process-variable.md)."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError

# A process that sets its variables, tells the caller it is ready, then waits to be released.
HOLDER = """#DECLARE($ready : 4D.Signal; $release : 4D.Signal)
vtCurStatus:="busy"
ARRAY TEXT(at_IPCom_Array;2)
at_IPCom_Array{1}:="one"
at_IPCom_Array{2}:="two"
vl_IPCom_Array:=2
vObj:=New object("n";1)
$ready.trigger()
$release.wait(5)
Use ($release)
$release.seen:=vtCurStatus+"/"+vPoked+"/"+at_IPCom_Array{1}+"/"+String(Size of array(vCopied))
End use
"""


@pytest.fixture
def holder(run):
    run.runtime.methods.add_source("Holder", HOLDER)
    return run


def test_read_variables_arrays_and_elements_of_another_process(holder):
    code = """$ready:=New signal
$release:=New signal
$p:=New process("Holder";0;"holder";$ready;$release)
$ready.wait(5)
GET PROCESS VARIABLE($p;vtCurStatus;vtInfo;vl_IPCom_Array;$size)
GET PROCESS VARIABLE($p;at_IPCom_Array{2};$second;at_IPCom_Array;$all;vObj;$o)
$o.n:=2
GET PROCESS VARIABLE($p;vObj;$again;vMissing;$missing)
$release.trigger()
return vtInfo+String($size)+$second+String(Size of array($all))+String($again.n)+String(Undefined($missing))"""
    assert holder(code) == "busy2two21True"  # objects arrive as copies: changing $o left vObj alone


def test_write_variables_and_array_elements_of_another_process(holder):
    code = """$ready:=New signal
$release:=New signal
$p:=New process("Holder";0;"holder";$ready;$release)
$ready.wait(5)
SET PROCESS VARIABLE($p;vtCurStatus;"idle";vPoked;"poked";at_IPCom_Array{1};"uno")
ARRAY LONGINT($local;3)
VARIABLE TO VARIABLE($p;vCopied;$local)
$release.trigger()
DELAY PROCESS(Current process;1)
For ($i;1;200)
If ($release.seen#Null)
break
End if
DELAY PROCESS(Current process;1)
End for
return $release.seen"""
    assert holder(code) == "idle/poked/uno/3"


def test_local_variables_are_refused_and_missing_processes(run):
    with pytest.raises(FourDError) as info:
        run("GET PROCESS VARIABLE(Current process;$x;$y)")
    assert "local variable" in info.value.message
    # GET: no such process, no effect; SET: an error (both documented)
    assert run('$y:="kept"\nGET PROCESS VARIABLE(99;vX;$y)\nreturn $y') == "kept"
    with pytest.raises(FourDError) as info:
        run('SET PROCESS VARIABLE(99;vX;"a")')
    assert info.value.code == -10682
    with pytest.raises(FourDError):
        run("ARRAY TEXT($a;1)\nSET PROCESS VARIABLE(Current process;vArr;$a)")  # arrays: VARIABLE TO VARIABLE


def test_negative_process_reaches_interprocess_variables(run):
    assert run("SET PROCESS VARIABLE(-1;<>shared;5)\nGET PROCESS VARIABLE(-1;<>shared;$v)\nreturn $v") == 5
