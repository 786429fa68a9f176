"""Processes and workers on threads: shared data under contention, mailboxes, abort, deadlocks."""

from __future__ import annotations

import threading
import time

import pytest

from fourd.runtime import processes as P
from fourd.runtime.errors import FourDError


@pytest.fixture
def rt(run):
    """The runtime of ``run``; processes still alive at the end are aborted."""
    yield run
    runtime = run.runtime
    for process in runtime.manager.live():
        if process is not runtime.main_process:
            P.request_abort(process)
    runtime.finish(timeout=5)


def method(run, name: str, source: str) -> None:
    run.runtime.methods.add_source(name, source)


def errors_of(run) -> list[FourDError]:
    return [exc for _, exc in run.runtime.manager.errors]


def wait_until(predicate, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.002)
    return predicate()


ADD_MANY_USE = """#DECLARE($n : Integer)
var $i : Integer
For ($i; 1; $n)
  Use (Storage)
    Storage.counter:=Storage.counter+1
  End use
End for
"""

ADD_MANY_NO_USE = """#DECLARE($n : Integer)
var $i : Integer
For ($i; 1; $n)
  Storage.counter:=Storage.counter+1
End for
"""


def test_eight_workers_add_to_storage_inside_use_without_losing_an_update(rt):
    method(rt, "AddMany", ADD_MANY_USE)
    rt("Use (Storage)\nStorage.counter:=0\nEnd use")
    start = time.perf_counter()
    rt('For ($w; 1; 8)\nCALL WORKER("adder "+String($w); "AddMany"; 10000)\nEnd for')
    assert rt.runtime.finish(timeout=60)
    elapsed = time.perf_counter() - start
    assert errors_of(rt) == []
    assert rt.value("Storage.counter") == 80000
    assert elapsed < 30


def test_the_same_code_without_use_fails_in_every_worker_and_changes_nothing(rt):
    method(rt, "AddMany", ADD_MANY_NO_USE)
    rt("Use (Storage)\nStorage.counter:=0\nEnd use")
    rt('For ($w; 1; 8)\nCALL WORKER("adder "+String($w); "AddMany"; 10000)\nEnd for')
    assert rt.runtime.finish(timeout=10)
    errors = errors_of(rt)
    assert len(errors) == 8
    assert {e.code for e in errors} == {-10726}
    assert {name for name, _ in rt.runtime.manager.errors} == {f"adder {i}" for i in range(1, 9)}
    assert rt.value("Storage.counter") == 0


def test_messages_to_one_worker_run_in_the_order_sent(rt):
    method(rt, "Append", "#DECLARE($i : Integer)\nStorage.log.push($i)")
    rt("Use (Storage)\nStorage.log:=New shared collection\nEnd use")
    rt('For ($i; 1; 200)\nCALL WORKER("logger"; "Append"; $i)\nEnd for')
    assert rt.runtime.finish(timeout=10)
    assert rt.value("Storage.log").items == list(range(1, 201))


def test_a_worker_keeps_its_process_variables_between_messages(rt):
    method(rt, "Count", "vCount:=Num(vCount)+1\nStorage.seen.push(vCount)")
    rt("Use (Storage)\nStorage.seen:=New shared collection\nEnd use")
    rt('vCount:=100\nCALL WORKER("counter"; "Count")\nCALL WORKER("counter"; "Count")\nCALL WORKER("counter"; "Count")')
    assert rt.runtime.finish(timeout=10)
    assert rt.value("Storage.seen").items == [1, 2, 3]
    assert rt.value("vCount") == 100  # the main process's own variable is untouched


