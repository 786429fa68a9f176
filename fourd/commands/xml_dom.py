"""XML DOM theme: build, parse, walk, change and write XML trees (commands/dom-*.md).

The trees and their references live in :mod:`fourd.commands._xmltree`.  Commands set OK to 1
when they succeed; a bad reference, an invalid XPath or XML that is not well-formed sets OK to 0
and raises a 4D error (the docs: "Otherwise, it is set to 0 and an error is generated").
Walking past the last sibling / first child sets OK to 0 without an error (the documented
``While(OK=1)`` loops rely on it).
"""

from __future__ import annotations

from typing import Any
from xml.dom import Node

from ..runtime.errors import FourDError, error
from ..runtime.frame import Frame
from ..runtime.values import UNDEFINED, Array4D, Blob4D, type_name
from . import _xmltree as xt
from ._documents import document_path, file_error, read_document
from ._targets import Target, writing_command
from ._xmlvalues import decode_into, encode_value
from .args import MISSING, boolean, integer, text
from .arrays import fill_array
from .registry import command


def _ok(f: Frame, ok: bool) -> None:
    f.process.set_var("ok", 1.0 if ok else 0.0)


def _store(f: Frame) -> xt.XmlStore:
    return xt.store(f.process.runtime)


def _element(f: Frame, ref: Any, name: str) -> tuple[Any, xt.XmlTree]:
    """The node ``ref`` designates (OK set to 0 before the error of a bad reference)."""
    try:
        return _store(f).get(ref, name)
    except FourDError:
        _ok(f, False)
        raise


def _failing(f: Frame, exc: FourDError) -> FourDError:
    _ok(f, False)
    return exc


# -- creating and parsing --------------------------------------------------------------------------


@command("DOM Create XML Ref")
def dom_create_xml_ref(f: Frame, root: Any, namespace: Any = MISSING, *pairs: Any) -> str:
    name = "DOM Create XML Ref"
    root = text(root, name, 1)
    uri = text(namespace, name, 2) if namespace is not MISSING else ""
    if ":" in root and not uri:
        raise _failing(f, error("xml_unsupported", name=name, detail=f"the prefix of {root} needs a namespace"))
    if len(pairs) % 2:
        raise error("wrong_param_count", name=name, detail="namespace names and values go by pairs")
    extra = [(text(pairs[i], name, i + 3), text(pairs[i + 1], name, i + 4)) for i in range(0, len(pairs), 2)]
    try:
        tree = xt.new_tree(root, uri, extra)
    except Exception as exc:  # an invalid element name (minidom refuses it)
        raise _failing(f, error("xml_unsupported", name=name, detail=str(exc))) from None
    _ok(f, True)
    return _store(f).ref(tree.document.documentElement, tree)


def _parse(f: Frame, data: bytes | str, validation: Any, dtd: Any, name: str) -> str:
    if validation is not MISSING and boolean(validation, name, 2):
        # The standard library has no validating parser: refuse rather than pretend it validated.
        raise _failing(
            f, error("xml_unsupported", name=name, detail="validation by DTD or XML schema is not supported")
        )
    store = _store(f)
    try:
        tree = xt.parse(data, name, store)
    except FourDError as exc:
        raise _failing(f, exc) from None
    if tree.document.documentElement is None:
        raise _failing(f, error("xml_parse", name=name, detail="no element found", line=1, column=1))
    _ok(f, True)
    return store.ref(tree.document.documentElement, tree)


@command("DOM Parse XML source")
def dom_parse_xml_source(f: Frame, document: Any, validation: Any = MISSING, dtd: Any = MISSING) -> str:
    name = "DOM Parse XML source"
    path = text(document, name, 1)
    if path.lower().startswith(("http://", "https://", "ftp://")):
        raise _failing(f, error("unsupported_headless", name=f"{name} with a URL (the network)"))
    data = read_document(f, path, name)
    if data is None:  # an empty path: a file dialog in 4D
        return xt.NULL_REF
    return _parse(f, data, validation, dtd, name)


