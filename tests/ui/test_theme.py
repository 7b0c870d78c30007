"""The theme: readable colours (WCAG AAA) and the shipped faces."""

from __future__ import annotations

from pathlib import Path

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


def test_a_font_changed_under_the_same_version_is_used_and_old_ones_let_go(
    tmp_path: Path, qapp: object
) -> None:
    from kiosk.paths import resource_path
    from kiosk.qtmedia import load
    from kiosk.ui import theme
    from tests.bundles import VALID_TOML, write_bundle

    toml = VALID_TOML.replace(
        'languages = ["en", "az"]',
        'languages = ["en", "az"]\nfonts = { heading = "media/fonts/h.ttf" }',
    )
    serif = resource_path("fonts", "NotoSerif-Italic.ttf").read_bytes()
    sans = resource_path("fonts", "NotoSans-Bold.ttf").read_bytes()
    first = load(write_bundle(tmp_path / "a", toml, {"media/fonts/h.ttf": serif}))
    assert theme.theme_for(first).heading == SERIF
    second = load(write_bundle(tmp_path / "b", toml, {"media/fonts/h.ttf": sans}))
    assert theme.theme_for(second).heading == SANS  # same id and version, another file
    for version in range(10):  # months of updates, each shown in turn
        files = {"media/fonts/h.ttf": serif if version % 2 else sans}
        bundle = load(write_bundle(tmp_path / f"v{version}", toml, files))
        theme.release_fonts(theme.theme_for(bundle))
        bundle.close()
    assert len([key for key in theme._registered if not key.startswith("shipped:")]) == 1
    first.close()
    second.close()
