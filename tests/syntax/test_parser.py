from __future__ import annotations

import pytest

from fourd.syntax import ast
from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse, parse_attributes


def body(src: str) -> list[ast.Node]:
    return parse(src).body


def test_left_to_right_arithmetic_is_one_level():
    (stmt,) = body("$x:=3+4*5")
    assert isinstance(stmt.value, ast.Binary) and stmt.value.op == "*"
    assert stmt.value.left.op == "+"


def test_conditions_are_full_expressions():
    (stmt,) = body("If ($a=1) & ($b=2)\n$c:=1\nEnd if")
    assert isinstance(stmt, ast.If)
    assert isinstance(stmt.condition, ast.Binary) and stmt.condition.op == "&"


@pytest.mark.parametrize("kw", ["If(True)", "if (True)", "IF(True)"])
def test_keywords_case_insensitive_with_or_without_space(kw):
    (stmt,) = body(f"{kw}\nEnd IF")
    assert isinstance(stmt, ast.If)


def test_multiword_and_tokenized_names_resolve_alike():
    plain = body("$o:=Session storage by ID($id)")[0].value
    tokenized = body("$o:=Session storage by ID:C1839($id)")[0].value
    assert plain.callee.name == "Session storage by ID"
    assert tokenized.callee.number == 1839


def test_tokenized_constant():
    (stmt,) = body("LOG EVENT:C667(Into system standard outputs:K38:9; $t)")
    assert stmt.expression.args[0].constant_token == "K38:9"
    assert stmt.expression.args[0].name == "Into system standard outputs"


def test_literals():
    (stmt,) = body('$o:={a: 1; "b c": "x\\ty"; d: !2024-01-15!; t: ?12:30:00?; c: [1; 2]}')
    items = dict((k, v) for k, v in stmt.value.items)
    assert items["a"].value == 1.0
    assert items["b c"].value == "x\ty"
    assert items["d"].value.iso() == "2024-01-15"
    assert items["t"].value.seconds == 12 * 3600 + 30 * 60
    assert isinstance(items["c"], ast.CollectionLiteral)


def test_declare_both_return_forms():
    d1 = body("#DECLARE($a : Text; $b : Integer) -> $r : Object")[0]
    d2 = body("#DECLARE($a : Text) : Object")[0]
    assert [p.name for p in d1.params] == ["$a", "$b"] and d1.result.name == "$r"
    assert d2.result.name == "" and d2.result.type.name == "Object"


def test_var_with_initializer_and_several_names():
    (stmt,) = body('var $a; $b : Text:="x"')
    assert [n.name for n in stmt.names] == ["$a", "$b"]
    assert stmt.value.value == "x"


def test_comments_continuation_and_attributes():
    src = '//%attributes = {"invisible":true}\n/* block\ncomment */\n$a:=1+\\\n2 // trailing\n'
    module = parse(src)
    assert module.attributes == {"invisible": True}
    assert len(module.body) == 1 and module.body[0].line == 4


def test_char_index_and_nested_brackets():
    (s1,) = body("$c:=$t[[1]]")
    (s2,) = body("$x:=$c[$d[1]]")
    assert isinstance(s1.value, ast.CharIndex)
    assert isinstance(s2.value, ast.Index) and isinstance(s2.value.index, ast.Index)


def test_foreach_with_until_and_case_of():
    src = "For each ($x; $col; 0; 5) Until ($x>3)\nCase of\n: ($x=1)\n$a:=1\nElse\n$a:=2\nEnd case\nEnd for each"
    (stmt,) = body(src)
    assert isinstance(stmt, ast.ForEach) and stmt.until is not None
    assert isinstance(stmt.body[0], ast.CaseOf)


def test_syntax_error_points_at_missing_colon():
    with pytest.raises(FourDSyntaxError) as info:
        parse("#DECLARE($id Text;$text Text)", "m.4dm")
    err = info.value
    assert (err.line, err.column) == (1, 14)
    assert "':'" in err.message
    assert err.format().startswith("m.4dm:1:14: error:")


def test_unclosed_block_names_the_missing_keyword():
    with pytest.raises(FourDSyntaxError) as info:
        parse("For each ($a; $b)\n$x:=1\n")
    assert "End for each" in info.value.message and "line 1" in info.value.message


def test_attributes_line_absent():
    assert parse_attributes("$a:=1") == {}


def test_former_names_kept_by_hand_resolve():
    from fourd.syntax.names import command_by_name

    assert command_by_name("Get call chain").number == 1662
    assert command_by_name("Get call chain").name == "Call chain"
