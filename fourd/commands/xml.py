"""XML theme: options of XML trees, XML DECODE, XML GET ERROR (commands/xml-*.md).

The docs give the selector numbers (XML indentation = 4…) but not the numbers of the option
values (XML with indentation, XML raw data…): fourd numbers those itself (_xmloptions.py).
"""

from __future__ import annotations

from typing import Any

from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.values import Time4D
from . import _xmltree as xt
from ._targets import Target, writing_command
from ._xmloptions import DEFAULTS, ENABLED, EXTERNAL_ENTITY_RESOLUTION
from .args import integer


def _ok(f: Frame, ok: bool) -> None:
    f.process.set_var("ok", 1.0 if ok else 0.0)


class _DocumentOptions:
    """The options of a SAX document (a DocRef), shaped like a tree for the code below."""

    def __init__(self, options: dict[int, int]):
        self.options = options


def _tree(f: Frame, ref: Any, selectors: list[int], name: str) -> Any:
    """The tree of ``ref`` (a DOM reference, or a DocRef for SAX); None when only process-wide
    selectors are used with an empty ref."""
    if ref == "" and all(s == EXTERNAL_ENTITY_RESOLUTION for s in selectors):
        return None
    try:
        if type(ref) is Time4D:
            from ._documents import documents

            return _DocumentOptions(documents(f).get(ref, name).xml_options)
        return xt.store(f.process.runtime).get(ref, name)[1]
    except Exception:
        _ok(f, False)
        raise


@writing_command("XML SET OPTIONS", 3, None)
def xml_set_options(f: Frame, targets: list[Target]) -> None:
    name = "XML SET OPTIONS"
    if len(targets) % 2 == 0:
        raise error("wrong_param_count", name=name, detail="selectors and values go by pairs")
    pairs = [
        (integer(targets[i].get(), name, i + 1), integer(targets[i + 1].get(), name, i + 2))
        for i in range(1, len(targets), 2)
    ]
    for selector, _ in pairs:
        if selector not in DEFAULTS:
            raise error("wrong_param_type", name=name, index=2, expected="an XML option selector", got=str(selector))
    tree = _tree(f, targets[0].get(), [s for s, _ in pairs], name)
    for selector, value in pairs:
        if selector == EXTERNAL_ENTITY_RESOLUTION:
            # The standard library parser never fetches external entities; fourd keeps it so.
            if value == ENABLED:
                raise error("xml_unsupported", name=name, detail="external entity resolution cannot be enabled")
            continue
        if tree is not None:
            tree.options[selector] = value
    _ok(f, True)


@writing_command("XML GET OPTIONS", 3, None)
def xml_get_options(f: Frame, targets: list[Target]) -> None:
    name = "XML GET OPTIONS"
    if len(targets) % 2 == 0:
        raise error("wrong_param_count", name=name, detail="selectors and variables go by pairs")
    selectors = [integer(targets[i].get(), name, i + 1) for i in range(1, len(targets), 2)]
    tree = _tree(f, targets[0].get(), selectors, name)
    for i, selector in zip(range(2, len(targets), 2), selectors, strict=True):
        if selector not in DEFAULTS:
            raise error("wrong_param_type", name=name, index=i, expected="an XML option selector", got=str(selector))
        options = tree.options if tree is not None else {}
        targets[i].set(options.get(selector, DEFAULTS[selector]))
    _ok(f, True)


@writing_command("XML DECODE", 2, 2)
def xml_decode(f: Frame, targets: list[Target]) -> None:
    from ._xmlvalues import decode_into
    from .args import text

    decode_into(targets[1], text(targets[0].get(), "XML DECODE", 1))


@writing_command("XML GET ERROR", 2, 4)
def xml_get_error(f: Frame, targets: list[Target]) -> None:
    """The last parse error of the runtime's XML parser ("" and 0 when there was none).

    The failed parse hands out no reference, so the reference passed is not checked.
    """
    last = xt.store(f.process.runtime).last_error
    message, line, column = last if last is not None else ("", 0, 0)
    targets[1].set(message)
    if len(targets) > 2:
        targets[2].set(line)
    if len(targets) > 3:
        targets[3].set(column)
    _ok(f, True)