@command("DOM Parse XML variable")
def dom_parse_xml_variable(f: Frame, variable: Any, validation: Any = MISSING, dtd: Any = MISSING) -> str:
    name = "DOM Parse XML variable"
    if type(variable) is Blob4D:
        data: bytes | str = bytes(variable.data)
    elif type(variable) is str:
        data = variable
    else:
        raise error("wrong_param_type", name=name, index=1, expected="a text or a BLOB", got=type_name(variable))
    return _parse(f, data, validation, dtd, name)


@command("DOM CLOSE XML")
def dom_close_xml(f: Frame, ref: Any) -> None:
    try:
        _store(f).close(ref, "DOM CLOSE XML")
    except FourDError as exc:
        raise _failing(f, exc) from None
    _ok(f, True)


# -- writing ---------------------------------------------------------------------------------------


def _indent(tree: xt.XmlTree) -> bool:
    from ._xmloptions import INDENTATION, NO_INDENTATION

    return tree.options.get(INDENTATION) != NO_INDENTATION


@writing_command("DOM EXPORT TO VAR", 2, 2)
def dom_export_to_var(f: Frame, targets: list[Target]) -> None:
    node, tree = _element(f, targets[0].get(), "DOM EXPORT TO VAR")
    xml = _written(node, tree)
    if type(targets[1].get()) is Blob4D:
        targets[1].set(Blob4D(_bytes(xml, tree)))
    else:
        targets[1].set(xml)
    _ok(f, True)


def _written(node: Any, tree: xt.XmlTree) -> str:
    """The XML text with the tree's line endings (XML line ending; default LF, the macOS one)."""
    from ._xmloptions import CR, CRLF, LINE_ENDING

    xml = xt.write(node, tree, _indent(tree))
    ending = tree.options.get(LINE_ENDING)
    return xml.replace("\n", "\r" if ending == CR else "\r\n") if ending in (CR, CRLF) else xml


def _bytes(xml: str, tree: xt.XmlTree) -> bytes:
    """Encoded as the declaration says, with a BOM only when XML BOM is XML enabled (docs: none by default)."""
    from ._xmloptions import BOM, ENABLED

    codec = _codec(tree.encoding)
    data = xml.encode(codec)
    if tree.options.get(BOM) == ENABLED and codec.startswith("utf"):
        data = "\ufeff".encode(codec if codec != "utf-16" else "utf-16-be") + data
    return data


def _codec(encoding: str) -> str:
    import codecs

    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return "utf-8"


@command("DOM EXPORT TO FILE")
def dom_export_to_file(f: Frame, ref: Any, file_path: Any) -> None:
    name = "DOM EXPORT TO FILE"
    node, tree = _element(f, ref, name)
    path_text = text(file_path, name, 2)
    if path_text == "":  # a save dialog in 4D
        _ok(f, False)
        return
    path = document_path(f, path_text, name)
    try:
        path.write_bytes(_bytes(_written(node, tree), tree))
    except OSError as exc:
        raise _failing(f, file_error(exc, path, name)) from None
    _ok(f, True)


@command("DOM SET XML DECLARATION")
def dom_set_xml_declaration(
    f: Frame, ref: Any, encoding: Any, standalone: Any = MISSING, indentation: Any = MISSING
) -> None:
    name = "DOM SET XML DECLARATION"
    _, tree = _element(f, ref, name)
    tree.encoding = text(encoding, name, 2) or "UTF-8"
    if standalone is not MISSING:
        tree.standalone = boolean(standalone, name, 3)
    if indentation is not MISSING:  # obsolete parameter (XML SET OPTIONS replaces it); still honoured
        from ._xmloptions import INDENTATION, NO_INDENTATION, WITH_INDENTATION

        tree.options[INDENTATION] = WITH_INDENTATION if boolean(indentation, name, 4) else NO_INDENTATION
    _ok(f, True)


# -- reading ---------------------------------------------------------------------------------------


