"""`kiosk preview` on a bare X server, as a curator uses it: an editor's save shows on
screen, a save with a syntax error shows its message while the last good slide stays,
and the installed kiosk's settings and folders are left alone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from tests.e2e import x11
from tests.e2e.x11 import xvfb
from tests.preview.bundle import preview_toml, save_as_editor, write_preview_bundle

pytestmark = pytest.mark.slow

WIDTH, HEIGHT = 1280, 800
#: Polls of the log (20 ms apart) a reload is given before the test fails.
POLLS = 1500
RELOADED = re.compile(r"reloaded bundle in (\d+) ms")
BROKEN = re.compile(
    r"reloaded bundle in \d+ ms: 1 problem "
    r"\(first: bundle\.toml, line 11, column \d+: is not valid TOML: [^)]+\); "
    r"the last good version stays"
)


class Preview:
    """`kiosk preview` started as a curator starts it, its log on standard error."""

    def __init__(self, display: str, home: Path, bundle: Path, settings: Path) -> None:
        self.display = display
        self.log = home.parent / "preview.log"
        variables = {
            key: value
            for key, value in os.environ.items()
            if key not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS")
        }
        variables.update(
            DISPLAY=display,
            HOME=str(home),
            KIOSK_CONFIG=str(settings),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_CACHE_HOME=str(home / ".cache"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            XDG_STATE_HOME=str(home / ".local" / "state"),
        )
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kiosk", "preview", str(bundle)],
                env=variables,
                stdout=log,
                stderr=log,
            )

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, pattern: re.Pattern[str], count: int) -> re.Match[str]:
        """The ``count``-th line matching ``pattern`` (polled a bounded number of times)."""
        for _ in range(POLLS):
            found = list(pattern.finditer(self.text()))
            if len(found) >= count:
                return found[count - 1]
            if self.process.poll() is not None:
                pytest.fail(f"kiosk preview exited ({self.process.returncode}):\n{self.text()}")
            time.sleep(0.02)
        pytest.fail(f"no {pattern.pattern!r} number {count} in the log:\n{self.text()}")

    def grab(self, path: Path) -> QImage:
        image = QImage(str(x11.screenshot(self.display, path)))
        assert not image.isNull(), "the screenshot failed"
        return image

    def grab_until(self, path: Path, changed: QImage, region: QRect) -> QImage:
        """A grab whose ``region`` differs from ``changed``'s (a paint may follow its log
        line by a frame), after a bounded count of tries."""
        for _ in range(50):
            image = self.grab(path)
            if image.copy(region) != changed.copy(region):
                return image
        pytest.fail(f"the screen did not change in {region}")

    def stop(self) -> None:
        x11.stop(self.process)


def red_band(image: QImage, region: QRect) -> int:
    """Pixels of the stale-picture band's red in ``region``."""
    count = 0
    for y in range(region.top(), region.bottom(), 2):
        for x in range(region.left(), region.right(), 4):
            colour = image.pixelColor(x, y)
            if colour.red() > 150 and colour.green() < 70 and colour.blue() < 60:
                count += 1
    return count


def test_a_save_shows_and_a_broken_save_keeps_the_last_good_slide(tmp_path: Path) -> None:
    bundle = write_preview_bundle(tmp_path / "bundle")
    home = tmp_path / "home"
    home.mkdir()
    settings = tmp_path / "kiosk.toml"
    settings.write_text("idle_seconds = 90\n", encoding="utf-8")
    os.utime(settings, ns=(1_000_000_000, 1_000_000_000))
    with xvfb(WIDTH, HEIGHT) as display:
        preview = Preview(display, home, bundle, settings)
        try:
            preview.wait_for(RELOADED, 1)
            # Without a window manager the window opens at 0,0 with its own size (1280x760):
            # the middle of the slide (its title), and the top of the slide area.
            middle = QRect(420, 330, 420, 140)
            top = QRect(240, 40, 720, 200)
            nothing = QImage(WIDTH, HEIGHT, QImage.Format.Format_RGB32)
            nothing.fill(0)  # the bare X screen, before the window paints
            first = preview.grab_until(tmp_path / "0-first.png", nothing, middle)

            saved_at = time.monotonic()
            save_as_editor(bundle / "bundle.toml", preview_toml(title="Welcome"))
            line = preview.wait_for(RELOADED, 2)
            seen_after = time.monotonic() - saved_at
            changed = preview.grab_until(tmp_path / "1-changed.png", first, middle)
            print(
                f"reload: {line[1]} ms in the preview's log; the log line seen "
                f"{seen_after * 1000:.0f} ms after the save (200 ms of it gathering saves)"
            )
            assert red_band(changed, top) == 0

            save_as_editor(bundle / "bundle.toml", preview_toml(title='Welcome" oops'))
            preview.wait_for(BROKEN, 1)
            broken = preview.grab_until(tmp_path / "2-broken.png", changed, top)
            assert red_band(broken, top) > 20  # the band over the last good slide
            assert broken.copy(middle) == changed.copy(middle)  # the slide itself stays
        finally:
            preview.stop()
    assert settings.read_bytes() == b"idle_seconds = 90\n"
    assert settings.stat().st_mtime_ns == 1_000_000_000
    assert [str(p.relative_to(home)) for p in home.rglob("*")] == []
