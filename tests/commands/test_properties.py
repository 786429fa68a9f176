"""Property tests: algebraic facts the docs imply, checked on generated values (hypothesis).

- String / Num round trips (Concepts/dt_number.md, commands/string.md, num.md);
- JSON Parse(JSON Stringify(x)) gives x back for objects and collections (json-stringify.md);
- collection.orderBy() is a stable sort (API/CollectionClass.md);
- date arithmetic: d + n - n = d and (d + n) - d = n (Concepts/dt_date.md);
- Substring / Position / Length agree (substring.md, position.md).
"""

from __future__ import annotations

import datetime as dt
from functools import cache, lru_cache

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fourd.runtime.interpreter import Runtime  # noqa: E402
from fourd.runtime.values import Collection4D, Date4D, Object4D  # noqa: E402

FAST = settings(max_examples=100, deadline=None)
TREES = settings(max_examples=50, deadline=None)  # generating nested values is the slow part


@lru_cache(maxsize=1)
def runtime() -> Runtime:
    import io

    return Runtime(stdout=io.StringIO(), stderr=io.StringIO())


@cache
def compiled(source: str):
    return runtime().compile_source(source, "<property>")


def call(source: str, *args):
    """Run ``source`` (a method body using $1, $2…) with the given parameters."""
    return runtime().run_code(compiled(source), list(args))


# -- String and Num ----------------------------------------------------------------------------


@FAST
@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_num_of_string_of_integer(n):
    assert call("return Num(String($1))", float(n)) == n


@FAST
@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_string_num_string_is_stable(x):
    # String keeps 13 significant digits: reading that text back and writing it again changes nothing
    first = call("return String($1)", x)
    assert call("return String(Num($1))", first) == first
    assert call("return Num(String($1))", x) == pytest.approx(x, rel=1e-12, abs=1e-300)


@FAST
@given(st.from_regex(r"-?[1-9][0-9]{0,11}", fullmatch=True))
def test_string_of_num_of_digits(text):
    assert call("return String(Num($1))", text) == text


# -- JSON ----------------------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**9), max_value=10**9).map(float),
    st.integers(min_value=-4000, max_value=4000).map(lambda n: n / 8),  # exact binary fractions
    st.text(max_size=12),
)
keys = st.text(min_size=1, max_size=8)


def to4d(value):
    if isinstance(value, dict):
        return Object4D({k: to4d(v) for k, v in value.items()})
    if isinstance(value, list):
        return Collection4D([to4d(v) for v in value])
    return value


def from4d(value):
    if type(value) is Object4D:
        return {k: from4d(v) for k, v in value.props.items()}
    if type(value) is Collection4D:
        return [from4d(v) for v in value.items]
    return value


trees = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)


@TREES
@given(st.dictionaries(keys, trees, max_size=5))
def test_json_round_trip_object(tree):
    back = call("return JSON Parse(JSON Stringify($1))", to4d(tree))
    assert type(back) is Object4D and from4d(back) == tree


@TREES
@given(st.lists(trees, max_size=5))
def test_json_round_trip_collection(tree):
    back = call("return JSON Parse(JSON Stringify($1))", to4d(tree))
    assert type(back) is Collection4D and from4d(back) == tree


@TREES
@given(st.dictionaries(keys, trees, max_size=4))
def test_json_pretty_round_trip(tree):
    assert from4d(call("return JSON Parse(JSON Stringify($1;*))", to4d(tree))) == tree


# -- orderBy is stable ------------------------------------------------------------------------------


@FAST
@given(st.lists(st.integers(min_value=0, max_value=4), max_size=30), st.sampled_from(["", " asc", " desc"]))
def test_order_by_is_stable(ks, direction):
    items = Collection4D([Object4D({"k": float(k), "i": float(i)}) for i, k in enumerate(ks)])
    ordered = call(f'return $1.orderBy("k{direction}")', items)
    pairs = [(o.props["k"], o.props["i"]) for o in ordered.items]
    descending = direction == " desc"
    expected = sorted(pairs, key=lambda p: -p[0] if descending else p[0])  # Python's sort is stable
    assert pairs == expected


# -- dates ---------------------------------------------------------------------------------------

dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)).map(Date4D.from_date)
days = st.integers(min_value=-20000, max_value=20000)


@FAST
@given(dates, days)
def test_date_plus_minus_days(d, n):
    assert call("return $1+$2-$2", d, float(n)) == d
    assert call("return ($1+$2)-$1", d, float(n)) == n


@FAST
@given(dates, dates)
def test_date_difference_adds_back(a, b):
    assert call("return $2+($1-$2)", a, b) == a


# -- Substring, Position, Length --------------------------------------------------------------------

words = st.text(alphabet="abcxyz0123 ", max_size=20)


@FAST
@given(words, st.integers(min_value=1, max_value=25), st.integers(min_value=0, max_value=25))
def test_substring_length(s, start, count):
    expected = max(0, min(count, len(s) - start + 1))
    assert call("return Length(Substring($1;$2;$3))", s, float(start), float(count)) == expected


@FAST
@given(words, st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=5))
def test_position_finds_a_substring_no_later_than_where_it_was_taken(s, start, count):
    part = s[start - 1 : start - 1 + count]
    found = call("return Position($1;$2)", part, s)
    if part:
        assert 1 <= found <= start and s[found - 1 : found - 1 + len(part)] == part
    else:
        assert found == 0


@FAST
@given(words, words)
def test_concatenation_then_substring(a, b):
    assert call("return Substring($1+$2;Length($1)+1)", a, b) == b
    assert call("return Position($2;$1+$2;Length($1)+1)", a, b) == (len(a) + 1 if b else 0)
