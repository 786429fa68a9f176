"""Build fourd's AST (:mod:`fourd.syntax.ast`) as the LALR driver reduces each rule.

Each public function of :class:`AstBuilder` is named after a rule (or its
``-> alias``) of ``fourd.lark`` and receives the rule's children: tokens
(plain tuples ``(type, value, line, column, ...)`` from :func:`fourd.syntax.lexer.scan`,
read by index for speed; the punctuation whose place no node records is ``(type, value)``) and the values of sub-rules, with the
children of ``_inlined`` rules spliced in, as Lark would pass them.
"""

from __future__ import annotations

import dataclasses
import re

from . import ast
from .errors import FourDSyntaxError
from .literals import parse_date_literal, parse_number, parse_string_literal, parse_time_literal

_TOKENIZED_NAME = re.compile(r"^(.*?):(C(\d+)|K\d+:\d+)$", re.S)


def _maker(cls: type) -> object:
    """A fast constructor ``make(field1, ..., fieldN, line, column)`` for an AST dataclass.

    The dataclass ``__init__`` takes ``line`` and ``column`` by keyword, which
    costs about twice a plain call; the nodes made most often (an operand, an
    operator, a call) are made through these instead.  All fields are given.
    """
    names = [f.name for f in dataclasses.fields(cls) if f.name not in ("line", "column")]
    params = ", ".join(names + ["line", "column"])
    body = "".join(f"    o.{n} = {n}\n" for n in names + ["line", "column"])
    namespace = {"new": object.__new__, "cls": cls}
    exec(f"def make({params}):\n    o = new(cls)\n{body}    return o\n", namespace)  # noqa: S102
    return namespace["make"]


_literal = _maker(ast.Literal)
_name = _maker(ast.Name)
_call = _maker(ast.Call)
_member = _maker(ast.Member)
_method_call = _maker(ast.MethodCall)
_binary = _maker(ast.Binary)
_assign = _maker(ast.Assign)
_expression_statement = _maker(ast.ExpressionStatement)
_index = _maker(ast.Index)
_array_element = _maker(ast.ArrayElement)
_char_index = _maker(ast.CharIndex)
_dereference = _maker(ast.Dereference)
_pointer_to = _maker(ast.PointerTo)
_unary = _maker(ast.Unary)
_logical = _maker(ast.Logical)
_ternary = _maker(ast.Ternary)
_if = _maker(ast.If)
_while = _maker(ast.While)
_return = _maker(ast.Return)
_object_literal = _maker(ast.ObjectLiteral)
_collection_literal = _maker(ast.CollectionLiteral)
_process_var = _maker(ast.ProcessVar)
_interprocess_var = _maker(ast.InterprocessVar)
_use = _maker(ast.Use)
_repeat = _maker(ast.Repeat)
_type_ref = _maker(ast.TypeRef)
_param = _maker(ast.Param)
_index_call = _maker(ast.IndexCall)


_new = object.__new__
_LocalVar = ast.LocalVar
_Literal = ast.Literal


def _pos(token: tuple) -> dict[str, int]:
    return {"line": token[2], "column": token[3]}


def name_node(token: tuple) -> ast.Name:
    """A NAME token, plain or tokenized (``Length:C16``, ``Is real:K8:1``)."""
    text = token[1]
    if " " in text or "\t" in text:
        text = " ".join(text.split())
    m = _TOKENIZED_NAME.match(text) if ":" in text else None
    if m:
        if m.group(3):
            return ast.Name(m.group(1), number=int(m.group(3)), **_pos(token))
        return ast.Name(m.group(1), constant_token=m.group(2), **_pos(token))
    return _name(text, None, None, token[2], token[3])


def _interprocess_name(text: str) -> str:
    """``<>vName`` or ``◊vName`` → ``vName``."""
    return text[2:] if text.startswith("<>") else text[1:]


def _strip_token(text: str) -> str:
    """``cs:C1710`` → ``cs``: property and type words may be tokenized too."""
    m = _TOKENIZED_NAME.match(text) if ":" in text else None
    return m.group(1) if m else text


class _Pair(tuple):
    """Two values a rule hands to its parent (a Case branch, an object item): not a token."""

    __slots__ = ()


_ASSIGNABLE = (
    ast.LocalVar,
    ast.ProcessVar,
    ast.InterprocessVar,
    ast.Name,
    ast.Member,
    ast.Index,
    ast.CharIndex,
    ast.ArrayElement,
    ast.Dereference,
    ast.DynamicParam,
    ast.FieldRef,
)


