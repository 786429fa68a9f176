"""``fourd test``, the testing context ``$t``, reports, and the pytest plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from fourd.cli import main as fourd_main
from fourd.syntax.errors import FourDSyntaxError
from fourd.tools.testrunner import (
    TestSession,
    junit_xml,
    keyword_matcher,
    read_tags,
    select,
    summary_line,
)

ROOT = Path(__file__).resolve().parents[2]
INVENTORY = ROOT / "examples" / "Inventory"


def make_project(
    root: Path, methods: dict[str, str], classes: dict[str, str] | None = None, db: dict[str, str] | None = None
) -> Path:
    sources = root / "Project" / "Sources"
    for folder, files in (("Methods", methods), ("Classes", classes or {}), ("DatabaseMethods", db or {})):
        (sources / folder).mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (sources / folder / f"{name}.4dm").write_text(text, encoding="utf-8")
    file = root / "Project" / f"{root.name}.4DProject"
    file.write_text("{}")
    return file


TESTS = {
    "test_pass": '#DECLARE($t : Object)\n$t.assertEqual(1+1; 2)\n$t.assertEqual("abc"; "ABC")\n$t.assertEqual([1; {a: 2}]; [1; {a: 2}])\n$t.assertTrue(True)\n$t.assertFalse(False)\n$t.assertNotEqual(1; 2)\n$t.log("name "+$t.name)',
    "test_fail": '#DECLARE($t : Object)\n$t.assertEqual(1; 2; "one is not two")\n$t.assertEqual({a: 1}; {a: 2})\n$t.log("still running")',
    "test_assert": '#DECLARE($t : Object)\nASSERT(False; "boom")\n$t.log("not reached")',
    "test_error": "#DECLARE($t : Object)\n$o:=Null\n$x:=$o.missing",
    "test_fatal": '#DECLARE($t : Object)\n$t.fatal("stop here")\n$t.fail("not reached")',
    "test_loop": "#DECLARE($t : Object)\nWhile (True)\nEnd while",
    "test_process_a": "#DECLARE($t : Object)\nvCount:=1\n$t.assertEqual(vCount; 1)",
    "test_process_b": '#DECLARE($t : Object)\n$t.assertEqual(Value type(vCount); Is undefined; "process variables start empty")',
    "test_subtests": '#DECLARE($t : Object)\n$t.log(String($t.run("fine"; "Sub ok")))\n$t.log(String($t.run("broken"; "Sub fail"; 41)))',
    "test_on_startup_ran": "#DECLARE($t : Object)\n$t.assertEqual(<>ready; True)",
    "Sub ok": '#DECLARE($t : Object)\n$t.assert(True)\n$t.log("in "+$t.name)',
    "Sub fail": '#DECLARE($t : Object; $n : Real)\n$t.assertEqual($n; 42; "the answer")',
    "Helper": "return 1",
}


@pytest.fixture
def session(tmp_path) -> TestSession:
    file = make_project(tmp_path / "Cases", TESTS, db={"onStartup": "<>ready:=True"})
    tests = TestSession(file, timeout=0.5, cache=False)
    tests.start()
    return tests


def _run(session: TestSession, test_id: str):
    case = next(c for c in session.discover() if c.id == test_id)
    return session.run(case)


def test_discovery_finds_test_methods_only(session):
    ids = [c.id for c in session.discover()]
    assert ids == sorted((name for name in TESTS if name.startswith("test_")), key=str.lower)


def test_passing_test_and_its_log(session):
    result = _run(session, "test_pass")
    assert (result.outcome, result.messages, result.logs) == ("passed", [], ["name test_pass"])


def test_failures_are_recorded_with_method_and_line_and_the_test_goes_on(session):
    result = _run(session, "test_fail")
    assert result.outcome == "failed"
    assert result.messages == [
        "test_fail:2: assertEqual: expected 2, got 1 (one is not two)",
        'test_fail:3: assertEqual: expected {"a":2}, got {"a":1}',
    ]
    assert result.logs == ["still running"]


def test_failed_assert_is_a_test_failure(session):
    result = _run(session, "test_assert")
    assert result.outcome == "failed" and result.logs == []
    assert "error -10518" in result.messages[0] and "boom" in result.messages[0] and ":2:" in result.messages[0]


def test_other_4d_errors_are_test_errors(session):
    result = _run(session, "test_error")
    assert result.outcome == "error" and "test_error.4dm:3: error -10616" in result.messages[0]


def test_fatal_stops_the_test(session):
    result = _run(session, "test_fatal")
    assert (result.outcome, result.messages) == ("failed", ["test_fatal:2: stop here"])


def test_time_limit(session):
    result = _run(session, "test_loop")
    assert result.outcome == "error" and "time limit of 0.5 s exceeded" in result.messages[0]
    assert 0.5 <= result.duration < 5


def test_each_test_gets_fresh_process_variables(session):
    assert _run(session, "test_process_a").passed
    result = _run(session, "test_process_b")
    assert result.passed, result.messages


def test_on_startup_runs_before_the_tests(session):
    assert _run(session, "test_on_startup_ran").passed


def test_subtests_report_under_their_parent(session):
    result = _run(session, "test_subtests")
    assert result.outcome == "failed"
    assert result.logs == ["True", "False"]
    assert [(s.id, s.outcome) for s in result.subtests] == [
        ("test_subtests/fine", "passed"),
        ("test_subtests/broken", "failed"),
    ]
    assert result.subtests[0].logs == ["in test_subtests/fine"]
    assert result.subtests[1].messages == ["Sub fail:2: assertEqual: expected 42, got 41 (the answer)"]


def test_junit_xml_has_the_common_schema(session):
    results = [_run(session, i) for i in ("test_pass", "test_fail", "test_error", "test_subtests")]
    root = ET.fromstring(junit_xml("Cases", results, 1.5))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    for attribute in ("name", "tests", "failures", "errors", "skipped", "time", "timestamp", "hostname"):
        assert suite.get(attribute) is not None, attribute
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        "test_pass",
        "test_fail",
        "test_error",
        "test_subtests",
        "test_subtests/fine",
        "test_subtests/broken",
    ]
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("6", "3", "1")
    for case in cases:
        assert case.get("classname") == "Cases" and float(case.get("time")) >= 0
    failure = cases[1].find("failure")
    assert failure.get("message") == "test_fail:2: assertEqual: expected 2, got 1 (one is not two)"
    assert failure.get("type") and 'expected {"a":2}' in failure.text
    assert cases[2].find("error") is not None and cases[0].find("failure") is None
    assert "log: still running" in cases[1].find("system-out").text


def test_summary_line():
    assert summary_line([], 0.0) == "0 passed, 0 failed in 0.00s"


# -- tags and -k -----------------------------------------------------------------------------


def test_tags_above_a_function_or_for_the_file():
    source = "// #tags: slow, db\nClass extends Object\n\n// #tags: fast\n\nFunction test_a($t : Object)\nFunction test_b($t : Object)\n"
    file_tags, by_line = read_tags(source)
    assert file_tags == ["slow", "db"] and by_line == {6: ["fast"]}


def test_keyword_expressions():
    from fourd.tools.testrunner import TestCase

    cases = [
        TestCase("CalcTest.test_add", "class", "CalcTest", "test_add", Path("x"), 1, ["fast"]),
        TestCase("test_Stock value", "method", "test_Stock value", None, Path("y"), 1, ["slow"]),
    ]
    assert [c.id for c in select(cases, "stock")] == ["test_Stock value"]
    assert [c.id for c in select(cases, "not stock")] == ["CalcTest.test_add"]
    assert [c.id for c in select(cases, "(add or value) and not slow")] == ["CalcTest.test_add"]
    assert [c.id for c in select(cases, "FAST or nothing")] == ["CalcTest.test_add"]
    assert [c.id for c in select(cases, None, ["slow"])] == ["test_Stock value"]
    for bad in ("and", "(add", "add or", "add )"):
        with pytest.raises(ValueError):
            keyword_matcher(bad)


# -- test classes -----------------------------------------------------------------------------------


CALC_TEST = """// #tags: unit
Function test_add($t : Object)
\t$t.assertEqual(1+2; 3)

