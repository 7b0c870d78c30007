"""Reading a bundle's files safely, from a folder or from a .kiosk zip.

Everything is checked from names and the zip's central directory before any data is
read: no absolute paths, no '..', no symlinks leaving the bundle, bounded counts and
sizes, no decompression bombs. Members are read into memory; the one exception is a
video or audio member of a zip, which a player needs as a file (:meth:`Source.file`): it
is copied, within its declared size, into a private folder removed when the source closes.
"""

from __future__ import annotations

import os
import re
import stat
import struct
import tempfile
import threading
import unicodedata
import weakref
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from kiosk.bundle import avfiles
from kiosk.bundle.errors import BundleError, Problem

MANIFEST = "bundle.toml"
MAX_ENTRIES = 10_000
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
#: Compression ratio above which a large member is taken for a decompression bomb.
MAX_RATIO = 100
RATIO_CHECK_ABOVE = 4 * 1024 * 1024
_EOCD_SIZE = 22

_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)
_DRIVE = re.compile(r"^[A-Za-z]:")


def name_problem(name: str) -> str | None:
    """Why a member name is unsafe or unportable, or None if it is fine."""
    if not name:
        return "has an empty name"
    if "\x00" in name or any(ord(char) < 32 for char in name):
        return "has a control character in its name"
    if "\\" in name:
        return "uses a backslash in its name"
    if name.startswith("/") or _DRIVE.match(name):
        return "has an absolute path"
    parts = PurePosixPath(name).parts
    if ".." in name.split("/"):
        return "has a '..' segment in its path"
    if any(_RESERVED.match(part) for part in parts):
        return "uses a name Windows reserves (CON, NUL, COM1, ...)"
    if any(part != part.rstrip(". ") for part in parts):
        return "has a name ending in a dot or a space"
    return None


