"""``fourd test``: find and run the tests written in 4D inside a project.

Conventions (also in the README):
- a *test class* is a class (``Sources/Classes``) whose name ends in ``Test``;
  each of its functions whose name starts with ``test_`` is a test, called on a
  new instance (``cs.<Class>.new()``) with the testing context ``$t``;
- a *test method* is a project method whose name starts with ``test_``; it is
  called with ``$t`` as its first parameter;
- a ``// #tags: a, b`` comment directly above a ``Function`` tags that test; one
  anywhere else in a file tags every test of the file.

The testing context ``$t`` (see :class:`TestContext`) records failures; a test
passes when it ends without failures and without an unhandled 4D error.  A
failing ``ASSERT`` is an error like any other and fails the test.  Each test
runs in a process of its own (process variables start empty) under a time
limit; On Startup runs once before the tests and On Exit once after them,
unless ``--skip-onstartup``.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import socket
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from ..runtime.callables import call_callable
from ..runtime.convert import to_text
from ..runtime.errors import AbortExecution, FourDError, error
from ..runtime.json4d import stringify, to_plain
from ..runtime.objects import BuiltinObject
from ..runtime.operators import equal
from ..runtime.project import ON_EXIT, ON_STARTUP, Project, ProjectError
from ..runtime.values import UNDEFINED, Collection4D, Object4D
from ..syntax import ast
from ..syntax.errors import FourDSyntaxError
from .launch import EXIT_OK, EXIT_RUNTIME, EXIT_USAGE, Application

EXIT_NO_TESTS = 5  # as pytest: nothing was collected (a typo in -k should not pass silently)
DEFAULT_TIMEOUT = 60.0


# -- discovery --------------------------------------------------------------------------------


@dataclass
class TestCase:
    __test__ = False  # not a pytest test class, despite the name

    id: str  # "InventoryTest.test_value" or "test_Stock value"
    kind: str  # "class" or "method"
    owner: str  # the class or method name
    function: str | None  # the test function of a class
    path: Path
    line: int
    tags: list[str] = field(default_factory=list)


_TAGS_RE = re.compile(r"^\s*//\s*#tags\s*:(.*)$", re.IGNORECASE)
_FUNCTION_RE = re.compile(r"^\s*(?:(?:shared|local|server|exposed)\s+)*function\b", re.IGNORECASE)


def _split_tags(text: str) -> list[str]:
    return [t for t in re.split(r"[\s,;]+", text.strip()) if t]


def read_tags(source: str) -> tuple[list[str], dict[int, list[str]]]:
    """File-wide tags, and tags by the line number of the ``Function`` they sit directly above."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    file_tags: list[str] = []
    by_line: dict[int, list[str]] = {}
    for index, line in enumerate(lines):
        m = _TAGS_RE.match(line)
        if not m:
            continue
        after = index + 1
        while after < len(lines) and (not lines[after].strip() or _TAGS_RE.match(lines[after])):
            after += 1
        if after < len(lines) and _FUNCTION_RE.match(lines[after]):
            by_line.setdefault(after + 1, []).extend(_split_tags(m.group(1)))
        else:
            file_tags.extend(_split_tags(m.group(1)))
    return file_tags, by_line


def is_test_class(name: str) -> bool:
    return name.endswith("Test")


def is_test_name(name: str) -> bool:
    return name.lower().startswith("test_")


def discover(app: Application) -> list[TestCase]:
    """The tests of the opened project: test classes first, then test methods, in file order.

    Test classes are parsed here to list their functions (a syntax error stops
    discovery); test methods are not parsed until they run.
    """
    project = app.project
    cases: list[TestCase] = []
    library = app.runtime.methods
    for name, path in sorted(project.classes.items()):
        if not is_test_class(name):
            continue
        source = path.read_text(encoding="utf-8-sig")
        module = library.parser(source, str(path), library.lex_options())
        file_tags, by_line = read_tags(source)
        for node in module.body:
            if isinstance(node, ast.FunctionDef) and node.kind == "" and is_test_name(node.name):
                tags = file_tags + by_line.get(node.line, [])
                cases.append(TestCase(f"{name}.{node.name}", "class", name, node.name, path, node.line, tags))
    for name, path in sorted(project.methods.items(), key=lambda item: item[0].lower()):
        if is_test_name(name):
            file_tags, _ = read_tags(path.read_text(encoding="utf-8-sig"))
            cases.append(TestCase(name, "method", name, None, path, 1, file_tags))
    return cases


# -- selecting with -k --------------------------------------------------------------------------


