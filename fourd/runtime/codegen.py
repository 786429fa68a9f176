"""A faster back end: translate a code unit into Python source, once, and let CPython run it.

The closure compiler (:mod:`fourd.runtime.compiler`) stays the reference: this
back end only emits inline Python for the common nodes (locals, arithmetic and
comparisons on values whose type is known from declarations, control flow,
property access, command calls) and hands every other node to the closure
compiler, embedding the closure it returns.  The 4D rules themselves still live
in :mod:`operators`, :mod:`objects` and :mod:`types`: generated code calls them,
or uses a plain Python operator only where the static types make the result
identical (``Integer + Integer``, ``Real < Real``…).

Set ``FOURD_CODEGEN=0`` to run with closures only (tests compare both).

Entries and frames.  A unit gets three entries (see :meth:`Generator.enter`):
``code.enter`` (make a frame, bind the parameters: for callers that run
``code.run(frame)`` themselves), ``code.call(args, process, this, caller)``
(``Runtime.invoke`` fused with it) and, for units that never read their argument
list as such, ``code.direct(process, this, caller, arg0…)``.  ``code.run`` is
``_run(frame)``, the body compiled on its own; when the body never returns early
it is also pasted into ``code.call`` and ``code.direct``.

Lazy frames.  A pasted body makes its :class:`~fourd.runtime.frame.Frame` only
when something needs one: a call (the callee gets it as its ``caller``; the
statement's line is stored on it for the call chain), a command or fall-back
closure (they take the frame), ``$0`` (the result lives on it), a class getter
or setter (it finds its caller in ``process.frame``), or an error (``_fail``
stamps the error and hands it to ON ERR CALL with the frame).  The generator
marks a statement that needs it with a ``#frame`` comment line (``FRAME_MARK``):
``_run`` keeps it as a comment, the entries replace it with "if there is no frame
yet, make one and make it the process's current frame".  Inside an expression
(the slow paths of member access, error handlers) the token ``FRAME_NOW`` does
the same through ``frame.make_lazy_frame``.  A call that made no frame called
nothing and ran no 4D code, so nothing can have seen it: ``Call chain``, deferred
throws, ``Current method name`` and error handlers only ever look at frames that
exist, and those carry the same fields and lines as before.  The result of a
final ``return`` stays in Python locals (``RESULT``) when no ``$0`` or ``${n}``
can touch it.  Fib's leaves, a class function that only reads and writes
properties, a formula computing a value run without a frame.

Locals.  In ``_run`` a local is a slot of ``frame.slots``, which fall-back
closures, hook commands, pointers, formulas and EXECUTE FORMULA read and write.
Generated lines name a local ``\x01index\x02`` (``_var``), written out as
``s[index]`` or, in an entry of a unit where nothing can read the frame's locals
(``Generator.frame_slots_seen`` false: no fall-back closure, no hook command, no
command registered ``sees_locals`` such as EXECUTE FORMULA), as a Python local
``_lindex``; a frame made lazily by such an entry has no slot list (``slots`` is
None).  Other commands and member functions get that frame for its process, line
and place in the call chain, never for its locals.
"""

from __future__ import annotations

import math
import os
import re
import threading
from collections.abc import Callable
from typing import Any

from ..syntax import ast
from . import operators as ops
from .classes import NO_ACCESSORS, PendingThis, checked_class, class_reference, this_of
from .compiler import foreach_items
from .errors import FourDError
from .frame import BREAK, CONTINUE, RETURN, Frame, make_lazy_frame, unit_frame_class
from .objects import call_member, get_index, get_member, get_variable_member, set_index, set_member
from .processes import service_requests
from .processes import tick as process_tick
from .shared import use_begin
from .storedvalue import STORED_AS_IS, stored
from .types import canonical, coerce, coercer, default_value, round_to_int
from .values import UNDEFINED, Collection4D, Object4D

ENABLED = os.environ.get("FOURD_CODEGEN", "1") != "0"

# Static types the generator tracks; None means "unknown until run time".
REAL, INT, TEXT, BOOL = "Real", "Integer", "Text", "Boolean"
# Reals computed from Integers, kept as Python ints while that is exact (see Generator.raw_expr):
# SMALL: |value| < 2**31 (a modulo by a constant); EXACT: the int, or a float on the rare inexact path.
SMALL, EXACT = "small Real", "exact Real"
_EXACT_BOUND = 2**52  # an Integer below this plus a SMALL stays exact as a float
_SMALL_BOUND = 2**30 - 1  # the largest one-digit int of CPython: comparisons with it take the fast path
_NUMERIC = (REAL, INT)
_DIRECT_ARITH = {"+", "-", "*"}
_DIRECT_COMPARE = {"<": "<", ">": ">", "<=": "<=", ">=": ">="}
# Arithmetic whose Python operator gives 4D's result for any two numbers (Integer op Integer stays Integer).
_NUMERIC_ARITH = {"+": "+", "-": "-", "*": "*"}
_OP_NAMES = {
    "+": "add",
    "-": "sub",
    "*": "mul",
    "/": "div",
    "\\": "idiv",
    "%": "mod",
    "^": "pow",
    "=": "eq",
    "#": "ne",
    "<": "lt",
    ">": "gt",
    "<=": "le",
    ">=": "ge",
    "&": "band",
    "|": "bor",
    "^|": "bxor",
    "<<": "shl",
    ">>": "shr",
    "?+": "bset",
    "?-": "bclr",
    "??": "btst",
    "*|": "vscale",
}


# Statements the generator skips (the compiler or the class loader handles them).
_DECLARATIONS = (ast.Declare, ast.ClassExtends, ast.ClassConstructor, ast.FunctionDef, ast.PropertyDecl)


class _Unsupported(Exception):
    pass


def _fail(exc: FourDError, line: int, frame: Frame) -> None:
    """What the closure compiler's block runner does when a statement raises."""
    if exc.line is None:
        code = frame.code
        exc.line = line
        exc.method = code.name
        exc.path = code.path
    frame.process.runtime.on_error(exc, frame)


