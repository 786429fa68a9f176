#!/usr/bin/env python3
"""Regenerate fourd/data/*.tsv from ../shared/reference and the docs' constant list.

The interpreter must run without ../shared, so the facts it needs at run time
(command numbers and names, constant names and values) are copied into the
package as its own data files.  Re-run this script when the reference changes:

    python scripts/gen_tables.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "fourd" / "data"


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def gen_commands(shared: Path) -> int:
    rows = read_tsv(shared / "reference" / "commands.tsv")
    out = DATA / "commands.tsv"
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("number\tname\tthread_safe\tformer_names\tsyntax\n")
        for row in rows:
            number = row["number"].strip()
            name = row["name"].strip()
            if not number.isdigit() or not name:
                continue
            formers = [n.strip() for n in (row.get("former_names") or "").split(";") if n.strip()]
            # Former-name cells sometimes hold prose: keep only name-like entries.
            formers = [n for n in formers if re.fullmatch(r"[\w ]+", n) and n.lower() != "n/a"]
            syntax = (row.get("syntax") or "").replace("\t", " ").strip()
            f.write(f"{number}\t{name}\t{row.get('thread_safe', '')}\t{';'.join(formers)}\t{syntax}\n")
    return len(rows)


def gen_constants(shared: Path) -> int:
    values: dict[str, tuple[str, str]] = {}
    for row in read_tsv(shared / "reference" / "constants.tsv"):
        name = row["name"].strip()
        if name and row["value"].strip() != "":
            values.setdefault(name.lower(), (row["type"].strip(), row["value"].strip()))
    names: dict[str, str] = {}
    for line in (shared / "4d-docs" / "commands" / "constant-list.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and cells[0] and cells[0] not in ("English", "---"):
            names.setdefault(cells[0].lower(), cells[0])
    for row in read_tsv(shared / "reference" / "constants.tsv"):
        if row["name"].strip():
            names.setdefault(row["name"].strip().lower(), row["name"].strip())
    out = DATA / "constants.tsv"
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write("name\ttype\tvalue\n")
        for key in sorted(names):
            typ, value = values.get(key, ("", ""))
            f.write(f"{names[key]}\t{typ}\t{value}\n")
    return len(names)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    if not (args.shared / "reference" / "commands.tsv").exists():
        print(f"no reference tables under {args.shared}", file=sys.stderr)
        return 1
    DATA.mkdir(parents=True, exist_ok=True)
    print("commands:", gen_commands(args.shared))
    print("constants:", gen_constants(args.shared))
    return 0


if __name__ == "__main__":
    sys.exit(main())
