"""The tests' network: loopback only (tests/test_no_network.py keeps the kiosk off it)."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A TCP port on 127.0.0.1 free now, for a server a test starts (Syncthing,
    node_exporter)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
