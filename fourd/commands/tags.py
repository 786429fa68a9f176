"""PROCESS 4D TAGS: 4D transformation tags in a text template (Tags/transformation-tags.md).

Supported: ``4DTEXT``, ``4DHTML``, ``4DEVAL`` (and their ``$4DTEXT(…)`` forms), ``4DCODE``,
``4DSCRIPT/Method/param``, ``4DIF``/``4DELSEIF``/``4DELSE``/``4DENDIF``, ``4DLOOP`` (array,
pointer to array, project method, Boolean expression) / ``4DENDLOOP``, ``4DEACH`` /
``4DENDEACH`` over collections and objects, ``4DINCLUDE`` and ``4DBASE``.  ``4DLOOP [Table]``
reports "Incorrect table name": there are no tables headless.

The template runs like one method: ``$1…$n`` are the parameters passed after the output
variable, and its local variables are shared by all its tags (each tag's code is compiled on
its own; their locals are carried from one to the next by name).  Errors do not stop the
processing: the documented "## error #" text is inserted instead, as 4D does.
Results of ``<!--#…-->`` tags are processed again (recursion); ``$4D…(…)`` results are not.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..runtime.convert import to_text
from ..runtime.errors import FourDError
from ..runtime.frame import Frame
from ..runtime.values import UNDEFINED, Array4D, Blob4D, Collection4D, Object4D, Pointer4D
from ..syntax.errors import FourDSyntaxError
from . import args as A
from ._documents import base_folder, document_path
from ._targets import Target, writing_command

_TAG = re.compile(r"<!--#(4D[A-Za-z]+)(.*?)-->", re.S)
_DOLLAR = re.compile(r"\$(4DTEXT|4DHTML|4DEVAL)\(", re.I)
MAX_DEPTH = 32  # recursion of results and includes


# -- parsing -------------------------------------------------------------------------------------


@dataclass
class Tag:
    name: str  # upper case: "4DTEXT"…
    arg: str
    source: str  # the tag as written, for error texts
    recursive: bool = True  # False for the $4DTEXT(…) forms


@dataclass
class Block:
    tag: Tag
    branches: list[tuple[Tag, list[Any]]] = field(default_factory=list)  # 4DIF / 4DELSEIF and bodies
    otherwise: list[Any] | None = None
    closed: bool = False


def _dollar_end(text: str, start: int) -> int:
    """Index just past the ``)`` closing the ``$4DEVAL(`` opened before ``start`` (quotes respected)."""
    depth, i, quote = 1, start, False
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == '"':
                quote = False
        elif c == '"':
            quote = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1


def tokenize(text: str, dollar_tags: bool = True) -> list[str | Tag]:
    """Plain text pieces and tags, in order (``$4DEVAL(…)`` forms too when ``dollar_tags``)."""
    out: list[str | Tag] = []
    pos = 0
    while pos < len(text):
        tag = _TAG.search(text, pos)
        dollar = _DOLLAR.search(text, pos) if dollar_tags else None
        if dollar is not None and (tag is None or dollar.start() < tag.start()):
            end = _dollar_end(text, dollar.end())
            if end < 0:
                out.append(text[pos:])
                break
            out.append(text[pos : dollar.start()])
            out.append(Tag(dollar.group(1).upper(), text[dollar.end() : end - 1], text[dollar.start() : end], False))
            pos = end
            continue
        if tag is None:
            out.append(text[pos:])
            break
        out.append(text[pos : tag.start()])
        out.append(Tag(tag.group(1).upper(), tag.group(2), tag.group(0)))
        pos = tag.end()
    return [piece for piece in out if piece != ""]


_OPENERS = {"4DIF": "4DENDIF", "4DLOOP": "4DENDLOOP", "4DEACH": "4DENDEACH"}


def parse(pieces: list[str | Tag]) -> list[Any]:
    """Nest the 4DIF / 4DLOOP / 4DEACH blocks; an unclosed block stays ``closed=False``."""
    root: list[Any] = []
    stack: list[tuple[Block, list[Any]]] = []
    body = root
    for piece in pieces:
        if isinstance(piece, Tag) and piece.name in _OPENERS:
            block = Block(piece)
            body.append(block)
            inner: list[Any] = []
            block.branches.append((piece, inner))
            stack.append((block, body))
            body = inner
        elif (
            isinstance(piece, Tag)
            and stack
            and piece.name in ("4DELSEIF", "4DELSE")
            and stack[-1][0].tag.name == "4DIF"
        ):
            block = stack[-1][0]
            body = []
            if piece.name == "4DELSE":
                block.otherwise = body
            else:
                block.branches.append((piece, body))
        elif isinstance(piece, Tag) and stack and piece.name == _OPENERS[stack[-1][0].tag.name]:
            block, body = stack.pop()
            block.closed = True
        else:
            body.append(piece)
    return root


# -- running -------------------------------------------------------------------------------------


class _TagError(Exception):
    """An error while running one tag's code: its 4D code, or -1 for a syntax error."""

    def __init__(self, code: int):
        self.code = code


class Template:
    """One PROCESS 4D TAGS run: parameters, shared locals, the 4DINCLUDE folder."""

    def __init__(self, frame: Frame, params: list[Any]):
        self.frame = frame
        self.runtime = frame.process.runtime
        self.params = params
        self.locals: dict[str, Any] = {}
        self.cache: dict[tuple[str, bool], Any] = {}
        self.folder = base_folder(frame)
        self.including: list[Path] = []

    # code ------------------------------------------------------------------------------------
    def _compile(self, source: str, as_value: bool) -> Any:
        key = (source, as_value)
        if key not in self.cache:
            text = f"return ({source})" if as_value else source
            self.cache[key] = self.runtime.compile_source(text, "PROCESS 4D TAGS")
        return self.cache[key]

    def run(self, source: str, as_value: bool) -> Any:
        """Run ``source`` (an expression when ``as_value``) with the template's locals and parameters."""
        try:
            code = self._compile(source, as_value)
        except FourDSyntaxError:
            raise _TagError(-1) from None
        frame = Frame(code, list(self.params), self.frame.process, None, self.frame)
        names = code.slot_names
        for slot, name in enumerate(names):
            if name in self.locals:
                frame.slots[slot] = self.locals[name]
        try:
            code.run(frame)
        except FourDError as exc:
            raise _TagError(exc.code) from None
        finally:
            for slot, name in enumerate(names):
                if frame.slots[slot] is not UNDEFINED:
                    self.locals[name] = frame.slots[slot]
        if as_value:
            return frame.slots[code.result_slot] if code.result_slot is not None else frame.result
        return UNDEFINED

    def value(self, source: str) -> Any:
        """An expression's value, or (4DEVAL) the effect of a statement such as ``a:=42``."""
        try:
            return self.run(source, True)
        except _TagError as exc:
            if exc.code != -1:
                raise
        return self.run(source, False)

    def assign(self, name: str, value: Any) -> None:
        if name.startswith("$"):
            self.locals[name] = value
        else:
            self.frame.process.set_var(name.lower(), value)

    # processing ------------------------------------------------------------------------------
    def process(self, text: str, depth: int = 0, dollar_tags: bool = True) -> str:
        return "".join(self.render(parse(tokenize(text, dollar_tags)), depth))

    def render(self, nodes: list[Any], depth: int) -> list[str]:
        out: list[str] = []
        for node in nodes:
            self.runtime.tick(self.frame)  # loops in templates stay interruptible
            if isinstance(node, str):
                out.append(node)
            elif isinstance(node, Block):
                out.extend(self.block(node, depth))
            else:
                out.append(self.tag(node, depth))
        return out

    def _again(self, tag: Tag, text: str, depth: int) -> str:
        """Results of <!--#…--> tags are processed again while they hold tags (recursion)."""
        # $4DEVAL(…) forms in a result are never run: they are not interpreted recursively.
        if tag.recursive and depth < MAX_DEPTH and "<!--#4D" in text:
            return self.process(text, depth + 1, dollar_tags=False)
        return text

    def tag(self, tag: Tag, depth: int) -> str:
        arg = tag.arg.strip()
        name = tag.name
        if name in ("4DTEXT", "4DHTML", "4DEVAL"):
            try:
                value = self.value(arg) if name == "4DEVAL" else self.run(arg, True)
            except _TagError as exc:
                sep = ": " if name == "4DEVAL" else " : "
                return f"{tag.source}{sep}## error # {exc.code}"
            text = _as_text(value)
            if name == "4DTEXT":
                return html.escape(text, quote=True)
            return self._again(tag, text, depth)
        if name == "4DCODE":
            try:
                self.run(tag.arg, False)
            except _TagError as exc:
                return f"{tag.source}: ## error # {exc.code}"
            return ""
        if name.startswith("4DSCRIPT"):
            return self.script(tag, depth)
        if name == "4DINCLUDE":
            return self.include(tag, arg, depth)
        if name == "4DBASE":
            self.folder = base_folder(self.frame) if arg.upper() == "WEBFOLDER" else self.folder / arg
            return ""
        return tag.source  # not a tag fourd knows: left as it is, like any comment

    def script(self, tag: Tag, depth: int) -> str:
        # <!--#4DSCRIPT/Method/param-->: the method gets "/param" in $1 and returns text.
        rest = (tag.name[len("4DSCRIPT") :] + tag.arg).strip()
        method, _, param = rest.lstrip("/").partition("/")
        try:
            result = self.runtime.call_method(method.strip(), ["/" + param], self.frame)
        except FourDError as exc:
            return f"{tag.source}: ## error # {exc.code}"
        return self._again(tag, _as_text(result).lstrip("\x01"), depth)

    def include(self, tag: Tag, arg: str, depth: int) -> str:
        failure = f"{tag.source} :The document cannot be opened"
        try:
            path = document_path(self.frame, str(self.folder / arg), "4DINCLUDE")
            if path in self.including or depth >= MAX_DEPTH:
                return failure
            text = path.read_text(encoding="utf-8", errors="replace")
        except (OSError, FourDError):
            return failure
        body = re.search(r"<body[^>]*>(.*)</body>", text, re.S | re.I)
        saved = self.folder
        self.including.append(path)
        self.folder = path.parent
        try:
            return self.process(body.group(1) if body else text, depth + 1)
        finally:
            self.folder = saved
            self.including.pop()

    # blocks --------------------------------------------------------------------------------------
    def block(self, block: Block, depth: int) -> list[str]:
        tag = block.tag
        if not block.closed:
            return [f"{tag.source}: {_OPENERS[tag.name]} expected"]
        if tag.name == "4DIF":
            return self.if_block(block, depth)
        if tag.name == "4DLOOP":
            return self.loop_block(block, depth)
        return self.each_block(block, depth)

    def if_block(self, block: Block, depth: int) -> list[str]:
        for branch, body in block.branches:
            try:
                test = self.run(branch.arg.strip(), True)
            except _TagError:
                test = None
            if type(test) is not bool:
                return [f"{branch.source}: A Boolean expression was expected"]
            if test:
                return self.render(body, depth)
        return self.render(block.otherwise, depth) if block.otherwise is not None else []

    def loop_block(self, block: Block, depth: int) -> list[str]:
        tag, body = block.tag, block.branches[0][1]
        arg = tag.arg.strip()
        out: list[str] = []
        if arg.startswith("["):
            return [f"{tag.source}: Incorrect table name"]
        if re.fullmatch(r"[A-Za-z_][\w ]*", arg) and self.runtime.methods.has(arg):
            return self._method_loop(tag, arg, body, depth)
        try:
            value = self.run(arg, True)
        except _TagError:
            return [f"{tag.source}: Unexpected expression type"]
        if type(value) is Pointer4D:
            value = value.get()
        if type(value) is Array4D:
            if value.dims != 1:
                return [f"{tag.source}: An array was expected"]
            for index in range(1, value.size() + 1):
                value.current = index
                out.extend(self.render(body, depth))
            return out
        while type(value) is bool and value:
            out.extend(self.render(body, depth))
            try:
                value = self.run(arg, True)
            except _TagError:
                return [*out, f"{tag.source}: Unexpected expression type"]
        if type(value) is not bool:
            return [f"{tag.source}: Unexpected expression type"]
        return out

    def _method_loop(self, tag: Tag, method: str, body: list[Any], depth: int) -> list[str]:
        out: list[str] = []
        counter = 0
        try:
            while self.runtime.call_method(method, [counter], self.frame) is True:
                if counter > 0:
                    out.extend(self.render(body, depth))
                counter += 1
        except FourDError:
            return [*out, f"{tag.source}: Syntax error"]
        return out

    def each_block(self, block: Block, depth: int) -> list[str]:
        tag, body = block.tag, block.branches[0][1]
        m = re.fullmatch(r"\s*(\$?[\w ]+?)\s+in\s+(.+)", tag.arg, re.S | re.I)
        if m is None:
            return [f"{tag.source}: Unexpected expression type"]
        variable, source = m.group(1).strip(), m.group(2).strip()
        try:
            value = self.run(source, True)
        except _TagError as exc:
            return [f"{tag.source}: ## error # {exc.code}"]
        if type(value) is Collection4D:
            items = list(value.items)
        elif type(value) is Object4D:
            items = list(value.props.keys())
        else:
            return [f"{tag.source}: Unexpected expression type"]
        out: list[str] = []
        for item in items:
            self.assign(variable, item)
            out.extend(self.render(body, depth))
        return out


def _as_text(value: Any) -> str:
    if type(value) is Blob4D:
        return bytes(value.data).decode("utf-8", errors="replace")
    return to_text(value)


@writing_command("PROCESS 4D TAGS", 2, None)
def process_4d_tags(f: Frame, targets: list[Target]) -> None:
    source = targets[0].get()
    if type(source) is Blob4D:
        text = bytes(source.data).decode("utf-8", errors="replace")
    else:
        text = A.text(source, "PROCESS 4D TAGS", 1)
    params = [t.read(f) for t in targets[2:]]
    template = Template(f, params)
    targets[1].set(template.process(text))
