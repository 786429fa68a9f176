"""``fourd commands``: the command table by docs theme, with what fourd does with each command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fourd.tools.coverage import rows

ROOT = Path(__file__).resolve().parent.parent.parent
CORE_THEMES = [
    "String",
    "Math",
    "Date and Time",
    "Boolean",
    "Objects Language",
    "Collections",
    "JSON",
    "Arrays",
    "Variables",
    "Language",
    "Tools",
    "BLOB",
]


def fourd(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fourd", *args], capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_core_themes_have_nothing_missing():
    core = [r for r in rows() if r.theme in CORE_THEMES]
    assert {r.theme for r in core} == set(CORE_THEMES)
    assert [r.name for r in core if r.status == "missing"] == []
    # what cannot run headless says why
    assert all(r.reason for r in core if r.status == "headless: error")


def test_every_command_of_the_table_is_listed():
    from fourd.syntax.names import command_table

    listed = rows()
    assert len(listed) == len(command_table()[0])
    assert {r.status for r in listed} <= {"implemented", "headless: error", "missing"}


def test_cli_missing_and_json():
    proc = fourd("commands", "--missing", "--theme", "Language", "--format", "json")
    assert proc.returncode == 0
    report = json.loads(proc.stdout)
    assert report["commands"] == [] and report["counts"]["missing"] == 0 and report["total"] == 20
    proc = fourd("commands", "--theme", "objects (language)")
    assert proc.returncode == 0 and "OB Keys" in proc.stdout and "implemented" in proc.stdout


@pytest.mark.parametrize("args", [["commands", "--theme", "No such theme"]])
def test_cli_unknown_theme(args):
    proc = fourd(*args)
    assert proc.returncode == 2 and "no such theme" in proc.stderr