def keyword_matcher(expression: str) -> Any:
    """A predicate for ``-k``: words joined by ``and``, ``or``, ``not`` and parentheses.

    A word matches a test whose id contains it or that has it as a tag (case-insensitive).
    """
    tokens = re.findall(r"\(|\)|[^\s()]+", expression)
    position = 0

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def take() -> str:
        nonlocal position
        if position >= len(tokens):
            raise ValueError(f"-k {expression!r}: unexpected end")
        position += 1
        return tokens[position - 1]

    def parse_or() -> Any:
        left = parse_and()
        while (peek() or "").lower() == "or":
            take()
            right = parse_and()
            left = (lambda a, b: lambda c: a(c) or b(c))(left, right)
        return left

    def parse_and() -> Any:
        left = parse_not()
        while (peek() or "").lower() == "and":
            take()
            right = parse_not()
            left = (lambda a, b: lambda c: a(c) and b(c))(left, right)
        return left

    def parse_not() -> Any:
        if (peek() or "").lower() == "not":
            take()
            inner = parse_not()
            return lambda c: not inner(c)
        token = take()
        if token == "(":
            inner = parse_or()
            if take() != ")":
                raise ValueError(f"-k {expression!r}: missing ')'")
            return inner
        if token == ")" or token.lower() in ("and", "or"):
            raise ValueError(f"-k {expression!r}: unexpected {token!r}")
        word = token.lower()
        return lambda c: word in c.id.lower() or word in (t.lower() for t in c.tags)

    matcher = parse_or()
    if position != len(tokens):
        raise ValueError(f"-k {expression!r}: unexpected {tokens[position]!r}")
    return matcher


def select(cases: list[TestCase], keyword: str | None = None, tags: list[str] | None = None) -> list[TestCase]:
    chosen = cases
    if keyword:
        matcher = keyword_matcher(keyword)
        chosen = [c for c in chosen if matcher(c)]
    if tags:
        wanted = {t.lower() for t in tags}
        chosen = [c for c in chosen if wanted & {t.lower() for t in c.tags}]
    return chosen


# -- the testing context $t -----------------------------------------------------------------------


class StopTest(AbortExecution):
    """``$t.fatal``: end the test now.  Not a 4D error, so ``Try`` and ``ON ERR CALL`` do not see it."""


class TestTimeout(AbortExecution):
    """The test ran past its time limit."""

    __test__ = False  # not a pytest test class, despite the name


class ClassesUnavailable(Exception):
    """This fourd build has no class support (``Runtime.classes``): test classes cannot run."""


def _show(value: Any) -> str:
    if isinstance(value, (Object4D, Collection4D)):
        return stringify(value)
    if type(value) is str:
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return "Null"
    if value is UNDEFINED:
        return "Undefined"
    return to_text(value)


def values_equal(actual: Any, expected: Any) -> bool:
    """``assertEqual``: objects and collections compare by content (as JSON), other values with 4D's ``=``."""
    if isinstance(actual, (Object4D, Collection4D)) or isinstance(expected, (Object4D, Collection4D)):
        return type(actual) is type(expected) and to_plain(actual) == to_plain(expected)
    try:
        return equal(actual, expected)
    except FourDError:  # values 4D cannot compare (Text and Real…) are not equal
        return False


class TestContext(BuiltinObject):
    """The ``$t`` object a test receives.

    ``$t.assert(cond{; msg})``, ``$t.assertTrue``, ``$t.assertFalse``,
    ``$t.assertEqual(actual; expected{; msg})``, ``$t.assertNotEqual``,
    ``$t.fail({msg})``: record a failure and go on;
    ``$t.fatal({msg})``: record a failure and end the test;
    ``$t.log(text…)``: a line shown with the result;
    ``$t.run(name; formula{; params…})``: a subtest, called with its own
    context as ``$1``; returns True when it passed.
    Properties: ``name``, ``failed``.
    """

    __test__ = False  # not a pytest test class, despite the name

    class_name = "Testing"

    def __init__(self, name: str):
        self.name = name
        self.failures: list[str] = []
        self.logs: list[str] = []
        self.subtests: list[TestResult] = []

    @property
    def failed(self) -> bool:
        return bool(self.failures) or any(s.outcome != "passed" for s in self.subtests)

    def get_member(self, name: str) -> Any:
        if name == "name":
            return self.name
        if name == "failed":
            return self.failed
        return UNDEFINED

    def to_json_4d(self) -> Any:
        return {"name": self.name, "failed": self.failed}

    def _record(self, frame: Any, message: str) -> None:
        where = f"{frame.code.name}:{frame.line}" if frame is not None else self.name
        self.failures.append(f"{where}: {message}")

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        handler = _MEMBERS.get(name)
        if handler is None:
            raise error("unknown_member", name=name)
        return handler(self, frame, args)


