"""System Documents theme (the path-string part): Path to object, Object to path.

These commands only handle strings: they never look at the disk (path-to-object.md).

fourd's choice: the *system* path syntax is POSIX ("/" separators), as for 4D on Linux;
``Path is system`` and ``Path is POSIX`` read a path the same way.  Windows (``\\``) and
macOS HFS (``:``) paths are not recognised as such: their examples are for those systems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..runtime.errors import error
from ..runtime.frame import Frame
from ..runtime.values import Date4D, Object4D, Time4D
from . import args as A
from .registry import command, headless_only_error

SEPARATOR = "/"


def split_path(path: str) -> dict[str, Any]:
    """The parts of a path: parentFolder (ends with "/"), name, extension, isFolder."""
    is_folder = path.endswith(SEPARATOR)
    body = path[:-1] if is_folder else path
    cut = body.rfind(SEPARATOR)
    parent, last = body[: cut + 1], body[cut + 1 :]
    dot = last.rfind(".")
    if dot > 0:  # a leading dot (".invisible") names the file, it is not an extension
        name, extension = last[:dot], last[dot:]
    else:
        name, extension = last, ""
    return {"parentFolder": parent, "name": name, "extension": extension, "isFolder": is_folder}


@command("Path to object")
def path_to_object(frame: Frame, path: Any, path_type: Any = A.MISSING) -> Object4D:
    text = A.text(path, "Path to object", 1)
    if path_type is not A.MISSING:
        A.integer(path_type, "Path to object", 2)  # Path is system (0) or Path is POSIX (1): read alike
    return Object4D(split_path(text))


@command("Object to path")
def object_to_path(frame: Frame, path_object: Any) -> str:
    """parentFolder + name + extension (a "." added when missing), and a separator for a folder."""
    obj = A.obj(path_object, "Object to path", 1)
    props = obj.props
    parent = A.text(props.get("parentFolder", ""), "Object to path", 1)
    name = A.text(props.get("name", ""), "Object to path", 1)
    extension = A.text(props.get("extension", ""), "Object to path", 1)
    if extension and not extension.startswith("."):
        extension = "." + extension
    folder = props.get("isFolder") is True
    separator = parent[-1] if parent else SEPARATOR  # the parent's last character gives the syntax
    return parent + name + extension + (separator if folder else "")


# -- documents on disk (Open document, TEXT TO DOCUMENT, Test path name, DOCUMENT LIST…) ------------
#
# Paths are system paths (fourd behaves as 4D on a POSIX system); relative ones are relative to
# the database folder (_documents.base_folder); the sandbox rule applies to every path.  An empty
# path opens a file dialog in 4D: headless, the dialog is "cancelled" (OK = 0, null DocRef), as the
# docs describe for a cancelled dialog.

GET_PATHNAME, READ_AND_WRITE, READ_MODE, WRITE_MODE = 3, 0, 2, 1
IS_A_DOCUMENT, IS_A_FOLDER = 1, 0
RECURSIVE_PARSING, ABSOLUTE_PATH, POSIX_PATH, IGNORE_INVISIBLE = 1, 2, 4, 8
DELETE_WITH_CONTENTS = 1


def _ok(f: Frame, ok: bool) -> None:
    f.process.set_var("ok", 1.0 if ok else 0.0)


def _path(f: Frame, value: Any, command_name: str, index: int = 1) -> Path:
    from ._documents import document_path

    return document_path(f, _native(A.text(value, command_name, index)), command_name)


def _native(text: str) -> str:
    """A 4D system path for fourd's POSIX system: HFS ``Disk:folder:file`` stays as written
    (it is a valid POSIX name), a trailing separator marks a folder."""
    return text


def _with_type(path: Path, file_type: Any) -> Path:
    """Create document("Report";"txt"): the type becomes the extension when the name has none."""
    if file_type is A.MISSING or type(file_type) is not str or path.suffix:
        return path
    first = file_type.split(";")[0].strip()
    if not first or first in ("*", ".*"):
        return path
    return path.with_name(path.name + (first if first.startswith(".") else "." + first.lower()))


def _open(f: Frame, name: str, document: Any, file_type: Any, mode: int, create: bool, append: bool) -> Time4D:
    from ._documents import OpenDocument, documents, file_error

    text = A.text(document, name, 1)
    if text == "":
        _ok(f, False)
        return Time4D(0)
    path = _path(f, text, name)
    if create:
        path = _with_type(path, file_type)
    f.process.set_var("document", str(path))
    if mode == GET_PATHNAME:
        if not path.exists():
            _ok(f, False)
            raise file_error(FileNotFoundError(), path, name)
        _ok(f, True)
        return Time4D(0)
    table = documents(f)
    if create and table.is_open(path):
        _ok(f, False)
        raise error("document_open", name=name, path=str(path))
    try:
        if create:
            handle = open(path, "w+b")  # noqa: SIM115  (closed by CLOSE DOCUMENT)
        elif mode == READ_MODE:
            handle = open(path, "rb")  # noqa: SIM115
        else:
            if path.is_dir():
                raise IsADirectoryError(21, "Is a directory")
            handle = open(path, "r+b")  # noqa: SIM115
    except OSError as exc:
        _ok(f, False)
        raise file_error(exc, path, name) from None
    if append:
        handle.seek(0, 2)
    writable = mode != READ_MODE
    readable = mode != WRITE_MODE or create
    _ok(f, True)
    return Time4D(table.add(OpenDocument(path, handle, writable, readable)))


@command("Open document")
def open_document(f: Frame, document: Any, file_type: Any = A.MISSING, mode: Any = A.MISSING) -> Time4D:
    if type(file_type) is not str and file_type is not A.MISSING and mode is A.MISSING:
        file_type, mode = A.MISSING, file_type  # Open document(path; mode)
    how = READ_AND_WRITE if mode is A.MISSING else A.integer(mode, "Open document", 3)
    return _open(f, "Open document", document, file_type, how, create=False, append=False)


@command("Create document")
def create_document(f: Frame, document: Any, file_type: Any = A.MISSING) -> Time4D:
    return _open(f, "Create document", document, file_type, READ_AND_WRITE, create=True, append=False)


@command("Append document")
def append_document(f: Frame, document: Any, file_type: Any = A.MISSING) -> Time4D:
    return _open(f, "Append document", document, file_type, READ_AND_WRITE, create=False, append=True)


@command("CLOSE DOCUMENT")
def close_document(f: Frame, doc_ref: Any) -> None:
    from ._documents import documents

    documents(f).close(doc_ref, "CLOSE DOCUMENT")


@command("Get document position")
def get_document_position(f: Frame, doc_ref: Any) -> float:
    from ._documents import documents

    return float(documents(f).get(doc_ref, "Get document position").handle.tell())


@command("SET DOCUMENT POSITION")
def set_document_position(f: Frame, doc_ref: Any, offset: Any, anchor: Any = A.MISSING) -> None:
    from ._documents import documents

    name = "SET DOCUMENT POSITION"
    handle = documents(f).get(doc_ref, name).handle
    where = 1 if anchor is A.MISSING else A.integer(anchor, name, 3)
    # 1 = from the beginning, 2 = from the end, 3 = from the current position (docs)
    whence = {1: 0, 2: 2, 3: 1}.get(where)
    if whence is None:
        raise error("wrong_param_type", name=name, index=3, expected="1, 2 or 3", got=str(where))
    handle.seek(max(0, _target(handle, A.integer(offset, name, 2), whence)))


def _target(handle: Any, offset: int, whence: int) -> int:
    if whence == 0:
        return offset
    if whence == 1:
        return handle.tell() + offset
    end = handle.seek(0, 2)
    return end + offset


@command("Get document size")
def get_document_size(f: Frame, document: Any, star: Any = A.MISSING) -> float:
    from ._documents import documents, file_error

    name = "Get document size"
    if type(document) is Time4D:
        handle = documents(f).get(document, name).handle
        here = handle.tell()
        size = handle.seek(0, 2)
        handle.seek(here)
        return float(size)
    path = _path(f, document, name)
    try:
        return float(path.stat().st_size)
    except OSError as exc:
        raise file_error(exc, path, name) from None


@command("Document to text")
def document_to_text(f: Frame, file_name: Any, charset: Any = A.MISSING, break_mode: Any = A.MISSING) -> str:
    """The docs default to the system's 8-bit set without a BOM (ANSI / MacRoman); fourd reads
    UTF-8, as File.getText() does, since fourd's "system" is a UTF-8 POSIX one."""
    from ..runtime.files import read_text_data

    name = "Document to text"
    path = _path(f, file_name, name)
    data = _read(path, name)
    return read_text_data(data, _opt(charset), _opt(break_mode), name)


