"""The window feeds the health files: slides navigated, a visitor's session, a swap."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.content.exhibition import Offer
from kiosk.health import METRICS_FILE, STATUS_FILE
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.ui.window import KioskWindow
from tests.bundles import write_bundle


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


class WallClock(Clock):
    """The time of day, as the window takes it (local, aware), from seconds ``now``."""

    def __call__(self) -> datetime:  # type: ignore[override]
        return datetime.fromtimestamp(self.now, tz=UTC)


def counters(folder: Path) -> dict[str, float]:
    text = (folder / METRICS_FILE).read_text(encoding="utf-8")
    return {
        sample.name: sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


@pytest.fixture
def wall() -> WallClock:
    return WallClock(1_790_000_000.0)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, wall: WallClock) -> Iterator[KioskWindow]:
    settings = Settings(idle_seconds=60, health_dir=tmp_path / "health")
    kiosk = KioskWindow(
        load(builtin_bundle(), decode_media=False),
        settings,
        clock=Clock(1000.0),
        wall_clock=wall,
    )
    kiosk.setGeometry(0, 0, 320, 180)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    yield kiosk
    kiosk.exit_kiosk(quit_application=False)


def test_navigating_slides_counts_in_the_written_file(
    window: KioskWindow, tmp_path: Path, wall: WallClock
) -> None:
    folder = tmp_path / "health"
    assert not folder.exists()  # a window writes nothing until the kiosk starts it
    window.health.start()
    assert counters(folder)["kiosk_slide_changes_total"] == 0
    window.clock.now += 30  # type: ignore[attr-defined]
    wall.now += 30
    window.note_activity()  # a visitor's first touch after the attract loop
    window.next()
    window.next()
    window.previous()
    window.health.write()  # the minute's timer
    written = counters(folder)
    assert written["kiosk_slide_changes_total"] == 3
    assert written["kiosk_sessions_total"] == 1
    status = (folder / STATUS_FILE).read_text(encoding="utf-8")
    assert '"id": "black-january"' in status
    assert '"time": "2026-09-21T14:13:50Z"' in status  # the last change, on the fake clock
    assert '"uptime_seconds": 30.0' in status
    assert written["kiosk_up"] == 1
    window.exit_kiosk(quit_application=False)
    assert counters(folder)["kiosk_up"] == 0  # ended cleanly: down, not silent


def test_a_logged_problem_and_a_screenshot_reach_the_health_folder(
    window: KioskWindow, tmp_path: Path
) -> None:
    import logging

    logging.getLogger("kiosk.test").warning("a test warning")
    window.health._screenshots = True
    window.health.start()
    status = (tmp_path / "health" / STATUS_FILE).read_text(encoding="utf-8")
    assert '"text": "a test warning"' in status
    assert (tmp_path / "health" / "screenshot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_bundle_swap_at_the_reset_is_the_last_swap(window: KioskWindow, tmp_path: Path) -> None:
    other = load(write_bundle(tmp_path / "other"), decode_media=False)
    info = other.manifest.bundle
    window.offer_bundle(Offer(other))
    window.clock.now += 200  # type: ignore[attr-defined]  # the attract loop moves on
    window._tick()
    window._tick()
    assert window.bundle is other
    window.health.start()
    status = json.loads((tmp_path / "health" / STATUS_FILE).read_text(encoding="utf-8"))
    assert status["bundle"] == {"id": info.id, "version": info.version}
    assert status["last_swap"]["bundle"] == f"{info.id} {info.version}"
    assert status["slide_changes"] == 0  # the new bundle's first slide is no change
