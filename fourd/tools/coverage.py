"""``fourd commands``: every command of the command table, by docs theme, with what fourd does with it.

Statuses:

- ``implemented``: the command runs;
- ``headless: error``: the command needs what a headless interpreter has not (forms, windows,
  a database, plug-ins); calling it raises the 4D error "… is not available in headless mode"
  (see :func:`fourd.commands.registry.headless_only_error`); the reason is listed;
- ``missing``: calling it raises "… is not implemented in fourd yet".

Themes come from ``fourd/data/themes.tsv`` (``scripts/gen_themes.py``); commands that no theme
page lists are under "(no theme)".
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass

from ..syntax.names import read_table

NO_THEME = "(no theme)"


@dataclass
class Row:
    number: int
    name: str
    theme: str
    status: str  # "implemented", "headless: error" or "missing"
    reason: str = ""


def themes() -> dict[int, str]:
    """Theme of each command number, as the docs' theme pages list them."""
    return {int(row["number"]): row["theme"] for row in read_table("themes.tsv")}


def rows() -> list[Row]:
    """One row per command of the table, sorted by theme then name."""
    from ..commands.registry import implemented
    from ..syntax.names import command_table

    done = implemented()
    theme_of = themes()
    out = []
    for number, info in command_table()[0].items():
        cmd = done.get(number)
        if cmd is None:
            status, reason = "missing", ""
        elif cmd.headless_reason is not None:
            status, reason = "headless: error", cmd.headless_reason
        else:
            status, reason = "implemented", ""
        out.append(Row(number, info.name, theme_of.get(number, NO_THEME), status, reason))
    out.sort(key=lambda r: (r.theme == NO_THEME, r.theme.lower(), r.name.lower()))
    return out


def _theme_matches(theme: str, wanted: list[str]) -> bool:
    # "Objects (Language)" on the docs page is "Objects Language" in the table: compare loosely.
    key = "".join(c for c in theme.lower() if c.isalnum())
    return any(key == "".join(c for c in w.lower() if c.isalnum()) for w in wanted)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--missing", action="store_true", help="list only the commands fourd does not implement")
    parser.add_argument("--theme", metavar="NAME", action="append", help="only this docs theme (repeatable)")
    parser.add_argument("--format", choices=["text", "json"], default="text")


def main(args: argparse.Namespace) -> int:
    selected = rows()
    if args.theme:
        selected = [r for r in selected if _theme_matches(r.theme, args.theme)]
        if not selected:
            print(f"fourd commands: no such theme: {', '.join(args.theme)}", file=sys.stderr)
            return 2
    total = len(selected)
    counts = {s: sum(r.status == s for r in selected) for s in ("implemented", "headless: error", "missing")}
    if args.missing:
        selected = [r for r in selected if r.status == "missing"]
    if args.format == "json":
        print(json.dumps({"total": total, "counts": counts, "commands": [asdict(r) for r in selected]}, indent=2))
        return 0
    theme = None
    for r in selected:
        if r.theme != theme:
            theme = r.theme
            print(f"\n{theme}")
        reason = f" ({r.reason})" if r.reason else ""
        print(f"  {r.name:<40} {r.number:>5}  {r.status}{reason}")
    summary = ", ".join(f"{n} {s}" for s, n in counts.items())
    print(f"\n{total} command(s): {summary}")
    return 0
