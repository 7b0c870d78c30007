"""The glyph check the sample tests rely on can fail."""

from __future__ import annotations

from kiosk.ui.text import Style, TextBlock
from tests.scripts.glyphs import fonts_used, missing_glyphs


def test_a_character_no_font_has_is_found(qapp: object) -> None:
    # U+0378 is unassigned: no font maps it, so Qt sets .notdef (the empty box).
    block = TextBlock("ab\u0378 c", Style("Noto Sans", 40, "#ffffff"), 800)
    assert [str(missing.character) for missing in missing_glyphs(block)] == ["\u0378"]
    assert "Noto Sans" in fonts_used(block)


def test_spaces_and_covered_text_are_not_missing(qapp: object) -> None:
    block = TextBlock(
        "**Bold** and *plain*\n\ntwo", Style("Noto Sans", 40, "#ffffff"), 800, markdown=True
    )
    assert missing_glyphs(block) == []
