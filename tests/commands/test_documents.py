"""Documents on disk (System Documents, SEND/RECEIVE PACKET), the environment commands, and the
headless errors of font/screen/data-file commands."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError


@pytest.fixture
def box(run, tmp_path):
    run.runtime.sandbox_root = tmp_path  # relative paths are relative to it; others are refused
    run.folder = tmp_path
    return run


def test_create_append_read_packets(box):
    # create-document.md / append-document.md / receive-packet.md: lines until OK = 0
    code = """$ref:=Create document("notes";"txt")
SEND PACKET($ref;"one"+Char(13)+"two"+Char(13))
CLOSE DOCUMENT($ref)
$ref:=Append document("notes.txt")
SEND PACKET($ref;"three"+Char(13))
CLOSE DOCUMENT($ref)
$ref:=Open document("notes.txt";Read Mode)
$all:=""
RECEIVE PACKET($ref;$line;Char(13))
While (OK=1)
$all:=$all+$line+"|"
RECEIVE PACKET($ref;$line;Char(13))
End while
CLOSE DOCUMENT($ref)
return $all"""
    assert box(code) == "one|two|three|"
    assert (box.folder / "notes.txt").read_bytes() == b"one\rtwo\rthree\r"
    assert box.runtime.main_process.get_var("document") == str(box.folder / "notes.txt")


def test_positions_counts_and_blobs(box):
    (box.folder / "data.bin").write_bytes(b"0123456789")
    code = """$ref:=Open document("data.bin")
SET DOCUMENT POSITION($ref;-3;2)
RECEIVE PACKET($ref;$end;10)
$p:=Get document position($ref)
SET DOCUMENT POSITION($ref;2)
var $b : Blob
RECEIVE PACKET($ref;$b;2)
$s:=Get document size($ref)
CLOSE DOCUMENT($ref)
return $end+" "+String($p)+" "+String(BLOB size($b))+String($b{0})+" "+String($s)"""
    assert box(code) == "789 10 250 10"


def test_bad_document_refs_and_missing_files(box):
    with pytest.raises(FourDError) as info:
        box("CLOSE DOCUMENT(?00:00:09?)")
    assert info.value.code == -10647
    with pytest.raises(FourDError) as info:
        box('$r:=Open document("missing.txt")')
    assert info.value.code == -43
    assert box('$r:=Open document("")\nreturn String(OK)+String($r)') == "000:00:00"  # no dialog: cancelled
    with pytest.raises(FourDError) as info:
        box('$r:=Open document("/etc/passwd")')
    assert info.value.code == -10644  # outside the sandbox


def test_text_to_document_and_back(box):
    box('TEXT TO DOCUMENT("t.txt";"héllo"+Char(13)+Char(10)+"x")')
    assert (box.folder / "t.txt").read_bytes() == "héllo\nx".encode()  # UTF-8, no BOM, native LF
    box('TEXT TO DOCUMENT("u.txt";"a"+Char(10)+"b";"UTF-8";Document with CRLF)')
    assert (box.folder / "u.txt").read_bytes() == b"\xef\xbb\xbfa\r\nb"  # a named charset writes its BOM
    assert box('return Document to text("u.txt";"UTF-8";Document unchanged)') == "a\r\nb"
    assert box('return Document to text("u.txt")') == "a\nb"


def test_folders_lists_copies_and_deletes(box):
    code = """CREATE FOLDER("a/b/c/";*)
