"""Each benchmark's 4D program computes what its CPython twin computes (benchmarks/run.py checks the
same when it times them; here it is checked on every test run, so a fast path that breaks one fails)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from fourd.runtime.operators import equal

RUNNER = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"
_spec = importlib.util.spec_from_file_location("benchmark_runner", RUNNER)
runner = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(runner)

NAMES = sorted(p.stem[len("bench_") :] for p in runner.PROGRAMS.glob("bench_*.4dm"))


def test_there_are_the_benchmarks_the_issue_lists():
    assert len(NAMES) >= 8


@pytest.mark.parametrize("name", NAMES)
def test_benchmark_result_matches_cpython(name):
    fourd_result = runner.prepare_fourd(name)()
    python_result = runner.prepare_python(name)()
    assert equal(fourd_result, python_result), (fourd_result, python_result)
