"""The ``File`` and ``Folder`` commands (commands/file.md, folder.md) and ``Temporary folder``.

The objects themselves live in runtime/files.py.  The optional ``*`` asks a component for
its host database's item: fourd runs no components, so the host is the running project and
``*`` changes nothing.
"""

from __future__ import annotations

import tempfile
from typing import Any

from ..runtime.compiler import STAR
from ..runtime.files import make_item
from ..runtime.frame import Frame
from ..runtime.values import UNDEFINED
from .args import MISSING
from .registry import command


def _item(f: Frame, folder: bool, source: Any, path_type: Any, name: str) -> Any:
    if path_type is STAR:  # File(constant; *) or File(path; *): * changes nothing here
        path_type = MISSING
    kind = UNDEFINED if path_type is MISSING else path_type
    return make_item(f.process.runtime, folder, source, kind, name)


@command("File")
def file_(f: Frame, source: Any, path_type: Any = MISSING, star: Any = MISSING) -> Any:  # noqa: ARG001
    return _item(f, False, source, path_type, "File")


@command("Folder")
def folder_(f: Frame, source: Any, path_type: Any = MISSING, star: Any = MISSING) -> Any:  # noqa: ARG001
    return _item(f, True, source, path_type, "Folder")


@command("Temporary folder")
def temporary_folder(f: Frame) -> str:
    """The system temporary folder, as a platform path ending with the separator.

    With a sandbox, the sandbox folder is the temporary folder (TMPDIR points there too).
    """
    root = f.process.runtime.sandbox_root
    path = str(root) if root is not None else tempfile.gettempdir()
    return path if path.endswith("/") else path + "/"


# -- ZIP archives (runtime/ziparchive.py) --------------------------------------------------------------


@command("ZIP Create archive")
def zip_create_archive(f: Frame, source: Any, destination: Any, options: Any = MISSING) -> Any:
    from ..runtime.ziparchive import create_archive

    return create_archive(f, source, destination, UNDEFINED if options is MISSING else options)


@command("ZIP Read archive")
def zip_read_archive(f: Frame, file: Any, password: Any = MISSING) -> Any:
    from ..runtime.ziparchive import read_archive

    return read_archive(f.process.runtime, file, UNDEFINED if password is MISSING else password)
