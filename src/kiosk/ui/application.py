"""The one QApplication of the live kiosk, made the same way whoever makes it first.

Both the first frame (``first_frame``) and the full start (``app``) may be the first to
need it, so what must hold before Qt reads its environment is done here, once.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys

from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.media.raster import force_cpu_conversion

log = logging.getLogger("kiosk.app")

#: Environment variables that would loosen Qt's limits on hostile pictures.
LOOSENING = ("QT_IMAGEIO_MAXALLOC", "QT_SVG_DEFAULT_OPTIONS")


#: What QtMultimedia says of a machine, not of a fault, at every film it opens: no sound
#: server or device (the kiosk then plays silently), no GPU (frames are converted on the
#: CPU, as chosen: kiosk.media.raster). Logged once, as information, not as a problem
#: in staff's Diagnostics at every slide.
MACHINE_NOTES = (
    "No audio device detected",
    "PulseAudioService: pa_context_connect() failed",
    "No RHI backend. Using CPU conversion",
    "No HW decoder found",
    "Using Qt multimedia with FFmpeg",
)
_noted: set[str] = set()


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    note = next((note for note in MACHINE_NOTES if note in message), None)
    if note is not None:
        if note not in _noted:
            _noted.add(note)
            logging.getLogger("qt").info("%s", message)
        return
    if kind == QtMsgType.QtDebugMsg:
        level = logging.DEBUG
    elif kind == QtMsgType.QtInfoMsg:
        level = logging.INFO
    else:
        level = logging.WARNING
    logging.getLogger("qt").log(level, "%s", message)


def tune_malloc() -> None:
    """Keep a long-running kiosk's memory flat (measured in benchmarks/README.md).

    Slide pictures are megabyte-sized buffers made and freed all day. By default glibc
    raises its mmap threshold after the first such free, so later buffers come from the
    heap, which fragments and is never returned; and every worker thread gets an arena
    of its own. A fixed 1 MB threshold and two arenas avoid both.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 1024 * 1024)  # M_MMAP_THRESHOLD: large buffers go back to the OS
        libc.mallopt(-8, 2)  # M_ARENA_MAX
    except (OSError, AttributeError):
        log.debug("mallopt is not available; malloc keeps its defaults")


def application() -> QApplication:
    """The running QApplication, made now if there is none yet."""
    tune_malloc()
    qInstallMessageHandler(_qt_message)
    for variable in LOOSENING:
        os.environ.pop(variable, None)
    existing = QApplication.instance()
    if existing is None:
        force_cpu_conversion()  # read when the application is made (kiosk.media.raster)
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([sys.argv[0] if sys.argv else "kiosk"])
    )
    app.setApplicationName("kiosk")
    app.setQuitOnLastWindowClosed(False)  # only staff (or the preview's Escape) end it
    return app


def fill_screen(widget: QWidget, screen: QScreen) -> None:
    """Show ``widget`` full screen on ``screen``.

    Without a window manager showFullScreen alone leaves a small window in a corner:
    the screen's geometry is set as well.
    """
    widget.setGeometry(screen.geometry())
    widget.showFullScreen()
    widget.setGeometry(screen.geometry())
