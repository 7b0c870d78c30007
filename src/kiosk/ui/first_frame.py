"""The first frame of the last start, on screen before the kiosk has loaded.

A full start takes about half a second, most of it imports (pydantic and the bundle
models, the window) and checking the bundle; a kiosk starting at login, or restarting
after a crash, would show the desktop all that time. So the first frame the live window
paints is kept, with a stamp of everything that decides it: the kiosk and Qt versions,
the command line and Qt's environment, the settings file, every file and folder of the
bundles, the screen. At the next start, when nothing in the stamp has changed, that
frame goes on screen at once, before anything heavy is imported; the kiosk then starts
as always behind it, and the live window replaces it as soon as it has painted.

It is only ever a picture: it takes no input and decides nothing. A missing, stale or
damaged stamp or frame means no picture, never an error. Windowed previews keep none.
The stamp holds the frame's CRC-32, checked before the frame is shown: the cache can be
damaged (a torn write, a bad sector), but nobody who could forge it is kept out by a
stronger hash, since the stamp sits beside the frame. CRC-32 costs about 3 ms for a
1080p frame and 8 ms at 4K, where BLAKE2b costs 12 and 46 ms (benchmarked on the kiosk's
CI machine).
"""

from __future__ import annotations

import json
import logging
import os
import time
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import PySide6
import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from kiosk import __version__
from kiosk.paths import cache_dir, default_config_path, replace_atomically, system_config_path
from kiosk.ui.application import LOOSENING, application, fill_screen

log = logging.getLogger("kiosk.first_frame")

STAMP_FILE = "first-frame.json"
FRAME_FILE = "first-frame.rgb"
#: Files and folders stat-ed at start at most; a bigger bundle starts without a picture.
MAX_ENTRIES = 20_000
#: How long the picture may wait for the window system before the start goes on.
SHOW_WAIT_S = 0.5
#: The live window normally replaces the picture within a second; this is the backstop.
RETIRE_LATEST_MS = 10_000
FORMAT = QImage.Format.Format_RGB32


def _identity(argv: Sequence[str], config: Path) -> dict[str, Any]:
    """What decides the first frame besides files and the screen."""
    return {
        "kiosk": __version__,
        "qt": PySide6.__version__,
        "argv": list(argv),
        "environment": {
            key: value
            for key, value in sorted(os.environ.items())
            if key.startswith("QT_") and key not in LOOSENING
        },
        "config": str(config),
    }


def _screen(screen: QScreen, index: int) -> dict[str, Any]:
    """The screen as the stamp records it."""
    geometry = screen.geometry()
    return {
        "index": index,
        "geometry": [geometry.x(), geometry.y(), geometry.width(), geometry.height()],
        "ratio": screen.devicePixelRatio(),
    }


def _fingerprint(paths: Sequence[Path]) -> dict[str, list[int]] | None:
    """Size, times and identity of each path and of everything in the folders among them.

    The change time cannot be set back by copying tools, and a folder's times change when
    anything is added to it or removed. None when there are too many to be quick.
    """
    entries: dict[str, list[int]] = {}

    def note(path: Path) -> None:
        try:
            status = path.stat()
        except OSError:
            entries[str(path)] = []  # absent, or unreadable: that too is part of the stamp
            return
        entries[str(path)] = [status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino]

    for root in paths:
        note(root)
        for folder, folders, files in os.walk(root):
            for name in sorted(folders) + sorted(files):
                note(Path(folder, name))
            if len(entries) > MAX_ENTRIES:
                return None
    return entries


class FirstFrame(QWidget):
    """A still picture of the first slide, full screen, until the live window is up."""

    def __init__(self, image: QImage, buffer: bytes) -> None:
        super().__init__(None, Qt.WindowType.FramelessWindowHint)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("kiosk")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._image = image
        self._buffer = buffer  # the image's pixels: QImage does not own them
        self.painted = False
        self._latest = QTimer(self)
        self._latest.setSingleShot(True)
        self._latest.setInterval(RETIRE_LATEST_MS)
        self._latest.timeout.connect(self.retire)
        self._latest.start()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        painter.end()
        self.painted = True

    def retire(self) -> None:
        """The live window has painted over it: let it go, pixels and all.

        Safe to call at any time, any number of times: when the window paints late, the
        backstop has already closed the cover, and Qt has deleted it.
        """
        self._image, self._buffer = QImage(), b""
        if not shiboken6.isValid(self):
            return
        self._latest.stop()
        self.close()


