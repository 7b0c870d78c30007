"""The countdown stands on a solid panel: the dimmed slide does not run through its words."""

from __future__ import annotations

import math

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


KEEP: list[QWidget] = []


def countdown_image(qtbot: QtBot, left: float) -> tuple[CountdownOverlay, QImage]:
    palette = Palette()
    parent = QWidget()
    KEEP[:] = [parent]  # alive while the test reads the overlay
    qtbot.addWidget(parent)
    parent.resize(1280, 720)
    countdown = CountdownOverlay(palette, parent)
    countdown.lines = ("Still there?", "Touch the screen to continue")
    countdown.set_time(round(left * 20), str(round(left * 20)), left)
    countdown.open()
    return countdown, countdown.grab().toImage()


def ring_lit(countdown: CountdownOverlay, image: QImage, degrees: float) -> bool:
    """Whether the ring is drawn in the text colour at ``degrees`` clockwise from twelve."""
    circle = countdown.ring_rect()
    angle = math.radians(degrees)
    x = circle.center().x() + math.sin(angle) * circle.width() / 2
    y = circle.center().y() - math.cos(angle) * circle.height() / 2
    colour = QColor(image.pixel(round(x), round(y)))
    return contrast_ratio(colour.name(), Palette().surface) > 7


def test_the_seconds_are_a_ring_shrinking_with_the_time_left(qtbot: QtBot) -> None:
    countdown, full = countdown_image(qtbot, 1.0)
    assert all(ring_lit(countdown, full, degrees) for degrees in range(10, 360, 30))
    countdown, half = countdown_image(qtbot, 0.5)
    # Clockwise from twelve: the first half is still lit, the second is not.
    assert all(ring_lit(countdown, half, degrees) for degrees in (20, 90, 160))
    assert not any(ring_lit(countdown, half, degrees) for degrees in (200, 270, 340))
    # The ring stays on the panel, around the digits, clear of the two lines.
    assert countdown.panel_rect().contains(countdown.ring_rect())


def test_the_dialogs_words_reach_seven_to_one_on_its_panel() -> None:
    palette = Palette()
    for colour in (palette.text, palette.muted):  # the question and the prompt
        assert contrast_ratio(colour, palette.surface) >= 7