@command("TEXT TO DOCUMENT")
def text_to_document(
    f: Frame, file_name: Any, text_value: Any, charset: Any = A.MISSING, break_mode: Any = A.MISSING
) -> None:
    from ..runtime.files import text_data
    from ._documents import documents, file_error

    name = "TEXT TO DOCUMENT"
    path = _path(f, file_name, name)
    if documents(f).is_open(path):
        raise error("document_open", name=name, path=str(path))
    data = text_data(A.text(text_value, name, 2), _opt(charset), _opt(break_mode), name)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise file_error(exc, path, name) from None


def _opt(value: Any) -> Any:
    from ..runtime.values import UNDEFINED

    return UNDEFINED if value is A.MISSING else value


def _read(path: Path, name: str) -> bytes:
    from ._documents import file_error

    try:
        return path.read_bytes()
    except OSError as exc:
        raise file_error(exc, path, name) from None


@command("Test path name")
def test_path_name(f: Frame, pathname: Any) -> int:
    path = _path(f, pathname, "Test path name")
    if path.is_dir():
        return IS_A_FOLDER
    if path.is_file():
        return IS_A_DOCUMENT
    return -43  # documented: "File not found"


@command("CREATE FOLDER")
def create_folder(f: Frame, folder_path: Any, star: Any = A.MISSING) -> None:
    from ._documents import file_error

    name = "CREATE FOLDER"
    text = A.text(folder_path, name, 1)
    path = _path(f, text, name)
    recursive = star is not A.MISSING
    if recursive and not text.endswith(("/", SEPARATOR)):
        path = path.parent  # with *, a document name at the end is ignored (docs)
    try:
        path.mkdir(parents=recursive, exist_ok=recursive)
    except FileExistsError:
        pass  # 4D leaves an existing folder alone
    except OSError as exc:
        _ok(f, False)
        raise file_error(exc, path, name) from None
    _ok(f, True)


