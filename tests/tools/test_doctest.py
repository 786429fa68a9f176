"""``fourd doctest``: statuses, limits, the sandbox, markers, chaining, the report and the CLI.

Running blocks needs a worker process (a few seconds to start), so one fixture page with
many blocks runs once per module and the tests read its records.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from fourd.cli import main
from fourd.tools import doctest as dt

ROOT = Path(__file__).resolve().parents[2]

PAGE = """\
# Fixture page

```4d
$x:=1+2 // 3
$s:=Uppercase("abc") // $s gets "ABC"
$c:=New collection(1;2)
$c.push(3) //$c=[1,2,3]
$b:=(1=1) // true
```

```4d
$c:=New collection(1;2)
$c.push(3) //$c=[1,2,4]
```

```4d
$y:=1\\0
```

```4d
$y:=1+
```

```4d
QUERY([Employees];[Employees]Name="a")
```

```4d
$es:=ds.Employee.all()
```

```4d
While(True)
End while
```

```4d
$i:=0
Repeat
  $i:=$i+1
Until(False)
```

```4d
$t:="0123456789"
For($i;1;40)
  $t:=$t+$t
End for
```

```4d
$after:="the run goes on" // "the run goes on"
```

```4d
$v:=$undefinedElsewhere.name
```

```4d no-run
This is not 4D code at all
```

<!-- doctest: expect-error -->
```4d
$z:=1\\0
```

