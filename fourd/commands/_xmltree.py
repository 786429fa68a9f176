"""XML trees of the DOM commands: references, parsing, XPath, writing.

A tree is a :mod:`xml.dom.minidom` document.  4D hands out 16-character references for its
nodes; a runtime keeps one :class:`XmlStore` mapping references to nodes (every process of the
runtime sees the same trees, as in 4D).  The reference a tree is created or parsed with
designates its root element; ``DOM Get XML document ref`` gives the document node.

Choices where the docs are silent (docs/xml.md):

- whitespace-only text between elements is dropped when parsing, so that child nodes, element
  values and re-indented output are not cluttered with layout;
- written XML starts with ``<?xml version="1.0" encoding="UTF-8" standalone="no" ?>`` (the
  docs' examples), elements are indented by two spaces (``XML with indentation``), an element
  with only text stays on one line.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any
from xml.dom import Node, minidom
from xml.parsers.expat import ExpatError

from ..runtime.errors import error
from ._state import runtime_state

NULL_REF = "0" * 16

# 4D's node type numbers (XML theme constants: XML ELEMENT, XML DATA…)
XML_COMMENT = 2
XML_PI = 3
XML_DATA = 6
XML_CDATA = 7
XML_DOCTYPE = 10
XML_ELEMENT = 11

NODE_TYPES = {
    Node.ELEMENT_NODE: XML_ELEMENT,
    Node.TEXT_NODE: XML_DATA,
    Node.CDATA_SECTION_NODE: XML_CDATA,
    Node.COMMENT_NODE: XML_COMMENT,
    Node.PROCESSING_INSTRUCTION_NODE: XML_PI,
    Node.DOCUMENT_TYPE_NODE: XML_DOCTYPE,
}


@dataclass
class XmlTree:
    """One document: the minidom tree, its declaration and its XML SET OPTIONS values."""

    document: minidom.Document
    encoding: str = "UTF-8"
    standalone: bool = False
    version: str = "1.0"
    options: dict[int, int] = field(default_factory=dict)
    error: tuple[str, int, int] | None = None  # last parse error: text, line, column


class XmlStore:
    """The references handed out by the DOM commands of one runtime."""

    def __init__(self) -> None:
        self.nodes: dict[str, tuple[Node, XmlTree]] = {}
        self.refs: dict[int, str] = {}  # id(node) -> reference
        self.next = 0
        self.lock = threading.RLock()
        self.last_error: tuple[str, int, int] | None = None

    def ref(self, node: Node, tree: XmlTree) -> str:
        """The reference of ``node`` (the same one each time it is asked for)."""
        with self.lock:
            ref = self.refs.get(id(node))
            if ref is not None and self.nodes.get(ref, (None,))[0] is node:
                return ref
            self.next += 1
            # 16 upper-case hex digits, like 4D's references; never the null reference.
            ref = f"{0xA000000000000000 + self.next:016X}"
            self.nodes[ref] = (node, tree)
            self.refs[id(node)] = ref
            return ref

    def get(self, ref: Any, command: str) -> tuple[Node, XmlTree]:
        """The node and tree of ``ref``; error for a reference that designates nothing."""
        found = self.nodes.get(ref) if type(ref) is str else None
        if found is None:
            from ..runtime.values import type_name

            shown = (
                f'"{ref}"'
                if type(ref) is str
                else f"an {type_name(ref)} value"
                if type_name(ref)[0] in "AEIOU"
                else f"a {type_name(ref)} value"
            )
            raise error("xml_bad_ref", name=command, ref=shown)
        return found

    def close(self, ref: Any, command: str) -> None:
        """Forget every reference into the tree of ``ref``."""
        _, tree = self.get(ref, command)
        with self.lock:
            for key in [k for k, (_, t) in self.nodes.items() if t is tree]:
                node = self.nodes.pop(key)[0]
                self.refs.pop(id(node), None)


def store(runtime: Any) -> XmlStore:
    return runtime_state(runtime, XmlStore)


# -- parsing ---------------------------------------------------------------------------------------


def parse(data: bytes | str, command: str, xml_store: XmlStore) -> XmlTree:
    """A tree from XML text; a 4D error (and the store's last error) when it is not well-formed."""
    try:
        document = minidom.parseString(data)
    except ExpatError as exc:
        detail = str(exc).split(":")[0]
        xml_store.last_error = (detail, exc.lineno, exc.offset + 1)
        raise error("xml_parse", name=command, detail=detail, line=exc.lineno, column=exc.offset + 1) from None
    tree = XmlTree(document)
    head = data[:200] if isinstance(data, str) else data[:200].decode("latin-1")
    declared = re.match(r"\s*<\?xml\s([^?]*)\?>", head)
    if declared:
        attrs = dict(re.findall(r"(\w+)\s*=\s*[\"']([^\"']*)[\"']", declared.group(1)))
        tree.encoding = attrs.get("encoding", "UTF-8")
        tree.version = attrs.get("version", "1.0")
        tree.standalone = attrs.get("standalone", "no").lower() == "yes"
    _drop_layout(document)
    return tree


def _drop_layout(node: Node) -> None:
    """Remove whitespace-only text nodes that sit between other nodes (indentation)."""
    for child in list(node.childNodes):
        if child.nodeType == Node.TEXT_NODE and not child.data.strip() and len(node.childNodes) > 1:
            node.removeChild(child)
        elif child.nodeType == Node.ELEMENT_NODE:
            _drop_layout(child)


def new_tree(root: str, namespace: str | None, extra: list[tuple[str, str]]) -> XmlTree:
    """A tree holding only ``root`` (``prefix:name`` needs ``namespace``)."""
    impl = minidom.getDOMImplementation()
    document = impl.createDocument(namespace or None, root, None)
    element = document.documentElement
    if namespace:
        prefix = root.split(":", 1)[0] if ":" in root else None
        element.setAttribute(f"xmlns:{prefix}" if prefix else "xmlns", namespace)
    for name, value in extra:
        element.setAttribute(name, value)
    return XmlTree(document)


# -- values of nodes -------------------------------------------------------------------------------


def element_text(node: Node, cdata: bool = False) -> str:
    """The text children (or CDATA children) of an element, joined."""
    kind = Node.CDATA_SECTION_NODE if cdata else Node.TEXT_NODE
    return "".join(c.data for c in node.childNodes if c.nodeType == kind)


def set_element_text(node: Node, text: str, cdata: bool) -> None:
    """Replace the text and CDATA children of ``node`` by ``text`` (elements stay)."""
    for child in list(node.childNodes):
        if child.nodeType in (Node.TEXT_NODE, Node.CDATA_SECTION_NODE):
            node.removeChild(child)
    document = node.ownerDocument
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # XML end-of-line rule (docs)
    if text or cdata:
        node.appendChild(document.createCDATASection(text) if cdata else document.createTextNode(text))


def _valid_tag(name: str) -> bool:
    """Letters, digits, ".", "-", "_" and ":", not starting with a digit, "." or "-" (sax-open-xml-element.md)."""
    return re.fullmatch(r"[A-Za-z_:][\w.\-:]*", name) is not None


def child_elements(node: Node) -> list[Node]:
    return [c for c in node.childNodes if c.nodeType == Node.ELEMENT_NODE]


def same_name(a: str, b: str, case_sensitive: bool = True) -> bool:
    return a == b if case_sensitive else a.lower() == b.lower()


# -- XPath -----------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>\"[^\"]*\"|'[^']*')|(?P<op>//|\.\.|!=|<=|>=|[/\[\]()@*|=<>,.])"
    r"|(?P<name>[A-Za-z_][\w.\-]*(?::[A-Za-z_*][\w.\-]*)?))"
)


