"""4D.Blob: new(), .size, .slice(), and the conversions with scalar blobs (blob.md, BlobClass.md)."""

from __future__ import annotations

import pytest

from fourd.runtime.blobobject import BlobObject
from fourd.runtime.errors import FourDError
from fourd.runtime.values import Blob4D


def test_new_is_an_object_of_class_blob(run):
    assert run("$b:=4D.Blob.new()\nreturn Value type($b)") == 38
    assert run("return OB Instance of(4D.Blob.new(); 4D.Blob)") is True
    assert run("return 4D.Blob.new().size") == 0


def test_conversions(run):
    code = 'var $b : Blob\nSET BLOB SIZE($b;3)\n$o:=New object("blob";$b)\n$p:={}\n$p.x:=$b\n'
    assert run(code + "return OB Instance of($o.blob; 4D.Blob) && OB Instance of($p.x; 4D.Blob)") is True
    back = run(code + "var $c : Blob\n$c:=$o.blob\nreturn $c")
    assert type(back) is Blob4D and len(back.data) == 3
    assert isinstance(run("var $d : 4D.Blob\nvar $b : Blob\n$d:=$b\nreturn $d"), BlobObject)


def test_size_and_slice(run):
    code = "var $b : Blob\nSET BLOB SIZE($b;10)\n$o:=4D.Blob.new($b)\n"
    assert run(code + "return $o.size") == 10
    assert run(code + "return $o.slice(2;5).size") == 3
    assert run(code + "return $o.slice(-4).size") == 4
    assert run(code + "return $o.slice(20).size") == 0
    assert run(code + "return $o.slice(5;2).size") == 0
    with pytest.raises(FourDError):
        run('return 4D.Blob.new("text")')
