"""Start-up work fourd avoids (benchmarks/NOTES.md): each test runs a fresh interpreter, since what
matters is what a new process imports and loads."""

from __future__ import annotations

import csv
import inspect
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_second_run_of_a_file_needs_no_parser(tmp_path):
    method = tmp_path / "Hello.4dm"
    method.write_text('ALERT("hi")\n$t:=Uppercase("a")\n', encoding="utf-8")
    env = {"FOURD_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import sys\nfrom fourd import cli\n"
        f"code = cli.main(['run', {str(method)!r}])\n"
        "print(code, 'lark' in sys.modules, 'fourd.syntax.parser' in sys.modules)"
    )
    assert _python(code, env).splitlines()[-1] == "0 True True"  # first run parses (and fills the cache)
    assert _python(code, env).splitlines() == ["hi", "0 False False"]  # second run: trees from the cache


def test_run_parses_again_without_the_cache(tmp_path):
    method = tmp_path / "Hello.4dm"
    method.write_text('ALERT("hi")\n', encoding="utf-8")
    code = f"import sys\nfrom fourd import cli\ncli.main(['run', {str(method)!r}])\nprint('lark' in sys.modules)"
    env = {"FOURD_CACHE_DIR": str(tmp_path / "cache"), "FOURD_NO_CACHE": "1"}
    _python(code, env)
    assert _python(code, env).splitlines()[-1] == "True"


def test_collection_members_work_before_any_command_is_called():
    # The member functions register with the command modules: a method calling none must still find them.
    code = (
        "import io\nfrom fourd.runtime.interpreter import Runtime\n"
        "print(Runtime(stdout=io.StringIO()).run_source('var $c : Collection:=[]\\n$c.push(1; 2)\\nreturn $c.length'))"
    )
    assert _python(code) == "2.0"


def test_command_module_index_is_up_to_date():
    result = subprocess.run(
        [sys.executable, "scripts/gen_command_index.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_a_run_imports_only_the_command_modules_it_uses():
    code = (
        "import sys\nfrom fourd import cli\ncli.main(['run', '-e', 'ALERT(Uppercase(\"a\"))'])\n"
        "print(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('fourd.commands.')))"
    )
    out = _python(code).splitlines()
    assert out[0] == "A"
    loaded = eval(out[-1])  # a list literal of module names
    assert {"interface", "strings"} <= set(loaded)
    assert "xml_dom" not in loaded and "http" not in loaded


# Commands, collection members and built-in classes that live in different modules, a headless-only
# command and an unimplemented one: a fresh process loading modules on demand must print what a
# process that loaded every module prints.
LAZY_PROGRAM = """
var $c : Collection:=[3; 1; 2]
$c.sort()
ALERT(JSON Stringify($c)+" "+Uppercase("ok"))
ALERT(OB Class(Session).name)
ALERT(String(OB Instance of(File("/PACKAGE/x.txt"); 4D.File)))
ALERT(String(OB Class(New signal).name))
ALERT(String(OB Class(4D.Vector.new([1; 2])).name)+" "+String(OB Keys(4D).indexOf("ZipArchive")>=0))
Try
	FORM GOTO PAGE(1)
Catch
	ALERT(Last errors[0].message)
End try
Try
	OPEN DATABASE("x")
Catch
	ALERT(Last errors[0].message)
End try
"""


def test_loading_on_demand_gives_what_loading_everything_gives(tmp_path):
    method = tmp_path / "Lazy.4dm"
    method.write_text(LAZY_PROGRAM, encoding="utf-8")
    run = f"from fourd import cli\ncli.main(['run', {str(method)!r}])\n"
    on_demand = _python(run)
    everything = _python("from fourd.commands import load_all\nload_all()\n" + run)
    assert on_demand == everything
    assert on_demand.splitlines() == [
        "[1,2,3] OK",
        "Session",
        "True",
        "Signal",
        "Vector True",
        "FORM GOTO PAGE (needs forms) is not available in headless mode",
        "OPEN DATABASE is not implemented in fourd yet",
    ]


def test_name_tables_read_as_csv_would():
    from fourd.syntax import names

    for name in ("commands.tsv", "constants.tsv"):
        text = resources.files("fourd.data").joinpath(name).read_text(encoding="utf-8")
        expected = list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
        assert names.read_table(name) == expected


def test_command_arity_matches_the_signature():
    from fourd.commands import registry

    def by_signature(fn):
        params = list(inspect.signature(fn).parameters.values())[1:]
        low, high = 0, 0
        for p in params:
            if p.kind is p.VAR_POSITIONAL:
                high = None
            elif p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
                low += p.default is p.empty
                high = None if high is None else high + 1
        return low, high

    commands = [c for c in registry.implemented().values() if c.fn is not None]
    assert len(commands) > 100
    for cmd in commands:
        assert (cmd.min_args, cmd.max_args) == by_signature(cmd.fn), cmd.name


def test_subcommand_help_still_lists_their_options():
    out = subprocess.run(
        [sys.executable, "-m", "fourd", "doctest", "--help"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert "--timeout" in out


def test_every_module_registering_a_builtin_class_is_listed():
    # The `4D` store imports these modules (classes.builtin_classes); one left out would be missing from it.
    from fourd.runtime import classes

    runtime = ROOT / "fourd" / "runtime"
    registering = {
        path.stem
        for path in runtime.glob("*.py")
        if path.stem != "classes" and "register_builtin_class(" in path.read_text(encoding="utf-8")
    }
    assert registering == set(classes._BUILTIN_CLASS_MODULES)
    assert not any(
        "register_builtin_class(" in p.read_text(encoding="utf-8") for p in (ROOT / "fourd" / "commands").glob("*.py")
    )
