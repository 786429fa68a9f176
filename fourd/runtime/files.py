"""``4D.File`` and ``4D.Folder`` (API/FileClass.md, FolderClass.md, Document.md, Directory.md).

A File or Folder object only *names* a disk item: it may or may not exist.  Its path is kept
the way 4D shows it (Concepts/paths.md): a filesystem prefix (``/RESOURCES/…``, ``/DATA/…``)
stays in ``.path``; ``.platformPath`` is the system path.  fourd runs like 4D on Linux, so the
platform syntax is POSIX too and the native line break is LF.

Choices where the docs are silent (also in docs/files.md):
- With no project open, the filesystems are those of a project whose package folder is the
  base folder of the run (the sandbox folder, else the current directory).
- With a sandbox (``runtime.sandbox_root``, doctest), every path must resolve inside it; the
  user's folders (home, documents, desktop) are stand-ins inside the sandbox folder.
- ``.path`` of a folder ends with "/"; a File or Folder stringifies as ``[object File]`` /
  ``[object Folder]`` and JSON-stringifies to an object holding its ``path``.
"""

from __future__ import annotations

import codecs
import os
import shutil
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from .classes import register_builtin_class
from .errors import error
from .objects import BuiltinObject
from .values import UNDEFINED, Collection4D, Date4D, Time4D, is_number, type_name

FILESYSTEMS = ("/PACKAGE", "/PROJECT", "/SOURCES", "/RESOURCES", "/DATA", "/LOGS")

# Folder constants (commands/folder.md) mapped to a filesystem.
_FOLDER_FILESYSTEM = {4: "/PACKAGE", 9: "/DATA", 7: "/LOGS", 6: "/RESOURCES"}
# Folder constants for the user's folders: a path under the home folder.
_USER_FOLDERS = {118: (), 117: ("Documents",), 115: ("Desktop",), 0: (".config", "4D")}
_WEB_ROOT = 8
# File constants (commands/file.md) fourd can place: (filesystem, relative path).
_FILE_CONSTANTS = {
    1: ("/PROJECT", "Settings/backup.4DSettings"),
    3: ("/PACKAGE", "Settings/settings.4DSettings"),
    4: ("/DATA", "Settings/settings.4DSettings"),
    11: ("/LOGS", "4DDiagnosticLogTool_1.txt"),
    16: ("/PACKAGE", "Settings/directory.json"),
    17: ("/DATA", "Settings/backup.4DSettings"),
    20: ("/PROJECT", "Settings/buildApp.4DSettings"),
}

FK_OVERWRITE = 4
FK_RECURSIVE = 1
FK_IGNORE_INVISIBLE = 8
DELETE_WITH_CONTENTS = 1

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_BOM_FOR = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}
# Document with native format (1) is LF on Linux; 0 leaves line breaks alone.
_BREAKS = {1: "\n", 2: "\r\n", 3: "\r", 4: "\n"}


# -- locating --------------------------------------------------------------------------------


def base_folder(runtime: Any) -> Path:
    """The package folder when no project is open: the sandbox, else the current directory."""
    if runtime.sandbox_root is not None:
        return Path(runtime.sandbox_root)
    return Path.cwd()


def filesystem_root(runtime: Any, name: str) -> Path:
    """The folder a filesystem prefix names (``/RESOURCES`` → the project's Resources folder)."""
    known = runtime.filesystems.get(name)
    if known is not None:
        return Path(known)
    package = base_folder(runtime)
    return {
        "/PACKAGE": package,
        "/PROJECT": package / "Project",
        "/SOURCES": package / "Project" / "Sources",
        "/RESOURCES": package / "Resources",
        "/DATA": package / "Data",
        "/LOGS": package / "Data" / "Logs",
    }[name]


class Location:
    """Where a File/Folder points: a filesystem (or the system root "") plus path parts."""

    __slots__ = ("fs", "root", "parts")

    def __init__(self, fs: str, root: Path, parts: tuple[str, ...]):
        self.fs = fs
        self.root = root
        self.parts = parts

    @property
    def real(self) -> Path:
        return self.root.joinpath(*self.parts)

    def posix(self, folder: bool) -> str:
        text = self.fs + "/" + "/".join(self.parts)
        if folder and self.parts:
            text += "/"
        return text

    def child(self, relative: str) -> Location | None:
        parts = _normalize(self.parts, relative.split("/"))
        return None if parts is None else Location(self.fs, self.root, parts)

    def parent(self) -> Location | None:
        if self.parts:
            return Location(self.fs, self.root, self.parts[:-1])
        if self.fs:  # the parent of a filesystem root is a system path
            system = self.root.parent
            return Location("", Path("/"), system.parts[1:]) if system != self.root else None
        return None


