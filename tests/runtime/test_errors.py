"""Error handling: ON ERR CALL, the error variables, Last errors, throw, Try(), Try/Catch, ASSERT, Call chain.

Examples and rules come from Concepts/error-handling.md, commands/on-err-call.md,
commands/method-called-on-error.md, commands/throw.md, commands/last-errors.md,
commands/assert.md, commands/asserted.md, commands/set-assert-enabled.md and
commands/call-chain.md.
"""

from __future__ import annotations

import pytest

from fourd.runtime.errors import AbortExecution, FourDError


def method(run, name: str, text: str) -> None:
    run.runtime.methods.add_source(name, text)


def code_of(run, source: str) -> int:
    with pytest.raises(FourDError) as info:
        run(source)
    return info.value.code


@pytest.fixture
def handler(run):
    # The handler records what 4D gives it: the error variables and Last errors.
    method(
        run,
        "Catcher",
        'gLog:=gLog+String(Error)+"@"+Error method+":"+String(Error line)+"|"+Error formula+";"\ngLast:=Last errors\n',
    )
    return run


# -- ON ERR CALL ---------------------------------------------------------------------------------


def test_handler_gets_error_variables_and_execution_goes_on(handler):
    src = 'gLog:=""\nON ERR CALL("Catcher")\n$x:=1\\0\n$after:="reached"\nON ERR CALL("")\nreturn gLog+$after'
    assert handler(src) == "-10607@<test>:3|$x:=1\\0;reached"


def test_handler_sees_last_errors(handler):
    src = 'gLog:=""\nON ERR CALL("Catcher")\nthrow(50042;"This is a custom error")\nON ERR CALL("")\nreturn gLast[0]'
    err = handler(src)
    assert err.props == {"errCode": 50042, "message": "This is a custom error", "componentSignature": "host"}


def test_error_variable_outside_the_handler(run):
    # error-handling.md, "Using an empty error-handling method": Error can be tested afterwards.
    method(run, "emptyMethod", "// does nothing")
    assert run('ON ERR CALL("emptyMethod")\nthrow(-43;"File not found")\nON ERR CALL("")\nreturn Error') == -43


def test_error_in_called_method_resumes_in_that_method(handler):
    method(handler, "Inner", '$x:=1\\0\ngLog:=gLog+"inner-continues;"\n')
    src = 'gLog:=""\nON ERR CALL("Catcher")\nInner\nON ERR CALL("")\nreturn gLog'
    assert handler(src) == "-10607@Inner:1|$x:=1\\0;inner-continues;"


def test_without_handler_the_error_stops_the_code(run):
    with pytest.raises(FourDError) as info:
        run('gLog:="a"\n$x:=1\\0\ngLog:="b"')
    assert info.value.code == -10607
    assert run.runtime.main_process.get_var("glog") == "a"


def test_method_called_on_error_scopes(run):
    # method-called-on-error.md and on-err-call.md scopes (ek local 0, ek global 1, ek errors from components 2)
    src = 'ON ERR CALL("L")\nON ERR CALL("G";ek global)\nON ERR CALL("C";ek errors from components)\nreturn Method called on error+Method called on error(ek local)+Method called on error(ek global)+Method called on error(ek errors from components)'
    assert run(src) == "LLGC"
    assert run('ON ERR CALL("";ek local)\nreturn Method called on error') == ""


def test_local_handler_wins_over_global(run):
    method(run, "Local", 'gWho:="local"')
    method(run, "Global", 'gWho:="global"')
    assert run('ON ERR CALL("Global";ek global)\nthrow(1;"x")\nreturn gWho') == "global"
    assert run('ON ERR CALL("Local")\nthrow(1;"x")\nreturn gWho') == "local"


def test_missing_handler_is_error_10532(run):
    assert code_of(run, 'ON ERR CALL("NoSuchMethod")\nthrow(1;"x")') == -10532


def test_error_inside_the_handler_is_not_handled_again(run):
    method(run, "Broken", "$y:=1\\0")
    assert code_of(run, 'ON ERR CALL("Broken")\nthrow(7;"first")') == -10607


def test_abort_in_handler_stops_everything(run):
    method(run, "Stop", "ABORT")
    with pytest.raises(AbortExecution):
        run('ON ERR CALL("Stop")\nthrow(1;"x")\ngAfter:=True')
    assert run.runtime.main_process.get_var("gafter") is not True


