"""Reloading the previewed bundle when the curator saves.

Editors save by writing a new file and renaming it over the old one: the watched file
is then gone, and QFileSystemWatcher forgets it. So the folders are watched as well,
and every path is added again after each change. Changes are gathered for a moment
(an editor's save, or a folder of pictures copied in, is several events) and the bundle
is then loaded and checked in full on the GUI thread: fonts and pictures are checked
with Qt, which wants that thread, and a preview may pause for a moment where a kiosk
may not.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.ui.preview.content import Content, Failure, load_content

log = logging.getLogger(__name__)

#: How long changes are gathered before the bundle is loaded again.
DEBOUNCE_MS = 200
#: Files watched one by one, at most (the folders are always watched).
MAX_WATCHED_FILES = 400


class Reloader(QObject):
    """Loads the bundle at ``path`` now and after every change to it."""

    #: A :class:`Content` or a :class:`Failure`, and the milliseconds loading took.
    loaded = Signal(object, float)

    def __init__(
        self, path: Path, parent: QObject | None = None, *, debounce_ms: int = DEBOUNCE_MS
    ) -> None:
        super().__init__(parent)
        self.path = path
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._changed)
        self._watcher.directoryChanged.connect(self._changed)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.reload)
        self._watch()

    def reload(self) -> None:
        """Load the bundle now; the result comes as ``loaded``."""
        self._timer.stop()
        started = time.perf_counter()
        result: Content | Failure = load_content(self.path)
        self._watch()  # a folder the save created (media/fonts) is watched from now on
        self.loaded.emit(result, (time.perf_counter() - started) * 1000)

    def stop(self) -> None:
        self._timer.stop()
        paths = self._watcher.files() + self._watcher.directories()
        if paths:
            self._watcher.removePaths(paths)

    def _changed(self, _path: str) -> None:
        self._watch()
        self._timer.start()  # again: gathered until the saves stop for a moment

    def _watch(self) -> None:
        """Watch the bundle's files and folders, adding any that came back or are new."""
        wanted = [str(path) for path in watched_paths(self.path)]
        present = set(self._watcher.files() + self._watcher.directories())
        missing = [path for path in wanted if path not in present]
        if missing:
            self._watcher.addPaths(missing)


def watched_paths(path: Path) -> list[Path]:
    """What to watch for a bundle at ``path``: a folder, every folder and file inside it
    (media, fonts, captions; hidden ones left out, and files only up to
    ``MAX_WATCHED_FILES``: a picture saved in place changes no folder); a .kiosk file and
    the folder it is in."""
    if not path.is_dir():
        return [path, path.parent] if path.exists() else [path.parent]
    folders, files = [path], []
    for found in sorted(path.rglob("*")):
        if any(part.startswith(".") for part in found.relative_to(path).parts):
            continue
        if found.is_dir():
            folders.append(found)
        elif len(files) < MAX_WATCHED_FILES:
            files.append(found)
    return folders + files
