"""Processes, workers and signals (commands/theme/Processes.md, Develop/processes.md, API/SignalClass.md)."""

from __future__ import annotations

from typing import Any

from ..runtime import processes as P
from ..runtime.callables import expect_callable
from ..runtime.compiler import STAR
from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.signals import Signal
from . import args as A
from .registry import command, headless_only_error


def _split_star(rest: tuple[Any, ...]) -> tuple[list[Any], bool]:
    """Trailing ``*`` of New process / Execute on server: the unique-process flag."""
    values = list(rest)
    unique = bool(values) and values[-1] is STAR
    if unique:
        values.pop()
    return values, unique


def _start(f: Frame, cmd: str, method: Any, stack: Any, name: Any, rest: tuple[Any, ...], session: Any = None) -> int:
    A.number(stack, cmd, 2)  # the stack size is accepted and ignored: Python threads size their own
    params, unique = _split_star(rest)
    if name is STAR:
        name, unique = A.MISSING, True
    process_name = "" if name is A.MISSING else A.text(name, cmd, 3)
    expect_callable(method, cmd, 1)
    return f.process.runtime.manager.new_process(f, method, process_name, params, unique, session)


@command("New process")
def new_process(f: Frame, method: Any, stack: Any, name: Any = A.MISSING, *rest: Any) -> int:
    return _start(f, "New process", method, stack, name, rest)


@command("Execute on server")
def execute_on_server(f: Frame, method: Any, stack: Any, name: Any = A.MISSING, *rest: Any) -> int:
    """A stored procedure: a process of the stored procedures' session (single-user 4D runs it locally)."""
    session = f.process.runtime.sessions.stored_procedures()
    return _start(f, "Execute on server", method, stack, name, rest, session)


@command("Current process")
def current_process(f: Frame) -> int:
    return f.process.number


@command("Current process name")
def current_process_name(f: Frame) -> str:
    return f.process.name


@command("Process number")
def process_number(f: Frame, name: Any, star: Any = A.MISSING) -> int:
    wanted = A.text(name, "Process number", 1)
    manager = f.process.runtime.manager
    found = manager.find_by_name(wanted)
    if found is None and wanted.isdigit():  # the id form (20 R7): Process info's "ID"
        process = manager.get(int(wanted))
        found = process if process is not None and not process.ended else None
    return found.number if found is not None else 0


def _process_arg(f: Frame, value: Any, cmd: str) -> Any:
    return f.process.runtime.manager.get(A.integer(value, cmd, 1))


@command("Process state")
def process_state(f: Frame, number: Any) -> int:
    process = _process_arg(f, number, "Process state")
    return P.DOES_NOT_EXIST if process is None else process.state


@command("Process info")
def process_info(f: Frame, number: Any) -> Any:
    process = _process_arg(f, number, "Process info")
    return None if process is None else P.process_info(process)


@command("Count tasks")
def count_tasks(f: Frame) -> int:
    live = f.process.runtime.manager.live()
    return max((p.number for p in live), default=0)


@command("Count user processes")
def count_user_processes(f: Frame) -> int:
    return len(f.process.runtime.manager.live())


@command("Count users")
def count_users(f: Frame) -> int:
    # 1 in single-user (commands/count-users.md); fourd adds the remote sessions the runtime opened
    remote = [s for s in f.process.runtime.sessions.all() if s.kind == "remote"]
    return max(1, len(remote))


@command("DELAY PROCESS")
def delay_process(f: Frame, number: Any, duration: Any) -> None:
    process = _process_arg(f, number, "DELAY PROCESS")
    seconds = float(A.number(duration, "DELAY PROCESS", 2)) / P.TICKS_PER_SECOND
    if process is None or process.ended:
        return
    if process is f.process:
        P.sleep(process, seconds)
    else:
        P.request_delay(process, seconds)


@command("PAUSE PROCESS")
def pause_process(f: Frame, number: Any) -> None:
    process = _process_arg(f, number, "PAUSE PROCESS")
    runtime = f.process.runtime
    # never the main process (commands/pause-process.md), and not oneself: nobody could resume it
    if process is None or process.ended or process is runtime.main_process or process is f.process:
        return
    P.request_pause(process)


