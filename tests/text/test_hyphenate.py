"""Soft hyphens: where a narrow line needs them, never in numbers, names or last words."""

from __future__ import annotations

from kiosk.text.breaks import SOFT_HYPHEN
from kiosk.text.hyphenate import can_hyphenate, hyphenate, needs_hyphens


def shown(text: str) -> str:
    return text.replace(SOFT_HYPHEN, "-")


def test_english_words_get_soft_hyphens_from_the_dictionary() -> None:
    result = shown(hyphenate("the punishment inflicted on them", "en"))
    assert "pun-ish-ment" in result


def test_azerbaijani_words_break_before_a_consonant_and_a_vowel() -> None:
    """pyphen has no Azerbaijani dictionary; the Turkic rule is written in the module."""
    assert "xəbər-dar-lıq" in shown(hyphenate("bir xəbərdarlıq məqsədi", "az"))
    assert can_hyphenate("az") and can_hyphenate("tr")


def test_never_in_numbers_names_or_the_last_word() -> None:
    text = "Vaşinqtondakı 1990-cıillərdə müstəqilliyini müstəqilliyini"
    result = hyphenate(text, "az")
    first, number, middle, last = result.split(" ")
    assert SOFT_HYPHEN not in first  # a name
    assert SOFT_HYPHEN not in number
    assert SOFT_HYPHEN in middle
    assert SOFT_HYPHEN not in last  # the paragraph's last word


def test_german_nouns_are_hyphenated_though_capitalised() -> None:
    assert SOFT_HYPHEN in hyphenate("Die Donaudampfschifffahrtsgesellschaft fuhr", "de")


def test_at_least_three_letters_stay_on_either_side() -> None:
    for piece in hyphenate("indiscriminately fired", "en").split()[0].split(SOFT_HYPHEN):
        assert len(piece) >= 2
    word = hyphenate("indiscriminately fired", "en").split()[0]
    pieces = word.split(SOFT_HYPHEN)
    assert len(pieces[0]) >= 3 and len(pieces[-1]) >= 3


def test_hyphens_only_where_lines_are_narrow() -> None:
    assert needs_hyphens("en", 20) and not needs_hyphens("en", 55)
    assert needs_hyphens("az", 38) and not needs_hyphens("en", 38)  # long words
    assert not needs_hyphens("fa", 10)  # no dictionary: never
    assert hyphenate("متن آزمایشی طولانی برای", "fa") == "متن آزمایشی طولانی برای"
