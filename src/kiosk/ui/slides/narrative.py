"""Narrative slide: a heading and a Markdown body, with an optional picture and caption.

Landscape screens put the picture beside the text, portrait ones under it. The text
stands on the layout grid (heading top, column left edge, ``grid.py``) in a column of
the measure (kiosk.text.measure: about 55 characters, counted in the body face's own
widths); a body too long for it flows into two such columns side by side, and then
shrinks within bounds; past that the renderer reports an overflow. Beside a picture the
text column keeps the measure too, and the picture takes the rest of the width.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from kiosk.text.measure import TARGET_CHARACTERS
from kiosk.ui.slides.base import SlideRenderer
from kiosk.ui.text import Style, TextBlock

#: The most of a landscape slide's width the text takes beside a picture (the picture
#: keeps at least the rest, less the gap).
TEXT_BESIDE_PICTURE = 0.66


class NarrativeRenderer(SlideRenderer):
    slide_type = "narrative"
    mirrored = ("picture_box", "rule_x")

    def layout(self) -> None:
        # The text starts where every heading does (the grid), whatever its length: a
        # visitor swiping from slide to slide sees headings and columns stay put.
        m, area, grid = self.metrics, self.content, self.grid
        top = max(area.top(), grid.heading_top)
        area = QRectF(area.left(), top, area.width(), area.bottom() - top)
        self.picture_box: QRectF | None = None
        if self.slide.image:
            self._layout_text(self._layout_picture(area), columns=False)
            if m.portrait:
                self._raise_picture()
            return
        column = grid.column(area.top(), area.bottom())
        if column.width() < area.width():  # a column narrower than the screen, if the text fits it
            placed, overflow = len(self.placed), list(self.overflow)
            if self._layout_text(column, columns=False, shrink=False):
                return
            del self.placed[placed:]
            self.overflow = overflow
        # Two columns of the measure from the grid's left edge; a portrait screen is
        # narrower than the measure to begin with and keeps one column across its width.
        span = min(area.width(), column.width() * 2 + m.gap * 2)
        self._layout_text(
            QRectF(grid.left, area.top(), span, area.height()), columns=not m.portrait
        )

    def _layout_text(self, box: QRectF, *, columns: bool, shrink: bool = True) -> bool:
        """Heading, rule and body in ``box``, from its top; False if the body does not fit."""
        m = self.metrics
        heading = self.fitted(
            "heading",
            self.text("heading") or "",
            self.style("heading", m.heading, line_height=0.95),
            box.width(),
            box.height() * 0.3,
            m.body * 1.2,
        )
        placed = self.place("heading", heading, box.left(), box.top())
        self.rule_x = box.left() + self.rule_width / 2  # under the heading's start
        self.rule_y = placed.bottom() + m.gap * 0.8
        body_top = self.rule_y + m.gap * 1.2
        body_box = QRectF(box.left(), body_top, box.width(), box.bottom() - body_top)
        return self._layout_body(body_box, columns=columns, shrink=shrink)

    def _layout_body(self, box: QRectF, *, columns: bool, shrink: bool) -> bool:
        m = self.metrics
        body = self.text("body") or ""
        paragraphs = [part for part in body.split("\n\n") if part.strip()]
        if columns and len(paragraphs) > 1:  # lines across a whole wide screen are too long
            pair = self._columns(paragraphs, box)
            if pair is not None:
                for index, block in enumerate(pair):
                    left = box.left() + index * (box.width() + m.gap * 2) / 2
                    self.place("body", block, left, box.top())
                return True
        single = TextBlock(body, self._body_style(m.body), box.width(), markdown=True)
        if single.height <= box.height() and single.fits_width:
            self.place("body", single, box.left(), box.top())
            return True
        if not shrink:
            return False
        self.place(
            "body",
            self.fitted(
                "body",
                body,
                self._body_style(m.body),
                box.width(),
                box.height(),
                m.min_body,
                markdown=True,
            ),
            box.left(),
            box.top(),
        )
        return "body" not in self.overflow

    @property
    def rule_width(self) -> float:
        return self.metrics.unit * 7

    def _body_style(self, pixels: float) -> Style:
        return self.style("body", pixels, line_height=1.05, measure=TARGET_CHARACTERS)

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

    def _layout_picture(self, area: QRectF) -> QRectF:
        """Reserve the picture's box and place its caption; returns the area left for text."""
        m = self.metrics
        if m.portrait:  # the picture under the text, so that the heading keeps its place
            picture_height = area.height() * 0.34
            column = QRectF(
                area.left(), area.bottom() - picture_height, area.width(), picture_height
            )
            above = picture_height + m.gap * 1.5
            text_area = QRectF(area.left(), area.top(), area.width(), area.height() - above)
        else:
            text_width = min(self.grid.column_width, area.width() * TEXT_BESIDE_PICTURE - m.gap * 2)
            column_width = area.width() - text_width - m.gap * 2
            column = QRectF(area.right() - column_width, area.top(), column_width, area.height())
            text_area = QRectF(area.left(), area.top(), text_width, area.height())
        captions = self.picture_captions(
            column.width(), column.height() * 0.2, measure=TARGET_CHARACTERS
        )
        caption_height = sum(block.height for _key, block in captions)
        if captions:
            caption_height += m.gap * 0.6
        self.picture_box = QRectF(
            column.left(), column.top(), column.width(), column.height() - caption_height
        )
        top = self.picture_box.bottom() + m.gap * 0.6
        for key, block in captions:
            top = self.place(key, block, column.left(), top).bottom()
        return text_area

    def _raise_picture(self) -> None:
        """Bring the picture (and its caption) up to just under a text shorter than the
        room left for it, rather than leave it at the foot of the screen."""
        assert self.picture_box is not None
        text_bottom = max(
            rect.bottom() for name, _block, rect in self.placed if name in ("heading", "body")
        )
        lift = self.picture_box.top() - (text_bottom + self.metrics.gap * 1.5)
        if lift <= 0:
            return
        self.picture_box.translate(0, -lift)
        for name, _block, rect in self.placed:
            if name in ("caption", "credit"):
                rect.translate(0, -lift)

    def paint_content(self, painter: QPainter) -> None:
        if self.placed_rect("heading") is not None:
            self.rule(painter, self.rule_x, self.rule_y, self.rule_width)
        if self.picture_box is not None:
            self.draw_picture(painter, self.slide.image, self.picture_box)
