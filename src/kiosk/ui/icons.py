"""Icons from qtawesome's Font Awesome 6 font, drawn without importing qtawesome at start.

Importing qtawesome pulls in qtpy, which loads QtOpenGL, and qtawesome then loads every
icon font it ships: about 130 ms of start-up and 30 MB of memory on our benchmark
machine (benchmarks/README.md), for four icons. So the kiosk finds qtawesome's Font
Awesome 6 solid font and its charmap where qtawesome keeps them (without running
qtawesome), and draws the glyphs itself; if they cannot be found, it asks qtawesome.
"""

from __future__ import annotations

import importlib.util
import json
import logging
from functools import cache
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPixmap

log = logging.getLogger(__name__)

PREFIX = "fa6s."


@cache
def _font_awesome() -> tuple[str, dict[str, str]] | None:
    """(family, name -> glyph) of qtawesome's Font Awesome 6 solid font, or None."""
    spec = importlib.util.find_spec("qtawesome")  # finds the package without running it
    if spec is None or spec.origin is None:
        return None
    fonts = Path(spec.origin).parent / "fonts"
    try:
        font = next(fonts.glob("fontawesome6-solid-webfont-*.ttf"))
        charmap = next(fonts.glob("fontawesome6-solid-webfont-charmap-*.json"))
        font_id = QFontDatabase.addApplicationFont(str(font))
        families = QFontDatabase.applicationFontFamilies(font_id)
        names = json.loads(charmap.read_text(encoding="utf-8"))
    except (StopIteration, OSError, ValueError):
        return None
    if not families:
        return None
    return families[0], {name: chr(int(code, 16)) for name, code in names.items()}


def icon_pixmap(name: str, side: int, colour: str, ratio: float = 1.0) -> QPixmap:
    """The icon ``name`` (qtawesome's name, such as "fa6s.globe"), ``side`` pixels square,
    drawn at ``ratio`` device pixels a pixel (the screen's device pixel ratio) and marked
    so: it still covers ``side`` pixels where it is drawn, with every device pixel sharp."""
    font_awesome = _font_awesome()
    glyph = font_awesome[1].get(name.removeprefix(PREFIX)) if font_awesome else None
    if font_awesome is None or glyph is None:
        import qtawesome  # the slow road, still correct

        return qtawesome.icon(name, color=colour).pixmap(QSize(side, side), ratio)
    device = max(1, round(side * ratio))
    pixmap = QPixmap(device, device)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont(font_awesome[0])
    font.setPixelSize(side)
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(
        QRectF(0, 0, device / ratio, device / ratio), Qt.AlignmentFlag.AlignCenter, glyph
    )
    painter.end()
    return pixmap
