"""The kiosk session launcher (packaging/linux/kiosk-session) on a bare X server.

As a display manager starts the "Kiosk" session: the launcher alone, with `kiosk` on the
PATH, on an X server with no desktop. The kiosk window must come up under the supervisor,
and the X server's screen saver must be off.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.x11 import require, xvfb
from tests.operations.processes import wait_for

SESSION = Path(__file__).parents[2] / "packaging" / "linux" / "kiosk-session"


def xset_q(display: str) -> str:
    result = subprocess.run(
        [require("xset"), "q"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DISPLAY": display},
    )
    return result.stdout


def visible_kiosk_windows(display: str) -> list[str]:
    result = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", "Black January"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DISPLAY": display},
    )
    return result.stdout.split()


@pytest.mark.slow
def test_the_session_brings_the_kiosk_up_with_the_screen_saver_off(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    kiosk = bin_dir / "kiosk"  # the installed command, here this checkout's kiosk
    kiosk.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m kiosk "$@"\n')
    kiosk.chmod(0o755)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'log_dir = "{tmp_path / "logs"}"\n', encoding="utf-8")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    log = tmp_path / "logs" / "kiosk.log"
    with xvfb() as display:
        assert re.search(r"timeout:\s+600\b", xset_q(display))  # the X server's default
        environment = {
            key: value
            for key, value in os.environ.items()
            if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")
        }
        environment.update(
            PATH=f"{bin_dir}:{environment.get('PATH', '/usr/bin:/bin')}",
            DISPLAY=display,
            KIOSK_CONFIG=str(config),
            XDG_CACHE_HOME=str(tmp_path / "cache"),
            XDG_DATA_HOME=str(tmp_path / "data"),
            XDG_RUNTIME_DIR=str(runtime),
        )
        session = subprocess.Popen(
            ["/bin/sh", str(SESSION)],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: supervisor and kiosk end with it
        )
        try:
            wait_for(lambda: log.exists() and "first slide on screen" in log.read_text())
            assert session.poll() is None
            assert visible_kiosk_windows(display)
            settings = xset_q(display)
            assert re.search(r"prefer blanking:\s+no\b", settings), settings
            assert re.search(r"timeout:\s+0\b", settings), settings
            supervisor_log = tmp_path / "logs" / "supervisor.log"
            assert supervisor_log.exists()  # the kiosk runs under `kiosk --supervise`
        finally:
            os.killpg(session.pid, signal.SIGTERM)
            session.wait(timeout=60)
