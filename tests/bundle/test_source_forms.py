"""A source in two forms: short on the slide, the full reference for staff and print."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.bundle import BundleError, load
from kiosk.bundle.schema import schema_text
from tests.bundles import VALID_TOML, write_bundle

NARRATIVE = 'body = { en = "Some **Markdown**.", az = "Bir az **Markdown**." }\n'


def bundle_with(tmp_path: Path, source: str) -> Path:
    return write_bundle(tmp_path / "b", VALID_TOML.replace(NARRATIVE, NARRATIVE + source))


def problems(tmp_path: Path, source: str) -> list[str]:
    with pytest.raises(BundleError) as caught:
        load(bundle_with(tmp_path, source))
    return [f"{problem.key}: {problem.message}" for problem in caught.value.problems]


def test_a_source_written_once_is_both_its_short_form_and_its_full_reference(
    tmp_path: Path,
) -> None:
    slide = load(bundle_with(tmp_path, 'source = { en = "A book", az = "Bir kitab" }\n'))
    slide = slide.manifest.slides[2]
    assert slide.source_text("az") == "Bir kitab"
    assert slide.source_text("az", "full") == "Bir kitab"


def test_a_short_form_is_shown_and_the_full_reference_kept(tmp_path: Path) -> None:
    source = (
        'source.short = { en = "Press release, 2013", az = "Press-reliz, 2013" }\n'
        'source.full = { en = "Embassy, press release of 18 January 2013", '
        'az = "Səfirlik, 18 yanvar 2013-cü il tarixli press-reliz" }\n'
    )
    slide = load(bundle_with(tmp_path, source)).manifest.slides[2]
    assert slide.source_text("en") == "Press release, 2013"
    assert slide.source_text("en", "full") == "Embassy, press release of 18 January 2013"
    # A slide without a source of its own has the bundle's default ([bundle] source).
    assert load(bundle_with(tmp_path, source)).manifest.slides[0].source_text("en") == (
        "Test content"
    )


def test_a_source_form_missing_a_language_is_named_with_its_place(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        'source.short = { en = "Short" }\nsource.full = { en = "Full", az = "Tam" }\n',
    )
    assert found == ['slides[2].source.short.az: has no "az" text (every text needs en, az)']


def test_a_short_form_without_its_full_reference_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, 'source.short = { en = "Short", az = "Qısa" }\n')
    assert found == ["slides[2].source.full: is required but missing"]


def test_a_source_form_written_as_one_string_asks_for_a_text_per_language(
    tmp_path: Path,
) -> None:
    found = problems(tmp_path, 'source = { short = "Short", full = { en = "Full", az = "Tam" } }\n')
    assert found == [
        'slides[2].source.short: must be a text per language, e.g. { en = "...", az = "..." }'
    ]


def test_the_schema_tells_a_text_from_a_source_in_two_forms() -> None:
    """A source with `short` or `full` is the two forms, anything else a text of language
    codes only: an editor then reports a typo in either against the right one."""
    schema = json.loads(schema_text())
    source = schema["definitions"]["NarrativeSlide"]["properties"]["source"]
    assert source["if"]["anyOf"] == [{"required": ["short"]}, {"required": ["full"]}]
    assert source["then"] == {"$ref": "#/definitions/SourceForms"}
    assert source["else"]["additionalProperties"] is False
    assert set(schema["definitions"]["SourceForms"]["required"]) == {"short", "full"}
