"""The kiosk as a real process on the offscreen platform, started and stopped as staff do."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


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
        }

    def log(self) -> str:
        path = self.logs / "kiosk.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def run_until_shown(self, *args: str, timeout: float = 60) -> str:
        """Start the kiosk, wait for its first slide, stop it with SIGTERM; its new log."""
        mark = len(self.log())
        stderr = self.root / "stderr.txt"
        with stderr.open("wb") as errors:
            process = subprocess.Popen(
                [sys.executable, "-m", "kiosk", *args],
                env=self.environment(),
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
        try:
            deadline = time.monotonic() + timeout
            while "first slide on screen" not in self.log()[mark:]:
                if process.poll() is not None:
                    error = stderr.read_text(errors="replace")
                    pytest.fail(f"the kiosk exited ({process.returncode}): {error}\n{self.log()}")
                if time.monotonic() > deadline:
                    pytest.fail(f"the kiosk showed nothing within {timeout} s:\n{self.log()}")
                time.sleep(0.05)
            # What the kiosk does right after its first paint (keeping copies) comes next.
            time.sleep(1.0)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return self.log()[mark:]


def shown_bundle(log: str) -> tuple[str, str]:
    """The id and version of the bundle a start put on screen, from its log."""
    found = re.findall(r"bundle (\S+) (\S+) loaded", log)
    assert found, log
    return found[-1]
