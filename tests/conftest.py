"""Shared helpers: run 4D code in a fresh runtime and capture what it prints."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from fourd.runtime.interpreter import Runtime

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout, or beside one of its parents (git worktrees live one level deeper).
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "4d-docs").is_dir()), ROOT.parent / "shared")


class Run:
    """A fresh runtime whose stdout/stderr are captured."""

    def __init__(self) -> None:
        self.out = io.StringIO()
        self.err = io.StringIO()
        self.runtime = Runtime(stdout=self.out, stderr=self.err)

    def __call__(self, source: str, *args):
        return self.runtime.run_source(source, "<test>", list(args))

    def value(self, expression: str):
        """The value of one 4D expression."""
        return self.runtime.run_source(f"return {expression}", "<test>")


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture
def shared_docs() -> Path:
    docs = SHARED / "4d-docs"
    if not docs.is_dir():
        pytest.skip("../shared/4d-docs is not available")
    return docs
