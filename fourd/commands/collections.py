"""Collections theme (core part): creating collections."""

from __future__ import annotations

from typing import Any

from ..runtime.frame import Frame
from ..runtime.shared import make_shared, prepare_stored_value
from ..runtime.storedvalue import stored
from ..runtime.values import Collection4D
from .registry import command


@command("New collection")
def new_collection(f: Frame, *values: Any) -> Collection4D:
    return Collection4D([stored(v) for v in values])


@command("New shared collection")
def new_shared_collection(f: Frame, *values: Any) -> Collection4D:
    col = make_shared(Collection4D())
    col.items = [prepare_stored_value(col, stored(v)) for v in values]
    return col
