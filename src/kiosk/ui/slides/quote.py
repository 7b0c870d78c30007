"""Quotation slide: the words large and set apart, then who said them, and when."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPainter

from kiosk.text.languages import list_separator, same_language
from kiosk.ui.slides.base import Align, SlideRenderer
from kiosk.ui.text import TextBlock


class QuoteRenderer(SlideRenderer):
    slide_type = "quote"
    mirrored = ("mark",)

    def layout(self) -> None:
        m, area = self.metrics, self.content
        width = area.width() * (1.0 if m.portrait else 0.82)
        left = area.center().x() - width / 2
        self.mark_size = m.display * 1.6
        mark_height = self.mark_size * 0.55
        words_height = area.height() * 0.66 - mark_height
        original = self._original(width, words_height * 0.4)
        if original is not None:
            words_height -= original.height + m.gap
        quote = self.fitted(
            "text",
            self.text("text") or "",
            self.style(
                "heading", m.heading * 1.05, italic=True, align=Align.AlignHCenter, line_height=1.05
            ),
            width,
            words_height,
            m.body,
        )
        said = self.text("attribution") or ""
        if date := self.text("date"):
            said = f"{said}{list_separator(self.context.language)}{date}"
        attribution = self.fitted(
            "attribution",
            f"— {said}",
            self.style("body", m.body, self.palette.muted, align=Align.AlignHCenter),
            width,
            area.height() * 0.25,
            m.min_body,
        )
        above = original.height + m.gap if original is not None else 0.0
        total = mark_height + above + quote.height + m.gap * 1.5 + attribution.height
        top = area.top() + max(0.0, (area.height() - total) / 2)
        self.mark = QRectF(area.left(), top - self.mark_size * 0.3, area.width(), self.mark_size)
        if original is not None:
            self.place("original", original, left, top + mark_height)
        placed = self.place("text", quote, left, top + mark_height + above)
        self.place("attribution", attribution, left, placed.bottom() + m.gap * 1.5)

    def _original(self, width: float, height: float) -> TextBlock | None:
        """The words in the language they were said in, in their own script, direction
        and fonts, above the translation; not repeated to a visitor reading that language."""
        original = self.slide.original
        if original is None or same_language(original.lang, self.context.language):
            return None
        m = self.metrics
        style = self.style(
            "heading",
            m.heading * 0.85,
            italic=True,
            align=Align.AlignHCenter,
            line_height=1.05,
            language=original.lang,
        )
        return self.fitted("original", original.text, style, width, height, m.min_body)

    def paint_content(self, painter: QPainter) -> None:
        font = QFont(self.context.theme.heading)
        font.setPixelSize(round(self.mark_size))
        painter.setFont(font)
        painter.setPen(QColor(self.palette.accent))
        painter.drawText(self.mark, Align.AlignHCenter | Align.AlignTop, "“")
