"""The layout grid: the lines every slide's text stands on, drawn from the screen's metrics.

A visitor swiping from slide to slide should see headings, body text and sources stay
where they were, not jump with the length of each text. So slides with a heading
(narrative, timeline) start it at the same point, the text column has one left edge and
one width, the running head (the chapter's name) sits above the heading, and the source
line stands at the foot of the same column. Centred compositions (titles, quotations,
memorials) are centred in the same content area between these lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF

from kiosk.ui.metrics import Metrics

#: The text column's width, in ems of the body size, when no measure is given.
COLUMN_EMS = 27

#: How far down the safe area a portrait screen's headings start, beyond the landscape
#: position (a fraction of the safe area's height).
PORTRAIT_DROP = 0.12


@dataclass(frozen=True)
class Grid:
    metrics: Metrics
    #: The width of a line of the measure in the body face (``SlideRenderer``'s
    #: ``_measure``); None for ``COLUMN_EMS`` ems.
    measure: float | None = None

    @property
    def left(self) -> float:
        """The text column's left edge: headings, body, running head and source start here."""
        return self.metrics.safe.left()

    @property
    def column_width(self) -> float:
        """The width of a column of reading text (and of the source line under it)."""
        measure = self.measure if self.measure is not None else self.metrics.body * COLUMN_EMS
        return min(self.metrics.safe.width(), measure)

    @property
    def running_head_top(self) -> float:
        """Where the chapter's name stands, above everything else on the slide."""
        return self.metrics.safe.top()

    @property
    def heading_top(self) -> float:
        """Where every heading starts: below the running head, whether a slide has one or
        not, so that slides in a chapter and slides outside one look alike."""
        m = self.metrics
        top = m.safe.top() + m.small * 1.5 + m.gap * 1.5
        if m.portrait:
            # On a totem the top of the screen is above a standing visitor's eyes, and a
            # short text left there leaves the lower half empty: headings start lower.
            top += m.safe.height() * PORTRAIT_DROP
        return top

    @property
    def bottom(self) -> float:
        """The foot of the safe area, where the source line's last line ends."""
        return self.metrics.safe.bottom()

    def column(self, top: float, bottom: float) -> QRectF:
        """The text column between ``top`` and ``bottom``."""
        return QRectF(self.left, top, self.column_width, max(0.0, bottom - top))