def _normalize(base: tuple[str, ...], parts: list[str]) -> tuple[str, ...] | None:
    """Apply "." and ".." to ``parts`` under ``base``; None when ".." would leave the root."""
    out = list(base)
    for part in parts:
        if part in ("", "."):
            continue
        if part != "..":
            out.append(part)
        elif out:
            out.pop()
        else:
            return None
    return tuple(out)


def locate(runtime: Any, path: str, path_type: int, name: str) -> Location:
    """The location of an absolute POSIX or platform path given to ``File``/``Folder``."""
    if path_type == 1:  # fk platform path: on Linux, a system path
        if not path.startswith("/"):
            raise error("fs_relative_path", name=name, path=path)
        parts = _normalize((), path.split("/"))
        return _checked(runtime, Location("", Path("/"), parts or ()), name, path)
    if not path.startswith("/"):
        raise error("fs_relative_path", name=name, path=path)
    head, _, rest = path[1:].partition("/")
    fs = "/" + head
    if fs in FILESYSTEMS:
        parts = _normalize((), rest.split("/"))
        if parts is None:  # no code may move above a filesystem root (Concepts/paths.md)
            raise error("fs_above_root", name=name, path=path)
        return _checked(runtime, Location(fs, filesystem_root(runtime, fs), parts), name, path)
    parts = _normalize((), path.split("/"))
    if parts is None:
        raise error("fs_above_root", name=name, path=path)
    return _checked(runtime, Location("", Path("/"), parts), name, path)


def inside_sandbox(runtime: Any, real: Path, name: str, path: str) -> Path:
    """``real``, resolved, when the run has no sandbox or it lies inside it; else 4D error -10644.

    The one rule for every file access of a sandboxed run (File/Folder, the document commands).
    """
    root = runtime.sandbox_root
    if root is None:
        return real
    resolved = real.resolve()
    if not resolved.is_relative_to(Path(root).resolve()):
        raise error("document_outside", name=name, path=path)
    return resolved


def _checked(runtime: Any, loc: Location, name: str, path: str) -> Location:
    """With a sandbox, refuse any location that does not resolve inside the sandbox folder."""
    inside_sandbox(runtime, loc.real, name, path)
    return loc


def folder_for_constant(runtime: Any, constant: int) -> Location | None:
    """``Folder(fk … folder)``: the folders fourd can place headless, None for the others."""
    if constant in _FOLDER_FILESYSTEM:
        fs = _FOLDER_FILESYSTEM[constant]
        return Location(fs, filesystem_root(runtime, fs), ())
    if constant == _WEB_ROOT:
        return Location("/PACKAGE", filesystem_root(runtime, "/PACKAGE"), ("WebFolder",))
    if constant in _USER_FOLDERS:
        home = Path(runtime.sandbox_root) / "Home" if runtime.sandbox_root is not None else Path.home()
        real = home.joinpath(*_USER_FOLDERS[constant])
        return Location("", Path("/"), real.parts[1:])
    return None


def file_for_constant(runtime: Any, constant: int) -> Location | None:
    """``File(constant)``: a known 4D file; None when unknown or absent (commands/file.md)."""
    if constant not in _FILE_CONSTANTS:
        return None
    fs, relative = _FILE_CONSTANTS[constant]
    loc = Location(fs, filesystem_root(runtime, fs), tuple(relative.split("/")))
    return loc if loc.real.is_file() else None


# -- objects ---------------------------------------------------------------------------------


