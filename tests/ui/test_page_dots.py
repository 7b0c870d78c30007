"""The page dots: where the visitor is, readable at 3:1 (WCAG 1.4.11), not a button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.palette import Palette, contrast_ratio, quietest
from kiosk.ui.controls import PageDots


def drawn(qtbot: QtBot, index: int = 2, count: int = 5) -> tuple[PageDots, QImage]:
    palette = Palette()
    dots = PageDots(palette)
    qtbot.addWidget(dots)
    dots.resize(400, 40)
    dots.setStyleSheet(f"background: {palette.background};")
    dots.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    dots.set_position(index, count)
    return dots, dots.grab().toImage()


def colours(image: QImage) -> set[str]:
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(image.width())
        for y in range(image.height())
    }


def test_every_dot_stands_out_from_the_ground_by_three_to_one(qtbot: QtBot) -> None:
    palette = Palette()
    _dots, image = drawn(qtbot)
    drawn_in = colours(image)
    # The current dot is filled with the text colour, the others are quiet rings (their
    # fully covered pixels); the accent red (under 3:1 on the ground) is not used.
    ring = quietest(palette.muted, palette.background, 3.5)
    assert palette.text in drawn_in and ring in drawn_in
    assert palette.accent not in drawn_in
    for colour in (palette.text, ring):
        assert contrast_ratio(colour, palette.background) >= 3
    assert contrast_ratio(palette.accent, palette.background) < 3  # why it is not used


def test_the_dots_take_no_touches(qtbot: QtBot) -> None:
    dots, _image = drawn(qtbot)
    assert dots.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
