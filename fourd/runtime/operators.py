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
from .values import UNDEFINED, Blob4D, Collection4D, Date4D, Object4D, Pointer4D, Time4D, type_name

EPSILON = [1e-6]  # SET REAL COMPARISON LEVEL changes it

# Characters ICU ignores when comparing: the C0 controls except TAB, LF, VT, FF and CR
# (commands/position.md).  So ``Char(1)=""`` is True while ``Length(Char(1))`` is 1.
_IGNORABLE = {c: None for c in range(0x20) if c not in (9, 10, 11, 12, 13)}

# Letters that compare equal to two letters, or to a base letter without a stroke
# (ICU primary strength): "æ"="ae", "œ"="oe"; NFKD does not decompose them.
_EXPANSIONS = str.maketrans(
    {"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L"}
)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The comparison key of a text: case and diacritical marks ignored (Concepts/string.md)."""
    if text.isascii():
        return text.translate(_IGNORABLE).lower() if not text.isprintable() else text.lower()
    return _strip_marks(text.translate(_IGNORABLE).translate(_EXPANSIONS)).casefold()


def text_key(text: str, case_sensitive: bool = False, accent_sensitive: bool = False) -> str:
    """A comparison key for the ``sk`` options of Compare strings and Position (commands/compare-strings.md).

    Ligatures (æ = ae) and ignorable characters are handled as by :func:`fold`;
    ``case_sensitive`` keeps letter case, ``accent_sensitive`` keeps diacritical marks.
    """
    if not case_sensitive and not accent_sensitive:
        return fold(text)
    text = text.translate(_IGNORABLE).translate(_EXPANSIONS)
    if not accent_sensitive:
        text = _strip_marks(text)
    else:
        text = unicodedata.normalize("NFC", text)
    return text if case_sensitive else text.casefold()


def wildcard_match(text: str, pattern: str) -> bool:
    """``text = pattern`` where ``@`` in the pattern matches any run of characters (even none)."""
    if "@@" in pattern:
        return False  # two consecutive wildcards never match (Concepts/string.md)
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
    """Text equality: case and accents ignored, ``@`` in the right operand is a wildcard."""
    if "@" in b:
        return wildcard_match(a, b)
    return a == b or fold(a) == fold(b)


def _num(t: type) -> bool:
    return t is float or t is int  # bool is excluded: type(True) is bool


def equal(a: Any, b: Any) -> bool:
    """The 4D ``=`` operator (Concepts/*.md operator tables, null-undefined.md)."""
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
    if ta is Time4D and _num(tb):  # a time can be treated as a number (Concepts/time.md)
        return a.seconds == b
    if tb is Time4D and _num(ta):
        return a == b.seconds
    if ta is Pointer4D and tb is Pointer4D:
        return a.identity == b.identity
    if ta in (Object4D, Collection4D) or tb in (Object4D, Collection4D):
        if ta in (Object4D, Collection4D) and tb in (Object4D, Collection4D):
            return a is b
        return _is_builtin_object(a) and _is_builtin_object(b) and a is b
    if ta is Blob4D and tb is Blob4D:
        return a.data == b.data
    if _is_builtin_object(a) and _is_builtin_object(b):
        return a is b  # class objects, formulas, sessions, files…: compared by reference like objects
    raise error("operator_types", op="=", left=type_name(a), right=type_name(b))


def _is_builtin_object(value: Any) -> bool:
    return getattr(value, "type_name_4d", None) == "Object"


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
        # Only one wildcard, at the end of the right operand, is supported with < and >.
        if b.endswith("@") and b.count("@") == 1:
            prefix = fold(b[:-1])
            return fold(a)[: len(prefix)], prefix
        return fold(a), fold(b)
    if _num(ta) and _num(tb):
        return a, b
    if ta is Date4D and tb is Date4D:
        return a.key(), b.key()
    if ta is Time4D:
        if tb is Time4D:
            return a.seconds, b.seconds
        if _num(tb):
            return a.seconds, b
    if tb is Time4D and _num(ta):
        return a, b.seconds
    if ta is bool and tb is bool:
        return int(a), int(b)
    raise error("operator_types", op=op, left=type_name(a), right=type_name(b))


def _orderable_with_undefined(value: Any) -> bool:
    t = type(value)
    return t is str or t is float or t is int or t is Date4D or t is Time4D


def _undefined_order(a: Any, b: Any, op: str) -> bool | None:
    """``<``, ``>``… with Undefined or Null (null-undefined.md).

    Undefined against a text, number, date or time is False; against anything
    else (Undefined and Null included) it is an error, as is Null against anything.
    """
    if a is None or b is None:
        raise error("operator_types", op=op, left=type_name(a), right=type_name(b))
    if a is UNDEFINED or b is UNDEFINED:
        other = b if a is UNDEFINED else a
        if _orderable_with_undefined(other):
            return False
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
    if _num(type(a)) and _num(type(b)) and equal(a, b):
        return True
    x, y = _order_key(a, b, "<=")
    return x <= y


def greater_equal(a: Any, b: Any) -> bool:
    if (r := _undefined_order(a, b, ">=")) is not None:
        return r
    if _num(type(a)) and _num(type(b)) and equal(a, b):
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


_PLAIN_NUMBERS = frozenset((float, int))


def sort_values(items: list[Any], descending: bool = False) -> None:
    """Sort ``items`` in place by :func:`sort_key` (a stable sort).

    When every item is a Real or an Integer, their keys are all ``(3, value)``: the
    tuples compare exactly as the numbers themselves do (NaN included: a tuple only
    asks its elements ``==`` then ``<``, and for numbers that never differs from
    ``<`` alone), so the list sorts on the numbers, without building keys.
    """
    if set(map(type, items)) <= _PLAIN_NUMBERS:
        items.sort(reverse=descending)
    else:
        items.sort(key=sort_key, reverse=descending)


# -- arithmetic ------------------------------------------------------------------
# Each function follows the "Operation | Syntax | Returns" tables of Concepts/string.md,
# number.md, date.md and time.md; any other pair of types is the operator_types error.
# A Time next to a Number is a number of seconds and the result is a Number.


def _fail(op: str, a: Any, b: Any):
    raise error("operator_types", op=op, left=type_name(a), right=type_name(b))


def _numeric(a: Any, b: Any) -> tuple[Any, Any] | None:
    """Both operands as numbers when they are Number/Number or Time/Number (either order)."""
    ta, tb = type(a), type(b)
    if _num(ta):
        if _num(tb):
            return a, b
        if tb is Time4D:
            return a, b.seconds
    elif ta is Time4D and _num(tb):
        return a.seconds, b
    return None


def _num_result(a: Any, b: Any, value: Any) -> Any:
    # Integer op Integer stays Integer; anything with a Real (or a Time) is Real.
    return value if type(a) is int and type(b) is int else float(value)


def add(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is str and tb is str:
        return a + b
    if ta is Time4D and tb is Time4D:
        return Time4D(a.seconds + b.seconds)
    if ta is Date4D and _num(tb):
        return a if a.is_null() else Date4D.from_ordinal(a.ordinal() + _day_count(b))
    if (nums := _numeric(a, b)) is not None:
        return _num_result(a, b, nums[0] + nums[1])
    return _fail("+", a, b)


def _day_count(n: float | int) -> int:
    # A fractional day count is rounded as an assignment to an Integer would be.
    return int(n) if type(n) is int else int(math.floor(n + 0.5)) if n >= 0 else -int(math.floor(-n + 0.5))


def subtract(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is Date4D:
        if tb is Date4D:
            return float(a.ordinal() - b.ordinal())
        if _num(tb):
            return a if a.is_null() else Date4D.from_ordinal(a.ordinal() - _day_count(b))
    if ta is Time4D and tb is Time4D:
        return Time4D(a.seconds - b.seconds)
    if (nums := _numeric(a, b)) is not None:
        return _num_result(a, b, nums[0] - nums[1])
    return _fail("-", a, b)


def multiply(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is str and _num(tb):
        return a * max(int(b), 0)
    if ta is Time4D and tb is Time4D:
        return Time4D(a.seconds * b.seconds)  # Time *= Time gives a Time (operators.md)
    if (nums := _numeric(a, b)) is not None:
        return _num_result(a, b, nums[0] * nums[1])
    return _fail("*", a, b)


def divide(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is Time4D and tb is Time4D:  # Time /= Time gives a Time (operators.md)
        if b.seconds == 0:
            raise error("division_by_zero")
        return Time4D(int(a.seconds / b.seconds))
    if (nums := _numeric(a, b)) is not None:
        x, y = nums
        if y == 0:
            # Real division follows IEEE 754: String(1/0) is "INF" (commands/string.md).
            return math.nan if x == 0 or x != x else math.copysign(math.inf, x)
        return x / y
    return _fail("/", a, b)


def _as_long(value: Any, op: str, other: Any) -> int:
    """A Number or Time operand as a 32-bit integer (bitwise operators, ``\\`` and ``%``)."""
    t = type(value)
    if t is Time4D:
        return value.seconds
    if t is float or t is int:
        if t is float and (math.isnan(value) or math.isinf(value)):
            return 0
        return int(value)
    return _fail(op, value, other)


def int_divide(a: Any, b: Any) -> Any:
    """``a \\ b`` is ``Int(a/b)`` (number.md): the quotient rounded toward negative infinity."""
    if _numeric(a, b) is None:
        return _fail("\\", a, b)
    x, y = _as_long(a, "\\", b), _as_long(b, "\\", a)
    if y == 0:
        raise error("division_by_zero")
    return float(x // y)


def modulo(a: Any, b: Any) -> Any:
    ta, tb = type(a), type(b)
    if ta is str and tb is str:
        return keyword_match(a, b)
    if ta is Time4D and tb is Time4D:
        if b.seconds == 0:
            raise error("division_by_zero")
        return Time4D(int(math.fmod(a.seconds, b.seconds)))
    if _numeric(a, b) is None:
        return _fail("%", a, b)
    # Operands are taken as long integers: 10.5 % 2 is 0 (number.md).
    x, y = _as_long(a, "%", b), _as_long(b, "%", a)
    if y == 0:
        raise error("division_by_zero")
    return float(int(math.fmod(x, y)))


def power(a: Any, b: Any) -> Any:
    if _num(type(a)) and _num(type(b)):
        try:
            result = float(a) ** b
        except OverflowError:
            return math.inf
        except ZeroDivisionError:
            return math.inf
        return result if not isinstance(result, complex) else math.nan
    return _fail("^", a, b)


def _to_int32(n: int) -> int:
    n &= 0xFFFFFFFF
    return n - 0x100000000 if n & 0x80000000 else n


def _long_operands(a: Any, b: Any, op: str) -> tuple[int, int]:
    if not (_num(type(a)) or type(a) is Time4D) or not (_num(type(b)) or type(b) is Time4D):
        _fail(op, a, b)
    return _as_long(a, op, b), _as_long(b, op, a)


# Bitwise operators work on 32-bit long integers and return a Longint (number.md).


def bit_and(a: Any, b: Any) -> Any:
    if type(a) is bool and type(b) is bool:
        return a and b
    x, y = _long_operands(a, b, "&")
    return _to_int32(x & y)


def bit_or(a: Any, b: Any) -> Any:
    if type(a) is bool and type(b) is bool:
        return a or b
    x, y = _long_operands(a, b, "|")
    return _to_int32(x | y)


def bit_xor(a: Any, b: Any) -> Any:
    x, y = _long_operands(a, b, "^|")
    return _to_int32(x ^ y)


def shift_left(a: Any, b: Any) -> Any:
    x, n = _long_operands(a, b, "<<")
    if n < 0 or n > 31:
        return 0  # all the bits are lost
    return _to_int32(x << n)


def shift_right(a: Any, b: Any) -> Any:
    x, n = _long_operands(a, b, ">>")
    if n < 0 or n > 31:
        return 0
    return _to_int32((x & 0xFFFFFFFF) >> n)


def bit_set(a: Any, b: Any) -> Any:
    x, n = _long_operands(a, b, "?+")
    return _to_int32(x | (1 << (n & 31)))


def bit_clear(a: Any, b: Any) -> Any:
    x, n = _long_operands(a, b, "?-")
    return _to_int32(x & ~(1 << (n & 31)))


def bit_test(a: Any, b: Any) -> Any:
    x, n = _long_operands(a, b, "??")
    return bool(x & (1 << (n & 31)))


# -- keywords ----------------------------------------------------------------------
# Words are runs of letters and digits; an apostrophe inside a word belongs to it
# ("Today's"), except before a vowel or "h" where it ends the word ("L'" + "homme",
# commands/get-text-keywords.md); "," and "." between digits belong to a number
# ("10,000").  Other characters (spaces, punctuation, dashes, symbols) separate words.

_APOSTROPHES = "'’"
_ELISION_NEXT = set("aeiouyhAEIOUYHàâäéèêëîïôöùûüÀÂÄÉÈÊËÎÏÔÖÙÛÜ")


def keywords(text: str) -> list[str]:
    """The words of a text as the keyword index and ``%`` see them."""
    words: list[str] = []
    current: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch.isalnum() or ch == "_":
            current.append(ch)
            continue
        nxt = text[i + 1] if i + 1 < n else ""
        if current and ch in _APOSTROPHES and nxt.isalpha():
            current.append(ch)
            if nxt in _ELISION_NEXT:
                words.append("".join(current))
                current = []
            continue
        if current and ch in ",." and current[-1].isdigit() and nxt.isdigit():
            current.append(ch)
            continue
        if current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def keyword_match(text: str, word: str) -> bool:
    """The ``%`` operator: is ``word`` (one word, ``@`` allowed) a whole word of ``text``?"""
    core = word.strip("@")
    if not core or "@@" in word:
        return False
    if keywords(core) != [core]:
        return False  # several words, or a word with separators: always False
    return any(text_equal(token, word) for token in keywords(text))


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
    # Vertical scaling of a picture (picture.md); fourd has no Picture values, so no operands fit.
    "*|": lambda a, b: _fail("*|", a, b),
}


def negate(value: Any) -> Any:
    t = type(value)
    if t is float or t is int:
        return -value
    if t is Time4D:
        return Time4D(-value.seconds)
    raise error("unary_types", op="-", operand=type_name(value))


def truthy(value: Any) -> bool:
    """Truthiness for ``&&``, ``||`` and ``? :`` (operators.md "Truthy and falsy").

    Falsy: False, Null, Undefined, the null date, "", empty collections and
    empty objects.  Everything else is truthy, numeric zero included.
    """
    t = type(value)
    if t is bool:
        return value
    if value is None or value is UNDEFINED:
        return False
    if t is str:
        return value != ""
    if t is Date4D:
        return not value.is_null()
    if t is Collection4D:
        return bool(value.items)
    if t is Object4D:
        return bool(value.props)
    return True


def condition(value: Any, where: str) -> bool:
    """The value of an ``If``/``While``/``Case`` condition: a Boolean, Undefined counting as False."""
    if value is True:
        return True
    if value is False or value is UNDEFINED:
        return False
    raise error("not_a_boolean", where=where, got=type_name(value))
