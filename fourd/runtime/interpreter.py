"""The runtime: methods, processes, variables, name resolution and error dispatch.

A :class:`Runtime` is one running 4D application: its project methods, its
interprocess variables, ``Storage``, its sessions and processes.  Each process
(the main one, and later ``New process`` / workers) has its own process
variables and error handler, and runs on its own thread.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from ..syntax import ast
from ..syntax.cache import parse
from ..syntax.names import build_prefix_table, constant_by_name
from ..syntax.options import LexOptions
from . import (
    blobobject,  # noqa: F401  (registers 4D.Blob)
    files,  # noqa: F401  (registers 4D.File and 4D.Folder)
)
from .classes import ClassLibrary
from .compiler import Compiler
from .errors import AbortExecution, FourDError, error
from .frame import Code, Frame, reads_arguments
from .json4d import from_plain
from .processes import ProcessManager, now_iso
from .processes import tick as process_tick
from .sessions import Session, SessionRegistry
from .shared import make_shared
from .trace import Tracer
from .types import coerce
from .values import UNDEFINED, Object4D


class MethodLibrary:
    """Project methods by name: ``.4dm`` files, parsed and compiled on first call."""

    def __init__(self) -> None:
        self._sources: dict[str, tuple[str, str | None, str]] = {}  # key -> (name, path, text or "")
        self._compiled: dict[str, Code] = {}
        self._lock = threading.RLock()
        self._options: LexOptions | None = None
        self.version = 0  # changes whenever a method is added or replaced (call sites re-resolve)
        self.tables: frozenset[str] = frozenset()  # lower-case table names of a project's catalog
        self.parser: Callable[[str, str, LexOptions], ast.Module] = parse  # a project swaps in a caching parser

    def add_folder(self, folder: Path) -> None:
        for path in sorted(folder.glob("*.4dm")):
            self.add_file(path)

    def add_file(self, path: Path) -> None:
        self._sources[path.stem.lower()] = (path.stem, str(path), "")
        self._options = None
        self.version += 1

    def add_source(self, name: str, text: str, path: str | None = None) -> None:
        self._sources[name.lower()] = (name, path or f"{name}.4dm", text)
        self._compiled.pop(name.lower(), None)
        self._options = None
        self.version += 1

    def set_tables(self, names: list[str]) -> None:
        """Make a catalog's table names known to the lexer (``[Table]`` references)."""
        self.tables = frozenset(n.lower() for n in names)
        self._options = None

    def forget_compiled(self) -> None:
        """Drop compiled code so methods compile anew on their next call (e.g. once tracing starts)."""
        self._compiled.clear()

    def has(self, name: str) -> bool:
        return name.lower() in self._sources

    def names(self) -> list[str]:
        return [v[0] for v in self._sources.values()]

    def lex_options(self) -> LexOptions:
        if self._options is None:
            names = build_prefix_table([v[0] for v in self._sources.values()])
            self._options = LexOptions(extra_names=names, tables=self.tables)
        return self._options

    def source_by_path(self, path: str) -> str | None:
        for display, p, _text in self._sources.values():
            if p == path:
                return self.source(display)[2]
        return None

    def source(self, name: str) -> tuple[str, str, str]:
        display, path, text = self._sources[name.lower()]
        if not text and path:
            text = Path(path).read_text(encoding="utf-8-sig")
        return display, path or display, text

    def get(self, runtime: Runtime, name: str) -> Code | None:
        key = name.lower()
        code = self._compiled.get(key)
        if code is not None:
            return code
        if key not in self._sources:
            return None
        with self._lock:
            code = self._compiled.get(key)
            if code is None:
                display, path, text = self.source(name)
                if runtime.tracer is not None:
                    runtime.tracer.add_source(path, text)
                module = self.parser(text, path, self.lex_options())
                code = runtime.compile_module(module, display, path)
                self._compiled[key] = code
        return code


