"""4D values as Python objects.

=========  ==========================================================
4D type    Python representation
=========  ==========================================================
Text       ``str``
Real       ``float``
Integer    ``int`` (only typed Integer variables and some command results)
Boolean    ``bool``
Date       :class:`Date4D` (``Date4D(0, 0, 0)`` is the null date ``!00-00-00!``)
Time       :class:`Time4D` (a number of seconds)
Null       ``None``
Undefined  :data:`UNDEFINED`
Object     :class:`Object4D` (a reference; ``shared`` ones belong to a lock group)
Collection :class:`Collection4D`
Pointer    :class:`Pointer4D`
Blob       :class:`Blob4D`
=========  ==========================================================

``bool`` is a subclass of ``int`` in Python: code that tells types apart must
test for ``bool`` first.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any


class _Undefined:
    __slots__ = ()

    def __repr__(self) -> str:
        return "Undefined"

    def __bool__(self) -> bool:
        return False


UNDEFINED: Any = _Undefined()


class Date4D:
    """A 4D date.  ``(0, 0, 0)`` is the null date; other values are real calendar days."""

    __slots__ = ("year", "month", "day")

    def __init__(self, year: int, month: int, day: int):
        self.year = year
        self.month = month
        self.day = day

    NULL: Date4D

    @classmethod
    def from_date(cls, d: _dt.date) -> Date4D:
        return cls(d.year, d.month, d.day)

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Date4D:
        if ordinal < 1 or ordinal > _dt.date.max.toordinal():
            return cls.NULL
        return cls.from_date(_dt.date.fromordinal(ordinal))

    @classmethod
    def from_parts(cls, year: int, month: int, day: int) -> Date4D:
        """Build a date, rolling out-of-range months and days over as 4D does (2024-02-30 → 2024-03-01)."""
        if year == 0 and month == 0 and day == 0:
            return cls.NULL
        year += (month - 1) // 12
        month = (month - 1) % 12 + 1
        try:
            first = _dt.date(year, month, 1)
        except ValueError:
            return cls.NULL
        return cls.from_ordinal(first.toordinal() + day - 1)

    def is_null(self) -> bool:
        return self.year == 0 and self.month == 0 and self.day == 0

    def to_date(self) -> _dt.date | None:
        return None if self.is_null() else _dt.date(self.year, self.month, self.day)

    def ordinal(self) -> int:
        return 0 if self.is_null() else _dt.date(self.year, self.month, self.day).toordinal()

    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month, self.day)

    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Date4D) and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def __repr__(self) -> str:
        return f"!{self.iso()}!"


Date4D.NULL = Date4D(0, 0, 0)


class Time4D:
    """A 4D time: a signed number of seconds (it may exceed 24 hours)."""

    __slots__ = ("seconds",)

    def __init__(self, seconds: int):
        self.seconds = int(seconds)

    def hms(self) -> str:
        s = self.seconds
        sign = "-" if s < 0 else ""
        s = abs(s)
        return f"{sign}{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Time4D) and self.seconds == other.seconds

    def __hash__(self) -> int:
        return hash(("time", self.seconds))

    def __repr__(self) -> str:
        return f"?{self.hms()}?"


class Object4D:
    """A 4D object: an ordered map of case-sensitive property names to values.

    ``cls`` is the user or built-in class of an instance (``None`` for plain
    objects).  ``shared`` objects have a ``group`` (see :mod:`fourd.runtime.shared`).
    """

    __slots__ = ("props", "shared", "group", "cls", "__weakref__")

    def __init__(self, props: dict[str, Any] | None = None, cls: Any = None):
        self.props = {} if props is None else props
        self.shared = False
        self.group = None
        self.cls = cls

    def __repr__(self) -> str:
        return f"Object4D({self.props!r})"


class Collection4D:
    """A 4D collection: a 0-based list of values."""

    __slots__ = ("items", "shared", "group", "__weakref__")

    def __init__(self, items: list[Any] | None = None):
        self.items = [] if items is None else items
        self.shared = False
        self.group = None

    def __repr__(self) -> str:
        return f"Collection4D({self.items!r})"


class Pointer4D:
    """A pointer to a variable, array element or field: a getter, a setter and a name to show."""

    __slots__ = ("get", "set", "name", "identity", "ref")

    def __init__(self, get: Callable[[], Any], set: Callable[[Any], None], name: str, identity: Any, ref: Any = None):
        self.get = get
        self.set = set
        self.name = name
        self.identity = identity  # what two pointers to the same thing share
        # What RESOLVE POINTER reports: (scope, variable name, element indices) with scope
        # "local", "process" or "interprocess"; None for other targets.
        self.ref = ref

    def __repr__(self) -> str:
        return f"->{self.name}"


class Blob4D:
    """A 4D BLOB: mutable bytes."""

    __slots__ = ("data",)

    def __init__(self, data: bytes | bytearray = b""):
        self.data = bytearray(data)


class Array4D:
    """A 4D array: element 0 plus elements 1…n, all of one declared type."""

    __slots__ = ("type", "items", "dims", "current")

    def __init__(self, type_: str, items: list[Any]):
        self.type = type_
        self.items = items  # items[0] is element 0
        self.dims = 1
        self.current = 0  # the selected element (4DLOOP on an array moves it)

    def __int__(self) -> int:
        # An array used as an index is its selected element: `arr{arr}` (arrays.md).
        return self.current

    def size(self) -> int:
        return len(self.items) - 1

    def get(self, index: int) -> Any:
        if not 0 <= index < len(self.items):
            from .errors import error

            raise error("index_out_of_range", index=index, last=len(self.items) - 1)
        return self.items[index]

    def set(self, index: int, value: Any) -> None:
        if not 0 <= index < len(self.items):
            from .errors import error

            raise error("index_out_of_range", index=index, last=len(self.items) - 1)
        from .types import coerce

        self.items[index] = coerce(self.type, value)

    def __repr__(self) -> str:
        return f"Array4D({self.type}, {self.items[1:]!r})"


def is_number(value: Any) -> bool:
    return (type(value) is float or type(value) is int) and type(value) is not bool


def type_name(value: Any) -> str:
    """The 4D name of a value's type, for messages."""
    t = type(value)
    if t is str:
        return "Text"
    if t is bool:
        return "Boolean"
    if t is float:
        return "Real"
    if t is int:
        return "Integer"
    if t is Date4D:
        return "Date"
    if t is Time4D:
        return "Time"
    if value is None:
        return "Null"
    if value is UNDEFINED:
        return "Undefined"
    if t is Object4D:
        return "Object"
    if t is Collection4D:
        return "Collection"
    if t is Pointer4D:
        return "Pointer"
    if t is Blob4D:
        return "Blob"
    if t is Array4D:
        return "Array"
    return getattr(value, "type_name_4d", "Object")
