"""Variables theme and variable introspection: Type, Is a variable.

(``CLEAR VARIABLE`` and ``Undefined`` live in :mod:`fourd.commands.language`.)
``Type`` looks at the declaration when there is one (``var $t : Text`` is Is
text even before it holds anything; ``Variant`` gives Is variant), else at the
value the variable holds, arrays included.
"""

from __future__ import annotations

from typing import Any

from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.values import Array4D, Pointer4D
from ..syntax import ast
from . import _varblob
from . import args as A
from ._documents import document_path, file_error, read_document
from ._targets import Target, writing_command
from .language import value_type
from .registry import command

IS_VARIANT = 12
ARRAY_2D = 13

# Declared types (canonical names of fourd.runtime.types) to Type codes.
DECLARED = {
    "Text": 2,
    "Real": 1,
    "Integer": 9,
    "Boolean": 6,
    "Date": 4,
    "Time": 11,
    "Object": 38,
    "Collection": 42,
    "Pointer": 23,
    "Blob": 30,
    "Picture": 3,
    "Variant": IS_VARIANT,
}

# Array types to Type codes (ARRAY INTEGER and ARRAY LONGINT are both Integer arrays in fourd).
ARRAYS = {
    "Text": 18,
    "Real": 14,
    "Integer": 16,
    "Boolean": 22,
    "Date": 17,
    "Time": 32,
    "Object": 39,
    "Pointer": 20,
    "Picture": 19,
    "Blob": 31,
}


def type_of_value(value: Any) -> int:
    if type(value) is Array4D:
        return ARRAY_2D if value.dims == 2 else ARRAYS.get(value.type, 18)
    return value_type(value)


@command("Type", hook=True)
def type_(compiler: Any, nodes: list[ast.Node]):
    if len(nodes) != 1:
        count = len(nodes)

        def wrong_count(f: Frame) -> int:
            raise error("wrong_param_count", name="Type", detail=f"expects 1 parameter, got {count}")

        return wrong_count
    node = nodes[0]
    read = compiler.expr(node)
    declared = None
    if isinstance(node, ast.LocalVar) and not node.name[1:].isdigit():
        declared = compiler.slot_types.get(compiler.slot(node.name))

    def run(f: Frame) -> int:
        value = read(f)
        if type(value) is Array4D:
            return type_of_value(value)
        if declared is not None:
            return DECLARED.get(declared, 38)  # class types are objects
        return type_of_value(value)

    return run


@command("Is a variable")
def is_a_variable(f: Frame, pointer: Any) -> bool:
    if type(pointer) is not Pointer4D:
        return False
    identity = pointer.identity
    kind = identity[0] if type(identity) is tuple and identity else identity
    if type(kind) is tuple and kind:
        kind = kind[0]
    return kind in ("local", "process", "interprocess")


# -- variables in documents ---------------------------------------------------------------------

# A SAVE VARIABLES document: this header, then each variable as VARIABLE TO BLOB stores it.
_DOCUMENT_HEADER = b"4D variables\n"


def _set_ok(f: Frame, ok: bool) -> None:
    f.process.set_var("ok", 1.0 if ok else 0.0)


@writing_command("SAVE VARIABLES", 2, None)
def save_variables(f: Frame, targets: list[Target]) -> None:
    """Write the variables to a document LOAD VARIABLES reads (not arrays: save-variables.md)."""
    name = A.text(targets[0].read(f), "SAVE VARIABLES", 1)
    if name == "":  # a Save File dialog in 4D; none headless
        _set_ok(f, False)
        return
    data = bytearray(_DOCUMENT_HEADER)
    for target in targets[1:]:
        value = target.get()
        if type(value) is Array4D:
            raise error("variable_to_blob_type", name="SAVE VARIABLES", got="array")
        data += _varblob.dump(value, "SAVE VARIABLES")
    path = document_path(f, name, "SAVE VARIABLES")
    try:
        path.write_bytes(bytes(data))
    except OSError as exc:
        _set_ok(f, False)
        raise file_error(exc, path, "SAVE VARIABLES") from None
    _set_ok(f, True)


@writing_command("LOAD VARIABLES", 2, None)
def load_variables(f: Frame, targets: list[Target]) -> None:
    """Read back, in order, the variables SAVE VARIABLES wrote (OK = 0 if the document holds fewer)."""
    data = read_document(f, A.text(targets[0].read(f), "LOAD VARIABLES", 1), "LOAD VARIABLES")
    if data is None:
        return
    if not data.startswith(_DOCUMENT_HEADER):
        _set_ok(f, False)
        return
    offset = len(_DOCUMENT_HEADER)
    for target in targets[1:]:
        found = _varblob.load(data, offset)
        if found is None:
            _set_ok(f, False)
            return
        value, offset = found
        target.set(value)
    _set_ok(f, True)
