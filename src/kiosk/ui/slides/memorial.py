"""Memorial slide: the figures, large and quiet, and a dedication."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPainter

from kiosk.ui.slides.base import Align, SlideRenderer
from kiosk.ui.text import TextBlock

#: The other figures' size, at most, against the first one's.
SECONDARY = 0.6


def _ascent(block: TextBlock) -> float:
    """From the top of a one-line block to its baseline."""
    return QFontMetricsF(block.document.defaultFont()).ascent()


class MemorialRenderer(SlideRenderer):
    slide_type = "memorial"
    mirrored = ("emblem",)

    def layout(self) -> None:
        m, area = self.metrics, self.content
        centred = Align.AlignHCenter
        blocks: list[tuple[str, TextBlock]] = []
        if self.text("heading"):
            heading = self.fitted(
                "heading",
                self.text("heading") or "",
                self.style("heading", m.heading, align=centred, line_height=0.95),
                area.width(),
                area.height() * 0.2,
                m.body * 1.2,
            )
            blocks.append(("heading", heading))
        figures = self._figures(area)
        dedication = None
        if self.text("dedication"):
            dedication = self.fitted(
                "dedication",
                self.text("dedication") or "",
                self.style("heading", m.body * 1.35, italic=True, align=centred),
                area.width() * 0.8,
                area.height() * 0.25,
                m.body,
            )
        figures_height = max(
            (value.height + gap + label.height for value, gap, label in figures), default=0.0
        )
        if m.portrait:
            figures_height = sum(
                value.height + gap + label.height + m.gap for value, gap, label in figures
            )
        heights = [block.height for _name, block in blocks]
        text_height = sum(heights) + figures_height + (dedication.height if dedication else 0)
        gaps = m.gap * 2 * (len(blocks) + (1 if dedication else 0))
        self.emblem: QRectF | None = None
        if self.slide.image:
            room = area.height() - text_height - gaps - m.gap * 2
            if room > m.unit * 10:
                self.emblem = QRectF(area.left(), 0, area.width(), min(room, area.height() * 0.3))
        total = text_height + gaps + (self.emblem.height() + m.gap * 2 if self.emblem else 0)
        top = area.top() + max(0.0, (area.height() - total) / 2)
        if self.emblem is not None:
            self.emblem.moveTop(top)
            top = self.emblem.bottom() + m.gap * 2
        for name, block in blocks:
            top = self.place(name, block, area.left(), top).bottom() + m.gap * 2
        top = self._place_figures(figures, area, top)
        if dedication is not None:
            self.rule_y = top + m.gap * 0.9
            self.place(
                "dedication", dedication, area.center().x() - dedication.width / 2, top + m.gap * 2
            )

    def _figures(self, area: QRectF) -> list[tuple[TextBlock, float, TextBlock]]:
        """(value, gap, label) per figure, in columns (landscape) or rows (portrait).

        The first figure is the one the slide is about (the dead before the wounded): it
        is set largest, and every other figure at most SECONDARY of its size, however
        short or long each one's text, so that the eye goes to it first.
        """
        m = self.metrics
        count = max(1, len(self.slide.figures))
        width = area.width() / (1 if m.portrait else count) - m.gap * 2
        figures = []
        hero = m.display * 1.25
        for index, figure in enumerate(self.slide.figures):
            size = hero if index == 0 else hero * SECONDARY
            value = self.fitted(
                f"figures[{index}].value",
                self.text("value", figure) or "",
                self.style("heading", size, align=Align.AlignHCenter, line_height=0.9),
                width,
                m.display * 1.5,
                m.heading * (1 if index == 0 else SECONDARY),
            )
            if index == 0:
                hero = value.pixels  # what the first figure could be given
            label = self.fitted(
                f"figures[{index}].label",
                self.text("label", figure) or "",
                self.style("body", m.body * 1.15, self.palette.muted, align=Align.AlignHCenter),
                width,
                m.body * 4,
                m.min_body,
            )
            figures.append((value, m.unit, label))
        return figures

    def _place_figures(
        self, figures: list[tuple[TextBlock, float, TextBlock]], area: QRectF, top: float
    ) -> float:
        """Side by side, the figures share one baseline and their labels one top line;
        in portrait they stand one under the other."""
        m = self.metrics
        if not figures:
            return top
        bottom = top
        slot = area.width() / (1 if m.portrait else len(figures))
        baseline = top + max(_ascent(value) for value, _gap, _label in figures)
        labels_top = max(baseline - _ascent(value) + value.height for value, _g, _l in figures)
        for index, (value, gap, label) in enumerate(figures):
            left = area.left() + (0 if m.portrait else index * slot) + (slot - value.width) / 2
            if m.portrait:
                placed = self.place(f"figures[{index}].value", value, left, bottom)
                label_top = placed.bottom() + gap
            else:
                self.place(f"figures[{index}].value", value, left, baseline - _ascent(value))
                label_top = labels_top + gap
            label_rect = self.place(f"figures[{index}].label", label, left, label_top)
            bottom = max(bottom, label_rect.bottom() + (m.gap if m.portrait else 0))
        return bottom

    def paint_content(self, painter: QPainter) -> None:
        if self.emblem is not None:
            self.draw_picture(painter, self.slide.image, self.emblem)
        if self.text("dedication"):
            self.rule(painter, self.content.center().x(), self.rule_y, self.metrics.unit * 8)
