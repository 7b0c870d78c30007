"""Qt's messages in the kiosk's log: what QtMultimedia says of the machine (no sound
device, no GPU) once and as information; real warnings stay warnings."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QtMsgType

from kiosk.ui import application


def test_machine_notes_are_logged_once_as_information(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(application, "_noted", set())
    caplog.set_level(logging.DEBUG, logger="qt")
    for _ in range(3):
        application._qt_message(QtMsgType.QtWarningMsg, None, "No audio device detected")
    application._qt_message(QtMsgType.QtWarningMsg, None, "QPainter::begin: bad device")
    application._qt_message(QtMsgType.QtInfoMsg, None, "a note")
    levels = [(record.levelno, record.getMessage()) for record in caplog.records]
    assert levels == [
        (logging.INFO, "No audio device detected"),
        (logging.WARNING, "QPainter::begin: bad device"),
        (logging.INFO, "a note"),
    ]
