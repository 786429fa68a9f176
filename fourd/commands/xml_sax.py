"""XML SAX theme: write and read XML documents opened with Create/Open document
(commands/sax-*.md).

Writing builds the document as commands arrive and writes it when the document is closed
(CLOSE DOCUMENT adds the missing end tags, as the docs say), with the DOM writer: the same
declaration, indentation and escaping as DOM EXPORT TO FILE.  Reading parses the rest of the
document with expat into the documented events (XML Start Document 1, Comment 2, Processing
Instruction 3, Start Element 4, End Element 5, DATA 6, CDATA 7, End Document 9); whitespace-only
text between elements is not an event (the DOM parser drops it too).  Entities are resolved
into DATA: there are no XML Entity (8) events.
"""

from __future__ import annotations

from typing import Any
from xml.dom import minidom
from xml.parsers import expat

from ..runtime.compiler import STAR
from ..runtime.errors import FourDError, error
from ..runtime.frame import Frame
from ..runtime.values import UNDEFINED, Array4D, type_name
from . import _xmltree as xt
from ._documents import OpenDocument, documents
from ._targets import Target, writing_command
from ._xmloptions import RAW_DATA, STRING_ENCODING
from ._xmlvalues import decode_into, encode_value
from .args import MISSING, boolean, text
from .arrays import fill_array
from .registry import command

START_DOCUMENT, COMMENT, PROCESSING_INSTRUCTION, START_ELEMENT, END_ELEMENT = 1, 2, 3, 4, 5
DATA, CDATA, END_DOCUMENT = 6, 7, 9


def _ok(f: Frame, ok: bool) -> None:
    f.process.set_var("ok", 1.0 if ok else 0.0)


def _document(f: Frame, ref: Any, name: str) -> OpenDocument:
    try:
        return documents(f).get(ref, name)
    except FourDError:
        _ok(f, False)
        raise


# -- writing -----------------------------------------------------------------------------------------


class SaxWriter:
    def __init__(self, document: OpenDocument):
        self.tree = xt.XmlTree(minidom.getDOMImplementation().createDocument(None, None, None))
        self.tree.options = document.xml_options  # XML SET OPTIONS on the DocRef
        self.open: list[Any] = []  # the elements not closed yet, innermost last
        self.started = False  # anything written (SAX SET XML DECLARATION must come first)

    def parent(self) -> Any:
        return self.open[-1] if self.open else self.tree.document

    def finish(self, document: OpenDocument) -> None:
        self.open.clear()
        if self.tree.document.documentElement is None and not self.tree.document.childNodes:
            return
        from .xml_dom import _bytes, _written

        document.handle.seek(0)
        document.handle.truncate()
        node = self.tree.document
        document.handle.write(_bytes(_written(node, self.tree), self.tree))


def _writer(f: Frame, ref: Any, name: str) -> SaxWriter:
    document = _document(f, ref, name)
    if isinstance(document.sax, SaxReader):
        raise error("xml_unsupported", name=name, detail="the document is being read with SAX Get XML node")
    if document.sax is None:
        if not document.writable:
            raise error("file_io", name=name, path=str(document.path), detail="the document is open in read mode")
        document.sax = SaxWriter(document)
    return document.sax


@command("SAX SET XML DECLARATION")
def sax_set_xml_declaration(f: Frame, ref: Any, encoding: Any, standalone: Any = MISSING) -> None:
    name = "SAX SET XML DECLARATION"
    writer = _writer(f, ref, name)
    if writer.started:
        raise error("xml_unsupported", name=name, detail="the declaration must be set before anything is written")
    label = text(encoding, name, 2)
    import codecs

    try:
        codecs.lookup(label)
        writer.tree.encoding = label
    except LookupError:
        writer.tree.encoding = "UTF-8"  # documented: an unsupported character set gives UTF-8
    if standalone is not MISSING:
        writer.tree.standalone = boolean(standalone, name, 3)
    _ok(f, True)


