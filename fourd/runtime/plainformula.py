"""Formulas that only read ``$1.value``, ``$1.value2`` and ``$1.accumulator``: callbacks of plain values.

Collection functions call their formula once per element (or per comparison) with
an event object ``$1`` (``{value}``, plus ``accumulator`` for reduce, ``value2``
for sorts).  Building that object and a frame for each call is most of what
``$c.map(Formula($1.value*2))`` costs.

A formula whose body is one expression made only of literals, operators, reads
of ``$1.value`` / ``$1.value2`` / ``$1.accumulator``, locals, the extra
parameters ``$2…$n`` and properties of those (``$1.value.price``) cannot see
anything else of its call: ``$1`` is not passed on, stored or written (so no
``$1.result``, no ``$1.stop``), and it reads no variable, command or method
(nor ``${n}`` or ``Count parameters``).  Its locals hold what they held when the
formula was made and its extra parameters are the same for every call, so its
value is a function of the event's values alone: :func:`plain_site` recognises such formulas by a
static scan of their AST, and :meth:`PlainSite.function` compiles the
expression into ``fn(value, accumulator, value2=Undefined)`` with the code
generator, so that every operator is still operators.py's and every property
read objects.py's (and ``Undefined`` still reads as ``Undefined``).

The collection functions use ``fn`` as an attempt only: when it raises, for
whatever reason (a type mismatch, a Null value, a class instance whose getters
only the general path may run: :class:`NotPlain`), that call is made again the
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
from .objects import BuiltinObject, get_member
from .values import Object4D

# Switched off by tests that compare the plain path with the general one.
ENABLED = True

# The event properties a plain formula may read, and the parameter of the plain function holding each.
EVENT_READS = {"value": "_value", "accumulator": "_acc", "value2": "_value2"}

# Names of the generated source that would mean the expression reaches its frame or its process (a node
# the generator left to a closure): such an expression gets no plain function.
_FRAME_NAMES = r"\b(?:_f|_p|process)\b"  # compiled at the first plain function (not at start-up)


class NotPlain(Exception):
    """Raised by a plain function reaching what only the general path may do: the attempt is abandoned."""


def plain_member(target: Any, name: str) -> Any:
    """``target.name`` in a plain function (objects.get_member), for what has no getter to run.

    A class instance's missing property (its class's computed properties and functions) and built-in
    objects (files, sessions…) could run code with effects: those abandon the plain attempt.
    """
    if (type(target) is Object4D and target.cls is not None) or isinstance(target, BuiltinObject):
        raise NotPlain
    return get_member(target, name)


def is_event_read(node: ast.Node) -> bool:
    """``$1.value``, ``$1.value2`` or ``$1.accumulator``."""
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
    if t is ast.LocalVar:
        # A local (captured, never written) or an extra parameter $2…$n (the same for every call): not $0, $1.
        return not node.name[1:].isdigit() or int(node.name[1:]) >= 2
    if t is ast.Member:
        # $1.value…, or a property of a plain expression ($1.value.price, $o.limit): never $1's other properties.
        return is_event_read(node) or is_plain(node.target)
    if t in (ast.Binary, ast.Logical):
        return is_plain(node.left) and is_plain(node.right)
    if t is ast.Unary:
        return is_plain(node.operand)
    if t is ast.Ternary:
        return is_plain(node.condition) and is_plain(node.if_true) and is_plain(node.if_false)
    return False


class PlainSite:
    """One ``Formula(…)`` site whose expression is plain: its function maker, compiled at first use."""

    def __init__(self, runtime: Any, name: str, path: str, node: ast.Node, slot_names: list[str]):
        self.runtime = runtime
        self.name = name
        self.path = path
        self.node = node
        self.slot_names = slot_names  # the formula's locals, in its slot order
        self.compiled = False
        self.maker: Callable[[list[Any], tuple[Any, ...]], Callable[..., Any]] | None = None

    def function(self, slots: list[Any], extra: tuple[Any, ...] | list[Any] = ()) -> Callable[..., Any] | None:
        """``fn(value, accumulator, value2=Undefined)`` giving the formula's value when its locals hold
        ``slots`` (which nothing in the formula can change) and its parameters ``$2…`` are ``extra``, or None
        when it cannot be made."""
        if not ENABLED:
            return None
        if not self.compiled:
            self.compiled = True
            self.maker = _compile(self.runtime, self.name, self.path, self.node, self.slot_names)
        return self.maker(slots, tuple(extra)) if self.maker is not None else None


def plain_site(runtime: Any, name: str, path: str, node: ast.Node, code: Any) -> PlainSite | None:
    """A :class:`PlainSite` for the formula ``node`` compiled as ``code``, or None when it is not plain.

    ``code`` must be generated (``code.call``): a traced or observed formula keeps the closure back
    end, whose statements the tracer or observer watch, and must run the general way.
    """
    if code.call is None or not is_plain(node):
        return None
    return PlainSite(runtime, name, path, node, list(code.slot_names))


def _compile(
    runtime: Any, name: str, path: str, node: ast.Node, slot_names: list[str]
) -> Callable[[list[Any], tuple[Any, ...]], Callable[..., Any]] | None:
    from .codegen import ENABLED as GENERATING
    from .codegen import Generator, given_frame_source
    from .compiler import Compiler

    if not GENERATING:
        return None

    class PlainGenerator(Generator):
        def ex_LocalVar(self, var: ast.LocalVar) -> tuple[str, str | None]:
            if var.name[1:].isdigit():
                # $2…$n: the extra parameters (Undefined past the last one), as the general call reads them.
                n = int(var.name[1:]) - 2
                return f"(_x[{n}] if len(_x) > {n} else _U)", None
            return super().ex_LocalVar(var)

        def ex_Member(self, member: ast.Member) -> tuple[str, str | None]:
            if is_event_read(member):
                return EVENT_READS[member.name], None  # an untyped value, as $1.value reads
            # A property of a plain value: an object's own property inline (objects.get_member, as the generator
            # reads it), anything else through plain_member.
            target, _ = self.expr(member.target)
            t, v, prop = self.temp(), self.temp(), repr(member.name)
            return (
                f"({v} if type({t} := {target}) is _O and (({v} := {t}.props.get({prop}, _U)) is not _U "
                f"or {t}.cls is None) else _plain_member({t}, {prop}))",
                None,
            )

    compiler = Compiler(runtime, name, path)
    for local in slot_names:
        compiler.slot(local)  # the formula's slot numbers: its locals read as s[i]
    generator = PlainGenerator(compiler)
    generator.ns["_plain_member"] = plain_member
    source, _ = generator.expr(node)
    source = given_frame_source(source)  # locals as s[i]; a path needing the frame names `_f`, and is refused below
    if re.search(_FRAME_NAMES, source):
        return None
    text = f"def _make(s, _x):\n    def _plain(_value, _acc, _value2=_U):\n        return {source}\n    return _plain\n"
    exec(compile(text, f"<fourd {name} plain formula>", "exec"), generator.ns)  # noqa: S102
    make = generator.ns["_make"]
    make.__fourd_source__ = text
    return make
