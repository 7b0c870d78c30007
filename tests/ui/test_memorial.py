"""The memorial: one hero figure, the others at one size on its baseline, words beside a
number set small, and an artwork with its caption, nothing overlapping at any size."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from kiosk.bundle import Bundle
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.ui.images import ImageStore
from kiosk.ui.slides import RenderContext, renderer_for
from kiosk.ui.slides.memorial import SECONDARY, MemorialRenderer, ascent, split_figure
from kiosk.ui.theme import theme_for
from tests.bundles import VALID_TOML, write_bundle

SIZES = [
    QSize(1920, 1080),
    QSize(1080, 1920),
    QSize(3840, 2160),
    QSize(1280, 800),
    QSize(1024, 768),
]

#: Test content: figures of different lengths, one with words on either side.
THREE_FIGURES = """
[[slides]]
type = "memorial"
image = "media/shape.svg"
caption = { en = "A test shape.", az = "Sınaq fiquru." }
credit = { en = "Test credit", az = "Sınaq müəllifi" }
dedication = { en = "A test dedication.", az = "Sınaq ithafı." }
[[slides.figures]]
value = "12"
label = { en = "first", az = "birinci" }
[[slides.figures]]
value = { en = "around 700", az = "təxminən 700" }
label = { en = "second", az = "ikinci" }
[[slides.figures]]
value = { en = "12 345 people", az = "12 345 nəfər" }
label = { en = "third", az = "üçüncü" }
"""


@pytest.fixture(scope="module")
def builtin(qapp: object) -> Iterator[Bundle]:
    bundle = load(builtin_bundle())
    yield bundle
    bundle.close()


def memorial(bundle: Bundle, language: str, size: QSize) -> MemorialRenderer:
    slide = next(slide for slide in bundle.manifest.slides if slide.type == "memorial")
    context = RenderContext(language, theme_for(bundle), ImageStore(bundle), blocking=True)
    renderer = renderer_for(slide, context, size)
    assert isinstance(renderer, MemorialRenderer)
    return renderer


def baseline(renderer: MemorialRenderer, name: str) -> float:
    block, rect = next((b, r) for n, b, r in renderer.placed if n == name)
    return rect.top() + ascent(block)


@pytest.mark.parametrize(
    ("value", "parts"),
    [
        ("133", ("", "133", "")),
        ("around 700", ("around", "700", "")),
        ("təxminən 700", ("təxminən", "700", "")),
        ("700 or so", ("", "700", "or so")),
        ("1 500", ("", "1 500", "")),
        ("20 %", ("", "20 %", "")),
        ("1990s", ("", "1990s", "")),
        ("thousands", ("", "thousands", "")),
        ("约700", ("", "约700", "")),
    ],
)
def test_the_number_is_told_from_the_words_beside_it(value: str, parts: tuple) -> None:
    assert split_figure(value) == parts


def test_every_other_figure_has_one_size_and_all_stand_on_one_baseline(
    tmp_path: Path, qapp: object
) -> None:
    bundle = load(write_bundle(tmp_path / "b", VALID_TOML + THREE_FIGURES))
    try:
        for language in ("en", "az"):
            renderer = memorial(bundle, language, QSize(1280, 800))
            assert renderer.overflow == []
            values = {n: b for n, b, _r in renderer.placed if n.endswith(".value")}
            hero, *others = (values[f"figures[{i}].value"] for i in range(3))
            assert {other.pixels for other in others} == {others[0].pixels}  # one size
            assert others[0].pixels <= hero.pixels * SECONDARY + 0.01
            labels = {b.pixels for n, b, _r in renderer.placed if n.endswith(".label")}
            assert len(labels) == 1
            names = ["figures[0].value", "figures[1].value", "figures[1].before"]
            names += ["figures[2].value", "figures[2].after"] if language == "en" else []
            lines = {round(baseline(renderer, name), 1) for name in names}
            assert max(lines) - min(lines) < 1, f"{language}: baselines {lines}"
            words = next(b for n, b, _r in renderer.placed if n == "figures[1].before")
            assert words.pixels < others[0].pixels  # "around" is not the figure
            assert words.document.toPlainText() == ("around" if language == "en" else "təxminən")
    finally:
        bundle.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
@pytest.mark.parametrize("language", ["en", "az"])
def test_the_builtin_memorial_shows_its_artwork_and_caption_and_nothing_overlaps(
    builtin: Bundle, language: str, size: QSize
) -> None:
    renderer = memorial(builtin, language, size)
    where = f"{language} {size.width()}x{size.height()}"
    assert renderer.overflow == [], where
    assert renderer.emblem is not None, f"{where}: the 133 lights are left out"
    caption = renderer.placed_rect("caption")
    assert caption is not None and caption.top() >= renderer.emblem.bottom(), where
    boxes = [(name, rect) for name, _block, rect in renderer.placed]
    boxes.append(("artwork", renderer.emblem))
    for (one, a), (other, b) in combinations(boxes, 2):
        overlap = a.intersected(b)
        assert overlap.width() < 1 or overlap.height() < 1, f"{where}: {one} over {other}"
    hero = next(b for n, b, _r in renderer.placed if n == "figures[0].value")
    other = next(b for n, b, _r in renderer.placed if n == "figures[1].value")
    assert hero.pixels > other.pixels * 1.3, where
    if not renderer.metrics.portrait:
        lines = [baseline(renderer, n) for n in ("figures[0].value", "figures[1].value")]
        assert abs(lines[0] - lines[1]) < 1, where
