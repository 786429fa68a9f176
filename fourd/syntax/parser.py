"""Parse 4D source into a :class:`fourd.syntax.ast.Module`.

``parse(source, path)`` is the one entry point; it raises
:class:`FourDSyntaxError` with a line, a column and what was expected.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from lark import Lark, Token
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError
from lark.lexer import Lexer

from . import ast
from .builder import AstBuilder
from .errors import FourDSyntaxError
from .lexer import LexOptions, tokenize

_ATTRIBUTES_RE = re.compile(r"^\s*//%attributes\s*=\s*(\{.*\})\s*$")


class _TokenStream(Lexer):
    """Lark 'lexer' that hands over the tokens fourd's own lexer made."""

    def __init__(self, lexer_conf: Any):
        pass

    def lex(self, tokens: list[Token]):  # type: ignore[override]
        yield from tokens


@lru_cache(maxsize=1)
def _lark() -> Lark:
    grammar = resources.files("fourd.grammar").joinpath("fourd.lark").read_text(encoding="utf-8")
    # cache=True: the LALR tables are built once per grammar version and kept in the temp folder
    # (building them takes seconds; every `fourd` process and doctest worker would pay it).
    return Lark(grammar, parser="lalr", lexer=_TokenStream, maybe_placeholders=False, cache=True)


# What a user should read instead of a terminal's name.
_TERMINAL_WORDS = {
    "NL": "end of line",
    "NUMBER": "a number",
    "STRING": "a string",
    "LOCAL": "a local variable",
    "NAME": "a name",
    "PROPNAME": "a property name",
    "ASSIGN": "':='",
    "COMPOUND": "'+=', '-=', '*=' or '/='",
    "COLON": "':'",
    "SEMI": "';'",
    "LPAR": "'('",
    "RPAR": "')'",
    "LBRACE": "'{'",
    "RBRACE": "'}'",
    "LBRACK": "'['",
    "RBRACK": "']'",
    "CHAR_CLOSE": "']]'",
    "DOT": "'.'",
    "ARROW": "'->'",
    "COMPARE": "a comparison operator",
    "ARITH": "an operator",
    "LOGIC": "'&' or '|'",
    "END_IF": "'End if'",
    "END_CASE": "'End case'",
    "END_WHILE": "'End while'",
    "END_FOR": "'End for'",
    "END_FOR_EACH": "'End for each'",
    "END_USE": "'End use'",
    "END_TRY": "'End try'",
    "UNTIL": "'Until'",
    "ELSE": "'Else'",
    "QMARK": "'?'",
}


def _describe(token: Token | None) -> str:
    if token is None or token.type == "$END":
        return "end of file"
    if token.type == "NL":
        return "end of line"
    return repr(str(token))


_EXPRESSION_STARTS = {"NUMBER", "STRING", "LOCAL", "NAME"}


def _expected_text(expected: set[str]) -> str:
    if _EXPRESSION_STARTS <= expected:
        others = expected - _EXPRESSION_STARTS - {"DATE", "TIME", "DOLLAR_LBRACE", "INTERPROCESS", "FIELD", "TABLE",
                                                  "TRY", "LPAR", "LBRACE", "LBRACK", "ARROW", "MINUS", "PLUS", "STAR"}
        return "an expression" + (" or " + _expected_text(others) if others and len(others) < 4 else "")
    words = sorted({_TERMINAL_WORDS.get(t, t.lower().replace("_", " ")) for t in expected if t != "$END"})
    if not words:
        return "end of file"
    if len(words) > 6:
        return ", ".join(words[:6]) + ", …"
    return ", ".join(words)


def parse_attributes(source: str) -> dict[str, Any]:
    """The method properties of a ``//%attributes = {…}`` first line (empty when absent)."""
    first = source.split("\n", 1)[0]
    m = _ATTRIBUTES_RE.match(first)
    if not m:
        return {}
    try:
        value = json.loads(m.group(1))
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def parse(source: str, path: str = "<code>", options: LexOptions | None = None) -> ast.Module:
    tokens = tokenize(source, path, options)
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    try:
        tree = _lark().parse(tokens)
        body = AstBuilder(path).transform(tree)
    except UnexpectedToken as exc:
        raise _syntax_error(exc.token, exc.expected, path, lines, tokens) from None
    except UnexpectedEOF as exc:
        raise _syntax_error(None, set(exc.expected), path, lines, tokens) from None
    except (UnexpectedCharacters, UnexpectedInput) as exc:  # pragma: no cover - our lexer runs first
        raise FourDSyntaxError(str(exc), getattr(exc, "line", 0), getattr(exc, "column", 0), path) from None
    except VisitError as exc:
        if isinstance(exc.orig_exc, FourDSyntaxError):
            err = exc.orig_exc
            err.source_line = lines[err.line - 1] if 0 < err.line <= len(lines) else ""
            raise err from None
        raise
    return ast.Module(body, path=path, attributes=parse_attributes(source), line=1)


_OPENERS = {
    "IF": "END_IF",
    "CASE_OF": "END_CASE",
    "WHILE": "END_WHILE",
    "REPEAT": "UNTIL",
    "FOR": "END_FOR",
    "FOR_EACH": "END_FOR_EACH",
    "USE": "END_USE",
    "TRY": "END_TRY",
}
_CLOSERS = {v: k for k, v in _OPENERS.items()}


def _unclosed_block(tokens: list[Token], upto: Token | None) -> Token | None:
    """The innermost block opener still open before ``upto`` (all tokens when None)."""
    stack: list[Token] = []
    at_start = True
    for i, tok in enumerate(tokens):
        if upto is not None and tok is upto:
            break
        if at_start and tok.type in _OPENERS:
            # `Try(expr)` and `Use` are openers only at the start of a statement line ending the header.
            if not (tok.type == "TRY" and i + 1 < len(tokens) and tokens[i + 1].type == "LPAR"):
                stack.append(tok)
        elif at_start and tok.type in _CLOSERS and stack and stack[-1].type == _CLOSERS[tok.type]:
            stack.pop()
        at_start = tok.type == "NL"
    return stack[-1] if stack else None


def _syntax_error(
    token: Token | None, expected: set[str], path: str, lines: list[str], tokens: list[Token]
) -> FourDSyntaxError:
    if token is None or token.type == "$END":
        line = len(lines)
        while line > 1 and not lines[line - 1].strip():
            line -= 1
        column = len(lines[line - 1]) + 1 if lines else 1
    else:
        line, column = token.line, token.column
    source_line = lines[line - 1] if 0 < line <= len(lines) else ""
    found = _describe(token)
    closers = {t for t in expected if t in _CLOSERS}
    opener = _unclosed_block(tokens, token if token is not None and token.type != "$END" else None)
    if closers and opener is not None and _OPENERS[opener.type] in closers and (token is None or token.type in ("$END",) or token.type in _CLOSERS):
        want = _TERMINAL_WORDS.get(_OPENERS[opener.type], _OPENERS[opener.type])
        message = f"unexpected {found}; expected {want} to close {str(opener)!r} of line {opener.line}"
    elif token is not None and token.type == "NAME" and "COLON" in expected and _previous(tokens, token, "LOCAL"):
        message = f"unexpected {found}; expected ':' between the parameter name and its type"
    else:
        message = f"unexpected {found}; expected {_expected_text(set(expected))}"
    return FourDSyntaxError(message, line, column, path, source_line.rstrip())


def _previous(tokens: list[Token], token: Token, kind: str) -> bool:
    for i, tok in enumerate(tokens):
        if tok is token:
            return i > 0 and tokens[i - 1].type == kind
    return False
