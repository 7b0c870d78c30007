"""A kiosk window with a visitor-insights store records slides, visits and its life."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.config import Settings, hash_pin
from kiosk.insights.stats import read
from kiosk.insights.store import Store
from kiosk.operations.resume import Point, ResumeKeeper, ResumePoint
from kiosk.qtmedia import load
from kiosk.ui.window import KioskWindow
from tests.bundles import write_bundle
from tests.insights.locking import held_exclusively

WALL = 1_790_000_000.0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_window_records_a_slide_change_a_visit_and_its_life(qtbot: QtBot, tmp_path: Path) -> None:
    # A kiosk that crashed: this start is a crash restart.
    crashed = ResumePoint("other", "1.0", 3, Point(0, "en"), saved=WALL - 5, started=WALL - 60)
    (tmp_path / "resume.json").write_text(crashed.to_json(), encoding="utf-8")
    database = tmp_path / "insights.sqlite3"
    clock = Clock()
    window = KioskWindow(
        load(write_bundle(tmp_path / "b"), decode_media=False),
        Settings(windowed=True, idle_seconds=60, countdown_seconds=20),
        clock=clock,
        wall_clock=lambda: datetime.fromtimestamp(WALL + clock.now - 1000),
        resume=ResumeKeeper(tmp_path / "resume.json"),
        insights=Store(database, now=WALL, kiosk_id="test", batch_seconds=3600),
    )
    qtbot.addWidget(window)
    window.resize(320, 200)
    try:
        clock.now += 2
        window.note_activity()  # a visitor
        clock.now += 3
        window._swiped(1)  # slide 2, swiped
        clock.now += 4
        window.next_button.click()  # slide 3, tapped
        clock.now += 60
        window._tick()  # "Still there?"
        clock.now += 20
        window._tick()  # lapsed: the reset
        clock.now += 1
        window.sleep()  # closing time
        window.wake()
    finally:
        window.exit_kiosk(quit_application=False)
    assert window.insights is None and window.recorder is None  # closed, written

    stats = read([database], tz=UTC)
    assert stats.sessions == 1
    assert stats.median_session_seconds == 87  # from the touch to the lapsed countdown
    assert stats.countdown_lapsed == 1
    assert {s.slide_id: s.total_seconds for s in stats.slides} == {"1": 3, "2": 4, "3": 80}
    assert dict(stats.kiosk_events) == {
        "start": 1,
        "crash_restart": 1,
        "closed": 1,
        "opened": 1,
        "stop": 1,
    }
    with sqlite3.connect(database) as con:
        reached = con.execute(
            "SELECT reached_by FROM slides WHERE mode = 'visitor' ORDER BY id"
        ).fetchall()
    assert reached == [("start",), ("swipe",), ("tap",)]


def test_the_preview_window_records_only_when_told() -> None:
    assert Settings().records_visits
    assert not Settings(windowed=True).records_visits
    assert Settings(windowed=True, record_visits=True).records_visits
    assert not Settings(record_visits=False).records_visits


def test_the_staff_menu_shows_todays_figures(qtbot: QtBot, tmp_path: Path) -> None:
    database = tmp_path / "insights.sqlite3"
    clock = Clock()
    store = Store(database, now=WALL, kiosk_id="test", batch_seconds=3600)
    window = KioskWindow(
        load(write_bundle(tmp_path / "b"), decode_media=False),
        Settings(windowed=True, idle_seconds=60, countdown_seconds=20, pin_hash=hash_pin("2468")),
        clock=clock,
        wall_clock=lambda: datetime.fromtimestamp(WALL + clock.now - 1000),
        insights=store,
    )
    qtbot.addWidget(window)
    window.resize(640, 400)
    try:
        clock.now += 5
        window.note_activity()  # a visitor
        clock.now += 5
        window._swiped(1)
        clock.now += 60
        window._tick()  # "Still there?"
        clock.now += 20
        window._tick()  # lapsed: the visit ends, 85 s long, and is written
        store.flush(wait=True)
        window.open_staff()
        window._pin_entered("2468")
        assert window.staff_menu.today.splitlines() == [
            "Visits today: 1, median length 1 min 25 s",
            "Recording visits: on",
        ]
    finally:
        window.exit_kiosk(quit_application=False)


def test_the_staff_menu_says_when_todays_figures_are_locked_away(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A database another connection holds locked: the menu opens, saying the figures
    are unavailable, after the staff read's short timeout (kiosk.insights.today)."""
    database = tmp_path / "insights.sqlite3"
    store = Store(database, now=WALL, kiosk_id="test", batch_seconds=3600)
    window = KioskWindow(
        load(write_bundle(tmp_path / "b"), decode_media=False),
        Settings(windowed=True, pin_hash=hash_pin("2468")),
        wall_clock=lambda: datetime.fromtimestamp(WALL),
        insights=store,
    )
    qtbot.addWidget(window)
    try:
        store.close()  # its writer done (the lock below wants the file to itself)
        with held_exclusively(database):
            window.open_staff()
            window._pin_entered("2468")
        assert not window.staff_menu.isHidden()  # it opened
        assert window.staff_menu.today.splitlines() == [
            "Visits today: unavailable (the database is busy or damaged; try again)",
            "Recording visits: on",
        ]
    finally:
        window.exit_kiosk(quit_application=False)


def test_the_staff_menu_says_why_recording_is_off(qtbot: QtBot, tmp_path: Path) -> None:
    window = KioskWindow(
        load(write_bundle(tmp_path / "b"), decode_media=False),
        Settings(windowed=True, pin_hash=hash_pin("2468")),
    )
    qtbot.addWidget(window)
    try:
        window.open_staff()
        window._pin_entered("2468")
        assert window.staff_menu.today == (
            "Recording visits: off (record_visits is false in the settings, "
            "or this is a preview window)"
        )
    finally:
        window.exit_kiosk(quit_application=False)
