"""ZIP Create archive, ZIP Read archive, 4D.ZipArchive/ZipFile/ZipFolder (commands/zip-*.md, API/Zip*.md)."""

from __future__ import annotations

import zipfile

import pytest

from fourd.runtime.errors import FourDError


@pytest.fixture
def box(run, tmp_path):
    run.runtime.sandbox_root = tmp_path
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text("hello")
    (src / "sub" / "b.txt").write_text("deep")
    (src / ".hidden").write_text("hid")
    run.folder = tmp_path
    return run


def test_create_a_folder_archive_and_read_it_back(box):
    code = '$status:=ZIP Create archive(Folder("/PACKAGE/src");File("/PACKAGE/out.zip"))\nreturn $status'
    assert box(code).props == {"success": True, "status": 0, "statusText": ""}
    with zipfile.ZipFile(box.folder / "out.zip") as archive:
        assert {"src/", "src/a.txt", "src/sub/b.txt", "src/.hidden"} <= set(archive.namelist())  # the enclosing folder
    read = '$root:=ZIP Read archive(File("/PACKAGE/out.zip")).root\n'
    assert box(read + 'return $root.folder("src").file("a.txt").getText()') == "hello"
    assert box(read + "return $root.files(fk recursive).length") == 3
    assert box(read + 'return $root.folder("src").folders()[0].path') == "/src/sub/"
    assert box(read + 'return $root.folder("src").file("a.txt").size') == 5
    assert box(read + "return OB Instance of($root;4D.ZipFolder)") is True
    code = read + '$copy:=$root.folder("src").file("sub/b.txt").copyTo(Folder("/PACKAGE"))\nreturn $copy.getText()'
    assert box(code) == "deep"
    box(read + '$copy:=$root.folder("src").copyTo(Folder("/PACKAGE");"restored")')
    assert (box.folder / "restored" / "sub" / "b.txt").read_text() == "deep"


def test_options_structures_and_failures(box):
    box(
        '$s:=ZIP Create archive(Folder("/PACKAGE/src");File("/PACKAGE/flat.zip");ZIP Without enclosing folder+ZIP Ignore invisible files)'
    )
    with zipfile.ZipFile(box.folder / "flat.zip") as archive:
        assert sorted(archive.namelist()) == ["a.txt", "sub/", "sub/b.txt"]
    code = """$zip:=New object("files";New collection(New object("source";File("/PACKAGE/src/a.txt");"destination";"docs/renamed.txt"));"compression";ZIP Compression none)
$s:=ZIP Create archive($zip;File("/PACKAGE/struct.zip"))
return ZIP Read archive(File("/PACKAGE/struct.zip")).root.file("docs/renamed.txt").getText()"""
    assert box(code) == "hello"
    code = '$s:=ZIP Create archive(New object("files";New collection(File("/PACKAGE/src/a.txt"));"password";"x");File("/PACKAGE/p.zip"))\nreturn $s.success'
    assert box(code) is False  # encryption: the standard library cannot write it
    with pytest.raises(FourDError):
        box('$a:=ZIP Read archive(File("/PACKAGE/src/a.txt"))')  # not a ZIP archive
    with pytest.raises(FourDError):
        box('$r:=ZIP Read archive(File("/PACKAGE/out.zip"))')  # missing file
