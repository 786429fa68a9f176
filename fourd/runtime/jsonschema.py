"""``JSON Validate``: JSON Schema (draft 4) validation with 4D's error codes and messages.

Supported keywords: type, enum, multipleOf, maximum/minimum (with the draft-4
boolean exclusiveMaximum/exclusiveMinimum), maxLength, minLength, pattern,
items, additionalItems, maxItems, minItems, uniqueItems, maxProperties,
minProperties, required, properties, patternProperties, additionalProperties,
dependencies, allOf, anyOf, oneOf, not, format (date-time, date, email, ipv4,
ipv6, uri, hostname) and local ``$ref`` (``#/definitions/…``).

fourd's choices (the docs do not show them): ``jsonPath`` and ``schemaPaths``
are JSON-pointer fragments (``#/address/zip``, ``#/properties/address/…``);
``anyOf`` and ``allOf`` failures report code 22 / the sub-errors.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from .errors import error
from .json4d import from_plain, to_plain

MESSAGES = {
    2: "Error while validating against 'multipleOf' key.",
    3: 'The value provided should not be greater than specified in the schema ("{s1}").',
    4: 'The value provided should be less than specified in the schema ("{s1}").',
    5: 'The value provided should not be less than specified in the schema ("{s1}").',
    6: 'The value provided should be greater than specified in the schema ("{s1}").',
    7: "The string is longer than specified in the schema.",
    8: "The string is shorter than specified in the schema.",
    9: 'The string "{s1}" does not match the pattern in the schema:{s2}.',
    10: "Error while validating an array. JSON contains more elements than specified in the schema.",
    11: "The array contains more items than specified in the schema.",
    12: "The array contains less items than specified in the schema.",
    13: 'Error while validating an array. Elements are not unique. Another instance of "{s1}" is already in the array.',
    14: "The number of properties is greater than specified in the schema.",
    15: "The number of properties is less than specified in the schema.",
    16: 'The required property "{s1}" is missing.',
    17: "No additional properties allowed by the schema. The property(ies) {s1} should be removed.",
    18: 'The property "{s1}" requires the property "{s2}".',
    19: "Error while validating against 'enum' key. \"{s1}\" does not match any enum element in the schema.",
    20: "Incorrect type. Expected type is: {s1}",
    21: "The JSON matches more than one value.",
    22: "The JSON does not match any value.",
    23: "The JSON is valid against the value of 'not'.",
    24: 'The string does not match ("{s1}")',
}

_TYPES = {"null", "boolean", "object", "array", "number", "integer", "string"}

_FORMATS = {
    "date-time": re.compile(r"\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\Z"),
    "date": re.compile(r"\d{4}-\d{2}-\d{2}\Z"),
    "email": re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z"),
    "uri": re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+\Z"),
    "hostname": re.compile(
        r"(?=.{1,253}\Z)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\Z"
    ),
}


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if type(value) is bool:
        return "boolean"
    if type(value) in (int, float):
        return "number"
    if type(value) is str:
        return "string"
    if type(value) is list:
        return "array"
    return "object"


def _is_type(value: Any, name: str) -> bool:
    actual = _type_of(value)
    if name == "integer":
        return actual == "number" and float(value).is_integer()
    return actual == name


def _same(a: Any, b: Any) -> bool:
    if type(a) in (int, float) and type(b) in (int, float) and type(a) is not bool and type(b) is not bool:
        return a == b
    return type(a) is type(b) and a == b


def _text(value: Any) -> str:
    from .convert import number_to_text

    if type(value) in (int, float) and type(value) is not bool:
        return number_to_text(value)
    return str(value)


class _Validator:
    def __init__(self, root: dict):
        self.root = root
        self.errors: list[dict[str, Any]] = []

    def fail(self, code: int, path: str, schema_path: str, **parts: Any) -> None:
        self.errors.append(
            {
                "code": code,
                "jsonPath": "#" + path,
                "message": MESSAGES[code].format(**parts),
                "schemaPaths": "#" + schema_path,
            }
        )

    def resolve(self, ref: str) -> dict:
        if not ref.startswith("#"):
            raise error("json_schema", detail=f"only local $ref are supported: {ref}")
        node: Any = self.root
        for part in [p for p in ref[1:].split("/") if p]:
            part = part.replace("~1", "/").replace("~0", "~")
            if type(node) is dict and part in node:
                node = node[part]
            elif type(node) is list and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise error("json_schema", detail=f"cannot resolve $ref {ref}")
        return node

    def check(self, value: Any, schema: Any, path: str, spath: str) -> None:
        if type(schema) is not dict:
            raise error("json_schema", detail=f"a schema must be an object at {spath or '#'}")
        if "$ref" in schema:
            self.check(value, self.resolve(schema["$ref"]), path, spath + "/$ref")
            return
        if "type" in schema and not self.check_type(value, schema["type"], path, spath):
            return
        if "enum" in schema and not any(_same(value, e) for e in schema["enum"]):
            self.fail(19, path, spath + "/enum", s1=_text(value))
        kind = _type_of(value)
        if kind == "number":
            self.check_number(value, schema, path, spath)
        elif kind == "string":
            self.check_string(value, schema, path, spath)
        elif kind == "array":
            self.check_array(value, schema, path, spath)
        elif kind == "object":
            self.check_object(value, schema, path, spath)
        self.check_combinations(value, schema, path, spath)

    def check_type(self, value: Any, wanted: Any, path: str, spath: str) -> bool:
        names = wanted if type(wanted) is list else [wanted]
        for n in names:
            if n not in _TYPES:
                raise error("json_schema", detail=f"unknown type {n!r} at {spath or '#'}/type")
        if any(_is_type(value, n) for n in names):
            return True
        self.fail(20, path, spath + "/type", s1=", ".join(names))
        return False

    def check_number(self, value: float, schema: dict, path: str, spath: str) -> None:
        m = schema.get("multipleOf")
        if m and abs(value / m - round(value / m)) > 1e-9:
            self.fail(2, path, spath + "/multipleOf")
        if "maximum" in schema:
            top = schema["maximum"]
            if schema.get("exclusiveMaximum") is True and value >= top:
                self.fail(4, path, spath + "/exclusiveMaximum", s1=_text(top))
            elif value > top:
                self.fail(3, path, spath + "/maximum", s1=_text(top))
        if "minimum" in schema:
            low = schema["minimum"]
            if schema.get("exclusiveMinimum") is True and value <= low:
                self.fail(6, path, spath + "/exclusiveMinimum", s1=_text(low))
            elif value < low:
                self.fail(5, path, spath + "/minimum", s1=_text(low))

    def check_string(self, value: str, schema: dict, path: str, spath: str) -> None:
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            self.fail(7, path, spath + "/maxLength")
        if "minLength" in schema and len(value) < schema["minLength"]:
            self.fail(8, path, spath + "/minLength")
        if "pattern" in schema and re.search(schema["pattern"], value) is None:
            self.fail(9, path, spath + "/pattern", s1=value, s2=schema["pattern"])
        fmt = schema.get("format")
        if fmt is not None and not _format_ok(value, fmt):
            self.fail(24, path, spath + "/format", s1=fmt)

    def check_array(self, value: list, schema: dict, path: str, spath: str) -> None:
        items = schema.get("items")
        if type(items) is dict:
            for i, v in enumerate(value):
                self.check(v, items, f"{path}/{i}", spath + "/items")
        elif type(items) is list:
            for i, v in enumerate(value[: len(items)]):
                self.check(v, items[i], f"{path}/{i}", f"{spath}/items/{i}")
            extra = schema.get("additionalItems", True)
            if extra is False and len(value) > len(items):
                self.fail(10, path, spath + "/additionalItems")
            elif type(extra) is dict:
                for i, v in enumerate(value[len(items) :], start=len(items)):
                    self.check(v, extra, f"{path}/{i}", spath + "/additionalItems")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            self.fail(11, path, spath + "/maxItems")
        if "minItems" in schema and len(value) < schema["minItems"]:
            self.fail(12, path, spath + "/minItems")
        if schema.get("uniqueItems") is True:
            for i, v in enumerate(value):
                if any(_same(v, w) for w in value[:i]):
                    self.fail(13, path, spath + "/uniqueItems", s1=_text(v))
                    break

    def check_object(self, value: dict, schema: dict, path: str, spath: str) -> None:
        if "maxProperties" in schema and len(value) > schema["maxProperties"]:
            self.fail(14, path, spath + "/maxProperties")
        if "minProperties" in schema and len(value) < schema["minProperties"]:
            self.fail(15, path, spath + "/minProperties")
        for name in schema.get("required", []):
            if name not in value:
                self.fail(16, path, spath + "/required", s1=name)
        props = schema.get("properties", {})
        patterns = schema.get("patternProperties", {})
        extra = schema.get("additionalProperties", True)
        unexpected = []
        for key, v in value.items():
            matched = False
            if key in props:
                matched = True
                self.check(v, props[key], f"{path}/{key}", f"{spath}/properties/{key}")
            for pattern, sub in patterns.items():
                if re.search(pattern, key):
                    matched = True
                    self.check(v, sub, f"{path}/{key}", f"{spath}/patternProperties/{pattern}")
            if not matched:
                if extra is False:
                    unexpected.append(key)
                elif type(extra) is dict:
                    self.check(v, extra, f"{path}/{key}", spath + "/additionalProperties")
        if unexpected:
            self.fail(17, path, spath + "/additionalProperties", s1=", ".join(unexpected))
        for key, dep in schema.get("dependencies", {}).items():
            if key not in value:
                continue
            if type(dep) is list:
                for needed in dep:
                    if needed not in value:
                        self.fail(18, path, f"{spath}/dependencies/{key}", s1=key, s2=needed)
            else:
                self.check(value, dep, path, f"{spath}/dependencies/{key}")

    def passes(self, value: Any, schema: Any, path: str, spath: str) -> bool:
        probe = _Validator(self.root)
        probe.check(value, schema, path, spath)
        return not probe.errors

    def check_combinations(self, value: Any, schema: dict, path: str, spath: str) -> None:
        for i, sub in enumerate(schema.get("allOf", [])):
            self.check(value, sub, path, f"{spath}/allOf/{i}")
        if "anyOf" in schema:
            if not any(self.passes(value, s, path, f"{spath}/anyOf/{i}") for i, s in enumerate(schema["anyOf"])):
                self.fail(22, path, spath + "/anyOf")
        if "oneOf" in schema:
            count = sum(1 for i, s in enumerate(schema["oneOf"]) if self.passes(value, s, path, f"{spath}/oneOf/{i}"))
            if count == 0:
                self.fail(22, path, spath + "/oneOf")
            elif count > 1:
                self.fail(21, path, spath + "/oneOf")
        if "not" in schema and self.passes(value, schema["not"], path, spath + "/not"):
            self.fail(23, path, spath + "/not")


def _format_ok(value: str, fmt: str) -> bool:
    if fmt in ("ipv4", "ipv6"):
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            return False
        return address.version == (4 if fmt == "ipv4" else 6)
    pattern = _FORMATS.get(fmt)
    return pattern is None or pattern.match(value) is not None


def validate(value: Any, schema: Any) -> Any:
    """The result object of ``JSON Validate``: {success; errors} (errors only when it fails)."""
    root = to_plain(schema)
    data = to_plain(value)
    symbols = data.pop("__symbols", None) if type(data) is dict else None
    validator = _Validator(root)
    validator.check(data, root, "", "")
    result: dict[str, Any] = {"success": not validator.errors}
    if validator.errors:
        if type(symbols) is dict:
            for e in validator.errors:
                where = symbols.get(_dotted(e["jsonPath"]))
                if type(where) is dict:
                    e["line"], e["offset"] = where.get("line"), where.get("offset")
        result["errors"] = validator.errors
    return from_plain(result)


def _dotted(path: str) -> str:
    """``#/beta/0/echo`` → ``beta[0].echo``, the keys of JSON Parse's ``__symbols``."""
    out = ""
    for part in path.split("/")[1:]:
        out += f"[{part}]" if part.isdigit() and out else ("." + part if out else part)
    return out
