"""SIGTERM ends the kiosk's loop even when it comes between start-up and the loop."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

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
