"""The layout lint over laid-out slides: the data its rules need, read from renderers.

A renderer lays its slide out when it is made; the lint reads that layout (each text
block's lines as Qt broke them, the figures' type sizes and baselines) and what the
renderer paints under its text (``SlideRenderer.survey``: pictures and scrims, found
without decoding a picture or painting a pixel). The rules and their thresholds are
plain Python in :mod:`kiosk.bundle.lint`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import pairwise
from pathlib import PurePosixPath

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import (
    QColor,
    QGradient,
    QLinearGradient,
)

from kiosk.bundle import Bundle, BundleError
from kiosk.bundle.avfacts import is_frame_name
from kiosk.bundle.lint import (
    ANYTHING,
    Figure,
    Finding,
    Under,
    contrast_problem,
    could_be_enlarged,
    figure_index,
    figure_problems,
    one_word_last_lines,
    over_measure,
    screen_upscale_problem,
    upscale,
    upscale_problem,
)
from kiosk.bundle.locate import KeyPath, LineIndex, key_path
from kiosk.bundle.media import RASTER_FORMATS
from kiosk.bundle.source import MANIFEST
from kiosk.ui.images import Fit, ImageStore, PictureSizes
from kiosk.ui.slides import RenderContext, SlideRenderer, renderer_for
from kiosk.ui.slides.base import Underlay
from kiosk.ui.text import TextBlock
from kiosk.ui.theme import theme_for

#: Points sampled across each line of text for the contrast rule (where it lies over
#: more than the ground), and down it.
ACROSS, DOWN = 9, 4


# --- reading the layout --------------------------------------------------------------


def paragraphs(block: TextBlock) -> list[list[str]]:
    """The lines of each paragraph of ``block``, as laid out."""
    found = []
    paragraph = block.document.begin()
    while paragraph.isValid():
        text, layout = paragraph.text(), paragraph.layout()
        lines = []
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            lines.append(text[line.textStart() : line.textStart() + line.textLength()])
        found.append(lines)
        paragraph = paragraph.next()
    return found


def line_boxes(block: TextBlock, rect: QRectF) -> list[QRectF]:
    """Where each line's text stands on the slide."""
    boxes = []
    paragraph = block.document.begin()
    while paragraph.isValid():
        layout = paragraph.layout()
        origin = layout.position() + rect.topLeft()
        for index in range(layout.lineCount()):
            boxes.append(layout.lineAt(index).naturalTextRect().translated(origin))
        paragraph = paragraph.next()
    return boxes


def _figures(renderer: SlideRenderer) -> list[Figure]:
    """The memorial's figures, each with the baseline of its first line as Qt set it."""
    figures = []
    for name, block, rect in renderer.placed:
        index = figure_index(name)
        if index is None:
            continue
        layout = block.document.begin().layout()
        if layout.lineCount() == 0:
            continue
        line = layout.lineAt(0)
        baseline = rect.top() + layout.position().y() + line.y() + line.ascent()
        pixels = block.document.defaultFont().pixelSize()
        figures.append(Figure(index, block.text, pixels, rect.top(), rect.bottom(), baseline))
    return figures


# --- what is under the text ----------------------------------------------------------


def _rgba(colour: QColor) -> tuple[tuple[float, float, float], float]:
    return (colour.red(), colour.green(), colour.blue()), colour.alphaF()


def _brush_at(brush: QColor | QGradient | None, point: QPointF) -> QColor | None:
    """The colour ``brush`` paints at ``point``; None if that cannot be told."""
    if isinstance(brush, QColor):
        return brush
    if not isinstance(brush, QLinearGradient):
        return None
    if brush.coordinateMode() != QGradient.CoordinateMode.LogicalMode:
        return None
    start, end = brush.start(), brush.finalStop()
    axis = end - start
    length = QPointF.dotProduct(axis, axis)
    t = QPointF.dotProduct(point - start, axis) / length if length else 0.0
    t = min(1.0, max(0.0, t))  # the gradient's ends carry on (QGradient.PadSpread)
    stops = sorted(brush.stops(), key=lambda stop: stop[0])
    if not stops:
        return None
    if t <= stops[0][0]:
        return QColor(stops[0][1])
    for (at, colour), (next_at, next_colour) in pairwise(stops):
        if at <= t <= next_at:
            share = (t - at) / (next_at - at) if next_at > at else 0.0
            mixed = [
                a + (b - a) * share
                for a, b in zip(colour.getRgbF(), next_colour.getRgbF(), strict=True)
            ]
            return QColor.fromRgbF(*mixed)
    return QColor(stops[-1][1])


