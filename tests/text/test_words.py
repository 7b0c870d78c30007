"""The kiosk's own words: every key in every shipped language, and who may use whose."""

from __future__ import annotations

import string

import pytest

from kiosk.paths import resource_path
from kiosk.text import words

#: The languages the kiosk speaks by itself (issue 12): the UN's six, and de, tr, fa, az.
REQUIRED = ("en", "fr", "es", "ar", "zh", "ru", "de", "tr", "fa", "az")
EVERY_KEY = [(group, key) for group in words.GROUPS for key in words.keys(group)]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_required_languages_are_shipped() -> None:
    assert set(REQUIRED) <= set(words.builtin_languages())


@pytest.mark.parametrize("language", REQUIRED)
@pytest.mark.parametrize(("group", "key"), EVERY_KEY)
def test_every_word_is_in_every_language(language: str, group: str, key: str) -> None:
    """Fails for a key added to en.toml and not to the other files."""
    text = words.builtin(language, group).get(key)  # type: ignore[arg-type]
    assert text and text.strip(), f"{language}.toml has no [{group}] {key}"
    assert _fields(text) == _fields(words.english(key)), "the {placeholders} must match"


@pytest.mark.parametrize("language", REQUIRED)
def test_no_language_has_words_english_does_not(language: str) -> None:
    for group in words.GROUPS:
        assert set(words.builtin(language, group)) <= set(words.keys(group))


@pytest.mark.parametrize("language", [code for code in REQUIRED if code != "en"])
def test_each_translation_says_it_needs_a_native_speakers_check(language: str) -> None:
    text = resource_path("words", f"{language}.toml").read_text(encoding="utf-8")
    assert "CHECKED BY A NATIVE SPEAKER" in text


def test_words_are_written_as_their_language_writes() -> None:
    assert words.word("still_there", "fr") == "Vous êtes toujours là\u202f?"
    assert words.word("still_there", "de") == "Noch da?"
    assert words.word("still_there", "zh") == "还在吗？"
    assert words.word("still_there", "fa").endswith("؟")
    assert words.word("still_there", "ar").endswith("؟")
    assert "\u200c" in words.word("chapters", "fa")  # بخش‌ها: the non-joiner stays


@pytest.mark.parametrize(
    ("code", "shipped"),
    [("fr", "fr"), ("fr-CA", "fr"), ("en-GB", "en"), ("zh-Hans", "zh"), ("zh-CN", "zh"),
     ("zh-TW", None), ("zh-Hant", None), ("zh-HK", None), ("az-Arab", None),
     ("he", None), ("ja", None), ("sr-Latn", None)],
)  # fmt: skip
def test_a_variant_takes_its_languages_words_only_in_the_same_script(
    code: str, shipped: str | None
) -> None:
    assert words.words_language(code) == shipped


def test_a_bundles_words_come_first_then_the_kiosks_then_english() -> None:
    ui = {"fr": {"still_there": "Encore là ?"}}
    assert words.word("still_there", "fr", ui) == "Encore là ?"
    assert words.word("touch_to_continue", "fr", ui) == "Touchez l’écran pour continuer"
    assert words.word("still_there", "he") == "Still there?"


def test_a_bundle_cannot_give_staff_words() -> None:
    ui = {"fr": {"exit": "Reprendre"}}
    assert words.word("exit", "fr", ui) == "Quitter le kiosque"


def test_staff_words_fill_in_their_numbers() -> None:
    assert words.staff_word("locked_for", "ru", seconds=60) == "Заблокировано на 60 с"


def test_missing_names_the_words_no_one_gives() -> None:
    assert words.missing("fr-CA") == []
    assert words.missing("he") == list(words.keys("visitor"))
    given = dict.fromkeys(words.keys("visitor"), "x")
    del given["next"]
    assert words.missing("he", given) == ["next"]


def test_a_misspelt_word_gets_a_suggestion() -> None:
    assert 'did you mean "still_there"' in words.unknown_key_message("stil_there")
    assert "cannot change" in words.unknown_key_message("exit")
