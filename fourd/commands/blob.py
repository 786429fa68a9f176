"""BLOB theme (sizes, numbers and text in BLOBs) and CONVERT FROM TEXT / Convert to text.

BLOBs are values in 4D: commands that change a BLOB build a new :class:`Blob4D`
and store it into the variable passed, so a copy made earlier
(``$b2:=$b1``) is never changed behind its back.  Writing commands take an
optional ``offset`` variable (advanced by the bytes written) or ``*`` (append).

Byte orders: Native is little-endian (the x86/ARM machines fourd runs on),
Macintosh big-endian, PC little-endian.  The "Extended real format" (80-bit)
is not supported.  Text lengths in "with length" formats are big-endian,
as the examples of text-to-blob.md show.
"""

from __future__ import annotations

import codecs
import gzip
import struct
import zlib
from typing import Any

from ..runtime.compiler import STAR
from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.values import UNDEFINED, Blob4D, Pointer4D, type_name
from . import _varblob
from . import args as A
from ._documents import document_path, file_error, read_document
from ._targets import Target, writing_command
from .registry import command, headless_only_error

MAC_C_STRING, MAC_PASCAL, MAC_WITH_LENGTH, MAC_WITHOUT_LENGTH = 0, 1, 2, 3
UTF8_C_STRING, UTF8_WITH_LENGTH, UTF8_WITHOUT_LENGTH = 4, 5, 6
NATIVE, MACINTOSH, PC = 0, 1, 2
NATIVE_REAL, EXTENDED_REAL, MAC_DOUBLE, PC_DOUBLE = 0, 1, 2, 3


# Commands that alter their blob: they refuse a 4D.Blob, which is immutable (Concepts/blob.md).
_ALTERING = {
    "DELETE FROM BLOB",
    "INSERT IN BLOB",
    "INTEGER TO BLOB",
    "LONGINT TO BLOB",
    "REAL TO BLOB",
    "SET BLOB SIZE",
    "TEXT TO BLOB",
    "VARIABLE TO BLOB",
}


def blob_arg(value: Any, name: str, index: int) -> Blob4D:
    """The scalar blob a command works on.  A ``4D.Blob`` is accepted wherever a blob is read
    ("you can pass a scalar blob or a 4D.Blob to any 4D command that takes a blob", blob.md)
    as a copy of its bytes; the commands that alter their blob refuse it (documented list)."""
    if type(value) is Pointer4D:
        value = value.get()
    if type(value) is Blob4D:
        return value
    if value is UNDEFINED or value is None:
        return Blob4D()
    from ..runtime.blobobject import BlobObject

    if isinstance(value, BlobObject) and name not in _ALTERING:
        return Blob4D(value.data)
    expected = "a scalar BLOB (a 4D.Blob cannot be altered)" if isinstance(value, BlobObject) else "a BLOB"
    raise error("wrong_param_type", name=name, index=index, expected=expected, got=type_name(value))


@command("BLOB size")
def blob_size(f: Frame, blob: Any) -> int:
    return len(blob_arg(blob, "BLOB size", 1).data)


@writing_command("SET BLOB SIZE", 2, 3)
def set_blob_size(f: Frame, targets: list[Target]) -> None:
    data = bytearray(blob_arg(targets[0].get(), "SET BLOB SIZE", 1).data)
    size = max(A.integer(targets[1].read(f), "SET BLOB SIZE", 2), 0)
    filler = A.integer(targets[2].read(f), "SET BLOB SIZE", 3) & 0xFF if len(targets) > 2 else 0
    if size < len(data):
        del data[size:]
    else:
        data.extend(bytes([filler]) * (size - len(data)))
    targets[0].set(Blob4D(data))


# -- writing and reading at an offset -------------------------------------------------------


def _write(targets: list[Target], blob_index: int, payload: bytes, name: str, gap: int = 2) -> None:
    """Store ``payload`` into the BLOB argument: at 0 (replacing), at ``offset``, or appended (``*``).

    The offset (or ``*``) is ``gap`` arguments after the BLOB (2 when a byte order or format sits between).
    """
    f = targets[0].frame
    data = bytearray(blob_arg(targets[blob_index].get(), name, blob_index + 1).data)
    where = targets[blob_index + gap] if len(targets) > blob_index + gap else None
    mode = where.read(f) if where is not None else None
    if mode is STAR:
        data.extend(payload)
    elif where is None:
        data = bytearray(payload)
    else:
        offset = A.integer(mode, name, blob_index + gap + 1)
        if offset < 0:
            raise error("blob_offset", name=name, offset=offset, size=len(data))
        if offset > len(data):
            data.extend(bytes(offset - len(data)))
        data[offset : offset + len(payload)] = payload
        where.set(offset + len(payload))
    targets[blob_index].set(Blob4D(data))


