"""Right-to-left languages: paragraphs set right to left, slide layouts mirrored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, QSize, Qt

from kiosk.bundle import Bundle
from kiosk.qtmedia import load
from kiosk.ui.slides import SlideRenderer, renderer_for
from kiosk.ui.text import Style, TextBlock
from tests.bundles import VALID_TOML, png, write_bundle
from tests.rtl_bundle import RTL_TOML, write_rtl_bundle
from tests.ui.test_slides import SIZES, context_for

LANDSCAPE, PORTRAIT = QSize(1920, 1080), QSize(1080, 1920)
PERSIAN = "این یک جمله آزمایشی است."  # "This is a test sentence."


@pytest.fixture(scope="module")
def persian(qapp: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    bundle = load(write_rtl_bundle(tmp_path_factory.mktemp("rtl") / "b"))
    yield bundle
    bundle.close()


def render(bundle: Bundle, kind: str, size: QSize, language: str = "fa") -> SlideRenderer:
    slide = next(slide for slide in bundle.manifest.slides if slide.type == kind)
    return renderer_for(slide, context_for(bundle, language), size)


def lines_of(block: TextBlock) -> list[QRectF]:
    """Where each laid-out line's ink runs, in the block's coordinates."""
    block.document.size()  # lays the document out
    rects = []
    paragraph = block.document.begin()
    while paragraph.isValid():
        origin = block.document.documentLayout().blockBoundingRect(paragraph).topLeft()
        layout = paragraph.layout()
        for index in range(layout.lineCount()):
            rects.append(layout.lineAt(index).naturalTextRect().translated(origin))
        paragraph = paragraph.next()
    return rects


def ends_of(block: TextBlock) -> tuple[float, float]:
    """The x where the first paragraph's text starts and where it ends, on its line."""
    block.document.size()
    paragraph = block.document.begin()
    line = paragraph.layout().lineAt(0)
    start = line.cursorToX(0)[0]
    end = line.cursorToX(len(paragraph.text()))[0]
    return start, end


# --- paragraphs ------------------------------------------------------------------------


@pytest.mark.parametrize("markdown", [False, True])
def test_a_persian_sentence_ends_with_its_full_stop_at_the_left(
    qapp: object, markdown: bool
) -> None:
    block = TextBlock(
        PERSIAN, Style("Noto Sans", 30, "#fff", language="fa"), 900, markdown=markdown
    )
    start, end = ends_of(block)
    (line,) = lines_of(block)
    assert start > end  # read from the right
    assert end == pytest.approx(line.left(), abs=1)  # the full stop is the leftmost mark
    assert line.right() == pytest.approx(900, abs=1)  # flush right


def test_every_markdown_paragraph_of_a_persian_text_is_right_to_left(qapp: object) -> None:
    text = f"{PERSIAN}\n\n- {PERSIAN}\n- Kiosk 2024.\n\n{PERSIAN}"
    block = TextBlock(text, Style("Noto Sans", 30, "#fff", language="fa"), 900, markdown=True)
    paragraph = block.document.begin()
    while paragraph.isValid():
        assert paragraph.textDirection() == Qt.LayoutDirection.RightToLeft, paragraph.text()
        paragraph = paragraph.next()
    for line in lines_of(block):
        assert line.right() > 800


def test_a_latin_name_inside_persian_keeps_its_own_order(qapp: object) -> None:
    text = "نام Kiosk آزمایشی است."
    block = TextBlock(text, Style("Noto Sans", 30, "#fff", language="fa"), 900)
    block.document.size()
    line = block.document.begin().layout().lineAt(0)
    inside = text.index("K") + 1, text.index("k")  # K|ios|k: away from the run's ends
    assert line.cursorToX(inside[0])[0] < line.cursorToX(inside[1])[0]  # left to right
    assert line.cursorToX(0)[0] > line.cursorToX(inside[0])[0]  # after "نام", at its left


def test_a_centred_persian_text_is_centred_and_right_to_left(qapp: object) -> None:
    style = Style("Noto Sans", 30, "#fff", align=Qt.AlignmentFlag.AlignHCenter, language="fa")
    block = TextBlock(PERSIAN, style, 900)
    (line,) = lines_of(block)
    start, end = ends_of(block)
    assert line.center().x() == pytest.approx(450, abs=1)
    assert start > end


def test_english_is_still_set_left_to_right_flush_left(qapp: object) -> None:
    block = TextBlock("A test sentence.", Style("Noto Sans", 30, "#fff", language="en"), 900)
    (line,) = lines_of(block)
    start, end = ends_of(block)
    assert line.left() == pytest.approx(0, abs=0.5)
    assert start < end


# --- slides ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_every_persian_slide_fits_in_the_safe_area(persian: Bundle, size: QSize) -> None:
    for slide in persian.manifest.slides:
        renderer = renderer_for(slide, context_for(persian, "fa"), size)
        assert renderer.overflow == [], slide.type
        for name, _block, rect in renderer.placed:
            assert renderer.metrics.safe.adjusted(-1, -1, 1, 1).contains(rect), (slide.type, name)


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_a_persian_heading_is_flush_with_the_right_of_the_content(
    persian: Bundle, size: QSize
) -> None:
    for kind in ("narrative", "timeline"):
        renderer = render(persian, kind, size)
        rect = renderer.placed_rect("heading")
        block = next(block for name, block, _rect in renderer.placed if name == "heading")
        assert rect is not None
        assert rect.right() == pytest.approx(renderer.content.right(), abs=1), kind
        for line in lines_of(block):
            assert rect.left() + line.right() == pytest.approx(rect.right(), abs=1), kind


