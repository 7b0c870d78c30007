"""The systemd side: the user unit, the autostart entry, and the real kiosk speaking
sd_notify to a socket of ours (no systemd runs here; ``systemd-analyze`` does)."""

from __future__ import annotations

import configparser
import os
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.operations.exit_codes import STAFF_EXIT
from tests.operations.processes import kiosk_environment, start_kiosk, wait_for

LINUX = Path(__file__).parents[2] / "packaging" / "linux"
UNIT = LINUX / "kiosk.service"
AUTOSTART = LINUX / "kiosk-autostart.desktop"


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign] - keys keep their case
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser


def test_the_unit_restarts_everything_but_the_staff_exit() -> None:
    service = unit()["Service"]
    assert service["Restart"] == "always"
    assert service["RestartPreventExitStatus"].split() == [str(STAFF_EXIT)]
    assert str(STAFF_EXIT) in service["SuccessExitStatus"].split()  # inactive, not failed
    assert unit()["Unit"]["StartLimitIntervalSec"] == "0"


def test_the_unit_watches_the_kiosk() -> None:
    service = unit()["Service"]
    assert service["Type"] == "notify"
    assert service["NotifyAccess"] == "main"
    assert 10 <= int(service["WatchdogSec"]) <= 120


def test_systemd_analyze_verifies_the_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        if os.environ.get("CI"):
            pytest.fail("systemd-analyze is missing: .ci/run installs systemd")
        pytest.skip("systemd-analyze is not installed (apt-get install systemd)")
    text = UNIT.read_text(encoding="utf-8")
    assert "ExecStart=/opt/kiosk/kiosk\n" in text
    copy = tmp_path / "kiosk.service"  # the installed program is not here: any will do
    copy.write_text(text.replace("/opt/kiosk/kiosk", sys.executable), encoding="utf-8")
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    result = subprocess.run(
        [analyze, "--user", "verify", str(copy)],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # unknown keys are only warned about


def autostart(tmp_path: Path, systemctl: str | None) -> list[str]:
    """Run the autostart entry's script with fake systemctl and kiosk; what was called."""
    command = next(
        line.removeprefix("Exec=")
        for line in AUTOSTART.read_text(encoding="utf-8").splitlines()
        if line.startswith("Exec=")
    )
    assert command == "/usr/libexec/kiosk/kiosk-autostart"  # build_deb.sh installs it there
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    programs = {"kiosk": "exit 0"}
    if systemctl is not None:
        programs["systemctl"] = systemctl
    for name, body in programs.items():
        program = bin_dir / name
        program.write_text(f'#!/bin/sh\necho "{name} $*" >> "{calls}"\n{body}\n')
        program.chmod(0o755)
    (tmp_path / "config" / "kiosk").mkdir(parents=True)
    (tmp_path / "config" / "kiosk" / "kiosk.toml").write_text("")
    environment = {"PATH": str(bin_dir), "HOME": str(tmp_path)}  # only the fakes
    environment["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    script = LINUX / "kiosk-autostart"
    subprocess.run([shutil.which("sh") or "/bin/sh", str(script)], env=environment, timeout=60)
    return calls.read_text().splitlines() if calls.exists() else []


def test_autostart_hands_the_kiosk_to_systemd_and_never_also_to_the_supervisor(
    tmp_path: Path,
) -> None:
    # Even when the start fails (Restart=always retries it), no second kiosk is started.
    failing_start = 'case "$*" in *start*) exit 1;; esac; exit 0'
    calls = autostart(tmp_path, failing_start)
    assert "systemctl --user start --no-block kiosk.service" in calls
    assert not [call for call in calls if call.startswith("kiosk")]


def test_autostart_without_a_user_unit_runs_the_supervisor(tmp_path: Path) -> None:
    calls = autostart(tmp_path, 'case "$*" in *cat*) exit 1;; esac; exit 0')
    assert calls[-1] == "kiosk --supervise"
    assert not [call for call in calls if "start" in call]


def test_autostart_without_systemd_runs_the_supervisor(tmp_path: Path) -> None:
    assert autostart(tmp_path, None) == ["kiosk --supervise"]


def test_the_real_kiosk_says_ready_then_pings_the_watchdog(tmp_path: Path) -> None:
    path = tmp_path / "notify"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(str(path))
        server.settimeout(60)
        environment = kiosk_environment(tmp_path)
        environment.update(NOTIFY_SOCKET=str(path), WATCHDOG_USEC="3000000")
        kiosk = start_kiosk(environment)
        try:
            messages = [server.recv(4096)]
            while messages.count(b"WATCHDOG=1") < 2:
                messages.append(server.recv(4096))
            assert messages[0] == b"READY=1\nSTATUS=Showing the exhibition"
            log = (tmp_path / "logs" / "kiosk.log").read_text()
            assert "first slide on screen" in log
            kiosk.send_signal(signal.SIGTERM)
            assert kiosk.wait(timeout=60) == 0
            while (message := server.recv(4096)) == b"WATCHDOG=1":
                pass
            assert message == b"STOPPING=1"
        finally:
            if kiosk.poll() is None:
                kiosk.kill()
                kiosk.wait()


def test_the_kiosk_runs_the_same_without_systemd(tmp_path: Path) -> None:
    environment = kiosk_environment(tmp_path)
    for name in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
        environment.pop(name, None)
    kiosk = start_kiosk(environment, stderr=subprocess.PIPE)
    log = tmp_path / "logs" / "kiosk.log"
    try:
        wait_for(lambda: log.exists() and "first slide on screen" in log.read_text())
    finally:
        kiosk.send_signal(signal.SIGTERM)
        _out, errors = kiosk.communicate(timeout=60)
    assert kiosk.returncode == 0
    assert b"Traceback" not in errors
    assert "systemd" not in log.read_text()
