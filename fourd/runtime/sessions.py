"""Sessions: the standalone session that exists from the start, and others the runtime API creates.

4D gives every process a session (API/SessionClass.md).  ``Session`` returns the
current process's session object; ``Session storage(id)`` another session's
storage, or Null once it is gone.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import platform
import socket
import threading
import uuid
from typing import Any

from .objects import BuiltinObject
from .shared import make_shared
from .values import UNDEFINED, Collection4D, Object4D


def _now_iso() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{_dt.datetime.now().microsecond // 1000:03d}Z"


class Session(BuiltinObject):
    """A 4D session.  ``kind`` is "standalone", "remote", "storedProcedure" or "rest"/"web"."""

    class_name = "Session"
    shareable = True

    def __init__(self, kind: str = "standalone", user_name: str = "Designer"):
        self.id = uuid.uuid4().hex.upper()
        self.kind = kind
        self.user_name = user_name
        self.storage = make_shared(Object4D(), is_storage=True)
        self.created = _now_iso()
        self.state = "active"
        self.privileges: set[str] = set()
        self.closed = False

    def info(self) -> Object4D:
        host = platform.system().lower()
        return Object4D(
            {
                "type": self.kind,
                "userName": self.user_name,
                "machineName": socket.gethostname(),
                "systemUserName": _system_user(),
                "IPAddress": "localhost",
                "hostType": "mac" if host == "darwin" else ("windows" if host == "windows" else host),
                "creationDateTime": self.created,
                "state": self.state,
                "ID": self.id,
                "persistentID": self.id if self.kind == "remote" else "",
            }
        )

    # -- what 4D code sees ------------------------------------------------------------
    def get_member(self, name: str) -> Any:
        if name == "id":
            return self.id
        if name == "storage":
            return self.storage
        if name == "info":
            return self.info()
        if name == "userName":
            return self.user_name
        return UNDEFINED

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        from .errors import error

        if name == "hasPrivilege":
            return bool(args) and str(args[0]) in self.privileges
        if name == "getPrivileges":
            return Collection4D(sorted(self.privileges))
        if name == "isGuest":
            return not self.privileges
        if name == "clearPrivileges":
            self.privileges.clear()
            return True
        if name == "setPrivileges":
            value = args[0] if args else None
            if isinstance(value, str):
                self.privileges = {value}
            elif isinstance(value, Collection4D):
                self.privileges = {str(v) for v in value.items}
            elif isinstance(value, Object4D):
                privs = value.props.get("privileges", [])
                items = privs.items if isinstance(privs, Collection4D) else [privs]
                self.privileges = {str(v) for v in items if isinstance(v, str)}
                user = value.props.get("userName")
                if isinstance(user, str):
                    self.user_name = user
            return True
        raise error("unknown_member", name=name)

    def to_json_4d(self) -> Any:
        return {"id": self.id, "userName": self.user_name}


def _system_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some containers
        return ""


class SessionRegistry:
    """All live sessions of a runtime, by id."""

    def __init__(self) -> None:
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def create(self, kind: str = "standalone", user_name: str = "Designer") -> Session:
        session = Session(kind, user_name)
        with self._lock:
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str) -> Session | None:
        return self._sessions.get(session_id.upper()) if isinstance(session_id, str) else None

    def close(self, session: Session) -> None:
        session.closed = True
        session.state = "closed"
        with self._lock:
            self._sessions.pop(session.id, None)

    def all(self) -> list[Session]:
        with self._lock:
            return list(self._sessions.values())
