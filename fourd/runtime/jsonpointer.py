"""``JSON Resolve pointers``: replace ``{"$ref": "file.json#/a/b"}`` objects by what they point to.

JSON pointers follow RFC 6901 (``~1`` is ``/``, ``~0`` is ``~``); the part before
``#`` names a JSON file, relative to the document it is found in (the object
itself is resolved relative to ``options.rootFolder``, else the current
directory: fourd has no Resources folder to default to).  ``options.merge``
keeps the other properties of a pointer object next to the resolved ones.
Pointers inside resolved values are resolved too; a pointer that leads back to
itself is reported as an error instead of building a cyclic object.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import ERRORS
from .json4d import from_plain, to_plain
from .values import Object4D

_CODE = ERRORS["json_pointer"][0]


class _Resolver:
    def __init__(self, root_folder: Path, merge: bool):
        self.root_folder = root_folder
        self.merge = merge
        self.errors: list[dict[str, Any]] = []
        self.documents: dict[Path, Any] = {}
        self.active: set[tuple[str, str]] = set()

    def fail(self, message: str, uri: str, document: str) -> None:
        self.errors.append({"code": _CODE, "message": message, "pointerURI": uri, "referredPath": document})

    def load(self, path: Path) -> Any:
        if path not in self.documents:
            self.documents[path] = json.loads(path.read_text(encoding="utf-8-sig"))
        return self.documents[path]

    def walk(self, node: Any, doc: Any, doc_path: Path | None) -> Any:
        if type(node) is list:
            return [self.walk(v, doc, doc_path) for v in node]
        if type(node) is not dict:
            return node
        ref = node.get("$ref")
        if type(ref) is not str:
            return {k: self.walk(v, doc, doc_path) for k, v in node.items()}
        resolved = self.follow(ref, doc, doc_path)
        if resolved is _FAILED:
            return {k: v for k, v in node.items()}
        if self.merge and type(resolved) is dict:
            merged = dict(resolved)
            for k, v in node.items():
                if k != "$ref":
                    merged[k] = self.walk(v, doc, doc_path)
            return merged
        return resolved

    def follow(self, ref: str, doc: Any, doc_path: Path | None) -> Any:
        file_part, _, pointer = ref.partition("#")
        target_doc, target_path = doc, doc_path
        where = str(doc_path) if doc_path else ""
        if file_part:
            if file_part.startswith(("http:", "https:")):
                self.fail("Network JSON documents are not supported", ref, file_part)
                return _FAILED
            base = doc_path.parent if doc_path else self.root_folder
            target_path = (
                (base / file_part.lstrip("/"))
                if not file_part.startswith("/")
                else self.root_folder / file_part.lstrip("/")
            )
            where = str(target_path)
            try:
                target_doc = self.load(target_path)
            except (OSError, ValueError) as exc:
                self.fail(f"Cannot read the JSON document: {exc}", ref, where)
                return _FAILED
        key = (where, pointer)
        if key in self.active:
            self.fail("Circular JSON pointer", ref, where)
            return _FAILED
        value = _at(target_doc, pointer)
        if value is _FAILED:
            self.fail(f"The JSON pointer {pointer!r} does not exist", ref, where)
            return _FAILED
        self.active.add(key)
        try:
            return self.walk(value, target_doc, target_path)
        finally:
            self.active.discard(key)


_FAILED: Any = object()


def _at(doc: Any, pointer: str) -> Any:
    node = doc
    for raw in [p for p in pointer.split("/")[1:]] if pointer else []:
        part = raw.replace("~1", "/").replace("~0", "~")
        if type(node) is dict and part in node:
            node = node[part]
        elif type(node) is list and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return _FAILED
    return node


def resolve(frame: Any, obj: Object4D, options: Object4D) -> Object4D:
    folder = options.props.get("rootFolder")
    root_folder = Path(folder) if type(folder) is str and folder else Path.cwd()
    resolver = _Resolver(root_folder, options.props.get("merge") is True)
    plain = to_plain(obj)
    result = resolver.walk(plain, plain, None)
    value = from_plain(result, dates=True)
    if type(value) is Object4D:
        obj.props.clear()
        obj.props.update(value.props)
        value = obj
    out: dict[str, Any] = {"value": value, "success": not resolver.errors}
    if resolver.errors:
        out["errors"] = from_plain(resolver.errors)
    return Object4D(out)
