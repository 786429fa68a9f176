"""fourd's abstract syntax tree: plain dataclasses, owned by fourd (no Lark types).

Every node carries the ``line`` (1-based) where it starts; expressions carry the
``column`` too, for error messages.
"""

from __future__ import annotations

import threading
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

# Nodes are dataclasses whose __repr__ and __eq__ come from Node, written once, instead of being
# generated per class: that keeps one generated method per class (__init__) and saves about a third
# of fourd's import time at start-up.  They behave as dataclass's own (fields in order, same class only).
_fields_only = dataclass(init=False, repr=False, eq=False)
_with_init = dataclass(repr=False, eq=False)
_init_lock = threading.Lock()


def _node(cls: type) -> type:
    """``dataclass(repr=False, eq=False)``, whose ``__init__`` is made at the class's first instance.

    Generating and compiling an ``__init__`` for each of the ~50 node classes was most of the
    cost of importing this module, at every start-up; a run builds few node classes itself (the
    builder's frequent nodes skip ``__init__``, cached trees are unpickled without it).  The
    fields, ``__match_args__`` and the ``__doc__`` dataclass writes are set at once; the first call
    puts the very ``__init__`` dataclass would have made (from a twin class) in place of this one.
    """
    own = {name: cls.__dict__[name] for name in cls.__dict__.get("__annotations__", {}) if name in cls.__dict__}
    documented = bool(cls.__dict__.get("__doc__"))
    if not documented:
        cls.__doc__ = "-"  # else dataclass computes it from the signature, the placeholder's here
    _fields_only(cls)
    if not documented:
        cls.__doc__ = cls.__name__ + _signature_text(cls)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _init_lock:
            if cls.__dict__.get("__init__") is __init__:
                namespace = {
                    "__module__": cls.__module__,
                    "__qualname__": cls.__qualname__,
                    "__annotations__": cls.__dict__.get("__annotations__", {}),
                    "__doc__": cls.__doc__,
                    **own,
                }
                cls.__init__ = _with_init(type(cls.__name__, cls.__bases__, namespace)).__init__
        cls.__init__(self, *args, **kwargs)

    cls.__init__ = __init__
    return cls


def _signature_text(cls: type) -> str:
    """``(value: 'Any', *, line: 'int' = 0, column: 'int' = 0)``: the signature of the ``__init__``
    dataclass makes, as ``inspect.signature`` writes it (dataclass puts it in ``__doc__``)."""
    params: list[str] = []
    all_fields = fields(cls)
    for keyword_only in (False, True):
        group = [f for f in all_fields if f.init and f.kw_only == keyword_only]
        if keyword_only and group:
            params.append("*")
        for f in group:
            text = f"{f.name}: {f.type!r}"
            if f.default is not MISSING:
                text += f" = {f.default!r}"
            elif f.default_factory is not MISSING:
                text += " = <factory>"
            params.append(text)
    return "(" + ", ".join(params) + ")"


@_node
class Node:
    line: int = field(default=0, kw_only=True)
    column: int = field(default=0, kw_only=True)

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = [f.name for f in fields(self) if f.compare]
        return tuple(getattr(self, n) for n in names) == tuple(getattr(other, n) for n in names)

    __hash__ = None  # type: ignore[assignment]  # as a dataclass with eq: nodes are not hashable


# -- expressions ---------------------------------------------------------------


@_node
class Literal(Node):
    value: Any  # str, float, int, bool, Date4D, Time4D, None


@_node
class LocalVar(Node):
    name: str  # as written, with the `$`: "$obj", "$1"


@_node
class DynamicParam(Node):
    index: Node  # ${expr}


@_node
class ProcessVar(Node):
    name: str


@_node
class InterprocessVar(Node):
    name: str  # without the `<>`


@_node
class Name(Node):
    """A bare name: a command, constant, project method or process variable.

    ``number`` is set for tokenized commands (``Length:C16``), ``constant_token``
    for tokenized constants (``Is real:K8:1``); the compiler resolves the rest.
    """

    name: str
    number: int | None = None
    constant_token: str | None = None


@_node
class Call(Node):
    callee: Name
    args: list[Node]


@_node
class Member(Node):
    target: Node
    name: str


@_node
class MethodCall(Node):
    target: Node
    name: str
    args: list[Node]


@_node
class IndexCall(Node):
    """``$o["name"](args)``: call the formula stored under a computed property name."""

    target: Node
    index: Node
    args: list[Node]


