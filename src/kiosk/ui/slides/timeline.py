"""Timeline slide: dated events along a line, across (landscape) or down (portrait)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from kiosk.ui.slides.base import SlideRenderer

ACROSS_AT_MOST = 5


class TimelineRenderer(SlideRenderer):
    slide_type = "timeline"
    mirrored = ("dots", "line")

    def layout(self) -> None:
        m, area = self.metrics, self.content
        top = max(area.top(), self.grid.heading_top)  # where every heading starts
        area = QRectF(area.left(), top, area.width(), area.bottom() - top)
        heading = self.fitted(
            "heading",
            self.text("heading") or "",
            self.style("heading", m.heading, line_height=0.95),
            area.width(),
            area.height() * 0.22,
            m.body * 1.2,
        )
        placed = self.place("heading", heading, area.left(), area.top())
        top = placed.bottom() + m.gap * 2
        events = QRectF(area.left(), top, area.width(), area.bottom() - top)
        self.dots: list[QPointF] = []
        self.across = not m.portrait and len(self.slide.events) <= ACROSS_AT_MOST
        if self.across:
            placed, overflow = len(self.placed), list(self.overflow)
            self._layout_across(events)
            if self.overflow == overflow:
                return
            # Columns too narrow for the events (a small panel, larger text): down the
            # text column instead, as on a portrait screen.
            del self.placed[placed:]
            self.overflow, self.dots, self.across = overflow, [], False
            events.setWidth(min(events.width(), self.grid.column_width))
        self._layout_down(events)

    def _blocks(self, index: int, width: float, height: float) -> tuple:
        m = self.metrics
        event = self.slide.events[index]
        date = self.fitted(
            f"events[{index}].date",
            self.text("date", event) or "",
            self.style("heading", m.body * 1.2, bold=True, line_height=0.95),
            width,
            height * 0.3,
            m.min_body,
        )
        text = self.fitted(
            f"events[{index}].text",
            self.text("text", event) or "",
            self.style("body", m.body, line_height=1.05),
            width,
            height - date.height - m.unit,
            m.min_body,
        )
        return date, text

    def _layout_across(self, box: QRectF) -> None:
        m = self.metrics
        count = len(self.slide.events)
        slot = box.width() / count
        line_y = box.top() + m.unit * 2
        self.line = (QPointF(box.left(), line_y), QPointF(box.right(), line_y))
        top = line_y + m.gap * 1.5
        for index in range(count):
            left = box.left() + index * slot
            date, text = self._blocks(index, slot - m.gap * 1.5, box.bottom() - top)
            self.dots.append(QPointF(left + m.unit, line_y))
            date_rect = self.place(f"events[{index}].date", date, left, top)
            self.place(f"events[{index}].text", text, left, date_rect.bottom() + m.unit)

    def _layout_down(self, box: QRectF) -> None:
        m = self.metrics
        count = len(self.slide.events)
        indent = m.gap * 2
        share = (box.height() - m.gap * (count - 1)) / count
        x = box.left() + m.unit
        top = box.top()
        for index in range(count):
            date, text = self._blocks(index, box.width() - indent, share)
            self.dots.append(QPointF(x, top + date.height / 2))
            date_rect = self.place(f"events[{index}].date", date, box.left() + indent, top)
            text_rect = self.place(
                f"events[{index}].text", text, box.left() + indent, date_rect.bottom() + m.unit
            )
            top = text_rect.bottom() + m.gap
        self.line = (QPointF(x, box.top()), QPointF(x, self.dots[-1].y()))

    def paint_content(self, painter: QPainter) -> None:
        m = self.metrics
        accent = QColor(self.palette.accent)
        pen = QPen(QColor(self.palette.muted))
        pen.setWidthF(max(1.5, m.unit * 0.2))
        painter.setPen(pen)
        painter.drawLine(*self.line)
        painter.setPen(accent)
        painter.setBrush(accent)
        radius = m.unit * 0.9
        for dot in self.dots:
            painter.drawEllipse(dot, radius, radius)
