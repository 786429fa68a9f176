"""`fourd check` reads unchanged units back from the parse cache instead of parsing them again."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import fourd.syntax.cache as cache_module
from fourd.syntax.cache import AstCache
from fourd.tools.check import check_paths


@pytest.fixture
def parse_calls(monkeypatch):
    """Count the real parses the cache asks for."""
    calls: list[str] = []
    real = cache_module.parse

    def counting(source, path, options=None):
        calls.append(path)
        return real(source, path, options)

    monkeypatch.setattr(cache_module, "parse", counting)
    return calls


def _project(tmp_path):
    methods = tmp_path / "Project" / "Sources" / "Methods"
    methods.mkdir(parents=True)
    for i in range(5):
        (methods / f"Method {i}.4dm").write_text(f"$x:=Method {(i + 1) % 5}\nIf ($x>{i})\n\treturn $x\nEnd if\n")
    (methods / "Broken.4dm").write_text("If (True)\n$a:=1\n")
    (tmp_path / "page.md").write_text("# Page\n\n```4d\n$a:=1\n```\n\ntext\n\n```4d\n$b:=(2\n```\n")
    return tmp_path


def _summary(result):
    return result.units, [(e.path, e.line, e.column, e.message) for e in result.errors]


def test_second_check_parses_nothing_and_reports_the_same(tmp_path, parse_calls):
    folder = _project(tmp_path / "p")
    first = check_paths([folder], cache=AstCache(tmp_path / "cache"))
    assert len(parse_calls) == 8  # 6 methods and 2 Markdown blocks
    assert sorted(e.line for e in first.errors) == [2, 10]

    parse_calls.clear()
    cache = AstCache(tmp_path / "cache")
    second = check_paths([folder], cache=cache)
    assert parse_calls == []
    assert (cache.parsed, cache.hits) == (0, 8)
    assert _summary(second) == _summary(first)


def test_an_edited_file_alone_is_parsed_again(tmp_path, parse_calls):
    folder = _project(tmp_path / "p")
    check_paths([folder], cache=AstCache(tmp_path / "cache"))
    edited = folder / "Project" / "Sources" / "Methods" / "Broken.4dm"
    edited.write_text("If (True)\n$a:=1\nEnd if\n")
    parse_calls.clear()
    result = check_paths([folder], cache=AstCache(tmp_path / "cache"))
    assert parse_calls == [str(edited)]
    assert [e.line for e in result.errors] == [10]  # only the Markdown block is still wrong


def test_a_new_method_name_invalidates_the_files_that_could_call_it(tmp_path, parse_calls):
    # The lexer joins words into a known method name, so adding a method changes how
    # `Do it now` splits: every .4dm of the folder must be read again.
    methods = tmp_path / "Project" / "Sources" / "Methods"
    methods.mkdir(parents=True)
    (methods / "Caller.4dm").write_text("Do it now\n")
    check_paths([tmp_path / "Project"], cache=AstCache(tmp_path / "cache"))
    (methods / "Do it now.4dm").write_text("return 1\n")
    parse_calls.clear()
    check_paths([tmp_path / "Project"], cache=AstCache(tmp_path / "cache"))
    assert sorted(p.rsplit("/", 1)[-1] for p in parse_calls) == ["Caller.4dm", "Do it now.4dm"]


def test_a_check_hit_never_decodes_the_syntax_tree(tmp_path, monkeypatch, parse_calls):
    folder = _project(tmp_path / "p")
    check_paths([folder], cache=AstCache(tmp_path / "cache"))
    decoded: list[int] = []
    real_loads = pickle.loads
    monkeypatch.setattr(cache_module.pickle, "loads", lambda data: decoded.append(1) or real_loads(data))
    check_paths([folder], cache=AstCache(tmp_path / "cache"))
    assert decoded == []


def test_run_and_check_share_entries(tmp_path, parse_calls):
    from fourd.syntax.lexer import LexOptions

    options = LexOptions()
    cache = AstCache(tmp_path)
    assert cache.check(["return 1\n"], "m.4dm", options) == [None]
    module = AstCache(tmp_path).parse("return 1\n", "m.4dm", options)
    assert len(parse_calls) == 1 and module.body[0].value.value == 1.0
    with pytest.raises(Exception) as info:
        AstCache(tmp_path).parse("If (True)\n", "bad.4dm", options)
    with pytest.raises(type(info.value)) as again:
        AstCache(tmp_path).parse("If (True)\n", "bad.4dm", options)
    assert str(again.value) == str(info.value) and len(parse_calls) == 2  # the error came from the cache


def test_the_command_line_reuses_entries(tmp_path):
    # A hit never rewrites its entry, so unchanged entry files prove nothing was parsed again.
    method = tmp_path / "src" / "Main.4dm"
    method.parent.mkdir()
    method.write_text("If (True)\n\treturn 6*7\nEnd if\n")
    env = dict(os.environ, FOURD_CACHE_DIR=str(tmp_path / "cache"))
    root = Path(__file__).resolve().parents[2]

    def fourd(*args):
        return subprocess.run([sys.executable, "-m", "fourd", *args], env=env, cwd=root, capture_output=True, text=True)

    assert fourd("run", str(method)).stdout.strip() == "42"
    assert fourd("check", str(method.parent)).returncode == 0
    entries = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache" / "ast" / "files").glob("*.pickle")}
    assert len(entries) == 1  # run and check read the file with the same names: one shared entry
    assert fourd("run", str(method)).stdout.strip() == "42"
    assert fourd("check", str(method.parent)).returncode == 0
    assert {p: p.stat().st_mtime_ns for p in entries} == entries
