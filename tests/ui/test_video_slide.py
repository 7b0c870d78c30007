"""The video slide drawn still: its poster fitted as the bundle says, a play mark, the
caption and credit on the band; laid out at every size and language of the issue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk.bundle import Bundle, load
from kiosk.bundle.model import VideoSlide
from kiosk.ui.images import ImageStore
from kiosk.ui.slides import RenderContext, renderer_for
from kiosk.ui.slides.video import VideoRenderer
from kiosk.ui.theme import theme_for
from tests.bundle.media_files import media_bundle

SIZES = [QSize(1920, 1080), QSize(1080, 1920), QSize(3840, 2160), QSize(1280, 800)]
SIZES += [QSize(1024, 768)]
POSTER_COLOUR = QColor("#3a7d44")

SLIDE = """
[[slides]]
type = "video"
id = "street"
video = "media/film.mp4"
{poster}
fit = "{fit}"
muted = true
caption = {{ en = "Test content: a street", az = "Sınaq mətni: küçə" }}
credit = {{ en = "Film: test content", az = "Film: sınaq mətni" }}
source = {{ en = "Test content", az = "Sınaq mətni" }}
"""


def _png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(POSTER_COLOUR)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def _bundle(root: Path, *, poster: bool = True, fit: str = "contain") -> Bundle:
    line = 'poster = "media/poster.png"' if poster else ""
    slides = SLIDE.format(poster=line, fit=fit)
    # Checked from headers: the stand-in film is no film, and the drawing is the point
    # here (a frame taken from a real film: tests/media/test_probe.py).
    return load(media_bundle(root, slides, {"media/poster.png": _png(160, 90)}))


@pytest.fixture
def bundle(tmp_path: Path) -> Iterator[Bundle]:
    made = _bundle(tmp_path)
    yield made
    made.close()


def _render(bundle: Bundle, size: QSize, language: str = "en") -> tuple[VideoRenderer, QImage]:
    slide = bundle.manifest.slides[-1]
    assert isinstance(slide, VideoSlide)
    images = ImageStore(bundle)
    try:
        context = RenderContext(language, theme_for(bundle), images, blocking=True)
        renderer = renderer_for(slide, context, size)
        assert isinstance(renderer, VideoRenderer)
        return renderer, renderer.render_image()
    finally:
        images.shutdown()


def _is_poster(image: QImage, x: int, y: int) -> bool:
    return image.pixelColor(x, y) == POSTER_COLOUR


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("language", ["en", "az"])
def test_the_caption_credit_and_source_are_laid_out(
    bundle: Bundle, size: QSize, language: str
) -> None:
    renderer, _image = _render(bundle, size, language)
    assert renderer.overflow == []
    names = {name for name, _block, _rect in renderer.placed}
    assert {"caption", "credit", "source"} <= names


def test_the_poster_is_shown_whole_with_a_play_mark_on_it(bundle: Bundle) -> None:
    renderer, image = _render(bundle, QSize(1080, 1920))
    # "contain": a 16:9 poster on a portrait screen, the ground above and below it.
    box = renderer.picture_box()
    centre_y = round(box.center().y())
    poster_top = centre_y - 1080 * 9 // 32
    assert _is_poster(image, 540, poster_top + 10)
    assert not _is_poster(image, 540, poster_top - 10)
    assert image.pixelColor(540, centre_y) != POSTER_COLOUR  # the mark's triangle
    ring_edge = round(1080 * 0.09 / 2) + 4
    assert _is_poster(image, 540 + ring_edge, centre_y)  # and only a mark


def test_a_film_shown_whole_stands_above_its_caption(bundle: Bundle) -> None:
    renderer, image = _render(bundle, QSize(1920, 1080))
    caption = renderer.placed_rect("caption")
    assert caption is not None
    assert renderer.picture_box().bottom() < caption.top()
    assert not _is_poster(image, 960, round(renderer.picture_box().bottom()) + 2)
    assert _is_poster(image, 960, round(renderer.picture_box().bottom()) - 2)  # no fade on it


def test_cover_fills_the_screen(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, fit="cover")
    try:
        _renderer, image = _render(bundle, QSize(1080, 1920))
    finally:
        bundle.close()
    assert _is_poster(image, 540, 20)


def test_a_film_without_a_poster_shows_the_mark_on_the_ground(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, poster=False)
    try:
        renderer, image = _render(bundle, QSize(1280, 800))
    finally:
        bundle.close()
    ground = QColor(renderer.palette.background)
    assert image.pixelColor(5, 5) == ground
    centre = renderer.picture_box().center()
    assert image.pixelColor(round(centre.x()), round(centre.y())) != ground


def test_the_slide_s_underlays_name_its_poster(bundle: Bundle) -> None:
    """The layout lint reads what a slide paints under its text from ``survey``."""
    slide = bundle.manifest.slides[-1]
    images = ImageStore(bundle)
    try:
        context = RenderContext("en", theme_for(bundle), images, blocking=True)
        underlays = renderer_for(slide, context, QSize(1920, 1080)).survey()
    finally:
        images.shutdown()
    assert [underlay.picture for underlay in underlays if underlay.picture] == ["media/poster.png"]


def test_a_render_is_painted_without_a_painter_warning(bundle: Bundle) -> None:
    _renderer, image = _render(bundle, QSize(1024, 768))
    painter = QPainter(image)  # the image is whole and paintable again
    painter.fillRect(0, 0, 1, 1, Qt.GlobalColor.black)
    painter.end()
