"""What probing a video or audio file found, and what a curator is told of it.

The bundle layer cannot decode: it asks its MediaCheck to probe each file
(``MediaCheck.av_facts``; the kiosk's answer opens the files with QtMultimedia in a
child process, kiosk.media.probe) and judges the answer here, in plain Python, so the
rules and their words are tested without Qt. A check that cannot probe answers None,
and only the container header is checked (kiosk.bundle.avfiles).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: The largest picture a film may have: 4K UHD, the largest screen the kiosk fills.
#: A larger one costs more to decode than the kiosk has, and shows no more.
MAX_VIDEO_WIDTH, MAX_VIDEO_HEIGHT = 3840, 2160
#: More streams than this in one file is no film a curator made (FFmpeg itself stops
#: at 1000); opening each costs time and memory.
MAX_STREAMS = 16
#: Formats that play everywhere, said in every message about a codec.
PLAYABLE = "H.264 video with AAC sound in MP4, or VP9 with Opus in WebM"
PLAYABLE_AUDIO = "AAC in .m4a, MP3, or Opus in .ogg/.opus"


@dataclass(frozen=True)
class AVRequest:
    """One file to probe: its path on disk, and the times (seconds) of the frames wanted."""

    path: Path
    frames_at: tuple[float, ...] = ()


@dataclass(frozen=True)
class AVFacts:
    """What a probe found in one file. ``problem`` is set when it could not be opened
    or probed at all (the other fields then say what was found before that)."""

    problem: str | None = None
    #: Seconds; None when the file does not say.
    duration: float | None = None
    video_streams: int = 0
    audio_streams: int = 0
    video_codec: str = ""
    audio_codec: str = ""
    width: int = 0
    height: int = 0
    #: Whether a picture (and a sound) was decoded; None when not tried.
    video_decoded: bool | None = None
    audio_decoded: bool | None = None
    #: The frames asked for, as JPEG, by their time in seconds.
    frames: dict[float, bytes] = field(default_factory=dict, repr=False)

    @classmethod
    def from_json(cls, data: dict[str, Any], frames: dict[float, bytes]) -> AVFacts:
        """From the child's JSON object (unknown keys ignored, wrong types refused)."""
        known = {name for name in cls.__dataclass_fields__ if name != "frames"}
        values = {key: value for key, value in data.items() if key in known}
        facts = cls(**values, frames=frames)
        facts._check_types()
        return facts

    def _check_types(self) -> None:
        checks = {
            "problem": (str, type(None)),
            "duration": (int, float, type(None)),
            "video_streams": (int,),
            "audio_streams": (int,),
            "video_codec": (str,),
            "audio_codec": (str,),
            "width": (int,),
            "height": (int,),
            "video_decoded": (bool, type(None)),
            "audio_decoded": (bool, type(None)),
        }
        for name, types in checks.items():
            if not isinstance(getattr(self, name), types):
                raise ValueError(f"{name} has the wrong type")

    def summary(self) -> str:
        """The facts a curator wants, in one line: "0:02, 320x240, H264 + AAC"."""
        parts = []
        if self.duration is not None:
            minutes, seconds = divmod(round(self.duration), 60)
            parts.append(f"{minutes}:{seconds:02d}")
        if self.width and self.height:
            parts.append(f"{self.width}x{self.height}")
        codecs = [codec for codec in (self.video_codec, self.audio_codec) if codec]
        if codecs:
            parts.append(" + ".join(codecs))
        return ", ".join(parts) or "nothing known"


def _codec(name: str) -> str:
    return f"its codec ({name})" if name else "its codec"


def facts_problem(kind: str, facts: AVFacts) -> str | None:
    """Why a file probed as ``facts`` cannot be played as ``kind`` ("video" or "audio"),
    or None. The phrase follows the file's name."""
    if facts.problem:
        return facts.problem
    if facts.video_streams + facts.audio_streams > MAX_STREAMS:
        return (
            f"holds {facts.video_streams + facts.audio_streams} streams; a film or sound "
            f"may hold at most {MAX_STREAMS} (export it again with one picture and one sound)"
        )
    if kind == "video":
        if facts.video_streams == 0:
            return "has no picture: it is not a film (a sound goes in audio = ...)"
        if facts.width > MAX_VIDEO_WIDTH or facts.height > MAX_VIDEO_HEIGHT:
            return (
                f"is {facts.width}x{facts.height} pixels; a film may be at most "
                f"{MAX_VIDEO_WIDTH}x{MAX_VIDEO_HEIGHT} (4K): export it smaller"
            )
        if facts.video_decoded is False:
            return (
                f"cannot be played here: this kiosk cannot decode {_codec(facts.video_codec)}; "
                f"export it as {PLAYABLE}"
            )
    elif facts.audio_streams == 0:
        return "has no sound"
    if facts.audio_streams and facts.audio_decoded is False:
        formats = PLAYABLE if kind == "video" else PLAYABLE_AUDIO
        sound = f"its sound ({facts.audio_codec})" if facts.audio_codec else "its sound"
        return f"cannot be played here: this kiosk cannot decode {sound}; export it as {formats}"
    if facts.duration is not None and facts.duration <= 0:
        return "has no length (0 seconds): it is damaged or not finished"
    return None


def trim_problem(facts: AVFacts, start: float | None, end: float | None) -> tuple[str, str] | None:
    """A video slide's ``start``/``end`` against the file's length: (key, message) or None."""
    duration = facts.duration
    if start is None and end is None:
        return None
    key = "start" if start is not None else "end"
    if duration is None:
        return key, (
            "cannot be checked: the film does not say how long it is (write it again, "
            "e.g. ffmpeg -i in.webm -c copy out.webm)"
        )
    length = f"the film is {duration:.3g} s long"
    if start is not None and start >= duration:
        return "start", f"is {start:g} s, but {length}"
    if end is not None and end > duration + 0.05:  # the last frame's length rounds
        return "end", f"is {end:g} s, but {length}"
    return None


FRAMES_FOLDER = "frames/"


def frame_name(video: str, at: float) -> str:
    """The name under which the frame of ``video`` at ``at`` seconds is drawn as a poster:
    outside media/, so no file a manifest names can have it."""
    return f"{FRAMES_FOLDER}{video}@{at:g}s.jpg"


def is_frame_name(name: str) -> bool:
    """Whether ``name`` is a film's frame (see :func:`frame_name`), not a bundle file."""
    return name.startswith(FRAMES_FOLDER)
