"""Larger text (a visitor's toggle): type grows in two steps, margins do not, and a slide
that cannot hold the larger size steps back toward normal rather than clip."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.bundle import Bundle
from kiosk.config import Settings
from kiosk.paths import builtin_bundle
from kiosk.presentation import TEXT_SCALES
from kiosk.qtmedia import load
from kiosk.ui.controls import PanelButton
from kiosk.ui.images import ImageStore
from kiosk.ui.metrics import Metrics
from kiosk.ui.slides import RenderContext, SlideRenderer, renderer_for
from kiosk.ui.theme import theme_for
from kiosk.ui.window import KioskWindow
from tests.bundles import write_bundle

SIZES = [(1920, 1080), (1080, 1920), (3840, 2160), (1280, 800), (1024, 768)]

# Test content: a quotation that fits at normal size on a small screen but not at 150 %.
FULL_QUOTE = f"""\
[bundle]
id = "full"
title = {{ en = "Test" }}
version = "1"
languages = ["en"]
source = {{ en = "Test content" }}
[[slides]]
type = "quote"
text.en = "{" ".join(["Test content words"] * 14)}"
attribution = {{ en = "Test content" }}
"""


@pytest.fixture(scope="module")
def builtin() -> Iterator[tuple[Bundle, ImageStore]]:
    bundle = load(builtin_bundle(), decode_media=False)
    images = ImageStore(bundle)
    yield bundle, images
    images.shutdown()
    bundle.close()


def renderers(bundle: Bundle, images: ImageStore, language: str, scale: float, size: QSize):
    context = RenderContext(language, theme_for(bundle), images, True, text_scale=scale)
    return [renderer_for(slide, context, size) for slide in bundle.manifest.slides]


def test_type_grows_with_the_scale_and_the_margins_do_not() -> None:
    normal, larger = Metrics(1920, 1080), Metrics(1920, 1080, text_scale=1.5)
    for size in ("body", "heading", "display", "small"):
        assert getattr(larger, size) == pytest.approx(getattr(normal, size) * 1.5)
    assert larger.safe == normal.safe and larger.gap == normal.gap
    assert larger.min_body == normal.min_body  # the floor a text that does not fit shrinks to


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_no_builtin_slide_clips_at_either_larger_step(
    qapp: object, builtin: tuple[Bundle, ImageStore], width: int, height: int
) -> None:
    bundle, images = builtin
    size = QSize(width, height)
    for language in ("en", "az"):
        normal = renderers(bundle, images, language, 1.0, size)
        for scale in TEXT_SCALES[1:]:
            for number, renderer in enumerate(renderers(bundle, images, language, scale, size)):
                where = f"slide {number + 1}, {language}, {width}x{height}, {scale}"
                assert not renderer.overflow, f"{where}: {renderer.overflow}"
                # Larger, not merely the same: it stepped back at most part of the way.
                # Known limit: the Azerbaijani timeline (four dated events) has no room for
                # any larger text at 1024x768, across or down; it stays at its normal size.
                if (number + 1, language, width) == (8, "az", 1024):
                    continue
                assert renderer.metrics.body > normal[number].metrics.body, where


def test_a_slide_too_full_for_the_largest_step_steps_back_rather_than_clip(
    qapp: object, tmp_path: Path
) -> None:
    bundle = load(write_bundle(tmp_path / "full", FULL_QUOTE), decode_media=False)
    images = ImageStore(bundle)
    try:
        ((normal,), (largest,)) = (
            renderers(bundle, images, "en", scale, QSize(1024, 768)) for scale in (1.0, 1.5)
        )
    finally:
        images.shutdown()
    assert not normal.overflow and not largest.overflow
    assert 1.0 < largest.metrics.text_scale < 1.5
    safe = largest.metrics.safe
    for _name, _block, rect in largest.placed:
        assert safe.adjusted(-1, -1, 1, 1).contains(rect)


def test_a_text_running_into_the_source_line_is_reported(qapp: object, tmp_path: Path) -> None:
    bundle = load(write_bundle(tmp_path / "full", FULL_QUOTE), decode_media=False)
    images = ImageStore(bundle)
    try:
        (renderer,) = renderers(bundle, images, "en", 1.0, QSize(1024, 768))
    finally:
        images.shutdown()
    _name, _block, rect = next(placed for placed in renderer.placed if placed[0] == "text")
    rect.moveTop(renderer.metrics.safe.bottom() - rect.height() / 2)  # half off the slide
    assert SlideRenderer._outside_bounds(renderer) == ["text (outside its area)"]


def test_the_window_renders_its_slides_larger_at_each_tap(qtbot: QtBot) -> None:
    window = KioskWindow(load(builtin_bundle(), decode_media=False), Settings(), clock=lambda: 0.0)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    scales = []
    for _tap in range(3):
        window.text_button.click()
        scales.append((window.deck.text_scale, window.text_button.isChecked()))
    assert scales == [(1.25, True), (1.5, True), (1.0, False)]
    window.exit_kiosk(quit_application=False)


@pytest.mark.parametrize(("width", "height"), [*SIZES, (640, 400)])
def test_the_controls_are_44_px_and_clear_of_each_other(
    qtbot: QtBot, width: int, height: int
) -> None:
    window = KioskWindow(load(builtin_bundle(), decode_media=False), Settings(), clock=lambda: 0.0)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    buttons = [
        window.previous_button,
        window.next_button,
        window.chapters_button,
        window.text_button,
        window.motion_button,
        window.language_button,
    ]
    boxes = [button.geometry() for button in [*buttons, window.dots]]
    for button in buttons:
        assert min(button.width(), button.height()) >= 44
    for first, box in enumerate(boxes):
        assert window.rect().contains(box)
        for other in boxes[first + 1 :]:
            assert not box.intersects(other), (box, other)
    window.exit_kiosk(quit_application=False)


def test_the_visitors_overlays_follow_larger_text_and_the_staffs_do_not(qtbot: QtBot) -> None:
    # A visitor who needs larger text needs it in "Still there?" and the chapter and
    # language lists too; the PIN pad and staff menu are for staff and stay as they are.
    window = KioskWindow(load(builtin_bundle(), decode_media=False), Settings(), clock=lambda: 0.0)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.countdown.resize(1024, 768)
    normal = window.countdown.panel_rect().height()
    window.text_button.click()
    window.text_button.click()  # 150 %
    for overlay in (window.countdown, window.chapters, window.languages):
        assert overlay.metrics().text_scale == 1.5
    for overlay in (window.pin_pad, window.staff_menu):
        assert overlay.metrics().text_scale == 1.0
    assert window.countdown.panel_rect().height() > normal * 1.3
    window._toggle_languages()
    labels = {button.pixels for button in window.languages.findChildren(PanelButton)}
    assert labels == {round(window.languages.metrics().min_body * 1.5)}
    window._toggle_languages()
    window.text_button.click()  # back to 100 %
    assert window.countdown.metrics().text_scale == 1.0
    window.exit_kiosk(quit_application=False)
