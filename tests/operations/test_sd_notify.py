"""The sd_notify protocol against a socket of our own, as systemd would listen."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.operations import sd_notify


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    path = tmp_path / "notify"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    server.bind(str(path))
    server.settimeout(10)
    with server:
        yield server, str(path)


def test_a_message_reaches_the_socket(listener: tuple[socket.socket, str]) -> None:
    server, path = listener
    assert sd_notify.notify("READY=1", {"NOTIFY_SOCKET": path})
    assert server.recv(4096) == b"READY=1"


def test_an_abstract_socket_starts_with_an_at_sign() -> None:
    name = f"kiosk-test-{uuid.uuid4().hex}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind("\0" + name)
        server.settimeout(10)
        assert sd_notify.notify("WATCHDOG=1", {"NOTIFY_SOCKET": "@" + name})
        assert server.recv(4096) == b"WATCHDOG=1"


@pytest.mark.parametrize("address", [None, "", "relative", "vsock:2:1234", "/nonexistent/x"])
def test_without_a_usable_socket_nothing_happens(address: str | None) -> None:
    environ = {} if address is None else {"NOTIFY_SOCKET": address}
    assert sd_notify.notify("READY=1", environ) is False
    assert sd_notify.enabled(environ) is bool(address)


def test_the_watchdog_time_is_for_this_process_only() -> None:
    assert sd_notify.watchdog_seconds({}) is None
    assert sd_notify.watchdog_seconds({"WATCHDOG_USEC": "30000000"}) == 30
    mine = {"WATCHDOG_USEC": "5000000", "WATCHDOG_PID": str(os.getpid())}
    assert sd_notify.watchdog_seconds(mine) == 5
    other = {"WATCHDOG_USEC": "5000000", "WATCHDOG_PID": str(os.getpid() + 1)}
    assert sd_notify.watchdog_seconds(other) is None
    assert sd_notify.watchdog_seconds({"WATCHDOG_USEC": "0"}) is None
