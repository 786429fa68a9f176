"""``fourd repl``: type 4D, see values, keep your variables.

Two layers:

* :class:`ReplSession` is the engine, with no terminal in it: it decides whether
  an input is complete (a block still open waits for its ``End …``), runs it,
  prints the value of a closing expression in 4D's display form, shows errors
  and never lets one escape, answers ``:help NAME`` and completes names.
* :func:`main` puts a prompt in front of it: prompt_toolkit on a terminal
  (multi-line editing, history in ``~/.fourd_history``, completion on Tab,
  syntax highlighting), plain line reading otherwise (pipes, or without the
  ``repl`` extra installed).

Locals live on from one input to the next: all inputs are compiled against one
:class:`Scope` (the name → slot table and the declared types) and run in one
:class:`~fourd.runtime.frame.Frame` whose slot list grows as new locals appear.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..runtime.compiler import Compiler
from ..runtime.convert import display
from ..runtime.errors import AbortExecution, FourDError
from ..runtime.frame import Code, Frame
from ..runtime.interpreter import Runtime
from ..runtime.objects import collection_member_names
from ..runtime.trace import Tracer
from ..runtime.values import UNDEFINED, Collection4D, Object4D
from ..syntax import ast
from ..syntax.errors import FourDSyntaxError
from ..syntax.lexer import KEYWORDS, tokenize
from ..syntax.names import command_by_name, command_table, constant_by_name, constant_table
from ..syntax.parser import _OPENERS, parse
from .errors_display import Sources, format_error, use_color

METHOD_NAME = "<repl>"
_CLOSERS = frozenset(_OPENERS.values())
# A class member definition has no closing keyword: it ends at an empty line.
_CLASS_MEMBER_STARTS = frozenset({"FUNCTION", "CLASS_CONSTRUCTOR"})
_CLASS_NODES = (ast.ClassConstructor, ast.FunctionDef, ast.PropertyDecl, ast.ClassExtends)

HELP = """\
Type 4D code; a block (If, For each, Use, Case of, Try…) runs once it is closed.
The value of a last expression is printed; locals stay between inputs.
  :help NAME     syntax of a command (or the value of a constant)
  :vars          the local variables and their values
  :load PATH     add a .4dm method, or a folder of them, callable by name
  :trace on|off  print each line as it runs
  :quit          leave (or Ctrl-D)
