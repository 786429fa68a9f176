"""The ```4d fenced code blocks of a Markdown file, with their line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)([^`]*)$")


@dataclass
class CodeBlock:
    code: str
    first_line: int  # line of the Markdown file where the code starts (after the fence)
    language: str
    info: str = ""  # the rest of the info string after the language (``no-run``…)


def code_blocks(text: str, languages: tuple[str, ...] = ("4d",)) -> list[CodeBlock]:
    blocks: list[CodeBlock] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, lang, info = m.group(2), m.group(3).lower(), m.group(4).strip()
        start = i + 1
        j = start
        while j < len(lines) and not lines[j].strip().startswith(fence):
            j += 1
        if lang in languages:
            blocks.append(CodeBlock("\n".join(lines[start:j]) + "\n", start + 1, lang, info))
        i = j + 1
    return blocks
