"""Pictures drawn whole ("contain") or filling the screen around a focal point ("cover"),
and credited where they are drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QColor, QImage

from kiosk.bundle import Bundle
from kiosk.qtmedia import load
from kiosk.ui.deck import fitted
from kiosk.ui.images import ImageStore
from kiosk.ui.slides import RenderContext, renderer_for
from kiosk.ui.slides.image import ImageRenderer
from kiosk.ui.theme import theme_for
from tests.bundles import VALID_TOML, write_bundle

RED, GREY, BLUE = QColor("#d02020"), QColor("#808080"), QColor("#2040d0")
SIZE = QSize(480, 270)


def portrait_png() -> bytes:
    """A 60 x 180 picture: its top third red, its middle grey, its bottom third blue."""
    image = QImage(60, 180, QImage.Format.Format_RGB32)
    for top, colour in ((0, RED), (60, GREY), (120, BLUE)):
        for y in range(top, top + 60):
            for x in range(60):
                image.setPixelColor(x, y, colour)
    return encoded(image, "PNG")


def encoded(image: QImage, file_format: str) -> bytes:
    """``image`` as the bytes of a file in ``file_format`` ("PNG", "JPEG")."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, file_format)
    return bytes(data)


def slide_bundle(tmp_path: Path, options: str) -> Bundle:
    toml = VALID_TOML + f'\n[[slides]]\ntype = "image"\nimage = "media/photo.png"\n{options}\n'
    return load(write_bundle(tmp_path / "b", toml, {"media/photo.png": portrait_png()}))


def render(bundle: Bundle, index: int, size: QSize = SIZE) -> QImage:
    context = RenderContext("en", theme_for(bundle), ImageStore(bundle), blocking=True)
    try:
        return renderer_for(bundle.manifest.slides[index], context, size).render_image()
    finally:
        bundle.close()


def near(colour: QColor, wanted: QColor) -> bool:
    return all(
        abs(a - b) < 12 for a, b in zip(colour.getRgb()[:3], wanted.getRgb()[:3], strict=True)
    )


def has(image: QImage, wanted: QColor) -> bool:
    return any(
        near(image.pixelColor(x, y), wanted)
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
    )


def test_contain_shows_the_whole_picture_on_a_landscape_screen(tmp_path: Path) -> None:
    image = render(slide_bundle(tmp_path, ""), 3)  # contain: the default
    assert has(image, RED) and has(image, GREY) and has(image, BLUE)
    assert not near(image.pixelColor(5, 5), GREY)  # the ground beside it, not the picture


