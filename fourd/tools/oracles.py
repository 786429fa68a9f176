"""Result comments in documentation examples ("oracles"), and how to check them.

The 4D docs state results in comments: ``vtResult:=Lowercase("ABC") // vtResult gets "abc"``,
``$col.push(3) //$col=[1,2,3]``, ``$b:=$c.every($f) //returns true``, ``$last:=$col.last() // 50``,
or a JSON value spread over several comment lines after a statement.  This module finds
those comments in a block of 4D code (:func:`find_oracles`), reads the value they state
(:func:`parse_value`: 4D literals, JSON, and the relaxed ``{name:Alabama,zc:35049}`` form the
docs use for objects), and compares it with what the code computed (:func:`matches`).

A comment counts as an oracle only when its value parses completely (a trailing remark
after a comma or in parentheses is allowed); descriptive comments are left alone.  Every
comment considered is also classified by *form* so ``scripts/oracle_survey.py`` can count
what the corpus uses.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..runtime.convert import to_text
from ..runtime.formulas import Function4D
from ..runtime.json4d import stringify
from ..runtime.objects import get_member
from ..runtime.operators import deep_equal
from ..runtime.values import UNDEFINED, Collection4D, Date4D, Object4D, Pointer4D, Time4D
from ..syntax import ast
from ..syntax.literals import parse_date_literal, parse_time_literal

# -- expected values --------------------------------------------------------------------------


class Approx(float):
    """A number written with a trailing ``...``: the computed value must start with these digits."""

    digits: str

    def __new__(cls, value: float, digits: str) -> Approx:
        obj = super().__new__(cls, value)
        obj.digits = digits
        return obj


class Partial(Object4D):
    """An object written with ``...`` (``{name:Winch...}``): the properties shown must match,
    the others are left out; a text shown with a trailing ``...`` is the start of the value."""

    __slots__ = ("prefixes",)

    def __init__(self, props: dict[str, Any], prefixes: set[str]):
        super().__init__(props)
        self.prefixes = prefixes


class ShownDate:
    """A date as the docs print it, ``16/10/17``: day/month/year as on a French system (where
    the docs are written), or month/day/year as on a US one; either reading matches."""

    def __init__(self, readings: list[Date4D]):
        self.readings = readings

    def __repr__(self) -> str:
        return " or ".join(d.iso() for d in self.readings)


_SHOWN_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?![\d/])")
# A timestamp written without quotes (``returns 2010-09-12T22:00:00Z``, ``returns Wed, 08 Sep
# 2010 22:00:00 GMT``): 4D has no date-time type, so such a result is always a Text (the ISO
# 8601 and RFC 1123 forms String gives with ISO date GMT / Date RFC 1123).
_ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?(?![\w:.-])")
_RFC1123 = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} "
    r"\d{2}:\d{2}:\d{2} GMT(?![\w:.-])"
)
_SHOWN_TIME = re.compile(r"(\d{1,2}):(\d{2}):(\d{2})(?![\d:])")


def _shown_date(m: re.Match[str]) -> ShownDate:
    a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if len(m.group(3)) == 2:
        year += 2000 if year < 30 else 1900  # 4D's default century pivot (two digits: 1930…2029)
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(Date4D.from_date(_dt.date(year, month, day)))
        except ValueError:
            pass
    if not readings:
        raise ValueError("not a date")
    return ShownDate(readings)


_NUMBER = re.compile(r"[-–−]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?(?P<approx>\.\.\.|…)?")
_BARE_END = ",;]}"
_QUOTES = {'"': '"', "“": "”"}
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


class _Reader:
    """A small recursive-descent reader for the values written in comments."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def ws(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def fail(self, what: str) -> ValueError:
        return ValueError(f"{what} at {self.pos}")

    def value(self, relaxed: bool) -> Any:
        self.ws()
        ch = self.peek()
        if ch in _QUOTES:
            return self.string()
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.coll()
        if ch == "!":
            end = self.text.find("!", self.pos + 1)
            if end > 0:
                try:
                    value = parse_date_literal(self.text[self.pos : end + 1])
                except ValueError:
                    raise self.fail("bad date") from None
                self.pos = end + 1
                return value
        if ch == "?":
            m = re.compile(r"\?-?\d{1,3}:\d{2}(?::\d{2})?\?").match(self.text, self.pos)
            if m:
                self.pos = m.end()
                return parse_time_literal(m.group())
        m = _ISO_TIMESTAMP.match(self.text, self.pos) or _RFC1123.match(self.text, self.pos)
        if m:
            self.pos = m.end()
            return m.group()
        m = _SHOWN_DATE.match(self.text, self.pos)
        if m and not self._word_continues(m.end()):
            self.pos = m.end()
            return _shown_date(m)
        m = _SHOWN_TIME.match(self.text, self.pos)
        if m and not self._word_continues(m.end()):
            self.pos = m.end()
            return Time4D(int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3)))
        m = _NUMBER.match(self.text, self.pos)
        if m and not self._word_continues(m.end()):
            self.pos = m.end()
            literal = m.group().replace("–", "-").replace("−", "-")
            if m.group("approx"):
                digits = literal.rstrip(".…")
                return Approx(float(digits), digits)
            return float(literal)
        m = re.compile(r"(true|false|null|undefined)\b", re.I).match(self.text, self.pos)
        if m and not self._word_continues(m.end(), relaxed):
            self.pos = m.end()
            return {"true": True, "false": False, "null": None, "undefined": UNDEFINED}[m.group().lower()]
        if relaxed:
            return self.bare()
        raise self.fail("no value")

    def _word_continues(self, end: int, relaxed: bool = False) -> bool:
        """``12px`` or ``true story`` are not a number or a Boolean."""
        rest = self.text[end:]
        if relaxed:
            rest = rest.lstrip(" ")
            return bool(rest) and rest[0] not in _BARE_END
        return bool(rest) and (rest[0].isalnum() or rest[0] == "_")

    def bare(self) -> Any:
        """Unquoted text inside a container: ``[Cleveland,Blountsville]``."""
        start = self.pos
        depth = 0
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch in "([":
                depth += 1
            elif ch in ")" and depth:
                depth -= 1
            elif ch in _BARE_END and depth == 0:
                break
            elif ch == "\n":
                break
            self.pos += 1
        word = self.text[start : self.pos].strip()
        if not word:
            raise self.fail("empty item")
        return word

    def string(self) -> str:
        close = _QUOTES[self.text[self.pos]]
        self.pos += 1
        out = []
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch == close:
                self.pos += 1
                return "".join(out)
            if ch == "\\" and self.pos + 1 < len(self.text):
                nxt = self.text[self.pos + 1]
                if nxt == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", self.text[self.pos + 2 : self.pos + 6]):
                    out.append(chr(int(self.text[self.pos + 2 : self.pos + 6], 16)))
                    self.pos += 6
                    continue
                out.append(_ESCAPES.get(nxt, "\\" + nxt))
                self.pos += 2
                continue
            out.append(ch)
            self.pos += 1
        raise self.fail("unterminated string")

    def key(self) -> str:
        self.ws()
        if self.peek() in _QUOTES:
            return self.string()
        m = re.compile(r"[A-Za-z_$][\w$ .-]*?(?=\s*:)").match(self.text, self.pos)
        if not m:
            raise self.fail("no property name")
        self.pos = m.end()
        return m.group().strip()

    def obj(self) -> Object4D:
        self.pos += 1
        props: dict[str, Any] = {}
        prefixes: set[str] = set()  # properties whose text is shown cut with "..."
        partial = False
        self.ws()
        if self.peek() == "}":
            self.pos += 1
            return Object4D(props)
        while True:
            self.ws()
            if self.text.startswith(("...", "…"), self.pos):  # `{a:1, ...}`: more properties
                self.pos += 3 if self.peek() == "." else 1
                partial = True
            else:
                name = self.key()
                self.ws()
                if self.peek() != ":":
                    raise self.fail("expected ':'")
                self.pos += 1
                value = self.value(relaxed=True)
                if type(value) is str and value.endswith(("...", "…")) and self.text[self.pos - 1] != '"':
                    value, partial = value.rstrip(".…").rstrip(), True
                    prefixes.add(name)
                props[name] = value
            self.ws()
            ch = self.peek()
            self.pos += 1
            if not ch:
                raise self.fail("unclosed object")
            if ch == "}":
                return Partial(props, prefixes) if partial else Object4D(props)
            if ch not in ",;":
                raise self.fail("expected ',' or '}'")

    def coll(self) -> Collection4D:
        self.pos += 1
        items: list[Any] = []
        self.ws()
        if self.peek() == "]":
            self.pos += 1
            return Collection4D(items)
        while True:
            self.ws()
            if self.peek() in ",;":  # an empty item: ``[1,,2]`` shows an empty text in a join
                items.append("")
            else:
                items.append(self.value(relaxed=True))
            self.ws()
            ch = self.peek()
            self.pos += 1
            if not ch:
                raise self.fail("unclosed collection")
            if ch == "]":
                return Collection4D(items)
            if ch not in ",;":
                raise self.fail("expected ',' or ']'")