def _message(args: list[Any], index: int, default: str) -> str:
    return to_text(args[index]) if len(args) > index else default


def _need(args: list[Any], count: int, name: str) -> None:
    if len(args) < count:
        raise error("wrong_param_count", name=f"$t.{name}", detail=f"expects at least {count} parameter(s)")


def _assert(ctx: TestContext, frame: Any, args: list[Any], want: bool | None, name: str) -> bool:
    _need(args, 1, name)
    value = args[0]
    if type(value) is not bool:
        raise error("wrong_param_type", name=f"$t.{name}", index=1, expected="a boolean", got=_show(value))
    ok = value if want is None or want else not value
    if not ok:
        ctx._record(frame, _message(args, 1, f"{name} failed"))
    return ok


def _assert_equal(ctx: TestContext, frame: Any, args: list[Any], same: bool) -> bool:
    name = "assertEqual" if same else "assertNotEqual"
    _need(args, 2, name)
    actual, expected = args[0], args[1]
    ok = values_equal(actual, expected) is same
    if not ok:
        detail = (
            f"expected {_show(expected)}, got {_show(actual)}"
            if same
            else f"expected a value other than {_show(expected)}"
        )
        label = _message(args, 2, "")
        ctx._record(frame, f"{name}: {detail}" + (f" ({label})" if label else ""))
    return ok


def _fail(ctx: TestContext, frame: Any, args: list[Any]) -> None:
    ctx._record(frame, _message(args, 0, "failed"))


def _fatal(ctx: TestContext, frame: Any, args: list[Any]) -> None:
    ctx._record(frame, _message(args, 0, "fatal"))
    raise StopTest()


def _log(ctx: TestContext, frame: Any, args: list[Any]) -> None:
    ctx.logs.append(" ".join(to_text(a) for a in args))


def _run_subtest(ctx: TestContext, frame: Any, args: list[Any]) -> bool:
    _need(args, 2, "run")
    child = TestContext(f"{ctx.name}/{to_text(args[0])}")
    started = time.perf_counter()
    outcome, detail = "passed", []
    try:
        call_callable(frame, args[1], [child, *args[2:]])
    except StopTest:
        pass
    except FourDError as exc:
        outcome, detail = "error", [exc.format()]
    if outcome == "passed" and child.failed:
        outcome = "failed"
    result = TestResult(
        child.name, outcome, time.perf_counter() - started, child.failures + detail, child.logs, [], child.subtests
    )
    ctx.subtests.append(result)
    return outcome == "passed"


_MEMBERS = {
    "assert": lambda c, f, a: _assert(c, f, a, None, "assert"),
    "assertTrue": lambda c, f, a: _assert(c, f, a, True, "assertTrue"),
    "assertFalse": lambda c, f, a: _assert(c, f, a, False, "assertFalse"),
    "assertEqual": lambda c, f, a: _assert_equal(c, f, a, True),
    "assertNotEqual": lambda c, f, a: _assert_equal(c, f, a, False),
    "fail": _fail,
    "fatal": _fatal,
    "log": _log,
    "run": _run_subtest,
}


# -- running ---------------------------------------------------------------------------------------


@dataclass
class TestResult:
    __test__ = False  # not a pytest test class, despite the name

    id: str
    outcome: str  # "passed", "failed" (a $t failure or ASSERT) or "error" (another unhandled error, timeout)
    duration: float
    messages: list[str]
    logs: list[str]
    tags: list[str] = field(default_factory=list)
    subtests: list[TestResult] = field(default_factory=list)
    output: str = ""  # what the test wrote to stdout/stderr
    case: TestCase | None = None

    @property
    def passed(self) -> bool:
        return self.outcome == "passed"


ASSERT_FAILED = -10518  # documented code of a failing ASSERT


