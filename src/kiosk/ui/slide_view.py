"""A widget showing one slide, laid out anew for its size, repainted as pictures arrive."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.slides import RenderContext, SlideRenderer, renderer_for


class SlideView(QWidget):
    def __init__(self, context: RenderContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._context = context
        self._slide: Any = None
        self._renderer: SlideRenderer | None = None
        context.images.ready.connect(self.update)

    @property
    def renderer(self) -> SlideRenderer | None:
        return self._renderer

    def show_slide(self, slide: Any) -> None:
        self._slide = slide
        self._relayout(self.size())

    def set_context(self, context: RenderContext) -> None:
        """Another language or theme: lay the slide out again."""
        self._context.images.ready.disconnect(self.update)
        self._context = context
        context.images.ready.connect(self.update)
        self._relayout(self.size())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._relayout(event.size())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self._renderer is None:
            return
        painter = QPainter(self)
        self._renderer.paint(painter)
        painter.end()

    def _relayout(self, size: QSize) -> None:
        if self._slide is None or size.isEmpty():
            self._renderer = None
        else:
            self._renderer = renderer_for(self._slide, self._context, size)
        self.update()