def parse_value(text: str) -> tuple[Any, str]:
    """The value written at the start of ``text`` and the text after it. Raises ValueError."""
    reader = _Reader(text)
    value = reader.value(relaxed=False)
    # Relaxed items were read as text; numbers and keywords in them were already converted.
    return _convert_bare(value), text[reader.pos :]


def _convert_bare(value: Any) -> Any:
    if type(value) in (Object4D, Partial):
        value.props = {k: _convert_bare(v) for k, v in value.props.items()}
    elif type(value) is Collection4D:
        value.items = [_convert_bare(v) for v in value.items]
    return value


# -- comments ---------------------------------------------------------------------------------


def split_comment(line: str) -> tuple[str, str | None]:
    """The code of a line and the text of its ``//`` comment (None when it has none)."""
    in_string = False
    i = 0
    while i < len(line):
        ch = line[i]
        if in_string:
            if ch == "\\":
                i += 2
                continue
            if ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif line.startswith("//", i):
            return line[:i], line[i + 2 :]
        i += 1
    return line, None


# Words after which the rest of a comment is the result: ``// returns 3``, ``//result: 3``.
_KEYWORD = re.compile(
    r"^\s*(?:(?P<kw>returns?|result\s*(?:is|=|:)|gives|displays?|shows?|outputs?|->|=>|→)\s*:?)\s*(?P<rest>.*)$",
    re.I | re.S,
)
# ``X gets Y``, ``X = Y``, ``X=Y``, ``X is Y``, ``X: Y``: the subject is a variable, maybe with members.
_SUBJECT = r"(?P<subj>(?:\$|<>)?[A-Za-z_][\w]*(?:\{\d+\})?(?:\.[A-Za-z_]\w*|\[\d+\]|\[\"[^\"]*\"\])*)"
_NAMED = re.compile(
    _SUBJECT + r"\s*(?P<verb>:=|=|->|\bgets\b|\bis set to\b|\bis\b|\bequals\b|\bcontains\b|:)\s*(?P<rest>.*)$",
    re.I | re.S,
)
# A remark after the value that leaves the value as stated.
_TRAIL_OK = re.compile(r"^\s*(?:$|[,;(]|//|-\s|–|\.\s*$|\bif\b|\bbecause\b|\bsince\b|\bas\b|\bfor\b(?! example))", re.I)
# ``numerical sort: [4,33,66]``: a few lowercase words naming the result, then a collection or object
_LABELLED = re.compile(r"^(?P<label>[a-z][a-z ]{2,30}):\s*(?P<rest>[\[{].*)$")
# ``if $x="W"``: the value of a local the stated results assume
_PREMISE = re.compile(r"if\s+(\$[A-Za-z_]\w*\s*(?:=|:=)\s*.+)", re.I)
# A comment line introducing an illustration of the comment lines after it.
_EXAMPLE_LEAD = re.compile(r"\bexample\b|\be\.g\.|\bfor instance\b|\bsuch as\b", re.I)
# A remark naming the time zone the value holds for: doctest runs in Paris (docs/doctest.md).
_ZONE_REMARK = re.compile(
    r"^(?:in (?:France|French time ?zone|the French time ?zone|Paris(?: time ?zone)?)"
    r"|regardless of the time ?zone)\s*\.?$",
    re.I,
)
# A remark that makes the stated value an illustration, not a result.
_ILLUSTRATIVE = re.compile(
    r"example|e\.g\.|depend|vary|varies|approx|current|instance|such as|\bor\b|system|locale|language|machine|\bon (?:a |the )?(?:mac|windows)",
    re.I,
)


