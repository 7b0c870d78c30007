"""The supervisor with real processes and a stand-in child that beats like the kiosk.

The supervisor runs in a process of its own (it installs signal handlers, and a test
kills it); its child is tests/operations/fake_kiosk.py, so restarts take a fraction of
a second. tests/test_supervise.py runs the real kiosk under it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk.operations.exit_codes import STAFF_EXIT
from tests.operations.processes import children, gone, wait_for

FAKE_KIOSK = Path(__file__).with_name("fake_kiosk.py")
SUPERVISOR = """
import logging, sys
from kiosk.supervise import Policy, supervise
logging.basicConfig(filename=sys.argv[1], level=logging.INFO)
policy = Policy(
    hang_seconds=2, startup_seconds=4, first_backoff=0.1, max_backoff=0.4, stop_grace_seconds=1
)
sys.exit(supervise(sys.argv[2:], policy))
"""


class Supervised:
    """A supervisor process over the fake kiosk, and what it recorded."""

    def __init__(self, home: Path, *child: str) -> None:
        self.starts = home / "starts"
        self.log = home / "supervisor.log"
        command = [sys.executable, str(FAKE_KIOSK), str(self.starts), *child]
        self.process = subprocess.Popen(
            [sys.executable, "-c", SUPERVISOR, str(self.log), *command],
            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        )

    def pids(self) -> list[int]:
        return [int(pid) for pid in self.starts.read_text().split()] if self.starts.exists() else []

    def log_text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)


@contextmanager
def supervised(home: Path, *child: str) -> Iterator[Supervised]:
    supervisor = Supervised(home, *child)
    try:
        yield supervisor
    finally:
        supervisor.stop()
        if supervisor.process.poll() is None:
            supervisor.process.kill()


@pytest.fixture
def beating(tmp_path: Path) -> Iterator[Supervised]:
    with supervised(tmp_path, "beat") as supervisor:
        yield supervisor


def test_a_stopped_kiosk_is_killed_and_restarted(beating: Supervised) -> None:
    wait_for(lambda: len(beating.pids()) == 1 and "pid" in beating.log_text())
    wait_for(lambda: children(beating.process.pid) == beating.pids())
    (first,) = beating.pids()
    os.kill(first, signal.SIGSTOP)
    wait_for(lambda: len(beating.pids()) == 2)
    assert gone(first)
    assert f"the kiosk (pid {first}) gave no sign of life" in beating.log_text()
    assert "was killed by SIGKILL" in beating.log_text()
    assert children(beating.process.pid) == beating.pids()[1:]


def test_a_kiosk_that_never_beats_is_restarted_after_the_start_up_grace(tmp_path: Path) -> None:
    with supervised(tmp_path, "silent") as supervisor:
        wait_for(lambda: len(supervisor.pids()) == 2)
        assert "gave no sign of life for 4 s" in supervisor.log_text()


@pytest.mark.parametrize("code", [0, 1, 3])
def test_any_exit_but_the_staff_one_is_restarted(tmp_path: Path, code: int) -> None:
    with supervised(tmp_path, "exit", str(code)) as supervisor:
        wait_for(lambda: len(supervisor.pids()) >= 3)
        assert f"the kiosk ended with code {code}" in supervisor.log_text()
        assert supervisor.process.poll() is None


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_a_kiosk_killed_by_a_signal_is_restarted(beating: Supervised, number: int) -> None:
    wait_for(lambda: len(beating.pids()) == 1)
    wait_for(lambda: children(beating.process.pid) == beating.pids())
    os.kill(beating.pids()[0], number)
    wait_for(lambda: len(beating.pids()) == 2)
    assert f"was killed by {signal.Signals(number).name}" in beating.log_text()


def test_the_staff_exit_code_stops_the_supervisor(tmp_path: Path) -> None:
    with supervised(tmp_path, "exit", str(STAFF_EXIT)) as supervisor:
        assert supervisor.process.wait(timeout=60) == STAFF_EXIT
        assert len(supervisor.pids()) == 1
        assert "closed by staff" in supervisor.log_text()


def test_after_a_staff_exit_nothing_is_left_running(tmp_path: Path) -> None:
    with supervised(tmp_path, "exit-once", str(STAFF_EXIT)) as supervisor:
        supervisor.process.wait(timeout=60)
        assert all(gone(pid) for pid in supervisor.pids())


def test_sigterm_to_the_supervisor_stops_a_stopped_kiosk_too(beating: Supervised) -> None:
    wait_for(lambda: len(beating.pids()) == 1)
    wait_for(lambda: children(beating.process.pid) == beating.pids())
    (child,) = beating.pids()
    os.kill(child, signal.SIGSTOP)
    beating.process.send_signal(signal.SIGTERM)
    assert beating.process.wait(timeout=60) == 0
    assert gone(child)
    assert len(beating.pids()) == 1


def test_sigterm_to_the_supervisor_stops_a_kiosk_that_does_not_listen(tmp_path: Path) -> None:
    with supervised(tmp_path, "deaf") as supervisor:
        wait_for(lambda: children(supervisor.process.pid) == supervisor.pids() != [])
        (child,) = supervisor.pids()
        supervisor.process.send_signal(signal.SIGTERM)
        assert supervisor.process.wait(timeout=60) == 0
        assert gone(child)
        assert "did not stop; killing it" in supervisor.log_text()


def test_the_child_gets_no_systemd_variables() -> None:
    from kiosk.operations.heartbeat import HEARTBEAT_ENV, SUPERVISOR_ENV, Pulse

    pulse = Pulse()
    environ = {"NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "1", "WATCHDOG_PID": "1", "A": "b"}
    options = pulse.child_options(environ, keep=(99,))
    pulse.started()
    assert options["env"]["A"] == "b"
    assert not {"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"} & set(options["env"])
    assert options["env"][SUPERVISOR_ENV] == str(os.getpid())
    assert int(options["env"][HEARTBEAT_ENV]) in options["pass_fds"]
    assert 99 in options["pass_fds"]
    pulse.close()
