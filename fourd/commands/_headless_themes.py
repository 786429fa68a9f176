"""Docs themes whose commands cannot work in a headless interpreter, and why.

A command of these themes needs a form, a window, a user, a printer or the database engine,
none of which fourd has.  Once every command module has registered what it implements,
:func:`register_missing` registers the rest of these themes as headless-only commands, so calling
one raises -10622 "… is not available in headless mode (needs …)" instead of "not implemented
yet", and ``fourd commands`` lists it as "headless: error".  ``fourd doctest`` skips code that
calls them for the same reasons (tools/headless.py builds on this table).

Themes that need the network or the project's structure are not here: fourd could implement
those, so their commands stay "missing" until it does.
"""

from __future__ import annotations

from ..syntax.names import read_table

HEADLESS_THEMES: dict[str, str] = {
    **dict.fromkeys(
        [
            "Queries",
            "Records",
            "Selection",
            "Sets",
            "Named Selections",
            "Relations",
            "Record Locking",
            "Transactions",
            "Triggers",
            "Table",
            "Structure Access",
            "SQL",
            "Subrecords",
            "Import and Export",
            "Cache Management",
            "Backup",
            "Data Security",
            "Users and Groups",
            "On a Series",
        ],
        "a database",
    ),
    **dict.fromkeys(
        [
            "Forms",
            "Form Events",
            "Objects Forms",
            "List Box",
            "Entry Control",
            "Data Entry",
            "Drag and Drop",
            "Hierarchical Lists",
            "Graphs",
            "Web Area",
            "Spell Checker",
            "Styled Text",
        ],
        "forms",
    ),
    **dict.fromkeys(
        ["Windows", "Menus", "User Interface", "Process User Interface", "Pasteboard"], "the user interface"
    ),
    "Messages": "a user to answer",
    **dict.fromkeys(["Printing", "Quick Report"], "printing"),
}


def register_missing() -> None:
    """Register every command of a headless theme that no module implements."""
    from .registry import _BY_NUMBER, headless_only_error

    for row in read_table("themes.tsv"):
        reason = HEADLESS_THEMES.get(row["theme"])
        if reason is not None and int(row["number"]) not in _BY_NUMBER:
            headless_only_error(row["name"], f"needs {reason}")