# Commands whose result changes from run to run: a value documented for them is an illustration.
_MOMENT = re.compile(
    r"\b(Current date|Current time|Timestamp|Random|Milliseconds|Tickcount|Generate UUID|Current machine|"
    r"Current system user|Current user|Current process|Current process name|Get system info)\b",
    re.I,
)


# ``$colResult[0].o=$o1 is true``: a comparison of variables, said true or false.
_CLAIM = re.compile(
    r"(?P<expr>(?:\$|<>)?[A-Za-z_][\w.\[\]]*\s*(?:=|#|<=|>=|<|>)\s*(?:\$|<>)?[A-Za-z_][\w.\[\]]*)"
    r"\s+is\s+(?P<b>true|false)\.?",
    re.I,
)
# ``// error`` on a statement: running it raises a 4D error (the block goes on after it).
_ERROR_COMMENT = re.compile(r"^(?:an?\s+)?error\s*(?:,.*)?$", re.I)


def error_comment(comment: str) -> bool:
    """Is this comment text ``error`` (``// error``, ``//ERROR``, ``// error, non-assignable``)?"""
    return _ERROR_COMMENT.match(comment.strip()) is not None


class ExpectedError:
    """The expected value of an ``// error`` oracle."""

    def __repr__(self) -> str:
        return "an error"


ERROR = ExpectedError()


@dataclass
class RaisedError:
    """What a statement under an ``// error`` oracle raised."""

    code: int
    message: str


@dataclass
class Oracle:
    """A result stated in a comment of a code block."""

    line: int  # line of the comment in the block (1-based)
    anchor: int  # line where the statement it checks starts
    form: str  # how it is written: "gets", "equals", "returns", "result", "bare", "json-lines"…
    expected_text: str
    expected: Any
    subject: str | None = None  # the variable (path) it names; None: the statement's own result
    output: bool = False  # compare with what the statement displayed (ALERT) instead of a value
    condition: bool = False  # `If(cond) // true`: the condition as If tests it, before the branch runs
    branch: int | None = None  # `:(cond) // false` in a Case of: the index of that branch
    observed: list[Any] = field(default_factory=list)


@dataclass
class Candidate:
    """A comment that looks like a result but was not taken as one (for the survey)."""

    line: int
    form: str
    reason: str
    text: str


@dataclass
class BlockOracles:
    oracles: list[Oracle]
    rejected: list[Candidate]
    # ``// $x = value`` before the first statement: the value the block starts from, not a result
    given: dict[str, Any] = field(default_factory=dict)


