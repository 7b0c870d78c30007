"""Watching the configured bundle: a change is validated in the background.

A valid new bundle is offered to the window (which shows it at the next idle reset);
a broken one is refused and reported while the current one keeps running. A .kiosk
file is copied to a private folder before it is read, so that a curator copying over
it never pulls the file from under the running kiosk.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.bundle import Bundle, BundleError, load
from kiosk.paths import cache_dir

log = logging.getLogger(__name__)

POLL_MS = 2000
SETTLE_MS = 1000
Fingerprint = tuple[object, ...] | None


def fingerprint(path: Path) -> Fingerprint:
    """What changes when the bundle changes: sizes and times of its files."""
    try:
        if path.is_file():
            status = path.stat()
            return (status.st_size, status.st_mtime_ns)
        if path.is_dir():
            return tuple(
                (str(file.relative_to(path)), file.stat().st_size, file.stat().st_mtime_ns)
                for file in sorted(path.rglob("*"))
                if file.is_file()
            )
    except OSError:
        return None
    return None


def staged_copy(path: Path) -> Path:
    """A private copy of a .kiosk file, named by its content."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:20]
    folder = cache_dir() / "bundles"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{digest}.kiosk"
    if not target.exists():
        partial = target.with_suffix(".partial")
        shutil.copyfile(path, partial)
        partial.replace(target)
    return target


def load_staged(path: Path, *, decode_media: bool = True) -> Bundle:
    """Load the bundle at ``path``, from a private copy when it is a .kiosk file."""
    if path.is_file():
        try:
            path = staged_copy(path)
        except OSError as error:
            raise BundleError.single(str(path), f"cannot be copied ({error.strerror})") from None
    return load(path, decode_media=decode_media)


class BundleWatcher(QObject):
    validated = Signal(object)
    refused = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._known = fingerprint(path)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="watcher")
        self._watcher = QFileSystemWatcher(self)
        for watched in (path, path.parent):
            if watched.exists():
                self._watcher.addPath(str(watched))
        self._watcher.fileChanged.connect(self._soon)
        self._watcher.directoryChanged.connect(self._soon)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.check)
        self._poll = QTimer(self)  # file watchers miss some replacements; polling does not
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check)
        self._poll.start()

    def _soon(self, _path: str) -> None:
        self._settle.start()

    def check(self) -> None:
        current = fingerprint(self.path)
        if current != self._known:
            self._known = current
            log.info("the bundle at %s changed; checking it", self.path)
            self._pool.submit(self._validate)

    def _validate(self) -> None:
        try:
            bundle = load_staged(self.path)
        except BundleError as error:
            self.refused.emit(str(error))
        except Exception as error:
            log.exception("checking the changed bundle failed")
            self.refused.emit(f"{self.path}: could not be checked ({error})")
        else:
            self.validated.emit(bundle)

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()
        self._pool.shutdown(wait=True, cancel_futures=True)
