"""``fourd check``: parse .4dm files, folders and the ```4d blocks of Markdown files."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..syntax.errors import FourDSyntaxError
from ..syntax.lexer import LexOptions
from ..syntax.names import build_prefix_table
from ..syntax.parser import parse
from .markdown import code_blocks


@dataclass
class CheckResult:
    units: int
    errors: list[FourDSyntaxError]


def _files(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in (".4dm", ".md")))
        else:
            out.append(path)
    return out


def _method_names_near(path: Path) -> list[str]:
    """Project methods a file may call: the .4dm files of its folder (and of a project's Methods folder)."""
    folders = {path.parent}
    for parent in path.parents:
        methods = parent / "Project" / "Sources" / "Methods"
        if methods.is_dir():
            folders.add(methods)
            break
    return sorted({p.stem for folder in folders for p in folder.glob("*.4dm")})


def check_paths(paths: list[Path], options: LexOptions | None = None) -> CheckResult:
    errors: list[FourDSyntaxError] = []
    units = 0
    cache: dict[Path, LexOptions] = {}
    for path in _files(paths):
        if options is None or path.suffix.lower() == ".4dm":
            if path.parent not in cache:
                cache[path.parent] = LexOptions(extra_names=build_prefix_table(_method_names_near(path)))
            file_options = options or cache[path.parent]
        else:
            file_options = options
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        if path.suffix.lower() == ".md":
            # In documentation a line of `...` stands for code left out (see README).
            md_options = replace(file_options or LexOptions(), elisions=True)
            for block in code_blocks(text):
                units += 1
                try:
                    parse(block.code, str(path), md_options)
                except FourDSyntaxError as exc:
                    exc.line += block.first_line - 1
                    errors.append(exc)
        else:
            units += 1
            try:
                parse(text, str(path), file_options)
            except FourDSyntaxError as exc:
                errors.append(exc)
    return CheckResult(units, errors)