def test_restoring_the_previous_handler(run):
    # method-called-on-error.md example: save, replace, restore
    method(run, "First", "")
    src = 'ON ERR CALL("First")\n$methCurrent:=Method called on error\nON ERR CALL("NewMethod")\nON ERR CALL($methCurrent)\nreturn Method called on error'
    assert run(src) == "First"


# -- throw ------------------------------------------------------------------------------------------


def caught(run, throw_line: str) -> dict:
    src = f"Try\n {throw_line}\nCatch\n $e:=Last errors[0]\nEnd try\nreturn $e"
    return run(src).props


def test_throw_code_and_description(run):
    # throw.md, example 1
    assert caught(run, 'throw(50042;"This is a custom error")') == {
        "errCode": 50042,
        "message": "This is a custom error",
        "componentSignature": "host",
    }


def test_throw_object_forms(run):
    # throw.md, examples 2, 3, 4
    assert caught(run, 'throw({errCode: 1; message: "This an error"})')["message"] == "This an error"
    assert caught(run, "throw({errCode: 1})")["message"] == "Error code: 1 (host)"
    e = caught(run, 'throw({message: "This an error"})')
    assert (e["errCode"], e["message"]) == (-1, "This an error")


def test_throw_object_placeholders_signature_and_custom_properties(run):
    e = caught(
        run,
        'throw({componentSignature: "xbox"; errCode: 600; message: "File {name} not found ({path})"; name: "myFileName"; path: "myFilePath"})',
    )
    assert e["message"] == "File myFileName not found (myFilePath)"
    assert e["componentSignature"] == "xbox"
    assert e["name"] == "myFileName"  # "the errorObj object is returned in Last errors"
    assert caught(run, 'throw({componentSignature: "xbox"; errCode: 600})')["message"] == "Error code: 600 (xbox)"


def test_runtime_errors_have_4drt_signature(run):
    e = caught(run, "$x:=1\\0")
    assert (e["errCode"], e["componentSignature"]) == (-10607, "4DRT")


def test_deferred_throw_reaches_caller_when_method_returns(run):
    # throw.md: deferred errors are thrown when the method returns; the method runs to its end.
    method(
        run,
        "Deferrer",
        'throw({message: "one"; deferred: True})\nthrow({message: "two"; deferred: True})\ngEnd:="method ran to its end"\n',
    )
    src = 'Try\n Deferrer\n gAfter:="not reached"\nCatch\n $c:=Last errors\nEnd try\n$t:=""\nFor each ($e;$c)\n $t:=$t+$e.message+","\nEnd for each\nreturn $t+" / "+gEnd+" / "+String(gAfter)'
    assert run(src) == "one,two, / method ran to its end / "


def test_deferred_throw_in_try_block_does_not_run_catch(run):
    # error-handling.md: a deferred error thrown directly in the Try block lets it run to its end
    # and does not execute Catch.
    src = 'Try\n throw({message: "later"; deferred: True})\n $a:="end of block"\nCatch\n $a:="catch"\nEnd try\nreturn $a+" "+Last errors[0].message'
    assert run(src) == "end of block later"


def test_deferred_throw_without_try_ends_method_then_fails(run):
    method(run, "D", 'throw({errCode: 9; message: "deferred"; deferred: True})\ngDone:=True\n')
    assert code_of(run, "D") == 9
    assert run.runtime.main_process.get_var("gdone") is True


def test_bare_throw_in_handler_sends_errors_to_the_caller(run):
    # throw.md: `throw` alone re-throws the current errors in deferred mode (from an ON ERR CALL method).
    method(run, "Rethrow", "throw")
    method(run, "Worker", 'ON ERR CALL("Rethrow")\nthrow(77;"boom")\ngWorker:="continued"\n')
    src = 'Try\n Worker\nCatch\n $code:=Last errors[0].errCode\nEnd try\nON ERR CALL("")\nreturn $code'
    assert run(src) == 77


# -- Try(expression) ---------------------------------------------------------------------------------


def test_try_expression_returns_undefined_and_keeps_errors(run):
    assert run("return Undefined(Try(1\\0))") is True
    assert run("$v:=Try(1\\0)\nreturn Last errors[0].errCode") == -10607
    assert run("$v:=Try(2*3)\nreturn [$v; Last errors]").items == [6, None]


