"""kiosk render --pdf: the sign-off sheet, read back with poppler (pdfinfo, pdftotext,
pdftoppm) as whoever signs it will see it."""

from __future__ import annotations

import hashlib
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from kiosk.bundle.pack import pack
from kiosk.cli import main
from tests.bundles import VALID_TOML, png, write_bundle

# Test content: a source in two forms and a credit on the narrative slide.
SIGNED_TOML = VALID_TOML.replace(
    'image = "media/shape.svg"\n',
    'image = "media/shape.svg"\n'
    'credit = { en = "Test credit: a red circle", az = "Sınaq krediti" }\n'
    'source.short = { en = "Test source", az = "Sınaq mənbəyi" }\n'
    'source.full = { en = "Test source, full reference, page 12", '
    'az = "Sınaq mənbəyi, tam istinad" }\n',
)


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext reads it, its lines joined by spaces."""
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    match = re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE)
    assert match, info.stdout
    return int(match.group(1))


def page_size(pdf: Path, page: int) -> str:
    info = subprocess.run(
        ["pdfinfo", "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(rf"^Page\s+{page} size:\s+(\d+ x \d+) pts", info.stdout, re.MULTILINE)
    assert match, info.stdout
    return match.group(1)


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A small bundle's sheet at one landscape and one portrait screen; its folder and
    the SHA-256 of what `kiosk pack` makes of it."""
    root = tmp_path_factory.mktemp("signoff")
    # A picture large enough for both screens: no layout warning on the cover.
    bundle = write_bundle(root / "b", SIGNED_TOML, {"media/dot.png": png(300, 300)})
    pdf = root / "sheet.pdf"
    code = main(
        ["render", str(bundle), "--pdf", str(pdf), "--size", "640x360", "--size", "360x640"]
    )
    assert code == 0
    packed = root / "packed.kiosk"
    pack(bundle, packed)
    return pdf, bundle, hashlib.sha256(packed.read_bytes()).hexdigest()


def test_sheet_has_a_cover_and_a_page_per_two_renders(sheet: tuple[Path, Path, str]) -> None:
    pdf, _bundle, _sha = sheet
    # 3 slides x 2 languages = 6 renders a screen, 2 a page: 3 pages a screen, and the cover.
    assert page_count(pdf) == 7
    assert page_size(pdf, 1) == "595 x 842"  # cover, A4 upright
    assert page_size(pdf, 2) == "842 x 595"  # landscape screen: A4 sideways
    assert page_size(pdf, 5) == "595 x 842"  # portrait screen: A4 upright
    pages = pdf_pages(pdf)
    assert all(f"page {n} of 7" in page for n, page in enumerate(pages, start=1))


def test_cover_names_the_bundle_and_the_checksum_of_the_packed_file(
    sheet: tuple[Path, Path, str],
) -> None:
    pdf, _bundle, sha = sheet
    cover = pdf_pages(pdf)[0]
    assert "Test" in cover and "Sınaq" in cover  # the title in each language
    for words in ("1.0", "en (English)", "640x360 (landscape)", "360x640 (portrait)"):
        assert words in cover
    assert sha in cover
    assert "the .kiosk that `kiosk pack` makes from the folder b" in cover
    assert "What signing means" in cover and "Signature" in cover
    assert "Every text fits at every screen" in cover
    assert all(f"1.0 · SHA-256 {sha[:16]}" in page for page in pdf_pages(pdf))


def test_slide_pages_carry_full_sources_and_credits_as_text(
    sheet: tuple[Path, Path, str],
) -> None:
    pdf, _bundle, _sha = sheet
    pages = pdf_pages(pdf)
    # Slide 3 (the narrative) in English and Azerbaijani shares page 4 at 640x360.
    page = pages[3]
    assert "Slide 3 of 3 · narrative" in page
    assert "Test source, full reference, page 12" in page
    assert "Sınaq mənbəyi, tam istinad" in page
    assert "Test credit: a red circle" in page
    assert "Sınaq krediti" in page
    assert "English (en) · 640x360 (landscape)" in page
    assert "Source Test content" in pages[1]  # the title slide has the bundle's default
    # The slide's own words, under the picture of them, for a search or a copy.
    assert "A quotation." in pages[2] and "Bir sitat." in pages[2]


