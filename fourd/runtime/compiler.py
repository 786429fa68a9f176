"""Compile the AST into Python closures, once per method.

Every expression node becomes ``fn(frame) -> value`` and every statement
``fn(frame) -> signal`` (``None`` to go on, or BREAK / CONTINUE / RETURN).
Local variables are resolved to slots of ``frame.slots`` at compile time,
commands are bound to their implementation, and operators to the functions of
:mod:`fourd.runtime.operators`: running the closures does no dispatch on node types.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from ..syntax import ast
from . import operators as ops
from .classes import checked_class, class_reference
from .errors import FourDError, error
from .frame import BREAK, CONTINUE, RETURN, Code, Frame
from .objects import (
    call_index,
    call_member,
    char_at,
    get_index,
    get_member,
    get_variable_member,
    set_index,
    set_member,
    with_char,
)
from .shared import use_begin
from .storedvalue import stored
from .trace import calls_trace
from .types import DIRECTIVES, canonical, coerce, default_value
from .values import UNDEFINED, Array4D, Blob4D, Collection4D, Object4D, Pointer4D, type_name

Expr = Callable[[Frame], Any]
Stmt = Callable[[Frame], Any]
Store = Callable[[Frame, Any], None]

STAR = object()  # the value of a lone `*` argument


class OperatorSymbol(str):
    """The value of a lone operator argument (`SORT ARRAY($a; >)`): a str subclass commands can test for."""

    @property
    def ascending(self) -> bool | None:
        """For ``>`` True (ascending order), for ``<`` False; None for other operators."""
        return {">": True, "<": False}.get(str(self))


class Compiler:
    """Compiles one code unit (a method body, a class function, a formula)."""

    def __init__(self, runtime: Any, name: str, path: str):
        self.runtime = runtime
        self.name = name
        self.path = path
        self.slots: dict[str, int] = {}
        self.slot_names: list[str] = []
        self.slot_types: dict[int, str] = {}
        # Tracing is decided at compile time, so untraced code pays nothing (see runtime/trace.py).
        tracer = getattr(runtime, "tracer", None)
        self.tracer = tracer if tracer is not None and tracer.active and tracer.wants(name) else None
        self.line = 0  # line of the statement being compiled (hook commands read it)
        self.param_slots: set[int] = set()  # slots of declared parameters (#DECLARE, Function)
        self.param_positions: dict[int, int] = {}  # slot of a declared parameter -> its position (1…n)
        self.kind = "method"  # the unit's kind (Code.kind), set by compile_unit for the code generator

    # -- locals ------------------------------------------------------------------
    def slot(self, name: str) -> int:
        key = name.lower()
        index = self.slots.get(key)
        if index is None:
            index = len(self.slot_names)
            self.slots[key] = index
            self.slot_names.append(name)
        return index

    def declare(self, name: str, type_: str) -> int:
        index = self.slot(name)
        self.slot_types[index] = type_
        return index

    def _collect_declarations(self, body: list[ast.Node]) -> None:
        """Declared types hold for the whole unit, whatever the order of statements."""
        for node in _walk_statements(body):
            if isinstance(node, ast.VarDecl) and node.type is not None:
                for var in node.names:
                    if isinstance(var, ast.LocalVar):
                        self.declare(var.name, canonical(node.type.name))
            elif isinstance(node, ast.ExpressionStatement) and isinstance(node.expression, ast.Call):
                call = node.expression
                type_ = DIRECTIVES.get(call.callee.name.lower())
                if type_:
                    for arg in call.args:
                        if isinstance(arg, ast.LocalVar) and not arg.name[1:].isdigit():
                            self.declare(arg.name, type_)

    # -- code units ------------------------------------------------------------------
    def compile_unit(
        self,
        body: list[ast.Node],
        params: list[ast.Param] | None = None,
        result: ast.Param | None = None,
        kind: str = "method",
    ) -> Code:
        declare = next((s for s in body if isinstance(s, ast.Declare)), None)
        if params is None and declare is not None:
            params, result = declare.params, declare.result
        param_specs: list[tuple[int, str]] = []
        variadic: str | None = None
        for p in params or []:
            type_ = canonical(p.type.name if p.type else None)
            if p.name == "...":
                variadic = type_
            else:
                param_specs.append((self.declare(p.name, type_), type_))
                self.param_slots.add(param_specs[-1][0])
                self.param_positions[param_specs[-1][0]] = len(param_specs)
        result_slot = None
        result_type = None
        if result is not None:
            result_type = canonical(result.type.name if result.type else None)
            if result.name:
                result_slot = self.declare(result.name, result_type)
        self._collect_declarations(body)
        tracer = getattr(self.runtime, "tracer", None)
        if (
            self.tracer is None
            and tracer is not None
            and tracer.wants(self.name)
            and calls_trace(_walk_statements(body))
        ):
            self.tracer = tracer  # dormant until TRACE runs
        from .codegen import generate, generate_enter

        self.kind = kind
        # Traced units and units whose statements an observer watches keep the closure back end:
        # its block runner is where the tracer and the observer hook in.
        observer = self.runtime.observer
        observed = observer is not None and observer.observes(self)
        generated = None if self.tracer is not None or observed else generate(self, body)
        run = generated or self.block(body)
        code = Code(
            name=self.name,
            path=self.path,
            kind=kind,
            run=run,
            nslots=len(self.slot_names),
            slot_names=list(self.slot_names),
            slot_types=dict(self.slot_types),
            params=param_specs,
            variadic=variadic,
            result_slot=result_slot,
            result_type=result_type,
            declared=declare is not None or params is not None,
            initial=_initial_slots(len(self.slot_names), self.slot_types, result_slot),
        )
        if generated is not None:
            code.enter, code.call = generate_enter(self, code)
        return code

    # -- statements -------------------------------------------------------------------
    def block(self, nodes: list[ast.Node]) -> Stmt:
        stmts = [self.stmt(n) for n in nodes if not isinstance(n, (ast.Declare, ast.ClassExtends))]
        lines = [n.line for n in nodes if not isinstance(n, (ast.Declare, ast.ClassExtends))]
        runtime = self.runtime
        if runtime.observer is not None:
            stmts = runtime.observer.instrument(
                self, [n for n in nodes if not isinstance(n, (ast.Declare, ast.ClassExtends))], stmts
            )
        name, path = self.name, self.path
        count = len(stmts)
        if self.tracer is not None:
            wrap = self.tracer.wrap
            stmts = [wrap(s, name, path, line) for s, line in zip(stmts, lines, strict=True)]

        def run_block(f: Frame) -> Any:
            i = 0
            while i < count:
                try:
                    while i < count:
                        signal = stmts[i](f)
                        if signal is not None:
                            return signal
                        i += 1
                except FourDError as exc:
                    if exc.line is None:
                        exc.line = lines[i]
                        exc.method = name
                        exc.path = path
                    runtime.on_error(exc, f)  # raises unless an ON ERR CALL handler took it
                    i += 1
            return None

        if count == 0:
            return lambda f: None
        return run_block

    def stmt(self, node: ast.Node) -> Stmt:
        method = getattr(self, "stmt_" + type(node).__name__, None)
        if method is None:
            raise error("not_implemented", name=type(node).__name__)
        outer, self.line = self.line, node.line
        try:
            return method(node)
        finally:
            self.line = outer

    def stmt_ExpressionStatement(self, node: ast.ExpressionStatement) -> Stmt:
        if _is_super(node.expression):  # `Super` alone on a line calls the superclass constructor
            return self.super_call([])
        ev = self.expr(node.expression)

        def run(f: Frame) -> None:
            ev(f)

        return run

    def stmt_Assign(self, node: ast.Assign) -> Stmt:
        if node.op == ":=":
            store = self.store(node.target)
            ev = self.expr(node.value)
            if isinstance(node.target, ast.LocalVar) and not _is_param_name(node.target.name):
                index = self.slot(node.target.name)
                type_ = self.slot_types.get(index)
                if type_ is None or type_ == "Variant":

                    def assign_slot(f: Frame) -> None:
                        f.slots[index] = ev(f)

                    return assign_slot

            def assign(f: Frame) -> None:
                store(f, ev(f))

            return assign
        op = ops.BINARY[node.op[0]]
        return self.update(node.target, op, self.expr(node.value))

    def update(self, target: ast.Node, op: Callable[[Any, Any], Any], value: Expr) -> Stmt:
        """Compound assignment: the target expression is evaluated once (operators.md)."""
        if isinstance(target, ast.Member):
            obj = self.expr(target.target)
            name = target.name

            def update_member(f: Frame) -> None:
                o = obj(f)
                set_member(o, name, op(get_member(o, name), value(f)))

            return update_member
        if isinstance(target, ast.Index):
            obj = self.expr(target.target)
            idx = self.expr(target.index)

            def update_index(f: Frame) -> None:
                o = obj(f)
                i = idx(f)
                set_index(o, i, op(get_index(o, i), value(f)))

            return update_index
        read = self.expr(target)
        store = self.store(target)

        def update_var(f: Frame) -> None:
            store(f, op(read(f), value(f)))

        return update_var

    def stmt_If(self, node: ast.If) -> Stmt:
        cond = self.expr(node.condition)
        then = self.block(node.then)
        other = self.block(node.otherwise) if node.otherwise is not None else None
        check = ops.condition

        if other is None:

            def run_if(f: Frame) -> Any:
                c = cond(f)
                if c is True or (c is not False and check(c, "If")):
                    return then(f)
                return None

            return run_if

        def run_if_else(f: Frame) -> Any:
            c = cond(f)
            if c is True or (c is not False and check(c, "If")):
                return then(f)
            return other(f)

        return run_if_else

    def stmt_CaseOf(self, node: ast.CaseOf) -> Stmt:
        branches = [(self.expr(c), self.block(b)) for c, b in node.branches]
        other = self.block(node.otherwise) if node.otherwise is not None else None
        check = ops.condition

        def run_case(f: Frame) -> Any:
            for cond, body in branches:
                c = cond(f)
                if c is True or (c is not False and check(c, "Case of")):
                    return body(f)
            if other is not None:
                return other(f)
            return None

        return run_case

    def stmt_While(self, node: ast.While) -> Stmt:
        cond = self.expr(node.condition)
        body = self.block(node.body)
        check = ops.condition
        tick = self.runtime.tick

        def run_while(f: Frame) -> Any:
            while True:
                c = cond(f)
                if not (c is True or (c is not False and check(c, "While"))):
                    return None
                signal = body(f)
                if signal is not None:
                    if signal is BREAK:
                        return None
                    if signal is RETURN:
                        return signal
                tick(f)

        return run_while

    def stmt_Repeat(self, node: ast.Repeat) -> Stmt:
        cond = self.expr(node.condition)
        body = self.block(node.body)
        check = ops.condition
        tick = self.runtime.tick

        def run_repeat(f: Frame) -> Any:
            while True:
                signal = body(f)
                if signal is not None:
                    if signal is BREAK:
                        return None
                    if signal is RETURN:
                        return signal
                c = cond(f)
                if c is True or (c is not False and check(c, "Until")):
                    return None
                tick(f)

        return run_repeat

    def stmt_For(self, node: ast.For) -> Stmt:
        read = self.expr(node.variable)
        store = self.store(node.variable)
        start = self.expr(node.start)
        end = self.expr(node.end)
        step = self.expr(node.step) if node.step is not None else None
        body = self.block(node.body)
        tick = self.runtime.tick
        fast_slot = None
        if isinstance(node.variable, ast.LocalVar) and not _is_param_name(node.variable.name):
            index = self.slot(node.variable.name)
            if self.slot_types.get(index) in (None, "Variant", "Real", "Integer"):
                fast_slot = index
                as_int = self.slot_types.get(index) == "Integer"

        def numbers(f: Frame) -> tuple[Any, Any, Any]:
            a, b = start(f), end(f)
            s = step(f) if step is not None else 1
            for v in (a, b, s):
                if not (type(v) in (float, int) and type(v) is not bool):
                    raise error("wrong_param_type", name="For", index=1, expected="a number", got=type_name(v))
            return a, b, s

        if fast_slot is not None:
            slot_index = fast_slot

            def run_for_fast(f: Frame) -> Any:
                a, b, s = numbers(f)
                slots = f.slots
                i = int(a) if as_int else (float(a) if type(a) is int else a)
                slots[slot_index] = i
                while (i <= b) if s > 0 else (i >= b):
                    signal = body(f)
                    if signal is not None:
                        if signal is BREAK:
                            return None
                        if signal is RETURN:
                            return signal
                    i = slots[slot_index] + s
                    slots[slot_index] = i
                    tick(f)
                return None

            return run_for_fast

        def run_for(f: Frame) -> Any:
            a, b, s = numbers(f)
            store(f, a)
            while True:
                i = read(f)
                if not ((i <= b) if s > 0 else (i >= b)):
                    return None
                signal = body(f)
                if signal is not None:
                    if signal is BREAK:
                        return None
                    if signal is RETURN:
                        return signal
                store(f, read(f) + s)
                tick(f)

        return run_for

    def stmt_ForEach(self, node: ast.ForEach) -> Stmt:
        store = self.store(node.variable)
        source = self.expr(node.source)
        begin = self.expr(node.begin) if node.begin is not None else None
        end = self.expr(node.end) if node.end is not None else None
        until = self.expr(node.until) if node.until is not None else None
        while_ = self.expr(node.while_) if node.while_ is not None else None
        body = self.block(node.body)
        check = ops.condition
        tick = self.runtime.tick

        def items_of(f: Frame) -> list[Any]:
            items = foreach_items(source(f))
            lo = int(begin(f)) if begin is not None else 0
            hi = int(end(f)) if end is not None else len(items)
            if lo < 0:
                lo += len(items)
            if hi < 0:
                hi += len(items)
            return items[max(lo, 0) : hi]

        def run_foreach(f: Frame) -> Any:
            for item in items_of(f):
                store(f, item)
                if while_ is not None and not check(while_(f), "While"):
                    return None
                signal = body(f)
                if signal is not None:
                    if signal is BREAK:
                        return None
                    if signal is RETURN:
                        return signal
                if until is not None and check(until(f), "Until"):
                    return None
                tick(f)
            return None

        return run_foreach

    def stmt_Use(self, node: ast.Use) -> Stmt:
        target = self.expr(node.target)
        body = self.block(node.body)

        def run_use(f: Frame) -> Any:
            group = use_begin(target(f))
            try:
                return body(f)
            finally:
                group.release()

        return run_use

    def stmt_TryBlock(self, node: ast.TryBlock) -> Stmt:
        body = self.block(node.body)
        catch = self.block(node.catch) if node.catch is not None else None
        runtime = self.runtime

        def run_try(f: Frame) -> Any:
            process = f.process
            process.try_stack.append(next(_try_serials))
            process.last_errors = []  # Last errors is Null after a Try block without error
            mark = len(process.deferred)
            caught = None
            try:
                signal = body(f)
            except FourDError as exc:
                caught = exc
                signal = None
            finally:
                process.try_stack.pop()
            # Deferred throws written in the block itself end with it; they do not run Catch (error-handling.md).
            direct = runtime.take_deferred(process, mark) if len(process.deferred) > mark else None
            if caught is None:
                if direct:
                    direct[0].companions = direct if len(direct) > 1 else []
                    runtime.record_error(direct[0], f)
                return signal
            runtime.record_error(caught, f, direct)
            if catch is not None:
                return catch(f)
            return None

        return run_try

    def stmt_Return(self, node: ast.Return) -> Stmt:
        if node.value is None:
            return lambda f: RETURN
        value = self.expr(node.value)

        def run_return(f: Frame) -> Any:
            f.result = value(f)
            f.returned = True
            return RETURN

        return run_return

    def stmt_Break(self, node: ast.Break) -> Stmt:
        return lambda f: BREAK

    def stmt_Continue(self, node: ast.Continue) -> Stmt:
        return lambda f: CONTINUE

    def stmt_VarDecl(self, node: ast.VarDecl) -> Stmt:
        type_ = canonical(node.type.name) if node.type else None
        value = self.expr(node.value) if node.value is not None else None
        stores = []
        for var in node.names:
            if isinstance(var, ast.LocalVar):
                index = self.slot(var.name)
                if type_ is not None:
                    self.slot_types[index] = type_
            stores.append(self.store(var))

        def run_var(f: Frame) -> None:
            # Without an initializer each variable gets its type's default (a new one each: BLOBs are mutable).
            if value is not None:
                v = value(f)
                for store in stores:
                    store(f, v)
                return
            for store in stores:
                store(f, default_value(type_) if type_ else UNDEFINED)

        return run_var

    def stmt_SQLBlock(self, node: ast.SQLBlock) -> Stmt:
        def run_sql(f: Frame) -> None:
            raise error("unsupported_headless", name="Begin SQL (no database)")

        return run_sql

    def stmt_ClassConstructor(self, node: ast.Node) -> Stmt:
        return lambda f: None  # class members are compiled by the class loader

    stmt_FunctionDef = stmt_ClassConstructor
    stmt_PropertyDecl = stmt_ClassConstructor
    stmt_AliasDecl = stmt_ClassConstructor

    # -- stores (assignment targets) --------------------------------------------------
    def store(self, node: ast.Node) -> Store:
        if isinstance(node, ast.LocalVar):
            if _is_param_name(node.name):
                n = int(node.name[1:])
                if n == 0:

                    def store_result(f: Frame, v: Any) -> None:
                        f.result = v

                    return store_result

                def store_param(f: Frame, v: Any) -> None:
                    args = f.args
                    while len(args) < n:
                        args.append(UNDEFINED)
                    args[n - 1] = v

                return store_param
            index = self.slot(node.name)
            type_ = self.slot_types.get(index)
            name = node.name
            if type_ is None or type_ == "Variant":

                def store_local(f: Frame, v: Any) -> None:
                    f.slots[index] = v

                return store_local

            def store_typed(f: Frame, v: Any) -> None:
                f.slots[index] = coerce(type_, v, name)

            return store_typed
        if isinstance(node, ast.Name):
            key = node.name.lower()

            def store_process(f: Frame, v: Any) -> None:
                f.process.set_var(key, v)

            return store_process
        if isinstance(node, ast.ProcessVar):
            key = node.name.lower()
            return lambda f, v: f.process.set_var(key, v)
        if isinstance(node, ast.InterprocessVar):
            key = node.name.lower()
            runtime = self.runtime
            return lambda f, v: runtime.set_interprocess(key, v)
        if isinstance(node, ast.Member):
            obj = self.expr(node.target)
            name = node.name

            def store_member(f: Frame, v: Any) -> None:
                set_member(obj(f), name, v)

            return store_member
        if isinstance(node, ast.Index):
            obj = self.expr(node.target)
            idx = self.expr(node.index)

            def store_index(f: Frame, v: Any) -> None:
                set_index(obj(f), idx(f), v)

            return store_index
        if isinstance(node, ast.CharIndex):
            read = self.expr(node.target)
            write = self.store(node.target)
            idx = self.expr(node.index)

            def store_char(f: Frame, v: Any) -> None:
                write(f, with_char(read(f), idx(f), v))

            return store_char
        if isinstance(node, ast.ArrayElement):
            arr = self.expr(node.target)
            idx = self.expr(node.index)

            def store_element(f: Frame, v: Any) -> None:
                a = arr(f)
                if type(a) is not Array4D:
                    if type(a) is Blob4D:  # `$blob{n}:=byte` (blob.md)
                        set_blob_byte(a, idx(f), v)
                        return
                    raise error("not_indexable", got=type_name(a))
                a.set(int(idx(f)), v)

            return store_element
        if isinstance(node, ast.Dereference):
            ptr = self.expr(node.pointer)

            def store_deref(f: Frame, v: Any) -> None:
                p = ptr(f)
                if type(p) is not Pointer4D:
                    raise error("nil_pointer" if p is None else "not_a_pointer", got=type_name(p))
                p.set(v)

            return store_deref
        if isinstance(node, ast.DynamicParam):
            idx = self.expr(node.index)

            def store_dynamic(f: Frame, v: Any) -> None:
                n = int(idx(f))
                while len(f.args) < n:
                    f.args.append(UNDEFINED)
                f.args[n - 1] = v

            return store_dynamic
        raise error("not_assignable")

    # -- pointers -----------------------------------------------------------------------
    def pointer(self, node: ast.Node) -> Expr:
        """``->target``: a pointer built at run time from a getter and a setter."""
        read = self.expr(node)
        write = self.store(node)
        label = _describe_target(node)
        if isinstance(node, ast.LocalVar):
            key = ("local", node.name.lower())
            ref = ("local", node.name, ())
            return lambda f: Pointer4D(lambda: read(f), lambda v: write(f, v), label, (key, id(f)), ref)
        if isinstance(node, (ast.ProcessVar, ast.Name)):
            key = ("process", node.name.lower())
            ref = ("process", node.name, ())
            return lambda f: Pointer4D(lambda: read(f), lambda v: write(f, v), label, (key, id(f.process)), ref)
        if isinstance(node, ast.InterprocessVar):
            key = ("interprocess", node.name.lower())
            ref = ("interprocess", "<>" + node.name, ())
            return lambda f: Pointer4D(lambda: read(f), lambda v: write(f, v), label, key, ref)
        if isinstance(node, ast.ArrayElement):
            arr = self.expr(node.target)
            idx = self.expr(node.index)
            # ->a{1}{5}: the variable and the indices before this one, for the name and RESOLVE POINTER.
            outer: list[Expr] = []
            base = node.target
            while isinstance(base, ast.ArrayElement):
                outer.insert(0, self.expr(base.index))
                base = base.target
            scope = {ast.LocalVar: "local", ast.InterprocessVar: "interprocess"}.get(type(base), "process")
            base_name = _describe_target(base)
            named = isinstance(base, (ast.LocalVar, ast.ProcessVar, ast.Name, ast.InterprocessVar))

            def element_pointer(f: Frame) -> Pointer4D:
                a, i = arr(f), int(idx(f))
                indices = (*(int(o(f)) for o in outer), i)
                ref = (scope, base_name, indices) if named else None
                name = base_name + "".join(f"{{{n}}}" for n in indices)
                return Pointer4D(lambda: a.get(i), lambda v: a.set(i, v), name, (id(a), i), ref)

            return element_pointer
        return lambda f: Pointer4D(lambda: read(f), lambda v: write(f, v), label, (label, id(f)))

    # -- expressions -----------------------------------------------------------------------
    def expr(self, node: ast.Node) -> Expr:
        method = getattr(self, "expr_" + type(node).__name__, None)
        if method is None:
            raise error("not_implemented", name=type(node).__name__)
        return method(node)

    def expr_Elided(self, node: ast.Elided) -> Expr:
        # A documentation example's `...` (Markdown only): it parses, and fails when reached.
        line = node.line

        def elided(f: Frame) -> Any:
            raise error("elided_code", line=line)

        return elided

    def expr_Literal(self, node: ast.Literal) -> Expr:
        value = node.value
        return lambda f: value

    def expr_LocalVar(self, node: ast.LocalVar) -> Expr:
        if _is_param_name(node.name):
            n = int(node.name[1:])
            if n == 0:
                return lambda f: f.result

            def read_param(f: Frame) -> Any:
                args = f.args
                return args[n - 1] if n <= len(args) else UNDEFINED

            return read_param
        index = self.slot(node.name)
        return lambda f: f.slots[index]

    def expr_DynamicParam(self, node: ast.DynamicParam) -> Expr:
        idx = self.expr(node.index)

        def read_dynamic(f: Frame) -> Any:
            n = int(idx(f))
            if n == 0:
                return f.result
            return f.args[n - 1] if 0 < n <= len(f.args) else UNDEFINED

        return read_dynamic

    def expr_ProcessVar(self, node: ast.ProcessVar) -> Expr:
        key = node.name.lower()
        return lambda f: f.process.get_var(key)

    def expr_InterprocessVar(self, node: ast.InterprocessVar) -> Expr:
        key = node.name.lower()
        runtime = self.runtime
        return lambda f: runtime.get_interprocess(key)

    def expr_Name(self, node: ast.Name) -> Expr:
        if _is_super(node):
            from .classes import super_ref

            return super_ref
        return self.runtime.resolve_name(self, node, [])

    def expr_Call(self, node: ast.Call) -> Expr:
        if _is_super(node.callee):
            return self.super_call(node.args)
        return self.runtime.resolve_name(self, node.callee, node.args, call_node=node)

    def args(self, nodes: list[ast.Node]) -> list[Expr]:
        out = []
        for n in nodes:
            if isinstance(n, ast.Star):
                out.append(lambda f: STAR)
            else:
                out.append(self.expr(n))
        return out

    def expr_Member(self, node: ast.Member) -> Expr:
        obj = self.expr(node.target)
        name = node.name
        declared = self.unassigned_container(node.target)
        position = self.omittable_parameter(node.target)
        if declared is not None and position is not None:
            collection = declared == "Collection"

            def read_parameter_member(f: Frame) -> Any:
                o = obj(f)
                if type(o) is Object4D and o.cls is None:
                    return o.props.get(name, UNDEFINED)
                if len(f.args) < position:  # not passed: still its type's default value
                    return get_variable_member(o, name, collection)
                return get_member(o, name)

            return read_parameter_member
        if declared is not None:
            collection = declared == "Collection"

            def read_variable_member(f: Frame) -> Any:
                o = obj(f)
                if type(o) is Object4D and o.cls is None:
                    return o.props.get(name, UNDEFINED)
                return get_variable_member(o, name, collection)

            return read_variable_member

        def read_member(f: Frame) -> Any:
            o = obj(f)
            if type(o) is Object4D and o.cls is None:
                return o.props.get(name, UNDEFINED)
            return get_member(o, name)

        return read_member

    def unassigned_container(self, node: ast.Node) -> str | None:
        """ "Object" or "Collection" when ``node`` is a local declared so (``var``, ``C_OBJECT``,
        or a declared parameter): while it still holds Null it reads as an uninitialized variable
        does (objects.get_variable_member).  None otherwise.

        A parameter reads so only when the caller did not pass it (:meth:`omittable_parameter`):
        parameters.md, "missing parameters are processed as default values in the called code",
        the same state as a declared local never assigned.  A Null the caller passed is a null
        value, whose properties cannot be read."""
        if isinstance(node, ast.LocalVar):
            index = self.slots.get(node.name.lower())
            if index is not None:
                declared = self.slot_types.get(index)
                if declared in ("Object", "Collection"):
                    return declared
        return None

    def omittable_parameter(self, node: ast.Node) -> int | None:
        """The position (1…n) of the declared parameter ``node`` is, else None."""
        if isinstance(node, ast.LocalVar):
            index = self.slots.get(node.name.lower())
            if index is not None:
                return self.param_positions.get(index)
        return None

    def expr_MethodCall(self, node: ast.MethodCall) -> Expr:
        obj = self.expr(node.target)
        named_class = class_reference(node.target)
        if named_class is not None:  # cs.Name.new(): a missing class gets its own error
            obj = checked_class(obj, *named_class)
        name = node.name
        args = self.args(node.args)
        line = node.line

        def call(f: Frame) -> Any:
            f.line = line
            return call_member(obj(f), name, [a(f) for a in args], f)

        return call

    def expr_IndexCall(self, node: ast.IndexCall) -> Expr:
        obj = self.expr(node.target)
        idx = self.expr(node.index)
        args = self.args(node.args)
        line = node.line

        def call(f: Frame) -> Any:
            f.line = line
            return call_index(obj(f), idx(f), [a(f) for a in args], f)

        return call

    def expr_Index(self, node: ast.Index) -> Expr:
        obj = self.expr(node.target)
        idx = self.expr(node.index)
        return lambda f: get_index(obj(f), idx(f))

    def expr_CharIndex(self, node: ast.CharIndex) -> Expr:
        obj = self.expr(node.target)
        idx = self.expr(node.index)
        return lambda f: char_at(obj(f), idx(f))

    def expr_ArrayElement(self, node: ast.ArrayElement) -> Expr:
        arr = self.expr(node.target)
        idx = self.expr(node.index)

        def read_element(f: Frame) -> Any:
            a = arr(f)
            if type(a) is not Array4D:
                if type(a) is str:  # legacy `$t{1}` character reference
                    return char_at(a, idx(f))
                if type(a) is Blob4D:  # `$blob{n}`: byte n, 0 to size-1 (blob.md)
                    return blob_byte(a, idx(f))
                raise error("not_indexable", got=type_name(a))
            return a.get(int(idx(f)))

        return read_element

    def expr_Unary(self, node: ast.Unary) -> Expr:
        operand = self.expr(node.operand)
        if node.op == "+":
            return operand
        if isinstance(node.operand, ast.Literal) and type(node.operand.value) in (float, int):
            value = -node.operand.value
            return lambda f: value
        neg = ops.negate
        return lambda f: neg(operand(f))

    def expr_Binary(self, node: ast.Binary) -> Expr:
        op = ops.BINARY[node.op]
        left = self.expr(node.left)
        right = self.expr(node.right)
        # Equality of reals depends on SET REAL COMPARISON LEVEL at run time: never folded.
        if (
            isinstance(node.left, ast.Literal)
            and isinstance(node.right, ast.Literal)
            and node.op not in ("=", "#", "<=", ">=")
        ):
            try:
                value = op(node.left.value, node.right.value)
                return lambda f: value
            except FourDError:
                pass  # report it when the line runs, with its position
        if node.op == "+":
            add = ops.add

            def plus(f: Frame) -> Any:
                a = left(f)
                b = right(f)
                if type(a) is float and type(b) is float:
                    return a + b
                return add(a, b)

            return plus
        if node.op == "-":
            sub = ops.subtract

            def minus(f: Frame) -> Any:
                a = left(f)
                b = right(f)
                if type(a) is float and type(b) is float:
                    return a - b
                return sub(a, b)

            return minus
        if node.op in ("<", ">", "<=", ">="):
            import operator as pyop

            fast = {"<": pyop.lt, ">": pyop.gt, "<=": pyop.le, ">=": pyop.ge}[node.op]
            strict = node.op in ("<", ">")

            def compare(f: Frame) -> Any:
                a = left(f)
                b = right(f)
                if strict and type(a) is float and type(b) is float:
                    return fast(a, b)
                return op(a, b)

            return compare
        return lambda f: op(left(f), right(f))

    def expr_Logical(self, node: ast.Logical) -> Expr:
        left = self.expr(node.left)
        right = self.expr(node.right)
        truthy = ops.truthy
        if node.op == "&&":

            def and_(f: Frame) -> Any:
                a = left(f)
                return right(f) if truthy(a) else a

            return and_

        def or_(f: Frame) -> Any:
            a = left(f)
            return a if truthy(a) else right(f)

        return or_

    def expr_Ternary(self, node: ast.Ternary) -> Expr:
        cond = self.expr(node.condition)
        a = self.expr(node.if_true)
        b = self.expr(node.if_false)
        truthy = ops.truthy
        return lambda f: a(f) if truthy(cond(f)) else b(f)

    def expr_ObjectLiteral(self, node: ast.ObjectLiteral) -> Expr:
        items = [(k if isinstance(k, str) else self.expr(k), self.expr(v)) for k, v in node.items]

        def build(f: Frame) -> Object4D:
            props = {}
            for k, v in items:
                key = k if type(k) is str else str(k(f))
                value = v(f)
                if value is not UNDEFINED:  # an Undefined property is left out
                    props[key] = stored(value)
            return Object4D(props)

        return build

    def expr_CollectionLiteral(self, node: ast.CollectionLiteral) -> Expr:
        items = [self.expr(v) for v in node.items]

        def build(f: Frame) -> Collection4D:
            return Collection4D([stored(item(f)) for item in items])  # Undefined as Null

        return build

    def expr_PointerTo(self, node: ast.PointerTo) -> Expr:
        return self.pointer(node.target)

    def expr_Dereference(self, node: ast.Dereference) -> Expr:
        ptr = self.expr(node.pointer)

        def deref(f: Frame) -> Any:
            p = ptr(f)
            if type(p) is not Pointer4D:
                raise error("nil_pointer" if p is None else "not_a_pointer", got=type_name(p))
            return p.get()

        return deref

    def expr_TryExpression(self, node: ast.TryExpression) -> Expr:
        inner = self.expr(node.expression)
        runtime = self.runtime
        line, name, path = self.line or node.line, self.name, self.path

        def run_try(f: Frame) -> Any:
            process = f.process
            process.try_stack.append(next(_try_serials))
            process.last_errors = []
            try:
                return inner(f)
            except FourDError as exc:
                if exc.line is None:
                    exc.line, exc.method, exc.path = line, name, path
                runtime.record_error(exc, f)
                return UNDEFINED  # error-handling.md: Try() gives Undefined when the expression fails
            finally:
                process.try_stack.pop()

        return run_try

    def expr_Assign(self, node: ast.Assign) -> Expr:
        return _misplaced("an assignment")

    def expr_Return(self, node: ast.Return) -> Expr:
        return _misplaced("return")

    # -- Super (classes.md): a constructor call, or the superclass's functions ----------
    def super_call(self, arg_nodes: list[ast.Node]) -> Expr:
        from .classes import super_construct

        args = self.args(arg_nodes)
        return lambda f: super_construct(f, [a(f) for a in args])

    def expr_Star(self, node: ast.Star) -> Expr:
        return lambda f: STAR

    def expr_OperatorArg(self, node: ast.OperatorArg) -> Expr:
        symbol = OperatorSymbol(node.op)
        return lambda f: symbol

    def expr_TableRef(self, node: ast.TableRef) -> Expr:
        name = node.table

        def table(f: Frame) -> Any:
            raise error("unsupported_headless", name=f"[{name}] (no database is open)")

        return table

    def expr_FieldRef(self, node: ast.FieldRef) -> Expr:
        name = f"[{node.table}]{node.field}"

        def field(f: Frame) -> Any:
            raise error("unsupported_headless", name=f"{name} (no database is open)")

        return field


def foreach_items(source: Any) -> list[Any]:
    """What ``For each`` walks: a snapshot of a collection's elements or an object's property names."""
    t = type(source)
    if t is Collection4D:
        return list(source.items)
    if t is Object4D:
        return list(source.props.keys())
    if source is None or source is UNDEFINED:
        return []
    if hasattr(source, "iter_4d"):
        return list(source.iter_4d())
    raise error("not_a_collection", name="For each", got=type_name(source))


def _initial_slots(count: int, slot_types: dict[int, str], result_slot: int | None) -> list[Any]:
    """Slot values at entry: declared scalar locals (and the result) start at their type's default."""
    slots: list[Any] = [UNDEFINED] * count
    for index, type_ in slot_types.items():
        if type_ in ("Text", "Integer", "Real", "Boolean", "Date", "Time") or (
            index == result_slot and type_ in ("Object", "Collection", "Pointer")
        ):
            slots[index] = default_value(type_)
    return slots