def test_try_expression_divide_example(run):
    # error-handling.md, Try(expression) example 2
    method(
        run,
        "divide",
        '#DECLARE($p1: real; $p2: real)-> $result: real\nIf ($p2=0)\n $result:=0\n throw(-12345; "Division by zero")\nElse\n $result:=$p1/$p2\nEnd if\n',
    )
    assert (
        run('$result:=Try(divide(1;0))\nreturn String(Last errors#Null)+" "+Last errors[0].message')
        == "True Division by zero"
    )
    assert run("$result:=Try(divide(6;3))\nreturn [$result;Last errors]").items == [2, None]


def test_try_expression_wins_over_installed_handler(run):
    method(run, "H", "gHandled:=True")
    assert run('ON ERR CALL("H")\n$v:=Try(1\\0)\nON ERR CALL("")\nreturn String(gHandled)') == ""


def test_try_expression_with_default(run):
    # error-handling.md: $text:=Try($fileHandle.readText()) || "Error reading the file"
    assert run('$o:=Null\nreturn Try($o.readText()) || "Error reading the file"') == "Error reading the file"


# -- Try / Catch / End try -----------------------------------------------------------------------------


def test_try_catch_stops_at_the_error(run):
    src = 'Try\n $a:="before"\n $x:=1\\0\n $a:="after"\nCatch\n $c:=Last errors.length\nEnd try\nreturn $a+String($c)'
    assert run(src) == "before1"


def test_no_error_skips_catch_and_clears_last_errors(run):
    src = "$x:=Try(1\\0)\nTry\n $a:=1\nCatch\n $a:=2\nEnd try\nreturn [$a;Last errors]"
    assert run(src).items == [1, None]


def test_error_in_called_method_jumps_to_catch(run):
    method(run, "Fails", 'throw(3;"in method")\ngAfterThrow:=True\n')
    src = "Try\n Fails\nCatch\n $m:=Last errors[0].message\nEnd try\nreturn $m+String(gAfterThrow)"
    assert run(src) == "in method"


def test_nested_try_blocks(run):
    src = """Try
 Try
  throw(1;"inner")
 Catch
  $inner:=Last errors[0].message
 End try
 throw(2;"outer")
Catch
 $outer:=Last errors[0].message+String(Last errors.length)
End try
return $inner+" "+$outer"""
    assert run(src) == "inner outer1"


def test_error_in_catch_goes_to_the_enclosing_try(run):
    src = 'Try\n Try\n  throw(1;"a")\n Catch\n  throw(2;"b")\n End try\nCatch\n $m:=Last errors[0].message\nEnd try\nreturn $m'
    assert run(src) == "b"


def test_handler_installed_before_try_is_not_called(run):
    method(run, "H", "gHandled:=True")
    src = 'ON ERR CALL("H")\nTry\n throw(1;"x")\nCatch\n $c:=True\nEnd try\nON ERR CALL("")\nreturn String($c)+String(gHandled)'
    assert run(src) == "True"


def test_handler_installed_inside_try_is_called(run):
    # error-handling.md: "If an error-handling method is installed in the code placed between the Try
    # and the Catch keywords, it is called in case of error."
    method(run, "H", "gHandled:=gHandled+1")
    src = 'gHandled:=0\nTry\n ON ERR CALL("H")\n throw(1;"x")\n $went:="on"\nCatch\n $went:="catch"\nEnd try\nON ERR CALL("")\nreturn $went+String(gHandled)'
    assert run(src) == "on1"


def test_try_catch_example_with_return(run):
    method(
        run,
        "Safe",
        '#DECLARE() : Text\nTry\n throw(5;"x")\n return "not here"\nCatch\n return "caught "+String(Last errors[0].errCode)\nEnd try\n',
    )
    assert run("return Safe") == "caught 5"


# -- ASSERT / Asserted -------------------------------------------------------------------------------


def test_assert_default_and_custom_messages(run):
    # assert.md: error -10518, "Assert failed:" + text of the assertion or the custom message
    src = '$name:=""\n$e:=Try(Formula(1).call())\nTry\n ASSERT($name#"")\nCatch\n $m:=Last errors[0].message\nEnd try\nreturn $m'
    assert run(src) == 'Assert failed: $name#""'
    src = 'var $name : Text\nTry\n ASSERT($name#"";"Search for a blank client name")\nCatch\n $e:=Last errors[0]\nEnd try\nreturn String($e.errCode)+" "+$e.message'
    assert run(src) == "-10518 Assert failed: Search for a blank client name"


