"""SIGTERM ends the kiosk's loop even when it comes between start-up and the loop."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractEventDispatcher, QTimer
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


def test_waiting_for_a_signal_does_not_wake_the_loop(qapp: QApplication, handlers: None) -> None:
    """Outside opening hours nothing may wake the kiosk (benchmarks/closed_cpu.py): a
    timer that let Python look for signals woke it twice a second (five times here).
    The exit timer wakes it once; one more is allowed for what the platform posts (seen
    with the suite on two busy cores)."""
    waker = _stop_on_signals(qapp)
    dispatcher = QAbstractEventDispatcher.instance()
    assert dispatcher is not None
    wakes: list[int] = []
    dispatcher.awake.connect(lambda: wakes.append(1))
    QTimer.singleShot(2500, lambda: qapp.exit(0))
    try:
        qapp.processEvents()
        wakes.clear()
        assert qapp.exec() == 0
    finally:
        dispatcher.awake.disconnect()
        waker.stop()
    assert len(wakes) <= 2, f"the loop woke {len(wakes)} times in 2.5 s"


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
