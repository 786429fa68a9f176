"""The command line, run as a user would (a subprocess), and every example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.4dm"))


def fourd(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fourd", *args], capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_run_expression_prints_result():
    proc = fourd("run", "-e", "return 3+4*5")
    assert proc.returncode == 0 and proc.stdout.strip() == "35"


def test_runtime_error_exit_1_no_traceback():
    proc = fourd("run", "-e", 'ALERT("before")\n$o:=Null\n$x:=$o.a')
    assert proc.returncode == 1
    assert proc.stdout == "before\n"
    assert "<code>:3: error" in proc.stderr and "Traceback" not in proc.stderr


def test_failed_assert_exit_1():
    proc = fourd("run", "-e", 'ASSERT(1=2; "math is broken")')
    assert proc.returncode == 1 and "-10518" in proc.stderr and "math is broken" in proc.stderr


def test_syntax_error_exit_2():
    proc = fourd("run", "-e", "If (True)\n$a:=1")
    assert proc.returncode == 2 and "End if" in proc.stderr and "Traceback" not in proc.stderr


def test_seed_method_with_unknown_session(tmp_path):
    proc = fourd("run", str(ROOT / "examples" / "Set session setting.4dm"), "0" * 32, "x")
    assert proc.returncode == 1
    assert "Null" in proc.stderr and "Traceback" not in proc.stderr


def test_check_reports_seed_declare(tmp_path):
    seed = ROOT.parent / "shared" / "seed" / "session-storage-by-id.fr.md"
    if not seed.exists():
        pytest.skip("../shared is not available")
    proc = fourd("check", str(seed))
    assert proc.returncode == 2
    assert ":35:" in proc.stdout and "':'" in proc.stdout


def test_check_markdown_lines_and_json(tmp_path):
    md = tmp_path / "page.md"
    md.write_text("# Title\n\n```4d\n$a:=1\n$b:=(2\n```\n", encoding="utf-8")
    proc = fourd("check", str(md))
    assert proc.returncode == 2 and f"{md}:5:" in proc.stdout
    proc = fourd("check", "--format", "json", str(md))
    assert '"line": 5' in proc.stdout


def test_log_event_standard_outputs():
    proc = fourd(
        "run",
        "-e",
        'LOG EVENT(Into system standard outputs; "out")\nLOG EVENT(Into system standard outputs; "bad"; Error message)',
    )
    assert proc.stdout == "out\n" and proc.stderr == "bad\n"


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_checks_and_runs(path):
    assert fourd("check", str(path)).returncode == 0
    args = {"Set session setting.4dm": None, "fizzbuzz.4dm": ["15"]}.get(path.name, [])
    if args is None:
        return  # needs a session id: run through session_demo.4dm
    proc = fourd("run", str(path), *args)
    assert proc.returncode == 0, proc.stderr