def test_disabled_assertions_are_not_evaluated(run):
    # set-assert-enabled.md: ASSERT(TestMethod) — TestMethod will not be called
    method(run, "TestMethod", "#DECLARE() : Boolean\ngCalled:=True\nreturn False\n")
    assert (
        run("SET ASSERT ENABLED(False)\nASSERT(TestMethod)\nreturn String(gCalled)+String(Get assert enabled)")
        == "False"
    )
    assert run("SET ASSERT ENABLED(True)\nreturn Get assert enabled") is True


def test_asserted_returns_the_value(run):
    assert run("SET ASSERT ENABLED(False)\nreturn Asserted(1=2)") is False
    assert run("SET ASSERT ENABLED(True)\nreturn Asserted(1=1)") is True
    assert code_of(run, 'SET ASSERT ENABLED(True)\nIf (Asserted(1=2;"no"))\nEnd if') == -10518


def test_set_assert_enabled_for_current_process_only(run):
    rt = run.runtime
    run("SET ASSERT ENABLED(False;*)")
    assert run("return Get assert enabled") is False
    other = rt.new_process("Other")
    assert rt.run_code(rt.compile_source("return Get assert enabled"), [], other) is True
    run("SET ASSERT ENABLED(True)")  # without *: every process again
    assert run("return Get assert enabled") is True


# -- Call chain ------------------------------------------------------------------------------------------


def test_call_chain(run):
    method(run, "Leaf", "#DECLARE() : Collection\nvar $stack:=Call chain\nreturn $stack\n")
    method(run, "Middle", "#DECLARE() : Collection\n\nreturn Leaf\n")
    chain = run("$c:=Middle\nreturn $c")
    rows = [c.props for c in chain.items]
    assert [(r["name"], r["line"], r["type"]) for r in rows] == [
        ("Leaf", 2, "projectMethod"),
        ("Middle", 3, "projectMethod"),
        ("<test>", 1, "projectMethod"),
    ]
    assert rows[0]["formula"] == "var $stack:=Call chain"
    assert all(isinstance(r["database"], str) and r["database"] for r in rows)


def test_call_chain_in_class_function(run):
    run.runtime.classes.add_source("Tracer", "Function trace() : Collection\n return Call chain\n")
    rows = [c.props for c in run("return cs.Tracer.new().trace()").items]
    assert (rows[0]["name"], rows[0]["type"], rows[0]["line"]) == ("Tracer.trace", "classFunction", 2)


# -- nested handlers and Try ------------------------------------------------------------------------

# on-err-call.md, example 3, with ARRAY TEXT and var for ARRAY STRING and C_STRING (not in 4D v21's command list).
ON_ERROR_CALL = """  // ON ERROR CALL project method (on-err-call.md, example 3)
 var $ErrorMethod : Text
 var $vlElem : Integer

 If(Count parameters>0)
    $ErrorMethod:=$1
 Else
    $ErrorMethod:=""
 End if

 If($ErrorMethod#"")
    var gError : Integer
    gError:=0
    $vlElem:=1+Size of array(asErrorMethod)
    INSERT IN ARRAY(asErrorMethod;$vlElem)
    asErrorMethod{$vlElem}:=$1
    ON ERR CALL($1)
 Else
    ON ERR CALL("")
    $vlElem:=Size of array(asErrorMethod)
    If($vlElem>0)
       DELETE FROM ARRAY(asErrorMethod;$vlElem)
       If($vlElem>1)
          ON ERR CALL(asErrorMethod{$vlElem-1})
       End if
    End if
 End if
"""


def test_stack_of_error_handlers_example(run):
    # on-err-call.md, example 3: a process array piles up the handlers; each error goes to the top one.
    method(run, "ON ERROR CALL", ON_ERROR_CALL)
    method(run, "IO ERRORS", 'gLog:=gLog+"io:"+String(Error)+";"')
    method(run, "ALL ERRORS", 'gLog:=gLog+"all:"+String(Error)+";"')
    src = """ARRAY TEXT(asErrorMethod;0)
gLog:=""
ON ERROR CALL("IO ERRORS")
throw(1;"a")
ON ERROR CALL("ALL ERRORS")
throw(2;"b")
ON ERROR CALL
throw(3;"c")
ON ERROR CALL
return gLog+Method called on error"""
    assert run(src) == "io:1;all:2;io:3;"


