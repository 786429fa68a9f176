"""Processes and workers running on their own threads (Develop/processes.md).

A :class:`ProcessManager` belongs to a runtime.  It starts ``New process``
processes and workers on Python threads, keeps the workers' mailboxes, and
carries requests from one process to another (abort, pause, delay): the target
sees them at its next loop iteration, through :func:`tick`, or at once when it
is blocked in a wait that goes through :func:`wait_on`.

State and type numbers are 4D's (commands/process-state.md, process-info.md).
"""

from __future__ import annotations

import datetime as _dt
import threading
import time
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from .callables import expect_callable
from .errors import AbortExecution, FourDError, error
from .frame import Code, Frame
from .values import Collection4D, Object4D

if TYPE_CHECKING:  # pragma: no cover
    from .interpreter import Process, Runtime
    from .sessions import Session

# Process state (Process state / Process info "state")
DOES_NOT_EXIST = -100
ABORTED = -1
EXECUTING = 0
DELAYED = 1
WAITING_FOR_EVENT = 2
WAITING_FOR_FLAG = 4
PAUSED = 5

# Process type (Process info "type")
TYPE_MAIN = -1
TYPE_EXECUTE_ON_SERVER = 1
TYPE_OTHER_USER = 4
TYPE_WORKER = 5
TYPE_SERVER_TWIN = -18  # "Internal 4D server process": the twin of a remote client process

TICKS_PER_SECOND = 60.0


