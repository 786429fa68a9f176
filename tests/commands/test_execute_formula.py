"""EXECUTE FORMULA (execute-formula.md), MESSAGE, MESSAGES ON/OFF, IDLE, CONFIRM/Request headless."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError


def test_execute_formula_sees_the_callers_locals(run):
    # the docs' example adds a local ($add) to an expression built at run time
    code = 'var $add : Integer\n$add:=5\nvX:=1\nEXECUTE FORMULA("vX:=vX+$add")\nEXECUTE FORMULA("$add:=$add*2.4")\nreturn String(vX)+" "+String($add)'
    assert run(code) == "6 12"  # $add stays an Integer in the caller
    assert run('vY:=1\nEXECUTE FORMULA("")\nreturn vY') == 1  # an empty statement does nothing
    assert run('vR:=0\nEXECUTE FORMULA("vR:=Length:C16(\\"abc\\")")\nreturn vR') == 3  # tokenized names


def test_execute_formula_errors_are_4d_errors(run):
    with pytest.raises(FourDError) as info:
        run('EXECUTE FORMULA("vX:=")')
    assert "EXECUTE FORMULA" in info.value.message
    with pytest.raises(FourDError):
        run('EXECUTE FORMULA("vX:=1\\\\0")')


def test_message_prints_and_dialogs_need_a_user(run):
    run('MESSAGES OFF\nMESSAGE("working")\nIDLE\nMESSAGES ON')
    assert run.out.getvalue() == "working\n"
    for code in ('CONFIRM("Sure?")', '$t:=Request("Name?")'):
        with pytest.raises(FourDError) as info:
            run(code)
        assert info.value.code == -10622 and "user" in info.value.message


def test_allowed_methods_are_kept(run):
    code = 'ARRAY TEXT($m;2)\n$m{1}:="Calc@"\n$m{2}:="Total"\nSET ALLOWED METHODS($m)\nARRAY TEXT($out;0)\nGET ALLOWED METHODS($out)\nreturn String(Size of array($out))+$out{1}'
    assert run(code) == "2Calc@"


def test_method_get_names(run):
    for name in ("CalcTotal", "CalcTax", "Print"):
        run.runtime.methods.add_source(name, "return 1")
    code = 'ARRAY TEXT($a;0)\nMETHOD GET NAMES($a;"calc@")\nreturn String(Size of array($a))+$a{1}+$a{2}'
    assert run(code) == "2CalcTaxCalcTotal"  # sorted; the filter ignores case as text comparisons do
    assert run("ARRAY TEXT($a;0)\nMETHOD GET NAMES($a;*)\nreturn Size of array($a)") == 3
