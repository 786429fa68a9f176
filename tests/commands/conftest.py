"""Helpers for command tests: a test-only stand-in for Formula objects."""

from __future__ import annotations

import pytest


class FakeFormula:
    """Anything with ``call_with_this`` is a formula for fourd: this one runs ``return <expression>``.

    The real ``Formula(...)`` command is built elsewhere; collection callbacks
    only rely on this protocol, so the tests do not depend on it.
    """

    def __init__(self, runtime, expression: str, statement: bool = False):
        source = expression if statement else f"return {expression}"
        self.code = runtime.compile_source(source, "formula")
        self.runtime = runtime

    def call_with_this(self, frame, this, args):
        return self.runtime.invoke(self.code, list(args), frame.process, this, frame)


@pytest.fixture
def formula(run):
    return lambda expression, statement=False: FakeFormula(run.runtime, expression, statement)
