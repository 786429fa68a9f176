"""Parse 4D source into a :class:`fourd.syntax.ast.Module`.

``parse(source, path)`` is the one entry point; it raises
:class:`FourDSyntaxError` with a line, a column and what was expected.
"""

from __future__ import annotations

import gc
import json
import re
from functools import lru_cache
from typing import Any

from . import ast
from .builder import AstBuilder
from .errors import FourDSyntaxError
from .lalr import Driver, ParseError, load_tables
from .lexer import LexOptions, Token, scan, tokenize

_ATTRIBUTES_RE = re.compile(r"^\s*//%attributes\s*=\s*(\{.*\})\s*$")


@lru_cache(maxsize=1)
def driver() -> Driver:
    """The LALR driver over fourd.lark's tables (built by Lark once, then read from the cache)."""
    return Driver(load_tables(), AstBuilder())


# What a user should read instead of a terminal's name.
_TERMINAL_WORDS = {
    "NL": "end of line",
    "NUMBER": "a number",
    "STRING": "a string",
    "LOCAL": "a local variable",
    "NAME": "a name",
    "PROPNAME": "a property name",
    "INTERPROCESS": "an interprocess variable",
    "ASSIGN": "':='",
    "COMPOUND": "':='",
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
    "ELLIPSIS": "'...'",
    "END_IF": "'End if'",
    "END_CASE": "'End case'",
    "END_WHILE": "'End while'",
    "END_FOR": "'End for'",
    "END_FOR_EACH": "'End for each'",
    "END_USE": "'End use'",
    "END_TRY": "'End try'",
    "UNTIL": "'Until'",
    "ELSE": "'Else'",
    "CATCH": "'Catch'",
    "FN_KIND": "get/set",
    "TYPE": "a type",
}

# Terminals that can start an expression: when the parser wants any of them, say "an expression".
_EXPRESSION_STARTS = frozenset(
    {
        "NUMBER",
        "STRING",
        "DATE",
        "TIME",
        "LOCAL",
        "DOLLAR_LBRACE",
        "INTERPROCESS",
        "NAME",
        "FIELD",
        "TABLE",
        "TRY",
        "LPAR",
        "LBRACE",
        "LBRACK",
        "ARROW",
        "MINUS",
        "PLUS",
        "ELIDED",
    }
)
# Terminals that continue an expression already complete: "an operator" covers them.
_OPERATORS = frozenset({"COMPARE", "ARITH", "LOGIC", "PLUS", "MINUS", "STAR", "QMARK"})
# Terminals that extend a value in place (`.x`, `[1]`, `{2}`, `->`): never worth listing.
_POSTFIX = frozenset({"DOT", "LBRACK", "LBRACE", "CHAR_OPEN", "ARROW", "ASSIGN", "COMPOUND"})
# Terminals that start a statement: when the parser wants IF, it wants "a statement".
_STATEMENT_STARTS = frozenset(
    {
        "IF",
        "CASE_OF",
        "WHILE",
        "REPEAT",
        "FOR",
        "FOR_EACH",
        "USE",
        "TRY",
        "RETURN",
        "BREAK",
        "CONTINUE",
        "VAR",
        "DECLARE",
        "SQL_BLOCK",
        "CLASS_CONSTRUCTOR",
        "CLASS_EXTENDS",
        "FUNCTION",
        "PROPERTY",
        "ALIAS",
        "MODIFIER",
    }
)
_CLOSER_OF = {"(": "RPAR", "[": "RBRACK", "{": "RBRACE", "[[": "CHAR_CLOSE", "${": "RBRACE"}
# The closing or separating punctuation, listed first when expected.
_PUNCTUATION = ("RPAR", "RBRACK", "RBRACE", "CHAR_CLOSE", "SEMI", "COLON")


def _describe(token: Token | None) -> str:
    if token is None or token.type == "$END":
        return "end of file"
    if token.type == "NL":
        return "end of line"
    return repr(token.value)


def _open_brackets(tokens: list[Token], upto: Token | None) -> list[Token]:
    """The brackets still open, in the statement that holds ``upto`` (the whole last statement when None)."""
    stack: list[Token] = []
    for tok in tokens:
        if upto is not None and tok is upto:
            break
        if tok.type == "NL":
            stack = []
        elif tok.value in _CLOSER_OF and tok.type in ("LPAR", "LBRACK", "LBRACE", "CHAR_OPEN", "DOLLAR_LBRACE"):
            stack.append(tok)
        elif tok.type in ("RPAR", "RBRACK", "RBRACE", "CHAR_CLOSE") and stack:
            stack.pop()
    return stack


def _statement_so_far(tokens: list[Token], upto: Token | None) -> list[str]:
    """The token types of the statement holding ``upto``, before it."""
    kinds: list[str] = []
    for tok in tokens:
        if upto is not None and tok is upto:
            break
        kinds = [] if tok.type == "NL" else kinds + [tok.type] if len(kinds) < 64 else kinds
    return kinds


