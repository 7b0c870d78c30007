"""Signs of life from the GUI thread, for whoever supervises the kiosk.

A timer on the GUI thread beats every few seconds: a byte down the heartbeat pipe when
``kiosk --supervise`` started the kiosk, and ``WATCHDOG=1`` when systemd runs it with
``WatchdogSec=``. Only a running event loop fires the timer, so a frozen or stopped
kiosk falls silent, and is killed and restarted. ``READY=1`` tells systemd the kiosk is
up once the window has painted. Without a supervisor and without systemd this does
nothing but tick.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.operations import sd_notify
from kiosk.operations.heartbeat import Heartbeat
from kiosk.ui.first_frame import after_first_paint

log = logging.getLogger("kiosk.liveness")

BEAT_MS = 2000


class Liveness(QObject):
    def __init__(self, window: QWidget, environ: Mapping[str, str] = os.environ) -> None:
        super().__init__(window)
        self._window = window
        self._environ = environ
        self._heartbeat = Heartbeat.from_environment(environ)
        watchdog = sd_notify.watchdog_seconds(environ)
        self._watchdog = watchdog is not None
        interval = BEAT_MS if watchdog is None else min(BEAT_MS, round(watchdog * 1000 / 3))
        self._timer = QTimer(self)
        self._timer.setInterval(max(100, interval))
        self._timer.timeout.connect(self.beat)
        self.ready_sent = False
        after_first_paint(window, self.ready)

    def start(self) -> None:
        if self._heartbeat is not None:
            log.info("supervised: a heartbeat every %d ms", self._timer.interval())
        if self._watchdog:
            log.info("systemd's watchdog is on: WATCHDOG=1 every %d ms", self._timer.interval())
        self._timer.start()

    def ready(self) -> None:
        """The window is on screen: systemd may consider the start done."""
        if self.ready_sent:
            return
        self.ready_sent = True
        if sd_notify.notify("READY=1\nSTATUS=Showing the exhibition", self._environ):
            log.info("systemd was told the kiosk is ready")
        self.beat()  # the first sign of life ends a supervisor's start-up grace

    def beat(self) -> None:
        if not self.ready_sent and self._window.isVisible():
            self.ready()  # the paint came before we watched for it
            return
        if self._watchdog:
            sd_notify.notify("WATCHDOG=1", self._environ)
        if self._heartbeat is not None and not self._heartbeat.beat():
            log.warning("the supervisor has gone; the kiosk stops too")
            self._heartbeat.close()
            self._heartbeat = None
            app = QApplication.instance()
            if app is not None:
                app.exit(0)

    def stop(self) -> None:
        self._timer.stop()
        sd_notify.notify("STOPPING=1", self._environ)
