"""fourd's abstract syntax tree: plain dataclasses, owned by fourd (no Lark types).

Every node carries the ``line`` (1-based) where it starts; expressions carry the
``column`` too, for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Node:
    line: int = field(default=0, kw_only=True)
    column: int = field(default=0, kw_only=True)


# -- expressions ---------------------------------------------------------------


@dataclass
class Literal(Node):
    value: Any  # str, float, int, bool, Date4D, Time4D, None


@dataclass
class LocalVar(Node):
    name: str  # as written, with the `$`: "$obj", "$1"


@dataclass
class DynamicParam(Node):
    index: Node  # ${expr}


@dataclass
class ProcessVar(Node):
    name: str


@dataclass
class InterprocessVar(Node):
    name: str  # without the `<>`


@dataclass
class Name(Node):
    """A bare name: a command, constant, project method or process variable.

    ``number`` is set for tokenized commands (``Length:C16``), ``constant_token``
    for tokenized constants (``Is real:K8:1``); the compiler resolves the rest.
    """

    name: str
    number: int | None = None
    constant_token: str | None = None


@dataclass
class Call(Node):
    callee: Name
    args: list[Node]


@dataclass
class Member(Node):
    target: Node
    name: str


@dataclass
class MethodCall(Node):
    target: Node
    name: str
    args: list[Node]


@dataclass
class IndexCall(Node):
    """``$o["name"](args)``: call the formula stored under a computed property name."""

    target: Node
    index: Node
    args: list[Node]


@dataclass
class Index(Node):
    target: Node
    index: Node


@dataclass
class CharIndex(Node):
    target: Node
    index: Node


@dataclass
class ArrayElement(Node):
    target: Node
    index: Node


@dataclass
class Star(Node):
    """A lone ``*`` passed as a command argument."""


@dataclass
class OperatorArg(Node):
    """A lone operator passed as a command argument: ``SORT ARRAY($a; >)``, ``QUERY([T]; &; …)``."""

    op: str


@dataclass
class Unary(Node):
    op: str
    operand: Node


@dataclass
class Binary(Node):
    op: str
    left: Node
    right: Node


@dataclass
class Logical(Node):
    op: str  # "&&" or "||" (short-circuit, returns an operand)
    left: Node
    right: Node


@dataclass
class Ternary(Node):
    condition: Node
    if_true: Node
    if_false: Node


@dataclass
class ObjectLiteral(Node):
    items: list[tuple[Node | str, Node]]  # key: a property name, or an expression for [computed] keys


@dataclass
class CollectionLiteral(Node):
    items: list[Node]


@dataclass
class PointerTo(Node):
    target: Node


@dataclass
class Dereference(Node):
    pointer: Node


@dataclass
class TableRef(Node):
    table: str


@dataclass
class FieldRef(Node):
    table: str
    field: str


@dataclass
class Elided(Node):
    """``...`` where a documentation example leaves an expression out (Markdown only; cannot run)."""


@dataclass
class TryExpression(Node):
    expression: Node


# -- statements ----------------------------------------------------------------


@dataclass
class ExpressionStatement(Node):
    expression: Node


@dataclass
class Assign(Node):
    target: Node
    op: str  # ":=", "+=", "-=", "*=", "/="
    value: Node


@dataclass
class If(Node):
    condition: Node
    then: list[Node]
    otherwise: list[Node] | None


@dataclass
class CaseOf(Node):
    branches: list[tuple[Node, list[Node]]]
    otherwise: list[Node] | None


@dataclass
class While(Node):
    condition: Node
    body: list[Node]


@dataclass
class Repeat(Node):
    body: list[Node]
    condition: Node


@dataclass
class For(Node):
    variable: Node
    start: Node
    end: Node
    step: Node | None
    body: list[Node]


@dataclass
class ForEach(Node):
    variable: Node
    source: Node
    begin: Node | None
    end: Node | None
    body: list[Node]
    until: Node | None = None
    while_: Node | None = None


@dataclass
class Use(Node):
    target: Node
    body: list[Node]


@dataclass
class TryBlock(Node):
    body: list[Node]
    catch: list[Node] | None


@dataclass
class Return(Node):
    value: Node | None


@dataclass
class Break(Node):
    pass


@dataclass
class Continue(Node):
    pass


@dataclass
class TypeRef(Node):
    """A declared type: ``Text``, ``Integer``, ``cs.Customer``, ``4D.File``…"""

    parts: list[str]

    @property
    def name(self) -> str:
        return ".".join(self.parts)


@dataclass
class VarDecl(Node):
    names: list[Node]  # LocalVar / ProcessVar / InterprocessVar
    type: TypeRef | None
    value: Node | None


@dataclass
class Param(Node):
    name: str  # "$id"; "..." for the variadic rest
    type: TypeRef | None


@dataclass
class Declare(Node):
    params: list[Param]
    result: Param | None


@dataclass
class SQLBlock(Node):
    text: str


# -- class definitions -----------------------------------------------------------


@dataclass
class ClassExtends(Node):
    parent: list[str]  # ["Entity"], ["cs", "Person"], ["4D", "File"]


@dataclass
class ClassConstructor(Node):
    params: list[Param]
    body: list[Node]
    modifiers: list[str]


@dataclass
class FunctionDef(Node):
    name: str
    kind: str  # "": plain function; "get"/"set": computed property; "event"/"query"/"orderBy": ORDA
    params: list[Param]
    result: Param | None
    body: list[Node]
    modifiers: list[str]
    attribute: str = ""  # `Function event touched <attribute>`: the attribute the event is for


@dataclass
class PropertyDecl(Node):
    names: list[str]
    type: TypeRef | None
    value: Node | None
    modifiers: list[str]


@dataclass
class AliasDecl(Node):
    """``Alias name target.path`` in an ORDA entity class."""

    name: str
    path: list[str]
    modifiers: list[str]


@dataclass
class Module(Node):
    """A parsed ``.4dm`` file: a method's statements, or a class's definitions."""

    body: list[Node]
    path: str = "<code>"
    attributes: dict[str, Any] = field(default_factory=dict)
