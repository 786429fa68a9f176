"""Running untrusted 4D code: limits, a filesystem sandbox, no network, no subprocess.

``fourd doctest`` runs documentation examples in a worker process (``python -m
fourd.tools.sandbox``) that it can kill.  Inside the worker:

- a step limit and a wall-clock limit are checked by ``runtime.tick`` (called on every loop
  iteration) and raise :class:`LimitExceeded`, which 4D code cannot catch (it is not a
  4D error, and not even an ``Exception``);
- the address space is capped (``RLIMIT_AS``): an allocation without bound ends in
  ``MemoryError``;
- a Python audit hook (it cannot be removed once added) refuses to open, list, create,
  rename or delete any path outside the sandbox folder (files under the Python
  installation and fourd itself stay readable), any socket, and any subprocess;
- ``runtime.sandbox_root`` is the sandbox folder, the current directory and TMPDIR.

The parent process enforces the wall clock too (the worker may be stuck in one long
Python call) by killing the worker, and restarts it: a hanging or crashing block never
stops a run.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any


class LimitExceeded(BaseException):
    """A block ran too long or too many steps (BaseException: 4D Try/ON ERR CALL cannot catch it)."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


class SandboxViolation(PermissionError):
    """The code tried to reach a file outside the sandbox, the network or a subprocess."""


class Guard:
    """The step and wall-clock limits of one block, checked by ``runtime.tick``."""

    CHECK_EVERY = 16  # steps between two looks at the clock (a loop iteration may be slow)

    def __init__(self, seconds: float, steps: int):
        self.seconds = seconds
        self.max_steps = steps
        self.steps = 0
        self.deadline = time.monotonic() + seconds
        self.inner: Any = None  # the runtime's own tick (process requests: abort, pause…)

    def install(self, runtime: Any) -> None:
        """Check the limits on every loop iteration of ``runtime``, before its own tick."""
        self.inner = runtime.tick
        runtime.tick = self.tick

    def start(self) -> None:
        self.steps = 0
        self.deadline = time.monotonic() + self.seconds

    def tick(self, frame: Any) -> None:
        self.steps += 1
        if self.steps & (self.CHECK_EVERY - 1) == 0:
            if self.steps > self.max_steps:
                raise LimitExceeded("steps", f"step limit exceeded ({self.max_steps} loop iterations)")
            if time.monotonic() > self.deadline:
                raise LimitExceeded("timeout", f"time limit exceeded ({self.seconds:g} s)")
        if self.inner is not None:
            self.inner(frame)

    def remaining(self) -> float:
        return max(self.deadline - time.monotonic(), 0.0)


# -- the audit hook ---------------------------------------------------------------------------

_PATH_EVENTS = {
    # event: indexes of the path arguments, and whether the access only reads
    "open": ((0,), None),  # read-only decided from the mode
    "os.listdir": ((0,), True),
    "os.scandir": ((0,), True),
    "os.mkdir": ((0,), False),
    "os.remove": ((0,), False),
    "os.rmdir": ((0,), False),
    "os.rename": ((0, 1), False),
    "os.chmod": ((0,), False),
    "os.chown": ((0,), False),
    "os.link": ((0, 1), False),
    "os.symlink": ((0, 1), False),
    "os.truncate": ((0,), False),
    "os.utime": ((0,), False),
    "os.chdir": ((0,), True),
    "os.chflags": ((0,), False),
    "os.setxattr": ((0,), False),
    "os.removexattr": ((0,), False),
    "shutil.copyfile": ((0, 1), False),
    "shutil.copymode": ((0, 1), False),
    "shutil.copystat": ((0, 1), False),
    "shutil.copytree": ((0, 1), False),
    "shutil.move": ((0, 1), False),
    "shutil.rmtree": ((0,), False),
    "shutil.make_archive": ((0,), False),
    "shutil.unpack_archive": ((0, 1), False),
    "glob.glob": ((0,), True),
}
_FORBIDDEN_PREFIXES = (
    "socket.",
    "subprocess.",
    "os.exec",
    "os.spawn",
    "os.posix_spawn",
    "os.fork",
    "os.forkpty",
    "os.system",
    "os.kill",
    "os.killpg",
    "pty.",
    "ctypes.",
    "urllib.",
    "http.client.",
    "ftplib.",
    "smtplib.",
    "poplib.",
    "imaplib.",
    "nntplib.",
    "telnetlib.",
    "webbrowser.",
    "winreg.",
    "_winapi.",
    "os.startfile",
)
_ALLOWED_FORBIDDEN = {"socket.gethostname"}


