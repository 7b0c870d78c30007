"""Direction, script and native name come from CLDR, for any code a bundle may use."""

from __future__ import annotations

import pytest

from kiosk.text import languages
from kiosk.text.scripts import can_be_italic, scripts_in


@pytest.mark.parametrize(
    ("code", "direction"),
    [
        ("fa", "rtl"), ("ar", "rtl"), ("he", "rtl"), ("ur", "rtl"), ("ps", "rtl"),
        ("ckb", "rtl"), ("ku-Arab", "rtl"), ("az-Arab", "rtl"), ("yi", "rtl"),
        ("en", "ltr"), ("az", "ltr"), ("ku", "ltr"), ("zh-Hant", "ltr"), ("ja", "ltr"),
        ("hy", "ltr"), ("ka", "ltr"), ("th", "ltr"), ("xx", "ltr"),
    ],
)  # fmt: skip
def test_direction_comes_from_the_locale_data(code: str, direction: str) -> None:
    assert languages.direction(code) == direction


@pytest.mark.parametrize(
    ("code", "script"),
    [("fa", "Arab"), ("az", "Latn"), ("sr-Latn", "Latn"), ("sr", "Cyrl"), ("zh", "Hans"),
     ("zh-TW", "Hant"), ("ja", "Jpan"), ("ka", "Geor"), ("xx", None)],
)  # fmt: skip
def test_script_comes_from_the_code_or_the_likely_subtags(code: str, script: str | None) -> None:
    assert languages.script(code) == script


def test_names_are_in_their_own_script_and_start_a_menu_entry() -> None:
    assert languages.native_name("fa") == "فارسی"
    assert languages.native_name("ar") == "العربية"
    assert languages.native_name("he") == "עברית"
    assert languages.native_name("zh") == "中文"
    assert languages.native_name("fr") == "Français"
    assert languages.native_name("az") == "Azərbaycan"
    assert languages.native_name("xx") == "xx"


def test_scripts_of_a_text_ignore_digits_spaces_and_punctuation() -> None:
    assert scripts_in("Salam, دوست 1990!") == {"Latn", "Arab"}
    assert scripts_in("1990 — 2026") == set()
    assert can_be_italic("Привет, Ελλάδα, hello")
    assert not can_be_italic("سلام")
    assert not can_be_italic("20 January, 一月")


@pytest.mark.parametrize(
    ("code", "separator"),
    [("en", ", "), ("fa", "،\u200f "), ("ar", "، "), ("ja", "、"), ("th", " "), ("xx", ", ")],
)
def test_two_items_are_separated_as_the_language_does(code: str, separator: str) -> None:
    assert languages.list_separator(code) == separator


def test_an_explicit_script_decides_the_direction() -> None:
    assert languages.direction("ar-Latn") == "ltr"
    assert languages.direction("az-Arab") == "rtl"
    assert languages.direction("ar") == "rtl"


def test_a_region_is_named_only_when_another_language_needs_telling_apart() -> None:
    assert languages.native_name("fa-IR") == "فارسی"
    assert languages.native_name("fa-IR", among=("fa-IR", "en")) == "فارسی"
    assert languages.native_name("pt-BR", among=("pt-BR", "pt-PT")) == "Português (Brasil)"
    assert languages.native_name("zh-Hant", among=("zh-Hant", "en")) == "中文 (繁體)"


def test_same_language_means_same_language_and_script() -> None:
    assert languages.same_language("az", "az-Latn")
    assert languages.same_language("fa", "fa-IR")
    assert not languages.same_language("zh", "zh-Hant")
    assert not languages.same_language("sr-Cyrl", "sr-Latn")
    assert not languages.same_language("fa", "en")
