"""The layout lint over laid-out slides: each rule on a small bundle made to break it,
and a good slide that passes; its output in ``kiosk render`` and ``kiosk validate``."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage

from kiosk.bundle import Bundle
from kiosk.cli import main
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.ui.images import ImageStore
from kiosk.ui.lint import SCREENS, PictureSizes, lint_bundle, lint_slide
from kiosk.ui.slides import RenderContext, SlideRenderer, renderer_for
from kiosk.ui.text import TextBlock
from kiosk.ui.theme import theme_for
from tests.bundles import png, write_bundle

SIZE = QSize(800, 600)
HEAD = """\
[bundle]
id = "lint"
title = { en = "Lint" }
version = "1"
languages = ["en"]
source = { en = "Test content" }
"""
#: Test content, not the exhibition's: a paragraph far longer than the measure allows
#: on one line at any screen size, where the narrative puts it in one column.
LONG = (
    "The world watched as the army fired on people in the streets of the city, while "
    "reporters from abroad were kept out of it for days."
)
GREY_THEME = (
    'theme = { background = "#575757", surface = "#575757", text = "#ffffff", muted = "#ffffff" }\n'
)


def bundle_of(tmp_path: Path, *slides: str, head: str = HEAD, **media: bytes) -> Bundle:
    files = {f"media/{name.replace('_', '.')}": data for name, data in media.items()}
    root = write_bundle(tmp_path / "b", head + "".join(slides), files)
    return load(root)


@pytest.fixture
def found(qapp: object) -> Iterator:
    """What the lint says of a bundle at one size, in English."""
    opened: list[Bundle] = []

    def lint(bundle: Bundle, size: QSize = SIZE) -> list[str]:
        opened.append(bundle)
        return [finding.what for finding in lint_bundle(bundle, [size], ["en"])]

    yield lint
    for bundle in opened:
        bundle.close()


def narrative(heading: str, body: str) -> str:
    return (
        f'[[slides]]\ntype = "narrative"\nheading = {{ en = "{heading}" }}\n'
        f'body = {{ en = "{body}" }}\n'
    )


def title(text: str) -> str:
    return f'[[slides]]\ntype = "title"\ntitle = {{ en = "{text}" }}\n'


def image(name: str, caption: str = "A caption.") -> str:
    return (
        f'[[slides]]\ntype = "image"\nimage = "media/{name}"\nfit = "cover"\n'
        f'caption = {{ en = "{caption}" }}\n'
    )


def memorial(*values: str) -> str:
    figures = ", ".join(
        f'{{ value = {{ en = "{value}" }}, label = {{ en = "label" }} }}' for value in values
    )
    return f'[[slides]]\ntype = "memorial"\nfigures = [{figures}]\n'


def laid_out(bundle: Bundle, index: int = 0, size: QSize = SIZE) -> SlideRenderer:
    context = RenderContext("en", theme_for(bundle), ImageStore(bundle), blocking=True)
    return renderer_for(bundle.manifest.slides[index], context, size)


# --- lines ---------------------------------------------------------------------------


def rebuilt(renderer: SlideRenderer, name: str, **style: object) -> None:
    """Set the block ``name`` again with other style values and, given ``width``, at
    another width: a slide as a careless layout would have set it."""
    width = float(style.pop("width", 0))
    for index, (placed, block, rect) in enumerate(renderer.placed):
        if placed == name:
            again = TextBlock(block.text, replace(block.style, **style), width or block.width)
            size = QSizeF(again.width, again.height)
            renderer.placed[index] = (placed, again, QRectF(rect.topLeft(), size))
            return
    raise AssertionError(f"no block {name}")


def test_reading_text_over_the_measure_is_found_with_its_longest_line(
    tmp_path: Path, found
) -> None:
    bundle = bundle_of(tmp_path, narrative("Heading", LONG))
    assert found(bundle) == []  # the narrative keeps to the measure itself
    renderer = laid_out(bundle)
    rebuilt(renderer, "body", measure=0, width=SIZE.width() * 2)  # across the screen
    problems = lint_slide(renderer, PictureSizes(bundle))
    assert len(problems) == 1
    what = problems[0]
    assert what.startswith("body: a line of ") and "over the measure of 60" in what
    length = int(what.removeprefix("body: a line of ").split()[0])
    assert 60 < length <= len(LONG)
    first_words = what.split('("')[1].removesuffix(' …")').split()
    assert " ".join(first_words) in LONG


def test_a_short_narrative_passes(tmp_path: Path, found) -> None:
    assert found(bundle_of(tmp_path, narrative("Heading", "Short lines, well set."))) == []


def test_a_heading_ending_in_one_word_is_found(tmp_path: Path, found) -> None:
    # A line separator (U+2028) breaks the line inside one paragraph, as a wrap would.
    broken = found(bundle_of(tmp_path, title("Tanks in\\u2028Baku")))
    assert broken == ['title: a one-word last line ("Baku" after "Tanks in")']


def test_a_heading_ending_in_two_words_passes(tmp_path: Path, found) -> None:
    assert found(bundle_of(tmp_path, title("Tanks\\u2028in Baku"))) == []


# --- figures -------------------------------------------------------------------------


def test_memorial_figures_at_three_sizes_are_found(tmp_path: Path, found) -> None:
    # Test content. The memorial sets the others at one size itself.
    bundle = bundle_of(tmp_path, memorial("133", "7", "12"))
    assert found(bundle) == []
    renderer = laid_out(bundle)
    third = next(block for name, block, _rect in renderer.placed if name == "figures[2].value")
    rebuilt(renderer, "figures[2].value", pixels=third.pixels * 0.7)  # fitted one by one
    problems = lint_slide(renderer, PictureSizes(bundle))
    assert len(problems) == 3  # the sizes, and the smaller figure's baseline twice
    assert problems[0].startswith('figures: the others are at different sizes ("7" ')


def test_a_hero_figure_and_a_smaller_one_on_one_baseline_pass(tmp_path: Path, found) -> None:
    bundle = bundle_of(tmp_path, memorial("133", "around 700"))
    assert found(bundle) == []
    assert found(bundle, QSize(600, 900)) == []  # portrait: one under the other


def test_figures_side_by_side_off_their_baseline_are_found(tmp_path: Path, qapp: object) -> None:
    bundle = bundle_of(tmp_path, memorial("133", "around 700"))
    renderer = laid_out(bundle)
    second = renderer.placed_rect("figures[1].value")
    assert second is not None
    second.translate(0, -20)  # top-aligned figures, as the memorial once set them
    problems = lint_slide(renderer, PictureSizes(bundle))
    bundle.close()
    assert problems == ['figures: "133" and "700" stand side by side on baselines 20 px apart']


# --- contrast ------------------------------------------------------------------------


def test_a_caption_on_a_scrim_too_faint_for_a_light_picture_is_found(tmp_path: Path, found) -> None:
    # The palette passes 7:1 on its ground, but the scrim lets a white picture through.
    bundle = bundle_of(tmp_path, image("p.png"), head=HEAD + GREY_THEME, p_png=png(800, 600))
    assert found(bundle) == [
        "source: text over a picture or scrim at 5.9:1 (at least 7:1)",  # on the band too
        "caption: text over a picture or scrim at 5.9:1 (at least 7:1)",
    ]


def test_a_caption_on_the_kiosks_own_scrim_passes(tmp_path: Path, found) -> None:
    assert found(bundle_of(tmp_path, image("p.png"), p_png=png(800, 600))) == []


def test_text_too_faint_on_the_plain_ground_is_found(tmp_path: Path, qapp: object) -> None:
    bundle = bundle_of(tmp_path, narrative("Heading", "Short lines."))
    renderer = laid_out(bundle)
    sizes = PictureSizes(bundle)
    assert lint_slide(renderer, sizes) == []
    _name, block, _rect = renderer.placed[-1]
    block.style = replace(block.style, colour="#666666")
    bundle.close()
    assert lint_slide(renderer, sizes) == ["body: text on the ground at 3.3:1 (at least 4.5:1)"]


def test_the_survey_decodes_no_picture(
    tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = bundle_of(tmp_path, image("p.png"), p_png=png(800, 600))
    renderer = laid_out(bundle)

    def refuse(*_args: object) -> None:
        raise AssertionError("a picture was decoded")

    monkeypatch.setattr(ImageStore, "picture_now", refuse)
    (underlay, scrim) = renderer.survey()
    bundle.close()
    assert underlay.picture == "media/p.png" and underlay.box.width() == SIZE.width()
    assert scrim.brush is not None and scrim.box.bottom() >= SIZE.height()


# --- pictures ------------------------------------------------------------------------


def test_a_picture_shown_far_larger_than_its_pixels_is_found(tmp_path: Path, found) -> None:
    problems = found(bundle_of(tmp_path, image("p.png"), p_png=png(100, 60)))
    assert problems == [
        "media/p.png, a picture of 100x60 pixels, is shown 10.0 times enlarged, in a space "
        "of 800x600 pixels on this slide, and looks soft (sharp up to 1.5 times): use a "
        "picture of at least 667x400 pixels"
    ]


def test_a_picture_with_pixels_enough_passes_and_a_denser_screen_needs_more(
    tmp_path: Path, qapp: object
) -> None:
    bundle = bundle_of(tmp_path, image("p.png"), p_png=png(640, 480))  # shown 1.25 times
    renderer = laid_out(bundle)
    sizes = PictureSizes(bundle)
    assert lint_slide(renderer, sizes) == []
    assert lint_slide(renderer, sizes, ratio=2.0) == [
        "media/p.png, a picture of 640x480 pixels, is shown 2.5 times enlarged, in a space "
        "of 1600x1200 pixels on this slide, and looks soft (sharp up to 1.5 times): use a "
        "picture of at least 1067x800 pixels"
    ]
    bundle.close()


def turned_jpeg(width: int, height: int) -> bytes:
    """A JPEG stored ``width`` x ``height`` whose EXIF orientation (6) turns it a quarter
    turn when shown, as a camera held upright writes it."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0xFF808080)
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPG")
    buffer.close()
    entry = struct.pack(">HHIHH", 0x0112, 3, 1, 6, 0)  # Orientation, SHORT, 1, "6"
    exif = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x01" + entry + b"\x00" * 4
    jpeg = bytes(array.data())
    return jpeg[:2] + b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif + jpeg[2:]


