"""No tofu: every text of a bundle, and the characters no font will draw.

The check is plain Python: which fonts draw a text and whether a font has a glyph are
questions the caller answers (``families_for`` and ``covers``). The kiosk answers them
with Qt and the fonts it will really use (``kiosk.ui.fonts``); a test can answer them
with a few font files' own character maps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fontTools import unicodedata

from kiosk.bundle.errors import Problem
from kiosk.bundle.loader import Bundle, _texts, key_path
from kiosk.bundle.locate import KeyPath, LineIndex
from kiosk.bundle.source import MANIFEST, MAX_MANIFEST_BYTES
from kiosk.text.fonts import script_name
from kiosk.text.scripts import NEUTRAL, script_of

#: (families, character) -> True when one of the families, or the system's fallback,
#: has a glyph for the character.
Covers = Callable[[tuple[str, ...], str], bool]
#: (text, language) -> the families that will draw it, in order.
FamiliesFor = Callable[[str, str], tuple[str, ...]]

#: Characters nobody sees as a glyph: spaces, controls, format characters (ZWJ, ZWNJ,
#: bidi marks, soft hyphen).
_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})
_CJK = frozenset({"Hani", "Hira", "Kana", "Hang", "Bopo"})


@dataclass(frozen=True)
class PlacedText:
    """One text of a bundle: where it is written, in which language, and what it says."""

    path: KeyPath
    language: str
    text: str

    @property
    def slide(self) -> int | None:
        """The slide's index (0-based) when the text belongs to a slide."""
        if len(self.path) > 1 and self.path[0] == "slides" and isinstance(self.path[1], int):
            return self.path[1]
        return None


def bundle_texts(bundle: Bundle) -> Iterator[PlacedText]:
    """Every text of the bundle in every language, figures given as plain text too."""
    data = bundle.manifest.model_dump(exclude_none=True)
    for path, text in _texts(data, ()):
        for language, value in text.items():
            if isinstance(value, str):
                yield PlacedText((*path, language), language, value)
    for index, slide in enumerate(data["slides"]):
        for number, figure in enumerate(slide.get("figures", ())):
            if isinstance(figure.get("value"), str):
                path = ("slides", index, "figures", number, "value")
                yield PlacedText(path, "", figure["value"])
        if original := slide.get("original"):
            path = ("slides", index, "original", "text")
            yield PlacedText(path, original["lang"], original["text"])
    for language, words in data.get("ui", {}).items():
        for key, value in words.items():
            yield PlacedText(("ui", language, key), language, value)


def visible(character: str) -> bool:
    return unicodedata.category(character) not in _INVISIBLE


def missing_characters(text: str, families: tuple[str, ...], covers: Covers) -> list[str]:
    """The characters of ``text`` (each once, in order) no font in reach has a glyph for."""
    return [
        character
        for character in dict.fromkeys(text)
        if visible(character) and not covers(families, character)
    ]


def advice(characters: list[str]) -> str:
    """What a curator can do about characters no font has."""
    scripts = sorted({script_of(character) for character in characters} - NEUTRAL)
    if not scripts:
        return "ship a font that has these characters in [bundle.fonts], or write them differently"
    names = ", ".join(
        script_name(code) if script_name(code) == code else f"{script_name(code)} ({code})"
        for code in scripts
    )
    package = "fonts-noto-cjk" if set(scripts) <= _CJK else "fonts-noto-core"
    example = scripts[0]
    return (
        f"ship a font for the {names} script in [bundle.fonts.scripts], e.g. "
        f'{example} = "media/fonts/YourFont-Regular.ttf", or install one on the kiosk '
        f"computer, e.g. Debian {package}"
    )


def describe(characters: list[str], limit: int = 12) -> str:
    shown = ", ".join(f'"{character}" U+{ord(character):04X}' for character in characters[:limit])
    more = len(characters) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def glyph_problems(bundle: Bundle, families_for: FamiliesFor, covers: Covers) -> list[Problem]:
    """One problem per text with characters that would be drawn as empty boxes."""
    where = bundle.source.where(MANIFEST)
    lines = LineIndex(bundle.source.read(MANIFEST, MAX_MANIFEST_BYTES).decode("utf-8-sig"))
    slides = bundle.manifest.slides
    problems: list[Problem] = []
    language_default = bundle.default_language
    for placed in bundle_texts(bundle):
        language = placed.language or language_default
        missing = missing_characters(placed.text, families_for(placed.text, language), covers)
        if not missing:
            continue
        place = f"language {placed.language}" if placed.language else "figure"
        if placed.slide is not None:
            slide_id = slides[placed.slide].id
            named = f' (id "{slide_id}")' if slide_id else ""
            place = f"slide {placed.slide + 1}{named}, {place}"
        message = (
            f"{place}: no font has a glyph for {describe(missing)}; they would show as "
            f"empty boxes. {advice(missing)[:1].upper()}{advice(missing)[1:]}"
        )
        problems.append(
            Problem(where, message, line=lines.line_of(placed.path), key=key_path(placed.path))
        )
    return sorted(problems, key=lambda problem: problem.line or 0)
