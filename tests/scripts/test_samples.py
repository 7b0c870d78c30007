"""The sample bundles in nine scripts (tests/samples, test content) at three sizes: every
text fits, and every character has a glyph in the font Qt set it in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

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
