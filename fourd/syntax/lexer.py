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
from typing import NamedTuple

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
# A `\` ending a line continues the statement on the next (quick-tour.md), inside a string too:
# the docs break long strings that way.  The string then spans lines (read by the slow path).
_STRING_RE = re.compile(r'"(?:[^"\\\n]|\\[ \t]*\n|\\.)*"')
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
    ("*|", "ARITH"),  # vertical scaling of a picture
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


class Token(NamedTuple):
    """One token: its kind (a terminal of fourd.lark), its text and where it lies."""

    type: str
    value: str
    start_pos: int
    end_pos: int
    line: int
    column: int


# One regex tries every operator, longest first (the list's order).
_OPERATOR_RE = re.compile("|".join(re.escape(op) for op, _ in _OPERATORS))
_OPERATOR_KINDS = dict(_OPERATORS)

# Keywords of one word, by lower-case spelling.
_SINGLE_KEYWORDS = {k: v for k, v in KEYWORDS.items() if " " not in k}
# The tokens whose reading never depends on more than the previous token:
# group 1 holds the spaces before the token, group 2 the token, group 3 a
# keyword of several words.  The token's kind is read from its text (see
# _FIRST_KINDS), not from one named group per kind: a match with three groups
# is a small object, and every alternative starts with a plain character or
# class, which the regex engine rejects at once.  Alternatives are ordered by
# how often they come; a longer operator comes before its prefix.
# A word followed by another word (`End if`, `Size of array`) or by a token
# suffix (`Length:C16`) is left to the slow path, so is every character that
# could begin something longer (`?` times and bit operators, `[`, `\\`,
# `#DECLARE`, `!dates!`, `/*`).
_FAST_RE = re.compile(
    r"([ \t\f\v\u00a0]*+)(?:("
    r"\$\w+"  # a local
    r"|[^\W\d]\w*+(?![ \t]+\w|:[CK])"  # a word alone
    r"|\n"
    r"|\("
    r"|\)"
    r"|;"
    r"|:=?"
    r"|\.(?![\d.])"
    r"|\d(?>\d*\.?\d*(?:[eE][+-]?\d+)?)(?![\w.])"  # a number
    r'|"(?:[^"\\\n]|\\.)*"'  # a string on one line
    r"|//[^\n]*"  # a comment
    r"|/(?:=|(?![/*]))"
    r"|-[>=]?"
    r"|\+=?"
    r"|\*(?:=|(?!\|))"
    r"|<(?:>[^\W\d]\w*|[<=]?)"  # `<>name` is an interprocess variable
    r"|>[>=]?"
    r"|="
    r"|#(?![dD][eE][cC][lL][aA][rR][eE])"
    r"|&&?"
    r"|\|\|?"
    r"|\^\|?"
    r"|%"
    r"|\?(?![+\-?]|[ \t]*-?\d)"  # the `?` of a ternary: not a bit operator, not a time
    r"|\[(?!\[|[^\W\d])"
    r"|\](?!\])"
    r"|\{"
    r"|\}"
    r")|((?i:end[ \t]+for[ \t]+each|end[ \t]+(?:if|for|case|while|use|try)|for[ \t]+each|case[ \t]+of"
    r"|class[ \t]+(?:constructor|extends))(?![\w]|:C)))"
)
# The kind of a fast token by its first character, when that character decides
# it; "" when the whole text decides (_FIXED_KINDS); absent for a word.
_FIRST_KINDS: dict[str, str] = {
    "$": "LOCAL",
    '"': "STRING",
    "(": "LPAR",
    ")": "RPAR",
    ";": "SEMI",
    "{": "LBRACE",
    "}": "RBRACE",
    "=": "COMPARE",
    "#": "COMPARE",
    "%": "ARITH",
    "?": "QMARK",
    **dict.fromkeys("0123456789", "NUMBER"),
    **dict.fromkeys("\n:.[]/-+*<>&|^", ""),
}
# The fast tokens whose whole text decides the kind (`//…` comments and `<>name` are not listed).
_FIXED_KINDS = {
    "\n": "NL",
    ":": "COLON",
    ":=": "ASSIGN",
    ".": "DOT",
    "[": "LBRACK",
    "]": "RBRACK",
    "/": "ARITH",
    "/=": "COMPOUND",
    "-": "MINUS",
    "->": "ARROW",
    "-=": "COMPOUND",
    "+": "PLUS",
    "+=": "COMPOUND",
    "*": "STAR",
    "*=": "COMPOUND",
    "<": "COMPARE",
    "<=": "COMPARE",
    "<<": "ARITH",
    ">": "COMPARE",
    ">=": "COMPARE",
    ">>": "ARITH",
    "&": "LOGIC",
    "&&": "LOGIC",
    "|": "LOGIC",
    "||": "LOGIC",
    "^": "ARITH",
    "^|": "ARITH",
}

# The compact tokens (scan(compact=True)) of the punctuation the builder reads no position of:
# one shared tuple per spelling.  `:` is not one (a `-> : Type` result records its place),
# nor `{` and `[` (an object or collection literal, an element index start there).
_BARE = {v: (_FIXED_KINDS.get(v) or _FIRST_KINDS[v], v) for v in ("(", ")", ";", ":=", "}")}
_NL = ("NL", "\n")
_DOT = ("DOT", ".")
_RBRACK = ("RBRACK", "]")

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


