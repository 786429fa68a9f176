"""``fourd doctest``: run the ```4d examples of Markdown documentation and check what they claim.

Every block runs in a fresh runtime (a fresh session and fresh process variables); the
blocks of a page run in order, and ``--chain`` runs a page's blocks in one runtime.  Result
comments (:mod:`fourd.tools.oracles`) are checked against the values computed: the compiler
lets an observer wrap the statements an oracle is about (``Runtime.observer``), so the value
is read right after the statement runs, without running anything twice.

Blocks run in a worker process confined by :mod:`fourd.tools.sandbox` (time, steps,
memory, files, network, subprocesses).  A block gets one status:

passed        it ran, and every result comment reached matched
ran           it ran, and stated no result (or none was reached)
mismatch      a result comment does not match the value computed
error         a 4D error (with its code), a limit, a sandbox violation, a crash
syntax error  the block does not parse
skipped       it needs what a headless interpreter has not (forms, windows, printing, a
              database, the network, the project's files), or is marked ``no-run``

Markers: the info string (```` ```4d no-run ````) or an HTML comment just before the block
(``<!-- doctest: no-run -->``, ``<!-- doctest: expect-error -->``) mark a block not to run,
or to pass only when it stops with an error.  The docs' own ``<!-- REF … -->`` comments are ignored.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

STATUSES = ("passed", "ran", "mismatch", "error", "syntax error", "skipped")
FAILING = ("mismatch", "error", "syntax error")
MARKERS = ("no-run", "expect-error")
# The docs state local times as seen in Paris ("(Paris time zone)", "GMT+1", "in French timezone"):
# blocks run in that time zone unless --tz says otherwise.
DOCS_TIME_ZONE = "Europe/Paris"
GRACE_SECONDS = 3.0  # the parent kills a worker this long after the block's own time limit


@dataclass
class Limits:
    seconds: float = 5.0
    steps: int = 5_000_000
    memory_mb: int = 1024


@dataclass
class Block:
    path: str
    section: str
    line: int  # Markdown line where the code starts
    code: str
    markers: list[str] = field(default_factory=list)
    methods: dict[str, str] = field(default_factory=dict)  # project methods the page defines for it
    classes: dict[str, str] = field(default_factory=dict)  # user classes (cs.Name) the page defines for it
    lead: str = ""  # the paragraph just before the block


@dataclass
class Page:
    path: str
    blocks: list[Block]


# -- collecting blocks ----------------------------------------------------------------------------


def collect(paths: list[Path]) -> list[Page]:
    """The pages (Markdown files) under ``paths`` with their ```4d blocks, in a stable order."""
    from .markdown import code_blocks

    pages: list[Page] = []
    for root in paths:
        files = sorted(root.rglob("*.md")) if root.is_dir() else [root]
        for path in files:
            section = _section(path, root)
            text = path.read_text(encoding="utf-8-sig", errors="replace")
            lines = text.splitlines()
            found = code_blocks(text)
            prose = [_prose(lines, b.first_line - 1) for b in found]
            blocks = [
                Block(str(path), section, b.first_line, b.code, _markers(b.info, lines, b.first_line - 1), lead=lead)
                for b, lead in zip(found, prose, strict=True)
            ]
            _page_definitions(blocks, prose)
            if blocks:
                pages.append(Page(str(path), blocks))
    return pages


def _prose(lines: list[str], fence_index: int) -> str:
    """The paragraph just before a fence (``lines[fence_index - 1]`` is the fence)."""
    i = fence_index - 2
    while i >= 0 and not lines[i].strip():
        i -= 1
    end = i + 1
    while i >= 0 and lines[i].strip() and not lines[i].lstrip().startswith("```"):
        i -= 1
    return " ".join(line.strip() for line in lines[i + 1 : end])


def _page_definitions(blocks: list[Block], prose: list[str]) -> None:
    """Give each block the methods and classes its page defines (:mod:`fourd.tools.pagedefs`)."""
    from . import pagedefs

    page = [pagedefs.PageBlock(b.code, text) for b, text in zip(blocks, prose, strict=True)]
    pagedefs.analyse(page, _reserved_names())
    for block, info in zip(blocks, page, strict=True):
        block.code, block.methods, block.classes = info.own_code, info.methods, info.classes


