"""The window's side of ``kiosk.health``: write the health files every minute, and an
optional screenshot every N minutes, from the GUI thread's timers.

The window counts from the moment it is made; writing starts with ``start`` (the kiosk
calls it once the first frame is painted), so a window made by a test or a tool writes
nothing it was not asked to.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk import __version__
from kiosk.config import Settings
from kiosk.health import Health, ProblemHandler, default_health_dir, restarts_from, write
from kiosk.paths import replace_atomically

log = logging.getLogger(__name__)

WRITE_MS = 60_000
SCREENSHOT_FILE = "screenshot.png"


class HealthReport(QObject):
    """``health`` for ``window``: fed by the window, written by the timers.

    ``wall`` gives seconds since the epoch, for the times the files name; ``clock`` the
    window's monotonic seconds, for the uptime (tests pass fake ones of both)."""

    def __init__(
        self,
        window: QWidget,
        settings: Settings,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.clock, self.wall = clock, wall
        self._began = clock()
        self.folder = settings.health_dir or default_health_dir()
        self.health = Health(__version__, wall(), restarts=restarts_from())
        self._handler = ProblemHandler(self.health)
        logging.getLogger().addHandler(self._handler)
        self._failed = False
        self._writer = QTimer(self)
        self._writer.setInterval(WRITE_MS)
        self._writer.timeout.connect(self.write)
        self._camera = QTimer(self)
        self._camera.setInterval(max(1, settings.health_screenshot_minutes) * WRITE_MS)
        self._camera.timeout.connect(self.screenshot)
        self._screenshots = settings.health_screenshot_minutes > 0
        self._started = False

    def start(self) -> None:
        """Write now, then every minute (and take screenshots, if asked)."""
        self._started = True
        self.write()
        self._writer.start()
        if self._screenshots:
            self.screenshot()
            self._camera.start()

    def stop(self) -> None:
        """The kiosk ends: its last files say so (``kiosk_up 0``)."""
        self._writer.stop()
        self._camera.stop()
        logging.getLogger().removeHandler(self._handler)
        if self._started:
            self.health.up = False
            self.write()
            self._started = False

    def write(self) -> None:
        insights = getattr(self.window, "insights", None)  # kiosk.insights' Store
        if insights is not None:
            self.health.insights_recording = insights.recording
            self.health.insights_dropped = insights.dropped
        try:
            write(self.health, self.folder, self.wall(), self.clock() - self._began)
        except OSError as error:
            self._report(error)
        else:
            self._failed = False

    def screenshot(self) -> None:
        """The window as visitors see it, as PNG, replaced whole."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.window.grab().save(buffer, "PNG")
        buffer.close()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            replace_atomically(self.folder / SCREENSHOT_FILE, data.data())
        except OSError as error:
            self._report(error)

    def _report(self, error: OSError) -> None:
        # Once, not every minute: a full disk would otherwise fill the log too.
        if not self._failed:
            log.warning(
                "the health files cannot be written in %s (%s); set health_dir in the "
                "settings to a folder the kiosk may write",
                self.folder,
                error,
            )
        self._failed = True
