"""XML DOM and XML themes (commands/dom-*.md, xml-*.md): the documented examples and error paths."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError

BOOKS = """<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<bookstore>
<book>
  <title lang="en">Harry Potter</title>
  <price>29.99</price>
</book>
<book>
  <title lang="fr">Learning XML</title>
  <price>39.95</price>
</book>
</bookstore>"""


@pytest.fixture
def books(run):
    run.runtime.interprocess["books"] = BOOKS
    run("<>root:=DOM Parse XML variable(<>books)")
    return run


def test_find_relative_and_absolute_paths(books):
    # dom-find-xml-element.md example 1: both searches find "Learning XML".
    assert books('$f:=DOM Find XML element(<>root;"book[2]/title")\nDOM GET XML ELEMENT VALUE($f;$v)\nreturn $v') == (
        "Learning XML"
    )
    code = '$f:=DOM Find XML element(<>root;"/bookstore/book[2]")\n$f:=DOM Find XML element($f;"title")\n'
    assert books(code + "DOM GET XML ELEMENT VALUE($f;$v)\nreturn $v") == "Learning XML"


def test_find_fills_array_with_every_match(books):
    code = 'ARRAY TEXT($a;0)\n$first:=DOM Find XML element(<>root;"//price";$a)\nreturn String(Size of array($a))+String($first=$a{1})'
    assert books(code) == "2True"
    assert (
        books('ARRAY TEXT($a;0)\n$x:=DOM Find XML element(<>root;"//title | //price";$a)\nreturn Size of array($a)')
        == 4
    )


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("book[last()]/price", "39.95"),
        ("book[title='Harry Potter']/price", "29.99"),
        ('//title[@lang="fr"]', "Learning XML"),
        ("//title[contains(@lang,'e')]", "Harry Potter"),
        ("book[price>30]/title", "Learning XML"),
        ("book/title[../price<30]", "Harry Potter"),
    ],
)
def test_xpath_predicates(books, path, expected):
    literal = '"' + path.replace('"', '\\"') + '"'
    assert books(f"$f:=DOM Find XML element(<>root;{literal})\nDOM GET XML ELEMENT VALUE($f;$v)\nreturn $v") == expected


def test_element_value_converted_to_the_variable_type(books):
    code = (
        'var $p : Real\n$f:=DOM Find XML element(<>root;"book[1]/price")\nDOM GET XML ELEMENT VALUE($f;$p)\nreturn $p+1'
    )
    assert books(code) == pytest.approx(30.99)


def test_not_found_sets_ok_and_raises(books):
    with pytest.raises(FourDError) as info:
        books('$f:=DOM Find XML element(<>root;"nothing")')
    assert info.value.code == -10783
    assert books('Try\n$f:=DOM Find XML element(<>root;"nothing")\nCatch\nEnd try\nreturn OK') == 0


def test_bad_reference_and_bad_xml_are_4d_errors(run):
    with pytest.raises(FourDError) as info:
        run('DOM GET XML ELEMENT NAME("0000000000000000";$n)')
    assert info.value.code == -10780
    with pytest.raises(FourDError) as info:
        run('$r:=DOM Parse XML variable("<a><b></a>")')
    assert info.value.code == -10781
    # XML GET ERROR gives the parser's message and position
    code = 'Try\n$r:=DOM Parse XML variable("<a>"+Char(10)+"<b></a>")\nCatch\nEnd try\nXML GET ERROR($r;$t;$l;$c)\nreturn $t+"@"+String($l)'
    assert run(code) == "mismatched tag@2"


def test_walk_siblings_until_ok_is_zero(books):
    code = (
        '$e:=DOM Get first child XML element(<>root;$name)\n$names:=""\nWhile (OK=1)\n$names:=$names+$name+";"\n'
        "$e:=DOM Get next sibling XML element($e;$name)\nEnd while\nreturn $names"
    )
    assert books(code) == "book;book;"
    code = '$e:=DOM Get last child XML element(<>root)\n$t:=DOM Get first child XML element($e;$n;$v)\nreturn $n+"="+$v'
    assert books(code) == "title=Learning XML"
    assert (
        books('$t:=DOM Find XML element(<>root;"book/title")\n$p:=DOM Get parent XML element($t;$n)\nreturn $n')
        == "book"
    )
    assert books('$t:=DOM Find XML element(<>root;"book/title")\nreturn DOM Get root XML element($t)=<>root') is True


def test_attributes(books):
    code = '$t:=DOM Find XML element(<>root;"book/title")\nDOM GET XML ATTRIBUTE BY NAME($t;"lang";$v)\nreturn $v'
    assert books(code) == "en"
    code = (
        '$t:=DOM Find XML element(<>root;"book/title")\nDOM SET XML ATTRIBUTE($t;"n";12;"ok";True)\n'
        "DOM GET XML ATTRIBUTE BY INDEX($t;3;$name;$v)\nreturn String(DOM Count XML attributes($t))+$name+$v"
    )
    assert books(code) == "3oktrue"
    code = '$t:=DOM Find XML element(<>root;"book/title")\nDOM REMOVE XML ATTRIBUTE($t;"lang")\nreturn DOM Count XML attributes($t)'
    assert books(code) == 2  # "n" and "ok" set above remain


def test_create_tree_and_export(run):
    # dom-create-xml-element-arrays.md: the path elements are created, the attributes set from arrays.
    code = """ARRAY TEXT(arrAttNames;3)