class TestSession:
    """A project opened for testing: On Startup once, then each test in a fresh process."""

    __test__ = False  # not a pytest test class, despite the name

    def __init__(
        self, path: Path | str, timeout: float = DEFAULT_TIMEOUT, cache: bool | Path = True, capture: bool = True
    ):
        self.timeout = timeout
        self.capture = capture
        self._deadline = float("inf")
        self.out = io.StringIO()
        self.app = Application(
            path, self.out if capture else None, self.out if capture else None, cache=cache, tick=self._tick
        )
        self.started = False

    @property
    def project(self) -> Project:
        return self.app.project

    def _tick(self, frame: Any) -> None:
        if time.monotonic() > self._deadline:
            raise TestTimeout()

    def discover(self) -> list[TestCase]:
        return discover(self.app)

    def start(self, skip_onstartup: bool = False) -> str:
        """Run On Startup; returns what it printed (a failure there is printed too, not fatal)."""
        self.started = True
        if not skip_onstartup:
            self.app.run_database_method(ON_STARTUP)
        return self._take_output()

    def finish(self, skip_onstartup: bool = False) -> str:
        if not skip_onstartup:
            process = self.app.new_process("On Exit")
            self.app.run_database_method(ON_EXIT, process)
            self.app.end_process(process)
        return self._take_output()

    def _take_output(self) -> str:
        text = self.out.getvalue()
        self.out.seek(0)
        self.out.truncate()
        return text

    def run(self, case: TestCase) -> TestResult:
        runtime = self.app.runtime
        ctx = TestContext(case.id)
        process = self.app.new_process(f"test {case.id}")
        previous = runtime.current_process()
        runtime.bind_thread(process)
        started = time.perf_counter()
        self._deadline = time.monotonic() + self.timeout
        outcome, messages = "passed", []
        try:
            self._call(case, ctx, process)
        except StopTest:
            pass
        except TestTimeout:
            outcome, messages = "error", [f"{case.id}: time limit of {self.timeout:g} s exceeded"]
        except ClassesUnavailable:
            outcome, messages = "error", [f"{case.path}:{case.line}: this fourd build cannot run classes"]
        except FourDError as exc:
            outcome = "failed" if exc.code == ASSERT_FAILED else "error"
            messages = [exc.format(), *(f"  called from {n}:{line}" for n, line in exc.call_chain[1:])]
        except FourDSyntaxError as exc:
            outcome, messages = "error", [exc.format()]
        except RecursionError:
            outcome, messages = "error", [f"{case.id}: stack overflow (too many nested calls)"]
        except AbortExecution:
            outcome, messages = "error", [f"{case.id}: the process was aborted (QUIT 4D or ABORT)"]
        finally:
            self._deadline = float("inf")
            runtime.bind_thread(previous)
            self.app.end_process(process)
        if outcome == "passed" and ctx.failed:
            outcome = "failed"
        return TestResult(
            case.id,
            outcome,
            time.perf_counter() - started,
            ctx.failures + messages,
            ctx.logs,
            case.tags,
            ctx.subtests,
            self._take_output(),
            case,
        )

    def _call(self, case: TestCase, ctx: TestContext, process: Any) -> None:
        runtime = self.app.runtime
        if case.kind == "method":
            code = runtime.methods.get(runtime, case.owner)
            runtime.invoke(code, [ctx], process)
            return
        if getattr(runtime, "classes", None) is None:
            raise ClassesUnavailable()
        # Through 4D code, so the class goes through cs as in any project code.
        source = f"#DECLARE($t : Object)\ncs.{case.owner}.new().{case.function}($t)\n"
        code = runtime.compile_source(source, case.id, str(case.path))
        runtime.invoke(code, [ctx], process)


# -- reports ----------------------------------------------------------------------------------------


_LABELS = {"passed": "PASS", "failed": "FAIL", "error": "ERROR"}


def progress_line(result: TestResult, indent: str = "") -> list[str]:
    """``PASS  id (2 ms)`` then the failure messages and logs, indented."""
    lines = [f"{indent}{_LABELS[result.outcome]:<5} {result.id} ({result.duration * 1000:.0f} ms)"]
    lines += [f"{indent}    {m}" for m in result.messages]
    lines += [f"{indent}    log: {m}" for m in result.logs]
    if result.output and not result.passed:
        lines += [f"{indent}    output: {m}" for m in result.output.rstrip("\n").split("\n")]
    for sub in result.subtests:
        lines += progress_line(sub, indent + "  ")
    return lines


def summary_line(results: list[TestResult], seconds: float) -> str:
    passed = sum(r.passed for r in results)
    return f"{passed} passed, {len(results) - passed} failed in {seconds:.2f}s"


def _flatten(result: TestResult) -> list[TestResult]:
    out = [result]
    for sub in result.subtests:
        out += _flatten(sub)
    return out


