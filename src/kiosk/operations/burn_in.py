"""Burn-in care: a slow orbit that moves a static screen a few pixels over minutes.

A slide shown for hours in the attract loop would mark an OLED or plasma panel (and
leave an image retained on some LCDs). The whole slide walks the edge of a small square,
one pixel per step: at 8 px and 30 s a step, one round takes 16 minutes, and no pixel
of an edge stays put for long. Plain Python, time passed in: the window counts only the
attract loop's seconds, so the slide never moves under a visitor.
"""

from __future__ import annotations

#: The side of the square the slide walks, in pixels.
SIDE = 8
#: Seconds between one-pixel steps.
STEP_SECONDS = 30.0


def offset(seconds: float, side: int = SIDE, step_seconds: float = STEP_SECONDS) -> tuple[int, int]:
    """Where the slide stands after ``seconds`` of the attract loop: (x, y), each 0..side."""
    if side <= 0:
        return (0, 0)
    step = int(seconds // step_seconds) % (4 * side)
    edge, along = divmod(step, side)
    return [(along, 0), (side, along), (side - along, side), (0, side - along)][edge]