class Generator:
    def __init__(self, compiler: Any):
        self.c = compiler
        self.ns: dict[str, Any] = {
            "_E": FourDError,
            "_fail": _fail,
            "_cond": ops.condition,
            "_truthy": ops.truthy,
            "_getm": get_member,
            "_getvm": get_variable_member,
            "_setm": set_member,
            "_geti": get_index,
            "_seti": set_index,
            "_callm": call_member,
            "_U": UNDEFINED,
            "_O": Object4D,
            "_C": Collection4D,
            "_coerce": coerce,
            "_use": use_begin,
            "_thread": threading.get_ident,  # who holds a shared object's group (shared.check_writable)
            "_SCALAR": (float, str, bool),  # what a shared object takes as is (stored, shared.prepare_stored_value)
            "_AS_IS": STORED_AS_IS,  # what an object or a collection stores unchanged (storedvalue.stored)
            "_BREAK": BREAK,
            "_CONTINUE": CONTINUE,
            "_RETURN": RETURN,
            "_tick": compiler.runtime.tick,
            "_service": service_requests,
            "_Pending": PendingThis,
            "_NOACC": NO_ACCESSORS,
            "_this_of": this_of,
            "_NUM": (int, float),
            "_neg": ops.negate,
            "_olit": _object_literal,
            "_clit": _collection_literal,
            "_foreach_items": foreach_items,
            "_to_int": round_to_int,
            "_floor": math.floor,
            "_ceil": math.ceil,
        }
        for op, name in _OP_NAMES.items():
            self.ns["_" + name] = ops.BINARY[op]
        self.lines: list[str] = []
        self.counter = 0
        # Line ranges of the statements nested in each statement being generated (see statement).
        self.nested: list[list[tuple[int, int]]] = []
        # Could anything but the generated lines read the frame's slots (a fall-back closure, a command)?
        self.frame_slots_seen = False

    # -- helpers --------------------------------------------------------------------
    def name_for(self, value: Any, prefix: str = "_k") -> str:
        self.counter += 1
        name = f"{prefix}{self.counter}"
        self.ns[name] = value
        return name

    def text(self, value: str) -> str:
        """Source for a text constant.  One that looks like a frame field (`_f.this`…) is a namespace constant:
        the lines pasted into an entry have those rewritten (_frame_fields_as_locals), literals included."""
        return self.name_for(value, "_v") if "_f" in value else repr(value)

    def temp(self) -> str:
        self.counter += 1
        return f"_t{self.counter}"

    def tick(self, indent: int) -> None:
        """The end of a loop iteration: let other processes' requests (abort, pause…) in."""
        if self.ns["_tick"] is process_tick:
            # The default tick, inlined: one attribute test per iteration.
            self.uses_process = True
            self.emit(indent, "if _p.interrupt: _service(_p)")
        else:
            self.emit(indent, "_tick(_f)")

    def emit(self, indent: int, text: str) -> None:
        self.lines.append("    " * indent + text)

    def slot_type(self, index: int) -> str | None:
        t = self.c.slot_types.get(index)
        return t if t in (REAL, INT, TEXT, BOOL) else None

    # -- entry point -------------------------------------------------------------------
    def function(self, body: list[ast.Node]) -> Callable[[Frame], Any]:
        body_nodes = body
        self.emit(0, "def _run(_f):")
        self.emit(1, "s = _f.slots")
        self.uses_process = False
        mark = len(self.lines)
        # A `return` ending the unit's top level needs no Python return (nothing follows it): a formula's
        # body, for one, can then be inlined into code.call.
        last = [n for n in body if not isinstance(n, _DECLARATIONS)][-1:]
        self.final_return = last[0] if last and isinstance(last[0], ast.Return) else None
        self.block(body, 1, loop=None)
        if self.uses_process:
            self.lines.insert(mark, "    _p = _f.process")
        body = self.lines[mark:]
        self.emit(1, "return None")
        source = given_frame_source("\n".join(self.lines))
        code = compile(source, f"<fourd {self.c.name}>", "exec")
        exec(code, self.ns)  # noqa: S102 - our own generated source
        run = self.ns["_run"]
        run.__fourd_source__ = source
        # A body that never returns early can be inlined into the unit's code.call (see enter).
        run.__fourd_body__ = None if any(_is_return(line) for line in body) else body
        run.__fourd_sets_result__ = _sets_result(body_nodes)
        run.__fourd_result_local__ = not _any_node(body_nodes, _touches_result)
        run.__fourd_reads_args__ = _reads_args(body_nodes)
        # Nothing but the generated code can see the locals (no closure, no command gets the frame): pasted into
        # an entry, they are Python locals, and a frame made lazily has no slot list.
        run.__fourd_python_locals__ = not self.frame_slots_seen
        return run

    def enter(self, code: Any) -> tuple[Callable[..., Frame], Callable[..., Any]]:
        """``code.enter`` (Frame.__init__ and the parameters' coercion) and ``code.call`` (Runtime.invoke fused
        with it: one Python call less per 4D call, result handling specialised for the unit); ``code.direct``
        too when the unit can have one (see direct_lines)."""
        runtime = self.c.runtime
        body = getattr(code.run, "__fourd_body__", None)
        if body is not None:
            # Share the body's namespace (it is pasted into _call below); our own names must not collide.
            self.ns = code.run.__globals__
            self.counter = 1_000_000
        self.ns.update(
            _code=code,
            _run=code.run,
            # The frames of _enter and _call: `code` is a class attribute (unit_frame_class), not a store per call.
            _Frame=unit_frame_class(code),
            _unwind=runtime.unwind_call,
            _settle=runtime.settle_deferred,
            _mk=make_lazy_frame,
        )
        # The initial slots as a list display: building it beats copying a template list.
        initial = []
        for value in code.initial or [UNDEFINED] * code.nslots:
            if value is UNDEFINED:
                initial.append("_U")
            elif type(value) in (int, float, str, bool) or value is None:
                initial.append(repr(value))
            else:
                initial.append(self.name_for(value, "_d"))  # immutable defaults (Date4D.NULL…), shared as before
        slots = f"[{', '.join(initial)}]"
        # code.call of a unit that never touches its frame's result (no `return`, no `$0`): nothing reads
        # result/returned, so its frames skip them (code.enter's frames, run by others, keep them).
        sets_result = getattr(code.run, "__fourd_sets_result__", True)
        frame_lines = ["_f = _Frame()", f"_f.slots = s = {slots}", *self.field_lines("_a", True)]
        # A pasted body makes its frame lazily (see the module docstring); `_run(_f)` needs it made first.
        lazy = body is not None
        # A lazy entry of a unit whose locals only its own lines see keeps them in Python locals.
        python_locals = lazy and getattr(code.run, "__fourd_python_locals__", False)
        self.python_locals = python_locals
        if python_locals:
            bound = {index for index, _type in code.params}  # set by the binding lines below
            call_lines = [*(f"_l{i} = {v}" for i, v in enumerate(initial) if i not in bound), "_f = None"]
        elif lazy:
            call_lines = [f"s = {slots}", "_f = None"]
        else:
            call_lines = ["_f = _Frame()", f"_f.slots = s = {slots}", *self.field_lines("_a", sets_result)]
        if lazy and sets_result and getattr(code.run, "__fourd_result_local__", False):
            call_lines += ["_res = _U", "_ret = False"]  # what `return` sets (see RESULT)
        binding = []
        if code.params:
            binding.append("_n = len(_a)")
        for i, (index, type_) in enumerate(code.params):
            arg = f"(_a[{i}] if _n > {i} else _U)"
            binding.append(
                f"{_var(index)} = {arg if type_ == 'Variant' else self.coerced(type_, arg, code.slot_names[index])}"
            )
        self.emit(0, "def _enter(_a, process, this, caller):")
        for line in [*frame_lines, *binding]:
            self.emit(1, _locals(line, False))
        self.emit(1, "return _f")
        # Runtime.invoke, for this unit: the same steps in the same order.
        self.emit(0, "def _call(_a, process, this, caller):")
        for line in [*call_lines, *binding, *self.call_tail(code, body, sets_result, "_a")]:
            self.emit(1, _locals(line, python_locals))
        direct = self.direct_lines(code, call_lines if lazy else slots, sets_result, lazy)
        if direct is not None:
            names = [f"_a{i}" for i in range(len(code.params))]
            # The arguments stay readable on the frame as a tuple (nothing in this unit writes them: EXECUTE
            # FORMULA, a debugger or a later reader sees what was passed); a lazy entry builds it with the frame.
            args = f"({''.join(n + ', ' for n in names)})"
            if body is not None and any("_f.args" in line for line in body):
                # The body reads the list's length (a declared Object parameter not passed, ex_Member).
                direct.insert(0, f"_a = {args}")
                args = "_a"
            self.emit(0, f"def _direct(process, this, caller{''.join(', ' + n for n in names)}):")
            for line in [*direct, *self.call_tail(code, body, sets_result, args)]:
                self.emit(1, _locals(line, python_locals))
        source = "\n".join(self.lines)
        exec(compile(source, f"<fourd {self.c.name} entry>", "exec"), self.ns)  # noqa: S102
        self.ns["_call"].__fourd_source__ = source
        code.direct = self.ns["_direct"] if direct is not None else None
        return self.ns["_enter"], self.ns["_call"]

    @staticmethod
    def field_lines(args: str, sets_result: bool) -> list[str]:
        """The frame fields an entry stores (``code`` is its frame class's: unit_frame_class)."""
        fields = [("args", args), ("this", "this"), ("process", "process"), ("line", "0")]
        if sets_result:
            fields += [("result", "_U"), ("returned", "False")]
        return [f"_f.{attr} = {value}" for attr, value in [*fields, ("caller", "caller")]]

    def make_frame(self, args: str, sets_result: bool) -> tuple[list[str], str]:
        """How a lazy entry makes its frame: the statements a statement needing it starts with, and the
        expression the rare paths needing it in the middle of an expression use (frame.make_lazy_frame, which
        those statements inline: a Python call per frame costs fib about 10%)."""
        # Python locals: no slot list (nothing that gets this frame reads one, see Generator.frame_slots_seen).
        slots = "None" if self.python_locals else "s"
        fields = [("slots", slots), ("args", args), ("this", "this"), ("process", "process"), ("line", "0")]
        if sets_result:  # else nothing reads them (see call_tail)
            fields += [("result", "_U"), ("returned", "False")]
        fields += [("caller", "caller"), ("previous", "process.frame")]
        inline = ["if _f is None:", "    _f = _Frame()", *(f"    _f.{name} = {value}" for name, value in fields)]
        inline.append("    process.frame = _f")
        return inline, f"_mk(_Frame, {slots}, {args}, this, process, caller)"

    def call_tail(self, code: Any, body: list[str] | None, sets_result: bool, args: str) -> list[str]:
        """What code.call (and code.direct) does once its parameters are bound: run the body, unwind, deferred
        throws, the result.  ``args`` is the source of the frame's argument list (for a lazy entry)."""
        result_local = body is not None and getattr(code.run, "__fourd_result_local__", False)
        if body is None:
            lines = [
                "previous = process.frame",
                "process.frame = _f",
                "try:",
                "    _run(_f)",
                "except _E as exc:",
                "    _unwind(exc, _code, _f, process)",
                "    raise",
                "finally:",
                "    process.frame = previous",
                # Deferred throws are rare: no mark is taken per call (Runtime.deferred_mark finds the call's).
                "if process.deferred:",
                "    _settle(process, _f)",
            ]
        else:
            make, make_now = self.make_frame(args, sets_result)
            result, returned = ("_res", "_ret") if result_local else (f"{FRAME_NOW}.result", f"{FRAME_NOW}.returned")
            pasted = []
            for line in body:
                if line.strip() == FRAME_MARK:
                    indent = line[: len(line) - len(line.lstrip())]
                    pasted += [indent + m for m in make]
                else:
                    line = _frame_fields_as_locals(line).replace(RESULT, result).replace(RETURNED, returned)
                    now = f"(_f or (_f := {make_now}))"
                    pasted.append(line.replace(FRAME_NOW, now).replace(FRAME_FIRST, f"{now} and "))
            lines = [
                "try:",
                *("    " + line for line in pasted),
                "except _E as exc:",
                f"    _unwind(exc, _code, _f or (_f := {make_now}), process)",
                "    raise",
                "finally:",
                "    if _f is not None:",
                "        process.frame = _f.previous",
                # A call that made no frame called nothing, so no deferred throw can be its own.
                "if _f is not None and process.deferred:",
                "    _settle(process, _f)",
            ]
        if not sets_result:
            lines.append(f"return {_var(code.result_slot)}" if code.result_slot is not None else "return _U")
            return lines
        if body is not None and result_local:
            # `return` set the locals _res and _ret (see RESULT).
            if code.result_slot is not None:
                lines += ["if not _ret:", f"    return {_var(code.result_slot)}"]
            lines.append("result = _res")
        elif body is not None:
            # No frame: nothing set the result (a `return` or `$0` would have made one).
            lines += [
                "if _f is None:",
                f"    return {_var(code.result_slot) if code.result_slot is not None else '_U'}",
            ]
        if body is None or not result_local:
            if code.result_slot is not None:
                lines += ["if not _f.returned:", f"    return {_var(code.result_slot)}"]
            lines.append("result = _f.result")
        python_type = _RESULT_TYPES.get(code.result_type) if code.result_type else None
        if code.result_type and python_type is not None:
            self.ns["_coerce"] = coerce
            lines += [
                f"if result is not _U and type(result) is not {python_type}:",
                f"    result = _coerce({code.result_type!r}, result)",
            ]
        elif code.result_type:
            lines.append(f"if result is not _U: result = _coerce({code.result_type!r}, result)")
        lines.append("return result")
        return lines

    def direct_lines(self, code: Any, slots: Any, sets_result: bool, lazy: bool) -> list[str] | None:
        """The first lines of ``code.direct(process, this, caller, _a0…)``: code.call with the arguments as
        Python arguments, for call sites passing exactly the declared parameters (MethodSite.direct) to a
        unit that never reads its argument list as such (no $1, ${n}, Count parameters…, no `...`): no list
        to build, no count to test.  None when the unit cannot have one."""
        if code.variadic is not None or getattr(code.run, "__fourd_reads_args__", True):
            return None
        names = [f"_a{i}" for i in range(len(code.params))]
        if lazy:
            lines = list(slots)  # code.call's first lines: the locals, no frame yet
        else:
            args = f"({''.join(n + ', ' for n in names)})"
            lines = ["_f = _Frame()", f"_f.slots = s = {slots}", *self.field_lines(args, sets_result)]
        for name, (index, type_) in zip(names, code.params, strict=True):
            value = name if type_ == "Variant" else self.coerced(type_, name, code.slot_names[index])
            lines.append(f"{_var(index)} = {value}")
        return lines

    def coerced(self, declared: str, value: str, name: str) -> str:
        """Source for ``value`` assigned to a variable declared ``declared`` (types.coerce's rules)."""
        fn = self.name_for(coercer(declared), "_co")
        python_type = _PYTHON_TYPES.get(declared)
        if python_type is None and (declared == "Object" or "." in declared):
            python_type = "_O"
        elif python_type is None and declared == "Collection":
            python_type = "_C"
        if python_type is None:
            return f"{fn}({value}, {name!r})"
        # A Python local (an entry's argument) is read again rather than copied into a temporary.
        t = value if value.isidentifier() else self.temp()
        first = t if t == value else f"{t} := {value}"
        if declared == INT:
            # A Real rounds half away from zero (types.round_to_int); huge, infinite or NaN ones go to the coercer.
            return (
                f"({t} if type({first}) is int else (int({t} + 0.5) if {t} >= 0 else -int(-{t} + 0.5)) "
                f"if type({t}) is float and -9e15 < {t} < 9e15 else {fn}({t}, {name!r}))"
            )
        # The common case (a value already of the declared type) skips the coercer call.
        return f"({t} if type({first}) is {python_type} else {fn}({t}, {name!r}))"

    # -- statements ---------------------------------------------------------------------
    def block(self, nodes: list[ast.Node], indent: int, loop: str | None) -> None:
        """Emit statements; ``loop`` is None outside loops, else the code `continue` must run first."""
        emitted = False
        made = False  # did an earlier statement of this block make the frame before anything else?
        for node in nodes:
            if isinstance(node, _DECLARATIONS):
                continue
            start = len(self.lines)
            self.statement(node, indent, loop)
            if made:
                removed = self.drop_frame_marks(start)
                if removed and self.nested:  # this statement's range, just recorded by statement()
                    first, end = self.nested[-1][-1]
                    self.nested[-1][-1] = (first, end - removed)
            elif self.lines[start].strip() == FRAME_MARK:
                made = True
            emitted = True
        if not emitted:
            self.emit(indent, "pass")

    def statement(self, node: ast.Node, indent: int, loop: str | None) -> None:
        self.c.line = node.line  # hook commands read the line of the statement being compiled
        start = len(self.lines)
        self.emit(indent, "try:")
        if _has_call(node):
            self.emit(indent + 1, f"_f.line = {node.line}")
        self.nested.append([])
        try:
            mark = len(self.lines)
            handler = getattr(self, "st_" + type(node).__name__, None)
            if handler is None:
                raise _Unsupported
            handler(node, indent + 1, loop)
        except _Unsupported:
            del self.lines[mark:]
            self.nested[-1] = []
            self.fallback_statement(node, indent + 1, loop)
        inner = self.nested.pop()
        loops = (ast.For, ast.ForEach, ast.While, ast.Repeat)
        if _uses_frame(self.lines, start, inner) or (
            isinstance(node, loops) and any(line.strip() == FRAME_MARK for line in self.lines[start:])
        ):
            # The statement itself (not one nested in it) needs the frame, or a loop whose body does (made once,
            # before the loop, rather than tested at every turn): a lazy entry makes it here.  The marks of the
            # statements nested in it have nothing left to do.
            self.drop_frame_marks(start)
            self.lines.insert(start, "    " * indent + FRAME_MARK)
        self.emit(indent, "except _E as _e:")
        self.emit(indent + 1, f"_fail(_e, {node.line}, {FRAME_NOW})")  # errors are rare: the short form
        if self.nested:
            self.nested[-1].append((start, len(self.lines)))

    def drop_frame_marks(self, start: int) -> int:
        """Remove the FRAME_MARK lines from ``start`` on (the frame is made before them); how many there were."""
        kept = [line for line in self.lines[start:] if line.strip() != FRAME_MARK]
        removed = len(self.lines) - start - len(kept)
        self.lines[start:] = kept
        return removed

    def fallback_statement(self, node: ast.Node, indent: int, loop: str | None) -> None:
        closure = self.name_for(self.c.stmt(node))
        self.frame_slots_seen = True
        sig = self.temp()
        self.emit(indent, f"{sig} = {closure}(_f)")
        self.emit(indent, f"if {sig} is not None:")
        if loop is not None:
            self.emit(indent + 1, f"if {sig} is _BREAK: break")
            self.emit(indent + 1, f"if {sig} is _CONTINUE:")
            self.continue_(indent + 2, loop)
        self.emit(indent + 1, f"return {sig}")

    def continue_(self, indent: int, loop: str) -> None:
        for line in loop.splitlines():
            self.emit(indent, line)
        self.emit(indent, "continue")

    def st_ExpressionStatement(self, node: ast.ExpressionStatement, indent: int, loop: str | None) -> None:
        src, _ = self.expr(node.expression)
        self.emit(indent, src)

    def st_Assign(self, node: ast.Assign, indent: int, loop: str | None) -> None:
        target = node.target
        if node.op == ":=":
            value, vtype = self.raw_expr(node.value)
            self.store(target, value, vtype, indent)
            return
        op = node.op[0]
        if (
            op == "+"
            and isinstance(target, ast.LocalVar)
            and not target.name[1:].isdigit()
            and self.slot_type(self.c.slot(target.name)) == TEXT
        ):
            value, vtype = self.expr(node.value)
            if vtype == TEXT:
                # Take the text out of its slot so CPython can grow it in place (no copy per append).
                index = self.c.slot(target.name)
                added, text = self.temp(), self.temp()
                self.emit(indent, f"{added} = {value}")
                self.emit(indent, f"{text} = {_var(index)}")
                self.emit(indent, f"{_var(index)} = None")
                self.emit(indent, f"{text} += {added}")
                self.emit(indent, f"{_var(index)} = {text}")
                self.emit(indent, f"del {text}")
                return
        if isinstance(target, ast.LocalVar) and not target.name[1:].isdigit():
            current, ctype = self.expr(target)
            value, vtype = self.raw_expr(node.value)
            combined, ctype2 = self.binary(op, current, ctype, value, vtype)
            self.store(target, combined, ctype2, indent)
            return
        if isinstance(target, ast.Member):
            obj, _ = self.expr(target.target)
            t = self.temp()
            value, _ = self.expr(node.value)
            name = repr(target.name)
            self.emit(indent, f"{t} = {obj}")
            self.emit(indent, f"{FRAME_FIRST}_setm({t}, {name}, _{_OP_NAMES[op]}(_getm({t}, {name}), {value}))")
            return
        raise _Unsupported

    def store(self, target: ast.Node, value: str, vtype: str | None, indent: int) -> None:
        declared = None
        if isinstance(target, ast.LocalVar) and not target.name[1:].isdigit():
            declared = self.c.slot_types.get(self.c.slot(target.name))
        if vtype in (SMALL, EXACT):
            if declared == INT:
                vtype = None  # the Integer store's own check keeps an int as is (and rounds the rare float)
            else:
                value, vtype = f"float({value})", REAL
        if isinstance(target, ast.LocalVar) and not target.name[1:].isdigit():
            index = self.c.slot(target.name)
            if declared is None or declared == "Variant" or declared == vtype:
                self.emit(indent, f"{_var(index)} = {value}")
            elif declared == REAL and vtype == INT:
                self.emit(indent, f"{_var(index)} = float({value})")
            else:
                self.emit(indent, f"{_var(index)} = {self.coerced(declared, value, target.name)}")
            return
        if isinstance(target, ast.Member):
            obj, _ = self.expr(target.target)
            o, v, name = self.temp(), self.temp(), repr(target.name)
            value, vtype = _as_stored(value, vtype)
            self.emit(indent, f"{o} = {obj}")
            self.emit(indent, f"{v} = {value}")
            # A plain object takes the value directly when objects.set_member would store it as is: an unshared
            # one what storedvalue.stored leaves unchanged, a shared one a scalar while this thread is in its
            # Use (shared.check_writable, prepare_stored_value). Everything else follows objects.set_member.
            # (class instances too, when the class has no getter or setter of that name)
            c = self.temp()
            if vtype in (REAL, TEXT, BOOL):
                takes = f"(not {o}.shared or {o}.group.owner == _thread())"
            else:
                takes = (
                    f"(not {o}.shared and type({v}) in _AS_IS"
                    f" or {o}.shared and type({v}) in _SCALAR and {o}.group.owner == _thread())"
                )
            self.emit(indent, f"if type({o}) is _O and {takes} and (({c} := {o}.cls) is None or {name} in {c}.plain):")
            self.emit(indent + 1, f"{o}.props[{name}] = {v}")
            self.emit(indent, "else:")
            self.emit(indent + 1, f"{FRAME_FIRST}_setm({o}, {name}, {v})")
            return
        if isinstance(target, ast.Index):
            obj, _ = self.expr(target.target)
            idx, _ = self.expr(target.index)
            self.emit(indent, f"{FRAME_FIRST}_seti({obj}, {idx}, {value})")
            return
        store = self.name_for(self.c.store(target))
        self.frame_slots_seen = True
        self.emit(indent, f"{store}(_f, {value})")

    def condition(self, node: ast.Node, where: str) -> str:
        src, t = self.expr(node)
        if t == BOOL:
            return src
        return f"_cond({src}, {where!r})"

    def st_If(self, node: ast.If, indent: int, loop: str | None) -> None:
        self.emit(indent, f"if {self.condition(node.condition, 'If')}:")
        self.block(node.then, indent + 1, loop)
        if node.otherwise is not None:
            self.emit(indent, "else:")
            self.block(node.otherwise, indent + 1, loop)

    def st_CaseOf(self, node: ast.CaseOf, indent: int, loop: str | None) -> None:
        first = True
        for cond, body in node.branches:
            self.emit(indent, f"{'if' if first else 'elif'} {self.condition(cond, 'Case of')}:")
            self.block(body, indent + 1, loop)
            first = False
        if node.otherwise is not None:
            if first:
                self.block(node.otherwise, indent, loop)
            else:
                self.emit(indent, "else:")
                self.block(node.otherwise, indent + 1, loop)

    def st_While(self, node: ast.While, indent: int, loop: str | None) -> None:
        self.emit(indent, f"while {self.condition(node.condition, 'While')}:")
        self.block(node.body, indent + 1, loop="")
        self.tick(indent + 1)

    def st_Repeat(self, node: ast.Repeat, indent: int, loop: str | None) -> None:
        until = f"if {self.condition(node.condition, 'Until')}: break"
        self.emit(indent, "while True:")
        self.block(node.body, indent + 1, loop=until)  # `continue` still tests the condition
        self.emit(indent + 1, until)
        self.tick(indent + 1)

    def st_For(self, node: ast.For, indent: int, loop: str | None) -> None:
        var = node.variable
        if not isinstance(var, ast.LocalVar) or var.name[1:].isdigit():
            raise _Unsupported
        index = self.c.slot(var.name)
        declared = self.c.slot_types.get(index)
        if declared not in (REAL, INT):
            raise _Unsupported  # an untyped counter may change type in the body: closures check it
        start, st = self.expr(node.start)
        end, et = self.expr(node.end)
        step_value = 1.0
        if node.step is not None:
            if isinstance(node.step, ast.Literal) and type(node.step.value) is float:
                step_value = node.step.value
            elif (
                isinstance(node.step, ast.Unary) and isinstance(node.step.operand, ast.Literal) and node.step.op == "-"
            ):
                step_value = -node.step.operand.value
            else:
                raise _Unsupported
        if step_value == 0 or st not in _NUMERIC or et not in _NUMERIC:
            raise _Unsupported
        end_var = self.temp()
        step = int(step_value) if declared == INT and step_value == int(step_value) else step_value
        if declared == INT and type(step) is int and not _may_store(node.body, var.name):
            self.range_loop(node, index, start, end, step, indent)
            return
        first = f"int({start})" if declared == INT else f"float({start})"
        advance = f"{_var(index)} = {_var(index)} + {step!r}"
        if declared == INT and type(step) is float:
            advance = f"{_var(index)} = _coerce('Integer', {_var(index)} + {step!r})"
        self.emit(indent, f"{end_var} = {end}")
        self.emit(indent, f"{_var(index)} = {first}")
        cmp = "<=" if step_value > 0 else ">="
        self.emit(indent, f"while {_var(index)} {cmp} {end_var}:")
        self.block(node.body, indent + 1, loop=advance)
        self.emit(indent + 1, advance)
        self.tick(indent + 1)

    def range_loop(self, node: ast.For, index: int, start: str, end: str, step: int, indent: int) -> None:
        """An Integer counter the body never assigns: a Python range gives the same sequence of values."""
        first, last, counter, values = self.temp(), self.temp(), self.temp(), self.temp()
        self.emit(indent, f"{first} = int({start})")
        bound = f"_floor({end}) + 1" if step > 0 else f"_ceil({end}) - 1"
        self.emit(indent, f"{last} = {bound}")
        self.emit(indent, f"{values} = range({first}, {last}, {step})")
        self.emit(indent, f"{_var(index)} = {first}")
        self.emit(indent, f"for {counter} in {values}:")
        self.emit(indent + 1, f"{_var(index)} = {counter}")
        self.block(node.body, indent + 1, loop="")
        self.tick(indent + 1)
        self.emit(indent, "else:")
        # After a loop that ran to its end, 4D's counter holds the first value past the end.
        self.emit(indent + 1, f"{_var(index)} = {first} + len({values}) * {step}")

    def st_ForEach(self, node: ast.ForEach, indent: int, loop: str | None) -> None:
        var = node.variable
        if (
            not isinstance(var, ast.LocalVar)
            or var.name[1:].isdigit()
            or node.begin is not None
            or node.end is not None
        ):
            raise _Unsupported
        index = self.c.slot(var.name)
        declared = self.c.slot_types.get(index)
        source, _ = self.expr(node.source)
        items, item = self.temp(), self.temp()
        self.emit(indent, f"{items} = _foreach_items({source})")
        self.emit(indent, f"for {item} in {items}:")
        if declared is None or declared == "Variant":
            self.emit(indent + 1, f"{_var(index)} = {item}")
        else:
            self.emit(indent + 1, f"{_var(index)} = {self.coerced(declared, item, var.name)}")
        suffix = ""
        if node.while_ is not None:
            self.emit(indent + 1, f"if not {self.condition(node.while_, 'While')}: break")
        if node.until is not None:
            suffix = f"if {self.condition(node.until, 'Until')}: break"
        self.block(node.body, indent + 1, loop=suffix)
        if suffix:
            self.emit(indent + 1, suffix)
        self.tick(indent + 1)

    def st_Return(self, node: ast.Return, indent: int, loop: str | None) -> None:
        if node.value is not None:
            value, _ = self.expr(node.value)
            self.emit(indent, f"{RESULT} = {value}")
            self.emit(indent, f"{RETURNED} = True")
        if node is getattr(self, "final_return", None):
            self.emit(indent, "pass")  # the unit ends here anyway
        else:
            self.emit(indent, "return _RETURN")

    def st_Break(self, node: ast.Break, indent: int, loop: str | None) -> None:
        self.emit(indent, "break" if loop is not None else "return _BREAK")

    def st_Continue(self, node: ast.Continue, indent: int, loop: str | None) -> None:
        if loop is None:
            self.emit(indent, "return _CONTINUE")
        else:
            self.continue_(indent, loop)

    def st_Use(self, node: ast.Use, indent: int, loop: str | None) -> None:
        target, _ = self.expr(node.target)
        group = self.temp()
        self.emit(indent, f"{group} = _use({target})")
        self.emit(indent, "try:")
        self.block(node.body, indent + 1, loop)
        self.emit(indent, "finally:")
        self.emit(indent + 1, f"{group}.release()")

    def st_VarDecl(self, node: ast.VarDecl, indent: int, loop: str | None) -> None:
        type_ = canonical(node.type.name) if node.type else None
        if type_ is None or not all(isinstance(n, ast.LocalVar) for n in node.names):
            raise _Unsupported
        if type_ in (TEXT, INT, REAL, BOOL):
            default, dtype = repr(default_value(type_)), type_
        elif type_ in ("Object", "Collection") or "." in type_:  # `cs.Name` too: their default is Null
            default, dtype = "None", None
        elif type_ == "Variant":
            default, dtype = "_U", None
        else:
            raise _Unsupported  # Date, Time, Blob…: the closure compiler makes their (mutable) defaults
        for var in node.names:
            self.c.slot_types[self.c.slot(var.name)] = type_
        if node.value is None:
            value, vtype = default, dtype
        else:
            value, vtype = self.expr(node.value)
        first = node.names[0]
        self.store(first, value, vtype, indent)
        for var in node.names[1:]:
            self.emit(indent, f"{_var(self.c.slot(var.name))} = {_var(self.c.slot(first.name))}")

    # -- expressions ------------------------------------------------------------------------
    def expr(self, node: ast.Node) -> tuple[str, str | None]:
        """Source of the node's 4D value and its static type."""
        src, t = self.raw_expr(node)
        if t in (SMALL, EXACT):
            return f"float({src})", REAL
        return src, t

    def raw_expr(self, node: ast.Node) -> tuple[str, str | None]:
        """Like :meth:`expr`, but a Real computed from Integers may stay a Python int (type SMALL or EXACT).

        Only arithmetic and stores into Integer variables take this form: float(int) is its 4D value,
        and storing it into an Integer gives the int itself, without a float round trip.
        """
        handler = getattr(self, "ex_" + type(node).__name__, None)
        if handler is not None:
            try:
                return handler(node)
            except _Unsupported:
                pass
        closure = self.name_for(self.c.expr(node))
        self.frame_slots_seen = True
        return f"{closure}(_f)", None

    def ex_Literal(self, node: ast.Literal) -> tuple[str, str | None]:
        v = node.value
        t = type(v)
        if t is float:
            return repr(v), REAL
        if t is str:
            return self.text(v), TEXT
        if t is bool:
            return repr(v), BOOL
        return self.name_for(v, "_v"), None

    def ex_LocalVar(self, node: ast.LocalVar) -> tuple[str, str | None]:
        if node.name[1:].isdigit():
            n = int(node.name[1:])
            if n == 0:
                return "_f.result", None
            # $1…$n: the call's arguments (Undefined past the last one), as the closure compiler reads them.
            t = self.temp()
            return f"({t}[{n - 1}] if len({t} := _f.args) >= {n} else _U)", None
        index = self.c.slot(node.name)
        return f"{_var(index)}", self.slot_type(index)

    def ex_Binary(self, node: ast.Binary) -> tuple[str, str | None]:
        left, lt = self.raw_expr(node.left)
        right, rt = self.raw_expr(node.right)
        return self.binary(node.op, left, lt, right, rt)

    def binary(self, op: str, left: str, lt: str | None, right: str, rt: str | None) -> tuple[str, str | None]:
        if lt == INT and rt == SMALL and op in ("+", "-"):
            # float(a) op float(m) is exact, and equals a op m, while |a| < 2**52: stay in ints then.
            a = self.temp()
            # The first test has single-digit bounds, which CPython 3.11 compares with its specialised int
            # comparison (a 2**52 bound takes the generic path); the second keeps the exact range.
            return (
                f"({a} {op} {right} if -{_SMALL_BOUND} < ({a} := {left}) < {_SMALL_BOUND} "
                f"else {a} {op} {right} if -{_EXACT_BOUND} < {a} < {_EXACT_BOUND} "
                f"else float({a}) {op} float({right}))",
                EXACT,
            )
        if lt in (SMALL, EXACT):
            left, lt = f"float({left})", REAL
        if rt in (SMALL, EXACT):
            right, rt = f"float({right})", REAL
        if op in ("<", ">") and lt == INT and rt == REAL and _whole_literal(right):
            # An Integer against a whole constant: comparing to the int is exact and CPython's int-int compare is
            # faster than int-float.  (Not =, <=, >=: those on Reals follow the real comparison level.)
            right, rt = str(int(float(right))), INT
        numeric = lt in _NUMERIC and rt in _NUMERIC
        if numeric and op in _DIRECT_ARITH:
            return f"({left} {op} {right})", INT if lt == INT and rt == INT else REAL
        if numeric and op in ("<", ">") or (lt == INT and rt == INT and op in ("<=", ">=")):
            # <= and >= on Reals include equality within the comparison level: operators decide.
            return f"({left} {_DIRECT_COMPARE[op]} {right})", BOOL
        if op == "+" and lt == TEXT and rt == TEXT:
            return f"({left} + {right})", TEXT
        if op == "=" and lt == INT and rt == INT:
            return f"({left} == {right})", BOOL
        if op == "%" and lt == INT and _positive_integral(right):
            # Long integer modulo by a positive constant: the sign follows the dividend, as in 4D.
            t = self.temp()
            divisor = int(float(right))
            return f"({t} % {divisor} if ({t} := {left}) >= 0 else -(-{t} % {divisor}))", SMALL
        if op in _NUMERIC_ARITH and lt is None and rt in _NUMERIC:
            # Only the left operand's type is unknown: test it alone (the right one is evaluated after it).
            a = self.temp()
            return f"({a} {op} {right} if type({a} := {left}) in _NUM else _{_OP_NAMES[op]}({a}, {right}))", None
        if op in _NUMERIC_ARITH and lt in _NUMERIC and rt is None:
            # Only the right operand's type is unknown: test it alone (the left one is still evaluated first).
            a, b = self.temp(), self.temp()
            return (
                f"({a} {op} {b} if (({a} := {left}) is {a}) & (type({b} := {right}) in _NUM) "
                f"else _{_OP_NAMES[op]}({a}, {b}))",
                REAL if lt == REAL else None,
            )
        if op in _NUMERIC_ARITH and (lt in _NUMERIC or lt is None) and (rt in _NUMERIC or rt is None):
            # Operand types known only at run time: numbers take Python's operator, the rest operators.py.
            a, b = self.temp(), self.temp()
            return (
                f"({a} {op} {b} if (type({a} := {left}) in _NUM) & (type({b} := {right}) in _NUM) "
                f"else _{_OP_NAMES[op]}({a}, {b}))",
                REAL if lt == REAL else None,  # Real op (Number or Time) is Real; a Date on the left stays a Date
            )
        if op == "%" and lt in (None, REAL) and _positive_integral(right):
            # operators.modulo for a number of unknown type by a positive whole constant: both taken as
            # long integers, the sign follows the dividend; anything else (Time, Text, NaN, huge) goes there.
            t, i = self.temp(), self.temp()
            divisor = int(float(right))
            return (
                f"(float({i} % {divisor} if ({i} := int({t})) >= 0 else -(-{i} % {divisor})) "
                f"if type({t} := {left}) in _NUM and -9e15 < {t} < 9e15 else _mod({t}, {right}))",
                None,
            )
        result_type = None
        if op in ("=", "#", "<", ">", "<=", ">=", "??"):
            result_type = BOOL
        elif numeric and op in ("/", "\\", "%", "^"):
            result_type = REAL
        elif op == "+" and (lt == TEXT or rt == TEXT) and lt in (TEXT, None) and rt in (TEXT, None):
            result_type = None
        return f"_{_OP_NAMES[op]}({left}, {right})", result_type

    def ex_Unary(self, node: ast.Unary) -> tuple[str, str | None]:
        src, t = self.expr(node.operand)
        if node.op == "+":
            return src, t
        if t in _NUMERIC:
            return f"(-{src})", t
        return f"_neg({src})", None

    def ex_Logical(self, node: ast.Logical) -> tuple[str, str | None]:
        left, _ = self.expr(node.left)
        right, _ = self.expr(node.right)
        t = self.temp()
        if node.op == "&&":
            return f"({right} if _truthy({t} := {left}) else {t})", None
        return f"({t} if _truthy({t} := {left}) else {right})", None

    def ex_Ternary(self, node: ast.Ternary) -> tuple[str, str | None]:
        cond, ct = self.expr(node.condition)
        a, at = self.expr(node.if_true)
        b, bt = self.expr(node.if_false)
        test = cond if ct == BOOL else f"_truthy({cond})"
        return f"({a} if {test} else {b})", at if at == bt else None

    def ex_Member(self, node: ast.Member) -> tuple[str, str | None]:
        obj, _ = self.expr(node.target)
        t = self.temp()
        name = repr(node.name)
        declared = self.c.unassigned_container(node.target)
        position = self.c.omittable_parameter(node.target)
        if declared is not None and position is not None:  # a declared parameter: lenient when not passed
            collection = declared == "Collection"
            fallback = (
                f"({FRAME_FIRST}(_getvm({t}, {name}, {collection}) if len(_f.args) < {position} "
                f"else _getm({t}, {name})))"
            )
        elif declared is not None:  # a declared Object/Collection still Null (objects.get_variable_member)
            collection = declared == "Collection"
            fallback = f"({FRAME_FIRST}_getvm({t}, {name}, {collection}))"
        else:
            fallback = f"({FRAME_FIRST}_getm({t}, {name}))"
        v = self.temp()
        # objects.get_member inlined for objects: an own property, else (class instances) the class decides.
        return (
            f"({v} if type({t} := {obj}) is _O and (({v} := {t}.props.get({name}, _U)) is not _U or {t}.cls is None)"
            f" else {fallback})",
            None,
        )

    def ex_ObjectLiteral(self, node: ast.ObjectLiteral) -> tuple[str, str | None]:
        if not all(isinstance(k, str) for k, _ in node.items):
            raise _Unsupported
        values = [(k, self.stored_expr(v)) for k, v in node.items]
        items = ", ".join(f"{self.text(k)}: {src}" for k, (src, _) in values)
        if all(t in (REAL, TEXT, BOOL) for _, (_, t) in values):
            return f"_O({{{items}}})", None  # no value can be Undefined or change when stored
        return f"_olit({{{items}}})", None

    def ex_CollectionLiteral(self, node: ast.CollectionLiteral) -> tuple[str, str | None]:
        values = [self.stored_expr(v) for v in node.items]
        items = ", ".join(src for src, _ in values)
        if all(t in (REAL, TEXT, BOOL) for _, t in values):
            return f"_C([{items}])", None  # no element can be Undefined or change when stored
        return f"_clit([{items}])", None

    def stored_expr(self, node: ast.Node) -> tuple[str, str | None]:
        """An element or property value of a literal, as it is stored (see _as_stored)."""
        return _as_stored(*self.expr(node))

    def ex_Index(self, node: ast.Index) -> tuple[str, str | None]:
        obj, _ = self.expr(node.target)
        idx, _ = self.expr(node.index)
        return f"({FRAME_FIRST}_geti({obj}, {idx}))", None

    def ex_MethodCall(self, node: ast.MethodCall) -> tuple[str, str | None]:
        named_class = class_reference(node.target)
        if named_class is not None:
            # cs.Name.new(…): the class is read as the closure compiler reads it (a missing class is its own
            # error); that closure reads no local, so the unit's locals may still be Python variables.
            obj = f"{self.name_for(checked_class(self.c.expr(node.target), *named_class), '_k')}(_f)"
        else:
            obj, _ = self.expr(node.target)
        o, c, m, name = self.temp(), self.temp(), self.temp(), repr(node.name)
        # The target, then the arguments, are evaluated first (`x is x` is always true), then the lookups.  A
        # constant argument needs no temporary: its value is the same whenever it is read.
        temps, evaluated = [], ""
        for arg in node.args:
            src = self.expr(arg)[0]
            if isinstance(arg, ast.Literal) and type(arg.value) in (float, str, bool):
                temps.append(src)
            else:
                temps.append(self.temp())
                evaluated += f" and (({temps[-1]} := {src}) is {temps[-1]})"
        first = f"(({o} := {obj}) is {o}){evaluated}"
        args = ", ".join(temps)
        other = f"_callm({o}, {name}, [{args}], _f)"
        member = _collection_member(node.name, len(node.args))
        if member is not None:
            # A collection member function gets the frame, for its process and as the caller of the formulas it
            # calls, never to read its locals (as the class functions _callm reaches): Python locals stay.
            # A collection member function whose argument count is right: called without the count check.
            other = f"({self.name_for(member, '_cm')}(_f, {o}{''.join(', ' + t for t in temps)}) if type({o}) is _C else {other})"
        # A class function of a class instance (Class4D.call_instance_member, once the lookup is cached and
        # the function is not `shared`) is invoked directly; everything else goes through objects.call_member.
        instance = f"type({o}) is _O and ({c} := {o}.cls) is not None and {name} not in {o}.props"
        # Class4D.call_cache: "name" the function's code.call, "name#k" its code.direct when it declares k
        # parameters and never reads its argument list (codegen.direct_lines).
        generic = (
            f"({m}([{args}], _f.process, {o}, _f) if {instance} and ({m} := {c}.call_cache.get({name})) is not None "
            f"else {other})"
        )
        whole = [a.value for a in node.args if isinstance(a, ast.Literal) and type(a.value) is float]
        if whole and len(whole) == len(node.args) and all(-(2**31) < v < 2**31 and v == int(v) for v in whole):
            # Only whole constants: when the function's first parameters are Integer (its "name/k" and "name/k#"
            # entries in Class4D.call_cache), they go as ints, sparing the callee a float-to-int coercion.
            ints = ", ".join(str(int(v)) for v in whole)
            key, dkey = repr(f"{node.name}/{len(whole)}"), repr(f"{node.name}/{len(whole)}#")
            return (
                f"(({m}(_f.process, {o}, _f, {ints}) if ({m} := {c}.call_cache.get({dkey})) is not None "
                f"else {m}([{ints}], _f.process, {o}, _f) if ({m} := {c}.call_cache.get({key})) is not None "
                f"else {generic}) if {first} and {instance} else {generic})",
                None,
            )
        dkey = repr(f"{node.name}#{len(node.args)}")
        return (
            f"({m}(_f.process, {o}, _f{''.join(', ' + t for t in temps)}) if {first} and {instance} "
            f"and ({m} := {c}.call_cache.get({dkey})) is not None else {generic})",
            None,
        )

    def ex_Call(self, node: ast.Call) -> tuple[str, str | None]:
        from ..commands.registry import check_arity, known_command, lookup

        if any(isinstance(a, ast.Star) for a in node.args):
            raise _Unsupported
        cmd = lookup(node.callee.number, node.callee.name)
        if cmd is None and known_command(node.callee.number, node.callee.name) is None:
            # A project method (same rule as Runtime.resolve_name for a call).
            from .interpreter import MethodSite

            method_site = MethodSite(self.c.runtime, node.callee.name, len(node.args))
            site = self.name_for(method_site, "_m")
            forms = [self.method_arg(a) for a in node.args]
            # Arguments with an exact int form go as ints where the method declares the parameter Integer
            # (MethodSite.ints, known once the site is resolved, before the arguments are evaluated).
            generic = [
                s if e is None else f"({e} if {site}.ints & {1 << i} else {s})" for i, (s, e) in enumerate(forms)
            ]
            method_site.exact = sum(1 << i for i, (_s, e) in enumerate(forms) if e is not None)
            self.ns["_lib"] = self.c.runtime.methods
            process = "_f.process, None, _f"
            # MethodSite.__call__, inlined: the cached call functions while the library is unchanged; the
            # method's code.direct when it takes exactly these arguments, else its code.call.
            # The function is read once into a temporary: calling `site.direct(…)` would look it up as a method
            # (a generic lookup each time, CPython 3.11 specialises method loads only for methods).
            fn = self.temp()
            direct = f"{fn}({process}{''.join(', ' + a for a in generic)})"
            call = f"{site}.call([{', '.join(generic)}], {process})"
            resolved = f"({site}.version == _lib.version or {site}.resolve())"
            if not method_site.exact:
                return f"({direct} if {resolved} and ({fn} := {site}.direct) is not None else {call})", None
            call = f"({direct} if ({fn} := {site}.direct) is not None else {call})"
            # MethodSite.idirect: code.direct when every exact argument goes to an Integer parameter (no test
            # per argument then).
            exact = "".join(", " + (s if e is None else e) for s, e in forms)
            return f"({fn}({process}{exact}) if {resolved} and ({fn} := {site}.idirect) is not None else {call})", None
        if cmd is None or cmd.fn is None:
            raise _Unsupported  # hooks and commands fourd lacks: the closure compiler binds them
        if cmd.name == "This" and not node.args:
            if self.c.kind == "function":
                # A class function's This is the object it was called on (run_member, Class4D.call_cache):
                # only constructors get a PendingThis (classes.construct).
                return "_f.this", None
            # classes.this_of, inlined for the common case (This is not a constructor's pending object).
            t = self.temp()
            return f"({t} if type({t} := _f.this) is not _Pending else _this_of(_f))", None
        try:
            check_arity(cmd, len(node.args))
        except FourDError:
            raise _Unsupported from None
        fn = self.name_for(cmd.fn, "_c")
        if cmd.sees_locals:
            self.frame_slots_seen = True  # EXECUTE FORMULA reads and writes the frame's locals
        args = "".join(", " + self.expr(a)[0] for a in node.args)
        return f"{fn}(_f{args})", _COMMAND_TYPES.get(cmd.name)

    def method_arg(self, node: ast.Node) -> tuple[str, str | None]:
        """An argument of a project method call, and its exact int form when it has one.  ``$i±k`` (Integer $i,
        whole constant k) is a Real in 4D, which an Integer parameter rounds back to $i±k: passing the exact
        int to such a parameter saves the float round trip."""
        src, _ = self.expr(node)
        if not (
            isinstance(node, ast.Binary)
            and node.op in ("+", "-")
            and isinstance(node.right, ast.Literal)
            and type(node.right.value) is float
            and node.right.value.is_integer()
            and abs(node.right.value) < 2**31
        ):
            return src, None
        left, lt = self.raw_expr(node.left)
        if lt != INT:
            return src, None
        exact, _ = self.binary(node.op, left, INT, str(int(node.right.value)), SMALL)
        return src, exact

    def ex_Name(self, node: ast.Name) -> tuple[str, str | None]:
        from ..commands.registry import lookup

        if node.constant_token is not None or lookup(node.number, node.name) is None:
            raise _Unsupported  # constants, methods without parentheses, process variables
        return self.ex_Call(ast.Call(node, [], line=node.line, column=node.column))


