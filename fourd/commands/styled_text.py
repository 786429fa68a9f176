"""Styled Text theme: ST Get plain text on a variable or field value (commands/st-get-plain-text.md).

Multistyle text keeps its styles in ``<span>`` tags; references are ``<span style="-d4-ref:'expr'">``
(4D expressions), ``<a href="url">label</a>`` (URLs) and ``<span style="-d4-ref-user:'link'">``
(user links).  The form-object syntax (``*; "objectName"``) needs forms: headless error.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ..runtime.compiler import STAR
from ..runtime.convert import to_text
from ..runtime.errors import error
from ..runtime.frame import Frame
from . import args as A
from .registry import command

EXPRESSIONS_AS_VALUES, EXPRESSIONS_AS_SOURCES = 1, 2
URL_AS_LABELS, URL_AS_LINKS = 4, 8
USER_LINKS_AS_LABELS, USER_LINKS_AS_LINKS = 16, 32
NBSP = "\u00a0"

_TOKENS = re.compile(
    r"<span\s+style=\"-d4-ref:'(?P<expr>[^']*)'\"\s*>.*?</span>"
    r"|<span\s+style=\"-d4-ref-user:'(?P<user>[^']*)'\"\s*>(?P<user_label>.*?)</span>"
    r"|<a\s+href=\"(?P<url>[^\"]*)\"[^>]*>(?P<url_label>.*?)</a>"
    r"|<br\s*/?>"
    r"|</?span[^>]*>",
    re.S | re.I,
)


@command("ST Get plain text")
def st_get_plain_text(f: Frame, target: Any, *rest: Any) -> str:
    name = "ST Get plain text"
    if target is STAR:
        raise error("unsupported_headless", name=f"{name} with a form object name (needs forms)")
    text = A.text(target, name, 1)
    mode = A.integer(rest[0], name, 2) if rest else 0

    def replace(m: re.Match[str]) -> str:
        if m.group("expr") is not None:
            source = html.unescape(m.group("expr"))
            if mode & EXPRESSIONS_AS_SOURCES:
                return source
            if mode & EXPRESSIONS_AS_VALUES:
                from ..runtime.formulas import formula_from_string

                return to_text(formula_from_string(f.process.runtime, source).call_with_this(f, None, []))
            return NBSP
        if m.group("user") is not None:
            if mode & USER_LINKS_AS_LINKS:
                return html.unescape(m.group("user"))
            if mode & USER_LINKS_AS_LABELS:
                return _strip(m.group("user_label"))
            return NBSP
        if m.group("url") is not None:
            if mode & URL_AS_LINKS:
                return html.unescape(m.group("url"))
            if mode & URL_AS_LABELS:
                return _strip(m.group("url_label"))
            return NBSP
        if m.group(0).lower().startswith("<br"):
            return "\r"  # 4D's line break in text
        return ""  # a style span: only its text stays

    return html.unescape(_TOKENS.sub(replace, text))


def _strip(label: str) -> str:
    return re.sub(r"<[^>]+>", "", label)
