"""Small pictures of slides for the chapters overlay: drawn when asked, off the GUI thread.

Only what is on screen is asked for (the overlay's rows ask as they are painted), so the
work of opening the overlay does not grow with the slide count. One worker draws the
newest request first; older requests beyond a few dozen are dropped (a row that comes
back into view asks again); the cache keeps the most recently used pictures up to a
budget in bytes. Until a picture is ready the row shows a placeholder.

Sizes are asked for in device pixels (the overlay multiplies by its device pixel ratio):
a slide is laid out at ``LAYOUT_WIDTH`` and painted at as many device pixels as the
picture needs, or more and scaled down, never scaled up.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QImage

from kiosk.ui.metrics import Display
from kiosk.ui.slides import RenderContext, renderer_for

log = logging.getLogger(__name__)

#: The cache's budget: about 200 list rows, or a grid of large cards, at 1080p.
MAX_BYTES = 24 * 1024 * 1024
#: Requests waiting beyond this many are dropped, oldest first.
MAX_PENDING = 32
#: Slides are laid out this wide (in the window's shape), then scaled down: the same
#: picture as full size, for a fraction of the work.
LAYOUT_WIDTH = 960

Key = tuple[int, int, int, int]  # slide index, width, height, generation


class Delivery(QObject):
    """Carries pictures rendered on a worker thread, with their keys, to the GUI thread
    (for the deck's slides too)."""

    rendered = Signal(object, QImage)


class Thumbnails(QObject):
    """Pictures of the current slides, in the current language, for the current shape."""

    #: The picture of this slide is ready: ask again to get it.
    ready = Signal(int)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_bytes: int = MAX_BYTES,
        max_pending: int = MAX_PENDING,
    ) -> None:
        super().__init__(parent)
        self.max_bytes = max_bytes
        self.max_pending = max_pending
        self._slides: Sequence[Any] = ()
        self._context: RenderContext | None = None
        self._shape = QSize(16, 9)
        self._generation = 0
        self._cache: OrderedDict[Key, QImage] = OrderedDict()
        self._bytes = 0
        self._waiting: OrderedDict[Key, None] = OrderedDict()  # the newest last
        self._drawing: Key | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thumbnails")
        self._delivery = Delivery()
        self._delivery.rendered.connect(self._store)
        #: Slides drawn so far (for tests and diagnostics).
        self.drawn = 0

    def reset(self, slides: Sequence[Any], context: RenderContext, shape: QSize) -> None:
        """New slides, language, theme or window shape: forget every picture."""
        self._slides, self._context = slides, context
        self._shape = QSize(max(1, shape.width()), max(1, shape.height()))
        self._generation += 1
        self._cache.clear()
        self._bytes = 0
        self._waiting.clear()

    def get(self, index: int, size: QSize) -> QImage | None:
        """The picture of slide ``index`` within ``size``, or None (it is being drawn)."""
        if not 0 <= index < len(self._slides) or size.isEmpty():
            return None
        key = (index, size.width(), size.height(), self._generation)
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
            return image
        if key != self._drawing:
            self._waiting[key] = None
            self._waiting.move_to_end(key)
            while len(self._waiting) > self.max_pending:
                self._waiting.popitem(last=False)
            self._next()
        return None

    @property
    def aspect(self) -> float:
        """Width over height of the slides' shape (the window's)."""
        return self._shape.width() / self._shape.height()

    def fitted(self, box: QSizeF) -> QSizeF:
        """The largest size of the slides' shape within ``box``."""
        width = min(box.width(), box.height() * self.aspect)
        return QSizeF(max(1.0, width), max(1.0, width / self.aspect))

    def has(self, index: int) -> bool:
        """Whether a picture of slide ``index`` is ready (at any size)."""
        return any(key[0] == index for key in self._cache)

    @property
    def idle(self) -> bool:
        return self._drawing is None and not self._waiting

    @property
    def pending(self) -> int:
        return len(self._waiting) + (self._drawing is not None)

    @property
    def cached_bytes(self) -> int:
        return self._bytes

    def shutdown(self) -> None:
        self._waiting.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _next(self) -> None:
        if self._drawing is not None or not self._waiting or self._context is None:
            return
        key, _ = self._waiting.popitem(last=True)
        self._drawing = key
        slide = self._slides[key[0]]
        shape = QSize(
            LAYOUT_WIDTH, max(1, round(LAYOUT_WIDTH * self._shape.height() / self._shape.width()))
        )
        context = dataclasses.replace(
            self._context, blocking=True, display=self._layout_display(shape)
        )
        self._pool.submit(self._draw, key, slide, context, shape)

    def _layout_display(self, shape: QSize) -> Display:
        """The window's display seen at the layout's width: a pixel of the layout covers
        as many millimetres as the window's pixels it stands for, so that the picture
        shows the slide as the window lays it out."""
        assert self._context is not None
        display = self._context.display
        if display.mm_per_px is None:
            return display
        scale = self._shape.width() / shape.width()
        return Display(display.mm_per_px * scale, display.viewing_distance_m)

    def _draw(self, key: Key, slide: Any, context: RenderContext, shape: QSize) -> None:
        """On the worker thread."""
        try:
            # Painted at least as large as asked for: scaled down, never up.
            ratio = max(1.0, key[1] / shape.width(), key[2] / shape.height())
            image = renderer_for(slide, context, shape).render_image(ratio)
            image.setDevicePixelRatio(1.0)
            image = image.scaled(
                QSize(key[1], key[2]),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        except Exception:
            log.exception("no thumbnail of slide %d", key[0] + 1)
            image = QImage()
        self._delivery.rendered.emit(key, image)

    def _store(self, key: Key, image: QImage) -> None:
        if key == self._drawing:
            self._drawing = None
        self.drawn += 1
        if key[3] == self._generation and not image.isNull():
            self._cache[key] = image
            self._bytes += image.sizeInBytes()
            while self._bytes > self.max_bytes and len(self._cache) > 1:
                _old, evicted = self._cache.popitem(last=False)
                self._bytes -= evicted.sizeInBytes()
            self.ready.emit(key[0])
        self._next()