class DiskItem(BuiltinObject):
    """What files and folders share (Document.md / Directory.md)."""

    is_folder = False

    def __init__(self, runtime: Any, loc: Location):
        # Every File/Folder made (by File/Folder, .parent, .file(), .files(), copyTo…) is
        # checked against the sandbox here, so none can point outside it.
        self.runtime = runtime
        self.loc = _checked(runtime, loc, f"4D.{self.class_name}", loc.posix(self.is_folder))

    @property
    def real(self) -> Path:
        return self.loc.real

    def full_name(self) -> str:
        return self.loc.parts[-1] if self.loc.parts else self.real.name

    def split_name(self) -> tuple[str, str]:
        full = self.full_name()
        stem, dot, ext = full.rpartition(".")
        if not dot or not stem:
            return full, ""
        return stem, "." + ext

    def exists(self) -> bool:
        return self.real.is_dir() if self.is_folder else self.real.is_file()

    def get_member(self, name: str) -> Any:
        getter = _PROPERTIES.get(name)
        return getter(self) if getter is not None else UNDEFINED

    def set_member(self, name: str, value: Any) -> None:
        raise error("null_assign", name=name, got=f"a {self.class_name} (read-only property)")

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        method = self.methods().get(name)
        if method is None:
            raise error("unknown_member", name=name)
        try:
            return method(self, *args)
        except TypeError as exc:  # too many arguments
            raise error("wrong_param_count", name=f".{name}()", detail=str(exc)) from None

    def methods(self) -> dict[str, Any]:
        return {}

    def to_text_4d(self) -> str:
        return f"[object {self.class_name}]"

    def to_json_4d(self) -> Any:
        return {"path": self.loc.posix(self.is_folder)}

    def make_parent(self) -> Any:
        loc = self.loc.parent()
        return None if loc is None else FolderObject(self.runtime, loc)

    def stat_time(self, created: bool) -> datetime | None:
        try:
            st = self.real.stat()
        except OSError:
            return None
        stamp = getattr(st, "st_birthtime", st.st_ctime) if created else st.st_mtime
        return datetime.fromtimestamp(stamp)

    def date_of(self, created: bool) -> Date4D:
        moment = self.stat_time(created)
        return Date4D.NULL if moment is None else Date4D.from_date(moment.date())

    def time_of(self, created: bool) -> Time4D:
        moment = self.stat_time(created)
        return Time4D(0 if moment is None else moment.hour * 3600 + moment.minute * 60 + moment.second)

    def destination(self, folder: Any, new_name: Any, call: str) -> tuple[Path, str]:
        """The target of copyTo/moveTo: the folder must be a 4D.Folder that exists."""
        if not isinstance(folder, FolderObject):
            raise error("wrong_param_type", name=call, index=1, expected="a 4D.Folder", got=type_name(folder))
        if not folder.real.is_dir():
            raise error("fs_no_destination", name=call, path=folder.loc.posix(True))
        name = self.full_name() if new_name is UNDEFINED else _valid_name(new_name, call, 2)
        return folder.real / name, name


def _valid_name(value: Any, call: str, index: int) -> str:
    """A new file or folder name: a text without "/" or ":" (the naming rules of the docs)."""
    if type(value) is not str:
        raise error("wrong_param_type", name=call, index=index, expected="a text", got=type_name(value))
    if not value or "/" in value or ":" in value or value in (".", ".."):
        raise error("fs_bad_name", name=call, value=value)
    return value


def _option(value: Any, call: str, index: int) -> int:
    if value is UNDEFINED:
        return 0
    if not is_number(value):
        raise error("wrong_param_type", name=call, index=index, expected="a number", got=type_name(value))
    return int(value)


def _io_error(exc: OSError, item: DiskItem, call: str):
    if isinstance(exc, FileNotFoundError):
        return error("file_not_found", name=call, path=item.loc.posix(item.is_folder))
    return error("file_io", name=call, path=item.loc.posix(item.is_folder), detail=exc.strerror or str(exc))


