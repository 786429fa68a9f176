"""4D project folders: find, index and open them in a :class:`Runtime`.

A 4D project (Project/architecture.md) is a package folder holding
``Project/<name>.4DProject`` and ``Project/Sources/…``: one ``.4dm`` file per
project method, class, database method, form method, object method and
trigger, plus ``catalog.4DCatalog`` (tables and fields, XML) and
``folders.json`` (the Explorer's folders).  ``Resources/`` sits next to
``Project/``.

Opening a project only *indexes* files.  A method or class is read and parsed
the first time it runs; parsed syntax trees are kept in an on-disk cache so a
second start does not parse again (see :mod:`fourd.syntax.cache`).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from ..syntax.cache import AstCache, default_cache_folder
from .errors import AbortExecution

PROJECT_SUFFIX = ".4dproject"  # compared lower-case: 4D writes ".4DProject"

# Database methods, by their file name in Sources/DatabaseMethods (METHOD Get path lists them so).
ON_STARTUP = "onStartup"
ON_EXIT = "onExit"


class ProjectError(Exception):
    """A project that cannot be opened.  The message names the file at fault."""

    def __init__(self, path: Path | str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message

    def format(self) -> str:
        return f"{self.path}: error: {self.message}"


class QuitRequested(AbortExecution):
    """``QUIT 4D`` was called: the current process stops, then the application quits."""


@dataclass
class Table:
    name: str
    number: int
    fields: list[str] = field(default_factory=list)


@dataclass
class Unit:
    """One ``.4dm`` file of the project and how 4D names it (``Current method name``)."""

    kind: str  # "method", "class", "database method", "form method", "object method", "trigger"
    name: str
    path: Path


@dataclass
class Project:
    name: str
    file: Path  # Project/<name>.4DProject
    settings: dict[str, Any]  # the .4DProject file's JSON
    methods: dict[str, Path] = field(default_factory=dict)  # method name -> file
    classes: dict[str, Path] = field(default_factory=dict)
    database_methods: dict[str, Path] = field(default_factory=dict)  # lower-case file stem -> file
    forms: list[Unit] = field(default_factory=list)  # form and object methods
    triggers: list[Unit] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    folders: dict[str, Any] = field(default_factory=dict)  # folders.json
    opened_at: float = field(default_factory=time.monotonic)
    cache: AstCache | None = None  # set by open_project
    _log_sequence: int = field(default=0, repr=False)
    _attributes: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def folder(self) -> Path:
        """The ``Project`` folder."""
        return self.file.parent

    @property
    def root(self) -> Path:
        """The package (project root) folder, parent of ``Project``."""
        return self.folder.parent

    @property
    def sources(self) -> Path:
        return self.folder / "Sources"

    @property
    def resources(self) -> Path:
        return self.root / "Resources"

    def filesystems(self) -> dict[str, Path]:
        """The 4D filesystem prefixes (Concepts/paths.md) that depend on the project."""
        return {
            "/PACKAGE": self.root,
            "/PROJECT": self.folder,
            "/SOURCES": self.sources,
            "/RESOURCES": self.resources,
            "/DATA": self.root / "Data",
            "/LOGS": self.root / "Data" / "Logs",
        }

    def method_attributes(self, name: str) -> dict[str, Any]:
        """The ``//%attributes`` of a project method (``invisible``, ``shared``, ``preemptive``…).

        Only the first line is read, so asking does not parse the method.
        """
        key = name.lower()
        if key not in self._attributes:
            path = self._method_path(name)
            if path is None:
                return {}
            with path.open(encoding="utf-8-sig") as handle:
                from ..syntax.parser import parse_attributes  # Lark loads only when something is parsed

                self._attributes[key] = parse_attributes(handle.readline())
        return self._attributes[key]

    def method_folder(self, name: str) -> str | None:
        """The Explorer folder (folders.json) holding a method, or None when it sits at the top."""
        for folder, content in self.folders.items():
            if isinstance(content, dict) and any(m.lower() == name.lower() for m in content.get("methods", [])):
                return folder
        return None

    def diagnostic_log(self, message: str, importance: int = 0) -> Path:
        """Append a ``LOG EVENT(Into 4D diagnostic log; …)`` line to the tool4d diagnostic log.

        Headless 4D starts the diagnostic log by itself and tool4d prefixes its
        file "4DDiagnosticLogTool" (Admin/cli.md); it lives in the Logs folder.
        A line holds the documented fields sequenceNumber, timestamp,
        messageLevel and message, separated by tabs.
        """
        logs = self.filesystems()["/LOGS"]
        logs.mkdir(parents=True, exist_ok=True)
        path = logs / "4DDiagnosticLogTool_1.txt"
        self._log_sequence += 1
        level = {1: "WARN", 2: "ERROR"}.get(importance, "INFO")
        stamp = datetime.now().isoformat(timespec="milliseconds")
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"{self._log_sequence}\t{stamp}\t{level}\t{message}\n")
        return path

    def table(self, number: int) -> Table | None:
        return next((t for t in self.tables if t.number == number), None)

    def units(self) -> list[Unit]:
        """Every code file of the project, with the name ``Current method name`` gives it."""
        units = [Unit("method", n, p) for n, p in self.methods.items()]
        units += [Unit("class", n, p) for n, p in self.classes.items()]
        units += [Unit("database method", p.stem, p) for p in self.database_methods.values()]
        return units + self.forms + self.triggers

    def _method_path(self, name: str) -> Path | None:
        key = name.lower()
        return next((p for n, p in self.methods.items() if n.lower() == key), None)


# -- finding and indexing -----------------------------------------------------------------


def find_project_file(path: Path | str) -> Path:
    """The ``.4DProject`` file for a path naming it, its ``Project`` folder or the package folder."""
    path = Path(path)
    if path.is_file():
        if path.suffix.lower() != PROJECT_SUFFIX:
            raise ProjectError(path, "not a .4DProject file")
        return path
    if not path.is_dir():
        raise ProjectError(path, "no such project file or folder")
    for folder in (path, path / "Project"):
        found = sorted(p for p in folder.glob("*") if p.suffix.lower() == PROJECT_SUFFIX and p.is_file())
        if len(found) > 1:
            raise ProjectError(folder, "more than one .4DProject file: " + ", ".join(p.name for p in found))
        if found:
            return found[0]
    raise ProjectError(path, "no .4DProject file in this folder or in its Project folder")


def load_project(path: Path | str) -> Project:
    """Read a project's description and index its code files (nothing is parsed)."""
    file = find_project_file(path)
    project = Project(name=file.stem, file=file, settings=_read_json(file, required=True))
    sources = project.sources
    project.methods = _index_folder(sources / "Methods")
    project.classes = _index_folder(sources / "Classes")
    project.database_methods = {n.lower(): p for n, p in _index_folder(sources / "DatabaseMethods").items()}
    project.tables = read_catalog(sources / "catalog.4DCatalog")
    folders = _read_json(sources / "folders.json", required=False)
    project.folders = folders if isinstance(folders, dict) else {}
    project.forms = _index_forms(sources, project)
    project.triggers = _index_triggers(sources / "Triggers", project)
    return project