@pytest.mark.parametrize(
    ("focal", "shown", "lost"),
    [("[0.5, 0.0]", RED, BLUE), ("[0.5, 1.0]", BLUE, RED), ("[0.5, 0.5]", GREY, None)],
)
def test_cover_fills_the_screen_around_the_focal_point(
    tmp_path: Path, focal: str, shown: QColor, lost: QColor | None
) -> None:
    image = render(slide_bundle(tmp_path, f'fit = "cover"\nfocal = {focal}'), 3)
    for x in (2, SIZE.width() // 2, SIZE.width() - 3):
        assert near(image.pixelColor(x, 10), shown)  # from edge to edge, at the top
    if lost is not None:
        assert not has(image, lost)


def test_cover_without_a_focal_point_keeps_the_middle(tmp_path: Path) -> None:
    image = render(slide_bundle(tmp_path, 'fit = "cover"'), 3)
    assert near(image.pixelColor(SIZE.width() // 2, 10), GREY)
    assert not has(image, RED) and not has(image, BLUE)


def test_a_film_s_frame_is_cropped_around_the_focal_point_as_a_picture_is() -> None:
    box = QRectF(0, 0, 100, 100)
    middle = (0.5, 0.5)
    assert fitted(100, 300, box, "cover")[1] == QRectF(0, 100, 100, 100)
    assert fitted(100, 300, box, "cover", ((0.5, 0.0), middle))[1] == QRectF(0, 0, 100, 100)
    assert fitted(100, 300, box, "cover", ((0.5, 1.0), middle))[1] == QRectF(0, 200, 100, 100)
    assert fitted(100, 300, box, "cover", ((0.5, 0.4), middle))[1] == QRectF(0, 70, 100, 100)
    # The focal point brought to the box's upper quarter (above words over its foot).
    assert fitted(100, 300, box, "cover", (middle, (0.5, 0.25)))[1] == QRectF(0, 125, 100, 100)


def test_cover_brings_the_focal_point_to_the_middle_of_what_the_band_leaves_clear(
    tmp_path: Path,
) -> None:
    bundle = slide_bundle(
        tmp_path, 'fit = "cover"\nfocal = [0.5, 0.3]\ncaption = { en = "A", az = "B" }'
    )
    context = RenderContext("en", theme_for(bundle), ImageStore(bundle), blocking=True)
    renderer = renderer_for(bundle.manifest.slides[3], context, QSize(1920, 1080))
    bundle.close()
    assert isinstance(renderer, ImageRenderer) and renderer.band_top is not None
    focal, (anchor_x, anchor_y) = renderer.crop
    assert focal == (0.5, 0.3) and anchor_x == 0.5
    clear = renderer.band_top - renderer.metrics.gap * 3
    assert anchor_y * 1080 == pytest.approx(clear / 2)
    caption = renderer.placed_rect("caption")
    assert caption is not None and anchor_y * 1080 < caption.top()


def test_a_title_s_picture_has_its_credit_under_it(tmp_path: Path) -> None:
    toml = VALID_TOML.replace(
        'image = "media/dot.png"\n',
        'image = "media/dot.png"\ncredit = { en = "Drawing: test content", az = "Rəsm: sınaq" }\n',
    )
    bundle = load(write_bundle(tmp_path / "b", toml))
    context = RenderContext("en", theme_for(bundle), ImageStore(bundle), blocking=True)
    renderer = renderer_for(bundle.manifest.slides[0], context, QSize(1920, 1080))
    bundle.close()
    credit, title = renderer.placed_rect("credit"), renderer.placed_rect("title")
    assert renderer.overflow == []
    assert renderer.emblem is not None and credit is not None and title is not None
    assert renderer.emblem.bottom() <= credit.top() and credit.bottom() < title.top()
    block = next(block for name, block, _rect in renderer.placed if name == "credit")
    assert block.style.italic and block.style.colour == renderer.palette.muted


def test_a_whole_picture_stands_on_its_caption(tmp_path: Path) -> None:
    """A landscape picture on a portrait screen sits just over its words, not halfway up."""
    wide = QImage(180, 60, QImage.Format.Format_RGB32)
    wide.fill(BLUE)
    toml = VALID_TOML + (
        '\n[[slides]]\ntype = "image"\nimage = "media/wide.png"\n'
        'caption = { en = "A caption", az = "Bir izah" }\n'
    )
    bundle = load(write_bundle(tmp_path / "b", toml, {"media/wide.png": encoded(wide, "PNG")}))
    size = QSize(270, 480)
    context = RenderContext("en", theme_for(bundle), ImageStore(bundle), blocking=True)
    try:
        renderer = renderer_for(bundle.manifest.slides[3], context, size)
        image = renderer.render_image()
        caption = renderer.placed_rect("caption")
    finally:
        bundle.close()
    assert caption is not None
    middle = size.width() // 2
    rows = [y for y in range(size.height()) if near(image.pixelColor(middle, y), BLUE)]
    assert rows, "the picture is not drawn"
    gap = caption.top() - rows[-1]
    assert 0 < gap < caption.height() * 3, (rows[-1], caption)
    assert rows[0] > size.height() * 0.2  # the room left over is above it


@pytest.mark.parametrize("language", ["en", "fa"])
def test_a_portrait_picture_on_a_landscape_screen_stands_beside_its_words(
    tmp_path: Path, language: str
) -> None:
    """Over the words it would get what they leave of the height; beside them, the full
    height, on the side they leave free (the left in a right-to-left language)."""
    toml = (
        '[bundle]\nid = "t"\ntitle = { %s = "Test" }\nversion = "1"\nlanguages = ["%s"]\n'
        'source = { %s = "Test source" }\n\n[[slides]]\ntype = "image"\n'
        'image = "media/photo.png"\ncaption = { %s = "A caption" }\n'
    ) % ((language,) * 4)
    bundle = load(write_bundle(tmp_path / "b", toml, {"media/photo.png": portrait_png()}))
    size = QSize(960, 540)
    context = RenderContext(language, theme_for(bundle), ImageStore(bundle), blocking=True)
    try:
        renderer = renderer_for(bundle.manifest.slides[0], context, size)
        assert isinstance(renderer, ImageRenderer)
        box = renderer.picture_box()
        image = renderer.render_image()
        caption = renderer.placed_rect("caption")
    finally:
        bundle.close()
    assert caption is not None
    safe = renderer.metrics.safe
    assert box.height() > safe.height() * 0.95  # the full height, not what is over the words
    if language == "en":
        assert box.left() > caption.left() + 10
    else:
        assert box.right() < caption.right() - 10
    assert has(image, RED) and has(image, BLUE)  # whole


def test_a_pictures_size_is_found_past_a_long_header(tmp_path: Path) -> None:
    """A JPEG whose size comes after 320 KB of comments (as a long EXIF can) is still
    measured; the header alone serves the usual case."""
    from kiosk.ui.images import HEADER_BYTES, PictureSizes

    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(GREY)
    jpeg = encoded(picture, "JPEG")
    comment = b"\xff\xfe" + (65000).to_bytes(2, "big") + b"x" * 64998
    long_jpeg = jpeg[:2] + comment * 5 + jpeg[2:]
    assert len(long_jpeg) > HEADER_BYTES
    toml = VALID_TOML + '\n[[slides]]\ntype = "image"\nimage = "media/long.jpg"\n'
    bundle = load(write_bundle(tmp_path / "b", toml, {"media/long.jpg": long_jpeg}))
    try:
        assert PictureSizes(bundle)("media/long.jpg") == (40, 30)
        assert PictureSizes(bundle)("media/dot.png") == (4, 4)
    finally:
        bundle.close()
