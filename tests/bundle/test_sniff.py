"""A media file whose content is another format than its name says: what it is, and
what to do (a PNG renamed .jpg, a phone's HEIC photograph, a font in its ZIP ...)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.bundle import BundleError, load
from kiosk.bundle.sniff import content_problem
from tests.bundles import VALID_TOML, png, write_bundle

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
PICTURES = (".png", ".jpg", ".jpeg", ".svg")


@pytest.mark.parametrize(
    ("name", "kind", "head", "said"),
    [
        ("media/a.png", "picture", JPEG, "it is a JPEG picture: rename it a.jpg"),
        ("media/a.jpg", "picture", b"GIF89a\x01\x00", "it is a GIF picture: export it as JPEG"),
        ("media/a.jpg", "picture", b"RIFF\x00\x00\x00\x00WEBPVP8 ", "it is a WebP picture"),
        ("media/a.png", "picture", b"%PDF-1.7\n", "it is a PDF document: export it as"),
        ("media/a.png", "picture", b"<svg xmlns='x'/>", "it is an SVG picture: rename it a.svg"),
        ("media/a.jpg", "picture", b"<!DOCTYPE html><html>", "save the file itself, not the"),
        ("media/a.ttf", "font", b"PK\x03\x04\x14\x00", "unpack it and use the .ttf or .otf"),
        ("media/a.ttf", "font", b"wOF2\x00\x01", "it is a WOFF web font: use the font's .ttf"),
        ("media/a.mp4", "video", png(), "it is a PNG picture: convert it to MP4 (H.264 and AAC)"),
        ("media/a.mp3", "audio", b"RIFF\x00\x00\x00\x00WAVEfmt ", "rename it a.wav"),
    ],
)
def test_what_a_misnamed_file_is_and_what_to_do(
    name: str, kind: str, head: bytes, said: str
) -> None:
    accepted = {"picture": PICTURES, "font": (".ttf", ".otf")}.get(
        kind, (".mp4", ".m4v", ".webm", ".mov", ".mp3", ".wav")
    )
    if kind == "video":
        accepted = (".mp4", ".m4v")
    message = content_problem(name, kind, head, accepted)
    assert message is not None and "whatever its name says" in message
    assert said in message


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("media/a.png", png()),
        ("media/a.jpeg", JPEG),
        ("media/a.svg", b'<?xml version="1.0"?>\n<!-- a long comment -->'),
        ("media/a.otf", b"\x00\x01\x00\x00"),  # TrueType in .otf: the font loader takes it
        ("media/a.m4v", b"\x00\x00\x00\x18ftypqt  "),
        ("media/a.jpg", b"\x12\x34 nothing known"),  # left to the picture check
    ],
)
def test_a_file_agreeing_with_its_name_or_unknown_is_left_alone(name: str, head: bytes) -> None:
    assert content_problem(name, "picture", head, PICTURES) is None


def test_a_font_that_is_a_zip_is_refused_with_what_to_do(tmp_path: Path) -> None:
    toml = VALID_TOML.replace(
        'source = { en = "Test content"',
        'fonts = { body = "media/body.ttf" }\nsource = { en = "Test content"',
        1,
    )
    root = write_bundle(tmp_path / "b", toml, {"media/body.ttf": b"PK\x03\x04" + bytes(40)})
    with pytest.raises(BundleError) as caught:
        load(root)
    assert [p.message for p in caught.value.problems] == [
        "is not a TrueType font, whatever its name says: it is a ZIP archive (or an Office "
        "document, which is one): unpack it and use the .ttf or .otf file inside "
        "(used at bundle.fonts.body)"
    ]
