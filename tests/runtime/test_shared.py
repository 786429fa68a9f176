from __future__ import annotations

import threading

import pytest

from fourd.runtime.errors import FourDError


def test_change_outside_use_is_an_error(run):
    with pytest.raises(FourDError) as info:
        run('$s:=New shared object("a"; 1)\n$s.a:=2')
    assert info.value.code == -10726
    assert "Use" in info.value.message


def test_change_inside_use_works(run):
    assert run('$s:=New shared object("a"; 1)\nUse($s)\n$s.a:=2\nEnd use\nreturn $s.a') == 2


def test_non_shared_value_in_shared_object_is_refused(run):
    with pytest.raises(FourDError) as info:
        run("$s:=New shared object\nUse($s)\n$s.o:=New object\nEnd use")
    assert info.value.code == -10721


def test_shared_groups(run):
    src = """
$ob1:=New shared object
$ob2:=New shared object
Use($ob1)
  $ob1.a:=$ob2
End use
$ob3:=New shared object
$ob4:=New shared object
Use($ob3)
  $ob3.a:=$ob4
End use
Use($ob1)
  $ob1.b:=$ob4
End use
"""
    with pytest.raises(FourDError) as info:
        run(src)
    assert info.value.code == -10722
    # $ob2 joined $ob1's group: using $ob1 lets us change $ob2.
    assert (
        run(
            "$a:=New shared object\n$b:=New shared object\nUse($a)\n$a.b:=$b\nEnd use\nUse($a)\n$b.x:=1\nEnd use\nreturn $b.x"
        )
        == 1
    )


def test_shared_collection_functions_lock_themselves(run):
    assert run('$c:=New shared collection()\n$c.push("alpha")\nreturn $c.length') == 1


def _run_in_thread(runtime, code, args, errors):
    process = runtime.new_process("worker")
    runtime.bind_thread(process)
    try:
        runtime.invoke(code, args, process)
    except Exception as exc:  # pragma: no cover - reported by the test
        errors.append(exc)


def test_use_locks_across_threads_no_lost_update(run):
    runtime = run.runtime
    runtime.run_source("Use(Storage)\nStorage.count:=0\nEnd use")
    code = runtime.compile_source(
        "For ($i; 1; 300)\nUse(Storage)\n$n:=Storage.count\n$n:=$n+1\nStorage.count:=$n\nEnd use\nEnd for"
    )
    errors: list[Exception] = []
    threads = [threading.Thread(target=_run_in_thread, args=(runtime, code, [], errors)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert runtime.run_source("return Storage.count") == 600
