"""The one theme definition: palette, type faces, and the fonts that carry them."""

from __future__ import annotations

import hashlib
import weakref
from dataclasses import dataclass, field

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFontDatabase

from kiosk.bundle import Bundle
from kiosk.bundle.glyphs import bundle_texts
from kiosk.palette import Palette
from kiosk.paths import resource_path
from kiosk.text.fonts import SHIPPED, FontChain, shipped_files, shipped_scripts
from kiosk.text.scripts import scripts_in

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
    #: The keys (digests) of the bundle's own fonts this theme uses.
    fonts: tuple[str, ...] = ()
    #: The faces for scripts beyond the heading and body faces (kiosk.text.fonts).
    chain: FontChain = field(default_factory=FontChain)


#: Fonts added to Qt: key -> (Qt's font id, family name; "" if Qt refused it).
_registered: dict[str, tuple[int, str]] = {}


def register_font(key: str, data: bytes) -> str | None:
    """Add a font to Qt once per key; returns its family name, or None if it failed."""
    if key not in _registered:
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _registered[key] = (font_id, families[0] if families else "")
    return _registered[key][1] or None


def release_fonts(theme: Theme) -> None:
    """Remove from Qt the fonts ``theme`` does not use: the bundle fonts of bundles
    replaced by a hot swap, and the shipped faces of scripts it has no text in. A kiosk
    updated for months would otherwise keep every one, and a font of the same family
    would shadow the new one."""
    kept = {f"shipped:{name}" for script in theme.chain.shipped for name in shipped_files(script)}
    script_faces = {f"shipped:{name}" for script in SHIPPED for name in shipped_files(script)}
    for key in list(_registered):
        shipped = key.startswith("shipped:")
        if (not shipped and key not in theme.fonts) or (key in script_faces - kept):
            font_id, _family = _registered.pop(key)
            if font_id >= 0:
                QFontDatabase.removeApplicationFont(font_id)


def _register_shipped(name: str) -> str | None:
    """Register a file of resources/fonts once; read only the first time (every theme
    asks again, at each start, swap and render)."""
    key = f"shipped:{name}"
    if key in _registered:
        return _registered[key][1] or None
    return register_font(key, resource_path("fonts", name).read_bytes())


def load_shipped_fonts() -> None:
    for name in SHIPPED_FONTS:
        _register_shipped(name)


def load_script_fonts(scripts: set[str]) -> frozenset[str]:
    """Register the shipped faces of ``scripts`` (only those: an Arabic face costs memory
    in every kiosk that shows no Arabic); returns the scripts whose faces loaded."""
    loaded = set()
    for script in shipped_scripts(scripts):
        if all(_register_shipped(name) for name in shipped_files(script)):
            loaded.add(script)
    return frozenset(loaded)


#: The scripts of each bundle's texts, found once per bundle.
_scripts: weakref.WeakKeyDictionary[Bundle, frozenset[str]] = weakref.WeakKeyDictionary()


def bundle_scripts(bundle: Bundle) -> frozenset[str]:
    """Every script the bundle's texts are written in."""
    if bundle not in _scripts:
        found: set[str] = set()
        for placed in bundle_texts(bundle):
            found |= scripts_in(placed.text)
        _scripts[bundle] = frozenset(found)
    return _scripts[bundle]


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
    keys: list[str] = []
    by_script: list[tuple[str, str]] = []
    if info.fonts is not None:
        wanted = [(role, getattr(info.fonts, role)) for role in ("heading", "body")]
        wanted += [(f"script:{code}", name) for code, name in (info.fonts.scripts or {}).items()]
        for role, name in wanted:
            if name:
                data = bundle.read_media(name)
                # Keyed by content: a font changed without a new version is a new font.
                key = hashlib.sha256(data).hexdigest()
                keys.append(key)
                family = register_font(key, data)
                if role.startswith("script:"):
                    if family:
                        by_script.append((role.removeprefix("script:"), family))
                else:
                    faces[role] = family or faces[role]
    chain = FontChain("body", tuple(by_script), load_script_fonts(set(bundle_scripts(bundle))))
    return Theme(palette, faces["heading"], faces["body"], tuple(keys), chain)
