"""Sharp everywhere: slides, icons and chapter pictures at the screen's device pixel ratio.

Sharpness is measured as acutance: the mean step between neighbouring pixels, weighted by
the step (sum of d^2 over sum of d, in grey levels). A text edge drawn at the device's
pixels crosses from ground to ink in one or two pixels; the same edge drawn at half the
pixels and scaled up crosses in three or four, in smaller steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.bundle import Bundle
from kiosk.config import Settings
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.ui.deck import Deck
from kiosk.ui.icons import icon_pixmap
from kiosk.ui.images import ImageStore
from kiosk.ui.metrics import Display
from kiosk.ui.slides import RenderContext, SlideRenderer, renderer_for
from kiosk.ui.theme import theme_for
from kiosk.ui.thumbnails import LAYOUT_WIDTH, Thumbnails
from kiosk.ui.window import KioskWindow
from tests.bundles import VALID_TOML, write_bundle

LOGICAL = QSize(640, 360)
#: Body text, several lines of it (test content).
TEXT_TOML = VALID_TOML.replace(
    'body = { en = "Some **Markdown**.", az = "Bir az **Markdown**." }',
    'body = { en = "Several lines of plain body text, long enough to wrap over a few lines '
    'of the slide, with edges to measure.", az = "Sınaq mətni." }',
).replace('image = "media/shape.svg"\n', "")


def on_black(image: QImage) -> QImage:
    """``image`` as it shows over the dark ground (an icon's transparent pixels count)."""
    if not image.hasAlphaChannel():
        return image
    ground = QImage(image.size(), QImage.Format.Format_RGB32)
    ground.fill(Qt.GlobalColor.black)
    painter = QPainter(ground)
    pixels = image.copy()
    pixels.setDevicePixelRatio(1.0)  # its own pixels, one for one, whatever its ratio
    painter.drawImage(QPoint(0, 0), pixels)
    painter.end()
    return ground


def acutance(image: QImage, rect: QRect | None = None) -> float:
    """Sum of squared horizontal and vertical steps over their sum, in grey levels."""
    grey = on_black(image).convertToFormat(QImage.Format.Format_Grayscale8)
    if rect is not None:
        grey = grey.copy(rect)
    width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
    data = bytes(grey.constBits())
    squares = total = 0
    for y in range(height - 1):
        row = data[y * stride : y * stride + width]
        below = data[(y + 1) * stride : (y + 1) * stride + width]
        for x in range(width - 1):
            for step in (abs(row[x + 1] - row[x]), abs(below[x] - row[x])):
                squares += step * step
                total += step
    return squares / max(1, total)


def inked(image: QImage, rect: QRect | None = None) -> int:
    """Pixels brighter than the dark ground: text, mostly."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    if rect is not None:
        grey = grey.copy(rect)
    stride, data = grey.bytesPerLine(), bytes(grey.constBits())
    return sum(
        1
        for y in range(grey.height())
        for value in data[y * stride : y * stride + grey.width()]
        if value > 128
    )


def upscaled(image: QImage, factor: float) -> QImage:
    """``image`` stretched as a window system stretches a picture drawn at logical size."""
    size = QSize(round(image.width() * factor), round(image.height() * factor))
    return image.scaled(
        size, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory, qapp: object) -> Iterator[Bundle]:
    folder: Path = tmp_path_factory.mktemp("dpr")
    loaded = load(write_bundle(folder / "b", TEXT_TOML))
    yield loaded
    loaded.close()


def narrative(bundle: Bundle) -> SlideRenderer:
    context = RenderContext("en", theme_for(bundle), ImageStore(bundle), blocking=True)
    return renderer_for(bundle.manifest.slides[2], context, LOGICAL)


def body_rect(renderer: SlideRenderer, ratio: float) -> QRect:
    rect = renderer.placed_rect("body")
    assert rect is not None
    return QRect(
        round(rect.left() * ratio),
        round(rect.top() * ratio),
        round(rect.width() * ratio),
        round(rect.height() * ratio),
    )


@pytest.mark.parametrize("ratio", [1.0, 1.5, 2.0])
def test_a_slide_is_laid_out_at_its_size_and_painted_at_the_device_ratio(
    bundle: Bundle, ratio: float
) -> None:
    renderer = narrative(bundle)
    image = renderer.render_image(ratio)
    assert (image.width(), image.height()) == (
        round(LOGICAL.width() * ratio),
        round(LOGICAL.height() * ratio),
    )
    assert image.devicePixelRatio() == ratio
    assert image.deviceIndependentSize().toSize() == LOGICAL
    # The same layout, not a smaller one: the text covers ratio^2 as many pixels.
    native = inked(renderer.render_image(1.0), body_rect(renderer, 1.0))
    assert inked(image, body_rect(renderer, ratio)) == pytest.approx(
        native * ratio * ratio,
        rel=0.3,  # laid out at device size, it would be ratio x
    )


@pytest.mark.parametrize("ratio", [1.5, 2.0])
def test_text_edges_at_a_higher_ratio_are_as_sharp_as_at_1_not_scaled_up(
    bundle: Bundle, ratio: float
) -> None:
    renderer = narrative(bundle)
    one = renderer.render_image(1.0)
    sharp = acutance(renderer.render_image(ratio), body_rect(renderer, ratio))
    native = acutance(one, body_rect(renderer, 1.0))
    stretched = acutance(upscaled(one, ratio), body_rect(renderer, ratio))
    assert sharp >= 0.85 * native  # as sharp, in device pixels, as the 1.0 render
    assert sharp >= 1.3 * stretched  # and clearly sharper than the 1.0 one stretched


def test_icons_are_drawn_at_the_device_ratio() -> None:
    one = icon_pixmap("fa6s.globe", 32, "#f4f0e8", 1.0)
    two = icon_pixmap("fa6s.globe", 32, "#f4f0e8", 2.0)
    assert (two.width(), two.height(), two.devicePixelRatio()) == (64, 64, 2.0)
    assert two.deviceIndependentSize().toSize() == QSize(32, 32)
    assert acutance(two.toImage()) >= 0.85 * acutance(one.toImage())
    assert acutance(two.toImage()) >= 1.3 * acutance(upscaled(one.toImage(), 2.0))


def test_the_deck_caches_slides_at_its_device_ratio_and_follows_a_change(
    bundle: Bundle, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = RenderContext("en", theme_for(bundle), ImageStore(bundle))
    deck = Deck(bundle.manifest.slides, context)
    qtbot.addWidget(deck)
    deck.resize(LOGICAL)
    deck.show()
    qtbot.waitExposed(deck)
    try:
        first = deck._current_pixmap()
        assert first.devicePixelRatio() == deck.devicePixelRatioF()
        monkeypatch.setattr(Deck, "devicePixelRatioF", lambda _self: 2.0)
        QApplication.sendEvent(deck, QEvent(QEvent.Type.DevicePixelRatioChange))
        frame = deck.grab().toImage()  # never a blank frame: the slide is rendered anew
        assert inked(frame) > 200
        current = deck._current_pixmap()
        assert (current.width(), current.height(), current.devicePixelRatio()) == (
            LOGICAL.width() * 2,
            LOGICAL.height() * 2,
            2.0,
        )
        assert current.deviceIndependentSize().toSize() == LOGICAL
    finally:
        deck.shutdown()


def test_chapter_pictures_are_never_scaled_up(bundle: Bundle, qtbot: QtBot) -> None:
    """A card on a 200% screen asks for more pixels than the layout width: the slide is
    painted at that many, not painted at the layout width and stretched."""
    context = RenderContext("en", theme_for(bundle), ImageStore(bundle))
    thumbnails = Thumbnails()
    thumbnails.reset(bundle.manifest.slides, context, QSize(1920, 1080))
    wanted = QSize(LAYOUT_WIDTH * 2, LAYOUT_WIDTH * 9 // 8)
    try:
        assert thumbnails.get(2, wanted) is None
        qtbot.waitUntil(lambda: thumbnails.get(2, wanted) is not None)
        image = thumbnails.get(2, wanted)
        assert image is not None and image.size() == wanted
        shape = QSize(LAYOUT_WIDTH, LAYOUT_WIDTH * 9 // 16)
        renderer = renderer_for(bundle.manifest.slides[2], context, shape)
        stretched = upscaled(renderer.render_image(), 2.0)
        body = body_rect(renderer, 2.0)
        assert acutance(image, body) >= 1.3 * acutance(stretched, body)
    finally:
        thumbnails.shutdown()


def test_the_window_sizes_its_controls_and_slides_for_the_screens_millimetres(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 15-inch 1024x768 panel (0.298 mm a pixel): every button at least 20 mm, and the
    deck lays slides out for that screen and the configured viewing distance."""
    seen: list[float] = []

    def fifteen_inch(_screen: object, distance: float) -> Display:
        seen.append(distance)
        return Display(0.2977, distance)

    monkeypatch.setattr("kiosk.ui.window.display_of", fifteen_inch)
    settings = Settings(viewing_distance_m=1.5)
    window = KioskWindow(load(builtin_bundle(), decode_media=False), settings)
    try:
        window.setGeometry(0, 0, 1024, 768)
        window.show()
        qtbot.waitExposed(window)
        assert seen and set(seen) == {1.5}
        assert window.deck._context.display == Display(0.2977, 1.5)
        for button in (
            window.previous_button,
            window.next_button,
            window.chapters_button,
            window.language_button,
        ):
            assert button.height() * 0.2977 >= 20
    finally:
        window.exit_kiosk(quit_application=False)