def _text_of(node: Any) -> str:
    return xt.element_text(node) if node.nodeType == Node.ELEMENT_NODE else ""


@writing_command("DOM GET XML ELEMENT VALUE", 2, 3)
def dom_get_xml_element_value(f: Frame, targets: list[Target]) -> None:
    node, _ = _element(f, targets[0].get(), "DOM GET XML ELEMENT VALUE")
    decode_into(targets[1], _text_of(node))
    if len(targets) == 3:
        decode_into(targets[2], xt.element_text(node, cdata=True))
    _ok(f, True)


@writing_command("DOM GET XML ELEMENT NAME", 2, 2)
def dom_get_xml_element_name(f: Frame, targets: list[Target]) -> None:
    node, _ = _element(f, targets[0].get(), "DOM GET XML ELEMENT NAME")
    targets[1].set(getattr(node, "tagName", ""))
    _ok(f, True)


@writing_command("DOM Get XML element", 4, 4)
def dom_get_xml_element(f: Frame, targets: list[Target]) -> str:
    name = "DOM Get XML element"
    node, tree = _element(f, targets[0].get(), name)
    wanted = text(targets[1].get(), name, 2)
    index = integer(targets[2].get(), name, 3)
    same = _children_named(node, wanted, tree)
    if not 1 <= index <= len(same):
        raise _failing(f, error("xml_not_found", name=name, path=f"{wanted}[{index}]"))
    found = same[index - 1]
    decode_into(targets[3], xt.element_text(found))
    _ok(f, True)
    return _store(f).ref(found, tree)


def _children_named(node: Any, wanted: str, tree: xt.XmlTree) -> list[Any]:
    """The child elements of ``node`` named ``wanted`` (case as the tree's DOM option says)."""
    from ._xmloptions import CASE_INSENSITIVE, DOM_CASE_SENSITIVITY

    case_sensitive = tree.options.get(DOM_CASE_SENSITIVITY) != CASE_INSENSITIVE
    return [c for c in xt.child_elements(node) if xt.same_name(c.tagName, wanted, case_sensitive)]


@command("DOM Count XML elements")
def dom_count_xml_elements(f: Frame, ref: Any, element_name: Any) -> int:
    name = "DOM Count XML elements"
    node, tree = _element(f, ref, name)
    wanted = text(element_name, name, 2)
    _ok(f, True)
    return len(_children_named(node, wanted, tree))


@command("DOM Count XML attributes")
def dom_count_xml_attributes(f: Frame, ref: Any) -> int:
    node, _ = _element(f, ref, "DOM Count XML attributes")
    _ok(f, True)
    return node.attributes.length if node.nodeType == Node.ELEMENT_NODE else 0


@writing_command("DOM GET XML ATTRIBUTE BY NAME", 3, 3)
def dom_get_xml_attribute_by_name(f: Frame, targets: list[Target]) -> None:
    name = "DOM GET XML ATTRIBUTE BY NAME"
    node, _ = _element(f, targets[0].get(), name)
    attribute = text(targets[1].get(), name, 2)
    if node.nodeType != Node.ELEMENT_NODE or not node.hasAttribute(attribute):
        raise _failing(f, error("xml_not_found", name=name, path=f"@{attribute}"))
    decode_into(targets[2], node.getAttribute(attribute))
    _ok(f, True)


@writing_command("DOM GET XML ATTRIBUTE BY INDEX", 4, 4)
def dom_get_xml_attribute_by_index(f: Frame, targets: list[Target]) -> None:
    name = "DOM GET XML ATTRIBUTE BY INDEX"
    node, _ = _element(f, targets[0].get(), name)
    index = integer(targets[1].get(), name, 2)
    count = node.attributes.length if node.nodeType == Node.ELEMENT_NODE else 0
    if not 1 <= index <= count:
        raise _failing(f, error("xml_not_found", name=name, path=f"@*[{index}]"))
    attribute = node.attributes.item(index - 1)
    targets[2].set(attribute.name)
    decode_into(targets[3], attribute.value)
    _ok(f, True)


