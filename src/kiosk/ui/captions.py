"""Captions drawn by the kiosk: the cue in the theme's body face, white on a dark scrim.

The scrim is black at 80 % over whatever is under it: even over pure white the ground
it leaves is at most #333, and white text on it stands at 12.6:1, over the 7:1 of WCAG's
enhanced contrast (AAA). Lines are held to a subtitle's measure (42 characters, the
broadcasters' line) and balanced, centred above the bottom controls or on the film's
lower edge.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter

from kiosk.ui.slides import RenderContext
from kiosk.ui.text import Style, TextBlock, measure_width

#: A subtitle line's most characters (BBC and EBU guidelines: 37-42).
CAPTION_MEASURE = 42
SCRIM = QColor(0, 0, 0, 204)
TEXT = "#ffffff"


@dataclasses.dataclass(frozen=True)
class CueLayout:
    """A cue laid out for a deck: its text block, where it goes, and its scrim."""

    block: TextBlock
    top_left: QPointF
    scrim: QRectF
    radius: float


def lay_out_cue(text: str, context: RenderContext, size: QSize, bottom: float) -> CueLayout:
    """``text`` set for a deck of ``size`` with its scrim's foot at ``bottom`` (the deck
    keeps the layout while the cue lasts: laying out costs a millisecond or two)."""
    width, height = size.width(), size.height()
    metrics = dataclasses.replace(
        context.display.metrics(width, height), text_scale=context.text_scale
    )
    theme = context.theme
    style = Style(
        theme.body,
        metrics.body,
        TEXT,
        Qt.AlignmentFlag.AlignHCenter,
        language=context.language,
        chain=theme.chain.for_role("body"),
        balance=True,
        line_height=0.85,  # a subtitle's lines sit close: about 1.15 em in Noto
    )
    safe = metrics.safe
    column = min(safe.width(), measure_width(style, text, CAPTION_MEASURE, metrics.body))
    block = TextBlock(text, style, column)
    pad_x, pad_y = metrics.gap * 0.6, metrics.gap * 0.3
    text_height = block.height
    left = (width - column) / 2
    top = bottom - pad_y - text_height
    ideal = min(column, block.document.idealWidth())
    scrim = QRectF(
        (width - ideal) / 2 - pad_x, top - pad_y, ideal + 2 * pad_x, text_height + 2 * pad_y
    )
    return CueLayout(block, QPointF(left, top), scrim, metrics.gap * 0.25)


def paint_cue(painter: QPainter, layout: CueLayout) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(SCRIM)
    painter.drawRoundedRect(layout.scrim, layout.radius, layout.radius)
    layout.block.draw(painter, layout.top_left)
    painter.restore()
