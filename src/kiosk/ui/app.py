"""Starting the live kiosk, in order: logging, bundle, application, window, loop.

Each phase is logged with its time. A configured bundle that is broken is reported in
the log and the built-in bundle runs instead: the kiosk always shows something.
"""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk import __version__, logs
from kiosk.bundle import Bundle, BundleError
from kiosk.config import Effective
from kiosk.paths import builtin_bundle, default_log_dir
from kiosk.ui.application import application, fill_screen
from kiosk.ui.first_frame import FirstFrame, after_first_paint, record
from kiosk.ui.liveness import Liveness
from kiosk.ui.watcher import load_staged
from kiosk.ui.window import KioskGuard, KioskWindow

log = logging.getLogger("kiosk.app")


def _load_content(effective: Effective, problems: list[str]) -> Bundle:
    configured = effective.settings.bundle
    if configured is not None:
        try:
            # Pictures are checked from their headers only: the first slide must not
            # wait for every picture of the bundle to be decoded.
            return load_staged(configured, decode_media=False)
        except BundleError as error:
            message = f"the configured bundle was refused; showing the built-in one:\n{error}"
            log.error("%s", message)
            problems.append(message)
    return load_staged(builtin_bundle(), decode_media=False)


def start(
    effective: Effective, argv: Sequence[str] | None = None, cover: FirstFrame | None = None
) -> tuple[QApplication, KioskWindow]:
    """Everything up to a visible window; the caller runs the event loop.

    ``cover`` is the last start's first frame, already on screen (see ``first_frame``);
    the window replaces it once painted. Given ``argv``, a full-screen kiosk keeps its own
    first frame for the next start.
    """
    began = time.monotonic()
    settings = effective.settings
    app = application()
    log_file = logs.setup(settings.log_dir or default_log_dir())
    log.info(
        "kiosk %s starting; log at %s; settings from %s", __version__, log_file, effective.path
    )
    if cover is not None:
        log.info("the first frame of the last start is on screen until the window paints")
    problems = list(effective.problems)
    for problem in problems:
        log.warning("%s", problem)
    bundle = _load_content(effective, problems)
    log.info(
        "bundle %s %s loaded (%.0f ms)",
        bundle.manifest.bundle.id,
        bundle.manifest.bundle.version,
        (time.monotonic() - began) * 1000,
    )
    window = KioskWindow(bundle, settings, problems=problems)
    window.setWindowTitle(bundle.manifest.bundle.title[bundle.default_language])
    app.installEventFilter(KioskGuard(window))

    def painted() -> None:
        log.info(
            "the window painted its first frame after %.0f ms", (time.monotonic() - began) * 1000
        )
        if cover is not None:
            cover.retire()
            window.activateWindow()
        if argv is not None and not settings.windowed:
            bundles = [path for path in (settings.bundle, builtin_bundle()) if path is not None]
            if record(window, argv, effective.path, bundles):
                log.info("first frame kept for the next start")

    after_first_paint(window, painted)
    _place(app, window, settings.windowed, settings.screen)
    log.info("first slide on screen after %.0f ms", (time.monotonic() - began) * 1000)
    return app, window


def _place(app: QApplication, window: KioskWindow, windowed: bool, screen_number: int) -> None:
    if windowed:
        window.resize(1280, 720)
        window.show()
        return
    screens = app.screens()
    if screen_number >= len(screens):
        log.warning("there is no screen %d; using screen 0", screen_number)
        screen_number = 0
    fill_screen(window, screens[screen_number])


def _stop_on_signals(app: QApplication) -> QTimer:
    """SIGTERM (systemd) and SIGINT end the loop cleanly; the timer lets Python see them.

    The exit code is 0: only staff's *Exit kiosk* (STAFF_EXIT) keeps a supervisor from
    restarting the kiosk. systemd does not restart a unit it stopped itself.
    """

    def stop(number: int, _frame: object) -> None:
        log.info("signal %d: stopping", number)
        app.exit(0)  # quit() would ask the window, which refuses every close

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    waker = QTimer()
    waker.timeout.connect(_wake)
    waker.start(500)
    return waker


def _wake() -> None:
    """Give the interpreter a moment to run signal handlers."""


def run(
    effective: Effective, argv: Sequence[str] | None = None, cover: FirstFrame | None = None
) -> int:
    """Start, run the event loop, stop; the exit code is the loop's (see cli)."""
    app, window = start(effective, argv, cover)
    waker = _stop_on_signals(app)
    liveness = Liveness(window)  # heartbeat to --supervise, READY/WATCHDOG to systemd
    liveness.start()
    code = app.exec()
    liveness.stop()
    waker.stop()
    window.shutdown()
    log.info("kiosk stopped (%d)", code)
    return code