def _narrow(expected: set[str], tokens: list[Token], upto: Token | None) -> set[str]:
    """Drop what LALR state merging lists but this position cannot take.

    Lark's expected set may name every closer of every construct; only the
    closer of the innermost open bracket can really come next, and `;` only
    inside brackets or in the lists of `var`, `property` and `#DECLARE`.
    """
    stack = _open_brackets(tokens, upto)
    closers = {"RPAR", "RBRACK", "RBRACE", "CHAR_CLOSE"}
    keep = {_CLOSER_OF[stack[-1].value]} if stack else set()
    out = {t for t in expected if t not in closers or t in keep}
    kinds = _statement_so_far(tokens, upto)
    if not kinds:  # at a statement start only the innermost open block's own keywords fit
        opener = _unclosed_block(tokens, upto)
        allowed = _BLOCK_WORDS.get(opener.type, set()) if opener is not None else set()
        out = {t for t in out if t not in _ALL_BLOCK_WORDS or t in allowed}
    head = kinds[0] if kinds else None
    declaration = head in ("VAR", "PROPERTY", "MODIFIER", "DECLARE", "FUNCTION", "CLASS_CONSTRUCTOR")
    if stack:
        out.discard("NL")  # a statement cannot end inside brackets
        if stack[-1].value != "{" and "QMARK" not in kinds:
            out.discard("COLON")
    if not stack and not declaration:
        out.discard("SEMI")
        if kinds and "QMARK" not in kinds:
            out.discard("COLON")  # `:` then only follows `?` (ternary) or starts a Case branch
    return out or set(expected)


def _expected_text(expected: set[str]) -> str:
    """What the parser wanted, in the words of a 4D developer, most useful first."""
    expected = set(expected) - {"$END", "ELIDED"}  # `...` for left-out code is never worth suggesting
    words: list[str] = []
    if "IF" in expected:
        words.append("a statement")
        expected -= _STATEMENT_STARTS | _EXPRESSION_STARTS
    if "NUMBER" in expected and "LOCAL" in expected:
        words.append("an expression")
        expected -= _EXPRESSION_STARTS
    words += [_TERMINAL_WORDS[t] for t in _PUNCTUATION if t in expected]
    if expected & _OPERATORS:
        words.append("an operator")
    if "NL" in expected:
        words.append("end of line")
    rest = expected - _OPERATORS - _POSTFIX - set(_PUNCTUATION) - {"NL"}
    words += sorted({_TERMINAL_WORDS.get(t, t.lower().replace("_", " ")) for t in rest})
    if not words:
        words = sorted({_TERMINAL_WORDS.get(t, t.lower().replace("_", " ")) for t in expected}) or ["end of file"]
    words = list(dict.fromkeys(words))
    if len(words) > 5:
        words = words[:5] + ["…"]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


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
    # Parsing makes many small objects and no reference cycles: the cyclic
    # garbage collector would only walk the growing AST again and again
    # (a third of the time on a large file), so it rests meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        raw = scan(source, path, options, compact=True)
        # The module node too is made before the collector wakes: its first allocation would
        # otherwise start a collection that walks the whole new tree while it is still young.
        module = ast.Module(driver().parse(raw), path=path, attributes=parse_attributes(source), line=1)
    except ParseError as exc:
        # The error helpers read named tokens with their places: the full ones, lexed again.
        tokens = tokenize(source, path, options)
        token = tokens[exc.index] if exc.token is not None else None
        raise _syntax_error(token, exc.expected, path, _lines(source), tokens) from None
    except FourDSyntaxError as err:  # raised by the AST builder
        lines = _lines(source)
        err.path = path
        err.source_line = lines[err.line - 1] if 0 < err.line <= len(lines) else ""
        raise err from None
    finally:
        if collecting:
            gc.enable()
    return module


def _lines(source: str) -> list[str]:
    return source.replace("\r\n", "\n").replace("\r", "\n").split("\n")


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
_OPENER_WORDS = {
    "IF": "'If'",
    "CASE_OF": "'Case of'",
    "WHILE": "'While'",
    "REPEAT": "'Repeat'",
    "FOR": "'For'",
    "FOR_EACH": "'For each'",
    "USE": "'Use'",
    "TRY": "'Try'",
}
# The keywords that may start a line inside each block.
_BLOCK_WORDS = {
    "IF": {"ELSE", "END_IF"},
    "CASE_OF": {"COLON", "ELSE", "END_CASE"},
    "WHILE": {"END_WHILE"},
    "REPEAT": {"UNTIL"},
    "FOR": {"END_FOR"},
    "FOR_EACH": {"END_FOR_EACH"},
    "USE": {"END_USE"},
    "TRY": {"CATCH", "END_TRY"},
}
_ALL_BLOCK_WORDS = set().union(*_BLOCK_WORDS.values())


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
    if (
        closers
        and opener is not None
        and _OPENERS[opener.type] in closers
        and (token is None or token.type in ("$END",) or token.type in _CLOSERS)
    ):
        want = _TERMINAL_WORDS.get(_OPENERS[opener.type], _OPENERS[opener.type])
        message = f"unexpected {found}; expected {want} to close {opener.value!r} of line {opener.line}"
    elif token is not None and token.type in _CLOSERS and opener is None:
        message = f"{found} without a matching {_OPENER_WORDS[_CLOSERS[token.type]]}"
    elif (
        (token is None or token.type in ("NL", "$END"))
        and (stack := _open_brackets(tokens, token))
        and (_CLOSER_OF[stack[-1].value] in expected)
    ):
        opener = stack[-1]
        closer = _TERMINAL_WORDS[_CLOSER_OF[opener.value]]
        where = f"column {opener.column}" if opener.line == line else f"line {opener.line}, column {opener.column}"
        message = f"unexpected {found}; expected {closer} to close the {opener.value!r} of {where}"
    elif token is not None and token.type == "NAME" and "COLON" in expected and _previous(tokens, token, "LOCAL"):
        message = f"unexpected {found}; expected ':' between the parameter name and its type"
    else:
        upto = token if token is not None and token.type != "$END" else None
        message = f"unexpected {found}; expected {_expected_text(_narrow(set(expected), tokens, upto))}"
    return FourDSyntaxError(message, line, column, path, source_line.rstrip())


def _previous(tokens: list[Token], token: Token, kind: str) -> bool:
    for i, tok in enumerate(tokens):
        if tok is token:
            return i > 0 and tokens[i - 1].type == kind
    return False
