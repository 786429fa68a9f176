"""The on-disk cache of parsed syntax trees (projects and ``fourd run FILE``).

A cache hit needs neither Lark nor the parser: start-up of a program whose
methods were parsed before only unpickles their trees.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import threading
from pathlib import Path

from ..syntax import ast
from ..syntax.options import LexOptions


def parse(source: str, path: str, options: LexOptions) -> ast.Module:
    from ..syntax.parser import parse as parse_source  # imported on a cache miss only (it loads Lark)

    return parse_source(source, path, options)


def default_cache_folder() -> Path | None:
    """Where parsed trees are kept: ``$FOURD_CACHE_DIR``, else the user's cache folder.

    Not inside the project: loading a pickle runs code, and a project folder
    may come from someone else (a pull request in CI).  ``FOURD_NO_CACHE=1``
    turns caching off.
    """
    if os.environ.get("FOURD_NO_CACHE"):
        return None
    configured = os.environ.get("FOURD_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fourd"


_SYNTAX_FINGERPRINT: str | None = None


def _syntax_fingerprint() -> str:
    """A hash of the grammar and the syntax package: a changed parser never reads stale trees."""
    global _SYNTAX_FINGERPRINT
    if _SYNTAX_FINGERPRINT is None:
        digest = hashlib.sha256()
        package = Path(__file__).resolve().parent.parent
        for source in sorted([*package.joinpath("syntax").glob("*.py"), package / "grammar" / "fourd.lark"]):
            digest.update(source.read_bytes())
        _SYNTAX_FINGERPRINT = digest.hexdigest()
    return _SYNTAX_FINGERPRINT


class AstCache:
    """Parse 4D source, keeping the syntax trees on disk between runs.

    A tree is reused when the source text, the names the lexer knew (methods
    and tables change how a line splits into tokens) and fourd's parser are
    all unchanged.  ``parsed`` and ``hits`` count what happened.
    """

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.parsed = 0
        self.hits = 0
        self._options_keys: dict[int, tuple[LexOptions, str]] = {}

    def parse(self, source: str, path: str, options: LexOptions) -> ast.Module:
        if self.folder is None:
            self.parsed += 1
            return parse(source, path, options)
        key = self._key(source, path, options)
        file = self.folder / (hashlib.sha256(path.encode()).hexdigest()[:32] + ".pickle")
        module = self._load(file, key)
        if module is not None:
            self.hits += 1
            return module
        self.parsed += 1
        module = parse(source, path, options)
        self._store(file, key, module)
        return module

    def _key(self, source: str, path: str, options: LexOptions) -> str:
        cached = self._options_keys.get(id(options))
        if cached is None or cached[0] is not options:
            names = json.dumps([sorted(options.extra_names.items()), sorted(options.tables)])
            cached = (options, hashlib.sha256(names.encode()).hexdigest())
            self._options_keys[id(options)] = cached
        text = "\0".join((_syntax_fingerprint(), cached[1], path, source))
        return hashlib.sha256(text.encode()).hexdigest()

    @staticmethod
    def _load(file: Path, key: str) -> ast.Module | None:
        try:
            with file.open("rb") as handle:
                stored_key, module = pickle.load(handle)
        except Exception:  # missing, truncated or from another fourd: parse again
            return None
        return module if stored_key == key and isinstance(module, ast.Module) else None

    def _store(self, file: Path, key: str, module: ast.Module) -> None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            temp = file.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")  # writers never share a temp file
            with temp.open("wb") as handle:
                pickle.dump((key, module), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, file)
        except (OSError, pickle.PicklingError, RecursionError):
            pass  # the cache only saves time; a read-only disk must not stop the program
