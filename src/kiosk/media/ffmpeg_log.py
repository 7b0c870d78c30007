"""Keep FFmpeg's informational dump of every opened file out of the journal.

FFmpeg prints each file's streams ("Input #0, mov,mp4 …", a dozen lines) to stderr at
its INFO level whenever QtMultimedia opens one: on a kiosk playing a film every few
minutes for months, that is most of its journal. Errors (a damaged file)
still print. The FFmpeg in question is the one QtMultimedia loaded, found among the
process's mapped libraries, so no other copy on the system is touched.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("kiosk.media")

#: Errors only: at its warning level FFmpeg prints "Could not update timestamps for
#: skipped samples" for every well-made Opus file; a damaged file still fails in the player,
#: which logs it.
AV_LOG_ERROR = 16


def mapped_library(prefix: str) -> str | None:
    """The path of a library this process has mapped whose file name starts with
    ``prefix`` (the FFmpeg QtMultimedia loaded, not another copy on the system)."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return None
    for line in maps.splitlines():
        path = line.rpartition(" ")[2]
        if Path(path).name.startswith(prefix):
            return path
    return None


def quiet_ffmpeg() -> bool:
    """Lower FFmpeg's log level to errors; True when done. Call after QtMultimedia has
    loaded its FFmpeg plugin (after a QMediaPlayer is made). Linux only."""
    if not sys.platform.startswith("linux"):
        return False
    path = mapped_library("libavutil.so")
    if path is None:
        return False
    try:
        library = ctypes.CDLL(path, mode=os.RTLD_NOLOAD | os.RTLD_LAZY)
        library.av_log_set_level(ctypes.c_int(AV_LOG_ERROR))
    except (OSError, AttributeError):
        log.debug("FFmpeg's log level could not be set (%s)", path)
        return False
    return True
