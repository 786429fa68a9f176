"""The ``__symbols`` of ``JSON Parse(text; Is object; *)``: where each property is written.

For every property path (``beta[0].echo``) the 1-based ``line`` of its key and
the ``offset`` of the key's opening quote in that line (json-parse.md, example 6).
The text has already been parsed successfully, so this scanner can be simple.
"""

from __future__ import annotations

import json
from typing import Any

_decoder = json.JSONDecoder()


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.symbols: dict[str, dict[str, int]] = {}

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def where(self) -> dict[str, int]:
        line = self.text.count("\n", 0, self.pos) + 1
        start = self.text.rfind("\n", 0, self.pos) + 1
        return {"line": line, "offset": self.pos - start}

    def value(self, path: str) -> None:
        self.skip()
        ch = self.text[self.pos]
        if ch == "{":
            self.obj(path)
        elif ch == "[":
            self.array(path)
        else:
            _, self.pos = _decoder.raw_decode(self.text, self.pos)

    def obj(self, path: str) -> None:
        self.pos += 1
        self.skip()
        if self.text[self.pos] == "}":
            self.pos += 1
            return
        while True:
            self.skip()
            at = self.where()
            key, self.pos = _decoder.raw_decode(self.text, self.pos)
            full = f"{path}.{key}" if path else key
            self.symbols[full] = at
            self.skip()
            self.pos += 1  # the colon
            self.value(full)
            self.skip()
            sep = self.text[self.pos]
            self.pos += 1
            if sep == "}":
                return

    def array(self, path: str) -> None:
        self.pos += 1
        self.skip()
        if self.text[self.pos] == "]":
            self.pos += 1
            return
        index = 0
        while True:
            self.value(f"{path}[{index}]")
            self.skip()
            sep = self.text[self.pos]
            self.pos += 1
            if sep == "]":
                return
            index += 1


def symbols(text: str) -> dict[str, Any]:
    scanner = _Scanner(text)
    scanner.value("")
    return scanner.symbols