@command("DELETE DOCUMENT")
def delete_document(f: Frame, document: Any) -> None:
    from ._documents import documents, file_error

    name = "DELETE DOCUMENT"
    path = _path(f, document, name)
    if documents(f).is_open(path):
        _ok(f, False)
        raise error("document_open", name=name, path=str(path))
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        path.unlink()
    except OSError as exc:
        _ok(f, False)
        raise file_error(exc, path, name) from None
    _ok(f, True)


@command("DELETE FOLDER")
def delete_folder(f: Frame, folder: Any, option: Any = A.MISSING) -> None:
    import shutil

    from ._documents import file_error

    name = "DELETE FOLDER"
    path = _path(f, folder, name)
    try:
        if option is not A.MISSING and A.integer(option, name, 2) == DELETE_WITH_CONTENTS:
            shutil.rmtree(path)
        else:
            path.rmdir()
    except OSError as exc:
        _ok(f, False)
        if isinstance(exc, OSError) and path.is_dir():
            raise error("fs_folder_not_empty", name=name, path=str(path)) from None
        raise file_error(exc, path, name) from None
    _ok(f, True)


def _destination(f: Frame, source: Path, destination: Any, new_name: Any, name: str) -> Path:
    text = A.text(destination, name, 2)
    path = _path(f, text, name, 2)
    if text.endswith(("/", SEPARATOR)) or path.is_dir():
        path = path / (A.text(new_name, name, 3) if new_name not in (A.MISSING, "") else source.name)
    return path


@command("COPY DOCUMENT")
def copy_document(f: Frame, source: Any, destination: Any, *rest: Any) -> None:
    import shutil

    from ..runtime.compiler import STAR
    from ._documents import file_error

    name = "COPY DOCUMENT"
    overwrite = bool(rest) and rest[-1] is STAR
    new_name = rest[0] if rest and rest[0] is not STAR else A.MISSING
    src = _path(f, source, name)
    dst = _destination(f, src, destination, new_name, name)
    try:
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True, copy_function=_copier(overwrite, name))
        else:
            if dst.exists() and not overwrite:
                raise error("fs_exists", name=name, path=str(dst))
            shutil.copy2(src, dst)
    except OSError as exc:
        _ok(f, False)
        raise file_error(exc, src if not src.exists() else dst, name) from None
    _ok(f, True)


def _copier(overwrite: bool, name: str) -> Any:
    import shutil

    def copy(src: str, dst: str) -> Any:
        if Path(dst).exists() and not overwrite:
            raise error("fs_exists", name=name, path=dst)
        return shutil.copy2(src, dst)

    return copy


@command("MOVE DOCUMENT")
def move_document(f: Frame, source: Any, destination: Any) -> None:
    from ._documents import file_error

    name = "MOVE DOCUMENT"
    src = _path(f, source, name)
    dst = _path(f, destination, name, 2)
    if dst.exists():
        raise error("fs_exists", name=name, path=str(dst))
    try:
        src.rename(dst)
    except OSError as exc:
        raise file_error(exc, src, name) from None


