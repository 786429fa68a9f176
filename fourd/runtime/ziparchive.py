"""ZIP archives: ``ZIP Create archive``, ``ZIP Read archive`` and the ``4D.ZipArchive``,
``4D.ZipFile`` and ``4D.ZipFolder`` objects (commands/zip-*.md, API/ZipArchiveClass.md,
ZipFileClass.md, ZipFolderClass.md), on Python's :mod:`zipfile`.

A ZipFile/ZipFolder is a read-only item inside an archive; its ``path`` is its path inside the
archive ("/" is the root folder).  ``copyTo()`` extracts it into a real 4D.Folder.

Choices where the docs are silent (docs/files.md):
- The constants' numbers are not documented: compression and encryption use libzip's numbers
  (the library 4D reports with the "Libzip version" selector): none 0, standard (deflate) 8,
  LZMA 14, XZ 95; AES 128/192/256 are 257/258/259.  ``ZIP Without enclosing folder`` is 1 and
  ``ZIP Ignore invisible files`` 2 (fourd's numbers).
- Encryption: the standard library cannot write encrypted archives, so a password gives a failed
  status ("Password encryption is not supported by fourd"); it reads ZipCrypto archives only.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import PurePosixPath
from typing import Any

from .classes import register_builtin_class
from .errors import error
from .objects import BuiltinObject
from .values import UNDEFINED, Collection4D, Date4D, Object4D, Time4D, is_number, type_name

WITHOUT_ENCLOSING_FOLDER = 1
IGNORE_INVISIBLE_FILES = 2
COMPRESSION_NONE, COMPRESSION_STANDARD, COMPRESSION_LZMA, COMPRESSION_XZ = 0, 8, 14, 95
ENCRYPTION_NONE, AES128, AES192, AES256 = 0, 257, 258, 259

CONSTANTS = {
    "zip without enclosing folder": WITHOUT_ENCLOSING_FOLDER,
    "zip ignore invisible files": IGNORE_INVISIBLE_FILES,
    "zip compression none": COMPRESSION_NONE,
    "zip compression standard": COMPRESSION_STANDARD,
    "zip compression lzma": COMPRESSION_LZMA,
    "zip compression xz": COMPRESSION_XZ,
    "zip encryption none": ENCRYPTION_NONE,
    "zip encryption aes128": AES128,
    "zip encryption aes192": AES192,
    "zip encryption aes256": AES256,
}


# -- reading ------------------------------------------------------------------------------------------


class ZipArchive(BuiltinObject):
    class_name = "ZipArchive"

    def __init__(self, runtime: Any, data: bytes, password: str | None):
        import io

        self.runtime = runtime
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        if password:
            self.zip.setpassword(password.encode("utf-8"))
        names = set()
        for info in self.zip.infolist():
            parts = PurePosixPath(info.filename).parts
            for i in range(1, len(parts)):
                names.add("/".join(parts[:i]) + "/")
            names.add(info.filename)
        self.names = names  # every file ("a/b.txt") and folder ("a/") in the archive

    def get_member(self, name: str) -> Any:
        if name == "root":
            return ZipFolder(self, "")
        return UNDEFINED

    def to_json_4d(self) -> Any:
        return {}


class ZipItem(BuiltinObject):
    is_folder = False

    def __init__(self, archive: ZipArchive, inner: str):
        self.archive = archive
        self.inner = inner  # "a/b.txt", "a/" for a folder, "" for the root

    def full_name(self) -> str:
        return PurePosixPath(self.inner.rstrip("/")).name if self.inner else ""

    def split_name(self) -> tuple[str, str]:
        full = self.full_name()
        stem, dot, ext = full.rpartition(".")
        return (full, "") if not dot or not stem else (stem, "." + ext)

    def info(self) -> zipfile.ZipInfo | None:
        try:
            return self.archive.zip.getinfo(self.inner)
        except KeyError:
            return None

    def moment(self) -> dt.datetime | None:
        info = self.info()
        return dt.datetime(*info.date_time) if info is not None else None

    def get_member(self, name: str) -> Any:
        stem, ext = self.split_name()
        moment = self.moment()
        values = {
            "name": stem,
            "extension": ext,
            "fullName": self.full_name(),
            "path": "/" + self.inner,
            "exists": self.inner == "" or self.inner in self.archive.names,
            "isFile": not self.is_folder,
            "isFolder": self.is_folder,
            "isAlias": False,
            "hidden": self.full_name().startswith("."),
            "parent": self.parent(),
            "creationDate": Date4D.from_date(moment.date()) if moment else Date4D.NULL,
            "modificationDate": Date4D.from_date(moment.date()) if moment else Date4D.NULL,
            "creationTime": Time4D(moment.hour * 3600 + moment.minute * 60 + moment.second) if moment else Time4D(0),
            "modificationTime": Time4D(moment.hour * 3600 + moment.minute * 60 + moment.second)
            if moment
            else Time4D(0),
        }
        if not self.is_folder:
            info = self.info()
            values["size"] = float(info.file_size) if info is not None else 0.0
        return values.get(name, UNDEFINED)

    def parent(self) -> Any:
        if not self.inner:
            return None
        up = str(PurePosixPath(self.inner.rstrip("/")).parent)
        return ZipFolder(self.archive, "" if up == "." else up + "/")

    def set_member(self, name: str, value: Any) -> None:
        raise error("null_assign", name=name, got=f"a {self.class_name} (archives are read-only)")

    def call_member(self, name: str, args: list[Any], frame: Any) -> Any:
        method = getattr(self, "m_" + name, None)
        if method is None:
            raise error("unknown_member", name=name)
        return method(frame, *args)

    def to_json_4d(self) -> Any:
        return {"path": "/" + self.inner}

    def to_text_4d(self) -> str:
        return f"[object {self.class_name}]"

    def m_copyTo(self, frame: Any, folder: Any, new_name: Any = UNDEFINED, overwrite: Any = UNDEFINED) -> Any:
        """Extract into a real 4D.Folder; the copy (a 4D.File or 4D.Folder) is returned."""
        from .files import FK_OVERWRITE, FileObject, FolderObject

        call = ".copyTo()"
        if is_number(new_name) and overwrite is UNDEFINED:
            new_name, overwrite = UNDEFINED, new_name
        if not isinstance(folder, FolderObject):
            raise error("wrong_param_type", name=call, index=1, expected="a 4D.Folder", got=type_name(folder))
        if not folder.real.is_dir():
            raise error("fs_no_destination", name=call, path=folder.loc.posix(True))
        target_name = self.full_name() if new_name is UNDEFINED else str(new_name)
        if not target_name or "/" in target_name:
            raise error("fs_bad_name", name=call, value=target_name)
        target = folder.real / target_name
        allowed = is_number(overwrite) and int(overwrite) & FK_OVERWRITE
        if target.exists() and not allowed:
            raise error("fs_exists", name=call, path=folder.loc.posix(True) + target_name)
        loc = folder.loc.child(target_name)
        if self.is_folder:
            self._extract_folder(target)
            return FolderObject(folder.runtime, loc)
        target.write_bytes(self.archive.zip.read(self.inner))
        return FileObject(folder.runtime, loc)

    def _extract_folder(self, target: Any) -> None:
        target.mkdir(parents=True, exist_ok=True)
        prefix = self.inner
        for info in self.archive.zip.infolist():
            if not info.filename.startswith(prefix) or info.filename == prefix:
                continue
            relative = PurePosixPath(info.filename[len(prefix) :])
            if ".." in relative.parts or relative.is_absolute():
                continue  # never write outside the destination (zip slip)
            out = target.joinpath(*relative.parts)
            if info.is_dir():
                out.mkdir(parents=True, exist_ok=True)
            else:
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(self.archive.zip.read(info.filename))


class ZipFile(ZipItem):
    class_name = "ZipFile"

    def content(self, call: str) -> bytes:
        try:
            return self.archive.zip.read(self.inner)
        except KeyError:
            raise error("file_not_found", name=call, path="/" + self.inner) from None
        except RuntimeError as exc:  # encrypted and no or a wrong password
            raise error("file_io", name=call, path="/" + self.inner, detail=str(exc)) from None

    def m_getText(self, frame: Any, charset: Any = UNDEFINED, break_mode: Any = UNDEFINED) -> str:
        from .files import read_text_data

        return read_text_data(self.content(".getText()"), charset, break_mode, ".getText()")

    def m_getContent(self, frame: Any) -> Any:
        from .blobobject import BlobObject

        return BlobObject(self.content(".getContent()"))


class ZipFolder(ZipItem):
    class_name = "ZipFolder"
    is_folder = True

    def children(self, want_folders: bool, options: Any) -> Collection4D:
        recursive = is_number(options) and int(options) & 1  # fk recursive
        ignore_invisible = is_number(options) and int(options) & 8  # fk ignore invisible
        found = []
        for name in sorted(self.archive.names):
            if not name.startswith(self.inner) or name == self.inner:
                continue
            rest = name[len(self.inner) :]
            depth = rest.rstrip("/").count("/")
            if depth and not recursive:
                continue
            if name.endswith("/") != want_folders:
                continue
            if ignore_invisible and any(part.startswith(".") for part in rest.split("/") if part):
                continue
            found.append(ZipFolder(self.archive, name) if want_folders else ZipFile(self.archive, name))
        return Collection4D(found)

    def m_files(self, frame: Any, options: Any = UNDEFINED) -> Collection4D:
        return self.children(False, options)

    def m_folders(self, frame: Any, options: Any = UNDEFINED) -> Collection4D:
        return self.children(True, options)

    def m_file(self, frame: Any, path: Any) -> Any:
        return ZipFile(self.archive, self.inner + _relative(path, ".file()"))

    def m_folder(self, frame: Any, path: Any) -> Any:
        return ZipFolder(self.archive, self.inner + _relative(path, ".folder()").rstrip("/") + "/")


def _relative(path: Any, call: str) -> str:
    if type(path) is not str:
        raise error("wrong_param_type", name=call, index=1, expected="a text", got=type_name(path))
    return path.strip("/")


def read_archive(runtime: Any, file: Any, password: Any = UNDEFINED) -> ZipArchive:
    from .files import FileObject

    call = "ZIP Read archive"
    if not isinstance(file, FileObject):
        raise error("wrong_param_type", name=call, index=1, expected="a 4D.File", got=type_name(file))
    data = file.read_bytes(call)
    try:
        return ZipArchive(runtime, data, password if type(password) is str else None)
    except zipfile.BadZipFile as exc:
        raise error("file_io", name=call, path=file.loc.posix(False), detail=str(exc)) from None


# -- creating -----------------------------------------------------------------------------------------


def _status(ok: bool, text: str = "", code: int = 0) -> Object4D:
    return Object4D({"success": ok, "status": float(code), "statusText": text})


def create_archive(frame: Any, source: Any, destination: Any, options: Any = UNDEFINED) -> Object4D:
    """ZIP Create archive: a 4D.File, a 4D.Folder or a zip structure object into ``destination``."""
    from .callables import call_callable, is_callable
    from .files import DiskItem, FileObject, FolderObject

    call = "ZIP Create archive"
    if not isinstance(destination, FileObject):
        raise error("wrong_param_type", name=call, index=2, expected="a 4D.File", got=type_name(destination))
    mode = int(options) if is_number(options) else 0
    compression, level, callback = zipfile.ZIP_DEFLATED, None, None
    entries: list[tuple[DiskItem, str, int]] = []  # (item, name in the archive, options)
    if isinstance(source, (FileObject, FolderObject)):
        entries.append((source, "", mode))
    elif type(source) is Object4D:
        props = source.props
        if props.get("password") not in (None, UNDEFINED, ""):
            return _status(False, "Password encryption is not supported by fourd", 1)
        method = props.get("compression", COMPRESSION_STANDARD)
        compression = {
            COMPRESSION_NONE: zipfile.ZIP_STORED,
            COMPRESSION_STANDARD: zipfile.ZIP_DEFLATED,
            COMPRESSION_LZMA: zipfile.ZIP_LZMA,
            COMPRESSION_XZ: zipfile.ZIP_LZMA,
        }.get(int(method) if is_number(method) else COMPRESSION_STANDARD, zipfile.ZIP_DEFLATED)
        if is_number(props.get("level")) and compression == zipfile.ZIP_DEFLATED:
            level = max(0, min(9, int(props["level"]) - 1))  # 4D's 1…10 onto zlib's 0…9
        callback = props.get("callback") if is_callable(props.get("callback")) else None
        files = props.get("files")
        for item in files.items if type(files) is Collection4D else []:
            if isinstance(item, (FileObject, FolderObject)):
                entries.append((item, "", mode))
            elif type(item) is Object4D and isinstance(item.props.get("source"), (FileObject, FolderObject)):
                target = item.props.get("destination")
                option = item.props.get("option")
                entries.append(
                    (
                        item.props["source"],
                        target.strip("/") if type(target) is str else "",
                        int(option) if is_number(option) else mode,
                    )
                )
            else:
                raise error(
                    "wrong_param_type",
                    name=call,
                    index=1,
                    expected="files: 4D.File or 4D.Folder objects",
                    got=type_name(item),
                )
    else:
        raise error(
            "wrong_param_type",
            name=call,
            index=1,
            expected="a 4D.File, a 4D.Folder or an object",
            got=type_name(source),
        )
    pairs: list[tuple[Any, str]] = []  # (real path, name in the archive)
    for item, target, option in entries:
        if not item.exists():
            return _status(False, "Cannot open ZIP archive", 2)
        if isinstance(item, FileObject):
            pairs.append((item.real, target or item.full_name()))
            continue
        base = "" if option & WITHOUT_ENCLOSING_FOLDER else (target or item.full_name()) + "/"
        if base:
            pairs.append((None, base))
        for path in sorted(item.real.rglob("*")):
            relative = path.relative_to(item.real)
            if option & IGNORE_INVISIBLE_FILES and any(p.startswith(".") for p in relative.parts):
                continue
            pairs.append(
                (path if path.is_file() else None, base + relative.as_posix() + ("/" if path.is_dir() else ""))
            )
    try:
        destination.real.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(destination.real, "w", compression=compression, compresslevel=level) as archive:
            for done, (path, name) in enumerate(pairs, 1):
                if path is None:
                    archive.writestr(zipfile.ZipInfo(name), b"")
                else:
                    archive.write(path, name)
                if callback is not None:
                    call_callable(frame, callback, [float(done * 100 // len(pairs))])
    except OSError as exc:
        return _status(False, f"Cannot create ZIP archive: {exc.strerror or exc}", 3)
    return _status(True)


register_builtin_class("ZipArchive", python_types=(ZipArchive,))
register_builtin_class("ZipFile", python_types=(ZipFile,))
register_builtin_class("ZipFolder", python_types=(ZipFolder,))
