"""Built-in 4D commands, one module per theme of the docs (commands/theme/*.md).

Importing a module registers its commands in :mod:`fourd.commands.registry`.  A run
imports only the modules of the commands it calls: the registry finds a command's module
in ``fourd/data/command_modules.tsv`` (written by ``scripts/gen_command_index.py``) and
imports everything (:func:`load_all`) only for what that index does not name.
Helper modules that register nothing (``args``, ``registry``…) are not themes.
"""

from __future__ import annotations

import importlib
import pkgutil

_NOT_THEMES = {"registry", "args", "constants"}


def theme_modules() -> list[str]:
    """The full names of the modules that register commands."""
    return [
        f"{__name__}.{info.name}"
        for info in pkgutil.iter_modules(__path__)
        if info.name not in _NOT_THEMES and not info.name.startswith("_")
    ]


def load_all() -> None:
    """Import every command module (and every built-in class), as tools that list them all need."""
    from ..runtime.classes import builtin_classes

    for name in theme_modules():
        importlib.import_module(name)
    builtin_classes()
    from ._headless_themes import register_missing

    register_missing()  # last: what no module implements in the themes a headless run lacks
