"""4D.File / 4D.Folder objects and the File / Folder commands (runtime/files.py, commands/files.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fourd.runtime.errors import FourDError
from fourd.runtime.values import Date4D


@pytest.fixture
def box(run, tmp_path):
    """A runtime whose sandbox (and so /PACKAGE with no project open) is tmp_path."""
    run.runtime.sandbox_root = tmp_path
    return run


def code_of(run, source: str) -> int:
    with pytest.raises(FourDError) as info:
        run(source)
    return info.value.code


def test_path_properties_of_a_file(run, tmp_path):
    path = f"{tmp_path}/docs/Report.final.txt"
    assert run.value(f'File("{path}").fullName') == "Report.final.txt"
    assert run.value(f'File("{path}").name') == "Report.final"
    assert run.value(f'File("{path}").extension') == ".txt"
    assert run.value(f'File("{path}").path') == path
    assert run.value(f'File("{path}").platformPath') == path
    assert run.value(f'File("{path}").parent.path') == f"{tmp_path}/docs/"
    assert run.value(f'File("{path}").isFile') is True
    assert run.value(f'File("{path}").isFolder') is False
    assert run.value(f'File("{path}").exists') is False
    assert run.value(f'File("{path}").size') == 0
    assert run.value(f'File("{tmp_path}/noext").extension') == ""


def test_folder_path_ends_with_a_slash(run, tmp_path):
    assert run.value(f'Folder("{tmp_path}/a/b").path') == f"{tmp_path}/a/b/"
    assert run.value(f'Folder("{tmp_path}/a/b").name') == "b"
    assert run.value(f'Folder("{tmp_path}/a/b").isFolder') is True
    assert run.value(f'Folder("{tmp_path}/a/./c/../b").path') == f"{tmp_path}/a/b/"
    assert run.value(f'Folder("{tmp_path}";fk platform path).platformPath') == f"{tmp_path}/"


def test_filesystem_prefix_stays_in_path(box, tmp_path):
    assert box.value('File("/RESOURCES/img/logo.png").path') == "/RESOURCES/img/logo.png"
    assert box.value('File("/RESOURCES/img/logo.png").platformPath') == f"{tmp_path}/Resources/img/logo.png"
    assert box.value("Folder(fk resources folder).path") == "/RESOURCES/"
    assert box.value("Folder(fk database folder).platformPath") == f"{tmp_path}/"
    assert box.value("Folder(fk data folder).path") == "/DATA/"
    assert box.value("Folder(fk logs folder).platformPath") == f"{tmp_path}/Data/Logs/"
    # the parent of a filesystem root is a system path (FileClass.md, .parent)
    assert box.value('Folder("/RESOURCES").parent.path') == f"{tmp_path}/"


def test_filesystems_of_an_open_project(run, tmp_path):
    run.runtime.filesystems["/RESOURCES"] = tmp_path / "Res"
    assert run.value('File("/RESOURCES/a.txt").platformPath') == f"{tmp_path}/Res/a.txt"


def test_set_and_get_text(box, tmp_path):
    box('File("/PACKAGE/notes/n.txt").setText("thé\\r\\ncafé\\rend")')
    # Document with native format (the default) is LF: fourd runs like 4D on Linux
    assert (tmp_path / "notes" / "n.txt").read_bytes() == "thé\ncafé\nend".encode()
    assert box.value('File("/PACKAGE/notes/n.txt").getText()') == "thé\ncafé\nend"
    assert box.value('File("/PACKAGE/notes/n.txt").getText("UTF-8";Document with CRLF)') == "thé\r\ncafé\r\nend"
    assert box.value('File("/PACKAGE/notes/n.txt").size') == len("thé\ncafé\nend".encode())
    box('File("/PACKAGE/raw.txt").setText("a\\r\\nb";"UTF-8";Document unchanged)')
    assert (tmp_path / "raw.txt").read_bytes() == codecs_bom() + b"a\r\nb"


def codecs_bom() -> bytes:
    import codecs

    return codecs.BOM_UTF8


def test_charsets_and_bom(box, tmp_path):
    box('File("/PACKAGE/l1.txt").setText("é";"ISO-8859-1")')
    assert (tmp_path / "l1.txt").read_bytes() == b"\xe9"
    box('File("/PACKAGE/nb.txt").setText("é";"UTF-8-no-bom")')
    assert (tmp_path / "nb.txt").read_bytes() == "é".encode()
    assert box.value('File("/PACKAGE/l1.txt").getText("ISO-8859-1")') == "é"
    assert box.value('File("/PACKAGE/l1.txt").getText(4)') == "é"  # MIBEnum 4 = ISO-8859-1
    # a BOM wins over the character set passed
    (tmp_path / "bom.txt").write_bytes(b"\xff\xfe" + "hé".encode("utf-16-le"))
    assert box.value('File("/PACKAGE/bom.txt").getText("ISO-8859-1")') == "hé"
    assert code_of(box, 'File("/PACKAGE/l1.txt").getText("no-such-set")') == -10643


def test_get_text_of_a_missing_file_is_an_error(box):
    assert code_of(box, 'return File("/PACKAGE/missing.txt").getText()') == -43


def test_content_round_trip(box, tmp_path):
    (tmp_path / "bin.dat").write_bytes(bytes(range(10)))
    assert box.value('File("/PACKAGE/bin.dat").getContent().size') == 10
    assert box.value('OB Instance of(File("/PACKAGE/bin.dat").getContent();4D.Blob)') is True
    box('$b:=File("/PACKAGE/bin.dat").getContent()\nFile("/PACKAGE/copy.dat").setContent($b.slice(2;5))')
    assert (tmp_path / "copy.dat").read_bytes() == bytes([2, 3, 4])
    box(
        'var $blob : Blob\nTEXT TO BLOB("xyz";$blob;UTF8 text without length)\nFile("/PACKAGE/b.dat").setContent($blob)'
    )
    assert (tmp_path / "b.dat").read_bytes() == b"xyz"


def test_create_and_delete_file(box, tmp_path):
    assert box.value('File("/PACKAGE/SpecialPrefs/u.myPrefs").create()') is True
    assert (tmp_path / "SpecialPrefs" / "u.myPrefs").is_file()
    assert box.value('File("/PACKAGE/SpecialPrefs/u.myPrefs").create()') is False  # already there
    assert box.value('File("/PACKAGE/SpecialPrefs/u.myPrefs").exists') is True
    box('File("/PACKAGE/SpecialPrefs/u.myPrefs").delete()')
    assert not (tmp_path / "SpecialPrefs" / "u.myPrefs").exists()
    box('File("/PACKAGE/SpecialPrefs/u.myPrefs").delete()')  # no error when missing


def test_dates_of_a_file(box, tmp_path):
    (tmp_path / "d.txt").write_text("x")
    date = box.value('File("/PACKAGE/d.txt").modificationDate')
    assert isinstance(date, Date4D) and date.year >= 2020
    assert box.value('File("/PACKAGE/d.txt").creationDate').year >= 2020
    assert box.value('File("/PACKAGE/none.txt").modificationDate') == Date4D.NULL


def test_copy_move_rename_file(box, tmp_path):
    (tmp_path / "src.txt").write_text("data")
    (tmp_path / "dest").mkdir()
    assert box.value('File("/PACKAGE/src.txt").copyTo(Folder("/PACKAGE/dest")).path') == "/PACKAGE/dest/src.txt"
    assert (tmp_path / "dest" / "src.txt").read_text() == "data"
    # an existing copy is an error unless fk overwrite
    assert code_of(box, 'File("/PACKAGE/src.txt").copyTo(Folder("/PACKAGE/dest"))') == -10654
    box('File("/PACKAGE/src.txt").copyTo(Folder("/PACKAGE/dest");fk overwrite)')
    assert box.value('File("/PACKAGE/src.txt").copyTo(Folder("/PACKAGE/dest");"other.txt").name') == "other"
    # the destination folder must exist
    assert code_of(box, 'File("/PACKAGE/src.txt").copyTo(Folder("/PACKAGE/nowhere"))') == -10652
    moved = box.value('File("/PACKAGE/src.txt").moveTo(Folder("/PACKAGE/dest");"moved.txt").fullName')
    assert moved == "moved.txt"
    assert not (tmp_path / "src.txt").exists() and (tmp_path / "dest" / "moved.txt").exists()
    renamed = box.value('File("/PACKAGE/dest/moved.txt").rename("ReadMe_new")')
    assert box.runtime is not None and renamed.get_member("fullName") == "ReadMe_new"  # no extension kept
    assert (tmp_path / "dest" / "ReadMe_new").exists()
    assert code_of(box, 'File("/PACKAGE/dest/ReadMe_new").rename("a/b")') == -10653
    assert code_of(box, 'File("/PACKAGE/dest/ReadMe_new").rename("other.txt")') == -10654


def test_folder_listing(box, tmp_path):
    (tmp_path / "f" / "sub" / "deep").mkdir(parents=True)
    for name in ("b.txt", "a.txt", ".hidden"):
        (tmp_path / "f" / name).write_text(name)
    (tmp_path / "f" / "sub" / "c.txt").write_text("c")
    assert box.value('Folder("/PACKAGE/f").files().extract("fullName")').items == [".hidden", "a.txt", "b.txt"]
    assert box.value('Folder("/PACKAGE/f").files(fk ignore invisible).length') == 2
    assert box.value('Folder("/PACKAGE/f").files(fk recursive+fk ignore invisible).extract("path")').items == [
        "/PACKAGE/f/a.txt",
        "/PACKAGE/f/b.txt",
        "/PACKAGE/f/sub/c.txt",
    ]
    assert box.value('Folder("/PACKAGE/f").folders().extract("name")').items == ["sub"]
    assert box.value('Folder("/PACKAGE/f").folders(fk recursive).extract("path")').items == [
        "/PACKAGE/f/sub/",
        "/PACKAGE/f/sub/deep/",
    ]
    assert box.value('Folder("/PACKAGE/f").file("sub/c.txt").getText()') == "c"
    assert box.value('Folder("/PACKAGE/f").folder("sub").exists') is True
    assert box.value('Folder("/PACKAGE/f").file("/abs.txt")') is None  # relative paths only


def test_folder_create_delete(box, tmp_path):
    assert box.value('Folder("/PACKAGE/x/y").create()') is True
    assert box.value('Folder("/PACKAGE/x/y").create()') is False
    (tmp_path / "x" / "y" / "f.txt").write_text("1")
    assert code_of(box, 'Folder("/PACKAGE/x/y").delete()') == -47  # not empty (FolderClass.md)
    assert code_of(box, 'Folder("/PACKAGE/gone").delete()') == -120  # missing (FolderClass.md)
    box('Folder("/PACKAGE/gone").delete(Delete with contents)')  # missing: no error with contents
    box('Folder("/PACKAGE/x").delete(Delete with contents)')
    assert not (tmp_path / "x").exists()


def test_folder_copy_move_rename(box, tmp_path):
    (tmp_path / "p" / "in").mkdir(parents=True)
    (tmp_path / "p" / "in" / "f.txt").write_text("1")
    (tmp_path / "q").mkdir()
    assert box.value('Folder("/PACKAGE/p").copyTo(Folder("/PACKAGE/q")).path') == "/PACKAGE/q/p/"
    assert (tmp_path / "q" / "p" / "in" / "f.txt").read_text() == "1"
    assert code_of(box, 'Folder("/PACKAGE/p").copyTo(Folder("/PACKAGE/q"))') == -10654
    box('Folder("/PACKAGE/p").copyTo(Folder("/PACKAGE/q");fk overwrite)')
    assert box.value('Folder("/PACKAGE/p").rename("r").path') == "/PACKAGE/r/"
    assert (tmp_path / "r" / "in").is_dir() and not (tmp_path / "p").exists()
    box('Folder("/PACKAGE/r").moveTo(Folder("/PACKAGE/q");"moved")')
    assert (tmp_path / "q" / "moved" / "in" / "f.txt").exists()


def test_stringify_class_and_new(box, tmp_path):
    assert box.value('String(File("/PACKAGE/a.txt"))') == "[object File]"
    assert box.value('String(Folder("/PACKAGE"))') == "[object Folder]"
    assert box.value('OB Instance of(File("/PACKAGE/a.txt");4D.File)') is True
    assert box.value('OB Instance of(Folder("/PACKAGE");4D.Folder)') is True
    assert box.value('OB Class(4D.File.new("/PACKAGE/a.txt")).name') == "File"
    assert box.value("4D.Folder.new(fk resources folder).path") == "/RESOURCES/"
    assert box.value('Value type(File("/PACKAGE/a.txt"))') == 38  # Is object


def test_read_only_properties(box):
    assert code_of(box, '$f:=File("/PACKAGE/a.txt")\n$f.name:="b"') == -10617


def test_bad_paths(box):
    assert code_of(box, 'File("myFolder/a.txt")') == -10650  # relative: refused (paths.md)
    assert code_of(box, 'Folder("/RESOURCES/../../x")') == -10651  # above a filesystem root
    assert code_of(box, "File(True)") == -10603


def test_file_constants(box, tmp_path):
    assert box.value("File(Backup settings file)") is None  # absent: Null, no error (file.md)
    (tmp_path / "Project" / "Settings").mkdir(parents=True)
    (tmp_path / "Project" / "Settings" / "buildApp.4DSettings").write_text("<x/>")
    assert box.value("File(Build application settings file).path") == "/PROJECT/Settings/buildApp.4DSettings"
    assert box.value("File(Build application settings file;*).exists") is True
    assert box.value("Folder(fk licenses folder)") is None  # no place for it headless


def test_sandbox_refuses_outside_paths(run, tmp_path):
    root = tmp_path / "box"
    root.mkdir()
    (tmp_path / "secret.txt").write_text("no")
    run.runtime.sandbox_root = root
    assert code_of(run, f'return File("{tmp_path}/secret.txt").getText()') == -10644
    assert code_of(run, f'return File("{root}/../secret.txt";fk platform path).exists') == -10644
    assert code_of(run, 'return Folder("/etc")') == -10644
    assert code_of(run, f'return Folder("{root}").parent') == -10644
    # the user's folders are stand-ins inside the sandbox
    assert Path(run.value("Folder(fk documents folder).platformPath")).is_relative_to(root)
    assert run.value("Temporary folder") == f"{root}/"
    assert run.value(f'File("{root}/ok.txt").exists') is False


def test_sandbox_refuses_symlink_escape(run, tmp_path):
    root = tmp_path / "box"
    root.mkdir()
    (tmp_path / "out").mkdir()
    (root / "link").symlink_to(tmp_path / "out")
    run.runtime.sandbox_root = root
    assert code_of(run, 'return Folder("/PACKAGE/link").exists') == -10644
    assert code_of(run, 'return Folder("/PACKAGE").folder("link")') == -10644
