"""XML SAX theme: writing with SAX commands, reading SAX events (commands/sax-*.md)."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError

WRITE = """$ref:=Create document("out.xml")
SAX SET XML DECLARATION($ref;"UTF-8";True)
SAX ADD XML COMMENT($ref;"generated")
SAX OPEN XML ELEMENT($ref;"Root";"version";2)
SAX OPEN XML ELEMENT($ref;"Item";"id";"a&b")
SAX ADD XML ELEMENT VALUE($ref;"x < y")
SAX CLOSE XML ELEMENT($ref)
ARRAY TEXT($names;1)
ARRAY TEXT($values;1)
$names{1}:="kind"
$values{1}:="raw"
SAX OPEN XML ELEMENT ARRAYS($ref;"Data";$names;$values)
SAX ADD XML CDATA($ref;"<raw>")
CLOSE DOCUMENT($ref)
"""

READ = """$ref:=Open document("out.xml";Read Mode)
$log:=""
Repeat
$e:=SAX Get XML node($ref)
Case of
: ($e=XML start Document)
SAX GET XML DOCUMENT VALUES($ref;$enc;$ver;$sa)
$log:=$log+"doc:"+$enc+String($sa)+";"
: ($e=XML start Element)
ARRAY TEXT($n;0)
ARRAY TEXT($v;0)
SAX GET XML ELEMENT($ref;$name;$prefix;$n;$v)
$log:=$log+"<"+$name+String(Size of array($n))+";"
: ($e=XML DATA)
SAX GET XML ELEMENT VALUE($ref;$val)
$log:=$log+"data:"+$val+";"
: ($e=XML CDATA)
SAX GET XML CDATA($ref;$val)
$log:=$log+"cdata:"+$val+";"
: ($e=XML comment)
SAX GET XML COMMENT($ref;$val)
$log:=$log+"!"+$val+";"
: ($e=XML end Element)
SAX GET XML ELEMENT($ref;$name;$prefix;$n;$v)
$log:=$log+"/"+$name+";"
End case
Until ($e=XML end Document)
CLOSE DOCUMENT($ref)
return $log"""


@pytest.fixture
def box(run, tmp_path):
    run.runtime.sandbox_root = tmp_path
    run.folder = tmp_path
    return run


def test_write_then_read_events(box):
    box(WRITE)
    assert (box.folder / "out.xml").read_text(encoding="utf-8") == (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>\n<!--generated-->\n<Root version="2">\n'
        '  <Item id="a&amp;b">x &lt; y</Item>\n  <Data kind="raw"><![CDATA[<raw>]]></Data>\n</Root>\n'
    )
    assert box(READ) == "doc:UTF-8True;!generated;<Root1;<Item1;data:x < y;/Item;<Data1;cdata:<raw>;/Data;/Root;"


def test_options_and_errors(box):
    code = """$ref:=Create document("flat.xml")
XML SET OPTIONS($ref;XML indentation;XML no indentation)
SAX OPEN XML ELEMENT($ref;"a")
SAX OPEN XML ELEMENT($ref;"b")
CLOSE DOCUMENT($ref)"""
    box(code)  # CLOSE DOCUMENT closes the open elements (docs)
    assert (box.folder / "flat.xml").read_text() == '<?xml version="1.0" encoding="UTF-8" standalone="no" ?><a><b/></a>'
    with pytest.raises(FourDError):
        box('$ref:=Create document("bad.xml")\nSAX ADD XML ELEMENT VALUE($ref;"x")')  # no open element
    with pytest.raises(FourDError):
        box('$ref:=Create document("bad2.xml")\nSAX OPEN XML ELEMENT($ref;"1st")')  # invalid name
    (box.folder / "broken.xml").write_text("<a><b></a>")
    with pytest.raises(FourDError) as info:
        box(
            '$ref:=Open document("broken.xml";Read Mode)\nRepeat\n$e:=SAX Get XML node($ref)\nUntil ($e=XML end Document)'
        )
    assert info.value.code == -10781
