"""The ``fourd`` command line.

    fourd run FILE.4dm [ARGS…]     run a method (ARGS are Text parameters); print its result
    fourd run -e 'CODE'            run 4D code given on the command line
    fourd check PATH…              syntax-check .4dm files, folders, and ```4d blocks in Markdown
    fourd doctest PATH…            run the ```4d examples of Markdown docs and check their results
    fourd test PROJECT             run a project's 4D tests (see fourd/tools/testrunner.py)
    fourd --project P.4DProject …  open a project and run it as tool4d does (see fourd/tools/launch.py)
    fourd repl [PATH…]             interactive 4D; PATHs are .4dm methods or folders of them
    fourd commands [--missing] [--theme NAME] [--format json]   what fourd implements, by docs theme
    fourd run --trace [--trace-method NAME]   print each line run, with its method and number, to stderr

Exit codes: 0 success; 1 runtime error or failed ASSERT; 2 syntax or usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_RUNTIME, EXIT_SYNTAX = 0, 1, 2


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fourd",
        description="Run and check 4D code.",
        epilog="tool4d's command line also works: fourd --project PATH.4DProject [--startup-method NAME] "
        "[--user-param TEXT] [--skip-onstartup] [--headless] [--dataless] [--data PATH] [--no-cache]",
    )
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="run a .4dm method or code given with -e")
    run.add_argument("-e", "--execute", metavar="CODE", help="4D code to run")
    run.add_argument("file", nargs="?", help="the .4dm file of the method to run")
    run.add_argument("args", nargs="*", help="parameters, passed as Text")
    run.add_argument("--trace", action="store_true", help="print each executed line to stderr")
    run.add_argument("--trace-method", metavar="NAME", action="append", help="trace only this method (repeatable)")
    _check_arguments(sub.add_parser("check", help="check the syntax of 4D code"))
    doctest = sub.add_parser("doctest", help="run the ```4d examples of Markdown docs and check their results")
    test = sub.add_parser("test", help="run the 4D tests of a project")
    commands = sub.add_parser("commands", help="list the 4D commands and whether fourd implements them")
    if command not in ("run", "check", "repl"):
        # Their options come from their modules, imported only when needed (start-up of `fourd run`).
        from .tools import coverage, testrunner
        from .tools.doctest import add_arguments as doctest_arguments

        doctest_arguments(doctest)
        testrunner.add_arguments(test)
        coverage.add_arguments(commands)
    repl = sub.add_parser("repl", help="interactive 4D")
    repl.add_argument("paths", nargs="*", help=".4dm methods or folders of them, callable from the prompt")
    return parser


def _check_arguments(check: argparse.ArgumentParser) -> argparse.ArgumentParser:
    check.add_argument("paths", nargs="+", help=".4dm files, folders, or Markdown files")
    check.add_argument("--format", choices=["text", "json"], default="text")
    return check


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["check"]:  # the syntax check needs neither the runtime nor the other tools: start fast
        return cmd_check(_check_arguments(argparse.ArgumentParser(prog="fourd check")).parse_args(argv[1:]))
    if argv and (argv[0].startswith("-") or argv[0].lower().endswith(".4dproject")):
        from .tools import launch  # not for subcommands: it imports the whole project machinery

        if launch.is_launch_command(argv):  # tool4d's command line: fourd --project …
            return launch.main(argv)
    parser = _parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    if args.command == "run":
        return cmd_run(args)
    if args.command == "check":
        return cmd_check(args)
    if args.command == "doctest":
        from .tools.doctest import main as doctest_main

        return doctest_main(args)
    if args.command == "test":
        from .tools import testrunner

        return testrunner.main(args)
    if args.command == "commands":
        from .tools import coverage

        return coverage.main(args)
    if args.command == "repl":
        from .tools.repl import main as repl_main

        return repl_main(args.paths)
    parser.print_help(sys.stderr)
    return EXIT_SYNTAX


def cmd_run(args: argparse.Namespace) -> int:
    from .runtime.convert import display
    from .runtime.errors import AbortExecution, FourDError
    from .runtime.interpreter import Runtime
    from .runtime.trace import Tracer
    from .runtime.values import UNDEFINED
    from .syntax.errors import FourDSyntaxError
    from .tools.errors_display import Sources

    runtime = Runtime()
    from .syntax.cache import files_cache

    runtime.methods.parser = files_cache().parse  # an unchanged method is not parsed again
    # TRACE prints lines headless; --trace does so from the start (runtime/trace.py).
    runtime.tracer = Tracer(sys.stderr, args.trace_method, active=bool(args.trace or args.trace_method))
    runtime.trace_hook = runtime.tracer.start
    sources = Sources(runtime)
    try:
        if args.execute is not None:
            if args.file is not None:
                args.args.insert(0, args.file)
            sources.add("<code>", args.execute)
            result = runtime.run_source(args.execute, "<code>", list(args.args))
        elif args.file:
            path = Path(args.file)
            if not path.is_file():
                print(f"fourd: no such file: {path}", file=sys.stderr)
                return EXIT_SYNTAX
            project_file = _enclosing_project(path)
            if project_file is not None:  # Project/Sources/Methods/NAME.4dm: run it inside its project
                from .runtime.project import open_project

                open_project(runtime, project_file)
            else:
                runtime.methods.add_folder(path.parent)
                if (path.parent / "Classes").is_dir():  # classes next to the method, as in Project/Sources
                    runtime.classes.add_folder(path.parent / "Classes")
            runtime.methods.add_file(path)
            result = runtime.call_method(path.stem, list(args.args))
        else:
            print("fourd run: give a FILE.4dm or -e CODE", file=sys.stderr)
            return EXIT_SYNTAX
    except (FourDSyntaxError, FourDError) as exc:
        _report_error(exc, sources)
        return EXIT_SYNTAX if isinstance(exc, FourDSyntaxError) else EXIT_RUNTIME
    except _project_error() as exc:  # evaluated only when an exception gets here
        print(exc.format(), file=sys.stderr)
        return EXIT_SYNTAX
    except RecursionError:
        print("fourd: error: stack overflow (too many nested calls)", file=sys.stderr)
        return EXIT_RUNTIME
    except _quit_requested():  # QUIT 4D ends the run normally (evaluated only when an exception gets here)
        return EXIT_OK
    except AbortExecution:
        print("fourd: execution aborted", file=sys.stderr)
        return EXIT_RUNTIME
    finally:
        sys.stdout.flush()
    runtime.finish()  # let processes end and workers empty their message boxes
    if result is not UNDEFINED:
        print(display(result))
    return EXIT_RUNTIME if runtime.manager.errors else EXIT_OK  # errors of other processes count too


def _enclosing_project(path: Path) -> Path | None:
    """The ``.4DProject`` file of a method at ``<package>/Project/Sources/Methods/NAME.4dm``, if any."""
    methods = path.resolve().parent
    if methods.name != "Methods" or methods.parent.name != "Sources":
        return None
    found = sorted(p for p in methods.parent.parent.glob("*.4DProject") if p.is_file())
    return found[0] if len(found) == 1 else None


def _quit_requested() -> type[BaseException]:
    from .runtime.project import QuitRequested

    return QuitRequested


def _project_error() -> type[BaseException]:
    from .runtime.project import ProjectError

    return ProjectError


def _report_error(exc: Exception, sources: Any) -> None:
    from .tools.errors_display import format_error, use_color

    sys.stdout.flush()
    print(format_error(exc, sources, use_color(sys.stderr)), file=sys.stderr)


def cmd_check(args: argparse.Namespace) -> int:
    from .tools.check import check_paths

    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"fourd check: no such file or folder: {missing[0]}", file=sys.stderr)
        return EXIT_SYNTAX
    result = check_paths(paths)
    if args.format == "json":
        import json

        records = [{"path": e.path, "line": e.line, "column": e.column, "message": e.message} for e in result.errors]
        print(json.dumps({"units": result.units, "errors": records}, indent=2))
    else:
        for err in result.errors:
            print(err.format())  # path:line:column: error: message, then the line and a caret
        status = "ok" if not result.errors else f"{len(result.errors)} error(s)"
        print(f"checked {result.units} unit(s): {status}")
    return EXIT_SYNTAX if result.errors else EXIT_OK


def entry() -> None:
    import os

    try:
        code = main()
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # a bug in fourd, not in the user's code: say so, briefly
        if os.environ.get("FOURD_DEBUG"):
            raise
        print(f"fourd: internal error: {type(exc).__name__}: {exc} (set FOURD_DEBUG=1 for details)", file=sys.stderr)
        code = 70
    sys.exit(code)


if __name__ == "__main__":
    entry()
