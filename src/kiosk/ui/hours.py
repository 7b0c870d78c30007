"""Opening hours on screen: outside them the panel is off and nothing ticks.

At closing the window stops every timer of its own (the presenter's tick, the cursor,
films and sounds, the deck's animation), a black cover goes over it and the panel is
powered off through DPMS (``kiosk.operations.screensaver.power``); where there is no
DPMS the black cover is what shows. One single-shot timer remains, set to the next
change (a minute before opening): nothing else wakes the process. A touch wakes an X
panel by itself; the cover then shows, for a moment, the exhibition's title and the
time it opens, when staff allow it (``show_closed_on_touch``), else powers it off again.
The application's own heartbeat (liveness, for the supervisor) and the bundle watcher
are not the window's and keep running.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from kiosk.operations import screensaver
from kiosk.operations.hours import WAKE_LEAD, Schedule

if TYPE_CHECKING:
    from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)

#: How long a touch outside hours shows the 'closed' screen.
CLOSED_NOTICE_MS = 20_000
#: The longest wait of the timer (QTimer counts in a 32-bit int of milliseconds);
#: a longer closure wakes once a day only to set the timer again.
LONGEST_WAIT_MS = 24 * 3600 * 1000


class ClosedCover(QWidget):
    """Black over the whole window; the title and opening time while a notice shows."""

    def __init__(self, parent: QWidget, on_touch: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._on_touch = on_touch
        self.title = ""
        self.opens = ""
        self.notice = False
        self.hide()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("black"))
        if not self.notice:
            return
        painter.setPen(QColor(200, 200, 200))
        font = QFont(self.font())
        font.setPixelSize(max(12, self.height() // 14))
        painter.setFont(font)
        upper = self.rect().adjusted(0, 0, 0, -self.height() // 2)
        painter.drawText(
            upper, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, self.title
        )
        lower = self.rect().adjusted(0, self.height() // 2, 0, 0)
        font.setPixelSize(max(12, self.height() // 10))
        painter.setFont(font)
        painter.drawText(
            lower, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.opens
        )

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        event.accept()
        self._on_touch()


class OpeningHours(QObject):
    """Puts the window to sleep outside opening hours and wakes it on the first slide."""

    def __init__(
        self,
        window: KioskWindow,
        schedule: Schedule,
        *,
        now: Callable[[], datetime] = datetime.now,
        power: Callable[[bool], bool] = screensaver.power,
        show_closed_on_touch: bool = False,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.schedule = schedule
        self.now = now
        self.power = power
        self.show_closed_on_touch = show_closed_on_touch
        self.asleep = False
        self.cover = ClosedCover(window, self.touched)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check)
        self.notice_timer = QTimer(self)
        self.notice_timer.setSingleShot(True)
        self.notice_timer.setInterval(CLOSED_NOTICE_MS)
        self.notice_timer.timeout.connect(self._end_notice)
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """The cover follows the window's size and stays above its controls."""
        if watched is self.window and event.type() == QEvent.Type.Resize and self.asleep:
            self._cover_all()
        return False

    def _cover_all(self) -> None:
        self.cover.setGeometry(self.window.rect())
        self.cover.show()
        self.cover.raise_()

    def check(self) -> None:
        """Sleep or wake as the hours say now, and set the timer to the next change."""
        now = self.now()
        awake = self.schedule.awake(now)
        if awake and self.asleep:
            self.wake()
        elif not awake and not self.asleep:
            self.sleep()
        change = self.schedule.next_awake_change(now)
        if change is None:
            self.timer.stop()
            return
        # timestamp() reads naive local times through the time zone: right across DST.
        wait = (change.timestamp() - now.timestamp()) * 1000
        self.timer.start(int(min(max(wait, 1000), LONGEST_WAIT_MS)))

    def sleep(self) -> None:
        log.info("outside opening hours: the screen goes off")
        self.asleep = True
        self.window.sleep()
        self.cover.notice = False
        self._cover_all()
        self.power(False)

    def wake(self) -> None:
        log.info("opening hours: the screen comes on, on the first slide")
        self.asleep = False
        self.notice_timer.stop()
        self.power(True)
        self.cover.hide()
        self.window.wake()

    def touched(self) -> None:
        """A touch while closed: the notice if staff allow it, else dark again."""
        if not self.show_closed_on_touch:
            self.power(False)
            return
        change = self.schedule.next_awake_change(self.now())
        opening = change + WAKE_LEAD if change is not None else None
        self.cover.title = self.window.title_text()
        self.cover.opens = opening.strftime("%H:%M") if opening is not None else ""
        self.cover.notice = True
        self.cover.update()
        self.power(True)
        self.notice_timer.start()

    def _end_notice(self) -> None:
        self.cover.notice = False
        self.cover.update()
        if self.asleep:
            self.power(False)
