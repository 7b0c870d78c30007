"""Texts that would show nothing or a box, and language codes that name no language."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.bundle import BundleError, load
from tests.bundles import VALID_TOML, write_bundle


def problems_of(root: Path) -> list[tuple[str | None, str]]:
    with pytest.raises(BundleError) as caught:
        load(root)
    return [(problem.key, problem.message) for problem in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salam \\u0007", "contains the control character U+0007"),
        ("Sa\\u0000lam", "contains the control character U+0000"),
        ("\\u200F\\u202B\\u2067\\u200E", "has no visible character"),
        ("\\u200D\\u200C", "has no visible character"),
        ("\\u064B\\u0301\\u0651", "has no visible character"),
        ("   ", "is empty"),
    ],
)
def test_a_text_that_would_show_nothing_or_a_box_is_refused(
    tmp_path: Path, text: str, expected: str
) -> None:
    toml = VALID_TOML.replace('az = "Salam"', f'az = "{text}"')
    [(key, message)] = problems_of(write_bundle(tmp_path / "b", toml))
    assert key == "slides[0].title.az"
    assert message.startswith(expected)


def test_tabs_and_new_lines_are_text(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('az = "Salam"', 'az = "Sa\\tlam\\nyenə"')
    load(write_bundle(tmp_path / "b", toml)).close()


@pytest.mark.parametrize("code", ["und", "mul", "zxx", "mis"])
def test_codes_that_name_no_language_are_refused(tmp_path: Path, code: str) -> None:
    toml = VALID_TOML.replace(
        'attribution = { en = "Someone", az = "Kimsə" }',
        f'attribution = {{ en = "Someone", az = "Kimsə" }}\noriginal = {{ lang = "{code}", '
        'text = "x" }',
    )
    [(key, message)] = problems_of(write_bundle(tmp_path / "b", toml))
    assert key == "slides[1].original.lang"
    assert f'"{code}" names no language' in message


def test_a_code_in_capitals_is_told_how_to_write_it(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('languages = ["en", "az"]', 'languages = ["EN", "az"]')
    problems = problems_of(write_bundle(tmp_path / "b", toml))
    assert ("bundle.languages[0]", 'write "EN" as "en"') in problems


def test_a_language_twice_in_other_capitals_is_refused(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('languages = ["en", "az"]', 'languages = ["en", "az", "AZ"]')
    toml = toml.replace(
        'languages = ["en", "az", "AZ"]', 'languages = ["en", "az-Latn", "az-latn"]'
    )
    toml = toml.replace('az = "', 'az-Latn = "')
    problems = problems_of(write_bundle(tmp_path / "b", toml))
    assert ("bundle.languages", "lists a language twice") in problems


def test_a_ui_table_for_another_language_is_named_with_every_other_problem(
    tmp_path: Path,
) -> None:
    toml = VALID_TOML.replace('version = "1.0"', 'version = "1.0"\ncolour = "red"')
    toml += '\n[ui.de]\nstill_there = "Noch da?"\n'
    keys = [key for key, _message in problems_of(write_bundle(tmp_path / "b", toml))]
    assert "bundle.colour" in keys
    assert "ui.de" in keys


def test_words_written_straight_under_ui_are_told_where_they_go(tmp_path: Path) -> None:
    toml = VALID_TOML + '\n[ui]\nstill_there = "Encore là ?"\n'
    assert problems_of(write_bundle(tmp_path / "b", toml)) == [
        (
            "ui.still_there",
            "the kiosk's words go in a table per language, such as [ui.en] or [ui.az], "
            'e.g. [ui.en] then still_there = "..."',
        )
    ]
