"""The staff menu stands in the middle; Diagnostics reads as a card beside it."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPainter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.palette import Palette
from kiosk.ui.overlays import StaffMenu
from kiosk.ui.report import report_document


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


def test_the_report_has_a_title_sections_quiet_labels_and_paths_in_monospace(qapp: object) -> None:
    palette = Palette()
    text = "\n".join(
        [
            "Diagnostics",
            "showing: /srv/exhibit/black-january.kiosk (black-january 1.0)",
            "",
            "recent problems:",
            "02:41:07 refused: /srv/exhibit/x.kiosk: bundle.toml line 3",
            "<b>not markup</b>",
        ]
    )
    document = report_document(text, palette, 20, 900)

    def format_of(needle: str) -> QTextCharFormat:  # the format where ``needle`` starts
        cursor = document.find(needle)
        assert not cursor.isNull(), needle
        probe = QTextCursor(document)
        probe.setPosition(cursor.selectionStart() + 1)
        return probe.charFormat()

    title, body = format_of("Diagnostics"), format_of("black-january 1.0")
    assert title.font().pixelSize() > body.font().pixelSize() and title.font().bold()
    assert format_of("recent problems").font().bold()
    assert format_of("showing").foreground().color().name() == palette.muted  # the label
    assert body.foreground().color().name() == palette.text
    for path in ("/srv/exhibit/black-january.kiosk", "/srv/exhibit/x.kiosk"):
        assert format_of(path).fontFixedPitch()
    assert not body.fontFixedPitch()
    assert "<b>not markup</b>" in document.toPlainText()  # text, never markup
