"""Line tracing: what ``TRACE`` does without a debugger, and ``fourd run --trace``.

The compiler does not record lines per statement (that would cost every
statement of every run).  Tracing is a compile-time choice instead: when the
runtime has an active :class:`Tracer`, :meth:`Compiler.block` wraps each
statement closure with :meth:`Tracer.wrap`, so code compiled without tracing
runs exactly as fast as before.

``TRACE`` in code compiled without tracing switches the tracer on for what is
compiled afterwards (project methods are compiled anew on their next call) and
for the rest of any unit that itself calls ``TRACE`` (such units are compiled
with dormant wrappers, see :func:`calls_trace`).  Lines of callers already
running and compiled untraced are not traced once they resume: fourd's choice,
the price of keeping untraced code free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from ..syntax import ast

Stmt = Callable[[Any], Any]


class Tracer:
    """Prints ``[trace] method:line  source`` for each statement run, to ``out``."""

    def __init__(self, out: TextIO, methods: list[str] | None = None, active: bool = True):
        self.out = out
        self.only = {m.lower() for m in methods} if methods else None
        self.active = active
        self.sources: dict[str, list[str]] = {}  # path -> lines, for code that is not in a file

    def wants(self, method: str) -> bool:
        """Whether statements of ``method`` are traced (the ``--trace-method`` filter)."""
        return self.only is None or method.lower() in self.only

    def add_source(self, path: str, text: str) -> None:
        self.sources[path] = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def source_line(self, path: str, line: int) -> str:
        lines = self.sources.get(path)
        if lines is None:
            try:
                text = Path(path).read_text(encoding="utf-8-sig")
            except (OSError, ValueError):
                text = ""
            self.add_source(path, text)
            lines = self.sources[path]
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    def report(self, method: str, path: str, line: int) -> None:
        self.out.write(f"[trace] {method}:{line}  {self.source_line(path, line)}\n")
        flush = getattr(self.out, "flush", None)
        if flush is not None:
            flush()

    def wrap(self, stmt: Stmt, method: str, path: str, line: int) -> Stmt:
        """``stmt`` preceded by a trace line (printed only while the tracer is active)."""

        def traced(f: Any) -> Any:
            if self.active:
                self.report(method, path, line)
            return stmt(f)

        return traced

    def start(self, frame: Any) -> None:
        """The ``TRACE`` command: trace from now on."""
        if self.active:
            return
        self.active = True
        runtime = frame.process.runtime
        runtime.methods.forget_compiled()  # compile methods anew, traced, on their next call


def calls_trace(nodes: Iterable[ast.Node]) -> bool:
    """Whether any of these statements calls ``TRACE`` (its unit must be traceable once it has run)."""
    from ..syntax.names import command_by_name

    trace = command_by_name("TRACE")
    number = trace.number if trace is not None else None
    for node in nodes:
        expr = node.expression if isinstance(node, ast.ExpressionStatement) else None
        callee = expr.callee if isinstance(expr, ast.Call) else expr
        if isinstance(callee, ast.Name) and (
            callee.number == number if callee.number is not None else callee.name.lower() == "trace"
        ):
            return True
    return False
