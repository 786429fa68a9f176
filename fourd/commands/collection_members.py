"""Member functions of collections (API/CollectionClass.md): ``$c.push(…)``, ``$c.map(…)``…

Each is registered in :data:`fourd.runtime.objects.COLLECTION_MEMBERS` as
``fn(frame, collection, *args)``.  Functions that modify a shared collection
take its lock themselves (an internal ``Use … End use``, Concepts/shared.md).
Ordering always goes through :func:`fourd.runtime.operators.sort_key` and
equality through :func:`fourd.runtime.operators.equal` / ``fold``.

Numbers returned by these functions are Reals (``float``), like every number
stored in a collection; fourd does not tell ``Integer`` results apart here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cmp_to_key
from typing import Any

from ..runtime.callables import call_callable, expect_callable
from ..runtime.convert import to_text
from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.objects import COLLECTION_MEMBERS
from ..runtime.operators import equal, fold, sort_key, sort_values
from ..runtime.propertypath import deep_copy, get_path, new_group_like, set_path, split_path
from ..runtime.querystr import compile_query
from ..runtime.shared import SharedGroup, prepare_stored_value, using
from ..runtime.storedvalue import STORED_AS_IS, stored
from ..runtime.values import UNDEFINED, Collection4D, Object4D, is_number, type_name
from . import args as A
from .registry import _arity as command_arity

CK_ASCENDING, CK_DESCENDING = 0, 1
CK_RESOLVE_POINTERS, CK_SHARED = 1, 2
CK_IGNORE_NULL_OR_EMPTY = CK_KEEP_NULL = 1
CK_DIACRITICAL, CK_COUNT_VALUES = 8, 32


def member(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register ``fn(frame, collection, *args)`` as ``collection.name(…)``, checking the argument count."""

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        lo, hi = _arity(fn)

        def checked(frame: Frame, col: Collection4D, *args: Any) -> Any:
            if len(args) < lo or (hi is not None and len(args) > hi):
                expected = f"{lo}" if lo == hi else f"{lo} to {hi if hi is not None else 'n'}"
                raise error(
                    "wrong_param_count", name=f".{name}()", detail=f"expects {expected} parameter(s), got {len(args)}"
                )
            return fn(frame, col, *args)

        checked.unchecked = (fn, lo, hi)  # generated code checks the count once, when it compiles a call
        COLLECTION_MEMBERS[name] = checked
        return fn

    return register


def _arity(fn: Callable[..., Any]) -> tuple[int, int | None]:
    return command_arity(fn, skip=2)  # skip the frame and the collection


# -- helpers ---------------------------------------------------------------------------


def _store(col: Collection4D, value: Any) -> Any:
    """The value to put into ``col`` (see :func:`stored`); shared collections check it."""
    value = stored(value)
    return prepare_stored_value(col, value) if col.shared else value


def _like(col: Collection4D, items: list[Any]) -> Collection4D:
    """A new collection holding ``items``: shared in the same group when ``col`` is shared.

    (filter, slice, orderBy, query… "If the original collection is a shared
    collection, the returned collection is also a shared collection.")
    """
    out = Collection4D(items)
    if col.shared:
        out.shared = True
        out.group = col.group
        col.group.alone = False
    return out


def _offset(index: int, length: int) -> int:
    """A start index: negative counts from the end, then clamped to 0…length."""
    if index < 0:
        index += length
    return min(max(index, 0), length)


def _path_arg(value: Any, name: str, index: int) -> list[str] | None:
    if value is A.MISSING:
        return None
    return split_path(A.text(value, name, index))


def _values(col: Collection4D, path: list[str] | None) -> list[Any]:
    """The elements, or the values at ``path`` of the object elements (missing ones skipped)."""
    if path is None:
        return list(col.items)
    out = []
    for item in col.items:
        v = get_path(item, path)
        if v is not UNDEFINED:
            out.append(v)
    return out


