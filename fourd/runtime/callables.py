"""Calling 4D "callables": formulas (4D.Function objects) and project method names.

Collection member functions (``$c.map(Formula($1.value*2))``, ``$c.sort("MyCompare")``),
``New process``, ``CALL WORKER`` and ``Formula.call`` all go through
:func:`call_callable`, so the rules live in one place.
"""

from __future__ import annotations

from typing import Any

from .errors import error
from .values import type_name


def is_callable(value: Any) -> bool:
    """A formula object or a project method's name: what New process, CALL WORKER and callbacks take."""
    return type(value) is str or hasattr(value, "call_with_this")


def expect_callable(value: Any, command: str, index: int) -> Any:
    """``value`` when it is callable, else the 4D parameter-type error of ``command``."""
    if not is_callable(value):
        raise error(
            "wrong_param_type", name=command, index=index, expected="a formula or a method name", got=type_name(value)
        )
    return value


def call_callable(frame: Any, fn: Any, args: list[Any], this: Any = None) -> Any:
    """Call ``fn`` (a formula object or a project method's name) with ``args``; ``This`` is ``this``."""
    call = getattr(fn, "call_with_this", None)
    if call is not None:
        return call(frame, this, args)
    if type(fn) is str:
        runtime = frame.process.runtime
        code = runtime.methods.get(runtime, fn)
        if code is None:
            raise error("unknown_method", name=fn)
        return runtime.invoke(code, list(args), frame.process, this, frame)
    raise error("wrong_param_type", name="formula", index=1, expected="a formula or a method name", got=type_name(fn))
