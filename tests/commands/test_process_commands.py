"""The Processes theme commands and 4D.Signal, as 4D code sees them."""

from __future__ import annotations

import pytest

from fourd.runtime import processes as P
from fourd.runtime.errors import FourDError


@pytest.fixture
def rt(run):
    yield run
    runtime = run.runtime
    for process in runtime.manager.live():
        if process is not runtime.main_process:
            P.request_abort(process)
    runtime.finish(timeout=5)


def test_the_main_process(rt):
    assert rt.value("Current process") == 1
    assert rt.value("Current process name") == "Main"
    assert rt.value('Process number("Main")') == 1
    assert rt.value('Process number("no such process")') == 0
    assert rt.value("Process state(1)") == 0
    assert rt.value("Process state(999)") == -100
    assert rt.value("Process info(999)") is None
    assert rt.value("Process aborted") is False
    assert rt.value("Count tasks") == 1


def test_process_info_of_a_new_process(rt):
    rt.runtime.methods.add_source("Hold", "#DECLARE($s : 4D.Signal)\n$s.wait(5)")
    info = rt('$s:=New signal\n$p:=New process("Hold"; 0; "holder"; $s)\n$i:=Process info($p)\n$s.trigger()\nreturn $i')
    props = info.props
    assert props["name"] == "holder"
    assert props["number"] == props["ID"] == 2
    assert props["type"] == 4  # Other user process
    assert props["sessionID"] == rt.value("Session.id")
    assert props["preemptive"] is False
    assert props["visible"] is True
    assert props["creationDateTime"].endswith("Z")


def test_a_process_name_can_be_omitted_unless_parameters_are_passed(rt):
    rt.runtime.methods.add_source("Nothing", "$x:=1")
    number = rt('return New process("Nothing"; 0)')
    assert rt.runtime.processes[number].name == ""


def test_new_process_with_an_unknown_method_is_an_error(rt):
    with pytest.raises(FourDError) as info:
        rt('New process("NoSuchMethod"; 0; "x")')
    assert info.value.code == -10601


def test_new_process_checks_its_parameters(rt):
    with pytest.raises(FourDError) as info:
        rt('New process(42; 0; "x")')
    assert "New process" in info.value.message
    with pytest.raises(FourDError):
        rt('New process("x")')  # the stack parameter is required


def test_worker_process_type_and_current_process_inside(rt):
    rt.runtime.methods.add_source(
        "Report",
        'Use (Storage)\nStorage.me:=New shared object("n"; Current process; "name"; Current process name)\nEnd use',
    )
    rt('CALL WORKER("reporter"; "Report")')
    assert rt.runtime.finish(timeout=5)
    me = rt.value("Storage.me").props
    assert me["name"] == "reporter"
    assert rt.runtime.processes[me["n"]].type == P.TYPE_WORKER


def test_call_worker_to_a_plain_process_number_does_nothing(rt):
    rt.runtime.methods.add_source("Hold", "#DECLARE($s : 4D.Signal)\n$s.wait(5)")
    rt.runtime.methods.add_source("Mark", "Use (Storage)\nStorage.marked:=True\nEnd use")
    rt(
        '$s:=New signal\n$p:=New process("Hold"; 0; "plain"; $s)\nCALL WORKER($p; "Mark")\nCALL WORKER(999; "Mark")\n$s.trigger()'
    )
    assert rt.runtime.finish(timeout=5)
    assert rt.value("Storage.marked") is not True


def test_empty_formula_reuses_the_startup_method(rt):
    rt.runtime.methods.add_source("Bump", "vN:=Num(vN)+1\nUse (Storage)\nStorage.n:=vN\nEnd use")
    rt('CALL WORKER("bumper"; "Bump")\nCALL WORKER("bumper"; "")\nCALL WORKER("bumper"; "")')
    assert rt.runtime.finish(timeout=5)
    assert rt.value("Storage.n") == 3


def test_kill_worker_of_an_unknown_worker_does_nothing(rt):
    rt('KILL WORKER("nobody")\nKILL WORKER(999)')
    assert rt.runtime.processes[1].state == 0


def test_call_form_is_not_headless(rt):
    with pytest.raises(FourDError) as info:
        rt('CALL FORM(1; "x")')
    assert info.value.code == -10681
    assert "headless" in info.value.message


def test_signal_properties(rt):
    result = rt('$s:=New signal("first")\nreturn New collection($s.description; $s.signaled; OB Is shared($s))')
    assert result.items == ["first", False, True]
    assert rt("$s:=New signal\n$s.trigger()\n$s.trigger()\nreturn $s.signaled") is True


def test_signal_properties_change_only_inside_use(rt):
    with pytest.raises(FourDError) as info:
        rt('$s:=New signal\n$s.description:="x"')
    assert info.value.code == -10726
    assert (
        rt(
            '$s:=New signal\nUse ($s)\n$s.description:="x"\n$s.result:=New shared object("v"; 1)\nEnd use\n'
            "return $s.description+String($s.result.v)"
        )
        == "x1"
    )
    with pytest.raises(FourDError):
        rt("$s:=New signal\nUse ($s)\n$s.signaled:=True\nEnd use")  # read-only
    with pytest.raises(FourDError) as info:
        rt("$s:=New signal\nUse ($s)\n$s.o:=New object\nEnd use")
    assert info.value.code == -10721


def test_a_signal_can_be_stored_in_storage(rt):
    assert rt('Use (Storage)\nStorage.sig:=New signal("kept")\nEnd use\nreturn Storage.sig.description') == "kept"


def test_signal_wait_checks_its_parameter(rt):
    with pytest.raises(FourDError):
        rt('$s:=New signal\n$s.wait("soon")')
