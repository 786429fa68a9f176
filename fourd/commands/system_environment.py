"""System Environment theme: the machine fourd runs on (commands/theme/System_Environment.md).

fourd behaves as 4D on a POSIX system that is neither Windows nor macOS (Is Windows and Is macOS
are both False).  Fonts and screens belong to a graphical session that headless runs lack.
"""

from __future__ import annotations

import getpass
import socket

from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.values import Collection4D, Object4D
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
headless_only_error("Current client authentication", "needs 4D Server and a remote client")
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


@command("System info")
def system_info(f: Frame) -> Object4D:
    """What the machine tells through Python's standard library.  ``networkInterfaces`` lists the
    interface names without addresses (the standard library does not give them); ``volumes``
    holds the root file system; ``model`` is the machine architecture."""
    import os
    import platform
    import shutil

    def cpu_name() -> str:
        try:
            with open("/proc/cpuinfo", encoding="utf-8") as info:
                for line in info:
                    if line.lower().startswith("model name"):
                        return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return platform.processor()

    def uptime() -> float:
        try:
            with open("/proc/uptime", encoding="utf-8") as info:
                return float(int(float(info.read().split()[0])))
        except (OSError, ValueError, IndexError):
            return 0.0

    try:
        memory = float(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 1024)
    except (ValueError, OSError, AttributeError):
        memory = 0.0
    try:
        usage = shutil.disk_usage("/")
        volumes = [
            Object4D(
                {
                    "available": float(usage.free // 1024),
                    "capacity": float(usage.total // 1024),
                    "fileSystem": "",
                    "mountPoint": "/",
                }
            )
        ]
    except OSError:
        volumes = []
    try:
        interfaces = [
            Object4D({"name": name, "type": "ethernet", "ipAddresses": Collection4D([])})
            for _, name in socket.if_nameindex()
            if name != "lo"
        ]
    except OSError:
        interfaces = []
    user = current_system_user(f)
    language = (os.environ.get("LANG") or "en").split("_")[0].split(".")[0] or "en"
    return Object4D(
        {
            "accountName": user,
            "cores": float(os.cpu_count() or 1),
            "cpuThreads": float(os.cpu_count() or 1),
            "machineName": socket.gethostname(),
            "macRosetta": False,
            "model": platform.machine(),
            "networkInterfaces": Collection4D(interfaces),
            "osVersion": f"{platform.system()} {platform.release()}",
            "osLanguage": "en" if language in ("C", "POSIX") else language,
            "physicalMemory": memory,
            "processor": cpu_name(),
            "uptime": uptime(),
            "userName": user,
            "volumes": Collection4D(volumes),
        }
    )