class Source(ABC):
    """The files of a bundle, by their relative POSIX names."""

    def __init__(self, label: str, names: Iterable[str]) -> None:
        self.label = label
        # Names are compared in Unicode NFC: macOS writes "ə" decomposed, editors don't.
        self._actual = {unicodedata.normalize("NFC", name): name for name in names}
        self.names: frozenset[str] = frozenset(self._actual)

    def has(self, name: str) -> bool:
        return unicodedata.normalize("NFC", name) in self._actual

    def actual(self, name: str) -> str | None:
        """The name as stored, for a name as written in bundle.toml."""
        return self._actual.get(unicodedata.normalize("NFC", name))

    def where(self, name: str) -> str:
        """How a file is named in messages to curators."""
        return f"{self.label}/{name}"

    @abstractmethod
    def read(self, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        """The bytes of file ``name``; BundleError if missing, damaged or over ``limit``."""

    def size(self, name: str) -> int:
        """The size of file ``name`` in bytes; BundleError if missing. Folders and zips
        answer without reading the file."""
        return len(self.read(name))

    def head(self, name: str, count: int) -> bytes:
        """The first ``count`` bytes (or fewer) of file ``name``; BundleError if missing
        or damaged. Folders and zips read no more: a video is not read whole to tell
        what it is."""
        return self.read(name)[:count]

    @abstractmethod
    def file(self, name: str) -> Path:
        """File ``name`` as a path a player can open (video and audio are streamed, not
        read into memory); BundleError if missing, damaged or not writable out."""

    def close(self) -> None:  # noqa: B027 - a folder has nothing to release
        """Release any open file; reading afterwards is an error."""


def _hidden(name: str) -> bool:
    """Files and folders that are never part of a bundle folder: hidden ones (macOS's
    .DS_Store, Syncthing's .stfolder, .stversions and .syncthing.*.tmp) and Syncthing's
    unfinished files on Windows and on disks shared with it (~syncthing~*.tmp)."""
    return name.startswith(".") or name.casefold().startswith("~syncthing~")


class FolderSource(Source):
    """A bundle kept as a folder. Hidden files and folders are left out."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.label = str(root)
        problems: list[Problem] = []
        names = list(self._walk(problems))
        if len(names) > MAX_ENTRIES:
            problems.append(
                Problem(str(root), f"holds {len(names)} files; a bundle may hold {MAX_ENTRIES}")
            )
        problems += _portability_problems(str(root), names)
        if problems:
            raise BundleError(problems)
        super().__init__(str(root), names)

    def _walk(self, problems: list[Problem]) -> Iterable[str]:
        stack = [self.root]
        seen = 0
        while stack:
            folder = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
            except OSError as error:
                problems.append(Problem(str(folder), f"cannot be read ({error.strerror})"))
                continue
            for entry in entries:
                if _hidden(entry.name):
                    continue
                seen += 1
                if seen > MAX_ENTRIES + 1:
                    return
                name = Path(entry.path).relative_to(self.root).as_posix()
                if entry.is_symlink():
                    target = Path(entry.path).resolve()
                    if not target.is_relative_to(self.root):
                        problems.append(
                            Problem(self.where(name), "is a link pointing outside the bundle")
                        )
                        continue
                if entry.is_dir():
                    if not entry.is_symlink():
                        stack.append(Path(entry.path))
                elif entry.is_file():
                    yield name

    def _path(self, name: str) -> Path:
        actual = self.actual(name)
        if actual is None:
            raise BundleError.single(self.where(name), "is not in the bundle")
        path = (self.root / actual).resolve()
        if not path.is_relative_to(self.root):
            raise BundleError.single(self.where(name), "points outside the bundle")
        return path

    def file(self, name: str) -> Path:
        path = self._path(name)
        if not path.is_file():
            raise BundleError.single(self.where(name), "is not a regular file")
        return path

    def size(self, name: str) -> int:
        path = self._path(name)
        try:
            return path.stat().st_size
        except OSError as error:
            message = f"cannot be read ({error.strerror})"
            raise BundleError.single(self.where(name), message) from None

    def head(self, name: str, count: int) -> bytes:
        path = self._path(name)
        try:
            with path.open("rb") as file:
                if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                    raise BundleError.single(self.where(name), "is not a regular file")
                return file.read(count)
        except OSError as error:
            message = f"cannot be read ({error.strerror})"
            raise BundleError.single(self.where(name), message) from None

    def read(self, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        path = self._path(name)
        try:
            with path.open("rb") as file:
                status = os.fstat(file.fileno())
                if not stat.S_ISREG(status.st_mode):
                    raise BundleError.single(self.where(name), "is not a regular file")
                if status.st_size > limit:
                    raise BundleError.single(self.where(name), _too_big(limit))
                # Sized by the file, not the limit: read(limit + 1) would set aside
                # 256 MB for every small picture. A file growing meanwhile is read on.
                data = file.read(status.st_size + 1)
                if len(data) > status.st_size:
                    data += file.read(limit + 1 - len(data))
        except OSError as error:
            message = f"cannot be read ({error.strerror})"
            raise BundleError.single(self.where(name), message) from None
        if len(data) > limit:
            raise BundleError.single(self.where(name), _too_big(limit))
        return data


class ZipSource(Source):
    """A bundle packed as a .kiosk zip, checked from its central directory first."""

    def __init__(self, path: Path) -> None:
        label = str(path)
        declared = _declared_entries(path)
        if declared is not None and declared > MAX_ENTRIES:
            # Said before zipfile reads the central directory, which could be huge.
            raise BundleError.single(
                label, f"holds {declared} entries; a bundle may hold {MAX_ENTRIES}"
            )
        try:
            archive = zipfile.ZipFile(path)
        except OSError as error:
            raise BundleError.single(label, f"cannot be read ({error.strerror})") from None
        except Exception:  # noqa: BLE001 - zipfile raises many kinds on hostile bytes
            raise BundleError.single(label, "is not a valid .kiosk (zip) archive") from None
        self._archive = archive
        self._lock = threading.Lock()
        weakref.finalize(self, archive.close)
        self._unpacked: dict[str, Path] = {}
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        try:
            infos = self._check(label, archive.infolist())
        except BundleError:
            archive.close()
            raise
        prefix = _root_prefix(infos)
        self._members = {
            info.filename[len(prefix) :]: info
            for info in infos.values()
            if not info.is_dir() and info.filename.startswith(prefix)
        }
        super().__init__(label, self._members)

    @staticmethod
    def _check(label: str, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        if len(infos) > MAX_ENTRIES:
            raise BundleError.single(
                label, f"holds {len(infos)} entries; a bundle may hold {MAX_ENTRIES}"
            )
        problems: list[Problem] = []
        total = 0
        members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            where = f"{label}/{name}"
            if reason := name_problem(name.removesuffix("/")):
                problems.append(Problem(where, reason))
                continue
            if name in members:
                problems.append(Problem(where, "appears twice in the archive"))
                continue
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                problems.append(Problem(where, "is a symbolic link; links are not allowed"))
            if info.flag_bits & 0x1:
                problems.append(Problem(where, "is encrypted; bundles cannot be encrypted"))
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                problems.append(Problem(where, "uses a compression other than deflate"))
            if avfiles.is_av_name(name) and info.file_size > avfiles.MAX_AV_BYTES:
                problems.append(Problem(where, avfiles.too_big_message(info.file_size)))
            elif info.file_size > MAX_MEMBER_BYTES:
                problems.append(Problem(where, _too_big(MAX_MEMBER_BYTES)))
            elif info.file_size > RATIO_CHECK_ABOVE and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                problems.append(
                    Problem(where, "is compressed suspiciously well (a decompression bomb?)")
                )
            total += info.file_size
            members[name] = info
        if total > MAX_TOTAL_BYTES:
            problems.append(
                Problem(
                    label,
                    f"unpacks to {total // 2**20} MB; the limit is {MAX_TOTAL_BYTES // 2**20} MB",
                )
            )
        problems += _portability_problems(label, [n for n in members if not n.endswith("/")])
        if problems:
            raise BundleError(problems)
        return members

    def read(self, name: str, limit: int = MAX_MEMBER_BYTES) -> bytes:
        actual = self.actual(name)
        info = self._members.get(actual) if actual is not None else None
        if info is None:
            raise BundleError.single(self.where(name), "is not in the bundle")
        if info.file_size > limit:
            raise BundleError.single(self.where(name), _too_big(limit))
        try:
            with self._lock, self._archive.open(info) as member:
                # Never trust the declared size: read at most one byte more than it.
                data = member.read(info.file_size + 1)
        except Exception:  # noqa: BLE001 - zipfile raises many kinds on hostile bytes
            raise BundleError.single(self.where(name), "is damaged in the archive") from None
        if len(data) != info.file_size:
            raise BundleError.single(self.where(name), "is damaged in the archive")
        return data

    def _info(self, name: str) -> zipfile.ZipInfo:
        actual = self.actual(name)
        info = self._members.get(actual) if actual is not None else None
        if info is None:
            raise BundleError.single(self.where(name), "is not in the bundle")
        return info

    def size(self, name: str) -> int:
        return self._info(name).file_size

    def head(self, name: str, count: int) -> bytes:
        info = self._info(name)
        try:
            with self._lock, self._archive.open(info) as member:
                return member.read(min(count, info.file_size))
        except Exception:  # noqa: BLE001 - zipfile raises many kinds on hostile bytes
            raise BundleError.single(self.where(name), "is damaged in the archive") from None

    def file(self, name: str) -> Path:
        """The member copied out once, in chunks and never past its declared size, into
        a private folder (removed at :meth:`close`); a full disk is a BundleError."""
        info = self._info(name)
        with self._lock:
            known = self._unpacked.get(info.filename)
            if known is not None and known.exists():
                return known
            try:
                if self._folder is None:
                    self._folder = tempfile.TemporaryDirectory(prefix="kiosk-media-")
                target = Path(self._folder.name) / f"{len(self._unpacked)}{Path(name).suffix}"
                copied = 0
                with self._archive.open(info) as member, target.open("wb") as out:
                    while chunk := member.read(min(1 << 20, info.file_size + 1 - copied)):
                        copied += len(chunk)
                        if copied > info.file_size:
                            break
                        out.write(chunk)
            except OSError as error:
                raise BundleError.single(
                    self.where(name), f"cannot be unpacked to play ({error.strerror})"
                ) from None
            except Exception:  # noqa: BLE001 - zipfile raises many kinds on hostile bytes
                raise BundleError.single(self.where(name), "is damaged in the archive") from None
            if copied != info.file_size:
                target.unlink(missing_ok=True)
                raise BundleError.single(self.where(name), "is damaged in the archive")
            self._unpacked[info.filename] = target
            return target

    def close(self) -> None:
        self._archive.close()
        with self._lock:
            if self._folder is not None:
                self._folder.cleanup()
                self._folder = None
            self._unpacked.clear()


def open_source(path: Path) -> Source:
    """The bundle at ``path``: a folder or a .kiosk zip."""
    if path.is_dir():
        return FolderSource(path)
    if path.is_file():
        return ZipSource(path)
    if path.exists():
        raise BundleError.single(str(path), "is neither a folder nor a .kiosk file")
    raise BundleError.single(str(path), "does not exist")


def _declared_entries(path: Path) -> int | None:
    """The entry count a zip's end record declares, or None if it has none to read."""
    try:
        with path.open("rb") as file:
            size = file.seek(0, os.SEEK_END)
            tail_size = min(size, _EOCD_SIZE + 0xFFFF)  # the record, then a comment
            file.seek(size - tail_size)
            tail = file.read(tail_size)
            at = tail.rfind(b"PK\x05\x06")
            if at < 0 or at + _EOCD_SIZE > len(tail):
                return None
            (entries,) = struct.unpack_from("<H", tail, at + 10)
            locator = at - 20
            if entries != 0xFFFF or locator < 0 or tail[locator : locator + 4] != b"PK\x06\x07":
                return entries
            (zip64_at,) = struct.unpack_from("<Q", tail, locator + 8)
            file.seek(zip64_at)
            record = file.read(40)
    except OSError:
        return None
    if len(record) < 40 or record[:4] != b"PK\x06\x06":
        return None
    (entries64,) = struct.unpack_from("<Q", record, 32)
    return entries64


def _root_prefix(infos: dict[str, zipfile.ZipInfo]) -> str:
    """'' when bundle.toml is at the top; 'folder/' when the zip holds one folder."""
    if MANIFEST in infos:
        return ""
    tops = {name.split("/", 1)[0] for name in infos}
    if len(tops) == 1:
        top = tops.pop()
        if f"{top}/{MANIFEST}" in infos:
            return f"{top}/"
    return ""


def _portability_problems(label: str, names: Iterable[str]) -> list[Problem]:
    """Names that clash when the bundle is copied to a case-insensitive disk."""
    problems = []
    seen: dict[str, str] = {}
    for name in sorted(names):
        if reason := name_problem(name):
            problems.append(Problem(f"{label}/{name}", reason))
        folded = unicodedata.normalize("NFC", name).casefold()
        if folded in seen:
            message = f"differs only in case or accents from {seen[folded]}"
            problems.append(Problem(f"{label}/{name}", message))
        else:
            seen[folded] = name
    return problems


def _too_big(limit: int) -> str:
    return f"is larger than {limit // 2**20} MB"