def _read_at(f: Frame, targets: list[Target], offset_index: int, name: str) -> tuple[Blob4D, int, Target | None]:
    blob = blob_arg(targets[0].get(), name, 1)
    where = targets[offset_index] if len(targets) > offset_index else None
    offset = A.integer(where.read(f), name, offset_index + 1) if where is not None else 0
    return blob, offset, where


def _take(blob: Blob4D, offset: int, size: int, name: str) -> bytes:
    if offset < 0 or offset + size > len(blob.data):
        raise error("blob_read", name=name, offset=offset, size=len(blob.data))
    return bytes(blob.data[offset : offset + size])


def _endian(order: int, name: str) -> str:
    if order in (NATIVE, PC):
        return "<"
    if order == MACINTOSH:
        return ">"
    raise error("wrong_param_type", name=name, index=3, expected="a byte ordering constant", got=str(order))


def _number_writer(name: str, fmt: str) -> None:
    @writing_command(name, 3, 4)
    def write(f: Frame, targets: list[Target]) -> None:
        value = A.number(targets[0].read(f), name, 1)
        order = A.integer(targets[2].read(f), name, 3)
        if fmt == "d":
            endian = _real_endian(order, name)
            payload = struct.pack(endian + "d", float(value))
        else:
            bits = 16 if fmt == "h" else 32
            n = int(value) & ((1 << bits) - 1)  # wrap like a 4D Integer/Longint
            payload = struct.pack(_endian(order, name) + fmt.upper(), n)
        _write(targets, 1, payload, name)


def _number_reader(name: str, fmt: str) -> None:
    @writing_command(name, 2, 3)
    def read(f: Frame, targets: list[Target]) -> Any:
        order = A.integer(targets[1].read(f), name, 2)
        blob, offset, where = _read_at(f, targets, 2, name)
        size = struct.calcsize(fmt)
        endian = _real_endian(order, name) if fmt == "d" else _endian(order, name)
        (value,) = struct.unpack(endian + fmt, _take(blob, offset, size, name))
        if where is not None:
            where.set(offset + size)
        return float(value) if fmt == "d" else int(value)


def _real_endian(fmt: int, name: str) -> str:
    if fmt in (NATIVE_REAL, PC_DOUBLE):
        return "<"
    if fmt == MAC_DOUBLE:
        return ">"
    raise error("not_implemented", name=f"{name} with the Extended real format")


_number_writer("INTEGER TO BLOB", "h")
_number_writer("LONGINT TO BLOB", "i")
_number_writer("REAL TO BLOB", "d")
_number_reader("BLOB to integer", "h")
_number_reader("BLOB to longint", "i")
_number_reader("BLOB to real", "d")


# -- text ------------------------------------------------------------------------------------


def text_bytes(text: str, fmt: int) -> bytes:
    """``text`` encoded in one of the BLOB text formats (text-to-blob.md)."""
    if fmt in (UTF8_C_STRING, UTF8_WITH_LENGTH, UTF8_WITHOUT_LENGTH):
        raw = text.encode("utf-8")
        if fmt == UTF8_C_STRING:
            return raw + b"\0"
        if fmt == UTF8_WITH_LENGTH:
            return struct.pack(">I", len(raw)) + raw
        return raw
    raw = text.encode("mac_roman", errors="replace")
    if fmt == MAC_C_STRING:
        return raw + b"\0"
    if fmt == MAC_PASCAL:
        return bytes([min(len(raw), 255)]) + raw[:255]
    if fmt == MAC_WITH_LENGTH:
        return struct.pack(">H", min(len(raw), 0xFFFF)) + raw
    if fmt == MAC_WITHOUT_LENGTH:
        return raw
    raise error("wrong_param_type", name="TEXT TO BLOB", index=3, expected="a text format constant", got=str(fmt))


@writing_command("TEXT TO BLOB", 2, 4)
def text_to_blob(f: Frame, targets: list[Target]) -> None:
    text = A.text(targets[0].read(f), "TEXT TO BLOB", 1)
    fmt = A.integer(targets[2].read(f), "TEXT TO BLOB", 3) if len(targets) > 2 else MAC_C_STRING
    _write(targets, 1, text_bytes(text, fmt), "TEXT TO BLOB")