class _Callback:
    """Calls a formula or method name with the event object ``$1`` and extra parameters.

    A formula's return value is the result; a method that returns nothing
    reports through ``$1.result`` (CollectionClass.md, "callback" paragraphs).
    """

    def __init__(self, frame: Frame, fn: Any, extra: tuple[Any, ...], name: str):
        if fn is A.MISSING:
            raise error("wrong_param_count", name=f".{name}()", detail="expects a formula or a method name")
        expect_callable(fn, name, 1)
        self.frame = frame
        self.fn = fn
        self.extra = list(extra)
        # A formula is called directly (the common case); a method name goes through call_callable.
        self.call = getattr(fn, "call_with_this", None)
        direct = getattr(fn, "direct_code", None)
        code = direct() if direct is not None else None
        # A plain formula is called at once: fn(args, process, this, caller) (Runtime.call_of).
        self.direct = frame.process.runtime.call_of(code) if code is not None else None
        # A formula reading only $1.value / $1.accumulator / $1.value2, locals and $2…: fn(value, accumulator,
        # value2), tried first (plainformula.py).
        # (Not for a formula whose calls run on the server: Runtime.invoke sends them there.)
        plain = getattr(fn, "plain_function", None)
        self.plain = plain(self.extra) if plain is not None and code is not None and not code.on_server else None

    def __call__(self, event: Object4D) -> Any:
        args = [event, *self.extra] if self.extra else [event]
        if self.direct is not None:
            frame = self.frame
            result = self.direct(args, frame.process, None, frame)
        elif self.call is not None:
            result = self.call(self.frame, None, args)
        else:
            result = call_callable(self.frame, self.fn, args)
        if result is UNDEFINED:
            result = event.props.get("result", UNDEFINED)
        else:
            event.props["result"] = result
        return result

    def caller(self) -> Callable[[Object4D], Any]:
        """``self.__call__`` for a loop: a plain formula without extra parameters gets a closure (one Python call
        per element instead of two, the frame and process read once)."""
        direct = self.direct
        if direct is None or self.extra:
            return self.__call__
        frame = self.frame
        process = frame.process

        def call(event: Object4D) -> Any:
            result = direct([event], process, None, frame)
            if result is UNDEFINED:
                return event.props.get("result", UNDEFINED)
            event.props["result"] = result
            return result

        return call


def _stopped(event: Object4D) -> bool:
    return event.props.get("stop") is True


def _start_and_callback(frame: Frame, args: tuple[Any, ...], name: str) -> tuple[int, _Callback]:
    """``({startFrom;} formula {; param…})`` as every, some, find and findIndex take them."""
    if not args:
        raise error("wrong_param_count", name=name, detail="expects a formula or a method name")
    start = 0
    if is_number(args[0]):
        start = int(args[0])
        args = args[1:]
        if not args:
            raise error("wrong_param_count", name=name, detail="expects a formula or a method name")
    return start, _Callback(frame, args[0], args[1:], name)


def _less_than(frame: Frame, fn: Any, extra: tuple[Any, ...], name: str) -> Callable[[Any, Any], bool]:
    """A "value < value2" test from a formula or method (sort, orderByMethod, multiSort)."""
    callback = _Callback(frame, fn, extra, name)

    def less(a: Any, b: Any) -> bool:
        return callback(Object4D({"value": a, "value2": b})) is True

    plain = callback.plain
    if plain is None:
        return less

    def plain_less(a: Any, b: Any) -> bool:
        try:
            return plain(a, UNDEFINED, b) is True
        except Exception:  # noqa: BLE001 - this comparison goes the general way, which gives the error
            return less(a, b)

    return plain_less


def _plain_search(plain: Callable[..., Any], items: list[Any], begin: int, found: bool) -> tuple[int, int]:
    """With a plain callback (see _Callback.plain): the first index from ``begin`` whose result ``is True`` is
    ``found`` (-1 when none), and where the general way must go on (``len(items)`` when no call failed)."""
    i = begin
    try:
        for i in range(begin, len(items)):
            if (plain(items[i], UNDEFINED) is True) is found:
                return i, len(items)
    except Exception:  # noqa: BLE001 - this element and the rest go the general way, which gives the error
        return -1, i
    return -1, len(items)


