"""Tiny stand-ins for video, audio and caption files, and bundles that use them.

The bundle layer reads only a media file's size and first bytes, never decodes it, so a
container header followed by filler is enough for every check it makes.
"""

from __future__ import annotations

from pathlib import Path

from tests.bundles import VALID_TOML, write_bundle

MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 40
WEBM = b"\x1a\x45\xdf\xa3" + b"\x00" * 60
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 16
OGG = b"OggS\x00\x02" + b"\x00" * 58
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 44


def vtt(*cues: tuple[str, str, str]) -> bytes:
    """A WebVTT file of ``cues`` (start, end, text)."""
    blocks = [f"{start} --> {end}\n{text}" for start, end, text in cues]
    return ("WEBVTT\n\n" + "\n\n".join(blocks) + "\n").encode()


VTT_EN = vtt(("00:00:00.500", "00:00:02.000", "Test content: a street."))
VTT_AZ = vtt(("00:00:00.500", "00:00:02.000", "Sınaq mətni: küçə."))

VIDEO_SLIDE = """
[[slides]]
type = "video"
video = "media/film.mp4"
poster = "media/dot.png"
captions = { en = "media/film.en.vtt", az = "media/film.az.vtt" }
caption = { en = "A street", az = "Küçə" }
"""

MEDIA_FILES: dict[str, bytes] = {
    "media/film.mp4": MP4,
    "media/film.webm": WEBM,
    "media/film.en.vtt": VTT_EN,
    "media/film.az.vtt": VTT_AZ,
    "media/voice.mp3": MP3,
    "media/voice.ogg": OGG,
    "media/voice.wav": WAV,
    "media/guide/en-01.mp3": MP3,
    "media/guide/az-01.mp3": MP3,
}


def media_bundle(root: Path, slides: str = VIDEO_SLIDE, files: dict | None = None) -> Path:
    """The test bundle with ``slides`` added after its own, and the media above."""
    return write_bundle(root, VALID_TOML + slides, {**MEDIA_FILES, **(files or {})})
