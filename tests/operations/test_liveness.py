"""The GUI thread's signs of life: READY=1 once painted, then WATCHDOG=1 and heartbeats."""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.operations.heartbeat import HEARTBEAT_ENV
from kiosk.ui.liveness import Liveness


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[QWidget]:
    widget = QWidget()
    widget.resize(200, 100)
    yield widget
    widget.hide()
    widget.deleteLater()


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[tuple[socket.socket, dict[str, str]]]:
    path = tmp_path / "notify"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.setblocking(False)
    environ = {"NOTIFY_SOCKET": str(path), "WATCHDOG_USEC": "600000"}
    with server:
        yield server, environ


def received(server: socket.socket) -> list[bytes]:
    messages = []
    while True:
        try:
            messages.append(server.recv(4096))
        except BlockingIOError:
            return messages


def test_ready_after_the_first_paint_then_watchdog_pings(
    window: QWidget, systemd: tuple[socket.socket, dict[str, str]], qtbot: QtBot
) -> None:
    server, environ = systemd
    liveness = Liveness(window, environ)
    liveness.start()
    assert received(server) == []  # nothing before the window is on screen
    window.show()
    messages: list[bytes] = []

    def pinged() -> bool:
        messages.extend(received(server))
        return messages.count(b"WATCHDOG=1") >= 3

    qtbot.waitUntil(pinged, timeout=30_000)
    assert messages[0].startswith(b"READY=1")
    assert messages.count(b"READY=1\nSTATUS=Showing the exhibition") == 1
    liveness.stop()
    assert received(server) == [b"STOPPING=1"]


def test_heartbeats_go_down_the_supervisors_pipe(window: QWidget, qtbot: QtBot) -> None:
    reader, writer = os.pipe()
    os.set_blocking(reader, False)
    liveness = Liveness(window, {HEARTBEAT_ENV: str(writer)})
    liveness.start()
    window.show()
    beats = bytearray()

    def beating() -> bool:
        with contextlib.suppress(BlockingIOError):
            beats.extend(os.read(reader, 64))
        return len(beats) >= 2

    try:
        qtbot.waitUntil(beating, timeout=30_000)
        assert set(beats) == {ord(".")}
    finally:
        liveness.stop()
        os.close(reader)
        os.close(writer)


def test_a_kiosk_whose_supervisor_has_gone_stops(
    window: QWidget, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ended: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(ended.append))
    reader, writer = os.pipe()
    os.close(reader)  # the supervisor's end: gone
    liveness = Liveness(window, {HEARTBEAT_ENV: str(writer)})
    liveness.start()
    window.show()
    qtbot.waitUntil(lambda: ended == [0], timeout=30_000)
    liveness.stop()


def test_without_supervisor_or_systemd_it_only_ticks(window: QWidget, qtbot: QtBot) -> None:
    liveness = Liveness(window, {})
    liveness.start()
    window.show()
    qtbot.waitUntil(lambda: liveness.ready_sent, timeout=30_000)
    liveness.beat()
    liveness.stop()