class FileObject(DiskItem):
    """A ``4D.File``."""

    class_name = "File"

    def size(self) -> float:
        try:
            return float(self.real.stat().st_size) if self.real.is_file() else 0.0
        except OSError:
            return 0.0

    def methods(self) -> dict[str, Any]:
        return _FILE_METHODS

    def create(self) -> bool:
        if self.real.exists():
            return False
        try:
            self.real.parent.mkdir(parents=True, exist_ok=True)
            self.real.touch(exist_ok=False)
        except OSError:
            return False
        return True

    def delete(self) -> None:
        if not self.real.is_file():
            return
        try:
            self.real.unlink()
        except OSError as exc:
            raise _io_error(exc, self, ".delete()") from None

    def read_bytes(self, call: str) -> bytes:
        if not self.real.is_file():
            raise error("file_not_found", name=call, path=self.loc.posix(False))
        try:
            return self.real.read_bytes()
        except OSError as exc:
            raise _io_error(exc, self, call) from None

    def write_bytes(self, data: bytes, call: str) -> None:
        try:
            self.real.parent.mkdir(parents=True, exist_ok=True)
            self.real.write_bytes(data)
        except OSError as exc:
            raise _io_error(exc, self, call) from None

    def get_text(self, charset: Any = UNDEFINED, break_mode: Any = UNDEFINED) -> str:
        return read_text_data(self.read_bytes(".getText()"), charset, break_mode, ".getText()")

    def set_text(self, text: Any, charset: Any = UNDEFINED, break_mode: Any = UNDEFINED) -> None:
        if type(text) is not str:
            raise error("wrong_param_type", name=".setText()", index=1, expected="a text", got=type_name(text))
        self.write_bytes(text_data(text, charset, break_mode, ".setText()"), ".setText()")

    def get_content(self) -> Any:
        from .blobobject import BlobObject

        return BlobObject(self.read_bytes(".getContent()"))

    def set_content(self, content: Any) -> None:
        from .blobobject import BlobObject
        from .values import Blob4D

        if not isinstance(content, BlobObject) and type(content) is not Blob4D:
            raise error("wrong_param_type", name=".setContent()", index=1, expected="a blob", got=type_name(content))
        self.write_bytes(bytes(content.data), ".setContent()")

    def copy_to(self, folder: Any, new_name: Any = UNDEFINED, overwrite: Any = UNDEFINED) -> FileObject:
        if is_number(new_name) and overwrite is UNDEFINED:  # .copyTo(folder; fk overwrite)
            new_name, overwrite = UNDEFINED, new_name
        target, name = self.destination(folder, new_name, ".copyTo()")
        if target.exists() and _option(overwrite, ".copyTo()", 3) & FK_OVERWRITE == 0:
            raise error("fs_exists", name=".copyTo()", path=folder.loc.posix(True) + name)
        if not self.real.is_file():
            raise error("file_not_found", name=".copyTo()", path=self.loc.posix(False))
        try:
            shutil.copy2(self.real, target)
        except OSError as exc:
            raise _io_error(exc, self, ".copyTo()") from None
        return FileObject(self.runtime, folder.loc.child(name))

    def move_to(self, folder: Any, new_name: Any = UNDEFINED) -> FileObject:
        target, name = self.destination(folder, new_name, ".moveTo()")
        return self._move(target, folder.loc.child(name), ".moveTo()")

    def rename(self, new_name: Any) -> FileObject:
        name = _valid_name(new_name, ".rename()", 1)
        loc = self.loc.parent().child(name)
        return self._move(self.real.parent / name, loc, ".rename()")

    def _move(self, target: Path, loc: Location, call: str) -> FileObject:
        if target.exists():
            raise error("fs_exists", name=call, path=loc.posix(False))
        if not self.real.is_file():
            raise error("file_not_found", name=call, path=self.loc.posix(False))
        try:
            shutil.move(self.real, target)
        except OSError as exc:
            raise _io_error(exc, self, call) from None
        return FileObject(self.runtime, loc)