@writing_command("DOM GET XML CHILD NODES", 3, 3)
def dom_get_xml_child_nodes(f: Frame, targets: list[Target]) -> None:
    node, tree = _element(f, targets[0].get(), "DOM GET XML CHILD NODES")
    kinds: list[int] = []
    values: list[str] = []
    store = _store(f)
    for child in node.childNodes:
        kind = xt.NODE_TYPES.get(child.nodeType)
        if kind is None:
            continue
        kinds.append(kind)
        if kind == xt.XML_ELEMENT:
            values.append(store.ref(child, tree))
        elif kind == xt.XML_PI:
            values.append(f"{child.target} {child.data}".strip())
        elif kind == xt.XML_DOCTYPE:
            values.append(child.name)
        else:
            values.append(child.data)
    fill_array(targets[1], kinds, "DOM GET XML CHILD NODES", "Integer")
    fill_array(targets[2], values, "DOM GET XML CHILD NODES", "Text")
    _ok(f, True)


@command("DOM Get XML information")
def dom_get_xml_information(f: Frame, ref: Any, info: Any) -> str:
    name = "DOM Get XML information"
    node, tree = _element(f, ref, name)
    which = integer(info, name, 2)
    doctype = tree.document.doctype
    _ok(f, True)
    if which == 1:  # PUBLIC ID
        return (doctype.publicId or "") if doctype else ""
    if which == 2:  # SYSTEM ID
        return (doctype.systemId or "") if doctype else ""
    if which == 3:  # DOCTYPE Name
        return doctype.name if doctype else ""
    if which == 4:  # Encoding
        return tree.encoding
    if which == 5:  # Version
        return tree.version
    if which == 6:  # Document URI: fourd keeps no URI for a tree
        return ""
    raise _failing(
        f, error("wrong_param_type", name=name, index=2, expected="an XML information code (1 to 6)", got=str(which))
    )


# -- moving around ---------------------------------------------------------------------------------


def _walk(f: Frame, targets: list[Target], name: str, pick: Any) -> str:
    """Shared by the DOM Get … XML element commands: the element ``pick(node)`` or the null ref."""
    node, tree = _element(f, targets[0].get(), name)
    found = pick(node)
    if found is None:
        _ok(f, False)
        return xt.NULL_REF
    if len(targets) > 1:
        targets[1].set(found.tagName)
    if len(targets) > 2:
        decode_into(targets[2], xt.element_text(found))
    _ok(f, True)
    return _store(f).ref(found, tree)


def _sibling(node: Any, attribute: str) -> Any:
    node = getattr(node, attribute)
    while node is not None and node.nodeType != Node.ELEMENT_NODE:
        node = getattr(node, attribute)
    return node


def _first(node: Any) -> Any:
    children = xt.child_elements(node)
    return children[0] if children else None


def _last(node: Any) -> Any:
    children = xt.child_elements(node)
    return children[-1] if children else None


def _parent(node: Any) -> Any:
    parent = node.parentNode
    return parent if parent is not None and parent.nodeType == Node.ELEMENT_NODE else None


for _name, _pick in (
    ("DOM Get first child XML element", _first),
    ("DOM Get last child XML element", _last),
    ("DOM Get next sibling XML element", lambda n: _sibling(n, "nextSibling")),
    ("DOM Get previous sibling XML element", lambda n: _sibling(n, "previousSibling")),
    ("DOM Get parent XML element", _parent),
):

    def _make(name: str = _name, pick: Any = _pick) -> None:
        @writing_command(name, 1, 3)
        def walk(f: Frame, targets: list[Target]) -> str:
            return _walk(f, targets, name, pick)

    _make()


@command("DOM Get root XML element")
def dom_get_root_xml_element(f: Frame, ref: Any) -> str:
    _, tree = _element(f, ref, "DOM Get root XML element")
    _ok(f, True)
    return _store(f).ref(tree.document.documentElement, tree)


