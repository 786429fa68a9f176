"""4D runtime errors: one exception type and one table of error codes.

Codes marked "documented" appear in the 4D docs.  The docs give no number for
the others: fourd numbers them itself (the -106xx and -107xx ranges below) and
keeps the message close to 4D's wording.  Keep every code here: commands raise ``error(KEY, ...)``.
"""

from __future__ import annotations

from typing import Any

# key: (code, message template)
ERRORS: dict[str, tuple[int, str]] = {
    # language
    "syntax": (-1, "{detail}"),
    "unknown_method": (-10601, "The method {name} does not exist"),
    "wrong_param_count": (-10602, "{name}: {detail}"),
    "wrong_param_type": (-10603, "{name}: parameter {index} must be {expected}, got {got}"),
    "type_mismatch": (-10604, "Type mismatch: cannot assign a {got} value to a {expected} variable"),
    "operator_types": (-10605, "The operator '{op}' cannot be applied to {left} and {right}"),
    "unary_types": (-10606, "The operator '{op}' cannot be applied to {operand}"),
    "division_by_zero": (-10607, "Division by zero"),
    "not_assignable": (-10608, "This expression cannot be assigned"),
    "undefined_variable": (-10609, "The variable {name} is not defined"),
    "parameter_missing": (-10610, "Parameter {name} was not passed"),
    "not_a_boolean": (-10611, "{where} expects a Boolean, got {got}"),
    "index_out_of_range": (-10612, "Index {index} out of range (0 to {last})"),
    "char_index_out_of_range": (-10613, "Character index {index} out of range (1 to {length})"),
    "not_indexable": (-10614, "A {got} value cannot be indexed"),
    "not_an_object": (-10615, "A {got} value has no properties"),
    "null_property": (-10616, "Cannot read property '{name}' of Null"),
    "null_assign": (-10617, "Cannot set property '{name}' of {got}"),
    "not_a_function": (-10618, "'{name}' is not a function"),
    "unknown_constant_value": (-10619, "The value of the constant {name} is not known to fourd"),
    "not_a_pointer": (-10620, "A {got} value cannot be dereferenced"),
    "nil_pointer": (-10621, "Nil pointer"),
    "unsupported_headless": (-10622, "{name} is not available in headless mode"),
    "not_implemented": (-10623, "{name} is not implemented in fourd yet"),
    "elided_code": (-10690, "This example leaves code out ('...' at line {line}): it cannot run"),
    "not_a_collection": (-10624, "{name} expects a collection, got {got}"),
    "assert_failed": (-10518, "Assert failed: {message}"),  # documented
    "formula_local": (-10737, "Local variables cannot be used in a formula from a string: {name}"),  # documented
    "unknown_member": (-10729, "Unknown member method: {name}"),  # documented
    # shared objects
    "shared_not_in_use": (-10726, "A shared object or collection can only be modified inside a Use...End use block"),
    "shared_value_type": (-10721, "Not supported value type in a shared object or shared collection"),  # documented
    "shared_other_group": (-10722, "A shared object or collection cannot belong to two shared groups"),
    "use_not_shared": (-10723, "Use requires a shared object or shared collection, got {got}"),
    # JSON
    "json_parse": (-10730, "JSON Parse: {detail}"),
    "internal": (-10999, "Internal error in fourd: {detail}"),
    # containers
    "shared_group_with": (-10760, "The groupWith parameter must be a shared object or a shared collection"),
    "multisort_sizes": (-10761, "multiSort: all collections must have the same number of elements"),
    "query_syntax": (-10762, "Query string error: {detail}"),
    "query_placeholder": (-10763, "Query string error: no value for the placeholder :{name}"),
    "not_an_array": (-10764, "{name}: parameter {index} must be an array, got {got}"),
    "array_types": (-10765, "{name}: the arrays must be of the same type ({expected} expected, got {got})"),
    "array_sizes": (-10766, "{name}: the arrays must have the same number of elements"),
    "blob_offset": (-10767, "{name}: offset {offset} is outside the BLOB (size {size})"),
    "json_type": (-10768, "JSON Parse: the value cannot be converted to {expected}"),
    "json_pointer": (-10769, "JSON pointer error: {detail}"),
    "object_property": (-10770, "{name}: the property name must not be empty"),
    "json_schema": (-10771, "JSON Validate: invalid schema: {detail}"),
    "blob_read": (-111, "{name}: cannot read at offset {offset} of a BLOB of {size} bytes"),  # documented
    # processes
    "use_deadlock": (
        -10680,
        "Deadlock: Use waits for a shared object locked by a process that waits for one this process has in use",
    ),
    "unknown_process": (-10682, "{name}: there is no process number {number}"),
    "call_form_headless": (-10681, "CALL FORM: there are no form windows in headless mode"),
    # scalars
    "base_out_of_range": (-10640, "{name}: the base must be between 2 and 36, got {base}"),
    "unknown_format": (-10641, "{name}: {format} is not a {kind} format"),
    "regex_syntax": (-10642, "Match regex: invalid regular expression: {detail}"),
    "unknown_charset": (-10643, "{name}: unknown character set {charset}"),
    "document_outside": (-10644, "{name}: the path {path} is outside the folder this run may use"),
    "file_not_found": (-43, "{name}: file not found: {path}"),  # documented (test-path-name.md)
    "bad_document_ref": (-10647, "{name}: {ref} is not the reference of an open document"),
    "document_open": (-10648, "{name}: the document {path} is already open"),
    "file_io": (-36, "{name}: I/O error on {path}: {detail}"),
    # File and Folder objects (runtime/files.py)
    "fs_relative_path": (-10650, "{name}: only absolute pathnames are supported, got {path}"),
    "fs_above_root": (-10651, "{name}: the path {path} moves above the filesystem root"),
    "fs_no_destination": (-10652, "{name}: the destination folder {path} does not exist"),
    "fs_bad_name": (-10653, "{name}: invalid name {value}"),
    "fs_exists": (-10654, "{name}: an item already exists at {path}"),
    "fs_folder_missing": (-120, "{name}: the folder {path} does not exist"),  # documented (FolderClass.md)
    "fs_folder_not_empty": (-47, "{name}: the folder {path} is not empty"),  # documented (FolderClass.md)
    "blob_damaged": (-10600, "{name}: the BLOB is not compressed or is damaged"),  # documented (expand-blob.md)
    "blob_variable": (-10645, "BLOB TO VARIABLE: no variable stored at offset {offset}"),
    "variable_to_blob_type": (-10646, "{name}: a {got} cannot be stored"),
    "password_algorithm": (850, "Password-hash: Unsupported algorithm."),  # documented
    "password_consistency": (851, "Password-hash: Consistency check failure."),  # documented
    "password_cost": (
        852,
        "Password-hash: Unavailable bcrypt cost parameter, please provide a value between 4 and 31.",
    ),  # documented
    # classes and errors
    "this_before_super": (
        -10743,
        "'This' cannot be used before 'Super()' is called in the constructor of {name}",
    ),  # documented
    "not_a_class": (-10745, "{name}: the parameter is not a valid class"),  # documented
    "super_misuse": (-10746, "Super: {detail}"),  # documented
    "super_not_called": (
        -10748,
        "The class constructor of {name} must call 'Super()' to construct its superclass {parent}",
    ),  # documented
    "unknown_class": (-10740, "The class {store}.{name} does not exist"),
    "class_extends": (-10741, "Class {name} cannot extend {parent}: {detail}"),
    "class_definition": (-10742, "Class {name}: {detail}"),
    "computed_read_only": (-10744, "The computed property '{name}' is read-only"),
    "not_instantiable": (-10747, "{name}.new() is not available"),
    "error_handler_missing": (-10532, "Cannot call error handling project method '{name}'"),  # documented
    "statement_in_expression": (-10749, "'{what}' can only be used as a statement or inside Formula()"),
    "http_network": (-10790, "{name}: cannot reach {url}: {detail}"),
    # XML (commands/xml_dom.py, xml.py)
    "xml_bad_ref": (-10780, "{name}: {ref} is not a valid XML element reference"),
    "xml_parse": (-10781, "{name}: the XML is not well-formed (line {line}, column {column}): {detail}"),
    "xml_xpath": (-10782, "{name}: invalid XPath {path}: {detail}"),
    "xml_not_found": (-10783, "{name}: no XML element matches {path}"),
    "xml_unsupported": (-10784, "{name}: {detail}"),
    "thrown": (-1, "{message}"),
}


