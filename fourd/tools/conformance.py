"""Docs conformance: which ```4d blocks of the 4D documentation fourd parses.

A block is named ``<page relative to the docs folder>#<index>`` (index counts
the page's ```4d blocks from 1).  The tracked list of blocks that are not valid
4D (tests/syntax/docs_known_invalid.txt) uses the same names, one per line,
followed by `` -- `` and the reason.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..syntax.errors import FourDSyntaxError
from ..syntax.lexer import LexOptions
from ..syntax.parser import parse
from .markdown import code_blocks


@dataclass
class BlockFailure:
    key: str
    line: int  # line of the Markdown page
    message: str
    source_line: str


@dataclass
class ConformanceReport:
    total: int = 0
    lines: int = 0
    failures: list[BlockFailure] = field(default_factory=list)


def default_docs_dir() -> Path | None:
    """$FOURD_DOCS, else the first ``shared/4d-docs`` beside this checkout or one of its parents."""
    env = os.environ.get("FOURD_DOCS")
    if env:
        return Path(env)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "shared" / "4d-docs"
        if candidate.is_dir():
            return candidate
    return None


def run_conformance(docs: Path) -> ConformanceReport:
    report = ConformanceReport()
    options = LexOptions(elisions=True)
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(docs).as_posix()
        text = page.read_text(encoding="utf-8-sig", errors="replace")
        for index, block in enumerate(code_blocks(text), start=1):
            report.total += 1
            report.lines += block.code.count("\n")
            try:
                parse(block.code, rel, options)
            except FourDSyntaxError as exc:
                report.failures.append(
                    BlockFailure(f"{rel}#{index}", exc.line + block.first_line - 1, exc.message, exc.source_line)
                )
    return report


def load_known(path: Path) -> dict[str, str]:
    """Block name -> reason, from the tracked list (``#`` lines are comments)."""
    known: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _, reason = line.partition(" -- ")
        known[key.strip()] = reason.strip()
    return known