Tab completes commands, constants, variables and properties."""


@dataclass
class Scope:
    """The locals shared by every input of a session: name → slot, slot names, declared types."""

    slots: dict[str, int] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    types: dict[int, str] = field(default_factory=dict)


class ScopedCompiler(Compiler):
    """A :class:`Compiler` whose local variables live in a :class:`Scope` that outlives it."""

    def __init__(self, runtime: Runtime, scope: Scope, path: str):
        super().__init__(runtime, METHOD_NAME, path)
        self.slots, self.slot_names, self.slot_types = scope.slots, scope.names, scope.types


class ReplSession:
    """One interactive session: a runtime, its locals, and what to print where."""

    def __init__(self, runtime: Runtime | None = None, out: TextIO | None = None, err: TextIO | None = None):
        self.out = out or sys.stdout
        self.err = err or sys.stderr
        self.runtime = runtime or Runtime(stdout=self.out, stderr=self.err)
        self.runtime.tracer = Tracer(self.err, active=False)
        self.runtime.trace_hook = self.runtime.tracer.start
        self.scope = Scope()
        self.process = self.runtime.current_process()
        self.frame = Frame(ScopedCompiler(self.runtime, self.scope, METHOD_NAME).compile_unit([]), [], self.process)
        self.sources = Sources(self.runtime)
        self.count = 0
        self.color = use_color(self.err)
        self.running = True

    # -- input ---------------------------------------------------------------------------
    def is_complete(self, text: str) -> bool:
        """Whether ``text`` can run now, or a block, a comment or a continued line is still open."""
        if not text.strip() or text.lstrip().startswith(":"):
            return True
        if text.rstrip(" \t").endswith("\\"):
            return False
        try:
            tokens = tokenize(text, METHOD_NAME, self.runtime.methods.lex_options())
        except FourDSyntaxError as exc:
            return not exc.message.startswith("unterminated comment")  # other errors: run it and report
        first = next((t.type for t in tokens if t.type not in ("NL", "MODIFIER")), None)
        if first in _CLASS_MEMBER_STARTS:
            return "\n" in text and not text.rsplit("\n", 1)[-1].strip()
        depth = 0
        at_start = True
        for i, tok in enumerate(tokens):
            if at_start and tok.type in _OPENERS:
                # `Try(expression)` is an expression, not a block.
                if not (tok.type == "TRY" and i + 1 < len(tokens) and tokens[i + 1].type == "LPAR"):
                    depth += 1
            elif at_start and tok.type in _CLOSERS:
                depth -= 1
            at_start = tok.type == "NL"
        return depth <= 0

    def handle(self, text: str) -> bool:
        """Run one complete input (code or a ``:command``); False once the user asked to leave."""
        stripped = text.strip()
        if stripped.startswith(":"):
            self.command(stripped[1:])
        elif stripped:
            self.execute(text)
        return self.running

    # -- running code ------------------------------------------------------------------------
    def execute(self, text: str) -> None:
        """Compile and run ``text`` in the session's frame; print its value or its error."""
        self.count += 1
        path = f"<repl {self.count}>"
        self.sources.add(path, text)
        self.runtime.tracer.add_source(path, text)
        try:
            module = parse(text, path, self.runtime.methods.lex_options())
            if any(isinstance(node, _CLASS_NODES) for node in module.body):
                self._say(
                    "Class members belong in a class file (Classes/NAME.4dm); the REPL runs method code.",
                    self.err,
                )
                return
            body = _value_of_last(module.body)
            code = ScopedCompiler(self.runtime, self.scope, path).compile_unit(body)
            self._run(code)
        except (FourDSyntaxError, FourDError) as exc:
            self._say(format_error(exc, self.sources, self.color), self.err)
        except RecursionError:
            self._say("error: stack overflow (too many nested calls)", self.err)
        except AbortExecution:
            self._say("execution aborted", self.err)
        except KeyboardInterrupt:
            self._say("interrupted", self.err)
        except Exception as exc:  # a bug in fourd: say so, keep the session
            self._say(f"fourd: internal error: {type(exc).__name__}: {exc}", self.err)

    def _run(self, code: Code) -> None:
        frame = self.frame
        frame.code = code
        missing = code.nslots - len(frame.slots)
        if missing > 0:  # new locals: declared scalars start at their type's default, others Undefined
            initial = getattr(code, "initial", None)
            frame.slots.extend(initial[len(frame.slots) :] if initial else [UNDEFINED] * missing)
        frame.result, frame.returned = UNDEFINED, False
        previous = self.process.frame
        self.process.frame = frame
        try:
            code.run(frame)
        except FourDError as exc:
            exc.call_chain.append((code.name, exc.line or 0) if not exc.call_chain else (code.name, frame.line))
            raise
        finally:
            self.process.frame = previous
            self.out.flush()
        result, returned = frame.result, frame.returned
        frame.result, frame.returned = UNDEFINED, False
        if returned and result is not UNDEFINED:  # the last expression's value, or an explicit return
            self._say(display(result), self.out)

    def _say(self, text: str, stream: TextIO) -> None:
        if stream is self.err:
            self.out.flush()
        stream.write(text + "\n")
        stream.flush()

    # -- REPL commands ---------------------------------------------------------------------------
    def command(self, line: str) -> None:
        name, _, arg = line.strip().partition(" ")
        name, arg = name.lower(), arg.strip()
        if name in ("q", "quit", "exit"):
            self.running = False
        elif name in ("h", "help", "?"):
            self._say(help_text(arg) if arg else HELP, self.out)
        elif name == "vars":
            self._say(self.describe_locals() or "(no local variables yet)", self.out)
        elif name == "load":
            self._say(self.load(Path(arg)) if arg else "usage: :load PATH", self.out)
        elif name == "trace" and arg.lower() in ("on", "off"):
            self.runtime.tracer.active = arg.lower() == "on"
            self.runtime.methods.forget_compiled()
            self._say(f"tracing {arg.lower()}", self.out)
        else:
            self._say(f"unknown REPL command :{name} (try :help)", self.err)

    def describe_locals(self) -> str:
        rows = []
        for index, name in enumerate(self.scope.names):
            value = self.frame.slots[index] if index < len(self.frame.slots) else UNDEFINED
            type_ = self.scope.types.get(index, "Variant")
            shown = "(undefined)" if value is UNDEFINED else display(value)
            rows.append(f"{name} : {type_} = {shown}")
        return "\n".join(rows)

    def load(self, path: Path) -> str:
        methods = self.runtime.methods
        if path.is_dir():
            before = len(methods.names())
            methods.add_folder(path)
            return f"{len(methods.names()) - before} method(s) added from {path}"
        if path.is_file() and path.suffix.lower() == ".4dm":
            methods.add_file(path)
            return f"method {path.stem} added"
        return f"no .4dm file or folder at {path}"

    # -- completion -------------------------------------------------------------------------------
    def complete(self, before_cursor: str) -> tuple[int, list[str]]:
        """Names that can finish the text before the cursor: (length of the part they replace, names)."""
        m = re.search(r"((?:\$|<>)?[^\W\d]\w*(?:\.\w+)*)\.(\w*)$", before_cursor)
        if m:
            return len(m.group(2)), self._members(m.group(1).split("."), m.group(2))
        m = re.search(r"(\$\w*|<>\w*)$", before_cursor)
        if m:
            fragment = m.group(1)
            if fragment.startswith("$"):
                pool: Iterable[str] = self.scope.names
            else:
                pool = ["<>" + k for k in self.runtime.interprocess]
            return len(fragment), _matching(pool, fragment)
        m = re.search(r"[^\W\d][\w ]*$", before_cursor)
        if not m:
            return 0, []
        words = m.group().split(" ")
        for i in range(len(words)):  # the longest run of words that starts a known name
            fragment = " ".join(words[i:])
            if not fragment.strip():
                continue
            found = _matching(self._names(), fragment)
            if found:
                return len(fragment), found
        return 0, []

    def _names(self) -> list[str]:
        names = list(_static_names())
        names.extend(self.runtime.methods.names())
        names.extend(self.process.vars)
        return names

    def _members(self, chain: list[str], fragment: str) -> list[str]:
        value = self._peek(chain)
        if type(value) is Object4D:
            return _matching(value.props.keys(), fragment)
        if type(value) is Collection4D:
            return _matching(["length", *collection_member_names()], fragment)
        return []

    def _peek(self, chain: list[str]) -> Any:
        """The value of ``$a.b.c`` read without running anything (no getters, no commands)."""
        head = chain[0]
        if head.startswith("$"):
            index = self.scope.slots.get(head.lower())
            value = self.frame.slots[index] if index is not None and index < len(self.frame.slots) else UNDEFINED
        elif head.startswith("<>"):
            value = self.runtime.get_interprocess(head[2:].lower())
        else:
            value = self.process.get_var(head.lower())
        for name in chain[1:]:
            if type(value) is not Object4D:
                return UNDEFINED
            value = value.props.get(name, UNDEFINED)
        return value


