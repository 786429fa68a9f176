"""Arrays theme: ARRAY TEXT…, Size of array, APPEND TO ARRAY, SORT ARRAY, Find in array…
and the Collections theme's COLLECTION TO ARRAY / ARRAY TO COLLECTION.

An array is an :class:`Array4D`: ``items[0]`` is element 0, ``items[1:]`` the
elements.  A two-dimensional array is an Array4D of ``dims == 2`` whose items
are the rows (Array4D of the same type).  Commands that create or fill arrays
write into the variable passed (:mod:`fourd.commands._targets`).

Conversions into typed arrays (COLLECTION TO ARRAY, OB GET ARRAY, JSON PARSE
ARRAY) are lenient, as 4D's are: a number into a Text array becomes its text,
Null becomes the empty value of the array type.  ARRAY INTEGER and ARRAY
LONGINT both make Integer arrays (``Type`` reports LongInt array for both).
"""

from __future__ import annotations

from typing import Any

from ..runtime.compiler import OperatorSymbol
from ..runtime.convert import to_bool, to_number, to_text
from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.operators import equal, sort_key
from ..runtime.shared import using
from ..runtime.storedvalue import stored
from ..runtime.types import default_value
from ..runtime.values import (
    UNDEFINED,
    Array4D,
    Blob4D,
    Collection4D,
    Date4D,
    Object4D,
    Pointer4D,
    Time4D,
    is_number,
    type_name,
)
from . import args as A
from ._targets import Target, writing_command
from .registry import command, headless_only_error

ARRAY_COMMANDS = {
    "ARRAY TEXT": "Text",
    "ARRAY REAL": "Real",
    "ARRAY INTEGER": "Integer",
    "ARRAY LONGINT": "Integer",
    "ARRAY BOOLEAN": "Boolean",
    "ARRAY DATE": "Date",
    "ARRAY TIME": "Time",
    "ARRAY OBJECT": "Object",
    "ARRAY POINTER": "Pointer",
    "ARRAY PICTURE": "Picture",
    "ARRAY BLOB": "Blob",
}


def new_array(type_: str, size: int, size2: int | None = None) -> Array4D:
    if size2 is None:
        return Array4D(type_, [default_value(type_) for _ in range(max(size, 0) + 1)])
    rows = [new_array(type_, size2) for _ in range(max(size, 0) + 1)]
    array = Array4D(type_, rows)
    array.dims = 2
    return array


def resize(array: Array4D, size: int) -> None:
    size = max(size, 0)
    items = array.items
    if size + 1 < len(items):
        del items[size + 1 :]
    elif array.dims == 2:
        width = items[0].size() if items else 0
        items.extend(new_array(array.type, width) for _ in range(size + 1 - len(items)))
    else:
        items.extend(default_value(array.type) for _ in range(size + 1 - len(items)))


def _array_command(name: str, type_: str) -> None:
    @writing_command(name, 2, 3)
    def declare(f: Frame, targets: list[Target]) -> None:
        size = A.integer(targets[1].read(f), name, 2)
        size2 = A.integer(targets[2].read(f), name, 3) if len(targets) > 2 else None
        current = targets[0].get()
        # An existing array of the same type keeps its elements (ARRAY TEXT docs: resize, not reset).
        if type(current) is Array4D and current.type == type_ and (current.dims == 2) == (size2 is not None):
            resize(current, size)
            if size2 is not None:
                for row in current.items:
                    resize(row, size2)
            return
        targets[0].set(new_array(type_, size, size2))


for _name, _type in ARRAY_COMMANDS.items():
    _array_command(_name, _type)


# -- conversions -----------------------------------------------------------------------------


