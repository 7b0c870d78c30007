"""The kiosk session launcher's Wayland path (`kiosk-session --wayland`) under a real cage.

cage runs headless (wlroots' headless backend, its pixman renderer: no GPU, no screen),
and the kiosk under the supervisor talks Wayland to it through Qt's wayland platform
plugin. cage refuses to start as root, so when the tests run as root (as in CI) the
session runs as `nobody`, in a folder of its own that `nobody` may write.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.x11 import require
from tests.operations.processes import wait_for

SESSION = Path(__file__).parents[2] / "packaging" / "linux" / "kiosk-session"
NOBODY = 65534


@pytest.fixture
def home() -> Iterator[Path]:
    """A folder the session's user owns (pytest's own temporary folders are root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-wayland-"))
    if os.getuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def as_session_user(path: Path, directory: bool = False) -> None:
    if directory:
        path.mkdir(mode=0o700)
    if os.getuid() == 0:
        os.chown(path, NOBODY, NOBODY)


def group_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.slow
def test_the_wayland_session_paints_the_kiosk_under_cage(home: Path) -> None:
    require("cage")
    require("Xwayland")  # Debian's cage 0.1.4 does not start without it
    prefix = [require("setpriv"), f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    if os.getuid() != 0:
        prefix = []
    seen = home / "seen"  # what the kiosk's environment was, written by its command
    kiosk = home / "kiosk"  # the installed command, here this checkout's kiosk
    kiosk.write_text(
        "#!/bin/sh\n"
        f'echo "QT_QPA_PLATFORM=$QT_QPA_PLATFORM WAYLAND_DISPLAY=$WAYLAND_DISPLAY" >> "{seen}"\n'
        f'exec "{sys.executable}" -m kiosk "$@"\n'
    )
    kiosk.chmod(0o755)
    config = home / "kiosk.toml"
    config.write_text(f'log_dir = "{home / "logs"}"\n', encoding="utf-8")
    runtime = home / "runtime"
    as_session_user(runtime, directory=True)
    for path in (kiosk, config):
        as_session_user(path)
    log = home / "logs" / "kiosk.log"
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")
    }
    environment.update(
        HOME=str(home),
        KIOSK_SESSION_KIOSK=str(kiosk),
        KIOSK_CONFIG=str(config),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_RUNTIME_DIR=str(runtime),
        WLR_BACKENDS="headless",  # no screen, no seat: an output in memory
        WLR_RENDERER="pixman",  # no GPU
        WLR_LIBINPUT_NO_DEVICES="1",
    )
    session = subprocess.Popen(
        [*prefix, "/bin/sh", str(SESSION), "--wayland"],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: cage, supervisor and kiosk
    )
    try:
        wait_for(lambda: log.exists() and "painted its first frame" in log.read_text())
        assert session.poll() is None
        assert (runtime / "wayland-0").exists()  # cage's socket
        # The supervisor, started by the launcher inside cage; its kiosk inherits this.
        assert seen.read_text() == "QT_QPA_PLATFORM=wayland WAYLAND_DISPLAY=wayland-0\n"
        assert (home / "logs" / "supervisor.log").exists()
    finally:
        if session.poll() is None:
            os.killpg(session.pid, signal.SIGTERM)
        session.wait(timeout=60)
        try:
            wait_for(lambda: group_gone(session.pid))
        finally:
            if not group_gone(session.pid):
                os.killpg(session.pid, signal.SIGKILL)
