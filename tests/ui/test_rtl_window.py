"""The window in a right-to-left language: controls mirrored, swipes and keys reversed,
following the visitor's language as it changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, hash_pin
from kiosk.qtmedia import load
from kiosk.ui.window import KioskWindow
from tests.rtl_bundle import write_bilingual_bundle
from tests.ui.test_window import Clock, drag, settled_on

WIDTH, HEIGHT = 1280, 720


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskWindow]:
    settings = Settings(pin_hash=hash_pin("2468"), idle_seconds=60)
    bundle = load(write_bilingual_bundle(tmp_path / "b"), decode_media=False)
    kiosk = KioskWindow(bundle, settings, clock=Clock())
    kiosk.setGeometry(0, 0, WIDTH, HEIGHT)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    yield kiosk
    kiosk.exit_kiosk(quit_application=False)


def in_persian(window: KioskWindow) -> KioskWindow:
    window.set_language("fa")
    return window


def accent_xs(image: QImage, accent: str) -> list[int]:
    """The columns where ``image`` shows the accent colour."""
    colour = QColor(accent).rgb()
    return [
        x
        for x in range(image.width())
        if any(image.pixel(x, y) == colour for y in range(image.height()))
    ]


def test_in_persian_next_is_on_the_left_and_previous_on_the_right(window: KioskWindow) -> None:
    in_persian(window)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.next_button.geometry().right() < WIDTH / 2
    assert window.previous_button.geometry().left() > WIDTH / 2
    assert window.next_button._icon == "fa6s.chevron-left"  # pointing where it leads
    assert window.previous_button._icon == "fa6s.chevron-right"


def test_in_persian_the_bottom_row_is_mirrored(window: KioskWindow) -> None:
    margin = window.previous_button.x()
    in_persian(window)
    chapters, language = window.chapters_button.geometry(), window.language_button.geometry()
    assert chapters.right() == WIDTH - margin - 1
    assert language.left() == margin
    dots = window.dots.geometry()
    assert language.right() < dots.left() and dots.right() < chapters.left()


def test_the_page_dots_count_from_the_right_in_persian(window: KioskWindow) -> None:
    current = window.theme.palette.text  # the current dot's colour
    first_in_english = accent_xs(window.dots.grab().toImage(), current)
    in_persian(window)
    first_in_persian = accent_xs(window.dots.grab().toImage(), current)
    middle = window.dots.width() / 2
    assert first_in_english and max(first_in_english) < middle
    assert first_in_persian and min(first_in_persian) > middle


def test_the_direction_follows_the_language_both_ways(window: KioskWindow) -> None:
    english = {
        button: getattr(window, button).geometry()
        for button in ("previous_button", "next_button", "chapters_button", "language_button")
    }
    in_persian(window)
    window.set_language("en")
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    for button, geometry in english.items():
        assert getattr(window, button).geometry() == geometry, button
    assert window.next_button._icon == "fa6s.chevron-right"


def test_in_persian_a_rightward_drag_brings_the_next_slide(
    window: KioskWindow, qtbot: QtBot
) -> None:
    in_persian(window)
    drag(window.deck, QPointF(300, 360), QPointF(1000, 360))
    qtbot.waitUntil(lambda: settled_on(window, 1))
    drag(window.deck, QPointF(1000, 360), QPointF(300, 360))
    qtbot.waitUntil(lambda: settled_on(window, 0))


def test_in_persian_the_next_slide_comes_in_from_the_left(
    window: KioskWindow, qtbot: QtBot
) -> None:
    in_persian(window)
    deck = window.deck
    drag(deck, QPointF(300, 360), QPointF(500, 360), release=False)
    assert deck._offset > 0 and deck._neighbour == 1  # the next one, at the left
    deck._cancel()
    qtbot.waitUntil(lambda: settled_on(window, 0))
    window.next()
    assert deck._animation.endValue() == deck.width()  # the current slide leaves rightwards
    qtbot.waitUntil(lambda: settled_on(window, 1))


def test_in_persian_the_arrow_keys_follow_the_screen(window: KioskWindow, qtbot: QtBot) -> None:
    in_persian(window)
    QTest.keyClick(window, Qt.Key.Key_Left)  # the slide on the left is the next one
    qtbot.waitUntil(lambda: settled_on(window, 1))
    QTest.keyClick(window, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: settled_on(window, 0))
    QTest.keyClick(window, Qt.Key.Key_PageDown)  # page keys are not sides: still onward
    qtbot.waitUntil(lambda: settled_on(window, 1))


def test_the_chapters_grid_starts_at_the_right_in_persian(window: KioskWindow) -> None:
    in_persian(window)
    window._toggle_chapters()
    assert window.chapters.isVisible() and window.chapters.grid
    assert window.chapters.row_centre(0).x() > window.chapters.row_centre(1).x()


def test_the_staff_screens_stay_left_to_right(window: KioskWindow) -> None:
    in_persian(window)
    assert window.pin_pad.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.staff_menu.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_the_slide_list_has_its_pictures_at_the_right_in_persian(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QRectF

    from tests.rtl_bundle import write_rtl_bundle

    bundle = load(write_rtl_bundle(tmp_path / "b"), decode_media=False)
    kiosk = KioskWindow(bundle, Settings(), clock=Clock())
    try:
        kiosk.setGeometry(0, 0, WIDTH, HEIGHT)
        kiosk.show()
        qtbot.waitExposed(kiosk)
        kiosk._toggle_chapters()
        view = kiosk.chapters._view
        assert kiosk.chapters.isVisible() and not kiosk.chapters.grid
        assert view.viewport().layoutDirection() == Qt.LayoutDirection.RightToLeft
        picture, label = view.itemDelegate().boxes(QRectF(0, 0, 600, 80), view.layoutDirection())
        assert picture.right() == 600 and label.right() < picture.left()
    finally:
        kiosk.exit_kiosk(quit_application=False)
