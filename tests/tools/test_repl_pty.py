"""The REPL as a person uses it: a real pseudo-terminal, keys typed, the screen read back."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("prompt_toolkit", reason="the repl extra (prompt_toolkit) is not installed")
from .ptyrun import PtyProcess  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def _repl(tmp_path: Path) -> PtyProcess:
    env = dict(os.environ)
    env.update(
        HOME=str(tmp_path),
        FOURD_HISTORY=str(tmp_path / "history"),
        PROMPT_TOOLKIT_NO_CPR="1",  # nobody answers cursor-position requests on this terminal
        TERM="xterm",
        NO_COLOR="1",
        PYTHONPATH=str(ROOT),
    )
    env.pop("FORCE_COLOR", None)
    return PtyProcess([sys.executable, "-m", "fourd", "repl"], env, str(tmp_path))


def test_block_value_error_going_on_and_history(tmp_path):
    repl = _repl(tmp_path)
    try:
        repl.expect(r"4D>")
        repl.send('$s:=""\r')
        repl.expect(r"4D>")
        # Enter inside an open For each adds a line; the block runs once End for each closes it.
        repl.send("For each ($x; [21;22])\r")
        repl.expect(r"\.\.\.>")
        repl.send('$s:=$s+String($x*2)+"-"\r')
        repl.send("End for each\r")
        repl.expect(r"End for each")
        repl.send("$s\r")
        repl.expect(r"^42-44-$")
        repl.send("$o:=Null\r")
        repl.send("$o.a.b\r")
        shown = repl.expect(r"error -10616: (.*)$")
        assert "Null" in shown.group(1)
        repl.expect(r"\^~~~~~")  # the caret under the failing line
        repl.send('$s+"!"\r')  # the locals survived the error
        repl.expect(r"^42-44-!$")
        repl.send("$n:=0\rWhile (True)\r$n:=$n+1\rEnd while\r")
        repl.expect(r"End while")
        # Ctrl-C stops the endless loop, not the REPL. On a loaded machine the first Ctrl-C can reach
        # the terminal while the prompt still holds it in raw mode (read as a key, not a signal):
        # press it again, as a user would.
        for attempt in range(5):
            time.sleep(0.3)
            repl.send("\x03")
            try:
                repl.expect(r"interrupted", timeout=3.0)
                break
            except AssertionError:
                if attempt == 4:
                    raise
        repl.send("$n>0\r")
        repl.expect(r"^True$")
        repl.send(":help Length\r")
        repl.expect(r"^Length \( string : Text \) : Integer")
        repl.expect(r"4D>")
        repl.send("\x04")  # Ctrl-D leaves
        assert repl.wait() == 0
    finally:
        repl.close()
    history = (tmp_path / "history").read_text(encoding="utf-8")
    assert "+End for each" in history and '+$s+"!"' in history

    again = _repl(tmp_path)  # a new run finds the inputs of the last one
    try:
        again.expect(r"4D>")
        again.send("\x1b[A")  # Up
        again.expect(r":help Length")
        again.send("\r")
        again.expect(r"^Length \( string : Text \) : Integer")
    finally:
        again.close()
