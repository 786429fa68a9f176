"""The parser's fast paths never change a result: they are checked against the plain ones."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

import fourd.syntax.lexer as lexer_module
from fourd.syntax.builder import AstBuilder
from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.lalr import Driver, ParseError, build_tables, grammar_text
from fourd.syntax.lexer import LexOptions, scan
from fourd.syntax.parser import driver, parse

ROOT = Path(__file__).resolve().parents[2]


def _corpus() -> list[str]:
    """Every .4dm file of the repository, the benchmark's generated source, and some tricky lines."""
    texts = [p.read_text(encoding="utf-8-sig", errors="replace") for p in sorted(ROOT.glob("**/*.4dm"))]
    bench = (ROOT / "scripts" / "bench_parse.py").read_text(encoding="utf-8")
    template = re.search(r'_TEMPLATE = """\\\n(.*?)"""', bench, re.S).group(1)
    texts.append("".join(template.format(n=i) for i in range(3)))
    texts.append(
        'If (a)\n$x:=vPtr->name+$p->["k"]\nEnd if\n$t:=$s[[1]]+[Table 1]Field 2\nFor each ($e; $c) Until ($e.end)\n'
        'End for each\n$b:=$a ?+ 3\n$c:=(x>1) ? -1 : +2\nUSE NAMED SELECTION([T]; "s")\n$d:=!2024-01-02!+?01:02:03?\n'
        '$s:="a\\\n b"\nBegin SQL\nSELECT 1\nEnd SQL\n/* c\n*/ $z:=Length:C16("x")+Is real:K8:1\n'
    )
    return texts


def _outcome(fn, text: str):
    try:
        return repr(fn(text))
    except FourDSyntaxError as exc:
        return "error: " + exc.format()


def test_chains_of_unit_reductions_change_no_tree():
    plain = Driver(build_tables(grammar_text(), chains=False), AstBuilder())
    assert plain.tables.chains == [] and driver().tables.chains
    for text in _corpus():
        tokens = scan(text)
        try:
            expected = repr(plain.parse(tokens))
        except ParseError as exc:
            expected = f"error at {exc.token}: {sorted(exc.expected)}"
        try:
            got = repr(driver().parse(tokens))
        except ParseError as exc:
            got = f"error at {exc.token}: {sorted(exc.expected)}"
        assert got == expected


@pytest.mark.parametrize("elisions", [False, True])
def test_the_lexer_fast_path_agrees_with_the_slow_one(monkeypatch, elisions):
    options = LexOptions(elisions=elisions)
    texts = _corpus()
    fast = [_outcome(lambda t: scan(t, "x", options), t) for t in texts]
    monkeypatch.setattr(lexer_module, "_FAST_RE", re.compile(r"(?!)"))  # never matches: all slow
    slow = [_outcome(lambda t: scan(t, "x", options), t) for t in texts]
    assert fast == slow


def test_mutated_lines_parse_the_same_either_way(monkeypatch):
    # Cut each corpus line short: the two lexers must agree on broken code too.
    lines = [line[: len(line) // 2] for text in _corpus() for line in text.splitlines() if line.strip()]
    fast = [_outcome(lambda t: parse(t), line) for line in lines]
    monkeypatch.setattr(lexer_module, "_FAST_RE", re.compile(r"(?!)"))
    slow = [_outcome(lambda t: parse(t), line) for line in lines]
    assert fast == slow


def test_randomly_mutated_sources_lex_the_same_either_way(monkeypatch):
    rng = random.Random(7)
    atoms = ["...", "…", "->", "*|", '"a\\\n', "[[", "]]", "[", "]", "?", "#", "\\", "End if", ":", "$", "¹", "\n"]
    seeds = _corpus()
    sources = []
    for _ in range(300):
        text = list(rng.choice(seeds)[:600])
        for _ in range(rng.randint(1, 6)):
            pos = rng.randrange(len(text) + 1)
            if rng.random() < 0.5:
                text.insert(pos, rng.choice(atoms))
            else:
                del text[pos : pos + rng.randint(1, 6)]
        sources.append("".join(text))
    for elisions in (False, True):
        options = LexOptions(elisions=elisions)
        fast = [_outcome(lambda t, o=options: scan(t, "x", o), s) for s in sources]
        monkeypatch.setattr(lexer_module, "_FAST_RE", re.compile(r"(?!)"))
        slow = [_outcome(lambda t, o=options: scan(t, "x", o), s) for s in sources]
        monkeypatch.undo()
        assert fast == slow


def test_remembered_names_never_leak_between_projects():
    # The lexer remembers the longest known name of a run of words only when the project adds no
    # names: a project method named like a keyword followed by words must still win in its project.
    from fourd.syntax.names import build_prefix_table

    plain = [t[:2] for t in scan("Use my thing\n")]
    project = LexOptions(extra_names=build_prefix_table(["Use my thing"]))
    assert plain[0] == ("USE", "Use")
    assert [t[:2] for t in scan("Use my thing\n", "x", project)][0] == ("NAME", "Use my thing")
    assert [t[:2] for t in scan("Use my thing\n")] == plain


def test_a_missing_action_is_a_syntax_error_not_a_key_error():
    with pytest.raises(ParseError) as info:
        driver().parse(scan("$x:=(1;2)\n"))
    assert info.value.token[1] == ";"
    with pytest.raises(FourDSyntaxError, match="expected"):
        parse("$x:=(1;2)\n")


def test_a_key_error_inside_a_builder_is_not_taken_for_a_syntax_error():
    from fourd.syntax.lalr import load_tables

    class Broken(AstBuilder):
        def binary(self, c):
            raise KeyError("bug")

    with pytest.raises(KeyError, match="bug"):
        Driver(load_tables(), Broken()).parse(scan("$x:=1+2\n"))


def test_compact_tokens_are_the_full_ones_less_the_places_of_punctuation():
    for text in _corpus():
        full = scan(text)
        compact = scan(text, compact=True)
        # (kind, text) for such punctuation, (kind, text, line, column) from the fast path, the
        # full (kind, text, line, column, start, end) from the slow one.
        assert [t[:2] for t in compact] == [t[:2] for t in full]
        assert all(c == f[: len(c)] for c, f in zip(compact, full, strict=True))
        assert {len(c) for c in compact} <= {2, 4, 6} and {len(f) for f in full} == {6}


def test_a_syntax_error_on_compact_punctuation_still_has_its_place():
    # The `;` is a shared compact token for the parser: the error finds its place by index.
    with pytest.raises(FourDSyntaxError) as info:
        parse("$a:=1\n$x:=(1;2)\n")
    assert (info.value.line, info.value.column) == (2, 7)
    assert "unexpected ';'; expected ')'" in str(info.value)
