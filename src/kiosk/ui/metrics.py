"""Sizes that follow the screen: type scale, margins and the safe area for content.

Everything is a fraction of the screen, so a slide composed for 1920x1080 keeps its
proportions at 3840x2160, on a portrait totem and on a small 1280x800 panel. Body
text is at least 2.6% of the short side: readable from two metres on a 55" screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF

BODY_FRACTION = 0.029
MIN_BODY_FRACTION = 0.026


@dataclass(frozen=True)
class Metrics:
    width: int
    height: int
    #: The visitor's larger-text step (1.0, 1.25, 1.5): scales the type sizes only, never
    #: the margins; ``min_body`` stays the floor a text that does not fit shrinks to.
    text_scale: float = 1.0

    @property
    def short(self) -> int:
        return min(self.width, self.height)

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def unit(self) -> float:
        """One percent of the short side."""
        return self.short / 100

    @property
    def body(self) -> float:
        return BODY_FRACTION * self.short * self.text_scale

    @property
    def min_body(self) -> float:
        return MIN_BODY_FRACTION * self.short

    @property
    def small(self) -> float:
        """Captions, credits and sources: still at the minimum body size."""
        return self.min_body * self.text_scale

    @property
    def heading(self) -> float:
        return self.body * 1.75

    @property
    def display(self) -> float:
        """Titles and memorial figures."""
        return self.body * 3.2

    @property
    def gap(self) -> float:
        return self.unit * 3

    @property
    def safe(self) -> QRectF:
        """Where slide content may go: clear of the edges and of the kiosk's controls.

        The live window puts its previous/next buttons at the left and right edges and
        its page dots and menu buttons along the bottom; content keeps out of both.
        """
        control = self.short * 0.07 + self.unit * 4  # a button and its breathing space
        side = max(self.width * 0.06, control + self.unit * 2)
        top = max(self.height * 0.07, self.unit * 5)
        bottom = max(self.height * 0.06, self.unit * 4) + control
        return QRectF(side, top, self.width - 2 * side, self.height - top - bottom)
