"""Parser benchmark (not a test): lines per second on generated 4D and on the docs corpus.

    python scripts/bench_parse.py [--lines N] [--docs DIR]

Times are CPU time of this process (time.process_time), so a busy machine
disturbs them less than wall time would.  Each figure is the best of 3 runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fourd.syntax.errors import FourDSyntaxError  # noqa: E402
from fourd.syntax.lexer import LexOptions, scan  # noqa: E402
from fourd.syntax.parser import driver, parse  # noqa: E402
from fourd.tools.conformance import default_docs_dir  # noqa: E402
from fourd.tools.markdown import code_blocks  # noqa: E402

# A method body that exercises most of the grammar; repeated with renamed variables.
_TEMPLATE = """\
// block {n}
var $o{n} : Object:={{name: "x{n}"; list: [1; 2; 3]; nested: {{a: {{b: $n{n}}}}}}}
var $i{n}; $total{n} : Integer
ARRAY TEXT($names{n}; 10)
For ($i{n}; 1; Size of array($names{n}))
    $names{n}{{$i{n}}}:=String($i{n})+"-"+Substring($o{n}.name; 1; 2)
    If ($i{n}%2=0) & ($o{n}.list.length>2)
        $total{n}+=$o{n}.list[0]*$i{n}
    Else
        $total{n}:=$total{n}-1
    End if
End for
For each ($item{n}; $o{n}.list) Until ($total{n}>100)
    Case of
        : ($item{n}=1)
            $t{n}:=$o{n}.name[[1]]
        : (Position("a"; $o{n}.name)>0)
            $p{n}:=->$total{n}
            $p{n}->:=$p{n}->+1
        Else
            $r{n}:=Try(JSON Parse($o{n}.name))
    End case
End for each
$c{n}:=New collection(1; 2; 3).map(Formula($1.value*2)).filter(Formula($1.value>2))
$x{n}:=($total{n}>10) ? "big" : "small"
Use (Storage)
    Storage.count:=Num(Storage.count)+1
End use
"""


def generated_source(lines: int) -> str:
    per = _TEMPLATE.count("\n")
    return "".join(_TEMPLATE.format(n=i) for i in range(max(1, lines // per)))


def best_of(fn, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--docs", type=Path, default=None)
    args = ap.parse_args()

    start = time.process_time()
    driver()
    print(f"parser tables ready in {time.process_time() - start:.3f}s CPU (cached after the first run)")

    source = generated_source(args.lines)
    n = source.count("\n")
    lex = best_of(lambda: scan(source))
    total = best_of(lambda: parse(source))
    print(f"generated: {n} lines, lex {n / lex:,.0f} lines/s, full parse to AST {n / total:,.0f} lines/s")

    docs = args.docs or default_docs_dir()
    if docs is not None and docs.is_dir():
        options = LexOptions(elisions=True)
        blocks = [b.code for p in sorted(docs.rglob("*.md")) for b in code_blocks(p.read_text(errors="replace"))]
        n = sum(b.count("\n") for b in blocks)

        def parse_docs() -> None:
            for code in blocks:
                try:
                    parse(code, "doc", options)
                except FourDSyntaxError:
                    pass

        total = best_of(parse_docs)
        print(f"docs: {len(blocks)} blocks, {n} lines, {n / total:,.0f} lines/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