def _listing(f: Frame, targets: list[Any], name: str, folders: bool) -> None:
    from ..runtime.errors import FourDError
    from ._documents import document_path, file_error
    from .arrays import fill_array

    text = A.text(targets[0].get(), name, 1)
    try:
        root = document_path(f, text, name)
    except FourDError:
        raise
    options = A.integer(targets[2].get(), name, 3) if len(targets) > 2 else 0
    if not root.is_dir():
        raise file_error(FileNotFoundError(), root, name)
    found: list[str] = []
    walker = sorted(root.rglob("*") if options & RECURSIVE_PARSING else root.iterdir())
    for item in walker:
        if item.is_dir() != folders:
            continue
        relative = item.relative_to(root)
        if options & IGNORE_INVISIBLE and any(part.startswith(".") for part in relative.parts):
            continue
        if options & (ABSOLUTE_PATH | POSIX_PATH):
            found.append(str(item))
        else:
            found.append(str(relative))
    fill_array(targets[1], found, name, "Text")


def _register_listings() -> None:
    from ._targets import writing_command

    @writing_command("DOCUMENT LIST", 2, 3)
    def document_list(f: Frame, targets: list[Any]) -> None:
        _listing(f, targets, "DOCUMENT LIST", folders=False)

    @writing_command("FOLDER LIST", 2, 2)
    def folder_list(f: Frame, targets: list[Any]) -> None:
        _listing(f, targets, "FOLDER LIST", folders=True)


_register_listings()


@command("Convert path system to POSIX")
def convert_path_system_to_posix(f: Frame, system_path: Any, star: Any = A.MISSING) -> str:
    """fourd's system syntax is POSIX: the path is made absolute (relative to the database folder)."""
    from urllib.parse import quote

    from ._documents import base_folder

    text = A.text(system_path, "Convert path system to POSIX", 1)
    path = text if text.startswith("/") else str(base_folder(f) / text) + ("/" if text.endswith("/") else "")
    return quote(path, safe="/") if star is not A.MISSING else path


@command("Convert path POSIX to system")
def convert_path_posix_to_system(f: Frame, posix_path: Any, star: Any = A.MISSING) -> str:
    from urllib.parse import unquote

    text = A.text(posix_path, "Convert path POSIX to system", 1)
    return unquote(text) if star is not A.MISSING else text


@command("Select document")
def select_document(f: Frame, directory: Any, file_types: Any, title: Any, options: Any, *selected: Any) -> str:
    """A file dialog: headless nobody can answer it, so it is cancelled (OK = 0, documented)."""
    _ok(f, False)
    f.process.set_var("document", "")
    return ""


@command("Select folder")
def select_folder(f: Frame, *args: Any) -> str:
    """A folder dialog: headless it is cancelled (OK = 0 and "" as the docs give for a cancel)."""
    _ok(f, False)
    return ""


@command("SET DOCUMENT SIZE")
def set_document_size(f: Frame, doc_ref: Any, size: Any) -> None:
    from ._documents import documents

    name = "SET DOCUMENT SIZE"
    document = documents(f).get(doc_ref, name)
    if not document.writable:
        raise error("file_io", name=name, path=str(document.path), detail="the document is open in read mode")
    document.handle.truncate(max(A.integer(size, name, 2), 0))


def _register_properties() -> None:
    from ._targets import Target, writing_command

    @writing_command("GET DOCUMENT PROPERTIES", 7, 7)
    def get_document_properties(f: Frame, targets: list[Target]) -> None:
        """Locked: no write permission; invisible: a name starting with "." (POSIX); the creation
        date is the inode change time where the system keeps no birth time."""
        import datetime as dt
        import stat

        from ._documents import file_error

        name = "GET DOCUMENT PROPERTIES"
        path = _path(f, targets[0].get(), name)
        try:
            info = path.stat()
        except OSError as exc:
            raise file_error(exc, path, name) from None
        created = dt.datetime.fromtimestamp(getattr(info, "st_birthtime", info.st_ctime))
        modified = dt.datetime.fromtimestamp(info.st_mtime)
        values = [
            not info.st_mode & stat.S_IWUSR,  # the permission bits (root may write anyway)
            path.name.startswith("."),
            Date4D.from_date(created.date()),
            Time4D(created.hour * 3600 + created.minute * 60 + created.second),
            Date4D.from_date(modified.date()),
            Time4D(modified.hour * 3600 + modified.minute * 60 + modified.second),
        ]
        for target, value in zip(targets[1:], values, strict=True):
            target.set(value)

    @writing_command("RESOLVE ALIAS", 2, 2)
    def resolve_alias(f: Frame, targets: list[Target]) -> None:
        """Aliases are symbolic links on POSIX systems; a plain file gives its own path, OK = 0."""
        name = "RESOLVE ALIAS"
        from ._documents import base_folder

        text = A.text(targets[0].get(), name, 1)
        path = _path(f, text, name)  # checked against the sandbox (resolved)
        written = Path(text).expanduser()
        link = written if written.is_absolute() else base_folder(f) / written
        if link.is_symlink():
            target = link.resolve()
            from ._documents import document_path

            document_path(f, str(target), name)  # the target must be inside the sandbox too
            targets[1].set(str(target) + ("/" if target.is_dir() else ""))
            _ok(f, True)
        else:
            targets[1].set(str(path))
            _ok(f, False)


