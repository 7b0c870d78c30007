"""Picture headers read in plain Python agree with Qt's reader, and never trip on bytes."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageReader, QImageWriter

from kiosk.bundle.pictures import jpeg_size, png_size, raster_problem
from tests.bundles import png


def written(width: int, height: int, image_format: bytes, *, progressive: bool = False) -> bytes:
    """A picture as Qt writes it."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#806040"))
    image.setText("Description", "a comment segment before the frame header")
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, image_format)
    writer.setProgressiveScanWrite(progressive)
    assert writer.write(image), writer.errorString()
    buffer.close()
    return bytes(array.data())


def qt_size(data: bytes, image_format: bytes) -> tuple[int, int]:
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, image_format)
    reader.setAutoDetectImageFormat(False)
    size = reader.size()
    return size.width(), size.height()


def with_app_segments(jpeg: bytes) -> bytes:
    """``jpeg`` with an EXIF-like APP1 and a large APP2 after its start, the APP2 holding
    bytes that look like a start-of-frame (FF C0) for a careless scanner."""
    decoy = b"\xff\xc0\x00\x11\x08\x7f\xff\x7f\xff" + b"\x00" * 1000
    app1 = b"\xff\xe1" + struct.pack(">H", 2 + 14) + b"Exif\x00\x00MM\x00*\x00\x00\x00\x08"
    app2 = b"\xff\xe2" + struct.pack(">H", 2 + len(decoy)) + decoy
    return jpeg[:2] + app1 + app2 + jpeg[2:]


@pytest.mark.parametrize(("width", "height"), [(1, 1), (37, 5), (640, 480), (3000, 17)])
def test_jpeg_and_png_sizes_agree_with_qt(qapp: object, width: int, height: int) -> None:
    for progressive in (False, True):
        jpeg = written(width, height, b"jpeg", progressive=progressive)
        assert jpeg_size(jpeg) == qt_size(jpeg, b"jpeg") == (width, height)
        padded = with_app_segments(jpeg)
        assert jpeg_size(padded) == qt_size(padded, b"jpeg") == (width, height)
    qt_png = written(width, height, b"png")
    assert png_size(qt_png) == qt_size(qt_png, b"png") == (width, height)


def test_headers_that_qt_cannot_read_are_refused_with_its_words() -> None:
    assert raster_problem(".png", b"GIF89a") == "is not a PNG picture, whatever its name says"
    assert raster_problem(".jpg", png()) == "is not a JPEG picture, whatever its name says"
    damaged_png = png()[:20]
    assert raster_problem(".png", damaged_png) == (
        "is a damaged PNG picture (its size cannot be read)"
    )
    bad_crc = bytearray(png())
    bad_crc[20] ^= 0xFF  # a bit of the height flipped: the IHDR checksum no longer matches
    assert raster_problem(".png", bytes(bad_crc)) == (
        "is a damaged PNG picture (its size cannot be read)"
    )
    scan_first = b"\xff\xd8\xff\xda\x00\x08" + b"\x00" * 20
    assert raster_problem(".jpeg", scan_first) == (
        "is a damaged JPEG picture (its size cannot be read)"
    )
    assert raster_problem(".png", png(0, 4)) == (
        "is a damaged PNG picture (its size cannot be read)"
    )


def test_sizes_over_the_limits_are_refused_from_the_header() -> None:
    frame = b"\xff\xc2\x00\x11\x08" + struct.pack(">HH", 20_000, 10) + b"\x03" + b"\x00" * 9
    huge = b"\xff\xd8" + frame + b"\xff\xd9"
    assert raster_problem(".jpg", huge) == (
        "is 10 x 20000 pixels; pictures may be at most 16384 pixels a side"
    )
    assert raster_problem(".png", png(16_000, 16_000, rows=b"")) == (
        "is 16000 x 16000 pixels, which takes 977 MB to show; the limit is 256 MB: make it smaller"
    )


@settings(max_examples=300, deadline=None)
@given(
    start=st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8", b"\xff\xd8\xff", b""]),
    rest=st.binary(max_size=200),
    suffix=st.sampled_from([".png", ".jpg", ".jpeg"]),
)
def test_any_bytes_get_an_answer_not_an_exception(start: bytes, rest: bytes, suffix: str) -> None:
    answer = raster_problem(suffix, start + rest)
    assert answer is None or answer.startswith("is ")


def test_a_jpeg_of_markers_only_is_walked_in_bounded_steps() -> None:
    # 100,000 fill bytes and empty comment segments: the walk ends, step by step.
    data = b"\xff\xd8" + b"\xff" * 100_000 + b"\xff\xfe\x00\x02" * 100_000
    assert jpeg_size(data) is None
