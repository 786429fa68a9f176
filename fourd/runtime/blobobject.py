"""``4D.Blob``: an immutable blob object (API/BlobClass.md, Concepts/blob.md).

A scalar Blob (:class:`Blob4D`) is mutable and copied on assignment; a ``4D.Blob`` is an
object, passed by reference, whose bytes never change.  4D converts one into the other on
assignment (blob.md, "Automatic conversion of blob type"): a scalar blob stored in an object
property or a collection element becomes a ``4D.Blob``; a ``4D.Blob`` assigned to a Blob
variable becomes a scalar blob (a copy).
"""

from __future__ import annotations

from typing import Any

from .classes import register_builtin_class
from .errors import error
from .objects import BuiltinObject
from .values import UNDEFINED, Blob4D, is_number, type_name


class BlobObject(BuiltinObject):
    """A ``4D.Blob`` instance: ``.size`` and ``.slice()``."""

    class_name = "Blob"
    shareable = True  # immutable, so it can live in shared objects

    def __init__(self, data: bytes = b""):
        self.data = bytes(data)

    def get_member(self, name: str) -> Any:
        if name == "size":
            return float(len(self.data))
        return UNDEFINED

    def get_item(self, index: int) -> int:
        """``$blob[n]``: byte n, read-only (blob.md); out of range as for a scalar blob's ``{n}``."""
        if not 0 <= index < len(self.data):
            raise error("index_out_of_range", index=index, last=len(self.data) - 1)
        return self.data[index]

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        if name == "slice":
            size = len(self.data)
            start = _index(args[0], size, 1) if len(args) > 0 else 0
            end = _index(args[1], size, 2) if len(args) > 1 else size
            return BlobObject(self.data[start:end] if start < end else b"")
        raise error("unknown_member", name=name)

    def to_json_4d(self) -> Any:
        return {}

    def to_text_4d(self) -> str:
        return "[object Blob]"


def _index(value: Any, size: int, position: int) -> int:
    """A slice bound: negative counts from the end; clamped to 0…size."""
    if not is_number(value):
        raise error("wrong_param_type", name=".slice", index=position, expected="a number", got=type_name(value))
    i = int(value)
    if i < 0:
        i += size
    return max(0, min(i, size))


def to_blob_object(value: Any) -> Any:
    """A scalar blob becomes a ``4D.Blob`` (a copy of its bytes); other values are unchanged."""
    if type(value) is Blob4D:
        return BlobObject(bytes(value.data))
    return value


def _new(args: list[Any], frame: Any) -> BlobObject:
    if not args:
        return BlobObject()
    source = args[0]
    if type(source) is Blob4D or isinstance(source, BlobObject):
        return BlobObject(bytes(source.data))
    raise error("wrong_param_type", name="4D.Blob.new", index=1, expected="a blob", got=type_name(source))


register_builtin_class("Blob", python_types=(BlobObject,), new=_new)
