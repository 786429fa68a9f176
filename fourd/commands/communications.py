"""Communications theme: SEND PACKET and RECEIVE PACKET on documents (commands/send-packet.md,
receive-packet.md).

Serial ports and SET CHANNEL need hardware or the legacy channel: the forms without a DocRef
raise "not available in headless mode".  Text goes through UTF-8 (fourd's current character set);
BLOBs are written and read unchanged (docs).
"""

from __future__ import annotations

from typing import Any

from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.values import Blob4D, Time4D, is_number, type_name
from ._documents import OpenDocument, documents
from ._targets import Target, writing_command
from .args import MISSING, text
from .registry import command

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
    data = bytes(packet.data) if type(packet) is Blob4D else text(packet, name, 2).encode("utf-8")
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
    if is_number(stop):
        count = max(int(stop), 0)
        if into_blob:
            chunk, used = rest[:count], min(count, len(rest))
        else:
            decoded = rest.decode("utf-8", errors="replace")[:count]
            chunk, used = decoded, len(decoded.encode("utf-8"))
    elif type(stop) is str:
        marker = stop.encode("utf-8")
        at = rest.find(marker) if marker else -1
        raw = rest if at < 0 else rest[:at]
        used = len(raw) + (len(marker) if at >= 0 else 0)
        chunk = raw if into_blob else raw.decode("utf-8", errors="replace")
    else:
        raise error("wrong_param_type", name=name, index=3, expected="a text or a number", got=type_name(stop))
    handle.seek(start + used)
    targets[1].set(Blob4D(chunk) if into_blob else chunk)
    f.process.set_var("ok", 1.0)
