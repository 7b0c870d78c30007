"""The layout grid: headings, columns, running heads and sources stand where they stood
on the slide before, whatever the length of each slide's text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize

from kiosk.bundle import Bundle
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.ui.images import ImageStore
from kiosk.ui.slides import RenderContext, renderer_for
from kiosk.ui.theme import theme_for

SIZES = [
    QSize(1920, 1080),
    QSize(1080, 1920),
    QSize(3840, 2160),
    QSize(1280, 800),
    QSize(1024, 768),
]


@pytest.fixture(scope="module")
def builtin(qapp: object) -> Iterator[Bundle]:
    bundle = load(builtin_bundle())
    yield bundle
    bundle.close()


def lay_out(bundle: Bundle, language: str, size: QSize) -> list:
    context = RenderContext(language, theme_for(bundle), ImageStore(bundle), blocking=True)
    return [renderer_for(slide, context, size) for slide in bundle.manifest.slides]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("language", ["en", "az"])
def test_headings_running_heads_and_sources_stand_on_the_grid(
    builtin: Bundle, language: str, size: QSize
) -> None:
    renderers = lay_out(builtin, language, size)
    grid = renderers[0].grid
    headings = {
        (round(rect.left()), round(rect.top()))
        for renderer in renderers
        if renderer.slide.type in ("narrative", "timeline")
        for rect in [renderer.placed_rect("heading")]
    }
    # One place for every heading, narrative (with or without a picture) and timeline.
    assert headings == {(round(grid.left), round(grid.heading_top))}
    bodies = {
        round(renderer.placed_rect("body").left())
        for renderer in renderers
        if renderer.slide.type == "narrative"
    }
    assert bodies == {round(grid.left)}
    for renderer in renderers:
        where = f"{renderer.slide.id}, {language}, {size.width()}x{size.height()}"
        source = next((block, rect) for name, block, rect in renderer.placed if name == "source")
        block, rect = source
        assert round(rect.left()) == round(grid.left), where  # on the text column
        assert block.width == pytest.approx(renderer.grid.column_width), where  # as wide as it
        assert rect.bottom() == pytest.approx(grid.bottom), where
        chapter = renderer.placed_rect("chapter")
        if renderer.slide.type == "title":
            assert chapter is None, where  # a title opens its chapter itself
        else:
            assert chapter is not None, where
            assert (chapter.left(), chapter.top()) == pytest.approx(
                (grid.left, grid.running_head_top)
            ), where
            assert chapter.bottom() < (renderer.placed_rect("heading") or rect).top(), where


def test_a_slide_shows_its_short_source_and_the_full_one_is_at_hand(builtin: Bundle) -> None:
    renderer = lay_out(builtin, "en", QSize(1280, 800))[1]
    source = next(block for name, block, _rect in renderer.placed if name == "source")
    assert source.document.toPlainText() == renderer.slide.source_text("en")
    assert renderer.source("full") == (
        "Embassy of the Republic of Azerbaijan, Washington DC, press release of 18 January 2013"
    )


def test_the_running_head_names_the_chapter_in_the_slides_language(builtin: Bundle) -> None:
    renderers = lay_out(builtin, "az", QSize(1280, 800))
    heads = [
        next((b.document.toPlainText() for n, b, _r in r.placed if n == "chapter"), None)
        for r in renderers
    ]
    assert heads == [
        None,  # the title
        "20 yanvar 1990",
        "Şahidlik",
        "Şahidlik",
        "Şahidlik",
        "Şahidlik",
        "Müstəqillik",
        "Müstəqillik",
        "Xatirə",
        "Xatirə",
    ]