def convert(type_: str, value: Any) -> Any:
    """A value converted for an array of ``type_`` (lenient, Null gives the empty value)."""
    if value is None or value is UNDEFINED:
        return default_value(type_)
    t = type(value)
    if type_ == "Text":
        return value if t is str else to_text(value)
    if type_ in ("Real", "Integer"):
        n = to_number(value) if t in (str, bool, float, int, Time4D, Date4D) else 0.0
        return float(n) if type_ == "Real" else int(round(n))
    if type_ == "Boolean":
        return value if t is bool else to_bool(value)
    if type_ == "Date":
        if t is Date4D:
            return value
        if t is str:
            from .objects import _iso_date

            return _iso_date(value)
        return Date4D.NULL
    if type_ == "Time":
        if t is Time4D:
            return value
        return Time4D(int(to_number(value))) if t in (str, float, int) else Time4D(0)
    if type_ == "Object":
        return value if t is Object4D else None
    if type_ == "Pointer":
        return value if t is Pointer4D else None
    if type_ == "Blob":
        return value if t is Blob4D else Blob4D()
    return value


_INFERABLE = {"Text", "Boolean", "Real", "Integer", "Date", "Time", "Pointer", "Blob", "Object"}


def infer_type(values: list[Any]) -> str:
    """The array type interpreted 4D creates for values (APPEND TO ARRAY on a missing array)."""
    for v in values:
        name = type_name(v)
        if name in _INFERABLE:
            return name
    return "Text"


def fill_array(target: Target, values: list[Any], name: str, default_type: str | None = None) -> Array4D:
    """Replace the elements of the array in ``target`` (created if missing) by ``values``."""
    array = target.get()
    if type(array) is not Array4D:
        array = new_array(default_type or infer_type(values), 0)
        target.set(array)
    array.items[1:] = [convert(array.type, v) for v in values]
    return array


def array_arg(value: Any, name: str, index: int = 1) -> Array4D:
    if type(value) is Pointer4D:
        value = value.get()
    if type(value) is not Array4D:
        raise error("not_an_array", name=name, index=index, got=type_name(value))
    return value


# -- size, insert, delete, append --------------------------------------------------------------


@command("Size of array")
def size_of_array(f: Frame, array: Any) -> int:
    return array_arg(array, "Size of array").size()


@writing_command("APPEND TO ARRAY", 2, 2)
def append_to_array(f: Frame, targets: list[Target]) -> None:
    value = targets[1].read(f)
    array = targets[0].get()
    if type(array) is not Array4D:
        array = new_array(infer_type([value]), 0)
        targets[0].set(array)
    if type(value) is Time4D and array.type in ("Real", "Integer"):
        value = value.seconds  # number arrays accept times (append-to-array.md)
    array.items.append(None)
    array.set(len(array.items) - 1, value)


@command("INSERT IN ARRAY")
def insert_in_array(f: Frame, array: Any, where: Any, how_many: Any = 1) -> None:
    a = array_arg(array, "INSERT IN ARRAY")
    at = A.integer(where, "INSERT IN ARRAY", 2)
    n = A.integer(how_many, "INSERT IN ARRAY", 3)
    if n <= 0:
        return
    at = min(max(at, 1), len(a.items))
    width = a.items[0].size() if a.dims == 2 and a.items else 0
    fresh = [new_array(a.type, width) if a.dims == 2 else default_value(a.type) for _ in range(n)]
    a.items[at:at] = fresh


@command("DELETE FROM ARRAY")
def delete_from_array(f: Frame, array: Any, where: Any, how_many: Any = 1) -> None:
    a = array_arg(array, "DELETE FROM ARRAY")
    at = A.integer(where, "DELETE FROM ARRAY", 2)
    n = A.integer(how_many, "DELETE FROM ARRAY", 3)
    if at < 1 or n <= 0:
        return
    del a.items[at : at + n]


@writing_command("COPY ARRAY", 2, 2)
def copy_array(f: Frame, targets: list[Target]) -> None:
    source = array_arg(targets[0].get(), "COPY ARRAY")
    dest = targets[1].get()
    numeric = ("Real", "Integer")
    if type(dest) is Array4D and dest.type in numeric and source.type in numeric and dest.type != source.type:
        # Numeric arrays of different types: the destination keeps its type (copy-array.md).
        dest.items = [convert(dest.type, v) for v in source.items]
        return
    copy = Array4D(source.type, [_copy_row(v) for v in source.items])
    copy.dims = source.dims
    targets[1].set(copy)


def _copy_row(value: Any) -> Any:
    if type(value) is Array4D:
        row = Array4D(value.type, list(value.items))
        row.dims = value.dims
        return row
    return value