def _cmp_from_less(less: Callable[[Any, Any], bool]) -> Callable[[Any, Any], int]:
    # Python's sort only asks "a < b", so one call of the 4D callback per comparison is enough.
    return lambda a, b: -1 if less(a, b) else 0


# -- adding and removing ---------------------------------------------------------------


@member("push")
def push(f: Frame, col: Collection4D, value: Any = A.MISSING, *values: Any) -> Collection4D:
    # The first value is a parameter of its own: `$c.push(x)`, the common call, packs no tuple and runs no loop.
    if value is A.MISSING:
        return col
    if not col.shared:
        items = col.items
        # Reals, texts, objects… are stored as they are (storedvalue.stored): the common cases skip the call.
        items.append(value if type(value) in STORED_AS_IS else stored(value))
        for v in values:
            items.append(v if type(v) in STORED_AS_IS else stored(v))
        return col
    with using(col):
        col.items.extend([_store(col, v) for v in (value, *values)])
    return col


@member("pop")
def pop(f: Frame, col: Collection4D) -> Any:
    with using(col):
        return col.items.pop() if col.items else UNDEFINED


@member("shift")
def shift(f: Frame, col: Collection4D) -> Any:
    with using(col):
        return col.items.pop(0) if col.items else UNDEFINED


@member("unshift")
def unshift(f: Frame, col: Collection4D, *values: Any) -> Collection4D:
    with using(col):
        col.items[0:0] = [_store(col, v) for v in values]
    return col


@member("insert")
def insert(f: Frame, col: Collection4D, index: Any, value: Any) -> Collection4D:
    i = A.integer(index, "insert", 1)
    with using(col):
        col.items.insert(_offset(i, len(col.items)), _store(col, value))
    return col


@member("remove")
def remove(f: Frame, col: Collection4D, index: Any, how_many: Any = 1) -> Collection4D:
    i = A.integer(index, "remove", 1)
    n = A.integer(how_many, "remove", 2)
    with using(col):
        i = _offset(i, len(col.items))
        if n > 0:
            del col.items[i : i + n]
    return col


@member("clear")
def clear(f: Frame, col: Collection4D) -> Collection4D:
    with using(col):
        col.items.clear()
    return col


@member("combine")
def combine(f: Frame, col: Collection4D, other: Any, index: Any = A.MISSING) -> Collection4D:
    source = A.collection(other, "combine", 1)
    values = list(source.items)
    with using(col):
        at = len(col.items) if index is A.MISSING else _offset(A.integer(index, "combine", 2), len(col.items))
        col.items[at:at] = [_store(col, v) for v in values]
    return col


@member("fill")
def fill(f: Frame, col: Collection4D, value: Any, start: Any = A.MISSING, end: Any = A.MISSING) -> Collection4D:
    with using(col):
        n = len(col.items)
        begin = 0 if start is A.MISSING else _offset(A.integer(start, "fill", 2), n)
        stop = n
        if end is not A.MISSING:
            stop = A.integer(end, "fill", 3)
            if stop < 0:
                stop += n
            stop = min(stop, n)
        stored = _store(col, value)
        for i in range(begin, stop):
            col.items[i] = stored
    return col


@member("resize")
def resize(f: Frame, col: Collection4D, size: Any, default: Any = None) -> Collection4D:
    n = max(A.integer(size, "resize", 1), 0)
    with using(col):
        items = col.items
        if n < len(items):
            del items[n:]
        else:
            stored = _store(col, default)
            items.extend([stored] * (n - len(items)))
    return col


# -- copies and new collections -------------------------------------------------------------


@member("copy")
def copy(f: Frame, col: Collection4D, option: Any = 0, group_with: Any = A.MISSING) -> Collection4D:
    opts = A.integer(option, "copy", 1)
    group = None
    if opts & CK_SHARED:
        group = SharedGroup() if group_with is A.MISSING else new_group_like(group_with)
    with using(col):
        return deep_copy(col, bool(opts & CK_RESOLVE_POINTERS), group)


