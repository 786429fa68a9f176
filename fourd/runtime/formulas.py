"""4D.Function objects: formulas (``Formula``, ``Formula from string``) and class functions.

A formula is compiled once, where ``Formula(…)`` is written, as a code unit of
its own: its ``$1…$n`` are the arguments it is called with, ``This`` is the
object it is called on, and the locals it names start with the values they had
in the creating method when ``Formula(…)`` ran (formula.md: "their values are
copied and stored in the returned formula object").

``call_with_this(frame, this, args)`` is the one calling protocol: objects.py
uses it for ``$o.f()``, callables.py for collection functions and workers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..syntax import ast
from .errors import FourDError, error
from .frame import Code, Frame
from .objects import BuiltinObject
from .values import UNDEFINED, Collection4D, Date4D, Time4D, type_name

if TYPE_CHECKING:
    from .plainformula import PlainSite


class Function4D(BuiltinObject):
    """Base of every ``4D.Function``: ``.call()``, ``.apply()``, ``.source``, ``()`` on a property."""

    class_name = "Function"
    shareable = True  # formulas can be stored in shared objects and Storage

    def call_with_this(self, frame: Frame, this: Any, args: list[Any]) -> Any:
        raise NotImplementedError

    def source_text(self) -> str:
        return ""

    def get_member(self, name: str) -> Any:
        if name == "source":
            return self.source_text()
        if name in ("call", "apply"):
            return _NativeMember(self, name)
        return UNDEFINED

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        if name == "call":
            this = args[0] if args else None
            return self.call_with_this(frame, _this_value(this), list(args[1:]))
        if name == "apply":
            this = args[0] if args else None
            params: list[Any] = []
            if len(args) > 1:
                coll = args[1]
                if type(coll) is not Collection4D:
                    raise error("wrong_param_type", name="apply", index=2, expected="a collection", got=type_name(coll))
                params = list(coll.items)
            return self.call_with_this(frame, _this_value(this), params)
        raise error("unknown_member", name=name)

    def to_json_4d(self) -> Any:
        return "[object Formula]"  # formula.md, example 6

    def to_text_4d(self) -> str:
        return "[object Formula]"


def _this_value(value: Any) -> Any:
    # `.call(Null)` / `.call()`: This is Null inside the formula.
    return None if value is UNDEFINED else value


class _NativeMember(Function4D):
    """``$f.call`` read as a value: calling it calls the member on its formula."""

    def __init__(self, owner: Function4D, name: str):
        self.owner = owner
        self.name = name

    def call_with_this(self, frame: Frame, this: Any, args: list[Any]) -> Any:
        return self.owner.call_member(self.name, args, frame)


class Formula(Function4D):
    """A formula object: compiled code, the values of the locals it captured, its source text."""

    def __init__(
        self,
        code: Code,
        source: str,
        method: str | None = None,
        forbidden_local: str | None = None,
        plain: PlainSite | None = None,
    ):
        self.code = code
        self.source = source
        self.method = method  # Formula(myMethod): arguments go straight to the method
        self.forbidden_local = forbidden_local  # Formula from string naming a local: -10737 when run
        self.plain = plain  # set when the body only reads $1.value… and locals (plainformula.py)
        self.plain_slots: list[Any] = []  # the values of its locals then
        self.plain_fn: Callable[..., Any] | None = None

    def source_text(self) -> str:
        return self.source

    def direct_code(self) -> Code | None:
        """The code to invoke directly with the arguments (None when calling needs call_with_this's checks)."""
        return self.code if self.method is None and self.forbidden_local is None else None

    def plain_function(self, extra: tuple[Any, ...] | list[Any] = ()) -> Callable[..., Any] | None:
        """``fn(value, accumulator, value2=Undefined)``: the formula's value from ``$1.value``, ``$1.accumulator``
        and ``$1.value2`` when it is called with ``extra`` as ``$2…``, for formulas that read nothing else of
        their call (see plainformula.py); None for the others."""
        if self.plain is None:
            return None
        if extra:
            return self.plain.function(self.plain_slots, extra)
        if self.plain_fn is None:
            self.plain_fn = self.plain.function(self.plain_slots)
        return self.plain_fn

    def call_with_this(self, frame: Frame, this: Any, args: list[Any]) -> Any:
        runtime = frame.process.runtime
        if self.forbidden_local is not None:
            raise error("formula_local", name=self.forbidden_local)
        if self.method is not None:
            code = runtime.methods.get(runtime, self.method)
            if code is None:
                raise error("unknown_method", name=self.method)
            return runtime.invoke(code, list(args), frame.process, this, frame)
        return runtime.invoke(self.code, list(args), frame.process, this, frame)


def _with_captured(code: Code, captured: list[tuple[int, Any]]) -> Code:
    """A copy of ``code`` whose frames start with the captured local values."""
    if not captured:
        return code
    body = code.run

    def run(f: Frame) -> Any:
        slots = f.slots
        for index, value in captured:
            if slots[index] is UNDEFINED:
                slots[index] = value
        return body(f)

    return dataclasses.replace(code, run=run, enter=None, call=None, direct=None)  # frames of the copy name the copy


# -- compiling formulas ---------------------------------------------------------------


def _formula_body(nodes: list[ast.Node]) -> list[ast.Node]:
    """A formula made of one expression returns its value; statements run as a method does."""
    if len(nodes) == 1 and isinstance(nodes[0], ast.ExpressionStatement):
        expr = nodes[0].expression
        return [ast.Return(expr, line=expr.line, column=expr.column)]
    return nodes


def compile_formula(compiler: Any, node: ast.Node) -> Callable[[Frame], Formula]:
    """``Formula(node)``: compile ``node`` now; each evaluation captures the creator's locals."""
    from .compiler import Compiler

    runtime = compiler.runtime
    source = expression_text(node)
    if isinstance(node, ast.Name) and _is_project_method(runtime, node):
        method_name = node.name
        code = Compiler(runtime, compiler.name, compiler.path).compile_unit([], kind="formula")
        return lambda f: Formula(code, source, method=method_name)
    if isinstance(node, (ast.Assign, ast.Return)):
        body = [node]
    else:
        body = _formula_body([ast.ExpressionStatement(node, line=node.line, column=node.column)])
    inner = Compiler(runtime, compiler.name, compiler.path)
    code = inner.compile_unit(body, kind="formula")
    plain = None
    if len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is node:
        from .plainformula import plain_site  # loaded with the first formula, not at start-up

        plain = plain_site(runtime, compiler.name, compiler.path, node, code)
    # Each local of the formula reads the creator's local of the same name, at creation time.
    links = [(i, compiler.slot(name)) for i, name in enumerate(code.slot_names)]
    initial = code.initial or [UNDEFINED] * code.nslots

    def make(f: Frame) -> Formula:
        slots = f.slots
        captured = [(i, slots[j]) for i, j in links if j < len(slots) and slots[j] is not UNDEFINED]
        formula = Formula(_with_captured(code, captured), source, plain=plain)
        if plain is not None:
            # What the formula's locals hold when it runs (_with_captured): a plain formula never changes them.
            formula.plain_slots = list(initial)
            for index, value in captured:
                if formula.plain_slots[index] is UNDEFINED:
                    formula.plain_slots[index] = value
        return formula

    return make


def formula_from_string(runtime: Any, text: str, creator: str = "Formula from string") -> Formula:
    """``Formula from string(text)``: parse and compile ``text``; locals are not allowed (-10737)."""
    from ..syntax.errors import FourDSyntaxError
    from ..syntax.parser import parse
    from .compiler import Compiler

    try:
        module = parse(text, "<formula>", runtime.methods.lex_options())
    except FourDSyntaxError as exc:
        raise error("syntax", detail=f"Formula from string: {exc.message}") from None
    code = Compiler(runtime, creator, "<formula>").compile_unit(_formula_body(module.body), kind="formula")
    declared = {slot for slot, _ in code.params}
    if code.result_slot is not None:
        declared.add(code.result_slot)
    forbidden = next((name for i, name in enumerate(code.slot_names) if i not in declared), None)
    return Formula(code, text, forbidden_local=forbidden)


def _is_project_method(runtime: Any, node: ast.Name) -> bool:
    from ..commands.registry import lookup

    if node.constant_token is not None or lookup(node.number, node.name) is not None:
        return False
    return runtime.methods.has(node.name)


# -- source text of an expression -------------------------------------------------------------

# Loosest first: a child looser than its parent, or as loose on the right, needs parentheses.
_LEVEL = {"ternary": 0, "logic": 1, "compare": 2, "arith": 3}
_COMPARE = {"=", "#", "<", ">", "<=", ">="}
_LOGIC = {"&", "|", "&&", "||"}


def _level(node: ast.Node) -> int:
    if isinstance(node, ast.Ternary):
        return 0
    if isinstance(node, ast.Logical):
        return 1
    if isinstance(node, ast.Binary):
        if node.op in _LOGIC:
            return 1
        if node.op in _COMPARE:
            return 2
        return 3
    return 9


def _operand(node: ast.Node, parent: int, right: bool) -> str:
    text = expression_text(node)
    level = _level(node)
    if level < parent or (right and level == parent):
        return f"({text})"
    return text


def _literal_text(value: Any) -> str:
    if type(value) is str:
        escaped = (
            value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        return f'"{escaped}"'
    if type(value) is bool:
        return "True" if value else "False"
    if type(value) is float:
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if type(value) is int:
        return str(value)
    if type(value) is Date4D:
        return "!00-00-00!" if value.is_null() else f"!{value.iso()}!"
    if type(value) is Time4D:
        return f"?{value.hms()}?"
    if value is None:
        return "Null"
    return str(value)


def _args_text(args: list[ast.Node]) -> str:
    return ";".join(expression_text(a) for a in args)


def expression_text(node: ast.Node) -> str:
    """The 4D text of an expression, as 4D shows a formula's ``.source`` (no tokens, minimal parentheses)."""
    t = type(node)
    if t is ast.Literal:
        return _literal_text(node.value)
    if t in (ast.LocalVar, ast.ProcessVar, ast.Name):
        return node.name
    if t is ast.InterprocessVar:
        return "<>" + node.name
    if t is ast.DynamicParam:
        return "${" + expression_text(node.index) + "}"
    if t is ast.Call:
        return f"{node.callee.name}({_args_text(node.args)})"
    if t is ast.Member:
        return f"{expression_text(node.target)}.{node.name}"
    if t is ast.MethodCall:
        return f"{expression_text(node.target)}.{node.name}({_args_text(node.args)})"
    if t is ast.Index:
        return f"{expression_text(node.target)}[{expression_text(node.index)}]"
    if t is ast.CharIndex:
        return f"{expression_text(node.target)}[[{expression_text(node.index)}]]"
    if t is ast.ArrayElement:
        return f"{expression_text(node.target)}{{{expression_text(node.index)}}}"
    if t is ast.Star:
        return "*"
    if t is ast.Unary:
        return node.op + _operand(node.operand, 4, False)
    if t in (ast.Binary, ast.Logical):
        level = _level(node)
        return f"{_operand(node.left, level, False)}{node.op}{_operand(node.right, level, True)}"
    if t is ast.Ternary:
        return (
            f"{_operand(node.condition, 1, False)} ? {expression_text(node.if_true)} : {expression_text(node.if_false)}"
        )
    if t is ast.ObjectLiteral:
        items = []
        for key, value in node.items:
            k = key if isinstance(key, str) else f"[{expression_text(key)}]"
            items.append(f"{k}: {expression_text(value)}")
        return "{" + "; ".join(items) + "}"
    if t is ast.CollectionLiteral:
        return "[" + "; ".join(expression_text(v) for v in node.items) + "]"
    if t is ast.PointerTo:
        return "->" + expression_text(node.target)
    if t is ast.Dereference:
        return expression_text(node.pointer) + "->"
    if t is ast.TableRef:
        return f"[{node.table}]"
    if t is ast.FieldRef:
        return f"[{node.table}]{node.field}"
    if t is ast.TryExpression:
        return f"Try({expression_text(node.expression)})"
    if t is ast.Assign:
        return f"{expression_text(node.target)}{node.op}{expression_text(node.value)}"
    if t is ast.Return:
        return "return" if node.value is None else "return " + expression_text(node.value)
    return "…"


__all__ = ["Function4D", "Formula", "compile_formula", "formula_from_string", "expression_text", "FourDError"]