def _reserved_names() -> set[str]:
    """Lower-case names a page cannot use for a project method: commands and constants."""
    from ..syntax.names import command_table, constant_table

    return set(command_table()[1]) | set(constant_table())


def _section(path: Path, root: Path) -> str:
    """The docs section of a page: the top folder under the folder given on the command line."""
    if root.is_dir():
        parts = path.relative_to(root).parts
        return parts[0] if len(parts) > 1 else "."
    return path.parent.name or "."


_MARKER_COMMENT = re.compile(r"<!--\s*(?:doctest\s*:)?\s*([\w\s,-]+?)\s*-->", re.I)


def _markers(info: str, lines: list[str], fence_index: int) -> list[str]:
    """``no-run``/``expect-error`` from the info string or an HTML comment before the fence."""
    words = set(re.split(r"[\s,{}]+", info.lower()))
    i = fence_index - 2  # lines[fence_index - 1] is the fence itself
    while i >= 0 and not lines[i].strip():
        i -= 1
    while i >= 0 and lines[i].strip().startswith("<!--"):
        m = _MARKER_COMMENT.search(lines[i])
        if m and not m.group(1).upper().startswith("REF"):
            words.update(re.split(r"[\s,]+", m.group(1).lower()))
        i -= 1
    return [m for m in MARKERS if m in words]


# -- running blocks (in the worker) -----------------------------------------------------------------


def prepare_worker() -> None:
    """Import and warm up what blocks need, before the sandbox closes the filesystem."""
    from ..commands import load_all
    from ..runtime.interpreter import Runtime
    from . import headless, oracles  # noqa: F401

    load_all()
    headless.themes()
    runtime = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    runtime.run_source('$x:=New object("a";[1;2]).a.length\nALERT(String($x))')


def execute_page(job: dict[str, Any], settings: dict[str, Any], send: Callable[[dict[str, Any]], None]) -> None:
    """Run the blocks of ``job`` in order and ``send`` a "start" and a "done" event for each."""
    from .sandbox import Guard

    limits = Limits(**settings["limits"])
    guard = Guard(limits.seconds, limits.steps)
    runtime = None
    sandbox = Path(settings["sandbox"])
    carry: dict[str, Any] = {}  # the locals the page's blocks left, by lower-case name
    earlier = Block("", "", 0, "")  # the methods and classes the earlier blocks were given
    for index, data in enumerate(job["blocks"]):
        block = Block(**data)
        send({"event": "start", "index": index})
        folder = sandbox / f"b{os.getpid()}-{index}"
        if runtime is None or not job["chain"]:
            runtime = _new_runtime(folder)
            guard.install(runtime)
        record, fatal = execute_block(block, runtime, guard, carry, chain=job["chain"], earlier=earlier)
        earlier.methods.update(block.methods)
        earlier.classes.update(block.classes)
        send({"event": "done", "index": index, "record": record})
        if not job["chain"]:
            shutil.rmtree(folder, ignore_errors=True)
        if fatal:  # after a MemoryError, start again from a clean process
            sys.exit(3)


def _new_runtime(folder: Path) -> Any:
    from ..runtime.interpreter import Runtime

    folder.mkdir(parents=True, exist_ok=True)
    runtime = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
    runtime.sandbox_root = folder
    return runtime


def _has_result(node: Any) -> bool | None:
    """Does the called name give a result? False for a command whose syntax shows none."""
    from ..syntax.names import command_by_name

    info = command_by_name(node.name)
    if info is None:
        return None
    return bool(re.search(r"\)\s*:\s*\w", info.syntax) or re.match(r"^[^(]*\s:\s*\w", info.syntax))