@member("concat")
def concat(f: Frame, col: Collection4D, *values: Any) -> Collection4D:
    items = list(col.items)
    for v in values:
        if type(v) is Collection4D:
            items.extend(v.items)
        else:
            items.append(None if v is UNDEFINED else v)
    out = Collection4D()
    if col.shared:
        out.shared = True
        out.group = col.group
    out.items = [_store(out, v) for v in items] if col.shared else items
    return out


@member("slice")
def slice_(f: Frame, col: Collection4D, start: Any = 0, end: Any = A.MISSING) -> Collection4D:
    n = len(col.items)
    begin = _offset(A.integer(start, "slice", 1), n)
    stop = n
    if end is not A.MISSING:
        stop = A.integer(end, "slice", 2)
        if stop < 0:
            stop += n
        stop = min(stop, n)
    return _like(col, col.items[begin:stop] if stop > begin else [])


@member("reverse")
def reverse(f: Frame, col: Collection4D) -> Collection4D:
    return _like(col, col.items[::-1])


@member("flat")
def flat(f: Frame, col: Collection4D, depth: Any = 1) -> Collection4D:
    return Collection4D(_flatten(col.items, A.integer(depth, "flat", 1)))


def _flatten(items: list[Any], depth: int) -> list[Any]:
    out: list[Any] = []
    for v in items:
        if type(v) is Collection4D and depth > 0:
            out.extend(_flatten(v.items, depth - 1))
        else:
            out.append(v)
    return out


# -- reading elements -------------------------------------------------------------------------


@member("at")
def at(f: Frame, col: Collection4D, index: Any) -> Any:
    i = A.integer(index, "at", 1)
    if i < 0:
        i += len(col.items)
    return col.items[i] if 0 <= i < len(col.items) else UNDEFINED


@member("first")
def first(f: Frame, col: Collection4D) -> Any:
    return col.items[0] if col.items else UNDEFINED


@member("last")
def last(f: Frame, col: Collection4D) -> Any:
    return col.items[-1] if col.items else UNDEFINED


@member("join")
def join(f: Frame, col: Collection4D, delimiter: Any = "", option: Any = 0) -> str:
    sep = A.text(delimiter, "join", 1)
    ignore_empty = A.integer(option, "join", 2) & CK_IGNORE_NULL_OR_EMPTY
    parts = []
    for v in col.items:
        text = to_text(v)  # Null gives "null", as the docs' example shows
        if ignore_empty and (v is None or text == ""):
            continue
        parts.append(text)
    return sep.join(parts)


# -- searching ------------------------------------------------------------------------------


def _same_kind(a: Any, b: Any) -> bool:
    """indexOf and countValues only compare values of equivalent types (no Boolean = Number errors)."""
    ta, tb = type(a), type(b)
    if ta is tb:
        return True
    if is_number(a) and is_number(b):
        return True
    if a is None or b is None:
        return False
    return ta in (Object4D, Collection4D) and tb in (Object4D, Collection4D)


def _matches(item: Any, value: Any) -> bool:
    return _same_kind(item, value) and equal(item, value)


@member("indexOf")
def index_of(f: Frame, col: Collection4D, value: Any, start: Any = 0) -> float:
    items = col.items
    begin = A.integer(start, "indexOf", 2)
    if begin < 0:
        begin = max(len(items) + begin, 0)
    for i in range(begin, len(items)):
        if _matches(items[i], value):
            return float(i)
    return -1.0


@member("lastIndexOf")
def last_index_of(f: Frame, col: Collection4D, value: Any, start: Any = A.MISSING) -> float:
    items = col.items
    n = len(items)
    begin = n - 1
    if start is not A.MISSING:
        s = A.integer(start, "lastIndexOf", 2)
        if s < 0:
            s += n
            if s < 0:
                return -1.0
        elif s == 0:
            return -1.0  # documented: startFrom = 0 searches nothing
        begin = min(s, n - 1)
    for i in range(begin, -1, -1):
        if _matches(items[i], value):
            return float(i)
    return -1.0


@member("includes")
def includes(f: Frame, col: Collection4D, value: Any, start: Any = 0) -> bool:
    return index_of(f, col, value, start) >= 0


@member("countValues")
def count_values(f: Frame, col: Collection4D, value: Any, path: Any = A.MISSING) -> float:
    values = _values(col, _path_arg(path, "countValues", 2))
    return float(sum(1 for v in values if _matches(v, value)))


