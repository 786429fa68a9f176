"""Error display: snapshot files fix what a person sees for the three kinds of failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fourd.cli import main
from fourd.runtime.errors import error
from fourd.syntax.errors import FourDSyntaxError
from fourd.tools.errors_display import Sources, format_error, use_color

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SNAPSHOTS = HERE / "snapshots"
UPDATE = os.environ.get("FOURD_UPDATE_SNAPSHOTS") == "1"  # rewrite the files after a deliberate change


@pytest.fixture
def run_fourd(monkeypatch, capsys):
    """``fourd ARGS`` in this process (the CLI's own main), from the fixtures folder: (exit code, stderr)."""

    def run(*args: str, **env: str) -> tuple[int, str]:
        for name in ("NO_COLOR", "FORCE_COLOR"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(FIXTURES)
        code = main(list(args))
        return code, capsys.readouterr().err

    return run


def matches_snapshot(name: str, text: str) -> bool:
    path = SNAPSHOTS / f"{name}.txt"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    return text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("snapshot", "method", "exit_code"),
    [
        ("syntax_error", "Unclosed block", 2),
        ("runtime_error_three_deep", "Report", 1),
        ("failed_assert", "Check stock", 1),
    ],
)
def test_error_display_snapshot(run_fourd, snapshot, method, exit_code):
    code, stderr = run_fourd("run", f"errors/{method}.4dm")
    assert code == exit_code
    assert "Traceback" not in stderr and "\x1b" not in stderr  # not a terminal: no colour
    assert matches_snapshot(snapshot, stderr), stderr


def test_three_deep_chain_names_every_method_innermost_first():
    text = (SNAPSHOTS / "runtime_error_three_deep.txt").read_text(encoding="utf-8")
    chain = text.split("call chain", 1)[1].splitlines()[1:]
    assert [row.split(":")[0].strip() for row in chain] == ["Line total", "Summarize", "Report"]


def test_first_line_keeps_the_one_line_format(run_fourd):
    _, stderr = run_fourd("run", "-e", "$o:=Null\n$x:=$o.a")
    assert stderr.splitlines()[0] == "<code>:2: error -10616: Cannot read property 'a' of Null"
    assert stderr.splitlines()[1] == "    2 | $x:=$o.a"


def test_colour_when_forced_and_never_with_no_color(run_fourd):
    _, coloured = run_fourd("run", "errors/Check stock.4dm", FORCE_COLOR="1")
    assert "\x1b[1;31merror -10518:\x1b[0m" in coloured
    _, plain = run_fourd("run", "errors/Check stock.4dm", FORCE_COLOR="1", NO_COLOR="1")
    assert "\x1b" not in plain and "error -10518" in plain


class _Tty:
    def __init__(self, tty: bool):
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_use_color_rules(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_color(_Tty(True)) and not use_color(_Tty(False))
    monkeypatch.setenv("TERM", "dumb")
    assert not use_color(_Tty(True))
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(_Tty(True))


def test_caret_under_the_column_of_a_syntax_error_with_tabs():
    exc = FourDSyntaxError("unexpected ')'", 3, 5, "m.4dm", "\t\t$a)")
    lines = format_error(exc).splitlines()
    assert lines[0] == "m.4dm:3:5: error: unexpected ')'"
    assert lines[2].endswith("\t\t  ^")  # tabs stay tabs so the caret lines up


def test_code_typed_in_is_shown_from_the_sources():
    sources = Sources()
    sources.add("<repl 1>", "$a:=1\n  $b:=$a/0")
    exc = error("division_by_zero")
    exc.line, exc.path, exc.method = 2, "<repl 1>", "<repl>"
    text = format_error(exc, sources)
    assert text.splitlines()[1:] == ["    2 |   $b:=$a/0", "      |   ^~~~~~~~"]


def test_unlocated_error_is_one_line():
    exc = error("unknown_method", name="Nope")
    assert format_error(exc) == "<code>: error -10601: The method Nope does not exist"
