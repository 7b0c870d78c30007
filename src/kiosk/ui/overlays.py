"""In-window overlays: chapters, languages, the idle countdown, the staff PIN pad and menu.

Never dialogs: a dialog is a new top-level window that can fall behind the kiosk or
be dismissed into the desktop. Each overlay covers the window, dims the slide beneath,
and closes when the visitor touches outside its panel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.palette import Palette, quietest
from kiosk.ui.controls import PanelButton
from kiosk.ui.metrics import Display, Metrics
from kiosk.ui.report import report_document


class Overlay(QWidget):
    """A dimmed layer over the whole window with a panel of controls."""

    #: The visitor touched outside the panel.
    dismissed = Signal()

    def __init__(self, palette: Palette, parent: QWidget) -> None:
        super().__init__(parent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.palette_ = palette
        self.panel = QWidget(self)
        #: The screen's physical size and viewing distance (the window sets them).
        self.display = Display()
        #: The visitor's larger-text step, for the overlays visitors read (the window
        #: sets it; staff's stay at 1.0).
        self.text_scale = 1.0
        self.hide()

    def metrics(self) -> Metrics:
        return Metrics(
            max(1, self.width()),
            max(1, self.height()),
            self.display.mm_per_px,
            self.display.viewing_distance_m,
            self.text_scale,
        )

    def set_palette(self, palette: Palette) -> None:
        """A new bundle's colours, for the overlay and every button on it."""
        self.palette_ = palette
        for button in self.findChildren(PanelButton):
            button.set_palette(palette)
        self.update()

    def open(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.rebuild()
        self.show()
        self.raise_()

    def rebuild(self) -> None:
        """Lay the panel out for the window's size and the current language."""

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        shade = QColor(self.palette_.background)
        shade.setAlpha(225)
        painter.fillRect(self.rect(), shade)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.panel.geometry().contains(event.position().toPoint()):
            self.dismissed.emit()

    def heading_font(self, family: str, pixels: float) -> QFont:
        font = QFont(family)
        font.setPixelSize(max(12, round(pixels)))
        return font


class ChoiceOverlay(Overlay):
    """A column of large buttons, one per choice (the languages)."""

    chosen = Signal(object)

    def __init__(self, palette: Palette, parent: QWidget) -> None:
        super().__init__(palette, parent)
        self._layout = QGridLayout(self.panel)
        self._choices: list[tuple[object, str]] = []
        self._selected: object = None
        self.family = "Noto Sans"

    def set_choices(self, choices: Sequence[tuple[object, str]], selected: object) -> None:
        self._choices = list(choices)
        self._selected = selected

    def rebuild(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        m = self.metrics()
        width = max(m.short * 0.5, m.width * 0.3)
        spacing = round(m.unit * 1.5)
        self._layout.setSpacing(spacing)
        self._layout.setContentsMargins(0, 0, 0, 0)
        for position, (value, label) in enumerate(self._choices):
            button = PanelButton(label, self.palette_, self.panel)
            button.family = self.family
            button.pixels = round(m.small)  # the body floor, at the visitor's text step
            button.selected = value == self._selected
            button.setFixedSize(QSize(round(width - spacing), round(m.short * 0.11)))
            button.clicked.connect(self._choose)
            button.setProperty("choice", position)
            self._layout.addWidget(button, position, 0)
        self.panel.adjustSize()
        self.panel.move(
            (self.width() - self.panel.width()) // 2, (self.height() - self.panel.height()) // 2
        )

    def _choose(self) -> None:
        button = self.sender()
        if button is not None:
            self.chosen.emit(self._choices[int(button.property("choice"))][0])


class CountdownOverlay(Overlay):
    """'Still there? Touch the screen to continue' with the seconds left.

    The seconds are said twice: in digits, and by a ring around them whose arc is the
    time left, shrinking as it runs out (a visitor who does not read the digits, or not
    this script's digits, still sees the time going). With reduced motion the ring
    moves in whole seconds only, with the digits; nothing pulses either way.
    """

    def __init__(self, palette: Palette, parent: QWidget) -> None:
        super().__init__(palette, parent)
        self.lines = ("", "")
        self.seconds = 0
        #: ``seconds`` as the visitor's language writes it ("۲۰" in Persian).
        self.number = ""
        #: The share of the countdown left, from 1 (just begun) to 0.
        self.left = 1.0
        self.family = "Noto Serif"

    def set_time(self, seconds: int, number: str, left: float) -> None:
        """The whole seconds left, as digits of the visitor's language, and the share."""
        left = min(1.0, max(0.0, left))
        if (seconds, number, round(left, 3)) != (self.seconds, self.number, round(self.left, 3)):
            self.seconds, self.number, self.left = seconds, number, left
            self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self.dismissed.emit()  # any touch at all means someone is still here

    def _rows(self) -> tuple[QRectF, QRectF, QRectF]:
        """The question's line, the ring's square and the prompt's line, top to bottom,
        together a little above the middle."""
        m = self.metrics()
        title = m.heading * 1.7
        ring = m.display * 1.55
        prompt = m.body * 1.7
        top = (self.height() - (title + ring + prompt + 2 * m.gap)) / 2
        width = float(self.width())
        return (
            QRectF(0, top, width, title),
            QRectF((width - ring) / 2, top + title + m.gap, ring, ring),
            QRectF(0, top + title + ring + 2 * m.gap, width, prompt),
        )

    def panel_rect(self) -> QRectF:
        """The solid panel the words stand on: the dimmed slide must not run through them
        (its text showed at 1.34:1 between the countdown's lines)."""
        m = self.metrics()
        title, ring, prompt = self._rows()
        widest = max(
            QFontMetricsF(self.heading_font(self.family, m.heading * 1.2)).horizontalAdvance(
                self.lines[0]
            ),
            QFontMetricsF(self.heading_font("Noto Sans", m.body)).horizontalAdvance(self.lines[1]),
            ring.width(),
        )
        width = min(self.width() - 2 * m.gap, widest + 4 * m.gap)
        top, bottom = title.top() - m.gap * 1.5, prompt.bottom() + m.gap * 1.5
        return QRectF((self.width() - width) / 2, top, width, bottom - top)

    def ring_rect(self) -> QRectF:
        """The circle the ring is drawn on (the centre of its stroke)."""
        _title, ring, _prompt = self._rows()
        inset = self._ring_width() / 2
        return ring.adjusted(inset, inset, -inset, -inset)

    def _ring_width(self) -> float:
        return max(3.0, self.metrics().unit * 0.9)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        m = self.metrics()
        title, _ring, prompt = self._rows()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.palette_.surface))
        painter.drawRoundedRect(self.panel_rect(), m.unit * 1.5, m.unit * 1.5)
        self._paint_ring(painter)
        painter.setPen(QColor(self.palette_.text))
        painter.setFont(self.heading_font(self.family, m.heading * 1.2))
        painter.drawText(title, Qt.AlignmentFlag.AlignCenter, self.lines[0])
        circle = self.ring_rect()
        painter.setFont(self.heading_font(self.family, circle.height() * 0.5))
        painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, self.number or str(self.seconds))
        painter.setPen(QColor(self.palette_.muted))
        painter.setFont(self.heading_font("Noto Sans", m.body))
        painter.drawText(prompt, Qt.AlignmentFlag.AlignCenter, self.lines[1])
        painter.end()

    def _paint_ring(self, painter: QPainter) -> None:
        """A quiet full circle (the whole time), and over it the arc of the time left in
        the text colour, from twelve o'clock, shrinking toward it."""
        circle = self.ring_rect()
        track = QPen(QColor(quietest(self.palette_.muted, self.palette_.surface, 1.6)))
        track.setWidthF(self._ring_width())
        painter.setPen(track)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(circle)
        if self.left <= 0:
            return
        arc = QPen(QColor(self.palette_.text))
        arc.setWidthF(self._ring_width())
        arc.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(arc)
        # Qt's angles are in 1/16 degree, counter-clockwise from three o'clock: start at
        # twelve and run clockwise (negative) for the share left.
        painter.drawArc(circle, 90 * 16, -round(self.left * 360 * 16))


