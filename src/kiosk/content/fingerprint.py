"""What changes when a bundle changes: sizes, times and identities of its files.

Cheap enough to take every couple of seconds, and taken off the GUI thread. File times
tick coarsely (a few milliseconds), so a file rewritten at once with the same size could
look unchanged: a little content is read too, the end of a .kiosk (its central directory
holds every member's CRC) and a folder's bundle.toml. Unfinished files of copying tools
count too: while they change, a copy is still under way.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from kiosk.content.tree import entries

#: Entries looked at, at most; a bigger folder is not a bundle the loader would take.
MAX_ENTRIES = 20_000
#: Bytes read from the end of a file, or from a folder's bundle.toml.
SAMPLE_BYTES = 64 * 1024

Fingerprint = tuple[object, ...]


def fingerprint(path: Path) -> Fingerprint:
    """A value that changes whenever the file or folder at ``path`` does."""
    try:
        status = path.stat()
    except OSError as error:
        return ("unreadable", error.errno)
    if stat.S_ISDIR(status.st_mode):
        return ("folder", _sample(path / "bundle.toml", end=False), *_folder(path))
    times = (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
    return ("file", *times, _sample(path, end=True))


def _sample(path: Path, *, end: bool) -> str:
    """A digest of the first or last bytes of ``path`` ('' if it cannot be read)."""
    try:
        with path.open("rb") as file:
            if end:
                file.seek(max(0, file.seek(0, os.SEEK_END) - SAMPLE_BYTES))
            return hashlib.blake2b(file.read(SAMPLE_BYTES), digest_size=16).hexdigest()
    except OSError:
        return ""


def _folder(root: Path) -> tuple[object, ...]:
    found: list[tuple[object, ...]] = []

    def unreadable(folder: Path, error: OSError) -> None:
        found.append((str(folder), "unreadable", error.errno))

    for entry in entries(root, unreadable):
        if len(found) >= MAX_ENTRIES:
            return (*found, "too many entries")
        try:
            status = entry.stat()
        except OSError as error:
            found.append((entry.path, "unreadable", error.errno))
            continue
        found.append(
            (entry.path, status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)
        )
    return tuple(found)