def test_the_narrative_picture_is_left_of_its_text_in_persian(persian: Bundle) -> None:
    renderer = render(persian, "narrative", LANDSCAPE)
    assert renderer.picture_box is not None
    heading = renderer.placed_rect("heading")
    caption = renderer.placed_rect("caption")
    assert heading is not None and caption is not None
    assert renderer.picture_box.right() < heading.left()
    assert caption.right() < heading.left()
    assert renderer.picture_box.left() == pytest.approx(renderer.content.left(), abs=1)


def test_the_accent_rule_stands_at_the_right_under_a_persian_heading(persian: Bundle) -> None:
    renderer = render(persian, "narrative", LANDSCAPE)
    heading = renderer.placed_rect("heading")
    assert heading is not None
    assert renderer.rule_x > heading.center().x()
    assert renderer.rule_x + renderer.metrics.unit * 7 / 2 == pytest.approx(heading.right(), abs=1)


def test_a_persian_timeline_runs_from_right_to_left(persian: Bundle) -> None:
    renderer = render(persian, "timeline", LANDSCAPE)
    assert renderer.across
    xs = [dot.x() for dot in renderer.dots]
    assert xs == sorted(xs, reverse=True)
    first = renderer.placed_rect("events[0].date")
    last = renderer.placed_rect("events[2].date")
    assert first is not None and last is not None
    assert first.left() > last.right()
    assert xs[0] > first.center().x()  # the dot stands at the start (right) of its text


def test_a_persian_timeline_in_portrait_has_its_line_on_the_right(persian: Bundle) -> None:
    renderer = render(persian, "timeline", PORTRAIT)
    assert not renderer.across
    first = renderer.placed_rect("events[0].text")
    assert first is not None
    for dot in renderer.dots:
        assert dot.x() > first.right()
    assert renderer.line[0].x() == renderer.line[1].x() > first.right()


def test_image_captions_stand_at_the_right_in_persian(persian: Bundle) -> None:
    renderer = render(persian, "image", LANDSCAPE)
    caption = renderer.placed_rect("caption")
    assert caption is not None
    assert caption.right() == pytest.approx(renderer.content.right(), abs=1)


def test_the_source_line_stands_at_the_right_in_persian(persian: Bundle) -> None:
    renderer = render(persian, "narrative", LANDSCAPE)
    source = renderer.placed_rect("source")
    block = next(block for name, block, _rect in renderer.placed if name == "source")
    assert source is not None
    (line,) = lines_of(block)
    assert source.left() + line.right() == pytest.approx(renderer.metrics.safe.right(), abs=1)


def test_memorial_figures_read_from_the_right_in_persian(persian: Bundle) -> None:
    renderer = render(persian, "memorial", LANDSCAPE)
    first, second = (renderer.placed_rect(f"figures[{i}].value") for i in (0, 1))
    assert first is not None and second is not None
    assert first.left() > second.right()


def test_pictures_are_never_flipped(tmp_path: Path, qapp: object) -> None:
    """A picture dark at its left keeps its dark side at the left in a mirrored layout."""
    rows = b"".join(b"\x00" + b"\x10" * 150 + b"\xf0" * 150 for _ in range(200))
    bundle = load(
        write_bundle(tmp_path / "b", RTL_TOML, {"media/photo.png": png(300, 200, rows=rows)})
    )
    image = render(bundle, "image", LANDSCAPE).render_image()
    assert image.pixelColor(5, 5).lightness() < 40
    assert image.pixelColor(image.width() - 5, 5).lightness() > 200
    bundle.close()


def test_english_layout_is_not_mirrored(tmp_path: Path, qapp: object) -> None:
    bundle = load(write_bundle(tmp_path / "b", VALID_TOML))
    renderer = renderer_for(bundle.manifest.slides[2], context_for(bundle, "en"), LANDSCAPE)
    heading = renderer.placed_rect("heading")
    assert heading is not None and renderer.picture_box is not None
    assert heading.left() == pytest.approx(renderer.content.left(), abs=1)
    assert renderer.picture_box.left() > heading.right()
    assert renderer.rule_x < heading.center().x()


def test_a_long_persian_narrative_starts_in_the_right_column(tmp_path: Path, qapp: object) -> None:
    paragraph = " ".join(["این یک جمله آزمایشی برای ستون‌ها است."] * 4)
    body = "\\n\\n".join([paragraph] * 4)
    lines = RTL_TOML.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("body = "))
    lines[at] = f'body = {{ fa = "{body}" }}\n'
    del lines[at + 1 : at + 3]  # the narrative's picture and caption: the whole width
    toml = "".join(lines)
    bundle = load(write_bundle(tmp_path / "b", toml, {"media/photo.png": png(300, 200)}))
    renderer = render(bundle, "narrative", LANDSCAPE)
    bodies = [rect for name, _block, rect in renderer.placed if name == "body"]
    assert renderer.overflow == []
    assert len(bodies) == 2
    assert bodies[0].left() > bodies[1].right()  # the text begins at the right
    bundle.close()