class MethodSite:
    """A call site of a project method in generated code: finds the method once, then calls it."""

    __slots__ = ("runtime", "name", "code", "call", "version", "ints", "nargs", "direct", "exact", "idirect")

    def __init__(self, runtime: Runtime, name: str, nargs: int = -1):
        self.runtime = runtime
        self.name = name
        self.code: Code | None = None
        self.call: Any = None
        self.version = -1
        self.nargs = nargs  # the number of arguments the site passes
        # The method's code.direct when the site passes exactly its declared parameters (else None).
        self.direct: Any = None
        # Bit i set: the site's argument i has an exact int form (codegen.method_arg); idirect is direct when
        # the method declares all those parameters Integer (the site then passes them as ints).
        self.exact = 0
        self.idirect: Any = None
        # Bit i set: the method's parameter i is declared Integer (generated call sites then pass an exact
        # Integer-minus-constant argument as an int: the value the parameter's coercion would give).
        self.ints = 0

    def resolve(self) -> Callable[[list[Any], Process, Any, Frame | None], Any]:
        """The method's call function (see Runtime.call_of), found again (the library changed since the last call)."""
        runtime = self.runtime
        version = runtime.methods.version
        code = runtime.methods.get(runtime, self.name)
        if code is None:
            raise error("unknown_method", name=self.name)
        ints = sum(1 << i for i, (_slot, type_) in enumerate(code.params) if type_ == "Integer")
        if reads_arguments(code):
            ints = 0  # $1, ${n}, Copy parameters see the arguments as passed: Reals stay Reals
        direct = code.direct if not code.on_server and len(code.params) == self.nargs else None
        self.code, self.call, self.ints, self.direct = code, runtime.call_of(code), ints, direct
        self.idirect = direct if self.exact and self.exact & ints == self.exact else None
        self.version = version  # last: another thread seeing this version sees the fields of this method
        return self.call

    def __call__(self, frame: Frame, args: list[Any]) -> Any:
        call = self.call if self.version == self.runtime.methods.version else self.resolve()
        return call(args, frame.process, None, frame)


class Process:
    """A 4D process: process variables, error handling state, and the session it belongs to."""

    def __init__(self, runtime: Runtime, number: int, name: str, session: Session):
        self.runtime = runtime
        self.number = number
        self.name = name
        self.session = session
        self.vars: dict[str, Any] = {}
        self.try_stack: list[int] = []  # serials of the Try blocks / Try() running, innermost last
        self.last_errors: list[FourDError] = []
        self.error_handler: str | None = None
        self.error_handler_trys: frozenset[int] = frozenset()  # Try blocks running when it was installed
        self.in_handler = False
        self.deferred: list[tuple[Frame, FourDError]] = []  # throw({deferred: True}) not raised yet
        self.assert_enabled: bool | None = None  # SET ASSERT ENABLED(…; *): this process only
        self.aborted = False
        self.thread_id = threading.get_ident()
        self.database_parameters: dict[int, Any] = {}  # SET DATABASE PARAMETER values of process scope
        self.frame: Frame | None = None  # innermost running frame
        # concurrency (fourd/runtime/processes.py): requests from other processes and waits
        self.interrupt = False  # True when a request waits for this process's next loop tick
        self.abort_requested = False
        self.pause_requested = False
        self.delay_until = 0.0
        self.wake = threading.Condition()
        self.waiting_on: threading.Condition | None = None
        self.state = 0  # Executing
        self.type = -1  # Main process
        self.ended = False
        self.created = now_iso()
        self.thread: threading.Thread | None = None
        self.mailbox: Any = None  # a worker's message box
        self.twin: Process | None = None  # server-side twin of a remote client process
        self.twin_of: Process | None = None
        self.promoted: list[tuple[int, str]] = []  # Session.promote() ids and privileges

    @property
    def try_depth(self) -> int:
        return len(self.try_stack)

    def get_var(self, key: str) -> Any:
        return self.vars.get(key, UNDEFINED)

    def set_var(self, key: str, value: Any) -> None:
        self.vars[key] = value


