"""System Environment theme: the machine fourd runs on (commands/theme/System_Environment.md).

fourd behaves as 4D on a POSIX system that is neither Windows nor macOS (Is Windows and Is macOS
are both False).  Fonts and screens belong to a graphical session that headless runs lack.
"""

from __future__ import annotations

import getpass
import socket

from ..runtime.errors import error
from ..runtime.frame import Frame
from . import args as A
from ._targets import Target, writing_command
from .registry import command, headless_only_error


@command("Is Windows")
def is_windows(f: Frame) -> bool:
    return False


@command("Is macOS")
def is_macos(f: Frame) -> bool:
    return False


@command("Current system user")
def current_system_user(f: Frame) -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (containers)
        return ""


@command("Current machine")
def current_machine(f: Frame) -> str:
    return socket.gethostname()


for _name in ("FONT LIST", "FONT STYLE LIST", "Font file"):
    headless_only_error(_name, "needs the fonts of a graphical session")
for _name in (
    "Count screens",
    "Menu bar height",
    "Menu bar screen",
    "SCREEN COORDINATES",
    "SCREEN DEPTH",
    "Screen height",
    "Screen width",
):
    headless_only_error(_name, "needs a screen")
for _name in ("OPEN COLOR PICKER", "Select RGB color", "OPEN FONT PICKER", "SET RECENT FONTS"):
    headless_only_error(_name, "needs a user to answer a system dialog")


# GET SYSTEM FORMAT: the US English system fourd formats as (commands/formats.py), by selector
# (numbers: get-system-format.md).  Patterns use the same letters as the docs' examples.
SYSTEM_FORMATS = {
    0: ".",  # Decimal separator
    1: ",",  # Thousand separator
    2: "$",  # Currency symbol
    3: "HH:mm:ss",  # System time short pattern (fourd writes 13:04:05)
    4: "HH:mm:ss",  # System time medium pattern
    5: "HH:mm:ss",  # System time long pattern
    6: "MM/dd/yyyy",  # System date short pattern (03/05/2024)
    7: "EEE, MMM d, yyyy",  # System date medium pattern (Tue, Mar 5, 2024)
    8: "EEEE, MMMM d, yyyy",  # System date long pattern (Tuesday, March 5, 2024)
    13: "/",  # Date separator
    14: ":",  # Time separator
    15: "2",  # Short date day position (month/day/year)
    16: "1",  # Short date month position
    17: "3",  # Short date year position
    18: "AM",  # System time AM label
    19: "PM",  # System time PM label
}


def _get_system_format(f: Frame, targets: list[Target]) -> None:
    selector = A.integer(targets[0].get(), "GET SYSTEM FORMAT", 1)
    if selector not in SYSTEM_FORMATS:
        raise error(
            "wrong_param_type",
            name="GET SYSTEM FORMAT",
            index=1,
            expected="a System Format constant",
            got=str(selector),
        )
    targets[1].set(SYSTEM_FORMATS[selector])


writing_command("GET SYSTEM FORMAT", 2, 2)(_get_system_format)
