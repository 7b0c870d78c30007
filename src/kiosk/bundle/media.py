"""Checks that a bundle's pictures and fonts are what they claim, safely.

Images are read with QImageReader pinned to the format their extension names (no
content sniffing), their size is checked before any pixel is decoded, and Qt's
allocation limit is fixed here rather than left to the environment. SVG is parsed
with expat first: no entities, no outside references, bounded nesting.
"""

from __future__ import annotations

import os
import re
import xml.parsers.expat
from pathlib import PurePosixPath

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice
from PySide6.QtGui import QFontDatabase, QGuiApplication, QImageReader
from PySide6.QtSvg import QSvgRenderer

MAX_IMAGE_SIDE = 16_384
ALLOCATION_LIMIT_MB = 256
MAX_SVG_BYTES = 8 * 1024 * 1024
MAX_SVG_DEPTH = 128
MAX_SVG_ELEMENTS = 100_000
MAX_FONT_BYTES = 16 * 1024 * 1024

RASTER_FORMATS = {".png": b"png", ".jpg": b"jpeg", ".jpeg": b"jpeg"}
IMAGE_SUFFIXES = (*RASTER_FORMATS, ".svg")
FONT_SUFFIXES = (".ttf", ".otf")
_FONT_MAGIC = (b"\x00\x01\x00\x00", b"true", b"OTTO")
_SAFE_HREF = re.compile(r"^\s*(#|data:image/(png|jpeg);base64,)", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.IGNORECASE)
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


def image_problem(name: str, data: bytes, *, decode: bool = True) -> str | None:
    """Why ``data`` is not a usable picture for file ``name``, or None."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".svg":
        return svg_problem(data)
    image_format = RASTER_FORMATS.get(suffix)
    if image_format is None:
        return f"is not a supported picture; use {', '.join(IMAGE_SUFFIXES)}"
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
    if size.width() > MAX_IMAGE_SIDE or size.height() > MAX_IMAGE_SIDE:
        return (
            f"is {size.width()} x {size.height()} pixels; "
            f"pictures may be at most {MAX_IMAGE_SIDE} pixels a side"
        )
    megabytes = size.width() * size.height() * 4 / 2**20
    if megabytes > ALLOCATION_LIMIT_MB:
        return (
            f"is {size.width()} x {size.height()} pixels, which takes {megabytes:,.0f} MB "
            f"to show; the limit is {ALLOCATION_LIMIT_MB} MB: make it smaller"
        )
    if not decode:
        return None
    if reader.read().isNull():
        return f"cannot be decoded as {kind} ({reader.errorString()})"
    return None


def svg_problem(data: bytes) -> str | None:
    """Why ``data`` is not a safe, valid SVG, or None."""
    if len(data) > MAX_SVG_BYTES:
        return f"is larger than {MAX_SVG_BYTES // 2**20} MB"
    problem = _svg_structure_problem(data)
    if problem:
        return problem
    ensure_gui()
    if not QSvgRenderer(QByteArray(data)).isValid():
        return "is not a valid SVG picture"
    return None


class _UnsafeSvgError(Exception):
    """Stops the expat parse with a curator-facing reason."""


def _svg_structure_problem(data: bytes) -> str | None:
    parser = xml.parsers.expat.ParserCreate()
    depth = 0
    elements = 0
    in_style = False

    def refuse(reason: str) -> None:
        raise _UnsafeSvgError(reason)

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal depth, elements, in_style
        depth += 1
        elements += 1
        if depth > MAX_SVG_DEPTH:
            refuse(f"nests elements more than {MAX_SVG_DEPTH} deep")
        if elements > MAX_SVG_ELEMENTS:
            refuse(f"has more than {MAX_SVG_ELEMENTS} elements")
        if elements == 1 and tag.rsplit(":", 1)[-1] != "svg":
            refuse("is not an SVG document (its first element is not <svg>)")
        for key, value in attributes.items():
            if key.rsplit(":", 1)[-1] == "href" and not _SAFE_HREF.match(value):
                refuse(f"refers to an outside resource ({value[:60]}); embed it instead")
            if key == "style" and _CSS_URL.search(value):
                refuse("refers to an outside resource in a style")
        in_style = tag.rsplit(":", 1)[-1] == "style"

    def end(_tag: str) -> None:
        nonlocal depth, in_style
        depth -= 1
        in_style = False

    def text(chunk: str) -> None:
        if in_style and _CSS_URL.search(chunk):
            refuse("refers to an outside resource in a style sheet")

    def entity(*_args: object) -> None:
        refuse("declares XML entities, which are not allowed in pictures")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.EntityDeclHandler = entity
    parser.ExternalEntityRefHandler = entity  # type: ignore[assignment]
    try:
        parser.Parse(data, True)
    except _UnsafeSvgError as refused:
        return str(refused)
    except xml.parsers.expat.ExpatError as error:
        reason = xml.parsers.expat.errors.messages.get(error.code, "syntax error")
        return f"is not well-formed SVG (line {error.lineno}: {reason})"
    if elements == 0:
        return "is empty"
    return None


def font_problem(data: bytes) -> str | None:
    """Why ``data`` is not a loadable TrueType or OpenType font, or None."""
    if len(data) > MAX_FONT_BYTES:
        return f"is larger than {MAX_FONT_BYTES // 2**20} MB"
    if data[:4] not in _FONT_MAGIC:
        return "is not a TrueType or OpenType font"
    ensure_gui()
    font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
    if font_id < 0:
        return "cannot be loaded as a font"
    QFontDatabase.removeApplicationFont(font_id)
    return None