@command("DOM Get XML document ref")
def dom_get_xml_document_ref(f: Frame, ref: Any) -> str:
    _, tree = _element(f, ref, "DOM Get XML document ref")
    _ok(f, True)
    return _store(f).ref(tree.document, tree)


@writing_command("DOM Find XML element", 2, 3)
def dom_find_xml_element(f: Frame, targets: list[Target]) -> str:
    name = "DOM Find XML element"
    node, tree = _element(f, targets[0].get(), name)
    path = text(targets[1].get(), name, 2)
    try:
        found = [n for n in xt.xpath(node, path, name) if n.nodeType == Node.ELEMENT_NODE]
    except FourDError as exc:
        raise _failing(f, exc) from None
    store = _store(f)
    refs = [store.ref(n, tree) for n in found]
    if len(targets) == 3:
        fill_array(targets[2], refs, name, "Text")
    if not refs:
        raise _failing(f, error("xml_not_found", name=name, path=path))
    _ok(f, True)
    return refs[0]


@command("DOM Find XML element by ID")
def dom_find_xml_element_by_id(f: Frame, ref: Any, id_: Any) -> str:
    name = "DOM Find XML element by ID"
    _, tree = _element(f, ref, name)
    wanted = text(id_, name, 2)
    root = tree.document.documentElement
    for node in xt._descendants_or_self(root):
        if node.getAttribute("id") == wanted or node.getAttribute("xml:id") == wanted:
            _ok(f, True)
            return _store(f).ref(node, tree)
    _ok(f, False)
    return xt.NULL_REF


# -- changing --------------------------------------------------------------------------------------


def _attribute_pairs(
    f: Frame, node: Any, tree: xt.XmlTree, pairs: list[tuple[Any, Any]], name: str, first: int
) -> None:
    for i, (key, value) in enumerate(pairs):
        attribute = text(key, name, first + 2 * i)
        try:
            node.setAttribute(attribute, encode_value(value, tree, name))
        except Exception as exc:
            if isinstance(exc, FourDError):
                raise
            raise _failing(f, error("xml_unsupported", name=name, detail=str(exc))) from None


@command("DOM Create XML element")
def dom_create_xml_element(f: Frame, ref: Any, path: Any, *pairs: Any) -> str:
    name = "DOM Create XML element"
    node, tree = _element(f, ref, name)
    if len(pairs) % 2:
        raise error("wrong_param_count", name=name, detail="attribute names and values go by pairs")
    try:
        created = xt.create_path(node, text(path, name, 2), name)
    except FourDError as exc:
        raise _failing(f, exc) from None
    _attribute_pairs(f, created, tree, list(zip(pairs[::2], pairs[1::2], strict=True)), name, 3)
    _ok(f, True)
    return _store(f).ref(created, tree)


@command("DOM Create XML element arrays")
def dom_create_xml_element_arrays(f: Frame, ref: Any, path: Any, *arrays: Any) -> str:
    name = "DOM Create XML element arrays"
    node, tree = _element(f, ref, name)
    if len(arrays) % 2:
        raise error("wrong_param_count", name=name, detail="attribute name and value arrays go by pairs")
    pairs: list[tuple[Any, Any]] = []
    for i in range(0, len(arrays), 2):
        names, values = arrays[i], arrays[i + 1]
        for j, array in ((i + 3, names), (i + 4, values)):
            if type(array) is not Array4D:
                raise error("not_an_array", name=name, index=j, got=type_name(array))
        pairs.extend(zip(names.items[1:], values.items[1:], strict=False))
    try:
        created = xt.create_path(node, text(path, name, 2), name)
    except FourDError as exc:
        raise _failing(f, exc) from None
    _attribute_pairs(f, created, tree, pairs, name, 3)
    _ok(f, True)
    return _store(f).ref(created, tree)