@writing_command("BLOB to text", 2, 4)
def blob_to_text(f: Frame, targets: list[Target]) -> str:
    fmt = A.integer(targets[1].read(f), "BLOB to text", 2)
    blob, offset, where = _read_at(f, targets, 2, "BLOB to text")
    data = bytes(blob.data)
    length = A.integer(targets[3].read(f), "BLOB to text", 4) if len(targets) > 3 else None
    utf8 = fmt in (UTF8_C_STRING, UTF8_WITH_LENGTH, UTF8_WITHOUT_LENGTH)
    codec = "utf-8" if utf8 else "mac_roman"
    if fmt in (UTF8_C_STRING, MAC_C_STRING):
        end = data.find(b"\0", offset)
        end = len(data) if end < 0 else end
        raw, used = data[offset:end], end - offset + (1 if end < len(data) else 0)
    elif fmt == MAC_PASCAL:
        size = _take(blob, offset, 1, "BLOB to text")[0]
        raw, used = _take(blob, offset + 1, size, "BLOB to text"), size + 1
    elif fmt in (UTF8_WITH_LENGTH, MAC_WITH_LENGTH):
        head = 4 if utf8 else 2
        (size,) = struct.unpack(">I" if utf8 else ">H", _take(blob, offset, head, "BLOB to text"))
        raw, used = _take(blob, offset + head, size, "BLOB to text"), head + size
    else:
        raw = data[offset:]
        if length is not None:
            # textLength counts characters: decode, then keep that many.
            text = raw.decode(codec, errors="replace")[: max(length, 0)]
            used = len(text.encode(codec, errors="replace"))
            if where is not None:
                where.set(offset + used)
            return text
        used = len(raw)
    if where is not None:
        where.set(offset + used)
    return raw.decode(codec, errors="replace")


# -- character sets ----------------------------------------------------------------------------

# MIBEnum numbers of convert-from-text.md and the Python codec for them.
_MIB = {
    1017: "utf-32",
    1018: "utf-32-be",
    1019: "utf-32-le",
    1015: "utf-16",
    1013: "utf-16-be",
    1014: "utf-16-le",
    106: "utf-8",
    1012: "utf-7",
    3: "ascii",
    2011: "cp437",
    2028: "cp037",
    2027: "mac_roman",
    2252: "cp1252",
    1250: "mac_latin2",
    2250: "cp1250",
    1251: "mac_cyrillic",
    2251: "cp1251",
    1253: "mac_greek",
    2253: "cp1253",
    1254: "mac_turkish",
    2254: "cp1254",
    2256: "cp1256",
    2255: "cp1255",
    2257: "cp1257",
    17: "shift_jis",
    39: "iso2022_jp",
    2026: "big5",
    38: "euc_kr",
    2084: "koi8_r",
    4: "latin_1",
    5: "iso8859_2",
    6: "iso8859_3",
    7: "iso8859_4",
    8: "iso8859_5",
    9: "iso8859_6",
    10: "iso8859_7",
    11: "iso8859_8",
    12: "iso8859_9",
    13: "iso8859_10",
    109: "iso8859_13",
    111: "iso8859_15",
    113: "gbk",
    2025: "gb2312",
    2024: "cp932",
    57: "gb2312",
}
_NAMES = {
    "x-mac-roman": "mac_roman",
    "macroman": "mac_roman",
    "mac": "mac_roman",
    "macintosh": "mac_roman",
    "csmacintosh": "mac_roman",
    "macce": "mac_latin2",
    "x-mac-ce": "mac_latin2",
    "x-mac-cyrillic": "mac_cyrillic",
    "x-mac-greek": "mac_greek",
    "x-mac-turkish": "mac_turkish",
    "windows-31j": "cp932",
    "latin-9": "iso8859_15",
    "x-mac-chinesesimp": "gb2312",
}