# -- searching -------------------------------------------------------------------------------


def _same(element: Any, value: Any) -> bool:
    te, tv = type(element), type(value)
    if te is not tv and not (is_number(element) and is_number(value)):
        if te is Time4D and is_number(value):
            return element.seconds == value
        return False
    if te is Pointer4D:
        return element.identity == value.identity
    return equal(element, value)


@command("Find in array")
def find_in_array(f: Frame, array: Any, value: Any, start: Any = 1) -> int:
    a = array_arg(array, "Find in array")
    begin = max(A.integer(start, "Find in array", 3), 1)
    for i in range(begin, len(a.items)):
        if _same(a.items[i], value):
            return i
    return -1


@command("Count in array")
def count_in_array(f: Frame, array: Any, value: Any) -> int:
    a = array_arg(array, "Count in array")
    return sum(1 for v in a.items[1:] if _same(v, value))


def _order(value: Any, name: str, index: int) -> bool:
    """True for ``>`` (ascending), False for ``<``."""
    if isinstance(value, OperatorSymbol) and value.ascending is not None:
        return value.ascending
    raise error("wrong_param_type", name=name, index=index, expected="> or <", got=type_name(value))


@writing_command("Find in sorted array", 3, 5)
def find_in_sorted_array(f: Frame, targets: list[Target]) -> bool:
    """Binary search as documented; positions are written to posFirst / posLast."""
    a = array_arg(targets[0].get(), "Find in sorted array")
    value = targets[1].read(f)
    ascending = _order(targets[2].read(f), "Find in sorted array", 3)
    items = a.items[1:]
    matches = [i + 1 for i, v in enumerate(items) if _same(v, value)]
    if matches:
        first, last, found = matches[0], matches[-1], True
    else:
        found = False
        first = last = _insertion_point(items, value, ascending) if _sortable(value) else -1
    if len(targets) > 3:
        targets[3].set(first)
    if len(targets) > 4:
        targets[4].set(last)
    return found


def _sortable(value: Any) -> bool:
    return type(value) in (str, float, int, Date4D, Time4D) and not (type(value) is str and "@" in value)


def _insertion_point(items: list[Any], value: Any, ascending: bool) -> int:
    key = sort_key(value)
    for i, v in enumerate(items):
        k = sort_key(v)
        if (k > key) if ascending else (k < key):
            return i + 1
    return len(items) + 1


# -- sorting -------------------------------------------------------------------------------


def _permute(arrays: list[Array4D], order: list[int]) -> None:
    for a in arrays:
        elements = a.items[1:]
        a.items[1:] = [elements[i] for i in order]


@command("SORT ARRAY")
def sort_array(f: Frame, *args: Any) -> None:
    ascending = True
    if args and isinstance(args[-1], OperatorSymbol) and args[-1].ascending is not None:
        ascending = args[-1].ascending
        args = args[:-1]
    if not args:
        raise error("wrong_param_count", name="SORT ARRAY", detail="expects at least one array")
    arrays = [array_arg(a, "SORT ARRAY", i + 1) for i, a in enumerate(args)]
    n = arrays[0].size()
    if any(a.size() != n for a in arrays):
        raise error("array_sizes", name="SORT ARRAY")
    first = arrays[0].items[1:]
    order = sorted(range(n), key=lambda i: sort_key(first[i]), reverse=not ascending)
    _permute(arrays, order)


