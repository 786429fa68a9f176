"""What the application is and how it was launched: Application type/info, Get database parameter, QUIT 4D.

fourd behaves as tool4d (Admin/cli.md): a headless application without
servers that opens a project, runs its startup sequence and quits.  So
``Application type`` is always ``tool4d`` (6) and ``Application info`` always
reports ``headless: true`` -- with or without the ``--headless`` flag, which
tool4d also treats as redundant.
"""

from __future__ import annotations

import os
import time
from typing import Any

from ..runtime.compiler import Compiler
from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.project import QuitRequested
from ..runtime.values import Object4D
from ..syntax import ast
from . import args as A
from .registry import command, headless_only_error

TOOL4D = 6  # Application type, documented value of the `tool4d` constant

# Get database parameter selectors fourd can answer (numbers from the command's page).
USER_PARAM_VALUE = 108
IS_CURRENT_DATABASE_A_PROJECT = 112
IS_HOST_DATABASE_A_PROJECT = 113
DATES_INSIDE_OBJECTS = 85  # scope: current process; 0 string without zone, 1 string with zone, 2 date type
TIMES_INSIDE_OBJECTS = 109  # scope: all processes; 0 seconds, 1 milliseconds
DATE_TYPE = 2

# The selectors SET DATABASE PARAMETER accepts, their defaults and whether a process keeps its own value.
NUMBER_OF_FORMULAS_IN_CACHE = 92  # kept and returned; only compiled databases use it (documented)
_SETTABLE = {
    DATES_INSIDE_OBJECTS: (DATE_TYPE, True),
    TIMES_INSIDE_OBJECTS: (0, False),
    NUMBER_OF_FORMULAS_IN_CACHE: (0, False),
}


# Selectors about things a headless interpreter does not have (numbers: set-database-parameter.md).
_HEADLESS_SELECTORS: dict[int, str] = {
    **dict.fromkeys((28, 30, 34, 45, 79, 80, 86, 90, 110, 111, 116, 119, 121, 131), "needs 4D's log files"),
    **dict.fromkeys((69, 74), "needs Windows (Direct2D)"),
    **dict.fromkeys((13, 14, 22, 24, 25, 35, 40, 46, 47, 53, 98), "needs 4D Server"),
    **dict.fromkeys((15, 18, 27, 39, 50, 51, 54), "needs the web server"),
    **dict.fromkeys((31, 43, 44, 66, 88, 95), "needs a database"),
    **dict.fromkeys((101, 102, 103), "needs the user interface"),
}


def _unsupported_selector(command_name: str, selector: int) -> Exception:
    reason = _HEADLESS_SELECTORS.get(selector)
    if reason is not None:
        return error("unsupported_headless", name=f"{command_name} (selector {selector}: {reason})")
    return error("not_implemented", name=f"{command_name} (selector {selector})")


def database_parameter(f: Frame, selector: int) -> Any:
    """The current value of a settable database parameter (process scope first, then the runtime's)."""
    default, per_process = _SETTABLE[selector]
    if per_process:
        return f.process.database_parameters.get(selector, default)
    return f.process.runtime.database_parameters.get(selector, default)


_STARTED = time.monotonic()  # when no project is open, the application "opened" when fourd started


@command("Application type")
def application_type(f: Frame) -> int:
    return TOOL4D


@command("Application info")
def application_info(f: Frame) -> Object4D:
    """The standalone subset of the properties; throughput and CPU use are not measured (0)."""
    project = f.process.runtime.project
    opened = project.opened_at if project is not None else _STARTED
    return Object4D(
        {
            "headless": True,
            "launchedAsService": False,
            "pid": float(os.getpid()),
            "uptime": float(int(time.monotonic() - opened)),
            "cpuUsage": 0.0,
            "networkInputThroughput": 0.0,
            "networkOutputThroughput": 0.0,
        }
    )


@command("Get database parameter", hook=True)
def get_database_parameter(compiler: Compiler, arg_nodes: list[ast.Node]) -> Any:
    """``Get database parameter({aTable;} selector{; stringValue})``: Text values fill ``stringValue``."""
    nodes = list(arg_nodes)
    if nodes and isinstance(nodes[0], ast.TableRef):
        nodes = nodes[1:]  # the table only matters for selectors about a table's data
    if not 1 <= len(nodes) <= 2:
        raise error(
            "wrong_param_count",
            name="Get database parameter",
            detail="expects a selector and an optional text variable",
        )
    selector_of = compiler.expr(nodes[0])
    store_text = compiler.store(nodes[1]) if len(nodes) == 2 else None

    def run(f: Frame) -> float:
        selector = A.integer(selector_of(f), "Get database parameter", 1)
        runtime = f.process.runtime
        if selector == USER_PARAM_VALUE:
            if store_text is not None:
                store_text(f, runtime.user_param)
            return 0.0
        if selector in (IS_CURRENT_DATABASE_A_PROJECT, IS_HOST_DATABASE_A_PROJECT):
            return 1.0  # fourd only opens project databases
        if selector in _SETTABLE:
            return float(database_parameter(f, selector))
        raise _unsupported_selector("Get database parameter", selector)

    return run


