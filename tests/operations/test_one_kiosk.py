"""One kiosk at a time, with real processes: a second start says so and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.operations.exit_codes import ALREADY_RUNNING
from tests.operations.processes import kiosk_environment, start_kiosk, wait_for


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    return kiosk_environment(tmp_path)


@pytest.fixture
def running(tmp_path: Path, environment: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    kiosk = start_kiosk(environment)
    log = tmp_path / "logs" / "kiosk.log"
    try:
        wait_for(lambda: log.exists() and "first slide on screen" in log.read_text())
        yield kiosk
    finally:
        kiosk.terminate()
        kiosk.wait(timeout=30)


def kiosk(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("args", [(), ("--windowed",), ("--supervise",)])
def test_a_second_kiosk_says_which_one_runs_and_exits(
    running: subprocess.Popen[bytes], environment: dict[str, str], args: tuple[str, ...]
) -> None:
    second = kiosk(environment, *args)
    assert second.returncode == ALREADY_RUNNING
    lines = second.stderr.splitlines()
    assert len(lines) == 1, second.stderr
    assert "already running" in lines[0] and f"pid {running.pid}" in lines[0]
    assert running.poll() is None


def test_the_staff_commands_take_no_lock(
    running: subprocess.Popen[bytes], environment: dict[str, str], tmp_path: Path
) -> None:
    assert kiosk(environment, "config").returncode == 0
    builtin = Path(__file__).parents[2] / "resources" / "bundles" / "black-january"
    assert kiosk(environment, "validate", str(builtin)).returncode == 0
    assert kiosk(environment, "describe").returncode == 0


def test_the_lock_goes_with_the_kiosk(
    running: subprocess.Popen[bytes], environment: dict[str, str], tmp_path: Path
) -> None:
    running.kill()
    running.wait(timeout=30)
    log = tmp_path / "logs" / "kiosk.log"
    starts = log.read_text().count("first slide on screen")
    again = start_kiosk(environment)
    try:
        wait_for(lambda: log.read_text().count("first slide on screen") > starts)
        assert again.poll() is None
    finally:
        again.terminate()
        again.wait(timeout=30)


def test_an_unusable_runtime_folder_does_not_stop_the_kiosk(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    environment["XDG_RUNTIME_DIR"] = str(blocked)
    temporary = tmp_path / "tmp"  # the fallbacks in it are files too
    temporary.mkdir()
    for name in (f"kiosk-{os.getuid()}", f"runtime-{os.getuid()}"):
        (temporary / name).write_text("a file where the folder should be")
    environment["TMPDIR"] = str(temporary)
    log = tmp_path / "logs" / "kiosk.log"
    started = start_kiosk(environment, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: log.exists() and "first slide on screen" in log.read_text())
        assert started.poll() is None
    finally:
        started.terminate()
        _out, errors = started.communicate(timeout=30)
    if not Path(f"/run/user/{os.getuid()}").is_dir():  # platformdirs' own fallback
        assert b"runs without its single-instance lock" in errors
