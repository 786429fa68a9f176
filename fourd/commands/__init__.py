"""Built-in 4D commands, one module per theme of the docs (commands/theme/*.md).

Every module of this package is imported on first use of the registry;
importing a module registers its commands in :mod:`fourd.commands.registry`.
Helper modules that register nothing (``args``, ``registry``) are skipped.
"""

from __future__ import annotations

import importlib
import pkgutil

_NOT_THEMES = {"registry", "args", "constants"}


def load_all() -> None:
    for info in pkgutil.iter_modules(__path__):
        if info.name not in _NOT_THEMES and not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    from ._headless_themes import register_missing

    register_missing()  # last: what no module implements in the themes a headless run lacks
