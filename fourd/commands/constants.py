"""Constant values the docs' tables do not give but whose values are facts of 4D (character codes, Pi…)."""

from __future__ import annotations

import math
from typing import Any

_EXTRA: dict[str, Any] = {
    # ASCII Codes theme: character codes (Longints), used as Char(Carriage return) or
    # compared with Character code (commands/character-code.md, Concepts/string.md).
    "carriage return": 13,
    "line feed": 10,
    "tab": 9,
    "space": 32,
    "at sign": 64,
    "backspace": 8,
    "double quote": 34,
    "quote": 39,
    "period": 46,
    "enter": 3,
    "escape": 27,
    "pi": math.pi,
    "degree": math.pi / 180,
    "radian": 180 / math.pi,
    "e number": math.e,
    "maxlong": 2147483647,
    "maxint": 32767,
    "maxtextlenbeforev11": 32000,
    # Database Parameters selectors (commands/get-database-parameter.md)
    "user param value": 108,
    "is current database a project": 112,
    "is host database a project": 113,
    # Database Parameters selectors: the headings of commands/set-database-parameter.md ("Name (number)")
    "4d remote mode timeout": 14,
    "4d server log recording": 28,
    "4d server timeout": 13,
    "auto synchro resources folder": 48,
    "cache flush periodicity": 95,
    "cache unload minimum size": 66,
    "character set": 17,
    "circular log limitation": 90,
    "client character set": 24,
    "client https port id": 40,
    "client log recording": 45,
    "client max concurrent web proc": 25,
    "client port id": 22,
    "client server port id": 35,
    "client web log recording": 30,
    "current process debug log recording": 111,
    "debug log recording": 34,
    "diagnostic log level": 86,
    "diagnostic log recording": 79,
    "direct2d get active status": 74,
    "direct2d status": 69,
    "http compression level": 50,
    "http compression threshold": 51,
    "https port id": 39,
    "idle connections timeout": 54,
    "imap log": 119,
    "is host database writable": 117,
    "libldap version": 114,
    "libsasl version": 115,
    "libzip version": 120,
    "log command list": 80,
    "max concurrent web processes": 18,
    "maximum web requests size": 27,
    "min tls version": 105,
    "number of formulas in cache": 92,
    "openssl version": 94,
    "order by formula on server": 47,
    "pause logging": 121,
    "php interpreter ip address": 55,
    "php interpreter port": 56,
    "pop3 log": 116,
    "port id": 15,
    "query by formula joins": 49,
    "query by formula on server": 46,
    "rdp optimization": 133,
    "remote connection sleep timeout": 98,
    "server base process stack size": 53,
    "smtp log": 110,
    "spellchecker": 81,
    "sql autocommit": 43,
    "sql engine case sensitivity": 44,
    "sql server port id": 88,
    "ssl cipher list": 64,
    "table sequence number": 31,
    "tcpudp log recording": 131,
    "tips delay": 102,
    "tips duration": 103,
    "tips enabled": 101,
    "use legacy network layer": 87,
    # containers: "Objects and collections" constants.  ck ascending/descending, ck diacritical
    # and ck count values are documented (CollectionClass.md); the docs give no value for the
    # others, these are 4D's.
    "ck ascending": 0,
    "ck descending": 1,
    "ck resolve pointers": 1,
    "ck shared": 2,
    "ck ignore null or empty": 1,
    "ck keep null": 1,
    "ck diacritical": 8,
    "ck count values": 32,
    # Database Parameters (commands/set-database-parameter.md: selector numbers and values)
    "dates inside objects": 85,
    "times inside objects": 109,
    "string type without time zone": 0,
    "string type with time zone": 1,
    "date type": 2,
    "times in seconds": 0,
    "times in milliseconds": 1,
    # System Documents: the separator of system paths; fourd's system syntax is POSIX (files.py)
    "folder separator": "/",
    # File and Folder options (API/FileClass.md, FolderClass.md give these values)
    "fk overwrite": 4,
    "fk recursive": 1,
    "fk ignore invisible": 8,
}


def extra_constant(name: str) -> Any:
    key = name.lower()
    if key.startswith("zip "):
        from ..runtime.ziparchive import CONSTANTS as ZIP_CONSTANTS  # fourd's / libzip's numbers

        return ZIP_CONSTANTS.get(key)
    if key.startswith("xml "):
        from ._xmloptions import CONSTANTS  # XML option values (fourd's numbers, see _xmloptions.py)

        return CONSTANTS.get(key)
    return _EXTRA.get(key)