@member("find")
def find(f: Frame, col: Collection4D, *args: Any) -> Any:
    index = find_index(f, col, *args)
    return col.items[int(index)] if index >= 0 else UNDEFINED


@member("findIndex")
def find_index(f: Frame, col: Collection4D, *args: Any) -> float:
    start, callback = _start_and_callback(f, args, "findIndex")
    items = col.items
    begin = max(start + len(items), 0) if start < 0 else start
    if callback.plain is not None:
        hit, begin = _plain_search(callback.plain, items, begin, True)
        if hit >= 0:
            return float(hit)
    for i in range(begin, len(items)):
        event = Object4D({"value": items[i]})
        found = callback(event) is True
        if found:
            return float(i)
        if _stopped(event):
            break
    return -1.0


@member("every")
def every(f: Frame, col: Collection4D, *args: Any) -> bool:
    start, callback = _start_and_callback(f, args, "every")
    items = col.items
    begin = max(start + len(items), 0) if start < 0 else start
    if begin >= len(items):
        return False
    result = True
    if callback.plain is not None:
        miss, begin = _plain_search(callback.plain, items, begin, False)
        if miss >= 0:
            return False
    for i in range(begin, len(items)):
        event = Object4D({"value": items[i]})
        result = callback(event) is True
        if not result or _stopped(event):
            break
    return result


@member("some")
def some(f: Frame, col: Collection4D, *args: Any) -> bool:
    start, callback = _start_and_callback(f, args, "some")
    items = col.items
    begin = max(start + len(items), 0) if start < 0 else start
    result = False
    if callback.plain is not None:
        hit, begin = _plain_search(callback.plain, items, begin, True)
        if hit >= 0:
            return True
    for i in range(begin, len(items)):
        event = Object4D({"value": items[i]})
        result = callback(event) is True
        if result or _stopped(event):
            break
    return result


# -- transforming -------------------------------------------------------------------------


@member("filter")
def filter_(f: Frame, col: Collection4D, fn: Any = A.MISSING, *extra: Any) -> Collection4D:
    callback = _Callback(f, fn, extra, "filter")
    items = list(col.items)
    kept = []
    plain = callback.plain
    if plain is not None:
        done = 0
        for item in items:
            try:
                result = plain(item, UNDEFINED)
            except Exception:  # noqa: BLE001 - this element and the rest go the general way, which gives the error
                break
            if result is True:
                kept.append(item)
            done += 1
        else:
            return _like(col, kept)
        items = items[done:]
    callback = callback.caller()
    for item in items:
        event = Object4D({"value": item})
        if callback(event) is True:
            kept.append(item)
        if event.props.get("stop") is True:  # _stopped, inlined in the hottest loops
            break
    return _like(col, kept)


@member("map")
def map_(f: Frame, col: Collection4D, fn: Any = A.MISSING, *extra: Any) -> Collection4D:
    return Collection4D(_mapped(f, col, fn, extra, "map"))


def _mapped(f: Frame, col: Collection4D, fn: Any, extra: tuple[Any, ...], name: str) -> list[Any]:
    callback = _Callback(f, fn, extra, name)
    items = list(col.items)
    out = []
    plain = callback.plain
    if plain is not None:
        for item in items:
            try:
                result = plain(item, UNDEFINED)
            except Exception:  # noqa: BLE001 - this element and the rest go the general way, which gives the error
                break
            # Stored as any element (numbers as Reals, Undefined as Null…); most results need no change.
            out.append(result if type(result) in STORED_AS_IS else stored(result))
        else:
            return out
        items = items[len(out) :]
    callback = callback.caller()
    for item in items:
        event = Object4D({"value": item})
        result = callback(event)
        out.append(result if type(result) in STORED_AS_IS else stored(result))
        if event.props.get("stop") is True:  # _stopped, inlined
            break
    return out


@member("flatMap")
def flat_map(f: Frame, col: Collection4D, fn: Any = A.MISSING, *extra: Any) -> Collection4D:
    return Collection4D(_flatten(_mapped(f, col, fn, extra, "flatMap"), 1))


