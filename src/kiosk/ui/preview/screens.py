"""The screen sizes a curator can preview a bundle at (plain Python, no Qt).

The kiosk's usual screens come first; a bundle that declares its own target screens
(``[bundle] screens = ["1920x1080", ...]``) adds those. Each is laid out at its own
size and shown scaled to the window, so a 4K slide is the 4K layout, not a 1080p one
enlarged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_SIZE = re.compile(r"^\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*$")


@dataclass(frozen=True)
class Screen:
    """One screen size to lay slides out at."""

    label: str
    width: int
    height: int

    @property
    def size_text(self) -> str:
        return f"{self.width}x{self.height}"


STANDARD = (
    Screen("Landscape 1920x1080", 1920, 1080),
    Screen("Portrait 1080x1920", 1080, 1920),
    Screen("4K 3840x2160", 3840, 2160),
)


def parse(value: object) -> tuple[int, int] | None:
    """A declared screen as (width, height): '1920x1080', a (w, h) pair, or an object
    with ``width`` and ``height``; None for anything else."""
    if isinstance(value, str):
        found = _SIZE.match(value)
        return (int(found[1]), int(found[2])) if found else None
    if isinstance(value, tuple | list) and len(value) == 2:
        width, height = value
        return (width, height) if isinstance(width, int) and isinstance(height, int) else None
    width, height = getattr(value, "width", None), getattr(value, "height", None)
    if isinstance(width, int) and isinstance(height, int):
        return width, height
    return None


def choices(declared: Iterable[object] | None) -> list[Screen]:
    """The standard screens, then each declared one not among them (labelled as the
    bundle's), in the order the bundle gives them."""
    screens = list(STANDARD)
    known = {(screen.width, screen.height) for screen in screens}
    for value in declared or ():
        size = parse(value)
        if size is None or size in known:
            continue
        known.add(size)
        screens.append(Screen(f"Bundle's {size[0]}x{size[1]}", *size))
    return screens


def declared_screens(manifest: object) -> list[object] | None:
    """The bundle's ``[bundle] screens``, if this kiosk's bundle model has the field."""
    info = getattr(manifest, "bundle", None)
    screens = getattr(info, "screens", None)
    return list(screens) if screens else None