```4d
ALERT("Hello") // displays "Hello"
```
"""


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    page = tmp_path_factory.mktemp("docs") / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    return dt.run(dt.collect([page]), limits=dt.Limits(seconds=1.5, steps=200_000, memory_mb=300))


def at(records: list[dict], line: int) -> dict:
    return next(r for r in records if r["line"] == line)


def test_every_block_has_a_record_in_order(records):
    assert [r["line"] for r in records] == [4, 12, 17, 21, 25, 29, 33, 38, 45, 52, 56, 60, 65, 69]


def test_passed_block_checks_each_oracle(records):
    record = at(records, 4)
    assert record["status"] == "passed", record
    assert [o["form"] for o in record["oracles"]] == ["bare", "gets", "equals", "boolean"]
    assert all(o["ok"] for o in record["oracles"])


def test_mismatch_reports_expected_and_actual(records):
    record = at(records, 12)
    assert record["status"] == "mismatch"
    assert record["expected"] == "[1,2,4]"
    assert record["actual"] == "[1,2,3]"
    assert record["message"].startswith("line 13")


def test_error_carries_the_4d_code_and_markdown_line(records):
    record = at(records, 17)
    assert record["status"] == "error"
    assert record["code"] == -10607
    assert record["message"].startswith("line 17:")


def test_syntax_error_is_located_in_the_markdown_file(records):
    record = at(records, 21)
    assert record["status"] == "syntax error"
    assert record["message"].startswith("line 21, column")


def test_blocks_needing_a_database_are_skipped_with_a_reason(records):
    assert at(records, 25)["status"] == "skipped"
    assert "database" in at(records, 25)["message"]
    assert at(records, 29)["status"] == "skipped"
    assert "ds" in at(records, 29)["message"]


def test_endless_loop_stops_at_the_time_limit(records):
    record = at(records, 33)
    assert record["status"] == "error"
    assert record["code"] in ("timeout", "steps")


def test_step_limit_stops_a_busy_loop(records):
    record = at(records, 38)
    assert record["status"] == "error"
    assert record["code"] == "steps", record


def test_unbounded_allocation_is_stopped(records):
    record = at(records, 45)
    assert record["status"] == "error"
    assert record["code"] in ("memory", "crash"), record


def test_the_run_goes_on_after_a_killed_or_crashed_block(records):
    assert at(records, 52)["status"] == "passed"


def test_block_using_a_variable_set_elsewhere_is_skipped(records):
    record = at(records, 56)
    assert record["status"] == "skipped"
    assert "$undefinedElsewhere" in record["message"]


def test_markers(records):
    assert at(records, 60)["status"] == "skipped"
    assert at(records, 60)["message"] == "marked no-run"
    assert at(records, 65)["status"] == "passed"


def test_displays_oracle_checks_the_output(records):
    record = at(records, 69)
    assert record["status"] == "passed"
    assert record["oracles"][0]["form"] == "displays"


def test_chain_runs_a_page_in_one_runtime(tmp_path):
    page = tmp_path / "chain.md"
    page.write_text(
        textwrap.dedent(
            """\
            ```4d
            $o:=New object("city";"Paris")
            vCount:=2
            ```

            ```4d
            $vCity:=$o.city //"Paris"
            $n:=vCount+1 // 3
            ```
            """
        ),
        encoding="utf-8",
    )
    alone = dt.run(dt.collect([page]))
    chained = dt.run(dt.collect([page]), chain=True)
    # Alone, the block still gets the local it reads from the block before (not the process variable).
    assert alone[1]["status"] == "error" and alone[1]["line"] == 7 and "line 8" in alone[1]["message"], alone[1]
    assert chained[1]["status"] == "passed", chained[1]


class _FakeWorker(dt._Worker):
    """A worker that announces block 0 then hangs (or dies): the parent must kill and go on."""

    def __init__(self, behaviour: str):
        super().__init__({"sandbox": "", "memory_mb": 0, "limits": {}})
        self.behaviour = behaviour
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        action = "time.sleep(60)" if self.behaviour == "hang" else "sys.exit(9)"
        script = (
            "import json, sys, time\n"
            "sys.stdin.readline(); sys.stdin.readline()\n"
            "print(json.dumps({'event': 'start', 'index': 0}), flush=True)\n" + action
        )
        self.proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.buffer = b""
        self._write(self.settings)


@pytest.mark.parametrize("behaviour, code", [("hang", "timeout"), ("die", "crash")])
def test_parent_kills_a_stuck_worker_and_restarts(monkeypatch, behaviour, code):
    monkeypatch.setattr(dt, "GRACE_SECONDS", 0.2)
    blocks = [dt.Block("p.md", ".", n, "$x:=1\n") for n in (1, 5)]
    worker = _FakeWorker(behaviour)
    out: list[dict] = []
    try:
        worker.run_page(dt.Page("p.md", blocks), False, dt.Limits(seconds=0.2), out.append)
    finally:
        worker.close()
    assert [r["code"] for r in out] == [code, code]
    assert [r["line"] for r in out] == [1, 5]
    assert worker.starts == 2


def _in_sandbox(tmp_path: Path, statement: str) -> subprocess.CompletedProcess[str]:
    script = (
        "import sys\nfrom pathlib import Path\nfrom fourd.tools.sandbox import arm, SandboxViolation\n"
        f"arm(Path({str(tmp_path / 'box')!r}), 256)\n"
        f"try:\n    {statement}\n    print('allowed')\nexcept SandboxViolation as exc:\n    print('blocked', exc)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.parametrize(
    "statement, allowed",
    [
        ("open('inside.txt', 'w').write('ok')", True),
        ("open({outside!r}, 'w').write('no')", False),
        ("open('../escape.txt', 'w').write('no')", False),
        ("open('/etc/passwd').read()", False),
        ("__import__('os').remove({outside!r})", False),
        ("__import__('socket').create_connection(('127.0.0.1', 9))", False),
        ("__import__('subprocess').run(['true'])", False),
        ("__import__('os').system('true')", False),
    ],
)
def test_sandbox_confines_files_network_and_processes(tmp_path, statement, allowed):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    result = _in_sandbox(tmp_path, statement.format(outside=str(outside)))
    assert result.stdout.startswith("allowed" if allowed else "blocked"), result.stdout + result.stderr
    assert outside.read_text() == "keep"
    assert not (tmp_path / "escape.txt").exists()


def test_cli_exit_codes_and_json_report(tmp_path, capsys):
    page = tmp_path / "cli.md"
    page.write_text("```4d\n$x:=2*3 // 7\n```\n\n```4d\n$y:=1 // 1\n```\n", encoding="utf-8")
    report = tmp_path / "report.json"
    assert main(["doctest", str(page), "--json", str(report)]) == 1
    out = capsys.readouterr().out
    assert f"{page}:2: mismatch" in out and "expected 7, got 6" in out
    data = json.loads(report.read_text())
    assert data["summary"] == {"mismatch": 1, "passed": 1}
    first = data["blocks"][0]
    assert {k: first[k] for k in ("path", "line", "status", "expected", "actual")} == {
        "path": str(page),
        "line": 2,
        "status": "mismatch",
        "expected": "7",
        "actual": "6",
    }
    assert main(["doctest", str(page), "--allow-errors", "-q"]) == 0


def test_cli_reports_a_missing_path(tmp_path, capsys):
    assert main(["doctest", str(tmp_path / "nope.md")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_blocks_run_in_the_docs_time_zone_unless_told_otherwise(tmp_path):
    page = tmp_path / "tz.md"
    page.write_text('```4d\n$t:=String(!2023-11-27!;"O";?11:15:00?) // "GMT+1"\n```\n', encoding="utf-8")
    assert dt.run(dt.collect([page]))[0]["status"] == "passed"  # Europe/Paris by default
    assert dt.run(dt.collect([page]), tz="UTC")[0]["status"] == "mismatch"


@pytest.mark.parametrize("stop", ["QUIT 4D", "ABORT"])
def test_a_block_that_quits_or_aborts_is_judged_on_what_it_did(tmp_path, stop):
    page = tmp_path / "quit.md"
    page.write_text(f"```4d\n$n:=2+3 // $n gets 5\n{stop}\n$n:=0\n```\n", encoding="utf-8")
    (record,) = dt.run(dt.collect([page]), limits=dt.Limits(seconds=2, steps=100_000, memory_mb=300))
    assert record["status"] == "passed", record
