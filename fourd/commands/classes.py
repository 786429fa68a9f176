"""Classes: the class stores (``cs``, ``4D``), ``This``, ``OB Class`` and ``OB Instance of``.

``Super`` is compiled by the compiler itself (it is a call, a statement or a
value depending on where it is written); the class machinery is in
:mod:`fourd.runtime.classes`.
"""

from __future__ import annotations

from typing import Any

from ..runtime.classes import class_of, instance_of, this_of
from ..runtime.frame import Frame
from .registry import command


@command("cs")
def cs(f: Frame) -> Any:
    return f.process.runtime.classes.store()


@command("4D")
def four_d(f: Frame) -> Any:
    return f.process.runtime.classes.builtin_store()


@command("This")
def this(f: Frame) -> Any:
    return this_of(f)


@command("OB Class")
def ob_class(f: Frame, value: Any) -> Any:
    return class_of(value)  # None (Null) for what is not an object (ob-class.md)


@command("OB Instance of")
def ob_instance_of(f: Frame, value: Any, cls: Any) -> bool:
    return instance_of(value, cls)


@command("Super", hook=True)
def super_(compiler: Any, arg_nodes: list[Any]) -> Any:
    # The compiler binds `Super` itself (constructor call or superclass member); this entry
    # only makes the registry (and `fourd commands`) know the command, with the same meaning.
    return compiler.super_call(arg_nodes)