def junit_xml(project_name: str, results: list[TestResult], seconds: float) -> str:
    """A JUnit XML report (the common schema CI servers read): one testcase per test and subtest."""
    flat = [r for top in results for r in _flatten(top)]
    failures = sum(r.outcome == "failed" for r in flat)
    errors = sum(r.outcome == "error" for r in flat)
    suites = ET.Element(
        "testsuites",
        name="fourd",
        tests=str(len(flat)),
        failures=str(failures),
        errors=str(errors),
        time=f"{seconds:.3f}",
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name=project_name,
        tests=str(len(flat)),
        failures=str(failures),
        errors=str(errors),
        skipped="0",
        time=f"{seconds:.3f}",
        timestamp=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        hostname=socket.gethostname(),
    )
    for result in flat:
        owner, _, name = result.id.rpartition(".") if "." in result.id.split("/")[0] else ("", "", result.id)
        case = ET.SubElement(
            suite,
            "testcase",
            classname=f"{project_name}.{owner}" if owner else project_name,
            name=name,
            time=f"{result.duration:.3f}",
        )
        if result.case is not None:
            case.set("file", str(result.case.path))
            case.set("line", str(result.case.line))
        if result.outcome != "passed":
            tag = "failure" if result.outcome == "failed" else "error"
            first = result.messages[0] if result.messages else "subtest failed"
            element = ET.SubElement(case, tag, message=first, type="4D assertion" if tag == "failure" else "4D error")
            element.text = "\n".join(result.messages)
        output = "\n".join([*(f"log: {m}" for m in result.logs), result.output.rstrip("\n")]).strip()
        if output:
            ET.SubElement(case, "system-out").text = output
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def _result_json(result: TestResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": result.id,
        "outcome": result.outcome,
        "duration": round(result.duration, 6),
        "messages": result.messages,
        "logs": result.logs,
        "tags": result.tags,
        "output": result.output,
        "subtests": [_result_json(s) for s in result.subtests],
    }
    if result.case is not None:
        data["path"] = str(result.case.path)
        data["line"] = result.case.line
    return data


def json_report(results: list[TestResult], seconds: float) -> str:
    passed = sum(r.passed for r in results)
    report = {
        "passed": passed,
        "failed": len(results) - passed,
        "duration": round(seconds, 6),
        "tests": [_result_json(r) for r in results],
    }
    return json.dumps(report, indent=2, ensure_ascii=False)


# -- command line ------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", help="the project: its top folder, its Project folder or its .4DProject file")
    parser.add_argument("-k", dest="keyword", metavar="EXPR", help="run tests whose id or tags match (and/or/not)")
    parser.add_argument(
        "--tag", action="append", dest="tags", metavar="TAG", help="run tests with this tag (repeatable)"
    )
    parser.add_argument("--junit-xml", metavar="FILE", help="write a JUnit XML report")
    parser.add_argument("--json", action="store_true", help="print a JSON report instead of the progress lines")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="time limit per test in seconds")
    parser.add_argument("--skip-onstartup", action="store_true", help="run neither On Startup nor On Exit")
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the parse cache")
    parser.add_argument("-x", "--exitfirst", action="store_true", help="stop after the first failing test")


def main(args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        session = TestSession(args.path, timeout=args.timeout, cache=not args.no_cache)
        cases = select(session.discover(), args.keyword, args.tags)
    except (ProjectError, FourDSyntaxError) as exc:
        stderr.write(exc.format() + "\n")
        return EXIT_USAGE
    except ValueError as exc:  # a bad -k expression
        stderr.write(f"fourd test: {exc}\n")
        return EXIT_USAGE
    text = not args.json
    started = time.perf_counter()
    try:
        startup_output = session.start(args.skip_onstartup)
    except FourDSyntaxError as exc:
        stderr.write(exc.format() + "\n")
        return EXIT_USAGE
    if text and startup_output:
        stdout.write(startup_output)
    results: list[TestResult] = []
    for case in cases:
        result = session.run(case)
        results.append(result)
        if text:
            stdout.write("\n".join(progress_line(result)) + "\n")
            stdout.flush()
        if args.exitfirst and not result.passed:
            break
    exit_output = session.finish(args.skip_onstartup)
    if text and exit_output:
        stdout.write(exit_output)
    seconds = time.perf_counter() - started
    if args.junit_xml:
        Path(args.junit_xml).write_text(junit_xml(session.project.name, results, seconds), encoding="utf-8")
    if text:
        stdout.write(summary_line(results, seconds) + "\n")
    else:
        stdout.write(json_report(results, seconds) + "\n")
    if not cases:
        return EXIT_NO_TESTS
    return EXIT_OK if all(r.passed for r in results) else EXIT_RUNTIME