@command("SET DATABASE PARAMETER", hook=True)
def set_database_parameter(compiler: Compiler, arg_nodes: list[ast.Node]) -> Any:
    """``SET DATABASE PARAMETER({aTable;} selector; value)`` for the selectors fourd honours."""
    nodes = [n for n in arg_nodes if not isinstance(n, ast.TableRef)]
    if len(nodes) != 2:
        raise error("wrong_param_count", name="SET DATABASE PARAMETER", detail="expects a selector and a value")
    selector_of, value_of = compiler.expr(nodes[0]), compiler.expr(nodes[1])

    def run(f: Frame) -> None:
        selector = A.integer(selector_of(f), "SET DATABASE PARAMETER", 1)
        if selector not in _SETTABLE:
            raise _unsupported_selector("SET DATABASE PARAMETER", selector)
        value = A.integer(value_of(f), "SET DATABASE PARAMETER", 2)
        if _SETTABLE[selector][1]:
            f.process.database_parameters[selector] = value
        else:
            f.process.runtime.database_parameters[selector] = value

    return run


@command("QUIT 4D")
def quit_4d(f: Frame, delay: Any = A.MISSING) -> None:
    """Stop the current process; the launcher then runs On Exit and ends with exit code 0.

    ``delay`` only matters on 4D Server and is ignored, as in 4D local mode.
    """
    raise QuitRequested()


# -- versions and modes ------------------------------------------------------------------------------

VERSION = "2100"  # fourd follows the 4D v21 docs: version 21, no "R", no revision (application-version.md)
BIT_64_VERSION = 1  # Version type: bit numbers (documented constants)


@command("Application version", hook=True)
def application_version(compiler: Compiler, nodes: list[Any]) -> Any:
    """``Application version {(buildNum {; *})}``: "2100", or "F0002100" with ``*``; buildNum gets 0
    (fourd has no 4D build number)."""
    from ..runtime.compiler import STAR  # noqa: F401  (a lone * arrives as an ast.Star node)

    long = bool(nodes) and isinstance(nodes[-1], ast.Star)
    store = compiler.store(nodes[0]) if nodes and not isinstance(nodes[0], ast.Star) else None
    if len(nodes) > 2:
        raise error(
            "wrong_param_count", name="Application version", detail=f"expects 0 to 2 parameter(s), got {len(nodes)}"
        )

    def run(f: Frame) -> str:
        if store is not None:
            store(f, 0)
        return "F000" + VERSION if long else VERSION

    return run


@command("Version type")
def version_type(f: Frame) -> int:
    return 1 << BIT_64_VERSION  # a 64-bit application, not merged


@command("Is compiled mode")
def is_compiled_mode(f: Frame, star: Any = A.MISSING) -> bool:
    return False  # fourd interprets (Concepts/interpreted-compiled.md)


headless_only_error("Database measures", "needs a database: fourd has no data file")
headless_only_error("VERIFY DATA FILE", "needs a database: fourd has no data file")
headless_only_error("VERIFY CURRENT DATA FILE", "needs a database: fourd has no data file")
headless_only_error("Compact data file", "needs a database: fourd has no data file")
headless_only_error("OPEN SETTINGS WINDOW", "needs the 4D application's windows")
headless_only_error("OPEN SECURITY CENTER", "needs the 4D application's windows")
headless_only_error("OPEN ADMINISTRATION WINDOW", "needs the 4D application's windows")
headless_only_error("OPEN RUNTIME EXPLORER", "needs the 4D application's windows")
headless_only_error("Export structure file", "needs the structure of the 4D database")


# -- folders and files of the application ------------------------------------------------------------

DATABASE_FOLDER_UNIX_SYNTAX = 5
CURRENT_RESOURCES_FOLDER = 6
LOGS_FOLDER = 7


