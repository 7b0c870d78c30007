"""Image slide: a picture, whole ("contain") or filling the screen ("cover"), with its
caption, credit and source.

"contain" shows all of the picture above its words, on the ground; "cover" fills the
screen, crops what does not fit around the slide's focal point, and sets the words on a
dark band over the picture's foot.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter

from kiosk.text.measure import TARGET_CHARACTERS
from kiosk.ui.images import MIDDLE, Crop, Fit, Focal
from kiosk.ui.slides.base import SlideRenderer

Align = Qt.AlignmentFlag
#: A picture shown whole goes beside its words only when that shows it this much larger.
BESIDE_GAIN = 1.25


def shown_area(shape: tuple[float, float], box: QRectF) -> float:
    """The area of a picture of ``shape`` shown whole, as large as fits ``box``."""
    width, height = shape
    if width <= 0 or height <= 0:
        return 0.0
    scale = min(box.width() / width, box.height() / height)
    return width * height * scale * scale


class ImageRenderer(SlideRenderer):
    slide_type = "image"
    running_head = False  # the picture fills the screen, left whole
    #: A picture shown whole stands clear of the screen's top edge, as the words stand
    #: clear of its foot (a film shown whole keeps the full height, as in a cinema).
    whole_below_margin: ClassVar[bool] = True

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
        # The band lies under every word at the foot: the caption and credit, and the
        # source line below them (which every slide has).
        source = self.placed_rect("source")
        words_top = min(
            [first] * bool(blocks) + ([source.top()] if source is not None else []), default=None
        )
        self.band_top = words_top - m.gap * 2 if words_top is not None else None

    @property
    def fit(self) -> Fit:
        return Fit(self.slide.fit)

    @property
    def crop(self) -> Crop:
        """How a covering picture is cropped: its focal point (the slide's, else its
        middle) brought to the middle of what the band leaves in view above it."""
        given = self.slide.focal
        focal: Focal = (given[0], given[1]) if given else MIDDLE
        height = self.size.height()
        if self.band_top is None or height <= 0:
            return focal, MIDDLE
        clear = max(0.0, self.band_top - self.metrics.gap * 3)  # where the band's fade begins
        return focal, (0.5, clear / 2 / height)

    def picture_box(self) -> QRectF:
        """Where the picture (or film) goes: "cover" fills the screen under the band;
        "contain" shows it whole: above the words, or beside them when its shape makes
        it much larger there (a portrait photograph on a landscape screen)."""
        width, height = self.size.width(), self.size.height()
        if self.fit is Fit.COVER or self.band_top is None:
            return QRectF(0, 0, width, height)
        top = self.metrics.safe.top() if self.whole_below_margin else 0.0
        above = QRectF(0, top, width, self.band_top - self.metrics.gap - top)
        shape, beside = self.natural_shape(), self._beside_words(top)
        if shape is None or beside is None:
            return above
        larger = shown_area(shape, beside) > BESIDE_GAIN * shown_area(shape, above)
        return beside if larger else above

    def natural_shape(self) -> tuple[float, float] | None:
        """The picture's own width and height, if known (a film's: not used)."""
        return self.context.images.shape(self.slide.image)

    def _beside_words(self, top: float) -> QRectF | None:
        """The full height beside the words at the foot (on the side they leave free,
        right of them in a left-to-right language), or None if there is no room."""
        inks = [
            (rect.right() - block.ink_width(), rect.right())
            if self.rtl
            else (rect.left(), rect.left() + block.ink_width())
            for _name, block, rect in self.placed
        ]
        if not inks:
            return None
        gap, safe = self.metrics.gap * 3, self.metrics.safe
        if self.rtl:
            right = min(left for left, _right in inks) - gap
            box = QRectF(safe.left(), top, right - safe.left(), safe.bottom() - top)
        else:
            left = max(right for _left, right in inks) + gap
            box = QRectF(left, top, safe.right() - left, safe.bottom() - top)
        return box if box.width() > 0 and box.height() > 0 else None

    def paint_content(self, painter: QPainter) -> None:
        box = self.picture_box()
        # A picture shown whole over its words stands on them, as an object over its
        # label: a landscape photograph on a portrait screen does not float halfway up,
        # apart from its caption. Beside them, it stands on the same foot.
        align = Align.AlignHCenter | Align.AlignBottom
        self.draw_picture(painter, self.slide.image, box, self.fit, align, crop=self.crop)
        if self.fit is Fit.COVER:  # a picture shown whole leaves the words on the ground
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