def _reduce(f: Frame, items: list[Any], fn: Any, init: Any, extra: tuple[Any, ...], name: str) -> Any:
    callback = _Callback(f, fn, extra, name)
    accumulator = UNDEFINED if init is A.MISSING else init
    plain = callback.plain
    if plain is not None:
        done = 0
        for item in items:
            try:
                result = plain(item, accumulator)
            except Exception:  # noqa: BLE001 - this element and the rest go the general way, which gives the error
                break
            # As below: Undefined keeps the accumulator ($1.accumulator, which the formula cannot change).
            if result is not UNDEFINED:
                accumulator = result
            done += 1
        else:
            return accumulator
        items = items[done:]
    for item in items:
        event = Object4D({"value": item})
        if accumulator is not UNDEFINED:
            event.props["accumulator"] = accumulator
        if callback.direct is not None:  # a plain formula: called at once, as _Callback does
            result = callback.direct([event, *callback.extra], f.process, None, f)
        else:
            result = call_callable(f, callback.fn, [event, *callback.extra])
        # A formula returns the new accumulator; a method sets $1.accumulator.
        accumulator = result if result is not UNDEFINED else event.props.get("accumulator", UNDEFINED)
        if _stopped(event):
            break
    return accumulator


@member("reduce")
def reduce(f: Frame, col: Collection4D, fn: Any = A.MISSING, init: Any = A.MISSING, *extra: Any) -> Any:
    return _reduce(f, list(col.items), fn, init, extra, "reduce")


@member("reduceRight")
def reduce_right(f: Frame, col: Collection4D, fn: Any = A.MISSING, init: Any = A.MISSING, *extra: Any) -> Any:
    return _reduce(f, col.items[::-1], fn, init, extra, "reduceRight")


@member("extract")
def extract(f: Frame, col: Collection4D, path: Any, *rest: Any) -> Collection4D:
    source = split_path(A.text(path, "extract", 1))
    if not rest or is_number(rest[0]):
        keep_null = bool(rest) and A.integer(rest[0], "extract", 2) & CK_KEEP_NULL
        out = []
        for item in col.items:
            v = get_path(item, source)
            if v is None or v is UNDEFINED:
                if keep_null:
                    out.append(None)
                continue
            out.append(v)
        return Collection4D(out)
    names = [A.text(a, "extract", i + 2) for i, a in enumerate(rest)]
    pairs = [(source, split_path(names[0]))]
    for i in range(1, len(names) - 1, 2):
        pairs.append((split_path(names[i]), split_path(names[i + 1])))
    objects = []
    for item in col.items:
        o = Object4D()
        for src, dst in pairs:
            v = get_path(item, src)
            if v is not UNDEFINED and dst:
                set_path(o, dst, v)
        if o.props:  # elements without any of the paths give no object (docs' example 2)
            objects.append(o)
    return Collection4D(objects)


# -- statistics ---------------------------------------------------------------------------------


def _numbers(col: Collection4D, path: Any, name: str) -> list[float | int]:
    return [v for v in _values(col, _path_arg(path, name, 1)) if is_number(v)]


@member("sum")
def sum_(f: Frame, col: Collection4D, path: Any = A.MISSING) -> float:
    return float(sum(_numbers(col, path, "sum")))


@member("average")
def average(f: Frame, col: Collection4D, path: Any = A.MISSING) -> Any:
    numbers = _numbers(col, path, "average")
    return float(sum(numbers)) / len(numbers) if numbers else UNDEFINED


@member("min")
def min_(f: Frame, col: Collection4D, path: Any = A.MISSING) -> Any:
    values = _values(col, _path_arg(path, "min", 1))
    if not values:
        return UNDEFINED
    best, best_key = values[0], sort_key(values[0])
    for v in values[1:]:
        key = sort_key(v)
        if key < best_key:
            best, best_key = v, key
    return best