def test_handler_of_a_called_method_then_the_callers_again(run):
    # Only one handler per process: a callee that installs its own and restores the caller's.
    method(run, "Outer handler", 'gLog:=gLog+"outer "+Error method+";"')
    method(run, "Inner handler", 'gLog:=gLog+"inner "+Error method+";"')
    method(
        run,
        "Callee",
        '$saved:=Method called on error\nON ERR CALL("Inner handler")\nthrow(2;"in callee")\nON ERR CALL($saved)\nthrow(3;"after restore")\n',
    )
    src = 'gLog:=""\nON ERR CALL("Outer handler")\nCallee\nthrow(4;"in caller")\nON ERR CALL("")\nreturn gLog'
    assert run(src) == "inner Callee;outer Callee;outer <test>;"


def test_try_inside_a_handler_catches_its_own_errors(run):
    # An error inside the handler is not handled again, but a Try in the handler catches it.
    method(
        run,
        "Careful",
        'Try\n $x:=1\\0\nCatch\n gLog:=gLog+"handler caught "+String(Last errors[0].errCode)+";"\nEnd try\n',
    )
    src = 'gLog:=""\nON ERR CALL("Careful")\nthrow(9;"x")\ngLog:=gLog+"went on"\nON ERR CALL("")\nreturn gLog'
    assert run(src) == "handler caught -10607;went on"


def test_try_in_a_method_protected_by_a_handler(run):
    # The Try nearest the error wins over the handler; errors outside the Try still reach the handler.
    method(run, "H", 'gLog:=gLog+"handler "+String(Error)+";"')
    method(
        run, "Guarded", 'Try\n throw(5;"inside try")\nCatch\n gLog:=gLog+"catch 5;"\nEnd try\nthrow(6;"outside try")\n'
    )
    assert run('gLog:=""\nON ERR CALL("H")\nGuarded\nON ERR CALL("")\nreturn gLog') == "catch 5;handler 6;"


def test_nested_try_expressions_stop_at_the_nearest(run):
    # error-handling.md: the flow returns to the latest executed Try().
    method(run, "Inner try", '#DECLARE() : Text\n$v:=Try(1\\0)\nreturn "inner "+String(Last errors[0].errCode)\n')
    assert run("return Try(Inner try)") == "inner -10607"  # the outer Try() got a value: no error left
    method(run, "Fails late", "#DECLARE() : Integer\n$v:=Try(2)\nreturn 1\\0\n")
    assert run("$r:=Try(Fails late)\nreturn String(Undefined($r))+String(Last errors[0].errCode)") == "True-10607"


def test_try_block_inside_try_expression_inside_try_block(run):
    method(
        run, "Mixed", '#DECLARE() : Text\nTry\n throw(1;"one")\nCatch\nEnd try\nthrow(2;"two")\nreturn "unreached"\n'
    )
    src = 'Try\n $v:=Try(Mixed)\n $log:="try() gave "+String($v)+" "+String(Last errors[0].errCode)\n throw(3;"three")\nCatch\n $log:=$log+", catch "+String(Last errors[0].errCode)\nEnd try\nreturn $log'
    assert run(src) == "try() gave  2, catch 3"


def test_show_errors_only_example(run):
    # on-err-call.md, example 4 (error-handling.md's errorMethod): the handler ALERTs the error.
    method(
        run,
        "Show_errors_only",
        ' If(Error#1006) //this is not a user interruption\n    ALERT("The error "+String(Error)+" occurred. The code in question is: \\""+Error formula+"\\"")\n End if\n',
    )
    run('ON ERR CALL("Show_errors_only")\n$x:=1\\0\nON ERR CALL("")')
    assert run.out.getvalue() == 'The error -10607 occurred. The code in question is: "$x:=1\\0"\n'


# -- throw inside class functions, caught by the caller ---------------------------------------------

ACCOUNT = """
property balance : Real := 0

Class constructor($opening : Real)
 If ($opening<0)
  throw({errCode: 20; message: "Opening balance {opening} is negative"; opening: $opening})
 End if
 This.balance:=$opening

Function withdraw($amount : Real) : Real
 If ($amount>This.balance)
  throw(10; "Insufficient funds")
 End if
 This.balance-=$amount
 gTrail:=gTrail+"withdrew;"
 return This.balance

Function audit()
 throw({message: "audit one"; deferred: True})
 throw({message: "audit two"; deferred: True})
 gTrail:=gTrail+"audit ran to the end;"
"""

