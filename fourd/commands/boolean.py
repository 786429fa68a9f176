"""Boolean theme (commands/theme/Boolean.md): Bool.  True, False and Not live with the language commands."""

from __future__ import annotations

from typing import Any

from ..runtime.convert import to_bool
from ..runtime.frame import Frame
from .registry import command


@command("Bool")
def bool_(f: Frame, value: Any) -> bool:
    return to_bool(value)
