"""Starting the live kiosk, in order: logging, bundle, application, window, loop.

Each phase is logged with its time. A configured bundle that is broken is reported in
the log and the built-in bundle runs instead: the kiosk always shows something.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import time

from PySide6.QtCore import QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from kiosk import __version__, logs
from kiosk.bundle import Bundle, BundleError
from kiosk.config import Effective, default_log_dir
from kiosk.paths import builtin_bundle
from kiosk.ui.watcher import load_staged
from kiosk.ui.window import KioskGuard, KioskWindow

log = logging.getLogger("kiosk.app")


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    level = logging.DEBUG if kind == QtMsgType.QtDebugMsg else logging.WARNING
    logging.getLogger("qt").log(level, "%s", message)


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


def _tune_malloc() -> None:
    """Keep a long-running kiosk's memory flat (measured in benchmarks/README.md).

    Slide pictures are megabyte-sized buffers made and freed all day. By default glibc
    raises its mmap threshold after the first such free, so later buffers come from the
    heap, which fragments and is never returned; and every worker thread gets an arena
    of its own. A fixed 1 MB threshold and two arenas avoid both.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 1024 * 1024)  # M_MMAP_THRESHOLD: large buffers go back to the OS
        libc.mallopt(-8, 2)  # M_ARENA_MAX
    except (OSError, AttributeError):
        log.debug("mallopt is not available; malloc keeps its defaults")


def start(effective: Effective) -> tuple[QApplication, KioskWindow]:
    """Everything up to a visible window; the caller runs the event loop."""
    began = time.monotonic()
    _tune_malloc()
    settings = effective.settings
    log_file = logs.setup(settings.log_dir or default_log_dir())
    log.info(
        "kiosk %s starting; log at %s; settings from %s", __version__, log_file, effective.path
    )
    problems = list(effective.problems)
    for problem in problems:
        log.warning("%s", problem)
    qInstallMessageHandler(_qt_message)
    for variable in ("QT_IMAGEIO_MAXALLOC", "QT_SVG_DEFAULT_OPTIONS"):
        os.environ.pop(variable, None)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "kiosk"])
    app.setApplicationName("kiosk")
    app.setQuitOnLastWindowClosed(False)  # only staff (or the preview's Escape) end it
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
    screen = screens[screen_number]
    # Without a window manager showFullScreen alone leaves a small window in a corner:
    # take the screen's geometry as well.
    window.setGeometry(screen.geometry())
    window.showFullScreen()
    window.setGeometry(screen.geometry())


def _stop_on_signals(app: QApplication) -> QTimer:
    """SIGTERM (systemd) and SIGINT end the loop cleanly; the timer lets Python see them."""

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


def run(effective: Effective) -> int:
    app, window = start(effective)
    waker = _stop_on_signals(app)
    code = app.exec()
    waker.stop()
    window.shutdown()
    log.info("kiosk stopped (%d)", code)
    return code
