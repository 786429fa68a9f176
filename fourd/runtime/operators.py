"""The rules of 4D operators: equality, ordering, arithmetic, truthiness.

One place for each rule (Concepts/operators.md and the dt pages): the compiler
binds these functions once per operator node, and commands that compare values
(sorting, ``indexOf``, ``Find in array``…) call the same ones.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .errors import FourDError, error
from .values import UNDEFINED, Collection4D, Date4D, Object4D, Pointer4D, Time4D, type_name

EPSILON = [1e-6]  # SET REAL COMPARISON LEVEL changes it


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The comparison key of a text: case and diacritical marks ignored (Concepts/string.md)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _is_num(v: Any) -> bool:
    t = type(v)
    return t is float or t is int


def wildcard_match(text: str, pattern: str) -> bool:
    """``text = pattern`` where ``@`` in the pattern matches any run of characters."""
    if "@@" in pattern:
        return False
    parts = fold(pattern).split("@")
    subject = fold(text)
    if not subject.startswith(parts[0]):
        return False
    pos = len(parts[0])
    for part in parts[1:-1]:
        found = subject.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    last = parts[-1]
    return len(subject) - pos >= len(last) and subject.endswith(last)


def text_equal(a: str, b: str) -> bool:
    if "@" in b:
        return wildcard_match(a, b)
    return a == b or fold(a) == fold(b)


def equal(a: Any, b: Any) -> bool:
    """The 4D ``=`` operator."""
    ta, tb = type(a), type(b)
    if ta is str and tb is str:
        return text_equal(a, b)
    if (ta is float or ta is int) and (tb is float or tb is int):
        return a == b or abs(a - b) <= EPSILON[0]
    if ta is bool and tb is bool:
        return a is b
    if a is None or a is UNDEFINED:
        return b is None or b is UNDEFINED
    if b is None or b is UNDEFINED:
        return False
    if ta is Date4D and tb is Date4D:
        return a.key() == b.key()
    if ta is Time4D and tb is Time4D:
        return a.seconds == b.seconds
    if ta is Time4D and (tb is float or tb is int):
        return a.seconds == b
    if tb is Time4D and (ta is float or ta is int):
        return a == b.seconds
    if ta is Pointer4D and tb is Pointer4D:
        return a.identity == b.identity
    if ta in (Object4D, Collection4D) or tb in (Object4D, Collection4D):
        if ta in (Object4D, Collection4D) and tb in (Object4D, Collection4D):
            return a is b
        return False
    raise error("operator_types", op="=", left=type_name(a), right=type_name(b))


def not_equal(a: Any, b: Any) -> bool:
    return not equal(a, b)


def deep_equal(a: Any, b: Any, diacritical: bool = False) -> bool:
    """Deep comparison of values, as ``collection.equal()`` does (API/CollectionClass.md).

    Objects are equal when they have the same property names with deep-equal
    values, collections when they have the same length and deep-equal items.
    Text is compared without ``@`` wildcards, ignoring case and accents unless
    ``diacritical`` (``ck diacritical``).  Null and Undefined differ here (they
    are equal for ``=``).  Values of types ``=`` cannot compare are not equal
    (never an error).
    """
    ta, tb = type(a), type(b)
    if ta is Object4D and tb is Object4D:
        if a is b:
            return True
        pa = {k: v for k, v in a.props.items() if v is not UNDEFINED}
        pb = {k: v for k, v in b.props.items() if v is not UNDEFINED}
        return pa.keys() == pb.keys() and all(deep_equal(v, pb[k], diacritical) for k, v in pa.items())
    if ta is Collection4D and tb is Collection4D:
        if a is b:
            return True
        return len(a.items) == len(b.items) and all(
            deep_equal(x, y, diacritical) for x, y in zip(a.items, b.items, strict=True)
        )
    if ta is str and tb is str:
        return a == b if diacritical else (a == b or fold(a) == fold(b))
    if a is UNDEFINED or b is UNDEFINED:
        return a is b
    if (ta is bool) != (tb is bool):
        return False
    try:
        return equal(a, b)
    except FourDError:  # the two types cannot be compared
        return False


def _order_key(a: Any, b: Any, op: str) -> tuple[Any, Any]:
    ta, tb = type(a), type(b)
    if ta is str and tb is str:
        if "@" in b and b.endswith("@") and b.count("@") == 1:
            prefix = fold(b[:-1])
            return fold(a)[: len(prefix)], prefix
        return fold(a), fold(b)
    if (ta is float or ta is int) and (tb is float or tb is int) and ta is not bool and tb is not bool:
        return a, b
    if ta is Date4D and tb is Date4D:
        return a.key(), b.key()
    if ta is Time4D and tb is Time4D:
        return a.seconds, b.seconds
    if ta is bool and tb is bool:
        return int(a), int(b)
    raise error("operator_types", op=op, left=type_name(a), right=type_name(b))


def _undefined_order(a: Any, b: Any, op: str) -> bool | None:
    if a is UNDEFINED or b is UNDEFINED:
        return False
    if a is None or b is None:
        raise error("operator_types", op=op, left=type_name(a), right=type_name(b))
    return None


def less(a: Any, b: Any) -> bool:
    if (r := _undefined_order(a, b, "<")) is not None:
        return r
    x, y = _order_key(a, b, "<")
    return x < y


def greater(a: Any, b: Any) -> bool:
    if (r := _undefined_order(a, b, ">")) is not None:
        return r
    x, y = _order_key(a, b, ">")
    return x > y


def less_equal(a: Any, b: Any) -> bool:
    if (r := _undefined_order(a, b, "<=")) is not None:
        return r
    if type(a) in (float, int) and type(b) in (float, int) and equal(a, b):
        return True
    x, y = _order_key(a, b, "<=")
    return x <= y


def greater_equal(a: Any, b: Any) -> bool:
    if (r := _undefined_order(a, b, ">=")) is not None:
        return r
    if type(a) in (float, int) and type(b) in (float, int) and equal(a, b):
        return True
    x, y = _order_key(a, b, ">=")
    return x >= y


def sort_key(value: Any) -> tuple:
    """A key ordering mixed values as collection sorting does: by type, then by value.

    The type order is the one of CollectionClass.md (``.sort()``): null, booleans,
    strings, numbers, objects, collections, dates.  Times sort with numbers (they
    are numbers of seconds in collections).  Objects and collections all share one
    key, so a stable sort keeps them in their original order ("unordered").
    Texts compare case- and accent-insensitively; equal folds put lowercase and
    unaccented forms first, as 4D's (ICU) collation does.
    """
    t = type(value)
    if value is None or value is UNDEFINED:
        return (0,)
    if t is bool:
        return (1, int(value))
    if t is str:
        return (2, fold(value), value.swapcase())
    if t is float or t is int:
        return (3, value)
    if t is Time4D:
        return (3, value.seconds)
    if t is Object4D:
        return (4,)
    if t is Collection4D:
        return (5,)
    if t is Date4D:
        return (6, value.key())
    return (7,)


# -- arithmetic ------------------------------------------------------------------


def _fail(op: str, a: Any, b: Any):
    raise error("operator_types", op=op, left=type_name(a), right=type_name(b))


def add(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if (ta is float or ta is int) and (tb is float or tb is int) and ta is not bool and tb is not bool:
        return float(a + b) if ta is float or tb is float else a + b
    if ta is str and tb is str:
        return a + b
    if ta is Date4D and (tb is float or tb is int) and tb is not bool:
        return a if a.is_null() else Date4D.from_ordinal(a.ordinal() + int(b))
    if ta is Time4D:
        if tb is Time4D:
            return Time4D(a.seconds + b.seconds)
        if (tb is float or tb is int) and tb is not bool:
            return float(a.seconds + b)
    if tb is Time4D and (ta is float or ta is int) and ta is not bool:
        return float(a + b.seconds)
    return _fail("+", a, b)


def subtract(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if (ta is float or ta is int) and (tb is float or tb is int) and ta is not bool and tb is not bool:
        return float(a - b) if ta is float or tb is float else a - b
    if ta is Date4D:
        if tb is Date4D:
            return float(a.ordinal() - b.ordinal())
        if (tb is float or tb is int) and tb is not bool:
            return a if a.is_null() else Date4D.from_ordinal(a.ordinal() - int(b))
    if ta is Time4D:
        if tb is Time4D:
            return Time4D(a.seconds - b.seconds)
        if (tb is float or tb is int) and tb is not bool:
            return float(a.seconds - b)
    return _fail("-", a, b)


def multiply(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if (ta is float or ta is int) and (tb is float or tb is int) and ta is not bool and tb is not bool:
        return float(a * b) if ta is float or tb is float else a * b
    if ta is str and (tb is float or tb is int) and tb is not bool:
        return a * max(int(b), 0)
    if ta is Time4D:
        if tb is Time4D:
            return Time4D(a.seconds * b.seconds)
        if (tb is float or tb is int) and tb is not bool:
            return float(a.seconds * b)
    return _fail("*", a, b)


def divide(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is Time4D:
        if tb is Time4D:
            if b.seconds == 0:
                raise error("division_by_zero")
            return Time4D(a.seconds // b.seconds)
        a = a.seconds
        ta = int
    if (ta is float or ta is int) and (tb is float or tb is int) and ta is not bool and tb is not bool:
        if b == 0:
            raise error("division_by_zero")
        return a / b
    return _fail("/", a, b)


def _as_long(value: Any, op: str, other: Any) -> int:
    t = type(value)
    if t is Time4D:
        return value.seconds
    if (t is float or t is int) and t is not bool:
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return 0
        return int(value)
    return _fail(op, value, other)


def int_divide(a: Any, b: Any) -> Any:
    x, y = _as_long(a, "\\", b), _as_long(b, "\\", a)
    if y == 0:
        raise error("division_by_zero")
    q = abs(x) // abs(y)
    return float(q if (x >= 0) == (y >= 0) else -q)


def modulo(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if (ta is int or ta is float) and (tb is int or tb is float):
        # Both numbers: the usual case, in Long integer arithmetic (truncating, sign of the dividend).
        try:
            x, y = int(a), int(b)
        except (OverflowError, ValueError):
            x = y = 0
        if y == 0:
            raise error("division_by_zero")
        r = abs(x) % abs(y)
        return float(-r if x < 0 else r)
    if ta is str and tb is str:
        return keyword_match(a, b)
    if type(a) is Time4D and type(b) is Time4D:
        if b.seconds == 0:
            raise error("division_by_zero")
        return Time4D(math.fmod(a.seconds, b.seconds))
    x, y = _as_long(a, "%", b), _as_long(b, "%", a)
    if y == 0:
        raise error("division_by_zero")
    return float(int(math.fmod(x, y)))


def power(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if (ta is float or ta is int) and (tb is float or tb is int) and ta is not bool and tb is not bool:
        try:
            result = float(a) ** b
        except (OverflowError, ZeroDivisionError):
            return math.inf
        return result if not isinstance(result, complex) else math.nan
    return _fail("^", a, b)


def _to_int32(n: int) -> int:
    n &= 0xFFFFFFFF
    return n - 0x100000000 if n & 0x80000000 else n


def bit_and(a: Any, b: Any) -> Any:
    if type(a) is bool and type(b) is bool:
        return a and b
    return float(_to_int32(_as_long(a, "&", b) & _as_long(b, "&", a)))


def bit_or(a: Any, b: Any) -> Any:
    if type(a) is bool and type(b) is bool:
        return a or b
    return float(_to_int32(_as_long(a, "|", b) | _as_long(b, "|", a)))


def bit_xor(a: Any, b: Any) -> Any:
    return float(_to_int32(_as_long(a, "^|", b) ^ _as_long(b, "^|", a)))


def shift_left(a: Any, b: Any) -> Any:
    return float(_to_int32(_as_long(a, "<<", b) << (_as_long(b, "<<", a) & 31)))


def shift_right(a: Any, b: Any) -> Any:
    return float(_to_int32((_as_long(a, ">>", b) & 0xFFFFFFFF) >> (_as_long(b, ">>", a) & 31)))


def bit_set(a: Any, b: Any) -> Any:
    return float(_to_int32(_as_long(a, "?+", b) | (1 << (_as_long(b, "?+", a) & 31))))


def bit_clear(a: Any, b: Any) -> Any:
    return float(_to_int32(_as_long(a, "?-", b) & ~(1 << (_as_long(b, "?-", a) & 31))))


def bit_test(a: Any, b: Any) -> Any:
    return bool(_as_long(a, "??", b) & (1 << (_as_long(b, "??", a) & 31)))


def keyword_match(text: str, word: str) -> bool:
    """The ``%`` keyword operator: does ``word`` (a single word, ``@`` allowed) appear as a word in ``text``?"""
    import re

    if not word or re.search(r"[\s,;.:!?]", word.strip()):
        return False
    for token in re.findall(r"\w+(?:['’]\w+)*", text):
        if text_equal(token, word):
            return True
    return False


BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": add,
    "-": subtract,
    "*": multiply,
    "/": divide,
    "\\": int_divide,
    "%": modulo,
    "^": power,
    "=": equal,
    "#": not_equal,
    "<": less,
    ">": greater,
    "<=": less_equal,
    ">=": greater_equal,
    "&": bit_and,
    "|": bit_or,
    "^|": bit_xor,
    "<<": shift_left,
    ">>": shift_right,
    "?+": bit_set,
    "?-": bit_clear,
    "??": bit_test,
}


def negate(value: Any) -> Any:
    t = type(value)
    if (t is float or t is int) and t is not bool:
        return -value
    if t is Time4D:
        return Time4D(-value.seconds)
    raise error("unary_types", op="-", operand=type_name(value))


def truthy(value: Any) -> bool:
    """Truthiness for ``&&``, ``||`` and the ternary operator (Concepts/operators.md)."""
    t = type(value)
    if t is bool:
        return value
    if value is None or value is UNDEFINED:
        return False
    if t is float or t is int:
        return value != 0 and not (t is float and math.isnan(value))
    if t is str:
        return value != ""
    if t is Date4D:
        return not value.is_null()
    if t is Time4D:
        return value.seconds != 0
    return True


def condition(value: Any, where: str) -> bool:
    """The value of an ``If``/``While``/``Case`` condition: a Boolean, Undefined counting as False."""
    if value is True:
        return True
    if value is False or value is UNDEFINED:
        return False
    raise error("not_a_boolean", where=where, got=type_name(value))
