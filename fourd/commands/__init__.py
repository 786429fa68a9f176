"""Built-in 4D commands, one module per theme of the docs (commands/theme/*.md).

Importing a module registers its commands in :mod:`fourd.commands.registry`.
"""

from __future__ import annotations

import importlib

THEMES = [
    "language",
    "strings",
    "math",
    "dates",
    "objects",
    "collections",
    "collection_members",
    "json",
    "sessions",
    "interface",
]


def load_all() -> None:
    for theme in THEMES:
        importlib.import_module(f"{__name__}.{theme}")
