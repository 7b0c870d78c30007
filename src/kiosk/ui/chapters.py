"""The chapters overlay: where a visitor jumps to a part of the exhibition.

A bundle whose slides start chapters (``chapter = { ... }``) shows one card per chapter,
a grid when they are few; without chapters it shows a list of the slides by headline.
Both are one view over a model of rows, so whatever the slide count only the rows on
screen are laid out and painted, and only they ask for a thumbnail (``Thumbnails`` draws
it off the GUI thread; a placeholder shows until then). The list scrolls by dragging,
with a finger or the mouse, and has no scroll bar to aim for.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QScroller,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kiosk.bundle.model import headline
from kiosk.palette import Palette
from kiosk.ui.overlays import Overlay
from kiosk.ui.thumbnails import Thumbnails

#: Up to this many chapters show as a grid of cards; more, or none, as a list.
GRID_AT_MOST = 12
ModelIndex = QModelIndex | QPersistentModelIndex


class Entries(QAbstractListModel):
    """The rows: chapter starts, or every slide when the bundle has no chapters.

    Labels are made when a row is painted, not when the overlay opens.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._slides: Sequence[Any] = ()
        self._rows: Sequence[int] = range(0)
        self._language = "en"
        self.chaptered = False

    def set_content(self, slides: Sequence[Any], language: str) -> None:
        self.beginResetModel()
        starts = [index for index, slide in enumerate(slides) if slide.chapter]
        self._slides, self._language, self.chaptered = slides, language, bool(starts)
        self._rows = starts or range(len(slides))
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.label(index.row())
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()]
        return None

    def label(self, row: int) -> str:
        number = self._rows[row]
        slide = self._slides[number]
        if self.chaptered:
            return str(slide.chapter[self._language])
        return f"{number + 1}. {headline(slide, self._language)}"

    def slide(self, row: int) -> int:
        return self._rows[row]

    def row_showing(self, slide: int) -> int:
        """The row of the chapter ``slide`` belongs to (the slide's own row in a list)."""
        if not self.chaptered:
            return slide
        return max(0, bisect_right(self._rows, slide) - 1)

    def row_of(self, slide: int) -> int | None:
        """The row whose picture is slide ``slide``, if any."""
        row = self.row_showing(slide)
        return row if 0 <= row < len(self._rows) and self._rows[row] == slide else None


