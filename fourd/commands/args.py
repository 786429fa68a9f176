"""Helpers commands use to check and convert their arguments (one error format for all)."""

from __future__ import annotations

from typing import Any

from ..runtime.errors import error
from ..runtime.values import UNDEFINED, Collection4D, Object4D, type_name


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # default of an optional parameter that was not passed


def text(value: Any, command: str, index: int) -> str:
    if type(value) is str:
        return value
    if value is UNDEFINED:
        return ""
    raise error("wrong_param_type", name=command, index=index, expected="a text", got=type_name(value))


def number(value: Any, command: str, index: int) -> float | int:
    t = type(value)
    if (t is float or t is int) and t is not bool:
        return value
    if value is UNDEFINED:
        return 0.0
    raise error("wrong_param_type", name=command, index=index, expected="a number", got=type_name(value))


def integer(value: Any, command: str, index: int) -> int:
    return int(number(value, command, index))


def boolean(value: Any, command: str, index: int) -> bool:
    if type(value) is bool:
        return value
    raise error("wrong_param_type", name=command, index=index, expected="a boolean", got=type_name(value))


def obj(value: Any, command: str, index: int, allow_null: bool = False) -> Object4D | None:
    if type(value) is Object4D or (allow_null and value is None):
        return value
    raise error("wrong_param_type", name=command, index=index, expected="an object", got=type_name(value))


def collection(value: Any, command: str, index: int) -> Collection4D:
    if type(value) is Collection4D:
        return value
    raise error("wrong_param_type", name=command, index=index, expected="a collection", got=type_name(value))
