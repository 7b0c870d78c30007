"""Slide renderers: every built-in slide fits, stays in the safe area, and is not blank."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from kiosk.bundle import Bundle
from kiosk.bundle.model import SLIDE_TYPES, TEXT_KEYS
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.ui.images import ImageStore
from kiosk.ui.slides import RenderContext, SlideRenderer, renderer_for
from kiosk.ui.slides.memorial import split_figure
from kiosk.ui.theme import theme_for
from tests.bundles import VALID_TOML, write_bundle

SIZES = [
    QSize(1920, 1080),
    QSize(3840, 2160),
    QSize(1080, 1920),
    QSize(1280, 800),
    QSize(1024, 768),
]
#: Texts a slide has but does not draw as a block of their own: the chapter name is the
#: running head (drawn on every slide of the chapter, below), a quotation's date is drawn
#: in its attribution line.
NOT_A_BLOCK = {"chapter": None, "date": "attribution"}
#: Slide types that show no running head.
NO_RUNNING_HEAD = {"title", "image"}


@pytest.fixture(scope="module")
def builtin(qapp: object) -> Iterator[Bundle]:
    bundle = load(builtin_bundle())
    yield bundle
    bundle.close()


def context_for(bundle: Bundle, language: str) -> RenderContext:
    return RenderContext(language, theme_for(bundle), ImageStore(bundle), blocking=True)


def distinct_colours(image: QImage, step: int = 7) -> int:
    small = image.scaled(image.width() // step, image.height() // step)
    return len({small.pixel(x, y) for x in range(small.width()) for y in range(small.height())})


def texts_of(slide: BaseModel, language: str = "en") -> dict[str, str]:
    """Every text ``slide`` has, by the name its renderer places it under, from the model.

    Nested texts are named by their place (``figures[0].label``, ``events[2].date``); the
    running head is ``chapter``, and a figure's words beside its number ``before`` and
    ``after``.
    """
    texts: dict[str, str] = {}

    def collect(model: BaseModel, prefix: str) -> None:
        for key in type(model).model_fields:
            value = getattr(model, key)
            if isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, BaseModel):
                        collect(item, f"{prefix}{key}[{index}].")
            elif key in TEXT_KEYS and value is not None:
                name = f"{prefix}{key}"
                if not prefix and key in NOT_A_BLOCK:
                    target = NOT_A_BLOCK[key]
                    if target is None:
                        continue
                    name = target
                texts.setdefault(name, key)

    collect(slide, "")
    if getattr(slide, "in_chapter", None) and slide.type not in NO_RUNNING_HEAD:
        texts["chapter"] = "chapter"
    for index, figure in enumerate(getattr(slide, "figures", ())):
        value = figure.value if isinstance(figure.value, str) else figure.value[language]
        before, _number, after = split_figure(value)
        for name, words in (("before", before), ("after", after)):
            if words:
                texts[f"figures[{index}].{name}"] = "value"
    return texts


def test_every_slide_type_has_a_renderer() -> None:
    """Video slides too: their still (the poster) is what render and the deck show."""
    assert set(SlideRenderer.registry) == set(SLIDE_TYPES)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("language", ["en", "az"])
def test_every_text_of_every_builtin_slide_is_laid_out_in_the_safe_area(
    builtin: Bundle, language: str, size: QSize
) -> None:
    """Every text block itself, not colours (the source line alone has enough of them):
    laid out, not empty, no overflow, inside the safe area."""
    context = context_for(builtin, language)
    for index, slide in enumerate(builtin.manifest.slides):
        where = f"slide {index + 1} ({slide.id}) at {size.width()}x{size.height()} in {language}"
        renderer = renderer_for(slide, context, size)
        assert renderer.overflow == [], where
        expected = texts_of(slide, language)
        assert expected, where
        placed = {name for name, _block, _rect in renderer.placed}
        assert placed == set(expected), f"{where}: laid out {sorted(placed)}"
        safe = renderer.metrics.safe.adjusted(-1, -1, 1, 1)
        for name, block, rect in renderer.placed:
            assert block.document.toPlainText().strip(), f"{where}: {name} is empty"
            assert rect.width() > 0 and rect.height() > 0, f"{where}: {name} has no size"
            assert block.height > block.pixels * 0.9, f"{where}: {name} has no line"
            assert safe.contains(rect), f"{where}: {name} leaves the safe area"


def test_the_texts_of_a_slide_come_from_its_model(builtin: Bundle) -> None:
    """The expected names above are derived, so they cannot drift from the format."""
    by_type = {slide.type: texts_of(slide) for slide in builtin.manifest.slides}
    assert set(by_type["narrative"]) >= {"heading", "body", "source"}
    assert "chapter" not in by_type["title"] and {"title", "subtitle"} <= set(by_type["title"])
    assert "chapter" in by_type["narrative"]  # the running head
    assert {"figures[0].value", "figures[0].label"} <= set(by_type["memorial"])
    assert {"events[0].date", "events[0].text", "heading"} <= set(by_type["timeline"])
    assert {"text", "attribution"} <= set(by_type["quote"])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("language", ["en", "az"])
def test_builtin_slides_render_with_text_and_pictures(
    builtin: Bundle, language: str, size: QSize
) -> None:
    context = context_for(builtin, language)
    for index, slide in enumerate(builtin.manifest.slides):
        image = renderer_for(slide, context, size).render_image()
        assert image.size() == size
        assert distinct_colours(image, step=max(7, size.width() // 300)) > 20, (
            f"slide {index} ({slide.id}) looks blank"
        )


def test_body_text_is_at_least_the_minimum_size(builtin: Bundle) -> None:
    for size in SIZES:
        context = context_for(builtin, "en")
        for slide in builtin.manifest.slides:
            renderer = renderer_for(slide, context, size)
            for name, block, _rect in renderer.placed:
                assert block.pixels >= 0.026 * min(size.width(), size.height()) - 0.5, name


def test_very_long_text_shrinks_then_reports_an_overflow(tmp_path: Path, qapp: object) -> None:
    words = " ".join(["remembrance"] * 1500)
    toml = VALID_TOML.replace('"A quotation."', f'"{words}"')
    bundle = load(write_bundle(tmp_path / "b", toml))
    renderer = renderer_for(bundle.manifest.slides[1], context_for(bundle, "en"), SIZES[0])
    assert renderer.overflow == ["text"]
    assert distinct_colours(renderer.render_image()) > 5


def test_a_word_too_long_for_the_screen_is_an_overflow(tmp_path: Path, qapp: object) -> None:
    toml = VALID_TOML.replace('en = "Heading"', f'en = "{"x" * 300}"')
    bundle = load(write_bundle(tmp_path / "b", toml))
    renderer = renderer_for(bundle.manifest.slides[2], context_for(bundle, "en"), SIZES[0])
    assert "heading" in renderer.overflow


def test_long_narrative_flows_into_two_columns(tmp_path: Path, qapp: object) -> None:
    paragraph = " ".join(["The events of that night are remembered."] * 5)
    body = "\\n\\n".join([paragraph] * 4)
    toml = VALID_TOML.replace('image = "media/shape.svg"\n', "").replace(
        'en = "Some **Markdown**."', f'en = "{body}"'
    )
    bundle = load(write_bundle(tmp_path / "b", toml))
    renderer = renderer_for(bundle.manifest.slides[2], context_for(bundle, "en"), SIZES[0])
    bodies = [rect for name, _block, rect in renderer.placed if name == "body"]
    assert renderer.overflow == []
    assert len(bodies) == 2
    assert bodies[1].left() > bodies[0].right()


def test_missing_font_family_still_renders_text(tmp_path: Path, qapp: object) -> None:
    from dataclasses import replace

    bundle = load(write_bundle(tmp_path / "b"))
    context = context_for(bundle, "en")
    context = replace(context, theme=replace(context.theme, heading="No Such Font", body="Nope"))
    image = renderer_for(bundle.manifest.slides[1], context, SIZES[3]).render_image()
    assert distinct_colours(image) > 5


IMAGE_SLIDE = """
[[slides]]
type = "image"
image = "media/photo.png"
caption = { en = "A caption", az = "Bir izah" }
credit = { en = "Credit", az = "Müəllif" }
fit = "cover"
"""


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_a_covering_image_slide_fills_the_screen_with_its_words_in_the_safe_area(
    tmp_path: Path, size: QSize
) -> None:
    from tests.bundles import png

    bundle = load(
        write_bundle(tmp_path / "b", VALID_TOML + IMAGE_SLIDE, {"media/photo.png": png(300, 200)})
    )
    renderer = renderer_for(bundle.manifest.slides[3], context_for(bundle, "az"), size)
    assert renderer.overflow == []
    assert [name for name, _block, _rect in renderer.placed] == ["source", "caption", "credit"]
    for _name, _block, rect in renderer.placed:
        assert renderer.metrics.safe.contains(rect)
    image = renderer.render_image()
    corner = image.pixelColor(5, 5)  # the grey picture, not the background, fills the corner
    assert (corner.red(), corner.green(), corner.blue()) == (128, 128, 128)


def test_bundle_fonts_replace_the_shipped_faces(tmp_path: Path, qapp: object) -> None:
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    toml = VALID_TOML.replace(
        'languages = ["en", "az"]',
        'languages = ["en", "az"]\nfonts = { heading = "media/fonts/h.ttf" }',
    )
    bundle = load(write_bundle(tmp_path / "b", toml, {"media/fonts/h.ttf": font.read_bytes()}))
    theme = theme_for(bundle)
    assert theme.heading == "DejaVu Sans"
    assert theme.body == "Noto Sans"


ORIGINAL_TOML = VALID_TOML.replace(
    'attribution = { en = "Someone", az = "Kimsə" }',
    'attribution = { en = "Someone", az = "Kimsə" }\n'
    'original = { lang = "fa", text = "محتوای آزمایشی" }',
)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size.width()}x{size.height()}")
def test_an_original_stands_above_its_translation_in_its_own_language(
    tmp_path: Path, qapp: object, size: QSize
) -> None:
    bundle = load(write_bundle(tmp_path / "b", ORIGINAL_TOML))
    renderer = renderer_for(bundle.manifest.slides[1], context_for(bundle, "en"), size)
    original, translation = renderer.placed_rect("original"), renderer.placed_rect("text")
    assert original is not None and translation is not None
    assert original.bottom() <= translation.top()
    assert renderer.content.adjusted(-0.5, -0.5, 0.5, 0.5).contains(original.united(translation))
    block = next(block for name, block, _rect in renderer.placed if name == "original")
    assert (block.text, block.style.language) == ("محتوای آزمایشی", "fa")
    assert not renderer.overflow
    bundle.close()


def test_an_original_is_not_shown_twice_to_its_own_readers(tmp_path: Path, qapp: object) -> None:
    toml = ORIGINAL_TOML.replace('lang = "fa"', 'lang = "az-Latn"')
    bundle = load(write_bundle(tmp_path / "b", toml))
    slide = bundle.manifest.slides[1]
    assert renderer_for(slide, context_for(bundle, "az"), SIZES[0]).placed_rect("original") is None
    assert renderer_for(slide, context_for(bundle, "en"), SIZES[0]).placed_rect("original")
    bundle.close()


def test_an_original_in_another_script_of_the_same_language_is_shown(
    tmp_path: Path, qapp: object
) -> None:
    toml = ORIGINAL_TOML.replace('lang = "fa"', 'lang = "az-Arab"')
    bundle = load(write_bundle(tmp_path / "b", toml))
    slide = bundle.manifest.slides[1]
    assert renderer_for(slide, context_for(bundle, "az"), SIZES[0]).placed_rect("original")
    bundle.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size.width()}x{size.height()}")
@pytest.mark.parametrize("language", ["en", "az"])
def test_the_memorials_first_figure_is_largest_and_the_figures_share_a_baseline(
    builtin: Bundle, size: QSize, language: str
) -> None:
    from PySide6.QtGui import QColor

    slide = next(slide for slide in builtin.manifest.slides if slide.type == "memorial")
    renderer = renderer_for(slide, context_for(builtin, language), size)
    values = [(block, rect) for name, block, rect in renderer.placed if name.endswith(".value")]
    assert len(values) == 2
    (hero, hero_rect), (other, other_rect) = values
    assert hero.pixels > other.pixels * 1.3  # "133" before "around 700"
    if renderer.metrics.portrait:
        return
    # Side by side: the digits stand on one line (their ink ends on the same row).
    image = renderer.render_image()
    text = QColor(renderer.palette.text)

    def ink_bottom(rect: object) -> int:
        rows = [
            y
            for y in range(int(rect.top()), min(image.height(), int(rect.bottom()) + 1))
            for x in range(int(rect.left()), int(rect.right()), 2)
            if QColor(image.pixel(x, y)).lightness() > text.lightness() * 0.6
        ]
        return max(rows)

    assert abs(ink_bottom(hero_rect) - ink_bottom(other_rect)) <= 2
