"""The kiosk as a real process on the offscreen platform, started and stopped as staff do."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.operations.processes import start_kiosk


class Home:
    """A kiosk user's folders (config, data, cache, logs) under one temporary folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.config = root / "config" / "kiosk.toml"
        self.data = root / "data"
        self.cache = root / "cache"
        self.runtime = root / "runtime"
        self.logs = root / "logs"
        self.config.parent.mkdir(parents=True, exist_ok=True)
        self.runtime.mkdir(mode=0o700, exist_ok=True)

    def configure(self, **settings: object) -> None:
        lines = [f'log_dir = "{self.logs}"']
        lines += [f'{key} = "{value}"' for key, value in settings.items()]
        self.config.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def environment(self) -> dict[str, str]:
        return {
            **{key: value for key, value in os.environ.items() if not key.startswith("XDG_")},
            "QT_QPA_PLATFORM": "offscreen",
            "KIOSK_CONFIG": str(self.config),
            "XDG_DATA_HOME": str(self.data),
            "XDG_CACHE_HOME": str(self.cache),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "XDG_STATE_HOME": str(self.root / "state"),
        }

    def log(self) -> str:
        path = self.logs / "kiosk.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def start(self, *args: str, timeout: float = 60) -> subprocess.Popen[bytes]:
        """Start the kiosk and wait for its first slide."""
        self.mark = len(self.log())
        with self.stderr.open("wb") as errors:
            process = start_kiosk(self.environment(), *args, stderr=errors)
        self.wait_for_log("first slide on screen", process, timeout)
        return process

    @property
    def stderr(self) -> Path:
        return self.root / "stderr.txt"

    def wait_for_log(self, text: str, process: subprocess.Popen[bytes], timeout: float = 60) -> str:
        """The log since the start, once it holds ``text``."""
        deadline = time.monotonic() + timeout
        while text not in self.log()[self.mark :]:
            if process.poll() is not None:
                error = self.stderr.read_text(errors="replace")
                pytest.fail(f"the kiosk exited ({process.returncode}): {error}\n{self.log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {text!r} in the log within {timeout} s:\n{self.log()}")
            time.sleep(0.05)
        return self.log()[self.mark :]

    @staticmethod
    def stop(process: subprocess.Popen[bytes]) -> None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def run_until_shown(self, *args: str, timeout: float = 60) -> str:
        """Start the kiosk, wait for its first slide, stop it with SIGTERM; its new log."""
        process = self.start(*args, timeout=timeout)
        try:
            # What the kiosk does right after its first paint (keeping copies) comes next.
            time.sleep(1.0)
        finally:
            self.stop(process)
        return self.log()[self.mark :]


def shown_bundle(log: str) -> tuple[str, str]:
    """The id and version of the bundle a start put on screen, from its log."""
    found = re.findall(r"bundle (\S+) (\S+) loaded", log)
    assert found, log
    return found[-1]
