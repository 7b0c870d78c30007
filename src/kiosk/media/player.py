"""One reusable video player whose frames arrive in the GUI thread as QImages.

The deck paints video itself, so that a swipe or a crossfade into or out of a film uses
its current (or poster) frame like any still picture, and the last frame stays on
screen after the end: no black frame by construction (issue 14). The path, chosen on
measurement (benchmarks/README.md, "Video paths measured"):

- ONE QMediaPlayer, QAudioOutput and QVideoSink for the life of the kiosk, given a new
  source for each slide: QtMultimedia players are a known leak source when made per slide.
- ``QVideoSink.videoFrameChanged`` is connected *directly* to :meth:`_convert`, which
  runs in QtMultimedia's renderer thread and converts the frame there, off the GUI
  thread: with FFmpeg's swscale (kiosk.media.swscale: under 1 ms a 1080p frame, without
  the GIL), or where it cannot with ``toImage()`` (on the CPU, with
  :func:`kiosk.media.raster.force_cpu_conversion`). Only the newest image is kept; the
  GUI thread is told by a queued signal, at most one pending at a time.

``toImage()`` keeps the GIL while it converts (PySide6 does not release it there): at
1080p about 8 ms a frame on the measuring machine, during which the GUI thread's Python
waits, and a quarter of a core at 30 frames a second. Hence swscale first.

**Stopping without a deadlock.** ``QMediaPlayer.stop()`` (also ``pause()``, ``play()``,
``setPosition()``) keeps the GIL while it waits for the renderer thread, and that thread
may be waiting for the GIL to deliver a frame to :meth:`_convert`: both wait for ever
(seen with gdb by the measuring work). PySide6 releases the GIL only in ``setSource``
among QMediaPlayer's methods, and an empty source stops playback. So every stop goes
through ``setSource(QUrl())``; a generation number, checked by :meth:`_convert` and by
the GUI side, drops any frame of a playback that was stopped, so none arrives after
:meth:`stop` returns. Seeks while playing are queued to the player and run from the
event loop, which PySide6 also runs without the GIL.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QtAudio, QVideoFrame, QVideoSink

from kiosk.media.ffmpeg_log import quiet_ffmpeg
from kiosk.media.raster import converts_on_cpu
from kiosk.media.swscale import Converter

log = logging.getLogger("kiosk.media")


class VideoPlayer(QObject):
    """Plays one film at a time; make one and reuse it for every video slide.

    Signals (all in the GUI thread): ``frame_ready(QImage)`` for each new frame of the
    current playback, ``failed(str)`` when the file cannot be played, ``ended()`` when a
    playback that does not loop reaches its end (or ``end``). :attr:`current_frame`
    keeps the last frame shown until the next playback gives its first.
    """

    frame_ready = Signal(QImage)
    failed = Signal(str)
    ended = Signal()
    _arrived = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if not converts_on_cpu():
            log.warning(
                "Qt.AA_ForceRasterWidgets is not set: video frames will be converted "
                "through OpenGL, which without a GPU is too slow (kiosk.media.raster)"
            )
        self._player = QMediaPlayer(self)
        self._audio = QAudioOutput(self)
        self._sink = QVideoSink(self)
        self._player.setAudioOutput(self._audio)
        self._player.setVideoSink(self._sink)
        quiet_ffmpeg()  # the plugin is loaded now
        self._converter = Converter()
        self._lock = threading.Lock()
        # Written in the GUI thread; read (under the lock) by the renderer thread.
        self._generation = 0
        self._playing = False
        self._pending: QImage | None = None
        self._posted = False
        self._source = ""
        self._start_ms = 0
        self._end_ms: int | None = None
        self._loop = False
        self._closed = False
        self._starting = False
        self.current_frame: QImage | None = None
        #: Frames converted and frames handed to the GUI thread, for measurements.
        self.converted = 0
        self.delivered = 0
        self._sink.videoFrameChanged.connect(self._convert, Qt.ConnectionType.DirectConnection)
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._player.errorOccurred.connect(self._on_error)
        self._player.mediaStatusChanged.connect(self._on_status)
        self._player.positionChanged.connect(self._on_position)

    # The GUI side -------------------------------------------------------------------

    def play(
        self,
        source: str | Path | QUrl,
        start: float | None = None,
        end: float | None = None,
        loop: bool = False,
        muted: bool = False,
    ) -> None:
        """Play ``source`` (a path or URL) from ``start`` to ``end`` seconds, looping or not.

        A playback already running is stopped first; :attr:`current_frame` stays until
        the new one's first frame arrives.
        """
        if self._closed:
            raise RuntimeError("the player is closed")
        url = source if isinstance(source, QUrl) else QUrl.fromLocalFile(str(source))
        self._halt()  # drops the old playback's frames, without the GIL
        self._source = url.toLocalFile() if url.isLocalFile() else url.toString()
        self._start_ms = round((start or 0) * 1000)
        self._end_ms = None if end is None else round(end * 1000)
        self._loop = loop
        self._audio.setMuted(muted)
        # Looping the whole file is the player's own; a trimmed loop seeks at ``end``.
        whole = self._start_ms == 0 and self._end_ms is None
        self._player.setLoops(QMediaPlayer.Loops.Infinite if loop and whole else 1)
        with self._lock:
            self._playing = True
        self._player.setSource(url)  # no playback runs now: nothing to wait for
        if self._start_ms:
            # A position is ignored while the file loads: set it once loaded, then play.
            self._starting = True
        else:
            self._player.play()

    def stop(self) -> None:
        """Stop at once; no frame of this playback arrives after this returns.

        :attr:`current_frame` is kept (the last frame stays on screen)."""
        self._halt()

    def close(self) -> None:
        """Stop and let Qt delete the player in its event loop (not under the GIL)."""
        if self._closed:
            return
        self._halt()
        self._closed = True
        self._sink.videoFrameChanged.disconnect(self._convert)
        self._converter.close()
        self.deleteLater()

    def set_muted(self, muted: bool) -> None:
        """Mute or unmute what plays now (a visitor arrived in a silent attract loop)."""
        self._audio.setMuted(muted)

    def set_volume(self, volume: float) -> None:
        """The loudness, 0 to 1, as heard (Qt's output is linear: converted here)."""
        linear = QtAudio.convertVolume(
            max(0.0, min(1.0, volume)),
            QtAudio.VolumeScale.LogarithmicVolumeScale,
            QtAudio.VolumeScale.LinearVolumeScale,
        )
        self._audio.setVolume(linear)

    @property
    def position(self) -> float:
        """Seconds into the file of the playback running now (0 when none runs)."""
        return self._player.position() / 1000 if self._playing else 0.0

    @property
    def is_playing(self) -> bool:
        return self._playing

    @property
    def source(self) -> str:
        return self._source

    def _halt(self) -> None:
        with self._lock:
            self._generation += 1
            self._playing = False
            self._pending = None
        self._starting = False
        if not self._player.source().isEmpty():
            # Releases the GIL while QtMultimedia stops its threads: see the module text.
            self._player.setSource(QUrl())

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            image, self._pending, self._posted = self._pending, None, False
            if image is None or not self._playing:
                return
        self.current_frame = image
        self.delivered += 1
        self.frame_ready.emit(image)

    def _on_error(self, _error: QMediaPlayer.Error, message: str) -> None:
        if not self._playing:
            return
        source = self._source
        self._halt()
        log.warning("cannot play %s: %s", source, message)
        self.failed.emit(f"{source}: {message or 'cannot be played'}")

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if not self._playing:
            return
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self._starting:
            self._starting = False
            # Nothing plays yet, so no frame can be waiting for the GIL here.
            self._player.setPosition(self._start_ms)
            self._player.play()
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._on_error(QMediaPlayer.Error.FormatError, self._player.errorString())
        elif status == QMediaPlayer.MediaStatus.EndOfMedia:
            if self._loop:  # a trimmed loop that ran past its end
                self._seek(self._start_ms)
            else:
                self._finish()

    def _on_position(self, position: int) -> None:
        if not self._playing or self._end_ms is None or position < self._end_ms:
            return
        if self._loop:
            self._seek(self._start_ms)
        else:
            self._finish()

    def _seek(self, position_ms: int) -> None:
        # Queued: runs from the event loop, without the GIL (module text).
        QMetaObject.invokeMethod(
            self._player,
            "setPosition",
            Qt.ConnectionType.QueuedConnection,
            Q_ARG("qint64", position_ms),
        )

    def _finish(self) -> None:
        self._halt()
        self.ended.emit()

    # The renderer thread ------------------------------------------------------------

    def _convert(self, frame: QVideoFrame) -> None:
        """In QtMultimedia's renderer thread: the frame as a QImage, newest only."""
        generation = self._generation
        if not self._playing or not frame.isValid():
            return
        # FFmpeg's converter (under 1 ms a 1080p frame); Qt's where it cannot (8 ms).
        image = self._converter.convert(frame) or frame.toImage()
        if image.isNull():
            return
        with self._lock:
            if generation != self._generation or not self._playing:
                return
            self.converted += 1
            self._pending = image
            if self._posted:
                return
            self._posted = True
        self._arrived.emit()
