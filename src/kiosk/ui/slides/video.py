"""Video slide, still: the poster with a quiet play mark, its caption and credit on the
image slide's band, and its source. What ``kiosk render`` draws, and what stands on
screen before the film's first frame and after its last.

A film without a poster shows its frame at ``start``, taken when the bundle was checked
(``Bundle.poster``; kiosk.media.probe); one not probed (a quick start) shows the play
mark on the ground. While the film plays, the deck paints the ground, the current frame
in :meth:`VideoRenderer.picture_box`, and over it :meth:`VideoRenderer.render_layer`:
the slide without its ground, poster and mark.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from kiosk.ui.slides.image import ImageRenderer

#: The play mark's diameter, as a share of the screen's short side.
MARK_SHARE = 0.09
#: How much of the ground shows through the mark's disc: present, not shouting.
DISC_ALPHA = 150
TRIANGLE_ALPHA = 230


class VideoRenderer(ImageRenderer):
    slide_type = "video"
    running_head = False  # the film fills the screen, left whole
    whole_below_margin = False

    #: Painting the layer over a playing film: no ground, no poster, no play mark.
    _over_film = False

    def natural_shape(self) -> tuple[float, float] | None:
        """A film stays over its words, where the deck plays it (kiosk.ui.deck)."""
        return None

    def render_layer(self, ratio: float = 1.0) -> QImage:
        """What lies over the playing film (the band, caption, credit and source) on a
        transparent picture, at ``ratio`` device pixels a pixel."""
        image = QImage(
            max(1, round(self.size.width() * ratio)),
            max(1, round(self.size.height() * ratio)),
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self._over_film = True
        try:
            self.paint(painter)
        finally:
            self._over_film = False
            painter.end()
        return image

    def words_rect(self) -> QRectF:
        """Where the slide's words are (caption, credit, source)."""
        area = QRectF()
        for _name, _block, rect in self.placed:
            area = area.united(rect)
        return area

    def layer_rect(self) -> QRectF:
        """Where :meth:`render_layer` paints anything: its words, and the band under
        them over a film that fills the screen. The rest is clear, and not blended over
        every frame (at 1080p a whole transparent layer costs milliseconds a frame)."""
        area = self.words_rect()
        if self.slide.fit == "cover" and self.band_top is not None:
            top = self.band_top - self.metrics.gap * 3  # where the band's fade begins
            area = area.united(QRectF(0, top, self.size.width(), self.size.height() - top))
        return area.adjusted(-2, -2, 2, 2).intersected(
            QRectF(0, 0, self.size.width(), self.size.height())
        )

    def paint_ground(self, painter: QPainter) -> None:
        if not self._over_film:
            super().paint_ground(painter)

    def paint_content(self, painter: QPainter) -> None:
        box = self.picture_box()
        drawn = None
        if self._over_film:
            if self.slide.fit == "cover":
                self.paint_band(painter)
            return
        poster = self.poster()
        if poster is not None:
            drawn = self.draw_picture(painter, poster, box, self.fit, crop=self.crop)
        if self.slide.fit == "cover":  # a film shown whole leaves the text on the ground
            self.paint_band(painter)
        if not self._surveying:
            self.play_mark(painter, (drawn or box).intersected(box).center())

    def poster(self) -> str | None:
        """The picture standing for the film: its poster, or its frame (see the module)."""
        return self.context.images.bundle.poster(self.slide, self.context.language)

    def play_mark(self, painter: QPainter, centre: QPointF) -> None:
        """A round mark with a triangle: the picture is a film, still."""
        radius = min(self.size.width(), self.size.height()) * MARK_SHARE / 2
        disc = QColor(self.palette.background)
        disc.setAlpha(DISC_ALPHA)
        ring = QColor(self.palette.text)
        ring.setAlpha(TRIANGLE_ALPHA)
        painter.save()
        painter.setPen(QPen(ring, max(1.5, radius * 0.06)))
        painter.setBrush(disc)
        painter.drawEllipse(centre, radius, radius)
        # The triangle's centre of mass on the disc's centre, so it looks centred.
        side = radius * 0.9
        height = side * 0.866
        left = centre.x() - height / 3
        triangle = QPainterPath(QPointF(left, centre.y() - side / 2))
        triangle.lineTo(QPointF(left + height, centre.y()))
        triangle.lineTo(QPointF(left, centre.y() + side / 2))
        triangle.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillPath(triangle, ring)
        painter.restore()