def test_kill_worker_stops_it_after_its_current_message(rt):
    method(
        rt,
        "Slow",
        '#DECLARE($started : 4D.Signal; $go : 4D.Signal)\n$started.trigger()\n$go.wait(5)\nStorage.log.push("slow")',
    )
    method(rt, "Record", "#DECLARE($what : Text)\nStorage.log.push($what)")
    result = rt(
        """
Use (Storage)
  Storage.log:=New shared collection
End use
var $started; $go : 4D.Signal
$started:=New signal
$go:=New signal
CALL WORKER("w"; "Slow"; $started; $go)
$started.wait(5)
$n:=Process number("w")
CALL WORKER("w"; "Record"; "after")
KILL WORKER("w")
$go.trigger()
return $n
"""
    )
    assert result > 1
    assert wait_until(lambda: rt.runtime.processes[result].ended)
    assert rt.value("Storage.log").items == ["slow"]
    assert rt.value(f"Process state({result})") == P.ABORTED


def test_a_killed_worker_starts_again_as_a_new_process_with_fresh_variables(rt):
    method(rt, "Note", 'vCount:=Num(vCount)+1\nStorage.log.push(String(Current process)+":"+String(vCount))')
    rt("Use (Storage)\nStorage.log:=New shared collection\nEnd use")
    rt('CALL WORKER("w"; "Note")\nCALL WORKER("w"; "Note")\nKILL WORKER("w")\nCALL WORKER("w"; "Note")')
    assert rt.runtime.finish(timeout=10)
    log = rt.value("Storage.log").items
    # KILL WORKER may empty the box before the first messages ran; the last one always runs anew
    first_numbers = {entry.split(":")[0] for entry in log[:-1]}
    last_number, last_count = log[-1].split(":")
    assert last_count == "1"
    assert last_number not in first_numbers


def test_kill_worker_from_inside_a_message(rt):
    method(rt, "Stop", 'Storage.log.push("stop")\nKILL WORKER\nCALL WORKER(Current process name; "Stop")')
    rt("Use (Storage)\nStorage.log:=New shared collection\nEnd use")
    rt('CALL WORKER("selfkill"; "Stop")')
    assert rt.runtime.finish(timeout=10)
    assert rt.value("Storage.log").items == ["stop"]  # calling itself once killed does nothing


def test_worker_messages_with_a_formula_like_object(rt):
    calls = []

    class FakeFormula:  # what the formulas helper provides: call_with_this(frame, this, args)
        def call_with_this(self, frame, this, args):
            calls.append((frame.process.name, list(args)))
            return None

    rt.runtime.set_interprocess("f", FakeFormula())
    rt('CALL WORKER("fw"; <>f; 1; "two")')
    assert rt.runtime.finish(timeout=10)
    assert calls == [("fw", [1.0, "two"])]


def test_objects_go_to_a_worker_by_copy_and_shared_ones_by_reference(rt):
    method(
        rt,
        "Touch",
        "#DECLARE($plain : Object; $shared : Object)\n$plain.x:=2\nUse ($shared)\n$shared.x:=2\nEnd use",
    )
    result = rt(
        """
var $plain : Object:=New object("x"; 1)
var $shared : Object:=New shared object("x"; 1)
CALL WORKER("copier"; "Touch"; $plain; $shared)
return New collection($plain; $shared)
"""
    )
    assert rt.runtime.finish(timeout=10)
    plain, shared = result.items
    assert plain.props["x"] == 1
    assert shared.props["x"] == 2


def test_abort_stops_a_running_loop(rt):
    method(rt, "Spin", "#DECLARE($s : 4D.Signal)\n$s.trigger()\nWhile (True)\n$x:=1\nEnd while")
    number = rt('var $s : 4D.Signal:=New signal\n$p:=New process("Spin"; 0; "spinner"; $s)\n$s.wait(5)\nreturn $p')
    process = rt.runtime.processes[number]
    assert rt.value(f"Process state({number})") == P.EXECUTING
    start = time.perf_counter()
    rt(f"ABORT PROCESS BY ID({number})")
    assert wait_until(lambda: process.ended, 2)
    assert time.perf_counter() - start < 1
    assert process.aborted
    assert rt.value(f"Process state({number})") == P.ABORTED


