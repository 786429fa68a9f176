"""Open a project and run it the way tool4d does (Admin/cli.md).

    fourd --project PATH.4DProject [--startup-method NAME] [--user-param TEXT]
          [--skip-onstartup] [--dataless] [--headless] [--data PATH] …

The sequence: the On Startup database method (unless ``--skip-onstartup``),
the ``--startup-method``, the On Exit database method (unless
``--skip-onstartup``), then quit.

Choices where the docs are silent (written down in the README too):
- an unhandled 4D error is printed to stderr and aborts the method it happened
  in -- headless 4D answers "Abort" to the error dialog -- and the sequence goes
  on; the exit code is then 1;
- ``QUIT 4D`` stops the current method, skips the rest of the sequence but
  On Exit, and the exit code is 0 (1 if an error happened before);
- a project that cannot be opened, an unknown ``--startup-method`` or a syntax
  error give exit code 2 and one message naming the file;
- ``LOG EVENT(Into system standard outputs; …)`` goes to stdout (stderr for
  ``Error message``), as the command's page says; other channels go to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..runtime.errors import FourDError
from ..runtime.frame import Code
from ..runtime.interpreter import Process, Runtime
from ..runtime.project import (
    ON_EXIT,
    ON_STARTUP,
    Project,
    ProjectError,
    QuitRequested,
    compile_unit,
    database_method,
    open_project,
)
from ..syntax.errors import FourDSyntaxError

EXIT_OK, EXIT_RUNTIME, EXIT_USAGE = 0, 1, 2

# Every tool4d flag; the ones fourd has no use for are accepted and ignored so
# that a tool4d command line runs unchanged.  Value-taking flags map to True.
TOOL4D_FLAGS = {
    "--project": True,
    "--data": True,
    "--opening-mode": True,
    "--create-data": False,
    "--user-param": True,
    "--headless": False,
    "--dataless": False,
    "--skip-onstartup": False,
    "--startup-method": True,
    "--webadmin-settings-file": True,
    "--webadmin-access-key": True,
    "--webadmin-auto-start": True,
    "--webadmin-store-settings": False,
    "--utility": False,
    "--version": False,
}


def is_launch_command(argv: list[str]) -> bool:
    """True when ``argv`` is a tool4d-style command line rather than a ``fourd`` subcommand."""
    if not argv:
        return False
    first = argv[0].split("=", 1)[0]
    return first in TOOL4D_FLAGS or argv[0].lower().endswith(".4dproject")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fourd",
        allow_abbrev=False,
        description="Open a 4D project and run it as tool4d does: On Startup, the startup method, On Exit.",
    )
    parser.add_argument("project_path", nargs="?", metavar="PROJECT", help="the .4DProject file (or use --project)")
    parser.add_argument("--project", help="the .4DProject file, its Project folder or the package folder")
    parser.add_argument("--startup-method", metavar="NAME", help="project method to run after On Startup")
    parser.add_argument(
        "--user-param", metavar="TEXT", default="", help="returned by Get database parameter(User param value)"
    )
    parser.add_argument("--skip-onstartup", action="store_true", help="run neither On Startup nor On Exit")
    parser.add_argument("--headless", action="store_true", help="accepted; fourd is always headless")
    parser.add_argument("--dataless", action="store_true", help="accepted; fourd opens no data file")
    parser.add_argument("--data", metavar="PATH", help="accepted and ignored: fourd opens no data file")
    parser.add_argument("--opening-mode", choices=["interpreted", "compiled"], help="accepted; fourd interprets")
    parser.add_argument("--create-data", nargs="?", const="true", help="accepted and ignored")
    for flag in ("--webadmin-settings-file", "--webadmin-access-key", "--webadmin-auto-start"):
        parser.add_argument(flag, help=argparse.SUPPRESS)
    parser.add_argument("--webadmin-store-settings", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--utility", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-cache", action="store_true", help="do not read or write the parse cache")
    parser.add_argument("--version", action="store_true", help="print fourd's version and exit")
    return parser


@dataclass
class StepResult:
    status: str  # "ok", "error" (an unhandled 4D error, already reported) or "quit"
    value: Any = None


class Application:
    """A project opened in its own runtime, ready to run its database methods and project methods."""

    def __init__(
        self,
        path: Path | str,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        user_param: str = "",
        cache: bool | Path = True,
        tick: Callable[[Any], None] | None = None,
    ):
        """``cache``: True for the default parse cache folder, False for none, or the folder to use."""
        self.runtime = Runtime(stdout=stdout, stderr=stderr)
        if tick is not None:  # before anything compiles: loops bind the tick when compiled
            self.runtime.tick = tick
        self.runtime.user_param = user_param
        if cache is True:
            self.project: Project = open_project(self.runtime, path)
        else:
            self.project = open_project(self.runtime, path, cache_folder=cache or None)

    @property
    def stderr(self) -> TextIO:
        return self.runtime.stderr

    def has_method(self, name: str) -> bool:
        return self.runtime.methods.has(name)

    def database_method_code(self, name: str) -> Code | None:
        unit = database_method(self.project, name)
        return compile_unit(self.runtime, unit) if unit is not None else None

    def run_database_method(self, name: str, process: Process | None = None) -> StepResult:
        code = self.database_method_code(name)
        if code is None:
            return StepResult("ok")
        return self.run_step(lambda p: self.runtime.invoke(code, [], p), process)

    def run_method(self, name: str, args: list[Any] | None = None, process: Process | None = None) -> StepResult:
        return self.run_step(lambda p: self.runtime.call_method(name, list(args or []), None), process)

    def run_step(self, body: Callable[[Process], Any], process: Process | None = None) -> StepResult:
        """Run ``body`` in ``process`` (the main one by default); report an unhandled 4D error.

        Syntax errors are not caught: the caller reports them (exit code 2).
        """
        runtime = self.runtime
        process = process or runtime.main_process
        previous = runtime.current_process()
        runtime.bind_thread(process)
        try:
            return StepResult("ok", body(process))
        except QuitRequested:
            return StepResult("quit")
        except FourDError as exc:
            report_error(exc, runtime.stderr)
            return StepResult("error")
        except RecursionError:
            runtime.stderr.write("fourd: error: stack overflow (too many nested calls)\n")
            return StepResult("error")
        finally:
            runtime.bind_thread(previous)
            _flush(runtime)

    def new_process(self, name: str) -> Process:
        return self.runtime.new_process(name)

    def end_process(self, process: Process) -> None:
        self.runtime.processes.pop(process.number, None)


def report_error(exc: FourDError, stream: TextIO) -> None:
    stream.write(exc.format() + "\n")
    for name, line in exc.call_chain[1:]:
        stream.write(f"  called from {name}:{line}\n")


def _flush(runtime: Runtime) -> None:
    for stream in (runtime.stdout, runtime.stderr):
        flush = getattr(stream, "flush", None)
        if flush is not None:
            flush()


def run_sequence(app: Application, startup_method: str | None, skip_onstartup: bool) -> int:
    """On Startup, the startup method, On Exit: the tool4d sequence.  Returns the exit code."""
    failed = False
    steps: list[Callable[[], StepResult]] = []
    if not skip_onstartup:
        steps.append(lambda: app.run_database_method(ON_STARTUP))
    if startup_method:
        steps.append(lambda: app.run_method(startup_method))
    for step in steps:
        result = step()
        failed = failed or result.status == "error"
        if result.status == "quit":
            break
    if not skip_onstartup:  # On Exit runs in a new process (commands/on-exit-database-method.md)
        process = app.new_process("On Exit")
        failed = app.run_database_method(ON_EXIT, process).status == "error" or failed
        app.end_process(process)
    return EXIT_RUNTIME if failed else EXIT_OK


def main(argv: list[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse already printed the usage error or the help
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if args.version:
        from .. import __version__

        stdout.write(f"fourd {__version__}\n")
        return EXIT_OK
    path = args.project or args.project_path
    if not path:
        stderr.write("fourd: give the project to open: --project PATH.4DProject\n")
        return EXIT_USAGE
    try:
        app = Application(path, stdout, stderr, user_param=args.user_param or "", cache=not args.no_cache)
        if args.startup_method and not app.has_method(args.startup_method):
            folder = app.project.sources / "Methods"
            raise ProjectError(folder / f"{args.startup_method}.4dm", "no such project method (--startup-method)")
        return run_sequence(app, args.startup_method, args.skip_onstartup)
    except ProjectError as exc:
        stderr.write(exc.format() + "\n")
        return EXIT_USAGE
    except FourDSyntaxError as exc:
        stderr.write(exc.format() + "\n")
        return EXIT_USAGE