def under_point(ground: str, underlays: Iterable[Underlay], point: QPointF) -> Under:
    """What may be under ``point``: the ground, then each underlay over it, in order."""
    under = Under.ground(ground)
    for underlay in underlays:
        if not underlay.box.contains(point):
            continue
        colour = None if underlay.picture is not None else _brush_at(underlay.brush, point)
        if colour is None:
            under = ANYTHING  # a picture, or a brush whose colours cannot be told
        else:
            rgb, alpha = _rgba(colour)
            under = under.under(rgb, alpha)
    return under


def _samples(box: QRectF) -> Iterator[QPointF]:
    for row in range(DOWN):
        y = box.top() + box.height() * row / (DOWN - 1)
        for column in range(ACROSS):
            yield QPointF(box.left() + box.width() * column / (ACROSS - 1), y)


def _under_text(
    ground: str, underlays: list[Underlay], block: TextBlock, rect: QRectF
) -> list[Under]:
    boxes = line_boxes(block, rect)
    if not any(underlay.box.intersects(box) for underlay in underlays for box in boxes):
        return [Under.ground(ground)]
    return [under_point(ground, underlays, point) for box in boxes for point in _samples(box)]


# --- the rules over one slide --------------------------------------------------------


def lint_slide(renderer: SlideRenderer, sizes: PictureSizes, ratio: float = 1.0) -> list[str]:
    """What the lint finds on one laid-out slide, shown at ``ratio`` device pixels a pixel."""
    found: list[str] = []
    underlays = renderer.survey()
    ground = renderer.palette.background
    for name, block, rect in renderer.placed:
        lines = paragraphs(block)
        if problem := over_measure(name, lines):
            found.append(problem)
        found += one_word_last_lines(name, lines)
        if problem := contrast_problem(
            name, QColor(block.style.colour).name(), _under_text(ground, underlays, block, rect)
        ):
            found.append(problem)
    if renderer.slide.type == "memorial":
        found += figure_problems(_figures(renderer))
    found += [
        problem
        for name, box, cover in _pictures(underlays, ratio)
        # A film's frame drawn as its poster is as sharp as the film: nothing to fix.
        if not is_frame_name(name)
        and (natural := sizes(name)) is not None
        and (problem := upscale_problem(name, natural, box, cover=cover))
    ]
    return found


def _pictures(
    underlays: Iterable[Underlay], ratio: float
) -> Iterator[tuple[str, tuple[float, float], bool]]:
    for underlay in underlays:
        if underlay.picture is not None:
            box = (underlay.box.width() * ratio, underlay.box.height() * ratio)
            yield underlay.picture, box, underlay.fit is Fit.COVER


# --- a whole bundle ------------------------------------------------------------------

#: The screens the kiosk promises to fill (docs/curators.md), where ``kiosk validate``
#: checks pictures: a bundle does not say which screens it will be shown on.
SCREENS = (
    QSize(1920, 1080),
    QSize(1080, 1920),
    QSize(3840, 2160),
    QSize(1280, 800),
    QSize(1024, 768),
)


def lint_bundle(
    bundle: Bundle, screens: Iterable[QSize], languages: Iterable[str], ratio: float = 1.0
) -> list[Finding]:
    """Every rule over every slide laid out at each of ``screens`` in each language."""
    images = ImageStore(bundle)
    sizes = images.sizes
    theme = theme_for(bundle)
    found = []
    try:
        for screen in screens:
            for language in languages:
                context = RenderContext(language, theme, images, blocking=True)
                for number, slide in enumerate(bundle.manifest.slides, start=1):
                    renderer = renderer_for(slide, context, screen)
                    found += [
                        _finding(number, renderer, language, screen, what)
                        for what in lint_slide(renderer, sizes, ratio)
                    ]
    finally:
        images.shutdown()
    return found


