"""Builders of test bundles and media, valid or deliberately broken."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

VALID_TOML = """\
[bundle]
id = "test"
title = { en = "Test", az = "Sınaq" }
version = "1.0"
languages = ["en", "az"]
source = { en = "Test content", az = "Sınaq məzmunu" }
[timing]
slide_seconds = 10
idle_reset_seconds = 60

[[slides]]
type = "title"
title = { en = "Hello", az = "Salam" }
image = "media/dot.png"

[[slides]]
type = "quote"
text.en = "A quotation."
text.az = "Bir sitat."
attribution = { en = "Someone", az = "Kimsə" }

[[slides]]
type = "narrative"
heading = { en = "Heading", az = "Başlıq" }
body = { en = "Some **Markdown**.", az = "Bir az **Markdown**." }
image = "media/shape.svg"
"""

SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
<circle cx="5" cy="5" r="4" fill="#a00"/></svg>"""


def png(width: int = 4, height: int = 4, *, rows: bytes | None = None) -> bytes:
    """A real PNG of ``width`` x ``height`` grey pixels, written without Qt.

    ``rows`` replaces the pixel data, so a header can claim any size.
    """

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    if rows is None:
        rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def write_bundle(
    root: Path, toml: str | bytes = VALID_TOML, files: dict[str, bytes] | None = None
) -> Path:
    """A bundle folder at ``root``; ``files`` add to (or, as None values, remove) media."""
    media = {"media/dot.png": png(), "media/shape.svg": SVG}
    media.update(files or {})
    root.mkdir(parents=True, exist_ok=True)
    manifest = toml.encode() if isinstance(toml, str) else toml
    (root / "bundle.toml").write_bytes(manifest)
    for name, data in media.items():
        if data is None:
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def write_zip(
    path: Path, members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED
) -> Path:
    """A zip with exactly these members, names unchecked (for hostile archives)."""
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, (2000, 1, 1, 0, 0, 0)), data, compression)
    return path


def valid_members() -> dict[str, bytes]:
    return {"bundle.toml": VALID_TOML.encode(), "media/dot.png": png(), "media/shape.svg": SVG}
