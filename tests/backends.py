"""Run 4D source on one back end (generated Python source or closures), for tests that compare them."""

from __future__ import annotations

import io

from fourd.runtime import codegen
from fourd.runtime.errors import FourDError
from fourd.runtime.interpreter import Runtime


def run_on_backend(
    source: str,
    generated: bool,
    methods: dict[str, str] | None = None,
    classes: dict[str, str] | None = None,
    name: str | None = None,
) -> tuple:
    """``("ok", result)`` or ``("error", code, line, method, call chain)`` of ``source`` (run as method
    ``name`` when given) with the given project methods and classes, the code generator on (``generated``)
    or off."""
    saved = codegen.ENABLED
    codegen.ENABLED = generated
    try:
        rt = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
        for method, text in (methods or {}).items():
            rt.methods.add_source(method, text)
        for cls, text in (classes or {}).items():
            rt.classes.add_source(cls, text)
        try:
            return ("ok", rt.run_source(source) if name is None else rt.run_source(source, name))
        except FourDError as exc:
            return ("error", exc.code, exc.line, exc.method, list(exc.call_chain))
    finally:
        codegen.ENABLED = saved
