"""Line tracing: --trace, --trace-method, the TRACE command, and nothing paid when it is off."""

from __future__ import annotations

import io

import pytest

from fourd.cli import main
from fourd.runtime.interpreter import Runtime
from fourd.runtime.trace import Tracer


def traced_runtime(active: bool, methods: list[str] | None = None) -> tuple[Runtime, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    runtime = Runtime(stdout=out, stderr=err)
    runtime.tracer = Tracer(err, methods, active=active)
    runtime.trace_hook = runtime.tracer.start
    return runtime, err


def trace_lines(err: io.StringIO) -> list[str]:
    return [line for line in err.getvalue().splitlines() if line.startswith("[trace]")]


def test_every_executed_line_with_method_and_number():
    runtime, err = traced_runtime(active=True)
    runtime.methods.add_source("Double", "#DECLARE($n : Integer) -> $r : Integer\n$r:=$n*2\n")
    source = "var $i : Integer\nFor ($i; 1; 2)\n\t$x:=Double($i)\nEnd for\nIf (False)\n\t$never:=1\nEnd if\n"
    runtime.run_source(source, "Main.4dm")
    assert trace_lines(err) == [
        "[trace] Main:1  var $i : Integer",
        "[trace] Main:2  For ($i; 1; 2)",
        "[trace] Main:3  $x:=Double($i)",
        "[trace] Double:2  $r:=$n*2",
        "[trace] Main:3  $x:=Double($i)",
        "[trace] Double:2  $r:=$n*2",
        "[trace] Main:5  If (False)",
    ]


def test_filter_by_method():
    runtime, err = traced_runtime(active=True, methods=["double"])
    runtime.methods.add_source("Double", "#DECLARE($n : Integer) -> $r : Integer\n$r:=$n*2\n")
    runtime.run_source("$a:=Double(1)\n$b:=Double(2)\n", "Main.4dm")
    assert trace_lines(err) == ["[trace] Double:2  $r:=$n*2"] * 2


def test_trace_command_starts_tracing_headless():
    runtime, err = traced_runtime(active=False)
    runtime.methods.add_source("Helper", "$h:=1\n")
    runtime.run_source("$a:=1\nHelper\nTRACE\n$b:=2\nHelper\n", "Main.4dm")
    assert trace_lines(err) == ["[trace] Main:4  $b:=2", "[trace] Main:5  Helper", "[trace] Helper:1  $h:=1"]


def test_untraced_code_is_compiled_without_wrappers(monkeypatch):
    calls = []
    original = Tracer.wrap

    def counting(self, stmt, method, path, line):
        calls.append(line)
        return original(self, stmt, method, path, line)

    monkeypatch.setattr(Tracer, "wrap", counting)
    runtime, err = traced_runtime(active=False)
    assert runtime.run_source("$a:=1\nFor ($i; 1; 3)\n\t$a:=$a+1\nEnd for\nreturn $a", "Main.4dm") == 4
    assert calls == [] and err.getvalue() == ""
    runtime.run_source("TRACE\n$a:=1\n", "Other.4dm")  # a unit calling TRACE gets (dormant) wrappers
    assert calls == [1, 2]


def test_plain_runtime_has_no_tracer_and_trace_is_harmless(run):
    assert run.runtime.tracer is None
    assert run("TRACE\nreturn 5") == 5


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--trace"], ["[trace] <code>:1  $a:=2", "[trace] <code>:2  return $a*3"]),
        (["--trace-method", "nothing"], []),
        ([], []),
    ],
)
def test_cli_trace_option(capsys, args, expected):
    assert main(["run", *args, "-e", "$a:=2\nreturn $a*3"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "6\n"
    assert [line for line in captured.err.splitlines() if line.startswith("[trace]")] == expected