def _read_json(path: Path, required: bool) -> Any:
    if not path.is_file():
        if required:
            raise ProjectError(path, "file not found")
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError(path, f"cannot read: {exc}") from None
    if not text.strip():
        return {}  # 4D accepts an empty .4DProject file
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProjectError(f"{path}:{exc.lineno}:{exc.colno}", f"invalid JSON: {exc.msg}") from None


def _index_folder(folder: Path) -> dict[str, Path]:
    """``name -> path`` for the ``.4dm`` files of a folder; the file name (spaces and all) is the name."""
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.iterdir()) if p.suffix.lower() == ".4dm" and p.is_file()}


def _index_forms(sources: Path, project: Project) -> list[Unit]:
    units: list[Unit] = []
    forms = sources / "Forms"
    if forms.is_dir():
        for form in sorted(p for p in forms.iterdir() if p.is_dir()):
            units += _form_units(form, form.name)
    table_forms = sources / "TableForms"
    if table_forms.is_dir():
        for number_dir in sorted(p for p in table_forms.iterdir() if p.is_dir()):
            table = project.table(int(number_dir.name)) if number_dir.name.isdigit() else None
            prefix = f"[{table.name if table else number_dir.name}]"
            # Both TableForms/<n>/<form>/ and TableForms/<n>/Input|Output/<form>/ occur.
            for method in sorted(number_dir.rglob("method.4dm")):
                units += _form_units(method.parent, f"{prefix}.{method.parent.name}")
    return units


