"""Benchmark of processes and shared objects (a script, not a test).

    python scripts/bench_processes.py

Prints Use...End use increments per second (one process, then 8 workers contending
for Storage) and CALL WORKER messages per second (one worker, empty method).
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fourd.runtime.interpreter import Runtime  # noqa: E402

ADD = """#DECLARE($n : Integer)
var $i : Integer
For ($i; 1; $n)
  Use (Storage)
    Storage.counter:=Storage.counter+1
  End use
End for
"""


def fresh() -> Runtime:
    runtime = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    runtime.methods.add_source("AddMany", ADD)
    runtime.methods.add_source("Nothing", "#DECLARE($i : Integer)\n$x:=$i")
    runtime.run_source("Use (Storage)\nStorage.counter:=0\nEnd use")
    return runtime


def uncontended(n: int = 100_000) -> float:
    runtime = fresh()
    start = time.perf_counter()
    runtime.call_method("AddMany", [n])
    return n / (time.perf_counter() - start)


def contended(workers: int = 8, n: int = 20_000) -> float:
    runtime = fresh()
    start = time.perf_counter()
    runtime.run_source(f'For ($w; 1; {workers})\nCALL WORKER("adder "+String($w); "AddMany"; {n})\nEnd for')
    runtime.finish()
    elapsed = time.perf_counter() - start
    assert runtime.run_source("return Storage.counter") == workers * n
    return workers * n / elapsed


def messages(n: int = 50_000) -> float:
    runtime = fresh()
    start = time.perf_counter()
    runtime.run_source(f'For ($i; 1; {n})\nCALL WORKER("sink"; "Nothing"; $i)\nEnd for')
    runtime.finish()
    return n / (time.perf_counter() - start)


def main() -> None:
    print(f"uncontended Use increments/s: {uncontended():,.0f}")
    print(f"contended Use increments/s (8 workers): {contended():,.0f}")
    print(f"CALL WORKER messages/s: {messages():,.0f}")


if __name__ == "__main__":
    main()
