"""Numbers on screen in the digits of the visitor's language, as CLDR has them."""

from __future__ import annotations

import pytest

from kiosk.text.numbers import in_digits_of


@pytest.mark.parametrize(
    ("code", "written"),
    [("en", "20"), ("fa", "۲۰"), ("ps", "۲۰"), ("ar", "20"), ("bn", "২০"), ("mr", "२०"),
     ("xx", "20")],
)  # fmt: skip
def test_the_seconds_are_written_in_the_digits_of_the_language(code: str, written: str) -> None:
    assert in_digits_of("20", code) == written


def test_only_digits_change() -> None:
    assert in_digits_of("Locked for 15 s", "fa") == "Locked for ۱۵ s"
