"""Commands that read their caller's locals are marked ``sees_locals``: a generated unit calling none of them
keeps its locals in Python variables, and the frame such a unit passes to a command has no slot list."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from fourd.commands.registry import lookup

COMMANDS = Path(__file__).resolve().parents[2] / "fourd" / "commands"

# Functions that read `.slots` of a frame they made themselves, not of their caller.
OWN_FRAMES = {("tags.py", "Template")}  # PROCESS 4D TAGS runs each tag in a frame of its own


def _command_decorator(node: ast.AST) -> ast.Call | None:
    for deco in getattr(node, "decorator_list", []):
        if isinstance(deco, ast.Call) and getattr(deco.func, "id", None) == "command":
            return deco
    return None


def _slot_readers() -> list[tuple[str, ast.AST]]:
    """(file, top-level definition) for every definition of fourd/commands that touches `.slots`."""
    found = []
    for path in sorted(COMMANDS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for top in tree.body:
            if any(isinstance(n, ast.Attribute) and n.attr == "slots" for n in ast.walk(top)):
                found.append((path.name, top))
    return found


def test_the_scan_finds_execute_formula():
    names = {getattr(top, "name", "") for _, top in _slot_readers()}
    assert "execute_formula" in names


@pytest.mark.parametrize("where", _slot_readers(), ids=lambda w: f"{w[0]}:{getattr(w[1], 'name', '?')}")
def test_every_command_reading_slots_says_so(where):
    file, top = where
    if (file, getattr(top, "name", "")) in OWN_FRAMES:
        return
    deco = _command_decorator(top)
    assert deco is not None, f"{file}: {getattr(top, 'name', top)} reads frame slots outside a command"
    flags = {k.arg: getattr(k.value, "value", None) for k in deco.keywords}
    assert flags.get("sees_locals") or flags.get("hook"), f"{file}: {top.name} needs sees_locals=True"


def test_execute_formula_is_marked_and_string_is_not():
    assert lookup(None, "EXECUTE FORMULA").sees_locals
    assert not lookup(None, "String").sees_locals
