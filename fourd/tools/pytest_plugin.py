"""pytest plugin: ``pytest path/to/MyProject`` runs the 4D tests of a project.

Registered through the ``pytest11`` entry point, so it is active wherever
fourd is installed (``-p fourd.tools.pytest_plugin`` loads it otherwise).  It
collects the ``.4DProject`` file of a project as a pytest file whose items
are the tests ``fourd test`` finds (fourd/tools/testrunner.py); so ``-k``,
``-x``, ``-m TAG`` (tags become markers), ``--junitxml`` and pytest-xdist all
apply to 4D tests.  On Startup runs before a project's first test and On Exit
after its last.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..runtime.project import PROJECT_SUFFIX, ProjectError
from ..syntax.errors import FourDSyntaxError


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("fourd", "4D tests (fourd)")
    group.addoption("--fourd-timeout", type=float, default=None, help="time limit per 4D test in seconds (default 60)")
    group.addoption("--fourd-skip-onstartup", action="store_true", help="run neither On Startup nor On Exit")
    group.addoption("--fourd-no-cache", action="store_true", help="do not use fourd's parse cache")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix.lower() == PROJECT_SUFFIX:
        return FourDProjectFile.from_parent(parent, path=file_path)
    return None


class FourDTestFailed(Exception):
    def __init__(self, result: Any):
        super().__init__(result.id)
        self.result = result


class FourDProjectFile(pytest.File):
    """A 4D project: its test classes' functions and test methods are the items."""

    tests: Any = None  # the TestSession, made at collection

    def collect(self) -> Iterator[pytest.Item]:
        from .testrunner import DEFAULT_TIMEOUT, TestSession

        config = self.config
        timeout = config.getoption("fourd_timeout") or DEFAULT_TIMEOUT
        try:
            self.tests = TestSession(self.path, timeout=timeout, cache=not config.getoption("fourd_no_cache"))
            cases = self.tests.discover()
        except (ProjectError, FourDSyntaxError) as exc:
            raise self.CollectError(exc.format()) from None
        for case in cases:
            item = FourDTestItem.from_parent(self, name=case.id, case=case)
            for tag in case.tags:
                if tag.isidentifier():
                    config.addinivalue_line("markers", f"{tag}: 4D test tag")
                    item.add_marker(tag)
            yield item

    def setup(self) -> None:
        sys.stdout.write(self.tests.start(self.config.getoption("fourd_skip_onstartup")))

    def teardown(self) -> None:
        if self.tests is not None and self.tests.started:
            sys.stdout.write(self.tests.finish(self.config.getoption("fourd_skip_onstartup")))


class FourDTestItem(pytest.Item):
    def __init__(self, *, case: Any, **kwargs: Any):
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        result = self.parent.tests.run(self.case)
        if result.output:
            sys.stdout.write(result.output)  # pytest captures it with the test
        for line in result.logs:
            sys.stdout.write(f"log: {line}\n")
        if not result.passed:
            raise FourDTestFailed(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, FourDTestFailed):
            from .testrunner import progress_line

            return "\n".join(progress_line(excinfo.value.result))
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.case.path, self.case.line - 1, f"4D test {self.case.id}"
