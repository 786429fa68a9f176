"""The REPL engine without a terminal: completeness, persistent locals, values, errors, help, completion."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from fourd.tools.repl import ReplSession, help_text

ROOT = Path(__file__).resolve().parents[2]


class Captured(ReplSession):
    def __init__(self) -> None:
        super().__init__(out=io.StringIO(), err=io.StringIO())

    def run(self, text: str) -> str:
        """Handle one input; what it printed on stdout."""
        start = self.out.tell()
        self.handle(text)
        self.out.seek(start)
        printed = self.out.read()
        return printed

    @property
    def errors(self) -> str:
        return self.err.getvalue()


@pytest.fixture
def repl() -> Captured:
    return Captured()


@pytest.mark.parametrize(
    "text",
    [
        "If (True)",
        "If (True)\n\t$a:=1",
        "For each ($x; $c)\n\tIf ($x>1)\n\tEnd if",
        "Case of\n\t: (True)",
        "Use ($o)",
        "Try",
        "While (False)",
        "Repeat\n$i:=1",
        "For ($i; 1; 3)",
        "/* a comment\nstill open",
        "$a:=1+\\",
        "Function area($r : Real) -> $a : Real\n\t$a:=$r*$r",
        "shared Function f()",
    ],
)
def test_open_input_waits_for_more(repl, text):
    assert not repl.is_complete(text)


@pytest.mark.parametrize(
    "text",
    [
        "$a:=1",
        "If (True)\n\t$a:=1\nEnd if",
        "For each ($x; $c)\n\tIf ($x>1)\n\tEnd if\nEnd for each",
        "Repeat\n$i:=1\nUntil (True)",
        "$v:=Try(1/0)",  # Try(expression) opens no block
        '$t:="If (True)"',  # keywords in strings do not count
        "// If (True)",
        "Function area($r : Real)\n\t$a:=$r\n",  # a class member ends at an empty line
        ":help If",
        "",
    ],
)
def test_complete_input_runs(repl, text):
    assert repl.is_complete(text)


def test_locals_persist_and_values_print(repl):
    assert repl.run("$c:=[1;2;3]") == ""  # an assignment prints nothing
    assert repl.run("var $sum : Integer") == ""
    assert repl.run("For each ($x; $c)\n\t$sum:=$sum+$x\nEnd for each") == ""
    assert repl.run("$sum") == "6\n"
    assert repl.run('$o:=New object("list"; $c; "n"; $sum)\n$o') == '{"list":[1,2,3],"n":6}\n'
    assert repl.run("$c.push(4)") == "[1,2,3,4]\n"  # member calls show what they return
    assert repl.run("$sum:=$sum+0.25\n$sum") == "6\n"  # the declared Integer type lives on too
    assert repl.errors == ""


def test_commands_without_result_print_nothing_but_their_output(repl):
    assert repl.run('ALERT("hello")') == "hello\n"
    assert repl.run("TRACE") == ""
    assert repl.run('Length("four")') == "4\n"


def test_explicit_return_prints(repl):
    assert repl.run('If (True)\n\treturn "early"\nEnd if\n$never:=1') == "early\n"
    assert repl.run("$never") == ""  # not run: still undefined


def test_errors_never_leave_and_state_survives(repl):
    repl.run("$n:=41")
    repl.run("$o:=Null\n$x:=$o.a")
    assert "error -10616" in repl.errors and "<repl 2>:2:" in repl.errors
    assert "$x:=$o.a" in repl.errors  # the failing line, shown
    repl.run("$bad:=(1")
    assert "error: unexpected" in repl.errors
    repl.run('ASSERT(False; "nope")')
    assert "-10518" in repl.errors
    assert repl.run("$n+1") == "42\n"


def test_error_in_a_method_shows_the_call_chain(repl, tmp_path):
    (tmp_path / "Inner.4dm").write_text("#DECLARE($o : Object)\n$v:=$o.missing.deeper\n", encoding="utf-8")
    (tmp_path / "Outer.4dm").write_text("Inner(Null)\n", encoding="utf-8")
    assert "2 method(s)" in repl.run(f":load {tmp_path}")
    repl.run("Outer")
    assert "Inner:2" in repl.errors and "Outer:1" in repl.errors and "<repl>:1" in repl.errors


def test_help_shows_the_syntax_line():
    assert help_text("Session storage").startswith("Session storage ( id : Text ) : Object")
    assert "Session storage by ID" in help_text("session   STORAGE")
    assert help_text("Is real").endswith("= 1")
    assert "no command or constant" in help_text("Frobnicate")
    assert "did you mean: Session storage" in help_text("Session stor")


def test_repl_commands(repl):
    repl.run("var $t : Text")
    assert repl.run(":vars") == "$t : Text = \n"
    assert repl.run(":help").startswith("Type 4D code")
    repl.run(":nonsense")
    assert "unknown REPL command" in repl.errors
    repl.run(":trace on")
    repl.run('$t:="x"')
    assert '[trace] <repl>:1  $t:="x"' in repl.errors
    assert repl.handle(":quit") is False


def test_class_members_are_refused_politely(repl):
    repl.run("Function f()\n\treturn 1\n")
    assert "class file" in repl.errors


def test_completion(repl):
    repl.run('$customer:=New object("name"; "Ann"; "address"; New object("city"; "Paris"))')
    repl.run("$list:=[1]")
    assert repl.complete("$a:=Session st") == (len("Session st"), ["Session storage"])
    replaced, names = repl.complete("$a:=Leng")
    assert replaced == 4 and "Length" in names
    assert repl.complete("$a:=Length") == (0, [])  # what is fully typed is not offered again
    assert "Is real" not in repl.complete("Is re")[1] and "Is Real" in repl.complete("Is re")[1]
    assert repl.complete("$cu") == (3, ["$customer"])
    assert repl.complete("$customer.a") == (1, ["address"])
    assert repl.complete("$customer.address.") == (0, ["city"])
    assert "push" in repl.complete("$list.p")[1]
    assert "End for each" in repl.complete("End for e")[1]


def test_piped_input_runs_without_a_terminal():
    code = 'For each ($x; [1;2])\n$t:=String($x)\nEnd for each\n$t+"!"\n$y:=$undefined.a.b\n"after"\n'
    proc = subprocess.run(
        [sys.executable, "-m", "fourd", "repl"], input=code, capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert proc.returncode == 0
    assert proc.stdout == "2!\nafter\n"
    assert proc.stderr == ""  # reading a property of Undefined gives Undefined, no error
