"""The slide, as laid out at its screen's size, scaled down to fit the window."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BACKDROP = QColor("#3a3b3e")
STALE = QColor(176, 40, 30, 235)
MARGIN = 12
#: The height of the band above a stale picture: kept free always, so the slide neither
#: hides under it nor moves when it comes and goes.
BAND = 30


class SlideCanvas(QWidget):
    """Shows one slide picture, letterboxed; ``stale`` marks it as the last good version
    (the bundle on disk has problems just now)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.image = QImage()
        self.stale = False
        self.note = ""
        self._scaled: QPixmap | None = None

    def show_image(self, image: QImage) -> None:
        self.image = image
        self._scaled = None
        self.update()

    def set_stale(self, stale: bool, note: str = "") -> None:
        self.stale, self.note = stale, note
        self.update()

    def picture_rect(self) -> QRect:
        """Where the slide is drawn: as large as fits, its proportions kept."""
        if self.image.isNull():
            return QRect()
        room = self.rect().adjusted(MARGIN, MARGIN + BAND, -MARGIN, -MARGIN)
        size = QSize(self.image.width(), self.image.height()).scaled(
            room.size(), Qt.AspectRatioMode.KeepAspectRatio
        )
        left = room.left() + (room.width() - size.width()) // 2
        top = room.top() + (room.height() - size.height()) // 2
        return QRect(left, top, size.width(), size.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._scaled = None
        super().resizeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKDROP)
        target = self.picture_rect()
        if target.isValid():
            ratio = self.devicePixelRatioF()
            wanted = QSize(round(target.width() * ratio), round(target.height() * ratio))
            if self._scaled is None or self._scaled.size() != wanted:
                # Scaled once per size, smoothly: a 4K slide is 8 million pixels.
                self._scaled = QPixmap.fromImage(
                    self.image.scaled(
                        wanted,
                        Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
                self._scaled.setDevicePixelRatio(ratio)
            painter.drawPixmap(target.topLeft(), self._scaled)
        if self.stale:
            empty = self.rect().adjusted(MARGIN, MARGIN + BAND, -MARGIN, -MARGIN)
            self._paint_stale(painter, target if target.isValid() else empty)
        painter.end()

    def _paint_stale(self, painter: QPainter, target: QRect) -> None:
        painter.setPen(QColor(STALE.red(), STALE.green(), STALE.blue()))
        painter.drawRect(QRectF(target).adjusted(-3, -3 - BAND, 2, 2))
        font = QFont(self.font())
        font.setPixelSize(15)
        font.setBold(True)
        painter.setFont(font)
        band = QRectF(target.left(), target.top() - BAND, target.width(), BAND)
        painter.fillRect(band, STALE)
        painter.setPen(QColor("white"))
        painter.drawText(band.adjusted(10, 0, -10, 0), Qt.AlignmentFlag.AlignVCenter, self.note)