// #tags: slow
Function test_sub($t : Object)
\t$t.assertEqual(5-3; 2)

Function helper() -> $one : Integer
\t$one:=1
"""


def test_test_classes_discovery_and_run(tmp_path):
    file = make_project(tmp_path / "Calc", {}, classes={"CalcTest": CALC_TEST, "Calc": "Function test_not_a_test()\n"})
    tests = TestSession(file, cache=False)
    cases = tests.discover()
    assert [(c.id, c.line, c.tags) for c in cases] == [
        ("CalcTest.test_add", 2, ["unit"]),
        ("CalcTest.test_sub", 6, ["slow"]),
    ]
    result = tests.run(cases[0])
    # Classes come from another part of fourd: with them the test passes; without, it says why it cannot run.
    if getattr(tests.app.runtime, "classes", None) is not None:
        assert result.passed, result.messages
    else:
        assert result.outcome == "error" and result.messages == [
            f"{cases[0].path}:2: this fourd build cannot run classes"
        ]


def test_syntax_error_in_a_test_class_stops_discovery_with_exit_2(tmp_path, capsys):
    file = make_project(tmp_path / "Broken", {}, classes={"BadTest": "Function test_x($t : Object)\n\tIf (True)\n"})
    with pytest.raises(FourDSyntaxError):
        TestSession(file, cache=False).discover()
    assert fourd_main(["test", str(file), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(str(file.parent / "Sources" / "Classes" / "BadTest.4dm") + ":") and "Traceback" not in err


# -- the command line --------------------------------------------------------------------------------


def test_fourd_test_command_reports_each_test_and_the_summary(tmp_path, capsys):
    file = make_project(
        tmp_path / "Small",
        {"test_ok": "#DECLARE($t : Object)\n$t.assert(True)", "test_ko": '#DECLARE($t : Object)\n$t.fail("nope")'},
    )
    report = tmp_path / "report.xml"
    assert fourd_main(["test", str(file.parent.parent), "--no-cache", "--junit-xml", str(report)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("FAIL  test_ko (") and lines[1] == "    test_ko:2: nope"
    assert lines[2].startswith("PASS  test_ok (")
    assert lines[3].startswith("1 passed, 1 failed in ")
    assert ET.parse(report).getroot().find("testsuite").get("failures") == "1"

    assert fourd_main(["test", str(file), "--no-cache", "-k", "ok and not ko", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["passed"], data["failed"], [t["id"] for t in data["tests"]]) == (1, 0, ["test_ok"])

    assert fourd_main(["test", str(file), "--no-cache", "-k", "nothing"]) == 5  # nothing collected
    assert fourd_main(["test", str(tmp_path / "none"), "--no-cache"]) == 2


def _cli_env(tmp_path: Path) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "FOURD_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": path}


def test_inventory_example_through_fourd_test(tmp_path):
    report = tmp_path / "junit.xml"
    argv = [sys.executable, "-m", "fourd", "test", str(INVENTORY), "--junit-xml", str(report)]
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=_cli_env(tmp_path), timeout=60)
    lines = proc.stdout.splitlines()
    assert lines[0] == "Inventory opened" and lines[-2] == "Inventory closed"
    assert any(line.startswith("PASS  test_Format price") for line in lines)
    assert any(line.startswith("PASS  test_Stock value") for line in lines)
    cases = {c.get("name"): c for c in ET.parse(report).getroot().iter("testcase")}
    assert {"test_Format price", "test_Stock value", "test_value", "test_restock"} <= set(cases)
    assert cases["test_Stock value"].find("failure") is None
    from fourd.runtime.interpreter import Runtime

    if getattr(Runtime(), "classes", None) is not None:  # four tests (a subtest is reported under its test)
        assert (proc.returncode, lines[-1].split(" in ")[0]) == (0, "4 passed, 0 failed"), proc.stdout
    else:
        assert (proc.returncode, lines[-1].split(" in ")[0]) == (1, "2 passed, 2 failed"), proc.stdout


def _pytest_argv(*args: str) -> list[str]:
    loaded = any(ep.value == "fourd.tools.pytest_plugin" for ep in entry_points(group="pytest11"))
    plugin = [] if loaded else ["-p", "fourd.tools.pytest_plugin"]
    return [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *plugin, *args]


def test_pytest_plugin_runs_4d_tests(tmp_path):
    project = tmp_path / "Plug"
    make_project(
        project,
        {
            "test_good": "#DECLARE($t : Object)\n$t.assert(True)",
            "test_bad": '// #tags: slow\n#DECLARE($t : Object)\n$t.assertEqual(2; 3; "two")',
        },
    )
    report = tmp_path / "pytest.xml"
    argv = _pytest_argv(str(project), str(INVENTORY), "-k", "not InventoryTest", f"--junitxml={report}", "-q")
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=tmp_path, env=_cli_env(tmp_path), timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "FAILED " in proc.stdout and "Plug.4DProject::test_bad" in proc.stdout
    assert "test_bad:3: assertEqual: expected 3, got 2 (two)" in proc.stdout
    assert "1 failed, 3 passed" in proc.stdout
    names = sorted(c.get("name") for c in ET.parse(report).getroot().iter("testcase"))
    assert names == ["test_Format price", "test_Stock value", "test_bad", "test_good"]


def test_syntax_error_in_on_startup_is_exit_2(tmp_path, capsys):
    file = make_project(tmp_path / "BadStart", {"test_x": "#DECLARE($t : Object)"}, db={"onStartup": "For ($i; 1)\n"})
    assert fourd_main(["test", str(file), "--no-cache"]) == 2
    err = capsys.readouterr().err
    assert "onStartup.4dm:1:" in err and err.count("error:") == 1