def test_a_picture_is_measured_as_it_is_shown_turned_upright(tmp_path: Path, qapp: object) -> None:
    bundle = bundle_of(tmp_path, image("p.jpg"), p_jpg=turned_jpeg(40, 20))
    sizes = PictureSizes(bundle)
    assert sizes("media/p.jpg") == (20, 40)
    assert sizes("media/shape.svg") is None  # drawn at any size
    bundle.close()


# --- the commands --------------------------------------------------------------------


def test_render_prints_warnings_and_exits_0_or_1_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_bundle(tmp_path / "b", HEAD + title("Tanks in\\u2028Baku"))
    command = ["render", str(root), "-o", str(tmp_path / "out"), "--size", "800x600"]
    assert main(command) == 0
    warning = 'slide 1 (title), en, 800x600: title: a one-word last line ("Baku" after '
    out = capsys.readouterr().out
    assert f"warning: {warning}" in out and "Wrote 2 images" in out
    assert main([*command, "--strict"]) == 1
    assert f"error: {warning}" in capsys.readouterr().out


def test_validate_warns_of_small_pictures_on_the_bundles_target_screens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    screens = 'screens = ["1920x1080", "1080x1920", "3840x2160"]\n'
    only = {"media/p.png": png(1600, 900), "media/dot.png": None, "media/shape.svg": None}
    root = write_bundle(tmp_path / "b", HEAD + screens + image("p.png"), only)
    assert main(["validate", str(root)]) == 0
    out = capsys.readouterr().out.splitlines()
    # "cover" on a portrait screen keeps a third of it: said once, by the bundle check.
    cropped = [line for line in out if '"cover" shows only 32% of media/p.png' in line]
    assert len(cropped) == 1 and "on a 1080x1920 screen" in cropped[0]
    out.remove(cropped[0])
    # Enough for 1920x1080 (1.2 times), not for 4K or a portrait screen filled edge to edge.
    assert out == [
        f"warning: {root}/bundle.toml:10: slides[0].image (slide 1, image): media/p.png, a "
        "picture of 1600x900 pixels, is shown 2.1 times enlarged on a 1080x1920 screen, and "
        "looks soft (sharp up to 1.5 times): use a picture of at least 2276x1280 pixels",
        f"warning: {root}/bundle.toml:10: slides[0].image (slide 1, image): media/p.png, a "
        "picture of 1600x900 pixels, is shown 2.4 times enlarged on a 3840x2160 screen, and "
        "looks soft (sharp up to 1.5 times): use a picture of at least 2560x1440 pixels",
        "OK: Lint (1), 1 slides, languages: en",
    ]
    assert main(["validate", "--strict", str(root)]) == 1
    assert not any(line.startswith("OK") for line in capsys.readouterr().out.splitlines())
    # Only at the screens the bundle names: 1920x1080 alone needs no more.
    write_bundle(root, HEAD + 'screens = ["1920x1080"]\n' + image("p.png"), only)
    assert main(["validate", str(root)]) == 0
    assert capsys.readouterr().out == "OK: Lint (1), 1 slides, languages: en\n"


