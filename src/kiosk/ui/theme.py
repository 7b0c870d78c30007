"""The one theme definition: palette, type faces, and the fonts that carry them."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFontDatabase

from kiosk.bundle import Bundle
from kiosk.palette import Palette
from kiosk.paths import resource_path

SERIF = "Noto Serif"
SANS = "Noto Sans"
SHIPPED_FONTS = (
    "NotoSerif-Regular.ttf",
    "NotoSerif-Italic.ttf",
    "NotoSerif-Bold.ttf",
    "NotoSans-Regular.ttf",
    "NotoSans-Bold.ttf",
)


@dataclass(frozen=True)
class Theme:
    """Colours and faces. Headings, titles and quotations are set in ``heading``."""

    palette: Palette = field(default_factory=Palette)
    heading: str = SERIF
    body: str = SANS


_registered: dict[str, str] = {}


def register_font(key: str, data: bytes) -> str | None:
    """Add a font to Qt once per key; returns its family name, or None if it failed."""
    if key not in _registered:
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _registered[key] = families[0] if families else ""
    return _registered[key] or None


def load_shipped_fonts() -> None:
    for name in SHIPPED_FONTS:
        register_font(f"shipped:{name}", resource_path("fonts", name).read_bytes())


def theme_for(bundle: Bundle) -> Theme:
    """The kiosk theme with the bundle's colours and fonts, where it gives any.

    The loader has already checked the colours' contrast and that the fonts load; a
    font that fails here anyway falls back to the shipped face.
    """
    load_shipped_fonts()
    info = bundle.manifest.bundle
    palette = Palette()
    if info.theme is not None:
        palette = palette.with_overrides(info.theme.model_dump())
    faces = {"heading": SERIF, "body": SANS}
    if info.fonts is not None:
        for role, name in info.fonts.model_dump().items():
            if name:
                key = f"{info.id}:{info.version}:{name}"
                family = register_font(key, bundle.read_media(name))
                faces[role] = family or faces[role]
    return Theme(palette=palette, heading=faces["heading"], body=faces["body"])
