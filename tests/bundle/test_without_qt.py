"""The bundle layer runs where Qt cannot even be imported: it checks pictures from their
headers in plain Python and refuses what the kiosk's loader refuses from a header."""

from __future__ import annotations

from pathlib import Path

from tests.bundle.without_qt import load_without_qt
from tests.bundles import VALID_TOML, png, write_bundle

JPEG_AS_PNG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


def test_the_bundle_loader_needs_no_qt_and_still_refuses_pictures_from_their_headers(
    tmp_path: Path,
) -> None:
    cases = {
        "good": write_bundle(tmp_path / "good"),
        "jpeg named png": write_bundle(tmp_path / "jpeg", files={"media/dot.png": JPEG_AS_PNG}),
        "too many pixels": write_bundle(
            tmp_path / "bomb", files={"media/dot.png": png(100_000, 100_000, rows=b"")}
        ),
        "over the allocation limit": write_bundle(
            tmp_path / "big", files={"media/dot.png": png(16_000, 16_000, rows=b"")}
        ),
        "png named jpg": write_bundle(
            tmp_path / "named-jpg",
            VALID_TOML.replace("media/dot.png", "media/dot.jpg"),
            {"media/dot.png": None, "media/dot.jpg": png()},
        ),
    }
    found = load_without_qt(cases.values())
    answers = {case: found.answers[str(path)] or "accepted" for case, path in cases.items()}
    assert answers["good"] == "accepted"
    assert "is not a PNG picture, whatever its name says" in answers["jpeg named png"]
    assert "is 100000 x 100000 pixels; pictures may be at most 16384" in answers["too many pixels"]
    assert "takes 977 MB to show; the limit is 256 MB" in answers["over the allocation limit"]
    assert "is not a JPEG picture, whatever its name says" in answers["png named jpg"]
    assert not [name for name in found.modules if name.startswith(("PySide6", "shiboken6"))]