def _open_element(f: Frame, ref: Any, tag: Any, pairs: list[tuple[Any, Any]], name: str) -> None:
    writer = _writer(f, ref, name)
    tag_name = text(tag, name, 2)
    parent = writer.parent()
    if parent is writer.tree.document and writer.tree.document.documentElement is not None:
        raise error("xml_unsupported", name=name, detail="an XML document has only one root element")
    try:
        element = writer.tree.document.createElement(tag_name)
        if not xt._valid_tag(tag_name):
            raise ValueError(f"{tag_name!r} is not a valid element name")
        for i, (key, value) in enumerate(pairs):
            element.setAttribute(text(key, name, 3 + 2 * i), encode_value(value, writer.tree, name))
    except ValueError as exc:
        raise error("xml_unsupported", name=name, detail=str(exc)) from None
    parent.appendChild(element)
    writer.open.append(element)
    writer.started = True


@command("SAX OPEN XML ELEMENT")
def sax_open_xml_element(f: Frame, ref: Any, tag: Any, *pairs: Any) -> None:
    if len(pairs) % 2:
        raise error("wrong_param_count", name="SAX OPEN XML ELEMENT", detail="attribute names and values go by pairs")
    _open_element(f, ref, tag, list(zip(pairs[::2], pairs[1::2], strict=True)), "SAX OPEN XML ELEMENT")


@command("SAX OPEN XML ELEMENT ARRAYS")
def sax_open_xml_element_arrays(f: Frame, ref: Any, tag: Any, *arrays: Any) -> None:
    name = "SAX OPEN XML ELEMENT ARRAYS"
    if len(arrays) % 2:
        raise error("wrong_param_count", name=name, detail="attribute name and value arrays go by pairs")
    pairs: list[tuple[Any, Any]] = []
    for i in range(0, len(arrays), 2):
        for j, array in ((i + 3, arrays[i]), (i + 4, arrays[i + 1])):
            if type(array) is not Array4D:
                raise error("not_an_array", name=name, index=j, got=type_name(array))
        pairs.extend(zip(arrays[i].items[1:], arrays[i + 1].items[1:], strict=False))
    _open_element(f, ref, tag, pairs, name)


@command("SAX CLOSE XML ELEMENT")
def sax_close_xml_element(f: Frame, ref: Any) -> None:
    writer = _writer(f, ref, "SAX CLOSE XML ELEMENT")
    if not writer.open:
        raise error("xml_unsupported", name="SAX CLOSE XML ELEMENT", detail="no element is open")
    writer.open.pop()


def _add(f: Frame, ref: Any, name: str, node: Any, inside_element: bool) -> None:
    writer = _writer(f, ref, name)
    if inside_element and not writer.open:
        raise error("xml_unsupported", name=name, detail="an element must be open")
    parent = writer.parent()
    if parent is writer.tree.document and writer.tree.document.documentElement is not None:
        writer.tree.document.appendChild(node)  # after the root element (a closing comment…)
    else:
        parent.appendChild(node)
    writer.started = True


@command("SAX ADD XML ELEMENT VALUE")
def sax_add_xml_element_value(f: Frame, ref: Any, data: Any, star: Any = MISSING) -> None:
    name = "SAX ADD XML ELEMENT VALUE"
    writer = _writer(f, ref, name)
    value = "" if data is UNDEFINED else encode_value(data, writer.tree, name)
    document = writer.tree.document
    if writer.tree.options.get(STRING_ENCODING) == RAW_DATA and star is not STAR:
        try:
            nodes = xt.fragment(value, name)
        except FourDError:
            nodes = [document.createCDATASection(value)]  # not a fragment: raw data in CDATA (docs)
        for node in nodes:
            _add(f, ref, name, document.importNode(node, True), True)
        return
    _add(f, ref, name, document.createTextNode(value), True)


@command("SAX ADD XML CDATA")
def sax_add_xml_cdata(f: Frame, ref: Any, data: Any) -> None:
    name = "SAX ADD XML CDATA"
    writer = _writer(f, ref, name)
    value = "" if data is UNDEFINED else encode_value(data, writer.tree, name)
    _add(f, ref, name, writer.tree.document.createCDATASection(value), True)


