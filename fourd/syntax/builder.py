"""Build fourd's AST (:mod:`fourd.syntax.ast`) as the LALR driver reduces each rule.

Each public function of :class:`AstBuilder` is named after a rule (or its
``-> alias``) of ``fourd.lark`` and receives the rule's children: tokens
(:class:`fourd.syntax.lexer.Token`) and the values of sub-rules, with the
children of ``_inlined`` rules spliced in, as Lark would pass them.
"""

from __future__ import annotations

import re

from . import ast
from .errors import FourDSyntaxError
from .lexer import Token
from .literals import parse_date_literal, parse_number, parse_string_literal, parse_time_literal

_TOKENIZED_NAME = re.compile(r"^(.*?):(C(\d+)|K\d+:\d+)$", re.S)


def _pos(token: Token) -> dict[str, int]:
    return {"line": token.line, "column": token.column}


def _node_pos(node: ast.Node) -> dict[str, int]:
    return {"line": node.line, "column": node.column}


def _statements(children: list) -> list[ast.Node]:
    return [c for c in children if isinstance(c, ast.Node)]


def name_node(token: Token) -> ast.Name:
    """A NAME token, plain or tokenized (``Length:C16``, ``Is real:K8:1``)."""
    text = token.value
    if " " in text or "\t" in text:
        text = " ".join(text.split())
    m = _TOKENIZED_NAME.match(text) if ":" in text else None
    if m:
        if m.group(3):
            return ast.Name(m.group(1), number=int(m.group(3)), **_pos(token))
        return ast.Name(m.group(1), constant_token=m.group(2), **_pos(token))
    return ast.Name(text, **_pos(token))


def _interprocess_name(text: str) -> str:
    """``<>vName`` or ``◊vName`` → ``vName``."""
    return text[2:] if text.startswith("<>") else text[1:]


def _strip_token(text: str) -> str:
    """``cs:C1710`` → ``cs``: property and type words may be tokenized too."""
    m = _TOKENIZED_NAME.match(text) if ":" in text else None
    return m.group(1) if m else text


