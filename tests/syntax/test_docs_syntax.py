"""Constructs the 4D docs use that fourd reads as they are written (docs/parser.md)."""

from __future__ import annotations

import pytest

from fourd.runtime.errors import FourDError
from fourd.syntax import ast
from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.lexer import LexOptions
from fourd.syntax.parser import parse

MARKDOWN = LexOptions(elisions=True)


# -- `...` for an expression the example leaves out (Markdown only) ----------------------


def test_elided_expression_in_markdown():
    assign, call, case = parse("$x:=...\nQUERY(...; …)\nCase of\n: (...)\nEnd case\n", "page.md", MARKDOWN).body
    assert isinstance(assign.value, ast.Elided) and assign.value.column == 5
    assert [type(a) for a in call.expression.args] == [ast.Elided, ast.Elided]
    assert isinstance(case.branches[0][0], ast.Elided)


def test_elided_expression_is_an_error_in_a_method_file():
    with pytest.raises(FourDSyntaxError) as info:
        parse("$x:=...\n", "m.4dm")
    assert info.value.message == "unexpected '...'; expected an expression" and info.value.column == 5


def test_variadic_parameters_stay_variadic_in_markdown():
    declare, function = parse("#DECLARE($a : Text; ... : Integer)\nFunction f(... : Text)\n", "p.md", MARKDOWN).body
    assert [p.name for p in declare.params] == ["$a", "..."]
    assert [p.name for p in function.params] == ["..."]


def test_elided_expression_fails_when_it_runs(run):
    runtime = run.runtime
    module = parse("$a:=1\n$b:=...\n", "page.md", MARKDOWN)
    code = runtime.compile_module(module, "example", "page.md")
    with pytest.raises(FourDError) as info:
        runtime.run_code(code, [])
    assert info.value.code == -10690 and "line 2" in info.value.message


# -- pointers to objects: `vPtr->name` (object.md, pointer.md) -----------------------------


def test_property_through_a_pointer_parses_as_member_of_the_dereference():
    member = parse("$x:=vPtr->name\n").body[0].value
    assert isinstance(member, ast.Member) and member.name == "name"
    assert isinstance(member.target, ast.Dereference) and member.target.pointer.name == "vPtr"
    index = parse('$x:=$p->["my prop"]\n').body[0].value
    assert isinstance(index, ast.Index) and isinstance(index.target, ast.Dereference)
    assert index.index.value == "my prop"


def test_a_pointer_to_a_variable_is_unchanged():
    pointer, call = parse("$p:=->vObj\nCOPY ARRAY(a; $p->)\n").body
    assert isinstance(pointer.value, ast.PointerTo) and pointer.value.target.name == "vObj"
    assert isinstance(call.expression.args[1], ast.Dereference)


def test_property_through_a_pointer_reads_and_writes(run):
    code = (
        "var vObj : Object\nvar vPtr : Pointer\nvObj:=New object\nvObj.a:=10\nvPtr:=->vObj\n"
        'vPtr->b:=vPtr->a+5\nvPtr->["c"]:=1\nreturn String(vObj.b)+","+String(vPtr->["c"])'
    )
    assert run(code) == "15,1"


# -- strings continued on the next line (quick-tour.md: a trailing `\` continues a statement) -


def test_string_continued_with_a_trailing_backslash(run):
    module = parse('$s:="abc\\\n  def"\n$t:=1\n')
    first, second = module.body
    assert first.value.value == "abc  def"
    assert second.line == 3  # the line count stays right after a string spanning two lines
    assert run('return "ab\\\ncd"') == "abcd"


def test_escaped_backslash_then_end_of_line_is_still_unterminated():
    with pytest.raises(FourDSyntaxError, match="unterminated string"):
        parse('$s:="abc\\\\\ndef"\n')


# -- the vertical scaling picture operator `*|` (picture.md) --------------------------------


def test_vertical_scaling_operator_parses_and_needs_a_picture(run):
    node = parse("$p:=circle*|2\n").body[0].value
    assert isinstance(node, ast.Binary) and node.op == "*|"
    assert parse("$x:=2*3\n").body[0].value.op == "*"
    with pytest.raises(FourDError) as info:
        run("return 2*|3")
    assert info.value.code == -10605