@command("SAX ADD XML COMMENT")
def sax_add_xml_comment(f: Frame, ref: Any, comment: Any) -> None:
    name = "SAX ADD XML COMMENT"
    writer = _writer(f, ref, name)
    _add(f, ref, name, writer.tree.document.createComment(text(comment, name, 2)), False)


@command("SAX ADD PROCESSING INSTRUCTION")
def sax_add_processing_instruction(f: Frame, ref: Any, statement: Any) -> None:
    name = "SAX ADD PROCESSING INSTRUCTION"
    writer = _writer(f, ref, name)
    body = text(statement, name, 2).strip().removeprefix("<?").removesuffix("?>").strip()
    target, _, data = body.partition(" ")
    _add(f, ref, name, writer.tree.document.createProcessingInstruction(target, data.strip()), False)


@command("SAX ADD XML DOCTYPE")
def sax_add_xml_doctype(f: Frame, ref: Any, doc_type: Any) -> None:
    name = "SAX ADD XML DOCTYPE"
    writer = _writer(f, ref, name)
    if writer.tree.document.documentElement is not None:
        raise error("xml_unsupported", name=name, detail="the DOCTYPE must come before the root element")
    from .xml_dom import _append_doctype

    _append_doctype(f, writer.tree.document, writer.tree, text(doc_type, name, 2), name)
    writer.started = True


# -- reading -----------------------------------------------------------------------------------------


class SaxReader:
    """The events of the rest of a document, read one by one with SAX Get XML node."""

    def __init__(self, data: bytes):
        self.events: list[tuple[int, Any]] = []
        self.declaration = ("UTF-8", "1.0", False)
        self.position = -1
        self.current: tuple[int, Any] = (0, None)
        self._text: list[str] = []
        self._in_cdata = False
        parser = expat.ParserCreate(namespace_separator=None)
        parser.XmlDeclHandler = self._declaration
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        parser.StartCdataSectionHandler = self._cdata_start
        parser.EndCdataSectionHandler = self._cdata_end
        parser.CommentHandler = lambda data: self._event(COMMENT, data)
        parser.ProcessingInstructionHandler = lambda target, data: self._event(PROCESSING_INSTRUCTION, (target, data))
        parser.ordered_attributes = True
        self.events.append((START_DOCUMENT, None))
        self.error: FourDError | None = None
        try:
            parser.Parse(data, True)
            self._flush()
            self.events.append((END_DOCUMENT, None))
        except expat.ExpatError as exc:
            self._flush()
            self.error = error(
                "xml_parse",
                name="SAX Get XML node",
                detail=expat.ErrorString(exc.code),
                line=exc.lineno,
                column=exc.offset + 1,
            )

    def _declaration(self, version: str | None, encoding: str | None, standalone: int) -> None:
        self.declaration = (encoding or "UTF-8", version or "1.0", standalone == 1)

    def _flush(self) -> None:
        if self._text:
            joined = "".join(self._text)
            self._text = []
            if self._in_cdata:
                self.events.append((CDATA, joined))
            elif joined.strip():
                self.events.append((DATA, joined))

    def _event(self, kind: int, value: Any) -> None:
        self._flush()
        self.events.append((kind, value))

    def _start(self, name: str, attributes: list[str]) -> None:
        self._event(START_ELEMENT, (name, list(zip(attributes[::2], attributes[1::2], strict=True))))

    def _end(self, name: str) -> None:
        self._event(END_ELEMENT, (name, []))

    def _characters(self, data: str) -> None:
        self._text.append(data)

    def _cdata_start(self) -> None:
        self._flush()
        self._in_cdata = True

    def _cdata_end(self) -> None:
        self._flush()
        self._in_cdata = False


def _reader(f: Frame, ref: Any, name: str) -> SaxReader:
    document = _document(f, ref, name)
    if isinstance(document.sax, SaxWriter):
        raise error("xml_unsupported", name=name, detail="the document is being written with SAX commands")
    if document.sax is None:
        if not document.readable:
            raise error("file_io", name=name, path=str(document.path), detail="the document is open in write mode")
        document.sax = SaxReader(document.handle.read())
    return document.sax