def statement_lines(body: list[ast.Node]) -> dict[int, ast.Node]:
    """Every statement of a method body (nested ones too) by the line where it starts."""
    out: dict[int, ast.Node] = {}

    def walk(nodes: list[ast.Node]) -> None:
        for node in nodes:
            if isinstance(node, (ast.Declare, ast.ClassExtends)):
                continue
            out.setdefault(node.line, node)
            if isinstance(node, (ast.FunctionDef, ast.ClassConstructor)):
                continue  # a class function's body does not run with the block: its comments check nothing
            for attr in ("then", "otherwise", "body", "catch"):
                child = getattr(node, attr, None)
                if isinstance(child, list):
                    walk(child)
            if isinstance(node, ast.CaseOf):
                for _, branch in node.branches:
                    walk(branch)

    walk(body)
    return out


def case_branches(body: list[ast.Node]) -> dict[int, tuple[ast.CaseOf, int]]:
    """The ``Case of`` branches of a method body by the line of their condition."""
    out: dict[int, tuple[ast.CaseOf, int]] = {}
    for node in statement_lines(body).values():
        if isinstance(node, ast.CaseOf):
            for index, (condition, _branch) in enumerate(node.branches):
                out.setdefault(condition.line, (node, index))
    return out


def _statement_kind(node: ast.Node | None, has_result: Any) -> str:
    """What an anonymous oracle on this statement checks: "target", "value", "output" or ""."""
    if node is None:
        return ""
    if isinstance(node, ast.Assign):
        return "target"
    if isinstance(node, ast.VarDecl) and node.value is not None and len(node.names) == 1:
        return "target"
    if isinstance(node, ast.ExpressionStatement):
        expr = node.expression
        if isinstance(expr, ast.Call) and expr.callee.name.upper() in _OUTPUT_COMMANDS:
            return "output"
        callee = expr.callee if isinstance(expr, ast.Call) else expr if isinstance(expr, ast.Name) else None
        if callee is not None and has_result(callee) is False:
            return ""
        return "value"
    return ""


_OUTPUT_COMMANDS = {"ALERT", "MESSAGE", "CONFIRM", "DISPLAY NOTIFICATION"}


def _target_text(node: ast.Node) -> str | None:
    target = node.target if isinstance(node, ast.Assign) else node.names[0] if isinstance(node, ast.VarDecl) else None
    parts: list[str] = []
    while True:
        if isinstance(target, ast.Member):
            parts.append("." + target.name)
            target = target.target
        elif isinstance(target, ast.Index) and isinstance(target.index, ast.Literal):
            index = target.index.value
            parts.append(f"[{int(index)}]" if type(index) is float else f'["{index}"]')
            target = target.target
        elif isinstance(target, (ast.LocalVar, ast.ProcessVar, ast.Name)):
            return target.name + "".join(reversed(parts))
        elif isinstance(target, ast.InterprocessVar):
            return "<>" + target.name + "".join(reversed(parts))
        else:
            return None


def _value_with_trail(rest: str, form: str, strict: bool) -> tuple[Any, str | None]:
    """The value at the start of ``rest``, or (None, why not)."""
    value, why = _plain_value_with_trail(rest, form, strict)
    if why is not None:
        inner = _unescaped_json_text(rest.strip()) or _constant_named(rest.strip())
        if inner is not None:
            return inner
    return value, why


def _constant_named(text: str) -> tuple[Any, None] | None:
    """``Is real``: a 4D constant named as the result stands for its value."""
    from ..runtime.errors import FourDError
    from ..runtime.interpreter import constant_value
    from ..syntax.names import constant_by_name

    name = text.rstrip(".").strip()
    if constant_by_name(name) is None:
        return None
    try:
        return constant_value(name), None
    except FourDError:
        return None


def _unescaped_json_text(text: str) -> tuple[Any, str | None] | None:
    """``"{"name":"Smith"}"``: the docs often quote a JSON text without escaping its quotes.
    The value is what that JSON holds (a JSON text matches the value it encodes)."""
    if not re.match(r'^"[\[{]', text):
        return None
    end = max(text.rfind('}"'), text.rfind(']"'))
    if end < 0:
        return None
    try:
        value, trail = parse_value(text[1 : end + 1])
    except ValueError:
        return None
    after = text[end + 2 :].strip()
    if trail.strip() or (after and not re.fullmatch(r"\(.*\)", after)):
        return None
    return value, None


def _plain_value_with_trail(rest: str, form: str, strict: bool) -> tuple[Any, str | None]:
    text = rest.strip()
    if not text:
        return None, "no value"
    try:
        value, trail = parse_value(text)
    except ValueError:
        return None, "value not parsed"
    trail = trail.strip()
    if trail.endswith(".") and trail.rstrip(".").strip() == "":
        trail = ""
    if re.match(r"^,\s*[\"“\d\[{–-]", trail):
        return None, "several values"
    if _ZONE_REMARK.match(trail):
        return value, None
    if strict and trail and not re.fullmatch(r"\(.*\)|,.*", trail):
        return None, "text after the value"
    if trail and not _TRAIL_OK.match(trail):
        return None, "text after the value"
    if trail and _ILLUSTRATIVE.search(trail):
        return None, "illustrative value"
    return value, None