@member("max")
def max_(f: Frame, col: Collection4D, path: Any = A.MISSING) -> Any:
    # The last element of the ascending sort: among equal keys (objects…), the last one.
    values = _values(col, _path_arg(path, "max", 1))
    if not values:
        return UNDEFINED
    best, best_key = values[0], sort_key(values[0])
    for v in values[1:]:
        key = sort_key(v)
        if not key < best_key:
            best, best_key = v, key
    return best


@member("count")
def count(f: Frame, col: Collection4D, path: Any = A.MISSING) -> float:
    return float(sum(1 for v in _values(col, _path_arg(path, "count", 1)) if v is not None))


def _distinct_key(value: Any, diacritical: bool) -> Any:
    t = type(value)
    if t is str:
        return (2, value if diacritical else fold(value))
    if t in (Object4D, Collection4D):
        return ("ref", id(value))  # objects and collections are distinct by reference
    return sort_key(value)


@member("distinct")
def distinct(f: Frame, col: Collection4D, *args: Any) -> Collection4D:
    path = None
    if args and type(args[0]) is str:
        path = split_path(args[0])
        args = args[1:]
    options = A.integer(args[0], "distinct", 2 if path is not None else 1) if args else 0
    diacritical = bool(options & CK_DIACRITICAL)
    groups: dict[Any, list[Any]] = {}
    for v in _values(col, path):
        if v is None:
            continue
        key = _distinct_key(v, diacritical)
        if key in groups:
            groups[key][1] += 1
        else:
            groups[key] = [v, 1]
    pairs = sorted(groups.values(), key=lambda p: sort_key(p[0]))
    if options & CK_COUNT_VALUES:
        return Collection4D([Object4D({"value": v, "count": float(n)}) for v, n in pairs])
    return Collection4D([v for v, _ in pairs])


# -- comparing ---------------------------------------------------------------------------------


def deep_equal(a: Any, b: Any, diacritical: bool) -> bool:
    """``.equal()``: recursive comparison; texts without wildcards, Null different from Undefined."""
    ta, tb = type(a), type(b)
    if ta is Collection4D and tb is Collection4D:
        return len(a.items) == len(b.items) and all(
            deep_equal(x, y, diacritical) for x, y in zip(a.items, b.items, strict=True)
        )
    if ta is Object4D and tb is Object4D:
        if a.props.keys() != b.props.keys():
            return False
        return all(deep_equal(v, b.props[k], diacritical) for k, v in a.props.items())
    if ta is str and tb is str:
        return a == b if diacritical else fold(a) == fold(b)
    if a is None or a is UNDEFINED or b is None or b is UNDEFINED:
        return a is b
    if not _same_kind(a, b):
        return False
    return equal(a, b)


@member("equal")
def equal_(f: Frame, col: Collection4D, other: Any, option: Any = 0) -> bool:
    if type(other) is not Collection4D:
        return False
    return deep_equal(col, other, bool(A.integer(option, "equal", 2) & CK_DIACRITICAL))


# -- sorting ---------------------------------------------------------------------------------


@member("sort")
def sort(f: Frame, col: Collection4D, how: Any = A.MISSING, *extra: Any) -> Collection4D:
    with using(col):
        if how is A.MISSING or is_number(how):
            sort_values(col.items, how is not A.MISSING and int(how) == CK_DESCENDING)
        else:
            less = _less_than(f, how, extra, "sort")
            col.items.sort(key=cmp_to_key(_cmp_from_less(less)))
    return col


def _criteria(how: Any) -> list[tuple[list[str], bool]]:
    """orderBy criteria as (path, descending) pairs, from "a desc, b" or [{propertyPath; descending}]."""
    out = []
    if type(how) is str:
        for part in how.split(","):
            words = part.split()
            if not words:
                continue
            if len(words) > 2 or (len(words) == 2 and words[1].lower() not in ("asc", "desc")):
                raise error(
                    "wrong_param_type", name="orderBy", index=1, expected='"path {asc|desc}, …"', got=repr(part.strip())
                )
            out.append((split_path(words[0]), len(words) == 2 and words[1].lower() == "desc"))
        return out
    for crit in how.items:
        if type(crit) is not Object4D:
            raise error(
                "wrong_param_type", name="orderBy", index=1, expected="a collection of objects", got=type_name(crit)
            )
        path = crit.props.get("propertyPath", "")
        out.append((split_path(to_text(path)), crit.props.get("descending") is True))
    return out


