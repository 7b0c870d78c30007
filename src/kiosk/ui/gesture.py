"""One-finger swipes and taps, from touch or mouse points alike (no Qt here).

Qt's own swipe recognizer wants three fingers; a visitor uses one. The deck feeds
this tracker the first finger's (or the mouse's) positions with their times and asks
what they mean: a drag to follow, a tap, or a release that changes slide or springs back.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Release(Enum):
    TAP = "tap"
    NEXT = "next"  # the finger went away from the next slide's side, and brought it in
    PREVIOUS = "previous"
    SPRING_BACK = "spring back"


#: Fraction of the width past which a release changes slide.
CHANGE_FRACTION = 0.25
#: A flick this fast (widths per second) changes slide however short it was.
FLING_WIDTHS_PER_SECOND = 0.6
#: Movement below this fraction of the short side is still a tap.
SLOP_FRACTION = 0.012
TAP_SECONDS = 0.6


@dataclass
class _Sample:
    x: float
    y: float
    t: float


class SwipeTracker:
    def __init__(self, width: float, height: float, next_side: int = 1) -> None:
        """``next_side``: +1 when the next slide lies to the right (a leftward drag brings
        it in), -1 when it lies to the left, in a right-to-left language
        (``kiosk.presentation.next_side``)."""
        self.width = max(1.0, width)
        self.next_side = next_side
        self.slop = max(6.0, SLOP_FRACTION * min(width, height))
        self._start: _Sample | None = None
        self._recent: list[_Sample] = []
        self.dragging = False

    @property
    def active(self) -> bool:
        return self._start is not None

    def press(self, x: float, y: float, t: float) -> None:
        self._start = _Sample(x, y, t)
        self._recent = [self._start]
        self.dragging = False

    def move(self, x: float, y: float, t: float) -> float:
        """The horizontal offset the slides should follow (0 until it is a drag)."""
        if self._start is None:
            return 0.0
        self._recent = [*self._recent[-4:], _Sample(x, y, t)]
        dx, dy = x - self._start.x, y - self._start.y
        if not self.dragging and abs(dx) > self.slop and abs(dx) >= abs(dy):
            self.dragging = True
        return dx if self.dragging else 0.0

    def release(self, x: float, y: float, t: float) -> Release:
        if self._start is None:
            return Release.SPRING_BACK
        self.move(x, y, t)
        start, self._start = self._start, None
        dx, dy = x - start.x, y - start.y
        if not self.dragging:
            still = abs(dx) <= self.slop and abs(dy) <= self.slop
            return Release.TAP if still and t - start.t <= TAP_SECONDS else Release.SPRING_BACK
        self.dragging = False
        velocity = self._velocity()
        fling = abs(velocity) >= FLING_WIDTHS_PER_SECOND * self.width
        if abs(dx) >= CHANGE_FRACTION * self.width or (fling and velocity * dx > 0):
            return Release.NEXT if dx * self.next_side < 0 else Release.PREVIOUS
        return Release.SPRING_BACK

    def cancel(self) -> None:
        self._start = None
        self.dragging = False

    def _velocity(self) -> float:
        first, last = self._recent[0], self._recent[-1]
        elapsed = last.t - first.t
        return (last.x - first.x) / elapsed if elapsed > 0 else 0.0