def tokenize(source: str, path: str = "<code>", options: LexOptions | None = None) -> list[Token]:
    """The tokens of ``source`` (raises FourDSyntaxError on a character no token can start with)."""
    return [Token(t[0], t[1], t[4], t[5], t[2], t[3]) for t in scan(source, path, options)]


def scan(source: str, path: str = "<code>", options: LexOptions | None = None, compact: bool = False) -> list[tuple]:
    """:func:`tokenize` for the parser: plain tuples ``(kind, text, line, column, start, end)``.

    A plain tuple costs a fifth of a named one to make, and the parser makes one per token.
    With ``compact``, the tokens the fast path reads are ``(kind, text, line, column)`` (the
    AST records lines and columns, never offsets), and the punctuation whose place the AST never records (``(``, ``)``,
    ``;``, ``:=``, ``.``, ``}``, ``]``, line ends) is one shared ``(kind, text)`` tuple
    per spelling (see ``_BARE``): no tuple and no position to make for half the tokens.
    The parser asks for the full tokens again only to report a syntax error.
    """
    return _Lexer(source, path, options or LexOptions(), compact).run()


# longest_known() by run of words, when the project adds no names (see there).
_LONGEST_KNOWN: dict[str, tuple[str, int]] = {}


class _Lexer:
    def __init__(self, source: str, path: str, options: LexOptions, compact: bool = False):
        self.compact = compact
        self.text = source.replace("\r\n", "\n").replace("\r", "\n")
        self.path = path
        self.options = options
        self.tokens: list[tuple] = []
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
        pos = self.pos
        self.tokens.append((kind, value, self.line, pos - self.line_start + 1, pos, pos + length))
        self.pos = pos + length

    @property
    def last(self) -> str | None:
        return self.tokens[-1][0] if self.tokens else None

    def at_statement_start(self) -> bool:
        return self.last in (None, "NL")

    def in_parameter_list(self) -> bool:
        """Whether the statement so far declares parameters (`#DECLARE`, `Function`), where `...` is variadic."""
        for tok in reversed(self.tokens):
            if tok[0] == "NL":
                return False
            if tok[0] in ("DECLARE", "FUNCTION", "CLASS_CONSTRUCTOR"):
                return True
        return False

    def newline(self) -> None:
        if self.tokens and self.last != "NL":
            self.emit("NL", "\n", 0)
        self.pos += 1
        self.line += 1
        self.line_start = self.pos

    # -- main loop -------------------------------------------------------------
    def run(self) -> list[tuple]:
        """Scan the text: the common tokens through one regex, the rest through :meth:`slow`.

        ``_FAST_RE`` only takes a token when its meaning does not depend on
        context beyond the previous token (a lone word, a number, a local, a
        string, most operators); anything else falls to the context-aware
        scanner, so both paths always agree.  The previous token is read from
        the list when a word needs it rather than tracked for every token.
        """
        text = self.text
        n = len(text)
        tokens = self.tokens
        scanner = _FAST_RE.scanner
        first_kinds = _FIRST_KINDS
        fixed_kinds = _FIXED_KINDS
        keywords = _SINGLE_KEYWORDS
        property_context = _PROPERTY_CONTEXT
        elisions = self.options.elisions
        brackets = self.brackets
        compact = self.compact
        bare = _BARE if compact else {}
        pos = 0
        line = 1
        line_start = 0
        while pos < n:
            m = None
            # A scanner's match() takes the next token right where the last one ended, or fails.
            for m in iter(scanner(text, pos).match, None):
                value = m[2]
                token = bare.get(value)
                if token is not None:  # compact punctuation: no position to record
                    tokens.append(token)
                    continue
                if value is None:  # `End if`, `For each`…
                    start = m.start(3)
                    last = tokens[-1][0] if tokens else None
                    if last in property_context or (last == "ARROW" and self.after_dereference()):
                        pos = start  # a property name: the slow path takes the first word alone
                        break
                    value = m[3]
                    kind = KEYWORDS[" ".join(value.lower().split())]
                else:
                    start = m.start(2)
                    kind = first_kinds.get(value[0])
                    if kind:  # a local, a number, a string, a parenthesis…: one kind per first character
                        if compact:
                            tokens.append((kind, value, line, start - line_start + 1))
                        else:
                            tokens.append((kind, value, line, start - line_start + 1, start, start + len(value)))
                        continue
                    if kind is None:  # a word
                        last = tokens[-1][0] if tokens else None
                        if last in property_context or (last == "ARROW" and self.after_dereference()):
                            kind = "PROPNAME"
                        else:
                            kind = keywords.get(value.lower(), "NAME")
                    else:
                        kind = fixed_kinds.get(value)
                        if kind is None:
                            if value[0] == "/":  # a comment
                                continue
                            kind = "INTERPROCESS"
                        elif kind == "NL":
                            if tokens and tokens[-1][0] != "NL":
                                tokens.append(
                                    _NL if compact else ("NL", "\n", line, start - line_start + 1, start, start)
                                )
                            line_start = start + 1
                            line += 1
                            continue
                        elif kind == "DOT":
                            if elisions and (not tokens or tokens[-1][0] == "NL"):
                                pos = start  # maybe a `.` standing for left-out code: the slow path decides
                                break
                            if compact:
                                tokens.append(_DOT)
                                continue
                        elif kind == "LBRACK":
                            brackets.append("[")
                        elif kind == "RBRACK":
                            if brackets:
                                brackets.pop()
                            if compact:
                                tokens.append(_RBRACK)
                                continue
                if compact:
                    tokens.append((kind, value, line, start - line_start + 1))
                else:
                    tokens.append((kind, value, line, start - line_start + 1, start, start + len(value)))
            else:  # the regex stopped: go on after its last token
                if m is not None:
                    pos = m.end()
            if pos < n and text[pos] in " \t\f\v\u00a0":  # the spaces before a token the regex left
                pos = _SPACE_RE.match(text, pos).end()
            if pos >= n:
                break
            self.pos, self.line, self.line_start = pos, line, line_start
            self.slow()
            pos, line, line_start = self.pos, self.line, self.line_start
        self.pos, self.line, self.line_start = pos, line, line_start
        if tokens and tokens[-1][0] != "NL":
            self.emit("NL", "\n", 0)
        return tokens

    def slow(self) -> None:
        """One token (or a skipped comment, space or line break) whose reading needs context."""
        text = self.text
        ch = text[self.pos]
        if ch == "\n":
            self.newline()
        elif ch in " \t\f\v\u00a0":
            self.pos = _SPACE_RE.match(text, self.pos).end()
        elif text.startswith("//", self.pos):
            end = text.find("\n", self.pos)
            self.pos = len(text) if end < 0 else end
        elif text.startswith("/*", self.pos):
            self.block_comment()
        elif ch == "`":
            # Before 4D v11 a backquote started a comment; old code and docs still carry it.
            end = text.find("\n", self.pos)
            self.pos = len(text) if end < 0 else end
        elif (
            (ch == "." or ch == "…")
            and self.options.elisions
            and self.at_statement_start()
            and (m := _ELISION_RE.match(text, self.pos))
        ):
            self.pos = m.end()
        elif (ch == "…" or text.startswith("...", self.pos)) and self.options.elisions and not self.in_parameter_list():
            # In Markdown `...` where a value goes stands for an expression the example leaves out.
            self.emit("ELIDED", "…" if ch == "…" else "...", 1 if ch == "…" else 3)
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
        elif (ch.isdigit() and _NUMBER_RE.match(text, self.pos)) or (
            ch == "." and self.last not in _EXPRESSION_ENDERS and text[self.pos + 1 : self.pos + 2].isdigit()
        ):
            self.number()
        elif ch.isalpha() or ch == "_" or _WORD_RE.match(text, self.pos):
            # `_WORD_RE` also takes what `\w` calls a letter but str.isalpha() does not (`¹`),
            # as the fast path does: both paths must read the same text the same way.
            self.word()
        else:
            self.operator()

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
        value = m.group()
        self.emit("STRING", value, len(value))
        newlines = value.count("\n")
        if newlines:
            self.line += newlines
            self.line_start = self.pos - len(value) + value.rfind("\n") + 1

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
        if m is None:  # a digit of another script (`¹`, `٣`): str.isdigit() says yes, 4D says no
            raise self.error(f"unexpected character {text[self.pos]!r}")
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

    def after_dereference(self) -> bool:
        """Whether the last token is the `->` of a dereference (`vPtr->`), not of a pointer (`->vVar`).

        After a dereference a word is a property: `vPtr->name` (object.md: with
        pointers "the dot symbol must be omitted").
        """
        tokens = self.tokens
        return len(tokens) > 1 and tokens[-1][0] == "ARROW" and tokens[-2][0] in _EXPRESSION_ENDERS

    def word(self) -> None:
        text = self.text
        pos = self.pos
        if self.last in _PROPERTY_CONTEXT or self.after_dereference():
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
        # A tokenized name (`Is real:K8:1`) has a `:` right after its run of words.
        run = _WORDS_RE.match(text, pos)
        if run is None or text.startswith(":", run.end()):
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
        """The longest known multi-word name at ``pos``, else the single word there.

        The answer depends only on the run of words at ``pos`` (and on the
        project's names): without project names it is remembered by run.
        """
        m = _WORDS_RE.match(self.text, pos)
        run = m.group()
        if self.options.extra_names:
            return self._longest_known(run)
        known = _LONGEST_KNOWN.get(run)
        if known is None:
            if len(_LONGEST_KNOWN) > 20000:
                _LONGEST_KNOWN.clear()
            known = _LONGEST_KNOWN[run] = self._longest_known(run)
        return known

    def _longest_known(self, run: str) -> tuple[str, int]:
        words = run.split()
        first = _WORD_RE.match(run)
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
                end = 0
                for w in words[: i + 1]:
                    end = run.index(w, end) + len(w)
                best = (" ".join(words[: i + 1]), end)
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