_PYTHON_TYPES = {TEXT: "str", INT: "int", REAL: "float", BOOL: "bool"}
# interpreter.PYTHON_TYPES as source: a unit's result of another Python type goes through types.coerce.
_RESULT_TYPES = {"Text": "str", "Integer": "int", "Real": "float", "Boolean": "bool"}

# Result types of common commands, so expressions using them stay on the fast path.
_COMMAND_TYPES = {
    "Length": INT,
    "Position": INT,
    "Substring": TEXT,
    "Replace string": TEXT,
    "Uppercase": TEXT,
    "Lowercase": TEXT,
    "String": TEXT,
    "Char": TEXT,
    "Num": REAL,
    "Abs": REAL,
    "Int": REAL,
    "Round": REAL,
    "True": BOOL,
    "False": BOOL,
    "Count parameters": INT,
}


def _collection_member(name: str, count: int) -> Callable[..., Any] | None:
    """The function behind ``collection.name(…)`` when ``count`` arguments suit it (else None)."""
    from .objects import collection_member

    checked = collection_member(name)
    spec = getattr(checked, "unchecked", None)
    if spec is None:
        return None
    fn, lo, hi = spec
    return fn if lo <= count and (hi is None or count <= hi) else None


def _as_stored(src: str, t: str | None) -> tuple[str, str | None]:
    """A value about to be stored in an object or a collection: an Integer already made the Real it is stored
    as (storedvalue.stored); other values are left to the store's own test."""
    return (f"float({src})", REAL) if t == INT else (src, t)


