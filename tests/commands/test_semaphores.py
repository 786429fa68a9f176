"""Semaphore, Test semaphore, CLEAR SEMAPHORE (commands/semaphore.md…)."""

from __future__ import annotations

HOLDER = """#DECLARE($ready : 4D.Signal; $release : 4D.Signal)
$x:=Semaphore("job")
$ready.trigger()
$release.wait(5)
CLEAR SEMAPHORE("job")
"""


def test_semaphore_in_one_process(run):
    code = (
        'return String(Semaphore("a"))+String(Semaphore("a"))+String(Test semaphore("a"))+String(Test semaphore("A"))'
    )
    assert run(code) == "FalseFalseTrueFalse"  # set, already ours, exists, names are case-sensitive
    assert run('$x:=Semaphore("b")\nCLEAR SEMAPHORE("b")\nreturn Test semaphore("b")') is False


def test_semaphore_held_by_another_process(run):
    run.runtime.methods.add_source("Holder", HOLDER)
    code = """$ready:=New signal
$release:=New signal
$p:=New process("Holder";0;"holder";$ready;$release)
$ready.wait(5)
$busy:=Semaphore("job")
CLEAR SEMAPHORE("job")
$still:=Test semaphore("job")
$release.trigger()
$got:=Not(Semaphore("job";300))
return String($busy)+String($still)+String($got)"""
    # held elsewhere: True; clearing another's semaphore does nothing; after its release, waiting gets it
    assert run(code) == "TrueTrueTrue"