class PinPad(Overlay):
    """Large digit buttons for the staff PIN; the digits show as dots."""

    entered = Signal(str)

    def __init__(self, palette: Palette, parent: QWidget) -> None:
        super().__init__(palette, parent)
        self.digits = ""
        self.message = ""
        self._grid = QGridLayout(self.panel)
        self._display = QWidget(self.panel)
        self._grid.addWidget(self._display, 0, 0, 1, 3)
        self._buttons: list[PanelButton] = []
        self._placeholder = "PIN"
        labels = [*"123456789", "⌫", "0", "OK"]
        for position, label in enumerate(labels):
            button = PanelButton(label, palette, self.panel)
            button.clicked.connect(self._pressed)
            button.setProperty("key", label)
            self._grid.addWidget(button, 1 + position // 3, position % 3)
            self._buttons.append(button)

    def open(self) -> None:
        self.digits = ""
        super().open()

    def set_words(self, pin: str, ok: str, delete: str) -> None:
        """The pad's words in staff's language: the empty display, OK, and the name of
        the delete key (it shows "⌫"); the keys themselves stay "OK" and "⌫"."""
        self._placeholder = pin
        for button in self._buttons:
            key = button.property("key")
            if key == "OK":
                button.setText(ok)
            elif key == "⌫":
                button.setAccessibleName(delete)

    def rebuild(self) -> None:
        m = self.metrics()
        side = round(max(m.short * 0.11, 64))
        for button in self._buttons:
            button.setFixedSize(QSize(round(side * 1.4), side))
            button.pixels = round(side * 0.4)
        self._display.setFixedSize(QSize(round(side * 4.4), round(side * 1.2)))
        self._grid.setSpacing(round(side * 0.15))
        self.panel.adjustSize()
        self.panel.move(
            (self.width() - self.panel.width()) // 2, (self.height() - self.panel.height()) // 2
        )
        self.update()

    def _pressed(self) -> None:
        if self.sender():
            self._type(str(self.sender().property("key")))

    def type_key(self, key: int) -> bool:
        """A key typed on a keyboard (digits, keypad digits, Backspace, Enter); returns
        whether it was one of the pad's."""
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self._type(chr(key))
        elif key == Qt.Key.Key_Backspace:
            self._type("⌫")
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._type("OK")
        else:
            return False
        return True

    def _type(self, key: str) -> None:
        if key == "⌫":
            self.digits = self.digits[:-1]
        elif key == "OK":
            digits, self.digits = self.digits, ""
            self.entered.emit(digits)
        elif len(self.digits) < 12:
            self.digits += key
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setPen(QColor(self.palette_.text))
        box = QRectF(self._display.geometry().translated(self.panel.pos()))
        painter.setFont(self.heading_font("Noto Sans", box.height() * 0.45))
        painter.drawText(
            box, Qt.AlignmentFlag.AlignCenter, "•" * len(self.digits) or self._placeholder
        )
        painter.setPen(QColor(self.palette_.muted))
        painter.setFont(self.heading_font("Noto Sans", box.height() * 0.22))
        below = QRectF(0, self.panel.geometry().bottom() + 10, self.width(), box.height())
        painter.drawText(below, Qt.AlignmentFlag.AlignHCenter, self.message)
        painter.end()


class StaffMenu(Overlay):
    """Resume, reload the bundle, diagnostics, exit: what staff need, no more.

    Alone, the menu stands in the middle; with Diagnostics, it moves to the left and the
    report reads on a card of its own beside it. :attr:`today` (today's visitor figures,
    a line or two) reads under the buttons.
    """

    def __init__(
        self, palette: Palette, parent: QWidget, actions: Sequence[tuple[str, Callable[[], None]]]
    ) -> None:
        super().__init__(palette, parent)
        self._diagnostics = ""
        self.today = ""
        layout = QVBoxLayout(self.panel)
        self._buttons = []
        for label, action in actions:
            button = PanelButton(label, palette, self.panel)
            button.clicked.connect(action)
            layout.addWidget(button)
            self._buttons.append(button)

    @property
    def diagnostics(self) -> str:
        return self._diagnostics

    @diagnostics.setter
    def diagnostics(self, text: str) -> None:
        if text != self._diagnostics:
            self._diagnostics = text
            self.rebuild()

    def set_labels(self, labels: Sequence[str]) -> None:
        """The buttons' words, in the order of the actions."""
        for button, label in zip(self._buttons, labels, strict=True):
            button.setText(label)

    def rebuild(self) -> None:
        m = self.metrics()
        for button in self._buttons:
            button.setFixedSize(QSize(round(m.short * 0.5), round(m.short * 0.09)))
            button.pixels = round(m.small)  # the body floor, at the visitor's text step
        self.panel.adjustSize()
        left = (
            round(m.width * 0.06) if self._diagnostics else (self.width() - self.panel.width()) // 2
        )
        self.panel.move(left, (self.height() - self.panel.height()) // 2)
        self.update()

    def diagnostics_rect(self) -> QRectF:
        """The card the report reads on, right of the menu."""
        m = self.metrics()
        left = self.panel.geometry().right() + m.unit * 4
        return QRectF(left, m.height * 0.08, m.width - left - m.unit * 4, m.height * 0.84)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if self.today:
            self._paint_today()
        if not self._diagnostics:
            return
        m = self.metrics()
        card = self.diagnostics_rect()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.palette_.surface))
        painter.drawRoundedRect(card, m.unit * 1.5, m.unit * 1.5)
        inset = m.unit * 3
        room = card.adjusted(inset, inset, -inset, -inset)
        document = self.report(room)
        painter.translate(room.topLeft())
        document.drawContents(painter, QRectF(0, 0, room.width(), room.height()))
        painter.end()

    def _paint_today(self) -> None:
        """Today's figures under the buttons, as wide as the panel, quieter than them."""
        m = self.metrics()
        panel = self.panel.geometry()
        painter = QPainter(self)
        painter.setPen(QColor(self.palette_.muted))
        painter.setFont(self.heading_font("Noto Sans", max(14, m.small * 0.8)))
        top = panel.bottom() + m.unit * 2
        below = QRectF(
            panel.left() - m.unit * 4, top, panel.width() + m.unit * 8, self.height() - top
        )
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(below, int(flags), self.today)
        painter.end()

    def report(self, room: QRectF) -> QTextDocument:
        """The report set for ``room``: at the reading size, or smaller when it is long
        (never below 13 px); what still does not fit is cut at the card's foot."""
        pixels = max(16, round(self.metrics().unit * 2))
        while True:
            document = report_document(self._diagnostics, self.palette_, pixels, room.width())
            if document.size().height() <= room.height() or pixels <= 13:
                return document
            pixels -= 1
