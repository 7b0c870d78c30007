"""Values pydantic's lax mode would take or would explain in its own words: each gets a
curator's message naming the key and what to write (issue 15 follow-up)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.bundle import BundleError, load, suggest
from kiosk.bundle.toml_errors import syntax_findings
from tests.bundles import VALID_TOML, write_bundle


def _messages(root: Path) -> list[str]:
    try:
        load(root).close()
    except BundleError as error:
        return [f"{problem.key}: {problem.message}" for problem in error.problems]
    return []


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            'attract_sound = "yes"',
            "media.attract_sound: must be true or false, without quotes: attract_sound = true",
        ),
        (
            'attract_sound = "false"',
            "media.attract_sound: must be true or false, without quotes: attract_sound = false",
        ),
        (
            "attract_sound = 1",
            "media.attract_sound: must be true or false, without quotes, e.g. attract_sound = true",
        ),
        (
            'idle_reset_seconds = "90"',
            "timing.idle_reset_seconds: must be a number, without quotes: idle_reset_seconds = 90",
        ),
        (
            "idle_reset_seconds = true",
            "timing.idle_reset_seconds: must be a number, e.g. 12 or 12.5 (without quotes)",
        ),
        ("idle_reset_seconds = 5", "timing.idle_reset_seconds: must be 15 or more, not 5"),
    ],
)
def test_a_boolean_or_number_is_taken_only_as_toml_writes_it(
    tmp_path: Path, written: str, expected: str
) -> None:
    if written.startswith("attract"):
        toml = f"{VALID_TOML}\n[media]\n{written}\n"
    else:
        toml = VALID_TOML.replace("idle_reset_seconds = 60", written)
    assert _messages(write_bundle(tmp_path / "b", toml)) == [expected]


def test_whole_numbers_stay_numbers(tmp_path: Path) -> None:
    toml = VALID_TOML.replace('type = "quote"', 'type = "quote"\nseconds = 20', 1)
    bundle = load(write_bundle(tmp_path / "b", toml))
    assert bundle.manifest.slides[1].seconds == 20
    bundle.close()


@pytest.mark.parametrize(
    ("code", "meant"),
    [
        ("fe", "fr"),
        ("rf", "fr"),
        ("FR", "fr"),
        ("frr", "fr"),
        ("qq", None),
        ("xyz", None),
        ("de", None),
    ],
)
def test_a_language_one_slip_from_exactly_one_of_the_bundles_is_suggested(
    code: str, meant: str | None
) -> None:
    assert suggest.language(code, ["en", "fr"]) == meant


def test_a_code_one_slip_from_two_of_the_bundles_gets_no_guess() -> None:
    assert suggest.language("ez", ["en", "az"]) is None


@pytest.mark.parametrize(
    ("line", "advice"),
    [
        (
            "slide_seconds = 12s",
            "`12s` is not a number: slide_seconds takes a number, written "
            "plainly without units or quotes: slide_seconds = 12",
        ),
        ("loop = yes", "`yes` is not true or false: write loop = true (no quotes)"),
        (
            "attract_sound = no",
            "`no` is not true or false: write attract_sound = false (no quotes)",
        ),
        (
            "version = 1.0 beta",
            "`1.0 beta` is not a number: a number is written plainly "
            '(12 or 12.5), anything else goes in quotes: version = "1.0 beta"',
        ),
    ],
)
def test_a_value_toml_cannot_read_gets_advice_of_the_keys_kind(line: str, advice: str) -> None:
    assert [found.message for found in syntax_findings(f"[x]\n{line}\n")] == [advice]
