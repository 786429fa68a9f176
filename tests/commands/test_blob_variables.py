"""VARIABLE TO BLOB / BLOB TO VARIABLE, compression, documents, SAVE / LOAD VARIABLES."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError


@pytest.fixture
def sandboxed(run, tmp_path):
    run.runtime.sandbox_root = tmp_path
    return run


def test_store_and_retrieve_variables(run):
    # variable-to-blob.md example 1: several variables appended with *, read back with an offset
    code = """var $b : Blob
ARRAY TEXT(asAnArray;2)
asAnArray{1}:="one"
asAnArray{2}:="two"
vText:="hello"
vObj:={a: 1; list: [1; "x"; !2020-01-02!]; none: Null}
vTime:=?01:02:03?
VARIABLE TO BLOB(asAnArray;$b;*)
VARIABLE TO BLOB(vText;$b;*)
VARIABLE TO BLOB(vObj;$b;*)
VARIABLE TO BLOB(vTime;$b;*)
$off:=0
BLOB TO VARIABLE($b;$arr;$off)
BLOB TO VARIABLE($b;$t;$off)
BLOB TO VARIABLE($b;$o;$off)
BLOB TO VARIABLE($b;$h;$off)
return [Size of array($arr);$arr{2};$t;JSON Stringify($o);$h=?01:02:03?;$off=BLOB size($b);OK]"""
    assert run(code).items == [2, "two", "hello", '{"a":1,"list":[1,"x","2020-01-02"],"none":null}', True, True, 1]


def test_variable_to_blob_stores_a_copy(run):
    # "the command places a copy (and not a reference)" of an object
    code = "$o:={a: 1}\nVARIABLE TO BLOB($o;$b)\n$o.a:=2\nBLOB TO VARIABLE($b;$o2)\nreturn $o2.a"
    assert run(code) == 1


def test_variable_to_blob_at_offset(run):
    code = "VARIABLE TO BLOB(1;$b)\n$size:=BLOB size($b)\n$off:=$size\nVARIABLE TO BLOB(2;$b;$off)\n"
    code += "$r:=0\nBLOB TO VARIABLE($b;$x;$r)\nBLOB TO VARIABLE($b;$y;$r)\nreturn [$x;$y;$off=BLOB size($b)]"
    assert run(code).items == [1, 2, True]


def test_pointers_cannot_be_stored(run):
    with pytest.raises(FourDError):
        run("$p:=->vX\nVARIABLE TO BLOB($p;$b)")


def test_blob_to_variable_on_other_bytes(run):
    with pytest.raises(FourDError):
        run('TEXT TO BLOB("plain";$b)\nBLOB TO VARIABLE($b;$x)')
    assert run.runtime.main_process.get_var("ok") == 0


@pytest.mark.parametrize(
    "mode,expected",
    [
        ("", 1),
        (";Compact compression mode", 1),
        (";Fast compression mode", 2),
        (";GZIP best compression mode", -1),
        (";GZIP fast compression mode", -2),
        (";77", 1),
    ],
)
def test_compress_expand_properties(run, mode, expected):
    # compress-blob.md / blob-properties.md / expand-blob.md
    code = f"""SET BLOB SIZE($b;1000;65)
COMPRESS BLOB($b{mode})
$ok:=OK
BLOB PROPERTIES($b;$c;$expanded;$current)
EXPAND BLOB($b)
BLOB PROPERTIES($b;$c2;$e2;$s2)
return [$ok;$c;$expanded;$current<1000;$c2;$s2;BLOB to text($b;UTF8 text without length;$z;3)]"""
    assert run(code).items == [1, expected, 1000, True, 0, 1000, "AAA"]


def test_small_blobs_are_not_compressed(run):
    # "This command only compresses BLOBs ≥ 255 bytes": no error, OK = 0
    code = "SET BLOB SIZE($b;100)\nCOMPRESS BLOB($b)\nBLOB PROPERTIES($b;$c;$e;$s)\nreturn [OK;$c;$e;$s]"
    assert run(code).items == [0, 0, 100, 100]


def test_expand_uncompressed_blob_is_error_10600(run):
    with pytest.raises(FourDError) as info:
        run("SET BLOB SIZE($b;300)\nEXPAND BLOB($b)")
    assert info.value.code == -10600


def test_documents(sandboxed, tmp_path):
    run = sandboxed
    code = 'TEXT TO BLOB("content";$b;UTF8 text without length)\nBLOB TO DOCUMENT("doc.bin";$b)\n'
    code += 'DOCUMENT TO BLOB("doc.bin";$c)\nreturn [OK;BLOB to text($c;UTF8 text without length)]'
    assert run(code).items == [1, "content"]
    assert (tmp_path / "doc.bin").read_bytes() == b"content"
    with pytest.raises(FourDError) as info:
        run('DOCUMENT TO BLOB("missing.bin";$c)')
    assert info.value.code == -43
    with pytest.raises(FourDError) as info:
        run('DOCUMENT TO BLOB("../../etc/passwd";$c)')
    assert info.value.key == "document_outside"


def test_save_array_example(sandboxed, tmp_path):
    # variable-to-blob.md example 2: SAVE ARRAY / LOAD ARRAY through a compressed document
    # (300 elements: COMPRESS BLOB leaves BLOBs under 255 bytes as they are, and EXPAND BLOB then fails)
    code = """ARRAY LONGINT($a;300)
$a{3}:=42
VARIABLE TO BLOB($a;$data)
COMPRESS BLOB($data)
BLOB TO DOCUMENT("array.bin";$data)
DOCUMENT TO BLOB("array.bin";$back)
EXPAND BLOB($back)
BLOB TO VARIABLE($back;$a2)
return [Size of array($a2);$a2{3}]"""
    assert sandboxed(code).items == [300, 42]


def test_save_and_load_variables(sandboxed, tmp_path):
    # save-variables.md / load-variables.md examples, with values checked back
    code = """vsName:="Ann"
vlCode:=42
vdWhen:=!2021-03-04!
SAVE VARIABLES("User Prefs";vsName;vlCode;vdWhen)
$saved:=OK
vsName:=""
vlCode:=0
LOAD VARIABLES("User Prefs";vsName;vlCode;vdWhen)
return [$saved;OK;vsName;vlCode;vdWhen=!2021-03-04!]"""
    assert sandboxed(code).items == [1, 1, "Ann", 42, True]
    assert (tmp_path / "User Prefs").is_file()
    assert sandboxed('LOAD VARIABLES("User Prefs";a;b;c;d)\nreturn [OK;a]').items == [0, "Ann"]
    with pytest.raises(FourDError):
        sandboxed('ARRAY TEXT($t;1)\nSAVE VARIABLES("x";$t)')  # arrays are not supported
    assert sandboxed('SAVE VARIABLES("";vsName)\nreturn OK') == 0  # no file dialog headless


@pytest.mark.parametrize("command", ["ENCRYPT BLOB($b;$k)", "LIST TO BLOB(1;$b)", "$x:=BLOB to list($b)"])
def test_blob_headless_errors(run, command):
    with pytest.raises(FourDError) as info:
        run(command)
    assert info.value.key == "unsupported_headless"
