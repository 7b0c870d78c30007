"""Title slide: an optional emblem with its credit, the title, an accent rule, the
subtitle; title and subtitle in balanced lines (no lone word under a long line)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from kiosk.ui.slides.base import Align, SlideRenderer
from kiosk.ui.text import TextBlock

#: A title of at most this many words is kept on one line if a little less size does it.
SHORT_TITLE_WORDS = 3
#: The sizes tried for that, against the fitted one.
ONE_LINE_SHARES = (0.92, 0.85, 0.8)


class TitleRenderer(SlideRenderer):
    slide_type = "title"
    mirrored = ("emblem",)
    running_head = False  # a title opens its chapter itself

    def layout(self) -> None:
        m, area = self.metrics, self.content
        width = area.width() * (0.9 if m.portrait else 0.8)
        left = area.center().x() - width / 2
        title = self.fitted(
            "title",
            self.text("title") or "",
            self.style(
                "heading", m.display, align=Align.AlignHCenter, line_height=0.95, balance=True
            ),
            width,
            area.height() * 0.45,
            m.heading,
        )
        title = self._on_one_line(title)
        subtitle = None
        if self.text("subtitle"):
            subtitle = self.fitted(
                "subtitle",
                self.text("subtitle") or "",
                self.style(
                    "body",
                    m.body * 1.25,
                    self.palette.muted,
                    align=Align.AlignHCenter,
                    balance=True,
                    hyphenate=False,
                ),
                width,
                area.height() * 0.22,
                m.min_body,
            )
        rule_space = m.gap * 2
        text_height = title.height + (rule_space + subtitle.height if subtitle else 0)
        # The emblem's credit, small and centred under it, as under any picture.
        credits = (
            self.picture_captions(
                min(area.width(), self.grid.column_width),
                m.small * 1.4 * 2,
                align=Align.AlignHCenter,
            )
            if self.slide.image
            else []
        )
        credit_height = sum(block.height for _key, block in credits)
        credit_height += m.gap * 0.6 if credits else 0
        self.emblem = None
        if self.slide.image:
            emblem_height = min(
                area.height() * 0.36, area.height() - text_height - credit_height - m.gap * 2
            )
            if emblem_height > m.unit * 8:
                self.emblem = QRectF(0, 0, area.width(), emblem_height)
        if self.emblem is None:
            credits, credit_height = [], 0.0  # no picture shown, no credit for it
        total = text_height
        if self.emblem is not None:
            total += self.emblem.height() + credit_height + m.gap * 1.5
        top = area.top() + max(0.0, (area.height() - total) / 2)
        if self.emblem is not None:
            self.emblem.moveTopLeft(area.topLeft())
            self.emblem.moveTop(top)
            top = self.emblem.bottom() + (m.gap * 0.6 if credits else 0)
            for key, block in credits:
                top = self.place(key, block, area.center().x() - block.width / 2, top).bottom()
            top += m.gap * 1.5
        placed = self.place("title", title, left, top)
        self.rule_y = placed.bottom() + rule_space / 2
        if subtitle is not None:
            self.place("subtitle", subtitle, left, placed.bottom() + rule_space)

    def _on_one_line(self, title: TextBlock) -> TextBlock:
        """A title of a few words broken onto lines of a word or two ("Black" over
        "January") set a little smaller on one line instead, when that is enough."""
        if len(title.text.split()) > SHORT_TITLE_WORDS or sum(map(len, title.lines())) < 2:
            return title
        for share in ONE_LINE_SHARES:
            smaller = TextBlock(
                title.text, replace(title.style, pixels=title.pixels * share), title.width
            )
            if sum(map(len, smaller.lines())) == 1:
                return smaller
        return title

    def paint_content(self, painter: QPainter) -> None:
        if self.emblem is not None:
            self.draw_picture(painter, self.slide.image, self.emblem)
        if self.text("subtitle"):
            self.rule(painter, self.content.center().x(), self.rule_y, self.metrics.unit * 8)
