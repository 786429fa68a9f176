"""Sessions and process activity (commands/session.md, session-info.md, session-storage.md, process-activity.md)."""

from __future__ import annotations

from typing import Any

from ..runtime.frame import Frame
from ..runtime.processes import process_info
from ..runtime.values import Collection4D, Object4D
from . import args as A
from .registry import command

PROCESSES_AND_SESSIONS, PROCESSES_ONLY, SESSIONS_ONLY = 0, 1, 2


@command("Session")
def session(f: Frame) -> Any:
    return f.process.session


@command("Session storage")
def session_storage(f: Frame, session_id: Any) -> Any:
    found = f.process.runtime.sessions.get(A.text(session_id, "Session storage", 1))
    return found.storage if found is not None else None


@command("Session info")
def session_info(f: Frame, session_id: Any) -> Any:
    found = f.process.runtime.sessions.get(A.text(session_id, "Session info", 1))
    return found.info() if found is not None else None


@command("Process activity")
def process_activity(f: Frame, first: Any = A.MISSING, second: Any = A.MISSING) -> Any:
    """Running processes and live sessions; fourd answers as 4D Server does (filters honoured)."""
    runtime = f.process.runtime
    session_id = None
    options = PROCESSES_AND_SESSIONS
    if type(first) is str:
        session_id = first
        if second is not A.MISSING:
            options = A.integer(second, "Process activity", 2)
    elif first is not A.MISSING:
        options = A.integer(first, "Process activity", 1)
    sessions = runtime.sessions.all()
    if session_id is not None:
        chosen = runtime.sessions.get(session_id)
        if chosen is None:
            return None
        sessions = [chosen]
    wanted = {s.id for s in sessions}
    result: dict[str, Any] = {}
    if options != SESSIONS_ONLY:
        processes = [p for p in runtime.manager.live() if p.session.id in wanted]
        # "session" is left out with Processes only (commands/process-activity.md)
        with_session = options != PROCESSES_ONLY
        result["processes"] = Collection4D([process_info(p, with_session) for p in processes])
    if options != PROCESSES_ONLY:
        result["sessions"] = Collection4D([s.info() for s in sessions])
    return Object4D(result)