SAVINGS = """
Class extends Account

Function withdraw($amount : Real) : Real
 If ($amount>100)
  throw({componentSignature: "BANK"; errCode: 30; message: "Limit is 100"})
 End if
 return Super.withdraw($amount)
"""


@pytest.fixture
def bank(run):
    run.runtime.classes.add_source("Account", ACCOUNT)
    run.runtime.classes.add_source("Savings", SAVINGS)
    run('gTrail:=""')
    return run


def test_throw_in_class_function_caught_by_try_catch(bank):
    src = 'var $a:=cs.Account.new(50)\nTry\n $a.withdraw(80)\n $after:="not reached"\nCatch\n $e:=Last errors[0]\nEnd try\nreturn [$e.errCode; $e.message; $e.componentSignature; $a.balance; Undefined($after)]'
    assert bank(src).items == [10, "Insufficient funds", "host", 50, True]


def test_throw_two_levels_down_caught_by_try_catch(bank):
    # Savings.withdraw -> Super.withdraw (Account) throws; the caller's Catch gets it.
    src = 'var $s:=cs.Savings.new(50)\nTry\n $s.withdraw(60)\nCatch\n $m:=Last errors[0].message\nEnd try\nTry\n $s.withdraw(500)\nCatch\n $m:=$m+" / "+Last errors[0].componentSignature+" "+Last errors[0].message\nEnd try\nreturn $m'
    assert bank(src) == "Insufficient funds / BANK Limit is 100"


def test_throw_in_constructor_caught_by_try_expression(bank):
    src = "$a:=Try(cs.Account.new(-5))\nreturn [Undefined($a); Last errors[0].errCode; Last errors[0].message; Last errors[0].opening]"
    assert bank(src).items == [True, 20, "Opening balance -5 is negative", -5]


def test_throw_in_class_function_caught_by_on_err_call(bank):
    # The handler sees the class function as Error method; the function goes on after the throw.
    method(bank, "Bank handler", 'gTrail:=gTrail+String(Error)+"@"+Error method+":"+String(Error line)+";"')
    src = 'ON ERR CALL("Bank handler")\n$a:=cs.Account.new(50)\n$left:=$a.withdraw(80)\nON ERR CALL("")\nreturn gTrail+String($left)'
    assert bank(src) == "10@Account.withdraw:12;withdrew;-30"


def test_deferred_throws_of_a_class_function_reach_the_caller(bank):
    src = 'Try\n cs.Account.new(1).audit()\nCatch\n $c:=Last errors.extract("message").join(",")\nEnd try\nreturn $c+" "+gTrail'
    assert bank(src) == "audit one,audit two audit ran to the end;"


def test_uncaught_throw_in_class_function_names_it(bank):
    with pytest.raises(FourDError) as info:
        bank("$a:=cs.Savings.new(500)\n$a.withdraw(200)")
    exc = info.value
    assert (exc.code, exc.message, exc.method, exc.line) == (30, "Limit is 100", "Savings.withdraw", 6)
    assert [name for name, _line in exc.call_chain] == ["Savings.withdraw", "<test>"]


def test_global_handler_gets_errors_of_other_processes(run):
    # on-err-call.md: ek global catches errors of every process that has no local handler.
    method(
        run,
        "G",
        'Use (Storage)\n Storage.log:=String(Storage.log)+"global "+String(Error)+" in "+Current process name+";"\nEnd use\n',
    )
    method(run, "L", 'Use (Storage)\n Storage.log:=String(Storage.log)+"local in "+Current process name+";"\nEnd use\n')
    method(
        run, "Child", '#DECLARE($local : Boolean)\nIf ($local)\n ON ERR CALL("L")\nEnd if\nthrow(77; "child error")\n'
    )
    src = """ON ERR CALL("G"; ek global)
$p1:=New process("Child"; 0; "Kid"; False)
$p2:=New process("Child"; 0; "Own"; True)
While ((Process state($p1)>=0) | (Process state($p2)>=0))
 DELAY PROCESS(Current process; 1)
End while
ON ERR CALL(""; ek global)
return Storage.log"""
    assert sorted(run(src).rstrip(";").split(";")) == ["global 77 in Kid", "local in Own"]
