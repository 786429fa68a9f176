"""Generate fourd/data/themes.tsv: the docs theme of each command (number, name, theme).

Reads the theme pages of the 4D docs (``4d-docs/commands/theme/*.md``, one table row per
command).  ``fourd doctest`` uses the themes to tell examples that need what a headless
interpreter has not (forms, windows, printing, a database, the network) from the rest.

    python scripts/gen_themes.py [../shared/4d-docs]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fourd.syntax.names import command_by_name  # noqa: E402

_ROW = re.compile(r"^\|\s*(?P<cell>[^|]+?)\s*\|\s*$")


def command_name(cell: str) -> str:
    """``Open window ( left ; top … ) : Integer`` → ``Open window``."""
    return re.split(r"\s*[({:]|\s{2,}", cell.replace("\\", ""), maxsplit=1)[0].strip()


def main(docs: Path) -> int:
    rows: dict[int, tuple[str, str]] = {}
    for page in sorted((docs / "commands" / "theme").glob("*.md")):
        theme = page.stem.replace("-", " ")
        for line in page.read_text(encoding="utf-8").splitlines():
            m = _ROW.match(line)
            if not m or set(m.group("cell")) <= set("-: "):
                continue
            info = command_by_name(command_name(m.group("cell")))
            if info is not None:
                rows.setdefault(info.number, (info.name, theme))
    out = ROOT / "fourd" / "data" / "themes.tsv"
    lines = ["number\tname\ttheme"] + [f"{n}\t{name}\t{theme}" for n, (name, theme) in sorted(rows.items())]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} commands to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "4d-docs"))
