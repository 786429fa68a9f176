"""The on-disk cache of parsed 4D: an unchanged unit is parsed once, then read back.

One implementation serves ``fourd run`` / project loading (which need the
syntax trees) and ``fourd check`` (which only needs to know whether each unit
parses).  An entry holds the units of one source file (one for a ``.4dm``, one
per ```4d block for Markdown); each unit is either the syntax error it raised
or its syntax tree, pickled on its own, so a check of a file that parsed reads
a few bytes of outcome and never rebuilds the tree.

An entry is reused only when the source text, the names the lexer knew
(project methods and tables change how a line splits into tokens) and fourd's
parser itself are all unchanged; anything else, or an unreadable entry, means
parsing again.  Entries are written to a temporary file then renamed, so
processes running side by side never read half an entry.

The cache is not kept inside the project: loading a pickle runs code, and a
project folder may come from someone else (a pull request in CI).
"""

from __future__ import annotations

import os
import pickle
import threading
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import FourDSyntaxError
from .options import LexOptions

if TYPE_CHECKING:
    from . import ast


def cache_root() -> Path:
    """fourd's cache folder: ``$FOURD_CACHE_DIR``, else ``$XDG_CACHE_HOME/fourd`` or ``~/.cache/fourd``."""
    configured = os.environ.get("FOURD_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "fourd"


def default_cache_folder() -> Path | None:
    """Where parsed trees are kept (:func:`cache_root`); None when ``FOURD_NO_CACHE`` is set."""
    if os.environ.get("FOURD_NO_CACHE"):
        return None
    return cache_root()


def files_cache() -> AstCache:
    """The cache of loose files (``fourd check``, ``fourd run FILE.4dm``): ``<cache>/ast/files``.

    Projects opened with ``--project`` keep theirs per project (runtime/project.py).
    """
    base = default_cache_folder()
    return AstCache(base / "ast" / "files" if base is not None else None)


_FINGERPRINT: str | None = None


def syntax_fingerprint() -> str:
    """A checksum of the grammar and of this package's code: a changed parser never reads stale trees."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        checksum, size = 0, 0
        package = Path(__file__).resolve().parent.parent
        for source in sorted([*package.joinpath("syntax").glob("*.py"), package / "grammar" / "fourd.lark"]):
            data = source.read_bytes()
            checksum, size = zlib.crc32(data, checksum), size + len(data)
        _FINGERPRINT = f"{checksum:08x}-{size}"
    return _FINGERPRINT


# One unit of an entry: (error fields, None) or (None, pickled syntax tree).
_Outcome = tuple[tuple | None, bytes | None]


class AstCache:
    """Parse 4D source, keeping the outcome on disk between runs (``folder`` None: no cache).

    ``parsed`` counts the units actually parsed, ``hits`` those read back.
    """

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.parsed = 0
        self.hits = 0
        self._options_keys: dict[int, tuple[LexOptions, str]] = {}

    def parse(self, source: str, path: str, options: LexOptions) -> ast.Module:
        """The syntax tree of ``source``; raises its :class:`FourDSyntaxError` (cached ones too)."""
        outcome = self._outcomes([source], path, options, keep_trees=True)[0]
        if isinstance(outcome, FourDSyntaxError):
            raise outcome
        return outcome

    def check(self, sources: Sequence[str], path: str, options: LexOptions) -> list[FourDSyntaxError | None]:
        """For each unit of one file, its syntax error or None; trees are cached but never decoded."""
        outcomes = self._outcomes(sources, path, options, keep_trees=False)
        return [o if isinstance(o, FourDSyntaxError) else None for o in outcomes]

    # -- internals ------------------------------------------------------------------------
    def _outcomes(
        self, sources: Sequence[str], path: str, options: LexOptions, keep_trees: bool
    ) -> list[ast.Module | FourDSyntaxError | None]:
        if self.folder is None:
            self.parsed += len(sources)
            return [_parse_unit(source, path, options) for source in sources]
        names_key = self._names_key(options)
        file = self.folder / (_file_name(path, names_key) + ".pickle")
        # The whole key is stored and compared, source text included: no digest can mistake one unit for another.
        key = (syntax_fingerprint(), names_key, path, *sources)
        stored = _load(file, key, len(sources))
        if stored is not None:
            try:
                results = [_decode(outcome, keep_trees) for outcome in stored]
            except Exception:  # a tree that no longer unpickles: parse again
                results = None
            if results is not None:
                self.hits += len(sources)
                return results
        self.parsed += len(sources)
        results = [_parse_unit(source, path, options) for source in sources]
        self._store(file, key, [_encode(r) for r in results])
        return results

    def _names_key(self, options: LexOptions) -> str:
        cached = self._options_keys.get(id(options))
        if cached is None or cached[0] is not options:
            names = repr((sorted(options.extra_names.items()), sorted(options.tables), options.elisions))
            cached = (options, names)
            self._options_keys[id(options)] = cached
        return cached[1]

    def _store(self, file: Path, key: tuple[str, ...], outcomes: list[_Outcome]) -> None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            temp = file.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")  # writers never share a temp file
            with temp.open("wb") as handle:
                pickle.dump((key, outcomes), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, file)
        except (OSError, pickle.PicklingError, RecursionError):
            pass  # the cache only saves time; a read-only disk must not stop the program


def _file_name(path: str, names_key: str) -> str:
    """The entry's file name: two checksums of the path and the names (a clash only costs a parse)."""
    data = f"{path}\0{names_key}".encode("utf-8", "surrogatepass")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def parse(source: str, path: str, options: LexOptions) -> ast.Module:
    """The parser, imported on first use: a check whose units are all cached never loads it."""
    from .parser import parse as real_parse

    return real_parse(source, path, options)


def _parse_unit(source: str, path: str, options: LexOptions) -> ast.Module | FourDSyntaxError:
    try:
        return parse(source, path, options)
    except FourDSyntaxError as exc:
        return exc


def _encode(result: ast.Module | FourDSyntaxError) -> _Outcome:
    if isinstance(result, FourDSyntaxError):
        return (result.message, result.line, result.column, result.path, result.source_line), None
    return None, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def _decode(outcome: _Outcome, keep_trees: bool) -> ast.Module | FourDSyntaxError | None:
    error, tree = outcome
    if error is not None:
        return FourDSyntaxError(*error)
    if not keep_trees:
        return None
    from . import ast

    module = pickle.loads(tree)
    if not isinstance(module, ast.Module):
        raise TypeError("not a syntax tree")
    return module


def _load(file: Path, key: tuple[str, ...], count: int) -> list[_Outcome] | None:
    try:
        with file.open("rb") as handle:
            stored_key, outcomes = pickle.load(handle)
    except Exception:  # missing, truncated or from another fourd: parse again
        return None
    if stored_key != key or not isinstance(outcomes, list) or len(outcomes) != count:
        return None
    return outcomes