def _object_literal(props: dict[str, Any]) -> Object4D:
    """``{a: …}``: properties whose value is Undefined are left out, the others stored (as the closure compiler
    does)."""
    return Object4D({k: stored(v) for k, v in props.items() if v is not UNDEFINED})


def _collection_literal(items: list[Any]) -> Collection4D:
    """``[…]``: Undefined elements are stored as Null, the others stored as any element is."""
    return Collection4D([stored(v) for v in items])


def _whole_literal(source: str) -> bool:
    """Is this generated source a whole-number float literal below 2**31 in size (``2.0``, ``-3.0``)?"""
    try:
        value = float(source)
    except ValueError:
        return False
    return -(2**31) < value < 2**31 and value == int(value)


def _positive_integral(source: str) -> bool:
    """Is this generated source a positive whole-number literal (``7.0``)?"""
    try:
        value = float(source)
    except ValueError:
        return False
    return value > 0 and value == int(value) and value < 2**31


def _may_store(body: list[ast.Node], name: str) -> bool:
    """Could the statements change the local ``name`` (assign it, loop on it, point to it, pass it to a command)?"""
    key = name.lower()

    def is_var(node: Any) -> bool:
        return isinstance(node, ast.LocalVar) and node.name.lower() == key

    stack: list[Any] = list(body)
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(item)
            continue
        if isinstance(item, tuple):
            stack.extend(item)
            continue
        if not isinstance(item, ast.Node):
            continue
        if isinstance(item, (ast.Assign, ast.For, ast.ForEach)) and is_var(
            getattr(item, "target", None) or getattr(item, "variable", None)
        ):
            return True
        if isinstance(item, ast.VarDecl) and any(is_var(n) for n in item.names):
            return True
        if isinstance(item, ast.PointerTo) and is_var(item.target):
            return True
        if isinstance(item, ast.Call) and any(is_var(a) for a in item.args):
            return True
        for value in vars(item).values():
            if isinstance(value, (ast.Node, list, tuple)):
                stack.append(value)
    return False


