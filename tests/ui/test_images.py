"""Pictures: decoded off the UI thread, at display size, cached; SVG drawn at any size."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.qtmedia import load
from kiosk.ui import images
from kiosk.ui.images import Fit, ImageStore, decode
from tests.bundles import SVG, png, write_bundle


def test_picture_is_decoded_in_the_background_then_cached(tmp_path: Path, qtbot: QtBot) -> None:
    store = ImageStore(load(write_bundle(tmp_path / "b")))
    threads: list[str] = []
    real_decode = images.decode

    def spy(*args: object) -> object:
        threads.append(threading.current_thread().name)
        return real_decode(*args)  # type: ignore[arg-type]

    images.decode = spy  # type: ignore[assignment]
    try:
        with qtbot.waitSignal(store.ready, timeout=5000):
            assert store.picture("media/shape.svg", QSize(200, 100)) is None
        first = store.picture("media/shape.svg", QSize(200, 100))
        again = store.picture("media/shape.svg", QSize(200, 100))
    finally:
        images.decode = real_decode  # type: ignore[assignment]
        store.shutdown()
    assert first is not None and again is not None
    assert first.size() == QSize(100, 100)  # a square picture inside a wide box
    assert threads == ["images_0"]  # decoded once, and not on the UI thread


def test_svg_is_drawn_at_the_size_it_is_shown(qapp: object) -> None:
    small = decode("a.svg", SVG, QSize(40, 40), Fit.CONTAIN)
    large = decode("a.svg", SVG, QSize(2000, 2000), Fit.CONTAIN)
    assert small.size() == QSize(40, 40)
    assert large.size() == QSize(2000, 2000)


def test_raster_is_decoded_straight_to_display_size(qapp: object) -> None:
    image = decode("a.png", png(400, 200), QSize(100, 100), Fit.CONTAIN)
    assert image.size() == QSize(100, 50)
    cover = decode("a.png", png(400, 200), QSize(100, 100), Fit.COVER)
    assert cover.size() == QSize(100, 100)


def test_undecodable_picture_gives_a_null_image_not_an_error(qapp: object) -> None:
    assert decode("a.png", b"junk", QSize(100, 100), Fit.CONTAIN).isNull()
    assert decode("a.svg", b"<svg", QSize(100, 100), Fit.CONTAIN).isNull()


def test_a_wide_svg_in_a_box_a_pixel_high_is_a_line_not_a_painter_warning(qapp: object) -> None:
    # A wide picture under a long portrait text got a box one pixel high: drawn into an
    # image of no height, Qt warned from every QPainter call (and the run failed).
    wide = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="10" '
        b'viewBox="0 0 4000 10"><rect width="4000" height="10"/></svg>'
    )
    assert decode("wide.svg", wide, QSize(300, 1), Fit.CONTAIN).size() == QSize(300, 1)
    assert decode("wide.svg", wide, QSize(300, 40), Fit.CONTAIN).size() == QSize(300, 1)
