"""Which characters Qt will draw as empty boxes, with the fonts the kiosk really uses.

``QFontMetricsF(font).inFontUcs4`` on a font with the theme's families goes through Qt's
multi-engine: the families named, then every font Qt's system fallback finds
(fontconfig on Linux, application fonts included). So a character it denies is one no
font in reach has: an empty box on screen.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontMetricsF

from kiosk.bundle import Bundle, Problem
from kiosk.bundle.glyphs import FamiliesFor, glyph_problems
from kiosk.ui.theme import Theme

log = logging.getLogger(__name__)

#: Texts already reported by the live kiosk: a warning once per text, not per reload.
_warned: set[str] = set()


class QtCoverage:
    """``covers(families, character)`` for :func:`kiosk.bundle.glyphs.glyph_problems`,
    asked of Qt once per families list and character. Make a new one after fonts change."""

    def __init__(self) -> None:
        self._metrics: dict[tuple[str, ...], QFontMetricsF] = {}
        self._answers: dict[tuple[tuple[str, ...], str], bool] = {}

    def __call__(self, families: tuple[str, ...], character: str) -> bool:
        key = (families, character)
        if key not in self._answers:
            metrics = self._metrics.get(families)
            if metrics is None:
                font = QFont()
                font.setFamilies(list(families))
                metrics = self._metrics[families] = QFontMetricsF(font)
            self._answers[key] = metrics.inFontUcs4(ord(character))
        return self._answers[key]


def families_for(theme: Theme) -> FamiliesFor:
    """What draws a text of ``theme``'s: both role faces, then both roles' chains."""

    def families(text: str, language: str) -> tuple[str, ...]:
        heading = theme.chain.for_role("heading").families(theme.heading, text, language)
        body = theme.chain.for_role("body").families(theme.body, text, language)
        return tuple(dict.fromkeys([*heading, *body]))

    return families


def missing_glyphs(bundle: Bundle, theme: Theme) -> list[Problem]:
    """Every text of ``bundle`` with characters no font will draw, as problems."""
    return glyph_problems(bundle, families_for(theme), QtCoverage())


def warn_missing_glyphs(bundle: Bundle, theme: Theme) -> list[Problem]:
    """Log each text with missing glyphs once (staff see warnings in Diagnostics); the
    kiosk shows the bundle anyway."""
    problems = missing_glyphs(bundle, theme)
    for problem in problems:
        # The key, not the file: staff's Diagnostics keep 300 characters a line, and the
        # file is the bundle on screen (often a long path to its private copy).
        text = f"{problem.key}: {problem.message}"
        if text not in _warned:
            _warned.add(text)
            log.warning("missing glyphs: %s", text)
    return problems
