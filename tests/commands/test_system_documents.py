"""System Documents (path strings): Path to object, Object to path (POSIX syntax in fourd)."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError


@pytest.mark.parametrize(
    "path, parent, name, extension, folder",
    [
        ("/first/second.bundle/", "/first/", "second", ".bundle", True),  # path-to-object.md
        ("/folder/.invisible", "/folder/", ".invisible", "", False),
        ("/a/b/archive.tar.gz", "/a/b/", "archive.tar", ".gz", False),
        ("file", "", "file", "", False),
        ("/", "", "", "", True),
    ],
)
def test_path_to_object(run, path, parent, name, extension, folder):
    o = run(f'return Path to object("{path}";Path is POSIX)')
    assert o.props == {"parentFolder": parent, "name": name, "extension": extension, "isFolder": folder}
    assert run(f'return Path to object("{path}")').props == o.props  # system syntax is POSIX in fourd


def test_object_to_path_round_trip_and_rename(run):
    code = '$o:=Path to object("/images/jan/pict1.png")\n$o.name:="pict2"\nreturn Object to path($o)'
    assert run(code) == "/images/jan/pict2.png"
    assert (
        run('return Object to path({parentFolder: "/a/"; name: "b"; extension: "txt"; isFolder: True})') == "/a/b.txt/"
    )
    assert run('return Object to path(Path to object("/first/second.bundle/"))') == "/first/second.bundle/"


def test_bad_arguments(run):
    with pytest.raises(FourDError):
        run("return Path to object(12)")
    with pytest.raises(FourDError):
        run('return Object to path("x")')
