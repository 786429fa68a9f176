"""Count the forms of result comments ("oracles") in the ```4d blocks of a docs corpus.

Two views:
1. how comments are *written* (a rough textual classification of every ``//`` comment that
   looks like it states a result: ``X gets Y``, ``X = Y``, ``//X=Y``, ``returns Y``…);
2. what :func:`fourd.tools.oracles.find_oracles` *takes* as an oracle (by form), and the
   result-like comments it leaves out, with the reason (blocks that parse only).

    python scripts/oracle_survey.py [../shared/4d-docs]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fourd.syntax.errors import FourDSyntaxError  # noqa: E402
from fourd.syntax.parser import parse  # noqa: E402
from fourd.tools.doctest import _has_result  # noqa: E402
from fourd.tools.markdown import code_blocks  # noqa: E402
from fourd.tools.oracles import find_oracles, split_comment  # noqa: E402

_VAR = r"(?:\$|<>)?[A-Za-z_]\w*(?:\.\w+|\[\d+\])*"
# (label, pattern on the comment text after //), first match wins
TEXT_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("X gets Y", re.compile(rf"{_VAR}\s+gets\s", re.I)),
    ("X = Y (spaced)", re.compile(rf"^\s*{_VAR}\s+=\s+\S")),
    ("X=Y (tight)", re.compile(rf"^\s*{_VAR}=\S")),
    ("$X: Y", re.compile(r"^\s*\$[A-Za-z_]\w*(?:\.\w+)*\s*:\s*\S")),
    ("X is Y", re.compile(rf"^\s*{_VAR}\s+is\s+[\"\d\[{{!?-]|^\s*{_VAR}\s+is\s+(true|false|null)\b", re.I)),
    ("returns Y", re.compile(r"^\s*returns?\b", re.I)),
    ("result: Y", re.compile(r"^\s*result\s*(:|=|is)", re.I)),
    ("displays Y", re.compile(r"^\s*(displays?|shows?)\b", re.I)),
    ("// true / false", re.compile(r"^\s*(true|false)\s*\.?\s*$", re.I)),
    ("// null", re.compile(r"^\s*null\s*$", re.I)),
    ("// number", re.compile(r"^\s*[-–]?\d+(\.\d+)?([eE][-+]?\d+)?(\.\.\.)?\s*(\(.*\))?\s*$")),
    ('// "text"', re.compile(r'^\s*["“].*["”]\s*(\(.*\))?\s*$')),
    ("// {object}", re.compile(r"^\s*\{.*\}\s*$")),
    ("// [collection]", re.compile(r"^\s*\[.*\]\s*$")),
    ("// !date! / ?time?", re.compile(r"^\s*(![\d/.-]+!|\?[\d:]+\?)\s*$")),
    ("// { or [ (starts a multi-line value)", re.compile(r"^\s*[{\[][^}\]]*$")),
]


def main(docs: Path) -> int:
    written: Counter[str] = Counter()
    taken: Counter[str] = Counter()
    left: Counter[tuple[str, str]] = Counter()
    blocks = parsed = with_oracle = comments = 0
    for path in sorted(docs.rglob("*.md")):
        for block in code_blocks(path.read_text(encoding="utf-8-sig", errors="replace")):
            blocks += 1
            for line in block.code.splitlines():
                _, comment = split_comment(line)
                if comment is None:
                    continue
                comments += 1
                for label, pattern in TEXT_FORMS:
                    if pattern.search(comment):
                        written[label] += 1
                        break
            try:
                module = parse(block.code, str(path))
            except FourDSyntaxError:
                continue
            parsed += 1
            found = find_oracles(block.code, module.body, _has_result)
            with_oracle += bool(found.oracles)
            taken.update(o.form for o in found.oracles)
            left.update((c.form, c.reason) for c in found.rejected)
    print(f"{blocks} ```4d blocks, {comments} comments; {parsed} blocks parse, {with_oracle} of them state results\n")
    print("How result comments are written (all blocks):")
    for label, _ in TEXT_FORMS:
        print(f"  {label:<40}{written[label]:>6}")
    print(f"\nOracles taken, by form (blocks that parse): {sum(taken.values())}")
    for form, count in taken.most_common():
        print(f"  {form:<40}{count:>6}")
    print(f"\nResult-like comments left out, by form and reason: {sum(left.values())}")
    for (form, reason), count in left.most_common():
        print(f"  {form + ': ' + reason:<40}{count:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "4d-docs"))
