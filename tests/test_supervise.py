"""kiosk --supervise with the real kiosk as its child (offscreen).

A killed, terminated or stopped kiosk comes back; SIGTERM to the supervisor stops both;
a supervisor killed outright takes its kiosk with it; the supervisor holds the
single-instance lock. tests/operations/test_supervisor.py covers the rest with a
stand-in child.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.operations.exit_codes import ALREADY_RUNNING
from tests.operations.processes import children, gone, kiosk_environment, start_kiosk, wait_for


class Supervisor:
    def __init__(self, home: Path) -> None:
        self.environment = kiosk_environment(home, "watchdog_seconds = 10\n")
        self.kiosk_log = home / "logs" / "kiosk.log"
        self.log = home / "logs" / "supervisor.log"
        self.process = start_kiosk(self.environment, "--supervise")

    def starts(self) -> int:
        if not self.kiosk_log.exists():
            return 0
        return self.kiosk_log.read_text().count("first slide on screen")

    def child(self, starts: int = 1) -> int:
        """The kiosk's pid, once it has started ``starts`` times in all."""
        wait_for(lambda: self.starts() >= starts and len(children(self.process.pid)) == 1)
        (pid,) = children(self.process.pid)
        return pid


@pytest.fixture
def supervisor(tmp_path: Path) -> Iterator[Supervisor]:
    running = Supervisor(tmp_path)
    try:
        yield running
    finally:
        if running.process.poll() is None:
            running.process.send_signal(signal.SIGTERM)
            try:
                running.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                running.process.kill()


def test_a_killed_kiosk_is_restarted_and_sigterm_stops_both(supervisor: Supervisor) -> None:
    first = supervisor.child()
    os.kill(first, signal.SIGKILL)
    second = supervisor.child(starts=2)
    assert second != first
    assert "restarting in 1 s" in supervisor.log.read_text()
    supervisor.process.send_signal(signal.SIGTERM)
    assert supervisor.process.wait(timeout=60) == 0
    assert gone(second)


def test_a_terminated_kiosk_is_restarted(supervisor: Supervisor) -> None:
    first = supervisor.child()
    os.kill(first, signal.SIGTERM)  # the kiosk ends cleanly, with code 0: not by staff
    supervisor.child(starts=2)
    assert "the kiosk ended with code 0" in supervisor.log.read_text()
    assert supervisor.process.poll() is None


@pytest.mark.slow
def test_a_stopped_kiosk_is_killed_and_restarted(supervisor: Supervisor) -> None:
    first = supervisor.child()
    wait_for(lambda: "supervised: a heartbeat every" in supervisor.kiosk_log.read_text())
    wait_for(lambda: f"(pid {first}) is alive" in supervisor.log.read_text())
    os.kill(first, signal.SIGSTOP)
    supervisor.child(starts=2)
    assert gone(first)
    found = re.search(r"gave no sign of life for (\d+) s", supervisor.log.read_text())
    assert found is not None
    assert 10 <= int(found.group(1)) < 90  # the hang limit, not the start-up grace


def test_a_killed_supervisor_takes_its_kiosk_with_it(supervisor: Supervisor) -> None:
    child = supervisor.child()
    supervisor.process.kill()
    supervisor.process.wait(timeout=60)
    wait_for(lambda: gone(child))


def test_the_supervisor_holds_the_lock_across_restarts(supervisor: Supervisor) -> None:
    first = supervisor.child()
    second = subprocess.run(
        [sys.executable, "-m", "kiosk"],
        env=supervisor.environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert second.returncode == ALREADY_RUNNING
    assert f"pid {supervisor.process.pid}" in second.stderr
    assert children(supervisor.process.pid) == [first]
