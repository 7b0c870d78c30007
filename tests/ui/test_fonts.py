"""Fonts on screen: script faces loaded only when used, never a slanted Arabic text,
and a warning for each text no font can draw."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontDatabase, QTextCursor

from kiosk.bundle import Bundle
from kiosk.paths import builtin_bundle, resource_path
from kiosk.qtmedia import load
from kiosk.text.fonts import shipped_files
from kiosk.ui import theme as theme_module
from kiosk.ui.fonts import missing_glyphs, warn_missing_glyphs
from kiosk.ui.images import ImageStore
from kiosk.ui.slides import RenderContext, renderer_for
from kiosk.ui.text import Style, TextBlock
from kiosk.ui.theme import release_fonts, theme_for
from tests.scripts.glyphs import fonts_setting, fonts_used

# Test content, written for these tests.
PERSIAN_TOML = """\
[bundle]
id = "test-fa"
title = { en = "Test content — Persian", fa = "محتوای آزمایشی" }
version = "1"
languages = ["en", "fa"]
source = { en = "Test content", fa = "محتوای آزمایشی" }
{fonts}

[[slides]]
type = "quote"
text.en = "Test content: a short sentence."
text.fa = "محتوای آزمایشی: جمله‌ای کوتاه."
attribution = { en = "Test content", fa = "آزمون" }
source = { en = "Written for the tests", fa = "برای آزمون" }

[[slides]]
type = "narrative"
heading = { en = "Test content", fa = "محتوای آزمایشی" }
body = { en = "Some *emphasis*.", fa = "بندی با *تأکید* و *Baku*." }
"""


# Test content, written for these tests: a Russian bundle with its own Cyrillic face.
RUSSIAN_TOML = """\
[bundle]
id = "test-ru"
title = { ru = "Тестовое содержание" }
version = "1"
languages = ["ru"]
fonts = { scripts = { Cyrl = "media/fonts/cyrillic.ttf" } }
source = { ru = "Тестовое содержание" }