def find_oracles(code: str, body: list[ast.Node], has_result: Any = None) -> BlockOracles:
    """The oracles of a block whose parsed method body is ``body``.

    ``has_result(name_node)`` tells whether a called name gives a result (False for a command
    whose syntax has none); an anonymous result comment on such a call is not an oracle.
    """
    has_result = has_result or (lambda node: None)
    lines = code.splitlines()
    statements = statement_lines(body)
    branches = case_branches(body)
    starts = sorted(statements)
    comments: list[tuple[int, str, str]] = []
    code_only: list[str] = []
    for i, text in enumerate(lines, start=1):
        code_part, comment = split_comment(text)
        code_only.append(code_part)
        if comment is not None and not comment.lstrip().startswith("%"):
            comments.append((i, code_part, comment))
    names_in_code = _subject_names("\n".join(code_only))
    arrays = _array_names("\n".join(code_only))
    comments = _split_claims(comments, names_in_code)
    oracles: list[Oracle] = []
    rejected: list[Candidate] = []
    given: dict[str, Any] = {}
    consumed: set[int] = set()

    def anchor_of(line: int, has_code: bool) -> int | None:
        before = [s for s in starts if (s <= line if has_code else s < line)]
        return before[-1] if before else None

    for index, (line, code_part, comment) in enumerate(comments):
        if line in consumed:
            continue
        has_code = code_part.strip() != ""
        anchor = anchor_of(line, has_code)
        node = statements.get(anchor) if anchor is not None else None
        stripped = comment.strip()
        if anchor is None and not has_code:
            _take_given(stripped, given)
            continue
        if not stripped or anchor is None:
            continue
        premise = _PREMISE.fullmatch(stripped) if not has_code else None
        if premise:
            # `//if $astring="W"` after `$c.query("name # :1";$aString+"@")`: the value the
            # results below assume; the block starts with it (a premise, not a result)
            _take_given(premise.group(1), given)
            continue
        if not has_code and _EXAMPLE_LEAD.search(stripped):
            # `//$_entry will contain for example` then `// $_entry{1} = {…}`: the comment lines
            # that follow, up to the next line of code, show what a result may look like
            for later, later_code, _later_comment in comments[index + 1 :]:
                if later_code.strip() or any(c.strip() for c in code_only[line:later]):
                    break
                consumed.add(later)
            continue
        if _MOMENT.search("\n".join(code_only[anchor - 1 : line])):
            if _NAMED.search(stripped) or _KEYWORD.match(stripped):
                rejected.append(Candidate(line, "any", "value of the moment", stripped))
            continue
        # 0. `// error`: the statement fails
        if has_code and anchor == line and _ERROR_COMMENT.match(stripped):
            oracles.append(Oracle(line, anchor, "error", stripped, ERROR))
            continue
        # 0b. `$a.b=$c is true`: a comparison the docs state holds (or not)
        claim = _CLAIM.fullmatch(stripped)
        if claim:
            base = re.match(r"(?:\$|<>)?\w+", claim.group("expr")).group().lower()
            if base in names_in_code:
                expected = claim.group("b").lower() == "true"
                oracles.append(Oracle(line, anchor, "is", stripped, expected, "(" + claim.group("expr") + ")"))
                continue
        # 1. a named subject: `X gets Y`, `X = Y`, `X: Y`
        named = _NAMED.search(stripped)
        if named and not (named.group("verb") == ":" and not named.group("subj").startswith("$")):
            subject = named.group("subj")
            verb = " ".join(named.group("verb").lower().split())
            form = {
                "gets": "gets",
                "=": "equals",
                ":=": "equals",
                ":": "colon",
                "is": "is",
                "is set to": "is",
                "->": "arrow",
            }.get(verb, verb)
            base = re.match(r"(?:\$|<>)?\w+", subject).group().lower()
            known = base in names_in_code and ("{" not in subject or base in arrays)
            if not known and verb in ("gets", "=") and isinstance(node, ast.Assign) and has_code and "{" not in subject:
                subject = _target_text(node)  # "// Result gets ..." on `vtResult:=...`
                known = subject is not None
            rest = named.group("rest")
            value, why = _value_with_trail(rest, form, strict=False)
            if known and why is not None and index + 1 < len(comments):
                joined, used = _continued(comments, index, rest, form)
                if used:
                    rest, value, why = joined, *_value_with_trail(joined, form, strict=False)
                    consumed.update(used)
            if known and why is None:
                if re.match(r"\s*if\b", stripped[: named.start()], re.I):
                    # `If myArr{6} is the row of a 2D array, $thetype equals 13`: true only
                    # under a premise the block does not establish
                    rejected.append(Candidate(line, form, "conditional", stripped))
                    continue
                if not (_NAMED.match(stripped) or named.start() == 0) and _ILLUSTRATIVE.search(
                    stripped[: named.start()]
                ):
                    rejected.append(Candidate(line, form, "illustrative value", stripped))
                    continue
                oracles.append(Oracle(line, anchor, form, rest.strip(), value, subject))
                continue
            if known and verb in ("gets", "=", ":="):
                rejected.append(Candidate(line, form, why or "unknown subject", stripped))
                continue
        # 2. a keyword: `returns Y`, `result: Y`, `displays Y`
        keyword = _KEYWORD.match(stripped)
        kind = _statement_kind(node, has_result) if has_code or anchor is not None else ""
        if keyword:
            word = keyword.group("kw").lower()
            form = (
                "displays"
                if word.startswith(("display", "show", "output"))
                else ("result" if word.startswith("result") else "returns")
            )
            value, why = _value_with_trail(keyword.group("rest"), form, strict=False)
            if why is not None:
                rejected.append(Candidate(line, form, why, stripped))
                continue
            # "displays" checks the output of any call: an ALERT may run inside a formula or method
            if form == "displays" and kind in ("output", "value"):
                if type(value) is not str:
                    value = to_text(value)
                oracles.append(Oracle(line, anchor, form, keyword.group("rest").strip(), value, output=True))
                continue
            if kind in ("target", "value"):
                subject = _target_text(node) if kind == "target" else None
                if kind == "target" and subject is None:
                    rejected.append(Candidate(line, form, "complex assignment target", stripped))
                    continue
                oracles.append(Oracle(line, anchor, form, keyword.group("rest").strip(), value, subject))
            else:
                rejected.append(Candidate(line, form, "statement gives no result", stripped))
            continue
        # 2b. a labelled value on the statement: `$col2:=$col.sort() //numerical sort: [4,33,66]`
        labelled = _LABELLED.match(stripped)
        if (
            labelled
            and has_code
            and anchor == line
            and kind in ("target", "value")
            and not _ILLUSTRATIVE.search(labelled.group("label"))
        ):
            value, why = _value_with_trail(labelled.group("rest"), "labelled", strict=True)
            subject = _target_text(node) if kind == "target" else None
            if why is None and (kind == "value" or subject is not None):
                oracles.append(Oracle(line, anchor, "labelled", labelled.group("rest"), value, subject))
                continue
        # 3. a bare value: `// 50`, `// true`, `//[1,2,3]`, or JSON spread over comment lines
        if stripped[0] not in '"“{[!?-–0123456789tTfFnN.':
            continue
        value, why = _value_with_trail(stripped, "bare", strict=True)
        form = "bare"
        text = stripped
        if why is not None and not has_code and stripped[0] in "{[":
            value, text, used = _multi_line(comments, index)
            if value is not None:
                form, why = "json-lines", None
                consumed.update(used)
        if why is not None:
            if re.match(r"^[\"{\[]|^-?\d+(\.\d+)?$|^(true|false|null)$", stripped, re.I):
                rejected.append(Candidate(line, "bare", why, stripped))
            continue
        if type(value) is bool:
            form = "boolean"
        elif form == "bare" and type(value) in (Object4D, Collection4D):
            form = "json"
        if type(value) is bool and has_code and line in branches:
            # `:($o.a) // false`: a branch condition of a Case of, read before the Case runs
            case, number = branches[line]
            if not _pure(case.branches[number][0], names_in_code):
                rejected.append(Candidate(line, "condition", "condition with calls", stripped))
                continue
            oracles.append(Oracle(line, case.line, "condition", text, value, condition=True, branch=number))
            continue
        if type(value) is bool and isinstance(node, ast.If) and has_code and anchor == line:
            if not _pure(node.condition, names_in_code):
                rejected.append(Candidate(line, "condition", "condition with calls", stripped))
                continue
            # `If(vEmp.children=Null) //true`: the condition, as If tests it
            oracles.append(Oracle(line, anchor, "condition", text, value, condition=True))
            continue
        if kind == "output" and (type(value) is str or type(value) is float and _shows_a_number(node)):
            # `ALERT(String($sum)) //95`: the text shown is the number's text
            shown = value if type(value) is str else to_text(value)
            oracles.append(Oracle(line, anchor, form, text, shown, output=True))
        elif kind in ("target", "value"):
            subject = _target_text(node) if kind == "target" else None
            if kind == "target" and subject is None:
                rejected.append(Candidate(line, form, "complex assignment target", stripped))
                continue
            oracles.append(Oracle(line, anchor, form, text, value, subject))
        else:
            rejected.append(Candidate(line, form, "statement gives no result", stripped))
    return BlockOracles(oracles, rejected, given)


