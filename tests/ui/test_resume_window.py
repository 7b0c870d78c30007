"""A window started after a crash shows the slide and language the crashed one showed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.operations.resume import Point, ResumeKeeper, ResumePoint
from kiosk.presentation import Mode
from kiosk.qtmedia import load
from kiosk.ui.window import KioskWindow
from tests.bundles import write_bundle

WALL = 1_790_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def crash_point(path: Path, point: Point) -> None:
    """The file of a kiosk that crashed on ``point``, an hour after its start."""
    record = ResumePoint("test", "1.0", 3, point, saved=WALL - 5, started=WALL - 3600)
    path.write_text(record.to_json(), encoding="utf-8")


def window_for(qtbot: QtBot, tmp_path: Path, clock: Clock) -> KioskWindow:
    window = KioskWindow(
        load(write_bundle(tmp_path / "b"), decode_media=False),
        Settings(windowed=True, idle_seconds=60),
        clock=clock,
        wall_clock=lambda: datetime.fromtimestamp(WALL),
        resume=ResumeKeeper(tmp_path / "resume.json"),
    )
    qtbot.addWidget(window)
    window.resize(320, 200)
    return window


def test_a_visitor_resumed_after_a_crash_reads_on_until_the_idle_reset(
    qtbot: QtBot, tmp_path: Path
) -> None:
    crash_point(tmp_path / "resume.json", Point(2, "az", visitor=True))
    clock = Clock()
    window = window_for(qtbot, tmp_path, clock)
    try:
        assert (window.presenter.index, window.presenter.language) == (2, "az")
        assert (window.deck.index, window.deck.language) == (2, "az")
        assert window.dots.accessibleName() == "3 / 3"
        assert window.presenter.mode is Mode.VISITOR  # a fresh idle time: they read on
        clock.now += 59
        window._tick()
        assert window.presenter.index == 2
    finally:
        window.exit_kiosk(quit_application=False)
    # Staff's exit is a clean end: the next start is fresh.
    assert not ResumePoint.from_json((tmp_path / "resume.json").read_text()).running
    again = window_for(qtbot, tmp_path, Clock())
    try:
        assert (again.presenter.index, again.presenter.language) == (0, "en")
        assert again.presenter.mode is Mode.ATTRACT
    finally:
        again.exit_kiosk(quit_application=False)


def test_the_attract_loop_resumed_goes_on_from_its_slide(qtbot: QtBot, tmp_path: Path) -> None:
    crash_point(tmp_path / "resume.json", Point(1, "en"))
    clock = Clock()
    window = window_for(qtbot, tmp_path, clock)
    try:
        assert (window.deck.index, window.presenter.mode) == (1, Mode.ATTRACT)
        clock.now += 10  # the bundle's slide_seconds
        window._tick()
        assert window.presenter.index == 2
    finally:
        window.exit_kiosk(quit_application=False)


def test_outside_opening_hours_the_hours_win_and_closing_is_a_clean_end(
    qtbot: QtBot, tmp_path: Path
) -> None:
    crash_point(tmp_path / "resume.json", Point(2, "az", visitor=True))
    evening = datetime(2026, 11, 23, 20, 0)  # a Monday, after closing
    window = KioskWindow(
        load(write_bundle(tmp_path / "b"), decode_media=False),
        Settings(windowed=True, opening_hours={"mon-sun": "09:00-19:00"}),  # type: ignore[arg-type]
        clock=Clock(),
        wall_clock=lambda: evening,
        screen_power=lambda _on: True,
        resume=ResumeKeeper(tmp_path / "resume.json"),
    )
    qtbot.addWidget(window)
    try:
        assert window.asleep
        assert not ResumePoint.from_json((tmp_path / "resume.json").read_text()).running
        window.wake()  # the morning: the first slide, and a crash resumes again
        assert (window.presenter.index, window.presenter.language) == (0, "en")
        morning = ResumePoint.from_json((tmp_path / "resume.json").read_text())
        assert (morning.running, morning.point) == (True, Point(0, "en"))
    finally:
        window.exit_kiosk(quit_application=False)


def test_a_staff_screen_over_the_attract_loop_is_saved_as_the_loop(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Staff's menu is a common place for a crash (a reload of a broken bundle): the
    kiosk must come back in the attract loop, not as a visitor nobody is (a visit in
    the insights, the loop held until the idle reset)."""
    window = window_for(qtbot, tmp_path, Clock())
    try:
        assert window.presenter.mode is Mode.ATTRACT
        window.open_staff()
        window._tick()
        assert window.presenter.mode is Mode.STAFF
        saved = ResumePoint.from_json((tmp_path / "resume.json").read_text())
        assert saved.point.visitor is False
    finally:
        window.exit_kiosk(quit_application=False)
