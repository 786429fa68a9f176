"""Interruptions theme: error handlers, throw, Last errors, assertions, ABORT, Call chain.

The rules for who gets an error (Try, Try(), ON ERR CALL) live in
``Runtime.on_error`` and the compiler's Try closures; these commands only
install handlers, raise errors and report them.
"""

from __future__ import annotations

import re
from typing import Any

from ..runtime.errors import AbortExecution, FourDError, error
from ..runtime.formulas import expression_text
from ..runtime.frame import Frame
from ..runtime.json4d import from_plain
from ..runtime.values import UNDEFINED, Object4D, type_name
from ..syntax import ast
from . import args as A
from .registry import command, headless_only_error

EK_LOCAL, EK_GLOBAL, EK_COMPONENTS = 0, 1, 2  # ek local, ek global, ek errors from components


def wrong_count_when_run(name: str, expected: str, got: int):
    """For hook commands: a bad argument count is reported where the line runs, not at compile time."""

    def fail(f: Frame) -> Any:
        raise error("wrong_param_count", name=name, detail=f"expects {expected} parameter(s), got {got}")

    return fail


# -- error handlers ----------------------------------------------------------------------------


@command("ON ERR CALL")
def on_err_call(f: Frame, method: Any, scope: Any = A.MISSING) -> None:
    name = A.text(method, "ON ERR CALL", 1) or None
    process = f.process
    if process.in_handler:
        return  # on-err-call.md: ON ERR CALL cannot be used inside the error-handling method
    kind = EK_LOCAL if scope is A.MISSING else A.integer(scope, "ON ERR CALL", 2)
    # A handler installed inside a Try block handles the errors of that block (error-handling.md).
    running = frozenset(process.try_stack)
    runtime = process.runtime
    if kind == EK_GLOBAL:
        runtime.global_error_handler, runtime.global_error_handler_trys = name, running
    elif kind == EK_COMPONENTS:
        runtime.component_error_handler = name
    else:
        process.error_handler, process.error_handler_trys = name, running


@command("Method called on error")
def method_called_on_error(f: Frame, scope: Any = A.MISSING) -> str:
    kind = EK_LOCAL if scope is A.MISSING else A.integer(scope, "Method called on error", 1)
    runtime = f.process.runtime
    if kind == EK_GLOBAL:
        return runtime.global_error_handler or ""
    if kind == EK_COMPONENTS:
        return runtime.component_error_handler or ""
    return f.process.error_handler or ""


@command("Last errors")
def last_errors(f: Frame) -> Any:
    process = f.process
    if not process.last_errors:
        return None  # last-errors.md: null if no error occurred
    return process.runtime.last_errors_collection(process)


@command("ABORT")
def abort(f: Frame) -> None:
    raise AbortExecution("ABORT")


# -- throw -------------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@command("throw", hook=True)
def throw_hook(compiler: Any, arg_nodes: list[ast.Node]):
    """``throw(code{; text})``, ``throw(errorObj)``, ``throw``: a hook to know the line it is on."""
    if len(arg_nodes) > 2:
        return wrong_count_when_run("throw", "0 to 2", len(arg_nodes))
    args = compiler.args(arg_nodes)
    line = compiler.line
    name, path = compiler.name, compiler.path

    def run_throw(f: Frame) -> None:
        values = [a(f) for a in args]
        if not values:
            _rethrow_current(f)
            return
        exc, deferred = _make_thrown(values)
        exc.method, exc.path, exc.line = name, path, line
        if deferred:
            f.process.deferred.append((f, exc))
            return
        raise exc

    return run_throw


def _make_thrown(values: list[Any]) -> tuple[FourDError, bool]:
    first = values[0]
    if type(first) is Object4D:
        if len(values) > 1:
            raise error("wrong_param_count", name="throw", detail="expects only the error object")
        return _from_object(first)
    code = A.integer(first, "throw", 1)
    if len(values) > 1:
        message = A.text(values[1], "throw", 2)
    else:
        message = f"Error code: {code} (host)"  # throw.md, example 3
    exc = FourDError(code, message, "throw")
    exc.signature = "host"
    return exc, False


def _from_object(obj: Object4D) -> tuple[FourDError, bool]:
    props = obj.props
    signature = props.get("componentSignature", UNDEFINED)
    signature = signature if type(signature) is str and signature else "host"
    raw_code = props.get("errCode", UNDEFINED)
    code = int(raw_code) if type(raw_code) in (float, int) and type(raw_code) is not bool else -1
    template = props.get("message", UNDEFINED)
    if type(template) is str and template:
        # {name} placeholders take the object's own properties (throw.md).
        message = _PLACEHOLDER.sub(lambda m: _placeholder(props, m), template)
    else:
        # The docs look the text up in the project's XLIFF files (ERR_sig_code); fourd has none.
        message = f"Error code: {code} ({signature})"
    exc = FourDError(code, message, "throw")
    exc.signature = signature
    exc.fields = dict(props)
    deferred = props.get("deferred", False) is True
    return exc, deferred


