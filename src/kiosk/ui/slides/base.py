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
from dataclasses import dataclass, field
from typing import Any, ClassVar

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGradient, QImage, QPainter

from kiosk.bundle.overflow import Excess
from kiosk.text.languages import direction
from kiosk.text.measure import TARGET_CHARACTERS
from kiosk.ui.images import CENTRED, Crop, Fit, ImageStore
from kiosk.ui.metrics import MIN_BODY_FRACTION, Display, Metrics
from kiosk.ui.overflow import pushed_out, too_large
from kiosk.ui.slides.grid import Grid
from kiosk.ui.text import Style, TextBlock, measure_width
from kiosk.ui.theme import Theme

Align = Qt.AlignmentFlag
#: Shares of the viewing distance tried, in turn, when a slide does not hold its text at
#: the body-text floor of the screen's physical size: lower floors, then none at all.
FLOOR_STEPS = (0.85, 0.7, 0.0)
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
    #: The screen's physical size and viewing distance, for the type and control floors.
    display: Display = field(default_factory=Display)
    #: The visitor's larger-text step (``Metrics.text_scale``).
    text_scale: float = 1.0


@dataclass(frozen=True)
class Underlay:
    """Something a renderer paints under its text besides the ground, as it painted it:
    a picture (``picture`` names it, drawn to ``fit`` its box) or a backdrop (a scrim or
    panel filled with ``brush``). The layout lint reads these rather than the pixels."""

    box: QRectF
    picture: str | None = None
    fit: Fit = Fit.CONTAIN
    brush: QColor | QGradient | None = None