@command("Get 4D folder")
def get_4d_folder(f: Frame, folder: Any = A.MISSING, options: Any = A.MISSING, star: Any = A.MISSING) -> str:
    """The folders fourd can place (the project's, or those of the run's package folder when no
    project is open: runtime/files.py), as system paths ending with the separator.  The Licenses,
    4D Client database and MobileApps folders belong to a 4D installation: headless error."""
    from ..runtime.files import folder_for_constant

    which = 0 if folder is A.MISSING else A.integer(folder, "Get 4D folder", 1)
    constant = 4 if which == DATABASE_FOLDER_UNIX_SYNTAX else which
    location = folder_for_constant(f.process.runtime, constant)
    if location is None:
        raise error("unsupported_headless", name=f"Get 4D folder ({which}: needs a 4D installation)")
    if constant in (CURRENT_RESOURCES_FOLDER, LOGS_FOLDER):  # documented: created when missing
        from ..runtime.files import inside_sandbox

        folder = inside_sandbox(f.process.runtime, location.real, "Get 4D folder", str(location.real))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from ._documents import file_error

            raise file_error(exc, folder, "Get 4D folder") from None
    return str(location.real).rstrip("/") + "/"


@command("Structure file")
def structure_file(f: Frame, star: Any = A.MISSING) -> str:
    """The open project's ``.4DProject`` file (``*``: the host's; fourd runs no components)."""
    project = f.process.runtime.project
    if project is None:
        raise error("unsupported_headless", name="Structure file (needs an open project: fourd --project)")
    return str(project.file)


headless_only_error("Data file", "needs a database: fourd has no data file")


@command("Get 4D file")
def get_4d_file(f: Frame, file: Any, star: Any = A.MISSING) -> str:
    """The settings files fourd can place (runtime/files.py, as ``File(constant)``), "" for a file
    the run does not have (fourd writes none of 4D's logs or backups)."""
    from ..runtime.files import file_for_constant

    location = file_for_constant(f.process.runtime, A.integer(file, "Get 4D file", 1))
    return "" if location is None else str(location.real)


@command("COMPONENT LIST")
def component_list(f: Frame, components: Any) -> None:
    """fourd loads no components: the array is emptied."""
    from .arrays import array_arg

    array_arg(components, "COMPONENT LIST").items[1:] = []


@command("PLUGIN LIST")
def plugin_list(f: Frame, numbers: Any, names: Any) -> None:
    """fourd loads no plug-ins: both arrays are emptied."""
    from .arrays import array_arg

    array_arg(numbers, "PLUGIN LIST", 1).items[1:] = []
    array_arg(names, "PLUGIN LIST", 2).items[1:] = []


# -- localization (commands/_localization.py) -----------------------------------------------------------

DEFAULT_LOCALIZATION, CURRENT_LOCALIZATION, USER_SYSTEM_LOCALIZATION, INTERNAL_4D_LOCALIZATION = 0, 1, 2, 3


@command("Get database localization")
def get_database_localization(f: Frame, language_type: Any = A.MISSING, star: Any = A.MISSING) -> str:
    from ._localization import current_language, default_language, system_language

    which = (
        DEFAULT_LOCALIZATION if language_type is A.MISSING else A.integer(language_type, "Get database localization", 1)
    )
    if which == CURRENT_LOCALIZATION:
        return current_language(f)
    if which == USER_SYSTEM_LOCALIZATION:
        return system_language()
    if which == INTERNAL_4D_LOCALIZATION:
        return "en"  # fourd sorts and compares text as 4D's English setting does (operators.fold)
    return default_language(f)


@command("SET DATABASE LOCALIZATION")
def set_database_localization(f: Frame, language_code: Any, star: Any = A.MISSING) -> None:
    """The current language for every process; OK = 0 (and no change) when the Resources folder
    has no .lproj folder for it nor for its base language."""
    from ._localization import folders, state

    code = A.text(language_code, "SET DATABASE LOCALIZATION", 1).strip().lower().replace("_", "-")
    known = folders(f)
    if code not in known and code.split("-")[0] not in known:
        f.process.set_var("ok", 0.0)
        return
    state(f).current = code
    f.process.set_var("ok", 1.0)


for _name in ("Is data file locked", "CREATE DATA FILE", "OPEN DATA FILE", "Table fragmentation"):
    headless_only_error(_name, "needs a database: fourd has no data file")
for _name in ("DROP REMOTE USER", "REJECT NEW REMOTE CONNECTIONS", "SEND MESSAGE TO REMOTE USER"):
    headless_only_error(_name, "needs 4D Server and its remote users")
headless_only_error("BUILD APPLICATION", "needs 4D's application builder")
