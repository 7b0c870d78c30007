"""Where private copies of bundles live, and how few of them are kept.

A copy is made in a hidden ``.incoming-*`` folder and renamed to its digest once whole
and on the disk, so a name in the store always means complete, hashed bytes. The store
tries its folders in turn (the data folder first): a full disk, a read-only mount or a
file where a folder should be sends the copy to the next one, and when none can take it
the bundle is read where it is. Partial and refused copies are deleted, and
``keep_only`` deletes every copy nobody uses: the store never grows.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.bundle.errors import BundleError
from kiosk.content.copy import copy_file, copy_folder
from kiosk.content.fingerprint import Fingerprint, fingerprint
from kiosk.content.names import is_temporary
from kiosk.content.tree import entries
from kiosk.paths import sync_folder

log = logging.getLogger(__name__)

INCOMING = ".incoming-"
#: Room left free on a disk after a copy, so the kiosk never fills it to the last byte.
HEADROOM = 16 * 1024 * 1024
#: Characters of the digest in a copy's name: plenty to tell copies apart.
NAME_DIGITS = 32


@dataclass(frozen=True)
class Staged:
    """A bundle ready to load: a private copy, or the original when no copy was possible."""

    path: Path
    source: Path
    #: SHA-256 of the copied bytes; None when the bundle is read where it is.
    digest: str | None
    #: The original's fingerprint just before it was copied.
    fingerprint: Fingerprint

    @property
    def private(self) -> bool:
        return self.digest is not None


class Store:
    """Private copies of bundles, in the first of ``folders`` that can take them."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = list(folders)
        #: Set when the kiosk stops: a copy under way is abandoned (CopyCancelledError).
        self.cancel = threading.Event()

    def stage(self, source: Path, before: Fingerprint | None = None) -> Staged:
        """A private copy of the bundle at ``source``, copied once and hashed as copied.

        ``before`` is the original's fingerprint, if the caller has just taken it.
        Raises BundleError when the original is missing, unreadable or too big, or when it
        changed while it was copied (it is being written: try again once it is quiet).
        """
        before = fingerprint(source) if before is None else before
        if before[0] == "unreadable":
            raise _missing(source)
        if not source.is_dir() and not source.is_file():
            raise BundleError.single(str(source), "is neither a folder nor a .kiosk file")
        needed = _size(source)
        reasons: list[str] = []
        for folder in self.folders:
            try:
                staged, created = self._stage_in(folder, source, needed, before)
            except OSError as error:
                reasons.append(f"{folder}: {error.strerror or error}")
                continue
            if fingerprint(source) != before:
                if created:  # else the same bytes were there before, perhaps on screen
                    self.discard(staged)
                raise BundleError.single(
                    str(source), "changed while it was being copied; it is checked again later"
                )
            return staged
        log.warning(
            "no folder can take a private copy of %s (%s); reading it where it is: "
            "copying over it while the kiosk runs may mix old and new content",
            source,
            "; ".join(reasons),
        )
        return Staged(source, source, None, before)

    def _stage_in(
        self, folder: Path, source: Path, needed: int, before: Fingerprint
    ) -> tuple[Staged, bool]:
        """A copy of ``source`` in ``folder``, and whether it is new there."""
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        owner = folder.stat().st_uid
        if hasattr(os, "getuid") and owner != os.getuid():
            raise OSError(1, f"the folder belongs to user {owner}, not to the kiosk")
        free = shutil.disk_usage(folder).free
        if free < needed + HEADROOM:
            raise OSError(28, f"{free // 2**20} MB free, {(needed + HEADROOM) // 2**20} MB needed")
        for leftover in folder.glob(f"{INCOMING}*"):  # a copy killed half-way (SIGKILL)
            _remove(leftover)
        incoming = Path(tempfile.mkdtemp(prefix=INCOMING, dir=folder))
        try:
            if source.is_dir():
                digest = copy_folder(source, incoming / "bundle", cancelled=self.cancel.is_set)
                suffix = ""
            else:
                digest = copy_file(source, incoming / "bundle.kiosk", cancelled=self.cancel.is_set)
                suffix = ".kiosk"
            final = folder / f"{digest[:NAME_DIGITS]}{suffix}"
            created = not final.exists()  # else the very same bytes are there already
            if created:
                (incoming / f"bundle{suffix}").replace(final)
                sync_folder(folder)
        finally:
            shutil.rmtree(incoming, ignore_errors=True)
        return Staged(final, source, digest, before), created

    def discard(self, staged: Staged) -> None:
        """Delete a copy nobody uses (``keep_only`` is the safe way: it spares copies in
        use, which a new copy of the same bytes shares its name with)."""
        if staged.private:
            _remove(staged.path)

    def keep_only(self, keep: Iterable[Staged | Path | None]) -> None:
        """Delete every copy, partial or whole, but those in ``keep``."""
        wanted = set()
        for item in keep:
            if item is None:
                continue
            path = item.path if isinstance(item, Staged) else item
            wanted.add(path.resolve())
        for folder in self.folders:
            try:
                entries = list(folder.iterdir())
            except OSError:
                continue
            for entry in entries:
                if entry.resolve() not in wanted:
                    _remove(entry)


def _size(source: Path) -> int:
    """Bytes a copy of ``source`` takes, about (checked before copying)."""
    if source.is_file():
        return source.stat().st_size
    total = 0
    for entry in entries(source, _ignore, skip=is_temporary):
        with contextlib.suppress(OSError):
            total += entry.stat().st_size if entry.is_file() else 0
    return total


def _ignore(_folder: Path, _error: OSError) -> None:
    """An unreadable folder adds nothing to the size; the copy will say what is wrong."""


def _missing(source: Path) -> BundleError:
    if not source.exists() and not source.is_symlink():
        return BundleError.single(str(source), "does not exist")
    return BundleError.single(str(source), "cannot be read")


def _remove(path: Path) -> None:
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError as error:
        log.warning("could not delete the old copy %s: %s", path, error.strerror)
