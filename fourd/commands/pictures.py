"""Pictures theme: what headless fourd cannot have.

The picture library belongs to the structure of a binary database (project databases have none),
so its commands raise "not available in headless mode" with that reason.  The other picture
commands (conversion, metadata…) are not implemented: fourd has no image codecs.
"""

from __future__ import annotations

from .registry import headless_only_error

for _name in (
    "PICTURE LIBRARY LIST",
    "GET PICTURE FROM LIBRARY",
    "SET PICTURE TO LIBRARY",
    "REMOVE PICTURE FROM LIBRARY",
):
    headless_only_error(_name, "needs the picture library of a binary database structure")