@_node
class Index(Node):
    target: Node
    index: Node


@_node
class CharIndex(Node):
    target: Node
    index: Node


@_node
class ArrayElement(Node):
    target: Node
    index: Node


@_node
class Star(Node):
    """A lone ``*`` passed as a command argument."""


@_node
class OperatorArg(Node):
    """A lone operator passed as a command argument: ``SORT ARRAY($a; >)``, ``QUERY([T]; &; …)``."""

    op: str


@_node
class Unary(Node):
    op: str
    operand: Node


@_node
class Binary(Node):
    op: str
    left: Node
    right: Node


@_node
class Logical(Node):
    op: str  # "&&" or "||" (short-circuit, returns an operand)
    left: Node
    right: Node


@_node
class Ternary(Node):
    condition: Node
    if_true: Node
    if_false: Node


@_node
class ObjectLiteral(Node):
    items: list[tuple[Node | str, Node]]  # key: a property name, or an expression for [computed] keys


@_node
class CollectionLiteral(Node):
    items: list[Node]


@_node
class PointerTo(Node):
    target: Node


@_node
class Dereference(Node):
    pointer: Node


@_node
class TableRef(Node):
    table: str


@_node
class FieldRef(Node):
    table: str
    field: str


@_node
class Elided(Node):
    """``...`` where a documentation example leaves an expression out (Markdown only; cannot run)."""


@_node
class TryExpression(Node):
    expression: Node


# -- statements ----------------------------------------------------------------


@_node
class ExpressionStatement(Node):
    expression: Node


@_node
class Assign(Node):
    target: Node
    op: str  # ":=", "+=", "-=", "*=", "/="
    value: Node


@_node
class If(Node):
    condition: Node
    then: list[Node]
    otherwise: list[Node] | None


@_node
class CaseOf(Node):
    branches: list[tuple[Node, list[Node]]]
    otherwise: list[Node] | None


@_node
class While(Node):
    condition: Node
    body: list[Node]


@_node
class Repeat(Node):
    body: list[Node]
    condition: Node


@_node
class For(Node):
    variable: Node
    start: Node
    end: Node
    step: Node | None
    body: list[Node]


@_node
class ForEach(Node):
    variable: Node
    source: Node
    begin: Node | None
    end: Node | None
    body: list[Node]
    until: Node | None = None
    while_: Node | None = None


@_node
class Use(Node):
    target: Node
    body: list[Node]


@_node
class TryBlock(Node):
    body: list[Node]
    catch: list[Node] | None


@_node
class Return(Node):
    value: Node | None


@_node
class Break(Node):
    pass


@_node
class Continue(Node):
    pass


@_node
class TypeRef(Node):
    """A declared type: ``Text``, ``Integer``, ``cs.Customer``, ``4D.File``…"""

    parts: list[str]

    @property
    def name(self) -> str:
        return ".".join(self.parts)


@_node
class VarDecl(Node):
    names: list[Node]  # LocalVar / ProcessVar / InterprocessVar
    type: TypeRef | None
    value: Node | None


@_node
class Param(Node):
    name: str  # "$id"; "..." for the variadic rest
    type: TypeRef | None


@_node
class Declare(Node):
    params: list[Param]
    result: Param | None


@_node
class SQLBlock(Node):
    text: str


# -- class definitions -----------------------------------------------------------


@_node
class ClassExtends(Node):
    parent: list[str]  # ["Entity"], ["cs", "Person"], ["4D", "File"]


@_node
class ClassConstructor(Node):
    params: list[Param]
    body: list[Node]
    modifiers: list[str]


@_node
class FunctionDef(Node):
    name: str
    kind: str  # "": plain function; "get"/"set": computed property; "event"/"query"/"orderBy": ORDA
    params: list[Param]
    result: Param | None
    body: list[Node]
    modifiers: list[str]
    attribute: str = ""  # `Function event touched <attribute>`: the attribute the event is for


@_node
class PropertyDecl(Node):
    names: list[str]
    type: TypeRef | None
    value: Node | None
    modifiers: list[str]


@_node
class AliasDecl(Node):
    """``Alias name target.path`` in an ORDA entity class."""

    name: str
    path: list[str]
    modifiers: list[str]


@_node
class Module(Node):
    """A parsed ``.4dm`` file: a method's statements, or a class's definitions."""

    body: list[Node]
    path: str = "<code>"
    attributes: dict[str, Any] = field(default_factory=dict)
