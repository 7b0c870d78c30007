"""``kiosk --supervise``: keep the kiosk running on machines without systemd.

The supervisor starts the kiosk as a child process and starts it again whenever it ends,
however it ends (a crash, exit code 0, death by any signal), except for staff's *Exit
kiosk* (``STAFF_EXIT``), which stops the supervisor too. After quick failures it waits a
little longer each time (1, 2, 4 ... 60 s) so that a kiosk that cannot start does not
spin the CPU. Each restart is logged.

Hangs: the child proves it is alive with a heartbeat from its GUI thread (see
``kiosk.operations.heartbeat``); a child silent for ``hang_seconds`` (``startup_seconds``
before its first beat) is frozen or stopped, and is killed (SIGKILL) and restarted.

The supervisor holds the single-instance lock for as long as it runs and hands it to
each child, so no other kiosk can start in between. A child dies with its supervisor
(``kiosk.operations.orphan``). SIGTERM or SIGINT stop the child and the supervisor.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.health.record import RESTARTS_ENV
from kiosk.operations.exit_codes import STAFF_EXIT
from kiosk.operations.heartbeat import Pulse

log = logging.getLogger("kiosk.supervise")


@dataclass(frozen=True)
class Policy:
    """When to restart, and how long a silent child is given."""

    hang_seconds: float = 30.0
    startup_seconds: float = 90.0
    first_backoff: float = 1.0
    max_backoff: float = 60.0
    #: A child that ran this long was healthy: the next failure starts the backoff afresh.
    healthy_seconds: float = 120.0
    poll_seconds: float = 0.5
    #: Seconds a kiosk asked to stop (SIGTERM) has before it is killed: a frozen one
    #: never obeys, and the supervisor must not wait for it for ever.
    stop_grace_seconds: float = 15.0

    @classmethod
    def from_watchdog(cls, seconds: float) -> Policy:
        """The installation's ``watchdog_seconds``; a start may take longer still."""
        return cls(hang_seconds=seconds, startup_seconds=max(cls.startup_seconds, seconds))


def child_command(arguments: Sequence[str]) -> list[str]:
    """How to start the kiosk itself, from a checkout or from the frozen app."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *arguments]
    return [sys.executable, "-m", "kiosk", *arguments]


def describe(code: int) -> str:
    if code < 0:
        try:
            return f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"was killed by signal {-code}"
    return f"ended with code {code}"


def supervise(command: Sequence[str], policy: Policy = Policy(), lock_fd: int | None = None) -> int:
    """Run ``command`` until staff exit it or a signal stops the supervisor.

    Returns STAFF_EXIT after a staff exit (so that whatever runs the supervisor knows
    too), 0 after SIGTERM or SIGINT.
    """
    stopping = threading.Event()
    child: subprocess.Popen[bytes] | None = None

    def stop(number: int, _frame: object) -> None:
        log.info("signal %d: stopping the kiosk and the supervisor", number)
        stopping.set()
        if child is not None and child.poll() is None:
            child.terminate()
            if hasattr(signal, "SIGCONT"):
                with contextlib.suppress(OSError):  # a stopped child must see its SIGTERM
                    os.kill(child.pid, signal.SIGCONT)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    backoff = policy.first_backoff
    keep = () if lock_fd is None else (lock_fd,)
    restarts = 0  # told to each child, for its health files (kiosk_restarts_total)
    while not stopping.is_set():
        started = time.monotonic()
        pulse = Pulse()
        try:
            options = pulse.child_options(os.environ, keep)
            options["env"][RESTARTS_ENV] = str(restarts)
            child = subprocess.Popen(command, **options)
        finally:
            pulse.started()
        log.info("kiosk started (pid %d)", child.pid)
        code = _watch(child, pulse, policy, stopping)
        pulse.close()
        ran = time.monotonic() - started
        if stopping.is_set():
            break
        if code == STAFF_EXIT:
            log.info("the kiosk was closed by staff; the supervisor stops too")
            return STAFF_EXIT
        backoff = policy.first_backoff if ran >= policy.healthy_seconds else backoff
        log.warning("the kiosk %s after %.0f s; restarting in %.0f s", describe(code), ran, backoff)
        stopping.wait(backoff)
        backoff = min(policy.max_backoff, backoff * 2)
        restarts += 1
    if child is not None and child.poll() is None:
        try:
            child.wait(timeout=policy.stop_grace_seconds)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    return 0


def _watch(
    child: subprocess.Popen[bytes], pulse: Pulse, policy: Policy, stopping: threading.Event
) -> int:
    """Wait for the child to end; kill it if it falls silent. Returns its exit code."""
    killed = alive = False
    stop_asked: float | None = None
    while True:
        try:
            return child.wait(timeout=policy.poll_seconds)
        except subprocess.TimeoutExpired:
            pass
        if killed:
            continue
        if stopping.is_set():
            # Asked to stop (SIGTERM): a frozen kiosk never obeys that, so it is killed
            # after a while, or the supervisor would wait for it for ever.
            stop_asked = time.monotonic() if stop_asked is None else stop_asked
            if time.monotonic() - stop_asked > policy.stop_grace_seconds:
                log.error("the kiosk (pid %d) did not stop; killing it", child.pid)
                child.kill()
                killed = True
            continue
        if not alive and pulse.last_beat is not None:
            alive = True
            log.info("the kiosk (pid %d) is alive: its first heartbeat came", child.pid)
        limit = policy.hang_seconds if pulse.last_beat is not None else policy.startup_seconds
        silence = pulse.silence()
        if silence > limit:
            log.error(
                "the kiosk (pid %d) gave no sign of life for %.0f s (frozen or stopped); "
                "killing it",
                child.pid,
                silence,
            )
            child.kill()  # SIGKILL: the one signal a stopped or frozen process obeys
            killed = True
