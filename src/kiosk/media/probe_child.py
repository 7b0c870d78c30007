"""``kiosk probe-media``: the child process that opens video and audio files with
QtMultimedia and says what it found, one JSON object a line (kiosk.media.probe runs it).

Hostile bytes meet FFmpeg here, never in the kiosk: this process may crash, hang or run
out of memory, and the kiosk only loses its answer. It caps its own address space, makes
no window (offscreen), and keeps no Python code where QtMultimedia's threads could call
it: the video sink is polled, and the one signal connected to Python (audio buffers) is
queued to this thread. Playback is stopped only through ``setSource(QUrl())``, as the
kiosk's player does (kiosk.media.player).

For each file: open it (``OPEN_SECONDS`` at most), read its streams, codecs, size and
length; unless it is too large or holds too many streams, decode a picture (the one at
each time asked with ``--at``, as JPEG) and a moment of its sound. A picture or a sound
that does not come within ``DECODE_SECONDS`` counts as not decodable.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kiosk.bundle.avfacts import MAX_STREAMS, MAX_VIDEO_HEIGHT, MAX_VIDEO_WIDTH

OPEN_SECONDS = 10.0
DECODE_SECONDS = 5.0
#: The child's address space, at most: room for a 4K decoder and its threads, not for
#: a frame of 65,535 pixels a side.
ADDRESS_SPACE_BYTES = 3 * 2**30
_POLL_MS = 5
FRAME_QUALITY = 90


def limit_memory(limit: int = ADDRESS_SPACE_BYTES) -> None:
    """Cap this process's address space (POSIX); an allocation past it fails."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits (a job object would do it)
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def parse_items(items: Sequence[str]) -> list[tuple[str, list[float]]]:
    """``FILE [--at SECONDS]... FILE ...`` as (file, times); ValueError if malformed."""
    files: list[tuple[str, list[float]]] = []
    index = 1 if items[:1] == ["--"] else 0
    while index < len(items):
        item = items[index]
        if item == "--at":
            if not files or index + 1 >= len(items):
                raise ValueError("--at SECONDS follows the file it is for")
            seconds = float(items[index + 1])
            if not 0 <= seconds < 24 * 3600:
                raise ValueError(f"--at {items[index + 1]}: not a time in the film")
            files[-1][1].append(seconds)
            index += 2
        else:
            files.append((item, []))
            index += 1
    return files


def main(items: Sequence[str]) -> int:
    """Probe every file, printing one JSON object a line; 2 when the arguments are wrong."""
    try:
        files = parse_items(items)
    except ValueError as error:
        print(f"kiosk probe-media: {error}", file=sys.stderr)
        return 2
    limit_memory()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # A windowed (frozen) app may start without sys.stdout even when given a pipe.
    out = sys.stdout or open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    prober = _Prober()
    for name, times in files:
        try:
            result = prober.probe(Path(name), times)
        except MemoryError:
            result = {"problem": "needs more memory to open than a film may"}
        print(json.dumps(result), file=out, flush=True)
    prober.close()
    return 0


