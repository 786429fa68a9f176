"""Syntax errors: a position in the source and a message saying what was expected."""

from __future__ import annotations


class FourDSyntaxError(Exception):
    """A syntax error at ``line``/``column`` (both 1-based) of ``path``."""

    def __init__(self, message: str, line: int, column: int, path: str = "<code>", source_line: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.path = path
        self.source_line = source_line

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: error: {self.message}"
        if self.source_line:
            caret = " " * max(self.column - 1, 0) + "^"
            text += f"\n    {self.source_line}\n    {caret}"
        return text

    def __str__(self) -> str:
        return self.format()