@command("DOM SET XML ATTRIBUTE")
def dom_set_xml_attribute(f: Frame, ref: Any, attribute: Any, value: Any, *pairs: Any) -> None:
    name = "DOM SET XML ATTRIBUTE"
    node, tree = _element(f, ref, name)
    if len(pairs) % 2 or node.nodeType != Node.ELEMENT_NODE:
        raise error("wrong_param_count", name=name, detail="attribute names and values go by pairs")
    every = [(attribute, value), *zip(pairs[::2], pairs[1::2], strict=True)]
    _attribute_pairs(f, node, tree, every, name, 2)
    _ok(f, True)


@command("DOM REMOVE XML ATTRIBUTE")
def dom_remove_xml_attribute(f: Frame, ref: Any, attribute: Any) -> None:
    name = "DOM REMOVE XML ATTRIBUTE"
    node, _ = _element(f, ref, name)
    key = text(attribute, name, 2)
    if node.nodeType != Node.ELEMENT_NODE or not node.hasAttribute(key):
        raise _failing(f, error("xml_not_found", name=name, path=f"@{key}"))
    node.removeAttribute(key)
    _ok(f, True)


@command("DOM SET XML ELEMENT NAME")
def dom_set_xml_element_name(f: Frame, ref: Any, element_name: Any) -> None:
    name = "DOM SET XML ELEMENT NAME"
    node, _ = _element(f, ref, name)
    new_name = text(element_name, name, 2)
    if node.nodeType != Node.ELEMENT_NODE or not _valid_name(new_name):
        raise _failing(f, error("xml_unsupported", name=name, detail=f"{new_name!r} is not a valid element name"))
    node.tagName = node.nodeName = new_name
    if hasattr(node, "_localName"):  # minidom caches the local name of namespaced elements
        node._localName = new_name.split(":")[-1]
    _ok(f, True)


def _valid_name(value: str) -> bool:
    import re

    return re.fullmatch(r"[A-Za-z_][\w.\-]*(:[A-Za-z_][\w.\-]*)?", value) is not None and not value.lower().startswith(
        "xml"
    )


@command("DOM SET XML ELEMENT VALUE")
def dom_set_xml_element_value(f: Frame, ref: Any, *args: Any) -> None:
    name = "DOM SET XML ELEMENT VALUE"
    from ..runtime.compiler import STAR

    cdata = bool(args) and args[-1] is STAR
    rest = list(args[:-1] if cdata else args)
    if not 1 <= len(rest) <= 2:
        raise error("wrong_param_count", name=name, detail="expects 2 to 4 parameter(s)")
    node, tree = _element(f, ref, name)
    if len(rest) == 2:
        matches = xt.xpath(node, text(rest[0], name, 2), name) if rest[0] else [node]
        matches = [n for n in matches if n.nodeType == Node.ELEMENT_NODE]
        if not matches:
            raise _failing(f, error("xml_not_found", name=name, path=rest[0]))
        node = matches[0]
    value = rest[-1]
    from ._xmloptions import RAW_DATA, STRING_ENCODING

    encoded = "" if value is UNDEFINED else encode_value(value, tree, name)
    if type(value) is str and tree.options.get(STRING_ENCODING) == RAW_DATA and not cdata:
        try:
            nodes = xt.fragment(value, name)
        except FourDError:
            nodes = None  # not a fragment: raw data goes into a CDATA node (docs)
        xt.set_element_text(node, "" if nodes else value, cdata=nodes is None)
        for child in nodes or []:
            node.appendChild(node.ownerDocument.importNode(child, True))
    else:
        xt.set_element_text(node, encoded, cdata)
    _ok(f, True)


@command("DOM REMOVE XML ELEMENT")
def dom_remove_xml_element(f: Frame, ref: Any) -> None:
    name = "DOM REMOVE XML ELEMENT"
    node, tree = _element(f, ref, name)
    parent = node.parentNode
    if parent is None or node is tree.document.documentElement:
        raise _failing(f, error("xml_unsupported", name=name, detail="the root element cannot be removed"))
    parent.removeChild(node)
    _ok(f, True)