def execute_block(
    block: Block,
    runtime: Any,
    guard: Any,
    carry: dict[str, Any] | None = None,
    chain: bool = False,
    earlier: Block | None = None,
) -> tuple[dict[str, Any], bool]:
    """Run one block in ``runtime``; its record, and whether the worker must restart.

    ``carry`` holds the local variables the previous blocks of the page left, by lower-case
    name; the block adds its own.  With ``chain`` the block starts with all of them; without,
    only with those it reads but never sets (it continues an earlier block: "needs code from
    elsewhere" when none of them set it).  A comment ``// $x = value`` before the first
    statement gives ``$x`` its starting value.  ``earlier``: the methods and classes the
    earlier blocks were given, which values carried from them may need (a formula calling one).
    """
    from ..commands.registry import implemented
    from ..runtime.errors import AbortExecution, FourDError
    from ..syntax.errors import FourDSyntaxError
    from ..syntax.parser import parse
    from . import headless
    from .oracles import find_oracles
    from .sandbox import LimitExceeded, SandboxViolation

    record = _record(block)
    label = f"{block.path}:{block.line}"
    started = time.monotonic()
    if "no-run" in block.markers:
        return _done(record, "skipped", "marked no-run", started), False
    _define(runtime, label, block)
    try:
        try:
            module = parse(block.code, label, runtime.methods.lex_options())
        except FourDSyntaxError as exc:
            line = block.line + exc.line - 1
            if _documented_error(block.code, exc.line):  # `var $a; $b : Integer:=15 //error`
                record["oracles"] = [
                    {
                        "line": line,
                        "form": "error",
                        "subject": None,
                        "expected": "error",
                        "ok": True,
                        "actual": f"syntax error: {exc.message}",
                    }
                ]
                return _done(record, "passed", f"line {line}: refused as the docs say ({exc.message})", started), False
            return _done(record, "syntax error", f"line {line}, column {exc.column}: {exc.message}", started), False
        found = find_oracles(block.code, module.body, _has_result)
        record["oracles"] = [_entry(block, oracle) for oracle in found.oracles]  # unchecked until the block runs
        # a headless-only command does not count: code calling it is skipped before it runs
        names = {cmd.name.lower() for cmd in implemented().values() if cmd.headless_reason is None}
        reason = headless.platform_only(block.code, block.lead) or headless.unavailable(module.body, names)
        if reason:
            return _done(record, "skipped", reason, started), False
        known = dict(carry or {})
        known.update(found.given)
        needed = headless.free_locals(module.body)
        free = [name for name in needed if name.lower() not in known]
        if free:
            return _done(
                record, "skipped", f"needs code from elsewhere: {', '.join(free)} is never set", started
            ), False
        start = known if chain else {name.lower(): known[name.lower()] for name in needed}
        start.update(found.given)
        if earlier is not None and set(start) - set(found.given):
            _define(runtime, label, earlier, skip=block)
        observer = BlockObserver(label, found.oracles, runtime)
        runtime.stdout = io.StringIO()
        runtime.observer = observer
        try:
            code = runtime.compile_module(module, Path(block.path).stem, label)
        finally:
            runtime.observer = None
        guard.start()
        left: dict[str, Any] = {}
        try:
            _run_carrying(runtime, code, start, left)
        finally:
            if carry is not None:
                carry.update(left)
        _let_processes_end(runtime, guard)
    except FourDError as exc:
        return _error_record(record, block, exc, started), False
    except LimitExceeded as exc:
        record["code"] = exc.kind
        return _done(record, "error", exc.message, started), False
    except RecursionError:
        record["code"] = "stack"
        return _done(record, "error", "stack overflow (too many nested calls)", started), False
    except MemoryError:
        record["code"] = "memory"
        return _done(record, "error", "memory limit exceeded", started), True
    except SandboxViolation as exc:
        record["code"] = "sandbox"
        return _done(record, "error", str(exc), started), False
    except AbortExecution:
        pass  # ABORT or QUIT 4D: the example stops there, as it would in 4D; judge what it did so far
    except Exception as exc:  # a bug in fourd, not in the example: report it, keep going
        record["code"] = "internal"
        return _done(record, "error", f"internal error: {type(exc).__name__}: {exc}", started), False
    if "expect-error" in block.markers:
        return _done(record, "mismatch", "expected an error, the block ran to its end", started), False
    return _judge(record, block, observer, started), False


def _documented_error(code: str, line: int) -> bool:
    """Does line ``line`` of ``code`` say, in an ``// error`` comment, that it fails?"""
    from .oracles import error_comment, split_comment

    lines = code.splitlines()
    if not 1 <= line <= len(lines):
        return False
    _code, comment = split_comment(lines[line - 1])
    return comment is not None and error_comment(comment)


