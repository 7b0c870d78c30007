"""Font chains per script, and the no-tofu check, with fonts' own character maps (no Qt)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from kiosk.bundle import Bundle, load
from kiosk.bundle.glyphs import Covers, FamiliesFor, bundle_texts, glyph_problems
from kiosk.paths import resource_path
from kiosk.text.fonts import SHIPPED, FontChain, cjk_region, is_script_code, shipped_files

# Test content, written for these tests: a Persian quotation on an English bundle.
PERSIAN_TOML = """\
[bundle]
id = "test-fa"
title = { en = "Test content — Persian", fa = "محتوای آزمایشی" }
version = "1"
languages = ["en", "fa"]
source = { en = "Test content", fa = "محتوای آزمایشی" }
[[slides]]
type = "quote"
id = "words"
text.en = "Test content: a short sentence."
text.fa = "محتوای آزمایشی: جمله‌ای کوتاه."
attribution = { en = "Test content", fa = "آزمون" }
"""

LATIN_FILES = ("NotoSerif-Regular.ttf", "NotoSans-Regular.ttf")
FAMILY_FILES = {"Noto Serif": "NotoSerif-Regular.ttf", "Noto Sans": "NotoSans-Regular.ttf"} | {
    face.family: face.files[0] for faces in SHIPPED.values() for face in faces.values()
}


@cache
def cmap(name: str) -> frozenset[int]:
    return frozenset(TTFont(resource_path("fonts", name)).getBestCmap())


def covers_with(files: tuple[str, ...]) -> Covers:
    """Coverage as the given shipped files alone give it: no system fonts, no Qt."""

    def covers(families: tuple[str, ...], character: str) -> bool:
        usable = [FAMILY_FILES[family] for family in families if FAMILY_FILES.get(family) in files]
        return any(ord(character) in cmap(name) for name in usable)

    return covers


def persian_bundle(tmp_path: Path) -> Bundle:
    folder = tmp_path / "fa"
    folder.mkdir()
    (folder / "bundle.toml").write_text(PERSIAN_TOML, encoding="utf-8")
    return load(folder)


def chain_of(shipped: frozenset[str]) -> FamiliesFor:
    chain = FontChain("heading", (), shipped)
    return lambda text, language: chain.families("Noto Serif", text, language)


def test_persian_with_only_latin_fonts_is_refused_naming_text_characters_and_remedy(
    tmp_path: Path,
) -> None:
    bundle = persian_bundle(tmp_path)
    problems = glyph_problems(bundle, chain_of(frozenset()), covers_with(LATIN_FILES))
    bundle.close()
    keys = [problem.key for problem in problems]
    assert keys == [
        "bundle.title.fa",
        "bundle.source.fa",  # the default source, shown on the slide
        "slides[0].text.fa",
        "slides[0].attribution.fa",
    ]
    quotation = str(problems[2])
    assert 'bundle.toml:11: slides[0].text.fa: slide 1 (id "words"), language fa: ' in quotation
    assert '"ج" U+062C' in quotation
    assert "U+200C" not in quotation  # the zero-width non-joiner is no glyph
    assert "Arabic (Arab) script in [bundle.fonts.scripts]" in quotation
    assert "Debian fonts-noto-core" in quotation


def test_persian_passes_with_the_shipped_arabic_face(tmp_path: Path) -> None:
    bundle = persian_bundle(tmp_path)
    files = (*LATIN_FILES, *shipped_files("Arab"))
    assert glyph_problems(bundle, chain_of(frozenset({"Arab"})), covers_with(files)) == []
    bundle.close()


@pytest.mark.parametrize("script", sorted(SHIPPED))
def test_each_shipped_face_covers_its_letters_and_latin_fonts_cover_cyrillic_and_greek(
    script: str,
) -> None:
    from fontTools import unicodedata

    letters = {
        "Arab": range(0x0621, 0x064B),
        "Hebr": range(0x05D0, 0x05EB),
        "Armn": range(0x0531, 0x0557),
        "Geor": range(0x10D0, 0x10F1),
    }[script]
    for name in shipped_files(script):
        assert {code for code in letters if unicodedata.category(chr(code))[0] == "L"} <= cmap(name)
    for name in LATIN_FILES:
        for start, end in ((0x0410, 0x0450), (0x0391, 0x03CA)):  # А-я, Α-ω
            assert set(range(start, end)) - {0x03A2} <= cmap(name)


def test_the_language_chooses_the_regional_chinese_japanese_or_korean_face() -> None:
    chain = FontChain("body")
    assert chain.families("Noto Sans", "日本", "ja")[0] == "Noto Sans CJK JP"
    assert chain.families("Noto Sans", "中文", "zh")[0] == "Noto Sans CJK SC"
    assert chain.families("Noto Sans", "中文", "zh-Hant")[0] == "Noto Sans CJK TC"
    assert cjk_region("zh-TW") == "TC"
    assert chain.families("Noto Sans", "한국어", "ko")[0] == "Noto Sans CJK KR"
    # A Chinese name inside an English text: the role face first, the Han face after it.
    assert chain.families("Noto Sans", "Hello 中文", "en")[:2] == ("Noto Sans", "Noto Sans CJK SC")


def test_a_bundle_font_for_a_script_comes_before_the_shipped_and_system_faces() -> None:
    chain = FontChain("heading", (("Arab", "Vazirmatn"),), frozenset({"Arab"}))
    assert chain.families("Noto Serif", "سلام", "fa")[:3] == (
        "Vazirmatn",
        "Noto Naskh Arabic",
        "Noto Serif Arabic",
    )
    assert chain.families("Noto Serif", "Latin only", "fa") == ("Noto Serif",)


def test_script_codes_are_iso_15924() -> None:
    assert is_script_code("Arab") and is_script_code("Deva")
    assert not is_script_code("arab") and not is_script_code("Xxxq")


def test_every_text_is_walked_with_its_language(tmp_path: Path) -> None:
    bundle = persian_bundle(tmp_path)
    placed = {(text.path, text.language) for text in bundle_texts(bundle)}
    bundle.close()
    assert (("slides", 0, "text", "fa"), "fa") in placed
    assert (("bundle", "title", "en"), "en") in placed


def test_an_original_and_the_bundles_own_words_are_checked_in_their_language(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "original"
    folder.mkdir()
    toml = PERSIAN_TOML.replace('languages = ["en", "fa"]', 'languages = ["en", "ja"]')
    toml = toml.replace('fa = "محتوای آزمایشی"', 'ja = "テスト"').replace(
        'text.fa = "محتوای آزمایشی: جمله‌ای کوتاه."',
        'text.ja = "テスト"\noriginal = { lang = "fa", text = "جمله‌ای کوتاه" }',
    )
    toml = toml.replace('fa = "آزمون"', 'ja = "テスト"')
    words = {
        "still_there": "まだ？", "touch_to_continue": "触れて", "chapters": "章",
        "slides": "全部", "language": "言語", "previous": "前へ", "next": "次へ",
        "larger_text": "大きく", "reduced_motion": "動き",
    }  # fmt: skip
    toml += "\n[ui.ja]\n" + "".join(f'{key} = "{word}"\n' for key, word in words.items())
    (folder / "bundle.toml").write_text(toml, encoding="utf-8")
    bundle = load(folder)
    placed = {(text.path, text.language, text.text) for text in bundle_texts(bundle)}
    problems = glyph_problems(bundle, chain_of(frozenset()), covers_with(LATIN_FILES))
    bundle.close()
    assert (("slides", 0, "original", "text"), "fa", "جمله‌ای کوتاه") in placed
    assert (("ui", "ja", "chapters"), "ja", "章") in placed
    keys_with_problems = {problem.key for problem in problems}
    assert {"slides[0].original.text", "ui.ja.chapters"} <= keys_with_problems


def test_a_bundle_font_for_a_core_script_sets_the_letters_of_that_script() -> None:
    chain = FontChain("body", (("Cyrl", "Bundle Cyrillic"), ("Latn", "Bundle Latin")))
    # A Russian text: the bundle's Cyrillic face leads, the role's face after it.
    assert chain.families("Noto Sans", "Привет", "ru") == ("Bundle Cyrillic", "Noto Sans")
    assert chain.families("Noto Sans", "Hello", "en") == ("Bundle Latin", "Noto Sans")
    # A Russian name in an English text: the English letters must stay in the Latin face.
    assert chain.families("Noto Sans", "Hello Привет", "en")[0] == "Bundle Latin"
    # A Latin word in a Persian text: after the Arabic faces, before the role's face.
    persian = FontChain("body", (("Latn", "Bundle Latin"),), frozenset({"Arab"}))
    families = persian.families("Noto Sans", "سلام Baku", "fa")
    assert families[0] == "Noto Sans Arabic"
    assert families.index("Bundle Latin") == families.index("Noto Sans") - 1
    assert FontChain("body").families("Noto Sans", "Привет", "ru") == ("Noto Sans",)


def test_arabic_headings_and_text_have_faces_of_their_own() -> None:
    """One first family for both roles let Qt's cached fallback set a Latin word in a
    body in the heading's face (tests/ui/test_fonts.py shows it with Qt)."""
    assert SHIPPED["Arab"]["heading"].family == "Noto Naskh Arabic"
    assert SHIPPED["Arab"]["body"].family == "Noto Sans Arabic"
    for faces in SHIPPED.values():
        assert faces["heading"].family != faces["body"].family


def test_no_font_is_shipped_for_common_inherited_or_unknown_characters() -> None:
    from kiosk.text.fonts import font_script_problem

    for code in ("Zyyy", "Zinh", "Zzzz"):
        assert "not a script to ship a font for" in (font_script_problem(code) or "")
    assert font_script_problem("Arab") is None
