"""BLOB theme (commands/text-to-blob.md, blob-to-text.md, *-to-blob.md) and character set conversions."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError


def blob_bytes(run, code: str) -> bytes:
    return bytes(run(code + "\nreturn $b").data)


@pytest.mark.parametrize(
    "fmt,expected",
    [
        ("UTF8 C string", bytes.fromhex("436166C3A900")),
        ("UTF8 text with length", bytes.fromhex("00000005436166C3A9")),
        ("UTF8 text without length", bytes.fromhex("436166C3A9")),
        ("Mac C string", bytes.fromhex("4361668E00")),
        ("Mac Pascal string", bytes.fromhex("044361668E")),
        ("Mac text with length", bytes.fromhex("00044361668E")),
        ("Mac text without length", bytes.fromhex("4361668E")),
    ],
)
def test_text_to_blob_formats(run, fmt, expected):
    # the byte tables of text-to-blob.md ("Café")
    assert blob_bytes(run, f'TEXT TO BLOB("Café";$b;{fmt})') == expected


def test_text_round_trip_with_offsets(run):
    code = 'TEXT TO BLOB("ab";$b;UTF8 text with length)\nTEXT TO BLOB("Zoé";$b;UTF8 C string;*)\n$o:=0\n'
    code += '$x:=BLOB to text($b;UTF8 text with length;$o)\n$y:=BLOB to text($b;UTF8 C string;$o)\nreturn $x+"|"+$y+"|"+String($o)'
    assert run(code) == "ab|Zoé|11"
    code = 'TEXT TO BLOB("héllo";$b;UTF8 text without length)\n$o:=0\nreturn BLOB to text($b;UTF8 text without length;$o;2)+String($o)'
    assert run(code) == "hé3"


def test_blob_size_and_set_blob_size(run):
    assert run("SET BLOB SIZE($b;16;0xFF)\nreturn BLOB size($b)") == 16
    assert blob_bytes(run, "SET BLOB SIZE($b;3;255)\nSET BLOB SIZE($b;2)") == b"\xff\xff"
    # BLOBs are values: changing one leaves a copy alone
    assert run("SET BLOB SIZE($b;4)\n$c:=$b\nSET BLOB SIZE($b;0)\nreturn BLOB size($c)") == 4


def test_numbers_in_blobs(run):
    assert blob_bytes(run, "INTEGER TO BLOB(258;$b;Macintosh byte ordering)") == b"\x01\x02"
    assert blob_bytes(run, "INTEGER TO BLOB(258;$b;PC byte ordering)") == b"\x02\x01"
    assert blob_bytes(run, "LONGINT TO BLOB(-1;$b;PC byte ordering)") == b"\xff\xff\xff\xff"
    code = "LONGINT TO BLOB(7;$b;Macintosh byte ordering)\nREAL TO BLOB(2.5;$b;PC double real format;*)\n$o:=0\n"
    code += '$n:=BLOB to longint($b;Macintosh byte ordering;$o)\n$r:=BLOB to real($b;PC double real format;$o)\nreturn String($n)+" "+String($r)+" "+String($o)'
    assert run(code) == "7 2.5 12"
    code = "$o:=2\nINTEGER TO BLOB(1;$b;Macintosh byte ordering;$o)\nreturn String(BLOB size($b))+String($o)"
    assert run(code) == "44"


def test_reading_past_the_end_is_error_111(run):
    with pytest.raises(FourDError) as e:
        run("SET BLOB SIZE($b;2)\n$n:=BLOB to longint($b;PC byte ordering)")
    assert e.value.code == -111


def test_blob_editing(run):
    assert blob_bytes(run, 'TEXT TO BLOB("abcdef";$b;UTF8 text without length)\nDELETE FROM BLOB($b;1;2)') == b"adef"
    assert blob_bytes(run, 'TEXT TO BLOB("ab";$b;UTF8 text without length)\nINSERT IN BLOB($b;1;2;0x2D)') == b"a--b"
    code = 'TEXT TO BLOB("xyz";$s;UTF8 text without length)\nTEXT TO BLOB("....";$b;UTF8 text without length)\nCOPY BLOB($s;$b;1;2;2)'
    assert blob_bytes(run, code) == b"..yz"


def test_convert_from_and_to_text(run):
    assert blob_bytes(run, 'CONVERT FROM TEXT("é";"ISO-8859-1";$b)') == b"\xe9"
    assert blob_bytes(run, 'CONVERT FROM TEXT("é";106;$b)') == b"\xc3\xa9"  # MIBEnum of UTF-8
    assert blob_bytes(run, 'CONVERT FROM TEXT("é";"MacRoman";$b)') == b"\x8e"
    code = 'CONVERT FROM TEXT("Ça";"UTF-16LE";$b)\nreturn Convert to text($b;"UTF-16LE")+String(OK)'
    assert run(code) == "Ça1"
    code = 'CONVERT FROM TEXT("x";"no-such-charset";$b)\nreturn OK'
    assert run(code) == 0
    # a BOM wins over the Unicode set passed (convert-to-text.md)
    code = 'CONVERT FROM TEXT("hé";"UTF-16";$b)\nreturn Convert to text($b;"UTF-8")'
    assert run(code) == "hé"


def test_blob_objects_go_to_reading_commands(run):
    # Concepts/blob.md: a 4D.Blob goes to any command that takes a blob, reads bytes with [],
    # and the commands that alter their blob refuse it.
    code = 'var $b : 4D.Blob\nCONVERT FROM TEXT("Hello, World!";"UTF-8";$b)\nreturn BLOB to text($b;UTF8 text without length)+String($b[5])'
    assert run(code) == "Hello, World!44"
    with pytest.raises(FourDError) as info:
        run('var $b : 4D.Blob\nCONVERT FROM TEXT("Hi";"UTF-8";$b)\nSET BLOB SIZE($b;1)')
    assert "cannot be altered" in info.value.message
