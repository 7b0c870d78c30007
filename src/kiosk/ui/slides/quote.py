"""Quotation slide: the words large and set apart, then who said them, and when.

The words keep the measure (kiosk.text.measure) in their own large face, in balanced
lines, so a quotation reads as a few even lines rather than one long one and a stub.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPainter

from kiosk.text.languages import list_separator, same_language
from kiosk.text.measure import TARGET_CHARACTERS
from kiosk.ui.slides.base import Align, SlideRenderer
from kiosk.ui.text import Style, TextBlock, measure_width


class QuoteRenderer(SlideRenderer):
    slide_type = "quote"
    mirrored = ("mark",)

    def layout(self) -> None:
        m, area = self.metrics, self.content
        words = self.text("text") or ""
        words_style = self._words_style(m.heading * 1.05)
        width = min(
            area.width() * (1.0 if m.portrait else 0.82),
            measure_width(words_style, words, TARGET_CHARACTERS),
        )
        left = area.center().x() - width / 2
        self.mark_size = m.display * 1.6
        mark_height = self.mark_size * 0.55
        words_height = area.height() * 0.66 - mark_height
        original = self._original(width, words_height * 0.4)
        if original is not None:
            words_height -= original.height + m.gap
        quote = self.fitted("text", words, words_style, width, words_height, m.body)
        said = self.text("attribution") or ""
        if date := self.text("date"):
            said = f"{said}{list_separator(self.context.language)}{date}"
        attribution = self.fitted(
            "attribution",
            f"— {said}",
            self.style("body", m.body, self.palette.muted, align=Align.AlignHCenter, balance=True),
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

    def _words_style(self, pixels: float, **options: object) -> Style:
        """The quotation's own words: large, italic, centred, balanced, in the measure."""
        options.setdefault("language", self.context.language)
        return self.style(
            "heading",
            pixels,
            italic=True,
            align=Align.AlignHCenter,
            line_height=1.05,
            measure=TARGET_CHARACTERS,
            balance=True,
            hyphenate=False,  # display type: a hyphen in a few large lines jars
            **options,
        )

    def _original(self, width: float, height: float) -> TextBlock | None:
        """The words in the language they were said in, in their own script, direction
        and fonts, above the translation; not repeated to a visitor reading that language."""
        original = self.slide.original
        if original is None or same_language(original.lang, self.context.language):
            return None
        m = self.metrics
        style = self._words_style(m.heading * 0.85, language=original.lang)
        return self.fitted("original", original.text, style, width, height, m.min_body)

    def paint_content(self, painter: QPainter) -> None:
        font = QFont(self.context.theme.heading)
        font.setPixelSize(round(self.mark_size))
        painter.setFont(font)
        painter.setPen(QColor(self.palette.accent))
        painter.drawText(self.mark, Align.AlignHCenter | Align.AlignTop, "“")
