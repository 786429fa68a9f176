"""``fourd check``: parse .4dm files, folders and the ```4d blocks of Markdown files.

Outcomes are kept in fourd's parse cache (:mod:`fourd.syntax.cache`, under
``<cache>/ast/files``, shared with ``fourd run FILE.4dm``): checking an
unchanged file again reads whether it parsed instead of parsing it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..syntax.cache import AstCache, files_cache
from ..syntax.errors import FourDSyntaxError
from ..syntax.names import build_prefix_table
from ..syntax.options import LexOptions
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


def check_paths(paths: list[Path], options: LexOptions | None = None, cache: AstCache | None = None) -> CheckResult:
    cache = cache if cache is not None else files_cache()
    errors: list[FourDSyntaxError] = []
    units = 0
    near: dict[Path, LexOptions] = {}
    for path in _files(paths):
        if options is None or path.suffix.lower() == ".4dm":
            if path.parent not in near:
                near[path.parent] = LexOptions(extra_names=build_prefix_table(_method_names_near(path)))
            file_options = options or near[path.parent]
        else:
            file_options = options
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        if path.suffix.lower() == ".md":
            # In documentation a line of `...` stands for code left out (see docs/parser.md).
            md_options = replace(file_options or LexOptions(), elisions=True)
            blocks = code_blocks(text)
            units += len(blocks)
            if not blocks:
                continue
            for block, error in zip(blocks, cache.check([b.code for b in blocks], str(path), md_options), strict=True):
                if error is not None:
                    error.line += block.first_line - 1
                    errors.append(error)
        else:
            units += 1
            errors.extend(e for e in cache.check([text], str(path), file_options) if e is not None)
    return CheckResult(units, errors)
