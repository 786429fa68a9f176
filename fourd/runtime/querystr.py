"""Query strings of ``collection.query()`` / ``.indices()`` (and later ORDA): parse once, test elements.

Syntax (API/CollectionClass.md, ``.query()``)::

    propertyPath comparator value {logicalOperator propertyPath comparator value}

with parentheses, ``NOT``, indexed (``:1``) and named (``:name``) placeholders
for paths and values, quoted (``'…'``) or bare text, numbers, ``true``/``false``,
``null``, and ``IN`` with a collection or a ``[v1, v2]`` list.  Paths may go
through collections with ``[]`` (``children[].age``: any element matches).

Comparisons reuse :mod:`fourd.runtime.operators`; a comparison between values
of different types is simply not a match (no error), as 4D queries behave.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .errors import FourDError, error
from .operators import equal, fold, greater, greater_equal, less, less_equal
from .values import UNDEFINED, Collection4D, Date4D, Object4D, is_number

Test = Callable[[Any], bool]

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<lpar>\() | (?P<rpar>\)) |
      (?P<quoted>'[^']*'|"(?:[^"\\]|\\.)*") |
      (?P<list>\[(?:[^\]'"]|'[^']*'|"(?:[^"\\]|\\.)*")*\](?!\.|\w)) |
      (?P<op>===|!==|==|!=|<=|>=|=|\#|<|>|&&|\|\||&|\|) |
      (?P<placeholder>:[A-Za-z0-9_]+) |
      (?P<word>[^\s()=\#<>!&|'"]+(?:\[\][^\s()=\#<>!&|'"]*)*)
    )""",
    re.VERBOSE,
)

_COMPARATORS = {"=", "==", "===", "#", "!=", "!==", "<", ">", "<=", ">=", "in", "is", "is not", "%"}
_AND = {"&", "&&", "and"}
_OR = {"|", "||", "or"}


def _tokens(text: str) -> list[tuple[str, str]]:
    out = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise error("query_syntax", detail=f"unexpected character at position {pos + 1} in {text!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    def __init__(self, text: str, params: list[Any], settings: Object4D | None):
        self.tokens = _tokens(text)
        self.pos = 0
        self.params = params
        self.values = settings.props.get("parameters") if settings is not None else None
        self.attributes = settings.props.get("attributes") if settings is not None else None
        self.text = text

    # -- token helpers
    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        tok = self.peek()
        if tok is None:
            raise error("query_syntax", detail=f"unexpected end of {self.text!r}")
        self.pos += 1
        return tok

    def word_is(self, *words: str) -> bool:
        tok = self.peek()
        return tok is not None and tok[0] in ("word", "op") and tok[1].lower() in words

    # -- grammar: or_expr := and_expr (OR and_expr)* ; and_expr := unary (AND unary)*
    def parse(self) -> Test:
        test = self.or_expr()
        if self.peek() is not None:
            raise error("query_syntax", detail=f"unexpected {self.peek()[1]!r} in {self.text!r}")
        return test

    def or_expr(self) -> Test:
        parts = [self.and_expr()]
        while self.word_is(*_OR):
            self.take()
            parts.append(self.and_expr())
        if len(parts) == 1:
            return parts[0]
        return lambda item: any(p(item) for p in parts)

    def and_expr(self) -> Test:
        parts = [self.unary()]
        while self.word_is(*_AND):
            self.take()
            parts.append(self.unary())
        if len(parts) == 1:
            return parts[0]
        return lambda item: all(p(item) for p in parts)

    def unary(self) -> Test:
        if self.word_is("not"):
            self.take()
            inner = self.unary()
            return lambda item: not inner(item)
        tok = self.peek()
        if tok is not None and tok[0] == "lpar":
            self.take()
            inner = self.or_expr()
            if self.take()[0] != "rpar":
                raise error("query_syntax", detail=f"')' expected in {self.text!r}")
            return inner
        return self.condition()

    def condition(self) -> Test:
        path = self.path()
        kind, op = self.take()
        op = op.lower()
        if op == "is" and self.word_is("not"):
            self.take()
            op = "is not"
        if op not in _COMPARATORS:
            raise error("query_syntax", detail=f"comparator expected, got {op!r} in {self.text!r}")
        value = self.value(op == "in")
        return _condition(path, op, value)

    def path(self) -> list[str]:
        kind, text = self.take()
        if kind == "placeholder":
            attr = self.placeholder(text[1:], self.attributes)
            if type(attr) is Collection4D:
                return [str(p) for p in attr.items]
            if type(attr) is not str:
                raise error("query_syntax", detail=f"the placeholder {text} must give a property path")
            return attr.split(".")
        if kind != "word":
            raise error("query_syntax", detail=f"property path expected, got {text!r} in {self.text!r}")
        return text.split(".")

    def placeholder(self, name: str, named: Any) -> Any:
        if name.isdigit():
            i = int(name) - 1
            if 0 <= i < len(self.params):
                return self.params[i]
        elif type(named) is Object4D and name in named.props:
            return named.props[name]
        raise error("query_placeholder", name=name)

    def value(self, is_in: bool) -> Any:
        kind, text = self.take()
        if kind == "placeholder":
            return self.placeholder(text[1:], self.values)
        if kind == "quoted":
            return _unquote(text)
        if kind == "list":
            return Collection4D([_literal(p) for p in _split_list(text[1:-1])])
        if kind == "word":
            return _literal(text)
        raise error("query_syntax", detail=f"value expected, got {text!r} in {self.text!r}")


_NULL = object()  # the `null` keyword (placeholders cannot give it)


def _unquote(text: str) -> str:
    if text[0] == '"':
        return re.sub(r"\\(.)", r"\1", text[1:-1])
    return text[1:-1]


def _literal(text: str) -> Any:
    text = text.strip()
    if text[:1] in ("'", '"'):
        return _unquote(text)
    if text == "true":
        return True
    if text == "false":
        return False
    if text.lower() == "null":
        return _NULL
    if re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text):
        return float(text)
    return text


