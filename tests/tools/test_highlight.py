"""The Pygments lexer, through Pygments' own API: token streams over the examples and tricky lines."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest

pygments = pytest.importorskip("pygments", reason="Pygments (the repl extra) is not installed")
from pygments import highlight  # noqa: E402
from pygments.formatters import HtmlFormatter  # noqa: E402
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename  # noqa: E402
from pygments.token import Comment, Error, Keyword, Literal, Name, Number, String  # noqa: E402

from fourd.tools.highlight import FourDLexer  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.4dm"))
METHODS = [p.stem for p in EXAMPLES]


def tokens(code: str, **options) -> list[tuple[object, str]]:
    return list(FourDLexer(**options).get_tokens(code))


def kind_of(code: str, text: str, **options) -> object:
    """The token type of the first token whose text is ``text``."""
    for kind, value in tokens(code, **options):
        if value == text:
            return kind
    raise AssertionError(f"no token {text!r} in {tokens(code, **options)}")


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_highlight_losslessly_without_errors(path):
    code = path.read_text(encoding="utf-8")
    stream = tokens(code, methods=METHODS)
    assert "".join(value for _, value in stream) == code  # every character once, in order
    assert not [value for kind, value in stream if kind is Error]
    kinds = {kind for kind, _ in stream}
    assert Keyword in kinds or Keyword.Declaration in kinds
    assert Name.Variable in kinds and Comment.Single in kinds


def test_session_demo_names():
    code = (ROOT / "examples" / "session_demo.4dm").read_text(encoding="utf-8")
    stream = [(k, v) for k, v in tokens(code, methods=METHODS) if v.strip()]
    # Multi-word names are single tokens, found by longest match in the tables.
    assert (Name.Builtin, "Session storage") in stream
    assert (Name.Builtin, "JSON Stringify") in stream
    assert (Name.Builtin, "Process activity") in stream
    assert (Name.Constant, "Sessions only") in stream
    assert (Name.Function, "Set session setting") in stream  # a project method given by option
    assert (Keyword.Type, "Text") in stream and (Keyword.Declaration, "#DECLARE") in stream


def test_unknown_words_in_a_row_are_one_name_but_not_a_command():
    # The lexer reads a run of unknown words as one name (a method with spaces); without the
    # method list the highlighter cannot call it a command.
    stream = tokens("Set session setting($id; 1)")
    assert "Set session setting" in [v for _, v in stream]
    assert kind_of("Set session setting($id; 1)", "Set session setting") is not Name.Builtin


def test_keywords_with_spaces_and_any_case():
    code = "For each ($x; $c)\n\tCase of\n\t\t: ($x=1)\n\tEnd case\nend   FOR each\n"
    assert kind_of(code, "For each") is Keyword
    assert kind_of(code, "Case of") is Keyword
    assert kind_of(code, "End case") is Keyword
    assert kind_of(code, "end   FOR each") is Keyword


def test_tokenized_names():
    code = "$n:=Length:C16($t)+Is real:K8:1"
    assert kind_of(code, "Length:C16") is Name.Builtin
    assert kind_of(code, "Is real:K8:1") is Name.Constant


def test_literals_and_variables():
    code = '$d:=!2024-01-15!\n$h:=?12:30:00?\n<>count:=0x1F+1.5e3\n$s:="say \\"hi\\"\\n"\n$v:=True\n'
    assert kind_of(code, "!2024-01-15!") is Literal.Date
    assert kind_of(code, "?12:30:00?") is Literal.Date
    assert kind_of(code, "<>count") is Name.Variable.Global
    assert kind_of(code, "$d") is Name.Variable
    assert kind_of(code, "0x1F") is Number.Hex
    assert kind_of(code, "1.5e3") is Number.Float
    assert kind_of(code, '\\"') is String.Escape
    assert kind_of(code, "\\n") is String.Escape
    assert kind_of(code, "True") is Keyword.Constant


def test_comments():
    code = "$a:=1  // the end\n/* one\ntwo */ $b:=2\n"
    assert kind_of(code, "// the end") is Comment.Single
    assert kind_of(code, "/* one\ntwo */") is Comment.Multiline
    assert kind_of(code, "$b") is Name.Variable


def test_properties_and_member_calls():
    code = "$c.push($o.name)"
    assert kind_of(code, "push") is Name.Function
    assert kind_of(code, "name") is Name.Attribute


def test_class_files():
    code = "Class extends Person\nproperty name : Text\nshared Function get full() -> $n : Text\n\t$n:=This.name\n"
    assert kind_of(code, "Class extends") is Keyword.Declaration
    assert kind_of(code, "Person") is Name.Class
    assert kind_of(code, "shared") is Keyword.Declaration and kind_of(code, "get") is Keyword.Declaration
    assert kind_of(code, "full") is Name.Function
    assert kind_of(code, "This") is Name.Builtin.Pseudo


def test_a_bad_line_is_marked_and_the_rest_still_highlighted():
    code = '$a:=1\n$b:="never closed\n$c:=3\n'
    stream = tokens(code)
    assert "".join(v for _, v in stream) == code
    assert (Error, '$b:="never closed') in stream
    assert kind_of(code, "$c") is Name.Variable


def test_html_through_pygments_highlight():
    html = highlight((ROOT / "examples" / "fizzbuzz.4dm").read_text(encoding="utf-8"), FourDLexer(), HtmlFormatter())
    assert '<span class="k">For</span>' in html and '<span class="nv">$limit</span>' in html


_REGISTERED = any(ep.name == "fourd" for ep in entry_points(group="pygments.lexers"))


@pytest.mark.skipif(not _REGISTERED, reason="fourd is not installed (pip install -e .): no entry point to find")
def test_entry_point_registers_the_4d_alias():
    assert isinstance(get_lexer_by_name("4d"), FourDLexer)
    assert isinstance(get_lexer_for_filename("Method.4dm"), FourDLexer)
    proc = subprocess.run(
        [sys.executable, "-m", "pygments", "-l", "4d", "-f", "html", str(ROOT / "examples" / "fizzbuzz.4dm")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0 and '<span class="k">Case of</span>' in proc.stdout
