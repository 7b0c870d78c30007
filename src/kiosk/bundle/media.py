"""What the loader asks of a bundle's pictures and fonts, and the plain-Python answer.

The loader checks media through a :class:`MediaCheck`. :data:`HEADERS`, the one used
unless another is given, needs no Qt: pictures from their headers (kiosk.bundle.pictures),
SVG from its structure (kiosk.bundle.svg), fonts from their first bytes. The kiosk and
the curators' commands use :class:`kiosk.qtmedia.QtMediaCheck`, which also decodes
pictures and loads fonts with Qt, the way they will be shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from kiosk.bundle.avfacts import AVFacts, AVRequest
from kiosk.bundle.pictures import (
    ALLOCATION_LIMIT_MB,
    MAX_IMAGE_SIDE,
    RASTER_FORMATS,
    raster_problem,
)
from kiosk.bundle.svg import MAX_SVG_BYTES, svg_problem

__all__ = [
    "ALLOCATION_LIMIT_MB",
    "FONT_SUFFIXES",
    "HEADERS",
    "IMAGE_SUFFIXES",
    "MAX_FONT_BYTES",
    "MAX_IMAGE_SIDE",
    "MAX_SVG_BYTES",
    "RASTER_FORMATS",
    "HeaderCheck",
    "MediaCheck",
    "font_header_problem",
]

MAX_FONT_BYTES = 16 * 1024 * 1024
IMAGE_SUFFIXES = (*RASTER_FORMATS, ".svg")
FONT_SUFFIXES = (".ttf", ".otf")
_FONT_MAGIC = (b"\x00\x01\x00\x00", b"true", b"OTTO")


class MediaCheck(Protocol):
    """Says why a media file is not usable (a curator-facing phrase that follows the
    file's name, e.g. "is not a PNG picture ..."), or None when it is."""

    def image_problem(self, suffix: str, data: bytes, *, decode: bool) -> str | None:
        """A raster picture (``suffix`` is ".png", ".jpg" or ".jpeg"). With ``decode``
        false, only what its header says is checked (fast start-up)."""
        ...

    def svg_problem(self, data: bytes) -> str | None:
        """An SVG picture."""
        ...

    def font_problem(self, data: bytes) -> str | None:
        """A TrueType or OpenType font."""
        ...

    def av_facts(self, requests: Sequence[AVRequest]) -> list[AVFacts | None]:
        """What each video or audio file holds (streams, codecs, size, length, whether
        it decodes, the frames asked for), in order; None for a file this check cannot
        open (the loader then knows only its header). Called once per load, with every
        file whose header passed."""
        ...


def font_header_problem(data: bytes) -> str | None:
    """Why ``data`` is not a TrueType or OpenType font as far as its size and first bytes
    tell, or None."""
    if len(data) > MAX_FONT_BYTES:
        return f"is larger than {MAX_FONT_BYTES // 2**20} MB"
    if data[:4] not in _FONT_MAGIC:
        return "is not a TrueType or OpenType font"
    return None


class HeaderCheck:
    """The plain-Python check: every picture's format and size from its header, SVG's
    structure, a font's magic number and size. Nothing is decoded, so ``decode`` has no
    effect; a picture damaged after its header passes here and shows as a blank. Video
    and audio are not opened: their container header is checked by the loader."""

    def image_problem(self, suffix: str, data: bytes, *, decode: bool = True) -> str | None:
        return raster_problem(suffix, data)

    def svg_problem(self, data: bytes) -> str | None:
        return svg_problem(data)

    def font_problem(self, data: bytes) -> str | None:
        return font_header_problem(data)

    def av_facts(self, requests: Sequence[AVRequest]) -> list[AVFacts | None]:
        return [None for _ in requests]


HEADERS: MediaCheck = HeaderCheck()
