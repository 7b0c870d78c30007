"""The live window, offscreen: controls, swipes, lockdown, idle reset, staff, hot swap."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, hash_pin
from kiosk.content.exhibition import Offer
from kiosk.operations.exit_codes import STAFF_EXIT
from kiosk.paths import builtin_bundle
from kiosk.presentation import Mode
from kiosk.qtmedia import load
from kiosk.ui.window import KioskGuard, KioskWindow
from tests.bundles import write_bundle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def window(qtbot: QtBot, clock: Clock) -> Iterator[KioskWindow]:
    settings = Settings(pin_hash=hash_pin("2468"), idle_seconds=60)
    kiosk = KioskWindow(load(builtin_bundle(), decode_media=False), settings, clock=clock)
    guard = KioskGuard(kiosk)
    QApplication.instance().installEventFilter(guard)
    kiosk.setGeometry(0, 0, 1280, 720)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    yield kiosk
    QApplication.instance().removeEventFilter(guard)
    kiosk.exit_kiosk(quit_application=False)


STAFF_KEY_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def settled_on(window: KioskWindow, index: int) -> None:
    assert window.presenter.index == index
    assert window.deck.index == index and not window.deck.moving


def send_mouse(
    widget: object, kind: QEvent.Type, position: QPointF, buttons: Qt.MouseButton
) -> None:
    """One left-button mouse event, as a mouse or a touch screen sends it."""
    event = QMouseEvent(
        kind,
        position,
        position,
        Qt.MouseButton.LeftButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def drag(
    widget: object, start: QPointF, end: QPointF, steps: int = 8, *, release: bool = True
) -> None:
    """A left-button drag through real mouse events; held at ``end`` without ``release``."""
    send_mouse(widget, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
    for step in range(1, steps + 1):
        position = start + (end - start) * (step / steps)
        send_mouse(widget, QEvent.Type.MouseMove, position, Qt.MouseButton.LeftButton)
    if release:
        send_mouse(widget, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def test_next_button_shows_the_next_slide(window: KioskWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.presenter.mode is Mode.VISITOR
    qtbot.waitUntil(lambda: settled_on(window, 1))
    qtbot.mouseClick(window.previous_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: settled_on(window, 0))


def test_a_leftward_drag_brings_the_next_slide(window: KioskWindow, qtbot: QtBot) -> None:
    drag(window.deck, QPointF(1000, 360), QPointF(300, 360))
    qtbot.waitUntil(lambda: settled_on(window, 1))
    drag(window.deck, QPointF(300, 360), QPointF(1000, 360))
    qtbot.waitUntil(lambda: settled_on(window, 0))


def test_a_short_drag_springs_back(window: KioskWindow, qtbot: QtBot) -> None:
    drag(window.deck, QPointF(700, 360), QPointF(600, 360))
    qtbot.waitUntil(lambda: settled_on(window, 0))


def test_a_touch_swipe_takes_the_same_path(window: KioskWindow, qtbot: QtBot) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(window, device).press(0, QPoint(1000, 360)).commit()
    for x in range(950, 250, -70):
        QTest.touchEvent(window, device).move(0, QPoint(x, 365)).commit()
    QTest.touchEvent(window, device).release(0, QPoint(250, 365)).commit()
    qtbot.waitUntil(lambda: settled_on(window, 1))


def test_a_second_finger_does_not_move_the_slides(window: KioskWindow, qtbot: QtBot) -> None:
    device = QTest.createTouchDevice()
    QTest.touchEvent(window, device).press(0, QPoint(1000, 360)).commit()
    QTest.touchEvent(window, device).stationary(0).press(1, QPoint(900, 500)).commit()
    for x in range(850, 100, -75):  # a palm sliding across while the first finger rests
        QTest.touchEvent(window, device).stationary(0).move(1, QPoint(x, 500)).commit()
    QTest.touchEvent(window, device).stationary(0).release(1, QPoint(100, 500)).commit()
    QTest.touchEvent(window, device).release(0, QPoint(1002, 361)).commit()
    qtbot.wait(300)
    settled_on(window, 0)


def test_keys_move_through_the_slides(window: KioskWindow, qtbot: QtBot) -> None:
    QTest.keyClick(window, Qt.Key.Key_Right)
    QTest.keyClick(window, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: settled_on(window, 2))
    QTest.keyClick(window, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: settled_on(window, 0))


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ],
)
def test_escape_alt_f4_ctrl_q_and_ctrl_w_change_nothing(
    window: KioskWindow, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    QTest.keyClick(window, key, modifier)
    QApplication.processEvents()
    assert window.isVisible()
    assert window.presenter.index == 0


def test_a_close_request_is_refused(window: KioskWindow) -> None:
    assert window.close() is False
    assert window.isVisible()


def test_no_context_menu_or_tooltip_reaches_a_visitor(window: KioskWindow) -> None:
    before = set(QApplication.topLevelWidgets())
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(50, 50), QPoint(50, 50))
    QApplication.sendEvent(window.deck, event)
    assert not event.isAccepted() or set(QApplication.topLevelWidgets()) == before
    assert set(QApplication.topLevelWidgets()) == before


def test_idle_visitor_gets_a_countdown_then_the_first_slide(
    window: KioskWindow, clock: Clock, qtbot: QtBot
) -> None:
    window.go_to(3)
    window.set_language("az")
    window._toggle_chapters()
    assert window.chapters.isVisible()
    clock.now += 60
    window._tick()
    assert window.presenter.mode is Mode.COUNTDOWN
    assert window.countdown.isVisible() and not window.chapters.isVisible()
    assert window.countdown.seconds == 20  # WCAG 2.2.1: at least 20 s to answer
    clock.now += 19.9
    window._tick()
    assert window.countdown.isVisible() and window.countdown.seconds == 1
    clock.now += 0.1
    window._tick()
    assert (window.presenter.mode, window.presenter.language) == (Mode.ATTRACT, "en")
    assert not window.countdown.isVisible()
    qtbot.waitUntil(lambda: settled_on(window, 0))
    assert window.deck.language == "en"


def test_a_touch_during_the_countdown_keeps_the_visitors_place(
    window: KioskWindow, clock: Clock, qtbot: QtBot
) -> None:
    window.go_to(2)
    clock.now += 61
    window._tick()
    assert window.countdown.isVisible()
    qtbot.mouseClick(window.countdown, Qt.MouseButton.LeftButton)
    assert window.presenter.mode is Mode.VISITOR and not window.countdown.isVisible()
    assert window.presenter.index == 2


def test_language_button_shows_each_language_by_its_own_name(
    window: KioskWindow, qtbot: QtBot
) -> None:
    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    assert window.languages.isVisible()
    labels = [choice[1] for choice in window.languages._choices]
    assert labels == ["English", "Azərbaycan"]  # CLDR's names (kiosk.text.languages)
    window._language_chosen("az")
    assert window.deck.language == "az" and not window.languages.isVisible()


def test_chapters_grid_jumps_to_a_slide(window: KioskWindow, qtbot: QtBot) -> None:
    qtbot.mouseClick(window.chapters_button, Qt.MouseButton.LeftButton)
    assert window.chapters.isVisible()
    window._chapter_chosen(6)
    qtbot.waitUntil(lambda: settled_on(window, 6))
    assert not window.chapters.isVisible()


def test_staff_pin_opens_the_menu_and_five_wrong_pins_lock_the_pad(
    window: KioskWindow, clock: Clock
) -> None:
    window.open_staff()
    assert window.pin_pad.isVisible() and window.presenter.mode is Mode.STAFF
    for _ in range(5):
        window._pin_entered("0000")
    assert window.pin_pad.message.startswith("Locked")
    window._pin_entered("2468")
    assert not window.staff_menu.isVisible()  # locked: even the right PIN waits
    clock.now += 61
    window._pin_entered("2468")
    assert window.staff_menu.isVisible()
    window._show_diagnostics()
    assert "black-january 1.1.0" in window.staff_menu.diagnostics
    window.leave_staff()
    assert window.presenter.mode is Mode.VISITOR and not window.staff_menu.isVisible()


def test_the_countdown_length_is_a_setting(qtbot: QtBot, clock: Clock) -> None:
    settings = Settings(idle_seconds=60, countdown_seconds=45)
    kiosk = KioskWindow(load(builtin_bundle(), decode_media=False), settings, clock=clock)
    try:
        kiosk.note_activity()
        clock.now += 60
        kiosk._tick()
        assert kiosk.presenter.mode is Mode.COUNTDOWN
        assert kiosk.presenter.countdown_left(clock.now) == 45
    finally:
        kiosk.exit_kiosk(quit_application=False)


def test_an_abandoned_pin_pad_closes_itself_and_the_slideshow_goes_on(
    window: KioskWindow, clock: Clock, qtbot: QtBot
) -> None:
    window.open_staff()
    assert window.pin_pad.isVisible()
    clock.now += 59
    window._tick()
    assert window.pin_pad.isVisible()
    clock.now += 1
    window._tick()
    assert not window.pin_pad.isVisible()
    assert window.presenter.mode is Mode.ATTRACT
    shown = window.presenter.index
    clock.now += 12
    window._tick()  # the attract loop goes on
    qtbot.waitUntil(lambda: settled_on(window, shown + 1))


def test_an_abandoned_staff_menu_closes_itself_before_a_visitor_can_exit(
    window: KioskWindow, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    ended: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(ended.append))
    window.open_staff()
    window._pin_entered("2468")
    assert window.staff_menu.isVisible()
    clock.now += 60
    window._tick()
    assert not window.staff_menu.isVisible() and not window.pin_pad.isVisible()
    assert window.presenter.mode is not Mode.STAFF
    assert ended == []


def test_the_idle_reset_happens_behind_an_open_staff_screen(qtbot: QtBot, clock: Clock) -> None:
    settings = Settings(pin_hash=hash_pin("2468"), idle_seconds=60, staff_timeout_seconds=300)
    kiosk = KioskWindow(load(builtin_bundle(), decode_media=False), settings, clock=clock)
    kiosk.setGeometry(0, 0, 1280, 720)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    try:
        kiosk.go_to(3)
        kiosk.set_language("az")
        kiosk.open_staff()
        clock.now += 60
        kiosk._tick()  # the countdown starts behind the pad, unseen
        assert kiosk.pin_pad.isVisible() and not kiosk.countdown.isVisible()
        clock.now += 20
        kiosk._tick()
        assert kiosk.pin_pad.isVisible()
        assert (kiosk.presenter.index, kiosk.presenter.language) == (0, "en")
        qtbot.waitUntil(lambda: kiosk.deck.index == 0 and kiosk.deck.language == "en")
    finally:
        kiosk.exit_kiosk(quit_application=False)


def test_a_key_on_the_pin_pad_restarts_the_staff_timeout(window: KioskWindow, clock: Clock) -> None:
    window.open_staff()
    clock.now += 50
    QTest.keyClick(window, Qt.Key.Key_2)
    clock.now += 50
    window._tick()
    assert window.pin_pad.isVisible() and window.pin_pad.digits == "2"
    clock.now += 10
    window._tick()
    assert not window.pin_pad.isVisible()


def test_a_touch_on_the_staff_menu_restarts_the_staff_timeout(
    window: KioskWindow, clock: Clock, qtbot: QtBot
) -> None:
    window.open_staff()
    window._pin_entered("2468")
    clock.now += 50
    diagnostics = window.staff_menu._buttons[2]
    assert diagnostics.text() == "Diagnostics"
    qtbot.mouseClick(diagnostics, Qt.MouseButton.LeftButton)
    clock.now += 50
    window._tick()
    assert window.presenter.mode is Mode.STAFF
    clock.now += 10
    window._tick()
    assert window.presenter.mode is not Mode.STAFF


def test_the_staff_timeout_is_a_setting(qtbot: QtBot, clock: Clock) -> None:
    settings = Settings(pin_hash=hash_pin("2468"), staff_timeout_seconds=300)
    kiosk = KioskWindow(load(builtin_bundle(), decode_media=False), settings, clock=clock)
    try:
        kiosk.open_staff()
        clock.now += 299
        kiosk._tick()
        assert kiosk.presenter.mode is Mode.STAFF
        clock.now += 1
        kiosk._tick()
        assert kiosk.presenter.mode is not Mode.STAFF
    finally:
        kiosk.exit_kiosk(quit_application=False)


@pytest.mark.parametrize(
    "modifier", [Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier]
)
@pytest.mark.parametrize("enter", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_a_pin_typed_on_a_keyboard_opens_the_staff_menu(
    window: KioskWindow, modifier: Qt.KeyboardModifier, enter: Qt.Key
) -> None:
    QTest.keyClick(window, Qt.Key.Key_K, STAFF_KEY_MODIFIERS)
    assert window.pin_pad.isVisible()
    for key in (Qt.Key.Key_2, Qt.Key.Key_4, Qt.Key.Key_9, Qt.Key.Key_Backspace):
        QTest.keyClick(window, key, modifier if key != Qt.Key.Key_Backspace else NO_MODIFIER)
    assert window.pin_pad.digits == "24"
    QTest.keyClick(window, Qt.Key.Key_6, modifier)
    QTest.keyClick(window, Qt.Key.Key_8, modifier)
    QTest.keyClick(window, enter, modifier)
    assert window.staff_menu.isVisible() and not window.pin_pad.isVisible()


def test_a_wrong_pin_typed_on_a_keyboard_is_refused(window: KioskWindow) -> None:
    window.open_staff()
    QTest.keyClicks(window, "1357")
    QTest.keyClick(window, Qt.Key.Key_Return)
    assert window.pin_pad.isVisible() and window.pin_pad.message == "Wrong PIN"
    assert not window.staff_menu.isVisible()


def test_escape_closes_the_staff_screen_and_never_the_kiosk(
    window: KioskWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ended: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(ended.append))
    window.open_staff()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not window.pin_pad.isVisible() and window.presenter.mode is Mode.VISITOR
    window.open_staff()
    window._pin_entered("2468")
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert not window.staff_menu.isVisible()
    QTest.keyClick(window, Qt.Key.Key_Escape)
    assert window.isVisible() and ended == []


def test_exit_kiosk_ends_with_the_staff_exit_code(
    window: KioskWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    ended: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(ended.append))
    window.open_staff()
    window._pin_entered("2468")
    exit_button = window.staff_menu._buttons[-1]
    assert exit_button.text() == "Exit kiosk"
    exit_button.click()
    assert ended == [STAFF_EXIT] and STAFF_EXIT not in (0, 1, 2, 3)
    assert not window.isVisible()


def test_staff_hold_in_the_top_left_corner_opens_the_pin_pad(
    window: KioskWindow, qtbot: QtBot
) -> None:
    window._staff_hold.setInterval(50)
    window.corner_pressed(QPoint(10, 10))
    qtbot.waitUntil(window.pin_pad.isVisible)
    window.corner_pressed(QPoint(600, 300))
    assert not window._staff_hold.isActive()


def test_new_bundle_waits_for_the_idle_reset(
    window: KioskWindow, clock: Clock, tmp_path: Path, qtbot: QtBot
) -> None:
    window.go_to(5)
    fresh = load(write_bundle(tmp_path / "new"))
    window.offer_bundle(Offer(fresh))
    window._tick()
    assert window.bundle is not fresh and window.presenter.index == 5
    clock.now += 60
    window._tick()
    clock.now += 20
    window._tick()
    assert window.bundle is fresh
    assert window.presenter.count == 3
    qtbot.waitUntil(lambda: settled_on(window, 0))


def test_the_cursor_hides_when_the_mouse_rests(window: KioskWindow, qtbot: QtBot) -> None:
    window._cursor_timer.setInterval(30)
    window.pointer_moved()
    assert window.cursor().shape() != Qt.CursorShape.BlankCursor
    qtbot.waitUntil(lambda: window.cursor().shape() == Qt.CursorShape.BlankCursor)
    window.pointer_moved()
    assert window.cursor().shape() != Qt.CursorShape.BlankCursor


def test_escape_closes_the_preview_window(
    qtbot: QtBot, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    ended: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(ended.append))
    preview = KioskWindow(
        load(builtin_bundle(), decode_media=False), Settings(windowed=True), clock=clock
    )
    guard = KioskGuard(preview)
    QApplication.instance().installEventFilter(guard)
    try:
        preview.show()
        qtbot.waitExposed(preview)
        QTest.keyClick(preview, Qt.Key.Key_Escape)
        assert not preview.isVisible()
        assert ended == [0]
    finally:
        QApplication.instance().removeEventFilter(guard)


def test_mid_swipe_the_two_slides_meet_with_no_gap(window: KioskWindow, qtbot: QtBot) -> None:
    deck = window.deck
    y = deck.height() / 2
    drag(deck, QPointF(900, y), QPointF(580, y), steps=16, release=False)
    shift = -round(deck._offset)
    assert 100 < shift < deck.width() - 100
    frame = deck.grab().toImage()
    current, following = deck._pixmap(0).toImage(), deck._pixmap(1).toImage()
    width, height = deck.width(), deck.height()
    assert frame.copy(0, 0, width - shift, height) == current.copy(shift, 0, width - shift, height)
    assert frame.copy(width - shift, 0, shift, height) == following.copy(0, 0, shift, height)
    send_mouse(deck, QEvent.Type.MouseButtonRelease, QPointF(580, y), Qt.MouseButton.NoButton)


def test_the_attract_fade_dips_through_the_ground_never_two_slides_at_once(
    window: KioskWindow,
) -> None:
    """Superimposed, two quotations read as one muddle mid-fade (issue 13)."""
    from PySide6.QtGui import QColor

    from kiosk.presentation import Move

    deck = window.deck
    deck.show_slide(1, Move.FADE)
    deck._animation.stop()  # hold the fade where the test puts it
    background = QColor(window.theme.palette.background).name()

    def colours_at(progress: float) -> set[str]:
        deck._fade = progress
        image = deck.grab().toImage()
        step = 16
        return {
            QColor(image.pixel(x, y)).name()
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }

    assert colours_at(0.5) == {background}  # halfway: only the ground
    assert len(colours_at(0.25)) > 1 and len(colours_at(0.75)) > 1  # a slide either side
    deck._settle()


def test_diagnostics_give_the_full_reference_of_the_slide_on_screen(window: KioskWindow) -> None:
    # The slide shows the short form of its source; staff can read the whole reference.
    window.go_to(3)
    window._show_diagnostics()
    slide = window.bundle.manifest.slides[3]
    full = slide.source_text("en", "full")
    assert full != slide.source_text("en", "short")
    assert f"source: {full}" in window.staff_menu.diagnostics.splitlines()