class FolderObject(DiskItem):
    """A ``4D.Folder``."""

    class_name = "Folder"
    is_folder = True

    def methods(self) -> dict[str, Any]:
        return _FOLDER_METHODS

    def create(self) -> bool:
        if self.real.exists():
            return False
        try:
            self.real.mkdir(parents=True)
        except OSError:
            return False
        return True

    def delete(self, option: Any = UNDEFINED) -> None:
        mode = _option(option, ".delete()", 1)
        if not self.real.is_dir():
            if mode == DELETE_WITH_CONTENTS:
                return
            raise error("fs_folder_missing", name=".delete()", path=self.loc.posix(True))
        try:
            if mode == DELETE_WITH_CONTENTS:
                shutil.rmtree(self.real)
            elif any(self.real.iterdir()):
                raise error("fs_folder_not_empty", name=".delete()", path=self.loc.posix(True))
            else:
                self.real.rmdir()
        except OSError as exc:
            raise _io_error(exc, self, ".delete()") from None

    def children(self, want_folders: bool, options: Any, call: str) -> Collection4D:
        mode = _option(options, call, 1)
        found: list[DiskItem] = []
        self._walk(self.loc, want_folders, mode, found)
        return Collection4D(found)

    def _walk(self, loc: Location, want_folders: bool, mode: int, found: list[DiskItem]) -> None:
        try:
            entries = sorted(loc.real.iterdir(), key=lambda p: p.name)
        except OSError:
            return
        for entry in entries:
            if mode & FK_IGNORE_INVISIBLE and entry.name.startswith("."):
                continue
            child = Location(loc.fs, loc.root, loc.parts + (entry.name,))
            is_dir = entry.is_dir()
            if is_dir == want_folders:
                found.append(FolderObject(self.runtime, child) if is_dir else FileObject(self.runtime, child))
            if is_dir and mode & FK_RECURSIVE and not entry.is_symlink():
                self._walk(child, want_folders, mode, found)

    def sub(self, path: Any, folder: bool, call: str) -> Any:
        if type(path) is not str:
            raise error("wrong_param_type", name=call, index=1, expected="a text", got=type_name(path))
        if path.startswith("/"):  # relative POSIX paths only: an absolute one is invalid
            return None
        loc = self.loc.child(path)
        if loc is None or not loc.parts:
            return None
        loc = _checked(self.runtime, loc, call, path)
        return FolderObject(self.runtime, loc) if folder else FileObject(self.runtime, loc)

    def copy_to(self, folder: Any, new_name: Any = UNDEFINED, overwrite: Any = UNDEFINED) -> FolderObject:
        if is_number(new_name) and overwrite is UNDEFINED:
            new_name, overwrite = UNDEFINED, new_name
        target, name = self.destination(folder, new_name, ".copyTo()")
        if not self.real.is_dir():
            raise error("fs_folder_missing", name=".copyTo()", path=self.loc.posix(True))
        if target.exists():
            if _option(overwrite, ".copyTo()", 3) & FK_OVERWRITE == 0:
                raise error("fs_exists", name=".copyTo()", path=folder.loc.posix(True) + name + "/")
        try:
            shutil.copytree(self.real, target, dirs_exist_ok=True)
        except OSError as exc:
            raise _io_error(exc, self, ".copyTo()") from None
        return FolderObject(self.runtime, folder.loc.child(name))

    def move_to(self, folder: Any, new_name: Any = UNDEFINED) -> FolderObject:
        target, name = self.destination(folder, new_name, ".moveTo()")
        return self._move(target, folder.loc.child(name), ".moveTo()")

    def rename(self, new_name: Any) -> FolderObject:
        name = _valid_name(new_name, ".rename()", 1)
        parent = self.loc.parent()
        if parent is None:
            raise error("fs_bad_name", name=".rename()", value=name)
        return self._move(self.real.parent / name, parent.child(name), ".rename()")

    def _move(self, target: Path, loc: Location, call: str) -> FolderObject:
        if target.exists():
            raise error("fs_exists", name=call, path=loc.posix(True))
        if not self.real.is_dir():
            raise error("fs_folder_missing", name=call, path=self.loc.posix(True))
        try:
            shutil.move(self.real, target)
        except OSError as exc:
            raise _io_error(exc, self, call) from None
        return FolderObject(self.runtime, loc)


def _codec(charset: Any, call: str) -> str:
    from ..commands.blob import codec_for  # the one table of 4D character sets

    codec = codec_for(charset, call)
    if codec is None:
        raise error("unknown_charset", name=call, charset=charset)
    return codec


def read_text_data(data: bytes, charset: Any, break_mode: Any, call: str) -> str:
    """The text of a document's bytes (File.getText(), Document to text): a Byte Order Mark wins
    over ``charset`` (UTF-8 when undefined); line breaks converted by ``break_mode`` (native = LF)."""
    codec = "utf-8" if charset is UNDEFINED else _codec(charset, call)
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            data, codec = data[len(bom) :], bom_codec
            break
    text = data.decode(codec, errors="replace")
    return _line_breaks(text, _option(break_mode, call, 2) if break_mode is not UNDEFINED else 1)


def text_data(text: str, charset: Any, break_mode: Any, call: str) -> bytes:
    """The bytes written for ``text`` (File.setText(), TEXT TO DOCUMENT): UTF-8 without BOM by
    default; a named character set gets its BOM unless suffixed "-no-bom"."""
    bom = b""
    codec = "utf-8"
    if charset is not UNDEFINED:
        label = charset.strip() if type(charset) is str else charset
        no_bom = type(label) is str and label.lower().endswith("-no-bom")
        codec = _codec(label[: -len("-no-bom")] if no_bom else label, call)
        if not no_bom:
            codec, bom = _with_bom(codec)
    mode = _option(break_mode, call, 3) if break_mode is not UNDEFINED else 1
    return bom + _line_breaks(text, mode).encode(codec, errors="replace")


def _with_bom(codec: str) -> tuple[str, bytes]:
    """The codec and the Byte Order Mark 4D writes for a character set that has one."""
    if codec in ("utf-16", "utf-32"):
        codec += "-le" if sys.byteorder == "little" else "-be"
    return codec, _BOM_FOR.get(codec, b"")


