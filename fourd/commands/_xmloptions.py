"""XML option selectors (documented numbers) and option values (fourd's numbers).

The docs give the selector numbers (XML indentation = 4…) but not the numbers of the option
values (XML with indentation, XML raw data…): fourd numbers those itself and gives them to the
constant names (``CONSTANTS``, read by commands/constants.py); code that uses the constant
names behaves as documented.
"""

from __future__ import annotations

# selectors (documented numbers)
STRING_ENCODING = 1
DATE_ENCODING = 2
TIME_ENCODING = 3
INDENTATION = 4
BINARY_ENCODING = 5
PICTURE_ENCODING = 6
EXTERNAL_ENTITY_RESOLUTION = 7
DOM_CASE_SENSITIVITY = 8
BOM = 9
LINE_ENDING = 10

# option values (fourd's numbers; constants.py gives them to the constant names)
WITH_ESCAPING, RAW_DATA = 1, 2
ISO, LOCAL, DATETIME_LOCAL, UTC, DATETIME_UTC, DATETIME_LOCAL_ABSOLUTE, SECONDS, DURATION = range(1, 9)
WITH_INDENTATION, NO_INDENTATION = 1, 2
BASE64, DATA_URI_SCHEME = 1, 2
CONVERT_TO_PNG, NATIVE_CODEC = 1, 2
CASE_SENSITIVE, CASE_INSENSITIVE = 1, 2
DEFAULT, ENABLED, DISABLED = 0, 1, 2
LF, CR, CRLF = 1, 2, 3

DEFAULTS = {
    STRING_ENCODING: WITH_ESCAPING,
    DATE_ENCODING: ISO,
    TIME_ENCODING: DATETIME_LOCAL_ABSOLUTE,
    INDENTATION: WITH_INDENTATION,
    BINARY_ENCODING: BASE64,
    PICTURE_ENCODING: CONVERT_TO_PNG,
    EXTERNAL_ENTITY_RESOLUTION: DISABLED,
    DOM_CASE_SENSITIVITY: CASE_SENSITIVE,
    BOM: DEFAULT,
    LINE_ENDING: DEFAULT,
}

CONSTANTS = {
    "xml with escaping": WITH_ESCAPING,
    "xml raw data": RAW_DATA,
    "xml iso": ISO,
    "xml local": LOCAL,
    "xml datetime local": DATETIME_LOCAL,
    "xml utc": UTC,
    "xml datetime utc": DATETIME_UTC,
    "xml datetime local absolute": DATETIME_LOCAL_ABSOLUTE,
    "xml seconds": SECONDS,
    "xml duration": DURATION,
    "xml with indentation": WITH_INDENTATION,
    "xml no indentation": NO_INDENTATION,
    "xml base64": BASE64,
    "xml data uri scheme": DATA_URI_SCHEME,
    "xml convert to png": CONVERT_TO_PNG,
    "xml native codec": NATIVE_CODEC,
    "xml case sensitive": CASE_SENSITIVE,
    "xml case insensitive": CASE_INSENSITIVE,
    "xml default": DEFAULT,
    "xml enabled": ENABLED,
    "xml disabled": DISABLED,
    "xml lf": LF,
    "xml cr": CR,
    "xml crlf": CRLF,
}