class AstBuilder:
    # One builder serves every parse, so it holds no state; parse() stamps the
    # path on the errors it raises.
    def _error(self, message: str, node_or_token) -> FourDSyntaxError:
        return FourDSyntaxError(message, node_or_token.line or 0, node_or_token.column or 0)

    # -- structure ---------------------------------------------------------------
    def start(self, children):
        return _group_class_members(_statements(children))

    def block(self, children):
        return _statements(children)

    def if_stmt(self, c):
        kw, cond = c[0], c[1]
        blocks = [x for x in c if isinstance(x, list)]
        return ast.If(cond, blocks[0], blocks[1] if len(blocks) > 1 else None, **_pos(kw))

    def case_stmt(self, c):
        branches = [x for x in c if type(x) is tuple]
        blocks = [x for x in c if isinstance(x, list)]
        return ast.CaseOf(branches, blocks[0] if blocks else None, **_pos(c[0]))

    def case_branch(self, c):
        return (c[1], c[3])

    def while_stmt(self, c):
        return ast.While(c[1], c[3], **_pos(c[0]))

    def repeat_stmt(self, c):
        return ast.Repeat(c[2], c[4], **_pos(c[0]))

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
        conds = [x for x in c if type(x) is tuple]
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
        return ("until", c[1])

    def while_cond(self, c):
        return ("while", c[1])

    def use_stmt(self, c):
        return ast.Use(c[1], c[3], **_pos(c[0]))

    def try_stmt(self, c):
        blocks = [x for x in c if isinstance(x, list)]
        return ast.TryBlock(blocks[0], blocks[1] if len(blocks) > 1 else None, **_pos(c[0]))

    def return_stmt(self, c):
        return ast.Return(c[1] if len(c) > 1 else None, **_pos(c[0]))

    def break_stmt(self, c):
        return ast.Break(**_pos(c[0]))

    def continue_stmt(self, c):
        return ast.Continue(**_pos(c[0]))

    def sql_stmt(self, c):
        return ast.SQLBlock(c[0].value, **_pos(c[0]))

    def assign_stmt(self, c):
        target, op, value = c
        self._check_assignable(target)
        return ast.Assign(target, op.value, value, **_node_pos(target))

    def expr_stmt(self, c):
        return ast.ExpressionStatement(c[0], **_node_pos(c[0]))

    def _check_assignable(self, node: ast.Node) -> None:
        assignable = (
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
        if not isinstance(node, assignable):
            raise self._error("expected a variable, property or element on the left of ':='", node)

    # -- declarations ------------------------------------------------------------
    def var_stmt(self, c):
        names = [x for x in c if isinstance(x, ast.Node) and not isinstance(x, ast.TypeRef)]
        type_ref = next((x for x in c if isinstance(x, ast.TypeRef)), None)
        value = None
        for i, x in enumerate(c):
            if isinstance(x, Token) and x.type == "ASSIGN":
                value = c[i + 1]
                names = [n for n in names if n is not value]
        return ast.VarDecl(names, type_ref, value, **_pos(c[0]))

    def var_name(self, c):
        tok = c[0]
        if tok.type == "LOCAL":
            return ast.LocalVar(tok.value, **_pos(tok))
        if tok.type == "INTERPROCESS":
            return ast.InterprocessVar(_interprocess_name(tok.value), **_pos(tok))
        return ast.ProcessVar(tok.value, **_pos(tok))

    def type_ref(self, c):
        parts = [_strip_token(t.value) for t in c if isinstance(t, Token) and t.type != "DOT"]
        return ast.TypeRef(parts, **_pos(c[0]))

    def declare_stmt(self, c):
        params = next((x for x in c if isinstance(x, list)), [])
        result = next((x for x in c if isinstance(x, ast.Param)), None)
        return ast.Declare(params, result, **_pos(c[0]))

    def params(self, c):
        return [x for x in c if isinstance(x, ast.Param)]

    def param(self, c):
        tok = c[0]
        type_ref = c[2] if len(c) > 2 else None
        name = tok.value
        if tok.type == "NAME":
            name = "$" + name  # 4D 21 accepts parameter names without the `$`
        return ast.Param(name, type_ref, **_pos(tok))

    def named_result(self, c):
        return ast.Param(c[1].value, c[3] if len(c) > 3 else None, **_pos(c[1]))

    def typed_result(self, c):
        return ast.Param("", c[1], **_pos(c[0]))

    def class_extends(self, c):
        return ast.ClassExtends(c[1].parts, **_pos(c[0]))

    def constructor_header(self, c):
        mods = [t.value.lower() for t in c if isinstance(t, Token) and t.type == "MODIFIER"]
        kw = next(t for t in c if isinstance(t, Token) and t.type == "CLASS_CONSTRUCTOR")
        params = next((x for x in c if isinstance(x, list)), [])
        return ast.ClassConstructor(params, [], mods, **_pos(kw))

    def function_header(self, c):
        mods = [t.value.lower() for t in c if isinstance(t, Token) and t.type == "MODIFIER"]
        kw = next(t for t in c if isinstance(t, Token) and t.type == "FUNCTION")
        kind = next((t.value.lower() for t in c if isinstance(t, Token) and t.type == "FN_KIND"), "")
        names = [_strip_token(t.value) for t in c if isinstance(t, Token) and t.type in ("PROPNAME", "NAME")]
        params = next((x for x in c if isinstance(x, list)), [])
        result = next((x for x in c if isinstance(x, ast.Param)), None)
        if kind == "orderby":
            kind = "orderBy"
        # `Function event touched departureDate(…)`: the event, then the attribute it watches.
        attribute = names[1] if len(names) > 1 else ""
        return ast.FunctionDef(names[0], kind, params, result, [], mods, attribute=attribute, **_pos(kw))

    def property_decl(self, c):
        mods = [t.value.lower() for t in c if isinstance(t, Token) and t.type == "MODIFIER"]
        kw = next(t for t in c if isinstance(t, Token) and t.type == "PROPERTY")
        names = [t.value for t in c if isinstance(t, Token) and t.type in ("PROPNAME", "NAME")]
        type_ref = next((x for x in c if isinstance(x, ast.TypeRef)), None)
        value = None
        for i, x in enumerate(c):
            if isinstance(x, Token) and x.type == "ASSIGN":
                value = c[i + 1]
        return ast.PropertyDecl(names, type_ref, value, mods, **_pos(kw))

    def alias_decl(self, c):
        mods = [t.value.lower() for t in c if isinstance(t, Token) and t.type == "MODIFIER"]
        kw = next(t for t in c if isinstance(t, Token) and t.type == "ALIAS")
        name = next(_strip_token(t.value) for t in c if isinstance(t, Token) and t.type == "PROPNAME")
        path = next(x for x in c if isinstance(x, ast.TypeRef)).parts
        return ast.AliasDecl(name, path, mods, **_pos(kw))

    # -- expressions ---------------------------------------------------------------
    def ternary(self, c):
        return ast.Ternary(c[0], c[2], c[4], **_node_pos(c[0]))

    def logical(self, c):
        left, op, right = c
        if op.value in ("&&", "||"):
            return ast.Logical(op.value, left, right, **_pos(op))
        return ast.Binary(op.value, left, right, **_pos(op))

    def binary(self, c):
        left, op, right = c
        return ast.Binary(op.value, left, right, line=op.line, column=op.column)

    def negate(self, c):
        return ast.Unary("-", c[1], **_pos(c[0]))

    def plus(self, c):
        return ast.Unary("+", c[1], **_pos(c[0]))

    def member(self, c):
        tok = c[2]
        return ast.Member(c[0], _strip_token(tok.value), line=tok.line, column=tok.column)

    def method_call(self, c):
        return ast.MethodCall(c[0], _strip_token(c[2].value), c[4], **_pos(c[2]))

    def index(self, c):
        return ast.Index(c[0], c[2], **_pos(c[1]))

    def index_call(self, c):
        return ast.IndexCall(c[0], c[2], c[5], **_pos(c[1]))

    def char_index(self, c):
        return ast.CharIndex(c[0], c[2], **_pos(c[1]))

    def array_element(self, c):
        return ast.ArrayElement(c[0], c[2], **_pos(c[1]))

    def dereference(self, c):
        return ast.Dereference(c[0], **_pos(c[1]))

    def pointer(self, c):
        return ast.PointerTo(c[1], **_pos(c[0]))

    def number(self, c):
        tok = c[0]
        return ast.Literal(parse_number(tok.value), line=tok.line, column=tok.column)

    def string(self, c):
        tok = c[0]
        return ast.Literal(parse_string_literal(tok.value), line=tok.line, column=tok.column)

    def date(self, c):
        try:
            value = parse_date_literal(c[0].value)
        except ValueError as exc:
            raise self._error(f"invalid date literal {c[0].value}: {exc}", c[0]) from None
        return ast.Literal(value, **_pos(c[0]))

    def time(self, c):
        try:
            value = parse_time_literal(c[0].value)
        except ValueError as exc:
            raise self._error(f"invalid time literal {c[0].value}: {exc}", c[0]) from None
        return ast.Literal(value, **_pos(c[0]))

    def local(self, c):
        tok = c[0]
        return ast.LocalVar(tok.value, line=tok.line, column=tok.column)

    def dynamic_param(self, c):
        return ast.DynamicParam(c[1], **_pos(c[0]))

    def interprocess(self, c):
        return ast.InterprocessVar(_interprocess_name(c[0].value), **_pos(c[0]))

    def paren(self, c):
        return c[1]

    def name(self, c):
        return name_node(c[0])

    def call(self, c):
        return ast.Call(name_node(c[0]), c[2], **_pos(c[0]))

    def try_expr(self, c):
        return ast.TryExpression(c[2], **_pos(c[0]))

    def field(self, c):
        m = re.match(r"\[([^\]:]+)(?::\d+)?\]([^:]+)", c[0].value)
        return ast.FieldRef(" ".join(m.group(1).split()), m.group(2), **_pos(c[0]))

    def table(self, c):
        m = re.match(r"\[([^\]:]+)", c[0].value)
        return ast.TableRef(" ".join(m.group(1).split()), **_pos(c[0]))

    def args(self, c):
        return [x for x in c if isinstance(x, ast.Node)]

    def star(self, c):
        return ast.Star(**_pos(c[0]))

    def assign_arg(self, c):
        # Only Formula() gives these a meaning; elsewhere the compiler reports them.
        return self.assign_stmt(c)

    def return_arg(self, c):
        return self.return_stmt(c)

    def operator_arg(self, c):
        return ast.OperatorArg(c[0].value, **_pos(c[0]))

    def object_literal(self, c):
        return ast.ObjectLiteral(c[1], **_pos(c[0]))

    def obj_items(self, c):
        return [x for x in c if type(x) is tuple]

    def obj_item(self, c):
        key = c[0]
        if isinstance(key, Token) and key.type == "LBRACK":
            return (c[1], c[4])
        if key.type == "STRING":
            return (parse_string_literal(key.value), c[2])
        return (_strip_token(" ".join(key.value.split())), c[2])

    def collection_literal(self, c):
        return ast.CollectionLiteral(c[1], **_pos(c[0]))

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
