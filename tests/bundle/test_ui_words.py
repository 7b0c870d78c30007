"""The bundle's [ui] table: the kiosk's visitor words per language, and validate refusing
a language that has none. Texts in other languages here are test content."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.bundle import BundleError, load
from kiosk.bundle.errors import Problem
from kiosk.text import words
from tests.bundles import write_bundle

#: Test content, in the test's languages: "Test content" in each.
TITLES = {
    "en": "Test content",
    "fr": "Contenu de test",
    "fr-CA": "Contenu de test",
    "he": "תוכן בדיקה",
    "ja": "テスト用の内容",
    "zh-TW": "測試內容",
    "fa": "محتوای آزمایشی",
}


def bundle_toml(languages: list[str], ui: str = "") -> str:
    title = ", ".join(f'"{code}" = "{TITLES[code]}"' for code in languages)
    return f"""\
[bundle]
id = "ui-words"
title = {{ {title} }}
version = "1"
languages = [{", ".join(f'"{code}"' for code in languages)}]
source = {{ {title} }}
[[slides]]
type = "title"
title = {{ {title} }}
{ui}"""


def ui_table(language: str, keys: tuple[str, ...] | list[str] | None = None) -> str:
    given = words.keys("visitor") if keys is None else keys
    lines = "\n".join(f'{key} = "({language}) {key}"' for key in given)
    return f'\n[ui."{language}"]\n{lines}\n'


def problems(tmp_path: Path, toml: str) -> list[Problem]:
    with pytest.raises(BundleError) as caught:
        load(write_bundle(tmp_path / "b", toml))
    return caught.value.problems


@pytest.mark.parametrize("language", ["he", "ja"])
def test_a_language_without_the_kiosks_words_is_refused_naming_them(
    tmp_path: Path, language: str
) -> None:
    (problem,) = problems(tmp_path, bundle_toml(["en", language]))
    assert problem.key == "bundle.languages[1]" and problem.line == 5
    assert f"[ui.{language}]" in problem.message
    for key in words.keys("visitor"):
        # The captions and Listen buttons show only with film or sound: not asked here.
        assert (key in problem.message) is (key not in words.MEDIA_WORDS), key


@pytest.mark.parametrize("language", ["he", "ja"])
def test_the_same_language_with_a_complete_ui_table_passes(tmp_path: Path, language: str) -> None:
    bundle = load(write_bundle(tmp_path / "b", bundle_toml(["en", language], ui_table(language))))
    assert bundle.manifest.ui_words()[language]["still_there"] == f"({language}) still_there"


def test_a_partial_ui_table_names_what_it_lacks(tmp_path: Path) -> None:
    toml = bundle_toml(["en", "he"], ui_table("he", ["still_there", "touch_to_continue"]))
    (problem,) = problems(tmp_path, toml)
    assert problem.key == "ui.he"
    assert problem.message.startswith("the [ui.he] table lacks chapters, slides, language")


def test_traditional_chinese_does_not_take_the_simplified_words(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path, bundle_toml(["en", "zh-TW"]))
    assert "[ui.zh-TW]" in problem.message


def test_canadian_french_takes_the_french_words(tmp_path: Path) -> None:
    load(write_bundle(tmp_path / "b", bundle_toml(["fr-CA", "en"])))


def test_a_ui_table_overrides_the_kiosks_words(tmp_path: Path) -> None:
    ui = '\n[ui.fr]\nstill_there = "Encore là ?"\n'
    bundle = load(write_bundle(tmp_path / "b", bundle_toml(["en", "fr"], ui)))
    given = bundle.manifest.ui_words()
    assert given == {"fr": {"still_there": "Encore là ?"}}
    assert words.word("still_there", "fr", given) == "Encore là ?"
    assert words.word("still_there", "en", given) == "Still there?"


def test_a_misspelt_word_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    ui = '\n[ui.fr]\nstil_there = "Encore là ?"\n'
    (problem,) = problems(tmp_path, bundle_toml(["en", "fr"], ui))
    assert problem.key == "ui.fr.stil_there" and problem.line == 12
    assert 'did you mean "still_there"?' in problem.message


def test_staff_words_cannot_be_given_by_a_bundle(tmp_path: Path) -> None:
    ui = '\n[ui.fr]\nexit = "Reprendre"\n'
    (problem,) = problems(tmp_path, bundle_toml(["en", "fr"], ui))
    assert problem.key == "ui.fr.exit" and "cannot change" in problem.message


def test_a_ui_table_must_be_for_a_bundle_language(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path, bundle_toml(["en", "fr"], ui_table("fa")))
    assert problem.key == "ui.fa"
    assert 'is for "fa", which is not among the bundle\'s languages (en, fr)' in problem.message


def test_a_blank_word_is_refused(tmp_path: Path) -> None:
    ui = '\n[ui.fr]\nnext = "  "\n'
    (problem,) = problems(tmp_path, bundle_toml(["en", "fr"], ui))
    assert problem.key == "ui.fr.next" and problem.message == "is empty"
