"""Icons come from qtawesome's Font Awesome font without importing qtawesome at start-up."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtGui import QColor

from kiosk.ui.icons import icon_pixmap


def test_icons_are_drawn_in_the_asked_colour(qapp: object) -> None:
    image = icon_pixmap("fa6s.chevron-right", 64, "#f4f0e8").toImage()
    inked = [
        image.pixelColor(x, y)
        for x in range(64)
        for y in range(64)
        if image.pixelColor(x, y).alpha() == 255
    ]
    assert len(inked) > 100
    assert inked[0] == QColor("#f4f0e8")


def test_the_kiosk_starts_without_importing_qtawesome_or_qtpy() -> None:
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
        "from kiosk.qtmedia import load; from kiosk.paths import builtin_bundle\n"
        "from kiosk.config import Settings; from kiosk.ui.window import KioskWindow\n"
        "w = KioskWindow(load(builtin_bundle(), decode_media=False), Settings())\n"
        "w.resize(800, 450); w.show(); app.processEvents(); w.grab()\n"
        "print(sorted(m for m in ('qtawesome', 'qtpy', 'PySide6.QtOpenGL') if m in sys.modules))\n"
        "w.exit_kiosk(quit_application=False)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
