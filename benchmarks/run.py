#!/usr/bin/env python3
"""Benchmarks: each 4D program against an equivalent CPython program, as a ratio in one run.

    python benchmarks/run.py [--only NAME…] [--repeat N] [--json FILE]

For every ``programs/bench_NAME.4dm`` there is a ``programs/NAME.py`` whose
``main()`` does the same work; both must return the same result.  The table
gives seconds for fourd (compile excluded, run included), seconds for CPython,
their ratio, and the median ratio.  Start-up is ``fourd run`` of a one-line
method, wall time, best of five.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import statistics
import subprocess
import sys
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


def time_fourd(name: str) -> tuple[float, object]:
    runtime = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    runtime.methods.add_folder(PROGRAMS)
    classes = getattr(runtime, "classes", None)
    if classes is not None and hasattr(classes, "add_folder"):
        classes.add_folder(PROGRAMS / "Classes")
    runtime.methods.get(runtime, f"bench_{name}")  # compile outside the timing
    start = _clock()
    result = runtime.call_method(f"bench_{name}", [])
    return _clock() - start, result


def time_python(name: str) -> tuple[float, object]:
    main = _python_main(name)
    start = _clock()
    result = main()
    return _clock() - start, result


def startup_seconds(repeat: int = 5) -> float:
    # An installed fourd has its bytecode compiled (pip does it); this environment may set
    # PYTHONDONTWRITEBYTECODE, so compile it once here rather than measure compiling every run.
    # The first run also fills the parsed-tree cache (~/.cache/fourd), as any first run does.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "fourd")], capture_output=True)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "fourd", "run", str(PROGRAMS / "one_line.4dm")],
            cwd=HERE.parent,
            capture_output=True,
            check=True,
        )
        best = min(best, time.perf_counter() - start)
    return best


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
    args = parser.parse_args(argv)
    if args.cpu:
        global _clock
        _clock = time.process_time
    names = sorted(p.stem[len("bench_") :] for p in PROGRAMS.glob("bench_*.4dm"))
    if args.only:
        names = [n for n in names if n in args.only]
    rows = []
    print(f"{'benchmark':<14}{'fourd s':>10}{'CPython s':>11}{'ratio':>8}  result")
    for name in names:
        try:
            fourd_s, fourd_result = min((time_fourd(name) for _ in range(args.repeat)), key=lambda r: r[0])
        except Exception as exc:  # a benchmark fourd cannot run yet is reported, not hidden
            print(f"{name:<14}{'failed':>10}  {type(exc).__name__}: {exc}")
            rows.append({"name": name, "error": str(exc)})
            continue
        py_s, py_result = min((time_python(name) for _ in range(args.repeat)), key=lambda r: r[0])
        same = equal(fourd_result, py_result)
        ratio = fourd_s / py_s
        rows.append({"name": name, "fourd": fourd_s, "cpython": py_s, "ratio": ratio, "same_result": same})
        print(
            f"{name:<14}{fourd_s:>10.3f}{py_s:>11.3f}{ratio:>8.1f}  {'ok' if same else f'MISMATCH {fourd_result!r} vs {py_result!r}'}"
        )
    ratios = [r["ratio"] for r in rows if "ratio" in r]
    median = statistics.median(ratios) if ratios else None
    startup = startup_seconds()
    if median is not None:
        print(f"{'median ratio':<14}{median:>29.1f}")
    print(f"start-up: fourd run of a one-line method: {startup:.3f} s")
    if args.json:
        args.json.write_text(json.dumps({"benchmarks": rows, "median_ratio": median, "startup_s": startup}, indent=2))
    failed = any("error" in r or not r.get("same_result", True) for r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