def codec_for(charset: Any, name: str) -> str | None:
    """The Python codec for a 4D character set name or MIBEnum, or None when unknown."""
    if type(charset) in (int, float) and type(charset) is not bool:
        return _MIB.get(int(charset))
    label = A.text(charset, name, 2).strip()
    label = _NAMES.get(label.lower(), label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _set_ok(f: Frame, ok: bool) -> None:
    f.process.set_var("ok", 1.0 if ok else 0.0)


@writing_command("CONVERT FROM TEXT", 3, 3)
def convert_from_text(f: Frame, targets: list[Target]) -> None:
    text = A.text(targets[0].read(f), "CONVERT FROM TEXT", 1)
    codec = codec_for(targets[1].read(f), "CONVERT FROM TEXT")
    if codec is None:
        _set_ok(f, False)
        return
    targets[2].set(Blob4D(text.encode(codec, errors="replace")))
    _set_ok(f, True)


_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


@command("Convert to text")
def convert_to_text(f: Frame, blob: Any, charset: Any) -> str:
    data = bytes(blob_arg(blob, "Convert to text", 1).data)
    codec = codec_for(charset, "Convert to text")
    if codec is None:
        _set_ok(f, False)
        return ""
    if codec.startswith("utf"):
        # A Byte Order Mark wins over the character set passed, and is not part of the text.
        for bom, bom_codec in _BOMS:
            if data.startswith(bom):
                data, codec = data[len(bom) :], bom_codec
                break
    _set_ok(f, True)
    return data.decode(codec, errors="replace")


# -- editing -----------------------------------------------------------------------------------


@writing_command("DELETE FROM BLOB", 3, 3)
def delete_from_blob(f: Frame, targets: list[Target]) -> None:
    data = bytearray(blob_arg(targets[0].get(), "DELETE FROM BLOB", 1).data)
    offset = A.integer(targets[1].read(f), "DELETE FROM BLOB", 2)
    length = A.integer(targets[2].read(f), "DELETE FROM BLOB", 3)
    if offset >= 0 and length > 0:
        del data[offset : offset + length]
    targets[0].set(Blob4D(data))


@writing_command("INSERT IN BLOB", 3, 4)
def insert_in_blob(f: Frame, targets: list[Target]) -> None:
    data = bytearray(blob_arg(targets[0].get(), "INSERT IN BLOB", 1).data)
    offset = min(max(A.integer(targets[1].read(f), "INSERT IN BLOB", 2), 0), len(data))
    length = max(A.integer(targets[2].read(f), "INSERT IN BLOB", 3), 0)
    filler = A.integer(targets[3].read(f), "INSERT IN BLOB", 4) & 0xFF if len(targets) > 3 else 0
    data[offset:offset] = bytes([filler]) * length
    targets[0].set(Blob4D(data))


@writing_command("COPY BLOB", 5, 5)
def copy_blob(f: Frame, targets: list[Target]) -> None:
    source = blob_arg(targets[0].get(), "COPY BLOB", 1)
    dest = bytearray(blob_arg(targets[1].get(), "COPY BLOB", 2).data)
    src_offset = A.integer(targets[2].read(f), "COPY BLOB", 3)
    dst_offset = A.integer(targets[3].read(f), "COPY BLOB", 4)
    length = A.integer(targets[4].read(f), "COPY BLOB", 5)
    chunk = _take(source, src_offset, length, "COPY BLOB")
    if dst_offset > len(dest):
        dest.extend(bytes(dst_offset - len(dest)))
    dest[dst_offset : dst_offset + length] = chunk
    targets[1].set(Blob4D(dest))


# -- variables in BLOBs ------------------------------------------------------------------------


@writing_command("VARIABLE TO BLOB", 2, 3)
def variable_to_blob(f: Frame, targets: list[Target]) -> None:
    payload = _varblob.dump(targets[0].read(f), "VARIABLE TO BLOB")  # a pointer itself is refused
    _write(targets, 1, payload, "VARIABLE TO BLOB", gap=1)
    _set_ok(f, True)


@writing_command("BLOB TO VARIABLE", 2, 3)
def blob_to_variable(f: Frame, targets: list[Target]) -> None:
    blob, offset, where = _read_at(f, targets, 2, "BLOB TO VARIABLE")
    found = _varblob.load(bytes(blob.data), offset) if offset >= 0 else None
    if found is None:
        _set_ok(f, False)
        raise error("blob_variable", offset=offset)
    value, end = found
    targets[1].set(value)
    if where is not None:
        where.set(end)
    _set_ok(f, True)


# -- compression -------------------------------------------------------------------------------

COMPACT, FAST, GZIP_BEST, GZIP_FAST, NOT_COMPRESSED = 1, 2, -1, -2, 0
# fourd's own header for the "4D" modes (4D's internal format is not documented):
# magic, mode byte, expanded size (u32 big-endian), then a zlib stream.
_ZMAGIC = b"4DZ"
_GZIP_MAGIC = b"\x1f\x8b\x08"


def compression_of(data: bytes) -> tuple[int, int]:
    """(compression mode, expanded size) of BLOB contents (mode 0: not compressed)."""
    if data.startswith(_ZMAGIC) and len(data) >= 8 and data[3] in (COMPACT, FAST):
        return data[3], struct.unpack(">I", data[4:8])[0]
    if data.startswith(_GZIP_MAGIC) and len(data) >= 18:
        mode = GZIP_FAST if data[8] == 4 else GZIP_BEST
        return mode, struct.unpack("<I", data[-4:])[0]
    return NOT_COMPRESSED, len(data)


@writing_command("COMPRESS BLOB", 1, 2)
def compress_blob(f: Frame, targets: list[Target]) -> None:
    data = bytes(blob_arg(targets[0].get(), "COMPRESS BLOB", 1).data)
    mode = A.integer(targets[1].read(f), "COMPRESS BLOB", 2) if len(targets) > 1 else COMPACT
    if mode not in (COMPACT, FAST, GZIP_BEST, GZIP_FAST):
        mode = COMPACT  # "If you pass another value … compression mode 1 is used"
    if len(data) < 255 or compression_of(data)[0] != NOT_COMPRESSED:
        _set_ok(f, False)  # too small, or already compressed: nothing is done, no error
        return
    if mode in (GZIP_BEST, GZIP_FAST):
        packed = gzip.compress(data, compresslevel=9 if mode == GZIP_BEST else 1, mtime=0)
    else:
        level = 9 if mode == COMPACT else 1
        packed = _ZMAGIC + bytes([mode]) + struct.pack(">I", len(data)) + zlib.compress(data, level)
    targets[0].set(Blob4D(packed))
    _set_ok(f, True)


@writing_command("EXPAND BLOB", 1, 1)
def expand_blob(f: Frame, targets: list[Target]) -> None:
    data = bytes(blob_arg(targets[0].get(), "EXPAND BLOB", 1).data)
    mode, _size = compression_of(data)
    try:
        if mode == NOT_COMPRESSED:
            raise ValueError("not compressed")
        plain = gzip.decompress(data) if mode in (GZIP_BEST, GZIP_FAST) else zlib.decompress(data[8:])
    except (ValueError, OSError, EOFError, zlib.error):
        _set_ok(f, False)
        raise error("blob_damaged", name="EXPAND BLOB") from None
    targets[0].set(Blob4D(plain))
    _set_ok(f, True)


@writing_command("BLOB PROPERTIES", 2, 4)
def blob_properties(f: Frame, targets: list[Target]) -> None:
    data = bytes(blob_arg(targets[0].get(), "BLOB PROPERTIES", 1).data)
    mode, expanded = compression_of(data)
    targets[1].set(mode)
    if len(targets) > 2:
        targets[2].set(expanded)
    if len(targets) > 3:
        targets[3].set(len(data))


# -- documents ---------------------------------------------------------------------------------


@writing_command("DOCUMENT TO BLOB", 2, 2)
def document_to_blob(f: Frame, targets: list[Target]) -> None:
    data = read_document(f, A.text(targets[0].read(f), "DOCUMENT TO BLOB", 1), "DOCUMENT TO BLOB")
    if data is None:
        return
    targets[1].set(Blob4D(data))
    _set_ok(f, True)


@command("BLOB TO DOCUMENT")
def blob_to_document(f: Frame, document: Any, blob: Any) -> None:
    name = A.text(document, "BLOB TO DOCUMENT", 1)
    data = blob_arg(blob, "BLOB TO DOCUMENT", 2).data
    if name == "":
        _set_ok(f, False)
        return
    path = document_path(f, name, "BLOB TO DOCUMENT")
    try:
        path.write_bytes(bytes(data))
    except OSError as exc:
        _set_ok(f, False)
        raise file_error(exc, path, "BLOB TO DOCUMENT") from None
    _set_ok(f, True)


headless_only_error("LIST TO BLOB", "hierarchical lists are form objects")
headless_only_error("BLOB to list", "hierarchical lists are form objects")
headless_only_error("ENCRYPT BLOB", "needs the keys of GENERATE ENCRYPTION KEYPAIR (Secured Protocol)")
headless_only_error("DECRYPT BLOB", "needs the keys of GENERATE ENCRYPTION KEYPAIR (Secured Protocol)")