class _EntryPainter(QStyledItemDelegate):
    """Paints a row (or a card): the slide's picture, or a placeholder, and its label."""

    def __init__(self, overlay: ChapterOverlay) -> None:
        super().__init__(overlay)
        self._overlay = overlay

    def sizeHint(self, _option: QStyleOptionViewItem, _index: ModelIndex) -> QSize:  # noqa: N802
        return self._overlay.cell

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        overlay = self._overlay
        palette = overlay.palette_
        gap = overlay.spacing / 2
        rect = QRectF(option.rect).adjusted(gap, gap, -gap, -gap)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        selected = index.row() == overlay.selected_row
        border = QColor(palette.accent if selected else palette.muted)
        if not selected:
            border.setAlpha(90)
        painter.setPen(border)
        painter.setBrush(QColor(palette.surface))
        painter.drawRoundedRect(rect, 10, 10)
        box, label = self.boxes(rect.adjusted(8, 8, -8, -8), option.direction)  # type: ignore[attr-defined]
        self._picture(painter, box, int(index.data(Qt.ItemDataRole.UserRole)), option)
        font = QFont(overlay.family)
        font.setPixelSize(overlay.pixels)
        painter.setFont(font)
        painter.setPen(QColor(palette.text))
        elided = painter.fontMetrics().elidedText(
            str(index.data()), Qt.TextElideMode.ElideRight, round(label.width())
        )
        start = Qt.AlignmentFlag.AlignLeft
        if option.direction == Qt.LayoutDirection.RightToLeft:  # type: ignore[attr-defined]
            painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the label's bidi
            start = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
        painter.drawText(label, Qt.AlignmentFlag.AlignVCenter | start, elided)
        painter.restore()

    def boxes(self, inner: QRectF, direction: Qt.LayoutDirection) -> tuple[QRectF, QRectF]:
        """Where a row's picture and label go: the picture first, at the left or, in a
        right-to-left language, at the right (the label is then aligned right by Qt)."""
        overlay = self._overlay
        text_height = overlay.pixels * 1.8
        if overlay.grid:
            box = QRectF(inner.left(), inner.top(), inner.width(), inner.height() - text_height)
            label = QRectF(inner.left() + 2, box.bottom(), inner.width() - 4, text_height)
            return box, label
        width = min(inner.height() * overlay.thumbnails.aspect, inner.width() * 0.4)
        box = QRectF(inner.left(), inner.top(), width, inner.height())
        label = QRectF(
            box.right() + overlay.spacing,
            inner.top(),
            inner.right() - box.right(),
            inner.height(),
        )
        if direction == Qt.LayoutDirection.RightToLeft:
            box.moveRight(inner.right())
            label = QRectF(
                inner.left(),
                inner.top(),
                box.left() - overlay.spacing - inner.left(),
                inner.height(),
            )
        return box, label

    def _picture(
        self, painter: QPainter, box: QRectF, slide: int, option: QStyleOptionViewItem
    ) -> None:
        overlay = self._overlay
        ratio = option.widget.devicePixelRatioF() if option.widget is not None else 1.0  # type: ignore[attr-defined]
        fitted = overlay.thumbnails.fitted(box.size()) * ratio
        image = overlay.thumbnails.get(slide, fitted.toSize())
        if image is None:  # being drawn: a quiet placeholder of the same shape
            size = fitted / ratio
            placeholder = QRectF(
                box.left() + (box.width() - size.width()) / 2,
                box.top() + (box.height() - size.height()) / 2,
                size.width(),
                size.height(),
            )
            painter.fillRect(placeholder, QColor(overlay.palette_.background))
            return
        width, height = image.width() / ratio, image.height() / ratio
        target = QRectF(
            box.left() + (box.width() - width) / 2,
            box.top() + (box.height() - height) / 2,
            width,
            height,
        )
        painter.drawImage(target, image)


