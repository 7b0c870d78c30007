"""Sizes that follow the screen: type scale, margins, controls and the safe area for content.

Everything is a fraction of the screen, so a slide composed for 1920x1080 keeps its
proportions at 3840x2160, on a portrait totem and on a small 1280x800 panel. Body
text is at least 2.6% of the short side: readable from two metres on a 55" screen.

When the screen tells its physical size (``mm_per_px``), two floors in millimetres come on
top of the fractions, from the Smithsonian Guidelines for Accessible Exhibition Design
(Smithsonian Accessibility Program, section "Label Design and Text", its type size chart):
body text at least 24 pt (8.47 mm, an em) read from 1 m, growing in proportion with the
``viewing_distance_m`` of the installation (the same angle at the eye); and touch targets
at least 20 mm. On the other side, round controls stop growing at 40 mm: on a 55" portrait
totem the short side made the arrows 9 cm wide. The text floor is capped at a share of the
short side, so that a slide still fits on a small panel read from far away.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QScreen

BODY_FRACTION = 0.029
MIN_BODY_FRACTION = 0.026

#: 24 pt, the Smithsonian guidelines' smallest body copy, in millimetres (1 pt = 1/72 in).
BODY_MM_AT_1M = 24 / 72 * 25.4
#: The physical floor of body text grows up to this share of the short side, no further.
MAX_BODY_FLOOR_FRACTION = 0.042
#: Touch targets: at least this wide (the issue's 20 mm; WCAG's 44 CSS px is about 12 mm).
MIN_TOUCH_MM = 20.0
#: Round controls grow with the screen up to this width when the screen's size is known.
MAX_CONTROL_MM = 40.0
#: Nor do controls take more than this share of the short side (a tiny panel).
MAX_CONTROL_FRACTION = 0.16


@dataclass(frozen=True)
class Metrics:
    width: int
    height: int
    #: Millimetres a (logical) pixel measures on the glass; None when the screen does not
    #: say, or says something made up (``mm_per_px`` below).
    mm_per_px: float | None = None
    #: From how far visitors read the screen (the ``viewing_distance_m`` setting).
    viewing_distance_m: float = 1.0
    #: The visitor's larger-text step (1.0, 1.25, 1.5): scales the type sizes only, never
    #: the margins nor the controls; ``min_body`` stays the floor a text that does not
    #: fit shrinks to.
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

    def pixels(self, millimetres: float) -> float:
        """``millimetres`` on this screen in pixels (0 when its size is unknown)."""
        return millimetres / self.mm_per_px if self.mm_per_px else 0.0

    @property
    def body_floor(self) -> float:
        """The smallest body text the viewing distance allows, in pixels (0 if unknown),
        capped so that a slide still fits."""
        wanted = self.pixels(BODY_MM_AT_1M * self.viewing_distance_m)
        return min(wanted, MAX_BODY_FLOOR_FRACTION * self.short)

    @property
    def min_body(self) -> float:
        return max(MIN_BODY_FRACTION * self.short, self.body_floor)

    @property
    def body(self) -> float:
        return self._body * self.text_scale

    @property
    def _body(self) -> float:
        """The body size at the normal text scale."""
        proportional = BODY_FRACTION * self.short
        if self.min_body <= MIN_BODY_FRACTION * self.short:
            return proportional  # exactly as on a screen of unknown size
        # Above the floor the preferred size keeps its step over the smallest.
        return max(proportional, self.min_body * BODY_FRACTION / MIN_BODY_FRACTION)

    @property
    def small(self) -> float:
        """Captions, credits and sources: still at the minimum body size."""
        return self.min_body * self.text_scale

    @property
    def heading(self) -> float:
        # Raised by the floor, headings keep a smaller step over the text: the room a
        # slide has does not grow with the type.
        return max(BODY_FRACTION * self.short * 1.75, self._body * 1.4) * self.text_scale

    @property
    def display(self) -> float:
        """Titles and memorial figures."""
        return max(BODY_FRACTION * self.short * 3.2, self._body * 2.4) * self.text_scale

    @property
    def gap(self) -> float:
        return self.unit * 3

    @property
    def control(self) -> int:
        """The diameter of the previous and next buttons.

        A share of the screen; with the screen's size known, at least 20 mm and at most
        40 mm (a totem's short side is no measure of a finger).
        """
        proportional = round(self._proportional_control)
        if self.mm_per_px is None:
            return proportional
        return self._touchable(min(proportional, round(self.pixels(MAX_CONTROL_MM))))

    @property
    def small_control(self) -> int:
        """The diameter of the chapters and language buttons."""
        return self._touchable(round(self.control * 0.85))

    @property
    def _proportional_control(self) -> float:
        return max(48.0, self.height * 0.075, self.short * 0.085)

    def _touchable(self, diameter: int) -> int:
        """``diameter``, or 20 mm (whole pixels, rounded up) when that is more, but not
        more than a share of a tiny screen."""
        wanted = max(diameter, math.ceil(self.pixels(MIN_TOUCH_MM)))
        return min(wanted, max(diameter, round(MAX_CONTROL_FRACTION * self.short)))

    @property
    def safe(self) -> QRectF:
        """Where slide content may go: clear of the edges and of the kiosk's controls.

        The live window puts its previous/next buttons at the left and right edges and
        its page dots and menu buttons along the bottom; content keeps out of both.
        """
        button = self.short * 0.07
        if self.mm_per_px is not None:  # controls grown to 20 mm push content back as much
            arrows = round(self._proportional_control)
            grown = max(self.control - arrows, self.small_control - round(arrows * 0.85))
            button += max(0, grown)
        control = button + self.unit * 4  # a button and its breathing space
        # Clear of the arrows as the window places them (from a margin of 2.5 % of the
        # short side), which in portrait are wider than the share above.
        arrows = self.short * 0.025 + self.control + self.unit * 1.5
        side = max(self.width * 0.06, control + self.unit * 2, arrows)
        top = max(self.height * 0.07, self.unit * 5)
        bottom = max(self.height * 0.06, self.unit * 4) + control
        return QRectF(side, top, self.width - 2 * side, self.height - top - bottom)


@dataclass(frozen=True)
class Display:
    """What a slide is laid out for beyond its size: the screen's physical size and the
    distance it is read from. The default is a screen of unknown size."""

    mm_per_px: float | None = None
    viewing_distance_m: float = 1.0

    def metrics(self, width: int, height: int) -> Metrics:
        return Metrics(width, height, self.mm_per_px, self.viewing_distance_m)

    def __str__(self) -> str:
        if self.mm_per_px is None:
            return "screen size unknown: text and buttons sized by its pixels"
        return (
            f"{self.mm_per_px:.3f} mm a pixel, read from {self.viewing_distance_m:g} m: body "
            f"text at least {24 * self.viewing_distance_m:g} pt, buttons at least 20 mm"
        )


#: Pixels per inch that window systems report when they do not know the screen: X11 and
#: Xvfb's default (96), old X servers and macOS (72), Qt's offscreen platform (100).
MADE_UP_DPI = (96.0, 72.0, 100.0)
#: Sizes that EDID blocks give when they store only the aspect ratio (in cm, read as mm).
ASPECT_ONLY_MM = {(16, 9), (16, 10), (4, 3), (160, 90), (160, 100), (160, 120), (5, 4)}


def mm_per_px(width_px: float, height_px: float, width_mm: float, height_mm: float) -> float | None:
    """Millimetres per pixel of a screen of ``width_px`` x ``height_px`` that reports a
    physical size of ``width_mm`` x ``height_mm``, or None when that size is not believable.

    Not believed: a zero, negative or missing size; a size that is exactly what a made-up
    resolution gives for these pixels (96, 72 or 100 dpi, to the millimetre that X rounds
    to: Xvfb says 508x286 mm for 1920x1080 whatever it is); EDID's aspect-ratio-only
    placeholders (160x90 ...); pixels that would not be square (more than 20% apart); a
    diagonal under 4 inches or over 5 metres. A real 23" 1080p monitor reports 509x286 mm
    and is believed. A portrait screen that reports its landscape size is turned.
    """
    values = (width_px, height_px, width_mm, height_mm)
    if not all(math.isfinite(value) and value > 0 for value in values):
        return None
    if (round(width_mm), round(height_mm)) in ASPECT_ONLY_MM:
        return None
    if (width_px > height_px) != (width_mm > height_mm) and width_px != height_px:
        width_mm, height_mm = height_mm, width_mm  # rotated, the size not
    for dpi in MADE_UP_DPI:
        if (
            abs(width_mm - width_px * 25.4 / dpi) < 0.6
            and abs(height_mm - height_px * 25.4 / dpi) < 0.6
        ):
            return None
    across, down = width_mm / width_px, height_mm / height_px
    if not 0.8 <= across / down <= 1.25:
        return None
    if not 100 <= math.hypot(width_mm, height_mm) <= 5000:
        return None
    return (across + down) / 2


def display_of(screen: QScreen | None, viewing_distance_m: float = 1.0) -> Display:
    """The ``Display`` of ``screen``: its millimetres per logical pixel when it reports a
    believable physical size (judged on its device pixels, which the window system's
    made-up sizes are computed from), and the installation's viewing distance."""
    if screen is None:
        return Display(None, viewing_distance_m)
    geometry, physical = screen.geometry(), screen.physicalSize()
    ratio = screen.devicePixelRatio() or 1.0
    per_device_px = mm_per_px(
        geometry.width() * ratio, geometry.height() * ratio, physical.width(), physical.height()
    )
    return Display(None if per_device_px is None else per_device_px * ratio, viewing_distance_m)