_FRAME_FIELDS = re.compile(r"\b_f\.(process|this|args)\b")
_FRAME_USE = re.compile(r"\b_f\b")
# A local variable in generated lines: \x01index\x02 (repr() escapes both, so no text literal can hold one),
# written out when the lines are compiled as `s[index]` (the frame's slot list) or `_lindex` (a Python local).
_VAR = re.compile("\x01(\\d+)\x02")


def _var(index: int) -> str:
    """The local of slot ``index`` in generated lines (see _locals)."""
    return f"\x01{index}\x02"


def given_frame_source(lines: str) -> str:
    """Generated lines written out for a function given its frame as ``_f`` (``_run``): locals in its slot list,
    the frame at hand, the result in the frame's fields."""
    source = _locals(lines, False).replace(FRAME_NOW, "_f").replace(FRAME_FIRST, "")
    return source.replace(RESULT, "_f.result").replace(RETURNED, "_f.returned")


def _locals(line: str, python_locals: bool) -> str:
    """Generated lines with their locals written out: slots of the frame's list, or Python locals."""
    return _VAR.sub(r"_l\1" if python_locals else r"s[\1]", line)


# A comment line the generator puts where a statement first needs its frame.
# In `_run`, which receives its frame, it stays a comment; pasted into a lazy entry it becomes the code that
# makes the frame if the call has none yet (Generator.enter).
FRAME_MARK = "#frame"
# In an expression, "the frame, made now if there is none yet": `_f` in `_run`.  The paths that can run 4D code
# without being given the frame (class getters and setters, through objects.get_member and set_member, find their
# caller in process.frame) use it, so that this call is in the chain only where it would be anyway; so do the error
# handlers (`_fail`, `_unwind`), which need the frame only when an error happens.  FRAME_FIRST prefixes an
# expression: "make the frame if needed, then" in a lazy entry, nothing in `_run`.
FRAME_NOW, FRAME_FIRST = "\x03", "\x06"
# The frame's result and returned fields as a `return` sets them; a lazy entry of a unit with no `$0` and no
# `${n}` (nothing else can touch them) keeps them in Python locals, so a formula's `return` needs no frame.
RESULT, RETURNED = "\x04", "\x05"