def _define(runtime: Any, label: str, source: Block, skip: Block | None = None) -> None:
    """Give ``runtime`` the project methods and classes ``source`` holds (not those of ``skip``)."""
    for name, text in source.methods.items():
        if skip is None or name not in skip.methods:
            runtime.methods.add_source(name, text, f"{label}#{name}")
    for name, text in source.classes.items():
        if skip is None or name not in skip.classes:
            runtime.classes.add_source(name, text, f"{label}#{name}")


def _let_processes_end(runtime: Any, guard: Any) -> None:
    """Wait (within the time limit) for the processes and workers the block started."""
    from .sandbox import LimitExceeded

    finish = getattr(runtime, "finish", None)
    if finish is None or finish(timeout=guard.remaining()):
        return
    from ..runtime.processes import request_abort

    for process in runtime.manager.live():
        if process is not runtime.main_process:
            request_abort(process)
    raise LimitExceeded("timeout", f"time limit exceeded ({guard.seconds:g} s): processes still running")


def _run_carrying(runtime: Any, code: Any, start: dict[str, Any], left: dict[str, Any]) -> None:
    """Run ``code`` with the locals in ``start`` set; put the locals it leaves in ``left``."""
    import dataclasses

    from ..runtime.types import coerce
    from ..runtime.values import UNDEFINED

    body = code.run

    def run(frame: Any) -> Any:
        for slot, name in enumerate(code.slot_names):
            if name.lower() in start:
                value = start[name.lower()]
                declared = code.slot_types.get(slot)
                frame.slots[slot] = coerce(declared, value, name) if declared else value
        try:
            return body(frame)
        finally:
            for slot, name in enumerate(code.slot_names):
                if frame.slots[slot] is not UNDEFINED:
                    left[name.lower()] = frame.slots[slot]

    runtime.run_code(dataclasses.replace(code, run=run, call=None, direct=None))  # the wrapped run must be used


def _record(block: Block) -> dict[str, Any]:
    return {
        "path": block.path,
        "line": block.line,
        "section": block.section,
        "status": "",
        "expected": None,
        "actual": None,
        "message": "",
        "code": None,
        "oracles": [],
        "seconds": 0.0,
    }


def _done(record: dict[str, Any], status: str, message: str, started: float) -> dict[str, Any]:
    record["status"] = status
    record["message"] = message
    record["seconds"] = round(time.monotonic() - started, 4)
    return record


def _error_record(record: dict[str, Any], block: Block, exc: Any, started: float) -> dict[str, Any]:
    from . import headless

    if "expect-error" in block.markers:
        return _done(record, "passed", f"stopped with error {exc.code} as expected", started)
    where = f"line {block.line + exc.line - 1}: " if exc.line else ""
    record["code"] = exc.code
    if exc.key == "unsupported_headless":
        return _done(record, "skipped", f"needs {exc.message}", started)
    if exc.key == "not_implemented":
        theme = headless.themes().get(str(exc.info.get("name", "")).lower())
        if theme in headless.NEEDS:
            return _done(record, "skipped", f"needs {headless.NEEDS[theme]} ({exc.info['name']})", started)
    return _done(record, "error", f"{where}error {exc.code}: {exc.message}", started)


def _judge(record: dict[str, Any], block: Block, observer: BlockObserver, started: float) -> dict[str, Any]:
    from .oracles import matches, show

    failed = None
    checked = 0
    record["oracles"] = []
    for oracle in observer.oracles:
        entry = _entry(block, oracle)
        if oracle.observed:
            checked += 1
            last = oracle.observed[-1]
            ok = any(not isinstance(v, ProbeError) and matches(oracle.expected, v) for v in oracle.observed)
            entry["actual"] = last.message if isinstance(last, ProbeError) else show(last)
            entry["ok"] = ok
            if not ok and failed is None:
                failed = entry
        record["oracles"].append(entry)
    if failed is not None:
        record["expected"], record["actual"] = failed["expected"], failed["actual"]
        what = failed["subject"] or "the result"
        return _done(record, "mismatch", f"line {failed['line']}: {what}", started)
    if checked:
        return _done(record, "passed", f"{checked} result(s) checked", started)
    note = "no result stated" if not observer.oracles else "no result comment was reached"
    return _done(record, "ran", note, started)