def _shows_a_number(node: ast.Node) -> bool:
    """``ALERT(String($sum))``: the statement shows one number converted, nothing else (in
    ``ALERT("Index: "+String($i)) //1`` the number is part of the text, not the text shown)."""
    args = node.expression.args if isinstance(node.expression, ast.Call) else []
    if len(args) != 1:
        return False
    arg = args[0]
    return isinstance(arg, ast.Call) and arg.callee.name.lower() == "string" and len(arg.args) == 1


_PURE_NODES = (ast.Literal, ast.LocalVar, ast.ProcessVar, ast.InterprocessVar, ast.Member, ast.Index)


def _pure(node: ast.Node, names: set[str]) -> bool:
    """Can ``node`` be evaluated once more without side effects (no call of any kind)?
    A bare name counts only as a variable the block assigns, or as a constant (``Null``)."""
    from ..syntax.names import constant_by_name

    if isinstance(node, ast.Name):
        name = node.name.lower()
        return name in names or name in ("null", "true", "false") or constant_by_name(node.name) is not None
    if isinstance(node, (ast.Unary, ast.Binary, ast.Logical, *_PURE_NODES)):
        children = [v for v in vars(node).values() if isinstance(v, ast.Node)]
        return all(_pure(child, names) for child in children)
    return False


