"""``4D.Vector`` (API/VectorClass.md): an immutable, shared vector of reals with the three
similarity measures AI embeddings are compared with."""

from __future__ import annotations

import math
from typing import Any

from .classes import register_builtin_class
from .errors import error
from .objects import BuiltinObject
from .values import UNDEFINED, Collection4D, is_number, type_name


class Vector(BuiltinObject):
    """Vectors are shared and immutable (docs): any process may read one, none may change it."""

    class_name = "Vector"
    shareable = True
    shared = True

    def __init__(self, components: list[float]):
        self.components = components

    def get_member(self, name: str) -> Any:
        if name == "length":
            return len(self.components)
        return UNDEFINED

    def get_item(self, index: int) -> Any:
        """``$vector[0]``: a component (undefined beyond the last, as collections read)."""
        return self.components[index] if 0 <= index < len(self.components) else UNDEFINED

    def set_member(self, name: str, value: Any) -> None:
        raise error("null_assign", name=name, got="a Vector (vectors are immutable)")

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        if name == "toCollection":
            return Collection4D(list(self.components))
        measure = _MEASURES.get(name)
        if measure is None:
            raise error("unknown_member", name=name)
        if len(args) != 1:
            raise error("wrong_param_count", name=f".{name}()", detail=f"expects 1 parameter(s), got {len(args)}")
        other = args[0]
        if not isinstance(other, Vector):
            raise error("wrong_param_type", name=f".{name}()", index=1, expected="a 4D.Vector", got=type_name(other))
        if len(other.components) != len(self.components):
            raise error(
                "wrong_param_type",
                name=f".{name}()",
                index=1,
                expected=f"a vector of {len(self.components)} components (both vectors must have the same size)",
                got=f"{len(other.components)} components",
            )
        return measure(self.components, other.components)

    def to_json_4d(self) -> Any:
        # The docs are silent on JSON: fourd writes the properties a 4D developer can read (length).
        return {"length": len(self.components)}


def _dot(a: list[float], b: list[float]) -> float:
    return math.fsum(x * y for x, y in zip(a, b, strict=True))


def _cosine(a: list[float], b: list[float]) -> float:
    norms = math.sqrt(_dot(a, a)) * math.sqrt(_dot(b, b))
    return _dot(a, b) / norms if norms else 0.0  # a zero vector has no direction: fourd returns 0


def _euclidean(a: list[float], b: list[float]) -> float:
    return math.sqrt(math.fsum((x - y) ** 2 for x, y in zip(a, b, strict=True)))


_MEASURES = {"cosineSimilarity": _cosine, "dotSimilarity": _dot, "euclideanDistance": _euclidean}


def _new(args: list[Any], frame: Any) -> Vector:
    if len(args) != 1 or type(args[0]) is not Collection4D:
        got = type_name(args[0]) if args else "nothing"
        raise error("wrong_param_type", name="4D.Vector.new", index=1, expected="a collection of reals", got=got)
    components = []
    for value in args[0].items:
        if not is_number(value):
            raise error(
                "wrong_param_type",
                name="4D.Vector.new",
                index=1,
                expected="a collection of reals",
                got=f"a {type_name(value)} element",
            )
        components.append(float(value))
    return Vector(components)


register_builtin_class("Vector", python_types=(Vector,), new=_new)
