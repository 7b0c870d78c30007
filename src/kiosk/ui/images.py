"""Pictures for slides: decoded off the UI thread, scaled once per size, and cached.

SVG is drawn at the size it is shown, so it is crisp at any resolution; raster images
are decoded straight to their display size (QImageReader.setScaledSize), so a large
photo never sits in memory at full resolution.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from enum import Enum
from pathlib import PurePosixPath

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

from kiosk.bundle import Bundle, BundleError
from kiosk.bundle.media import MAX_IMAGE_SIDE, RASTER_FORMATS
from kiosk.bundle.pictures import jpeg_size, png_size
from kiosk.qtmedia import harden_qt

log = logging.getLogger(__name__)

MAX_CACHED = 48
#: Bytes read to learn a picture's size from its header.
HEADER_BYTES = 256 * 1024
#: Decoded pictures kept, at most, in bytes: enough for the slides around the current one.
MAX_CACHED_BYTES = 48 * 1024 * 1024


class Fit(Enum):
    CONTAIN = "contain"  # the whole picture, inside the box
    COVER = "cover"  # fills the box, cropped at the edges


#: A point of a picture as fractions of its width and height from its top-left corner.
Focal = tuple[float, float]
#: The middle of a picture: what "cover" keeps in view unless told otherwise.
MIDDLE: Focal = (0.5, 0.5)

#: How a picture that covers its box is cropped: the picture's focal point, and the point
#: of the box it is brought to (both as fractions; the middle of the box unless words
#: cover part of it).
Crop = tuple[Focal, Focal]
CENTRED: Crop = (MIDDLE, MIDDLE)

Key = tuple[str, int, int, Fit, Crop]


def decode(name: str, data: bytes, box: QSize, fit: Fit, crop: Crop = CENTRED) -> QImage:
    """``data`` (file ``name``) as an image scaled to ``box``; a null image if it fails.
    "cover" crops it to the box around its focal point (``crop``, see :func:`crop_origin`)."""
    harden_qt()
    if PurePosixPath(name).suffix.lower() == ".svg":
        return _draw_svg(data, box, fit, crop)
    opened = open_raster(name, data)
    if opened is None:
        return QImage()
    reader, _buffer = opened
    size = reader.size()
    if not size.isValid() or max(size.width(), size.height()) > MAX_IMAGE_SIDE:
        return QImage()
    scaled = _scaled(size, box, fit)
    reader.setScaledSize(scaled)
    image = reader.read()
    return _crop(image, box, crop) if fit is Fit.COVER and not image.isNull() else image


def open_raster(name: str, data: bytes) -> tuple[QImageReader, QBuffer] | None:
    """A reader of ``data`` in the raster format file ``name``'s extension says (never one
    guessed from the bytes), turning the picture upright by its EXIF orientation; None if
    the name is no raster picture's. Keep the buffer for as long as the reader is used."""
    image_format = RASTER_FORMATS.get(PurePosixPath(name).suffix.lower())
    if image_format is None:
        return None
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, image_format)
    reader.setAutoDetectImageFormat(False)
    reader.setAutoTransform(True)
    return reader, buffer


def _scaled(size: QSize, box: QSize, fit: Fit) -> QSize:
    mode = (
        Qt.AspectRatioMode.KeepAspectRatioByExpanding
        if fit is Fit.COVER
        else Qt.AspectRatioMode.KeepAspectRatio
    )
    return size.scaled(box, mode)


def crop_origin(scaled: float, box: float, focal: float, anchor: float = 0.5) -> float:
    """Where, along one axis, the box's edge falls in a picture scaled to ``scaled``
    (at least ``box``): the picture's ``focal`` point (a fraction of it) as near the
    box's ``anchor`` (a fraction of the box: its middle by default) as the picture's
    edges allow, so that a focal point near an edge brings that edge into view, never
    past it."""
    return min(max(0.0, scaled * focal - box * anchor), max(0.0, scaled - box))


def _crop(image: QImage, box: QSize, crop: Crop = CENTRED) -> QImage:
    (focal_x, focal_y), (anchor_x, anchor_y) = crop
    left = round(crop_origin(image.width(), box.width(), focal_x, anchor_x))
    top = round(crop_origin(image.height(), box.height(), focal_y, anchor_y))
    return image.copy(QRect(QPoint(left, top), box))


