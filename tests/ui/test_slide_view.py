"""The slide widget: the same renderers as kiosk render, laid out for the widget's size."""

from __future__ import annotations

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.ui.images import ImageStore
from kiosk.ui.slide_view import SlideView
from kiosk.ui.slides import RenderContext
from kiosk.ui.theme import theme_for


def test_slide_view_lays_out_for_its_size_and_shows_pictures_when_ready(qtbot: QtBot) -> None:
    bundle = load(builtin_bundle())
    images = ImageStore(bundle)
    view = SlideView(RenderContext("en", theme_for(bundle), images))
    qtbot.addWidget(view)
    view.resize(QSize(960, 540))
    view.show_slide(bundle.manifest.slides[0])  # the title, with its carnations
    view.show()
    qtbot.waitExposed(view)
    assert view.renderer is not None and view.renderer.size == QSize(960, 540)

    def carnations_drawn() -> None:
        image = view.grab().toImage()
        reds = sum(
            1
            for x in range(0, 960, 6)
            for y in range(0, 300, 6)
            if image.pixelColor(x, y).red() > 120 and image.pixelColor(x, y).green() < 80
        )
        assert reds > 10

    qtbot.waitUntil(carnations_drawn, timeout=5000)
    view.resize(QSize(540, 960))
    qtbot.waitUntil(lambda: view.renderer.size == QSize(540, 960))
    images.shutdown()
