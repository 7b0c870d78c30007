"""PNG and JPEG pictures checked from their headers, in plain Python.

Only the few bytes that say what a file is and how large it will be when decoded are
read, so a hostile picture is refused before any decoder sees it, and the bundle layer
can check pictures without Qt. Decoding the pixels is the Qt side's job
(:mod:`kiosk.qtmedia`).
"""

from __future__ import annotations

import zlib

MAX_IMAGE_SIDE = 16_384
#: Qt refuses to allocate more than this for one decoded picture (kiosk.qtmedia fixes it).
ALLOCATION_LIMIT_MB = 256

#: The decoder each raster suffix is pinned to (no content sniffing).
RASTER_FORMATS = {".png": b"png", ".jpg": b"jpeg", ".jpeg": b"jpeg"}

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_START = b"\xff\xd8"
#: JPEG markers that stand alone, without a length: TEM, RST0-7, SOI.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8), 0xD8})
#: Start-of-frame markers SOF0-SOF15 hold the size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
_START_OF_FRAME = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_START_OF_SCAN, _END_OF_IMAGE = 0xDA, 0xD9


def png_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a PNG's IHDR chunk (which must come first), or None."""
    header = data[8:33]
    if len(header) < 25 or header[:8] != b"\x00\x00\x00\x0dIHDR":
        return None
    if zlib.crc32(header[4:21]) != int.from_bytes(header[21:25], "big"):
        return None
    return int.from_bytes(header[8:12], "big"), int.from_bytes(header[12:16], "big")


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from a JPEG's first start-of-frame segment, or None.

    Walks the segments from the start (APPn, comments, tables ...), each by its length,
    so the walk ends after at most len(data) / 2 steps whatever the bytes say.
    """
    at = len(JPEG_START)
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if marker in _STANDALONE:
            at += 2
            continue
        if marker in (_START_OF_SCAN, _END_OF_IMAGE):
            return None  # image data before any frame header
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if length < 2:
            return None
        if marker in _START_OF_FRAME:
            frame = data[at + 4 : at + 9]  # precision, height, width
            if len(frame) < 5 or length < 7:
                return None
            return int.from_bytes(frame[3:5], "big"), int.from_bytes(frame[1:3], "big")
        at += 2 + length
    return None


def raster_problem(suffix: str, data: bytes) -> str | None:
    """Why ``data``, named with ``suffix`` (".png", ".jpg" ...), is not a usable picture
    as far as its header tells, or None. The messages are those of the Qt check."""
    image_format = RASTER_FORMATS.get(suffix)
    if image_format is None:
        return f"is not a supported picture; use {', '.join((*RASTER_FORMATS, '.svg'))}"
    kind = image_format.decode().upper()
    if image_format == b"png":
        if not data.startswith(PNG_SIGNATURE):
            return f"is not a {kind} picture, whatever its name says"
        size = png_size(data)
    else:
        if not data.startswith(JPEG_START):
            return f"is not a {kind} picture, whatever its name says"
        size = jpeg_size(data)
    if size is None or 0 in size:
        return f"is a damaged {kind} picture (its size cannot be read)"
    return size_problem(*size)


def size_problem(width: int, height: int) -> str | None:
    """Why a picture of ``width`` x ``height`` pixels is too large to show, or None."""
    if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
        return (
            f"is {width} x {height} pixels; pictures may be at most {MAX_IMAGE_SIDE} pixels a side"
        )
    megabytes = width * height * 4 / 2**20
    if megabytes > ALLOCATION_LIMIT_MB:
        return (
            f"is {width} x {height} pixels, which takes {megabytes:,.0f} MB "
            f"to show; the limit is {ALLOCATION_LIMIT_MB} MB: make it smaller"
        )
    return None
