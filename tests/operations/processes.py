"""Helpers for tests that start real kiosk and supervisor processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO


def kiosk_environment(home: Path, settings: str = "") -> dict[str, str]:
    """An offscreen kiosk with its own settings, logs, cache and runtime (lock) folder."""
    config = home / "kiosk.toml"
    config.write_text(f'log_dir = "{home / "logs"}"\n{settings}', encoding="utf-8")
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_CONFIG": str(config),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_RUNTIME_DIR": str(runtime),
    }


def start_kiosk(
    environment: dict[str, str], *args: str, stderr: int | IO[bytes] = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    """``python -m kiosk ARGS`` as staff start it, with its output discarded (or piped)."""
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk", *args],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=stderr,
    )


def wait_for(condition: Callable[[], object], timeout: float = 60) -> None:
    """Poll ``condition`` until it holds; the timeout only catches a hang."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def children(pid: int) -> list[int]:
    """The pids of a process's children (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def gone(pid: int) -> bool:
    """Whether ``pid`` has ended (a zombie waiting for its parent counts as ended)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return True
    return "zombie" in status or "(dead)" in status
