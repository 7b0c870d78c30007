"""The Qt side of checking a bundle's media: pictures decoded and fonts loaded the way the
kiosk will show them. Qt, but no widgets.

Images are read with QImageReader pinned to the format their extension names (no
content sniffing), their size is checked before any pixel is decoded, and Qt's
allocation limit is fixed here rather than left to the environment. SVG passes the
plain-Python structure check (kiosk.bundle.svg) before QSvgRenderer sees it.

:func:`load` is :func:`kiosk.bundle.load` with these checks: the kiosk and the
curators' commands use it; the bundle layer itself stays free of Qt. Video and audio are
opened in a child process (kiosk.media.probe), never in this one.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImageReader
from PySide6.QtSvg import QSvgRenderer

from kiosk.bundle import loader
from kiosk.bundle.avfacts import AVFacts, AVRequest
from kiosk.bundle.media import RASTER_FORMATS, font_header_problem
from kiosk.bundle.pictures import ALLOCATION_LIMIT_MB, size_problem
from kiosk.bundle.svg import svg_problem

#: Variables with which an environment could raise Qt's decoding limits.
_LIMIT_VARIABLES = ("QT_IMAGEIO_MAXALLOC", "QT_SVG_DEFAULT_OPTIONS")

_app: QGuiApplication | None = None


def harden_qt() -> None:
    """Fix Qt's image limits, whatever the environment says. Call before decoding."""
    for variable in _LIMIT_VARIABLES:
        os.environ.pop(variable, None)
    QImageReader.setAllocationLimit(ALLOCATION_LIMIT_MB)


def ensure_gui() -> None:
    """Fonts and some image plugins need a QGuiApplication: make an offscreen one if none."""
    global _app
    harden_qt()
    if QCoreApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([])


class QtMediaCheck:
    """:class:`kiosk.bundle.media.MediaCheck` with Qt's decoders."""

    def image_problem(self, suffix: str, data: bytes, *, decode: bool = True) -> str | None:
        image_format = RASTER_FORMATS.get(suffix)
        if image_format is None:
            return f"is not a supported picture; use {', '.join((*RASTER_FORMATS, '.svg'))}"
        ensure_gui()
        array = QByteArray(data)
        buffer = QBuffer(array)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QImageReader(buffer, image_format)
        reader.setAutoDetectImageFormat(False)
        kind = image_format.decode().upper()
        if not reader.canRead():
            return f"is not a {kind} picture, whatever its name says"
        size = reader.size()
        if not size.isValid() or size.isEmpty():
            return f"is a damaged {kind} picture (its size cannot be read)"
        if problem := size_problem(size.width(), size.height()):
            return problem
        if not decode:
            return None
        if reader.read().isNull():
            return f"cannot be decoded as {kind} ({reader.errorString()})"
        return None

    def svg_problem(self, data: bytes) -> str | None:
        if problem := svg_problem(data):
            return problem
        ensure_gui()
        if not QSvgRenderer(QByteArray(data)).isValid():
            return "is not a valid SVG picture"
        return None

    def font_problem(self, data: bytes) -> str | None:
        if problem := font_header_problem(data):
            return problem
        ensure_gui()
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
        if font_id < 0:
            return "cannot be loaded as a font"
        QFontDatabase.removeApplicationFont(font_id)
        return None

    def av_facts(self, requests: Sequence[AVRequest]) -> list[AVFacts | None]:
        """Every file opened with QtMultimedia in one child process (kiosk.media.probe):
        a file that crashes or hangs the decoder there is refused, the kiosk unharmed."""
        from kiosk.media.probe import probe

        return list(probe(requests))


QT_MEDIA = QtMediaCheck()


def load(path: str | Path, *, decode_media: bool = True) -> loader.Bundle:
    """Load and check the bundle at ``path`` (a folder or a .kiosk zip), decoding its
    pictures and loading its fonts with Qt.

    Raises BundleError listing every problem found. With ``decode_media`` false,
    pictures are checked from their headers only (fast start-up); fonts and SVG
    are always parsed.
    """
    return loader.load(path, decode_media=decode_media, media=QT_MEDIA)
