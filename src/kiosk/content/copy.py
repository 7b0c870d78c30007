"""Private copies of bundles, hashed as they are copied.

Each byte is read once: it goes into the hash and into the copy together, so the digest
always names the bytes that were copied, whatever happens to the original meanwhile.
Copies are streamed in chunks (a 300 MB bundle never sits in memory), bounded like the
loader bounds bundles, and flushed to the disk before anyone relies on them. Problems
with the original (missing, unreadable, too big) are BundleErrors; problems writing the
copy (a full or read-only disk) are OSErrors, for the caller to try elsewhere.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path

from kiosk.bundle.errors import BundleError
from kiosk.bundle.source import MAX_ENTRIES, MAX_MEMBER_BYTES, MAX_TOTAL_BYTES
from kiosk.content.names import is_temporary
from kiosk.content.tree import entries
from kiosk.paths import sync_folder

CHUNK = 1024 * 1024


class CopyCancelledError(Exception):
    """The kiosk is stopping: the copy under way was abandoned (and deleted)."""


Cancelled = Callable[[], bool]


def _never() -> bool:
    return False


def copy_file(
    source: Path, target: Path, *, limit: int = MAX_TOTAL_BYTES, cancelled: Cancelled = _never
) -> str:
    """Copy ``source`` to the new file ``target``; the SHA-256 of what was copied.

    ``cancelled`` is asked before every chunk; when it says so, CopyCancelledError is raised.
    """
    digest = hashlib.sha256()
    try:
        reader = source.open("rb")
    except OSError as error:
        raise _unreadable(source, error) from None
    with reader, target.open("xb") as writer:
        try:
            status = os.fstat(reader.fileno())
        except OSError as error:
            raise _unreadable(source, error) from None
        if not stat.S_ISREG(status.st_mode):
            raise BundleError.single(str(source), "is not a regular file")
        copied = 0
        while chunk := _read(reader, source):
            if cancelled():
                raise CopyCancelledError(str(source))
            copied += len(chunk)
            if copied > limit:
                raise BundleError.single(str(source), f"is larger than {limit // 2**20} MB")
            digest.update(chunk)
            writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return digest.hexdigest()


def copy_folder(source: Path, target: Path, *, cancelled: Cancelled = _never) -> str:
    """Copy the bundle folder ``source`` to the new folder ``target``, leaving out hidden
    and unfinished files; a SHA-256 over every copied name and its content."""
    root = source.resolve()
    files = _bundle_files(root)
    target.mkdir()
    digest = hashlib.sha256()
    total = 0
    folders = {target}
    for name in files:
        destination = target / name
        if destination.parent not in folders:
            destination.parent.mkdir(parents=True, exist_ok=True)
            folders.add(destination.parent)
        copied = copy_file(root / name, destination, limit=MAX_MEMBER_BYTES, cancelled=cancelled)
        total += destination.stat().st_size
        if total > MAX_TOTAL_BYTES:
            raise BundleError.single(
                str(source), f"holds more than {MAX_TOTAL_BYTES // 2**20} MB of files"
            )
        digest.update(_line(name, copied))
    for folder in folders:
        sync_folder(folder)
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of the file at ``path``, read in chunks; OSError if it cannot be."""
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def folder_digest(root: Path) -> str:
    """The digest ``copy_folder`` gave a copy holding the files of ``root``."""
    digest = hashlib.sha256()
    for name in _bundle_files(root.resolve()):
        digest.update(_line(name, file_digest(root / name)))
    return digest.hexdigest()


def _line(name: str, file_digest: str) -> bytes:
    """A file's part of a folder's digest: its name and its content's digest."""
    return f"{name}\0{file_digest}\n".encode()


def _bundle_files(root: Path) -> list[str]:
    """The files a copy of the folder takes, by relative POSIX name, sorted."""

    def unreadable(folder: Path, error: OSError) -> None:
        raise _unreadable(folder, error) from None

    names: list[str] = []
    for entry in entries(root, unreadable, skip=is_temporary):
        path = Path(entry.path)
        name = path.relative_to(root).as_posix()
        if entry.is_symlink() and not path.resolve().is_relative_to(root):
            raise BundleError.single(f"{root}/{name}", "is a link pointing outside the bundle")
        if not entry.is_dir(follow_symlinks=False) and entry.is_file():
            names.append(name)
        if len(names) > MAX_ENTRIES:
            raise BundleError.single(
                str(root),
                f"holds more than {MAX_ENTRIES} files; a bundle may hold {MAX_ENTRIES}",
            )
    return sorted(names)


def _read(reader: object, source: Path) -> bytes:
    try:
        return reader.read(CHUNK)  # type: ignore[attr-defined,no-any-return]
    except OSError as error:
        raise _unreadable(source, error) from None


def _unreadable(path: Path, error: OSError) -> BundleError:
    if error.errno == 2:  # ENOENT
        return BundleError.single(str(path), "does not exist")
    return BundleError.single(str(path), f"cannot be read ({error.strerror})")