def _split_list(body: str) -> list[str]:
    parts, current, quote = [], "", ""
    for ch in body:
        if quote:
            current += ch
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            current += ch
        elif ch == ",":
            parts.append(current)
            current = ""
        else:
            current += ch
    if current.strip():
        parts.append(current)
    return [p for p in parts if p.strip()]


def _as_date(text: str) -> Date4D | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    return Date4D(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _compare(a: Any, op: str, b: Any) -> bool:
    """One element value against one query value; different types never match."""
    if b is _NULL:
        is_null = a is None or a is UNDEFINED
        return is_null if op in ("=", "==", "===", "is") else not is_null
    if a is UNDEFINED or a is None:
        return op in ("#", "!=", "!==", "is not")
    if type(a) is Date4D and type(b) is str:
        b = _as_date(b) or b
    ta, tb = type(a), type(b)
    same = ta is tb or (is_number(a) and is_number(b))
    if op in ("=", "=="):
        return same and equal(a, b)
    if op in ("#", "!="):
        return not (same and equal(a, b))
    if op in ("===", "is"):
        return same and (fold(a) == fold(b) if ta is str else equal(a, b))
    if op in ("!==", "is not"):
        return not (same and (fold(a) == fold(b) if ta is str else equal(a, b)))
    if not same or ta in (Object4D, Collection4D):
        return False
    try:
        if op == "<":
            return less(a, b)
        if op == ">":
            return greater(a, b)
        if op == "<=":
            return less_equal(a, b)
        if op == ">=":
            return greater_equal(a, b)
        if op == "%" and ta is str:
            from .operators import keyword_match

            return keyword_match(a, b)
    except FourDError:
        return False
    return False


def _values_at(item: Any, path: list[str]) -> list[Any]:
    """The values at ``path``; a ``name[]`` step fans out over the elements of a collection."""
    current = [item]
    for part in path:
        fan = part.endswith("[]")
        name = part[:-2] if fan else part
        nxt = []
        for v in current:
            if type(v) is not Object4D:
                nxt.append(UNDEFINED)
                continue
            child = v.props.get(name, UNDEFINED) if v.cls is None else _member(v, name)
            if fan:
                if type(child) is Collection4D:
                    nxt.extend(child.items)
            else:
                nxt.append(child)
        current = nxt
    return current


def _member(obj: Object4D, name: str) -> Any:
    from .objects import get_member

    return get_member(obj, name)


def _condition(path: list[str], op: str, value: Any) -> Test:
    negative = op in ("#", "!=", "!==", "is not")
    if op == "in":
        choices = value.items if type(value) is Collection4D else [value]

        def test_in(item: Any) -> bool:
            return any(_compare(v, "=", c) for v in _values_at(item, path) for c in choices)

        return test_in

    def test(item: Any) -> bool:
        if type(item) is not Object4D:
            return False
        values = _values_at(item, path)
        if negative:
            # "#" is "Not (… = …)": no value of the path may match.
            positive = {"#": "=", "!=": "=", "!==": "===", "is not": "==="}[op]
            return not any(_compare(v, positive, value) for v in values)
        return any(_compare(v, op, value) for v in values)

    return test


def compile_query(text: str, params: list[Any], settings: Object4D | None = None) -> Test:
    """A predicate testing one collection element against the query string ``text``."""
    if not text.strip():
        raise error("query_syntax", detail="empty query string")
    return _Parser(text, params, settings).parse()
