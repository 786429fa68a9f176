"""Tools theme: Base64, digests, password hashes, Choose, external processes, activity monitoring.

(``Generate UUID`` lives in :mod:`fourd.commands.json`; ``PROCESS 4D TAGS`` in
:mod:`fourd.commands.tags`.)

Choices where the docs are silent, written down here and in docs/commands.md:

- Base64URL output has no ``=`` padding (RFC 4648 §5 allows dropping it; decoding accepts both).
- ``Generate password hash`` writes ``$2y$`` bcrypt hashes; ``Verify password hash`` accepts
  ``$2a$``, ``$2b$`` and ``$2y$``.
- ``SET ENVIRONMENT VARIABLE`` values apply to the next ``LAUNCH EXTERNAL PROCESS`` of the same
  process ("valid in the current process for the next call"), then are forgotten.
- ``LAUNCH EXTERNAL PROCESS`` splits the command line as a POSIX shell would (quotes group words)
  but runs no shell; it runs in the sandbox folder when the runtime has one.
- Monitoring records the project methods and functions that run longer than the duration
  (``Activity language``); headless there are no data or network operations to record, and
  ``ACTIVITY SNAPSHOT`` (operations on the data in progress) always gives empty arrays.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import time
import weakref
from typing import Any

from ..runtime.compiler import STAR
from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.values import UNDEFINED, Blob4D, Collection4D, Object4D, is_number, type_name
from . import args as A
from ._targets import Target, writing_command
from .arrays import new_array
from .language import _empty_like
from .registry import command, headless_only_error


def _set_ok(f: Frame, ok: bool) -> None:
    f.process.set_var("ok", 1.0 if ok else 0.0)


def _bytes_of(value: Any, name: str, index: int) -> bytes:
    """Text (as UTF-8) or BLOB contents."""
    if type(value) is Blob4D:
        return bytes(value.data)
    return A.text(value, name, index).encode("utf-8")


def _store_bytes(target: Target, data: bytes, like: Any) -> None:
    """Write ``data`` into ``target`` as a BLOB when it (or ``like``) is one, else as UTF-8 text."""
    current = target.get()
    if type(current) is Blob4D or (current is UNDEFINED and type(like) is Blob4D):
        target.set(Blob4D(data))
    else:
        target.set(data.decode("utf-8", errors="replace"))


def _output_and_star(targets: list[Target], f: Frame) -> tuple[Target, bool]:
    """(where the result goes, Base64URL?) for BASE64 ENCODE / DECODE (value {; result}{; *})."""
    url = len(targets) > 1 and targets[-1].read(f) is STAR
    rest = targets[1:-1] if url else targets[1:]
    return (rest[0] if rest else targets[0]), url


# -- Base64 -------------------------------------------------------------------------------------


@writing_command("BASE64 ENCODE", 1, 3)
def base64_encode(f: Frame, targets: list[Target]) -> None:
    source = targets[0].get()
    data = _bytes_of(source, "BASE64 ENCODE", 1)
    out, url = _output_and_star(targets, f)
    encoded = base64.urlsafe_b64encode(data).rstrip(b"=") if url else base64.b64encode(data)
    _store_bytes(out, encoded, source)


@writing_command("BASE64 DECODE", 1, 3)
def base64_decode(f: Frame, targets: list[Target]) -> None:
    source = targets[0].get()
    data = _bytes_of(source, "BASE64 DECODE", 1)
    out, url = _output_and_star(targets, f)
    _store_bytes(out, decode_base64(data, url), source)


def decode_base64(data: bytes, url: bool) -> bytes:
    """Decoded bytes, or empty when ``data`` is not valid Base64 (base64-decode.md)."""
    data = b"".join(data.split())  # line breaks in MIME-style Base64
    data += b"=" * (-len(data) % 4)
    try:
        if url:
            return base64.urlsafe_b64decode(data)
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return b""


# -- digests and password hashes ------------------------------------------------------------------

MD5, SHA1, REST_DIGEST, SHA256, SHA512 = 0, 1, 2, 3, 4
_DIGESTS = {MD5: "md5", SHA1: "sha1", SHA256: "sha256", SHA512: "sha512"}


@command("Generate digest")
def generate_digest(f: Frame, value: Any, algorithm: Any, star: Any = A.MISSING) -> str:
    data = _bytes_of(value, "Generate digest", 1)
    kind = A.integer(algorithm, "Generate digest", 2)
    if kind == REST_DIGEST:
        raise error("not_implemented", name="Generate digest with the obsolete 4D REST digest")
    if kind not in _DIGESTS:
        raise error("wrong_param_type", name="Generate digest", index=2, expected="a digest type", got=str(kind))
    digest = hashlib.new(_DIGESTS[kind], data)
    if star is STAR:
        return base64.urlsafe_b64encode(digest.digest()).rstrip(b"=").decode("ascii")
    return digest.hexdigest()


@command("Generate password hash")
def generate_password_hash(f: Frame, password: Any, options: Any = A.MISSING) -> str:
    text = A.text(password, "Generate password hash", 1)
    algorithm, cost = "bcrypt", 10
    if options is not A.MISSING and options is not None:
        props = A.obj(options, "Generate password hash", 2).props
        algorithm = props.get("algorithm", algorithm)
        cost = props.get("cost", cost)
    if algorithm != "bcrypt":  # "case sensitive"
        raise error("password_algorithm")
    if not is_number(cost) or cost != int(cost) or not 4 <= cost <= 31:
        raise error("password_cost")
    from . import _bcrypt  # pure-Python bcrypt: loaded only for password hashes

    return _bcrypt.generate(text, int(cost))


@command("Verify password hash")
def verify_password_hash(f: Frame, password: Any, hashed: Any) -> bool:
    text = A.text(password, "Verify password hash", 1)
    hash_text = A.text(hashed, "Verify password hash", 2)
    if not hash_text.startswith("$2"):
        raise error("password_algorithm")
    from . import _bcrypt

    answer = _bcrypt.verify(text, hash_text)
    if answer is None:
        raise error("password_consistency")
    return answer


# -- Choose ---------------------------------------------------------------------------------------


@command("Choose")
def choose(f: Frame, criterion: Any, value: Any, *values: Any) -> Any:
    """Value number ``criterion`` (from 0), or value 1/value 2 for True/False (choose.md)."""
    options = [value, *values]
    if type(criterion) is bool:
        if len(options) != 2:
            raise error(
                "wrong_param_count",
                name="Choose",
                detail=f"with a Boolean expects 3 parameters, got {len(options) + 1}",
            )
        return options[0] if criterion else options[1]
    if not is_number(criterion):
        raise error(
            "wrong_param_type", name="Choose", index=1, expected="a Boolean or a number", got=type_name(criterion)
        )
    index = int(criterion)
    if 0 <= index < len(options):
        return options[index]
    return _empty_like(value)  # "a null value with respect to the type of the value parameter"


# -- external processes ---------------------------------------------------------------------------

# Environment variables set in each process for its next LAUNCH EXTERNAL PROCESS.
_ENVIRONMENT: weakref.WeakKeyDictionary[Any, dict[str, str]] = weakref.WeakKeyDictionary()
_OPTION = "_4D_OPTION_"


@command("SET ENVIRONMENT VARIABLE")
def set_environment_variable(f: Frame, name: Any, value: Any) -> None:
    key = A.text(name, "SET ENVIRONMENT VARIABLE", 1)
    text = A.text(value, "SET ENVIRONMENT VARIABLE", 2)
    env = _ENVIRONMENT.setdefault(f.process, {})
    if text == "":  # "" resets the default value (for the blocking option, "does nothing")
        env.pop(key, None)
    else:
        env[key] = text


@writing_command("LAUNCH EXTERNAL PROCESS", 1, 5)
def launch_external_process(f: Frame, targets: list[Target]) -> None:
    import os
    import shlex
    import subprocess  # loaded by the one command that needs it, not at every start

    command_line = A.text(targets[0].read(f), "LAUNCH EXTERNAL PROCESS", 1)
    streams, pid_target = _launch_arguments(targets)
    settings = _ENVIRONMENT.pop(f.process, {})
    env = dict(os.environ)
    env.update({k: v for k, v in settings.items() if not k.startswith(_OPTION)})
    runtime = f.process.runtime
    cwd = settings.get(_OPTION + "CURRENT_DIRECTORY") or (str(runtime.sandbox_root) if runtime.sandbox_root else None)
    blocking = settings.get(_OPTION + "BLOCKING_EXTERNAL_PROCESS", "true").lower() != "false"
    stdin_value = streams[0].get() if streams else UNDEFINED
    stdin = b"" if stdin_value is UNDEFINED else _bytes_of(stdin_value, "LAUNCH EXTERNAL PROCESS", 2)
    try:
        argv = shlex.split(command_line)
    except ValueError:
        argv = []
    if not argv:
        _set_ok(f, False)
        return
    try:
        child = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE if blocking else subprocess.DEVNULL,
            stderr=subprocess.PIPE if blocking else subprocess.DEVNULL,
            cwd=cwd,
            env=env,
        )
    except (OSError, ValueError):  # not found, not executable, refused by a sandbox
        _set_ok(f, False)
        return
    if pid_target is not None:
        pid_target.set(child.pid)
    if blocking:
        out, err = child.communicate(stdin)
        if len(streams) > 1:
            _store_bytes(streams[1], out, stdin_value)
        if len(streams) > 2:
            _store_bytes(streams[2], err, stdin_value)
    elif child.stdin is not None:
        try:
            child.stdin.write(stdin)
            child.stdin.close()
        except OSError:
            pass
    _set_ok(f, True)


def _launch_arguments(targets: list[Target]) -> tuple[list[Target], Target | None]:
    """(input, output, error streams passed, pid target): the pid is 2nd of 2 when numeric, or 5th."""
    rest = targets[1:]
    if len(rest) == 4:
        return rest[:3], rest[3]
    if len(rest) == 1 and is_number(rest[0].get()) and type(rest[0].get()) is not bool:
        return [], rest[0]  # LAUNCH EXTERNAL PROCESS("tasklist";$pid)
    return rest, None


# -- activity monitoring ------------------------------------------------------------------------

ACTIVITY_ALL, ACTIVITY_LANGUAGE = -1, 1


class _Monitor:
    """Times project methods and functions while START MONITORING ACTIVITY is on."""

    def __init__(self, runtime: Any, threshold: float):
        self.runtime = runtime
        self.threshold = threshold
        self.started = time.perf_counter()
        self.records: list[Object4D] = []
        self.sequence = 0
        self.plain_invoke = type(runtime).invoke

    def install(self) -> None:
        monitor = self

        def invoke(code: Any, args: list[Any], process: Any, this: Any = None, caller: Any = None) -> Any:
            start = time.perf_counter()
            try:
                return monitor.plain_invoke(monitor.runtime, code, args, process, this, caller)
            finally:
                monitor.record(code, process, caller, start, time.perf_counter())

        self.runtime.invoke = invoke  # shadows Runtime.invoke on this runtime only

    def uninstall(self) -> None:
        self.runtime.__dict__.pop("invoke", None)

    def record(self, code: Any, process: Any, caller: Any, start: float, end: float) -> None:
        seconds = end - start
        if seconds < self.threshold:
            return
        self.sequence += 1
        depth, frame = 0, caller
        while frame is not None:
            depth, frame = depth + 1, frame.caller
        data = Object4D(
            {
                "sequenceNumber": self.sequence,
                "elapsedTime": int((start - self.started) * 1000),
                "processID": process.number,
                "uniqueProcessID": process.number,
                "stackLevel": depth,
                "duration": int(seconds * 1_000_000),
                "kind": "method",
                "method": code.name,
            }
        )
        self.records.append(
            Object4D({"activityKind": ACTIVITY_LANGUAGE, "activityDuration": seconds, "activityData": data})
        )


_MONITORS: weakref.WeakKeyDictionary[Any, _Monitor] = weakref.WeakKeyDictionary()


@command("START MONITORING ACTIVITY")
def start_monitoring_activity(f: Frame, duration: Any, source: Any = A.MISSING) -> None:
    threshold = float(A.number(duration, "START MONITORING ACTIVITY", 1))
    kinds = ACTIVITY_ALL if source is A.MISSING else A.integer(source, "START MONITORING ACTIVITY", 2)
    runtime = f.process.runtime
    stop_monitoring_activity(f)
    if kinds == ACTIVITY_ALL or kinds & ACTIVITY_LANGUAGE:
        monitor = _Monitor(runtime, threshold)
        monitor.install()
        _MONITORS[runtime] = monitor


@command("STOP MONITORING ACTIVITY")
def stop_monitoring_activity(f: Frame) -> None:
    monitor = _MONITORS.pop(f.process.runtime, None)
    if monitor is not None:
        monitor.uninstall()


@command("Monitored activity")
def monitored_activity(f: Frame) -> Collection4D:
    monitor = _MONITORS.get(f.process.runtime)
    return Collection4D(list(monitor.records) if monitor is not None else [])


@writing_command("ACTIVITY SNAPSHOT", 1, 6)
def activity_snapshot(f: Frame, targets: list[Target]) -> None:
    """Operations on the data in progress: there are none headless, so the arrays are emptied."""
    arrays = [t for t in targets if t.read(f) is not STAR]
    if len(arrays) == 1:
        arrays[0].set(new_array("Object", 0))
        return
    if len(arrays) not in (4, 5):
        raise error(
            "wrong_param_count", name="ACTIVITY SNAPSHOT", detail=f"expects 1, 4 or 5 arrays, got {len(arrays)}"
        )
    for target, type_ in zip(arrays, ("Text", "Text", "Integer", "Text", "Object"), strict=False):
        target.set(new_array(type_, 0))


# -- what needs a desktop, the Code Editor or plug-ins ------------------------------------------

headless_only_error("OPEN URL", "no desktop applications to open a URL or document with")
headless_only_error("GET MACRO PARAMETER", "macros run in the Code Editor")
headless_only_error("SET MACRO PARAMETER", "macros run in the Code Editor")
headless_only_error("Load 4D View document", "needs the 4D View Pro component")
headless_only_error("MOBILE APP REFRESH SESSIONS", "needs 4D for iOS / Android mobile sessions")