def _line_breaks(text: str, mode: int) -> str:
    """Convert every line break (CRLF, CR, LF) to the one ``mode`` asks for; 0 keeps them."""
    target = _BREAKS.get(mode)
    if target is None:
        return text
    unified = text.replace("\r\n", "\n").replace("\r", "\n")
    return unified if target == "\n" else unified.replace("\n", target)


def _posix(item: DiskItem) -> str:
    return item.loc.posix(item.is_folder)


def _platform(item: DiskItem) -> str:
    text = str(item.real)
    return text + "/" if item.is_folder and text != "/" else text


_PROPERTIES: dict[str, Any] = {
    "name": lambda i: i.split_name()[0],
    "extension": lambda i: i.split_name()[1],
    "fullName": lambda i: i.full_name(),
    "path": _posix,
    "platformPath": _platform,
    "parent": lambda i: i.make_parent(),
    "exists": lambda i: i.exists(),
    "isFile": lambda i: not i.is_folder,
    "isFolder": lambda i: i.is_folder,
    "isAlias": lambda i: i.real.is_symlink(),
    "hidden": lambda i: i.full_name().startswith("."),
    "isWritable": lambda i: i.exists() and os.access(i.real, os.W_OK),
    "isPackage": lambda i: False if i.is_folder else UNDEFINED,
    "size": lambda i: i.size() if not i.is_folder else UNDEFINED,
    "creationDate": lambda i: i.date_of(True),
    "creationTime": lambda i: i.time_of(True),
    "modificationDate": lambda i: i.date_of(False),
    "modificationTime": lambda i: i.time_of(False),
    "original": lambda i: i,
}

_FILE_METHODS: dict[str, Any] = {
    "create": FileObject.create,
    "delete": FileObject.delete,
    "getText": FileObject.get_text,
    "setText": FileObject.set_text,
    "getContent": FileObject.get_content,
    "setContent": FileObject.set_content,
    "copyTo": FileObject.copy_to,
    "moveTo": FileObject.move_to,
    "rename": FileObject.rename,
}

_FOLDER_METHODS: dict[str, Any] = {
    "create": FolderObject.create,
    "delete": FolderObject.delete,
    "files": lambda self, options=UNDEFINED: self.children(False, options, ".files()"),
    "folders": lambda self, options=UNDEFINED: self.children(True, options, ".folders()"),
    "file": lambda self, path: self.sub(path, False, ".file()"),
    "folder": lambda self, path: self.sub(path, True, ".folder()"),
    "copyTo": FolderObject.copy_to,
    "moveTo": FolderObject.move_to,
    "rename": FolderObject.rename,
}


# -- constructors (the File and Folder commands, 4D.File.new, 4D.Folder.new) -------------------


def make_item(runtime: Any, folder: bool, source: Any, path_type: Any, name: str) -> Any:
    """``File``/``Folder``: from a path (with ``fk posix path``/``fk platform path``) or a constant."""
    cls = FolderObject if folder else FileObject
    if is_number(source):
        if path_type is not UNDEFINED:
            raise error(
                "wrong_param_type", name=name, index=2, expected="'*' after a constant", got=type_name(path_type)
            )
        loc = folder_for_constant(runtime, int(source)) if folder else file_for_constant(runtime, int(source))
        if loc is None:
            return None
        return cls(runtime, _checked(runtime, loc, name, loc.posix(folder)))
    if type(source) is not str:
        raise error("wrong_param_type", name=name, index=1, expected="a text or a number", got=type_name(source))
    kind = 0 if path_type is UNDEFINED else _option(path_type, name, 2)
    loc = locate(runtime, source, kind, name)
    if not folder and not loc.parts:
        raise error("fs_relative_path", name=name, path=source)
    return cls(runtime, loc)


def _new(folder: bool):
    def new(args: list[Any], frame: Any) -> Any:
        if not args:
            raise error(
                "wrong_param_count", name=f"4D.{'Folder' if folder else 'File'}.new", detail="a path is expected"
            )
        runtime = frame.process.runtime
        path_type = args[1] if len(args) > 1 else UNDEFINED
        return make_item(runtime, folder, args[0], path_type, f"4D.{'Folder' if folder else 'File'}.new")

    return new


register_builtin_class("File", python_types=(FileObject,), new=_new(False))
register_builtin_class("Folder", python_types=(FolderObject,), new=_new(True))