def _matching(pool: Iterable[str], fragment: str) -> list[str]:
    key = fragment.lower()
    return sorted({name for name in pool if name.lower().startswith(key) and name != fragment}, key=str.lower)[:200]


_STATIC_NAMES: list[str] = []


def _static_names() -> list[str]:
    """Command names, constant names and keywords, as written in code."""
    if not _STATIC_NAMES:
        _STATIC_NAMES.extend(info.name for info in command_table()[0].values())
        _STATIC_NAMES.extend(info.name for info in constant_table().values())
        _STATIC_NAMES.extend(k.capitalize() for k in KEYWORDS)
    return _STATIC_NAMES


def help_text(name: str) -> str:
    """``:help NAME``: the syntax line of a command from the command table, or a constant's value."""
    key = " ".join(name.split())
    info = command_by_name(key)
    if info is not None:
        lines = [
            info.syntax or info.name,
            f"  command {info.number}; thread safe: {'yes' if info.thread_safe else 'no'}",
        ]
        if info.former_names:
            lines.append("  former names: " + ", ".join(info.former_names))
        return "\n".join(lines)
    const = constant_by_name(key)
    if const is not None:
        value = const.raw_value if const.raw_value != "" else "(value not documented)"
        return f"{const.name} : {const.type or 'constant'} = {value}"
    close = _matching(_static_names(), key)[:5]
    return f"no command or constant named {key!r}" + (f"; did you mean: {', '.join(close)}?" if close else "")


