"""Licenses theme: 4D's licenses belong to a 4D installation; fourd has none to read or change."""

from __future__ import annotations

from .registry import headless_only_error

for _name in (
    "CHANGE LICENSES",
    "Create deployment license",
    "Is license available",
    "License info",
    "License usage",
    "Refresh license",
):
    headless_only_error(_name, "needs the licenses of a 4D installation")
