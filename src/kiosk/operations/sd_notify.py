"""systemd's readiness and watchdog protocol (sd_notify(3)), for ``Type=notify`` units.

A message is one datagram to the Unix socket named in ``$NOTIFY_SOCKET`` ("@" starts an
abstract-namespace name). Without that variable (no systemd, or a unit that did not ask)
every call does nothing, so the kiosk runs the same anywhere.

Written here rather than taken from PyPI: ``sdnotify`` (last release 2017) leaves an
unclosed socket behind when the variable is absent, swallows every exception with a bare
``except`` and does not read ``$WATCHDOG_USEC``; ``systemd-python`` and ``cysystemd`` are
compiled against libsystemd, which the frozen app would have to carry. The protocol
itself is the few lines below.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping


def enabled(environ: Mapping[str, str] = os.environ) -> bool:
    return bool(environ.get("NOTIFY_SOCKET"))


def notify(message: str, environ: Mapping[str, str] = os.environ) -> bool:
    """Send ``message`` (e.g. "READY=1"); whether it was sent. Never blocks or raises."""
    address = environ.get("NOTIFY_SOCKET", "")
    if address.startswith("@"):
        address = "\0" + address[1:]
    elif not address.startswith("/"):
        return False  # unset, or a kind of address (vsock) a kiosk never gets
    family = getattr(socket, "AF_UNIX", None)
    if family is None:
        return False
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as connection:
            connection.setblocking(False)  # a busy service manager must not stall the screen
            connection.connect(address)
            connection.sendall(message.encode())
    except OSError:
        return False
    return True


def watchdog_seconds(environ: Mapping[str, str] = os.environ) -> float | None:
    """systemd's watchdog time for this process (``WatchdogSec=``), or None when off."""
    pid = environ.get("WATCHDOG_PID", "")
    if pid and pid != str(os.getpid()):
        return None
    usec = environ.get("WATCHDOG_USEC", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    return int(usec) / 1e6