class _Policy:
    def __init__(self, sandbox: Path, readable: list[Path]):
        self.sandbox = str(sandbox.resolve())
        self.readable = tuple(str(p) for p in readable)

    def inside(self, path: Any, roots: tuple[str, ...]) -> bool:
        if isinstance(path, int):  # an open file descriptor: already allowed when it was opened
            return True
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        if path is None:
            return True
        full = os.path.realpath(os.path.join(self.sandbox, os.fspath(path)))
        return any(full == root or full.startswith(root.rstrip(os.sep) + os.sep) for root in roots)

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        spec = _PATH_EVENTS.get(event)
        if spec is not None:
            indexes, read_only = spec
            if event == "open":
                mode, flags = (args[1] if len(args) > 1 else "r"), (args[2] if len(args) > 2 else 0)
                read_only = _opens_read_only(mode, flags)
            roots = (self.sandbox, *self.readable) if read_only else (self.sandbox,)
            for i in indexes:
                if i < len(args) and not self.inside(args[i], roots):
                    raise SandboxViolation(f"sandbox: {event} outside the sandbox is not allowed: {args[i]}")
            return
        if event.startswith(_FORBIDDEN_PREFIXES) and event not in _ALLOWED_FORBIDDEN:
            what = (
                "network access"
                if event.startswith(("socket.", "urllib.", "http.", "ftp", "smtp", "pop", "imap"))
                else "this operation"
            )
            raise SandboxViolation(f"sandbox: {what} is not allowed ({event})")


def _opens_read_only(mode: Any, flags: Any) -> bool:
    if isinstance(mode, str) and mode:
        return not any(c in mode for c in "wax+")
    if isinstance(flags, int):
        return flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND) == 0
    return False


def arm(sandbox: Path, memory_mb: int) -> None:
    """Confine this process: called once in the worker, after every module it needs is imported."""
    import tempfile

    sandbox.mkdir(parents=True, exist_ok=True)
    os.chdir(sandbox)
    os.environ["TMPDIR"] = os.environ["HOME"] = str(sandbox)
    tempfile.tempdir = str(sandbox)
    readable = [Path(p).resolve() for p in sys.path if p and Path(p).exists()]
    readable += [Path(__file__).resolve().parent.parent, Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()]
    readable += [Path("/dev/null"), Path("/dev/urandom")]
    _limit_memory(memory_mb)
    sys.addaudithook(_Policy(sandbox, readable))


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource
    except ImportError:  # not on this platform: the parent's wall clock still bounds the block
        return
    current = _address_space()
    limit = current + memory_mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 512 * 1024 * 1024


# -- the worker ----------------------------------------------------------------------------------


def serve() -> None:
    """Worker loop: read page jobs (JSON lines) on stdin, write block events on stdout."""
    from .doctest import execute_page, prepare_worker

    settings = json.loads(sys.stdin.readline())
    prepare_worker()  # import and warm up everything before the sandbox closes
    arm(Path(settings["sandbox"]), settings["memory_mb"])
    out = sys.stdout

    def send(event: dict[str, Any]) -> None:
        out.write(json.dumps(event) + "\n")
        out.flush()

    for line in sys.stdin:
        job = json.loads(line)
        execute_page(job, settings, send)
        send({"event": "page_done"})


if __name__ == "__main__":
    serve()