class ChapterOverlay(Overlay):
    """Chapters (or slides) to jump to, with their pictures."""

    #: The visitor chose a row: the index of the slide to show.
    chosen = Signal(object)

    def __init__(self, palette: Palette, thumbnails: Thumbnails, parent: QWidget) -> None:
        super().__init__(palette, parent)
        self.thumbnails = thumbnails
        self.family = "Noto Sans"
        self.title = ""
        self.grid = False
        self.cell = QSize(100, 100)
        self.spacing = 12
        self.pixels = 24
        self.selected_row = -1
        self._model = Entries(self)
        self._view = QListView(self.panel)
        self._view.setModel(self._model)
        self._view.setItemDelegate(_EntryPainter(self))
        self._quiet(self._view)
        self._view.clicked.connect(self._clicked)
        QScroller.grabGesture(
            self._view.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        thumbnails.ready.connect(self._thumbnail_ready)

    @staticmethod
    def _quiet(view: QListView) -> None:
        """A plain surface: no frame, no scroll bars, no focus, no editing, no selection."""
        view.setFrameShape(QListView.Shape.NoFrame)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        view.setUniformItemSizes(True)
        view.setMovement(QListView.Movement.Static)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setMouseTracking(False)
        clear = view.palette()
        clear.setColor(QPalette.ColorRole.Base, QColor(0, 0, 0, 0))
        view.setPalette(clear)

    # --- content ---------------------------------------------------------------------

    def set_content(self, slides: Sequence[Any], language: str, current: int, title: str) -> None:
        """What to offer: the chapters of ``slides`` (or the slides), ``current`` marked."""
        self._model.set_content(slides, language)
        self.selected_row = self._model.row_showing(current) if self._model.rowCount() else -1
        self.title = title
        self.setAccessibleName(title)
        self._view.setAccessibleName(title)  # what a screen reader calls the list

    def rebuild(self) -> None:
        m = self.metrics()
        count = self._model.rowCount()
        self.grid = self._model.chaptered and count <= GRID_AT_MOST
        self.spacing = round(m.unit * 1.5)
        self.pixels = round(m.small)  # the body floor, at the visitor's text step
        title_room = m.heading * 2.2
        room = m.height * 0.86 - title_room
        if self.grid:
            columns = max(2, min(5, round(count**0.5 + 0.5)))
            if m.portrait:
                columns = min(columns, 2)
            rows = math.ceil(count / columns)
            cell_width = m.width * 0.86 / columns
            cell_height = min(cell_width * 0.72, room / max(rows, 1))
            self.cell = QSize(round(cell_width), round(cell_height))
            view = QSize(  # a little room over: a row that fits exactly may still wrap
                self.cell.width() * columns + 4, min(round(room), self.cell.height() * rows)
            )
            self._view.setViewMode(QListView.ViewMode.IconMode)
            self._view.setFlow(QListView.Flow.LeftToRight)
            self._view.setWrapping(True)
            self._view.setGridSize(self.cell)
        else:
            width = m.width * 0.9 if m.portrait else max(m.short * 0.9, m.width * 0.55)
            self.cell = QSize(round(width), round(max(64.0, m.short * 0.12)))
            view = QSize(self.cell.width(), min(round(room), self.cell.height() * count))
            self._view.setViewMode(QListView.ViewMode.ListMode)
            self._view.setFlow(QListView.Flow.TopToBottom)
            self._view.setWrapping(False)
            self._view.setGridSize(QSize())
        self._view.setFixedSize(view)
        self.panel.setFixedSize(view)
        top = (self.height() - view.height() + round(title_room)) // 2
        self.panel.move((self.width() - view.width()) // 2, top)
        self.update()

    def open(self) -> None:
        super().open()
        self._view.doItemsLayout()  # now that the view has its size: it is laid out hidden
        if self.selected_row >= 0:
            self.scroll_to(self.selected_row)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self.title:
            return
        m = self.metrics()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(self.palette_.text))
        painter.setFont(self.heading_font(self.family, m.heading))
        band = QRectF(0, self.panel.y() - m.heading * 2.2, self.width(), m.heading * 1.8)
        painter.drawText(band, Qt.AlignmentFlag.AlignCenter, self.title)
        painter.end()

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(self._model.slide(index.row()))

    def _thumbnail_ready(self, slide: int) -> None:
        if not self.isVisible():
            return
        row = self._model.row_of(slide)
        if row is not None:
            self._view.update(self._model.index(row))

    # --- what the overlay shows (tests and diagnostics) ------------------------------

    def count(self) -> int:
        return self._model.rowCount()

    def label(self, row: int) -> str:
        return self._model.label(row)

    def slide(self, row: int) -> int:
        return self._model.slide(row)

    def viewport(self) -> QWidget:
        return self._view.viewport()

    def scroll_to(self, row: int) -> None:
        self._view.scrollTo(self._model.index(row), QAbstractItemView.ScrollHint.PositionAtCenter)

    def visible_rows(self) -> list[int]:
        """The rows at least partly on screen, in order."""
        area = self._view.viewport().rect()
        if self.grid:
            rows = range(self.count())
        else:
            first = self._view.indexAt(QPoint(1, 1)).row()
            rows = range(max(0, first), self.count())
        visible = []
        for row in rows:
            rect: QRect = self._view.visualRect(self._model.index(row))
            if rect.intersects(area):
                visible.append(row)
            elif visible and not self.grid:
                break
        return visible

    def row_centre(self, row: int) -> QPoint:
        return self._view.visualRect(self._model.index(row)).center()

    def thumbnail_ready(self, row: int) -> bool:
        """Whether row ``row`` shows its picture rather than a placeholder."""
        return self.thumbnails.has(self._model.slide(row))