class SlideRenderer(ABC):
    """Lays out and paints one slide type. Subclasses set ``slide_type``."""

    slide_type: ClassVar[str]
    registry: ClassVar[dict[str, type[SlideRenderer]]] = {}
    #: The renderer's own geometry beside its text blocks: names of attributes holding
    #: boxes (QRectF), points (QPointF), x positions (float), or tuples or lists of them,
    #: mirrored with the text in a right-to-left language.
    mirrored: ClassVar[tuple[str, ...]] = ()
    #: Whether the slide shows the name of its chapter at its top (a title opens a
    #: chapter itself; a full-screen picture is left whole).
    running_head: ClassVar[bool] = True

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
        #: The share of the viewing distance the text floor was met for (1.0: all of it).
        self.floor_share = 1.0
        display = context.display
        # Larger text (a visitor's toggle) that does not fit steps back toward the normal
        # size until it does: the slide shrinks within its bounds, never clips.
        scale = context.text_scale
        while True:
            self._lay_out(
                Metrics(
                    size.width(),
                    size.height(),
                    display.mm_per_px,
                    display.viewing_distance_m,
                    text_scale=scale,
                )
            )
            if not self.overflow or scale <= 1.0:
                break
            scale = max(1.0, round(scale - TEXT_SCALE_STEP_BACK, 4))
        self._relax_floor()
        if self.rtl:
            self._mirror()

    def _relax_floor(self) -> None:
        """A slide that does not hold its text at the floor of the screen's physical size
        (a small panel read from far) is laid out again with lower floors, down to none
        (sized by its pixels alone, as on a screen of unknown size): never clipped."""
        display, size = self.context.display, self.size
        for share in FLOOR_STEPS:
            proportional = MIN_BODY_FRACTION * min(size.width(), size.height())
            if not self.overflow or self.metrics.min_body <= proportional:
                return
            self.floor_share = share
            self._lay_out(
                Metrics(
                    size.width(),
                    size.height(),
                    display.mm_per_px,
                    display.viewing_distance_m * share,
                )
            )

    def _lay_out(self, metrics: Metrics) -> None:
        """Lay the slide out afresh with ``metrics``."""
        self.metrics = metrics
        self.grid = Grid(metrics, self._measure())
        #: Why the slide does not fit, one entry per text that could not be made to fit.
        self.overflow: list[str] = []
        #: By how much each text named in ``overflow`` does not fit (by its entry there).
        self.excess: dict[str, Excess] = {}
        #: Every text block with the rectangle it is painted in, in painting order.
        self.placed: list[tuple[str, TextBlock, QRectF]] = []
        self.content = self._content_area()
        self.layout()
        if not self.overflow:  # else what was pushed out follows from what is named
            self.overflow += self._outside_bounds()

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
        options.setdefault("hyphenate", role != "heading")  # never in headings
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
            self.excess[name] = too_large(block, height)
        return block

    def picture_captions(
        self, width: float, height: float, **options: Any
    ) -> list[tuple[str, TextBlock]]:
        """The slide's caption and credit for a picture (those it has), small and muted,
        the credit in italics, each fitted within ``width`` x ``height``; ``options``
        for their style (alignment, measure)."""
        m = self.metrics
        muted = self.palette.muted
        return [
            (
                key,
                self.fitted(
                    key,
                    text,
                    self.style("body", m.small, muted, italic=key == "credit", **options),
                    width,
                    height,
                    m.min_body,
                ),
            )
            for key in ("caption", "credit")
            if (text := self.text(key))
        ]

    def place(self, name: str, block: TextBlock, left: float, top: float) -> QRectF:
        rect = QRectF(left, top, block.width, block.height)
        self.placed.append((name, block, rect))
        return rect

    def placed_rect(self, name: str) -> QRectF | None:
        return next((rect for placed, _block, rect in self.placed if placed == name), None)

    def picture(
        self,
        name: str,
        box: QRectF,
        fit: Fit = Fit.CONTAIN,
        ratio: float = 1.0,
        crop: Crop = CENTRED,
    ) -> QImage | None:
        """The picture for ``box``, decoded at ``ratio`` device pixels a pixel (cropped
        as ``crop`` says if it covers the box)."""
        size = QSize(max(1, round(box.width() * ratio)), max(1, round(box.height() * ratio)))
        images = self.context.images
        if self.context.blocking:
            image = images.picture_now(name, size, fit, crop)
        else:
            image = images.picture(name, size, fit, crop)
        return image if image is not None and not image.isNull() else None

    def draw_picture(
        self,
        painter: QPainter,
        name: str,
        box: QRectF,
        fit: Fit = Fit.CONTAIN,
        align: Qt.AlignmentFlag = Align.AlignCenter,
        crop: Crop = CENTRED,
    ) -> QRectF | None:
        """Draw a picture in ``box``; returns where it went (None until it is decoded).
        "cover" fills the box, its focal point brought to a point of the box (``crop``).

        At the device pixel ratio of what is painted on (a 2.0 screen gets a picture of
        twice the pixels, not one stretched)."""
        self.underlays.append(Underlay(QRectF(box), picture=name, fit=fit))
        if self._surveying:
            return None
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        image = self.picture(name, box, fit, ratio, crop)
        if image is None:
            return None
        width, height = image.width() / ratio, image.height() / ratio
        x = box.left() + (box.width() - width) / 2
        if align & Align.AlignLeft:
            x = box.left()
        elif align & Align.AlignRight:
            x = box.right() - width
        y = box.top() + (box.height() - height) / 2
        if align & Align.AlignTop:
            y = box.top()
        elif align & Align.AlignBottom:
            y = box.bottom() - height
        # On whole device pixels: a picture between two is resampled, and blurs.
        left, top = round(x * ratio) / ratio, round(y * ratio) / ratio
        painter.drawImage(QRectF(left, top, width, height), image)
        return QRectF(x, y, width, height)

    def rule(self, painter: QPainter, centre_x: float, y: float, width: float) -> None:
        """A short accent line, the kiosk's one ornament."""
        painter.fillRect(
            QRectF(centre_x - width / 2, y, width, max(2.0, self.metrics.unit * 0.35)),
            QColor(self.palette.accent),
        )

    def backdrop(self, painter: QPainter, box: QRectF, brush: QColor | QGradient) -> None:
        """Fill ``box`` under text with ``brush``: a scrim over a picture, a panel."""
        self.underlays.append(Underlay(QRectF(box), brush=brush))
        painter.fillRect(box, brush)

    def _outside_bounds(self) -> list[str]:
        """Texts that run out of the safe area or into the source line: they would be
        clipped, or collide, on screen."""
        safe = self.metrics.safe.adjusted(-1, -1, 1, 1)
        source = self.placed_rect("source")
        found = []
        for name, block, rect in self.placed:
            if name == "source":
                continue
            inside = rect.adjusted(0.5, 0.5, -0.5, -0.5)
            if not safe.contains(rect) or (source is not None and inside.intersects(source)):
                found.append(entry := f"{name} (outside its area)")
                self.excess[entry] = pushed_out(block, inside, safe, source)
        return found

    # --- painting --------------------------------------------------------------------

    #: Painting only to see what is painted (``survey``): no picture is decoded.
    _surveying = False

    def survey(self) -> list[Underlay]:
        """What the slide paints under its text, in painting order, found by painting
        it on nothing: no picture is decoded and no text drawn."""
        image = QImage(1, 1, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        self._surveying = True
        try:
            self.paint(painter)
        finally:
            self._surveying = False
            painter.end()
        return list(self.underlays)

    def paint(self, painter: QPainter) -> None:
        #: What this painting put under the text (pictures, backdrops), for the lint.
        self.underlays: list[Underlay] = []
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.paint_ground(painter)
        self.paint_content(painter)
        if self._surveying:
            return
        for _name, block, rect in self.placed:
            block.draw(painter, rect.topLeft())

    def paint_ground(self, painter: QPainter) -> None:
        painter.fillRect(
            QRectF(0, 0, self.size.width(), self.size.height()), QColor(self.palette.background)
        )

    def render_image(self, ratio: float = 1.0) -> QImage:
        """The slide as a picture for a screen of ``ratio`` device pixels a pixel: laid out
        at its size, painted at ``ratio`` times as many pixels (marked with the ratio), so
        that text and pictures are as sharp on a 200% screen as on a 100% one."""
        image = QImage(
            max(1, round(self.size.width() * ratio)),
            max(1, round(self.size.height() * ratio)),
            QImage.Format.Format_RGB32,
        )
        image.setDevicePixelRatio(ratio)
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

    # --- the running head and the source line ----------------------------------------

    def _measure(self) -> float | None:
        """The width of a line of the measure in the body face, from the characters of
        the slide's own texts (an Arabic or a Chinese line of 55 characters is not as wide
        as a Latin one)."""
        keys = ("title", "subtitle", "heading", "body", "text", "caption", "dedication")
        sample = " ".join(text for key in keys if (text := self.text(key)))
        if not sample.strip():
            return None
        style = self.style("body", self.metrics.body)
        return measure_width(style, sample.replace("*", "").replace("_", ""), TARGET_CHARACTERS)

    def source(self, form: str = "short") -> str | None:
        """The slide's source in its language: the short form it shows, or the full
        reference (for Diagnostics and printed copies)."""
        return self.slide.source_text(self.context.language, form)

    def _content_area(self) -> QRectF:
        """The safe area, less the running head at its top and the source line at its
        foot, both on the grid's text column."""
        m, grid, safe = self.metrics, self.grid, self.metrics.safe
        top = safe.top()
        chapter = getattr(self.slide, "in_chapter", None)
        if chapter and self.running_head:
            style = self.style("body", m.small, self.palette.muted)
            block = self.fitted(
                "chapter",
                chapter[self.context.language],
                style,
                grid.column_width,
                m.small * 3,
                m.small,
            )
            top = self.place("chapter", block, grid.left, grid.running_head_top).bottom() + m.gap
        bottom = safe.bottom()
        if source := self.source():
            style = self.style("body", m.small, self.palette.muted, italic=True)
            block = self.fitted(
                "source", source, style, grid.column_width, m.small * 1.3 * 4, m.small
            )
            bottom = grid.bottom - block.height
            self.place("source", block, grid.left, bottom)
            bottom -= m.gap
        return QRectF(safe.left(), top, safe.width(), bottom - top)


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
