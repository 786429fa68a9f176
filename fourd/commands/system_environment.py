"""System Environment theme: the machine fourd runs on (commands/theme/System_Environment.md).

fourd behaves as 4D on a POSIX system that is neither Windows nor macOS (Is Windows and Is macOS
are both False).  Fonts and screens belong to a graphical session that headless runs lack.
"""

from __future__ import annotations

import getpass
import socket

from ..runtime.frame import Frame
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
for _name in ("Count screens", "Menu bar height", "Menu bar screen", "OPEN COLOR PICKER"):
    headless_only_error(_name, "needs a screen")
