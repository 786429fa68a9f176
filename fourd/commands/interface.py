"""What the user-interface commands do headless: ALERT prints, LOG EVENT writes to the standard outputs."""

from __future__ import annotations

from typing import Any

from ..runtime.convert import to_text
from ..runtime.frame import Frame
from . import args as A
from .registry import command, headless_only_error

INTO_SYSTEM_STANDARD_OUTPUTS = 6
INTO_4D_DIAGNOSTIC_LOG = 5
ERROR_MESSAGE = 2


@command("ALERT")
def alert(f: Frame, message: Any, ok_title: Any = A.MISSING) -> None:
    runtime = f.process.runtime
    runtime.stdout.write(to_text(message) + "\n")
    runtime.stdout.flush()


@command("LOG EVENT")
def log_event(f: Frame, *args: Any) -> None:
    """``LOG EVENT({outputType;} message{; importance})``: only the standard outputs exist headless.

    Messages for the other channels (Windows event log, 4D diagnostic log…) go to
    stderr prefixed with the channel, so nothing a program logs is lost.
    """
    if not args:
        from ..runtime.errors import error

        raise error("wrong_param_count", name="LOG EVENT", detail="expects a message")
    if type(args[0]) is str:
        output, message, rest = 0, args[0], args[1:]
    else:
        output = A.integer(args[0], "LOG EVENT", 1)
        message = A.text(args[1], "LOG EVENT", 2) if len(args) > 1 else ""
        rest = args[2:]
    importance = A.integer(rest[0], "LOG EVENT", 3) if rest else 0
    runtime = f.process.runtime
    if output == INTO_SYSTEM_STANDARD_OUTPUTS:
        stream = runtime.stderr if importance == ERROR_MESSAGE else runtime.stdout
        stream.write(message + "\n")
    elif output == INTO_4D_DIAGNOSTIC_LOG and runtime.project is not None:
        runtime.project.diagnostic_log(message, importance)  # tool4d's log file, in the project's Logs folder
    else:
        runtime.stderr.write(f"[log {output}] {message}\n")
    stream_flush = getattr(runtime.stdout, "flush", None)
    if stream_flush:
        stream_flush()


@command("MESSAGE")
def message(f: Frame, text: Any) -> None:
    """A progress message: headless it goes to the standard output, one line each, as ALERT does."""
    runtime = f.process.runtime
    runtime.stdout.write(to_text(text) + "\n")
    runtime.stdout.flush()


@command("MESSAGES ON")
def messages_on(f: Frame) -> None:
    """Progress meters of lengthy operations: fourd shows none, so there is nothing to turn on."""


@command("MESSAGES OFF")
def messages_off(f: Frame) -> None:
    """Progress meters of lengthy operations: fourd shows none, so there is nothing to turn off."""


headless_only_error("CONFIRM", "needs a user to answer")
headless_only_error("Request", "needs a user to answer")
headless_only_error("DISPLAY NOTIFICATION", "needs a desktop to show notifications")
