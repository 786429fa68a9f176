#!/usr/bin/env python3
"""Benchmarks: each 4D program against an equivalent CPython program, as a ratio in one run.

    python benchmarks/run.py [--only NAME…] [--repeat N] [--cpu] [--instructions] [--json FILE]

For every ``programs/bench_NAME.4dm`` there is a ``programs/NAME.py`` whose
``main()`` does the same work; both must return the same result.  The table
gives seconds for fourd (compile excluded, run included), seconds for CPython,
their ratio, and the median ratio.  The two sides run in turns (fourd, CPython,
fourd, …) so that both see the same machine; each keeps its best run.
Start-up is ``fourd run`` of a one-line method, best of five processes, in wall and CPU time.

``--instructions`` counts the instructions each side executes instead (valgrind's
callgrind, counting only inside the benchmark's own call): a ratio that the load
of a shared machine does not move, repeatable to a fraction of a percent.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import itertools
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROGRAMS = HERE / "programs"
sys.path.insert(0, str(HERE.parent))

from fourd.runtime.interpreter import Runtime  # noqa: E402
from fourd.runtime.operators import equal  # noqa: E402

_clock = time.perf_counter  # --cpu: time.process_time


def _python_main(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", PROGRAMS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.main


def prepare_fourd(name: str):
    """The fourd side of benchmark ``name``, compiled, as a call returning its result."""
    runtime = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    runtime.methods.add_folder(PROGRAMS)
    classes = getattr(runtime, "classes", None)
    if classes is not None and hasattr(classes, "add_folder"):
        classes.add_folder(PROGRAMS / "Classes")
    runtime.methods.get(runtime, f"bench_{name}")  # compile outside the timing
    return lambda: runtime.call_method(f"bench_{name}", [])


def prepare_python(name: str):
    return _python_main(name)


SIDES = {"fourd": prepare_fourd, "python": prepare_python}


def timed(side: str, name: str) -> tuple[float, object]:
    run = SIDES[side](name)  # a fresh runtime (or module) for every run
    start = _clock()
    result = run()
    return _clock() - start, result


def instructions(side: str, name: str) -> int:
    """Instructions executed by one run of ``side`` for benchmark ``name``, set-up excluded (callgrind)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--collect-atstart=no",
                "--toggle-collect=starmap_next",  # the child makes the benchmark's call through starmap
                f"--callgrind-out-file={out}",
                sys.executable,
                str(Path(__file__).resolve()),
                "--child",
                side,
                name,
            ],
            env={**os.environ, "PYTHONHASHSEED": "0"},
            capture_output=True,
            check=True,
        )
        for line in out.read_text().splitlines():
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    raise RuntimeError(f"no instruction count for {side} {name}")


def _child(side: str, name: str) -> None:
    """Under callgrind: prepare, then run the benchmark as the only call itertools.starmap makes."""
    run = SIDES[side](name)
    list(itertools.starmap(run, [()]))


def startup_seconds(repeat: int = 5) -> tuple[float, float]:
    """Wall and CPU seconds (user + system) of ``fourd run`` of a one-line method: the best of ``repeat``
    processes for each.  CPU time is what the process itself costs, whatever else the machine runs."""
    # An installed fourd has its bytecode compiled (pip does it); this environment may set
    # PYTHONDONTWRITEBYTECODE, so compile it once here rather than measure compiling every run.
    # The first run also fills the parsed-tree cache (~/.cache/fourd), as any first run does.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "fourd")], capture_output=True)
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "fourd", "run", str(PROGRAMS / "one_line.4dm")],
            cwd=HERE.parent,
            capture_output=True,
            check=True,
        )
        best_wall = min(best_wall, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best_cpu = min(best_cpu, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return best_wall, best_cpu


def _best_of(name: str, repeat: int) -> tuple[float, float, bool, tuple[object, object]]:
    """Best fourd and CPython times of ``repeat`` turns (fourd then CPython in each), and whether the
    results agree."""
    fourd_runs, python_runs = [], []
    for _ in range(repeat):
        fourd_runs.append(timed("fourd", name))
        python_runs.append(timed("python", name))
    (fourd_s, fourd_result), (python_s, python_result) = (
        min(runs, key=lambda r: r[0]) for runs in (fourd_runs, python_runs)
    )
    return fourd_s, python_s, equal(fourd_result, python_result), (fourd_result, python_result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="benchmark names (default: all)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each side; the best is kept")
    parser.add_argument("--json", type=Path, help="write the results as JSON")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time with process CPU time instead of wall time (steadier on a busy machine)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions with valgrind's callgrind instead of timing (load-independent; slow)",
    )
    parser.add_argument("--child", nargs=2, metavar=("SIDE", "NAME"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return 0
    if args.cpu:
        global _clock
        _clock = time.process_time
    names = sorted(p.stem[len("bench_") :] for p in PROGRAMS.glob("bench_*.4dm"))
    if args.only:
        names = [n for n in names if n in args.only]
    rows = []
    unit = "Mi" if args.instructions else "s"
    print(f"{'benchmark':<14}{'fourd ' + unit:>10}{'CPython ' + unit:>11}{'ratio':>8}  result")
    for name in names:
        try:
            if args.instructions:
                fourd, python = instructions("fourd", name) / 1e6, instructions("python", name) / 1e6
                same = True  # the timed runs check the results
            else:
                fourd, python, same, results = _best_of(name, args.repeat)
        except Exception as exc:  # a benchmark fourd cannot run yet is reported, not hidden
            print(f"{name:<14}{'failed':>10}  {type(exc).__name__}: {exc}")
            rows.append({"name": name, "error": str(exc)})
            continue
        ratio = fourd / python
        key = "instructions_millions" if args.instructions else "seconds"
        rows.append({"name": name, "fourd": fourd, "cpython": python, "ratio": ratio, "same_result": same, "unit": key})
        shown = "ok" if same else f"MISMATCH {results[0]!r} vs {results[1]!r}"
        digits = 1 if args.instructions else 3
        print(f"{name:<14}{fourd:>10.{digits}f}{python:>11.{digits}f}{ratio:>8.1f}  {shown}")
    ratios = [r["ratio"] for r in rows if "ratio" in r]
    median = statistics.median(ratios) if ratios else None
    startup, startup_cpu = startup_seconds()
    if median is not None:
        print(f"{'median ratio':<14}{median:>29.1f}")
    print(f"start-up: fourd run of a one-line method: {startup:.3f} s wall, {startup_cpu:.3f} s CPU")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"benchmarks": rows, "median_ratio": median, "startup_s": startup, "startup_cpu_s": startup_cpu},
                indent=2,
            )
        )
    failed = any("error" in r or not r.get("same_result", True) for r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