def _is_param_name(name: str) -> bool:
    return name[1:].isdigit()


_try_serials = itertools.count(1)  # each running Try gets a number (see Runtime.on_error)


def _is_super(node: ast.Node) -> bool:
    return isinstance(node, ast.Name) and (
        node.number in (1705, 1706) or (node.number is None and node.name.lower() == "super")
    )


def _misplaced(what: str) -> Expr:
    def fail(f: Frame) -> Any:
        raise error("statement_in_expression", what=what)

    return fail


def _describe_target(node: ast.Node) -> str:
    if isinstance(node, (ast.LocalVar,)):
        return node.name
    if isinstance(node, (ast.ProcessVar, ast.Name)):
        return node.name
    if isinstance(node, ast.InterprocessVar):
        return "<>" + node.name
    if isinstance(node, ast.ArrayElement):
        return _describe_target(node.target) + "{…}"
    if isinstance(node, ast.FieldRef):
        return f"[{node.table}]{node.field}"
    return "expression"


def _walk_statements(body: list[ast.Node]):
    for node in body:
        yield node
        for attr in ("then", "otherwise", "body", "catch"):
            child = getattr(node, attr, None)
            if isinstance(child, list):
                yield from _walk_statements(child)
        if isinstance(node, ast.CaseOf):
            for _, b in node.branches:
                yield from _walk_statements(b)


def blob_byte(blob: Blob4D, index: Any) -> int:
    """``$blob{n}``: the byte at ``n`` (bytes are numbered 0 to size-1, blob.md)."""
    i = int(index)
    if not 0 <= i < len(blob.data):
        raise error("index_out_of_range", index=i, last=len(blob.data) - 1)
    return blob.data[i]


def set_blob_byte(blob: Blob4D, index: Any, value: Any) -> None:
    i = int(index)
    if not 0 <= i < len(blob.data):
        raise error("index_out_of_range", index=i, last=len(blob.data) - 1)
    from .convert import to_number

    blob.data[i] = int(to_number(value)) & 0xFF
