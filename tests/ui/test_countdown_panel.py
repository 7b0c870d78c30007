"""The countdown stands on a solid panel: the dimmed slide does not run through its words."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.palette import Palette, contrast_ratio
from kiosk.ui.overlays import CountdownOverlay


def test_the_countdowns_words_stand_on_an_opaque_panel(qtbot: QtBot) -> None:
    palette = Palette()
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1280, 720)
    countdown = CountdownOverlay(palette, parent)
    countdown.lines = ("Still there?", "Touch the screen to continue")
    countdown.seconds, countdown.number = 20, "20"
    countdown.open()
    # The worst slide under it: its text colour everywhere.
    image = QImage(parent.size(), QImage.Format.Format_RGB32)
    image.fill(QColor(palette.text))
    painter = QPainter(image)
    countdown.render(painter, QPoint(0, 0))
    painter.end()
    panel = countdown.panel_rect()
    assert panel.height() > 0 and panel.width() > 0
    # Inside the panel, away from its words (a corner inset), nothing of the slide shows.
    for x, y in ((panel.left() + 12, panel.top() + 12), (panel.right() - 12, panel.bottom() - 12)):
        assert QColor(image.pixel(round(x), round(y))).name() == palette.surface
    assert contrast_ratio(palette.text, palette.surface) >= 7
    # Outside it, the slide is shaded but still there.
    outside = QColor(image.pixel(5, 5)).name()
    assert outside not in (palette.text, palette.surface)