def _uses_frame(lines: list[str], start: int, nested: list[tuple[int, int]]) -> bool:
    """Do the lines of one statement (from ``start``), outside the statements nested in it, use ``_f`` for
    anything but the fields an entry has as locals (process, This, the arguments)?"""
    skip = {i for first, end in nested for i in range(first, end)}
    return any(_FRAME_USE.search(_frame_fields_as_locals(lines[i])) for i in range(start, len(lines)) if i not in skip)


def _frame_fields_as_locals(line: str) -> str:
    """A body line pasted into code.call or code.direct reads the frame fields it never reassigns from the
    entry's locals (both entries name the argument tuple `_a`)."""
    return _FRAME_FIELDS.sub(lambda m: _FIELD_LOCALS[m.group(1)], line)


_FIELD_LOCALS = {"process": "process", "this": "this", "args": "_a"}


def _is_return(line: str) -> bool:
    """Is this generated line a ``return`` statement?"""
    stripped = line.lstrip()
    return stripped == "return" or stripped.startswith("return ")


def _any_node(nodes: list[ast.Node], test: Callable[[ast.Node], bool]) -> bool:
    """Does ``test`` hold for any node of these statements, at any depth?"""
    stack: list[Any] = list(nodes)
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, ast.Node):
            if test(item):
                return True
            stack.extend(vars(item).values())
    return False