def test_pages_convert_to_pictures(sheet: tuple[Path, Path, str], tmp_path: Path) -> None:
    pdf, _bundle, _sha = sheet
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pictures = sorted(tmp_path.glob("p-*.png"))
    assert len(pictures) == 7
    from PySide6.QtGui import QImage

    slide_page = QImage(str(pictures[1]))
    assert slide_page.width() == round(297 / 25.4 * 40)
    # The slide's dark ground is there, not only white paper and words.
    assert slide_page.pixelColor(40, 40).lightness() < 60


def test_a_kiosk_file_is_hashed_as_it_is(tmp_path: Path) -> None:
    packed = tmp_path / "show.kiosk"
    pack(write_bundle(tmp_path / "b", SIGNED_TOML), packed)
    pdf = tmp_path / "sheet.pdf"
    assert (
        main(["render", str(packed), "--pdf", str(pdf), "--size", "480x320", "--lang", "az"]) == 0
    )
    cover = pdf_pages(pdf)[0]
    assert hashlib.sha256(packed.read_bytes()).hexdigest() in cover
    assert "of the file show.kiosk" in cover
    assert page_count(pdf) == 1 + 2  # 3 slides in one language, two a page


def test_text_that_does_not_fit_is_flagged_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    words = " ".join(["remembrance"] * 600)
    bundle = write_bundle(tmp_path / "b", VALID_TOML.replace('"A quotation."', f'"{words}"'))
    pdf = tmp_path / "sheet.pdf"
    code = main(["render", str(bundle), "--pdf", str(pdf), "--size", "480x320", "--lang", "en"])
    assert code == 1
    assert "overflow: slide 2 (quote), en, 480x320" in capsys.readouterr().out
    pages = pdf_pages(pdf)
    assert "To look at before signing" in pages[0] and "marked on page 2" in pages[0]
    assert "Does not fit: text" in pages[1]


def test_render_needs_pictures_or_a_sheet(tmp_path: Path) -> None:
    bundle = str(write_bundle(tmp_path / "b"))
    assert main(["render", bundle]) == 2
    assert main(["render", bundle, "--pdf", str(tmp_path / "s.pdf"), "--lang", "fr"]) == 2
    assert not (tmp_path / "s.pdf").exists()


def test_the_bundles_own_screens_unless_size_asks_for_others(tmp_path: Path) -> None:
    pdf = tmp_path / "sheet.pdf"
    toml = VALID_TOML.replace(
        'languages = ["en", "az"]', 'languages = ["en", "az"]\nscreens = ["360x480"]'
    )
    bundle = write_bundle(tmp_path / "b", toml)
    assert main(["render", str(bundle), "--pdf", str(pdf), "--lang", "en"]) == 0
    assert "360x480 (portrait)" in pdf_pages(pdf)[0]
    assert page_size(pdf, 2) == "595 x 842"
    assert main(["render", str(bundle), "--pdf", str(pdf), "--size", "800x600"]) == 0
    assert "800x600 (landscape)" in pdf_pages(pdf)[0]
    assert "360x480" not in pdf_pages(pdf)[0]


@pytest.mark.parametrize("packed", [False, True])
def test_problems_name_the_curators_file_not_the_private_copy(
    packed: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A PNG damaged behind an intact header: found when decoded, in the bundle given."""
    bundle = write_bundle(tmp_path / "b", files={"media/dot.png": png()[:60]})
    if packed:
        with zipfile.ZipFile(tmp_path / "b.kiosk", "w") as archive:
            for name in ("bundle.toml", "media/dot.png", "media/shape.svg"):
                archive.write(bundle / name, name)
        bundle = tmp_path / "b.kiosk"
    pdf = tmp_path / "sheet.pdf"
    assert main(["render", str(bundle), "--pdf", str(pdf)]) == 1
    problem = capsys.readouterr().out
    assert problem.startswith(f"{bundle}/media/dot.png: cannot be decoded as PNG"), problem
    assert not pdf.exists()
