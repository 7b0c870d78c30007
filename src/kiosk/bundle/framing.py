"""How pictures are framed on the bundle's screens, worked out from their headers.

A picture drawn with ``fit = "cover"`` fills the screen and loses what does not fit:
a portrait photograph on a landscape screen shows only a third of its height. This
module tells, without Qt and without decoding a pixel, how much of each such picture
stays in view on the screens the bundle is made for, so that ``kiosk validate`` can
warn before a curator ships a crop that loses the picture's subject.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from kiosk.bundle.locate import KeyPath
from kiosk.bundle.model import ImageSlide, Manifest, VideoSlide, screen_size
from kiosk.bundle.pictures import JPEG_START, jpeg_size, png_size

Size = tuple[int, int]

#: Below this share of a picture's area left in view by "cover", validate warns.
MIN_SHOWN = 0.5


def target_screens(manifest: Manifest) -> tuple[Size, ...]:
    """The screens, as (width, height) pixels, that ``manifest`` is checked on: the one
    place that says so for the framing checks."""
    return tuple(screen_size(screen) for screen in manifest.bundle.screens)


def shown_share(picture: Size, box: Size) -> float:
    """The share of a ``picture``'s area left in view when it covers ``box`` (scaled to
    fill it, the rest cropped): 1.0 when their shapes are the same."""
    picture_ratio = picture[0] / picture[1]
    box_ratio = box[0] / box[1]
    return min(picture_ratio / box_ratio, box_ratio / picture_ratio)


def upright_size(name: str, data: bytes) -> Size | None:
    """The pixel size of PNG or JPEG ``data`` (file ``name``) as shown: a JPEG whose EXIF
    orientation turns it a quarter turn has its width and height swapped. None for other
    files (SVG is drawn at any size) and for a header that does not say."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".png":
        size = png_size(data)
    elif suffix in (".jpg", ".jpeg"):
        size = jpeg_size(data)
        if size is not None and exif_orientation(data) in (5, 6, 7, 8):
            size = (size[1], size[0])
    else:
        return None
    return size if size is not None and 0 not in size else None


def exif_orientation(data: bytes) -> int | None:
    """The EXIF orientation (1 to 8) of JPEG ``data``, from its APP1 segment, or None.

    5 to 8 mean the stored picture is shown turned a quarter turn (a phone held
    upright). Walks the segments before the first frame, each by its length."""
    if not data.startswith(JPEG_START):
        return None
    at = len(JPEG_START)
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if length < 2 or 0xC0 <= marker <= 0xCF or marker == 0xDA:
            return None  # no EXIF before the frame or the image data
        if marker == 0xE1:
            segment = data[at + 4 : at + 2 + length]
            if segment.startswith(b"Exif\x00\x00"):
                return _tiff_orientation(segment[6:])
        at += 2 + length
    return None


def _tiff_orientation(tiff: bytes) -> int | None:
    """Tag 0x0112 of the first directory of a TIFF header (the EXIF block)."""
    order = {b"II": "little", b"MM": "big"}.get(tiff[:2])
    if order is None or len(tiff) < 8:
        return None

    def number(at: int, width: int) -> int:
        return int.from_bytes(tiff[at : at + width], order)  # type: ignore[arg-type]

    directory = number(4, 4)
    if directory + 2 > len(tiff):
        return None
    for entry in range(number(directory, 2)):
        at = directory + 2 + entry * 12
        if at + 12 > len(tiff):
            return None
        if number(at, 2) == 0x0112:
            value = number(at + 8, 2)
            return value if 1 <= value <= 8 else None
    return None


def covered_pictures(
    manifest: Manifest,
) -> Iterator[tuple[KeyPath, str, ImageSlide | VideoSlide]]:
    """The pictures drawn with ``fit = "cover"`` over the whole screen, with the key
    path of their ``fit`` and their slide: image slides, and video slides' posters."""
    for index, slide in enumerate(manifest.slides):
        if isinstance(slide, ImageSlide | VideoSlide) and slide.fit == "cover":
            picture = slide.image if isinstance(slide, ImageSlide) else slide.poster
            if picture is not None:
                yield ("slides", index, "fit"), picture, slide


def framing_warnings(
    manifest: Manifest, size_of: Callable[[str], Size | None]
) -> Iterator[tuple[KeyPath, str]]:
    """Warnings about how pictures are framed: a "cover" that crops away more than
    about half of a picture on one of the bundle's screens, and a ``focal`` point that
    does nothing because the picture is never cropped. ``size_of`` gives a picture's
    size as shown (None if unknown: SVG, or unreadable)."""
    screens = target_screens(manifest)
    for path, picture, slide in covered_pictures(manifest):
        size = size_of(picture)
        if size is None:
            continue
        share, screen = min((shown_share(size, screen), screen) for screen in screens)
        if share < MIN_SHOWN:
            cut = "top and bottom" if size[0] / size[1] < screen[0] / screen[1] else "sides"
            advice = (
                'its focal point stays in view; use fit = "contain" to show all of it'
                if slide.focal
                else 'use fit = "contain" to show all of it, or give focal = [x, y] to keep '
                "its subject in view"
            )
            yield (
                path,
                f'"cover" shows only {share:.0%} of {picture} ({size[0]} x {size[1]} pixels) '
                f"on a {screen[0]}x{screen[1]} screen, cropping its {cut}: {advice}",
            )
    for index, slide in enumerate(manifest.slides):
        if isinstance(slide, ImageSlide | VideoSlide) and slide.focal and slide.fit != "cover":
            yield (
                ("slides", index, "focal"),
                'does nothing here: only a picture shown with fit = "cover" is cropped; '
                'add fit = "cover" or take focal out',
            )
