"""What a value becomes once stored in an object or a collection.

Commands (New object, OB SET, New collection, the collection functions), assignments
to a property or an element and literals all store numbers as Reals ("Number values
are always stored as reals", new-object.md; "Numerical object properties are always
considered real values", value-type.md) and times
as a number of seconds (ob-set.md: "if you pass a time, it is stored as a
number of seconds (Real)"; fourd follows the current default "Times in seconds"
setting, not the older milliseconds one).  Undefined is stored as Null; a scalar Blob
as a ``4D.Blob`` (blob.md).
"""

from __future__ import annotations

from typing import Any

from .values import UNDEFINED, Blob4D, Collection4D, Object4D, Time4D

# The types stored() returns unchanged, that callers in a hurry (collection.push) may test first.
STORED_AS_IS = frozenset((float, str, bool, type(None), Object4D, Collection4D))


def stored(value: Any) -> Any:
    t = type(value)
    if t is int:
        return float(value)
    if t is Time4D:
        return float(value.seconds)
    if value is UNDEFINED:
        return None
    if t is Blob4D:  # blob.md: a scalar blob stored in an object or collection becomes a 4D.Blob
        from .blobobject import to_blob_object

        return to_blob_object(value)
    return value