class _Prober:
    def __init__(self) -> None:
        from PySide6.QtCore import QObject, Slot
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtMultimedia import QAudioBuffer, QAudioBufferOutput, QMediaPlayer, QVideoSink

        from kiosk.media.ffmpeg_log import quiet_ffmpeg
        from kiosk.media.raster import force_cpu_conversion

        force_cpu_conversion()
        self._app = QGuiApplication.instance() or QGuiApplication([])

        class Counter(QObject):
            count = 0

            @Slot(QAudioBuffer)
            def add(self, _buffer: QAudioBuffer) -> None:
                self.count += 1

        self._player = QMediaPlayer()
        self._sink = QVideoSink()
        self._audio = QAudioBufferOutput()
        self._player.setVideoSink(self._sink)
        self._player.setAudioBufferOutput(self._audio)
        self._buffers = Counter()
        # Queued to this thread (the counter lives here): no Python runs in Qt's threads.
        self._audio.audioBufferReceived.connect(self._buffers.add)
        self._errors: list[str] = []
        self._player.errorOccurred.connect(self._on_error)
        quiet_ffmpeg()

    def _on_error(self, _error: object, message: str) -> None:
        self._errors.append(message)

    def close(self) -> None:
        self._stop()

    def _wait(self, done: Callable[[], bool], seconds: float) -> bool:
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + seconds
        while not done():
            if time.monotonic() > deadline:
                return False
            self._app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, _POLL_MS)
        return True

    def _stop(self) -> None:
        from PySide6.QtCore import QUrl

        if not self._player.source().isEmpty():
            self._player.setSource(QUrl())

    def _open(self, path: Path) -> str | None:
        """Load ``path``; why it cannot be, or None."""
        from PySide6.QtCore import QUrl
        from PySide6.QtMultimedia import QMediaPlayer

        status = QMediaPlayer.MediaStatus
        self._stop()
        self._errors.clear()
        self._player.setSource(QUrl.fromLocalFile(str(path.absolute())))
        settled = (status.LoadedMedia, status.InvalidMedia)
        if not self._wait(
            lambda: self._player.mediaStatus() in settled or bool(self._errors), OPEN_SECONDS
        ):
            return f"could not be opened within {OPEN_SECONDS:g} s"
        if self._player.mediaStatus() != status.LoadedMedia:
            reason = self._errors[0] if self._errors else self._player.errorString()
            return "cannot be opened: it is damaged, cut short or not a film or sound file" + (
                f" ({reason})" if reason else ""
            )
        return None

    def probe(self, path: Path, times: list[float]) -> dict[str, Any]:
        from PySide6.QtMultimedia import QMediaMetaData

        if problem := self._open(path):
            return {"problem": problem}
        player = self._player
        key = QMediaMetaData.Key
        videos, audios = player.videoTracks(), player.audioTracks()
        result: dict[str, Any] = {
            # Qt says 0 both for no length and for a length the file does not state.
            "duration": player.duration() / 1000 if player.duration() > 0 else None,
            "video_streams": len(videos),
            "audio_streams": len(audios),
            "video_codec": videos[0].stringValue(key.VideoCodec) if videos else "",
            "audio_codec": audios[0].stringValue(key.AudioCodec) if audios else "",
        }
        if videos:
            size = videos[0].value(key.Resolution)
            width, height = (size.width(), size.height()) if size is not None else (0, 0)
            result.update(width=max(width, 0), height=max(height, 0))
        too_big = result.get("width", 0) > MAX_VIDEO_WIDTH or (
            result.get("height", 0) > MAX_VIDEO_HEIGHT
        )
        if too_big or len(videos) + len(audios) > MAX_STREAMS:
            self._stop()  # judged from the header: nothing is decoded
            return result
        if videos:
            frames = self._frames(path, times or [0.0], result["duration"])
            result["video_decoded"] = bool(frames)
            if frames and times:
                result["frames"] = {
                    f"{at:g}": base64.b64encode(jpeg).decode() for at, jpeg in frames.items()
                }
        if audios:
            result["audio_decoded"] = self._sound(path)
        self._stop()
        return result

    def _frames(self, path: Path, times: list[float], duration: float | None) -> dict[float, bytes]:
        """The frame at each of ``times`` as JPEG; {} when no picture can be decoded."""
        from PySide6.QtMultimedia import QMediaPlayer

        status = QMediaPlayer.MediaStatus
        ended = (status.EndOfMedia, status.InvalidMedia)
        frames: dict[float, bytes] = {}
        for number, at in enumerate(times):
            if number and self._open(path):
                break
            position = at if duration is None else min(at, max(duration - 0.001, 0))
            self._player.setPosition(round(position * 1000))
            self._player.pause()
            self._wait(
                lambda: (
                    self._sink.videoFrame().isValid()
                    or self._player.mediaStatus() in ended
                    or bool(self._errors)
                ),
                DECODE_SECONDS,
            )
            frame = self._sink.videoFrame()
            if not frame.isValid():
                break
            jpeg = _jpeg(frame.toImage())
            if jpeg is None:
                break
            frames[at] = jpeg
        return frames

    def _sound(self, path: Path) -> bool:
        """Whether a moment of the file's sound is decoded."""
        from PySide6.QtMultimedia import QMediaPlayer

        status = QMediaPlayer.MediaStatus
        if self._open(path):
            return False
        self._buffers.count = 0
        self._player.play()
        ended = (status.EndOfMedia, status.InvalidMedia)
        return self._wait(
            lambda: (
                self._buffers.count > 0 or self._player.mediaStatus() in ended or bool(self._errors)
            ),
            DECODE_SECONDS,
        ) and (self._buffers.count > 0)


def _jpeg(image: Any) -> bytes | None:
    """``image`` as JPEG: a film's frame is lossy already, and as PNG it would be 5 to 10
    times larger, kept in memory for as long as the bundle is shown."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    if image.isNull():
        return None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "JPEG", FRAME_QUALITY):
        return None
    buffer.close()
    return bytes(data.data())
