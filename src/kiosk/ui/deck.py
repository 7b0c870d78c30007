"""The deck: the current slide, swipes that follow the finger, and transitions.

Slides are painted from cached pixmaps of the current slide and its neighbours, which
are rendered on a worker thread as soon as a slide settles, so a swipe or a transition
only ever moves finished pictures. A swipe comes from touch events or a mouse drag
through the same three methods (press, move, release).

In a right-to-left language the exhibition runs the other way across the screen: the
next slide lies to the left, comes in from the left, and a rightward drag brings it
(``kiosk.presentation.next_side``).

A film plays on its slide (issue 14): the deck paints the ground, the newest frame in
the slide's picture box and, over it, the slide's layer of band and words
(:meth:`VideoRenderer.render_layer`). Until the first frame it shows the poster, and
the last frame stays after the end and while the slide leaves: no black frame between.
The caption of what is heard is painted last, on its scrim (kiosk.ui.captions).

Pictures are rendered at the deck's device pixel ratio (a 1920x1080 deck on a 200% screen
gets 3840x2160 pictures marked 2.0), laid out at its logical size: text is as sharp as
the screen allows. A new ratio (the window moved to another screen) renders them again.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QPoint,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QImage,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QWidget

from kiosk.bundle.model import VideoSlide
from kiosk.presentation import Move, next_side
from kiosk.ui.captions import CueLayout, lay_out_cue, paint_cue
from kiosk.ui.gesture import Release, SwipeTracker
from kiosk.ui.images import CENTRED, Crop, crop_origin
from kiosk.ui.metrics import Display
from kiosk.ui.slides import RenderContext, renderer_for
from kiosk.ui.thumbnails import Delivery, Thumbnails

log = logging.getLogger(__name__)

SLIDE_MS = 380
FADE_MS = 600  # out to the ground, then in: 300 ms each
#: Reduced motion: every change of slide, a visitor's or the attract loop's, is this
#: short fade through the ground; nothing slides, not even under a dragging finger.
REDUCED_FADE_MS = 300
SPRING_MS = 260
CACHED_PIXMAPS = 3  # the current slide and its two neighbours

#: index, language, width, height, device pixel ratio, generation
Key = tuple[int, str, int, int, float, int]


@dataclasses.dataclass(frozen=True)
class FilmParts:
    """A film slide's parts for painting it playing, at one size: the film's box, the
    layer of words over it, where that layer paints and where its words are."""

    key: Key
    box: QRectF
    layer: QPixmap
    layer_rect: QRectF
    words: QRectF
    #: How a frame that covers the box is cropped (its focal point, as on the poster).
    crop: Crop = CENTRED


class Deck(QWidget):
    #: The visitor swiped: +1 for the next slide, -1 for the previous one.
    swiped = Signal(int)
    #: A short, still touch or click.
    tapped = Signal()

    def __init__(self, slides: list[Any], context: RenderContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._slides = slides
        self._context = context
        log.info("%s", context.display)
        self._index = 0
        self._generation = 0
        self._cache: OrderedDict[Key, QPixmap] = OrderedDict()
        self._queued: set[Key] = set()
        #: Small pictures of the slides, for the chapters overlay.
        self.thumbnails = Thumbnails(self)
        self.thumbnails.reset(slides, context, self.size())
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slides")
        self._delivery = Delivery()
        self._delivery.rendered.connect(self._store)
        self._tracker = SwipeTracker(1, 1)
        self._touch_id: int | None = None
        self._offset = 0.0  # horizontal offset of the current slide while it moves
        self._neighbour: int | None = None  # the slide beside it while it moves
        self._fade_from: QPixmap | None = None
        self._fade = 1.0
        self._animation = QVariantAnimation(self)
        self._animation.setEasingCurve(QEasingCurve.Type.OutCubic)
        self._animation.valueChanged.connect(self._animate)
        self._animation.finished.connect(self._settle)
        self._settle_to: int | None = None
        #: The visitor (or the installation) asked for reduced motion.
        self.reduced_motion = False
        # The film playing on a slide: its newest frame, and that slide's picture box
        # and layer of words over the film, for the deck's size.
        self._film_index = -1
        self._film_frame: QImage | None = None
        self._film_parts: FilmParts | None = None
        #: Frames painted, for measurements (each new frame is painted once).
        self.film_frames_painted = 0
        self._cue = ""
        #: Burn-in care: where the slides stand, a few pixels from the corner.
        self._drift = QPoint(0, 0)
        #: Night dimming: the opacity of black over the slides, 0 for none.
        self._dim = 0.0
        self._cue_layout: tuple[tuple[object, ...], CueLayout] | None = None
        #: Where the captions of a still slide stand: above the window's controls.
        self.caption_bottom: float | None = None

    # --- what to show ----------------------------------------------------------------

    @property
    def index(self) -> int:
        return self._index

    @property
    def language(self) -> str:
        return self._context.language

    @property
    def text_scale(self) -> float:
        return self._context.text_scale

    @property
    def next_side(self) -> int:
        """+1 when the next slide lies to the right, -1 when to the left."""
        return next_side(self._context.language)

    @property
    def idle(self) -> bool:
        """The current slide is drawn and nothing is being prepared in the background."""
        ready = not self._slides or self.width() <= 0 or self._key(self._index) in self._cache
        return ready and not self._queued

    @property
    def moving(self) -> bool:
        return self._animation.state() == QVariantAnimation.State.Running or self._tracker.dragging

    def set_content(self, slides: list[Any], context: RenderContext, index: int = 0) -> None:
        """New slides, language or theme: everything is rendered again."""
        self._animation.stop()
        self._slides, self._context = slides, context
        self._generation += 1
        self._cache.clear()
        self.thumbnails.reset(slides, context, self.size())
        self._index, self._offset, self._neighbour, self._fade_from = index, 0.0, None, None
        self._film_parts = None
        self._cue_layout = None
        if self._film_index != index:
            self.set_film_frame(self._film_index, None)
        self.update()
        self._prefetch()

    def set_film_frame(self, index: int, frame: QImage | None) -> None:
        """The newest frame of the film on slide ``index``; None: show its poster again."""
        if frame is None:
            if index == self._film_index:
                self._film_index, self._film_frame = -1, None
                self.update()
            return
        self._film_index, self._film_frame = index, frame
        if index == self._index and not self.moving and self._fade_from is None:
            box = self._film_box(index)
            # Only the film's box, unless a caption or the layer's band lies over it.
            self.update(box.toAlignedRect() if not self._cue else self.rect())
        else:
            self.update()

    def set_cue(self, text: str) -> None:
        """The caption to show now ("" for none)."""
        if text != self._cue:
            self._cue = text
            self.update()

    @property
    def cue(self) -> str:
        return self._cue

    def show_slide(self, index: int, move: Move | None) -> None:
        """Go to ``index``, sliding for a visitor's move or fading in the attract loop."""
        if not 0 <= index < len(self._slides):
            return
        if move is not None and self.reduced_motion:
            move = Move.FADE
        if move is Move.FADE or move is None or self.width() == 0:
            self._animation.stop()
            self._offset, self._neighbour = 0.0, None
            self._fade_from = self._snapshot(self._index) if move is Move.FADE else None
            self._index = index
            if self._fade_from is not None:
                self._fade = 0.0
                self._run(0.0, 1.0, REDUCED_FADE_MS if self.reduced_motion else FADE_MS)
            self.update()
            self._prefetch()
            return
        # Where the current slide goes: away from the side the coming one lies on.
        direction = -self.next_side if move is Move.FORWARD else self.next_side
        if self._neighbour != index or self._offset * direction < 0:
            self._animation.stop()
            self._offset = 0.0
        self._neighbour = index
        self._settle_to = index
        self._fade_from = None
        remaining = abs(direction * self.width() - self._offset) / max(1, self.width())
        self._run(self._offset, float(direction * self.width()), max(120, SLIDE_MS * remaining))

    def set_display(self, display: Display) -> None:
        """The screen's physical size or the viewing distance changed: lay out again."""
        if display != self._context.display:
            log.info("%s", display)
            index = self._settle_to if self._settle_to is not None else self._index
            self.set_content(
                self._slides, dataclasses.replace(self._context, display=display), index
            )

    def set_drift(self, x: int, y: int) -> None:
        """Move the slides to (x, y) for burn-in care; a repaint only when they move."""
        if (x, y) != (self._drift.x(), self._drift.y()):
            self._drift = QPoint(x, y)
            self.update()

    def set_dim(self, opacity: float) -> None:
        """Darken the slides by ``opacity`` (0 to 1); a repaint only when it changes."""
        if opacity != self._dim:
            self._dim = opacity
            self.update()

    @property
    def dim(self) -> float:
        return self._dim

    @property
    def drift(self) -> tuple[int, int]:
        return (self._drift.x(), self._drift.y())

    def stop_moving(self) -> None:
        """End a running transition at once, where it was going (the kiosk closes)."""
        if self._animation.state() == QVariantAnimation.State.Running:
            self._animation.stop()
            self._settle()

    def shutdown(self) -> None:
        self._animation.stop()
        self.thumbnails.shutdown()
        self._pool.shutdown(wait=True, cancel_futures=True)

    # --- input: touch and mouse through one path -------------------------------------

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            self._touch(event)  # type: ignore[arg-type]
            event.accept()  # or Qt would make up mouse events from the same finger
            return True
        if kind == QEvent.Type.DevicePixelRatioChange:
            self._generation += 1  # another screen: every picture again, at its ratio
            self._cache.clear()
            self.update()
            self._prefetch()
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        points = event.points()
        if event.type() == QEvent.Type.TouchCancel:
            self._touch_id = None
            self._cancel()
            return
        for point in points:
            if point.state() == point.State.Stationary:
                continue  # a resting finger tells nothing new
            position = point.position()
            seconds = event.timestamp() / 1000
            if self._touch_id is None and event.type() == QEvent.Type.TouchBegin:
                self._touch_id = point.id()  # the first finger leads; the others are ignored
                self._press(position, seconds)
            elif point.id() == self._touch_id:
                if point.state() == point.State.Released:
                    self._touch_id = None
                    self._release(position, seconds)
                else:
                    self._move(position, seconds)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._from_mouse(event) and event.button() == Qt.MouseButton.LeftButton:
            self._press(event.position(), event.timestamp() / 1000)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._from_mouse(event) and self._tracker.active:
            self._move(event.position(), event.timestamp() / 1000)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._from_mouse(event) and event.button() == Qt.MouseButton.LeftButton:
            self._release(event.position(), event.timestamp() / 1000)

    @staticmethod
    def _from_mouse(event: QMouseEvent) -> bool:
        """Mouse events Qt made up from a touch are ignored: the touch was handled."""
        return event.device().type() != QInputDevice.DeviceType.TouchScreen

    def _press(self, position: QPointF, seconds: float) -> None:
        self._tracker = SwipeTracker(self.width(), self.height(), self.next_side)
        self._tracker.press(position.x(), position.y(), seconds)

    def _move(self, position: QPointF, seconds: float) -> None:
        offset = self._tracker.move(position.x(), position.y(), seconds)
        if not self._tracker.dragging or self.reduced_motion:
            return  # with reduced motion the slide stays put; the swipe still counts
        self._animation.stop()
        self._fade_from = None
        self._offset = offset
        onward = offset * self.next_side < 0  # the finger pulls the next slide in
        self._neighbour = (self._index + (1 if onward else -1)) % len(self._slides)
        self.update()

    def _release(self, position: QPointF, seconds: float) -> None:
        result = self._tracker.release(position.x(), position.y(), seconds)
        if result is Release.TAP:
            self.tapped.emit()
        elif result is Release.NEXT:
            self.swiped.emit(+1)
        elif result is Release.PREVIOUS:
            self.swiped.emit(-1)
        else:
            self._cancel()

    def _cancel(self) -> None:
        """Spring back to the current slide."""
        self._tracker.cancel()
        if self._offset:
            self._settle_to = None
            self._run(self._offset, 0.0, SPRING_MS)

    # --- animation -------------------------------------------------------------------

    def _run(self, start: float, end: float, milliseconds: float) -> None:
        self._animation.stop()
        self._animation.setStartValue(start)
        self._animation.setEndValue(end)
        self._animation.setDuration(round(milliseconds))
        self._animation.start()

    def _animate(self, value: float) -> None:
        if self._fade_from is not None:
            self._fade = float(value)
        else:
            self._offset = float(value)
        self.update()

    def _settle(self) -> None:
        if self._fade_from is not None:
            self._fade_from = None
        elif self._settle_to is not None:
            self._index, self._settle_to = self._settle_to, None
        if self._film_index != self._index:
            self.set_film_frame(self._film_index, None)  # the film's slide has gone
        self._offset, self._neighbour, self._fade = 0.0, None, 1.0
        self.update()
        self._prefetch()

    # --- painting --------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        if not self._slides:
            painter.fillRect(self.rect(), QColor(self._context.theme.palette.background))
            return
        if not self._drift.isNull():
            # The strip the drift uncovers gets the ground; the rest moves with the slide.
            painter.fillRect(self.rect(), QColor(self._context.theme.palette.background))
            painter.translate(self._drift)
        current = self._current_pixmap()
        if self._fade_from is None and not self._covered_by(current):
            # Only where the slides leave a gap: at 4K a needless fill costs milliseconds
            # of every frame of a transition.
            painter.fillRect(self.rect(), QColor(self._context.theme.palette.background))
        if self._fade_from is not None:
            # Through the ground, never two slides at once: superimposed, two quotations
            # read as one muddle. The old slide fades out, then the new one fades in.
            painter.fillRect(self.rect(), QColor(self._context.theme.palette.background))
            leaving = self._fade < 0.5
            painter.setOpacity(1 - 2 * self._fade if leaving else 2 * self._fade - 1)
            if leaving:
                painter.drawPixmap(0, 0, self._fade_from)
            else:
                self._draw_slide(painter, self._index, 0)
        else:
            self._draw_slide(painter, self._index, round(self._offset))
            if self._neighbour is not None and self._offset:
                side = self.width() if self._offset < 0 else -self.width()
                self._draw_slide(painter, self._neighbour, round(self._offset + side))
        if self._cue:
            painter.setOpacity(1.0)
            paint_cue(painter, self._cue_layout_now())
        if self._dim:
            painter.resetTransform()
            painter.setOpacity(self._dim)
            painter.fillRect(self.rect(), QColor("black"))
        painter.end()

    def _draw_slide(self, painter: QPainter, index: int, x: int) -> None:
        """Slide ``index`` with its left edge at ``x``: its picture, or its film playing."""
        if index != self._film_index or self._film_frame is None:
            painter.drawPixmap(x, 0, self._pixmap(index))
            return
        parts = self._film_layer(index)
        box, layer, words = parts.box, parts.layer, parts.layer_rect
        frame = self._film_frame
        target, source = fitted(
            frame.width(), frame.height(), box, self._slides[index].fit, parts.crop
        )
        if not target.contains(QRectF(self.rect())):  # a film that fills it needs no ground
            painter.fillRect(
                QRectF(x, 0, self.width(), self.height()),
                QColor(self._context.theme.palette.background),
            )
        painter.drawImage(target.translated(x, 0), frame, source)
        if not words.isEmpty():
            ratio = layer.devicePixelRatio()
            pixels = QRectF(words.topLeft() * ratio, words.size() * ratio)
            painter.drawPixmap(words.translated(x, 0), layer, pixels)
        self.film_frames_painted += 1

    def _snapshot(self, index: int) -> QPixmap:
        """Slide ``index`` as it stands now (its film's frame too), for a fade out of it."""
        if index != self._film_index or self._film_frame is None:
            return self._pixmap(index)
        pixmap = QPixmap(self.size() * self.devicePixelRatioF())
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        painter = QPainter(pixmap)
        self._draw_slide(painter, index, 0)
        painter.end()
        return pixmap

    def _film_box(self, index: int) -> QRectF:
        return self._film_layer(index).box

    def _film_layer(self, index: int) -> FilmParts:
        """The film's box and the words over it on slide ``index``, made once a size."""
        key = self._key(index)
        if self._film_parts is None or self._film_parts.key != key:
            context = dataclasses.replace(self._context, blocking=True)
            renderer = renderer_for(self._slides[index], context, self.size())
            self._film_parts = FilmParts(
                key,
                renderer.picture_box(),
                QPixmap.fromImage(renderer.render_layer(self.devicePixelRatioF())),
                renderer.layer_rect(),
                renderer.words_rect(),
                renderer.crop,
            )
        return self._film_parts

    def _cue_layout_now(self) -> CueLayout:
        slide = self._slides[self._index] if self._slides else None
        bottom = self.caption_bottom if self.caption_bottom is not None else self.height()
        if isinstance(slide, VideoSlide):
            # On the film's lower edge, and above the slide's own words over a film
            # that fills the screen.
            parts = self._film_layer(self._index)
            bottom = min(bottom, parts.box.bottom())
            if not parts.words.isEmpty() and parts.box.intersects(parts.words):
                bottom = min(bottom, parts.words.top())
        key = (self._cue, self._key(self._index), round(bottom))
        if self._cue_layout is None or self._cue_layout[0] != key:
            gap = self._context.display.metrics(self.width(), self.height()).gap
            self._cue_layout = (
                key,
                lay_out_cue(self._cue, self._context, self.size(), bottom - gap * 0.5),
            )
        return self._cue_layout[1]

    def _covered_by(self, current: QPixmap) -> bool:
        """Whether this frame's slide pictures cover the whole deck."""
        size = self.size()
        if current.deviceIndependentSize().toSize() != size:
            return False
        return not self._offset or self._neighbour is not None

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self._generation += 1
        self._cache.clear()
        self.thumbnails.reset(self._slides, self._context, event.size())
        super().resizeEvent(event)
        self._prefetch()

    # --- the pixmap cache ------------------------------------------------------------

    def _key(self, index: int) -> Key:
        size = self.size()
        ratio = self.devicePixelRatioF()
        return (index, self._context.language, size.width(), size.height(), ratio, self._generation)

    def _current_pixmap(self) -> QPixmap:
        return self._pixmap(self._index)

    def _pixmap(self, index: int) -> QPixmap:
        key = self._key(index)
        pixmap = self._cache.get(key)
        if pixmap is None:  # not prepared yet: render it now rather than show nothing
            pixmap = QPixmap.fromImage(self._render(key))
            self._remember(key, pixmap)
            if index == self._index:
                self._prefetch()  # it waited for this one
        else:
            self._cache.move_to_end(key)
        return pixmap

    def _render(self, key: Key) -> QImage:
        index, language, width, height, ratio, _generation = key
        context = dataclasses.replace(self._context, language=language, blocking=True)
        renderer = renderer_for(self._slides[index], context, QSize(width, height))
        return renderer.render_image(ratio)

    def _prefetch(self) -> None:
        """Render the neighbours of the current slide on the worker thread.

        Only once the current slide is ready (rendering it asks again) and no transition is
        running (settling asks again): the worker would compete with the painting for the
        interpreter and the processor, and frames would come late.
        """
        if not self._slides or self.width() <= 0 or self._key(self._index) not in self._cache:
            return
        if self._animation.state() == QVariantAnimation.State.Running:
            return
        for index in ((self._index + 1) % len(self._slides), (self._index - 1) % len(self._slides)):
            key = self._key(index)
            if key not in self._cache and key not in self._queued:
                self._queued.add(key)
                self._pool.submit(self._render_for_cache, key)

    def _render_for_cache(self, key: Key) -> None:
        try:
            image = self._render(key)
        except Exception:
            log.exception("slide %d could not be rendered", key[0])
            image = QImage()
        self._delivery.rendered.emit(key, image)

    def _store(self, key: Key, image: QImage) -> None:
        self._queued.discard(key)
        if key[5] == self._generation and not image.isNull():
            self._remember(key, QPixmap.fromImage(image))

    def _remember(self, key: Key, pixmap: QPixmap) -> None:
        self._cache[key] = pixmap
        self._cache.move_to_end(key)
        while len(self._cache) > CACHED_PIXMAPS:
            self._cache.popitem(last=False)


