"""Run 4D source on one back end (generated Python source or closures), for tests that compare them."""

from __future__ import annotations

import io

from fourd.runtime import codegen
from fourd.runtime.errors import FourDError
from fourd.runtime.interpreter import Runtime


def run_on_backend(source: str, generated: bool, methods: dict[str, str], classes: dict[str, str]) -> tuple:
    """``("ok", result)`` or ``("error", code, line, method, call chain)`` of ``source`` run with the
    given project methods and classes, with the code generator on (``generated``) or off."""
    saved = codegen.ENABLED
    codegen.ENABLED = generated
    try:
        rt = Runtime(stdout=io.StringIO(), stderr=io.StringIO())
        for name, text in methods.items():
            rt.methods.add_source(name, text)
        for name, text in classes.items():
            rt.classes.add_source(name, text)
        try:
            return ("ok", rt.run_source(source))
        except FourDError as exc:
            return ("error", exc.code, exc.line, exc.method, list(exc.call_chain))
    finally:
        codegen.ENABLED = saved
