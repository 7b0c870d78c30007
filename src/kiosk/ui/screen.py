"""Keeping the kiosk window on its whole screen, whatever the screen or other clients do.

On a bare X server nobody else does it: a projector switched to another resolution, a
screen unplugged, or any X client unmapping, moving or resizing the window would leave
the desktop showing, or the buttons off screen. The keeper follows Qt's screen signals
and the window's own events, and re-fits the window to its screen (``fill_screen``); a
check once a second is the backstop for anything that came without an event. The window
re-lays and re-renders its slides for the new size on its own resize event.

The screen is the configured one while it exists; when it goes, screen 0, and back to the
configured one when it returns. Only for the full-screen kiosk: never the windowed preview.
"""

from __future__ import annotations

import logging
from contextlib import suppress

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QGuiApplication, QScreen, QWindow
from PySide6.QtWidgets import QWidget

from kiosk.ui.application import fill_screen

log = logging.getLogger(__name__)

#: How often the backstop looks (a geometry comparison: a few microseconds).
CHECK_MS = 1000
#: How long a burst of events (a mode switch sends several) settles before re-fitting.
SETTLE_MS = 60
#: Platforms without a window system, which warn at raise().
HEADLESS = ("offscreen", "minimal")


class ScreenKeeper(QObject):
    """Re-fits ``window`` to screen ``wanted`` (or screen 0 while it is missing)."""

    def __init__(self, window: QWidget, wanted: int) -> None:
        super().__init__(window)
        self._window = window
        self._wanted = wanted
        self._screen: QScreen | None = None
        self._handle: QWindow | None = None
        self._exposed = False  # once exposed, an unexposed window was unmapped by someone
        self._fitted = QRect()  # the screen's geometry at the last fit
        self.refits = 0
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SETTLE_MS)
        self._soon.timeout.connect(self.check)
        self._backstop = QTimer(self)
        self._backstop.setInterval(CHECK_MS)
        self._backstop.timeout.connect(self.check)

    # --- the screen ------------------------------------------------------------------

    def target(self) -> QScreen | None:
        """The configured screen while it exists, else screen 0."""
        screens = QGuiApplication.screens()
        if not screens:
            return None
        return screens[self._wanted] if self._wanted < len(screens) else screens[0]

    def _follow(self, screen: QScreen) -> None:
        if screen is self._screen:
            return
        if self._screen is not None:
            index = QGuiApplication.screens().index(screen)
            if index == self._wanted:
                log.info("screen %d is back", index)
            else:
                log.warning("there is no screen %d now; using screen %d", self._wanted, index)
            with suppress(RuntimeError, TypeError):  # a screen that is gone has no signal
                self._screen.geometryChanged.disconnect(self._screen_changed)
        self._screen = screen
        screen.geometryChanged.connect(self._screen_changed)

    def _screen_changed(self, *_changed: object) -> None:
        self._soon.start()

    # --- the window ------------------------------------------------------------------

    def start(self) -> None:
        """Fit the window now, and keep it fitted from now on."""
        screen = self.target()
        if screen is None:
            return
        self._follow(screen)
        fill_screen(self._window, screen)
        self._fitted = screen.geometry()
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.screenAdded.connect(self._screen_changed)
        app.screenRemoved.connect(self._screen_changed)
        app.primaryScreenChanged.connect(self._screen_changed)
        self._window.installEventFilter(self)
        self._watch_handle()
        self._backstop.start()

    def stop(self) -> None:
        self._backstop.stop()
        self._soon.stop()

    def _watch_handle(self) -> None:
        handle = self._window.windowHandle()
        if handle is not self._handle:
            if self._handle is not None:
                self._handle.removeEventFilter(self)
            self._handle = handle
            if handle is not None:
                handle.installEventFilter(self)
        self._exposed = self._exposed or (handle is not None and handle.isExposed())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Expose and watched is self._handle:
            if self._handle.isExposed():
                self._exposed = True
            else:
                self._soon.start()  # unmapped: by us (re-fitting) or by another client
        elif kind in (QEvent.Type.Move, QEvent.Type.Resize):
            self._soon.start()  # look once things settle; our own re-fit also comes here
        return False

    def misfit(self) -> str | None:
        """Why the window does not fill its screen now, or None when it does."""
        screen = self.target()
        if screen is None or not self._backstop.isActive():
            return None
        window = self._window
        if not window.isVisible():
            return None  # hidden or closed by the kiosk itself (staff exit): leave it so
        handle = window.windowHandle()
        if handle is None or (self._exposed and not handle.isExposed()):
            return "unmapped"  # by another X client: Qt still counts the window as shown
        if screen is not self._screen:
            return "another screen"
        if screen.geometry() != self._fitted:
            return "the screen changed"
        if window.geometry() != screen.geometry():
            return "moved or resized"
        return None

    def check(self) -> None:
        """Re-fit the window if it does not fill its screen (cheap when it does)."""
        reason = self.misfit()
        screen = self.target()
        if reason is None or screen is None:
            return
        self._follow(screen)
        window = self._window
        if reason == "unmapped":
            window.hide()  # Qt still counts it as shown: without this, show does nothing
            self._exposed = False
        fill_screen(window, screen)
        self._fitted = screen.geometry()
        if QGuiApplication.platformName() not in HEADLESS:
            window.raise_()  # above whatever another client put on top
        self._watch_handle()
        self.refits += 1
        size = screen.geometry().size()
        log.info(
            "re-fitted to %dx%d on screen %d (%s)",
            size.width(),
            size.height(),
            QGuiApplication.screens().index(screen),
            reason,
        )


def keep_full_screen(window: QWidget, wanted: int) -> ScreenKeeper:
    """Show ``window`` on screen ``wanted`` (0 if there is none such), and keep it there."""
    if wanted >= len(QGuiApplication.screens()):
        log.warning("there is no screen %d; using screen 0", wanted)
    keeper = ScreenKeeper(window, wanted)
    keeper.start()
    return keeper
