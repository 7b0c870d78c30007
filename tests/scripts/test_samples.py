"""The sample bundles in nine scripts (tests/samples, test content) at three sizes: every
text fits, and every character has a glyph in the font Qt set it in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt

from kiosk.bundle import Bundle
from kiosk.qtmedia import load
from kiosk.ui.images import ImageStore
from kiosk.ui.slides import RenderContext, renderer_for
from kiosk.ui.theme import theme_for
from tests.scripts.glyphs import fonts_used, missing_glyphs

SAMPLES = Path(__file__).parent.parent / "samples"
CODES = sorted(path.name for path in SAMPLES.iterdir() if (path / "bundle.toml").is_file())
SIZES = [QSize(1920, 1080), QSize(1080, 1920), QSize(3840, 2160)]


def test_every_script_the_issue_names_has_a_sample() -> None:
    assert {"fa", "ar", "he", "ja", "zh", "ru", "hy", "ka", "th", "en-fa"} <= set(CODES)


@pytest.fixture(scope="module", params=CODES)
def sample(request: pytest.FixtureRequest, qapp: object) -> Iterator[Bundle]:
    bundle = load(SAMPLES / request.param)
    yield bundle
    bundle.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size.width()}x{size.height()}")
def test_every_sample_text_fits_and_has_every_glyph(sample: Bundle, size: QSize) -> None:
    theme = theme_for(sample)
    for language in sample.languages:
        context = RenderContext(language, theme, ImageStore(sample), blocking=True)
        for index, slide in enumerate(sample.manifest.slides):
            renderer = renderer_for(slide, context, size)
            where = f"{sample.manifest.bundle.id} slide {index} {language}"
            assert not renderer.overflow, f"{where}: {renderer.overflow}"
            for name, block, _rect in renderer.placed:
                missing = missing_glyphs(block)
                assert not missing, f"{where} {name}: {', '.join(map(str, missing))}"
                assert fonts_used(block), f"{where} {name}: nothing drawn"


RTL_SAMPLES = ["fa", "ar", "he"]


@pytest.mark.parametrize("code", RTL_SAMPLES)
@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size.width()}x{size.height()}")
def test_right_to_left_samples_are_mirrored(qapp: object, code: str, size: QSize) -> None:
    bundle = load(SAMPLES / code)
    context = RenderContext(code, theme_for(bundle), ImageStore(bundle), blocking=True)
    slides = {slide.type: slide for slide in bundle.manifest.slides}
    narrative = renderer_for(slides["narrative"], context, size)
    heading = narrative.placed_rect("heading")
    assert heading is not None
    assert heading.right() == pytest.approx(narrative.content.right(), abs=1)
    block = next(block for name, block, _rect in narrative.placed if name == "heading")
    assert block.style.direction == Qt.LayoutDirection.RightToLeft
    assert narrative.rule_x > heading.center().x()  # the accent rule at the right
    timeline = renderer_for(slides["timeline"], context, size)
    if timeline.across:
        assert timeline.dots[0].x() > timeline.dots[-1].x()  # the first event at the right
    else:
        assert timeline.line[0].x() > timeline.content.center().x()
    bundle.close()


#: The face each sample's script is set in (shipped, or Debian's Noto on the machine).
FACES = {
    "fa": "Arabic", "ar": "Arabic", "he": "Hebrew", "hy": "Armenian", "ka": "Georgian",
    "ja": "CJK JP", "zh": "CJK SC", "th": "Thai", "ru": "Noto S",
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(FACES))
def test_each_script_is_set_in_its_own_face(qapp: object, code: str) -> None:
    bundle = load(SAMPLES / code)
    context = RenderContext(code, theme_for(bundle), ImageStore(bundle), blocking=True)
    renderer = renderer_for(bundle.manifest.slides[1], context, SIZES[0])  # the narrative
    for name, block, _rect in renderer.placed:
        used = fonts_used(block)
        assert any(FACES[code] in family for family in used), f"{code} {name}: {used}"
    bundle.close()