def _touches_result(node: ast.Node) -> bool:
    """Can this node read or write the frame's result other than by a generated `return` ($0, ${n})?"""
    return isinstance(node, ast.DynamicParam) or (isinstance(node, ast.LocalVar) and node.name == "$0")


def _sets_result(nodes: list[ast.Node]) -> bool:
    """Can running these statements set or read the frame's result (a `return`, `$0`, `${n}`)?"""
    return _any_node(
        nodes,
        lambda n: isinstance(n, (ast.Return, ast.DynamicParam)) or (isinstance(n, ast.LocalVar) and n.name == "$0"),
    )


# Commands reading the running call's argument list (commands/language.py).
_ARGS_COMMANDS = {"count parameters", "copy parameters"}


def _args_command(node: ast.Name) -> bool:
    from ..commands.registry import lookup

    cmd = lookup(node.number, node.name) if node.constant_token is None else None
    return node.name.lower() in _ARGS_COMMANDS or (cmd is not None and cmd.name.lower() in _ARGS_COMMANDS)


def _reads_args(nodes: list[ast.Node]) -> bool:
    """Can these statements read or write the call's argument list (``$1``…, ``${n}``, Count parameters…)?"""
    return _any_node(
        nodes,
        lambda n: (
            isinstance(n, ast.DynamicParam)
            or (isinstance(n, ast.LocalVar) and n.name[1:].isdigit())
            or (isinstance(n, ast.Name) and _args_command(n))
        ),
    )