def _form_units(form_dir: Path, display: str) -> list[Unit]:
    units = []
    method = form_dir / "method.4dm"
    if method.is_file():
        units.append(Unit("form method", display, method))
    for obj in sorted((form_dir / "ObjectMethods").glob("*.4dm")):
        units.append(Unit("object method", f"{display}.{obj.stem}", obj))
    return units


_TRIGGER_RE = re.compile(r"(?i)table_(\d+)\.4dm$")


def _index_triggers(folder: Path, project: Project) -> list[Unit]:
    units = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.4dm")):
            m = _TRIGGER_RE.match(path.name)
            if m:
                table = project.table(int(m.group(1)))
                units.append(Unit("trigger", f"Trigger on [{table.name if table else m.group(1)}]", path))
    return units


def read_catalog(path: Path) -> list[Table]:
    """Tables and fields of ``catalog.4DCatalog``: ``<base><table name= id=><field name= id=/>…``."""
    if not path.is_file():
        return []
    import xml.etree.ElementTree as ET  # only projects with a catalog need it (start-up of `fourd run`)

    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        line, column = exc.position
        raise ProjectError(f"{path}:{line}:{column + 1}", f"invalid XML: {exc}") from None
    tables = []
    for number, element in enumerate(root.iter("table"), start=1):
        name = element.get("name")
        if not name:
            raise ProjectError(path, f"table #{number} has no name")
        table_id = element.get("id", "")
        fields = [f.get("name", "") for f in element.iter("field") if f.get("name")]
        tables.append(Table(name, int(table_id) if table_id.isdigit() else number, fields))
    return tables


# -- the parse cache (fourd/syntax/cache.py) --------------------------------------------------


def project_cache(project: Project, base: Path | None) -> AstCache:
    """The cache for one project: a folder per project file under ``base``."""
    if base is None:
        return AstCache(None)
    tag = hashlib.sha256(str(project.file.resolve()).encode()).hexdigest()[:16]
    return AstCache(base / "ast" / f"{project.name}-{tag}")


# -- opening in a runtime -------------------------------------------------------------------

_USE_DEFAULT_CACHE: Any = object()


def open_project(runtime: Any, path: Path | str, cache_folder: Any = _USE_DEFAULT_CACHE) -> Project:
    """Load the project at ``path`` into ``runtime``: its methods, classes, tables and filesystems.

    ``cache_folder`` is where parsed trees go (None: no cache; default:
    :func:`default_cache_folder`).
    """
    project = load_project(path)
    base = default_cache_folder() if cache_folder is _USE_DEFAULT_CACHE else cache_folder
    cache = project_cache(project, base)
    library = runtime.methods
    library.parser = cache.parse
    library.set_tables([t.name for t in project.tables])
    for method_path in project.methods.values():
        library.add_file(method_path)
    classes = getattr(runtime, "classes", None)
    if classes is not None and hasattr(classes, "add_folder") and (project.sources / "Classes").is_dir():
        classes.add_folder(project.sources / "Classes")
    runtime.project = project
    runtime.filesystems.update(project.filesystems())
    project.cache = cache
    return project


def compile_unit(runtime: Any, unit: Unit) -> Any:
    """Compile a database, form or object method or a trigger (project methods go through the library)."""
    text = unit.path.read_text(encoding="utf-8-sig")
    library = runtime.methods
    module = library.parser(text, str(unit.path), library.lex_options())
    return runtime.compile_module(module, unit.name, str(unit.path))


def database_method(project: Project, name: str) -> Unit | None:
    path = project.database_methods.get(name.lower())
    return Unit("database method", path.stem, path) if path is not None else None


__all__ = [
    "Project",
    "ProjectError",
    "QuitRequested",
    "Table",
    "Unit",
    "AstCache",
    "find_project_file",
    "load_project",
    "open_project",
    "compile_unit",
    "database_method",
    "read_catalog",
    "default_cache_folder",
    "ON_STARTUP",
    "ON_EXIT",
]
