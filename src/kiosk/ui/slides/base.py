"""What every slide renderer shares: the registry, text placement, pictures, sources.

A renderer lays a slide out once for a language and a screen size, then paints it as
often as needed: into the live window, into a transition's pixmap, or into a PNG.

Renderers lay out left to right. For a right-to-left language the finished layout is
mirrored here, in one place: every box and point moves to the other side of the screen
(x' = width - x - w), while text runs right to left within its box (ui.text) and
pictures are drawn as they are, never flipped.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.text.languages import direction
from kiosk.ui.images import Fit, ImageStore
from kiosk.ui.metrics import Metrics
from kiosk.ui.text import Style, TextBlock
from kiosk.ui.theme import Theme

Align = Qt.AlignmentFlag
#: How far larger text steps back at a time when it does not fit a slide.
TEXT_SCALE_STEP_BACK = 0.05


@dataclass(frozen=True)
class RenderContext:
    """What a slide is rendered with, beyond the slide itself."""

    language: str
    theme: Theme
    images: ImageStore
    #: Decode pictures now rather than in the background (offscreen rendering).
    blocking: bool = False
    #: The visitor's larger-text step (``Metrics.text_scale``).
    text_scale: float = 1.0


class SlideRenderer(ABC):
    """Lays out and paints one slide type. Subclasses set ``slide_type``."""

    slide_type: ClassVar[str]
    registry: ClassVar[dict[str, type[SlideRenderer]]] = {}
    #: The renderer's own geometry beside its text blocks: names of attributes holding
    #: boxes (QRectF), points (QPointF), x positions (float), or tuples or lists of them,
    #: mirrored with the text in a right-to-left language.
    mirrored: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.registry[cls.slide_type] = cls

    def __init__(self, slide: Any, context: RenderContext, size: QSize) -> None:
        self.slide = slide
        self.context = context
        self.size = size
        self.palette = context.theme.palette
        #: The slide's language is written right to left: its layout is mirrored.
        self.rtl = direction(context.language) == "rtl"
        # Larger text (a visitor's toggle) that does not fit steps back toward the normal
        # size until it does: the slide shrinks within its bounds, never clips.
        scale = context.text_scale
        while True:
            self.metrics = Metrics(size.width(), size.height(), text_scale=scale)
            #: Why the slide does not fit, one entry per text that could not be made to fit.
            self.overflow: list[str] = []
            #: Every text block with the rectangle it is painted in, in painting order.
            self.placed: list[tuple[str, TextBlock, QRectF]] = []
            self.content = self._content_area()
            self.layout()
            if not self.overflow:  # else what was pushed out follows from what is named
                self.overflow += self._outside_bounds()
            if not self.overflow or scale <= 1.0:
                break
            scale = max(1.0, round(scale - TEXT_SCALE_STEP_BACK, 4))
        if self.rtl:
            self._mirror()

    # --- for subclasses --------------------------------------------------------------

    @abstractmethod
    def layout(self) -> None:
        """Place text blocks (``place``) and remember picture boxes, within ``content``."""

    @abstractmethod
    def paint_content(self, painter: QPainter) -> None:
        """Paint what is not text (pictures, rules, marks); text is painted after it."""

    def text(self, key: str, slide: Any = None) -> str | None:
        value = getattr(slide if slide is not None else self.slide, key, None)
        if value is None:
            return None
        if isinstance(value, str):
            return value
        return value[self.context.language]

    def style(self, role: str, pixels: float, colour: str | None = None, **options: Any) -> Style:
        theme = self.context.theme
        family = theme.heading if role == "heading" else theme.body
        options.setdefault("language", self.context.language)
        options.setdefault(
            "chain", theme.chain.for_role("heading" if role == "heading" else "body")
        )
        return Style(family, pixels, colour or self.palette.text, **options)

    def fitted(
        self,
        name: str,
        text: str,
        style: Style,
        width: float,
        height: float,
        minimum: float,
        *,
        markdown: bool = False,
    ) -> TextBlock:
        """A block of ``text`` as large as its style allows, but within width x height."""
        block = TextBlock(text, style, width, markdown=markdown)
        if not block.shrink_to(height, minimum) or not block.fits_width:
            self.overflow.append(name)
        return block

    def place(self, name: str, block: TextBlock, left: float, top: float) -> QRectF:
        rect = QRectF(left, top, block.width, block.height)
        self.placed.append((name, block, rect))
        return rect

    def centre_vertically(self, names: set[str], area: QRectF) -> float:
        """Move the blocks named ``names`` so that together they sit a little above the
        middle of ``area`` (where the eye expects the centre); returns how far they moved."""
        rects = [rect for name, _block, rect in self.placed if name in names]
        if not rects:
            return 0.0
        top = min(rect.top() for rect in rects)
        bottom = max(rect.bottom() for rect in rects)
        shift = max(0.0, (area.bottom() - bottom) - (top - area.top())) * 0.42
        for name, _block, rect in self.placed:
            if name in names:
                rect.translate(0, shift)
        return shift

    def placed_rect(self, name: str) -> QRectF | None:
        return next((rect for placed, _block, rect in self.placed if placed == name), None)

    def picture(self, name: str, box: QRectF, fit: Fit = Fit.CONTAIN) -> QImage | None:
        size = QSize(max(1, round(box.width())), max(1, round(box.height())))
        images = self.context.images
        if self.context.blocking:
            image = images.picture_now(name, size, fit)
        else:
            image = images.picture(name, size, fit)
        return image if image is not None and not image.isNull() else None

    def draw_picture(
        self,
        painter: QPainter,
        name: str,
        box: QRectF,
        fit: Fit = Fit.CONTAIN,
        align: Qt.AlignmentFlag = Align.AlignCenter,
    ) -> QRectF | None:
        """Draw a picture in ``box``; returns where it went (None until it is decoded)."""
        image = self.picture(name, box, fit)
        if image is None:
            return None
        x = box.left() + (box.width() - image.width()) / 2
        if align & Align.AlignLeft:
            x = box.left()
        elif align & Align.AlignRight:
            x = box.right() - image.width()
        y = box.top() + (box.height() - image.height()) / 2
        if align & Align.AlignTop:
            y = box.top()
        elif align & Align.AlignBottom:
            y = box.bottom() - image.height()
        painter.drawImage(QPointF(round(x), round(y)), image)
        return QRectF(x, y, image.width(), image.height())

    def rule(self, painter: QPainter, centre_x: float, y: float, width: float) -> None:
        """A short accent line, the kiosk's one ornament."""
        painter.fillRect(
            QRectF(centre_x - width / 2, y, width, max(2.0, self.metrics.unit * 0.35)),
            QColor(self.palette.accent),
        )

    def _outside_bounds(self) -> list[str]:
        """Texts that run out of the safe area or into the source line: they would be
        clipped, or collide, on screen."""
        safe = self.metrics.safe.adjusted(-1, -1, 1, 1)
        source = self.placed_rect("source")
        found = []
        for name, _block, rect in self.placed:
            if name == "source":
                continue
            inside = rect.adjusted(0.5, 0.5, -0.5, -0.5)
            if not safe.contains(rect) or (source is not None and inside.intersects(source)):
                found.append(f"{name} (outside its area)")
        return found

    # --- painting --------------------------------------------------------------------

    def paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(
            QRectF(0, 0, self.size.width(), self.size.height()), QColor(self.palette.background)
        )
        self.paint_content(painter)
        for _name, block, rect in self.placed:
            block.draw(painter, rect.topLeft())

    def render_image(self) -> QImage:
        image = QImage(self.size, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        self.paint(painter)
        painter.end()
        return image

    def _mirror(self) -> None:
        width = float(self.size.width())
        for _name, _block, rect in self.placed:
            rect.moveLeft(width - rect.right())
        self.content = _mirrored(self.content, width)
        for name in self.mirrored:
            setattr(self, name, _mirrored(getattr(self, name), width))

    # --- the source line -------------------------------------------------------------

    def _content_area(self) -> QRectF:
        """The safe area, less the source line at its foot when the slide names one."""
        safe = self.metrics.safe
        source = self.text("source")
        if not source:
            return safe
        m = self.metrics
        style = self.style("body", m.small, self.palette.muted, italic=True)
        block = self.fitted("source", source, style, safe.width(), m.small * 1.3 * 4, m.small)
        top = safe.bottom() - block.height
        self.place("source", block, safe.left(), top)
        return QRectF(safe.left(), safe.top(), safe.width(), top - safe.top() - m.gap)


def _mirrored(value: Any, width: float) -> Any:
    """``value`` (a box, a point, an x, None, or a tuple or list of them) seen in a mirror."""
    if value is None:
        return None
    if isinstance(value, QRectF):
        return QRectF(width - value.right(), value.top(), value.width(), value.height())
    if isinstance(value, QPointF):
        return QPointF(width - value.x(), value.y())
    if isinstance(value, float | int) and not isinstance(value, bool):
        return width - value
    if isinstance(value, tuple | list):
        return type(value)(_mirrored(item, width) for item in value)
    raise TypeError(f"cannot mirror {type(value).__name__}")


def renderer_for(slide: Any, context: RenderContext, size: QSize) -> SlideRenderer:
    """The renderer of ``slide``'s type, laid out for ``size``."""
    return SlideRenderer.registry[slide.type](slide, context, size)
