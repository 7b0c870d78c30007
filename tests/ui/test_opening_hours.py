"""Opening hours on simulated time: off and still outside them, back on the first slide.

Two clocks are simulated: the monotonic one the presenter ticks with, and the local
wall clock the opening hours read. The panel's power is a recorder (no X server here).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.presentation import Mode
from kiosk.qtmedia import load
from kiosk.ui.window import KioskWindow
from tests.bundles import write_bundle

# 2026-11-23 is a Monday.
EVENING = datetime(2026, 11, 23, 20, 0)


class Clocks:
    def __init__(self, wall: datetime) -> None:
        self.wall = wall
        self.now = 1000.0
        self.power: list[bool] = []

    def monotonic(self) -> float:
        return self.now

    def local(self) -> datetime:
        return self.wall

    def set_power(self, on: bool) -> bool:
        self.power.append(on)
        return True

    def advance(self, seconds: float) -> None:
        self.now += seconds
        self.wall += timedelta(seconds=seconds)


def make_window(qtbot: QtBot, tmp_path: Path, clocks: Clocks, **settings: object) -> KioskWindow:
    window = KioskWindow(
        load(write_bundle(tmp_path / "b"), decode_media=False),
        Settings(windowed=True, **settings),  # type: ignore[arg-type]
        clock=clocks.monotonic,
        wall_clock=clocks.local,
        screen_power=clocks.set_power,
    )
    qtbot.addWidget(window)
    window.resize(320, 200)
    return window


def active_timers(window: KioskWindow) -> list[QTimer]:
    return [timer for timer in window.findChildren(QTimer) if timer.isActive()]


def test_outside_hours_the_screen_is_off_and_nothing_ticks(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clocks = Clocks(EVENING - timedelta(hours=2))  # 18:00 less two hours: open
    window = make_window(qtbot, tmp_path, clocks, opening_hours={"mon-sun": "09:00-19:00"})
    window.show()
    qtbot.waitExposed(window)
    ticks: list[float] = []
    tick = window.presenter.tick
    monkeypatch.setattr(window.presenter, "tick", lambda now: ticks.append(now) or tick(now))
    qtbot.waitUntil(lambda: bool(ticks))  # open: the presenter ticks
    assert not window.asleep and clocks.power == []
    window.go_to(1)
    assert window.presenter.index == 1

    clocks.advance(3600)  # 19:00: closing
    window.hours.timer.timeout.emit()
    assert window.asleep and clocks.power == [False]
    assert window.hours.cover.isVisible()
    assert window.health.health.asleep  # monitoring: no slide change at night is no alarm
    # The one timer left is the one that wakes the kiosk, at 08:59 the next morning.
    assert active_timers(window) == [window.hours.timer]
    assert window.hours.timer.interval() == (13 * 60 + 59) * 60 * 1000
    ticks.clear()
    qtbot.wait(300)  # more than a tick (250 ms)
    assert ticks == []
    window.note_activity()  # a touch while closed starts nothing
    assert active_timers(window) == [window.hours.timer]

    clocks.advance((13 * 60 + 59) * 60)  # 08:59
    window.hours.timer.timeout.emit()
    assert not window.asleep and clocks.power == [False, True]
    assert not window.hours.cover.isVisible()
    assert not window.health.health.asleep
    assert window.presenter.index == 0 and window.presenter.mode is Mode.ATTRACT
    assert window._ticker.isActive()
    # The next change is closing time, 19:00.
    assert window.hours.timer.interval() == (10 * 60 + 1) * 60 * 1000
    window.exit_kiosk(quit_application=False)


def test_a_kiosk_started_at_night_starts_dark(qtbot: QtBot, tmp_path: Path) -> None:
    clocks = Clocks(EVENING)
    window = make_window(qtbot, tmp_path, clocks, opening_hours={"mon-fri": "09:00-18:00"})
    assert window.asleep and clocks.power == [False]
    assert active_timers(window) == [window.hours.timer]
    window.show()
    window.resize(400, 240)  # the cover follows the window, over its controls
    qtbot.waitExposed(window)
    assert window.hours.cover.geometry() == window.rect()
    for control in (window.next_button, window.dots, window.chapters_button):
        assert window.childAt(control.geometry().center()) is window.hours.cover
    window.exit_kiosk(quit_application=False)


def test_without_opening_hours_the_kiosk_never_sleeps(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, Clocks(EVENING))
    assert window.hours is None and not window.asleep
    window.exit_kiosk(quit_application=False)


@pytest.mark.parametrize("allowed", [False, True])
def test_a_touch_when_closed_shows_the_notice_only_if_staff_allow(
    qtbot: QtBot, tmp_path: Path, allowed: bool
) -> None:
    clocks = Clocks(EVENING)
    window = make_window(
        qtbot,
        tmp_path,
        clocks,
        opening_hours={"mon-fri": "09:00-18:00"},
        show_closed_on_touch=allowed,
    )
    window.show()
    qtbot.mouseClick(window.hours.cover, Qt.MouseButton.LeftButton)
    cover = window.hours.cover
    if allowed:
        assert clocks.power == [False, True] and cover.notice
        assert cover.opens == "09:00" and cover.title
        assert window.hours.notice_timer.isActive()
        window.hours.notice_timer.timeout.emit()
        assert clocks.power == [False, True, False] and not cover.notice
    else:
        assert clocks.power == [False, False] and not cover.notice
        assert active_timers(window) == [window.hours.timer]
    window.exit_kiosk(quit_application=False)


def test_the_slide_drifts_only_in_the_attract_loop(qtbot: QtBot, tmp_path: Path) -> None:
    clocks = Clocks(EVENING)
    window = make_window(qtbot, tmp_path, clocks)
    assert window.deck.drift == (0, 0)
    for _ in range(4):
        clocks.advance(30)
        window._tick()
    attract = window.deck.drift
    assert attract != (0, 0) and max(attract) <= 8
    window.next()  # a visitor
    assert window.presenter.mode is Mode.VISITOR
    for _ in range(4):
        clocks.advance(10)
        window.note_activity()
        window._tick()
    assert window.deck.drift == attract
    window.exit_kiosk(quit_application=False)


def test_no_drift_when_staff_turn_it_off(qtbot: QtBot, tmp_path: Path) -> None:
    clocks = Clocks(EVENING)
    window = make_window(qtbot, tmp_path, clocks, burn_in_drift=False)
    for _ in range(4):
        clocks.advance(30)
        window._tick()
    assert window.deck.drift == (0, 0)
    window.exit_kiosk(quit_application=False)


def test_staff_at_night_get_the_screen_until_they_leave(qtbot: QtBot, tmp_path: Path) -> None:
    clocks = Clocks(EVENING)
    window = make_window(qtbot, tmp_path, clocks, opening_hours={"mon-fri": "09:00-18:00"})
    window.show()
    assert window.asleep
    window.open_staff()
    assert not window.asleep and clocks.power == [False, True]
    assert window.pin_pad.isVisible() and not window.hours.cover.isVisible()
    window.leave_staff()
    assert window.asleep and clocks.power == [False, True, False]
    assert active_timers(window) == [window.hours.timer]
    window.exit_kiosk(quit_application=False)


def test_night_dimming_darkens_the_slides_in_its_hours(qtbot: QtBot, tmp_path: Path) -> None:
    clocks = Clocks(datetime(2026, 11, 23, 19, 59))
    window = make_window(
        qtbot, tmp_path, clocks, night_dim_hours="20:00-07:00", night_dim_percent=30
    )
    assert window.deck.dim == 0.0
    clocks.advance(60)
    window._tick()
    assert window.deck.dim == pytest.approx(0.3)
    clocks.advance(11 * 3600)  # 07:00
    window._tick()
    assert window.deck.dim == 0.0
    window.exit_kiosk(quit_application=False)