def now_iso() -> str:
    stamp = _dt.datetime.now(_dt.UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z"


# -- requests between processes ---------------------------------------------------------
def tick(frame: Frame) -> None:
    """Called by every loop iteration: a cheap test, then the slow path only if asked."""
    if frame.process.interrupt:
        service_requests(frame.process)


def service_requests(process: Process) -> None:
    """Honour what other processes asked of ``process``: abort, pause, delay."""
    cond = process.wake
    with cond:
        while True:
            if process.abort_requested:
                raise AbortExecution()
            if process.pause_requested:
                process.state = PAUSED
                cond.wait()
                continue
            remaining = process.delay_until - time.monotonic()
            if remaining > 0:
                process.state = DELAYED
                cond.wait(remaining)
                continue
            break
        process.delay_until = 0.0
        process.interrupt = False
        process.state = EXECUTING


def request_abort(process: Process) -> None:
    process.aborted = True
    process.abort_requested = True
    _poke(process)


def request_pause(process: Process) -> None:
    process.pause_requested = True
    _poke(process)


def request_delay(process: Process, seconds: float) -> None:
    process.delay_until = time.monotonic() + seconds if seconds > 0 else 0.0
    _poke(process)


def request_resume(process: Process) -> None:
    process.pause_requested = False
    process.delay_until = 0.0
    _poke(process)


def _poke(process: Process) -> None:
    """Make ``process`` look at its requests: at its next tick, and now if it is waiting."""
    process.interrupt = True
    with process.wake:
        process.wake.notify_all()
    waiting = process.waiting_on
    if waiting is not None:
        with waiting:
            waiting.notify_all()


def wait_on(
    process: Process, cond: threading.Condition, done: Callable[[], bool], timeout: float | None, state: int
) -> bool:
    """Block ``process`` until ``done()`` (checked under ``cond``) or ``timeout`` seconds.

    Other processes can still abort, pause or delay it meanwhile; the main process
    runs the messages posted to it while it waits (it is a worker in 4D).
    Returns ``done()``.
    """
    deadline = None if timeout is None else time.monotonic() + max(timeout, 0.0)
    manager: ProcessManager = process.runtime.manager
    process.waiting_on = cond
    try:
        while True:
            if process.interrupt:
                service_requests(process)
            if process is process.runtime.main_process and manager.main_box.queue:
                manager.run_main_messages()
            with cond:
                if done():
                    return True
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                if process.interrupt or (process is process.runtime.main_process and manager.main_box.queue):
                    continue
                process.state = state
                cond.wait(remaining)
                process.state = EXECUTING
    finally:
        process.waiting_on = None


def sleep(process: Process, seconds: float) -> None:
    """``DELAY PROCESS`` on oneself: wait without using the CPU, still abortable."""
    process.state = DELAYED
    wait_on(process, process.wake, lambda: False, seconds, DELAYED)


def process_info(process: Process, with_session: bool = False) -> Object4D:
    """The object of ``Process info`` (commands/process-info.md); ``Process activity`` adds "session"."""
    thread = process.thread
    ident = thread.ident if thread is not None else process.thread_id
    native = getattr(thread, "native_id", None) if thread is not None else None
    props: dict[str, Any] = {
        "cpuTime": _cpu_time(ident) if not process.ended else 0.0,
        "cpuUsage": 0.0,
        "creationDateTime": process.created,
        "ID": process.number,
        "name": process.name,
        "number": process.number,
        "preemptive": False,  # interpreted code: always cooperative (Develop/preemptive-processes.md)
        "sessionID": process.session.id,
        "state": process.state,
        "systemID": str(native if native is not None else ident),
        "type": process.type,
        "visible": True,
    }
    if with_session:
        props["session"] = process.session.info()
    return Object4D(props)


def _cpu_time(ident: int | None) -> float:
    try:
        return time.clock_gettime(time.pthread_getcpuclockid(ident))  # type: ignore[arg-type]
    except (AttributeError, OSError, TypeError, OverflowError):
        return 0.0


# -- values crossing processes -------------------------------------------------------------
def copy_for_process(value: Any) -> Any:
    """Objects and collections go to another process by copy, shared ones by reference."""
    t = type(value)
    if t is Object4D:
        if value.shared:
            return value
        return Object4D({k: copy_for_process(v) for k, v in value.props.items()}, value.cls)
    if t is Collection4D:
        if value.shared:
            return value
        return Collection4D([copy_for_process(v) for v in value.items])
    return value


def root_frame(process: Process, name: str) -> Frame:
    """The frame a process method is called from (there is no 4D caller)."""
    code = Code(
        name=name, path=name, kind="method", run=lambda f: None, nslots=0, slot_names=[], slot_types={}, params=[]
    )
    return Frame(code, [], process)


# -- methods executed on the server ------------------------------------------------------
def call_on_server(
    runtime: Runtime, code: Code, args: list[Any], process: Process, this: Any, caller: Frame | None
) -> Any:
    """An ``executedOnServer`` method called by a remote client process runs in its twin process.

    The twin belongs to the same session, has its own process variables and is kept
    for later calls (Develop/processes.md, "Remote processes").  Objects cross by copy
    both ways, as they would through the network.
    """
    twin = process.twin
    if twin is None:
        twin = runtime.new_process(process.name, process.session)
        twin.type = TYPE_SERVER_TWIN
        twin.twin_of = process
        process.twin = twin
    manager: ProcessManager = runtime.manager
    manager.running.add(twin)
    runtime.bind_thread(twin)
    try:
        result = runtime.invoke(code, [copy_for_process(a) for a in args], twin, this, caller)
    finally:
        runtime.bind_thread(process)
        manager.running.discard(twin)
        process.session.touch()
    return copy_for_process(result)


# -- workers ----------------------------------------------------------------------------------
class Mailbox:
    """The message box of a worker: formulas with their parameters, run in order."""

    def __init__(self, name: str):
        self.name = name
        self.queue: deque[tuple[Any, list[Any]]] = deque()
        self.cond = threading.Condition()
        self.process: Process | None = None
        self.thread: threading.Thread | None = None
        self.startup: Any = None  # what the first message ran: reused for an empty formula
        self.killed = False
        self.busy = False


class ProcessManager:
    """Starts processes and workers of one runtime and keeps their mailboxes."""

    def __init__(self, runtime: Runtime):
        self.runtime = runtime
        self.lock = threading.RLock()
        self.workers: dict[str, Mailbox] = {}  # by name, case-sensitive (Develop/processes.md)
        self.main_box = Mailbox("Main")
        self.threads: list[threading.Thread] = []
        self.errors: list[tuple[str, FourDError]] = []  # errors no handler caught, by process name
        self.running: set[Process] = set()  # processes running code (not idle workers, not ended)

    # -- New process ------------------------------------------------------------------
    def new_process(
        self, caller: Frame, method: Any, name: str, args: list[Any], unique: bool, session: Session | None = None
    ) -> int:
        """Start ``method`` in a new process of ``session`` (the caller's by default); its number."""
        runtime = self.runtime
        if type(method) is str and runtime.methods.get(runtime, method) is None:  # the command checked the type
            raise error("unknown_method", name=method)
        with self.lock:
            if unique:
                existing = self.find_by_name(name)
                if existing is not None:
                    return existing.number
            process = runtime.new_process(name, session or caller.process.session)
            process.type = TYPE_OTHER_USER if session is None else TYPE_EXECUTE_ON_SERVER
        args = [copy_for_process(a) for a in args]
        self._start(process, lambda: self._run_method(process, method, args), name)
        return process.number

    def _start(self, process: Process, body: Callable[[], None], name: str) -> threading.Thread:
        def run() -> None:
            self.runtime.bind_thread(process)
            try:
                body()
            finally:
                self._ended(process)

        thread = threading.Thread(target=run, name=f"4D process {process.number} {name}", daemon=True)
        process.thread = thread
        with self.lock:
            self.threads = [t for t in self.threads if t.is_alive()]
            self.threads.append(thread)
        process.session.touch()
        thread.start()
        return thread

    def _run_method(self, process: Process, method: Any, args: list[Any]) -> None:
        from .callables import call_callable

        frame = root_frame(process, process.name)
        self.run_guarded(process, lambda: call_callable(frame, method, args))

    def run_guarded(self, process: Process, body: Callable[[], Any]) -> None:
        """Run process code; an uncaught 4D error is reported (4D would show its error dialog)."""
        self.running.add(process)
        try:
            body()
        except AbortExecution:
            pass
        except FourDError as exc:
            self.report(process, exc)
        except RecursionError:
            self.report(process, error("internal", detail="stack overflow (too many nested calls)"))
        finally:
            self.running.discard(process)
            process.session.touch()

    def busy_sessions(self) -> set[str]:
        return {p.session.id for p in list(self.running)}

    def report(self, process: Process, exc: FourDError) -> None:
        with self.lock:
            self.errors.append((process.name, exc))
        try:
            where = exc.format() if exc.located() else f"error {exc.code}: {exc.message}"
            print(f"process {process.number} ({process.name}): {where}", file=self.runtime.stderr)
        except ValueError:  # the stream was closed (a test finished): the error is in .errors
            pass

    def end(self, process: Process) -> None:
        """Mark a process ended (for processes bound to threads the runtime API user started)."""
        self._ended(process)

    def _ended(self, process: Process) -> None:
        process.state = ABORTED  # an ended process reads as Aborted (commands/count-tasks.md)
        process.ended = True
        process.interrupt = False
        process.session.touch()
        with process.wake:
            process.wake.notify_all()

    # -- lookups -------------------------------------------------------------------------
    def find_by_name(self, name: str) -> Process | None:
        for process in list(self.runtime.processes.values()):
            if process.name == name and not process.ended:
                return process
        return None

    def get(self, number: int) -> Process | None:
        return self.runtime.processes.get(number)

    def live(self) -> list[Process]:
        return [p for p in list(self.runtime.processes.values()) if not p.ended]

    # -- workers -------------------------------------------------------------------------------
    def call_worker(self, caller: Frame, target: Any, formula: Any, args: list[Any]) -> None:
        expect_callable(formula, "CALL WORKER", 2)
        me = caller.process
        box = self._box_for(target, me)
        if box is None:
            return
        with box.cond:
            if box.killed and box.process is me:
                return  # a killed worker calling itself: nothing (commands/kill-worker.md)
            if formula == "":
                formula = box.startup
                if formula is None:
                    return  # the main process has no startup method
            if box.process is not me:
                args = [copy_for_process(a) for a in args]
            box.queue.append((formula, args))
            box.cond.notify_all()
            needs_process = box is not self.main_box and (box.process is None or box.killed or box.process.ended)
            if needs_process:
                if box.startup is None:
                    box.startup = formula
                self._start_worker(box, caller.process.session)
        if box is self.main_box:
            main = self.runtime.main_process
            waiting = main.waiting_on
            if waiting is not None:
                with waiting:
                    waiting.notify_all()

    def _box_for(self, target: Any, me: Process) -> Mailbox | None:
        if type(target) is str:
            with self.lock:
                box = self.workers.get(target)
                if box is None:
                    box = self.workers[target] = Mailbox(target)
                return box
        if type(target) in (int, float) and type(target) is not bool:
            number = int(target)
            if number == self.runtime.main_process.number:
                return self.main_box
            process = self.get(number)
            if process is None or process.mailbox is None or process.ended:
                return None  # not a worker: nothing (commands/call-worker.md)
            return process.mailbox
        raise error(
            "wrong_param_type",
            name="CALL WORKER",
            index=1,
            expected="a process name or number",
            got=type(target).__name__,
        )

    def _start_worker(self, box: Mailbox, session: Session) -> None:
        """A new process for ``box`` (called with ``box.cond`` held); it waits for the previous one to end."""
        previous = box.thread
        process = self.runtime.new_process(box.name, session)
        process.type = TYPE_WORKER
        process.mailbox = box
        box.process = process
        box.killed = False

        def body() -> None:
            if previous is not None and previous is not threading.current_thread():
                previous.join()
            self._worker_loop(box, process)

        box.thread = self._start(process, body, box.name)

    def _worker_loop(self, box: Mailbox, process: Process) -> None:
        from .callables import call_callable

        frame = root_frame(process, box.name)
        while True:
            with box.cond:
                process.waiting_on = box.cond
                while not box.queue and not self._worker_stops(box, process):
                    process.state = WAITING_FOR_EVENT
                    box.cond.wait()
                process.waiting_on = None
                if self._worker_stops(box, process):
                    if box.process is process:
                        box.queue.clear()
                    return
                formula, args = box.queue.popleft()
                box.busy = True
            process.state = EXECUTING
            try:
                self.run_guarded(process, partial(call_callable, frame, formula, args))
            finally:
                with box.cond:
                    box.busy = False
                    box.cond.notify_all()
            process.session.touch()
            if process.abort_requested:
                return

    @staticmethod
    def _worker_stops(box: Mailbox, process: Process) -> bool:
        # a newer process of the same worker owns the box once this one was killed
        return box.killed or process.abort_requested or box.process is not process

    def run_main_messages(self) -> None:
        """The main process is a worker too: it runs its messages when it listens (waits or ends)."""
        from .callables import call_callable

        box = self.main_box
        process = self.runtime.main_process
        frame = root_frame(process, process.name)
        while True:
            with box.cond:
                if not box.queue:
                    return
                formula, args = box.queue.popleft()
            self.run_guarded(process, partial(call_callable, frame, formula, args))

    def kill_worker(self, caller: Frame, target: Any = None) -> None:
        me = caller.process
        if target is None:
            box = me.mailbox if me is not self.runtime.main_process else self.main_box
        elif type(target) is str:
            with self.lock:
                box = self.workers.get(target)
        elif type(target) in (int, float) and type(target) is not bool:
            number = int(target)
            if number == self.runtime.main_process.number:
                box = self.main_box
            else:
                process = self.get(number)
                box = process.mailbox if process is not None else None
        else:
            raise error(
                "wrong_param_type",
                name="KILL WORKER",
                index=1,
                expected="a process name or number",
                got=type(target).__name__,
            )
        if box is None:
            return
        with box.cond:
            box.queue.clear()
            if box is not self.main_box:  # the main process only empties its box
                box.killed = True
            box.cond.notify_all()

    # -- the end ------------------------------------------------------------------------------
    def finish(self, timeout: float | None = None) -> bool:
        """Wait until processes have ended and workers are idle, then stop the workers.

        Returns False if ``timeout`` seconds passed first.  The main process runs its
        own messages meanwhile.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            self.run_main_messages()
            if self._idle():
                break
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.005)
        with self.lock:
            boxes = list(self.workers.values())
        for box in boxes:
            with box.cond:
                box.killed = True
                box.cond.notify_all()
        for box in boxes:
            if box.thread is not None and box.thread is not threading.current_thread():
                box.thread.join(None if deadline is None else max(deadline - time.monotonic(), 0.0))
        return True

    def _idle(self) -> bool:
        if self.main_box.queue:
            return False
        for process in self.live():
            if process is self.runtime.main_process or process.twin_of is not None:
                continue
            box = process.mailbox
            if box is None:
                if process.thread is not None and process.thread.is_alive():
                    return False  # a New process still running
                continue  # a process of a thread fourd did not start: its owner ends it
            with box.cond:
                if box.queue or box.busy:
                    return False
        return True
