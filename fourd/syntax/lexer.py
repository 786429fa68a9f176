"""The 4D lexer: source text to a list of tokens for the Lark grammar.

4D cannot be split on spaces: command and constant names contain spaces
(``Session storage by ID``), code written by 4D carries tokens after names
(``Length:C16``, ``Is real:K8:1``), keywords have spaces (``End for each``),
``[[`` opens a character index only after an expression, and newlines end
statements.  A hand-written scanner handles that context; Lark's LALR parser
then works on the token stream.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import FourDSyntaxError
from .names import multiword_prefixes
from .options import LexOptions

KEYWORDS = {
    "end for each": "END_FOR_EACH",
    "end for": "END_FOR",
    "end if": "END_IF",
    "end case": "END_CASE",
    "end while": "END_WHILE",
    "end use": "END_USE",
    "end try": "END_TRY",
    "for each": "FOR_EACH",
    "case of": "CASE_OF",
    "class constructor": "CLASS_CONSTRUCTOR",
    "class extends": "CLASS_EXTENDS",
    "if": "IF",
    "else": "ELSE",
    "while": "WHILE",
    "repeat": "REPEAT",
    "until": "UNTIL",
    "for": "FOR",
    "use": "USE",
    "try": "TRY",
    "catch": "CATCH",
    "return": "RETURN",
    "break": "BREAK",
    "continue": "CONTINUE",
    "var": "VAR",
    "function": "FUNCTION",
    "property": "PROPERTY",
}
_KEYWORD_RE = re.compile(
    r"(?i)(" + "|".join(k.replace(" ", r"[ \t]+") for k in sorted(KEYWORDS, key=len, reverse=True)) + r")(?![\w])"
)
_MODIFIERS_RE = re.compile(
    r"(?i)((?:(?:shared|singleton|exposed|local|server|session|onhttpget)[ \t]+)+)(?=function\b|class[ \t]+constructor\b|property\b|alias\b)"
)
# `Alias name path` (ORDA entity classes) starts a statement and is followed by a name.
_ALIAS_RE = re.compile(r"(?i)alias(?=[ \t]+[^\W\d])")
# `Function get x`, `Function set x`, and the ORDA forms `Function event touched [attr]`,
# `Function query attr`, `Function orderBy attr`.
_FN_KIND_RE = re.compile(r"(?i)(get|set|event|query|orderby)[ \t]+(?=[^\W\d])")
_SQL_END_RE = re.compile(r"(?im)^[ \t]*end[ \t]+sql\b[^\n]*")

_TOKENIZED_RE = re.compile(r"((?:4D|[^\W\d])\w*(?:[ \t]+\w+)*?):(C\d+|K\d+:\d+)(?!\w)")
# `°` belongs to a few constant names (`Orientation 90° left`).
_WORDS_RE = re.compile(r"(?:4D(?![\w])|[^\W\d]\w*)(?:[ \t]+\w+°?)*")
_WORD_RE = re.compile(r"[^\W\d]\w*")
_FOLLOWING_WORD_RE = re.compile(r"[ \t]+[^\W\d]")
_NUMBER_RE = re.compile(r"0[xX][0-9A-Fa-f]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_STRING_RE = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_DATE_RE = re.compile(r"![^!\n]*!")
# `†` delimits times in code from old Mac versions, where `?` was stored as that character.
_TIME_RE = re.compile(r"([?†])[ \t]*-?\d{1,4}:\d{1,2}(?::\d{1,2})?[ \t]*\1")
# In Markdown, a line holding only `...`, `…` or `.` marks code the author left out.
_ELISION_RE = re.compile(r"[ \t\u00a0]*(?:\.{1,3}|…)[ \t\u00a0]*(?://[^\n]*)?(?=\n|$)")
_LOCAL_RE = re.compile(r"\$\w+")
# `◊` is how old Mac code spells the `<>` of interprocess variables.
_INTERPROCESS_RE = re.compile(r"(?:<>|◊)[^\W\d]\w*")
# Field names may contain spaces (`[People]Last Name`); so may table names (`[Invoice Lines]`).
_FIELD_RE = re.compile(r"\[([^\W\d][\w \t]*?)(?::\d+)?\]([^\W\d]\w*(?:[ \t]+\w+)*?)(?::\d+)?(?![ \t]*\w)")
_TABLE_RE = re.compile(r"\[([^\W\d][\w \t]*?)(?::\d+)?\]")
_CONTINUATION_RE = re.compile(r"\\[ \t]*(?://[^\n]*)?\n")
_SPACE_RE = re.compile(r"[ \t\f\v\u00a0]+")

# Longest first: a prefix must never shadow a longer operator.
_OPERATORS = [
    ("...", "ELLIPSIS"),
    (":=", "ASSIGN"),
    ("+=", "COMPOUND"),
    ("-=", "COMPOUND"),
    ("*=", "COMPOUND"),
    ("/=", "COMPOUND"),
    ("->", "ARROW"),
    ("<=", "COMPARE"),
    (">=", "COMPARE"),
    ("<<", "ARITH"),
    (">>", "ARITH"),
    ("&&", "LOGIC"),
    ("||", "LOGIC"),
    ("^|", "ARITH"),
    ("?+", "ARITH"),
    ("?-", "ARITH"),
    ("??", "ARITH"),
    ("=", "COMPARE"),
    ("#", "COMPARE"),
    ("<", "COMPARE"),
    (">", "COMPARE"),
    ("&", "LOGIC"),
    ("|", "LOGIC"),
    ("+", "PLUS"),
    ("-", "MINUS"),
    ("*", "STAR"),
    ("/", "ARITH"),
    ("\\", "ARITH"),
    ("^", "ARITH"),
    ("%", "ARITH"),
    ("(", "LPAR"),
    (")", "RPAR"),
    ("{", "LBRACE"),
    ("}", "RBRACE"),
    (";", "SEMI"),
    (":", "COLON"),
    (".", "DOT"),
    ("?", "QMARK"),
]

_new_str = str.__new__

# One regex tries every operator, longest first (the list's order).
_OPERATOR_RE = re.compile("|".join(re.escape(op) for op, _ in _OPERATORS))
_OPERATOR_KINDS = dict(_OPERATORS)

# After one of these a `[[` opens a character index and `.5` cannot be a number.
_EXPRESSION_ENDERS = frozenset(
    {
        "LOCAL",
        "NAME",
        "PROPNAME",
        "INTERPROCESS",
        "RPAR",
        "RBRACK",
        "RBRACE",
        "CHAR_CLOSE",
        "STRING",
        "FIELD",
        "TABLE",
        "NUMBER",
    }
)
# After one of these `?+`, `?-` and `??` are bit operators, not the `?` of a ternary.
_BIT_OPERANDS = _EXPRESSION_ENDERS | {"NUMBER"}
# After one of these the next word is a plain property or member name, never a keyword.
_PROPERTY_CONTEXT = frozenset({"DOT", "FUNCTION", "FN_KIND", "PROPERTY", "ALIAS"})


Token: Any = None  # lark's Token class, imported by the first tokenize (a cached syntax tree needs no Lark)


def tokenize(source: str, path: str = "<code>", options: LexOptions | None = None) -> list[Token]:
    global Token
    if Token is None:
        from lark import Token
    return _Lexer(source, path, options or LexOptions()).run()


class _Lexer:
    def __init__(self, source: str, path: str, options: LexOptions):
        self.text = source.replace("\r\n", "\n").replace("\r", "\n")
        self.path = path
        self.options = options
        self.tokens: list[Token] = []
        self.pos = 0
        self.line = 1
        self.line_start = 0
        self.brackets: list[str] = []
        self.prefixes = multiword_prefixes()

    # -- helpers -------------------------------------------------------------
    def error(self, message: str, pos: int | None = None) -> FourDSyntaxError:
        pos = self.pos if pos is None else pos
        line_end = self.text.find("\n", self.line_start)
        source_line = self.text[self.line_start : line_end if line_end >= 0 else len(self.text)]
        return FourDSyntaxError(message, self.line, pos - self.line_start + 1, self.path, source_line)

    def emit(self, kind: str, value: str, length: int) -> None:
        # Lark's Token() constructor costs several times this direct build (a str with slots set).
        column = self.pos - self.line_start + 1
        tok = _new_str(Token, value)
        tok.type = kind
        tok.value = value
        tok.start_pos = self.pos
        tok.line = tok.end_line = self.line
        tok.column = column
        tok.end_column = column + length
        tok.end_pos = self.pos + length
        self.tokens.append(tok)
        self.pos += length

    @property
    def last(self) -> str | None:
        return self.tokens[-1].type if self.tokens else None

    def at_statement_start(self) -> bool:
        return self.last in (None, "NL")

    def newline(self) -> None:
        if self.tokens and self.last != "NL":
            self.emit("NL", "\n", 0)
        self.pos += 1
        self.line += 1
        self.line_start = self.pos

    # -- main loop -------------------------------------------------------------
    def run(self) -> list[Token]:
        text = self.text
        n = len(text)
        while self.pos < n:
            ch = text[self.pos]
            if ch == "\n":
                self.newline()
            elif ch in " \t\f\v\u00a0":
                self.pos = _SPACE_RE.match(text, self.pos).end()
            elif text.startswith("//", self.pos):
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end
            elif text.startswith("/*", self.pos):
                self.block_comment()
            elif ch == "`":
                # Before 4D v11 a backquote started a comment; old code and docs still carry it.
                end = text.find("\n", self.pos)
                self.pos = n if end < 0 else end
            elif (
                (ch == "." or ch == "…")
                and self.options.elisions
                and self.at_statement_start()
                and (m := _ELISION_RE.match(text, self.pos))
            ):
                self.pos = m.end()
            elif ch == "\\" and (m := _CONTINUATION_RE.match(text, self.pos)):
                self.pos = m.end()
                self.line += 1
                self.line_start = self.pos
            elif ch == '"':
                self.string()
            elif ch == "$":
                self.local()
            elif ch == "!" and (m := _DATE_RE.match(text, self.pos)):
                self.emit("DATE", m.group(), m.end() - self.pos)
            elif (ch == "?" or ch == "†") and (m := _TIME_RE.match(text, self.pos)):
                self.emit("TIME", m.group(), m.end() - self.pos)
            elif (ch == "<" or ch == "◊") and (m := _INTERPROCESS_RE.match(text, self.pos)):
                self.emit("INTERPROCESS", m.group(), m.end() - self.pos)
            elif ch == "#" and text[self.pos : self.pos + 8].upper() == "#DECLARE":
                self.emit("DECLARE", text[self.pos : self.pos + 8], 8)
            elif ch == "[" or ch == "]":
                self.bracket(ch)
            elif ch.isdigit() or (
                ch == "." and self.last not in _EXPRESSION_ENDERS and text[self.pos + 1 : self.pos + 2].isdigit()
            ):
                self.number()
            elif ch.isalpha() or ch == "_":
                self.word()
            else:
                self.operator()
        if self.tokens and self.last != "NL":
            self.emit("NL", "\n", 0)
        return self.tokens

    def block_comment(self) -> None:
        end = self.text.find("*/", self.pos + 2)
        if end < 0:
            raise self.error("unterminated comment: expected '*/'")
        chunk = self.text[self.pos : end + 2]
        newlines = chunk.count("\n")
        if newlines:
            self.line += newlines
            self.line_start = self.pos + chunk.rfind("\n") + 1
        self.pos = end + 2

    def string(self) -> None:
        m = _STRING_RE.match(self.text, self.pos)
        if not m:
            raise self.error("unterminated string: expected a closing '\"' on the same line")
        self.emit("STRING", m.group(), m.end() - self.pos)

    def local(self) -> None:
        text = self.text
        if text.startswith("${", self.pos):
            self.emit("DOLLAR_LBRACE", "${", 2)
            return
        m = _LOCAL_RE.match(text, self.pos)
        if not m:
            raise self.error("expected a local variable name after '$'")
        self.emit("LOCAL", m.group(), m.end() - self.pos)

    def number(self) -> None:
        text = self.text
        if text.startswith("4D", self.pos) and not text[self.pos + 2 : self.pos + 3].isalnum():
            self.word()
            return
        m = _NUMBER_RE.match(text, self.pos)
        self.emit("NUMBER", m.group(), m.end() - self.pos)

    def bracket(self, ch: str) -> None:
        text = self.text
        if ch == "[":
            after_expression = self.last in _EXPRESSION_ENDERS
            if after_expression and text.startswith("[[", self.pos):
                self.brackets.append("char")
                self.emit("CHAR_OPEN", "[[", 2)
                return
            if not after_expression:
                m = _FIELD_RE.match(text, self.pos)
                if m:
                    self.emit("FIELD", m.group(), m.end() - self.pos)
                    return
                m = _TABLE_RE.match(text, self.pos)
                # `[Customers]` may be a collection of one variable: a table only when the project
                # has it, or when its name has a space (no expression can).
                table_name = " ".join(m.group(1).lower().split()) if m else ""
                if m and (table_name in self.options.tables or " " in table_name):
                    self.emit("TABLE", m.group(), m.end() - self.pos)
                    return
            self.brackets.append("[")
            self.emit("LBRACK", "[", 1)
            return
        if self.brackets and self.brackets[-1] == "char" and text.startswith("]]", self.pos):
            self.brackets.pop()
            self.emit("CHAR_CLOSE", "]]", 2)
            return
        if self.brackets:
            self.brackets.pop()
        self.emit("RBRACK", "]", 1)

    def word(self) -> None:
        text = self.text
        pos = self.pos
        if self.last in _PROPERTY_CONTEXT:
            if self.last == "FUNCTION" and (m := _FN_KIND_RE.match(text, pos)):
                self.emit("FN_KIND", m.group(1), len(m.group(1)))
                return
            m = _WORD_RE.match(text, pos) or _TOKENIZED_RE.match(text, pos)
            if m and text.startswith(":C", m.end()) and (t := _TOKENIZED_RE.match(text, pos)):
                m = t
            self.emit("PROPNAME", m.group(), m.end() - pos)
            return
        if self.at_statement_start() and (m := _MODIFIERS_RE.match(text, pos)):
            for word in m.group(1).split():
                start = text.index(word, self.pos)
                self.pos = start
                self.emit("MODIFIER", word, len(word))
            self.pos = m.end()
            return
        if self.last in (None, "NL", "MODIFIER") and (m := _ALIAS_RE.match(text, pos)):
            self.emit("ALIAS", m.group(), m.end() - pos)
            return
        m = _KEYWORD_RE.match(text, pos)
        if m and " " not in m.group(1) and self.known_multiword(pos):
            m = None  # `USE SET`, `USE NAMED SELECTION`: a command that starts with a keyword
        if m and not text.startswith(":C", m.end()):
            kind = KEYWORDS[" ".join(m.group(1).lower().split())]
            self.emit(kind, m.group(1), m.end() - pos)
            if text[pos : pos + 9].lower() == "begin sql":
                self.sql_block()
            return
        if text[pos : pos + 9].lower() == "begin sql" and not text[pos + 9 : pos + 10].isalnum():
            self.sql_block()
            return
        m = _TOKENIZED_RE.match(text, pos)
        if m:
            self.emit("NAME", m.group(), m.end() - pos)
            return
        self.emit("NAME", *self.longest_name(pos))

    def known_multiword(self, pos: int) -> bool:
        name, _ = self.longest_known(pos)
        return " " in name

    def longest_name(self, pos: int) -> tuple[str, int]:
        """The name at ``pos``: the longest known one, else every word up to the next non-word.

        Two names never follow each other with only a space between them in 4D,
        so a run of words the tables do not know (a plug-in command, a project
        method named with spaces: `WP Import document`, `Handle keystroke`) is one name.
        """
        best = self.longest_known(pos)
        end = pos + best[1]
        if _FOLLOWING_WORD_RE.match(self.text, end):
            m = _WORDS_RE.match(self.text, pos)
            run = m.group()
            return " ".join(run.split()), len(run)
        return best

    def longest_known(self, pos: int) -> tuple[str, int]:
        """The longest known multi-word name at ``pos``, else the single word there."""
        m = _WORDS_RE.match(self.text, pos)
        run = m.group()
        words = run.split()
        first = _WORD_RE.match(self.text, pos)
        best = (first.group() if first else words[0], len(first.group()) if first else len(words[0]))
        if len(words) < 2:
            return best
        key = words[0].lower()
        for i in range(1, len(words)):
            key = key + " " + words[i].lower()
            known = self.prefixes.get(key)
            extra = self.options.extra_names.get(key)
            if known is None and extra is None:
                break
            if known or extra:
                # Length in the source: find where the i-th word ends.
                end = pos
                for w in words[: i + 1]:
                    end = self.text.index(w, end) + len(w)
                best = (" ".join(words[: i + 1]), end - pos)
        return best

    def sql_block(self) -> None:
        m = _SQL_END_RE.search(self.text, self.pos)
        if not m:
            raise self.error("'Begin SQL' without 'End SQL'")
        chunk = self.text[self.pos : m.end()]
        self.emit("SQL_BLOCK", chunk, len(chunk))
        # Keep line numbers right: the block spans several lines.
        newlines = chunk.count("\n")
        self.line += newlines
        if newlines:
            self.line_start = self.pos - len(chunk) + chunk.rfind("\n") + 1

    def operator(self) -> None:
        m = _OPERATOR_RE.match(self.text, self.pos)
        if m is None:
            raise self.error(f"unexpected character {self.text[self.pos]!r}")
        op = m.group()
        if op in ("?+", "?-", "??") and self.last not in _BIT_OPERANDS:
            op = "?"  # the `?` of a ternary followed by a signed operand
        self.emit(_OPERATOR_KINDS[op], op, len(op))
