"""Video, audio and caption files as the bundle layer checks them, in plain Python.

Nothing is decoded here: a video or audio file is checked by its suffix, its size and
the first bytes of its container, so a picture renamed ``.mp4`` or a truncated upload is
refused with a clear message before any decoder sees it. Whether the kiosk can play
the codecs inside is the media layer's question (issue 14), asked when it plays them.
"""

from __future__ import annotations

from pathlib import PurePosixPath

VIDEO_SUFFIXES = (".mp4", ".m4v", ".webm", ".mov")
AUDIO_SUFFIXES = (".mp3", ".m4a", ".aac", ".ogg", ".opus", ".wav", ".webm")
CAPTION_SUFFIXES = (".vtt",)
#: Every suffix a video or audio file may have (.webm is either).
AV_SUFFIXES = frozenset(VIDEO_SUFFIXES + AUDIO_SUFFIXES)

#: The largest video or audio file: the zip member limit of kiosk.bundle.source, so
#: that one number holds from packing to copying. At 5 Mbit/s (1080p H.264) it is
#: about seven minutes of film.
MAX_AV_BYTES = 256 * 1024 * 1024
#: A caption file larger than this is not captions (two hours of dense captions are
#: about 200 kB).
MAX_CAPTION_BYTES = 2 * 1024 * 1024
#: How much of a video or audio file is read to recognise its container.
HEAD_BYTES = 64

#: ISO base media (MP4, QuickTime) files begin with a box; these are the first boxes
#: writers put (ftyp nearly always; old QuickTime files may start with the others).
_ISO_FIRST_BOXES = frozenset({b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip", b"pnot"})
_EBML = b"\x1a\x45\xdf\xa3"  # Matroska and WebM

_KIND_OF_SUFFIX = {
    ".mp4": "an MP4",
    ".m4v": "an MP4",
    ".m4a": "an MP4 audio (.m4a)",
    ".mov": "a QuickTime",
    ".webm": "a WebM",
    ".mp3": "an MP3",
    ".aac": "an AAC (ADTS)",
    ".ogg": "an Ogg",
    ".opus": "an Ogg Opus",
    ".wav": "a WAV",
}


def size_text(size: int) -> str:
    """A file size as a curator reads it: whole megabytes, or kilobytes below one."""
    if size >= 2**20:
        return f"{size / 2**20:,.0f} MB"
    return f"{max(size, 1) / 2**10:,.0f} kB"


def too_big_message(size: int, limit: int | None = None) -> str:
    """What a curator is told of a video or audio file over the per-file limit."""
    limit = MAX_AV_BYTES if limit is None else limit
    return (
        f"is {size_text(size)}; a video or audio file may be at most {size_text(limit)}: "
        "shorten it, or encode it at a lower bitrate (the curators' guide shows how)"
    )


def is_av_name(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in AV_SUFFIXES


def _is_mpeg_audio_frame(head: bytes) -> bool:
    return len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0


def _is_adts(head: bytes) -> bool:
    return len(head) >= 2 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0


def _container_matches(suffix: str, head: bytes) -> bool:
    if suffix in (".mp4", ".m4v", ".m4a", ".mov"):
        return head[4:8] in _ISO_FIRST_BOXES
    if suffix == ".webm":
        return head.startswith(_EBML)
    if suffix == ".mp3":
        return head.startswith(b"ID3") or _is_mpeg_audio_frame(head)
    if suffix == ".aac":
        return head.startswith((b"ID3", b"ADIF")) or _is_adts(head)
    if suffix in (".ogg", ".opus"):
        return head.startswith(b"OggS")
    if suffix == ".wav":
        return head[:4] in (b"RIFF", b"RF64") and head[8:12] == b"WAVE"
    return False


def av_problem(suffix: str, size: int, head: bytes) -> str | None:
    """Why a video or audio file named with ``suffix``, of ``size`` bytes beginning with
    ``head``, is not usable as far as its size and container header tell, or None.
    The phrase follows the file's name ("media/film.mp4 is not an MP4 file ...")."""
    if size > MAX_AV_BYTES:
        return too_big_message(size)
    if size == 0:
        return "is empty"
    if not _container_matches(suffix, head):
        return f"is not {_KIND_OF_SUFFIX.get(suffix, 'a media')} file, whatever its name says"
    return None
