"""Keeping the screen awake while the full-screen kiosk runs.

Two ways a screen goes dark: the X server's own screen saver and DPMS (a bare X session,
the kiosk's usual home), turned off through ``kiosk.operations.screensaver`` and put back
when the kiosk ends cleanly; and a desktop's screen saver or idle blanking, inhibited over
the session D-Bus (org.freedesktop.ScreenSaver). The inhibition lasts as long as the
kiosk's bus connection: it ends with the process.

Nothing here may delay or break the start: the X calls take a few milliseconds on a
connection of their own, the D-Bus calls are asynchronous and their answers only logged,
and without an X server or a session bus there is simply nothing to do. The windowed
preview never comes here.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from kiosk.operations import screensaver

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection

log = logging.getLogger(__name__)

APPLICATION = "kiosk"
REASON = "An exhibition kiosk is showing"
#: The freedesktop.org interface: KDE, Xfce, MATE, Cinnamon, and GNOME (through its
#: settings daemon's proxy) all answer it, with strings only for arguments.
SERVICE = "org.freedesktop.ScreenSaver"
PATH = "/org/freedesktop/ScreenSaver"


class Awake(QObject):
    """Holds the screen awake for the application's lifetime; restores X at a clean exit."""

    def __init__(self, app: QGuiApplication) -> None:
        super().__init__(app)
        self.saved: screensaver.Saved | None = None
        self.cookie: int | None = None
        self._watcher: QObject | None = None
        platform = app.platformName()
        if platform == "xcb":
            self.saved = screensaver.disable()
            if self.saved is not None:
                app.aboutToQuit.connect(self.restore)
        if platform in ("xcb", "wayland"):
            self._inhibit_over_dbus()
        else:
            log.debug("platform %s: the screen saver is left as it is", platform)

    def restore(self) -> None:
        """The kiosk ends cleanly: the X server's settings go back to what they were."""
        if self.saved is not None:
            screensaver.restore(self.saved)
            self.saved = None

    def _inhibit_over_dbus(self) -> None:
        bus = session_bus()
        if bus is None:
            return
        from PySide6.QtDBus import QDBusMessage, QDBusPendingCallWatcher

        message = QDBusMessage.createMethodCall(SERVICE, PATH, SERVICE, "Inhibit")
        message.setArguments([APPLICATION, REASON])
        self._watcher = QDBusPendingCallWatcher(bus.asyncCall(message), self)
        self._watcher.finished.connect(self._answered)

    def _answered(self, watcher: QObject) -> None:
        from PySide6.QtDBus import QDBusPendingCallWatcher

        assert isinstance(watcher, QDBusPendingCallWatcher)
        if watcher.isError():
            log.info("no desktop screen saver to inhibit (%s)", watcher.error().name())
        else:
            values = watcher.reply().arguments()
            self.cookie = int(values[0]) if values else 0
            log.info("the desktop's screen saver is inhibited while the kiosk runs")
        watcher.deleteLater()
        self._watcher = None


def session_bus() -> QDBusConnection | None:
    """The session bus if the session has one; never starts one (no D-Bus autolaunch).

    Without DBUS_SESSION_BUS_ADDRESS, libdbus would try $XDG_RUNTIME_DIR/bus and then
    spawn dbus-launch on the X display: only the first is wanted.
    """
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not address and not (runtime and Path(runtime, "bus").exists()):
        log.debug("no session bus: nothing to inhibit")
        return None
    from PySide6.QtDBus import QDBusConnection

    if address:
        bus = QDBusConnection.sessionBus()
    else:
        bus = QDBusConnection.connectToBus(f"unix:path={Path(str(runtime), 'bus')}", "kiosk")
    if not bus.isConnected():
        log.debug("the session bus cannot be reached: %s", bus.lastError().message())
        return None
    return bus


def keep_awake() -> None:
    """Keep the screen on for the application's lifetime (full-screen kiosk only).

    The ``Awake`` made here is a child of the application, which keeps it.
    """
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    try:
        Awake(app)
    except Exception as error:  # noqa: BLE001 - a screen saver must never stop the kiosk
        log.warning("the screen saver could not be turned off: %s", error)