def _draw_svg(data: bytes, box: QSize, fit: Fit, crop: Crop = CENTRED) -> QImage:
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        return QImage()
    natural = renderer.defaultSize()
    if natural.isEmpty():
        natural = box
    # At least a pixel each way: a very wide picture scaled to its box's width can come
    # out no pixel high, and an image of no height cannot be painted on.
    target = _scaled(natural, box, fit).expandedTo(QSize(1, 1))
    image = QImage(target, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return _crop(image, box, crop) if fit is Fit.COVER else image


class PictureSizes:
    """The pixel size of each raster picture of a bundle, as its decoder will see it
    (turned by its EXIF orientation); None for SVG, which is drawn at any size."""

    def __init__(self, bundle: Bundle) -> None:
        self._bundle = bundle
        self._known: dict[str, tuple[int, int] | None] = {}

    def __call__(self, name: str) -> tuple[int, int] | None:
        if name not in self._known:
            self._known[name] = self._read(name)
        return self._known[name]

    def _read(self, name: str) -> tuple[int, int] | None:
        if PurePosixPath(name).suffix.lower() not in RASTER_FORMATS:
            return None
        # The header is enough (a slide's layout asks, on the GUI thread): the whole
        # file only when the header is past the first bytes (a JPEG's long EXIF).
        try:
            data = b""
            if name not in self._bundle.frames:
                data = self._bundle.source.head(name, HEADER_BYTES)
            if not (png_size(data) or jpeg_size(data)):  # Qt would warn of a short file
                data = self._bundle.read_media(name)
            opened = open_raster(name, data)
        except BundleError:
            return None  # the loader has said so already
        if opened is None:
            return None
        reader, _buffer = opened
        size = reader.size()
        if not size.isValid():
            return None
        if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
            size = size.transposed()
        return size.width(), size.height()


class ImageStore(QObject):
    """The pictures of one bundle, at the sizes slides ask for."""

    #: A picture asked for with ``picture`` is ready: ask again to get it.
    ready = Signal()

    def __init__(self, bundle: Bundle, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bundle = bundle
        self._cache: OrderedDict[Key, QImage] = OrderedDict()
        self._pending: dict[Key, Future[QImage]] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="images")
        #: Each picture's own size, read once for every layout and check that asks.
        self.sizes = PictureSizes(bundle)
        self._svg_shapes: dict[str, tuple[float, float] | None] = {}

    @property
    def bundle(self) -> Bundle:
        """The bundle the pictures come from (a film's poster frame among them)."""
        return self._bundle

    def shape(self, name: str) -> tuple[float, float] | None:
        """The picture's own width and height (an SVG's view box), for a layout that
        places it by its shape; None when unknown. Read once, on the calling thread."""
        if PurePosixPath(name).suffix.lower() != ".svg":
            return self.sizes(name)
        if name not in self._svg_shapes:
            try:
                box = QSvgRenderer(QByteArray(self._bundle.read_media(name))).viewBoxF()
            except BundleError:
                box = None
            usable = box is not None and box.width() > 0 and box.height() > 0
            self._svg_shapes[name] = (box.width(), box.height()) if usable else None
        return self._svg_shapes[name]

    def picture(
        self, name: str, box: QSize, fit: Fit = Fit.CONTAIN, crop: Crop = CENTRED
    ) -> QImage | None:
        """The picture if it is ready; otherwise start decoding it and return None."""
        key = (name, box.width(), box.height(), fit, crop)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            if key not in self._pending:
                self._pending[key] = self._pool.submit(self._decode, key)
        return None

    def picture_now(
        self, name: str, box: QSize, fit: Fit = Fit.CONTAIN, crop: Crop = CENTRED
    ) -> QImage:
        """The picture, decoding it on this thread if need be (for offscreen rendering)."""
        key = (name, box.width(), box.height(), fit, crop)
        with self._lock:
            cached = self._cache.get(key)
        return cached if cached is not None else self._decode(key, notify=False)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _decode(self, key: Key, *, notify: bool = True) -> QImage:
        name, width, height, fit, crop = key
        try:
            image = decode(name, self._bundle.read_media(name), QSize(width, height), fit, crop)
        except BundleError as error:
            log.warning("picture %s cannot be read: %s", name, error)
            image = QImage()
        if image.isNull():
            log.warning("picture %s could not be decoded at %dx%d", name, width, height)
        with self._lock:
            self._cache[key] = image
            self._pending.pop(key, None)
            while len(self._cache) > 1 and (
                len(self._cache) > MAX_CACHED
                or sum(cached.sizeInBytes() for cached in self._cache.values()) > MAX_CACHED_BYTES
            ):
                self._cache.popitem(last=False)
        if notify:
            self.ready.emit()
        return image
