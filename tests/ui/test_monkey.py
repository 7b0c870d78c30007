"""Monkey test: 100,000 random touches, clicks, drags and keys into the live window.

Nothing a visitor does may raise, open a window, or end the program; the presentation's
invariants hold after every single event.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, hash_pin
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.ui.window import KioskGuard, KioskWindow
from tests.presentation.test_presenter import check_invariants

EVENTS = 100_000
WIDTH, HEIGHT = 640, 360
KEYS = [
    (Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Right, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_PageUp, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Home, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier),
]


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def mouse(widget: QWidget, kind: QEvent.Type, point: QPointF, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    QApplication.sendEvent(
        widget, QMouseEvent(kind, point, point, button, buttons, Qt.KeyboardModifier.NoModifier)
    )


@pytest.mark.slow
def test_a_hundred_thousand_random_events_change_nothing_but_the_slide(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ended: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(ended.append))
    clock = Clock()
    settings = Settings(pin_hash=hash_pin("918273645501"), idle_seconds=30)
    window = KioskWindow(load(builtin_bundle(), decode_media=False), settings, clock=clock)
    guard = KioskGuard(window)
    QApplication.instance().installEventFilter(guard)
    window.setGeometry(0, 0, WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    device = QTest.createTouchDevice()
    rng = random.Random(20_01_1990)
    held = False
    seen_slides: set[int] = set()
    seen = {"languages": set(), "modes": set()}
    try:
        for number in range(EVENTS):
            point = QPoint(rng.randrange(WIDTH), rng.randrange(HEIGHT))
            target = window.childAt(point) or window
            local = QPointF(target.mapFrom(window, point))
            choice = rng.random()
            if choice < 0.30:
                mouse(target, QEvent.Type.MouseButtonPress, local, Qt.MouseButton.LeftButton)
                mouse(target, QEvent.Type.MouseButtonRelease, local, Qt.MouseButton.NoButton)
            elif choice < 0.45:
                kind = QEvent.Type.MouseButtonRelease if held else QEvent.Type.MouseButtonPress
                buttons = Qt.MouseButton.NoButton if held else Qt.MouseButton.LeftButton
                mouse(window.deck, kind, QPointF(point), buttons)
                held = not held
            elif choice < 0.60:
                buttons = Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton
                mouse(window.deck, QEvent.Type.MouseMove, QPointF(point), buttons)
            elif choice < 0.78:
                finger = rng.randrange(3)
                sequence = QTest.touchEvent(window, device)
                action = rng.random()
                if action < 0.4:
                    sequence.press(finger, point)
                elif action < 0.8:
                    sequence.move(finger, point)
                else:
                    sequence.release(finger, point)
                sequence.commit()
            elif choice < 0.90:
                key, modifier = rng.choice(KEYS)
                QTest.keyClick(window, key, modifier)
            elif choice < 0.95:
                QApplication.sendEvent(
                    target,
                    QWheelEvent(
                        local,
                        QPointF(point),
                        QPoint(0, 0),
                        QPoint(0, rng.choice([-120, 120])),
                        Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase,
                        False,
                    ),
                )
            else:
                QApplication.sendEvent(
                    target,
                    QContextMenuEvent(QContextMenuEvent.Reason.Mouse, local.toPoint(), point),
                )
            clock.now += rng.expovariate(1 / 0.4)
            if number % 40 == 0:
                if rng.random() < 0.05:  # a quiet spell: the countdown, then the reset
                    clock.now += rng.uniform(31, 200)
                    window._tick()
                    check_invariants(window.presenter, clock.now)
                    clock.now += rng.uniform(0, 24)  # the countdown lasts 20 s
                window._tick()
                QApplication.processEvents()
            check_invariants(window.presenter, clock.now)
            seen_slides.add(window.presenter.index)
            seen["languages"].add(window.presenter.language)
            seen["modes"].add(window.presenter.mode.value)
            assert 0 <= window.deck.index < window.presenter.count
            assert ended == [], "the kiosk tried to end"
            assert window.isVisible()
        # The monkey reached everything a visitor can: or the test proves little.
        assert seen_slides == set(range(window.presenter.count))
        assert seen["languages"] == {"en", "az"}
        assert seen["modes"] == {"attract", "visitor", "countdown", "staff"}
        visible = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
        assert visible == [window], "a visitor opened a window"
    finally:
        QApplication.instance().removeEventFilter(guard)
        window.exit_kiosk(quit_application=False)
