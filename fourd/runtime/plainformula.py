"""Formulas that only read ``$1.value`` and ``$1.accumulator``: callbacks of plain values.

Collection functions call their formula once per element with an event object
``$1`` (``{value}``, plus ``accumulator`` for reduce).  Building that object and
a frame for each element is most of what ``$c.map(Formula($1.value*2))`` costs.

A formula whose body is one expression made only of literals, operators and
reads of ``$1.value`` / ``$1.accumulator`` cannot see anything else of its
call: ``$1`` is not passed on, stored or written (so no ``$1.result``, no
``$1.stop``), and it reads no other parameter, local, variable, command, method
or member.  Its value is a function of the element (and the accumulator) alone;
:func:`plain_site` recognises such formulas by a static scan of their AST, and
:meth:`PlainSite.function` compiles the expression into ``fn(value,
accumulator)`` with the code generator, so that every operator is still
operators.py's (and ``Undefined`` still reads as ``Undefined``).

The collection functions use ``fn`` as a first attempt only: when it raises,
for whatever reason (a type mismatch…), the element and the rest are done the
general way, which raises the same error with its method, line and call chain,
or hands it to ``ON ERR CALL`` as before.  The attempt changed nothing: the
expression has no side effect.  Anything the scan does not accept (a method
given by name, ``Formula(myMethod)``, a formula with locals or statements, a
traced or observed unit) never gets a ``fn``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..syntax import ast

# Switched off by tests that compare the plain path with the general one.
ENABLED = True

EVENT_READS = {"value": "_value", "accumulator": "_acc"}

# Names of the generated source that would mean the expression reaches its frame, its process or
# its locals (a node the generator left to a closure): such an expression gets no plain function.
_FRAME_NAMES = re.compile(r"\b(?:_f|_p|process)\b|\bs\[")


def is_event_read(node: ast.Node) -> bool:
    """``$1.value`` or ``$1.accumulator``."""
    return (
        type(node) is ast.Member
        and node.name in EVENT_READS
        and type(node.target) is ast.LocalVar
        and node.target.name == "$1"
    )


def is_plain(node: ast.Node) -> bool:
    """Whether the expression ``node`` is made only of literals, operators and event reads."""
    t = type(node)
    if t is ast.Literal:
        return True
    if t is ast.Member:
        return is_event_read(node)
    if t in (ast.Binary, ast.Logical):
        return is_plain(node.left) and is_plain(node.right)
    if t is ast.Unary:
        return is_plain(node.operand)
    if t is ast.Ternary:
        return is_plain(node.condition) and is_plain(node.if_true) and is_plain(node.if_false)
    return False


class PlainSite:
    """One ``Formula(…)`` site whose expression is plain: its function, compiled at first use."""

    def __init__(self, runtime: Any, name: str, path: str, node: ast.Node):
        self.runtime = runtime
        self.name = name
        self.path = path
        self.node = node
        self.compiled = False
        self.fn: Callable[[Any, Any], Any] | None = None

    def function(self) -> Callable[[Any, Any], Any] | None:
        """``fn(value, accumulator)`` giving the formula's value, or None when it cannot be made."""
        if not ENABLED:
            return None
        if not self.compiled:
            self.compiled = True
            self.fn = _compile(self.runtime, self.name, self.path, self.node)
        return self.fn


def plain_site(runtime: Any, name: str, path: str, node: ast.Node, code: Any) -> PlainSite | None:
    """A :class:`PlainSite` for the formula ``node`` compiled as ``code``, or None when it is not plain.

    ``code`` must be generated (``code.call``): a traced or observed formula keeps the closure back
    end, whose statements the tracer or observer watch, and must run the general way.
    """
    if code.call is None or code.slot_names or not is_plain(node):
        return None
    return PlainSite(runtime, name, path, node)


def _compile(runtime: Any, name: str, path: str, node: ast.Node) -> Callable[[Any, Any], Any] | None:
    from .codegen import ENABLED as GENERATING
    from .codegen import Generator
    from .compiler import Compiler

    if not GENERATING:
        return None

    class PlainGenerator(Generator):
        def ex_Member(self, member: ast.Member) -> tuple[str, str | None]:
            if is_event_read(member):
                return EVENT_READS[member.name], None  # an untyped value, as $1.value reads
            return super().ex_Member(member)

    generator = PlainGenerator(Compiler(runtime, name, path))
    source, _ = generator.expr(node)
    if _FRAME_NAMES.search(source):
        return None
    text = f"def _plain(_value, _acc):\n    return {source}\n"
    exec(compile(text, f"<fourd {name} plain formula>", "exec"), generator.ns)  # noqa: S102
    fn = generator.ns["_plain"]
    fn.__fourd_source__ = text
    return fn
