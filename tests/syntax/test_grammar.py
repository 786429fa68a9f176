"""Every construct of the 4D language pages parses to the AST node it should."""

from __future__ import annotations

import pytest

from fourd.syntax import ast
from fourd.syntax.parser import parse


def one(src: str) -> ast.Node:
    (stmt,) = parse(src).body
    return stmt


def value(src: str) -> ast.Node:
    return one(src).value


# -- classes ----------------------------------------------------------------------


def test_class_header_forms():
    body = parse(
        "Class extends cs:C1710.Person\n"
        "property name; nick : Text\n"
        "property age : Integer:=3\n"
        "shared singleton Class constructor($a : Text; $b : Integer)\n"
        "Super:C1705($a)\n"
        "Function get fullName() : Text\n"
        "return This:C1470.name\n"
        "Function set fullName($v : Text)\n"
        "exposed local Function compute($x : Integer) -> $r : Integer\n"
        "server Function onServer()\n"
    ).body
    extends, prop1, prop2, ctor, getter, setter, compute, remote = body
    assert extends.parent == ["cs", "Person"]
    assert prop1.names == ["name", "nick"] and prop1.type.name == "Text"
    assert prop2.value.value == 3.0
    assert ctor.modifiers == ["shared", "singleton"] and [p.name for p in ctor.params] == ["$a", "$b"]
    assert isinstance(ctor.body[0].expression, ast.Call) and ctor.body[0].expression.callee.number == 1705
    assert (getter.kind, getter.name, getter.result.type.name) == ("get", "fullName", "Text")
    assert isinstance(getter.body[0], ast.Return)
    assert setter.kind == "set"
    assert compute.modifiers == ["exposed", "local"] and compute.result.name == "$r"
    assert remote.modifiers == ["server"]


def test_session_singleton_and_4d_parent():
    extends, ctor = parse("Class extends 4D:C1709.File\nsession singleton Class constructor\n").body
    assert extends.parent == ["4D", "File"]
    assert ctor.modifiers == ["session", "singleton"]


def test_orda_function_kinds_and_alias():
    body = parse(
        "Function event touched departureDate($event : Object)\n"
        "Function query fullName($event : Object) -> $result : Object\n"
        "Function orderBy age($event : Object) : Text\n"
        "exposed onHTTPGet Function getFile() : 4D.OutgoingMessage\n"
        "exposed Alias students courses.student\n"
    ).body
    event, query, order, http, alias = body
    assert (event.kind, event.name, event.attribute) == ("event", "touched", "departureDate")
    assert (query.kind, query.name) == ("query", "fullName")
    assert (order.kind, order.name) == ("orderBy", "age")
    assert http.modifiers == ["exposed", "onhttpget"] and http.result.type.name == "4D.OutgoingMessage"
    assert isinstance(alias, ast.AliasDecl) and (alias.name, alias.path) == ("students", ["courses", "student"])


def test_alias_is_still_a_name_elsewhere():
    assert isinstance(one("$alias:=1"), ast.Assign)
    assert one("alias(1)").expression.callee.name == "alias"


# -- errors -------------------------------------------------------------------------


def test_try_forms():
    assert isinstance(value("$r:=Try(1/0)"), ast.TryExpression)
    block = one("Try\n$a:=1\nCatch\n$e:=Last errors\nEnd try")
    assert isinstance(block, ast.TryBlock) and len(block.catch) == 1
    assert one('throw(1; "x")').expression.callee.name == "throw"


# -- arrays, pointers, tables ---------------------------------------------------------


def test_arrays_and_pointers():
    assert one("ARRAY TEXT($a; 10)").expression.callee.name == "ARRAY TEXT"
    two_d = one('$a{$i}{2}:="y"').target
    assert isinstance(two_d, ast.ArrayElement) and isinstance(two_d.target, ast.ArrayElement)
    assert isinstance(value("$p:=->$var"), ast.PointerTo)
    assert isinstance(one("$p->:=1").target, ast.Dereference)
    elem = one("$p->{2}:=3").target
    assert isinstance(elem, ast.ArrayElement) and isinstance(elem.target, ast.Dereference)
    assert isinstance(one("${$i}:=4").target, ast.DynamicParam)


def test_tables_and_fields_with_spaces():
    field = value("$x:=[Invoice Lines]Unit Price{3}")
    assert isinstance(field, ast.ArrayElement)
    assert (field.target.table, field.target.field) == ("Invoice Lines", "Unit Price")
    table = one("READ WRITE([Invoice Lines])").expression.args[0]
    assert isinstance(table, ast.TableRef) and table.table == "Invoice Lines"
    assert isinstance(value("$p:=->[People]Last Name").target, ast.FieldRef)


