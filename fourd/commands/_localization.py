"""XLIFF localization: the ``.lproj`` folders of the Resources folder (Localized string,
Get/SET DATABASE LOCALIZATION, Localized document path).

Languages are RFC 3066 codes ("fr", "fr-ca"); their folders use "_" ("fr_ca.lproj"), matched
without regard to case.  The default language follows the documented priority: the system
language (``LANG``), then English, then the first ``.lproj`` folder; without any, the system
language or English.  A strings lookup tries the current language's folder, then its base
language's ("fr" for "fr-ca").  Every ``.xlf``/``.xliff`` file of a folder is read once.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from xml.dom import minidom
from xml.parsers.expat import ExpatError

from ..runtime.frame import Frame
from ._state import runtime_state


class Localization:
    def __init__(self) -> None:
        self.current: str | None = None  # set by SET DATABASE LOCALIZATION
        self.strings: dict[Path, dict[str, str]] = {}  # .lproj folder -> resname -> text
        self.lock = threading.Lock()


def state(f: Frame) -> Localization:
    return runtime_state(f.process.runtime, Localization)


def resources_folder(f: Frame) -> Path:
    from ..runtime.files import filesystem_root

    return filesystem_root(f.process.runtime, "/RESOURCES")


def system_language() -> str:
    raw = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG") or ""
    code = raw.split(".")[0].replace("_", "-").lower()
    return "en" if code in ("", "c", "posix") else code


def folders(f: Frame) -> dict[str, Path]:
    """Language code (with "-") -> its .lproj folder."""
    root = resources_folder(f)
    if not root.is_dir():
        return {}
    return {p.stem.lower().replace("_", "-"): p for p in sorted(root.glob("*.lproj")) if p.is_dir()}


def default_language(f: Frame) -> str:
    known = folders(f)
    wanted = system_language()
    for code in (wanted, wanted.split("-")[0], "en"):
        if code in known:
            return code
    if known:
        return next(iter(known))
    return wanted.split("-")[0] or "en"


def current_language(f: Frame) -> str:
    return state(f).current or default_language(f)


def language_folders(f: Frame) -> list[Path]:
    """The folders to look in, most specific first."""
    known = folders(f)
    code = current_language(f)
    out = [known[c] for c in dict.fromkeys((code, code.split("-")[0])) if c in known]
    return out


def _read_folder(folder: Path) -> dict[str, str]:
    strings: dict[str, str] = {}
    for file in sorted([*folder.glob("*.xlf"), *folder.glob("*.xliff")]):
        try:
            document = minidom.parse(str(file))
        except (ExpatError, OSError):
            continue  # a broken file gives no strings, as a missing one
        for unit in document.getElementsByTagName("trans-unit"):
            name = unit.getAttribute("resname")
            if not name or name in strings:
                continue
            targets = unit.getElementsByTagName("target")
            sources = unit.getElementsByTagName("source")
            chosen = targets[0] if targets else sources[0] if sources else None
            if chosen is not None:
                strings[name] = "".join(
                    n.data for n in chosen.childNodes if n.nodeType in (n.TEXT_NODE, n.CDATA_SECTION_NODE)
                )
    return strings


def localized(f: Frame, resname: str) -> str | None:
    """The text of ``resname`` in the current language (None when no XLIFF file has it)."""
    loc = state(f)
    for folder in language_folders(f):
        with loc.lock:
            strings = loc.strings.get(folder)
            if strings is None:
                strings = loc.strings[folder] = _read_folder(folder)
        if resname in strings:  # XLIFF names are diacritical and case-sensitive
            return strings[resname]
    return None