def _entry(block: Block, oracle: Any) -> dict[str, Any]:
    return {
        "line": block.line + oracle.line - 1,
        "form": oracle.form,
        "subject": oracle.subject,
        "expected": oracle.expected_text,
        "actual": None,
        "ok": None,
    }


class ProbeError:
    """Reading an oracle's subject failed: the 4D error stands for the value."""

    def __init__(self, message: str):
        self.message = message


class BlockObserver:
    """Wraps the statements that oracles are about, to record the values they check.

    Set as ``Runtime.observer`` while a block compiles: ``Compiler.block`` hands it every list
    of statements with their nodes, and it returns the list to run (some wrapped).  A unit it
    ``observes`` is compiled to closures only (the generated-Python back end is skipped).
    """

    def __init__(self, label: str, oracles: list[Any], runtime: Any):
        self.label = label
        self.oracles = oracles
        self.runtime = runtime
        self.owner: Any = None  # the compiler of the block's own unit (not of a Formula inside it)
        self.by_anchor: dict[int, list[Any]] = {}
        for oracle in oracles:
            self.by_anchor.setdefault(oracle.anchor, []).append(oracle)

    def observes(self, compiler: Any) -> bool:
        """Does the unit ``compiler`` compiles hold statements to observe?

        Only the block's own unit does: the first compiler asking.  A ``Formula(…)`` written in
        the block compiles its body with another compiler at the same lines; it must not take
        the oracles of the statement that holds it.
        """
        if self.owner is None and compiler.path == self.label:
            self.owner = compiler
        return compiler is self.owner and bool(self.by_anchor)

    def instrument(self, compiler: Any, nodes: list[Any], stmts: list[Any]) -> list[Any]:
        if compiler is not self.owner:
            return stmts
        out = list(stmts)
        for i, node in enumerate(nodes):
            probes = self.by_anchor.pop(node.line, None)
            if probes:
                out[i] = self._wrap(compiler, node, stmts[i], probes)
        return out

    def _wrap(self, compiler: Any, node: Any, stmt: Any, probes: list[Any]) -> Any:
        from ..runtime import operators as ops
        from ..runtime.errors import FourDError
        from ..runtime.values import UNDEFINED
        from ..syntax import ast
        from .oracles import ERROR, RaisedError, snapshot

        readers = []
        value_of = None
        failing = [oracle for oracle in probes if oracle.expected is ERROR]
        conditions = []  # `If(cond) // true`: read before the statement runs its branch
        for oracle in probes:
            if oracle.expected is ERROR:
                continue
            if oracle.condition:
                if isinstance(node, ast.If):
                    conditions.append((oracle, compiler.expr(node.condition)))
                elif isinstance(node, ast.CaseOf) and oracle.branch is not None:
                    conditions.append((oracle, compiler.expr(node.branches[oracle.branch][0])))
            elif oracle.output:
                readers.append((oracle, "output", None))
                if isinstance(node, ast.ExpressionStatement):  # nothing shown: "displays" names the result
                    value_of = value_of or compiler.expr(node.expression)
            elif oracle.subject is None:
                if isinstance(node, ast.ExpressionStatement):
                    value_of = value_of or compiler.expr(node.expression)
                    readers.append((oracle, "value", None))
            else:
                reader = self._subject_reader(compiler, oracle.subject)
                if reader is not None:
                    readers.append((oracle, "read", reader))
        runtime = self.runtime

        def observed(f: Any) -> Any:
            out = runtime.stdout
            mark = out.tell()
            signal = None
            value = None
            for oracle, condition in conditions:
                try:
                    oracle.observed.append(ops.condition(condition(f), "If" if oracle.branch is None else "Case of"))
                except FourDError as exc:
                    oracle.observed.append(ProbeError(f"error {exc.code}: {exc.message}"))
            if failing:  # `// error`: the error is the expected result, and the block goes on
                try:
                    signal = stmt(f)
                except FourDError as exc:
                    for oracle in failing:
                        oracle.observed.append(RaisedError(exc.code, exc.message))
                    return None
                for oracle in failing:
                    oracle.observed.append("no error")
            elif value_of is not None:
                value = value_of(f)
            else:
                signal = stmt(f)
            for oracle, kind, reader in readers:
                if kind == "output":
                    out.seek(mark)
                    shown = out.read().rstrip("\n")
                    if not shown and value_of is not None and value not in (None, UNDEFINED):
                        oracle.observed.append(snapshot(value))
                    else:
                        oracle.observed.append(shown)
                elif kind == "value":
                    oracle.observed.append(snapshot(value))
                else:
                    try:
                        oracle.observed.append(snapshot(reader(f)))
                    except FourDError as exc:
                        oracle.observed.append(ProbeError(f"error {exc.code}: {exc.message}"))
            return signal

        return observed

    def _subject_reader(self, compiler: Any, subject: str) -> Any:
        """Compile the oracle's variable (``$col``, ``vtResult``, ``$o.name``) in the block's own scope."""
        from ..runtime.errors import FourDError
        from ..syntax import ast
        from ..syntax.errors import FourDSyntaxError
        from ..syntax.parser import parse

        try:
            module = parse(subject + "\n", self.label, self.runtime.methods.lex_options())
            statement = module.body[0]
            if not isinstance(statement, ast.ExpressionStatement):
                return None
            return compiler.expr(statement.expression)
        except (FourDSyntaxError, FourDError, IndexError):
            return None