@command("RESUME PROCESS")
def resume_process(f: Frame, number: Any) -> None:
    process = _process_arg(f, number, "RESUME PROCESS")
    if process is not None and not process.ended:
        P.request_resume(process)


@command("ABORT PROCESS BY ID")
def abort_process_by_id(f: Frame, unique_id: Any) -> None:
    """4D Server only in 4D; fourd, which also plays the server, always honours it."""
    process = _process_arg(f, unique_id, "ABORT PROCESS BY ID")
    if process is None or process.ended:
        return
    P.request_abort(process)
    if process is f.process:
        P.service_requests(process)  # aborting oneself stops here


@command("Process aborted")
def process_aborted(f: Frame) -> bool:
    return f.process.aborted


# -- workers ------------------------------------------------------------------------------
@command("CALL WORKER")
def call_worker(f: Frame, target: Any, formula: Any, *params: Any) -> None:
    f.process.runtime.manager.call_worker(f, target, formula, list(params))


@command("KILL WORKER")
def kill_worker(f: Frame, target: Any = A.MISSING) -> None:
    f.process.runtime.manager.kill_worker(f, None if target is A.MISSING else target)


@command("CALL FORM")
def call_form(f: Frame, window: Any, formula: Any, *params: Any) -> None:
    raise error("call_form_headless")


@command("New signal")
def new_signal(f: Frame, description: Any = A.MISSING) -> Signal:
    return Signal("" if description is A.MISSING else A.text(description, "New signal", 1))


# -- GET PROCESS VARIABLE, SET PROCESS VARIABLE, VARIABLE TO VARIABLE -------------------------------


def _process_var_key(compiler: Any, node: Any, cmd: str) -> tuple[str, str, Any]:
    """("process" | "interprocess", lower-case name, element index closure or None) of a variable
    argument that designates a variable of *another* process.  Local variables are refused (docs)."""
    from ..syntax import ast

    index = None
    if isinstance(node, ast.ArrayElement):
        index = compiler.expr(node.index)  # the index is evaluated in the calling process
        node = node.target
    if isinstance(node, ast.InterprocessVar):
        return "interprocess", node.name.lower(), index
    if isinstance(node, ast.ProcessVar) or (isinstance(node, ast.Name) and not getattr(node, "args", None)):
        return "process", node.name.lower(), index
    if isinstance(node, ast.LocalVar):
        raise error(
            "wrong_param_type", name=cmd, index=2, expected="a process or interprocess variable", got="a local variable"
        )
    raise error("wrong_param_type", name=cmd, index=2, expected="a variable", got="an expression")


def _transfer(value: Any, cmd: str) -> Any:
    """A value as it arrives in another process: its own copy (processes share nothing but
    shared objects and collections).  Pointers cannot travel (docs)."""
    from ..runtime.propertypath import deep_copy
    from ..runtime.values import Array4D, Blob4D, Collection4D, Object4D, Pointer4D

    t = type(value)
    if t is Pointer4D:
        raise error("wrong_param_type", name=cmd, index=2, expected="a variable that is not a pointer", got="Pointer")
    if t is Array4D:
        if value.dims > 1 or value.type == "Pointer":
            raise error("wrong_param_type", name=cmd, index=2, expected="a one-dimension array of values", got="array")
        copy = Array4D(value.type, [_transfer(v, cmd) for v in value.items])
        copy.current = value.current
        return copy
    if t is Blob4D:
        return Blob4D(value.data)
    if (t is Object4D or t is Collection4D) and not value.shared:
        return deep_copy(value)
    return value


def _other_process(f: Frame, number: Any, cmd: str) -> Any:
    """The process numbered ``number``, or None when there is none.

    A negative number designates a stored procedure of 4D Server from a client, any negative
    number the server's interprocess variables: fourd runs stored procedures in the same
    runtime, so a negative number gives a process that reaches only interprocess variables.
    """
    n = A.integer(number, cmd, 1)
    if n < 0:
        return _ServerSide(f.process.runtime)
    process = f.process.runtime.processes.get(n)
    return None if process is None or process.ended else process


