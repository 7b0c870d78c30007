"""Video frames to QImages with FFmpeg's swscale, the copy QtMultimedia itself loaded.

``QVideoFrame.toImage()`` converts YUV to RGB with Qt's own scalar code: 8.4 ms a 1080p
frame on the measuring machine, a quarter of a core at 30 frames a second, which made
the kiosk cost 1.6x mpv's CPU (benchmarks/film.py). swscale's SIMD converter does the
same in a fraction of it. The libraries are found among those the process has mapped
(QtMultimedia's FFmpeg plugin links them), so no second FFmpeg is brought in; where
they are not found, or a frame is in a layout this module does not know, the caller
falls back to ``toImage()``. The call runs without the GIL (ctypes releases it).

Colours as Qt's converter gives them: the frame's matrix, BT.601 when the file does not
say (as Qt; it is what FFmpeg writes untagged, checked on its colour bars), limited
("TV") range unless the file says full.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
import threading

from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QVideoFrame, QVideoFrameFormat

from kiosk.media.ffmpeg_log import mapped_library

log = logging.getLogger("kiosk.media")

_PLANAR = {
    QVideoFrameFormat.PixelFormat.Format_YUV420P: b"yuv420p",
    QVideoFrameFormat.PixelFormat.Format_NV12: b"nv12",
}
POOL = 3
SWS_POINT = 0x10  # no scaling happens: the cheapest flag
SWS_CS_ITU709, SWS_CS_ITU601 = 1, 5
_MATRIX = {
    QVideoFrameFormat.ColorSpace.ColorSpace_BT709: SWS_CS_ITU709,
    QVideoFrameFormat.ColorSpace.ColorSpace_BT601: SWS_CS_ITU601,
}


class Converter:
    """Converts frames for one player's thread (a context per thread, kept)."""

    def __init__(self) -> None:
        self._sws = self._util = None
        self._lock = threading.Lock()
        self._context: ctypes.c_void_p | None = None
        self._shape: tuple[int, int, int, int, int] | None = None
        self._formats: dict[bytes, int] = {}
        #: Pictures converted into before, reused in turn: a new 8 MB picture a frame is
        #: 2,000 page faults a frame, 30 times a second. One still held elsewhere (the
        #: deck painting it) is copied by Qt when written to, never changed under it.
        self._pool: list[QImage] = []
        self._turn = 0
        if sys.platform.startswith("linux"):
            self._load()

    @property
    def available(self) -> bool:
        return self._sws is not None

    def _load(self) -> None:
        paths = mapped_library("libswscale.so"), mapped_library("libavutil.so")
        if None in paths:
            return
        try:
            mode = os.RTLD_NOLOAD | os.RTLD_LAZY
            sws, util = (ctypes.CDLL(path, mode=mode) for path in paths)  # type: ignore[arg-type]
            sws.sws_getCachedContext.restype = ctypes.c_void_p
            sws.sws_getCachedContext.argtypes = [
                ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
            ]  # fmt: skip
            sws.sws_scale.restype = ctypes.c_int
            sws.sws_scale.argtypes = [
                ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_int),
                ctypes.c_int, ctypes.c_int,
                ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(ctypes.c_int),
            ]  # fmt: skip
            sws.sws_getCoefficients.restype = ctypes.POINTER(ctypes.c_int)
            sws.sws_getCoefficients.argtypes = [ctypes.c_int]
            sws.sws_setColorspaceDetails.restype = ctypes.c_int
            sws.sws_setColorspaceDetails.argtypes = [
                ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int,
                ctypes.POINTER(ctypes.c_int), ctypes.c_int, ctypes.c_int, ctypes.c_int,
                ctypes.c_int,
            ]  # fmt: skip
            sws.sws_freeContext.argtypes = [ctypes.c_void_p]
            util.av_get_pix_fmt.restype = ctypes.c_int
            util.av_get_pix_fmt.argtypes = [ctypes.c_char_p]
            for name in (*_PLANAR.values(), b"bgra"):
                value = util.av_get_pix_fmt(name)
                if value < 0:
                    return
                self._formats[name] = value
        except (OSError, AttributeError) as error:
            log.info("FFmpeg's swscale is not usable here (%s): Qt converts frames", error)
            return
        self._sws, self._util = sws, util

    def convert(self, frame: QVideoFrame) -> QImage | None:
        """``frame`` as an RGB32 QImage, or None where only Qt can convert it."""
        layout = _PLANAR.get(frame.pixelFormat())
        if self._sws is None or layout is None:
            return None
        width, height = frame.width(), frame.height()
        if width <= 0 or height <= 0 or not frame.map(QVideoFrame.MapMode.ReadOnly):
            return None
        try:
            planes = frame.planeCount()
            views = [frame.bits(plane) for plane in range(planes)]
            if any(view is None or len(view) == 0 for view in views):
                return None
            holders = [(ctypes.c_char * 1).from_buffer(view) for view in views]
            sources = (ctypes.c_void_p * 4)(*(ctypes.addressof(h) for h in holders))
            strides = (ctypes.c_int * 4)(*(frame.bytesPerLine(p) for p in range(planes)))
            image = self._free_image(width, height)
            target = (ctypes.c_char * 1).from_buffer(image.bits())
            destinations = (ctypes.c_void_p * 4)(ctypes.addressof(target))
            pitches = (ctypes.c_int * 4)(image.bytesPerLine())
            with self._lock:
                context = self._context_for(frame, layout, width, height)
                if context is None:
                    return None
                done = self._sws.sws_scale(
                    context, sources, strides, 0, height, destinations, pitches
                )
            del holders, target
            return image if done == height else None
        finally:
            frame.unmap()

    def _free_image(self, width: int, height: int) -> QImage:
        """The pool's next picture, POOL frames old (the deck has let go of it by then:
        it keeps the newest only), or a new one at a new size."""
        self._turn = (self._turn + 1) % POOL
        if len(self._pool) < POOL:
            self._pool.append(QImage(width, height, QImage.Format.Format_RGB32))
            return self._pool[-1]
        image = self._pool[self._turn]
        if image.width() != width or image.height() != height:
            image = self._pool[self._turn] = QImage(width, height, QImage.Format.Format_RGB32)
        return image

    def _context_for(
        self, frame: QVideoFrame, layout: bytes, width: int, height: int
    ) -> ctypes.c_void_p | None:
        surface = frame.surfaceFormat()
        matrix = _MATRIX.get(surface.colorSpace(), SWS_CS_ITU601)
        full = int(surface.colorRange() == QVideoFrameFormat.ColorRange.ColorRange_Full)
        shape = (self._formats[layout], width, height, matrix, full)
        if shape == self._shape and self._context:
            return self._context
        sws = self._sws
        context = sws.sws_getCachedContext(  # type: ignore[union-attr]
            self._context, width, height, self._formats[layout],
            width, height, self._formats[b"bgra"], SWS_POINT, None, None, None,
        )  # fmt: skip
        if not context:
            self._context, self._shape = None, None
            return None
        coefficients = sws.sws_getCoefficients(matrix)  # type: ignore[union-attr]
        # Brightness 0, contrast and saturation 1.0 in 16.16 fixed point: unchanged.
        sws.sws_setColorspaceDetails(  # type: ignore[union-attr]
            context, coefficients, full, coefficients, 1, 0, 1 << 16, 1 << 16
        )
        self._context, self._shape = ctypes.c_void_p(context), shape
        return self._context

    def close(self) -> None:
        with self._lock:
            if self._context and self._sws is not None:
                self._sws.sws_freeContext(self._context)
            self._context = self._shape = None
            self._pool.clear()
