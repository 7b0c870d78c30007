"""Every slide sourced, every picture credited, and pictures fitted whole or cropped
around a focal point (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.bundle import BundleError, load
from kiosk.bundle.errors import Problem
from kiosk.bundle.framing import exif_orientation, shown_share, upright_size
from kiosk.bundle.model import ImageSlide, TitleSlide
from tests.bundles import VALID_TOML, png, write_bundle

DEFAULT_SOURCE = 'source = { en = "Test content", az = "Sınaq məzmunu" }\n'
#: The test bundle without its default source: its slides have none of their own.
UNSOURCED = VALID_TOML.replace(DEFAULT_SOURCE, "")
OWN_SOURCE = 'source = { en = "Own source", az = "Öz mənbəyi" }\n'


def said(problem: Problem) -> str:
    """A problem as ``kiosk validate`` prints it, less the folder of the test bundle."""
    return str(problem).split("/b/", 1)[-1]


def problems(tmp_path: Path, toml: str, files: dict[str, bytes] | None = None) -> list[str]:
    with pytest.raises(BundleError) as caught:
        load(write_bundle(tmp_path / "b", toml, files))
    return [said(problem) for problem in caught.value.problems]


def warnings(tmp_path: Path, toml: str, files: dict[str, bytes] | None = None) -> list[str]:
    bundle = load(write_bundle(tmp_path / "b", toml, files))
    try:
        return [said(warning) for warning in bundle.warnings]
    finally:
        bundle.close()


# --- sources ---------------------------------------------------------------------------


def test_a_slide_without_a_source_is_named_with_its_line_and_what_to_write(
    tmp_path: Path,
) -> None:
    assert DEFAULT_SOURCE in VALID_TOML
    quote_line = UNSOURCED.splitlines().index('type = "quote"')  # its [[slides]] line
    found = problems(tmp_path, UNSOURCED)
    assert len(found) == 3  # the title, the quotation and the narrative
    assert found[1] == (
        f'bundle.toml:{quote_line}: slides[1] (quote "A quotation."): has no source: '
        'give source = { en = "...", az = "..." }, or a default source in [bundle]'
    )


def test_a_slide_without_a_source_or_its_first_language_is_named_in_another(
    tmp_path: Path,
) -> None:
    found = problems(tmp_path, UNSOURCED.replace('text.en = "A quotation."\n', ""))
    assert any('slides[1] (quote "Bir sitat."): has no source' in line for line in found)
    assert any('slides[1].text.en: has no "en" text' in line for line in found)


def test_the_bundle_s_default_source_fills_every_slide_without_one(tmp_path: Path) -> None:
    toml = UNSOURCED.replace('type = "quote"\n', 'type = "quote"\n' + OWN_SOURCE).replace(
        'languages = ["en", "az"]\n',
        'languages = ["en", "az"]\nsource.short = { en = "Short", az = "Qısa" }\n'
        'source.full = { en = "Full reference", az = "Tam istinad" }\n',
    )
    bundle = load(write_bundle(tmp_path / "b", toml))
    title, quote, _narrative = bundle.manifest.slides
    bundle.close()
    assert title.source is None  # the slide itself is unchanged
    assert (title.source_text("en"), title.source_text("az", "full")) == ("Short", "Tam istinad")
    assert quote.source_text("az") == quote.source_text("az", "full") == "Öz mənbəyi"


def test_a_default_source_needs_every_language(tmp_path: Path) -> None:
    toml = VALID_TOML.replace(DEFAULT_SOURCE, 'source = { en = "Test content" }\n')
    assert problems(tmp_path, toml) == [
        'bundle.toml:6: bundle.source.az: has no "az" text (every text needs en, az)'
    ]


# --- credits, fit and focal ----------------------------------------------------------------

IMAGE_SLIDE = """
[[slides]]
type = "image"
image = "media/photo.png"
credit = {{ en = "Photograph: test content", az = "Foto: sınaq" }}
{extra}
"""


def image_toml(extra: str = "") -> str:
    return VALID_TOML + IMAGE_SLIDE.format(extra=extra)


PORTRAIT = {"media/photo.png": png(30, 90)}
LANDSCAPE = {"media/photo.png": png(160, 90)}


def test_a_title_picture_has_a_credit_and_an_image_slide_shows_all_of_its_picture(
    tmp_path: Path,
) -> None:
    toml = image_toml().replace(
        'image = "media/dot.png"\n',
        'image = "media/dot.png"\ncredit = { en = "Drawing: test", az = "Rəsm: sınaq" }\n',
    )
    bundle = load(write_bundle(tmp_path / "b", toml, PORTRAIT))
    title, image = bundle.manifest.slides[0], bundle.manifest.slides[3]
    bundle.close()
    assert isinstance(title, TitleSlide) and title.credit == {
        "en": "Drawing: test",
        "az": "Rəsm: sınaq",
    }
    assert isinstance(image, ImageSlide)
    assert (image.fit, image.focal) == ("contain", None)  # nothing of it is lost


def test_fit_and_focal_are_checked(tmp_path: Path) -> None:
    found = problems(tmp_path, image_toml('fit = "fill"\nfocal = [0.5, 1.5]'), PORTRAIT)
    assert any('slides[3].fit: must be "contain" or "cover"' in line for line in found)
    assert any("slides[3].focal: must be [x, y]: two fractions from 0 to 1" in p for p in found)
    found = problems(tmp_path, image_toml("focal = [0.5]"), PORTRAIT)
    assert any("slides[3].focal: must be [x, y]" in line for line in found)


def test_a_cover_that_crops_away_most_of_a_picture_is_a_warning(tmp_path: Path) -> None:
    found = warnings(tmp_path, image_toml('fit = "cover"'), PORTRAIT)
    assert len(found) == 1
    assert found[0].startswith("bundle.toml:32: ")
    assert (
        'slides[3].fit: "cover" shows only 19% of media/photo.png (30 x 90 pixels) on a '
        in (found[0])
    )
    assert "1920x1080 screen, cropping its top and bottom" in found[0]
    assert 'use fit = "contain"' in found[0] and "focal = [x, y]" in found[0]


def test_a_cover_of_a_picture_shaped_like_the_screens_is_not_a_warning(tmp_path: Path) -> None:
    # 16:9 on a landscape screen loses nothing, and on a portrait one it keeps 32 %:
    # a warning still, for the portrait screen.
    found = warnings(tmp_path, image_toml('fit = "cover"\nfocal = [0.3, 0.5]'), LANDSCAPE)
    assert len(found) == 1 and "on a 1080x1920 screen, cropping its sides: its focal" in found[0]
    square = {"media/photo.png": png(90, 90)}
    assert warnings(tmp_path, image_toml('fit = "cover"'), square) == []  # keeps 56 %
    assert warnings(tmp_path, image_toml(), PORTRAIT) == []  # "contain" crops nothing


def test_a_focal_point_on_a_picture_never_cropped_is_a_warning(tmp_path: Path) -> None:
    (found,) = warnings(tmp_path, image_toml("focal = [0.5, 0.2]"), PORTRAIT)
    assert 'slides[3].focal: does nothing here: only a picture shown with fit = "cover"' in found


def test_shown_share_is_the_share_of_the_picture_left_in_view() -> None:
    assert shown_share((1920, 1080), (3840, 2160)) == 1.0
    assert shown_share((1080, 1920), (1920, 1080)) == pytest.approx((1080 / 1920) ** 2)
    assert shown_share((1000, 1000), (1920, 1080)) == pytest.approx(1080 / 1920)


def _jpeg_header(width: int, height: int, orientation: int | None, order: bytes = b"MM") -> bytes:
    """The start of a JPEG: SOI, an EXIF APP1 with the orientation tag, a frame header."""
    big = order == b"MM"

    def n(value: int, size: int) -> bytes:
        return value.to_bytes(size, "big" if big else "little")

    tiff = order + n(42, 2) + n(8, 4)
    if orientation is None:
        tiff += n(0, 2)
    else:
        tiff += n(1, 2) + n(0x0112, 2) + n(3, 2) + n(1, 4) + n(orientation, 2) + b"\0\0"
    exif = b"Exif\0\0" + tiff
    app1 = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
    frame = b"\x08" + height.to_bytes(2, "big") + width.to_bytes(2, "big") + b"\x03"
    sof = b"\xff\xc0" + (len(frame) + 2).to_bytes(2, "big") + frame
    return b"\xff\xd8" + app1 + sof


def test_a_phone_photo_turned_by_its_exif_orientation_is_sized_upright() -> None:
    assert exif_orientation(_jpeg_header(400, 300, 6)) == 6
    assert exif_orientation(_jpeg_header(400, 300, 8, b"II")) == 8
    assert upright_size("media/p.jpg", _jpeg_header(400, 300, 6)) == (300, 400)
    assert upright_size("media/p.jpeg", _jpeg_header(400, 300, 1)) == (400, 300)
    assert upright_size("media/p.jpg", _jpeg_header(400, 300, None)) == (400, 300)
    assert upright_size("media/p.png", png(5, 7)) == (5, 7)
    assert upright_size("media/p.svg", b"<svg/>") is None