def _value_of_last(body: list[ast.Node]) -> list[ast.Node]:
    """The statements to run, the last one made to return its value when it is an expression."""
    if not body or not isinstance(body[-1], ast.ExpressionStatement) or not _has_value(body[-1].expression):
        return body
    last = ast.Return(body[-1].expression, line=body[-1].line, column=body[-1].column)
    return [*body[:-1], last]


def _has_value(expression: ast.Node) -> bool:
    """False for a call to a command that returns nothing (``ALERT(…)``): its Python None is not a 4D Null."""
    callee = expression.callee if isinstance(expression, ast.Call) else expression
    if not isinstance(callee, ast.Name) or callee.constant_token is not None:
        return True
    from ..commands.registry import known_command

    info = known_command(callee.number, callee.name)
    if info is None:
        return True  # a method or a variable: its value shows when it has one
    tail = info.syntax.rsplit(")", 1)[-1] if ")" in info.syntax else info.syntax
    return ":" in tail


# -- the terminal front ends ---------------------------------------------------------------------


def history_path() -> Path:
    return Path(os.environ.get("FOURD_HISTORY") or Path.home() / ".fourd_history")


def run_prompt_toolkit(session: ReplSession) -> None:
    from prompt_toolkit import PromptSession
    from prompt_toolkit.completion import Completer, Completion
    from prompt_toolkit.history import FileHistory
    from prompt_toolkit.key_binding import KeyBindings
    from prompt_toolkit.lexers import PygmentsLexer

    from .highlight import FourDLexer

    class _Completer(Completer):
        def get_completions(self, document: Any, complete_event: Any):
            replaced, names = session.complete(document.text_before_cursor)
            for name in names:
                yield Completion(name, start_position=-replaced)

    keys = KeyBindings()

    @keys.add("enter")
    def _enter(event: Any) -> None:
        buffer = event.current_buffer
        if buffer.document.is_cursor_at_the_end and session.is_complete(buffer.text):
            buffer.validate_and_handle()
        else:
            buffer.insert_text("\n")

    try:
        history = FileHistory(str(history_path()))
    except OSError:
        history = None
    prompt = PromptSession(
        multiline=True,
        key_bindings=keys,
        history=history,
        lexer=PygmentsLexer(FourDLexer),
        completer=_Completer(),
        complete_while_typing=False,
        prompt_continuation=lambda width, line, soft: "...> ".rjust(width),
    )
    while session.running:
        try:
            text = prompt.prompt("4D> ")
        except KeyboardInterrupt:
            continue
        except EOFError:
            break
        session.handle(text)


def run_plain(session: ReplSession, stdin: TextIO, prompts: bool) -> None:
    """Line by line from ``stdin`` (a pipe, or a terminal without prompt_toolkit)."""
    pending: list[str] = []
    while session.running:
        if prompts:
            session.out.write("...> " if pending else "4D> ")
            session.out.flush()
        line = stdin.readline()
        if not line:
            break
        pending.append(line.rstrip("\n"))
        text = "\n".join(pending)
        if session.is_complete(text):
            pending = []
            session.handle(text)
    if pending and session.running:
        session.handle("\n".join(pending))  # an unclosed block: report it


def main(paths: list[str] | None = None) -> int:
    session = ReplSession()
    for path in paths or []:
        message = session.load(Path(path))
        if message.startswith("no "):
            session._say(message, session.err)
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if interactive:
        session._say("fourd REPL: 4D code, :help for help, Ctrl-D to leave.", session.out)
    if interactive:
        try:
            import prompt_toolkit  # noqa: F401
        except ImportError:
            run_plain(session, sys.stdin, prompts=True)
        else:
            run_prompt_toolkit(session)
    else:
        run_plain(session, sys.stdin, prompts=False)
    return 0