class Runtime:
    def __init__(self, stdout: TextIO | None = None, stderr: TextIO | None = None):
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr
        self.methods = MethodLibrary()
        self.classes = ClassLibrary(self)
        self.interprocess: dict[str, Any] = {}
        self.storage = make_shared(Object4D(), is_storage=True)
        self.sessions = SessionRegistry()
        self.main_session = self.sessions.create("standalone", "Designer")
        self.global_error_handler: str | None = None
        self.database_parameters: dict[int, Any] = {}  # SET DATABASE PARAMETER values of application scope
        self.global_error_handler_trys: frozenset[int] = frozenset()
        self.component_error_handler: str | None = None  # ek errors from components (no components yet)
        self.inline_sources: dict[str, str] = {}  # path -> text of code compiled from a string
        self.assert_enabled = True
        self.user_param = ""
        # Compile-time hook (fourd doctest): an object whose ``observes(compiler)`` says a unit holds
        # statements to watch (it is then compiled to closures) and whose
        # ``instrument(compiler, nodes, stmts)`` may wrap the statements of each block of it.
        self.observer: Any = None
        # The folder file commands must stay inside (None: no restriction). `fourd doctest` sets it
        # to a temporary folder; file commands resolve relative paths against it and refuse any
        # path that leaves it.
        self.sandbox_root: Path | None = None
        self.project: Any = None  # the open project (fourd.runtime.project.Project), if any
        self.filesystems: dict[str, Path] = {}  # "/RESOURCES", "/PROJECT"… -> folder, for file commands
        self.tick: Callable[[Frame], None] = process_tick
        self.manager = ProcessManager(self)
        self.sessions.busy_sessions = self.manager.busy_sessions
        self.tracer: Tracer | None = None  # set before compiling to trace lines (runtime/trace.py)
        self.trace_hook: Callable[[Frame], None] | None = None  # what the TRACE command does
        self._local = threading.local()
        self._process_lock = threading.Lock()
        self.processes: dict[int, Process] = {}
        self._next_process = 1
        self.main_process = self.new_process("Main", self.main_session)
        self._local.process = self.main_process

    # -- processes ---------------------------------------------------------------------
    def new_process(self, name: str, session: Session | None = None) -> Process:
        with self._process_lock:
            number = self._next_process
            self._next_process += 1
            process = Process(self, number, name, session or self.main_session)
            self.processes[number] = process
        return process

    def open_session(
        self, kind: str = "remote", user_name: str = "Designer", idle_minutes: float | None = None
    ) -> Session:
        """A new session of ``kind`` ("remote", "storedProcedure", "web", "rest", "standalone")."""
        if kind == "storedProcedure":
            return self.sessions.stored_procedures()
        return self.sessions.create(kind, user_name, idle_minutes)

    def end_session(self, session: Session) -> None:
        """End ``session``: ``Session storage(its id)`` returns Null from now on."""
        self.sessions.close(session)

    def finish(self, timeout: float | None = None) -> bool:
        """Let processes end and workers empty their boxes, then stop the workers."""
        return self.manager.finish(timeout)

    def current_process(self) -> Process:
        process = getattr(self._local, "process", None)
        if process is None:  # a thread the runtime did not start: give it a process of its own
            process = self.new_process(f"Thread {threading.get_ident()}")
            self._local.process = process
        return process

    def bind_thread(self, process: Process) -> None:
        """Make ``process`` the current process of the calling thread."""
        process.thread_id = threading.get_ident()
        self._local.process = process

    # -- variables -----------------------------------------------------------------------
    def get_interprocess(self, key: str) -> Any:
        return self.interprocess.get(key, UNDEFINED)

    def set_interprocess(self, key: str, value: Any) -> None:
        self.interprocess[key] = value

    # -- compiling --------------------------------------------------------------------------
    def compile_module(self, module: ast.Module, name: str, path: str) -> Code:
        code = Compiler(self, name, path).compile_unit(module.body)
        code.attributes = module.attributes
        code.on_server = bool(module.attributes.get("executedOnServer"))
        return code

    def compile_source(self, source: str, name: str = "<code>", path: str | None = None) -> Code:
        self.inline_sources[path or name] = source
        module = parse(source, path or name, self.methods.lex_options())
        if self.tracer is not None:
            self.tracer.add_source(path or name, source)
        return self.compile_module(module, name, path or name)

    def resolve_name(
        self, compiler: Compiler, node: ast.Name, arg_nodes: list[ast.Node], call_node: Any = None
    ) -> Callable[[Frame], Any]:
        """Bind a bare name or a call: a command, a constant, a project method or a process variable."""
        from ..commands.registry import check_arity, known_command, lookup

        is_call = call_node is not None
        if node.constant_token is not None and not is_call:
            return _constant(node.name)
        cmd = lookup(node.number, node.name)
        if cmd is not None:
            if cmd.hook is not None:
                return cmd.hook(compiler, arg_nodes)
            return _bind_command(cmd, compiler.args(arg_nodes), check_arity, node.line)
        info = known_command(node.number, node.name)
        if info is not None:
            name = info.name

            def not_implemented(f: Frame) -> Any:
                raise error("not_implemented", name=name)

            return not_implemented
        if not is_call and constant_by_name(node.name) is not None:
            return _constant(node.name)
        args = compiler.args(arg_nodes)
        name = node.name
        key = name.lower()
        runtime = self
        line = node.line

        if is_call:

            def call_method(f: Frame) -> Any:
                f.line = line
                return runtime.call_method(name, [a(f) for a in args], f)

            return call_method

        def method_or_variable(f: Frame) -> Any:
            if runtime.methods.has(key):
                f.line = line
                return runtime.call_method(name, [], f)
            return f.process.get_var(key)

        return method_or_variable

    # -- calling ----------------------------------------------------------------------------
    def call_method(self, name: str, args: list[Any], caller: Frame | None = None) -> Any:
        code = self.methods.get(self, name)
        if code is None:
            raise error("unknown_method", name=name)
        process = caller.process if caller is not None else self.current_process()
        # A method a formula names (Formula(Greeting)) sees the formula's This (this.md).
        this = caller.this if caller is not None and caller.code.kind == "formula" else None
        return self.invoke(code, args, process, this, caller)

    def invoke(
        self, code: Code, args: list[Any], process: Process, this: Any = None, caller: Frame | None = None
    ) -> Any:
        """Run ``code`` in a new frame; ``args`` becomes the frame's parameter list (callers pass a fresh list)."""
        if code.on_server and process.twin_of is None and process.session.kind == "remote":
            from .processes import call_on_server  # a remote client's call runs in its server-side twin

            return call_on_server(self, code, args, process, this, caller)
        call = code.call
        if call is not None:
            return call(args, process, this, caller)  # the generated back end's fused version of what follows
        frame = code.enter(args, process, this, caller)  # a wrong argument type is the caller's error
        previous = process.frame
        process.frame = frame
        deferred = process.deferred
        deferred_mark = len(deferred)
        try:
            code.run(frame)
        except FourDError as exc:
            self.unwind(exc, code, frame, process, deferred_mark)
            raise
        finally:
            process.frame = previous
        if len(deferred) > deferred_mark:
            self.raise_deferred(process, deferred_mark)
        if code.result_slot is not None and not frame.returned:
            return frame.slots[code.result_slot]
        result = frame.result
        if code.result_type and result is not UNDEFINED and type(result) is not PYTHON_TYPES.get(code.result_type):
            result = coerce(code.result_type, result)
        return result

    def unwind(self, exc: FourDError, code: Code, frame: Frame, process: Process, deferred_mark: int) -> None:
        """An error leaves a call: add the call to its chain, and the deferred throws of the call to it."""
        exc.call_chain.append((code.name, exc.line or 0) if not exc.call_chain else (code.name, frame.line))
        if len(process.deferred) > deferred_mark:
            pending = self.take_deferred(process, deferred_mark)
            exc.companions = pending + (exc.companions or [exc])

    def unwind_call(self, exc: FourDError, code: Code, frame: Frame, process: Process) -> None:
        """:meth:`unwind` for generated ``code.call``, which keeps no deferred mark (see :meth:`deferred_mark`)."""
        self.unwind(exc, code, frame, process, self.deferred_mark(process, frame) if process.deferred else 0)

    def settle_deferred(self, process: Process, frame: Frame) -> None:
        """A generated call returns while deferred throws are queued: raise the ones of this call, if any."""
        mark = self.deferred_mark(process, frame)
        if mark < len(process.deferred):
            self.raise_deferred(process, mark)

    @staticmethod
    def deferred_mark(process: Process, frame: Frame) -> int:
        """Where the deferred throws of the call running ``frame`` start in ``process.deferred``.  Generated
        calls keep no mark (deferred throws are rare): the throws of a call are the last ones queued, those
        made in its frame or in a frame it called (calls it made already took theirs, Try blocks too)."""
        pending = process.deferred
        mark = len(pending)
        while mark > 0:
            thrower: Frame | None = pending[mark - 1][0]
            while thrower is not None and thrower is not frame:
                thrower = thrower.caller
            if thrower is None:
                break
            mark -= 1
        return mark

    def raise_deferred(self, process: Process, deferred_mark: int) -> None:
        """Deferred throws reach the caller when the method returns (throw.md)."""
        pending = self.take_deferred(process, deferred_mark)
        first = pending[0]
        first.companions = pending if len(pending) > 1 else []
        raise first

    def call_of(self, code: Code) -> Callable[[list[Any], Process, Any, Frame | None], Any]:
        """``fn(args, process, this, caller)`` calling ``code`` as :meth:`invoke` does, as directly as possible."""
        if code.call is not None and not code.on_server:
            return code.call
        return partial(self.invoke, code)

    def run_code(self, code: Code, args: list[Any] | None = None, process: Process | None = None) -> Any:
        return self.invoke(code, list(args or []), process or self.current_process())

    def run_source(self, source: str, path: str = "<code>", args: list[Any] | None = None) -> Any:
        name = Path(path).stem if path != "<code>" else path
        return self.run_code(self.compile_source(source, name, path), args)

    # -- errors -----------------------------------------------------------------------------
    # The rules (error-handling.md, on-err-call.md): a Try block or Try() catches the errors of
    # the code it runs, unless an ON ERR CALL handler was installed inside it; otherwise the
    # process's local handler, else the global one, gets the error and execution goes on with
    # the next statement; without a handler the error stops the code.
    def on_error(self, exc: FourDError, frame: Frame) -> None:
        """An error reached a statement boundary: give it to ``ON ERR CALL`` or let it stop the code."""
        process = frame.process
        if process.in_handler or exc.seen_by_handler:
            raise exc  # "If an error occurs in the error-handling method itself, 4D takes over"
        if process.error_handler:
            handler, installed_in = process.error_handler, process.error_handler_trys
        elif self.global_error_handler:
            handler, installed_in = self.global_error_handler, self.global_error_handler_trys
        else:
            raise exc
        if process.try_stack and process.try_stack[-1] not in installed_in:
            raise exc  # a Try opened after the handler was installed takes the error
        self.record_error(exc, frame)
        code = self.methods.get(self, handler)
        if code is None:
            raise error("error_handler_missing", name=handler)
        process.in_handler = True
        try:
            self.invoke(code, [], process, None, frame)
        finally:
            process.in_handler = False

    def record_error(self, exc: FourDError, frame: Frame, extra: list[FourDError] | None = None) -> None:
        """Make ``exc`` (and the errors raised with it) the current error stack and fill ``Error``…"""
        process = frame.process
        stack = list(exc.companions) if exc.companions else [exc]
        if extra:
            stack = list(extra) + [e for e in stack if e not in extra]
        process.last_errors = stack
        first = stack[0]
        process.set_var("error", int(first.code))
        process.set_var("error method", first.method or frame.code.name)
        process.set_var("error line", int(first.line or 0))
        process.set_var("error formula", self.source_line(first.path, first.line))

    def take_deferred(self, process: Process, mark: int) -> list[FourDError]:
        """Remove and return the deferred errors queued since ``mark``."""
        pending = [exc for _frame, exc in process.deferred[mark:]]
        del process.deferred[mark:]
        return pending

    def source_line(self, path: str | None, line: int | None) -> str:
        """The text of line ``line`` of the source at ``path`` ("" when unknown): Error formula, Call chain."""
        if not path or not line:
            return ""
        text = self.inline_sources.get(path)
        if text is None:
            text = self.methods.source_by_path(path) or self.classes.source_by_path(path)
        if text is None:
            try:
                text = Path(path).read_text(encoding="utf-8-sig")
            except OSError:
                return ""
            self.inline_sources[path] = text
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return lines[line - 1].strip() if 0 < line <= len(lines) else ""

    def last_errors_collection(self, process: Process) -> Any:
        return from_plain([error_object(e) for e in process.last_errors])