[[slides]]
type = "narrative"
heading = { ru = "Тестовый заголовок" }
body = { ru = "Тестовый текст, короткий." }
"""
MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")  # .ci/run installs it


def russian(tmp_path: Path) -> Bundle:
    root = tmp_path / "ru"
    (root / "media" / "fonts").mkdir(parents=True)
    (root / "bundle.toml").write_text(RUSSIAN_TOML, encoding="utf-8")
    (root / "media" / "fonts" / "cyrillic.ttf").write_bytes(MONO.read_bytes())
    return load(root)


def persian(tmp_path: Path, fonts: str = "", files: dict[str, bytes] | None = None) -> Bundle:
    root = tmp_path / "fa"
    (root / "media" / "fonts").mkdir(parents=True, exist_ok=True)
    (root / "bundle.toml").write_text(PERSIAN_TOML.replace("{fonts}", fonts), encoding="utf-8")
    for name, data in (files or {}).items():
        (root / name).write_bytes(data)
    return load(root)


def _arabic_keys() -> set[str]:
    return {f"shipped:{name}" for name in shipped_files("Arab")}


@pytest.fixture
def no_arabic_face(qapp: object) -> Iterator[None]:
    """Forget the shipped Arabic face, as in a kiosk that has shown no Arabic yet."""
    for key in _arabic_keys() & set(theme_module._registered):
        font_id, _family = theme_module._registered.pop(key)
        QFontDatabase.removeApplicationFont(font_id)
    yield


def test_the_builtin_bundle_loads_no_arabic_face_and_a_persian_one_does(
    tmp_path: Path, no_arabic_face: None
) -> None:
    builtin = load(builtin_bundle())
    assert theme_for(builtin).chain.shipped == frozenset()
    assert not _arabic_keys() & set(theme_module._registered)
    builtin.close()
    bundle = persian(tmp_path)
    assert theme_for(bundle).chain.shipped == frozenset({"Arab"})
    assert _arabic_keys() <= set(theme_module._registered)
    font_id, family = theme_module._registered["shipped:NotoNaskhArabic-Regular.ttf"]
    assert family == "Noto Naskh Arabic"
    assert QFontDatabase.applicationFontFamilies(font_id) == ["Noto Naskh Arabic"]
    bundle.close()


def test_a_bundle_font_for_a_script_leads_its_chain_and_is_let_go_after_a_swap(
    tmp_path: Path, qapp: object
) -> None:
    data = resource_path("fonts", "NotoNaskhArabic-Bold.ttf").read_bytes()
    bundle = persian(
        tmp_path,
        'fonts = { scripts = { Arab = "media/fonts/fa.ttf" } }',
        {"media/fonts/fa.ttf": data},
    )
    theme = theme_for(bundle)
    assert theme.chain.bundle == (("Arab", "Noto Naskh Arabic"),)
    assert len(theme.fonts) == 1
    assert theme.fonts[0] in theme_module._registered
    builtin = load(builtin_bundle())
    release_fonts(theme_for(builtin))
    assert theme.fonts[0] not in theme_module._registered
    builtin.close()
    bundle.close()


@pytest.mark.parametrize(("language", "italic"), [("en", True), ("fa", False)])
def test_a_quotation_is_italic_only_in_a_script_that_has_italics(
    tmp_path: Path, language: str, italic: bool
) -> None:
    bundle = persian(tmp_path)
    context = RenderContext(language, theme_for(bundle), ImageStore(bundle), blocking=True)
    quote = renderer_for(bundle.manifest.slides[0], context, QSize(1920, 1080))
    blocks = {name: block for name, block, _rect in quote.placed}
    for name in ("text", "source"):
        font = blocks[name].document.defaultFont()
        assert font.italic() is italic
        assert not font.bold()  # upright at its weight: size and place set it apart
    if language == "fa":
        assert blocks["text"].document.defaultFont().families()[0] == "Noto Naskh Arabic"
    bundle.close()


def test_markdown_emphasis_in_persian_is_bold_and_a_latin_name_in_it_stays_italic(
    qapp: object,
) -> None:
    style = Style("Noto Sans", 30, "#ffffff", language="fa")
    block = TextBlock("بندی با *تأکید* و *Baku*.", style, 800, markdown=True)
    formats = {}
    for word in ("تأکید", "Baku"):
        found = block.document.find(word)
        cursor = QTextCursor(block.document)
        cursor.setPosition(found.selectionStart() + 1)
        formats[word] = cursor.charFormat()
    assert not formats["تأکید"].fontItalic() and formats["تأکید"].fontWeight() >= 700
    assert formats["Baku"].fontItalic()


def test_a_text_no_font_can_draw_is_warned_about_once_and_the_kiosk_goes_on(
    tmp_path: Path, qapp: object, caplog: pytest.LogCaptureFixture
) -> None:
    bundle = persian(tmp_path)
    theme = theme_for(bundle)
    assert missing_glyphs(bundle, theme) == []
    bundle.close()
    toml = PERSIAN_TOML.replace("{fonts}", "").replace("جمله‌ای کوتاه", "\u0378 \u0379")
    root = tmp_path / "unassigned"
    root.mkdir()
    (root / "bundle.toml").write_text(toml, encoding="utf-8")
    bundle = load(root)
    with caplog.at_level(logging.WARNING):
        problems = warn_missing_glyphs(bundle, theme_for(bundle))
        warn_missing_glyphs(bundle, theme_for(bundle))
    assert [problem.key for problem in problems] == ["slides[0].text.fa"]
    assert "U+0378" in str(problems[0]) and "U+0379" in str(problems[0])
    warnings = [record for record in caplog.records if "missing glyphs" in record.getMessage()]
    assert len(warnings) == 1
    bundle.close()


def test_the_live_kiosk_shows_a_text_no_font_can_draw_and_tells_staff(
    tmp_path: Path, qapp: object
) -> None:
    from kiosk.config import Settings
    from kiosk.ui.window import KioskWindow

    toml = PERSIAN_TOML.replace("{fonts}", "").replace("جمله‌ای کوتاه", "\u0377\u0378")
    root = tmp_path / "unassigned-live"
    root.mkdir()
    (root / "bundle.toml").write_text(toml, encoding="utf-8")
    kiosk = KioskWindow(load(root), Settings())
    try:
        kiosk.check_glyphs()
        kiosk._show_diagnostics()
        assert "slides[0].text.fa" in kiosk.staff_menu.diagnostics
        assert "U+0378" in kiosk.staff_menu.diagnostics
        assert kiosk.deck.index == 0  # still showing
    finally:
        kiosk.exit_kiosk(quit_application=False)


def placed_blocks(bundle: Bundle, theme: theme_module.Theme, language: str) -> dict:
    context = RenderContext(language, theme, ImageStore(bundle), blocking=True)
    slide = renderer_for(bundle.manifest.slides[-1], context, QSize(1920, 1080))
    return {name: block for name, block, _rect in slide.placed}


def test_a_bundle_font_for_cyrillic_sets_a_russian_text(tmp_path: Path, qapp: object) -> None:
    bundle = russian(tmp_path)
    blocks = placed_blocks(bundle, theme_for(bundle), "ru")
    for name in ("heading", "body"):
        assert blocks[name].document.defaultFont().families()[0] == "DejaVu Sans Mono"
        assert fonts_used(blocks[name]) == {"DejaVu Sans Mono"}
    bundle.close()


def test_after_a_swap_from_persian_to_russian_nothing_of_the_persian_chain_is_left(
    tmp_path: Path, qapp: object
) -> None:
    data = resource_path("fonts", "NotoNaskhArabic-Bold.ttf").read_bytes()
    old = persian(
        tmp_path,
        'fonts = { scripts = { Arab = "media/fonts/fa.ttf" } }',
        {"media/fonts/fa.ttf": data},
    )
    old_theme = theme_for(old)
    assert _arabic_keys() <= set(theme_module._registered)
    new = russian(tmp_path)
    theme = theme_for(new)
    release_fonts(theme)
    old.close()
    assert not set(old_theme.fonts) & set(theme_module._registered)
    assert not _arabic_keys() & set(theme_module._registered)  # the shipped face too
    assert theme.chain.bundle == (("Cyrl", "DejaVu Sans Mono"),)
    assert theme.chain.shipped == frozenset()
    blocks = placed_blocks(new, theme, "ru")
    assert blocks["body"].document.defaultFont().families() == ["DejaVu Sans Mono", "Noto Sans"]
    assert fonts_used(blocks["body"]) == {"DejaVu Sans Mono"}
    new.close()


@pytest.mark.parametrize(("first", "pixels"), [("heading", 43), ("body", 47)])
def test_a_latin_word_in_a_persian_text_takes_its_roles_face_whatever_was_set_first(
    tmp_path: Path, qapp: object, first: str, pixels: int
) -> None:
    """Qt keeps one fallback per first family and size: roles that shared a first
    family set a Latin word in whichever role's face was laid out first."""
    bundle = persian(tmp_path)
    theme = theme_for(bundle)
    styles = {
        role: Style(face, pixels, "#ffffff", language="fa", chain=theme.chain.for_role(role))
        for role, face in (("heading", theme.heading), ("body", theme.body))
    }
    order = [first, *(role for role in styles if role != first)]
    blocks = {role: TextBlock("متن آزمایشی Cupressus متن", styles[role], 1200) for role in order}
    assert fonts_setting(blocks["heading"], "Cupressus") == {"Noto Serif"}
    assert fonts_setting(blocks["body"], "Cupressus") == {"Noto Sans"}
    bundle.close()
