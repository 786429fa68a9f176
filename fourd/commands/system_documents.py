"""System Documents theme (the path-string part): Path to object, Object to path.

These commands only handle strings: they never look at the disk (path-to-object.md).

fourd's choice: the *system* path syntax is POSIX ("/" separators), as for 4D on Linux;
``Path is system`` and ``Path is POSIX`` read a path the same way.  Windows (``\\``) and
macOS HFS (``:``) paths are not recognised as such: their examples are for those systems.
"""

from __future__ import annotations

from typing import Any

from ..runtime.frame import Frame
from ..runtime.values import Object4D
from . import args as A
from .registry import command

SEPARATOR = "/"


def split_path(path: str) -> dict[str, Any]:
    """The parts of a path: parentFolder (ends with "/"), name, extension, isFolder."""
    is_folder = path.endswith(SEPARATOR)
    body = path[:-1] if is_folder else path
    cut = body.rfind(SEPARATOR)
    parent, last = body[: cut + 1], body[cut + 1 :]
    dot = last.rfind(".")
    if dot > 0:  # a leading dot (".invisible") names the file, it is not an extension
        name, extension = last[:dot], last[dot:]
    else:
        name, extension = last, ""
    return {"parentFolder": parent, "name": name, "extension": extension, "isFolder": is_folder}


@command("Path to object")
def path_to_object(frame: Frame, path: Any, path_type: Any = A.MISSING) -> Object4D:
    text = A.text(path, "Path to object", 1)
    if path_type is not A.MISSING:
        A.integer(path_type, "Path to object", 2)  # Path is system (0) or Path is POSIX (1): read alike
    return Object4D(split_path(text))


@command("Object to path")
def object_to_path(frame: Frame, path_object: Any) -> str:
    """parentFolder + name + extension (a "." added when missing), and a separator for a folder."""
    obj = A.obj(path_object, "Object to path", 1)
    props = obj.props
    parent = A.text(props.get("parentFolder", ""), "Object to path", 1)
    name = A.text(props.get("name", ""), "Object to path", 1)
    extension = A.text(props.get("extension", ""), "Object to path", 1)
    if extension and not extension.startswith("."):
        extension = "." + extension
    folder = props.get("isFolder") is True
    separator = parent[-1] if parent else SEPARATOR  # the parent's last character gives the syntax
    return parent + name + extension + (separator if folder else "")
