"""Formulas: ``Formula`` (compiled where it is written) and ``Formula from string``."""

from __future__ import annotations

from typing import Any

from ..runtime.formulas import compile_formula, formula_from_string
from ..runtime.frame import Frame
from ..syntax import ast
from . import args as A
from .interruptions import wrong_count_when_run
from .registry import command


@command("Formula", hook=True)
def formula_hook(compiler: Any, arg_nodes: list[ast.Node]):
    if len(arg_nodes) != 1:
        return wrong_count_when_run("Formula", "1", len(arg_nodes))
    return compile_formula(compiler, arg_nodes[0])


@command("Formula from string")
def formula_from_string_command(f: Frame, text: Any, context: Any = A.MISSING) -> Any:
    # `context` (sk execute in current/host database) only matters for components: fourd has one database.
    if context is not A.MISSING:
        A.integer(context, "Formula from string", 2)
    return formula_from_string(f.process.runtime, A.text(text, "Formula from string", 1), f.code.name)