@pytest.mark.parametrize(
    "loop",
    [
        "For ($i; 1; MAXLONG)\n$x:=1\nEnd for",
        "Repeat\n$x:=1\nUntil (False)",
        "For each ($v; New collection(1;2;3)) Until (False)\nWhile (True)\nEnd while\nEnd for each",
    ],
)
def test_abort_stops_every_kind_of_loop(rt, loop):
    method(rt, "Spin", "#DECLARE($s : 4D.Signal)\n$s.trigger()\n" + loop)
    number = rt('var $s : 4D.Signal:=New signal\n$p:=New process("Spin"; 0; "spinner"; $s)\n$s.wait(5)\nreturn $p')
    rt(f"ABORT PROCESS BY ID({number})")
    assert wait_until(lambda: rt.runtime.processes[number].ended, 2)


def test_abort_wakes_a_process_waiting_for_a_signal(rt):
    method(rt, "Waiter", '#DECLARE($s : 4D.Signal)\n$s.wait()\nStorage.log.push("woke")')
    number = rt(
        "Use (Storage)\nStorage.log:=New shared collection\nEnd use\n"
        'return New process("Waiter"; 0; "waiter"; New signal)'
    )
    process = rt.runtime.processes[number]
    assert wait_until(lambda: process.state == P.WAITING_FOR_FLAG)
    rt(f"ABORT PROCESS BY ID({number})")
    assert wait_until(lambda: process.ended, 2)
    assert rt.value("Storage.log").items == []  # aborted, not woken normally


def test_a_signal_wakes_a_waiting_process(rt):
    method(rt, "Waiter", '#DECLARE($s : 4D.Signal)\n$s.wait()\nStorage.log.push("woke")')
    rt("Use (Storage)\nStorage.log:=New shared collection\nStorage.s:=New signal\nEnd use")
    number = rt('return New process("Waiter"; 0; "waiter"; Storage.s)')
    assert wait_until(lambda: rt.runtime.processes[number].state == P.WAITING_FOR_FLAG)
    rt("Storage.s.trigger()")
    assert wait_until(lambda: rt.runtime.processes[number].ended, 2)
    assert rt.value("Storage.log").items == ["woke"]


def test_signal_wait_times_out(rt):
    start = time.perf_counter()
    assert rt("var $s:=New signal\nreturn $s.wait(0.05)") is False
    assert time.perf_counter() - start >= 0.05
    assert rt("var $s:=New signal\n$s.trigger()\nreturn $s.wait(10)") is True


def test_use_in_opposite_orders_is_reported_as_a_deadlock_in_one_process(rt):
    method(
        rt,
        "LockBoth",
        """#DECLARE($first : Object; $second : Object; $mine : 4D.Signal; $theirs : 4D.Signal)
Use ($first)
  $mine.trigger()
  $theirs.wait(5)
  Use ($second)
    Storage.done.push(Current process name)
  End use
End use
""",
    )
    start = time.perf_counter()
    rt(
        """
Use (Storage)
  Storage.done:=New shared collection
End use
$a:=New shared object
$b:=New shared object
$sa:=New signal
$sb:=New signal
$p1:=New process("LockBoth"; 0; "one"; $a; $b; $sa; $sb)
$p2:=New process("LockBoth"; 0; "two"; $b; $a; $sb; $sa)
"""
    )
    assert rt.runtime.finish(timeout=5)
    assert time.perf_counter() - start < 1.5
    errors = errors_of(rt)
    assert [e.code for e in errors] == [-10680]
    assert len(rt.value("Storage.done").items) == 1  # the other process went on


def test_use_is_reentrant_in_its_own_process(rt):
    assert rt("$o:=New shared object\nUse ($o)\nUse ($o)\n$o.a:=1\nEnd use\n$o.b:=2\nEnd use\nreturn $o.a+$o.b") == 3


def test_use_blocks_other_processes_until_end_use(rt):
    method(rt, "Writer", '#DECLARE($o : Object)\nUse ($o)\n$o.by:="writer"\nEnd use')
    number = rt(
        """
Use (Storage)
  Storage.o:=New shared object("by"; "nobody")
End use
Use (Storage.o)
  $p:=New process("Writer"; 0; "writer"; Storage.o)
  DELAY PROCESS(Current process; 3)
  Storage.o.seen:=Storage.o.by
End use
return $p
"""
    )
    assert wait_until(lambda: rt.runtime.processes[number].ended)
    assert rt.value("Storage.o.seen") == "nobody"  # the writer waited for End use
    assert rt.value("Storage.o.by") == "writer"