def fitted(
    width: int,
    height: int,
    box: QRectF,
    fit: str,
    crop: Crop = CENTRED,
) -> tuple[QRectF, QRectF]:
    """Where a ``width`` x ``height`` frame goes in ``box`` and which part of it shows:
    whole and centred ("contain"), or filling the box, its focal point brought to a
    point of the box (``crop``: both as fractions), as a picture is ("cover")."""
    if width <= 0 or height <= 0 or box.isEmpty():
        return QRectF(box), QRectF(0, 0, max(width, 1), max(height, 1))
    if fit == "cover":
        scale = max(box.width() / width, box.height() / height)
        shown_w, shown_h = box.width() / scale, box.height() / scale
        (focal_x, focal_y), (anchor_x, anchor_y) = crop
        source = QRectF(
            crop_origin(width, shown_w, focal_x, anchor_x),
            crop_origin(height, shown_h, focal_y, anchor_y),
            shown_w,
            shown_h,
        )
        return QRectF(box), source
    scale = min(box.width() / width, box.height() / height)
    shown_w, shown_h = width * scale, height * scale
    target = QRectF(
        box.left() + (box.width() - shown_w) / 2,
        box.top() + (box.height() - shown_h) / 2,
        shown_w,
        shown_h,
    )
    return target, QRectF(0, 0, width, height)
