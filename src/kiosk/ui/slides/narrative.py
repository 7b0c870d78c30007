"""Narrative slide: a heading and a Markdown body, with an optional picture and caption.

Landscape screens put the picture beside the text, portrait ones above it. A body too
long for one column at the smallest allowed size flows into two columns (when the
slide has no picture); beyond that the renderer reports an overflow.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from kiosk.ui.slides.base import SlideRenderer
from kiosk.ui.text import Style, TextBlock

#: The longest comfortable line, in ems of the body size (about 70 characters).
MEASURE_EMS = 34


class NarrativeRenderer(SlideRenderer):
    slide_type = "narrative"

    def layout(self) -> None:
        m, area = self.metrics, self.content
        self.picture_box: QRectF | None = None
        text_area = QRectF(area)
        if self.slide.image:
            text_area = self._layout_picture(area)
        heading = self.fitted(
            "heading",
            self.text("heading") or "",
            self.style("heading", m.heading, line_height=0.95),
            text_area.width(),
            text_area.height() * 0.3,
            m.body * 1.2,
        )
        placed = self.place("heading", heading, text_area.left(), text_area.top())
        self.rule_y = placed.bottom() + m.gap * 0.8
        body_top = self.rule_y + m.gap * 1.2
        body_box = QRectF(
            text_area.left(), body_top, text_area.width(), text_area.bottom() - body_top
        )
        self._layout_body(body_box)
        shift = self.centre_vertically({"heading", "body"}, text_area)
        self.rule_y += shift

    def _layout_picture(self, area: QRectF) -> QRectF:
        """Reserve the picture's box and place its caption; returns the area left for text."""
        m = self.metrics
        if m.portrait:
            picture_height = area.height() * 0.34
            column = QRectF(area.left(), area.top(), area.width(), picture_height)
            text_area = QRectF(
                area.left(),
                area.top() + picture_height + m.gap * 1.5,
                area.width(),
                area.height() - picture_height - m.gap * 1.5,
            )
        else:
            column_width = area.width() * 0.4
            column = QRectF(area.right() - column_width, area.top(), column_width, area.height())
            text_area = QRectF(
                area.left(), area.top(), area.width() - column_width - m.gap * 2, area.height()
            )
        captions = [
            self.fitted(
                key,
                text,
                self.style("body", m.small, self.palette.muted, italic=italic),
                column.width(),
                column.height() * 0.2,
                m.min_body,
            )
            for key, italic in (("caption", False), ("credit", True))
            if (text := self.text(key))
        ]
        caption_height = sum(block.height for block in captions)
        if captions:
            caption_height += m.gap * 0.6
        self.picture_box = QRectF(
            column.left(), column.top(), column.width(), column.height() - caption_height
        )
        top = self.picture_box.bottom() + m.gap * 0.6
        for block, key in zip(captions, ("caption", "credit"), strict=False):
            top = self.place(key, block, column.left(), top).bottom()
        return text_area

    def _layout_body(self, box: QRectF) -> None:
        """One column at a readable measure; if the body is longer, two columns across the
        full width; if longer still, one full-width column, shrinking to the minimum size."""
        m = self.metrics
        body = self.text("body") or ""
        paragraphs = [part for part in body.split("\n\n") if part.strip()]
        measure = min(box.width(), m.body * MEASURE_EMS)
        narrow = TextBlock(body, self._body_style(m.body), measure, markdown=True)
        if narrow.height <= box.height() and narrow.fits_width:
            self.place("body", narrow, box.left(), box.top())
            return
        if self.picture_box is None and not m.portrait and len(paragraphs) > 1:
            columns = self._columns(paragraphs, box)
            if columns is not None:
                for index, block in enumerate(columns):
                    left = box.left() + index * (box.width() + m.gap * 2) / 2
                    self.place("body", block, left, box.top())
                return
        wide = self.fitted(
            "body",
            body,
            self._body_style(m.body),
            box.width(),
            box.height(),
            m.min_body,
            markdown=True,
        )
        self.place("body", wide, box.left(), box.top())

    def _body_style(self, pixels: float) -> Style:
        return self.style("body", pixels, line_height=1.05)

    def _columns(self, paragraphs: list[str], box: QRectF) -> list[TextBlock] | None:
        """Two columns, split between paragraphs where their heights are most even, at the
        largest size that fits; None if even the smallest does not."""
        m = self.metrics
        width = (box.width() - m.gap * 2) / 2
        pixels = m.body
        while pixels >= m.min_body:
            style = self._body_style(pixels)
            splits = [
                [
                    TextBlock("\n\n".join(part), style, width, markdown=True)
                    for part in (paragraphs[:k], paragraphs[k:])
                ]
                for k in range(1, len(paragraphs))
            ]
            best = min(splits, key=lambda pair: max(block.height for block in pair))
            if all(block.height <= box.height() and block.fits_width for block in best):
                return best
            pixels -= max(1.0, m.unit * 0.1)
        return None

    def paint_content(self, painter: QPainter) -> None:
        heading_rect = self.placed_rect("heading")
        if heading_rect is not None:
            width = self.metrics.unit * 7
            self.rule(painter, heading_rect.left() + width / 2, self.rule_y, width)
        if self.picture_box is not None:
            self.draw_picture(painter, self.slide.image, self.picture_box)