def test_process_variables_are_per_process_interprocess_are_shared(rt):
    method(rt, "Vars", "vX:=2\n<>shared:=<>shared+1\nUse (Storage)\nStorage.childX:=vX\nEnd use")
    number = rt('vX:=1\n<>shared:=10\nreturn New process("Vars"; 0; "vars")')
    assert wait_until(lambda: rt.runtime.processes[number].ended)
    assert rt.value("vX") == 1
    assert rt.value("<>shared") == 11
    assert rt.value("Storage.childX") == 2


def test_unique_process(rt):
    method(rt, "Hold", "#DECLARE($s : 4D.Signal)\n$s.wait(5)")
    result = rt(
        """
$s:=New signal
$a:=New process("Hold"; 0; "only one"; $s; *)
$b:=New process("Hold"; 0; "only one"; $s; *)
$c:=New process("Hold"; 0; "only one"; $s)
$s.trigger()
return New collection($a; $b; $c)
"""
    )
    a, b, c = result.items
    assert a == b
    assert c != a


def test_delay_pause_and_resume_another_process(rt):
    method(rt, "Tick", "#DECLARE($s : 4D.Signal)\n$s.trigger()\nWhile (Not(Storage.stop))\n$x:=1\nEnd while")
    number = rt(
        "Use (Storage)\nStorage.stop:=False\nEnd use\n"
        'var $s:=New signal\n$p:=New process("Tick"; 0; "ticker"; $s)\n$s.wait(5)\nreturn $p'
    )
    process = rt.runtime.processes[number]
    rt(f"PAUSE PROCESS({number})")
    assert wait_until(lambda: process.state == P.PAUSED)
    rt(f"RESUME PROCESS({number})")
    assert wait_until(lambda: process.state == P.EXECUTING)
    rt(f"DELAY PROCESS({number}; 6000)")  # 100 s, cut short by RESUME PROCESS
    assert wait_until(lambda: process.state == P.DELAYED)
    rt(f"RESUME PROCESS({number})")
    assert wait_until(lambda: process.state == P.EXECUTING)
    rt("Use (Storage)\nStorage.stop:=True\nEnd use")
    assert wait_until(lambda: process.ended)


def test_delay_process_on_oneself_waits(rt):
    start = time.perf_counter()
    rt("DELAY PROCESS(Current process; 3)")  # 3 ticks = 50 ms
    assert 0.045 <= time.perf_counter() - start < 1


def test_an_error_in_a_process_is_reported_not_raised(rt):
    method(rt, "Broken", "$x:=1\\0")  # integer division by zero is an error (1/0 is INF)
    rt('New process("Broken"; 0; "broken")')
    assert rt.runtime.finish(timeout=5)
    assert [e.code for e in errors_of(rt)] == [-10607]
    assert "broken" in rt.err.getvalue()


def test_messages_to_the_main_process_run_when_it_waits(rt):
    method(rt, "Ping", '#DECLARE($s : 4D.Signal)\nCALL WORKER(1; "Pong"; $s)')
    method(rt, "Pong", "#DECLARE($s : 4D.Signal)\nvPonged:=Current process\n$s.trigger()")
    result = rt(
        'var $s:=New signal\nCALL WORKER("pinger"; "Ping"; $s)\n$ok:=$s.wait(5)\nreturn String($ok)+String(vPonged)'
    )
    assert result == "True1"


def test_methods_compile_once_under_concurrency(rt):
    method(rt, "Shared", "#DECLARE() -> $r : Integer\n$r:=42")
    runtime = rt.runtime
    codes = []
    barrier = threading.Barrier(8)

    def get() -> None:
        barrier.wait()
        codes.append(runtime.methods.get(runtime, "Shared"))

    threads = [threading.Thread(target=get) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(c) for c in codes}) == 1