@command("DOM Append XML child node")
def dom_append_xml_child_node(f: Frame, ref: Any, child_type: Any, child_value: Any) -> str:
    name = "DOM Append XML child node"
    node, tree = _element(f, ref, name)
    kind = integer(child_type, name, 2)
    if type(child_value) is Blob4D:
        value = bytes(child_value.data).decode("utf-8", "replace")
    else:
        value = text(child_value, name, 3)
    document = tree.document
    if kind == xt.XML_ELEMENT:
        found = _store(f).nodes.get(value)
        nodes = [found[0].cloneNode(True)] if found is not None else xt.fragment(value, name)
        created = None
        for item in nodes:
            created = node.appendChild(document.importNode(item, True))
        _ok(f, True)
        return _store(f).ref(created, tree) if created is not None else xt.NULL_REF
    if kind == xt.XML_DATA:
        new: Any = document.createTextNode(value)
    elif kind == xt.XML_CDATA:
        new = document.createCDATASection(value)
    elif kind == xt.XML_COMMENT:
        new = document.createComment(value)
    elif kind == xt.XML_PI:
        target, _, data = value.strip().removeprefix("<?").removesuffix("?>").strip().partition(" ")
        new = document.createProcessingInstruction(target, data.strip())
    elif kind == xt.XML_DOCTYPE:
        return _append_doctype(f, node, tree, value, name)
    else:
        raise _failing(f, error("wrong_param_type", name=name, index=2, expected="an XML node type", got=str(kind)))
    if node.nodeType == Node.DOCUMENT_NODE:
        node.insertBefore(new, document.documentElement)  # before the root element (docs)
    else:
        node.appendChild(new)
    _ok(f, True)
    return xt.NULL_REF if new.nodeType != Node.ELEMENT_NODE else _store(f).ref(new, tree)


def _append_doctype(f: Frame, node: Any, tree: xt.XmlTree, value: str, name: str) -> str:
    import re

    m = re.fullmatch(
        r"\s*(?:<!DOCTYPE\s+)?([\w:.\-]+)(?:\s+(?:PUBLIC\s+[\"']([^\"']*)[\"']\s+[\"']([^\"']*)[\"']|SYSTEM\s+[\"']([^\"']*)[\"']))?\s*>?\s*",
        value,
    )
    if m is None:
        raise _failing(f, error("xml_unsupported", name=name, detail=f"cannot read the DOCTYPE {value!r}"))
    from xml.dom import minidom

    doctype = minidom.getDOMImplementation().createDocumentType(m.group(1), m.group(2), m.group(3) or m.group(4))
    document = tree.document
    if document.doctype is not None:
        document.removeChild(document.doctype)
    doctype.ownerDocument = document
    document.insertBefore(doctype, document.firstChild)  # before any other node (docs)
    document.doctype = doctype
    _ok(f, True)
    return xt.NULL_REF


def _copy_into(f: Frame, target: Any, source: Any, index: int | None, name: str) -> str:
    parent, tree = _element(f, target, name)
    node, _ = _element(f, source, name)
    if node.nodeType != Node.ELEMENT_NODE:
        raise _failing(f, error("xml_unsupported", name=name, detail="the source is not an element"))
    copy = tree.document.importNode(node, True)
    children = xt.child_elements(parent)
    if index is None or index > len(children):
        parent.appendChild(copy)
    else:
        parent.insertBefore(copy, children[max(index, 1) - 1])
    _ok(f, True)
    return _store(f).ref(copy, tree)


@command("DOM Append XML element")
def dom_append_xml_element(f: Frame, target: Any, source: Any) -> str:
    return _copy_into(f, target, source, None, "DOM Append XML element")


@command("DOM Insert XML element")
def dom_insert_xml_element(f: Frame, target: Any, source: Any, child_index: Any) -> str:
    name = "DOM Insert XML element"
    return _copy_into(f, target, source, integer(child_index, name, 3), name)