def test_the_builtin_bundle_has_no_layout_warning(qapp: object) -> None:
    bundle = load(builtin_bundle())
    try:
        findings = lint_bundle(bundle, SCREENS, bundle.languages)
    finally:
        bundle.close()
    assert [str(finding) for finding in findings] == []


def test_a_long_caption_stands_wholly_on_the_band_not_in_its_fade(tmp_path: Path, found) -> None:
    # Test content: six lines of caption in portrait. The band used to reach its full
    # strength only a third of the way down, so the first lines stood in the fade.
    caption = " ".join(["A caption long enough to run to several lines on a tall screen."] * 4)
    white = png(1080, 1920, rows=b"".join(b"\x00" + b"\xff" * 1080 for _ in range(1920)))
    bundle = bundle_of(tmp_path, image("p.png", caption), p_png=white)
    assert found(bundle, QSize(1080, 1920)) == []


def test_validate_names_a_small_picture_once_a_screen_whatever_its_languages_and_slides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    head = HEAD.replace('{ en = "Lint" }', '{ en = "Lint", fr = "Lint (fr)" }')
    head = head.replace('["en"]', '["en", "fr"]').replace(
        '{ en = "Test content" }', '{ en = "Test content", fr = "Contenu de test" }'
    )
    head += 'screens = ["1920x1080"]\n'
    slide = image("p.png").replace('{ en = "A caption." }', '{ en = "Hi.", fr = "Salut." }')
    only = {"media/p.png": png(300, 200), "media/dot.png": None, "media/shape.svg": None}
    root = write_bundle(tmp_path / "b", head + slide + slide, only)
    assert main(["validate", str(root)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"warning: {root}/bundle.toml:10: slides[0].image (slide 1, image): media/p.png, a "
        "picture of 300x200 pixels, is shown 6.4 times enlarged on a 1920x1080 screen, and "
        "looks soft (sharp up to 1.5 times): use a picture of at least 1280x854 pixels",
        "OK: Lint (1), 2 slides, languages: en, fr",
    ]