def _is_this(node: ast.Node) -> bool:
    """``This`` (inlined by the generator: it calls nothing)."""
    if isinstance(node, ast.Call):
        return not node.args and _is_this(node.callee)
    return isinstance(node, ast.Name) and node.constant_token is None and node.name.lower() == "this"


def _has_call(node: ast.Node) -> bool:
    """Does the statement's own expression call a method or command (so the call chain needs its line)?"""
    stack: list[Any] = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, (ast.Call, ast.MethodCall, ast.Name)) and not _is_this(item):
            return True
        if isinstance(item, list):
            stack.extend(
                x
                for x in item
                if not isinstance(
                    x, (ast.If, ast.CaseOf, ast.While, ast.Repeat, ast.For, ast.ForEach, ast.Use, ast.TryBlock)
                )
            )
        elif isinstance(item, ast.Node):
            for key, value in vars(item).items():
                if key in ("then", "otherwise", "body", "catch", "branches"):
                    continue
                if isinstance(value, (ast.Node, list)):
                    stack.append(value)
    return False


def generate(compiler: Any, body: list[ast.Node]) -> Callable[[Frame], Any] | None:
    """The generated run function of a unit, or None to keep the closure compiler's."""
    if not ENABLED:
        return None
    return Generator(compiler).function(body)


def generate_enter(compiler: Any, code: Any) -> tuple[Callable[..., Frame], Callable[..., Any]]:
    """``code.enter`` and ``code.call`` for a unit whose body was generated."""
    return Generator(compiler).enter(code)
