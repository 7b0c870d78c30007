"""Frames converted by FFmpeg's swscale (kiosk.media.swscale) look as Qt's own
conversion makes them, and what it cannot convert is left to Qt."""

from __future__ import annotations

import statistics
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QColor
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoFrameFormat, QVideoSink
from pytestqt.qtbot import QtBot

from kiosk.media.swscale import Converter
from tests.media.conftest import HEIGHT, QT_NOISE, WIDTH, Films

pytestmark = pytest.mark.qt_log_ignore(*QT_NOISE)


@pytest.fixture
def frames(qtbot: QtBot, films: Films) -> Iterator[list[QVideoFrame]]:
    """A few frames of the test film, as the sink hands them over (no Python runs in
    the player's thread here: the frames are read from the sink in this one)."""
    player, sink = QMediaPlayer(), QVideoSink()
    player.setVideoSink(sink)
    got: list[QVideoFrame] = []
    sink.videoFrameChanged.connect(
        lambda frame: got.append(QVideoFrame(frame)) if frame.isValid() else None
    )
    player.setSource(QUrl.fromLocalFile(str(films.mp4)))
    player.play()
    qtbot.waitUntil(lambda: len(got) >= 5, timeout=10_000)
    player.setSource(QUrl())
    yield got
    player.deleteLater()
    sink.deleteLater()


def test_a_frame_converts_as_qt_converts_it(frames: list[QVideoFrame]) -> None:
    converter = Converter()
    assert converter.available, "QtMultimedia's FFmpeg has a swscale to find"
    frame = frames[-1]
    assert frame.pixelFormat() == QVideoFrameFormat.PixelFormat.Format_YUV420P
    ours, qts = converter.convert(frame), frame.toImage()
    assert ours is not None and ours.size() == QSize(WIDTH, HEIGHT)
    mine, theirs = bytes(ours.constBits()), bytes(qts.constBits())
    differences = [abs(a - b) for a, b in zip(mine[::7], theirs[::7], strict=True)]
    assert statistics.fmean(differences) < 1.0 and max(differences) <= 4
    # testsrc2's colour bars come out pure: the matrix and range are right.
    assert QColor(ours.pixel(20, HEIGHT // 2)).getRgb()[:3] == pytest.approx((255, 0, 0), abs=3)
    converter.close()


def test_what_it_cannot_convert_is_left_to_qt() -> None:
    converter = Converter()
    rgb = QVideoFrame(QVideoFrameFormat(QSize(8, 8), QVideoFrameFormat.PixelFormat.Format_BGRA8888))
    assert converter.convert(rgb) is None
    converter.close()


def test_pictures_are_reused_and_never_changed_under_who_holds_them(
    frames: list[QVideoFrame],
) -> None:
    converter = Converter()
    held = converter.convert(frames[1])  # as the deck holds the frame it paints
    assert held is not None
    before = bytes(held.constBits())
    keys = []
    for frame in frames[2:5]:  # three more: the pool comes round to the held one
        image = converter.convert(frame)
        assert image is not None
        keys.append(image.cacheKey() >> 32)
        del image
    assert bytes(held.constBits()) == before  # copied by Qt, not written over
    again = converter.convert(frames[1])
    assert again is not None and again.cacheKey() >> 32 in keys  # let go of: reused
    converter.close()
