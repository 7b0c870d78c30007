"""Memorial slide: an artwork drawn quietly, the figures large and still, a dedication.

The first figure is the one the slide is about (the dead before the wounded): it is the
one hero, set largest. Every other figure is set at one shared smaller size, however
short or long each one's text, and side by side all the figures stand on one baseline
with their labels on one line. Words a curator writes beside a number ("around 700",
"təxminən 700") qualify it and are not the figure: they are set at the label's size,
on the number's baseline, so that only numbers are large.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPainter

from kiosk.text.measure import TARGET_CHARACTERS
from kiosk.ui.slides.base import Align, SlideRenderer
from kiosk.ui.text import Style, TextBlock

#: The other figures' size, at most, against the first one's.
SECONDARY = 0.6
#: How strongly the artwork is drawn: present, but quieter than the words.
ARTWORK_OPACITY = 0.85

_LETTER = re.compile(r"[^\W\d_]")


def split_figure(value: str) -> tuple[str, str, str]:
    """``value`` as (words before, the number, words after).

    A word is a run between spaces that has a letter and no digit; the number is
    everything from the first word with a digit to the last one, so "around 700" is
    ("around", "700", ""), "1 500" and "20 %" stay whole, and a figure with no digit at
    all ("thousands") is the figure itself.
    """
    words = value.split()
    numeric = [index for index, word in enumerate(words) if any(c.isdigit() for c in word)]
    if not numeric:
        return "", value.strip(), ""
    first, last = numeric[0], numeric[-1]
    before, after = words[:first], words[last + 1 :]
    if not all(_LETTER.search(word) for word in (*before, *after)):
        return "", value.strip(), ""
    return " ".join(before), " ".join(words[first : last + 1]), " ".join(after)


def ascent(block: TextBlock) -> float:
    """From the top of a one-line block to its baseline."""
    return QFontMetricsF(block.document.defaultFont()).ascent()


@dataclass
class _Figure:
    """One figure's blocks: the number, the words beside it, and its label."""

    value: TextBlock
    label: TextBlock
    before: TextBlock | None = None
    after: TextBlock | None = None

    def parts(self) -> list[tuple[str, TextBlock]]:
        return [
            (name, block)
            for name, block in (
                ("before", self.before),
                ("value", self.value),
                ("after", self.after),
            )
            if block is not None
        ]

    def width(self, space: float) -> float:
        parts = self.parts()
        return sum(block.width for _name, block in parts) + space * (len(parts) - 1)

    @property
    def ascent(self) -> float:
        return max(ascent(block) for _name, block in self.parts())

    @property
    def descent(self) -> float:
        """From the baseline to the bottom of the lowest part."""
        return max(block.height - ascent(block) for _name, block in self.parts())


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
                self.style(
                    "heading",
                    m.body * 1.35,
                    italic=True,
                    align=centred,
                    balance=True,
                    measure=TARGET_CHARACTERS,
                ),
                min(area.width() * 0.8, self.grid.column_width),
                area.height() * 0.25,
                m.body,
            )
        if m.portrait:
            figures_height = sum(
                f.ascent + f.descent + m.unit + f.label.height + m.gap for f in figures
            )
        else:
            figures_height = (
                max((f.ascent for f in figures), default=0.0)
                + max((f.descent for f in figures), default=0.0)
                + max((f.label.height + m.unit for f in figures), default=0.0)
            )
        captions = self._captions(area)
        captions_height = sum(block.height for _key, block in captions)
        heights = [block.height for _name, block in blocks]
        text_height = sum(heights) + figures_height + (dedication.height if dedication else 0)
        gaps = m.gap * 2 * (len(blocks) + (1 if dedication else 0))
        self.emblem: QRectF | None = None
        if self.slide.image:
            room = area.height() - text_height - gaps - m.gap * 3 - captions_height
            if captions:
                room -= m.gap * 0.6
            if room > m.unit * 8:
                self.emblem = QRectF(area.left(), 0, area.width(), min(room, area.height() * 0.3))
        if self.emblem is None:
            captions, captions_height = [], 0.0  # no artwork, nothing to say about it
        total = text_height + gaps
        if self.emblem is not None:
            total += self.emblem.height() + m.gap * 2 + captions_height
            total += m.gap * 0.6 if captions else 0
        top = area.top() + max(0.0, (area.height() - total) / 2)
        if self.emblem is not None:
            self.emblem.moveTop(top)
            top = self.emblem.bottom() + (m.gap * 0.6 if captions else 0)
            for key, block in captions:
                top = self.place(key, block, area.center().x() - block.width / 2, top).bottom()
            top += m.gap * 2
        for name, block in blocks:
            top = self.place(name, block, area.left(), top).bottom() + m.gap * 2
        top = self._place_figures(figures, area, top)
        if dedication is not None:
            self.rule_y = top + m.gap * 0.9
            self.place(
                "dedication", dedication, area.center().x() - dedication.width / 2, top + m.gap * 2
            )

    def _band(self, area: QRectF) -> float:
        """How wide the row of figures is: two figures side by side stay within a text
        column's width, near enough to be read together; more take more room."""
        count = max(1, len(self.slide.figures))
        return min(area.width(), self.grid.column_width * max(1.0, count / 2))

    def _space(self) -> float:
        """Between a number and the words beside it."""
        return self.metrics.unit * 1.2

    def _captions(self, area: QRectF) -> list[tuple[str, TextBlock]]:
        """The artwork's caption and credit, small and centred under it."""
        m = self.metrics
        if not self.slide.image:
            return []
        width = min(area.width(), self.grid.column_width)
        return self.picture_captions(width, m.small * 1.4 * 2, align=Align.AlignHCenter)

    def _figures(self, area: QRectF) -> list[_Figure]:
        """Every figure's blocks: the first at the hero size, the others at one shared
        size at most SECONDARY of it, the labels all at one size."""
        m = self.metrics
        count = max(1, len(self.slide.figures))
        width = self._band(area) / (1 if m.portrait else count) - m.gap * 2
        parts = [split_figure(self.text("value", figure) or "") for figure in self.slide.figures]
        label_style = self.style(
            "body", m.body * 1.15, self.palette.muted, align=Align.AlignHCenter
        )
        word_style = self.style("body", m.body * 1.15, self.palette.muted)
        words = [
            (
                self._natural(before, word_style) if before else None,
                self._natural(after, word_style) if after else None,
            )
            for before, _number, after in parts
        ]

        def room(index: int) -> float:
            beside = [block for block in words[index] if block is not None]
            return width - sum(block.width + self._space() for block in beside)

        def number(index: int, pixels: float, minimum: float) -> TextBlock:
            style = self.style("heading", pixels, line_height=0.9)
            block = self.fitted(
                f"figures[{index}].value",
                parts[index][1],
                style,
                room(index),
                m.display * 1.5,
                minimum,
            )
            return self._natural(block.text, replace_pixels(style, block.pixels))

        hero: TextBlock | None = None
        others: list[TextBlock] = []
        for index in range(len(parts)):
            if index == 0:
                hero = number(0, m.display * 1.25, m.heading)
            else:
                limit = (hero.pixels if hero else m.display) * SECONDARY
                others.append(number(index, limit, m.heading * SECONDARY))
        if others:  # one size for all of them: the smallest any of them needed
            shared = min(block.pixels for block in others)
            others = [
                self._natural(block.text, replace_pixels(block.style, shared)) for block in others
            ]
        values = ([hero] if hero else []) + others
        labels = [
            self.fitted(
                f"figures[{index}].label",
                self.text("label", figure) or "",
                label_style,
                width,
                m.body * 4,
                m.min_body,
            )
            for index, figure in enumerate(self.slide.figures)
        ]
        if labels:  # and one size for the labels
            shared = min(block.pixels for block in labels)
            labels = [
                TextBlock(block.text, replace_pixels(label_style, shared), width)
                for block in labels
            ]
        return [
            _Figure(value, label, *words[index])
            for index, (value, label) in enumerate(zip(values, labels, strict=True))
        ]

    def _natural(self, text: str, style: Style) -> TextBlock:
        """``text`` on one line in a block exactly as wide as its words."""
        wide = TextBlock(text, style, 1_000_000)
        return TextBlock(text, style, wide.document.idealWidth() + 1)

    def _place_figures(self, figures: list[_Figure], area: QRectF, top: float) -> float:
        """Side by side, the figures share one baseline and their labels one top line;
        in portrait they stand one under the other. Each figure's number and words are
        centred together over its label."""
        m = self.metrics
        if not figures:
            return top
        space = self._space()
        band = self._band(area)
        slot = band / (1 if m.portrait else len(figures))
        baseline = top + max(figure.ascent for figure in figures)
        labels_top = baseline + max(figure.descent for figure in figures) + m.unit
        bottom = top
        for index, figure in enumerate(figures):
            slot_left = area.center().x() - band / 2 + (0 if m.portrait else index * slot)
            if m.portrait:
                baseline = bottom + figure.ascent
                labels_top = baseline + figure.descent + m.unit
            x = slot_left + (slot - figure.width(space)) / 2
            for part, block in figure.parts():
                self.place(f"figures[{index}].{part}", block, x, baseline - ascent(block))
                x += block.width + space
            label = figure.label
            label_left = slot_left + (slot - label.width) / 2
            label_rect = self.place(f"figures[{index}].label", label, label_left, labels_top)
            bottom = max(bottom, label_rect.bottom() + (m.gap if m.portrait else 0))
        return bottom - (m.gap if m.portrait else 0)

    def paint_content(self, painter: QPainter) -> None:
        if self.emblem is not None:
            painter.save()
            painter.setOpacity(ARTWORK_OPACITY)
            self.draw_picture(painter, self.slide.image, self.emblem)
            painter.restore()
        if self.text("dedication"):
            self.rule(painter, self.content.center().x(), self.rule_y, self.metrics.unit * 8)


def replace_pixels(style: Style, pixels: float) -> Style:
    """``style`` at another size."""
    return replace(style, pixels=pixels)
