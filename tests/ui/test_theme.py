"""The theme: readable colours (WCAG AAA) and the shipped faces."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase

from kiosk.palette import MIN_TEXT_CONTRAST, Palette, contrast_ratio
from kiosk.ui.theme import SANS, SERIF, load_shipped_fonts


@pytest.mark.parametrize("text", ["text", "muted"])
@pytest.mark.parametrize("ground", ["background", "surface"])
def test_default_text_colours_reach_seven_to_one(text: str, ground: str) -> None:
    palette = Palette()
    assert contrast_ratio(getattr(palette, text), getattr(palette, ground)) >= MIN_TEXT_CONTRAST
    assert palette.contrast_problems() == []


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#123456", "#123456") == pytest.approx(1)


def test_shipped_faces_are_available_and_cover_azerbaijani(qapp: object) -> None:
    load_shipped_fonts()
    families = QFontDatabase.families()
    assert SERIF in families
    assert SANS in families
    from PySide6.QtGui import QFont, QFontMetrics

    metrics = QFontMetrics(QFont(SERIF))
    assert all(metrics.inFontUcs4(ord(letter)) for letter in "əğışçöüƏĞİŞÇÖÜ“”…")
