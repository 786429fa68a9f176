"""Syntax errors say where (line, column, the quoted line) and what was expected, in 4D words."""

from __future__ import annotations

import random
import time

import pytest

from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.lexer import LexOptions
from fourd.syntax.parser import parse


def error_of(src: str) -> FourDSyntaxError:
    with pytest.raises(FourDSyntaxError) as info:
        parse(src, "m.4dm")
    return info.value


def test_unclosed_parenthesis_names_its_column():
    err = error_of("$a:=f(1;(2+3)\n$b:=1")
    assert (err.line, err.column) == (1, 14)
    assert "')' to close the '(' of column 6" in err.message


def test_unclosed_bracket_on_a_continued_line_names_its_line():
    err = error_of("$a:=f(1;\\\n2")
    assert "line 1, column 6" in err.message


def test_stray_block_end():
    assert error_of("$a:=1\nEnd if").message == "'End if' without a matching 'If'"


def test_unclosed_block_names_opener_and_line():
    err = error_of("$x:=0\nWhile ($x<3)\n$x:=$x+1\n")
    assert "'End while' to close 'While' of line 2" in err.message


def test_wrong_block_end_inside_a_block():
    err = error_of("Repeat\n$x:=1\nEnd while")
    assert "'Until' to close 'Repeat' of line 1" in err.message


def test_two_statements_on_one_line():
    err = error_of('If (OK=1) $o.host:="x"\nEnd if')
    assert err.message == "unexpected '$o'; expected an operator or end of line"


def test_expected_lists_only_what_fits_here():
    # Closers of other constructs, which LALR state merging would list, are left out.
    assert error_of("$x:=f(1;[2;3)").message == "unexpected ')'; expected ']' or ';'"
    assert error_of("Case of\n$x:=1\nEnd case").message == "unexpected '$x'; expected ':', 'Else' or 'End case'"


def test_missing_colon_in_declaration():
    err = error_of("#DECLARE($id Text)")
    assert err.column == 14 and "':' between the parameter name and its type" in err.message


def test_format_quotes_the_line_and_points_at_the_column():
    text = error_of("$a:=(1+2\n").format()
    assert text.splitlines() == [
        "m.4dm:1:9: error: unexpected end of line; expected ')' to close the '(' of column 5",
        "    $a:=(1+2",
        "            ^",
    ]


def test_builder_errors_carry_path_and_line():
    err = error_of("$a:=1\n3:=4")
    assert (err.path, err.line) == ("m.4dm", 2) and err.source_line == "3:=4"


# -- robustness: mutated 4D text ends in an AST or a syntax error, in linear time -------------

_SEED_CODE = """\
Class extends Entity
property a; b : Text:="x"
Function get full($p : Integer) -> $r : Text
var $o : Object:={a: [1; 2]; b: "s"}
For each ($x; $o.a; 0) Until ($x>1)
    Case of
        : ($x%2=0) & ($y?+1>0)
            $t[[1]]:=Char(65)
        Else
            $p->{2}:=[Table 1]Field 2{3}
    End case
End for each
$r:=Try(JSON Parse("{}")) ? "a" : "b"
Begin SQL
SELECT 1;
End SQL
"""
_ATOMS = [
    "...",
    "…",
    "->",
    "*|",
    '"a\\\n',
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "[[",
    "]]",
    ";",
    ":",
    ":=",
    "->",
    '"',
    "!",
    "?",
    "$",
    "<>",
    "\n",
    " ",
    "If",
    "End if",
    "Else",
    "For each",
    "End for",
    "Case of",
    ":(",
    "Function",
    "property",
    "var",
    "...",
    "#DECLARE",
    "//",
    "/*",
    "*/",
    "\\\n",
    "Begin SQL",
    "`",
    "†",
    "◊",
    "°",
    "0x",
    "1e",
    ".",
    "@",
    "%",
]


def _mutations(rng: random.Random, count: int):
    for _ in range(count):
        text = list(_SEED_CODE)
        for _ in range(rng.randint(1, 6)):
            pos = rng.randrange(len(text) + 1)
            action = rng.random()
            if action < 0.4:
                text.insert(pos, rng.choice(_ATOMS))
            elif action < 0.8 and text:
                del text[pos % len(text) : pos % len(text) + rng.randint(1, 8)]
            else:
                text.insert(pos, chr(rng.randint(1, 0x2FF)))
        yield "".join(text)


@pytest.mark.parametrize("markdown", [False, True], ids=["4dm", "markdown"])
def test_mutated_code_never_escapes_as_another_exception(markdown):
    # Markdown reads `...` and `…` as left-out code: the mutations insert both.
    rng = random.Random(4)
    options = LexOptions(elisions=markdown)
    for src in _mutations(rng, 400):
        try:
            parse(src, "fuzz.md" if markdown else "fuzz.4dm", options)
        except FourDSyntaxError as err:
            assert err.line >= 1 and err.message
        # any other exception fails the test, with the source in the traceback


def test_parse_time_grows_linearly():
    unit = _SEED_CODE.split("Function get", 1)[0].replace("Class extends Entity\n", "") + _SEED_CODE.split("\n", 3)[3]
    small, large = unit * 20, unit * 160
    parse(small)

    def cost(src: str) -> float:
        start = time.process_time()
        parse(src)
        return time.process_time() - start

    ratio = min(cost(large) for _ in range(2)) / max(min(cost(small) for _ in range(2)), 1e-4)
    assert ratio < 8 * 2.5, f"8x the code took {ratio:.1f}x the time"


def test_a_digit_of_another_script_never_crashes():
    # `¹` is a digit for str.isdigit() but not for the number syntax: it reads as a name
    # (what \w takes), whether it starts the token or not.
    assert parse("$a:=¹\n").body[0].value.name == "¹"
    assert parse("$a:=x¹\n").body[0].value.name == "x¹"
    with pytest.raises(FourDSyntaxError, match="unexpected"):
        parse("$a:=1¹\n")