# -- operators -------------------------------------------------------------------------


@pytest.mark.parametrize("op", ["%", "\\", "^", "?+", "?-", "??", "<<", ">>", "^|", "&", "|"])
def test_binary_operators(op):
    node = value(f"$x:=$a {op} 3")
    assert isinstance(node, ast.Binary) and node.op == op


def test_bit_operator_after_a_number_and_ternary_with_sign():
    assert value("$x:=0?+1").op == "?+"
    t = value("$x:=$c ? -1 : 1")
    assert isinstance(t, ast.Ternary) and isinstance(t.if_true, ast.Unary)


@pytest.mark.parametrize("op", ["+=", "-=", "*=", "/="])
def test_compound_assignment(op):
    assert one(f"$x{op}2").op == op


def test_char_index_read_and_write():
    assert isinstance(value("$c:=$t[[1]]"), ast.CharIndex)
    assert isinstance(one('$t[[2]]:="a"').target, ast.CharIndex)


def test_operator_arguments():
    call = one("SORT ARRAY($a; $b; >)").expression
    assert isinstance(call.args[2], ast.OperatorArg) and call.args[2].op == ">"
    query = one('QUERY([T]; &; [T]F="x"; *)').expression
    assert query.args[1].op == "&" and isinstance(query.args[3], ast.Star)


def test_assignment_as_argument_and_computed_call():
    arg = one("$f:=Formula(This.total:=This.price*2)").value.args[0]
    assert isinstance(arg, ast.Assign) and arg.op == ":="
    assert one("APPLY TO SELECTION([T]; [T]F*=2)").expression.args[1].op == "*="
    call = one('$o["message"](1; 2)').expression
    assert isinstance(call, ast.IndexCall) and len(call.args) == 2


# -- declarations -------------------------------------------------------------------------


def test_declare_forms():
    variadic = one("#DECLARE($a : Text; ... : Integer) -> $r : Text")
    assert [p.name for p in variadic.params] == ["$a", "..."] and variadic.params[1].type.name == "Integer"
    assert one("#DECLARE -> $r : Integer").result.name == "$r"
    assert one("#DECLARE : Integer").result.type.name == "Integer"


def test_var_initializers():
    assert value("var $v : Integer:=5").value == 5.0
    assert value("var $w:=5").value == 5.0
    assert isinstance(value("var $o : Object:={a: 1}"), ast.ObjectLiteral)


def test_sql_block_is_kept_raw():
    sql = one("Begin SQL\nSELECT * FROM t INTO :$a;\nEnd SQL")
    assert isinstance(sql, ast.SQLBlock) and "INTO :$a" in sql.text


def test_compiler_directive_is_a_command_call():
    assert one("C_TEXT($a; $b)").expression.callee.name == "C_TEXT"


# -- names ---------------------------------------------------------------------------------


def test_non_ascii_identifiers():
    assert one("$ƒ:=1.5").target.name == "$ƒ"
    assert one("vÉté:=1").target.name == "vÉté"


def test_unknown_multiword_names_are_one_name():
    assert value("$x:=MyMethod with spaces(1)").callee.name == "MyMethod with spaces"
    assert one("WP SET TEXT($area; $t; wk append)").expression.callee.name == "WP SET TEXT"


def test_keyword_prefixed_commands():
    assert one('USE NAMED SELECTION("x")').expression.callee.name == "USE NAMED SELECTION"
    assert isinstance(one("Use (Storage)\nEnd use"), ast.Use)


def test_tokenized_names_everywhere():
    assert value('$f:=4D:C1709.File.new("x")').target.target.number == 1709
    assert value("$p:=cs:C1710.Person.new()").target.target.number == 1710
    assert value("$x:=This:C1470.name").target.number == 1470
    konst = value("$x:=Is real:K8:1")
    assert (konst.name, konst.constant_token) == ("Is real", "K8:1")


def test_constants_with_spaces_and_degree_sign():
    arg = one('OBJECT SET TEXT ORIENTATION(*; "v"; Orientation 90° left)').expression.args[2]
    assert arg.name == "Orientation 90° left"


def test_interprocess_spellings():
    assert one("<>x:=1").target.name == "x"
    assert one("◊x:=1").target.name == "x"


def test_legacy_lexemes():
    assert value("$t:=†00:00:30†").value.seconds == 30
    assert len(parse("$a:=1 ` old-style comment\n").body) == 1
    assert value("$d:=!30/01/2010!").value.iso() == "2010-01-30"
