"""Document paths of the classic file commands (DOCUMENT TO BLOB, SAVE VARIABLES…).

A document path is a system path.  A relative one (a bare name such as ``"User Prefs"``)
is relative to the folder of the database (4D) — here the sandbox folder when the runtime has
one, else the project's package folder, else the current directory.  With a sandbox, a path
that leaves it is refused with a 4D error rather than read or written.
An empty path would open a file dialog in 4D: headless there is none, so it sets OK to 0.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ..runtime.convert import to_text
from ..runtime.errors import error
from ..runtime.files import inside_sandbox
from ..runtime.frame import Frame
from ..runtime.values import Time4D
from ._state import runtime_state


def base_folder(f: Frame) -> Path:
    runtime = f.process.runtime
    if runtime.sandbox_root is not None:
        return Path(runtime.sandbox_root)
    if runtime.project is not None:
        return Path(runtime.project.root)
    return Path.cwd()


def document_path(f: Frame, text: str, command: str) -> Path:
    """The file ``text`` names, checked against the sandbox folder when there is one."""
    base = base_folder(f)
    path = Path(text).expanduser()
    if not path.is_absolute():
        path = base / path
    return inside_sandbox(f.process.runtime, path, command, text)


def read_document(f: Frame, text: str, command: str) -> bytes | None:
    """The bytes of the document ``text`` names; None (OK set to 0) for the empty name of a file dialog.

    A missing or unreadable document sets OK to 0 and raises the 4D file error.
    """
    if text == "":  # a file dialog in 4D; none headless
        f.process.set_var("ok", 0.0)
        return None
    path = document_path(f, text, command)
    try:
        return path.read_bytes()
    except OSError as exc:
        f.process.set_var("ok", 0.0)
        raise file_error(exc, path, command) from None


def file_error(exc: OSError, path: Path, command: str):
    """The 4D error for a failed file operation (-43 file not found, -36 I/O error)."""
    if isinstance(exc, FileNotFoundError):
        return error("file_not_found", name=command, path=str(path))
    return error("file_io", name=command, path=str(path), detail=exc.strerror or str(exc))


# -- open documents (Open document, Create document… SEND PACKET, RECEIVE PACKET) -------------------


class OpenDocument:
    """A document opened by Open/Create/Append document: its file, path and read/write access."""

    def __init__(self, path: Path, handle: Any, writable: bool, readable: bool):
        self.path = path
        self.handle = handle
        self.writable = writable
        self.readable = readable
        self.sax: Any = None  # the XML SAX writer or reader using this document (xml_sax.py)
        self.xml_options: dict[int, int] = {}  # XML SET OPTIONS on this document


class DocumentTable:
    """The documents a runtime has open, by reference number (4D's DocRef is a Time)."""

    def __init__(self) -> None:
        self.open: dict[int, OpenDocument] = {}
        self.next = 0
        self.lock = threading.Lock()

    def add(self, document: OpenDocument) -> int:
        with self.lock:
            self.next += 1
            self.open[self.next] = document
            return self.next

    def get(self, ref: Any, command: str) -> OpenDocument:
        number = ref.seconds if type(ref) is Time4D else ref if type(ref) in (int, float) else None
        found = self.open.get(int(number)) if number is not None else None
        if found is None:
            shown = to_text(ref) if type(ref) is Time4D else f'"{ref}"' if type(ref) is str else "an undefined value"
            raise error("bad_document_ref", name=command, ref=shown)
        return found

    def close(self, ref: Any, command: str) -> None:
        document = self.get(ref, command)
        with self.lock:
            self.open = {k: v for k, v in self.open.items() if v is not document}
        try:
            finish = getattr(document.sax, "finish", None)
            if finish is not None:  # a SAX writer: close its open elements, write the document
                finish(document)
        finally:
            document.handle.close()

    def is_open(self, path: Path) -> bool:
        return any(d.path == path for d in self.open.values())


def documents(f: Frame) -> DocumentTable:
    return runtime_state(f.process.runtime, DocumentTable)
