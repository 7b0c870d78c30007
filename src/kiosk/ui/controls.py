"""The kiosk's touch controls: large round buttons, panel buttons and page dots.

All are painted by hand in the theme's colours, take no keyboard focus, show no tooltip
and open no context menu: nothing a visitor can reach does anything but its one job.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.palette import Palette, quietest
from kiosk.ui.icons import icon_pixmap


def _quiet(widget: QWidget) -> None:
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    widget.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, False)


class RoundButton(QAbstractButton):
    """A circle with an icon, and optionally a label beside it (a pill, then)."""

    def __init__(self, icon: str, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _quiet(self)
        self._icon = icon
        self._palette = palette
        self._label = ""
        self._family = "Noto Sans"
        self._glyph: tuple[tuple[int, str, float], QPixmap] | None = None
        self._look_cache: tuple[tuple[object, ...], QPixmap] | None = None

    def set_label(self, label: str, family: str) -> None:
        if (label, family) != (self._label, self._family):
            self._label, self._family = label, family
            self.update()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.update()

    def set_icon(self, icon: str) -> None:
        if icon != self._icon:
            self._icon, self._glyph = icon, None
            self.update()

    def fit(self, diameter: int) -> None:
        """Size the button for a screen: ``diameter`` is its height."""
        width = diameter
        if self._label:
            # Measured, not counted: "中文" is two wide characters, "فارسی" five joined ones.
            advance = QFontMetricsF(self._font(diameter)).horizontalAdvance(self._label)
            width += round(advance) + diameter // 2
        self.setFixedSize(QSize(width, diameter))

    def _font(self, diameter: int) -> QFont:
        font = QFont(self._family)
        font.setPixelSize(max(12, round(diameter * 0.34)))
        return font

    def _colours(self) -> tuple[QColor, QColor, str]:
        """The fill, the border and the icon's colour."""
        fill = QColor(self._palette.surface)
        fill.setAlpha(235 if self.isDown() else 200)
        border = QColor(self._palette.muted)
        border.setAlpha(110)
        return fill, border, self._palette.text

    def _icon_share(self) -> float:
        """The icon's side, as a share of the button's height."""
        return 0.42

    def _look(self) -> tuple[object, ...]:
        """What else its painting depends on (a toggle's state), for the painted cache."""
        return ()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """The button as painted last time it looked like this: it lies over the deck, so
        it is painted again at every frame of a film beneath it (30 a second), and an
        antialiased disc and icon each time cost more than the frame itself."""
        ratio = self.devicePixelRatioF()
        fill, border, colour = self._colours()
        key = (
            self.width(), self.height(), ratio, fill.rgba(), border.rgba(), colour,
            self._label, self._family, self._icon, self.layoutDirection(), self._look(),
        )  # fmt: skip
        if self._look_cache is None or self._look_cache[0] != key:
            pixmap = QPixmap(round(self.width() * ratio), round(self.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setLayoutDirection(self.layoutDirection())
            self._paint(painter, ratio)
            painter.end()
            self._look_cache = (key, pixmap)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._look_cache[1])
        painter.end()

    def _paint(self, painter: QPainter, ratio: float) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        fill, border, colour = self._colours()
        painter.setPen(border)
        painter.setBrush(fill)
        radius = rect.height() / 2
        painter.drawRoundedRect(rect, radius, radius)
        side = round(rect.height() * self._icon_share())
        key = (side, colour, ratio)  # drawn at the screen's pixels: sharp at 200 %
        if self._glyph is None or self._glyph[0] != key:  # drawn once, not on every frame
            self._glyph = (key, icon_pixmap(self._icon, side, colour, ratio))
        icon = self._glyph[1]
        left = rect.left() + (rect.height() - side) / 2
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:  # the icon first: right
            left = rect.right() - (rect.height() - side) / 2 - side
        top = rect.top() + (rect.height() - side) / 2
        painter.drawPixmap(round(left), round(top), icon)
        self._paint_over_icon(painter, QRectF(left, top, side, side), fill)
        if self._label:
            painter.setFont(self._font(self.height()))
            painter.setPen(QColor(self._palette.text))
            text_rect = rect.adjusted(rect.height() * 0.85, 0, -rect.height() * 0.35, 0)
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
                text_rect = rect.adjusted(rect.height() * 0.35, 0, -rect.height() * 0.85, 0)
            # Leading alignment: the painter takes the widget's direction.
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, self._label)

    def _paint_over_icon(self, painter: QPainter, icon: QRectF, fill: QColor) -> None:
        """A mark over the icon, for buttons that need one."""