TEXT TO DOCUMENT("a/t.txt";"x")
COPY DOCUMENT("a/t.txt";"a/b/")
COPY DOCUMENT("a/t.txt";"a/b/";"u.txt")
MOVE DOCUMENT("a/b/u.txt";"a/b/c/v.txt")
ARRAY TEXT($docs;0)
DOCUMENT LIST("a";$docs;Recursive parsing)
ARRAY TEXT($dirs;0)
FOLDER LIST("a";$dirs)
return String(Size of array($docs))+" "+$docs{Size of array($docs)}+" "+$dirs{1}+" "+String(Test path name("a"))+String(Test path name("a/t.txt"))"""
    assert box(code) == "3 t.txt b 01"
    with pytest.raises(FourDError):
        box('COPY DOCUMENT("a/t.txt";"a/b/")')  # exists: an error unless *
    box('COPY DOCUMENT("a/t.txt";"a/b/";*)')
    with pytest.raises(FourDError):
        box('DELETE FOLDER("a")')  # not empty
    box('DELETE FOLDER("a";Delete with contents)')
    assert box('return Test path name("a")') == -43


def test_paths_and_dialogs(box):
    assert box('return Convert path system to POSIX("my doc.txt";*)') == str(box.folder / "my%20doc.txt")
    assert box('return Convert path POSIX to system("/a/my%20doc.txt";*)') == "/a/my doc.txt"
    assert box('$p:=Select document("";"*";"Pick one";0)\nreturn String(OK)+$p') == "0"
    assert box('$p:=Select folder("Where?")\nreturn String(OK)+$p') == "0"


def test_packets_need_a_docref_headless(box):
    with pytest.raises(FourDError) as info:
        box('SEND PACKET("hello")')
    assert info.value.code == -10622


def test_environment(run):
    assert run.value("Application version") == "2100"
    assert run("$v:=Application version($build;*)\nreturn $v+String($build)") == "F00021000"
    assert run.value("Is Windows") is False and run.value("Is macOS") is False
    assert run.value("Is compiled mode") is False
    assert run.value("Version type ?? 1") is True  # 64-bit
    assert isinstance(run.value("Current machine"), str)
    assert run.value("Folder separator") == "/"
    assert run("ARRAY TEXT($c;2)\nCOMPONENT LIST($c)\nreturn Size of array($c)") == 0  # no components
    assert run.value("Get 4D file(Debug log file)") == ""  # fourd writes none of 4D's logs


@pytest.mark.parametrize("code", ["FONT LIST($fonts)", "$m:=Database measures", "VERIFY DATA FILE"])
def test_headless_only_commands_say_why(run, code):
    with pytest.raises(FourDError) as info:
        run(code)
    assert info.value.code == -10622
    assert "needs" in info.value.message


def test_database_parameters_about_4d_logs_say_why(run):
    # set-database-parameter.md numbers the selectors; fourd writes none of 4D's logs
    assert run.value("Debug Log Recording") == 34 and run.value("Log Command list") == 80
    with pytest.raises(FourDError) as info:
        run("SET DATABASE PARAMETER(Debug Log Recording;1)")
    assert info.value.code == -10622 and "log files" in info.value.message
    with pytest.raises(FourDError) as info:
        run("$v:=Get database parameter(Direct2D status)")
    assert "Windows" in info.value.message


def test_properties_aliases_sizes_and_volumes(box):
    code = """TEXT TO DOCUMENT("p.txt";"0123456789")
SET DOCUMENT PROPERTIES("p.txt";True;False;!2020-01-02!;?10:00:00?;!2021-03-04!;?05:06:07?)
GET DOCUMENT PROPERTIES("p.txt";$locked;$invisible;$cOn;$cAt;$mOn;$mAt)
SET DOCUMENT PROPERTIES("p.txt";False;False;$cOn;$cAt;$mOn;$mAt)
$ref:=Open document("p.txt")
SET DOCUMENT SIZE($ref;4)
CLOSE DOCUMENT($ref)
CREATE ALIAS("p.txt";"link.txt")
RESOLVE ALIAS("link.txt";$target)
$alias:=OK
RESOLVE ALIAS("p.txt";$same)
ARRAY TEXT($volumes;0)
VOLUME LIST($volumes)
VOLUME ATTRIBUTES($volumes{1};$size;$used;$free)
return String($locked)+String($invisible)+String($mOn;ISO date)+String($mAt)+" "+Document to text("p.txt")+" "+String($alias)+String(OK)+" "+String($size>=$free)"""
    assert box(code) == "TrueFalse2021-03-04T00:00:0005:06:07 0123 10 True"
    assert box('return Test path name("link.txt")') == 1
    assert (box.folder / "link.txt").is_symlink()


def test_system_format(run):
    assert run("GET SYSTEM FORMAT(Decimal separator;$d)\nGET SYSTEM FORMAT(Date separator;$s)\nreturn $d+$s") == "./"
    assert run("GET SYSTEM FORMAT(Short date year position;$y)\nreturn $y") == "3"  # MM/DD/YYYY, as String() writes


def test_get_4d_folder_and_structure_file(box):
    assert box.value("Get 4D folder(Current resources folder)") == str(box.folder / "Resources") + "/"
    assert box.value("Get 4D folder(Database folder)") == str(box.folder) + "/"
    assert box.value("Get 4D folder(Logs folder)") == str(box.folder / "Data" / "Logs") + "/"
    assert (box.folder / "Data" / "Logs").is_dir()  # documented: created when missing
    with pytest.raises(FourDError) as info:
        box.value("Get 4D folder(Licenses folder)")
    assert info.value.code == -10622
    with pytest.raises(FourDError) as info:
        box.value("Structure file")  # no project open
    assert "project" in info.value.message


def test_packets_use_the_character_set(box):
    code = """USE CHARACTER SET("ISO-8859-1")
$ref:=Create document("latin.txt")
SEND PACKET($ref;"é")
CLOSE DOCUMENT($ref)
USE CHARACTER SET("ISO-8859-1";1)
$ref:=Open document("latin.txt")
RECEIVE PACKET($ref;$t;1)
CLOSE DOCUMENT($ref)
USE CHARACTER SET(*;1)
return $t"""
    assert box(code) == "é"
    assert (box.folder / "latin.txt").read_bytes() == b"\xe9"


def test_formula_cache_setting_is_kept_and_licenses_need_4d(run):
    assert (
        run(
            "SET DATABASE PARAMETER(Number of formulas in cache;3)\nreturn Get database parameter(Number of formulas in cache)"
        )
        == 3
    )
    for code in ("$o:=License info", "$b:=Is data file locked"):
        with pytest.raises(FourDError) as info:
            run(code)
        assert info.value.code == -10622