def error_object(exc: FourDError) -> dict[str, Any]:
    """An element of ``Last errors``: errCode, message, componentSignature (+ a thrown object's own properties)."""
    out: dict[str, Any] = {}
    if exc.fields:
        out.update(exc.fields)
    out["errCode"] = exc.code
    out["message"] = exc.message
    out["componentSignature"] = exc.signature
    return out


PYTHON_TYPES = {"Text": str, "Integer": int, "Real": float, "Boolean": bool}


def constant_value(name: str) -> Any:
    """The value of the 4D constant ``name`` (a FourDError when fourd does not know it)."""
    return _constant(name)(None)  # type: ignore[arg-type]


def _constant(name: str) -> Callable[[Frame], Any]:
    info = constant_by_name(name)
    value: Any = None
    known = info is not None and info.raw_value != ""
    if known:
        raw = info.raw_value
        if info.type == "Text":
            value = raw
        else:
            try:
                value = int(raw) if info.type == "Integer" or raw.lstrip("-").isdigit() else float(raw)
            except ValueError:
                value = raw
    else:
        from ..commands.constants import extra_constant

        extra = extra_constant(name)
        if extra is not None:
            known = True
            value = extra
    if not known:
        display = info.name if info else name

        def unknown(f: Frame) -> Any:
            raise error("unknown_constant_value", name=display)

        return unknown
    return lambda f: value


def _bind_command(cmd: Any, args: list[Callable[[Frame], Any]], check_arity: Any, line: int) -> Callable[[Frame], Any]:
    """A closure calling ``cmd`` with its evaluated arguments; arity is checked at compile time."""
    fn = cmd.fn
    n = len(args)
    try:
        check_arity(cmd, n)
    except FourDError:

        def wrong_arity(f: Frame) -> Any:
            check_arity(cmd, n)  # raises a fresh error, located where the call runs

        return wrong_arity
    if n == 0:
        return lambda f: fn(f)
    if n == 1:
        a0 = args[0]
        return lambda f: fn(f, a0(f))
    if n == 2:
        a0, a1 = args
        return lambda f: fn(f, a0(f), a1(f))
    if n == 3:
        a0, a1, a2 = args
        return lambda f: fn(f, a0(f), a1(f), a2(f))
    return lambda f: fn(f, *[a(f) for a in args])


__all__ = ["Runtime", "Process", "MethodLibrary", "AbortExecution"]