def _placeholder(props: dict[str, Any], match: re.Match[str]) -> str:
    from ..runtime.convert import to_text

    value = props.get(match.group(1), UNDEFINED)
    return match.group(0) if value is UNDEFINED else to_text(value)


def _rethrow_current(f: Frame) -> None:
    """Bare ``throw``: the current errors go back on the stack, raised when this method returns."""
    process = f.process
    for exc in process.last_errors:
        exc.seen_by_handler = exc.seen_by_handler or process.in_handler
        process.deferred.append((f, exc))


# -- assertions ---------------------------------------------------------------------------------


def assertions_enabled(f: Frame) -> bool:
    process = f.process
    if process.assert_enabled is not None:
        return process.assert_enabled
    return process.runtime.assert_enabled


def _assert_parts(compiler: Any, arg_nodes: list[ast.Node], name: str):
    condition = compiler.expr(arg_nodes[0])
    message = compiler.expr(arg_nodes[1]) if len(arg_nodes) > 1 else None
    # assert.md: the default message is the text of the assertion.
    text = expression_text(arg_nodes[0])

    def fail(f: Frame) -> FourDError:
        detail = A.text(message(f), name, 2) if message is not None else text
        return error("assert_failed", message=detail)

    return condition, fail


@command("ASSERT", hook=True)
def assert_hook(compiler: Any, arg_nodes: list[ast.Node]):
    if not 1 <= len(arg_nodes) <= 2:
        return wrong_count_when_run("ASSERT", "1 to 2", len(arg_nodes))
    condition, fail = _assert_parts(compiler, arg_nodes, "ASSERT")

    def run_assert(f: Frame) -> None:
        if not assertions_enabled(f):
            return  # set-assert-enabled.md: the expression is not even evaluated
        if not A.boolean(condition(f), "ASSERT", 1):
            raise fail(f)

    return run_assert


@command("Asserted", hook=True)
def asserted_hook(compiler: Any, arg_nodes: list[ast.Node]):
    if not 1 <= len(arg_nodes) <= 2:
        return wrong_count_when_run("Asserted", "1 to 2", len(arg_nodes))
    condition, fail = _assert_parts(compiler, arg_nodes, "Asserted")

    def run_asserted(f: Frame) -> bool:
        value = A.boolean(condition(f), "Asserted", 1)
        if not value and assertions_enabled(f):
            raise fail(f)
        return value

    return run_asserted


@command("SET ASSERT ENABLED")
def set_assert_enabled(f: Frame, enabled: Any, star: Any = A.MISSING) -> None:
    value = A.boolean(enabled, "SET ASSERT ENABLED", 1)
    process = f.process
    if star is not A.MISSING:
        process.assert_enabled = value  # `*`: the current process only
        return
    runtime = process.runtime
    runtime.assert_enabled = value  # all processes, existing or to come
    for other in list(runtime.processes.values()):
        other.assert_enabled = None


@command("Get assert enabled")
def get_assert_enabled(f: Frame) -> bool:
    return assertions_enabled(f)


# -- call chain -------------------------------------------------------------------------------


_CHAIN_TYPES = {
    "method": "projectMethod",
    "constructor": "classFunction",
    "function": "classFunction",
    "getter": "classFunction",
    "setter": "classFunction",
    "property": "classFunction",
    "formula": "formula",
}


@command("Call chain", hook=True)
def call_chain_hook(compiler: Any, arg_nodes: list[ast.Node]):
    if arg_nodes:
        return wrong_count_when_run("Call chain", "0", len(arg_nodes))
    line = compiler.line

    def run_call_chain(f: Frame) -> Any:
        return from_plain(call_chain(f, line))

    return run_call_chain


def call_chain(f: Frame, line: int) -> list[dict[str, Any]]:
    """The frames of the current process, innermost first (call-chain.md)."""
    runtime = f.process.runtime
    database = getattr(runtime, "database_name", None) or "fourd"
    out = []
    frame: Frame | None = f
    current_line = line
    while frame is not None:
        code = frame.code
        entry: dict[str, Any] = {
            "type": _CHAIN_TYPES.get(code.kind, code.kind),
            "name": code.name,
            "line": current_line,
            "database": database,
        }
        text = runtime.source_line(code.path, current_line)
        if text:
            entry["formula"] = text
        out.append(entry)
        caller = frame.caller
        current_line = caller.line if caller is not None else 0
        frame = caller
    return out


__all__ = ["assertions_enabled", "call_chain", "type_name"]


for _name in ("ON EVENT CALL", "FILTER EVENT", "Method called on event"):
    headless_only_error(_name, "needs keyboard and mouse events")
