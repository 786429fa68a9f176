"""The Shapes example project, run as a user runs it: subprocesses, their output and exit codes.

examples/Shapes has a three-level class hierarchy (Shape <- Rectangle <- Square),
a shared singleton (ShapeRegistry), a class calling code by formula (Pipeline),
errors thrown by class functions, and 4D tests for `fourd test`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHAPES = ROOT / "examples" / "Shapes"
PROJECT_FILE = SHAPES / "Project" / "Shapes.4DProject"

# What Main prints (ALERT goes to stdout headless); each line comes from a feature of the project.
MAIN_OUTPUT = [
    "Square: area 25, perimeter 20, 5x5, side 5",  # Super.describe() through Square, Rectangle, Shape
    "I have 4 sides which are all equal",  # Super.nbSides()
    "side 4: area 16, a Shape: True",  # computed property set, inherited getter, OB Instance of
    "area=6, class=Rectangle, round=False",  # Pipeline: formulas called with This = the shape
    "area=16, class=Square, round=False",
    "area=3.14, class=Circle, round=True",  # "round" is a Formula from string
    "total area 25.14",  # reduce() with a formula
    "larger than 5: Rectangle (6), Square (16)",  # filter() with a method name and a parameter
    "by area: Circle, Rectangle, Square",  # sort() with a formula
    "[Square (16)] [Square (16)]",  # $card.title() and $card["title"]()
    "caught SHPE 1: Cannot scale Square by -2",  # throw in a class function, Try/Catch in Main
    "Try(): null, Negative radius -1",  # Try(expression) around a throwing constructor
    "2 in Shape.resize (line 33): A plain shape cannot be resized",  # ON ERR CALL handler
    "the builders made 10 shapes",  # two processes using the shared singleton
    "registry: Circle 7, Rectangle 1, Shape 1, Square 6",
]


def fourd(*args: str, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "FOURD_CACHE_DIR": str(cache)}
    argv = [sys.executable, "-m", "fourd", *args]
    return subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_startup_method_from_the_tool4d_command_line(tmp_path):
    proc = fourd("--project", str(PROJECT_FILE), "--startup-method", "Main", cache=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == MAIN_OUTPUT
    assert proc.stderr == ""


def test_fourd_run_on_a_project_method_opens_its_project(tmp_path):
    # issue 5, point 4: the project's classes and methods are there without further flags.
    main = SHAPES / "Project" / "Sources" / "Methods" / "Main.4dm"
    proc = fourd("run", str(main), cache=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == MAIN_OUTPUT


def test_fourd_test_runs_the_4d_tests(tmp_path):
    proc = fourd("test", str(SHAPES), cache=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    passed = [re.sub(r"^PASS +| \(\d+ ms\)$", "", line) for line in proc.stdout.splitlines() if line.startswith("PASS")]
    assert sorted(passed) == [
        "ShapesTest.test_computed_properties",
        "ShapesTest.test_errors_thrown_by_class_functions",
        "ShapesTest.test_pipeline_calls_formulas",
        "ShapesTest.test_registry_is_one_shared_singleton",
        "ShapesTest.test_three_levels",
        "test_Callbacks",
        "test_Error handler",
    ]
    assert "7 passed, 0 failed" in proc.stdout


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "Shapes"
    shutil.copytree(SHAPES, copy)
    return copy


def test_a_broken_class_fails_the_4d_tests(tmp_path):
    # The 4D tests can fail: break Square's Super.nbSides() call and the tests that use it report it.
    copy = _copy(tmp_path)
    square = copy / "Project" / "Sources" / "Classes" / "Square.4dm"
    square.write_text(
        square.read_text(encoding="utf-8").replace("Super.nbSides()+", '"I have 5 sides"+'), encoding="utf-8"
    )
    proc = fourd("test", str(copy), "-k", "classes", cache=tmp_path / "cache")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAIL  ShapesTest.test_three_levels" in proc.stdout
    assert "I have 5 sides which are all equal" in proc.stdout
    assert "1 passed, 1 failed" in proc.stdout


def test_an_uncaught_throw_in_a_class_function_exits_1_with_the_error_stack(tmp_path):
    # issue 5, point 5: code, message, method and line, and the calls that led there.
    copy = _copy(tmp_path)
    methods = copy / "Project" / "Sources" / "Methods"
    (methods / "Crash.4dm").write_text(
        'ALERT("before")\ncs.Circle.new(1).scale(-1)\nALERT("after")\n', encoding="utf-8"
    )
    proc = fourd("--project", str(copy / "Project" / "Shapes.4DProject"), "--startup-method", "Crash", cache=tmp_path)
    assert proc.returncode == 1
    assert proc.stdout == "before\n"
    classes = copy / "Project" / "Sources" / "Classes"
    assert f"{classes / 'Shape.4dm'}:26: error 1: Cannot scale Circle by -1" in proc.stderr
    assert "called from Crash:2" in proc.stderr
    assert "Traceback" not in proc.stderr
