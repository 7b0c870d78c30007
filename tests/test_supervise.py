"""kiosk --supervise: a killed kiosk comes back; SIGTERM stops both."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def wait_for(condition, timeout: float = 30) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_killed_kiosk_is_restarted_and_sigterm_stops_both(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(f'log_dir = "{tmp_path / "logs"}"\n', encoding="utf-8")
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_CONFIG": str(config),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    supervisor = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--supervise"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    kiosk_log = tmp_path / "logs" / "kiosk.log"
    supervisor_log = tmp_path / "logs" / "supervisor.log"
    try:
        wait_for(lambda: kiosk_log.exists() and "first slide on screen" in kiosk_log.read_text())
        (first,) = children(supervisor.pid)
        os.kill(first, signal.SIGKILL)
        wait_for(lambda: children(supervisor.pid) not in ([], [first]))
        wait_for(lambda: kiosk_log.read_text().count("first slide on screen") == 2)
        assert "restarting in 1 s" in supervisor_log.read_text()
        (second,) = children(supervisor.pid)
        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=30) == 0
        assert (
            not Path(f"/proc/{second}").exists()
            or "zombie" in Path(f"/proc/{second}/status").read_text()
        )
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
