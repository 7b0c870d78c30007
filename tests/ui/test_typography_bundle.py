"""The built-in exhibition's typography at the five sizes of issue 13, in en and az.

Every slide is laid out (not painted: renderers lay out in __init__) and every line of
every reading text is read back from Qt's own layout: none over the measure, no
paragraph of several lines ending on one word, and none of the breaks the issue found
("23-" / "cü", "demək olar" / "ki,", "Sovet" / "İttifaqının", "press-" / "reliz",
"20" / "January") anywhere on a slide.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from PySide6.QtCore import QSize

from kiosk.bundle import Bundle
from kiosk.paths import builtin_bundle
from kiosk.qtmedia import load
from kiosk.text.breaks import is_month
from kiosk.text.measure import MAX_CHARACTERS, READING
from kiosk.ui.images import ImageStore
from kiosk.ui.render import SlideRenders
from kiosk.ui.text import line_characters

SIZES = [QSize(1920, 1080), QSize(1080, 1920), QSize(3840, 2160), QSize(1280, 800)]
SIZES.append(QSize(1024, 768))
PARTICLES = {"ki", "ki,", "da", "də"}


@pytest.fixture(scope="module")
def bundle(qapp: object) -> Bundle:
    return load(builtin_bundle(), decode_media=False)


@pytest.fixture(scope="module")
def images(bundle: Bundle) -> Iterator[ImageStore]:
    store = ImageStore(bundle)
    yield store
    store.shutdown()


def broken_pair(language: str, line: str, following: str) -> bool:
    """True when a line ends where the issue says it must not."""
    end = line.replace("\u2060", "").rstrip()
    words, next_words = end.split(), following.split()
    if not words or not next_words:
        return False
    last, first = words[-1], next_words[0]
    digit_hyphen = end.endswith("-") and end[:-1][-1:].isdigit()
    short_compound = end.endswith("-") and len(last) <= 6  # "press-"
    day_month = last.isdigit() and len(last) <= 2 and is_month(first, language)
    particle = first.lower().strip('“”"') in PARTICLES
    name = last == "Sovet" and first.startswith("İttifaq")
    return digit_hyphen or short_compound or day_month or particle or name


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size.width()}x{size.height()}")
def test_reading_lines_keep_the_measure_and_break_well(
    bundle: Bundle, images: ImageStore, size: QSize
) -> None:
    problems: list[str] = []
    longest = 0
    for language in ("en", "az"):
        for renderer in SlideRenders(bundle, images, language, size):
            where = f"{renderer.slide.id} {language} {size.width()}x{size.height()}"
            for name, block, _rect in renderer.placed:
                for paragraph in block.lines():
                    for line, following in pairwise(paragraph):
                        if broken_pair(language, line, following):
                            problems.append(f"{where} {name}: {line!r} / {following!r}")
                    if name not in READING:
                        continue
                    for line in paragraph:
                        longest = max(longest, line_characters(line))
                        if line_characters(line) > MAX_CHARACTERS:
                            problems.append(f"{where} {name}: {line!r} is over the measure")
                    if len(paragraph) > 1 and len(paragraph[-1].split()) == 1:
                        problems.append(f"{where} {name}: ends on {paragraph[-1]!r} alone")
    assert problems == []
    assert longest >= 40  # the walk read real lines


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s.width()}x{s.height()}")
def test_the_exhibitions_title_stands_on_one_line(
    bundle: Bundle, images: ImageStore, size: QSize
) -> None:
    # In portrait "Black" stood over "January": two words are set a little smaller instead.
    for language in ("en", "az"):
        title = next(iter(SlideRenders(bundle, images, language, size)))
        block = next(block for name, block, _rect in title.placed if name == "title")
        assert sum(map(len, block.lines())) == 1, (language, size)