def show_cached(argv: Sequence[str], config: Path | None) -> FirstFrame | None:
    """Put the last start's first frame on screen, if nothing that decides it changed."""
    try:
        return _show(argv, config or default_config_path())
    except Exception as error:  # noqa: BLE001 - only a head start: the kiosk starts anyway
        log.debug("no first frame: %s", error)
        return None


def _show(argv: Sequence[str], config: Path) -> FirstFrame | None:
    folder = cache_dir()
    stamp = json.loads((folder / STAMP_FILE).read_text(encoding="utf-8"))
    if any(stamp.get(key) != value for key, value in _identity(argv, config).items()):
        return None
    if _fingerprint([system_config_path(), config, *map(Path, stamp["bundles"])]) != stamp["files"]:
        return None
    width, height, stride = (int(stamp["frame"][key]) for key in ("width", "height", "stride"))
    buffer = (folder / FRAME_FILE).read_bytes()
    if width <= 0 or stride < width * 4 or len(buffer) != stride * height:
        return None
    if zlib.crc32(buffer) != int(stamp["frame"]["crc32"]):
        log.debug("the kept first frame is damaged")
        return None
    app = application()
    screens = app.screens()
    index = int(stamp["screen"]["index"])
    if not 0 <= index < len(screens) or _screen(screens[index], index) != stamp["screen"]:
        return None
    image = QImage(buffer, width, height, stride, FORMAT)
    image.setDevicePixelRatio(screens[index].devicePixelRatio())
    cover = FirstFrame(image, buffer)
    fill_screen(cover, screens[index])
    deadline = time.monotonic() + SHOW_WAIT_S
    while not cover.painted and time.monotonic() < deadline:
        app.processEvents()
        if not cover.painted:
            time.sleep(0.002)
    app.sync()  # the picture reaches the window system before the long imports begin
    return cover


class _FirstPaint(QObject):
    """Calls back once, just after the first frame of a window and its children.

    The children are watched too: a window covered by opaque children gets no paint of its
    own. All of a frame is painted in one pass, so the callback, queued at its first paint
    event, runs once the whole frame is painted and flushed.
    """

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback = callback
        self._watched = [window, *window.findChildren(QWidget)]
        for widget in self._watched:
            widget.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and self._watched:
            for widget in self._watched:
                widget.removeEventFilter(self)
            self._watched = []
            callback, self._callback = self._callback, _nothing
            QTimer.singleShot(0, callback)
        return False


def _nothing() -> None:
    """What a spent first-paint watcher would call."""


def after_first_paint(window: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once ``window`` has painted its first frame."""
    _FirstPaint(window, callback)


def record(window: QWidget, argv: Sequence[str], config: Path, bundles: Sequence[Path]) -> bool:
    """Keep what ``window`` shows now as the next start's first frame.

    Returns whether anything was written: nothing is when the kept frame is the same, or
    when the window does not fill its screen. A failure is logged, never raised.
    """
    try:
        return _record(window, argv, config, bundles)
    except Exception as error:  # noqa: BLE001 - the kiosk runs the same without it
        log.warning("the first frame could not be kept for the next start: %s", error)
        return False


def _record(window: QWidget, argv: Sequence[str], config: Path, bundles: Sequence[Path]) -> bool:
    screen = window.screen()
    if window.geometry() != screen.geometry() or not window.isVisible():
        return False
    files = _fingerprint([system_config_path(), config, *bundles])
    if files is None:
        return False
    image = window.grab().toImage().convertToFormat(FORMAT)
    pixels = image.constBits()  # a view: a 4K frame is 33 MB, not copied
    stamp = {
        **_identity(argv, config),
        "bundles": [str(path) for path in bundles],
        "files": files,
        "screen": _screen(screen, QApplication.screens().index(screen)),
        "frame": {
            "width": image.width(),
            "height": image.height(),
            "stride": image.bytesPerLine(),
            "crc32": zlib.crc32(pixels),
        },
    }
    folder = cache_dir()
    stamp_path, frame_path = folder / STAMP_FILE, folder / FRAME_FILE
    try:
        if json.loads(stamp_path.read_text(encoding="utf-8")) == stamp and (
            frame_path.read_bytes() == pixels
        ):
            return False
    except (OSError, ValueError):
        pass
    folder.mkdir(parents=True, exist_ok=True)
    # The stamp goes first and comes back last: a frame is never paired with another's.
    stamp_path.unlink(missing_ok=True)
    replace_atomically(frame_path, pixels)
    replace_atomically(stamp_path, json.dumps(stamp).encode("utf-8"))
    return True
