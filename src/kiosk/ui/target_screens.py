"""A bundle at the screens it is made for (``[bundle] screens``): every slide in every
language laid out offscreen at each of them, as ``kiosk validate`` and ``kiosk pack``
check it. No display is needed and no picture is decoded: laying a slide out is enough
to know whether its texts fit, and by how much they do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QSize

from kiosk.bundle import Bundle, Problem
from kiosk.bundle.locate import KeyPath, LineIndex, key_path
from kiosk.bundle.model import screen_size
from kiosk.bundle.overflow import Excess, describe
from kiosk.bundle.source import MANIFEST, MAX_MANIFEST_BYTES
from kiosk.ui.images import ImageStore
from kiosk.ui.slides import RenderContext, SlideRenderer, renderer_for
from kiosk.ui.theme import theme_for

OUTSIDE = " (outside its area)"
_PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def target_screens(bundle: Bundle) -> list[QSize]:
    """The screens the bundle declares (or the default ones), as sizes."""
    return [QSize(*screen_size(screen)) for screen in bundle.manifest.bundle.screens]


@dataclass(frozen=True)
class Overflow:
    """The texts of one slide that do not fit one language and screen size."""

    slide: int
    slide_id: str
    language: str
    size: QSize
    #: The renderer's entries (``body``, ``heading (outside its area)``).
    what: list[str]
    excess: dict[str, Excess] = field(default_factory=dict)

    @property
    def where(self) -> str:
        size = f"{self.size.width()}x{self.size.height()}"
        return f"slide {self.slide} ({self.slide_id}), {self.language}, {size}"

    def texts(self) -> Iterator[tuple[str, str]]:
        """Each text that does not fit: its name on the slide, and by how much."""
        for entry in self.what:
            yield (
                entry.removesuffix(OUTSIDE),
                describe(entry.removesuffix(OUTSIDE), self.excess.get(entry)),
            )

    def lines(self) -> list[str]:
        """One line a text, as ``kiosk render`` prints them."""
        return [f"{self.where}: {said}" for _name, said in self.texts()]

    def __str__(self) -> str:
        return f"{self.where}: {'; '.join(said for _name, said in self.texts())}"


def overflow_of(number: int, renderer: SlideRenderer) -> Overflow | None:
    """What does not fit on slide ``number`` (from 1) as ``renderer`` laid it out."""
    if not renderer.overflow:
        return None
    return Overflow(
        number,
        renderer.slide.id or renderer.slide.type,
        renderer.context.language,
        renderer.size,
        list(renderer.overflow),
        dict(renderer.excess),
    )


def overflows(bundle: Bundle, screens: Iterable[QSize] | None = None) -> list[Overflow]:
    """Every text that does not fit, each slide x language x screen (by default the
    bundle's target screens)."""
    images = ImageStore(bundle)
    theme = theme_for(bundle)
    found = []
    try:
        for screen in target_screens(bundle) if screens is None else screens:
            for language in bundle.languages:
                context = RenderContext(language, theme, images, blocking=True)
                for number, slide in enumerate(bundle.manifest.slides, start=1):
                    if overflow := overflow_of(number, renderer_for(slide, context, screen)):
                        found.append(overflow)
    finally:
        images.shutdown()
    return found


def fit_problems(bundle: Bundle, screens: Iterable[QSize] | None = None) -> list[Problem]:
    """The texts that do not fit the bundle's target screens, as problems with the line
    and key of bundle.toml to shorten: ``kiosk validate`` and ``kiosk pack`` refuse them."""
    found = overflows(bundle, screens)
    if not found:
        return []
    where = bundle.source.where(MANIFEST)
    text = bundle.source.read(MANIFEST, MAX_MANIFEST_BYTES).decode("utf-8-sig")
    lines = LineIndex(text)
    problems = []
    for overflow in found:
        size = f"{overflow.size.width()}x{overflow.size.height()}"
        for name, said in overflow.texts():
            path = key_of(bundle, overflow.slide - 1, name, overflow.language)
            problems.append(
                Problem(
                    where,
                    f"at {size} (slide {overflow.slide}, {overflow.slide_id}): {said}",
                    line=lines.line_of(path),
                    key=key_path(path),
                )
            )
    return problems


def key_of(bundle: Bundle, index: int, name: str, language: str) -> KeyPath:
    """The key path in bundle.toml of the text a renderer placed as ``name`` on slide
    ``index`` (from 0): ``events[2].text`` -> slides[i].events[2].text.az."""
    slides = bundle.manifest.slides
    if name == "chapter" and slides[index].chapter is None:
        # The running head names the chapter a slide before this one opened.
        index = next((before for before in range(index, -1, -1) if slides[before].chapter), index)
    path: list[str | int] = ["slides", index]
    value: Any = slides[index]
    for part, number in _PART.findall(name):
        path.append(part)
        value = getattr(value, part, None)
        if number:
            path.append(int(number))
            value = value[int(number)] if isinstance(value, list | tuple) else None
    if isinstance(value, dict) and language in value:
        path.append(language)
    return tuple(path)
