"""What a media file is, from its first bytes, when its name says otherwise.

A PNG renamed crocus.jpg, a HEIC photograph from a phone, a web page saved instead of
its picture, a font still in its ZIP: the media checks refuse them ("is not a JPEG
picture"); this says what the file is and what to do. Only the first bytes are read,
and only formats whose first bytes are unmistakable are named: anything else is left to
the checks of the file's own kind.
"""

from __future__ import annotations

from pathlib import PurePosixPath

#: What each suffix a bundle uses promises, as said in a message.
_PROMISED = {
    ".png": "a PNG picture",
    ".jpg": "a JPEG picture",
    ".jpeg": "a JPEG picture",
    ".svg": "an SVG picture",
    ".ttf": "a TrueType font",
    ".otf": "an OpenType font",
    # Video and audio as the container checks say them (kiosk.bundle.avfiles).
    ".mp4": "an MP4 file",
    ".m4v": "an MP4 file",
    ".mov": "a QuickTime file",
    ".m4a": "an MP4 audio (.m4a) file",
    ".webm": "a WebM file",
    ".mp3": "an MP3 file",
    ".aac": "an AAC (ADTS) file",
    ".ogg": "an Ogg file",
    ".opus": "an Ogg Opus file",
    ".wav": "a WAV file",
}

#: Suffixes that hold the same formats: a file of one named with another is no mistake
#: (MP4 and QuickTime share their boxes, TrueType and OpenType fonts their loader).
_SAME = [
    {".jpg", ".jpeg"},
    {".mp4", ".m4v", ".mov", ".m4a"},
    {".ttf", ".otf"},
    {".ogg", ".opus"},
    {".svg", ".xml"},
    {".webm", ".mkv"},
]

_HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1"})


def identify(head: bytes) -> tuple[str, str] | None:
    """(what the file is, its usual suffix) from its first bytes, or None when they do not
    tell for sure."""
    found = _binary(head)
    if found is None:
        found = _text(head)
    return found


#: Formats told by how their first bytes begin: (beginnings, what it is, usual suffix).
_MAGIC: list[tuple[tuple[bytes, ...], str, str]] = [
    ((b"\x89PNG\r\n\x1a\n",), "a PNG picture", ".png"),
    ((b"\xff\xd8\xff",), "a JPEG picture", ".jpg"),
    ((b"GIF87a", b"GIF89a"), "a GIF picture", ".gif"),
    ((b"II*\x00", b"MM\x00*"), "a TIFF picture", ".tif"),
    ((b"%PDF-",), "a PDF document", ".pdf"),
    ((b"PK\x03\x04",), "a ZIP archive (or an Office document, which is one)", ".zip"),
    ((b"wOFF", b"wOF2"), "a WOFF web font", ".woff"),
    ((b"\x00\x01\x00\x00", b"true"), "a TrueType font", ".ttf"),
    ((b"OTTO",), "an OpenType font", ".otf"),
    ((b"OggS",), "an Ogg file", ".ogg"),
    ((b"fLaC",), "a FLAC sound", ".flac"),
    ((b"\x1a\x45\xdf\xa3",), "a WebM or Matroska film", ".webm"),
]
#: RIFF files, by the form named in bytes 8 to 12.
_RIFF = {b"WEBP": ("a WebP picture", ".webp"), b"WAVE": ("a WAV sound", ".wav")}


def _binary(head: bytes) -> tuple[str, str] | None:
    for beginnings, what, suffix in _MAGIC:
        if head.startswith(beginnings):
            return what, suffix
    if head[:4] == b"RIFF" and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    if head.startswith(b"BM") and len(head) >= 14 and head[6:10] == b"\x00\x00\x00\x00":
        return "a BMP picture", ".bmp"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in _HEIF_BRANDS:
            return "a HEIC picture (as phones save photographs)", ".heic"
        if brand in (b"avif", b"avis"):
            return "an AVIF picture", ".avif"
        if brand == b"qt  ":
            return "a QuickTime film", ".mov"
        if brand.startswith(b"M4A"):
            return "an MP4 sound (.m4a)", ".m4a"
        return "an MP4 film", ".mp4"
    return None


def _text(head: bytes) -> tuple[str, str] | None:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "a web page (HTML)", ".html"
    if start.startswith(b"<svg") or (start.startswith(b"<?xml") and b"<svg" in start):
        return "an SVG picture", ".svg"
    if start.startswith(b"<?xml"):
        return "an XML file", ".xml"
    return None


def content_problem(name: str, kind: str, head: bytes, accepted: tuple[str, ...]) -> str | None:
    """Why the file ``name`` (a ``kind``: picture, font, video, audio), beginning with
    ``head``, is not what its name says, with what it is and what to do; None when its
    first bytes agree with its name or do not tell. ``accepted``: the suffixes a file of
    that kind may have. The phrase follows the file's name."""
    path = PurePosixPath(name)
    suffix = path.suffix.lower()
    found = identify(head)
    if found is None or suffix not in _PROMISED:
        return None
    what, usual = found
    if _same(usual, suffix):
        return None
    message = f"is not {_PROMISED[suffix]}, whatever its name says: it is {what}"
    return f"{message}: {_advice(path, kind, usual, accepted)}"


def _same(one: str, other: str) -> bool:
    return one == other or any(one in family and other in family for family in _SAME)


def _advice(path: PurePosixPath, kind: str, usual: str, accepted: tuple[str, ...]) -> str:
    if usual in accepted:
        return f"rename it {path.stem}{usual}, and write that name in bundle.toml"
    if usual == ".html":
        return "save the file itself, not the page that shows it"
    if kind == "font":
        if usual == ".zip":
            return "unpack it and use the .ttf or .otf file inside"
        return "use the font's .ttf or .otf file"
    if kind == "picture":
        if usual == ".zip":
            return "unpack it and use the picture inside, or export the picture as JPEG or PNG"
        return "export it as JPEG or PNG (for a photograph, JPEG)"
    if kind == "video":
        return "convert it to MP4 (H.264 and AAC), as the curators' guide shows"
    return "convert it to MP3 or M4A, as the curators' guide shows"
