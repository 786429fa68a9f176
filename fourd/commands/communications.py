"""Communications theme: SEND PACKET and RECEIVE PACKET on documents (commands/send-packet.md,
receive-packet.md).

Serial ports and SET CHANNEL need hardware or the legacy channel: the forms without a DocRef
raise "not available in headless mode".  Text goes through the process's character set
(USE CHARACTER SET; UTF-8 by default, documented); BLOBs are written and read unchanged (docs).
"""

from __future__ import annotations

import weakref
from typing import Any

from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.values import Blob4D, Time4D, is_number, type_name
from ._documents import OpenDocument, documents
from ._targets import Target, writing_command
from .args import MISSING, text
from .registry import command

# USE CHARACTER SET: per process, the codecs for exporting (0) and importing (1) text.
_CHARSETS: weakref.WeakKeyDictionary[Any, dict[int, str]] = weakref.WeakKeyDictionary()
EXPORT, IMPORT = 0, 1


def _codec(f: Frame, direction: int) -> str:
    return _CHARSETS.get(f.process, {}).get(direction, "utf-8")


@command("USE CHARACTER SET")
def use_character_set(f: Frame, charset: Any, direction: Any = MISSING) -> None:
    """``USE CHARACTER SET(map {; mapInOut})`` or ``(*{; mapInOut})`` to restore UTF-8 (documented)."""
    from ..runtime.compiler import STAR
    from .args import integer
    from .blob import codec_for

    name = "USE CHARACTER SET"
    which = EXPORT if direction is MISSING else integer(direction, name, 2)
    if which not in (EXPORT, IMPORT):
        raise error("wrong_param_type", name=name, index=2, expected="0 (export) or 1 (import)", got=str(which))
    table = _CHARSETS.setdefault(f.process, {})
    if charset is STAR:
        table.pop(which, None)
        return
    codec = codec_for(charset, name)
    if codec is None:
        f.process.set_var("ok", 0.0)
        raise error("unknown_charset", name=name, charset=str(charset))
    table[which] = codec
    f.process.set_var("ok", 1.0)


_NO_CHANNEL = "SET CHANNEL and serial ports are not available headless: pass a DocRef"


def _document(f: Frame, ref: Any, name: str) -> OpenDocument:
    if type(ref) is not Time4D:
        raise error("unsupported_headless", name=f"{name} without a DocRef ({_NO_CHANNEL})")
    return documents(f).get(ref, name)


@command("SEND PACKET")
def send_packet(f: Frame, doc_ref: Any, packet: Any = MISSING) -> None:
    name = "SEND PACKET"
    if packet is MISSING:
        doc_ref, packet = None, doc_ref
    document = _document(f, doc_ref, name)
    if not document.writable:
        raise error("file_io", name=name, path=str(document.path), detail="the document is open in read mode")
    if type(packet) is Blob4D:
        data = bytes(packet.data)
    else:
        data = text(packet, name, 2).encode(_codec(f, EXPORT), errors="replace")
    document.handle.write(data)
    document.handle.flush()


@writing_command("RECEIVE PACKET", 2, 3)
def receive_packet(f: Frame, targets: list[Target]) -> None:
    """``RECEIVE PACKET(docRef; var; stopChar | numBytes)``: text until ``stopChar`` (not returned)
    or ``numBytes`` characters (bytes for a BLOB).  At the end of the document: what was read,
    OK = 1; the next call gets nothing and OK = 0 (docs)."""
    name = "RECEIVE PACKET"
    if len(targets) == 2:
        raise error("unsupported_headless", name=f"{name} without a DocRef ({_NO_CHANNEL})")
    document = _document(f, targets[0].get(), name)
    if not document.readable:
        raise error("file_io", name=name, path=str(document.path), detail="the document is open in write mode")
    handle = document.handle
    into_blob = type(targets[1].get()) is Blob4D
    stop = targets[2].get()
    start = handle.tell()
    rest = handle.read()
    if not rest:
        targets[1].set(Blob4D() if into_blob else "")
        f.process.set_var("ok", 0.0)
        return
    codec = _codec(f, IMPORT)
    if is_number(stop):
        count = max(int(stop), 0)
        if into_blob:
            chunk, used = rest[:count], min(count, len(rest))
        else:
            decoded = rest.decode(codec, errors="replace")[:count]
            chunk, used = decoded, len(decoded.encode(codec, errors="replace"))
    elif type(stop) is str:
        marker = stop.encode(codec, errors="replace")
        at = rest.find(marker) if marker else -1
        raw = rest if at < 0 else rest[:at]
        used = len(raw) + (len(marker) if at >= 0 else 0)
        chunk = raw if into_blob else raw.decode(codec, errors="replace")
    else:
        raise error("wrong_param_type", name=name, index=3, expected="a text or a number", got=type_name(stop))
    handle.seek(start + used)
    targets[1].set(Blob4D(chunk) if into_blob else chunk)
    f.process.set_var("ok", 1.0)