def _tokens(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:
            raise ValueError(f"unexpected character {text[pos]!r}")
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        pos = m.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return out


class _XPath:
    """A small XPath 1.0 subset: the expressions DOM Find XML element documents.

    Location paths (absolute, relative, ``//``), steps ``name``, ``prefix:name``, ``*``, ``.``,
    ``..``, ``@name``, ``@*``, ``text()``, ``node()``, predicates with positions, ``last()``,
    ``position()``, comparisons, ``and``/``or``, ``not()``, ``contains()``, ``starts-with()``,
    ``local-name()``, ``name()``, ``count()``, ``string()``, and unions with ``|``.
    """

    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.pos = 0
        self.tree = self._union()
        if self.pos != len(self.tokens):
            raise ValueError(f"unexpected {self.tokens[self.pos][1]!r}")

    # parser: returns small tuples evaluated by _eval
    def _peek(self, offset: int = 0) -> tuple[str, str]:
        i = self.pos + offset
        return self.tokens[i] if i < len(self.tokens) else ("", "")

    def _take(self, value: str | None = None) -> tuple[str, str]:
        token = self._peek()
        if value is not None and token[1] != value:
            raise ValueError(f"expected {value!r}")
        if not token[0]:
            raise ValueError("unexpected end")
        self.pos += 1
        return token

    def _union(self) -> Any:
        parts = [self._or()]
        while self._peek()[1] == "|":
            self._take()
            parts.append(self._or())
        return parts[0] if len(parts) == 1 else ("union", parts)

    def _or(self) -> Any:
        left = self._and()
        while self._peek() == ("name", "or"):
            self._take()
            left = ("or", left, self._and())
        return left

    def _and(self) -> Any:
        left = self._compare()
        while self._peek() == ("name", "and"):
            self._take()
            left = ("and", left, self._compare())
        return left

    def _compare(self) -> Any:
        left = self._primary()
        while self._peek()[1] in ("=", "!=", "<", ">", "<=", ">="):
            op = self._take()[1]
            left = ("cmp", op, left, self._primary())
        return left

    def _primary(self) -> Any:
        kind, value = self._peek()
        if kind == "num":
            self._take()
            return ("lit", float(value))
        if kind == "str":
            self._take()
            return ("lit", value[1:-1])
        if value == "(":
            self._take()
            inner = self._union()
            self._take(")")
            return inner
        if kind == "name" and self._peek(1)[1] == "(" and value not in ("text", "node"):
            self._take()
            self._take("(")
            args = []
            while self._peek()[1] != ")":
                args.append(self._union())
                if self._peek()[1] == ",":
                    self._take()
            self._take(")")
            return ("fn", value, args)
        return self._path()

    def _path(self) -> Any:
        steps: list[Any] = []
        absolute = False
        if self._peek()[1] in ("/", "//"):
            absolute = True
            if self._take()[1] == "//":
                steps.append(("descendant-or-self",))
            elif not self._starts_step():
                return ("path", True, [])
        steps.append(self._step())
        while self._peek()[1] in ("/", "//"):
            if self._take()[1] == "//":
                steps.append(("descendant-or-self",))
            steps.append(self._step())
        return ("path", absolute, steps)

    def _starts_step(self) -> bool:
        kind, value = self._peek()
        return kind == "name" or value in ("*", "@", ".", "..")

    def _step(self) -> Any:
        kind, value = self._take()
        if value == ".":
            test: Any = ("self",)
        elif value == "..":
            test = ("parent",)
        elif value == "@":
            name = self._take()[1]
            test = ("attr", name)
        elif value == "*":
            test = ("child", "*")
        elif kind == "name" and value in ("text", "node") and self._peek()[1] == "(":
            self._take("(")
            self._take(")")
            test = ("child-" + value,)
        elif kind == "name":
            test = ("child", value)
        else:
            raise ValueError(f"unexpected {value!r}")
        predicates = []
        while self._peek()[1] == "[":
            self._take()
            predicates.append(self._union())
            self._take("]")
        return ("step", test, predicates)


def _string(value: Any) -> str:
    if isinstance(value, list):
        return _node_string(value[0]) if value else ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _node_string(node: Any) -> str:
    if isinstance(node, minidom.Attr):
        return node.value
    if node.nodeType in (Node.TEXT_NODE, Node.CDATA_SECTION_NODE, Node.COMMENT_NODE):
        return node.data
    return "".join(_node_string(c) for c in node.childNodes if c.nodeType != Node.COMMENT_NODE)


def _number(value: Any) -> float:
    if isinstance(value, float):
        return value
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    try:
        return float(_string(value).strip())
    except ValueError:
        return float("nan")


def _bool(value: Any) -> bool:
    if isinstance(value, list):
        return bool(value)
    if isinstance(value, float):
        return value != 0 and value == value
    if isinstance(value, str):
        return value != ""
    return bool(value)


def _compare(op: str, a: Any, b: Any) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        left = [_node_string(n) for n in a] if isinstance(a, list) else [a]
        right = [_node_string(n) for n in b] if isinstance(b, list) else [b]
        return any(_compare(op, x, y) for x in left for y in right)
    if op in ("=", "!="):
        if isinstance(a, float) or isinstance(b, float):
            same = _number(a) == _number(b)
        else:
            same = _string(a) == _string(b)
        return same if op == "=" else not same
    x, y = _number(a), _number(b)
    return {"<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y}[op]


def _root(node: Node) -> Node:
    while node.parentNode is not None:
        node = node.parentNode
    return node


def _descendants_or_self(node: Node) -> list[Node]:
    out = [node]
    for child in node.childNodes:
        if child.nodeType == Node.ELEMENT_NODE:
            out.extend(_descendants_or_self(child))
    return out


def _apply_step(nodes: list[Node], step: Any) -> list[Node]:
    _, test, predicates = step
    out: list[Node] = []
    seen: set[int] = set()
    for node in nodes:
        kind = test[0]
        if kind == "self":
            found = [node]
        elif kind == "parent":
            found = [node.parentNode] if node.parentNode is not None else []
        elif kind == "attr":
            attrs = node.attributes if node.nodeType == Node.ELEMENT_NODE else None
            if attrs is None:
                found = []
            elif test[1] == "*":
                found = [attrs.item(i) for i in range(attrs.length)]
            else:
                found = [a for a in (attrs.get(test[1]),) if a is not None]
        elif kind == "child-text":
            found = [c for c in node.childNodes if c.nodeType in (Node.TEXT_NODE, Node.CDATA_SECTION_NODE)]
        elif kind == "child-node":
            found = list(node.childNodes)
        else:
            name = test[1]
            found = [
                c for c in node.childNodes if c.nodeType == Node.ELEMENT_NODE and (name == "*" or c.tagName == name)
            ]
        for predicate in predicates:
            found = _filter(found, predicate)
        for item in found:
            if id(item) not in seen:
                seen.add(id(item))
                out.append(item)
    return out


def _filter(nodes: list[Node], predicate: Any) -> list[Node]:
    size = len(nodes)
    kept = []
    for position, node in enumerate(nodes, 1):
        value = _eval(predicate, node, position, size)
        if isinstance(value, float) and not isinstance(value, bool):
            if value == position:
                kept.append(node)
        elif _bool(value):
            kept.append(node)
    return kept


def _eval(expr: Any, node: Node, position: int, size: int) -> Any:
    kind = expr[0]
    if kind == "lit":
        return expr[1]
    if kind == "path":
        _, absolute, steps = expr
        current = [_root(node)] if absolute else [node]
        for step in steps:
            if step[0] == "descendant-or-self":
                current = [d for n in current for d in _descendants_or_self(n)]
            else:
                current = _apply_step(current, step)
        return current
    if kind == "union":
        out: list[Node] = []
        for part in expr[1]:
            value = _eval(part, node, position, size)
            if not isinstance(value, list):
                raise ValueError("'|' joins node sets only")
            out.extend(n for n in value if all(n is not m for m in out))
        return out
    if kind == "or":
        return _bool(_eval(expr[1], node, position, size)) or _bool(_eval(expr[2], node, position, size))
    if kind == "and":
        return _bool(_eval(expr[1], node, position, size)) and _bool(_eval(expr[2], node, position, size))
    if kind == "cmp":
        return _compare(expr[1], _eval(expr[2], node, position, size), _eval(expr[3], node, position, size))
    if kind == "fn":
        return _function(expr[1], [_eval(a, node, position, size) for a in expr[2]], node, position, size)
    raise ValueError("invalid expression")


def _function(name: str, args: list[Any], node: Node, position: int, size: int) -> Any:
    if name == "last":
        return float(size)
    if name == "position":
        return float(position)
    if name == "contains":
        return _string(args[1]) in _string(args[0])
    if name == "starts-with":
        return _string(args[0]).startswith(_string(args[1]))
    if name == "not":
        return not _bool(args[0])
    if name == "count":
        return float(len(args[0]))
    if name == "string":
        return _string(args[0]) if args else _node_string(node)
    if name in ("local-name", "name"):
        target = args[0][0] if args and args[0] else (None if args else node)
        if target is None:
            return ""
        full = target.name if isinstance(target, minidom.Attr) else getattr(target, "tagName", "")
        return full.split(":")[-1] if name == "local-name" else full
    if name in ("true", "false"):
        return name == "true"
    raise ValueError(f"unknown function {name}()")


def xpath(node: Node, path: str, command: str) -> list[Node]:
    """The nodes ``path`` selects from ``node`` (error -10782 for a path fourd cannot read)."""
    try:
        value = _eval(_XPath(path).tree, node, 1, 1)
    except (ValueError, IndexError) as exc:
        raise error("xml_xpath", name=command, path=path, detail=str(exc)) from None
    if not isinstance(value, list):
        raise error("xml_xpath", name=command, path=path, detail="the expression does not select nodes")
    return value


def create_path(node: Node, path: str, command: str) -> Node:
    """The element ``path`` designates below ``node``, the last step always created.

    Steps are names with an optional position (``para[2]``, ``para[last()]``); a missing
    step is created, the last one is always a new element (DOM Create XML element).
    """
    document = node.ownerDocument or node
    steps = [s for s in path.strip().split("/")]
    if path.strip().startswith("/"):
        root = document.documentElement
        steps = steps[1:]
        if not steps or steps[0].split("[")[0] != root.tagName:
            raise error("xml_xpath", name=command, path=path, detail="the path must start with the root element")
        node, steps = root, steps[1:]
    if not steps or any(s == "" for s in steps):
        raise error("xml_xpath", name=command, path=path, detail="empty step")
    for index, step in enumerate(steps):
        m = re.fullmatch(r"([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)(?:\[(\d+|last\(\))\])?", step.strip())
        if m is None:
            raise error("xml_xpath", name=command, path=path, detail=f"unsupported step {step!r}")
        name, which = m.group(1), m.group(2)
        last = index == len(steps) - 1
        same = [c for c in child_elements(node) if c.tagName == name]
        if not last and same:
            if which is None or which == "last()":
                node = same[-1] if which else same[0]
                continue
            if int(which) <= len(same):
                node = same[int(which) - 1]
                continue
        node = node.appendChild(_new_element(document, node, name))
    return node


def _new_element(document: minidom.Document, parent: Node, name: str) -> Node:
    if ":" in name:
        prefix = name.split(":", 1)[0]
        uri = _namespace_of(parent, prefix)
        if uri is not None:
            return document.createElementNS(uri, name)
    return document.createElement(name)


def _namespace_of(node: Node, prefix: str) -> str | None:
    while node is not None and node.nodeType == Node.ELEMENT_NODE:
        if node.hasAttribute(f"xmlns:{prefix}"):
            return node.getAttribute(f"xmlns:{prefix}")
        node = node.parentNode
    return None


# -- writing ---------------------------------------------------------------------------------------


def _escape(text: str, attribute: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text


def write(node: Node, tree: XmlTree, indent: bool = True, declaration: bool = True) -> str:
    """The XML text of ``node`` (the whole document for the root element or the document)."""
    parts: list[str] = []
    if node.nodeType == Node.DOCUMENT_NODE or node is tree.document.documentElement:
        if declaration:
            standalone = "yes" if tree.standalone else "no"
            parts.append(f'<?xml version="{tree.version}" encoding="{tree.encoding}" standalone="{standalone}" ?>')
        for child in tree.document.childNodes:
            _write(child, parts, 0, indent)
    else:
        _write(node, parts, 0, indent)
    return "\n".join(parts) + "\n" if indent else "".join(parts)


def _write(node: Node, parts: list[str], depth: int, indent: bool) -> None:
    pad = "  " * depth if indent else ""
    kind = node.nodeType
    if kind == Node.ELEMENT_NODE:
        attrs = "".join(
            f' {a.name}="{_escape(a.value, True)}"'
            for a in (node.attributes.item(i) for i in range(node.attributes.length))
        )
        children = list(node.childNodes)
        if not children:
            parts.append(f"{pad}<{node.tagName}{attrs}/>")
        elif (
            not indent
            or all(c.nodeType != Node.ELEMENT_NODE for c in children)
            or any(c.nodeType == Node.TEXT_NODE for c in children)
        ):
            inner: list[str] = []
            for child in children:
                _write(child, inner, 0, False)
            parts.append(f"{pad}<{node.tagName}{attrs}>{''.join(inner)}</{node.tagName}>")
        else:
            parts.append(f"{pad}<{node.tagName}{attrs}>")
            for child in children:
                _write(child, parts, depth + 1, indent)
            parts.append(f"{pad}</{node.tagName}>")
    elif kind == Node.TEXT_NODE:
        parts.append(pad + _escape(node.data))
    elif kind == Node.CDATA_SECTION_NODE:
        parts.append(f"{pad}<![CDATA[{node.data}]]>")
    elif kind == Node.COMMENT_NODE:
        parts.append(f"{pad}<!--{node.data}-->")
    elif kind == Node.PROCESSING_INSTRUCTION_NODE:
        parts.append(f"{pad}<?{node.target} {node.data}?>" if node.data else f"{pad}<?{node.target}?>")
    elif kind == Node.DOCUMENT_TYPE_NODE:
        parts.append(pad + _doctype(node))


def _doctype(node: Node) -> str:
    text = f"<!DOCTYPE {node.name}"
    if node.publicId:
        text += f' PUBLIC "{node.publicId}" "{node.systemId or ""}"'
    elif node.systemId:
        text += f' SYSTEM "{node.systemId}"'
    if node.internalSubset:
        text += f" [{node.internalSubset}]"
    return text + ">"


def fragment(text: str, command: str) -> list[Node]:
    """The nodes of an XML fragment (DOM Append XML child node with XML ELEMENT)."""
    try:
        holder = minidom.parseString(f"<fourd-fragment>{text}</fourd-fragment>").documentElement
    except ExpatError as exc:
        raise error(
            "xml_parse", name=command, detail=str(exc).split(":")[0], line=exc.lineno, column=exc.offset + 1
        ) from None
    return list(holder.childNodes)
