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
from .registry import command


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
