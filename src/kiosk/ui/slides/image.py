"""Image slide: a picture filling the screen, its caption and credit on a dark band."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QLinearGradient, QPainter

from kiosk.text.measure import TARGET_CHARACTERS
from kiosk.ui.images import Fit
from kiosk.ui.slides.base import SlideRenderer


class ImageRenderer(SlideRenderer):
    slide_type = "image"
    running_head = False  # the picture fills the screen, left whole

    def layout(self) -> None:
        m, area = self.metrics, self.content
        blocks = []
        for key in ("caption", "credit"):
            if text := self.text(key):
                caption = key == "caption"
                style = self.style(
                    "body",
                    m.body if caption else m.small,
                    self.palette.text if caption else self.palette.muted,
                    italic=not caption,
                    measure=TARGET_CHARACTERS,
                )
                block = self.fitted(
                    key, text, style, area.width() * 0.75, area.height() * 0.2, m.min_body
                )
                blocks.append((key, block))
        first = area.bottom() - sum(block.height for _key, block in blocks)
        top = first
        for key, block in blocks:
            top = self.place(key, block, area.left(), top).bottom()
        self.band_top = first - m.gap * 2 if blocks else None

    def paint_content(self, painter: QPainter) -> None:
        screen = QRectF(0, 0, self.size.width(), self.size.height())
        self.draw_picture(painter, self.slide.image, screen, Fit.COVER)
        self.paint_band(painter)

    def paint_band(self, painter: QPainter) -> None:
        """The dark band under the caption and credit, if there are any."""
        if self.band_top is None:
            return
        # The band fades in above the text and is at its full strength from the band's
        # top down, however many lines the caption has: no line stands in the fade.
        background = QColor(self.palette.background)
        fade_top = self.band_top - self.metrics.gap * 3
        gradient = QLinearGradient(QPointF(0, fade_top), QPointF(0, self.size.height()))
        clear = QColor(background)
        clear.setAlpha(0)
        background.setAlpha(235)
        gradient.setColorAt(0, clear)
        gradient.setColorAt(
            min(1.0, (self.band_top - fade_top) / max(1.0, self.size.height() - fade_top)),
            background,
        )
        gradient.setColorAt(1, background)
        self.backdrop(painter, QRectF(0, fade_top, self.size.width(), self.size.height()), gradient)
