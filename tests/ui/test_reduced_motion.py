"""Reduced motion: every change of slide is a short fade through the ground, nothing
slides, not even under a dragging finger; the installation's setting starts it on."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from pytestqt.qtbot import QtBot

from kiosk.config import Settings
from kiosk.paths import builtin_bundle
from kiosk.presentation import Move
from kiosk.qtmedia import load
from kiosk.ui.deck import FADE_MS, REDUCED_FADE_MS, SLIDE_MS
from kiosk.ui.window import KioskWindow
from tests.ui.test_window import drag


def window(qtbot: QtBot, **settings: object) -> KioskWindow:
    kiosk = KioskWindow(
        load(builtin_bundle(), decode_media=False), Settings(**settings), clock=lambda: 0.0
    )
    qtbot.addWidget(kiosk)
    kiosk.resize(640, 400)
    return kiosk


def test_a_visitors_move_fades_instead_of_sliding(qtbot: QtBot) -> None:
    kiosk = window(qtbot)
    deck = kiosk.deck
    kiosk.next()
    assert deck._fade_from is None and deck._animation.duration() <= SLIDE_MS  # it slides
    kiosk.motion_button.click()
    assert kiosk.motion_button.isChecked() and deck.reduced_motion
    kiosk.next()
    assert deck._fade_from is not None and deck._neighbour is None
    assert deck._animation.duration() == REDUCED_FADE_MS < FADE_MS
    deck.show_slide(0, Move.FADE)  # the attract loop's fade is the short one too
    assert deck._animation.duration() == REDUCED_FADE_MS
    kiosk.exit_kiosk(quit_application=False)


def test_a_drag_moves_nothing_but_still_turns_the_page(qtbot: QtBot) -> None:
    kiosk = window(qtbot, reduced_motion=True)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    assert kiosk.motion_button.isChecked()  # the setting: where every visitor starts
    drag(kiosk.deck, QPointF(500, 200), QPointF(300, 200), release=False)
    assert kiosk.deck._offset == 0
    drag(kiosk.deck, QPointF(300, 200), QPointF(100, 200))
    assert kiosk.presenter.index == 1
    kiosk.exit_kiosk(quit_application=False)
