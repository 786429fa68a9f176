"""The binary form of a variable in a BLOB (VARIABLE TO BLOB, BLOB TO VARIABLE, SAVE/LOAD VARIABLES).

4D uses an undocumented internal format; the docs only ask that what VARIABLE TO BLOB writes,
BLOB TO VARIABLE reads back, on any platform.  fourd's format (big-endian throughout):

    "4DV1" then one value:  tag byte + payload
    T text      u32 byte count, UTF-8        R real      f64
    I integer   i64                           B boolean   u8
    D date      u16 year, u8 month, u8 day    H time      i64 seconds
    X blob      u32 byte count, bytes         N null      U undefined
    O object    u32 count, (text key, value)* C collection u32 count, value*
    A array     text type, u8 dims, u32 count (element 0 included), value*

Objects and collections are stored as copies; pointers inside them are stored as the value
they point to (variable-to-blob.md).  A pointer variable cannot be stored.
"""

from __future__ import annotations

import struct
from typing import Any

from ..runtime.errors import error
from ..runtime.values import (
    UNDEFINED,
    Array4D,
    Blob4D,
    Collection4D,
    Date4D,
    Object4D,
    Pointer4D,
    Time4D,
    type_name,
)

MAGIC = b"4DV1"


def dump(value: Any, command: str) -> bytes:
    out = bytearray(MAGIC)
    _put(out, value, command, top=True)
    return bytes(out)


def _put_text(out: bytearray, text: str) -> None:
    raw = text.encode("utf-8")
    out += struct.pack(">I", len(raw)) + raw


def _put(out: bytearray, value: Any, command: str, top: bool = False) -> None:
    t = type(value)
    if t is Pointer4D:
        if top:
            raise error("variable_to_blob_type", name=command, got="pointer")
        _put(out, value.get(), command)
        return
    if t is str:
        out += b"T"
        _put_text(out, value)
    elif t is bool:
        out += b"B" + bytes([value])
    elif t is float:
        out += b"R" + struct.pack(">d", value)
    elif t is int:
        out += b"I" + struct.pack(">q", value)
    elif t is Date4D:
        out += b"D" + struct.pack(">HBB", value.year, value.month, value.day)
    elif t is Time4D:
        out += b"H" + struct.pack(">q", value.seconds)
    elif t is Blob4D:
        out += b"X" + struct.pack(">I", len(value.data)) + bytes(value.data)
    elif value is None:
        out += b"N"
    elif value is UNDEFINED:
        out += b"U"
    elif t is Object4D:
        out += b"O" + struct.pack(">I", len(value.props))
        for key, item in value.props.items():
            _put_text(out, key)
            _put(out, item, command)
    elif t is Collection4D:
        out += b"C" + struct.pack(">I", len(value.items))
        for item in value.items:
            _put(out, item, command)
    elif t is Array4D:
        if value.type == "Pointer":
            raise error("variable_to_blob_type", name=command, got="pointer array")
        out += b"A"
        _put_text(out, value.type)
        out += struct.pack(">BI", value.dims, len(value.items))
        for item in value.items:
            _put(out, item, command)
    else:
        raise error("variable_to_blob_type", name=command, got=type_name(value))


class _Reader:
    def __init__(self, data: bytes, offset: int):
        self.data = data
        self.at = offset

    def take(self, size: int) -> bytes:
        if self.at + size > len(self.data):
            raise ValueError("truncated")
        chunk = self.data[self.at : self.at + size]
        self.at += size
        return chunk

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        return struct.unpack(fmt, self.take(struct.calcsize(fmt)))

    def text(self) -> str:
        (size,) = self.unpack(">I")
        return self.take(size).decode("utf-8")

    def value(self) -> Any:
        tag = self.take(1)
        if tag == b"T":
            return self.text()
        if tag == b"B":
            return self.take(1) != b"\0"
        if tag == b"R":
            return self.unpack(">d")[0]
        if tag == b"I":
            return self.unpack(">q")[0]
        if tag == b"D":
            return Date4D(*self.unpack(">HBB"))
        if tag == b"H":
            return Time4D(self.unpack(">q")[0])
        if tag == b"X":
            (size,) = self.unpack(">I")
            return Blob4D(self.take(size))
        if tag == b"N":
            return None
        if tag == b"U":
            return UNDEFINED
        if tag == b"O":
            (count,) = self.unpack(">I")
            return Object4D({self.text(): self.value() for _ in range(count)})
        if tag == b"C":
            (count,) = self.unpack(">I")
            return Collection4D([self.value() for _ in range(count)])
        if tag == b"A":
            type_ = self.text()
            dims, count = self.unpack(">BI")
            array = Array4D(type_, [self.value() for _ in range(count)])
            array.dims = dims
            return array
        raise ValueError(f"unknown tag {tag!r}")


def load(data: bytes, offset: int) -> tuple[Any, int] | None:
    """(value, offset after it) read at ``offset``, or None when no variable is stored there."""
    if data[offset : offset + len(MAGIC)] != MAGIC:
        return None
    reader = _Reader(data, offset + len(MAGIC))
    try:
        value = reader.value()
    except (ValueError, UnicodeDecodeError, struct.error):
        return None
    return value, reader.at
