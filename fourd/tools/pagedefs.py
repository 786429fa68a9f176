"""Project methods and classes that a documentation page defines for its own examples.

A docs page often shows a class or a project method in one block and uses it in another
("You created the Polygon class: … Then, in a method, you can write: `cs.Polygon.new(4;3)`"),
or writes the called method at the end of the calling block, after a comment naming it
(``//Here the code of the method Do_Something`` then ``#DECLARE …``).  ``fourd doctest``
gives every block of the page these definitions, the way a 4D project would have them.

How a definition is named (the first that applies):

- a class: a block with top-level ``Class constructor``/``Class extends``/``Function``/
  ``property``, named by a comment (``//Class: Person``, ``//in the myClass.4dm file``,
  ``//cs.Users class``) or, failing that, by the paragraph before the block (`` the `Person` class``);
- a method: a block whose first line is a comment naming it (``//myAlert``, ``//fullName method``,
  ``//Flatten project method``, ``//In mymethod method``), or a block the paragraph before
  names (``With the *Greeting* project method:``, ``a method called `SumNumbers```);
- a method inside a block: a comment line naming it followed by ``#DECLARE``; the method runs
  from that comment to the next naming comment after a blank line, or to the end of the
  block, and those lines are blanked out of the block's own code (line numbers stay).

To keep guesses from doing harm, a name is only defined when another block of the page (or
the rest of the same block) uses it: ``cs.Name`` for a class, the name as a word for a method;
and never when it is a command, a constant or a keyword.  When a name has several
definitions on the page, a block gets the nearest one; the blocks of one class are joined
when their members do not clash (a constructor in one block, a function in the next).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_COMMENT = re.compile(r"^\s*//+\s?(.*?)\s*$")
_CODE_START = re.compile(
    r"^\s*((?:shared\s+|singleton\s+|session\s+)*class\s+constructor|class\s+extends"
    r"|(?:shared\s+|local\s+|exposed\s+)*function\s|property\s)",
    re.I,
)
_DECLARE = re.compile(r"^\s*#declare\b", re.I)
_NAME = r"([A-Za-z_][A-Za-z0-9_]*)"
# The text of a comment that names a method: "myAlert", "fullName method", "In mymethod method",
# "Here the code of the method Do_Something", "Is_Thread_Safe project method", "Method: Foo".
_METHOD_HEADER = re.compile(
    r"^(?:(?:in|here is|here the code of|code of)\s+(?:the\s+)?)?"
    r"(?:(?:project\s+)?method\s*:?\s+)?" + _NAME + r"(?:\s+(?:project\s+)?method)?\s*:?$",
    re.I,
)
_NOT_NAMES = {"a", "an", "the", "in", "method", "project", "code", "class", "function", "example", "note", "or", "and"}
_CLASS_COMMENTS = [
    re.compile(r"\bclass\s*:\s*(?:cs\.)?" + _NAME, re.I),
    re.compile(_NAME + r"\.4dm\b"),
    re.compile(r"^(?:cs\.)?" + _NAME + r"\s+class\b", re.I),
    re.compile(r"^class\s+" + _NAME + r"\s*$", re.I),
    re.compile(r"\bfunction\s+of\s+(?:class\s+)?(?:cs\.)?" + _NAME + r"\s*$", re.I),  # "concate" function of myClass
]
_MARK = r"[*_`]+"
_CLASS_PROSE = [
    re.compile(_MARK + _NAME + _MARK + r"\s+(?:user\s+)?class\b", re.I),
    re.compile(r"\bclass\s+(?:named|called)?\s*" + _MARK + _NAME + _MARK),
]
_METHOD_PROSE = [
    re.compile(_MARK + _NAME + _MARK + r"\s+(?:project\s+)?method\b", re.I),
    re.compile(r"\bmethod\s+(?:named|called)\s+" + _MARK + "?" + _NAME, re.I),
]


@dataclass
class Definition:
    kind: str  # "method" or "class"
    name: str
    text: str
    block: int  # index of the defining block on the page


@dataclass
class PageBlock:
    """What doctest needs to know of one block: its code, the paragraph before it."""

    code: str
    prose: str = ""
    own_code: str = ""  # the code with the method sections it defines blanked out
    methods: dict[str, str] = field(default_factory=dict)  # name → source, for this block
    classes: dict[str, str] = field(default_factory=dict)


def analyse(blocks: list[PageBlock], reserved: set[str] | None = None) -> None:
    """Fill ``own_code``, ``methods`` and ``classes`` of every block of one page.

    ``reserved``: lower-case names that cannot be method names (commands, constants, keywords).
    """
    reserved = reserved or set()
    found: list[Definition] = []
    for index, block in enumerate(blocks):
        block.own_code, sections = _split_sections(block.code)
        found += [Definition("method", name, text, index) for name, text in sections]
        whole = _whole_block_definition(block)
        if whole is not None:
            found.append(Definition(whole[0], whole[1], block.code, index))
    uses = [_code_only(b.own_code) for b in blocks]
    for index, block in enumerate(blocks):
        method_words = {w.lower() for w in re.findall(r"[A-Za-z_]\w*", uses[index])}
        class_names = set(re.findall(r"\bcs\.(\w+)", uses[index]))
        chosen: dict[tuple[str, str], list[Definition]] = {}
        for d in found:
            if d.block == index and d.text == block.code:
                continue  # the block itself
            if d.kind == "class" and d.name in class_names:
                chosen.setdefault(("class", d.name), []).append(d)
            elif d.kind == "method" and d.name.lower() in method_words and d.name.lower() not in reserved:
                chosen.setdefault(("method", d.name), []).append(d)
        for (kind, name), defs in chosen.items():
            (block.methods if kind == "method" else block.classes)[name] = _choose(defs, index, kind)


def _code_only(code: str) -> str:
    """The code without its comments and strings (names in them are not uses)."""
    out = []
    for line in code.splitlines():
        line = re.sub(r'"(?:[^"\\]|\\.)*"', '""', line)
        out.append(re.sub(r"//.*$", "", line))
    return "\n".join(out)


def _comment(line: str) -> str | None:
    m = _COMMENT.match(line)
    return m.group(1) if m else None


def _method_header(line: str) -> str | None:
    text = _comment(line)
    if text is None:
        return None
    m = _METHOD_HEADER.match(text.strip())
    if m is None or m.group(1).lower() in _NOT_NAMES:
        return None
    return m.group(1)


def _next_code(lines: list[str], start: int) -> int | None:
    """Index of the first line at or after ``start`` that is neither blank nor a comment."""
    for i in range(start, len(lines)):
        if lines[i].strip() and _comment(lines[i]) is None:
            return i
    return None


def _split_sections(code: str) -> tuple[str, list[tuple[str, str]]]:
    """Cut the method sections (a naming comment, then ``#DECLARE``) out of a block.

    Returns the block's own code (the sections blanked, the lines kept) and (name, source)
    of each section.  A block that is one section from its first line is left whole: it is
    a method definition as a block, and still runs as itself.
    """
    lines = code.splitlines()
    starts = []
    for i, line in enumerate(lines):
        name = _method_header(line)
        if name is None:
            continue
        after = _next_code(lines, i + 1)
        if after is not None and _DECLARE.match(lines[after]):
            starts.append((i, name))
    if not starts:
        return code, []
    first_code = _next_code(lines, 0)
    sections = []
    blank = list(lines)
    for n, (i, name) in enumerate(starts):
        end = len(lines)
        for j in range(i + 1, len(lines)):
            if n + 1 < len(starts) and j == starts[n + 1][0]:
                end = j
                break
            if _method_header(lines[j]) and j > 0 and not lines[j - 1].strip():
                end = j
                break
        if first_code is not None and all(not lines[k].strip() or _comment(lines[k]) is not None for k in range(0, i)):
            if end == len(lines):
                return code, [(name, code)]  # the whole block is the method
        sections.append((name, "\n".join(lines[i:end]) + "\n"))
        for k in range(i, end):
            blank[k] = ""
    return "\n".join(blank) + "\n", sections


def _whole_block_definition(block: PageBlock) -> tuple[str, str] | None:
    """("class", name) or ("method", name) when the whole block defines one, else None."""
    lines = block.code.splitlines()
    first = _next_code(lines, 0)
    if first is None:
        return None
    comments = [c for c in (_comment(line) for line in lines[:first]) if c is not None]
    if any(_CODE_START.match(line) for line in lines):
        for text in comments + [c for c in (_comment(line) for line in lines[first:]) if c is not None]:
            for pattern in _CLASS_COMMENTS:
                m = pattern.search(text.strip())
                if m:
                    return "class", m.group(1)
        for pattern in _CLASS_PROSE:
            m = pattern.search(block.prose)
            if m:
                return "class", m.group(1)
        return None
    for text in comments[:1]:
        m = _METHOD_HEADER.match(text.strip())
        if m and m.group(1).lower() not in _NOT_NAMES:
            return "method", m.group(1)
    for pattern in _METHOD_PROSE:
        m = pattern.search(block.prose)
        if m and not re.search(r"\b" + re.escape(m.group(1)) + r"\b", _code_only(block.code)):
            return "method", m.group(1)
    return None


_MEMBER = re.compile(
    r"^\s*(?:(?:shared\s+|singleton\s+)*class\s+(constructor)"
    r"|(?:shared\s+|local\s+|exposed\s+)*function\s+((?:get\s+|set\s+)?\w+)"
    r"|property\s+([^:\n]+))",
    re.I | re.M,
)


def _members(text: str) -> set[str]:
    """The member names a class definition declares (``constructor``, ``get fullName``, ``name``…)."""
    names: set[str] = set()
    for ctor, function, props in _MEMBER.findall(text):
        if ctor:
            names.add("constructor")
        elif function:
            names.add(" ".join(function.lower().split()))
        else:
            names.update(p.strip().lower() for p in props.split(";") if p.strip())
    return names


def _choose(defs: list[Definition], index: int, kind: str) -> str:
    """The definition a block gets.

    A method: the nearest (the docs show a method just before or just after its use).  A
    class: the nearest before the block, joined with the blocks before it as long as their
    members do not clash (a constructor in one block, a function in the next:
    commands/this.md); the nearest after it when none comes before.
    """
    if kind != "class":
        return min(defs, key=lambda d: (abs(d.block - index), d.block < index)).text
    before = sorted((d for d in defs if d.block < index), key=lambda d: -d.block)
    if not before:
        return min(defs, key=lambda d: d.block).text
    joined = [before[0]]
    members = _members(before[0].text)
    for d in before[1:]:
        more = _members(d.text)
        if members & more:
            break
        joined.append(d)
        members |= more
    return "\n".join(d.text for d in reversed(joined))