# -- running pages (in the parent) ---------------------------------------------------------------------


class _Worker:
    """One sandboxed worker process, restarted when it dies or is killed."""

    def __init__(self, settings: dict[str, Any]):
        self.settings = settings
        self.proc: subprocess.Popen[bytes] | None = None
        self.buffer = b""
        self.errors = tempfile.TemporaryFile()

    def start(self) -> None:
        package_parent = str(Path(__file__).resolve().parent.parent.parent)
        env = dict(os.environ, PYTHONPATH=package_parent + os.pathsep + os.environ.get("PYTHONPATH", ""))
        if self.settings.get("tz"):
            env["TZ"] = self.settings["tz"]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "fourd.tools.sandbox"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            env=env,
            cwd=package_parent,
        )
        self.buffer = b""
        self._write(self.settings)

    def _write(self, data: dict[str, Any]) -> None:
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(data) + "\n").encode())
        self.proc.stdin.flush()

    def stop(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self.proc = None

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None and self.proc.stdin:
            try:
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.stop()
        self.errors.close()

    def read_event(self, deadline: float) -> dict[str, Any] | None:
        """The next event, or None at the deadline. Raises EOFError when the worker died."""
        assert self.proc is not None and self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise EOFError
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return json.loads(line)

    def death_note(self) -> str:
        assert self.proc is not None
        code = self.proc.wait()
        self.errors.seek(0)
        tail = self.errors.read().decode(errors="replace").strip().splitlines()[-1:]
        self.errors.seek(0)
        self.errors.truncate()
        why = f"signal {-code}" if code < 0 else f"exit code {code}"
        return f"the worker process died ({why})" + (f": {tail[0]}" if tail else "")

    def run_page(self, page: Page, chain: bool, limits: Limits, on_record: Callable[[dict[str, Any]], None]) -> None:
        blocks = page.blocks
        while blocks:
            if self.proc is None:
                self.start()
            self._write({"blocks": [asdict(b) for b in blocks], "chain": chain})
            done = self._follow(blocks, limits, on_record)
            blocks = blocks[done:]

    def _follow(self, blocks: list[Block], limits: Limits, on_record: Callable[[dict[str, Any]], None]) -> int:
        """Read the events of one job; how many blocks have a record when it ends."""
        count = 0
        current: int | None = None
        deadline = time.monotonic() + 60 + limits.seconds
        while True:
            try:
                event = self.read_event(deadline)
            except EOFError:
                note = self.death_note()
                self.proc = None
                if current is None:
                    return count
                on_record(_failure(blocks[current], "crash", note))
                return current + 1
            if event is None:  # the block did not return: kill the worker
                self.stop()
                if current is None:
                    return len(blocks)  # a stuck worker between blocks: give up on this page
                seconds = limits.seconds + GRACE_SECONDS
                on_record(_failure(blocks[current], "timeout", f"time limit exceeded (killed after {seconds:g} s)"))
                return current + 1
            kind = event["event"]
            if kind == "start":
                current = event["index"]
                deadline = time.monotonic() + limits.seconds + GRACE_SECONDS
            elif kind == "done":
                on_record(event["record"])
                count = event["index"] + 1
                current = None
                deadline = time.monotonic() + 60 + limits.seconds
            elif kind == "page_done":
                return len(blocks)


def _failure(block: Block, code: str, message: str) -> dict[str, Any]:
    record = _record(block)
    record.update(status="error", code=code, message=message)
    return record


def run(
    pages: list[Page],
    chain: bool = False,
    limits: Limits | None = None,
    jobs: int = 1,
    on_record: Callable[[dict[str, Any]], None] | None = None,
    tz: str | None = DOCS_TIME_ZONE,
) -> list[dict[str, Any]]:
    """Run every block of ``pages``; the records in page order.

    ``tz``: the time zone the blocks run in (None: the system's).
    """
    limits = limits or Limits()
    sandbox = Path(tempfile.mkdtemp(prefix="fourd-doctest-"))
    settings = {"sandbox": str(sandbox), "memory_mb": limits.memory_mb, "limits": asdict(limits), "tz": tz}
    results: dict[int, list[dict[str, Any]]] = {}
    lock = threading.Lock()
    local = threading.local()
    workers: list[_Worker] = []

    def run_one(index: int, page: Page) -> None:
        worker = getattr(local, "worker", None)
        if worker is None:
            worker = local.worker = _Worker(settings)
            with lock:
                workers.append(worker)
        records: list[dict[str, Any]] = []

        def record(r: dict[str, Any]) -> None:
            records.append(r)
            if on_record is not None:
                with lock:
                    on_record(r)

        worker.run_page(page, chain, limits, record)
        results[index] = records

    try:
        with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            for future in [pool.submit(run_one, i, p) for i, p in enumerate(pages)]:
                future.result()
    finally:
        for worker in workers:
            worker.close()
        shutil.rmtree(sandbox, ignore_errors=True)
    return [r for i in range(len(pages)) for r in results.get(i, [])]


# -- reporting --------------------------------------------------------------------------------------


class Progress:
    """A live bar on a terminal; a plain line every tenth of the run otherwise."""

    def __init__(self, total: int, stream: TextIO, live: bool):
        self.total = total
        self.stream = stream
        self.live = live
        self.counts: Counter[str] = Counter()
        self.done = 0
        self.last_draw = 0.0
        self.next_line = max(total // 10, 1)

    def __call__(self, record: dict[str, Any]) -> None:
        self.done += 1
        self.counts[record["status"]] += 1
        if self.live:
            now = time.monotonic()
            if now - self.last_draw > 0.1 or self.done == self.total:
                self.last_draw = now
                self._draw(Path(record["path"]).name)
        elif self.done >= self.next_line or self.done == self.total:
            self.next_line += max(self.total // 10, 1)
            self.stream.write(f"doctest: {self.done}/{self.total} blocks  {self._counts()}\n")
            self.stream.flush()

    def _counts(self) -> str:
        return "  ".join(f"{s} {self.counts[s]}" for s in STATUSES if self.counts[s])

    def _draw(self, name: str) -> None:
        width = 24
        filled = int(width * self.done / max(self.total, 1))
        bar = "█" * filled + "░" * (width - filled)
        line = f"\r{bar} {self.done}/{self.total}  {self._counts()}  {name}"
        columns = shutil.get_terminal_size((100, 20)).columns
        self.stream.write(line[: columns - 1].ljust(columns - 1))
        self.stream.flush()

    def finish(self) -> None:
        if self.live and self.done:
            self.stream.write("\n")
            self.stream.flush()


def summary(records: list[dict[str, Any]]) -> str:
    """Tables of the counts by status and by docs section."""
    by_status = Counter(r["status"] for r in records)
    total = len(records)
    lines = ["", f"{'status':<14}{'blocks':>8}{'share':>9}"]
    for status in STATUSES:
        share = 100 * by_status[status] / total if total else 0
        lines.append(f"{status:<14}{by_status[status]:>8}{share:>8.1f}%")
    lines.append(f"{'total':<14}{total:>8}")
    stating = [r for r in records if r["oracles"]]
    runnable = [r for r in stating if r["status"] != "skipped"]
    if stating:
        passed = sum(1 for r in runnable if r["status"] == "passed")
        checked = sum(1 for r in runnable if r["status"] in ("passed", "mismatch"))
        share = f" ({100 * passed / len(runnable):.1f}%)" if runnable else ""
        lines.append(
            f"blocks stating results: {len(stating)}; not skipped: {len(runnable)}, of which passed {passed}{share}, "
            f"checked {checked}, stopped by an error {sum(1 for r in runnable if r['status'] == 'error')}"
        )
    sections = sorted({r["section"] for r in records})
    if len(sections) > 1:
        short = {"syntax error": "syntax"}
        header = f"{'section':<16}" + "".join(f"{short.get(s, s):>9}" for s in STATUSES) + f"{'total':>8}"
        lines += ["", header]
        for section in sorted(sections, key=lambda s: -sum(1 for r in records if r["section"] == s)):
            counts = Counter(r["status"] for r in records if r["section"] == section)
            lines.append(f"{section:<16}" + "".join(f"{counts[s]:>9}" for s in STATUSES) + f"{sum(counts.values()):>8}")
    return "\n".join(lines)


def describe(record: dict[str, Any]) -> str:
    """One line for a failing block: ``path:line: status: message (expected …, got …)``."""
    text = f"{record['path']}:{record['line']}: {record['status']}: {record['message']}"
    if record["status"] == "mismatch" and record["expected"] is not None:
        text += f": expected {record['expected']}, got {record['actual']}"
    return text


# -- command line ---------------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", help="Markdown files or folders")
    parser.add_argument("--chain", action="store_true", help="run the blocks of a page in one runtime")
    parser.add_argument("--json", metavar="FILE", help="write one record per block to FILE")
    parser.add_argument("--allow-errors", action="store_true", help="exit 0 even when blocks fail (surveys)")
    parser.add_argument("--timeout", type=float, default=Limits.seconds, help="seconds per block (default %(default)s)")
    parser.add_argument(
        "--steps", type=int, default=Limits.steps, help="loop iterations per block (default %(default)s)"
    )
    parser.add_argument(
        "--memory", type=int, default=Limits.memory_mb, help="MB of memory per block (default %(default)s)"
    )
    parser.add_argument(
        "--tz",
        default=DOCS_TIME_ZONE,
        help="time zone the blocks run in (default %(default)s, the docs' own; 'system' for the machine's)",
    )
    parser.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default %(default)s)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every block, not only failing ones")
    parser.add_argument("-q", "--quiet", action="store_true", help="no list of failing blocks, only the summary")


def main(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"fourd doctest: no such file or folder: {missing[0]}", file=sys.stderr)
        return 2
    pages = collect(paths)
    total = sum(len(p.blocks) for p in pages)
    progress = Progress(total, sys.stderr, sys.stderr.isatty())
    started = time.monotonic()
    limits = Limits(args.timeout, args.steps, args.memory)
    try:
        tz = None if args.tz == "system" else args.tz
        records = run(pages, args.chain, limits, args.jobs, progress, tz)
    finally:
        progress.finish()
    elapsed = time.monotonic() - started
    if args.json:
        report = {
            "command": " ".join(["fourd doctest", *args.paths] + (["--chain"] if args.chain else [])),
            "tz": args.tz,
            "limits": asdict(limits),
            "summary": dict(Counter(r["status"] for r in records)),
            "seconds": round(elapsed, 1),
            "blocks": records,
        }
        Path(args.json).write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    if not args.quiet:
        for record in records:
            if args.verbose or record["status"] in FAILING:
                print(describe(record))
    print(summary(records))
    print(f"{total} block(s) in {len(pages)} page(s), {elapsed:.1f} s")
    failed = any(r["status"] in FAILING for r in records)
    return 1 if failed and not args.allow_errors else 0