def _take_given(comment: str, given: dict[str, Any]) -> None:
    """``$x = value`` (or ``$x: value``) in a comment before any statement: the value ``$x``
    starts with (commands/ob-set.md shows the object a block changes that way)."""
    m = re.fullmatch(r"(\$[A-Za-z_]\w*)\s*(?:=|:=|:)\s*(.+)", comment)
    if m is None:
        return
    value, why = _value_with_trail(m.group(2), "given", strict=True)
    if why is None and value is not None:
        given[m.group(1).lower()] = value


def _array_names(code: str) -> set[str]:
    """The arrays the code declares (``ARRAY TEXT($city;0)``): an oracle may name their elements."""
    return {m.group(1).lower() for m in re.finditer(r"\bARRAY [A-Z ]+?\(\s*((?:\$|<>)?[A-Za-z_]\w*)", code, re.I)}


# ``$stack=[1]  Returns 2``: the state a statement leaves, then (after two spaces) its result
_AND_RETURNS = re.compile(r"\s{2,}(?=returns?\b)", re.I)
# ``, $zipCode{1}=35049``: a second claim in the same comment
_NEXT_CLAIM = re.compile(r",\s+(?=(?:\$|<>)?[A-Za-z_]\w*(?:\{\d+\})?\s*(?::=|=)\s*\S)")


def _split_claims(comments: list[tuple[int, str, str]], names: set[str]) -> list[tuple[int, str, str]]:
    """``//$city{1}="Cleveland", $zipCode{1}=35049``: one comment stating several results, each
    a complete ``X=value`` about a variable of the code, becomes one comment per claim."""
    out: list[tuple[int, str, str]] = []
    for line, code_part, comment in comments:
        parts = _NEXT_CLAIM.split(comment.strip())
        state_and_result = _AND_RETURNS.split(comment.strip())
        if len(parts) > 1 and all(_complete_claim(part, names) for part in parts):
            out.extend((line, code_part, part) for part in parts)
        elif (
            code_part.strip()
            and len(state_and_result) == 2
            and _complete_claim(state_and_result[0], names)
            and _complete_result(state_and_result[1])
        ):
            out.extend((line, code_part, part) for part in state_and_result)
        else:
            out.append((line, code_part, comment))
    return out


def _complete_result(text: str) -> bool:
    keyword = _KEYWORD.match(text)
    return keyword is not None and _value_with_trail(keyword.group("rest"), "returns", strict=True)[1] is None


def _complete_claim(text: str, names: set[str]) -> bool:
    named = _NAMED.match(text)
    if named is None or named.group("verb") not in ("=", ":="):
        return False
    if re.match(r"(?:\$|<>)?\w+", named.group("subj")).group().lower() not in names:
        return False
    _value, why = _value_with_trail(named.group("rest"), "equals", strict=True)
    return why is None


def _subject_names(code: str) -> set[str]:
    """Names an oracle may check: local variables used in the code, process and interprocess
    variables it assigns (a bare name may be a command, a constant or a method)."""
    names = {m.group().lower() for m in re.finditer(r"\$[A-Za-z_]\w*", code)}
    names |= {
        m.group(1).lower()
        for m in re.finditer(r"(?<![\w$.])((?:<>)?[A-Za-z_]\w*)\s*(?:\{[^}]*\}\s*)?(?::=|[-+*/]=)", code)
    }
    names |= {m.group(1).lower() for m in re.finditer(r"\bvar\s+([A-Za-z_]\w*)", code, re.I)}
    names |= _array_names(code)
    return names


def _continued(comments: list[tuple[int, str, str]], index: int, first: str, form: str) -> tuple[str, list[int]]:
    """``// $o = {"a":[1,`` then ``// 2]}``: a JSON value (or a quoted JSON text) cut over the
    comment-only lines that follow; the lines are joined as written (the docs cut anywhere,
    even inside a string).  The joined text and the lines used, or ("", []) when no
    continuation makes the value parse."""
    if not re.match(r'^\s*"?[\[{]', first):
        return "", []
    text = first.strip()
    used: list[int] = []
    previous = comments[index][0]
    for line, code_part, comment in comments[index + 1 : index + 20]:
        if code_part.strip() or line != previous + 1 or not comment.strip():
            break
        previous = line
        text += comment.strip()
        used.append(line)
        _value, why = _value_with_trail(text, form, strict=False)
        if why is None:
            return text, used
    return "", []


def _multi_line(comments: list[tuple[int, str, str]], index: int) -> tuple[Any, str, list[int]]:
    """A value written over consecutive comment-only lines, starting at ``comments[index]``."""
    parts: list[str] = []
    used: list[int] = []
    previous = comments[index][0] - 1
    for line, code_part, comment in comments[index : index + 60]:
        if code_part.strip() or line != previous + 1:
            break
        previous = line
        parts.append(comment.strip())
        used.append(line)
        text = "\n".join(parts)
        try:
            value, trail = parse_value(text)
        except ValueError:
            continue
        if not trail.strip():
            return value, text, used
        break
    return None, "", []