@command("MULTI SORT ARRAY")
def multi_sort_array(f: Frame, *args: Any) -> None:
    levels: list[tuple[Array4D, bool | None]] = []  # None: synchronized only
    if len(args) == 2 and _is_pointer_array(args[0]):
        pointers, orders = array_arg(args[0], "MULTI SORT ARRAY"), array_arg(args[1], "MULTI SORT ARRAY", 2)
        for p, o in zip(pointers.items[1:], orders.items[1:], strict=False):
            direction = int(o)
            levels.append((array_arg(p, "MULTI SORT ARRAY"), None if direction == 0 else direction > 0))
    else:
        i = 0
        while i < len(args):
            a = array_arg(args[i], "MULTI SORT ARRAY", i + 1)
            direction = None
            if i + 1 < len(args) and isinstance(args[i + 1], OperatorSymbol) and args[i + 1].ascending is not None:
                direction = args[i + 1].ascending
                i += 1
            levels.append((a, direction))
            i += 1
    if not any(d is not None for _, d in levels):
        raise error("wrong_param_count", name="MULTI SORT ARRAY", detail="expects at least one sort criterion (> or <)")
    n = levels[0][0].size()
    if any(a.size() != n for a, _ in levels):
        raise error("array_sizes", name="MULTI SORT ARRAY")
    order = list(range(n))
    for a, direction in reversed(levels):
        if direction is not None:
            elements = a.items[1:]
            order.sort(key=lambda i, e=elements: sort_key(e[i]), reverse=not direction)
    _permute([a for a, _ in levels], order)


def _is_pointer_array(value: Any) -> bool:
    if type(value) is Pointer4D:
        value = value.get()
    return type(value) is Array4D and value.type == "Pointer"


# -- collections <-> arrays -------------------------------------------------------------------


@writing_command("COLLECTION TO ARRAY", 2, None)
def collection_to_array(f: Frame, targets: list[Target]) -> None:
    col = A.collection(targets[0].get(), "COLLECTION TO ARRAY", 1)
    rest = targets[1:]
    if len(rest) == 1:
        fill_array(rest[0], list(col.items), "COLLECTION TO ARRAY")
        return
    objects = [v for v in col.items if type(v) is Object4D]
    for i in range(0, len(rest), 2):
        if i + 1 >= len(rest):
            raise error("wrong_param_count", name="COLLECTION TO ARRAY", detail="expects array/property name pairs")
        prop = A.text(rest[i + 1].read(f), "COLLECTION TO ARRAY", i + 3)
        fill_array(rest[i], [o.props.get(prop) for o in objects], "COLLECTION TO ARRAY")


@command("ARRAY TO COLLECTION")
def array_to_collection(f: Frame, collection: Any, *args: Any) -> None:
    col = A.collection(collection, "ARRAY TO COLLECTION", 1)
    if len(args) == 1:
        values = [stored(v) for v in array_arg(args[0], "ARRAY TO COLLECTION", 2).items[1:]]
        with using(col):
            _replace_items(col, values)
        return
    if not args or len(args) % 2:
        raise error("wrong_param_count", name="ARRAY TO COLLECTION", detail="expects array/property name pairs")
    columns = []
    for i in range(0, len(args), 2):
        a = array_arg(args[i], "ARRAY TO COLLECTION", i + 2)
        columns.append((A.text(args[i + 1], "ARRAY TO COLLECTION", i + 3), a.items[1:]))
    size = max(len(values) for _, values in columns)
    with using(col):
        objects = []
        for row in range(size):
            o = Object4D()
            if col.shared:
                o.shared, o.group = True, col.group
            for prop, values in columns:
                if row < len(values):
                    o.props[prop] = stored(values[row])
            objects.append(o)
        _replace_items(col, objects)


def _replace_items(col: Collection4D, values: list[Any]) -> None:
    from ..runtime.shared import check_writable, prepare_stored_value

    if col.shared:
        check_writable(col)
        values = [prepare_stored_value(col, v) for v in values]
    col.items[: len(values)] = values
    del col.items[len(values) :]


# -- what needs a database, choice lists or font metrics ---------------------------------------

for _name in (
    "SELECTION TO ARRAY",
    "ARRAY TO SELECTION",
    "SELECTION RANGE TO ARRAY",
    "LONGINT ARRAY FROM SELECTION",
    "BOOLEAN ARRAY FROM SET",
    "DISTINCT VALUES",
    "DISTINCT ATTRIBUTE PATHS",
    "DISTINCT ATTRIBUTE VALUES",
):
    headless_only_error(_name, "needs a database: no tables, selections or sets headless")
headless_only_error("ARRAY TO LIST", "choice lists and hierarchical lists are form objects")
headless_only_error("LIST TO ARRAY", "choice lists and hierarchical lists are form objects")
headless_only_error("TEXT TO ARRAY", "needs font metrics to measure lines in pixels")
