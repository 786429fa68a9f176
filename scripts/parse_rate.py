"""Docs conformance: parse every ```4d block of the 4D documentation and report the rate.

    python scripts/parse_rate.py [DOCS_DIR] [--top N] [--list] [--known FILE]

Prints blocks parsed / blocks, the most common error messages, and (with
--known) which failures are new compared with the tracked list of blocks that
are not valid 4D (tests/syntax/docs_known_invalid.txt).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fourd.tools.conformance import default_docs_dir, load_known, run_conformance  # noqa: E402


def _shape(message: str) -> str:
    """The message with quoted specifics removed, so alike errors group together."""
    return re.sub(r"'[^']*'|\"[^\"]*\"|line \d+", "…", message)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docs", nargs="?", type=Path, default=None)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--list", action="store_true", help="print every failing block")
    ap.add_argument("--known", type=Path, default=ROOT / "tests" / "syntax" / "docs_known_invalid.txt")
    args = ap.parse_args()
    docs = args.docs or default_docs_dir()
    if docs is None or not docs.is_dir():
        print("no 4D documentation folder found", file=sys.stderr)
        return 2
    start = time.perf_counter()
    report = run_conformance(docs)
    elapsed = time.perf_counter() - start
    ok = report.total - len(report.failures)
    print(f"{ok}/{report.total} blocks parse ({100.0 * ok / max(report.total, 1):.2f}%), "
          f"{report.lines} lines in {elapsed:.2f}s ({report.lines / elapsed:,.0f} lines/s incl. reading)")
    counts = Counter(_shape(f.message) for f in report.failures)
    print(f"\nmost common errors (of {len(report.failures)}):")
    for message, n in counts.most_common(args.top):
        print(f"{n:5d}  {message}")
    known = load_known(args.known) if args.known.is_file() else {}
    new = [f for f in report.failures if f.key not in known]
    fixed = sorted(set(known) - {f.key for f in report.failures})
    if args.known.is_file():
        print(f"\n{len(new)} failing blocks not in {args.known.name}; {len(fixed)} listed blocks now parse")
    for f in report.failures if args.list else new if args.known.is_file() else []:
        print(f"{f.key}  line {f.line}: {f.message}")
        print(f"    {f.source_line.strip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
