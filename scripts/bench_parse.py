"""Parser benchmark (not a test): lines per second on generated 4D and on the docs corpus,
and the first and second `fourd check` of a generated project.

    python scripts/bench_parse.py [--lines N] [--docs DIR] [--runs R] [--check-lines N]

Times are CPU time (time.process_time, or the children's CPU time for the
`fourd check` commands), so a busy machine disturbs them less than wall time
would; each figure is the best of R runs (default 3).  On a shared machine
the figures still move by a third from one run to the next: the load average
is printed with them.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
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
    runs = max(runs, _RUNS)
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


_RUNS = 1


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bench_check(lines: int, runs: int) -> None:
    """`fourd check` of a generated project folder, first with an empty parse cache, then again."""
    with tempfile.TemporaryDirectory() as tmp:
        methods = Path(tmp) / "Project" / "Sources" / "Methods"
        methods.mkdir(parents=True)
        per_file = 4  # template blocks per method: about 100 lines
        count = max(1, lines // (per_file * _TEMPLATE.count("\n")))
        for i in range(count):
            body = "".join(_TEMPLATE.format(n=j) for j in range(per_file))
            (methods / f"Method {i}.4dm").write_text(body, encoding="utf-8")
        total = sum(p.read_text(encoding="utf-8").count("\n") for p in methods.glob("*.4dm"))
        env = dict(os.environ, FOURD_CACHE_DIR=str(Path(tmp) / "cache"))
        command = [sys.executable, "-m", "fourd", "check", str(Path(tmp) / "Project")]

        def timed() -> tuple[float, float]:
            cpu, wall = _children_cpu(), time.perf_counter()
            subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True)
            return _children_cpu() - cpu, time.perf_counter() - wall

        subprocess.run([sys.executable, "-m", "fourd", "check", str(ROOT / "README.md")], env=env, cwd=ROOT)
        firsts, seconds = [], []
        for _ in range(runs):
            cache = Path(tmp) / "cache" / "ast"
            if cache.exists():
                for entry in cache.rglob("*.pickle"):
                    entry.unlink()
            firsts.append(timed())
            seconds.append(timed())
        first_cpu, first_wall = min(c for c, _ in firsts), min(w for _, w in firsts)
        second_cpu, second_wall = min(c for c, _ in seconds), min(w for _, w in seconds)
        print(
            f"fourd check of {count} methods, {total} lines: first {first_cpu:.2f}s CPU ({first_wall:.2f}s wall), "
            f"second {second_cpu:.2f}s CPU ({second_wall:.2f}s wall): "
            f"{first_cpu / second_cpu:.1f}x CPU, {first_wall / second_wall:.1f}x wall"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lines", type=int, default=20000)
    ap.add_argument("--docs", type=Path, default=None)
    ap.add_argument("--runs", type=int, default=3, help="best of how many runs")
    ap.add_argument("--check-lines", type=int, default=0, help="also time `fourd check` of a project this big")
    args = ap.parse_args()
    global _RUNS
    _RUNS = args.runs
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")

    start = time.process_time()
    driver()
    print(f"parser tables ready in {time.process_time() - start:.3f}s CPU (cached after the first run)")

    source = generated_source(args.lines)
    n = source.count("\n")
    lex = best_of(lambda: scan(source, compact=True))  # the tokens the parser reads
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
    if args.check_lines:
        bench_check(args.check_lines, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