# -- checking ------------------------------------------------------------------------------------


def matches(expected: Any, actual: Any) -> bool:
    """Does the computed value match the documented one?

    Deep comparison as ``collection.equal(ck diacritical)``: a documentation example states
    the exact characters a result has, so text is compared with case and accents.  A number
    written with fewer decimals than computed matches when the computed value rounds to it
    (docs round what they show); ``1.23...`` matches any value starting with those digits.
    """
    if isinstance(expected, ShownDate):
        return type(actual) is Date4D and any(deep_equal(d, actual) for d in expected.readings)
    if expected is ERROR or isinstance(actual, RaisedError):
        return expected is ERROR and isinstance(actual, RaisedError)
    if isinstance(expected, Approx):
        return _is_number(actual) and to_text(actual).replace("-", "").startswith(expected.digits.lstrip("-"))
    if _is_number(expected) and _is_number(actual):
        return deep_equal(expected, actual) or _rounds_to(actual, expected)
    if type(expected) is str and type(actual) is Date4D:
        return expected in (actual.iso(), to_text(actual))
    if type(expected) is Collection4D and type(actual) is Collection4D:
        return len(expected.items) == len(actual.items) and all(
            matches(e, a) for e, a in zip(expected.items, actual.items, strict=True)
        )
    if type(expected) is Partial:
        if type(actual) is not Object4D:
            return False
        for key, value in expected.props.items():
            got = actual.props.get(key, UNDEFINED)
            if key in expected.prefixes and type(got) is str:
                if not got.startswith(value):
                    return False
            elif not matches(value, got):
                return False
        return True
    if type(expected) is Object4D and type(actual) is Object4D:
        ep = expected.props
        ap = {k: v for k, v in actual.props.items() if v is not UNDEFINED}
        if actual.cls is not None:  # the docs show a class instance with its computed properties
            ap.update(_computed(actual, [k for k in ep if k not in ap]))
        return ep.keys() == ap.keys() and all(matches(v, ap[k]) for k, v in ep.items())
    if type(expected) is str and isinstance(actual, Function4D):
        return expected == to_text(actual)  # "[object Formula]": how 4D shows a formula as text
    if type(expected) in (Object4D, Collection4D) and hasattr(actual, "to_json_4d"):
        from ..runtime.json4d import from_plain

        return matches(expected, from_plain(actual.to_json_4d()))
    if type(expected) in (Object4D, Collection4D) and type(actual) is str:
        try:  # a JSON text shown as the value it holds
            from ..runtime.json4d import parse as parse_json

            return matches(expected, parse_json(actual))
        except Exception:  # not JSON: it does not match
            return False
    if type(expected) is str and type(actual) is Pointer4D:
        return expected == "->" + actual.name  # the debugger shows a pointer as ->name
    if type(expected) is Time4D and _is_number(actual):
        return expected.seconds == actual
    if expected is None and actual is UNDEFINED:
        return True  # "returns null" for a missing property: 4D's = holds them equal
    return deep_equal(expected, actual, diacritical=True)


def _computed(instance: Object4D, names: list[str]) -> dict[str, Any]:
    """The values of the computed properties (``Function get``) ``names`` of a class instance."""
    from ..runtime.errors import FourDError

    out = {}
    for name in names:
        getter, _setter = instance.cls._accessors(name)
        if getter is not None:
            try:
                out[name] = get_member(instance, name)
            except FourDError:
                pass
    return out


def _is_number(value: Any) -> bool:
    return type(value) in (float, int, Approx)


def _rounds_to(actual: float, expected: float) -> bool:
    text = repr(float(expected))
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    if decimals == 0 or expected == int(expected):
        return False
    return round(float(actual), decimals) == round(float(expected), decimals)


def show(value: Any) -> str:
    """A value as a report shows it: JSON for objects and collections, else 4D's text form."""
    if value is UNDEFINED:
        return "Undefined"
    if value is None:
        return "null"
    if isinstance(value, RaisedError):
        return f"error {value.code}: {value.message}"
    if type(value) in (Object4D, Collection4D):
        return stringify(value)
    if type(value) is str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'
    if type(value) is Date4D:
        return f"!{value.iso()}!"
    if type(value) is Time4D:
        return f"?{value.hms()}?"
    if hasattr(value, "to_json_4d"):
        try:
            return stringify(value)
        except Exception:  # a built-in object that cannot be shown: its type is enough
            pass
    return to_text(value)


def snapshot(value: Any, depth: int = 0) -> Any:
    """A copy of objects and collections as they are now (later statements may change them)."""
    if depth > 50:
        return value
    t = type(value)
    if t is Object4D and (value.cls is None or value.cls.store == "cs"):
        # a class instance keeps its class: its computed properties read the copied values
        return Object4D({k: snapshot(v, depth + 1) for k, v in value.props.items()}, value.cls)
    if t is Collection4D:
        return Collection4D([snapshot(v, depth + 1) for v in value.items])
    return value