class FourDError(Exception):
    """A 4D runtime error, with the method and line where it happened once known."""

    def __init__(self, code: int, message: str, key: str = "", info: dict[str, Any] | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.key = key
        self.info = info or {}
        self.method: str | None = None
        self.path: str | None = None
        self.line: int | None = None
        self.call_chain: list[tuple[str, int]] = []
        self.signature = "4DRT"  # componentSignature in Last errors
        self.fields: dict[str, Any] | None = None  # throw(errorObj): the object's own properties
        self.companions: list[FourDError] = []  # the whole stack, this one included, when raised with others
        self.seen_by_handler = False  # an ON ERR CALL handler already had it (it re-threw with `throw`)

    def located(self) -> bool:
        return self.line is not None

    def format(self) -> str:
        where = self.path or self.method or "<code>"
        line = f":{self.line}" if self.line is not None else ""
        return f"{where}{line}: error {self.code}: {self.message}"

    def __str__(self) -> str:
        return self.format()


def error(key: str, **info: Any) -> FourDError:
    """Make the 4D error ``key`` of :data:`ERRORS`, its message filled from ``info``."""
    code, template = ERRORS[key]
    try:
        message = template.format(**info)
    except (KeyError, IndexError):
        message = template
    return FourDError(code, message, key, info)


class AbortExecution(Exception):
    """Raised to stop the current process at once (``ABORT``, ``QUIT 4D``, a step limit)."""
