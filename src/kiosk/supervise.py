"""``kiosk --supervise``: keep the kiosk running on machines without systemd.

The supervisor starts the kiosk as a child process and starts it again whenever it
ends in anything but a clean staff exit, waiting a little longer after each quick
failure (1, 2, 4 ... 60 s) so that a kiosk that cannot start does not spin the CPU.
Each restart is logged. SIGTERM or SIGINT stop the child and the supervisor.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence

log = logging.getLogger("kiosk.supervise")

FIRST_BACKOFF = 1.0
MAX_BACKOFF = 60.0
#: A child that ran this long was healthy: the next failure starts the backoff afresh.
HEALTHY_SECONDS = 120.0


def child_command(arguments: Sequence[str]) -> list[str]:
    """How to start the kiosk itself, from a checkout or from the frozen app."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "kiosk", *arguments]


def supervise(arguments: Sequence[str]) -> int:
    stopping = threading.Event()
    child: subprocess.Popen[bytes] | None = None

    def stop(number: int, _frame: object) -> None:
        log.info("signal %d: stopping the kiosk and the supervisor", number)
        stopping.set()
        if child is not None and child.poll() is None:
            child.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    backoff = FIRST_BACKOFF
    command = child_command(arguments)
    while not stopping.is_set():
        started = time.monotonic()
        child = subprocess.Popen(command)
        log.info("kiosk started (pid %d)", child.pid)
        code = child.wait()
        ran = time.monotonic() - started
        if stopping.is_set():
            break
        if code == 0:
            log.info("the kiosk was closed by staff; the supervisor stops too")
            return 0
        backoff = FIRST_BACKOFF if ran >= HEALTHY_SECONDS else backoff
        log.warning(
            "the kiosk ended with code %d after %.0f s; restarting in %.0f s", code, ran, backoff
        )
        stopping.wait(backoff)
        backoff = min(MAX_BACKOFF, backoff * 2)
    if child is not None and child.poll() is None:
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
    return 0
