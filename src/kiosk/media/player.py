"""One reusable video player whose frames arrive in the GUI thread as QImages.

The deck paints video itself, so that a swipe or a crossfade into or out of a film uses
its current (or poster) frame like any still picture, and the last frame stays on
screen after the end: no black frame by construction (issue 14). The path, chosen on
measurement (benchmarks/README.md, "Video paths measured"):

- ONE QMediaPlayer, QAudioOutput and QVideoSink for the life of the kiosk, given a new
  source for each slide: QtMultimedia players are a known leak source when made per slide.
- **No Python runs in QtMultimedia's threads.** The GUI thread looks at the sink every
  8 ms (:meth:`_poll`) and converts a new frame there: with FFmpeg's swscale
  (kiosk.media.swscale: under 1 ms a 1080p frame, without the GIL), or where it cannot
  with ``toImage()`` (8 ms, on the CPU with
  :func:`kiosk.media.raster.force_cpu_conversion`).

Why polling: the first version converted in the renderer thread, a Python callable
connected directly to ``videoFrameChanged``. That thread then needed the GIL for every
frame, so ``QMediaPlayer.stop()`` (also ``pause()``, ``play()``, ``setPosition()``),
which keeps the GIL while it waits for that thread, could deadlock (seen with gdb), and
about one test run in ten crashed in that thread while the GUI thread stopped the film
(a segmentation fault with no Python frame: PySide's delivery of a frame being torn
down). With nothing of Python there, neither can happen. Stops still go through
``setSource(QUrl())``, which also releases the GIL, and seeks are queued to the player.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer, QtAudio, QVideoSink

from kiosk.media.ffmpeg_log import quiet_ffmpeg
from kiosk.media.raster import converts_on_cpu
from kiosk.media.swscale import Converter

log = logging.getLogger("kiosk.media")

#: How often the GUI thread looks for a new frame: under a 120 Hz screen's refresh.
POLL_MS = 8


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
        self._playing = False
        self._source = ""
        self._start_ms = 0
        self._end_ms: int | None = None
        self._loop = False
        self._closed = False
        self._starting = False
        self.current_frame: QImage | None = None
        #: Frames handed on (each converted once), for measurements and tests.
        self.delivered = 0
        # No Python runs in QtMultimedia's threads: the GUI thread looks at the sink.
        self._poller = QTimer(self)
        self._poller.setTimerType(Qt.TimerType.PreciseTimer)
        self._poller.setInterval(POLL_MS)
        self._poller.timeout.connect(self._poll)
        self._last_stamp: int | None = None
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
        self._playing = True
        stale = self._sink.videoFrame()
        self._last_stamp = stale.startTime() if stale.isValid() else None
        self._player.setSource(url)  # no playback runs now: nothing to wait for
        self._poller.start()
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
    def played_share(self) -> float | None:
        """How much of the playback running now has played, 0 to 1 (of its ``start`` to
        ``end``, else of the file); None when none runs or its length is not known yet."""
        if not self._playing:
            return None
        end = self._end_ms if self._end_ms is not None else self._player.duration()
        span = end - self._start_ms
        if span <= 0:
            return None
        return min(1.0, max(0.0, (self._player.position() - self._start_ms) / span))

    @property
    def is_playing(self) -> bool:
        return self._playing

    @property
    def source(self) -> str:
        return self._source

    def _halt(self) -> None:
        self._playing = False
        self._starting = False
        self._poller.stop()
        if not self._player.source().isEmpty():
            # Releases the GIL while QtMultimedia stops its threads: see the module text.
            self._player.setSource(QUrl())

    def _poll(self) -> None:
        """The sink's newest frame, if it is new, converted and handed on."""
        if not self._playing:
            return
        frame = self._sink.videoFrame()
        if not frame.isValid() or frame.startTime() == self._last_stamp:
            return
        self._last_stamp = frame.startTime()
        # FFmpeg's converter (under 1 ms a 1080p frame, without the GIL); Qt's where it
        # cannot (8 ms).
        image = self._converter.convert(frame) or frame.toImage()
        if image.isNull():
            return
        self.delivered += 1
        self.current_frame = image
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
