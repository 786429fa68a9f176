"""Formulas: ``Formula`` (compiled where it is written) and ``Formula from string``."""

from __future__ import annotations

import dataclasses
import weakref
from typing import Any

from ..runtime.formulas import compile_formula, formula_from_string
from ..runtime.frame import Frame
from ..syntax import ast
from . import args as A
from .interruptions import wrong_count_when_run
from .registry import command, headless_only_error


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


# -- EXECUTE FORMULA ---------------------------------------------------------------------------------

_COMPILED: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()
_CACHE_SIZE = 256


def _compiled_statement(f: Frame, text: str) -> Any:
    """The statement compiled once per runtime (EXECUTE FORMULA often runs in loops)."""
    from ..runtime.compiler import Compiler
    from ..runtime.errors import error
    from ..syntax.errors import FourDSyntaxError
    from ..syntax.parser import parse

    runtime = f.process.runtime
    cache = _COMPILED.setdefault(runtime, {})
    code = cache.get(text)
    if code is None:
        try:
            module = parse(text, "<formula>", runtime.methods.lex_options())
        except FourDSyntaxError as exc:
            raise error("syntax", detail=f"EXECUTE FORMULA: {exc.message}") from None
        code = Compiler(runtime, f.code.name, "<formula>").compile_unit(module.body, kind="formula")
        if len(cache) >= _CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[text] = code
    return code


@command("EXECUTE FORMULA", sees_locals=True)
def execute_formula(f: Frame, statement: Any) -> None:
    """Run ``statement`` as a line of the calling method (execute-formula.md).

    fourd interprets, so the statement sees the caller's local variables, as in 4D's interpreted
    mode (the docs' example adds ``$add``): they are read before and written back after, with the
    caller's declared types.  Locals the caller does not have live only in the statement.
    """
    from ..runtime.types import coerce

    text = A.text(statement, "EXECUTE FORMULA", 1)
    if not text.strip():
        return  # documented: an empty statement does nothing
    code = _compiled_statement(f, text)
    caller = {name.lower(): i for i, name in enumerate(f.code.slot_names)}
    links = [(i, caller[name.lower()]) for i, name in enumerate(code.slot_names) if name.lower() in caller]
    body = code.run
    declared = f.code.slot_types

    def run(frame: Frame) -> Any:
        for i, j in links:
            frame.slots[i] = f.slots[j]
        try:
            return body(frame)
        finally:
            for i, j in links:
                value = frame.slots[i]
                kind = declared.get(j)
                f.slots[j] = coerce(kind, value, f.code.slot_names[j]) if kind else value

    runtime = f.process.runtime
    runtime.invoke(dataclasses.replace(code, run=run, enter=None, call=None), [], f.process, f.this, f)


# -- SET ALLOWED METHODS / GET ALLOWED METHODS ---------------------------------------------------------
# The list filters the methods users may *enter* in 4D's formula and label editors, styled text
# expressions and 4D View Pro (set-allowed-methods.md); fourd has none of those, so the list is
# only kept for GET ALLOWED METHODS (the command never filters execution, documented).

_ALLOWED: weakref.WeakKeyDictionary[Any, list[str]] = weakref.WeakKeyDictionary()


@command("SET ALLOWED METHODS")
def set_allowed_methods(f: Frame, methods: Any) -> None:
    from .arrays import array_arg

    array = array_arg(methods, "SET ALLOWED METHODS")
    _ALLOWED[f.process.runtime] = [A.text(v, "SET ALLOWED METHODS", 1) for v in array.items[1:]]


def _register_get_allowed() -> None:
    from ._targets import Target, writing_command
    from .arrays import fill_array

    @writing_command("GET ALLOWED METHODS", 1, 1)
    def get_allowed_methods(f: Frame, targets: list[Target]) -> None:
        fill_array(targets[0], list(_ALLOWED.get(f.process.runtime, [])), "GET ALLOWED METHODS", "Text")


_register_get_allowed()


headless_only_error("EDIT FORMULA", "needs a user to use the formula editor")