@command("SAX Get XML node")
def sax_get_xml_node(f: Frame, ref: Any) -> int:
    reader = _reader(f, ref, "SAX Get XML node")
    if reader.position + 1 >= len(reader.events):
        if reader.error is not None:
            _ok(f, False)
            raise reader.error
        _ok(f, True)
        return END_DOCUMENT
    reader.position += 1
    reader.current = reader.events[reader.position]
    _ok(f, True)
    return reader.current[0]


def _expect(f: Frame, reader: SaxReader, kinds: tuple[int, ...], name: str) -> Any:
    kind, value = reader.current
    if kind not in kinds:
        _ok(f, False)
        raise error(
            "xml_unsupported", name=name, detail=f"the current SAX event is {kind}, not {'/'.join(map(str, kinds))}"
        )
    _ok(f, True)
    return value


@writing_command("SAX GET XML ELEMENT", 2, 5)
def sax_get_xml_element(f: Frame, targets: list[Target]) -> None:
    name = "SAX GET XML ELEMENT"
    reader = _reader(f, targets[0].get(), name)
    tag, attributes = _expect(f, reader, (START_ELEMENT, END_ELEMENT), name)
    prefix, _, local = tag.rpartition(":")
    targets[1].set(local)
    if len(targets) > 2:
        targets[2].set(prefix)
    if reader.current[0] == END_ELEMENT:
        return  # "the attribute parameters are not handled" for XML End Element (docs)
    if len(targets) > 3:
        fill_array(targets[3], [k for k, _ in attributes], name, "Text")
    if len(targets) > 4:
        fill_array(targets[4], [v for _, v in attributes], name, "Text")


@writing_command("SAX GET XML ELEMENT VALUE", 2, 2)
def sax_get_xml_element_value(f: Frame, targets: list[Target]) -> None:
    reader = _reader(f, targets[0].get(), "SAX GET XML ELEMENT VALUE")
    decode_into(targets[1], _expect(f, reader, (DATA,), "SAX GET XML ELEMENT VALUE"))


@writing_command("SAX GET XML CDATA", 2, 2)
def sax_get_xml_cdata(f: Frame, targets: list[Target]) -> None:
    reader = _reader(f, targets[0].get(), "SAX GET XML CDATA")
    decode_into(targets[1], _expect(f, reader, (CDATA,), "SAX GET XML CDATA"))


@writing_command("SAX GET XML COMMENT", 2, 2)
def sax_get_xml_comment(f: Frame, targets: list[Target]) -> None:
    reader = _reader(f, targets[0].get(), "SAX GET XML COMMENT")
    targets[1].set(_expect(f, reader, (COMMENT,), "SAX GET XML COMMENT"))


@writing_command("SAX GET XML PROCESSING INSTRUCTION", 3, 3)
def sax_get_xml_processing_instruction(f: Frame, targets: list[Target]) -> None:
    name = "SAX GET XML PROCESSING INSTRUCTION"
    reader = _reader(f, targets[0].get(), name)
    target, data = _expect(f, reader, (PROCESSING_INSTRUCTION,), name)
    targets[1].set(target)
    targets[2].set(data)


@writing_command("SAX GET XML DOCUMENT VALUES", 4, 4)
def sax_get_xml_document_values(f: Frame, targets: list[Target]) -> None:
    name = "SAX GET XML DOCUMENT VALUES"
    reader = _reader(f, targets[0].get(), name)
    _expect(f, reader, (START_DOCUMENT,), name)
    encoding, version, standalone = reader.declaration
    targets[1].set(encoding)
    targets[2].set(version)
    targets[3].set(standalone)


@writing_command("SAX GET XML ENTITY", 3, 3)
def sax_get_xml_entity(f: Frame, targets: list[Target]) -> None:
    """fourd resolves entities into DATA events, so there is never an XML Entity event to read."""
    _expect(f, _reader(f, targets[0].get(), "SAX GET XML ENTITY"), (8,), "SAX GET XML ENTITY")
