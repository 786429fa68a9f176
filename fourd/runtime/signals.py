"""``4D.Signal`` (API/SignalClass.md): a shared object one process waits on and another triggers."""

from __future__ import annotations

import threading
from typing import Any

from .classes import register_builtin_class
from .errors import error
from .objects import BuiltinObject
from .shared import SharedGroup, check_writable, prepare_stored_value
from .values import UNDEFINED, is_number, type_name


class Signal(BuiltinObject):
    """A signal is a shared object: its own properties change only inside ``Use``."""

    class_name = "Signal"
    shareable = True

    def __init__(self, description: str = ""):
        self.shared = True
        self.group = SharedGroup()
        self.props: dict[str, Any] = {"description": description}
        self.signaled = False
        self.cond = threading.Condition()

    def get_member(self, name: str) -> Any:
        if name == "signaled":
            return self.signaled
        return self.props.get(name, UNDEFINED)

    def set_member(self, name: str, value: Any) -> None:
        if name == "signaled":
            raise error("null_assign", name=name, got="a Signal (signaled is read-only)")
        check_writable(self)
        if name == "description" and type(value) is not str:
            raise error("wrong_param_type", name="description", index=1, expected="a text", got=type_name(value))
        self.props[name] = prepare_stored_value(self, value)

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        if name == "trigger":
            self.trigger()
            return None
        if name == "wait":
            timeout = None
            if args and args[0] is not UNDEFINED:
                if not is_number(args[0]):
                    raise error("wrong_param_type", name="wait", index=1, expected="a number", got=type_name(args[0]))
                timeout = float(args[0])
            return self.wait(frame.process, timeout)
        raise error("unknown_member", name=name)

    def trigger(self) -> None:
        with self.cond:
            self.signaled = True
            self.cond.notify_all()

    def wait(self, process: Any, timeout: float | None) -> bool:
        """Wait until triggered or ``timeout`` seconds; the state meanwhile is "Waiting for internal flag"."""
        from .processes import WAITING_FOR_FLAG, wait_on

        if self.signaled:
            return True
        return wait_on(process, self.cond, lambda: self.signaled, timeout, WAITING_FOR_FLAG)

    def to_json_4d(self) -> Any:
        from .json4d import to_plain

        plain = {k: to_plain(v) for k, v in self.props.items()}
        plain["signaled"] = self.signaled
        return plain


# Signals come from `New signal`, so `4D.Signal.new()` is error -10747 (not instantiable).
register_builtin_class("Signal", python_types=(Signal,))
