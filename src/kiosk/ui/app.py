"""Starting the live kiosk, in order: logging, bundle, application, window, loop.

Each phase is logged with its time. A configured bundle that cannot be used is reported
in the log and in staff's Diagnostics, and its last good copy runs instead, or the
holding screen: the kiosk always shows something, and never another exhibition.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import time
from collections.abc import Sequence

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

from kiosk import __version__, insights, logs
from kiosk.bundle import Bundle
from kiosk.config import Effective, Settings
from kiosk.content import last_good
from kiosk.content.exhibition import Exhibition, Start, choose_start
from kiosk.content.holding import holding_texts
from kiosk.content.store import Store
from kiosk.insights.store import Store as InsightsStore
from kiosk.operations.resume import ResumeKeeper
from kiosk.operations.resume import default_path as resume_path
from kiosk.paths import builtin_bundle, bundle_folders, data_dir, default_log_dir
from kiosk.qtmedia import load
from kiosk.ui.application import application
from kiosk.ui.awake import keep_awake
from kiosk.ui.first_frame import FirstFrame, after_first_paint, record
from kiosk.ui.liveness import Liveness
from kiosk.ui.screen import keep_full_screen
from kiosk.ui.watcher import BundleWatcher
from kiosk.ui.window import KioskGuard, KioskWindow

log = logging.getLogger("kiosk.app")


def choose_content(effective: Effective) -> tuple[Start, BundleWatcher | None]:
    """The exhibition to show first, and (when a bundle is configured) the watcher that
    brings in its changes. Never another exhibition than the configured one: its last
    good copy, or the holding screen, stands in for it when it cannot be used."""
    configured = effective.settings.bundle
    exhibition = None
    if configured is not None:
        exhibition = Exhibition(configured, Store(bundle_folders()), data_dir(), load)
    choice = choose_start(exhibition, _builtin, holding_texts)
    if exhibition is None:
        return choice, None
    # What the start saw before its attempt: a bundle that becomes whole while the start
    # falls back to its last good copy is still a change for the watcher to check.
    return choice, BundleWatcher(exhibition, choice.offer, exhibition.seen)


def _builtin() -> Bundle:
    # Pictures are checked from their headers only: the first slide must not wait for
    # every picture of the bundle to be decoded.
    return load(builtin_bundle(), decode_media=False)


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
    # Normally set up already, before Qt (kiosk.cli): then this changes nothing.
    log_file = logs.setup(settings.log_dir or default_log_dir())
    app = application()
    log.info(
        "kiosk %s starting; log at %s; settings from %s",
        __version__,
        log_file or "stderr only",
        effective.sources(),
    )
    if cover is not None:
        log.info("the first frame of the last start is on screen until the window paints")
    problems = list(effective.problems)
    if log_file is None:
        problems.append(
            f"the log folder {settings.log_dir or default_log_dir()} cannot be written: "
            "the log goes to stderr (the journal) only"
        )
    for problem in problems:
        log.warning("%s", problem)
    choice, watcher = choose_content(effective)
    for problem in choice.problems:
        log.error("%s", problem)
    problems += choice.problems
    bundle = choice.offer.bundle
    log.info(
        "bundle %s %s loaded (%.0f ms): showing %s",
        bundle.manifest.bundle.id,
        bundle.manifest.bundle.version,
        (time.monotonic() - began) * 1000,
        choice.showing(settings.bundle),
    )
    # The full-screen kiosk resumes after a crash; the windowed one (a developer's) does not.
    resume = None if settings.windowed else ResumeKeeper(resume_path())
    window = KioskWindow(
        bundle,
        settings,
        problems=problems,
        watcher=watcher,
        offer=choice.offer,
        resume=resume,
        insights=open_insights(settings),
    )
    window.showing = choice.showing(settings.bundle)
    window.setWindowTitle(bundle.manifest.bundle.title[bundle.default_language])
    app.installEventFilter(KioskGuard(window))

    def painted() -> None:
        log.info(
            "the window painted its first frame after %.0f ms", (time.monotonic() - began) * 1000
        )
        if cover is not None:
            cover.retire()
            window.activateWindow()
        window.report_content()  # a visitor saw it: it is the last good one now
        window.health.start()  # the health files, now and every minute
        window.check_media_fully()  # its films, read from their headers at start
        window.check_glyphs()
        if argv is not None and not settings.windowed:
            # The last good record too: what shows when the bundle is broken depends on it.
            stamped = (settings.bundle, data_dir() / last_good.RECORD, builtin_bundle())
            bundles = [path for path in stamped if path is not None]
            if record(window, argv, effective.path, bundles):
                log.info("first frame kept for the next start")

    after_first_paint(window, painted)
    _place(app, window, settings.windowed, settings.screen)
    log.info("first slide on screen after %.0f ms", (time.monotonic() - began) * 1000)
    return app, window


def open_insights(settings: Settings) -> InsightsStore | None:
    """The visitor-insights database in the data folder, when visits are recorded (the
    full-screen kiosk, unless ``record_visits`` says otherwise). Its faults turn
    recording off (kiosk.insights.store); none reaches a visitor."""
    if not settings.records_visits:
        return None
    path = insights.default_database()
    try:
        store = InsightsStore(path, now=time.time(), batch_seconds=settings.record_batch_seconds)
    except Exception:  # never the kiosk's end
        log.exception("visitor insights: cannot record into %s; the kiosk goes on", path)
        return None
    log.info("recording visits into %s", path)
    return store


def _place(app: QApplication, window: KioskWindow, windowed: bool, screen_number: int) -> None:
    if windowed:
        window.resize(1280, 720)
        window.show()
        return
    keep_full_screen(window, screen_number)  # a child of the window: lives as long as it
    # The screen saver waits for the first frame (QtDBus alone takes 50 ms to import);
    # the windowed preview leaves it alone.
    after_first_paint(window, keep_awake)


class SignalWaker:
    """Wakes the Qt loop when a signal arrives, and only then.

    Python runs a signal handler only when the interpreter gets control; a Qt loop waiting
    in poll() gives it none. Python's C handler writes the signal's number to a pipe
    (signal.set_wakeup_fd), whose notifier wakes the loop into Python. (A timer that woke
    the loop twice a second did the same and kept a closed kiosk from ever sleeping.)
    A pipe, not a socket: the kiosk opens no socket. Windows takes only a socket there,
    and its socketpair() is a TCP pair on 127.0.0.1; it has no SIGTERM either (Ctrl+C in
    a console is all): a timer gives Python its moment there, as before.
    """

    def __init__(self) -> None:
        self._fds: tuple[int, int] | None = None
        self._timer: QTimer | None = None
        if os.name == "nt":
            self._timer = QTimer()
            self._timer.timeout.connect(_let_python_in)
            self._timer.start(500)
            return
        read, write = self._fds = os.pipe()
        for end in (read, write):
            os.set_blocking(end, False)
        self._previous = signal.set_wakeup_fd(write, warn_on_full_buffer=False)
        self._notifier = QSocketNotifier(read, QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._drain)

    def _drain(self) -> None:
        if self._fds is None:
            return
        with contextlib.suppress(OSError):  # BlockingIOError once it is empty
            while os.read(self._fds[0], 64):
                pass

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._fds is None:
            return
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous)
        for end in self._fds:
            os.close(end)
        self._fds = None


def _let_python_in() -> None:
    """Give the interpreter a moment to run signal handlers (Windows)."""


def _stop_on_signals(app: QApplication) -> SignalWaker:
    """SIGTERM (systemd) and SIGINT end the loop cleanly; the waker lets Python see them.

    The exit code is 0: only staff's *Exit kiosk* (STAFF_EXIT) keeps a supervisor from
    restarting the kiosk. systemd does not restart a unit it stopped itself.
    """

    def stopping(number: int) -> None:
        log.info("signal %d: stopping", number)
        app.exit(0)  # quit() would ask the window, which refuses every close

    def stop(number: int, _frame: object) -> None:
        # Only schedule, through the loop. The handler may run in the middle of a log
        # write (logging is not safe to reenter), and a signal that comes after the
        # handlers are set but before exec() runs would be lost to exit(), which does
        # nothing without a loop.
        QTimer.singleShot(0, lambda: stopping(number))

    waker = SignalWaker()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    return waker


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