def lint_pictures(
    bundle: Bundle, screens: Iterable[QSize] = SCREENS, ratio: float = 1.0
) -> list[Finding]:
    """Pictures shown larger than their pixels allow, at each of ``screens``: the rule
    ``kiosk validate`` runs. A slide is laid out only at the screens where one of its
    PNG or JPEG pictures is too small to fill the screen. Each picture is reported once a
    screen, where it is enlarged most (a picture's box can differ a little between
    languages, a longer caption, and between the slides that show it), at the line of
    bundle.toml that names it there, with the size it should have."""
    images = ImageStore(bundle)
    sizes = images.sizes
    theme = theme_for(bundle)
    worst: dict[tuple[int, int, str], tuple[float, int, SlideRenderer]] = {}
    screens = list(screens)
    try:
        for number, slide in enumerate(bundle.manifest.slides, start=1):
            naturals = [
                natural for name in _media_names(slide.model_dump()) if (natural := sizes(name))
            ]
            suspect = [
                screen
                for screen in screens
                if any(
                    could_be_enlarged(natural, (screen.width() * ratio, screen.height() * ratio))
                    for natural in naturals
                )
            ]
            for language in bundle.languages if suspect else ():
                context = RenderContext(language, theme, images, blocking=True)
                for screen in suspect:
                    renderer = renderer_for(slide, context, screen)
                    for name, box, cover in _pictures(renderer.survey(), ratio):
                        natural = sizes(name)
                        if natural is None or not upscale_problem(name, natural, box, cover=cover):
                            continue
                        scale = upscale(natural, box, cover=cover)
                        key = (screen.width(), screen.height(), name)
                        if key not in worst or scale > worst[key][0]:
                            worst[key] = (scale, number, renderer)
    finally:
        images.shutdown()
    lines = _manifest_lines(bundle)
    found = []
    for (width, height, name), (scale, number, renderer) in worst.items():
        natural = sizes(name)
        assert natural is not None  # measured above
        what = screen_upscale_problem(name, natural, scale, (width, height))
        finding = _finding(number, renderer, renderer.context.language, QSize(width, height), what)
        found.append(replace(finding, where=_picture_place(bundle, lines, number, name)))
    return sorted(found, key=lambda finding: (finding.slide, finding.size, finding.what))


def _manifest_lines(bundle: Bundle) -> LineIndex | None:
    try:
        return LineIndex(bundle.source.read(MANIFEST).decode("utf-8-sig"))
    except (BundleError, UnicodeDecodeError):
        return None


def _picture_place(bundle: Bundle, lines: LineIndex | None, number: int, name: str) -> str:
    """bundle.toml:line: the key that names picture ``name`` on slide ``number``, and the
    slide ("bundle.toml:24: slides[1].image (slide 2, snowdrops)")."""
    slide = bundle.manifest.slides[number - 1]
    path: KeyPath = ("slides", number - 1, *(_key_of(slide.model_dump(), name) or ()))
    line = lines.line_of(path) if lines is not None else None
    where = bundle.source.where(MANIFEST) + (f":{line}" if line else "")
    return f"{where}: {key_path(path)} (slide {number}, {slide.id or slide.type})"


def _key_of(value: object, name: str) -> KeyPath | None:
    """The key path, in a slide's data, of the first value that is ``name``."""
    if value == name:
        return ()
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list | tuple)
        else ()
    )
    for key, item in items:
        if (found := _key_of(item, name)) is not None:
            return (key, *found)
    return None


def _media_names(value: object) -> Iterator[str]:
    """Every string in a slide's data that names a picture file."""
    if isinstance(value, str):
        if PurePosixPath(value).suffix.lower() in RASTER_FORMATS:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _media_names(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _media_names(item)


def _finding(
    number: int, renderer: SlideRenderer, language: str, screen: QSize, what: str
) -> Finding:
    slide_id = renderer.slide.id or renderer.slide.type
    return Finding(number, slide_id, language, (screen.width(), screen.height()), what)
