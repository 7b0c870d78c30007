"""SIGTERM ends the kiosk's loop even when it comes between start-up and the loop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.ui.app import _stop_on_signals


@pytest.fixture
def handlers() -> Iterator[None]:
    saved = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


def test_a_sigterm_before_the_loop_starts_still_ends_it(qapp: QApplication, handlers: None) -> None:
    waker = _stop_on_signals(qapp)
    os.kill(os.getpid(), signal.SIGTERM)  # handled now, before exec() runs
    # Should the stop be lost, this ends the loop with 99 instead of hanging the suite.
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(5000)
    try:
        assert qapp.exec() == 0
    finally:
        guard.stop()
        waker.stop()


def test_a_sigterm_while_the_loop_sleeps_ends_it(qapp: QApplication, handlers: None) -> None:
    waker = _stop_on_signals(qapp)
    # Sent from another thread once the loop waits in poll() with nothing due.
    sender = threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGTERM))
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(5000)
    sender.start()
    try:
        assert qapp.exec() == 0
    finally:
        sender.join()
        guard.stop()
        waker.stop()


#: Counted in a process of its own: in the suite's, timers other tests left to the shared
#: application (pools expiring idle threads, ...) wake the same loop now and then.
COUNT_WAKES = """
import sys
from PySide6.QtCore import QAbstractEventDispatcher, QTimer
from PySide6.QtWidgets import QApplication
from kiosk.ui.app import _stop_on_signals
app = QApplication(["wakes"])
waker = _stop_on_signals(app)
dispatcher = QAbstractEventDispatcher.instance()
wakes = []
dispatcher.awake.connect(lambda: wakes.append(1))
QTimer.singleShot(2500, lambda: app.exit(0))
app.processEvents()
wakes.clear()
code = app.exec()
waker.stop()
print(code, len(wakes))
"""


def test_waiting_for_a_signal_does_not_wake_the_loop() -> None:
    """Outside opening hours nothing may wake the kiosk (benchmarks/closed_cpu.py): a
    timer that let Python look for signals woke it twice a second (five times here).
    The exit timer wakes it once; one more is allowed for what the platform posts."""
    done = subprocess.run(
        [sys.executable, "-c", COUNT_WAKES],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    code, wakes = (int(word) for word in done.stdout.split()[-2:])
    assert code == 0
    assert wakes <= 2, f"the loop woke {wakes} times in 2.5 s"


def _sockets() -> set[str]:
    found = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = str(fd.readlink())
        except OSError:
            continue
        if target.startswith("socket:"):
            found.add(target)
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_waiting_for_a_signal_opens_no_socket(qapp: QApplication, handlers: None) -> None:
    """The kiosk opens no socket (tests/test_no_network.py audits start(), not run(),
    which sets the waker); on Windows socketpair() is a TCP pair on 127.0.0.1."""
    before = _sockets()
    waker = _stop_on_signals(qapp)
    try:
        assert _sockets() == before
    finally:
        waker.stop()
