"""PROCESS 4D TAGS (commands/process-4d-tags.md, Tags/transformation-tags.md)."""

from __future__ import annotations

import pytest


def process(run, template: str, *params: str) -> str:
    extra = "".join(f";{p}" for p in params)
    return run(f"PROCESS 4D TAGS($1;$out{extra})\nreturn $out", template)


def test_array_pointer_loop(run):
    # process-4d-tags.md example 2 ("elements = hello world"; the tags page shows the trailing space)
    code = """ARRAY TEXT($array; 2)
$array{1}:="hello"
$array{2}:="world"
$input:="<!--#4DEVAL $1-->"
$input:=$input+"<!--#4DLOOP $2-->"
$input:=$input+"<!--#4DEVAL $2->{$2->}--> "
$input:=$input+"<!--#4DENDLOOP-->"
PROCESS 4D TAGS($input; $output; "elements = "; ->$array)
return $output"""
    assert run(code) == "elements = hello world "


def test_4deval_assignment_then_calculation(run):
    # transformation-tags.md 4DEVAL: //$output = "43"
    assert process(run, "<!--#4DEVAL a:=42--><!--#4DEVAL a+1-->") == "43"


def test_4dtext_escapes_4dhtml_does_not(run):
    # the 4DHTML table: myvar:="<B>" gives &lt;B&gt; with 4DTEXT and <B> with 4DHTML
    run('myvar:="<B>"')
    assert process(run, "<!--#4DTEXT myvar-->") == "&lt;B&gt;"
    assert process(run, "<!--#4DHTML myvar-->") == "<B>"


def test_injection_examples(run):
    # transformation-tags.md examples 2 and 3.  Example 2 shows the output as
    # "My name is: <!--#4DHTML QUIT 4D-->"; but 4DTEXT escapes "<" and ">" (the 4DHTML table),
    # so fourd gives the escaped text: the point of the example (nothing runs) holds.
    run('myName:="<!--#4DHTML QUIT 4D-->"')
    assert process(run, "My name is: <!--#4DTEXT myName-->") == "My name is: &lt;!--#4DHTML QUIT 4D--&gt;"
    run('myName:="$4DEVAL(QUIT 4D)"')
    assert process(run, "My name is: <!--#4DTEXT myName-->") == "My name is: $4DEVAL(QUIT 4D)"


def test_4dhtml_results_are_processed_again(run):
    run('inner:="<!--#4DEVAL 1+1-->"')
    assert process(run, "[<!--#4DHTML inner-->]") == "[2]"
    run('dollar:="$4DEVAL(1+1)"')
    assert process(run, "[<!--#4DHTML dollar-->]") == "[$4DEVAL(1+1)]"  # $ forms are never re-run


def test_dollar_syntax_with_quotes_and_parentheses(run):
    # transformation-tags.md: -->output is 1"(hello)"
    template = '$4DEVAL( String(1)+"\\"(hello)\\"")'
    assert process(run, template) == '1"(hello)"'


def test_loop_on_expression(run):
    # transformation-tags.md 4DLOOP expression: 0 1 2 3
    template = "<!--#4DEVAL $i:=0--><!--#4DLOOP ($i<4)--><!--#4DEVAL $i-->\n<!--#4DEVAL $i:=$i+1--><!--#4DENDLOOP-->"
    assert process(run, template) == "0\n1\n2\n3\n"


def test_loop_on_array_and_method(run, tmp_path):
    (tmp_path / "my_method.4dm").write_text(
        "#DECLARE($n : Integer) : Boolean\nIf($n>0)\n    vCount:=$n\nEnd if\nreturn $n<4\n", encoding="utf-8"
    )
    run.runtime.methods.add_folder(tmp_path)
    assert process(run, "<!--#4DLOOP my_method--><!--#4DTEXT vCount-->,<!--#4DENDLOOP-->") == "1,2,3,"
    run('ARRAY TEXT(arr_names;2)\narr_names{1}:="a"\narr_names{2}:="b"')
    assert process(run, "<!--#4DLOOP arr_names--><!--#4DTEXT arr_names{arr_names}--><!--#4DENDLOOP-->") == "ab"
    assert process(run, "<!--#4DLOOP [People]-->x<!--#4DENDLOOP-->") == "<!--#4DLOOP [People]-->: Incorrect table name"


def test_if_elseif_else(run):
    template = "<!--#4DIF ($1=1)-->one<!--#4DELSEIF ($1=2)-->two<!--#4DELSE-->many<!--#4DENDIF-->"
    for value, expected in ((1, "one"), (2, "two"), (5, "many")):
        assert run(f"PROCESS 4D TAGS($1;$out;{value})\nreturn $out", template) == expected
    assert process(run, "<!--#4DIF 3-->x<!--#4DENDIF-->") == "<!--#4DIF 3-->: A Boolean expression was expected"
    assert process(run, "<!--#4DIF True-->x") == "<!--#4DIF True-->: 4DENDIF expected"


def test_each_over_collection_and_object(run):
    template = "<!--#4DEACH $x in $1-->[<!--#4DTEXT $x-->]<!--#4DENDEACH-->"
    assert process(run, template, "[1;2;3]") == "[1][2][3]"
    template = "<!--#4DEACH $key in $1--><!--#4DTEXT $key-->=<!--#4DTEXT $1[$key]-->;<!--#4DENDEACH-->"
    assert process(run, template, "{Mary: 10; Ann: 20}") == "Mary=10;Ann=20;"


def test_4dcode_shares_locals(run):
    template = "<!--#4DCODE\n$total:=0\nFor($i;1;4)\n$total:=$total+$i\nEnd for\n-->Total: <!--#4DTEXT $total-->"
    assert process(run, template) == "Total: 10"


def test_errors_are_inserted_not_raised(run):
    assert process(run, "a<!--#4DTEXT 1\\0-->b") == "a<!--#4DTEXT 1\\0--> : ## error # -10607b"
    assert process(run, "<!--#4DEVAL 1\\0-->") == "<!--#4DEVAL 1\\0-->: ## error # -10607"


def test_4dscript(run, tmp_path):
    (tmp_path / "MYMETH.4dm").write_text('#DECLARE($p : Text) : Text\nreturn "got "+$p\n', encoding="utf-8")
    run.runtime.methods.add_folder(tmp_path)
    assert process(run, "Today is <!--#4DSCRIPT/MYMETH/MYPARAM-->") == "Today is got /MYPARAM"


def test_4dinclude_and_4dbase(run, tmp_path):
    run.runtime.sandbox_root = tmp_path
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "part.html").write_text("<html><body>[<!--#4DEVAL 2*3-->]</body></html>", encoding="utf-8")
    assert process(run, "<!--#4DINCLUDE sub/part.html-->") == "[6]"
    assert process(run, "<!--#4DBASE sub/--><!--#4DINCLUDE part.html-->") == "[6]"
    assert process(run, "<!--#4DINCLUDE nope.html-->") == "<!--#4DINCLUDE nope.html--> :The document cannot be opened"


@pytest.mark.parametrize("template", ["", "plain text", "<!-- a normal comment -->"])
def test_text_without_tags_is_unchanged(run, template):
    assert process(run, template) == template