class AstBuilder:
    # One builder serves every parse, so it holds no state; parse() stamps the
    # path on the errors it raises.
    def _error(self, message: str, node_or_token) -> FourDSyntaxError:
        if type(node_or_token) is tuple:
            return FourDSyntaxError(message, node_or_token[2], node_or_token[3])
        return FourDSyntaxError(message, node_or_token.line or 0, node_or_token.column or 0)

    # -- structure ---------------------------------------------------------------
    # A statement list alternates statement and NL, an argument list argument and ';'.
    def start(self, children):
        return _group_class_members(children[::2])

    def block(self, children):
        return children[::2]

    def if_stmt(self, c):
        kw, cond = c[0], c[1]
        blocks = [x for x in c if isinstance(x, list)]
        return _if(cond, blocks[0], blocks[1] if len(blocks) > 1 else None, kw[2], kw[3])

    def case_stmt(self, c):
        branches = [tuple(x) for x in c if type(x) is _Pair]
        blocks = [x for x in c if isinstance(x, list)]
        return ast.CaseOf(branches, blocks[0] if blocks else None, **_pos(c[0]))

    def case_branch(self, c):
        return _Pair((c[1], c[3]))

    def while_stmt(self, c):
        return _while(c[1], c[3], c[0][2], c[0][3])

    def repeat_stmt(self, c):
        return _repeat(c[2], c[4], c[0][2], c[0][3])

    def for_stmt(self, c):
        exprs = [x for x in c if isinstance(x, ast.Node)]
        body = next(x for x in c if isinstance(x, list))
        var, start, end = exprs[0], exprs[1], exprs[2]
        step = exprs[3] if len(exprs) > 3 else None
        self._check_assignable(var)
        return ast.For(var, start, end, step, body, **_pos(c[0]))

    def foreach_stmt(self, c):
        body_index = next(i for i, x in enumerate(c) if isinstance(x, list))
        head = [x for x in c[:body_index] if isinstance(x, ast.Node)]
        conds = [x for x in c if type(x) is _Pair]
        var, source = head[0], head[1]
        begin = head[2] if len(head) > 2 else None
        end = head[3] if len(head) > 3 else None
        self._check_assignable(var)
        node = ast.ForEach(var, source, begin, end, c[body_index], **_pos(c[0]))
        for kind, expr in conds:
            if kind == "until":
                node.until = expr
            else:
                node.while_ = expr
        return node

    def until_cond(self, c):
        return _Pair(("until", c[1]))

    def while_cond(self, c):
        return _Pair(("while", c[1]))

    def use_stmt(self, c):
        return _use(c[1], c[3], c[0][2], c[0][3])

    def try_stmt(self, c):
        blocks = [x for x in c if isinstance(x, list)]
        return ast.TryBlock(blocks[0], blocks[1] if len(blocks) > 1 else None, **_pos(c[0]))

    def return_stmt(self, c):
        return _return(c[1] if len(c) > 1 else None, c[0][2], c[0][3])

    def break_stmt(self, c):
        return ast.Break(**_pos(c[0]))

    def continue_stmt(self, c):
        return ast.Continue(**_pos(c[0]))

    def sql_stmt(self, c):
        return ast.SQLBlock(c[0][1], **_pos(c[0]))

    def assign_stmt(self, c):
        target, op, value = c
        self._check_assignable(target)
        return _assign(target, op[1], value, target.line, target.column)

    def expr_stmt(self, c):
        node = c[0]
        return _expression_statement(node, node.line, node.column)

    def _check_assignable(self, node: ast.Node) -> None:
        if not isinstance(node, _ASSIGNABLE):
            raise self._error("expected a variable, property or element on the left of ':='", node)

    # -- declarations ------------------------------------------------------------
    def var_stmt(self, c):
        names = [x for x in c if isinstance(x, ast.Node) and not isinstance(x, ast.TypeRef)]
        type_ref = next((x for x in c if isinstance(x, ast.TypeRef)), None)
        value = None
        for i, x in enumerate(c):
            if type(x) is tuple and x[0] == "ASSIGN":
                value = c[i + 1]
                names = [n for n in names if n is not value]
        if value is not None and len(names) > 1:  # variables.md: "multiple assignments in one line are not supported"
            raise self._error("a var declaration with ':=' declares one variable", names[1])
        return ast.VarDecl(names, type_ref, value, **_pos(c[0]))

    def var_name(self, c):
        tok = c[0]
        if tok[0] == "LOCAL":
            return ast.LocalVar(tok[1], **_pos(tok))
        if tok[0] == "INTERPROCESS":
            return _interprocess_var(_interprocess_name(tok[1]), tok[2], tok[3])
        return _process_var(tok[1], tok[2], tok[3])

    def type_ref(self, c):
        parts = [_strip_token(t[1]) for t in c if type(t) is tuple and t[0] != "DOT"]
        return _type_ref(parts, c[0][2], c[0][3])

    def declare_stmt(self, c):
        params = next((x for x in c if isinstance(x, list)), [])
        result = next((x for x in c if isinstance(x, ast.Param)), None)
        return ast.Declare(params, result, **_pos(c[0]))

    def params(self, c):
        return [x for x in c if isinstance(x, ast.Param)]

    def param(self, c):
        tok = c[0]
        type_ref = c[2] if len(c) > 2 else None
        name = tok[1]
        if tok[0] == "NAME":
            name = "$" + name  # 4D 21 accepts parameter names without the `$`
        return _param(name, type_ref, tok[2], tok[3])

    def named_result(self, c):
        return _param(c[1][1], c[3] if len(c) > 3 else None, c[1][2], c[1][3])

    def typed_result(self, c):
        return _param("", c[1], c[0][2], c[0][3])

    def class_extends(self, c):
        return ast.ClassExtends(c[1].parts, **_pos(c[0]))

    def constructor_header(self, c):
        mods = [t[1].lower() for t in c if type(t) is tuple and t[0] == "MODIFIER"]
        kw = next(t for t in c if type(t) is tuple and t[0] == "CLASS_CONSTRUCTOR")
        params = next((x for x in c if isinstance(x, list)), [])
        return ast.ClassConstructor(params, [], mods, **_pos(kw))

    def function_header(self, c):
        mods = [t[1].lower() for t in c if type(t) is tuple and t[0] == "MODIFIER"]
        kw = next(t for t in c if type(t) is tuple and t[0] == "FUNCTION")
        kind = next((t[1].lower() for t in c if type(t) is tuple and t[0] == "FN_KIND"), "")
        names = [_strip_token(t[1]) for t in c if type(t) is tuple and t[0] in ("PROPNAME", "NAME")]
        params = next((x for x in c if isinstance(x, list)), [])
        result = next((x for x in c if isinstance(x, ast.Param)), None)
        if kind == "orderby":
            kind = "orderBy"
        # `Function event touched departureDate(…)`: the event, then the attribute it watches.
        attribute = names[1] if len(names) > 1 else ""
        return ast.FunctionDef(names[0], kind, params, result, [], mods, attribute=attribute, **_pos(kw))

    def property_decl(self, c):
        mods = [t[1].lower() for t in c if type(t) is tuple and t[0] == "MODIFIER"]
        kw = next(t for t in c if type(t) is tuple and t[0] == "PROPERTY")
        names = [t[1] for t in c if type(t) is tuple and t[0] in ("PROPNAME", "NAME")]
        type_ref = next((x for x in c if isinstance(x, ast.TypeRef)), None)
        value = None
        for i, x in enumerate(c):
            if type(x) is tuple and x[0] == "ASSIGN":
                value = c[i + 1]
        return ast.PropertyDecl(names, type_ref, value, mods, **_pos(kw))

    def alias_decl(self, c):
        mods = [t[1].lower() for t in c if type(t) is tuple and t[0] == "MODIFIER"]
        kw = next(t for t in c if type(t) is tuple and t[0] == "ALIAS")
        name = next(_strip_token(t[1]) for t in c if type(t) is tuple and t[0] == "PROPNAME")
        path = next(x for x in c if isinstance(x, ast.TypeRef)).parts
        return ast.AliasDecl(name, path, mods, **_pos(kw))

    # -- expressions ---------------------------------------------------------------
    def ternary(self, c):
        return _ternary(c[0], c[2], c[4], c[0].line, c[0].column)

    def logical(self, c):
        left, op, right = c
        if op[1] in ("&&", "||"):
            return _logical(op[1], left, right, op[2], op[3])
        return _binary(op[1], left, right, op[2], op[3])

    def binary(self, c):
        left, op, right = c
        return _binary(op[1], left, right, op[2], op[3])

    def negate(self, c):
        return _unary("-", c[1], c[0][2], c[0][3])

    def plus(self, c):
        return _unary("+", c[1], c[0][2], c[0][3])

    def member(self, c):
        tok = c[2]
        return _member(c[0], _strip_token(tok[1]), tok[2], tok[3])

    def method_call(self, c):
        tok = c[2]
        return _method_call(c[0], _strip_token(tok[1]), c[4], tok[2], tok[3])

    def index(self, c):
        return _index(c[0], c[2], c[1][2], c[1][3])

    def index_call(self, c):
        return _index_call(c[0], c[2], c[5], c[1][2], c[1][3])

    def char_index(self, c):
        return _char_index(c[0], c[2], c[1][2], c[1][3])

    def array_element(self, c):
        return _array_element(c[0], c[2], c[1][2], c[1][3])

    def dereference(self, c):
        return _dereference(c[0], c[1][2], c[1][3])

    def pointer_member(self, c):
        # `vPtr->name` is the property of the object the pointer points to: (vPtr->).name
        target = _dereference(c[0], c[1][2], c[1][3])
        return ast.Member(target, _strip_token(c[2][1]), **_pos(c[2]))

    def pointer_index(self, c):
        target = _dereference(c[0], c[1][2], c[1][3])
        return _index(target, c[3], c[2][2], c[2][3])

    def pointer(self, c):
        return _pointer_to(c[1], c[0][2], c[0][3])

    def number(self, c):
        return self.number_token(c[0])

    def string(self, c):
        return self.string_token(c[0])

    # The driver calls `<rule>_token(token)` for a rule made of one token it
    # reduces as it shifts it (no list of children); these are the frequent
    # ones, made in one call rather than two.
    def local_token(self, tok):
        o = _new(_LocalVar)
        o.name = tok[1]
        o.line = tok[2]
        o.column = tok[3]
        return o

    def number_token(self, tok):
        o = _new(_Literal)
        o.value = parse_number(tok[1])
        o.line = tok[2]
        o.column = tok[3]
        return o

    def string_token(self, tok):
        o = _new(_Literal)
        text = tok[1]
        o.value = text[1:-1] if "\\" not in text else parse_string_literal(text)
        o.line = tok[2]
        o.column = tok[3]
        return o

    def date(self, c):
        try:
            value = parse_date_literal(c[0][1])
        except ValueError as exc:
            raise self._error(f"invalid date literal {c[0][1]}: {exc}", c[0]) from None
        return ast.Literal(value, **_pos(c[0]))

    def time(self, c):
        try:
            value = parse_time_literal(c[0][1])
        except ValueError as exc:
            raise self._error(f"invalid time literal {c[0][1]}: {exc}", c[0]) from None
        return ast.Literal(value, **_pos(c[0]))

    def local(self, c):
        return self.local_token(c[0])

    def dynamic_param(self, c):
        return ast.DynamicParam(c[1], **_pos(c[0]))

    def interprocess(self, c):
        return _interprocess_var(_interprocess_name(c[0][1]), c[0][2], c[0][3])

    def paren(self, c):
        return c[1]

    def name(self, c):
        return name_node(c[0])

    def call(self, c):
        tok = c[0]
        return _call(name_node(tok), c[2], tok[2], tok[3])

    def elided(self, c):
        return ast.Elided(**_pos(c[0]))

    def try_expr(self, c):
        return ast.TryExpression(c[2], **_pos(c[0]))

    def field(self, c):
        m = re.match(r"\[([^\]:]+)(?::\d+)?\]([^:]+)", c[0][1])
        return ast.FieldRef(" ".join(m.group(1).split()), m.group(2), **_pos(c[0]))

    def table(self, c):
        m = re.match(r"\[([^\]:]+)", c[0][1])
        return ast.TableRef(" ".join(m.group(1).split()), **_pos(c[0]))

    def args(self, c):
        return c[::2]

    def star(self, c):
        return ast.Star(**_pos(c[0]))

    def assign_arg(self, c):
        # Only Formula() gives these a meaning; elsewhere the compiler reports them.
        return self.assign_stmt(c)

    def return_arg(self, c):
        return self.return_stmt(c)

    def operator_arg(self, c):
        return ast.OperatorArg(c[0][1], **_pos(c[0]))

    def object_literal(self, c):
        return _object_literal(c[1], c[0][2], c[0][3])

    def obj_items(self, c):
        return [tuple(x) for x in c if type(x) is _Pair]

    def obj_item(self, c):
        key = c[0]
        if type(key) is tuple and key[0] == "LBRACK":
            return _Pair((c[1], c[4]))
        if key[0] == "STRING":
            return _Pair((parse_string_literal(key[1]), c[2]))
        return _Pair((_strip_token(" ".join(key[1].split())), c[2]))

    def collection_literal(self, c):
        return _collection_literal(c[1], c[0][2], c[0][3])

    def coll_items(self, c):
        return [x for x in c if isinstance(x, ast.Node)]


def _group_class_members(statements: list[ast.Node]) -> list[ast.Node]:
    """In a class file, the statements after a ``Function`` line are its body."""
    out: list[ast.Node] = []
    current: ast.ClassConstructor | ast.FunctionDef | None = None
    for stmt in statements:
        if isinstance(stmt, (ast.ClassConstructor, ast.FunctionDef)):
            current = stmt
            out.append(stmt)
        elif isinstance(stmt, (ast.ClassExtends, ast.PropertyDecl, ast.AliasDecl)) or current is None:
            out.append(stmt)
        else:
            current.body.append(stmt)
    return out