class _ServerSide:
    """The "any negative number" process: interprocess variables only."""

    def __init__(self, runtime: Any):
        self.runtime = runtime

    def get_var(self, key: str) -> Any:
        from ..runtime.values import UNDEFINED

        return UNDEFINED

    def set_var(self, key: str, value: Any) -> None:
        raise error(
            "wrong_param_type",
            name="SET PROCESS VARIABLE",
            index=1,
            expected="the number of an existing process",
            got="a negative number",
        )


def _read_in(process: Any, kind: str, key: str, index: Any, f: Frame) -> Any:
    from ..runtime.values import UNDEFINED, Array4D

    value = process.runtime.get_interprocess(key) if kind == "interprocess" else process.get_var(key)
    if index is None:
        return value  # a variable that does not exist reads as undefined (docs, interpreted mode)
    if type(value) is not Array4D:
        return UNDEFINED
    return value.get(A.integer(index(f), "GET PROCESS VARIABLE", 2))


def _write_in(process: Any, kind: str, key: str, index: Any, f: Frame, value: Any) -> None:
    from ..runtime.values import Array4D

    if index is not None:
        array = process.runtime.get_interprocess(key) if kind == "interprocess" else process.get_var(key)
        if type(array) is not Array4D:
            raise error("not_indexable", got="Undefined" if array is None else type(array).__name__)
        array.set(A.integer(index(f), "SET PROCESS VARIABLE", 2), value)
    elif kind == "interprocess":
        process.runtime.set_interprocess(key, value)
    else:
        current = process.get_var(key)
        if type(current) in (int, float) and type(value) in (int, float):
            value = type(current)(value)  # a Longint variable stays a Longint (4D converts between numbers)
        process.set_var(key, value)


def _pairs_hook(cmd: str, source_first: bool) -> Any:
    """The hook of the three commands: ``(process; a; b {; a2; b2…})``.

    ``source_first``: GET PROCESS VARIABLE reads ``a`` in the other process into ``b`` here;
    SET PROCESS VARIABLE / VARIABLE TO VARIABLE write ``b`` (evaluated here) into ``a`` there.
    """

    def hook(compiler: Any, nodes: list[Any]) -> Any:
        if len(nodes) < 3 or len(nodes) % 2 == 0:
            count = len(nodes)

            def wrong(f: Frame) -> Any:
                raise error(
                    "wrong_param_count",
                    name=cmd,
                    detail=f"expects a process and pairs of variables, got {count} parameter(s)",
                )

            return wrong
        number = compiler.expr(nodes[0])
        pairs = []
        for there, here in zip(nodes[1::2], nodes[2::2], strict=True):
            remote = _process_var_key(compiler, there, cmd)
            local = compiler.store(here) if source_first else compiler.expr(here)
            pairs.append((remote, local))

        def run(f: Frame) -> None:
            which = number(f)
            process = _other_process(f, which, cmd)
            if process is None:
                if source_first:
                    return  # GET PROCESS VARIABLE: "this command has no effect"
                raise error("unknown_process", name=cmd, number=str(A.integer(which, cmd, 1)))  # documented
            for (kind, key, index), local in pairs:
                if source_first:
                    local(f, _transfer(_read_in(process, kind, key, index, f), cmd))
                    continue
                value = local(f)
                if cmd == "SET PROCESS VARIABLE" and index is None and type(value).__name__ == "Array4D":
                    # documented: whole arrays go through VARIABLE TO VARIABLE
                    raise error(
                        "wrong_param_type", name=cmd, index=3, expected="a value that is not an array", got="array"
                    )
                _write_in(process, kind, key, index, f, _transfer(value, cmd))

        return run

    return hook


command("GET PROCESS VARIABLE", hook=True)(_pairs_hook("GET PROCESS VARIABLE", True))
command("SET PROCESS VARIABLE", hook=True)(_pairs_hook("SET PROCESS VARIABLE", False))
command("VARIABLE TO VARIABLE", hook=True)(_pairs_hook("VARIABLE TO VARIABLE", False))


for _name in ("REGISTER CLIENT", "UNREGISTER CLIENT", "GET REGISTERED CLIENTS", "EXECUTE ON CLIENT"):
    headless_only_error(_name, "needs 4D Server and its remote clients")


@command("IDLE")
def idle(f: Frame) -> None:
    """Let other processes run and this one answer requests (abort, pause…): a yield of the thread."""
    import time

    time.sleep(0)
    f.process.runtime.tick(f)