_register_properties()


@command("SET DOCUMENT PROPERTIES")
def set_document_properties(
    f: Frame,
    document: Any,
    locked: Any,
    invisible: Any,
    created_on: Any,
    created_at: Any,
    modified_on: Any,
    modified_at: Any,
) -> None:
    """Locked sets or clears the write permissions; the modification date and time are set.
    POSIX keeps no settable creation date and makes a file invisible by its name only: those
    two are left as they are (fourd's reading of a POSIX system)."""
    import datetime as dt
    import os
    import stat

    from ._documents import file_error

    name = "SET DOCUMENT PROPERTIES"
    path = _path(f, document, name)
    try:
        mode = path.stat().st_mode
        writable = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
        os.chmod(path, mode & ~writable if A.boolean(locked, name, 2) else mode | stat.S_IWUSR)
        day = modified_on.to_date() if type(modified_on) is Date4D else None
        if day is not None:
            seconds = modified_at.seconds if type(modified_at) is Time4D else 0
            moment = dt.datetime(day.year, day.month, day.day) + dt.timedelta(seconds=seconds)
            os.utime(path, (path.stat().st_atime, moment.timestamp()))
    except OSError as exc:
        raise file_error(exc, path, name) from None


@command("CREATE ALIAS")
def create_alias(f: Frame, target_path: Any, alias_path: Any) -> None:
    """An alias is a symbolic link on POSIX systems.  An empty target does nothing (docs)."""
    from ._documents import file_error

    name = "CREATE ALIAS"
    if A.text(target_path, name, 1) == "":
        return
    target = _path(f, target_path, name)
    alias = _path(f, alias_path, name, 2)
    try:
        alias.symlink_to(target, target_is_directory=target.is_dir())
    except OSError as exc:
        _ok(f, False)
        raise file_error(exc, alias, name) from None
    _ok(f, True)


@command("VOLUME LIST")
def volume_list(f: Frame, volumes: Any) -> None:
    from .arrays import array_arg

    array = array_arg(volumes, "VOLUME LIST")
    array.items[1:] = ["/"]  # a POSIX system has one root; mounts are folders below it


@command("Localized document path")
def localized_document_path(f: Frame, relative_path: Any) -> str:
    """The document in the current language's ``.lproj`` folder (then its base language's);
    when neither has it, the path in the first of them, else in Resources itself."""
    from ._localization import language_folders, resources_folder

    text = A.text(relative_path, "Localized document path", 1).lstrip("/")
    candidates = language_folders(f)
    for folder in candidates:
        if (folder / text).exists():
            return str(folder / text)
    return str((candidates[0] if candidates else resources_folder(f)) / text)


headless_only_error("SHOW ON DISK", "needs a desktop file browser")
headless_only_error("GET DOCUMENT ICON", "needs the desktop's icons")


def _register_volume_attributes() -> None:
    from ._targets import Target, writing_command

    @writing_command("VOLUME ATTRIBUTES", 4, 4)
    def volume_attributes(f: Frame, targets: list[Target]) -> None:
        """Size, used and free bytes of the file system holding ``volume`` ("/" is the root)."""
        import shutil

        from ._documents import file_error

        name = "VOLUME ATTRIBUTES"
        text = A.text(targets[0].get(), name, 1) or "/"
        path = Path(text)
        try:
            usage = shutil.disk_usage(path)
        except OSError as exc:
            raise file_error(exc, path, name) from None
        for target, value in zip(targets[1:], (usage.total, usage.used, usage.free), strict=True):
            target.set(float(value))


_register_volume_attributes()