class ToggleButton(RoundButton):
    """A visitor's toggle (larger text, reduced motion): a round button that stays on.

    Checkable, so assistive technology reads it as a check box and says whether it is
    on. On, it is drawn inverted (a disc of the text colour, the icon in the ground's),
    which tells on from off by lightness and shape, not by colour alone. ``level`` grows
    the icon (the larger-text steps); ``slashed`` strikes it through ("no sliding").
    """

    def __init__(
        self, icon: str, palette: Palette, parent: QWidget | None = None, *, slashed: bool = False
    ) -> None:
        super().__init__(icon, palette, parent)
        self.setCheckable(True)
        self._slashed = slashed
        self._level = 0

    @property
    def level(self) -> int:
        return self._level

    def set_state(self, checked: bool, level: int = 0) -> None:
        """How the setting stands (a click flips ``checked`` itself; this puts it right)."""
        if (checked, level) != (self.isChecked(), self._level):
            self.setChecked(checked)
            self._level = level
            self.update()

    def _colours(self) -> tuple[QColor, QColor, str]:
        if not self.isChecked():
            return super()._colours()
        fill = QColor(self._palette.text)
        if self.isDown():
            fill = QColor(self._palette.muted)
        return fill, QColor(self._palette.text), self._palette.background

    def _look(self) -> tuple[object, ...]:
        return (self.isChecked(), self._level, self._slashed)

    def _icon_share(self) -> float:
        return 0.42 + 0.08 * self._level

    def _paint_over_icon(self, painter: QPainter, icon: QRectF, fill: QColor) -> None:
        if not self._slashed:
            return
        width = max(2.0, icon.width() * 0.11)
        start, end = icon.bottomLeft(), icon.topRight()
        gap = QPen(fill if fill.alpha() == 255 else QColor(self._palette.surface))
        gap.setWidthF(width * 2.6)  # the stroke stands clear of the icon beneath
        gap.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(gap)
        painter.drawLine(start, end)
        stroke = QPen(QColor(self._colours()[2]))
        stroke.setWidthF(width)
        stroke.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(stroke)
        painter.drawLine(start, end)


class PanelButton(QAbstractButton):
    """A large rectangular button with text."""

    def __init__(self, text: str, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _quiet(self)
        self.setText(text)
        self._palette = palette
        self.pixels = 24
        self.family = "Noto Sans"
        self.selected = False

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        fill = QColor(self._palette.surface if not self.isDown() else self._palette.background)
        painter.setBrush(fill)
        border = QColor(self._palette.accent if self.selected else self._palette.muted)
        if not self.selected:
            border.setAlpha(90)
        painter.setPen(border)
        painter.drawRoundedRect(rect, 10, 10)
        font = QFont(self.family)
        font.setPixelSize(self.pixels)
        painter.setFont(font)
        painter.setPen(QColor(self._palette.text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.text())
        painter.end()


class PageDots(QWidget):
    """Where the visitor is: one dot a slide, the current one filled. Not a button: the
    dots take no touches, and do not look like something to press."""

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _quiet(self)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._palette = palette
        self._count = 0
        self._index = 0

    def set_position(self, index: int, count: int) -> None:
        if (index, count) != (self._index, self._count):
            self._index, self._count = index, count
            self.update()

    def set_palette(self, palette: Palette) -> None:
        self._palette = palette
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self._count < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pitch = min(self.height() * 1.6, self.width() / self._count)
        radius = min(self.height() / 2.6, pitch / 3)
        left = (self.width() - pitch * (self._count - 1)) / 2
        # The current slide a filled dot in the text colour, the others quiet rings at
        # 3.5:1: both above the 3:1 that WCAG 1.4.11 asks of a state (the accent red is
        # 2.8-3.3:1 on the ground), and told apart by shape and size, not colour alone.
        ring = QPen(QColor(quietest(self._palette.muted, self._palette.background, 3.5)))
        ring.setWidthF(max(1.5, radius * 0.28))
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for place in range(self._count):
            index = self._count - 1 - place if rtl else place  # the first slide at the start
            current = index == self._index
            if current:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(self._palette.text))
            else:
                painter.setPen(ring)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            size = radius * (1.2 if current else 0.7)
            painter.drawEllipse(
                QRectF(left + place * pitch - size, self.height() / 2 - size, size * 2, size * 2)
            )
        painter.end()
