"""Sessions: the standalone session that exists from the start, and others the runtime API creates.

4D gives every process a session (API/SessionClass.md, Desktop/desktop-sessions.md).
``Session`` returns the current process's session object; ``Session storage(id)``
another session's storage, or Null once it has ended.

Kinds (``Session.info.type``): "standalone" (single-user, the main session),
"remote" (a remote user's session on the server), "storedProcedure" (the one
virtual session of stored procedures), "web" and "rest" (web user sessions).
Sessions end explicitly (:meth:`SessionRegistry.close`) or after ``idleTimeout``
minutes without activity (web sessions; other kinds when the runtime API sets a
timeout), checked whenever a session is looked up.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from .classes import register_builtin_class
from .errors import error
from .objects import BuiltinObject
from .processes import now_iso
from .shared import make_shared
from .values import UNDEFINED, Collection4D, Object4D

DESKTOP_KINDS = ("standalone", "remote", "storedProcedure")
WEB_KINDS = ("web", "rest")
KINDS = DESKTOP_KINDS + WEB_KINDS
DEFAULT_IDLE_MINUTES = 60  # API/SessionClass.md .idleTimeout: default and minimum


class Roles:
    """Privileges and roles of a project's roles.json; without one every name is accepted.

    fourd's choice: a project with no roles.json still lets tests set privileges, so an
    unknown name is kept instead of being ignored as 4D ignores undeclared names.
    """

    def __init__(self, definition: dict[str, Any] | None = None):
        self.defined = definition is not None
        self.includes: dict[str, list[str]] = {}
        self.roles: dict[str, list[str]] = {}
        for entry in (definition or {}).get("privileges", []):
            self.includes[str(entry.get("privilege"))] = [str(x) for x in entry.get("includes", [])]
        for entry in (definition or {}).get("roles", []):
            self.roles[str(entry.get("role"))] = [str(x) for x in entry.get("privileges", [])]

    def exists(self, privilege: str) -> bool:
        return not self.defined or privilege in self.includes

    def expand(self, names: list[str]) -> list[str]:
        """``names`` and what they include, in order, unknown names dropped."""
        out: list[str] = []
        todo = [n for n in names if self.exists(n)]
        while todo:
            name = todo.pop(0)
            if name not in out:
                out.append(name)
                todo.extend(n for n in self.includes.get(name, []) if n not in out)
        return out

    def of_roles(self, roles: list[str]) -> list[str]:
        return [p for r in roles for p in self.roles.get(r, [])]


class Session(BuiltinObject):
    """A 4D session (see the module docstring for its kinds)."""

    class_name = "Session"
    shareable = True

    def __init__(self, kind: str = "standalone", user_name: str = "Designer", registry: SessionRegistry | None = None):
        if kind not in KINDS:
            raise ValueError(f"unknown session kind {kind!r}; expected one of {KINDS}")
        self.id = uuid.uuid4().hex.upper()
        self.kind = kind
        # web sessions have no user name until setPrivileges() gives one (API/SessionClass.md .userName)
        self.user_name = "" if kind in WEB_KINDS else user_name
        self.registry = registry
        self.storage = make_shared(Object4D(), is_storage=True)
        self.created = now_iso()
        self.state = "active"
        self.privileges: list[str] = []
        self.privileges_set = False  # setPrivileges() was called (isGuest of web sessions)
        self.closed = False
        self.persistent_id = uuid.uuid4().hex.upper() if kind == "remote" else ""
        self.idle_minutes: float | None = DEFAULT_IDLE_MINUTES if kind in WEB_KINDS else None
        self.last_activity = registry.clock() if registry is not None else time.monotonic()
        self._promote_lock = threading.Lock()
        self._next_promote = 0

    @property
    def is_web(self) -> bool:
        return self.kind in WEB_KINDS

    def touch(self) -> None:
        """Something ran in the session: its idle time starts again."""
        if self.registry is not None:
            self.last_activity = self.registry.clock()

    def info(self) -> Object4D:
        import platform  # only Session.info() needs them: not imported at start-up
        import socket

        host = platform.system().lower()
        return Object4D(
            {
                "type": self.kind,
                "userName": self.user_name,
                "machineName": socket.gethostname(),
                "systemUserName": _system_user() if self.kind in ("standalone", "remote") else "",
                "IPAddress": "localhost" if self.kind == "standalone" else "127.0.0.1",
                "hostType": "mac" if host == "darwin" else ("windows" if host == "windows" else host),
                "creationDateTime": self.created,
                "state": self.state,
                "ID": self.id,
                "persistentID": self.persistent_id,
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
        if self.is_web and name == "idleTimeout":
            return self.idle_minutes
        if self.is_web and name == "expirationDate":
            return self._expiration()
        return UNDEFINED

    def set_member(self, name: str, value: Any) -> None:
        if self.is_web and name == "idleTimeout":
            if not (type(value) in (int, float) and type(value) is not bool):
                raise error(
                    "wrong_param_type", name="idleTimeout", index=1, expected="a number", got=type(value).__name__
                )
            self.idle_minutes = max(float(value), DEFAULT_IDLE_MINUTES)
            self.touch()
            return
        super().set_member(name, value)

    def _expiration(self) -> str:
        import datetime as _dt

        left = (self.idle_minutes or DEFAULT_IDLE_MINUTES) * 60 - (self._clock() - self.last_activity)
        stamp = _dt.datetime.now(_dt.UTC) + _dt.timedelta(seconds=max(left, 0))
        return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")

    def _clock(self) -> float:
        return self.registry.clock() if self.registry is not None else time.monotonic()

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        method = _MEMBERS.get(name)
        if method is None:
            raise error("unknown_member", name=name)
        return method(self, args, frame)

    def to_json_4d(self) -> Any:
        return {"id": self.id, "userName": self.user_name}

    # -- privileges (API/SessionClass.md) ---------------------------------------------
    def _roles(self) -> Roles:
        return self.registry.roles if self.registry is not None else Roles()

    def has_privilege(self, args: list[Any], frame: Any) -> bool:
        name = _text_arg(args, "hasPrivilege")
        if name in self.privileges:
            return True
        process = frame.process if frame is not None else None
        return process is not None and any(p == name for _, p in process.promoted)

    def get_privileges(self, args: list[Any], frame: Any) -> Collection4D:
        return Collection4D(list(self.privileges))  # promoted privileges are not listed

    def is_guest(self, args: list[Any], frame: Any) -> bool:
        if not self.is_web:
            return False  # always False for desktop sessions
        return not self.privileges_set or not self.privileges

    def clear_privileges(self, args: list[Any], frame: Any) -> bool:
        self.privileges = []
        return True

    def set_privileges(self, args: list[Any], frame: Any) -> bool:
        value = args[0] if args else UNDEFINED
        roles = self._roles()
        names: list[str] = []
        role_names: list[str] = []
        if type(value) is str:
            names = [n.strip() for n in value.split(",") if n.strip()]
        elif type(value) is Collection4D:
            names = [v for v in value.items if type(v) is str]
        elif type(value) is Object4D:
            names = _names(value.props.get("privileges"))
            role_names = _names(value.props.get("roles"))
            user = value.props.get("userName")
            if type(user) is str and self.is_web:  # web sessions only; ignored elsewhere
                self.user_name = user
        else:
            raise error(
                "wrong_param_type",
                name="setPrivileges",
                index=1,
                expected="a text, a collection or an object",
                got=type(value).__name__,
            )
        self.privileges = roles.expand(names + roles.of_roles(role_names))
        self.privileges_set = True
        return True

    def promote(self, args: list[Any], frame: Any) -> int:
        name = _text_arg(args, "promote")
        process = frame.process
        if not self._roles().exists(name) or any(p == name for _, p in process.promoted):
            return 0
        with self._promote_lock:
            self._next_promote += 1
            promote_id = self._next_promote
        process.promoted.append((promote_id, name))
        return promote_id

    def demote(self, args: list[Any], frame: Any) -> None:
        wanted = args[0] if args else None
        process = frame.process
        process.promoted[:] = [
            (i, p) for i, p in process.promoted if not (type(wanted) in (int, float) and i == int(wanted))
        ]


# Sessions come from the `Session` command, so `4D.Session.new()` is error -10747 (not instantiable).
register_builtin_class("Session", python_types=(Session,))


def _text_arg(args: list[Any], name: str) -> str:
    if not args or type(args[0]) is not str:
        got = type(args[0]).__name__ if args else "nothing"
        raise error("wrong_param_type", name=name, index=1, expected="a text", got=got)
    return args[0]


def _names(value: Any) -> list[str]:
    if type(value) is str:
        return [value]
    if type(value) is Collection4D:
        return [v for v in value.items if type(v) is str]
    return []


# -- one-time passcodes (API/SessionClass.md .createOTP(), .restore()) --------------------------------

DESKTOP_OTP_SECONDS = 10  # documented: "For desktop sessions, the token is created with a 10 seconds lifespan"


def _create_otp(session: Session, args: list[Any], frame: Any) -> str:
    """A token UUID for ``session``, valid once, until its lifespan ends."""
    lifespan: float = DESKTOP_OTP_SECONDS
    if session.is_web:
        if args and args[0] is not UNDEFINED:
            if type(args[0]) not in (int, float) or type(args[0]) is bool:
                raise error(
                    "wrong_param_type", name="createOTP", index=1, expected="a number", got=type(args[0]).__name__
                )
            lifespan = float(args[0])
        else:
            lifespan = float(session.idle_minutes or DEFAULT_IDLE_MINUTES) * 60
    registry = session.registry
    if registry is None:
        raise error("unknown_member", name="createOTP")
    token = uuid.uuid4().hex.upper()
    with registry._lock:
        registry.tokens[token] = (session, registry.clock() + lifespan)
    return token


def _restore(session: Session, args: list[Any], frame: Any) -> bool:
    """Make the token's session the current process's session (web sessions only, documented);
    False for a used, expired or unknown token, or an original session that has ended."""
    token = _text_arg(args, "restore")
    registry = session.registry
    if registry is None or not session.is_web:
        return False
    with registry._lock:
        found = registry.tokens.pop(token, None)  # used once, whatever happens next
    if found is None:
        return False
    original, expires = found
    if registry.clock() > expires or original.closed:
        return False
    if frame is not None:
        frame.process.session = original
    return True


_MEMBERS: dict[str, Callable[[Session, list[Any], Any], Any]] = {
    "createOTP": _create_otp,
    "restore": _restore,
    "hasPrivilege": Session.has_privilege,
    "getPrivileges": Session.get_privileges,
    "isGuest": Session.is_guest,
    "clearPrivileges": Session.clear_privileges,
    "setPrivileges": Session.set_privileges,
    "promote": Session.promote,
    "demote": Session.demote,
}


def _system_user() -> str:
    try:
        import getpass  # here: it pulls in termios, and most runs never ask

        return getpass.getuser()
    except Exception:  # no user name on some containers
        return ""


class SessionRegistry:
    """All live sessions of a runtime, by id.  ``clock`` (seconds) can be replaced in tests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()
        self.clock = clock
        self.roles = Roles()
        self._stored_procedures: Session | None = None
        self.tokens: dict[str, tuple[Session, float]] = {}  # createOTP tokens -> (session, expiry)
        # ids of sessions with a running process: those are not idle (set by the runtime)
        self.busy_sessions: Callable[[], set[str]] = set

    def create(
        self, kind: str = "standalone", user_name: str = "Designer", idle_minutes: float | None = None
    ) -> Session:
        """A new session; ``idle_minutes`` makes any kind end after that much inactivity."""
        session = Session(kind, user_name, self)
        if idle_minutes is not None:
            session.idle_minutes = idle_minutes
        with self._lock:
            self._sessions[session.id] = session
        return session

    def stored_procedures(self) -> Session:
        """The single virtual session shared by all stored procedures (Desktop/desktop-sessions.md)."""
        with self._lock:
            if self._stored_procedures is None or self._stored_procedures.closed:
                session = Session("storedProcedure", "Designer", self)
                self._sessions[session.id] = session
                self._stored_procedures = session
            return self._stored_procedures

    def set_roles(self, definition: dict[str, Any] | None) -> None:
        """Use a roles.json definition (parsed JSON) for privilege names."""
        self.roles = Roles(definition)

    def get(self, session_id: Any) -> Session | None:
        if not isinstance(session_id, str):
            return None
        session = self._sessions.get(session_id.upper())
        if session is not None and self._expired(session):
            self.close(session)
            return None
        return session

    def _expired(self, session: Session, busy: set[str] | None = None) -> bool:
        if session.idle_minutes is None or session.closed:
            return session.closed
        if session.id in (busy if busy is not None else self._busy_ids()):
            return False
        return self.clock() - session.last_activity > session.idle_minutes * 60

    def _busy_ids(self) -> set[str]:
        return self.busy_sessions()

    def close(self, session: Session) -> None:
        session.closed = True
        session.state = "closed"
        with self._lock:
            self._sessions.pop(session.id, None)

    def sweep(self) -> list[Session]:
        """End every session idle for longer than its timeout; returns them."""
        busy = self._busy_ids()
        ended = [s for s in self.all(sweep=False) if self._expired(s, busy)]
        for session in ended:
            self.close(session)
        return ended

    def all(self, sweep: bool = True) -> list[Session]:
        if sweep:
            self.sweep()
        with self._lock:
            return list(self._sessions.values())
