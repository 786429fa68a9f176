"""How fourd shows an error to a person: the line, a caret, the 4D code and message, the call chain.

    Outer.4dm:3: error -10616: Cannot read property 'name' of Null
        3 | $x:=$o.name
          | ^~~~~~~~~~~
      4D call chain (most recent call first):
        Inner:3    $x:=$o.name
        Middle:2   $r:=Inner
        Outer:4    Middle

The first line keeps the one-line format tools and tests read
(``path:line: error CODE: message``, ``path:line:column: error: message`` for
syntax errors).  Runtime errors know their line but not their column, so the
caret marks the start of the statement and ``~`` underlines the rest of it.
Colour is used on terminals only, never when ``NO_COLOR`` is set
(https://no-color.org); ``FORCE_COLOR`` forces it otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TextIO

from ..runtime.errors import FourDError
from ..syntax.errors import FourDSyntaxError

_RESET = "\x1b[0m"
_STYLES = {
    "where": "\x1b[1m",  # bold
    "error": "\x1b[1;31m",  # bold red
    "caret": "\x1b[1;31m",
    "gutter": "\x1b[2m",  # dim
    "method": "\x1b[36m",  # cyan
}


def use_color(stream: TextIO) -> bool:
    """Colour for ``stream``: a terminal that is not ``dumb``, unless NO_COLOR says no."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


class Sources:
    """Finds the text of the code an error went through: code typed in, project methods, files."""

    def __init__(self, runtime: Any = None):
        self.runtime = runtime
        self._texts: dict[str, list[str]] = {}

    def add(self, key: str, text: str) -> None:
        """Remember the text of code that is not in a file (``-e`` code, REPL input), by path or name."""
        self._texts[key] = _split(text)

    def lines(self, method: str | None, path: str | None) -> list[str] | None:
        for key in (path, method):
            if key is not None and key in self._texts:
                return self._texts[key]
        methods = getattr(self.runtime, "methods", None)
        if method and methods is not None and methods.has(method):
            try:
                return _split(methods.source(method)[2])
            except OSError:
                return None
        if path and not path.startswith("<"):
            try:
                return _split(Path(path).read_text(encoding="utf-8-sig"))
            except (OSError, ValueError):
                return None
        return None

    def line(self, method: str | None, path: str | None, number: int | None) -> str | None:
        lines = self.lines(method, path)
        if lines is None or number is None or not 0 < number <= len(lines):
            return None
        return lines[number - 1]


def _split(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


class _Painter:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, style: str, text: str) -> str:
        return f"{_STYLES[style]}{text}{_RESET}" if self.color and text else text


def format_error(exc: BaseException, sources: Sources | None = None, color: bool = False) -> str:
    """The display of a syntax error or a 4D runtime error (several lines, no trailing newline)."""
    if isinstance(exc, FourDSyntaxError):
        return format_syntax_error(exc, color)
    if isinstance(exc, FourDError):
        return format_runtime_error(exc, sources, color)
    return f"error: {exc}"


def format_syntax_error(exc: FourDSyntaxError, color: bool = False) -> str:
    paint = _Painter(color)
    out = [paint("where", f"{exc.path}:{exc.line}:{exc.column}:") + " " + paint("error", "error:") + " " + exc.message]
    if exc.source_line:
        out += _excerpt(paint, exc.line, exc.source_line, exc.column, whole_statement=False)
    return "\n".join(out)


def format_runtime_error(exc: FourDError, sources: Sources | None = None, color: bool = False) -> str:
    paint = _Painter(color)
    sources = sources or Sources()
    where = exc.path or exc.method or "<code>"
    line = f":{exc.line}" if exc.line is not None else ""
    out = [paint("where", f"{where}{line}:") + " " + paint("error", f"error {exc.code}:") + " " + exc.message]
    text = sources.line(exc.method, exc.path, exc.line)
    if text is not None and text.strip():
        indent = len(text) - len(text.lstrip())
        out += _excerpt(paint, exc.line or 0, text, indent + 1, whole_statement=True)
    chain = exc.call_chain
    if len(chain) > 1:
        out.append("  4D call chain (most recent call first):")
        width = max(len(f"{name}:{number}") for name, number in chain)
        for i, (name, number) in enumerate(chain):
            source = sources.line(name, exc.path if i == 0 else None, number)
            label = f"{name}:{number}"
            row = "    " + paint("method", label)
            if source is not None and source.strip():
                row += " " * (width - len(label) + 2) + source.strip()
            out.append(row)
    return "\n".join(out)


def _excerpt(paint: _Painter, number: int, text: str, column: int, whole_statement: bool) -> list[str]:
    """The source line under a numbered gutter, and a caret line below it."""
    text = text.rstrip()
    if whole_statement:
        start = len(text) - len(text.lstrip())
        marker = "^" + "~" * max(len(text) - start - 1, 0)
    else:
        start = min(max(column - 1, 0), len(text))
        marker = "^"
    # Tabs are kept under tabs so the caret lines up however the terminal expands them.
    pad = "".join(c if c == "\t" else " " for c in text[:start])
    gutter = f"{number:>5} | "
    blank = " " * (len(gutter) - 2) + "| "
    return [paint("gutter", gutter) + text, paint("gutter", blank) + pad + paint("caret", marker)]
