"""A Pygments lexer for 4D, registered as ``4d`` (``pygmentize -l 4d file.4dm``).

It does not guess with regular expressions of its own: it runs fourd's own
lexer (:mod:`fourd.syntax.lexer`), so it splits code exactly as the
interpreter does: multi-word command and constant names by longest match
against the command and constant tables (``Session storage``), tokenized names
(``Length:C16``, ``Is real:K8:1``), keywords with spaces (``End for each``),
dates, times, ``$locals`` and ``<>variables``.  The text between fourd's tokens
(spaces, ``//`` and ``/* */`` comments, ``\\`` line continuations) is filled
in here, so every character of the input comes out exactly once.

Highlighting must not stop at a mistake: a line fourd's lexer rejects (an
unterminated string, a stray character) comes out as an ``Error`` token and
the lines after it are highlighted normally.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pygments.lexer import Lexer
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
    _TokenType,
)

from ..runtime.types import TYPE_ALIASES
from ..syntax.errors import FourDSyntaxError
from ..syntax.lexer import KEYWORDS, LexOptions, tokenize
from ..syntax.names import build_prefix_table, command_by_name, constant_by_name

_DECLARATION_KINDS = frozenset(
    {
        "VAR",
        "DECLARE",
        "FUNCTION",
        "PROPERTY",
        "CLASS_CONSTRUCTOR",
        "CLASS_EXTENDS",
        "MODIFIER",
        "FN_GET",
        "FN_SET",
        "FN_KIND",
    }
)
_KEYWORD_KINDS = frozenset(KEYWORDS.values()) - _DECLARATION_KINDS
_OPERATOR_KINDS = frozenset(
    {"ASSIGN", "COMPOUND", "COMPARE", "ARITH", "LOGIC", "PLUS", "MINUS", "STAR", "ARROW", "QMARK", "ELLIPSIS"}
)
_PUNCTUATION_KINDS = frozenset(
    {"LPAR", "RPAR", "LBRACE", "RBRACE", "LBRACK", "RBRACK", "CHAR_OPEN", "CHAR_CLOSE", "SEMI", "COLON", "DOT"}
)
_SIMPLE = {
    "LOCAL": Name.Variable,
    "DOLLAR_LBRACE": Name.Variable,
    "INTERPROCESS": Name.Variable.Global,
    "DATE": Literal.Date,
    "TIME": Literal.Date,
    "FIELD": Name.Class,
    "TABLE": Name.Class,
    "SQL_BLOCK": String.Other,
}
_CONSTANT_WORDS = frozenset({"true", "false", "null"})
_PSEUDO_WORDS = frozenset({"this", "super"})
_NAMESPACES = frozenset({"cs", "4d", "ds"})
_TOKENIZED_SUFFIX_RE = re.compile(r":(C\d+|K\d+:\d+)$")
_STRING_PARTS_RE = re.compile(r"(\\.)|([^\\]+)", re.S)
_GAP_RE = re.compile(
    r"(?P<space>[ \t\f\v\u00a0]+)|(?P<newline>\n)|(?P<line>//[^\n]*)|(?P<block>/\*.*?\*/)|(?P<cont>\\)", re.S
)


class FourDLexer(Lexer):
    """Pygments lexer for 4D code (methods, class files, ```4d blocks)."""

    name = "4D"
    aliases = ["4d", "fourd"]
    filenames = ["*.4dm"]
    mimetypes = ["text/x-4d"]
    url = "https://developer.4d.com/docs/"

    def __init__(self, **options: object):
        options.setdefault("stripnl", False)  # keep line numbers those of the file
        super().__init__(**options)
        # Project method names (``-O methods="Set session setting,Other"``): multi-word ones join up.
        methods = options.get("methods", [])
        methods = methods.split(",") if isinstance(methods, str) else list(methods)  # type: ignore[arg-type]
        self.methods = [" ".join(str(m).split()) for m in methods if str(m).strip()]
        self.lex_options = LexOptions(extra_names=build_prefix_table(self.methods))
        self.method_keys = frozenset(" ".join(m.lower().split()) for m in self.methods)

    def get_tokens_unprocessed(self, text: str) -> Iterator[tuple[int, _TokenType, str]]:
        offset = 0
        while offset < len(text):
            chunk = text[offset:]
            try:
                yield from self._highlight(chunk, offset)
                return
            except FourDSyntaxError as exc:
                # Highlight what comes before the bad line, mark the line, go on after it.
                bad_start = _line_start(chunk, exc.line)
                if bad_start > 0:
                    yield from self._highlight(chunk[:bad_start], offset)
                bad_end = chunk.find("\n", bad_start)
                bad_end = len(chunk) if bad_end < 0 else bad_end
                if bad_end > bad_start:
                    yield offset + bad_start, Error, chunk[bad_start:bad_end]
                offset += bad_end

    def _highlight(self, text: str, base: int) -> Iterator[tuple[int, _TokenType, str]]:
        """Pygments tokens of ``text`` (which starts at ``base`` in the whole input)."""
        tokens = [t for t in tokenize(text, "<code>", self.lex_options) if t.end_pos > t.start_pos]
        pos = 0
        for i, tok in enumerate(tokens):
            if tok.start_pos > pos:
                yield from _gap(text, pos, tok.start_pos, base)
            value = text[tok.start_pos : tok.end_pos]
            previous = tokens[i - 1] if i > 0 else None
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if tok.type == "STRING":
                yield from _string(value, base + tok.start_pos)
            else:
                yield (
                    base + tok.start_pos,
                    self._kind(tok.type, value, previous, following, tokens[i - 2] if i > 1 else None),
                    value,
                )
            pos = tok.end_pos
        if pos < len(text):
            yield from _gap(text, pos, len(text), base)

    def _kind(self, kind: str, value: str, previous, following, before_previous) -> _TokenType:  # noqa: ANN001
        if kind in _KEYWORD_KINDS:
            return Keyword
        if kind in _DECLARATION_KINDS:
            return Keyword.Declaration
        if kind in _SIMPLE:
            return _SIMPLE[kind]
        if kind == "NUMBER":
            lower = value.lower()
            if lower.startswith("0x"):
                return Number.Hex
            return Number.Float if ("." in lower or "e" in lower) else Number.Integer
        if kind in _OPERATOR_KINDS:
            return Operator
        if kind in _PUNCTUATION_KINDS:
            return Punctuation
        calls = following is not None and following.type == "LPAR"
        if kind == "PROPNAME":
            return Name.Function if calls else Name.Attribute
        if kind == "NAME":
            return self._name_kind(value, previous, before_previous, calls)
        return Text

    def _name_kind(self, value: str, previous, before_previous, calls: bool) -> _TokenType:  # noqa: ANN001
        tokenized = _TOKENIZED_SUFFIX_RE.search(value)
        if tokenized:
            return Name.Builtin if tokenized.group(1).startswith("C") else Name.Constant
        lower = " ".join(value.lower().split())
        if lower in _CONSTANT_WORDS:
            return Keyword.Constant
        if lower in _PSEUDO_WORDS:
            return Name.Builtin.Pseudo
        if lower in _NAMESPACES:
            return Name.Namespace
        if previous is not None and previous.type == "CLASS_EXTENDS":
            return Name.Class
        declares_type = previous is not None and previous.type == "COLON" and before_previous is not None
        if declares_type and before_previous.type in ("LOCAL", "RPAR", "PROPNAME") and lower in TYPE_ALIASES:
            return Keyword.Type
        if command_by_name(lower) is not None:
            return Name.Builtin
        if constant_by_name(lower) is not None:
            return Name.Constant
        if lower in self.method_keys:
            return Name.Function
        return Name.Function if calls else Name


def _line_start(text: str, line: int) -> int:
    pos = 0
    for _ in range(line - 1):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return pos


def _gap(text: str, start: int, end: int, base: int) -> Iterator[tuple[int, _TokenType, str]]:
    """What fourd's lexer skips: blanks, comments and line continuations."""
    pos = start
    while pos < end:
        m = _GAP_RE.match(text, pos, end)
        if m is None:
            yield base + pos, Error, text[pos]
            pos += 1
            continue
        kind = m.lastgroup
        token = {
            "space": Whitespace,
            "newline": Whitespace,
            "line": Comment.Single,
            "block": Comment.Multiline,
            "cont": Punctuation,
        }[kind]
        yield base + pos, token, m.group()
        pos = m.end()


def _string(value: str, start: int) -> Iterator[tuple[int, _TokenType, str]]:
    yield start, String.Double, '"'
    pos = 1
    for m in _STRING_PARTS_RE.finditer(value, 1, len(value) - 1):
        yield start + m.start(), String.Escape if m.group(1) else String.Double, m.group()
        pos = m.end()
    yield start + max(pos, len(value) - 1), String.Double, '"'
