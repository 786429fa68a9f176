"""Collections theme (core part): creating collections."""

from __future__ import annotations

from typing import Any

from ..runtime.frame import Frame
from ..runtime.shared import make_shared, prepare_stored_value
from ..runtime.values import UNDEFINED, Collection4D
from .registry import command


@command("New collection")
def new_collection(f: Frame, *values: Any) -> Collection4D:
    return Collection4D([None if v is UNDEFINED else v for v in values])


@command("New shared collection")
def new_shared_collection(f: Frame, *values: Any) -> Collection4D:
    col = make_shared(Collection4D())
    col.items = [None if v is UNDEFINED else prepare_stored_value(col, v) for v in values]
    return col