ARRAY TEXT(arrAttValues;3)
arrAttNames{1}:="Font"
arrAttValues{1}:="Verdana"
arrAttNames{2}:="Size"
arrAttValues{2}:="10"
arrAttNames{3}:="Style"
arrAttValues{3}:="Bold"
vRootRef:=DOM Create XML Ref("RootElement")
vElementRef:=DOM Create XML element arrays(vRootRef;"/RootElement/Elem1/Elem2/Elem3";arrAttNames;arrAttValues)
XML SET OPTIONS(vRootRef;XML indentation;XML no indentation)
DOM EXPORT TO VAR(vRootRef;$t)
return $t"""
    assert run(code) == (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?><RootElement><Elem1><Elem2>'
        '<Elem3 Font="Verdana" Size="10" Style="Bold"/></Elem2></Elem1></RootElement>'
    )


def test_namespaced_root(run):
    code = '$r:=DOM Create XML Ref("MyNameSpace:MyRoot";"http://www.4D.com/tech/namespace")\nDOM EXPORT TO VAR($r;$t)\nreturn $t'
    assert '<MyNameSpace:MyRoot xmlns:MyNameSpace="http://www.4D.com/tech/namespace"/>' in run(code)


def test_element_values_escaping_cdata_and_types(run):
    code = """$r:=DOM Create XML Ref("r")
$a:=DOM Create XML element($r;"a")
DOM SET XML ELEMENT VALUE($a;"x < y & z")
$b:=DOM Create XML element($r;"b")
DOM SET XML ELEMENT VALUE($b;"<raw>";*)
$c:=DOM Create XML element($r;"c")
DOM SET XML ELEMENT VALUE($c;!2003-01-01!)
$d:=DOM Create XML element($r;"d")
DOM SET XML ELEMENT VALUE($d;?02:00:46?)
XML SET OPTIONS($r;XML indentation;XML no indentation)
DOM EXPORT TO VAR($r;$t)
DOM GET XML ELEMENT VALUE($b;$v;$cdata)
return $t+"|"+$v+"|"+$cdata"""
    assert run(code) == (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?><r><a>x &lt; y &amp; z</a><b><![CDATA[<raw>]]></b>'
        "<c>2003-01-01</c><d>0000-00-00T02:00:46</d></r>||<raw>"
    )
    code = '$r:=DOM Create XML Ref("r")\nXML SET OPTIONS($r;XML time encoding;XML duration)\nDOM SET XML ATTRIBUTE($r;"t";?02:00:46?)\nDOM GET XML ATTRIBUTE BY NAME($r;"t";$v)\nreturn $v'
    assert run(code) == "PT02H00M46S"


def test_child_nodes_example(run):
    # dom-get-xml-child-nodes.md: text, element, text, element, text
    code = """ARRAY LONGINT($types;0)
ARRAY TEXT($values;0)
$root:=DOM Parse XML variable("<r><myElement>Hello<br/>New<br/>York</myElement></r>")
$e:=DOM Find XML element($root;"myElement")
DOM GET XML CHILD NODES($e;$types;$values)
return String($types{1})+String($types{2})+$values{1}+$values{3}+$values{5}+String(Length($values{2}))"""
    assert run(code) == "611HelloNewYork16"


def test_append_child_nodes_and_copies(run):
    code = """$r:=DOM Create XML Ref("r")
$e:=DOM Append XML child node($r;XML ELEMENT;"<item id=\\"7\\">seven</item>")
$x:=DOM Append XML child node($r;XML DATA;"tail")
$doc:=DOM Get XML document ref($r)
$x:=DOM Append XML child node($doc;XML processing instruction;"xml-stylesheet href=\\"s.xsl\\"")
$copy:=DOM Insert XML element($r;$e;1)
DOM SET XML ELEMENT NAME($copy;"first")
$found:=DOM Find XML element by ID($r;"7")
XML SET OPTIONS($r;XML indentation;XML no indentation)
DOM EXPORT TO VAR($r;$t)
return $t"""
    assert run(code) == (
        '<?xml version="1.0" encoding="UTF-8" standalone="no" ?><?xml-stylesheet href="s.xsl"?>'
        '<r><first id="7">seven</first><item id="7">seven</item>tail</r>'
    )


def test_remove_element_count_and_get_by_index(books):
    code = """$b:=DOM Get XML element(<>root;"book";2;$v)
$p:=DOM Get XML element($b;"price";1;$price)
DOM REMOVE XML ELEMENT($b)
return String(DOM Count XML elements(<>root;"book"))+" "+$price"""
    assert books(code) == "1 39.95"


def test_close_forgets_references(books):
    books("DOM CLOSE XML(<>root)")
    with pytest.raises(FourDError) as info:
        books('$n:=DOM Count XML elements(<>root;"book")')
    assert info.value.code == -10780


def test_export_to_file_and_parse_source(run, tmp_path):
    path = tmp_path / "out.xml"
    run(f'$r:=DOM Create XML Ref("root")\nDOM SET XML ATTRIBUTE($r;"v";"é")\nDOM EXPORT TO FILE($r;"{path}")')
    assert path.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"')
    assert run(f'$r:=DOM Parse XML source("{path}")\nDOM GET XML ATTRIBUTE BY NAME($r;"v";$v)\nreturn $v') == "é"


def test_validation_is_refused_clearly(run):
    with pytest.raises(FourDError) as info:
        run('$r:=DOM Parse XML variable("<a/>";True)')
    assert "validation" in info.value.message


def test_xml_decode_and_options(run):
    assert run('var $r : Real\nXML DECODE("8,5";$r)\nreturn $r') == 8.5
    assert run('var $b : Boolean\nXML DECODE("true";$b)\nreturn $b') is True
    assert run('var $d : Date\nXML DECODE("2009-10-25T01:03:20+01:00";$d)\nreturn String($d;ISO date)').startswith(
        "2009-10-25"
    )
    code = '$r:=DOM Create XML Ref("r")\nXML GET OPTIONS($r;XML indentation;$i)\nreturn $i=XML with indentation'
    assert run(code) is True
