"""Text stays selectable nowhere: slides paint their QTextDocuments, and no widget a
visitor or staff can reach lets text be selected, edited or opened as a link."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kiosk.config import Settings, hash_pin
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.ui.window import KioskWindow

UI = Path(__file__).resolve().parents[2] / "src" / "kiosk" / "ui"
EDITABLE = (QLineEdit, QTextEdit, QPlainTextEdit)  # QTextBrowser is a QTextEdit
SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
)


def test_no_widget_in_the_live_window_has_selectable_text(qtbot: QtBot) -> None:
    settings = Settings(pin_hash=hash_pin("2468"), idle_seconds=60)
    window = KioskWindow(load(builtin_bundle(), decode_media=False), settings)
    try:
        window.setGeometry(0, 0, 1024, 768)
        window.show()
        qtbot.waitExposed(window)
        widgets = [
            widget
            for top in QApplication.topLevelWidgets()
            for widget in (top, *top.findChildren(QWidget))
        ]
        assert len(widgets) > 5  # the walk saw the window's controls
        assert not [widget for widget in widgets if isinstance(widget, EDITABLE)]
        for label in (widget for widget in widgets if isinstance(widget, QLabel)):
            assert not label.textInteractionFlags() & SELECTABLE, label.text()
    finally:
        window.exit_kiosk(quit_application=False)


def test_no_ui_module_makes_text_selectable_or_editable() -> None:
    """Overlays built later (staff menu, Diagnostics) are covered by reading the code."""
    pattern = re.compile(
        r"TextSelectable|TextBrowserInteraction|TextEditorInteraction|"
        r"QLineEdit|QTextEdit|QPlainTextEdit|QTextBrowser"
    )
    found = [
        f"{path.name}:{number}"
        for path in sorted(UI.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []
