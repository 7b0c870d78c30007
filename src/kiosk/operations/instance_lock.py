"""One kiosk at a time: an exclusive lock on a file in the user's runtime folder.

Two kiosks for one user would cover each other's screen and stage bundles into the same
cache. The lock is an advisory ``flock`` (``msvcrt.locking`` on Windows) that the
operating system drops when the process ends however it ends, so a crash never leaves a
stale lock behind. The file holds the pid of the holder, for the message a second start
prints. ``kiosk --supervise`` takes the lock itself and hands it to its child.

A lock is a courtesy, not a reason to stay down: when no folder can hold one (a
read-only or full runtime folder, a file where the folder should be), the kiosk runs
without it and says why.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.paths import APP, runtime_dir

LOCK_FILE = "kiosk.lock"
#: Windows locks a byte range, which others then cannot read: the lock sits far past the
#: pid at the start of the file.
_WINDOWS_LOCK_OFFSET = 1 << 20
_HELD = {errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", -1)}


class AlreadyRunningError(Exception):
    """Another process holds the lock."""

    def __init__(self, path: Path, holder: int | None) -> None:
        self.path = path
        self.holder = holder
        who = f"pid {holder}" if holder else "another process"
        super().__init__(f"another kiosk is already running ({who}, lock {path}); this one exits")


@dataclass
class InstanceLock:
    """A held lock; ``fd`` is what a supervisor passes on to its child."""

    path: Path
    fd: int

    def release(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)  # closing the last descriptor drops the lock
            self.fd = -1


def lock_folders() -> list[Path]:
    """Where the lock may go, best first: the runtime folder, then a private temp folder."""
    folders = []
    with contextlib.suppress(OSError):
        folders.append(runtime_dir())
    user = f"-{os.getuid()}" if hasattr(os, "getuid") else ""  # Windows: %TEMP% is the user's
    folders.append(Path(tempfile.gettempdir()) / f"{APP}{user}")
    return folders


def acquire(folders: Sequence[Path] | None = None) -> tuple[InstanceLock | None, list[str]]:
    """Take the lock in the first folder that can hold it.

    Returns the lock, or None when no folder could hold one, with the problems met on
    the way. Raises AlreadyRunningError when another process holds it.
    """
    problems: list[str] = []
    for folder in lock_folders() if folders is None else folders:
        path = folder / LOCK_FILE
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError as error:
            problems.append(f"no lock in {folder}: {error.strerror or error}")
            continue
        try:
            _lock(fd)
        except OSError as error:
            if error.errno in _HELD:
                holder = _holder(fd)
                os.close(fd)
                raise AlreadyRunningError(path, holder) from None
            os.close(fd)
            problems.append(f"no lock in {folder}: {error.strerror or error}")
            continue
        _write_pid(fd)
        return InstanceLock(path, fd), problems
    problems.append("the kiosk runs without its single-instance lock")
    return None, problems


def _lock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _write_pid(fd: int) -> None:
    """Best effort: on a full disk the lock holds all the same, without a name."""
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{os.getpid()}\n".encode())
    except OSError:
        pass


def _holder(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