def _sorted_by_criteria(items: list[Any], criteria: list[tuple[list[str], bool]]) -> list[Any]:
    # Stable sorts from the last criterion to the first give the multi-level order.
    out = list(items)
    for path, descending in reversed(criteria):
        out.sort(key=lambda v, p=path: sort_key(get_path(v, p)), reverse=descending)
    return out


@member("orderBy")
def order_by(f: Frame, col: Collection4D, how: Any = A.MISSING) -> Collection4D:
    if how is A.MISSING or is_number(how):
        items = list(col.items)
        sort_values(items, how is not A.MISSING and int(how) == CK_DESCENDING)
        return _like(col, items)
    if type(how) not in (str, Collection4D):
        raise error(
            "wrong_param_type", name="orderBy", index=1, expected="a text, a collection or a number", got=type_name(how)
        )
    return _like(col, _sorted_by_criteria(col.items, _criteria(how)))


@member("orderByMethod")
def order_by_method(f: Frame, col: Collection4D, fn: Any = A.MISSING, *extra: Any) -> Collection4D:
    less = _less_than(f, fn, extra, "orderByMethod")
    return _like(col, sorted(col.items, key=cmp_to_key(_cmp_from_less(less))))


@member("multiSort")
def multi_sort(f: Frame, col: Collection4D, *args: Any) -> Collection4D:
    """Sort ``col`` and keep the collections of ``colsToSort`` in step.

    Every collection of ``colsToSort`` is also a sort level (ascending for a
    bare collection, ``order`` for a {collection; order} object): this is what
    the docs' example 2 shows (ties on continent are broken by country).
    """
    less = None
    cols: list[Any] = []
    if args and type(args[0]) is not Collection4D:
        less = _less_than(f, args[0], (), "multiSort")
        args = args[1:]
    if args:
        cols = list(A.collection(args[0], "multiSort", 2 if less else 1).items)
    levels: list[tuple[Collection4D, bool]] = []
    for c in cols:
        if type(c) is Collection4D:
            levels.append((c, False))
        elif type(c) is Object4D and type(c.props.get("collection")) is Collection4D:
            levels.append((c.props["collection"], to_order(c.props.get("order", 0)) == CK_DESCENDING))
        else:
            raise error(
                "wrong_param_type",
                name="multiSort",
                index=1,
                expected="collections or {collection; order} objects",
                got=type_name(c),
            )
    n = len(col.items)
    if any(len(c.items) != n for c, _ in levels):
        raise error("multisort_sizes")
    order = list(range(n))
    for c, descending in reversed(levels):
        order.sort(key=lambda i, items=c.items: sort_key(items[i]), reverse=descending)
    if less is None:
        order.sort(key=lambda i: sort_key(col.items[i]))
    else:
        order.sort(key=cmp_to_key(lambda i, j: -1 if less(col.items[i], col.items[j]) else 0))
    for target in [col] + [c for c, _ in levels]:
        with using(target):
            target.items[:] = [target.items[i] for i in order]
    return col


def to_order(value: Any) -> int:
    return int(value) if is_number(value) else CK_ASCENDING


# -- queries -----------------------------------------------------------------------------------


def _query_matches(col: Collection4D, query: Any, params: tuple[Any, ...], name: str) -> list[int]:
    q = A.text(query, name, 1)
    settings = None
    if len(params) == 1 and type(params[0]) is Object4D:
        settings = params[0]  # querySettings: {parameters; attributes}
        params = ()
    test = compile_query(q, list(params), settings)
    return [i for i, item in enumerate(col.items) if test(item)]


@member("query")
def query(f: Frame, col: Collection4D, query_string: Any, *params: Any) -> Collection4D:
    return _like(col, [col.items[i] for i in _query_matches(col, query_string, params, "query")])


@member("indices")
def indices(f: Frame, col: Collection4D, query_string: Any, *params: Any) -> Collection4D:
    return Collection4D([float(i) for i in _query_matches(col, query_string, params, "indices")])
