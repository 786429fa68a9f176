"""Project folders: finding, indexing, lazy parsing with a cache, and the tool4d-style launch."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fourd.runtime.interpreter import Runtime
from fourd.runtime.project import (
    AstCache,
    ProjectError,
    compile_unit,
    find_project_file,
    load_project,
    open_project,
)
from fourd.syntax.lexer import tokenize
from fourd.tools import launch

ROOT = Path(__file__).resolve().parents[2]
INVENTORY = ROOT / "examples" / "Inventory"

CATALOG = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE base SYSTEM "http://www.4d.com/dtd/2007/base.dtd" >
<base name="Shop">
\t<table name="Customer" id="1"><field name="ID" type="4" id="1"/><field name="Name" type="10" id="2"/></table>
\t<table name="Order Line" id="2"><field name="Qty" type="4" id="1"/></table>
</base>
"""


def make_project(root: Path, methods: dict[str, str] | None = None, **parts: dict[str, str]) -> Path:
    """A project package under ``root``: methods, classes, database methods, extra files by relative path."""
    project = root / "Project"
    sources = project / "Sources"
    sources.mkdir(parents=True, exist_ok=True)
    (project / f"{root.name}.4DProject").write_text(parts.pop("project_json", {}).get("", "{}"), encoding="utf-8")
    for folder, files in (
        ("Methods", methods or {}),
        ("Classes", parts.pop("classes", {})),
        ("DatabaseMethods", parts.pop("db", {})),
    ):
        for name, text in files.items():
            (sources / folder).mkdir(exist_ok=True)
            (sources / folder / f"{name}.4dm").write_text(text, encoding="utf-8")
    for relative, text in parts.pop("files", {}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return project / f"{root.name}.4DProject"


def launch_main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = launch.main([*argv, "--no-cache"], out, err)
    return code, out.getvalue(), err.getvalue()


# -- finding and indexing ------------------------------------------------------------------


def test_find_project_file_from_file_project_folder_and_package(tmp_path):
    file = make_project(tmp_path / "Shop")
    assert find_project_file(file) == file
    assert find_project_file(file.parent) == file
    assert find_project_file(tmp_path / "Shop") == file


def test_find_project_file_errors_name_the_path(tmp_path):
    with pytest.raises(ProjectError, match="no .4DProject file"):
        find_project_file(tmp_path)
    (tmp_path / "a.4DProject").write_text("{}")
    (tmp_path / "b.4DProject").write_text("{}")
    with pytest.raises(ProjectError, match="more than one .4DProject file: a.4DProject, b.4DProject"):
        find_project_file(tmp_path)
    with pytest.raises(ProjectError) as info:
        find_project_file(tmp_path / "missing")
    assert str(tmp_path / "missing") in info.value.format()


def test_load_inventory_indexes_every_kind_of_file():
    project = load_project(INVENTORY)
    assert project.name == "Inventory"
    assert {"Add item", "Stock value", "Format price", "Stock report", "test_Stock value"} <= set(project.methods)
    assert set(project.classes) == {"Item", "InventoryTest"}
    assert set(project.database_methods) == {"onstartup", "onexit"}
    assert [(u.kind, u.name) for u in project.forms] == [("form method", "Stock"), ("object method", "Stock.Refresh")]
    assert [(t.name, t.number, t.fields) for t in project.tables] == [
        ("Product", 1, ["ID", "Name", "Price", "Quantity"])
    ]
    assert project.settings["tokenizedText"] is False
    assert project.method_folder("stock VALUE") == "Stock"
    assert project.method_folder("test_Format price") == "Tests"
    assert project.method_folder("nowhere") is None


def test_method_attributes_come_from_the_first_line():
    project = load_project(INVENTORY)
    assert project.method_attributes("Add item") == {"shared": True, "preemptive": "capable"}
    assert project.method_attributes("format price") == {"invisible": True}
    assert project.method_attributes("Stock report") == {}
    assert project.method_attributes("no such method") == {}


def test_catalog_tables_triggers_and_table_forms(tmp_path):
    file = make_project(
        tmp_path / "Shop",
        files={
            "Project/Sources/catalog.4DCatalog": CATALOG,
            "Project/Sources/Triggers/table_2.4dm": "// trigger\n",
            "Project/Sources/TableForms/1/Input/Entry/method.4dm": "// form\n",
            "Project/Sources/TableForms/1/Input/Entry/ObjectMethods/OK.4dm": "// button\n",
        },
    )
    project = load_project(file)
    assert [t.name for t in project.tables] == ["Customer", "Order Line"]
    assert [u.name for u in project.triggers] == ["Trigger on [Order Line]"]
    assert [u.name for u in project.forms] == ["[Customer].Entry", "[Customer].Entry.OK"]


def test_bad_project_json_names_file_line_and_column(tmp_path):
    file = make_project(tmp_path / "Shop")
    file.write_text('{\n  "tokenizedText": false,\n}\n')
    with pytest.raises(ProjectError) as info:
        load_project(file)
    assert info.value.format().startswith(f"{file}:3:1: error: invalid JSON")


def test_bad_catalog_names_the_catalog(tmp_path):
    file = make_project(tmp_path / "Shop", files={"Project/Sources/catalog.4DCatalog": "<base><table name='A'></base>"})
    with pytest.raises(ProjectError) as info:
        load_project(file)
    assert "catalog.4DCatalog:1:" in info.value.format() and "invalid XML" in info.value.message


# -- opening in a runtime ---------------------------------------------------------------------


def test_open_project_makes_tables_methods_and_filesystems_known(tmp_path):
    file = make_project(
        tmp_path / "Shop", {"Get name": "return [Customer]Name"}, files={"Project/Sources/catalog.4DCatalog": CATALOG}
    )
    runtime = Runtime(stdout=io.StringIO())
    project = open_project(runtime, file, cache_folder=None)
    assert runtime.project is project
    assert runtime.filesystems["/RESOURCES"] == tmp_path / "Shop" / "Resources"
    assert runtime.filesystems["/SOURCES"] == tmp_path / "Shop" / "Project" / "Sources"
    kinds = [t.type for t in tokenize("[Order Line]", "x", runtime.methods.lex_options())]
    assert kinds[0] == "TABLE"
    assert runtime.methods.has("get name")


def test_form_and_object_methods_compile_and_run_with_their_4d_names():
    out = io.StringIO()
    runtime = Runtime(stdout=out)
    project = open_project(runtime, INVENTORY, cache_folder=None)
    for unit in project.forms:
        runtime.run_code(compile_unit(runtime, unit))
    assert out.getvalue() == "Stock form: Stock\nobject method: Stock.Refresh\n"


def test_only_what_runs_is_parsed_and_a_second_start_uses_the_cache(tmp_path):
    methods = {f"Method {i}": f"return {i}" for i in range(500)}
    methods["Main"] = "return String(Method 7)+String(Method 42)"
    classes = {f"Class{i}": "Function f()\n\treturn 1" for i in range(20)}
    file = make_project(tmp_path / "Big", methods, classes=classes, db={"onStartup": "<>started:=True"})
    cache_dir = tmp_path / "cache"

    first = launch.Application(file, io.StringIO(), io.StringIO(), cache=cache_dir)
    first.run_database_method("onStartup")
    assert first.run_method("Main").value == "742"
    assert (first.project.cache.parsed, first.project.cache.hits) == (4, 0)  # onStartup, Main, Method 7, Method 42

    second = launch.Application(file, io.StringIO(), io.StringIO(), cache=cache_dir)
    second.run_database_method("onStartup")
    assert second.run_method("Main").value == "742"
    assert (second.project.cache.parsed, second.project.cache.hits) == (0, 4)

    (file.parent / "Sources" / "Methods" / "Method 7.4dm").write_text("return 70")
    third = launch.Application(file, io.StringIO(), io.StringIO(), cache=cache_dir)
    assert third.run_method("Main").value == "7042"
    assert (third.project.cache.parsed, third.project.cache.hits) == (1, 2)  # only the edited method


def test_cache_survives_a_corrupt_entry(tmp_path):
    from fourd.syntax.lexer import LexOptions

    cache = AstCache(tmp_path)
    first = cache.parse("return 1", "a.4dm", LexOptions())
    for entry in tmp_path.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    again = AstCache(tmp_path).parse("return 1", "a.4dm", LexOptions())
    assert again == first


# -- application commands -------------------------------------------------------------------


def test_application_type_info_and_user_param(tmp_path):
    code = (
        "var $p : Text\nvar $r : Real:=Get database parameter(User param value; $p)\n"
        'LOG EVENT(Into system standard outputs; String(Application type=tool4d)+" "+String(Application type)'
        '+" "+String(Application info.headless)+" ["+$p+"] "+String(Get database parameter(Is current database a project)))'
    )
    file = make_project(tmp_path / "App", {"Main": code})
    status, out, err = launch_main("--project", str(file), "--startup-method", "Main", "--user-param", "hello world")
    assert (status, out, err) == (0, "True 6 True [hello world] 1\n", "")


def test_unknown_database_parameter_selector_is_a_clear_error(run):
    with pytest.raises(Exception, match="selector 9999"):
        run("$r:=Get database parameter(9999)")


# -- the tool4d sequence ------------------------------------------------------------------------

SEQUENCE_DB = {
    "onStartup": 'LOG EVENT(Into system standard outputs; "startup")',
    "onExit": 'LOG EVENT(Into system standard outputs; "exit")',
}


def _sequence_project(tmp_path: Path, main: str) -> Path:
    return make_project(tmp_path / "Seq", {"Main": main}, db=SEQUENCE_DB)


def test_sequence_runs_startup_method_between_on_startup_and_on_exit(tmp_path):
    file = _sequence_project(tmp_path, 'LOG EVENT(Into system standard outputs; "main")')
    assert launch_main("--project", str(file), "--startup-method", "Main") == (0, "startup\nmain\nexit\n", "")
    assert launch_main("--project", str(file)) == (0, "startup\nexit\n", "")
    assert launch_main("--project", str(file), "--startup-method", "Main", "--skip-onstartup") == (0, "main\n", "")


def test_equals_spellings_and_ignored_tool4d_flags(tmp_path):
    file = _sequence_project(tmp_path, 'LOG EVENT(Into system standard outputs; "main")')
    argv = [
        f"--project={file}",
        "--startup-method=Main",
        "--headless",
        "--dataless",
        "--opening-mode=interpreted",
        "--data",
        "x.4DD",
        "--create-data",
    ]
    assert launch_main(*argv) == (0, "startup\nmain\nexit\n", "")


def test_unhandled_error_aborts_the_method_and_exits_1(tmp_path):
    main = 'LOG EVENT(Into system standard outputs; "before")\n$o:=Null\n$x:=$o.missing\nLOG EVENT(Into system standard outputs; "after")'
    file = _sequence_project(tmp_path, main)
    status, out, err = launch_main("--project", str(file), "--startup-method", "Main")
    assert status == 1
    assert out == "startup\nbefore\nexit\n"  # On Exit still runs
    assert "Main.4dm:3: error -10616" in err and "Traceback" not in err


def test_quit_4d_skips_the_rest_but_on_exit(tmp_path):
    file = make_project(
        tmp_path / "Q",
        {"Main": 'LOG EVENT(Into system standard outputs; "main")'},
        db={
            "onStartup": 'LOG EVENT(Into system standard outputs; "startup")\nQUIT 4D\nLOG EVENT(Into system standard outputs; "not reached")',
            "onExit": 'LOG EVENT(Into system standard outputs; "exit")',
        },
    )
    assert launch_main("--project", str(file), "--startup-method", "Main") == (0, "startup\nexit\n", "")


def test_broken_projects_give_one_message_naming_the_file_and_exit_2(tmp_path):
    file = _sequence_project(tmp_path, "If (True)\n$a:=1\n")
    status, out, err = launch_main("--project", str(file), "--startup-method", "Main")
    assert (status, out) == (2, "startup\n")
    assert err.startswith(f"{file.parent / 'Sources' / 'Methods' / 'Main.4dm'}:") and "End if" in err

    status, out, err = launch_main("--project", str(file), "--startup-method", "Nope")
    assert (status, out) == (2, "")
    assert (
        err == f"{file.parent / 'Sources' / 'Methods' / 'Nope.4dm'}: error: no such project method (--startup-method)\n"
    )

    file.write_text("{ not json")
    status, out, err = launch_main("--project", str(file))
    assert (status, out) == (2, "") and err.startswith(f"{file}:1:3: error: invalid JSON") and err.count("\n") == 1

    assert launch_main("--project", str(tmp_path / "nothing"))[0] == 2


def test_is_launch_command_leaves_subcommands_alone():
    assert launch.is_launch_command(["--project", "x"])
    assert launch.is_launch_command(["--project=x"])
    assert launch.is_launch_command(["My.4DProject", "--startup-method", "m"])
    assert not launch.is_launch_command(["run", "-e", "return 1"])
    assert not launch.is_launch_command(["check", "a.4dm"])
    assert not launch.is_launch_command([])


def test_inventory_end_to_end_through_the_command_line(tmp_path):
    """The README example, as a user runs it: a subprocess, stdout and exit code."""
    env = {**os.environ, "FOURD_CACHE_DIR": str(tmp_path)}
    project = INVENTORY / "Project" / "Inventory.4DProject"
    argv = [
        sys.executable,
        "-m",
        "fourd",
        "--project",
        str(project),
        "--startup-method",
        "Stock report",
        "--user-param",
        "Main warehouse",
    ]
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (
        "Inventory opened\nStock of Main warehouse: 3 lines, worth 52.00 EUR\nheadless: True\nInventory closed\n"
    )
    assert proc.stderr == ""
    assert list(tmp_path.glob("ast/Inventory-*/*.pickle"))  # the parse cache went where FOURD_CACHE_DIR says

    skipped = subprocess.run(
        [*argv[:-2], "--skip-onstartup"], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )
    assert (skipped.returncode, skipped.stdout) == (
        0,
        "Stock of (no --user-param): 3 lines, worth 52.00\nheadless: True\n",
    )


def test_json_helper_is_not_confused_by_bom(tmp_path):
    file = make_project(tmp_path / "Bom")
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps({"tokenizedText": False}).encode())
    assert load_project(file).settings == {"tokenizedText": False}


def test_log_event_channels_in_a_project(tmp_path):
    main = (
        'LOG EVENT(Into system standard outputs; "to stdout")\n'
        'LOG EVENT(Into system standard outputs; "to stderr"; Error message)\n'
        'LOG EVENT(Into 4D diagnostic log; "first"; Warning message)\n'
        'LOG EVENT(Into 4D diagnostic log; "second")'
    )
    file = make_project(tmp_path / "Logs", {"Main": main})
    assert launch_main("--project", str(file), "--startup-method", "Main") == (0, "to stdout\n", "to stderr\n")
    log = tmp_path / "Logs" / "Data" / "Logs" / "4DDiagnosticLogTool_1.txt"
    rows = [line.split("\t") for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(r[0], r[2], r[3]) for r in rows] == [("1", "WARN", "first"), ("2", "INFO", "second")]
    assert rows[0][1][:4].isdigit() and "T" in rows[0][1]


def test_quit_4d_in_fourd_run_exits_0(capsys):
    from fourd.cli import main

    assert main(["run", "-e", 'ALERT("a")\nQUIT 4D\nALERT("b")']) == 0
    assert capsys.readouterr() == ("a\n", "")
