#!/usr/bin/env python3
"""Write fourd/data/command_modules.tsv: which module of fourd/commands registers each command.

The registry imports a command's module the first time the command is looked up, so a run
loads the themes it uses and not the forty others (start-up, issue 9).  The index is found
by importing the theme modules one at a time in this fresh process and noting what each adds.
Re-run it after adding or moving a command; ``--check`` (run by the tests) fails when the
file is stale:

    python scripts/gen_command_index.py [--check]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

INDEX = ROOT / "fourd" / "data" / "command_modules.tsv"


def command_modules() -> dict[int, str]:
    """Command number -> the theme module whose import registers it.

    Raises when two modules register the same command: loading one module on demand would then
    give a different command than loading them all.
    """
    from fourd.commands import registry, theme_modules

    if any(name in sys.modules for name in theme_modules()):
        raise RuntimeError("run this in a fresh process: a theme module is already imported")
    owner: dict[int, str] = {}
    for module in theme_modules():
        before = {number: id(cmd) for number, cmd in registry._BY_NUMBER.items()}
        importlib.import_module(module)
        for number, cmd in registry._BY_NUMBER.items():
            if number not in before:
                owner[number] = module
            elif before[number] != id(cmd):
                raise RuntimeError(f"command {cmd.name} is registered by {owner[number]} and again by {module}")
    return owner


def render(owner: dict[int, str]) -> str:
    lines = ["number\tmodule"] + [f"{number}\t{owner[number]}" for number in sorted(owner)]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the index file is not up to date")
    args = parser.parse_args()
    text = render(command_modules())
    if args.check:
        current = INDEX.read_text(encoding="utf-8") if INDEX.exists() else ""
        if current != text:
            print(f"{INDEX.relative_to(ROOT)} is stale: run python scripts/gen_command_index.py", file=sys.stderr)
            return 1
        return 0
    INDEX.write_text(text, encoding="utf-8")
    print(f"wrote {INDEX.relative_to(ROOT)}: {text.count(chr(10)) - 1} commands")
    return 0


if __name__ == "__main__":
    sys.exit(main())
