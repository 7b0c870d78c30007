"""The staff menu stands in the middle; Diagnostics reads as a card beside it."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.palette import Palette
from kiosk.ui.overlays import StaffMenu


def menu(qtbot: QtBot) -> tuple[QWidget, StaffMenu]:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(1280, 720)
    staff = StaffMenu(Palette(), parent, [("Resume", lambda: None), ("Exit kiosk", lambda: None)])
    staff.open()
    return parent, staff


def test_alone_the_menu_stands_in_the_middle(qtbot: QtBot) -> None:
    _parent, staff = menu(qtbot)
    assert abs(staff.panel.geometry().center().x() - staff.width() / 2) <= 1


def test_with_diagnostics_the_text_stands_on_a_card_beside_the_menu(qtbot: QtBot) -> None:
    parent, staff = menu(qtbot)
    staff.diagnostics = "kiosk 0.1.0\nshowing slide 1 of 10"
    card = staff.diagnostics_rect()
    assert card.left() > staff.panel.geometry().right()
    assert card.right() <= staff.width()
    image = QImage(parent.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    staff.render(painter, QPoint(0, 0))
    painter.end()
    corner = QColor(image.pixel(round(card.right()) - 10, round(card.bottom()) - 10)).name()
    assert corner == Palette().surface
